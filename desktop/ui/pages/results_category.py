"""One category on the results page (view): its state line, a tie at the cut-off with the
button that decides it, the ranking, the bar chart (paper vs online) and the counts per box."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from ballotformat.messages import current_language, list_separator
from desktop.core.results import CategoryResult, CombinationRule, flag_note
from desktop.ui.chart import BarChart, Series
from desktop.ui.i18n import arg
from desktop.ui.models import local_time
from desktop.ui.models.results_models import BoxCountModel, RankingModel
from desktop.ui.tables import list_table, set_widths

#: Candidates in the chart: the top of the ranking.
CHART_TOP = 10
PAPER_COLOUR = QColor("#1565c0")
ONLINE_COLOUR = QColor("#ef6c00")
SIDE_MIN_WIDTH_PX = 320
SIDE_WIDTH_PX = 340
UNIT_WIDTH_PX = 96
TIE_STYLE = "background: #ffe0b2; color: #6d3b00; padding: 4px; font-weight: bold;"
DECIDED_STYLE = "background: #e3f2fd; color: #0d47a1; padding: 4px;"
INFO_STYLE = "color: #333333;"


class CategoryPanel(QWidget):
    decideTieRequested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.category: CategoryResult | None = None
        self.ranking_model = RankingModel(self)
        self.box_model = BoxCountModel(self)
        self.info_label = QLabel()
        self.info_label.setStyleSheet(INFO_STYLE)
        self.tie_label = QLabel()
        self.tie_label.setWordWrap(True)
        self.tie_button = QPushButton(self.tr("Decide the tie…"))
        self.tie_button.clicked.connect(self.decideTieRequested)
        tie_row = QHBoxLayout()
        tie_row.addWidget(self.tie_label, 1)
        tie_row.addWidget(self.tie_button)
        self.ranking_table = list_table(self.ranking_model, RankingModel.COL_NAME)
        header = self.ranking_table.horizontalHeader()
        header.setSectionResizeMode(RankingModel.COL_UNIT, QHeaderView.ResizeMode.Interactive)
        set_widths(self.ranking_table, {RankingModel.COL_UNIT: UNIT_WIDTH_PX})
        self.ranking_table.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.chart = BarChart()
        self.chart_title = QLabel()  # a label, not the group's title: it wraps
        self.chart_title.setWordWrap(True)
        self.chart_box = QGroupBox()
        chart_layout = QVBoxLayout(self.chart_box)
        chart_layout.addWidget(self.chart_title)
        chart_layout.addWidget(self.chart, 1)
        self.box_table = list_table(self.box_model, BoxCountModel.COL_BOX)
        counts_box = QGroupBox(self.tr("Paper ballots per box"))
        QVBoxLayout(counts_box).addWidget(self.box_table)
        side = QSplitter(Qt.Orientation.Vertical)
        side.addWidget(self.chart_box)
        side.addWidget(counts_box)
        side.setStretchFactor(0, 3)
        side.setStretchFactor(1, 1)
        side.setMinimumWidth(SIDE_MIN_WIDTH_PX)
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(self.ranking_table)
        splitter.addWidget(side)
        splitter.setStretchFactor(0, 1)
        splitter.setStretchFactor(1, 0)
        splitter.setSizes([2 * SIDE_WIDTH_PX, SIDE_WIDTH_PX])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 4, 0, 0)
        layout.addWidget(self.info_label)
        layout.addLayout(tie_row)
        layout.addWidget(splitter, 1)

    def show_category(self, category: CategoryResult | None, sources: tuple[str, ...],
                      rule: CombinationRule) -> None:
        self.category = category
        self.ranking_model.set_category(category, sources, rule)
        self.box_model.set_category(category)
        if category is None:
            self.info_label.clear()
            self._show_tie(None)
            self.chart.set_data([], [])
            return
        info = arg(self.tr(
            "%n winner(s) · paper ballots: %1 valid, %2 void, %3 blank, %4 waiting for review",
            "", category.winners),
            category.valid, category.void, category.blank, category.pending)
        if any(c.flag_dependent for c in category.candidates):
            info += "\n" + flag_note(rule, current_language())
        self.info_label.setText(info)
        self._show_tie(category)
        self._show_chart(category, sources)

    def _show_tie(self, category: CategoryResult | None) -> None:
        tied = bool(category and category.cutoff_tie)
        self.tie_label.setVisible(tied)
        self.tie_button.setVisible(tied)
        if category is None or not tied:
            return
        numbers = list_separator().join(category.cutoff_tie)
        decision = category.tie_decision
        if decision is None:
            self.tie_label.setStyleSheet(TIE_STYLE)
            self.tie_label.setText(arg(self.tr(
                "Tie at the cut-off: %1 have the same combined score for %n seat(s). It is "
                "not broken automatically: decide it and record why.", "", category.seats),
                numbers))
            self.tie_button.setText(self.tr("Decide the tie…"))
        else:
            self.tie_label.setStyleSheet(DECIDED_STYLE)
            self.tie_label.setText(arg(self.tr(
                "Tie at the cut-off (%1) decided by %2 on %3: %4 win. Note: %5"), numbers,
                decision.decided_by, local_time(decision.decided_at),
                list_separator().join(decision.winners), decision.note))
            self.tie_button.setText(self.tr("Decide again…"))

    def _show_chart(self, category: CategoryResult, sources: tuple[str, ...]) -> None:
        top = category.candidates[:CHART_TOP]
        self.chart_title.setText(arg(self.tr(
            "Top %1: paper vs online (bar = share of the category's total in that channel)"),
            len(top)))
        series = [Series(self.tr("Paper ballots"), PAPER_COLOUR,
                         tuple(c.paper for c in top),
                         sum(c.paper for c in category.candidates))]
        if sources:
            series.append(Series(self.tr("Online votes"), ONLINE_COLOUR,
                                 tuple(c.online_total for c in top),
                                 sum(c.online_total for c in category.candidates)))
        self.chart.set_data([f"{c.number} {c.name}" for c in top], series,
                            self.tr("No votes counted yet"))
