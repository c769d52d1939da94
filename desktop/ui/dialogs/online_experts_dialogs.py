"""Dialogs of the online votes and expert scores page: a source and its fraud rules,
withdrawing an import, the expert scoring rule. They collect values; the controller hands
them to the core, which checks them."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from desktop.core.experts import RuleInForce
from desktop.core.online import (
    DEFAULT_IP_BURST_SECONDS,
    DEFAULT_IP_BURST_VOTES,
    DEFAULT_SPIKE_VOTES_PER_MINUTE,
    FraudRules,
    ImportInfo,
    SourceInfo,
)
from desktop.ui.i18n import arg

#: Upper bounds of the spin boxes (the core checks the values themselves).
MAX_THRESHOLD = 1_000_000
MAX_SCORE_LIMIT = 10_000.0


def _buttons(dialog: QDialog) -> QDialogButtonBox:
    buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                               | QDialogButtonBox.StandardButton.Cancel)
    buttons.accepted.connect(dialog.accept)
    buttons.rejected.connect(dialog.reject)
    return buttons


def _spin(value: int, minimum: int = 1, suffix: str = "") -> QSpinBox:
    spin = QSpinBox()
    spin.setRange(minimum, MAX_THRESHOLD)
    spin.setValue(value)
    spin.setSuffix(suffix)
    return spin


class SourceDialog(QDialog):
    """A new source, or the fraud rules of an existing one."""

    def __init__(self, source: SourceInfo | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("New source") if source is None else self.tr("Source"))
        rules = source.rules if source else FraudRules()
        self.name = QLineEdit(source.name if source else "")
        self.name.setPlaceholderText(self.tr("e.g. 平台A, 党代表纸质投票"))
        self.name.setReadOnly(source is not None)
        self.voter_limit = _spin(rules.voter_limit or 0, 0, self.tr(" votes"))
        self.voter_limit.setSpecialValueText(self.tr("no limit"))
        self.period = QComboBox()
        self.period.addItem(self.tr("per day"), "day")
        self.period.addItem(self.tr("in total"), "total")
        self.period.setCurrentIndex(max(0, self.period.findData(rules.voter_limit_period)))
        self.ip_votes = _spin(rules.ip_burst_votes, suffix=self.tr(" votes"))
        self.ip_seconds = _spin(rules.ip_burst_seconds, suffix=self.tr(" s"))
        self.spike = _spin(rules.spike_votes_per_minute, suffix=self.tr(" votes"))
        form = QFormLayout()
        form.addRow(self.tr("Name:"), self.name)
        form.addRow(self.tr("Votes per voter and category:"), self.voter_limit)
        form.addRow(self.tr("Limit period:"), self.period)
        form.addRow(self.tr("Same IP: more than"), self.ip_votes)
        form.addRow(self.tr("…within"), self.ip_seconds)
        form.addRow(self.tr("One candidate: more than, per minute"), self.spike)
        hint = QLabel(arg(self.tr("Rows over these thresholds are flagged, never dropped; both "
                                  "totals are kept. Defaults: %1 votes from one IP within %2 s, "
                                  "%3 votes per candidate per minute."),
                          DEFAULT_IP_BURST_VOTES, DEFAULT_IP_BURST_SECONDS,
                          DEFAULT_SPIKE_VOTES_PER_MINUTE))
        hint.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(hint)
        layout.addWidget(_buttons(self))

    def source_name(self) -> str:
        return self.name.text().strip()

    def rules(self) -> FraudRules:
        return FraudRules(self.voter_limit.value() or None, self.period.currentData(),
                          self.ip_votes.value(), self.ip_seconds.value(), self.spike.value())


class WithdrawDialog(QDialog):
    """Which standing import to withdraw, and why (required)."""

    def __init__(self, standing: list[ImportInfo], chosen: int | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Withdraw an import"))
        self.choice = QComboBox()
        for info in standing:
            self.choice.addItem(arg(self.tr("%1 · %2 · %3 (%4 votes)"), info.id, info.source,
                                    info.file_name, info.votes), info.id)
        if chosen is not None:
            self.choice.setCurrentIndex(max(0, self.choice.findData(chosen)))
        self.note = QPlainTextEdit()
        self.note.setPlaceholderText(self.tr("Why is it withdrawn? (required)"))
        self.note.setMaximumHeight(90)
        note_hint = QLabel(self.tr("The import is kept and marked as withdrawn; its votes stop "
                                   "counting and the file may be imported again."))
        note_hint.setWordWrap(True)
        self.buttons = _buttons(self)
        self.note.textChanged.connect(self._update)
        form = QFormLayout()
        form.addRow(self.tr("Import:"), self.choice)
        form.addRow(self.tr("Note:"), self.note)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(note_hint)
        layout.addWidget(self.buttons)
        self._update()

    def _update(self) -> None:
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setEnabled(bool(self.note.toPlainText().strip()) and self.choice.count() > 0)

    def import_id(self) -> int:
        return int(self.choice.currentData())

    def note_text(self) -> str:
        return self.note.toPlainText().strip()


@dataclass(frozen=True)
class RuleChoice:
    #: None: the whole campaign.
    category_id: int | None
    #: None: inherit.
    max_score: float | None
    drop_extremes: bool | None


class ExpertRuleDialog(QDialog):
    """The expert scoring rule of the campaign or of one category. ``rule_of(category_id)``
    gives the rule in force (``experts.RuleInForce``)."""

    def __init__(self, category: tuple[str, int],
                 rule_of: Callable[[int | None], RuleInForce],
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.rule_of = rule_of
        self.setWindowTitle(self.tr("Scoring rule"))
        self.scope = QComboBox()
        self.scope.addItem(category[0], category[1])
        self.scope.addItem(self.tr("the whole campaign"), None)
        self.inherit = QCheckBox(self.tr("Use the campaign's rule"))
        self.max_score = QDoubleSpinBox()
        self.max_score.setRange(1, MAX_SCORE_LIMIT)
        self.max_score.setDecimals(1)
        self.drop = QCheckBox(self.tr("Drop the highest and the lowest score"))
        hint = QLabel(self.tr("With at least 3 scores, one highest and one lowest are left "
                              "out, then the rest are averaged."))
        hint.setWordWrap(True)
        self.scope.currentIndexChanged.connect(self._load)
        self.inherit.toggled.connect(self._update)
        form = QFormLayout()
        form.addRow(self.tr("For:"), self.scope)
        form.addRow("", self.inherit)
        form.addRow(self.tr("Highest score:"), self.max_score)
        form.addRow("", self.drop)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(hint)
        layout.addWidget(_buttons(self))
        self._load()

    def category_id(self) -> int | None:
        data = self.scope.currentData()
        return None if data is None else int(data)

    def _load(self) -> None:
        rule = self.rule_of(self.category_id())
        self.inherit.setVisible(self.category_id() is not None)
        self.inherit.setChecked(self.category_id() is not None and not rule.own)
        self.max_score.setValue(rule.max_score)
        self.drop.setChecked(rule.drop_extremes)
        self._update()

    def _update(self) -> None:
        own = self.category_id() is None or not self.inherit.isChecked()
        self.max_score.setEnabled(own)
        self.drop.setEnabled(own)

    def choice(self) -> RuleChoice:
        category_id = self.category_id()
        if category_id is not None and self.inherit.isChecked():
            return RuleChoice(category_id, None, None)
        return RuleChoice(category_id, self.max_score.value(), self.drop.isChecked())
