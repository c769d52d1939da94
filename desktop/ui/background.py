"""The one helper that runs work off the GUI thread (after Anki's ``operations`` helper).

The work is a plain function that touches no widget; its result or exception comes back
through queued signals, so the callbacks always run on the GUI thread. A callback is not called
once Qt has deleted the object it updates (``owner``; by default the object of a bound-method
callback): a wizard cancelled while it was still reading, or a window rebuilt for another
language, would otherwise have the result land in deleted widgets.

A long job the person waits for (a backup, a restore, a recount, a station package) goes
through :func:`run_job`, which owns its progress dialog, the page's busy state and the showing
of a failure.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

import shiboken6
from PySide6.QtCore import QObject, QRunnable, Qt, QThreadPool, Signal, Slot
from PySide6.QtWidgets import QProgressDialog, QWidget

from desktop.ui.feedback import background_failure

log = logging.getLogger(__name__)

#: Progress dialogs appear only for work that takes longer than this.
PROGRESS_DELAY_MS = 400

#: Tasks still running, kept alive until their result has been delivered.
_RUNNING: set[Task] = set()


class _Signals(QObject):
    succeeded = Signal(object)
    failed = Signal(object)


class _Runnable(QRunnable):
    def __init__(self, work: Callable[[], Any], signals: _Signals) -> None:
        super().__init__()
        self.work = work
        self.signals = signals

    def run(self) -> None:
        try:
            result = self.work()
        except Exception as exc:  # handed to the GUI thread, which decides what to show
            self.signals.failed.emit(exc)
        else:
            self.signals.succeeded.emit(result)


class Task(QObject):
    """One background call. Created on the GUI thread; its slots run there."""

    def __init__(self, work: Callable[[], Any], on_success: Callable[[Any], None],
                 on_failure: Callable[[Exception], None] | None,
                 owner: QObject | None = None) -> None:
        super().__init__()
        self.on_success = on_success
        self.on_failure = on_failure
        self.owner = owner if owner is not None else _bound_qobject(on_success, on_failure)
        self.signals = _Signals()
        self.signals.succeeded.connect(self._succeeded)
        self.signals.failed.connect(self._failed)
        self.runnable = _Runnable(work, self.signals)
        self.runnable.setAutoDelete(False)

    def _owner_gone(self) -> bool:
        if self.owner is None or shiboken6.isValid(self.owner):
            return False
        log.info("a background result for a deleted %s was dropped",
                 type(self.owner).__name__)
        return True

    @Slot(object)
    def _succeeded(self, result: Any) -> None:
        _RUNNING.discard(self)
        if not self._owner_gone():
            self.on_success(result)

    @Slot(object)
    def _failed(self, exc: Exception) -> None:
        _RUNNING.discard(self)
        if self._owner_gone():
            return
        if self.on_failure is None:
            raise exc  # reaches sys.excepthook and its error dialog
        self.on_failure(exc)


def _bound_qobject(*callbacks: Callable[..., Any] | None) -> QObject | None:
    """The QObject a bound-method callback belongs to, if any."""
    for callback in callbacks:
        bound = getattr(callback, "__self__", None)
        if isinstance(bound, QObject):
            return bound
    return None


def run_in_background(work: Callable[[], Any], on_success: Callable[[Any], None],
                      on_failure: Callable[[Exception], None] | None = None, *,
                      owner: QObject | None = None) -> Task:
    """Run ``work()`` on the shared thread pool; call back on the GUI thread, unless ``owner``
    (default: the object of a bound-method callback) has been deleted by then."""
    task = Task(work, on_success, on_failure, owner)
    _RUNNING.add(task)
    QThreadPool.globalInstance().start(task.runnable)
    return task


def wait_for_background(msecs: int = 10_000) -> bool:
    """For tests and shutdown: wait until no background work is left."""
    return QThreadPool.globalInstance().waitForDone(msecs)


def progress_dialog(parent: QWidget, title: str, text: str, maximum: int = 0,
                    cancel: str | None = None) -> QProgressDialog:
    """The window-modal progress of a background job, shown only once it has taken longer
    than ``PROGRESS_DELAY_MS``; it stays open until the job closes it. ``maximum`` 0 is a busy
    bar; without ``cancel`` text there is no Cancel button."""
    dialog = QProgressDialog(text, cancel or "", 0, maximum, parent)
    if cancel is None:
        dialog.setCancelButton(None)
    dialog.setWindowTitle(title)
    dialog.setWindowModality(Qt.WindowModality.WindowModal)
    dialog.setMinimumDuration(PROGRESS_DELAY_MS)
    dialog.setAutoClose(False)
    dialog.setAutoReset(False)
    dialog.setValue(0)
    return dialog


class _Progress(QObject):
    """A job's ``report(done, total)``, called on the worker thread, shown on the GUI thread."""

    moved = Signal(int, int)

    def __init__(self, dialog: QProgressDialog) -> None:
        super().__init__(dialog)
        self.dialog = dialog
        self.moved.connect(self._show)

    @Slot(int, int)
    def _show(self, done: int, total: int) -> None:
        self.dialog.setMaximum(total)
        self.dialog.setValue(done)


def run_job(parent: QWidget, title: str, text: str,
            work: Callable[[Callable[[int, int], None]], Any], done: Callable[[Any], None], *,
            busy: Callable[[bool], None] | None = None,
            failed: Callable[[Exception], None] | None = None) -> Task:
    """A long job the person waits for: ``work(report)`` on the thread pool (``report(done,
    total)`` moves the bar, from any thread); over ``parent`` a window-modal progress dialog
    (:func:`progress_dialog`: a busy bar until the first report); ``busy(True)`` now and
    ``busy(False)`` when the job ends, before ``done(result)`` or ``failed(exc)`` (by default a
    refusal is shown over ``parent``, anything else reaches the excepthook). Nothing is called
    back once Qt has deleted ``parent``."""
    dialog = progress_dialog(parent, title, text)
    progress = _Progress(dialog)
    shown = failed or background_failure(parent)
    if busy is not None:
        busy(True)

    def ended() -> None:
        dialog.close()
        dialog.deleteLater()
        if busy is not None:
            busy(False)

    def succeeded(result: Any) -> None:
        ended()
        done(result)

    def refused(exc: Exception) -> None:
        ended()
        shown(exc)

    return run_in_background(lambda: work(progress.moved.emit), succeeded, refused, owner=parent)
