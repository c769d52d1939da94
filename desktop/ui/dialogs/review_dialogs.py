"""Forms of the review page: why a sheet is rejected (a reason is required)."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from desktop.ui.i18n import arg

HINT_STYLE = "color: #555555;"


class RejectDialog(QDialog):
    """The reason for rejecting a sheet: typed, or one of the usual ones; OK needs one."""

    def __init__(self, sheet: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Reject sheet"))
        intro = QLabel(arg(self.tr("Reject sheet %1: it will not be counted. The decision is "
                                   "recorded with your name and the time, and can be undone "
                                   "only by reopening the sheet."), sheet))
        intro.setWordWrap(True)
        self.reason_box = QComboBox()
        self.reason_box.setEditable(True)
        self.reason_box.addItems(["", self.tr("Photocopy or second scan of a counted ballot"),
                                  self.tr("Ballot altered or damaged"),
                                  self.tr("Not a ballot of this campaign"),
                                  self.tr("Marks cannot be read")])
        self.reason_box.setCurrentIndex(0)
        line = self.reason_box.lineEdit()
        assert line is not None  # the box is editable
        line.setPlaceholderText(self.tr("Reason (required)"))
        hint = QLabel(self.tr("Type a reason or pick a usual one."))
        hint.setStyleSheet(HINT_STYLE)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Reject"))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        line.textChanged.connect(self._update)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.reason_box)
        layout.addWidget(hint)
        layout.addWidget(self.buttons)
        self._update()
        self.resize(460, self.sizeHint().height())
        self.reason_box.setFocus()

    def reason(self) -> str:
        return self.reason_box.currentText().strip()

    def set_reason(self, text: str) -> None:
        self.reason_box.setEditText(text)

    def _update(self) -> None:
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(bool(self.reason()))

    def accept(self) -> None:
        if self.reason():
            super().accept()
