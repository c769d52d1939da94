"""Logging to a rotating file, and unexpected exceptions shown in a dialog, not lost.

A native crash (a segmentation fault in Qt, say) never reaches Python's logging: faulthandler
writes its Python stack to ``crash.log`` beside the log file, through a file kept open for the
life of the process.

A :class:`RuleError` that reaches the hook (a service refusing, say, an action the role may not
take, from a call no page wrapped in ``run_checked``) is no bug: it is shown like every other
refusal, in the core's words."""

from __future__ import annotations

import faulthandler
import logging
import logging.handlers
import os
import sys
import time
import traceback
from pathlib import Path
from types import TracebackType
from typing import IO

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ballotformat.messages import RuleError
from desktop.core.services import log_dir
from desktop.ui.feedback import show_refusal
from desktop.ui.i18n import arg

log = logging.getLogger("desktop.ui")

LOG_FILE_NAME = "ballotdesk.log"
LOG_MAX_BYTES = 1_000_000
LOG_BACKUP_COUNT = 5
CRASH_LOG_NAME = "crash.log"
#: The crash log starts afresh at a start that finds it larger than this.
CRASH_LOG_MAX_BYTES = 1_000_000

#: The open crash log: faulthandler writes to its descriptor when the process dies.
_crash_file: list[IO[str]] = []


def setup_logging(folder: Path | None = None) -> Path:
    """Send every log record to a rotating file in the user's log folder; return its path."""
    path = (folder or log_dir()) / LOG_FILE_NAME
    handler = logging.handlers.RotatingFileHandler(
        path, maxBytes=LOG_MAX_BYTES, backupCount=LOG_BACKUP_COUNT, encoding="utf-8")
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    root = logging.getLogger()
    root.setLevel(logging.INFO)
    root.addHandler(handler)
    return path


def enable_crash_log(folder: Path | None = None) -> Path:
    """Have faulthandler write native crashes (with every thread's Python stack) to
    ``crash.log`` in the log folder; each start adds a line saying which process it is."""
    path = (folder or log_dir()) / CRASH_LOG_NAME
    mode = "w" if path.exists() and path.stat().st_size > CRASH_LOG_MAX_BYTES else "a"
    stream = path.open(mode, encoding="utf-8")
    stream.write(f"--- process {os.getpid()} started {time.strftime('%Y-%m-%d %H:%M:%S')}\n")
    stream.flush()
    faulthandler.enable(file=stream, all_threads=True)
    _crash_file[:] = [stream]
    return path


class ErrorDialog(QDialog):
    """What went wrong, in words, plus the details to copy into a bug report."""

    def __init__(self, summary: str, details: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Unexpected error"))
        self.details = details
        text = QLabel(arg(self.tr("Something went wrong. Everything up to the last completed "
                                  "action has been saved.\n\n%1"), summary))
        text.setWordWrap(True)
        view = QPlainTextEdit(details)
        view.setReadOnly(True)
        view.setMinimumSize(560, 220)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.copy_button = QPushButton(self.tr("Copy details"))
        buttons.addButton(self.copy_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.copy_button.clicked.connect(self.copy_details)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(text)
        layout.addWidget(view)
        layout.addWidget(buttons)

    def copy_details(self) -> None:
        QApplication.clipboard().setText(self.details)


def excepthook(kind: type[BaseException], exc: BaseException,
               tb: TracebackType | None) -> None:
    """``sys.excepthook``: log the exception and show it, instead of a silent crash."""
    if issubclass(kind, KeyboardInterrupt):
        sys.__excepthook__(kind, exc, tb)
        return
    if QCoreApplication.instance() is None:
        log.error("unexpected exception", exc_info=(kind, exc, tb))
        sys.__excepthook__(kind, exc, tb)
        return
    if isinstance(exc, RuleError):
        log.info("refused: %s", "; ".join(m.text("en") for m in exc.messages))
        show_refusal(QApplication.activeWindow(), exc)
        return
    log.error("unexpected exception", exc_info=(kind, exc, tb))
    details = "".join(traceback.format_exception(kind, exc, tb))
    ErrorDialog(f"{kind.__name__}: {exc}", details, QApplication.activeWindow()).exec()


def install_excepthook() -> None:
    sys.excepthook = excepthook
