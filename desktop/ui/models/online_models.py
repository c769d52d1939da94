"""Tables of the online-vote side: sources, imports, an import preview's messages, flagged
rows and totals. Each is a plain table over the core's frozen data, tested without a window."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QCoreApplication, Qt

from ballotformat.messages import Message, Severity, list_separator
from desktop.core.online import FlaggedRow, ImportInfo, SourceInfo
from desktop.core.registry import CandidateInfo
from desktop.ui.models import local_time, rows
from desktop.ui.models.preview_model import ERROR_BACKGROUND, WARNING_BACKGROUND

DISPLAY = Qt.ItemDataRole.DisplayRole
BACKGROUND = Qt.ItemDataRole.BackgroundRole
#: The roles a vote table's cell answers with its value: shown, and as its tooltip.
SHOWN = (DISPLAY, Qt.ItemDataRole.ToolTipRole)


def reason_label(reason: str) -> str:
    """The fraud checks' reason codes in the user's language."""
    labels = {
        "over_limit": QCoreApplication.translate("Online", "over the per-voter limit"),
        "ip_burst": QCoreApplication.translate("Online", "burst from one IP"),
        "minute_spike": QCoreApplication.translate("Online", "spike within a minute"),
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
    lines = []
    for source in sources:
        mine = [i for i in standing if i.source == source.name]
        lines.append(SourceRow(source, len(mine), sum(i.votes for i in mine),
                               sum(i.unflagged for i in mine),
                               sum(i.flagged_rows for i in mine)))
    return lines


class SourceTableModel(rows.RowsModel):
    COL_NAME, COL_IMPORTS, COL_VOTES, COL_UNFLAGGED, COL_FLAGGED = range(5)
    NUMERIC_COLUMNS = frozenset({COL_IMPORTS, COL_VOTES, COL_UNFLAGGED, COL_FLAGGED})

    def headers(self) -> tuple[str, ...]:
        return (self.tr("Source"), self.tr("Imports"), self.tr("Votes as exported"),
                self.tr("Votes without flagged"), self.tr("Flagged rows"))

    def cell(self, row: SourceRow, column: int, role: int) -> Any:
        if role not in SHOWN:
            return None
        return (row.source.name, row.imports, row.votes, row.unflagged, row.flagged_rows)[column]


class ImportTableModel(rows.RowsModel):
    COL_ID, COL_SOURCE, COL_FILE, COL_VOTES, COL_FLAGGED, COL_WHEN, COL_STATE = range(7)
    NUMERIC_COLUMNS = frozenset({COL_ID, COL_VOTES, COL_FLAGGED})

    def headers(self) -> tuple[str, ...]:
        return (self.tr("No."), self.tr("Source"), self.tr("File"), self.tr("Votes"),
                self.tr("Flagged rows"), self.tr("Imported"), self.tr("State"))

    def cell(self, row: ImportInfo, column: int, role: int) -> Any:
        if role == BACKGROUND:
            return None if row.withdrawn_at is None else WARNING_BACKGROUND
        if role not in SHOWN:
            return None
        if column == self.COL_STATE:
            if row.withdrawn_at is None:
                return self.tr("counted")
            return self.tr("withdrawn: %1").replace("%1", row.withdraw_note)
        return (row.id, row.source, row.file_name, row.votes, row.flagged_rows,
                local_time(row.imported_at))[column]


class MessageModel(rows.RowsModel):
    """An import preview's messages: errors red, warnings amber."""

    COL_KIND, COL_TEXT = range(2)

    def headers(self) -> tuple[str, ...]:
        return (self.tr("Kind"), self.tr("Message"))

    def cell(self, row: Message, column: int, role: int) -> Any:
        if role == BACKGROUND:
            return {Severity.ERROR: ERROR_BACKGROUND,
                    Severity.WARNING: WARNING_BACKGROUND}.get(row.severity)
        if role not in SHOWN:
            return None
        if column == self.COL_TEXT:
            return row.text()
        return {Severity.ERROR: self.tr("Error"), Severity.WARNING: self.tr("Warning")}.get(
            row.severity, self.tr("Note"))


class FlagTableModel(rows.RowsModel):
    """The rows the fraud checks flagged, with why."""

    COL_ROW, COL_REASONS, COL_TIME, COL_VOTER, COL_IP, COL_CANDIDATES = range(6)
    NUMERIC_COLUMNS = frozenset({COL_ROW})

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.candidates: dict[int, CandidateInfo] = {}

    def headers(self) -> tuple[str, ...]:
        return (self.tr("Row"), self.tr("Reasons"), self.tr("Time"), self.tr("Voter"),
                self.tr("IP"), self.tr("Candidates"))

    def cell(self, row: FlaggedRow, column: int, role: int) -> Any:
        if role == BACKGROUND:
            return WARNING_BACKGROUND
        if role not in SHOWN:
            return None
        if column == self.COL_REASONS:
            return list_separator().join(reason_label(r) for r in row.reasons)
        if column == self.COL_CANDIDATES:
            return list_separator().join(candidate_label(self.candidates.get(c))
                                         for c in row.candidate_ids)
        return (row.row, "", row.time, row.voter, row.ip)[column]


@dataclass(frozen=True)
class TotalRow:
    candidate: CandidateInfo
    votes: int
    unflagged: int


class TotalTableModel(rows.RowsModel):
    """Per candidate: the votes as exported and without the flagged rows."""

    COL_CATEGORY, COL_NUMBER, COL_NAME, COL_VOTES, COL_UNFLAGGED = range(5)
    NUMERIC_COLUMNS = frozenset({COL_NUMBER, COL_VOTES, COL_UNFLAGGED})

    def headers(self) -> tuple[str, ...]:
        return (self.tr("Category"), self.tr("No."), self.tr("Name"),
                self.tr("Votes as exported"), self.tr("Votes without flagged"))

    def cell(self, row: TotalRow, column: int, role: int) -> Any:
        if role == BACKGROUND:
            return WARNING_BACKGROUND if row.votes != row.unflagged else None
        if role not in SHOWN:
            return None
        c = row.candidate
        number = f"{c.number:02d}" if c.number is not None else ""
        return (c.category, number, c.name, row.votes, row.unflagged)[column]
