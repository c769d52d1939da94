"""Fixtures of the GUI tests: the app's identity, translators, and modal boxes that answer."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

import pytest
from PySide6.QtCore import QCoreApplication, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox, QProgressDialog, QWidget

from desktop.ui.app import install_ui_font
from desktop.ui.background import wait_for_background
from desktop.ui.i18n import install_language


@pytest.fixture(autouse=True)
def _app(qapp: QApplication) -> Iterator[QApplication]:
    """Every GUI test: the app's names (QSettings), the shipped font, Chinese, no stray threads."""
    QCoreApplication.setOrganizationName("BallotDesk")
    QCoreApplication.setApplicationName("BallotDesk")
    install_ui_font(qapp)
    install_language("zh_CN")
    yield qapp
    assert wait_for_background(), "background work still running after the test"
    install_language("zh_CN")


@dataclass
class MessageBoxes:
    """QMessageBox's static functions, recorded instead of shown."""

    answer: QMessageBox.StandardButton = QMessageBox.StandardButton.Yes
    shown: list[tuple[str, str, str]] = field(default_factory=list)

    def kinds(self) -> list[str]:
        return [kind for kind, _title, _text in self.shown]

    def texts(self) -> str:
        return "\n".join(text for _kind, _title, text in self.shown)


@pytest.fixture
def boxes(monkeypatch: pytest.MonkeyPatch) -> MessageBoxes:
    recorded = MessageBoxes()

    def fake(kind: str) -> Callable[..., QMessageBox.StandardButton]:
        def show(_parent: QWidget | None, title: str, text: str,
                 *_args: object) -> QMessageBox.StandardButton:
            recorded.shown.append((kind, title, text))
            return recorded.answer if kind == "question" else QMessageBox.StandardButton.Ok
        return show

    for kind in ("warning", "question", "information", "critical"):
        monkeypatch.setattr(QMessageBox, kind, staticmethod(fake(kind)))
    monkeypatch.setattr(QMessageBox, "about", staticmethod(fake("about")))
    return recorded


def when_modal(action: Callable[[QWidget], None], timeout_ms: int = 5000) -> None:
    """Run ``action`` on the next modal dialog as soon as it is open (for ``exec()``).

    A progress dialog is passed over: it is modal too and, on a loaded machine, opens before
    the dialog the test waits for; acting on it would leave that one blocking in ``exec()``."""
    waited = [0]

    def poll() -> None:
        dialog = QApplication.activeModalWidget()
        if dialog is not None and not isinstance(dialog, QProgressDialog):
            action(dialog)
        elif waited[0] < timeout_ms:
            waited[0] += 20
            QTimer.singleShot(20, poll)

    QTimer.singleShot(0, poll)
