"""The photo part of the candidate form: preview, choose, remove. Changes wait for save."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import (
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop.core.registry import PHOTO_SUFFIXES
from desktop.ui.i18n import arg

PREVIEW_WIDTH_PX = 120
PREVIEW_HEIGHT_PX = 160


class PhotoBox(QWidget):
    def __init__(self, current: bytes | None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.had_photo = current is not None
        #: A file chosen to replace the photo, or None.
        self.chosen: Path | None = None
        #: True when the user removed the stored photo.
        self.removed = False
        self.preview = QLabel()
        self.preview.setFixedSize(PREVIEW_WIDTH_PX, PREVIEW_HEIGHT_PX)
        self.preview.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.preview.setStyleSheet("QLabel { border: 1px solid #c8c8c8; background: #fafafa; }")
        self.choose_button = QPushButton(self.tr("Choose photo…"))
        self.remove_button = QPushButton(self.tr("Remove photo"))
        self.choose_button.clicked.connect(self.choose)
        self.remove_button.clicked.connect(self.remove)
        buttons = QVBoxLayout()
        buttons.addWidget(self.choose_button)
        buttons.addWidget(self.remove_button)
        buttons.addStretch()
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.preview)
        layout.addLayout(buttons)
        layout.addStretch()
        pixmap = QPixmap()
        if current is not None:
            pixmap.loadFromData(current)
        self._show(pixmap)

    def _show(self, pixmap: QPixmap) -> None:
        if pixmap.isNull():
            self.preview.setPixmap(QPixmap())
            self.preview.setText(self.tr("No photo"))
        else:
            self.preview.setPixmap(pixmap.scaled(
                PREVIEW_WIDTH_PX, PREVIEW_HEIGHT_PX, Qt.AspectRatioMode.KeepAspectRatio,
                Qt.TransformationMode.SmoothTransformation))
        self.remove_button.setEnabled(not pixmap.isNull())

    def choose(self) -> None:
        patterns = " ".join(f"*{suffix}" for suffix in PHOTO_SUFFIXES)
        name, _ = QFileDialog.getOpenFileName(
            self, self.tr("Choose photo"), "", arg(self.tr("Images (%1)"), patterns))
        if name:
            self.set_file(Path(name))

    def set_file(self, path: Path) -> bool:
        pixmap = QPixmap(str(path))
        if pixmap.isNull():
            QMessageBox.warning(self, self.tr("Photo"),
                                arg(self.tr("“%1” is not an image this program can read."),
                                    path.name))
            return False
        self.chosen, self.removed = path, False
        self._show(pixmap)
        return True

    def remove(self) -> None:
        self.chosen, self.removed = None, self.had_photo
        self._show(QPixmap())
