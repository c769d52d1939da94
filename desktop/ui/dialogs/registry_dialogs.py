"""Small forms for the registry: an award category, a nominating unit, a review decision."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from desktop.core.enums import CandidateKind, CandidateStatus
from desktop.core.labels import label
from desktop.core.registry import (
    MAX_QUOTA,
    MAX_WINNERS,
    STATUSES_NEEDING_NOTE,
    CategoryInfo,
    UnitInfo,
)
from desktop.ui.i18n import arg


def _buttons(dialog: QDialog) -> QDialogButtonBox:
    buttons = QDialogButtonBox(
        QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
    buttons.accepted.connect(dialog.accept)
    buttons.rejected.connect(dialog.reject)
    return buttons


@dataclass(frozen=True)
class CategoryValues:
    name: str
    winners: int
    max_marks: int
    kind: CandidateKind


class CategoryDialog(QDialog):
    """Name, number of winners N, marks per ballot M (N unless changed), kind of candidate."""

    def __init__(self, category: CategoryInfo | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Edit category") if category else self.tr("New category"))
        self.name = QLineEdit(category.name if category else "")
        self.name.setPlaceholderText(self.tr("e.g. Ten best service windows"))
        self.winners = QSpinBox()
        self.winners.setRange(1, MAX_WINNERS)
        self.winners.setValue(category.winners if category else 10)
        self.max_marks = QSpinBox()
        self.max_marks.setRange(1, MAX_WINNERS)
        self.max_marks.setValue(category.max_marks if category else self.winners.value())
        self._marks_follow = category is None or category.max_marks == category.winners
        self.winners.valueChanged.connect(self._winners_changed)
        self.max_marks.valueChanged.connect(self._marks_edited)
        self.kind = QComboBox()
        for kind in CandidateKind:
            self.kind.addItem(label(kind), kind)
        if category:
            self.kind.setCurrentIndex(list(CandidateKind).index(category.kind))
        form = QFormLayout(self)
        form.addRow(self.tr("Name"), self.name)
        form.addRow(self.tr("Winners"), self.winners)
        form.addRow(self.tr("Marks per ballot at most"), self.max_marks)
        form.addRow(self.tr("Candidate kind"), self.kind)
        form.addRow(_buttons(self))
        self.resize(420, self.sizeHint().height())

    def _winners_changed(self, value: int) -> None:
        if self._marks_follow:
            self.max_marks.blockSignals(True)
            self.max_marks.setValue(value)
            self.max_marks.blockSignals(False)

    def _marks_edited(self, value: int) -> None:
        self._marks_follow = value == self.winners.value()

    def values(self) -> CategoryValues:
        return CategoryValues(self.name.text(), self.winners.value(), self.max_marks.value(),
                              self.kind.currentData())


class UnitDialog(QDialog):
    def __init__(self, unit: UnitInfo | None = None, default_quota: int = 3,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Edit nominating unit") if unit
                            else self.tr("New nominating unit"))
        self.name = QLineEdit(unit.name if unit else "")
        self.quota = QSpinBox()
        self.quota.setRange(1, MAX_QUOTA)
        self.quota.setValue(unit.quota if unit else default_quota)
        form = QFormLayout(self)
        form.addRow(self.tr("Name"), self.name)
        form.addRow(self.tr("Quota per category"), self.quota)
        form.addRow(_buttons(self))
        self.resize(380, self.sizeHint().height())

    def values(self) -> tuple[str, int]:
        return self.name.text(), self.quota.value()


class StatusDialog(QDialog):
    """A review decision for the selected candidates, with a note (required for some)."""

    def __init__(self, status: CandidateStatus, count: int,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.status = status
        self.note_required = status in STATUSES_NEEDING_NOTE
        self.setWindowTitle(arg(self.tr("Mark as %1"), label(status)))
        intro = QLabel(arg(self.tr("%n selected candidate(s) will be marked “%1”.", "", count),
                           label(status)))
        intro.setWordWrap(True)
        self.note = QPlainTextEdit()
        self.note.setPlaceholderText(
            self.tr("Reason (required)") if self.note_required else self.tr("Note (optional)"))
        self.note.setMinimumHeight(90)
        self.buttons = _buttons(self)
        self.note.textChanged.connect(self._update_ok)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.note)
        layout.addWidget(self.buttons)
        self._update_ok()
        self.resize(420, self.sizeHint().height())

    def _update_ok(self) -> None:
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setEnabled(not self.note_required or bool(self.note_text()))

    def note_text(self) -> str:
        return self.note.toPlainText().strip()
