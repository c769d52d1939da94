"""The copies of one serial and page side by side (a photocopy scanned before its original,
say): each image with what was read on it, and a button to count that one instead. The choice
itself is made by the review controller (``Review.prefer``)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QGridLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop.core.labels import label_list
from desktop.core.records import SheetState
from desktop.ui.i18n import arg
from desktop.ui.models.review_models import sheet_label, source_name
from desktop.ui.pages.review_images import load_picture
from desktop.ui.sheet_view import SheetView
from scanning.decide import MarkState

#: Each image's view, in pixels: two A4 pages fit side by side on a 1366 × 768 screen.
VIEW_WIDTH_PX, VIEW_HEIGHT_PX = 420, 520


class CopiesDialog(QDialog):
    """``chosen`` is the sheet id the reviewer picked to count (None: nothing chosen)."""

    def __init__(self, copies: list[SheetState], archive: Path, may_choose: bool,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.chosen: int | None = None
        self.copies = copies
        self.setWindowTitle(arg(self.tr("Copies of %1"), sheet_label(copies[0])))
        intro = QLabel(self.tr("The images recorded for this serial and page, the one that "
                               "counts first. Compare them (a photocopy, a second scan) and "
                               "choose the one to count: the other is kept, not counted. The "
                               "choice is recorded with your name and the time."))
        intro.setWordWrap(True)
        grid = QGridLayout()
        self.views: list[SheetView] = []
        self.choose_buttons: list[QPushButton] = []
        for column, state in enumerate(copies):
            grid.addWidget(QLabel(self._describe(state)), 0, column)
            view = SheetView()
            view.setMinimumSize(VIEW_WIDTH_PX, VIEW_HEIGHT_PX)
            view.set_image(load_picture(archive, state, ()).image)
            grid.addWidget(view, 1, column)
            self.views.append(view)
            button = QPushButton(self.tr("Counts now") if state.counted
                                 else self.tr("Count this one instead"))
            button.setEnabled(may_choose and not state.counted and not state.rejected)
            button.clicked.connect(lambda _=False, sheet=state.sheet_id: self._choose(sheet))
            grid.addWidget(button, 2, column)
            self.choose_buttons.append(button)
        self.reason = QLineEdit()
        self.reason.setPlaceholderText(self.tr("Why (e.g. the other is a photocopy)"))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(grid)
        layout.addWidget(self.reason)
        layout.addWidget(buttons)

    def _describe(self, state: SheetState) -> str:
        marked = [f"{category} {number}" for (category, number), st in sorted(state.states.items())
                  if st is MarkState.MARKED]
        lines = [arg(self.tr("Image %1 · %2"), state.sheet_id, source_name(state.source)),
                 self.tr("Counts") if state.counted else self.tr("Does not count")]
        if state.reasons:
            lines.append(label_list(state.reasons).text())
        lines.append(arg(self.tr("Marked: %1"), "、".join(marked) or self.tr("none")))
        return "\n".join(lines)

    def _choose(self, sheet_id: int) -> None:
        self.chosen = sheet_id
        self.accept()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        for view in self.views:
            view.fit()
