"""The results as tables: one category's ranking, its paper counts per box, and the reasons a
result is still provisional. Plain data over the core's frozen results; testable without a
window.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication, QModelIndex, Qt
from PySide6.QtGui import QBrush, QColor, QFont

from ballotformat.messages import current_language, list_separator
from desktop.core.results import (
    FLAG_MARK,
    BoxCount,
    CampaignResults,
    CandidateResult,
    CategoryResult,
    CombinationRule,
    flag_note,
    format_combined,
    format_expert,
)
from desktop.ui.i18n import arg
from desktop.ui.models.rows import NUMBER_ALIGNMENT, Index, RowsModel

WINNER_BACKGROUND = QColor("#dcedc8")  # light green: elected
TIE_BACKGROUND = QColor("#ffe0b2")  # amber: tied across the cut-off, waiting for a decision
DECIDED_TIE_BACKGROUND = QColor("#e3f2fd")  # light blue: in a tie the organiser decided


def result_text(candidate: CandidateResult, category: CategoryResult) -> str:
    """当选 / 并列待定 / — as the result column (and the tests) show it, with
    ``combine.FLAG_MARK`` when how flagged online votes count would change it."""
    mark = FLAG_MARK if candidate.flag_dependent else ""
    if candidate.cutoff_tie and category.undecided_tie:
        return QCoreApplication.translate("Results", "Tied, to be decided") + mark
    if candidate.winner and candidate.cutoff_tie:
        return QCoreApplication.translate("Results", "Winner (tie decided)") + mark
    if candidate.winner:
        return QCoreApplication.translate("Results", "Winner") + mark
    return "—" + mark


def provisional_reasons(results: CampaignResults) -> list[str]:
    """Why the results are provisional, one line per category and reason."""
    reasons = []
    for category in results.categories:
        if category.pending:
            pending = QCoreApplication.translate("Results", "%1: %n ballot(s) wait for review",
                                                 "", category.pending)
            reasons.append(arg(pending, category.name))
        if category.undecided_tie:
            tie = QCoreApplication.translate(
                "Results", "%1: a tie at the cut-off (%2) waits for your decision")
            reasons.append(arg(tie, category.name, list_separator().join(category.cutoff_tie)))
    return reasons


class RankingModel(RowsModel):
    """One category's ranking. Online sources get a column each, between paper and expert."""

    COL_RANK = 0
    COL_NUMBER = 1
    COL_NAME = 2
    COL_UNIT = 3
    COL_PAPER = 4
    COL_FIRST_SOURCE = 5

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.category: CategoryResult | None = None
        self.sources: tuple[str, ...] = ()
        self.rule = CombinationRule()

    # The columns after the sources move with their number.
    @property
    def col_expert(self) -> int:
        return self.COL_FIRST_SOURCE + len(self.sources)

    @property
    def col_combined(self) -> int:
        return self.col_expert + 1

    @property
    def col_result(self) -> int:
        return self.col_expert + 2

    def set_category(self, category: CategoryResult | None, sources: tuple[str, ...] = (),
                     rule: CombinationRule | None = None) -> None:
        self.category, self.sources = category, tuple(sources)
        self.rule = rule or CombinationRule()
        self.set_rows(category.candidates if category else ())

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else self.col_result + 1

    def headers(self) -> list[str]:
        online = [arg(self.tr("Online\n%1"), source) for source in self.sources]
        return [self.tr("Rank"), self.tr("No."), self.tr("Name"), self.tr("Nominated by"),
                self.tr("Paper"), *online, self.tr("Expert avg."), self.tr("Combined"),
                self.tr("Result")]

    def display(self, row: int, column: int) -> str:
        return self._display(self._rows[row], column)

    def _display(self, c: CandidateResult, column: int) -> str:
        if column < self.COL_FIRST_SOURCE:
            return [str(c.rank), c.number, c.name, c.unit, str(c.paper)][column]
        if column < self.col_expert:
            return str(c.online.get(self.sources[column - self.COL_FIRST_SOURCE], 0))
        if column == self.col_expert:
            return format_expert(c.expert)
        if column == self.col_combined:
            return format_combined(c.combined, self.rule)
        assert self.category is not None
        return result_text(c, self.category)

    def cell(self, c: CandidateResult, column: int, role: int) -> Any:
        assert self.category is not None
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(c, column)
        if role == Qt.ItemDataRole.BackgroundRole:
            if c.cutoff_tie:
                return QBrush(TIE_BACKGROUND if self.category.undecided_tie
                              else DECIDED_TIE_BACKGROUND)
            return QBrush(WINNER_BACKGROUND) if c.winner else None
        if role == Qt.ItemDataRole.FontRole and (c.winner or column == self.col_combined):
            font = QFont()
            font.setBold(True)
            return font
        if role == Qt.ItemDataRole.TextAlignmentRole and column not in (
                self.COL_NAME, self.COL_UNIT, self.col_result):
            return NUMBER_ALIGNMENT
        if role == Qt.ItemDataRole.ToolTipRole and column == self.col_result \
                and c.flag_dependent:
            return flag_note(self.rule, current_language())
        if role == Qt.ItemDataRole.ToolTipRole and column in (self.COL_NAME, self.COL_UNIT):
            return self._display(c, column)
        if role == Qt.ItemDataRole.ToolTipRole and column < self.col_expert \
                and column >= self.COL_FIRST_SOURCE:
            exported, unflagged = c.online_both.get(
                self.sources[column - self.COL_FIRST_SOURCE], (0, 0))
            return arg(self.tr("As exported: %1 · without flagged votes: %2"), exported,
                       unflagged)
        return None


class BoxCountModel(RowsModel):
    """One category's paper ballots per box, and a total row."""

    COL_BOX = 0
    COL_BALLOTS = 1
    COL_VALID = 2
    COL_VOID = 3
    COL_BLANK = 4
    COL_PENDING = 5
    COLUMN_COUNT = 6
    NUMERIC_COLUMNS = frozenset({COL_BALLOTS, COL_VALID, COL_VOID, COL_BLANK, COL_PENDING})

    def set_category(self, category: CategoryResult | None) -> None:
        if category is None:
            self.set_rows([])
            return
        self.set_rows([*category.boxes, BoxCount(
            self.tr("Total"), sum(b.ballots for b in category.boxes),
            sum(b.sheets for b in category.boxes), category.valid, category.void,
            category.blank, category.pending)])

    def headers(self) -> list[str]:
        return [self.tr("Ballot box"), self.tr("Ballots"), self.tr("Valid"), self.tr("Void"),
                self.tr("Blank"), self.tr("Pending")]

    def cell(self, box: BoxCount, column: int, role: int) -> Any:
        if role == Qt.ItemDataRole.DisplayRole:
            return [box.box, box.ballots, box.valid, box.void, box.blank, box.pending][column]
        if role == Qt.ItemDataRole.FontRole and box is self._rows[-1]:
            font = QFont()
            font.setBold(True)
            return font
        if role == Qt.ItemDataRole.ForegroundRole and column == self.COL_PENDING and box.pending:
            return QBrush(QColor("#b71c1c"))
        return None
