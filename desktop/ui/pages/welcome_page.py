"""Shown while there is no campaign: create one, or open the demo."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import QLabel, QPushButton, QVBoxLayout, QWidget

from desktop.ui.icons import app_icon_path

LOGO_PX = 96
TEXT_WIDTH_PX = 520


class WelcomePage(QWidget):
    newCampaignRequested = Signal()
    demoRequested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        logo = QLabel()
        logo.setPixmap(QPixmap(str(app_icon_path())).scaled(
            LOGO_PX, LOGO_PX, Qt.AspectRatioMode.KeepAspectRatio,
            Qt.TransformationMode.SmoothTransformation))
        title = QLabel(self.tr("Welcome to BallotDesk"))
        title.setStyleSheet("font-size: 22pt; font-weight: bold;")
        text = QLabel(self.tr("Run a “ten best” selection from nomination to the published "
                              "results: award categories, nominating units and their quotas, "
                              "candidates and their review."))
        text.setWordWrap(True)
        text.setFixedWidth(TEXT_WIDTH_PX)
        # An aligned item gets its size hint, which ignores wrapping: reserve the height.
        text.setMinimumHeight(text.heightForWidth(TEXT_WIDTH_PX))
        text.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.new_button = QPushButton(self.tr("New campaign…"))
        self.demo_button = QPushButton(self.tr("Open the demo campaign"))
        for button in (self.new_button, self.demo_button):
            button.setMinimumSize(260, 40)
        self.new_button.setDefault(True)
        self.new_button.clicked.connect(self.newCampaignRequested)
        self.demo_button.clicked.connect(self.demoRequested)
        layout = QVBoxLayout(self)
        layout.addStretch(2)
        for widget in (logo, title, text, self.new_button, self.demo_button):
            layout.addWidget(widget, 0, Qt.AlignmentFlag.AlignHCenter)
            layout.addSpacing(8)
        layout.addStretch(3)
