"""Tables of the online-vote side: sources, imports, an import preview's messages, flagged
rows and totals. Each is a plain table over the core's frozen data, tested without a window."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)

from desktop.core.candidates import CandidateInfo
from desktop.core.messages import Message, Severity
from desktop.core.online import SourceInfo
from desktop.core.online_plan import FlaggedRow
from desktop.core.online_results import ImportInfo
from desktop.ui.models import ObjectRole
from desktop.ui.models.preview_model import ERROR_BACKGROUND, WARNING_BACKGROUND

Index = QModelIndex | QPersistentModelIndex
DISPLAY = Qt.ItemDataRole.DisplayRole
NUMBER_ALIGNMENT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter


def reason_label(reason: str) -> str:
    """The fraud checks' reason codes in the user's language."""
    labels = {
        "over_limit": QCoreApplication.translate("Votes", "over the per-voter limit"),
        "ip_burst": QCoreApplication.translate("Votes", "burst from one IP"),
        "minute_spike": QCoreApplication.translate("Votes", "spike within a minute"),
    }
    return labels.get(reason, reason)


def candidate_label(candidate: CandidateInfo | None) -> str:
    if candidate is None:
        return ""
    number = f"{candidate.number:02d} " if candidate.number is not None else ""
    return f"{candidate.category} {number}{candidate.name}"


@dataclass(frozen=True)
class SourceRow:
    source: SourceInfo
    imports: int
    votes: int
    unflagged: int
    flagged_rows: int


def source_rows(sources: Sequence[SourceInfo], standing: Sequence[ImportInfo]) -> list[SourceRow]:
    """One row per source: its standing imports summed (a source without imports shows 0)."""
    rows = []
    for source in sources:
        mine = [i for i in standing if i.source == source.name]
        rows.append(SourceRow(source, len(mine), sum(i.votes for i in mine),
                              sum(i.unflagged for i in mine),
                              sum(i.flagged_rows for i in mine)))
    return rows


class RowsModel(QAbstractTableModel):
    """A read-only table of frozen rows; subclasses give the headers and the cells."""

    #: Columns aligned right (numbers).
    numeric: frozenset[int] = frozenset()

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._rows: list[Any] = []

    def set_rows(self, rows: Sequence[Any]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def rows(self) -> list[Any]:
        return list(self._rows)

    def headers(self) -> tuple[str, ...]:
        raise NotImplementedError

    def cell(self, row: Any, column: int) -> Any:
        raise NotImplementedError

    def background(self, row: Any) -> Any:
        return None

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.headers())

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = DISPLAY) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == DISPLAY:
            return self.headers()[section]
        return None

    def data(self, index: Index, role: int = DISPLAY) -> Any:
        if not index.isValid():
            return None
        row = self._rows[index.row()]
        if role == ObjectRole:
            return row
        if role in (DISPLAY, Qt.ItemDataRole.ToolTipRole):
            return self.cell(row, index.column())
        if role == Qt.ItemDataRole.BackgroundRole:
            return self.background(row)
        if role == Qt.ItemDataRole.TextAlignmentRole and index.column() in self.numeric:
            return NUMBER_ALIGNMENT
        return None


class SourceTableModel(RowsModel):
    COL_NAME, COL_IMPORTS, COL_VOTES, COL_UNFLAGGED, COL_FLAGGED = range(5)
    numeric = frozenset({COL_IMPORTS, COL_VOTES, COL_UNFLAGGED, COL_FLAGGED})

    def headers(self) -> tuple[str, ...]:
        return (self.tr("Source"), self.tr("Imports"), self.tr("Votes as exported"),
                self.tr("Votes without flagged"), self.tr("Flagged rows"))

    def cell(self, row: SourceRow, column: int) -> Any:
        return (row.source.name, row.imports, row.votes, row.unflagged, row.flagged_rows)[column]


class ImportTableModel(RowsModel):
    COL_ID, COL_SOURCE, COL_FILE, COL_VOTES, COL_FLAGGED, COL_WHEN, COL_STATE = range(7)
    numeric = frozenset({COL_ID, COL_VOTES, COL_FLAGGED})

    def headers(self) -> tuple[str, ...]:
        return (self.tr("No."), self.tr("Source"), self.tr("File"), self.tr("Votes"),
                self.tr("Flagged rows"), self.tr("Imported"), self.tr("State"))

    def cell(self, row: ImportInfo, column: int) -> Any:
        if column == self.COL_STATE:
            if row.withdrawn_at is None:
                return self.tr("counted")
            return self.tr("withdrawn: %1").replace("%1", row.withdraw_note)
        when = row.imported_at.astimezone().strftime("%Y-%m-%d %H:%M")
        return (row.id, row.source, row.file_name, row.votes, row.flagged_rows, when)[column]

    def background(self, row: ImportInfo) -> Any:
        return None if row.withdrawn_at is None else WARNING_BACKGROUND


class MessageModel(RowsModel):
    """An import preview's messages: errors red, warnings amber."""

    COL_KIND, COL_TEXT = range(2)

    def headers(self) -> tuple[str, ...]:
        return (self.tr("Kind"), self.tr("Message"))

    def cell(self, row: Message, column: int) -> Any:
        if column == self.COL_TEXT:
            return row.text()
        return {Severity.ERROR: self.tr("Error"), Severity.WARNING: self.tr("Warning")}.get(
            row.severity, self.tr("Note"))

    def background(self, row: Message) -> Any:
        return {Severity.ERROR: ERROR_BACKGROUND,
                Severity.WARNING: WARNING_BACKGROUND}.get(row.severity)


class FlagTableModel(RowsModel):
    """The rows the fraud checks flagged, with why."""

    COL_ROW, COL_REASONS, COL_TIME, COL_VOTER, COL_IP, COL_CANDIDATES = range(6)
    numeric = frozenset({COL_ROW})

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.candidates: dict[int, CandidateInfo] = {}

    def headers(self) -> tuple[str, ...]:
        return (self.tr("Row"), self.tr("Reasons"), self.tr("Time"), self.tr("Voter"),
                self.tr("IP"), self.tr("Candidates"))

    def cell(self, row: FlaggedRow, column: int) -> Any:
        if column == self.COL_REASONS:
            return "、".join(reason_label(r) for r in row.reasons)
        if column == self.COL_CANDIDATES:
            return "、".join(candidate_label(self.candidates.get(c)) for c in row.candidate_ids)
        return (row.row, "", row.time, row.voter, row.ip)[column]

    def background(self, row: FlaggedRow) -> Any:
        return WARNING_BACKGROUND


@dataclass(frozen=True)
class TotalRow:
    candidate: CandidateInfo
    votes: int
    unflagged: int


class TotalTableModel(RowsModel):
    """Per candidate: the votes as exported and without the flagged rows."""

    COL_CATEGORY, COL_NUMBER, COL_NAME, COL_VOTES, COL_UNFLAGGED = range(5)
    numeric = frozenset({COL_NUMBER, COL_VOTES, COL_UNFLAGGED})

    def headers(self) -> tuple[str, ...]:
        return (self.tr("Category"), self.tr("No."), self.tr("Name"),
                self.tr("Votes as exported"), self.tr("Votes without flagged"))

    def cell(self, row: TotalRow, column: int) -> Any:
        c = row.candidate
        number = f"{c.number:02d}" if c.number is not None else ""
        return (c.category, number, c.name, row.votes, row.unflagged)[column]

    def background(self, row: TotalRow) -> Any:
        return WARNING_BACKGROUND if row.votes != row.unflagged else None
