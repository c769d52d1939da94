"""Expert scores: the matrix of one category (candidates × experts, then the average) on the
online and expert page, and the scores a file holds in the expert import's preview.

A score left out of the average (the highest and the lowest, when the rule drops extremes) is
struck through and greyed; an expert who scored others of the category but not this candidate
leaves a gap, highlighted. Editing a cell does not save: the model emits ``scoreEntered`` and
the controller hands the score to the core, which decides.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QModelIndex, Qt, Signal
from PySide6.QtGui import QColor, QFont

from desktop.core.experts import ExpertResult
from desktop.core.registry import CandidateInfo
from desktop.ui.models.online_models import SHOWN
from desktop.ui.models.rows import Index, RowsModel

DISPLAY, EDIT = Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole
GAP_BACKGROUND = QColor("#fff3cd")
DROPPED_FOREGROUND = QColor("#9a9a9a")
AVERAGE_BACKGROUND = QColor("#eef4fb")
#: Decimals shown for scores and averages.
SCORE_DECIMALS = 2


def score_text(score: float | None) -> str:
    if score is None:
        return ""
    return f"{score:.{SCORE_DECIMALS}f}".rstrip("0").rstrip(".")


@dataclass(frozen=True)
class ScoreCell:
    score: float | None
    dropped: bool
    gap: bool


class ExpertMatrixModel(RowsModel):
    """Rows of candidates; a column per expert between the name and the average."""

    COL_NUMBER, COL_NAME = 0, 1
    #: The first expert's column; the average comes after the last expert.
    COL_FIRST_EXPERT = 2
    #: (candidate id, expert, the text typed).
    scoreEntered = Signal(int, str, str)

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.experts: list[str] = []
        self.results: dict[int, ExpertResult] = {}

    def set_matrix(self, candidates: list[CandidateInfo], results: dict[int, ExpertResult],
                   extra_experts: list[str] | None = None) -> None:
        """``extra_experts``: names added in the window that have no score yet."""
        self.results = {c.id: results[c.id] for c in candidates if c.id in results}
        named = {m.expert for r in self.results.values() for m in r.marks}
        self.experts = sorted(named | set(extra_experts or ()))
        self.set_rows(candidates)

    @property
    def col_average(self) -> int:
        return self.COL_FIRST_EXPERT + len(self.experts)

    def expert_of(self, column: int) -> str | None:
        offset = column - self.COL_FIRST_EXPERT
        return self.experts[offset] if 0 <= offset < len(self.experts) else None

    def score_cell(self, candidate: CandidateInfo, column: int) -> ScoreCell:
        expert = self.expert_of(column)
        result = self.results.get(candidate.id)
        mark = next((m for m in result.marks if m.expert == expert), None) if result else None
        if mark is not None:
            return ScoreCell(mark.score, mark.dropped, False)
        # A gap: this expert scored others of the category, not this candidate.
        scored_others = any(m.expert == expert for r in self.results.values() for m in r.marks)
        return ScoreCell(None, False, scored_others)

    def average(self, candidate: CandidateInfo) -> float | None:
        result = self.results.get(candidate.id)
        return result.average if result else None

    # -- Qt --------------------------------------------------------------------------------
    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else self.col_average + 1

    def headers(self) -> list[str]:
        return [self.tr("No."), self.tr("Name"), *self.experts, self.tr("Average")]

    def flags(self, index: Index) -> Qt.ItemFlag:
        flags = super().flags(index)
        if self.expert_of(index.column()) is not None:
            flags |= Qt.ItemFlag.ItemIsEditable
        return flags

    def cell(self, candidate: CandidateInfo, column: int, role: int) -> Any:
        if column == self.COL_NUMBER:
            return (f"{candidate.number:02d}" if candidate.number is not None else ""
                    ) if role == DISPLAY else None
        if column == self.COL_NAME:
            return candidate.name if role in (DISPLAY, Qt.ItemDataRole.ToolTipRole) else None
        if column == self.col_average:
            return self._average_data(candidate, role)
        cell = self.score_cell(candidate, column)
        if role in (DISPLAY, EDIT):
            return score_text(cell.score)
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return Qt.AlignmentFlag.AlignCenter
        if role == Qt.ItemDataRole.BackgroundRole and cell.gap:
            return GAP_BACKGROUND
        if role == Qt.ItemDataRole.ForegroundRole and cell.dropped:
            return DROPPED_FOREGROUND
        if role == Qt.ItemDataRole.FontRole and cell.dropped:
            font = QFont()
            font.setStrikeOut(True)
            return font
        if role == Qt.ItemDataRole.ToolTipRole:
            if cell.dropped:
                return self.tr("Left out of the average (highest or lowest)")
            if cell.gap:
                return self.tr("Not scored yet by this expert")
        return None

    def _average_data(self, candidate: CandidateInfo, role: int) -> Any:
        if role == DISPLAY:
            return score_text(self.average(candidate))
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return Qt.AlignmentFlag.AlignCenter
        if role == Qt.ItemDataRole.BackgroundRole:
            return AVERAGE_BACKGROUND
        if role == Qt.ItemDataRole.FontRole:
            font = QFont()
            font.setBold(True)
            return font
        return None

    def setData(self, index: Index, value: Any, role: int = EDIT) -> bool:
        expert = self.expert_of(index.column())
        if role != EDIT or expert is None:
            return False
        candidate: CandidateInfo = self._rows[index.row()]
        text = str(value).strip()
        if text == score_text(self.score_cell(candidate, index.column()).score):
            return False  # unchanged
        self.scoreEntered.emit(candidate.id, expert, text)
        return False  # the controller reloads the matrix from the core once saved


class ScoreTableModel(RowsModel):
    """The scores a file holds: (candidate id, expert, score)."""

    COL_CATEGORY, COL_NUMBER, COL_NAME, COL_EXPERT, COL_SCORE = range(5)

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.candidates: dict[int, CandidateInfo] = {}

    def headers(self) -> tuple[str, ...]:
        return (self.tr("Category"), self.tr("No."), self.tr("Name"), self.tr("Expert"),
                self.tr("Score"))

    def cell(self, row: tuple[int, str, float], column: int, role: int) -> Any:
        if role not in SHOWN:
            return None
        candidate = self.candidates.get(row[0])
        if column == self.COL_EXPERT:
            return row[1]
        if column == self.COL_SCORE:
            return score_text(row[2])
        if candidate is None:
            return ""
        number = f"{candidate.number:02d}" if candidate.number is not None else ""
        return (candidate.category, number, candidate.name)[column]
