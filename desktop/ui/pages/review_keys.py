"""The review page's keys: one table, so the shortcuts and the hint on screen agree."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Protocol

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QKeySequence, QShortcut

from desktop.ui.pages.base import PageView
from desktop.ui.sheet_view import ZOOM_STEP

if TYPE_CHECKING:
    from PySide6.QtWidgets import QPushButton

    from desktop.ui.pages.review_controller import ReviewController
    from desktop.ui.pages.review_ticks import TickPanel
    from desktop.ui.sheet_view import SheetView


class KeyedView(PageView, Protocol):
    """The review page as its keys see it: the buttons they press (ReviewPage implements
    it)."""

    mark_button: QPushButton
    empty_button: QPushButton
    accept_button: QPushButton
    reject_button: QPushButton
    reopen_button: QPushButton
    ticks: TickPanel
    sheet_view: SheetView


Keys = list[tuple[tuple[str, ...], Callable[[], None]]]


def _keys(page: KeyedView, c: ReviewController) -> Keys:
    """The decisions press their buttons: a key does nothing while its button is disabled
    (no sheet, no box in question, or a role that may not review)."""
    view = page.sheet_view
    return [
        (("Down", "J"), lambda: c.move_target(1)),
        (("Up", "K"), lambda: c.move_target(-1)),
        (("M",), page.mark_button.click),
        (("E", "N"), page.empty_button.click),
        (("A",), page.accept_button.click),
        (("R",), page.reject_button.click),
        (("U",), page.reopen_button.click),
        (("S", "Ctrl+S"), page.ticks.save_button.click),
        (("G",), page.ticks.align_button.click),
        (("V",), page.ticks.no_votes_button.click),
        (("Escape",), c.cancel_align),
        (("Return", "Enter", "Space", "PgDown"), lambda: c.next_sheet(1)),
        (("Shift+Return", "Shift+Space", "PgUp"), lambda: c.next_sheet(-1)),
        (("+", "="), lambda: view.zoom_by(ZOOM_STEP)),
        (("-",), lambda: view.zoom_by(1 / ZOOM_STEP)),
        (("0",), view.fit),
    ]


def install_keys(page: KeyedView, controller: ReviewController) -> list[QShortcut]:
    """Shortcuts active while the focus is on the page (not in a dialog)."""
    shortcuts = []
    for keys, slot in _keys(page, controller):
        for key in keys:
            shortcut = QShortcut(QKeySequence(key), page.widget())
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            shortcut.setAutoRepeat(key in ("Down", "Up", "J", "K", "+", "=", "-"))
            shortcut.activated.connect(slot)
            shortcuts.append(shortcut)
    return shortcuts


def key_hint() -> str:
    return "　".join((
        QCoreApplication.translate("ReviewKeys", "↑/↓ or J/K: box in question"),
        QCoreApplication.translate("ReviewKeys", "M: marked"),
        QCoreApplication.translate("ReviewKeys", "E or N: not marked"),
        QCoreApplication.translate("ReviewKeys", "A: accept sheet"),
        QCoreApplication.translate("ReviewKeys", "R: reject…"),
        QCoreApplication.translate("ReviewKeys", "U: reopen last"),
        QCoreApplication.translate("ReviewKeys", "unread page: S save ticks, G align, "
                                   "V no votes, Esc cancel"),
        QCoreApplication.translate("ReviewKeys", "Enter/Space: next sheet (Shift: previous)"),
        QCoreApplication.translate("ReviewKeys", "+/−/0: zoom"),
    ))
