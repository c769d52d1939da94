"""The combination rule editor: sum or weighted, the weight of each channel, how online votes
count. The core's own check (:func:`check_rule`) runs on every change and its messages show
under the form, with the formula as every output will state it; OK is enabled only for a rule
the core accepts. Saving (``Results.set_rule``, audited) is the controller's.
"""

from __future__ import annotations

from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFormLayout,
    QGroupBox,
    QLabel,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from ballotformat import messages
from desktop.core.results import (
    EXPERT,
    FLAG_MARK,
    ONLINE,
    PAPER,
    SOURCE_PREFIX,
    CombinationRule,
    Method,
    Normalise,
    OnlineCount,
    check_rule,
    formula,
)
from desktop.ui.feedback import ERROR_STYLE, messages_text
from desktop.ui.i18n import arg

MAX_WEIGHT = 1000.0
WEIGHT_DECIMALS = 1
FORMULA_STYLE = "font-weight: bold; color: #1a237e;"
#: Weights offered when the organiser switches to a weighted score for the first time.
DEFAULT_WEIGHTS = {PAPER: 30.0, ONLINE: 40.0, EXPERT: 30.0}


def _spin(value: float) -> QDoubleSpinBox:
    spin = QDoubleSpinBox()
    spin.setRange(0.0, MAX_WEIGHT)
    spin.setDecimals(WEIGHT_DECIMALS)
    spin.setValue(value)
    return spin


class RuleDialog(QDialog):
    """``before_notice``: opened before the first notice, to confirm the rule (above all how
    flagged online votes count) rather than let the default pass unseen."""

    def __init__(self, rule: CombinationRule, sources: tuple[str, ...],
                 parent: QWidget | None = None, before_notice: bool = False) -> None:
        super().__init__(parent)
        self.sources = sources
        self.setWindowTitle(self.tr("Combination rule"))
        self.intro = QLabel(self.tr(
            "Before the first notice, confirm how the results are combined, above all whether "
            "the online votes the fraud checks flagged count."))
        self.intro.setWordWrap(True)
        self.intro.setVisible(before_notice)
        weights = rule.weight_map() if rule.method is Method.WEIGHTED else {}
        if not weights:
            weights = dict(DEFAULT_WEIGHTS)
        self.sum_button = QRadioButton(self.tr("Plain sum of votes (paper + every online "
                                               "source; expert scores shown, not added)"))
        self.weighted_button = QRadioButton(self.tr("Weighted score (each channel as a share "
                                                    "of the category's top or total)"))
        self.method_group = QButtonGroup(self)
        for button in (self.sum_button, self.weighted_button):
            self.method_group.addButton(button)
        (self.weighted_button if rule.method is Method.WEIGHTED else self.sum_button
         ).setChecked(True)
        self.online_count = QComboBox()
        self.online_count.addItem(self.tr("As exported by the platform"), OnlineCount.EXPORTED)
        self.online_count.addItem(self.tr("Without the votes the fraud checks flagged"),
                                  OnlineCount.UNFLAGGED)
        self.online_count.setCurrentIndex(self.online_count.findData(rule.online))
        #: The choice about flagged votes, stated plainly.
        self.flag_label = QLabel()
        self.flag_label.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addWidget(self.sum_button)
        layout.addWidget(self.weighted_button)
        form = QFormLayout()
        form.addRow(self.tr("Online votes:"), self.online_count)
        layout.addLayout(form)
        layout.addWidget(self.flag_label)
        layout.addWidget(self._build_weights(rule, weights))
        self.formula_label = QLabel()
        self.formula_label.setWordWrap(True)
        self.formula_label.setStyleSheet(FORMULA_STYLE)
        self.problems_label = QLabel()
        self.problems_label.setWordWrap(True)
        self.problems_label.setStyleSheet(ERROR_STYLE)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.formula_label)
        layout.addWidget(self.problems_label)
        layout.addStretch()
        layout.addWidget(self.buttons)
        for signal in (self.method_group.buttonToggled, self.online_count.currentIndexChanged,
                       self.normalise.currentIndexChanged, self.online_mode.currentIndexChanged,
                       *(spin.valueChanged for spin in self._spins())):
            signal.connect(self._update)
        self._update()
        self.resize(620, self.sizeHint().height())

    def _build_weights(self, rule: CombinationRule, weights: dict[str, float]) -> QGroupBox:
        self.normalise = QComboBox()
        self.normalise.addItem(self.tr("Share of the category's highest figure"), Normalise.TOP)
        self.normalise.addItem(self.tr("Share of the category's total"), Normalise.TOTAL)
        self.normalise.setCurrentIndex(self.normalise.findData(rule.normalise))
        self.paper = _spin(weights.get(PAPER, 0.0))
        self.expert = _spin(weights.get(EXPERT, 0.0))
        per_source = any(c.startswith(SOURCE_PREFIX) for c in weights)
        self.online_mode = QComboBox()
        self.online_mode.addItem(self.tr("All sources as one channel"), False)
        self.online_mode.addItem(self.tr("Each source apart"), True)
        self.online_mode.setCurrentIndex(1 if per_source else 0)
        self.online_mode.setEnabled(bool(self.sources) or per_source)
        self.online = _spin(weights.get(ONLINE, 0.0))
        self.source_spins = {source: _spin(weights.get(SOURCE_PREFIX + source, 0.0))
                             for source in self.sources}
        self.weights_box = QGroupBox(self.tr("Weights"))
        form = QFormLayout(self.weights_box)
        form.addRow(self.tr("Each channel as:"), self.normalise)
        form.addRow(self.tr("Paper ballots:"), self.paper)
        form.addRow(self.tr("Online votes:"), self.online_mode)
        form.addRow(self.tr("  all sources:"), self.online)
        for source, spin in self.source_spins.items():
            form.addRow(arg(self.tr("  source %1:"), source), spin)
        form.addRow(self.tr("Expert average:"), self.expert)
        self._form = form
        return self.weights_box

    def _spins(self) -> list[QDoubleSpinBox]:
        return [self.paper, self.online, self.expert, *self.source_spins.values()]

    def rule(self) -> CombinationRule:
        online = OnlineCount(self.online_count.currentData())
        normalise = Normalise(self.normalise.currentData())
        if self.sum_button.isChecked():
            return CombinationRule(Method.SUM, online, normalise)
        channels: list[tuple[str, float]] = [(PAPER, self.paper.value())]
        if self.online_mode.currentData():
            channels += [(SOURCE_PREFIX + s, spin.value())
                         for s, spin in self.source_spins.items()]
        else:
            channels.append((ONLINE, self.online.value()))
        channels.append((EXPERT, self.expert.value()))
        return CombinationRule(Method.WEIGHTED, online, normalise,
                               tuple((c, w) for c, w in channels if w > 0))

    def problems(self) -> str:
        return messages_text(check_rule(self.rule(), set(self.sources)))

    def _update(self) -> None:
        weighted = self.weighted_button.isChecked()
        per_source = bool(self.online_mode.currentData())
        self.weights_box.setEnabled(weighted)
        self._form.setRowVisible(self.online, not per_source)
        for spin in self.source_spins.values():
            self._form.setRowVisible(spin, per_source)
        rule = self.rule()
        self.formula_label.setText(formula(rule, self.sources, messages.current_language()))
        if rule.online is OnlineCount.UNFLAGGED:
            self.flag_label.setText(self.tr(
                "Flagged online votes are left out: a vote the fraud checks flagged (an IP "
                "burst, a minute spike, a voter over the limit) decides nothing. A result that "
                "counting them would change is marked %1.").replace("%1", FLAG_MARK))
            self.flag_label.setStyleSheet("")
        else:
            self.flag_label.setText(self.tr(
                "Flagged online votes count as the platform exported them: suspicious votes "
                "can decide a seat. Every result they decide is marked %1 in the results, the "
                "notice and the tables.").replace("%1", FLAG_MARK))
            self.flag_label.setStyleSheet(ERROR_STYLE)
        problems = self.problems()
        self.problems_label.setText(problems)
        self.problems_label.setVisible(bool(problems))
        self.buttons.button(QDialogButtonBox.StandardButton.Save).setEnabled(not problems)

    def accept(self) -> None:
        if not self.problems():
            super().accept()
