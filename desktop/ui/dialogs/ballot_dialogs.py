"""Forms of the ballots page: a ballot box, a print order, serials recorded as spoiled/unused."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QRadioButton,
    QSpinBox,
    QWidget,
)

from ballotformat.messages import RuleError
from desktop.core.enums import SerialState
from desktop.core.labels import label
from desktop.core.printing import MAX_BATCH_BALLOTS, Boxes, BoxInfo, parse_serials
from desktop.ui.feedback import ERROR_STYLE, messages_text, run_checked
from desktop.ui.i18n import arg

DEFAULT_BATCH_BALLOTS = 100
HINT_STYLE = "color: #555555;"


def _buttons(dialog: QDialog) -> QDialogButtonBox:
    buttons = QDialogButtonBox(
        QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
    buttons.accepted.connect(dialog.accept)
    buttons.rejected.connect(dialog.reject)
    return buttons


class BoxDialog(QDialog):
    """Name (e.g. 东湖社区服务中心 1号箱), where it stands, who is responsible for it."""

    def __init__(self, box: BoxInfo | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Edit ballot box") if box else self.tr("New ballot box"))
        self.name = QLineEdit(box.name if box else "")
        self.name.setPlaceholderText(self.tr("e.g. Donghu community centre, box 1"))
        self.location = QLineEdit(box.location if box else "")
        self.responsible = QLineEdit(box.responsible if box else "")
        form = QFormLayout(self)
        form.addRow(self.tr("Box name"), self.name)
        form.addRow(self.tr("Location"), self.location)
        form.addRow(self.tr("Responsible person"), self.responsible)
        form.addRow(_buttons(self))
        self.resize(440, self.sizeHint().height())

    def values(self) -> tuple[str, str, str]:
        return self.name.text(), self.location.text(), self.responsible.text()


@dataclass(frozen=True)
class PrintOrder:
    box: BoxInfo
    count: int
    #: The PDF to write, or None for the system printer.
    pdf: Path | None


class PrintBatchDialog(QDialog):
    """Which box, how many ballots, and where to: a PDF file or the printer."""

    def __init__(self, boxes: list[BoxInfo], box_id: int | None, options_text: str,
                 suggested_name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Print ballots"))
        self.suggested_name = suggested_name
        self.box = QComboBox()
        for box in boxes:
            self.box.addItem(box.name, box)
        self.box.setCurrentIndex(max(0, next(
            (i for i, b in enumerate(boxes) if b.id == box_id), 0)))
        self.count = QSpinBox()
        self.count.setRange(1, MAX_BATCH_BALLOTS)
        self.count.setValue(DEFAULT_BATCH_BALLOTS)
        self.count.setSuffix(self.tr(" ballots"))
        self.to_pdf = QRadioButton(self.tr("PDF file (for the print shop)"))
        self.to_printer = QRadioButton(self.tr("Printer…"))
        self.to_pdf.setChecked(True)
        group = QButtonGroup(self)
        group.addButton(self.to_pdf)
        group.addButton(self.to_printer)
        self.path = QLineEdit()
        self.browse = QPushButton(self.tr("Choose…"))
        self.browse.clicked.connect(self.choose_file)
        self.to_pdf.toggled.connect(self._output_changed)
        file_row = QHBoxLayout()
        file_row.addWidget(self.path, 1)
        file_row.addWidget(self.browse)
        options = QLabel(options_text)
        options.setStyleSheet(HINT_STYLE)
        options.setWordWrap(True)
        self.problem = QLabel()
        self.problem.setStyleSheet(ERROR_STYLE)
        self.problem.setWordWrap(True)
        form = QFormLayout(self)
        form.addRow(self.tr("Ballot box"), self.box)
        form.addRow(self.tr("Number"), self.count)
        form.addRow(self.tr("Ballot"), options)
        form.addRow(self.tr("Output"), self.to_pdf)
        form.addRow("", file_row)
        form.addRow("", self.to_printer)
        form.addRow(self.problem)
        form.addRow(_buttons(self))
        self.resize(560, self.sizeHint().height())

    def _output_changed(self) -> None:
        self.path.setEnabled(self.to_pdf.isChecked())
        self.browse.setEnabled(self.to_pdf.isChecked())

    def choose_file(self) -> None:
        name, _ = QFileDialog.getSaveFileName(
            self, self.tr("Save ballots as"), self.path.text() or self.suggested_name,
            self.tr("PDF file (*.pdf)"))
        if name:
            self.path.setText(name if name.lower().endswith(".pdf") else f"{name}.pdf")

    def accept(self) -> None:
        """Checked here, before any work starts."""
        if self.box.currentData() is None:
            self.problem.setText(self.tr("Add a ballot box first."))
            return
        if self.to_pdf.isChecked() and not self.path.text().strip():
            self.problem.setText(self.tr("Choose the PDF file to write."))
            return
        super().accept()

    def order(self) -> PrintOrder:
        pdf = Path(self.path.text().strip()) if self.to_pdf.isChecked() else None
        return PrintOrder(self.box.currentData(), self.count.value(), pdf)


class NoteSerialsDialog(QDialog):
    """Serials as staff type them (``101-120, 135``), spoiled or unused, with a note.

    OK records all of them or, when any is refused, none, and shows every refusal.
    """

    def __init__(self, boxes: Boxes, campaign_id: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.boxes = boxes
        self.campaign_id = campaign_id
        self.recorded = 0
        self.setWindowTitle(self.tr("Record spoiled / unused serials"))
        self.serials = QLineEdit()
        self.serials.setPlaceholderText(self.tr("e.g. 101-120, 135"))
        self.serials.textChanged.connect(self._update_count)
        self.count = QLabel()
        self.count.setWordWrap(True)
        self.state = QComboBox()
        for state in SerialState:
            self.state.addItem(label(state), state)
        self.note = QPlainTextEdit()
        self.note.setPlaceholderText(self.tr("Why, e.g. misprinted, torn, not handed out"))
        self.note.setFixedHeight(72)
        form = QFormLayout(self)
        form.addRow(self.tr("Serials"), self.serials)
        form.addRow("", self.count)
        form.addRow(self.tr("Record as"), self.state)
        form.addRow(self.tr("Note"), self.note)
        form.addRow(_buttons(self))
        self._update_count()
        self.resize(480, self.sizeHint().height())

    def _update_count(self) -> None:
        text = self.serials.text()
        if not text.strip():
            self.count.setText(self.tr("Numbers and ranges, separated by commas or spaces."))
            self.count.setStyleSheet(HINT_STYLE)
            return
        try:
            count = len(parse_serials(text))
        except RuleError as exc:
            self.count.setText(messages_text(exc.messages))
            self.count.setStyleSheet(ERROR_STYLE)
            return
        self.count.setText(self.tr("%n serial(s)", "", count))
        self.count.setStyleSheet(HINT_STYLE)

    def chosen_state(self) -> SerialState:
        return SerialState(self.state.currentData())  # the combo hands back the plain str

    def accept(self) -> None:
        serials = run_checked(self, lambda: parse_serials(self.serials.text()))
        if serials is None:
            return
        if not serials:
            QMessageBox.warning(self, self.windowTitle(), self.tr("Type at least one serial."))
            return
        recorded = run_checked(self, lambda: self.boxes.note_serials(
            self.campaign_id, serials, self.chosen_state(), self.note.toPlainText()))
        if recorded is None:
            return
        self.recorded = recorded
        QMessageBox.information(self, self.windowTitle(), arg(
            self.tr("%n serial(s) recorded as “%1”.", "", recorded), label(self.chosen_state())))
        super().accept()
