"""Forms of the results page: the decision on a tie at the cut-off, the notice's settings, and a
preview of the notice's first page. The combination rule has its own editor
(:mod:`desktop.ui.pages.results_rule`)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from PySide6.QtCore import QDate, Qt, QUrl
from PySide6.QtGui import QDesktopServices, QImage, QPixmap
from PySide6.QtWidgets import (
    QCheckBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from desktop.core.results import (
    MAX_OBJECTION_WORKING_DAYS,
    CategoryResult,
    CombinationRule,
    NoticeSettings,
    format_combined,
)
from desktop.ui.i18n import arg

HINT_STYLE = "color: #555555;"
PREVIEW_SIZE_PX = (720, 760)


class TieDialog(QDialog):
    """Choose exactly the seats left among the candidates tied at the cut-off, with a note."""

    def __init__(self, category: CategoryResult, rule: CombinationRule,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.category = category
        self.setWindowTitle(arg(self.tr("Decide the tie – %1"), category.name))
        intro = QLabel(arg(self.tr(
            "These candidates have the same combined score at the cut-off of “%1”. Choose the "
            "%2 who win. The decision is recorded with your name, the time and the note, and "
            "stated in the notice."), category.name, category.seats))
        intro.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        self.boxes: dict[str, QCheckBox] = {}
        for c in category.candidates:
            if c.cutoff_tie:
                box = QCheckBox(f"{c.number}  {c.name}  （{c.unit}） · "
                                f"{format_combined(c.combined, rule)}")
                box.toggled.connect(self._update)
                self.boxes[c.number] = box
                layout.addWidget(box)
        self.note = QPlainTextEdit()
        self.note.setPlaceholderText(self.tr("Grounds of the decision (required), e.g. the "
                                             "meeting and its minutes"))
        self.note.setFixedHeight(70)
        self.note.textChanged.connect(self._update)
        self.status = QLabel()
        self.status.setStyleSheet(HINT_STYLE)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Record"))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(QLabel(self.tr("Note:")))
        layout.addWidget(self.note)
        layout.addWidget(self.status)
        layout.addWidget(self.buttons)
        self._update()
        self.resize(480, self.sizeHint().height())

    def winners(self) -> list[str]:
        return [number for number, box in self.boxes.items() if box.isChecked()]

    def note_text(self) -> str:
        return self.note.toPlainText().strip()

    def problem(self) -> str:
        chosen = len(self.winners())
        if chosen != self.category.seats:
            return arg(self.tr("Choose %1 (chosen: %2)."), self.category.seats, chosen)
        return "" if self.note_text() else self.tr("A note is required.")

    def _update(self) -> None:
        problem = self.problem()
        self.status.setText(problem)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(not problem)

    def accept(self) -> None:
        if not self.problem():
            super().accept()


def _qdate(day: dt.date | None) -> QDate:
    return QDate(day.year, day.month, day.day) if day else QDate.currentDate()


class _OptionalDate(QWidget):
    """A date that may be left to its default (a check box switches it on)."""

    def __init__(self, day: dt.date | None, default_text: str) -> None:
        super().__init__()
        self.check = QCheckBox(default_text)
        self.check.setChecked(day is None)
        self.edit = QDateEdit(_qdate(day))
        self.edit.setCalendarPopup(True)
        self.edit.setDisplayFormat("yyyy-MM-dd")
        self.edit.setEnabled(day is not None)
        self.check.toggled.connect(lambda on: self.edit.setEnabled(not on))
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.edit)
        row.addWidget(self.check)
        row.addStretch()

    def value(self) -> dt.date | None:
        if self.check.isChecked():
            return None
        day = self.edit.date()
        return dt.date(day.year(), day.month(), day.day())


class NoticeDialog(QDialog):
    """The notice's title, organiser, contact and objection period; empty takes the default."""

    def __init__(self, settings: NoticeSettings, campaign: str,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Notice settings"))
        self.title = QLineEdit(settings.title)
        # The defaults the notice prints (always in Chinese, like the notice itself).
        self.title.setPlaceholderText(f"关于{campaign}结果的公示")
        self.organiser = QLineEdit(settings.organiser)
        self.organiser.setPlaceholderText(f"{campaign}组委会")
        self.contact = QLineEdit(settings.contact)
        self.contact.setPlaceholderText(self.tr("Phone, address or e-mail for objections"))
        self.days = QSpinBox()
        self.days.setRange(1, MAX_OBJECTION_WORKING_DAYS)
        self.days.setValue(settings.objection_working_days)
        self.days.setSuffix(self.tr(" working days"))
        self.start = _OptionalDate(settings.objection_from, self.tr("the notice date"))
        self.date = _OptionalDate(settings.notice_date, self.tr("the day it is written"))
        form = QFormLayout()
        form.addRow(self.tr("Title:"), self.title)
        form.addRow(self.tr("Organiser:"), self.organiser)
        form.addRow(self.tr("Contact:"), self.contact)
        form.addRow(self.tr("Objection period:"), self.days)
        form.addRow(self.tr("From:"), self.start)
        form.addRow(self.tr("Notice date:"), self.date)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(buttons)
        self.resize(520, self.sizeHint().height())

    def settings(self) -> NoticeSettings:
        return NoticeSettings(self.title.text().strip(), self.organiser.text().strip(),
                              self.contact.text().strip(), self.days.value(),
                              self.start.value(), self.date.value())


class PreviewDialog(QDialog):
    """Page 1 of a written notice, with a button to open the file in the system's viewer."""

    def __init__(self, path: Path, image: QImage, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.path = path
        self.setWindowTitle(arg(self.tr("Notice – %1"), path.name))
        self.picture = QLabel()
        self.picture.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.picture.setPixmap(QPixmap.fromImage(image).scaledToWidth(
            PREVIEW_SIZE_PX[0] - 40, Qt.TransformationMode.SmoothTransformation))
        scroll = QScrollArea()
        scroll.setWidget(self.picture)
        scroll.setWidgetResizable(True)
        open_button = QPushButton(self.tr("Open the PDF"))
        open_button.clicked.connect(
            lambda: QDesktopServices.openUrl(QUrl.fromLocalFile(str(self.path))))
        close_button = QPushButton(self.tr("Close"))
        close_button.clicked.connect(self.close)
        row = QHBoxLayout()
        row.addWidget(QLabel(str(path)), 1)
        row.addWidget(open_button)
        row.addWidget(close_button)
        layout = QVBoxLayout(self)
        layout.addWidget(scroll, 1)
        layout.addLayout(row)
        self.resize(*PREVIEW_SIZE_PX)
