"""Showing the core's refusals: errors block, warnings ask before saving anyway."""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QMessageBox, QWidget

from ballotformat.messages import Message, RuleError

T = TypeVar("T")

#: The colour of refusals and problems written on a page or a form rather than in a box.
ERROR_COLOUR = "#b71c1c"
ERROR_STYLE = f"color: {ERROR_COLOUR};"


def messages_text(messages: list[Message]) -> str:
    return "\n".join(f"• {m.text()}" for m in messages)


def show_refusal(parent: QWidget | None, exc: RuleError) -> None:
    """Every message of a refused change, not only the first."""
    QMessageBox.warning(
        parent, QCoreApplication.translate("Feedback", "Not saved"), messages_text(exc.messages))


def confirm_warnings(parent: QWidget | None, warnings: list[Message]) -> bool:
    answer = QMessageBox.question(
        parent, QCoreApplication.translate("Feedback", "Please check"),
        messages_text(warnings) + "\n\n" + QCoreApplication.translate("Feedback", "Save anyway?"),
    )
    return answer == QMessageBox.StandardButton.Yes


def save_checked(parent: QWidget | None, save: Callable[[bool], T]) -> T | None:
    """Call ``save(accept_warnings)``: errors are shown and nothing is saved; warnings alone
    are shown with a question, and a yes saves with ``accept_warnings=True``."""
    try:
        return save(False)
    except RuleError as exc:
        if exc.errors:
            show_refusal(parent, exc)
            return None
        if not confirm_warnings(parent, exc.warnings):
            return None
    try:
        return save(True)
    except RuleError as exc:
        show_refusal(parent, exc)
        return None


def run_checked(parent: QWidget | None, action: Callable[[], T]) -> T | None:
    """Run a service call; a refusal is shown and gives None."""
    try:
        return action()
    except RuleError as exc:
        show_refusal(parent, exc)
        return None


def background_failure(parent: QWidget | None) -> Callable[[Exception], None]:
    """For ``run_in_background``: a refusal is shown; anything else reaches the excepthook."""

    def failed(exc: Exception) -> None:
        if isinstance(exc, RuleError):
            show_refusal(parent, exc)
            return
        raise exc

    return failed
