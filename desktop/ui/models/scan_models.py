"""Tables of the scan page: what happened to each image (newest first) and the live count per
category. Both are plain models over core values, tested without a window."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, QModelIndex, Qt
from PySide6.QtGui import QColor

from ballotformat.messages import list_separator
from desktop.core.labels import label
from desktop.core.records import RecordOutcome
from desktop.core.results import CategoryCount, Tally
from desktop.ui.i18n import arg
from desktop.ui.models.ballot_models import serial_label
from desktop.ui.models.rows import RowsModel
from scanning.reasons import Reason, Status
from scanning.sources import AcquisitionProblem, FileOrigin

#: Candidates named in the "leading so far" column.
TOP_CANDIDATES = 3


class Kind(StrEnum):
    """What an image came to; the counters and the row colours follow it."""

    ACCEPTED = "accepted"
    REVIEW = "review"
    REJECTED = "rejected"
    ALREADY = "already"  # recorded before: not counted again
    STOPPED = "stopped"  # the source stopped (jam, camera lost): no page

    @property
    def is_problem(self) -> bool:
        return self is not Kind.ACCEPTED


#: (text, background) per kind.
KIND_COLOURS: Mapping[Kind, tuple[QColor, QColor]] = {
    Kind.ACCEPTED: (QColor("#1b5e20"), QColor("#e3f2e1")),
    Kind.REVIEW: (QColor("#8a5300"), QColor("#fff1d6")),
    Kind.REJECTED: (QColor("#b71c1c"), QColor("#fde0dc")),
    Kind.ALREADY: (QColor("#555555"), QColor("#eeeeee")),
    Kind.STOPPED: (QColor("#b71c1c"), QColor("#fde0dc")),
}


def kind_of(outcome: RecordOutcome) -> Kind:
    """The same division as ``ScanCounts.add``."""
    if outcome.message.code == "already_recorded":
        return Kind.ALREADY
    status = outcome.result.status
    if status is Status.ACCEPTED and outcome.recorded:
        return Kind.ACCEPTED
    return Kind.REJECTED if status is Status.REJECTED else Kind.REVIEW


def kind_label(kind: Kind) -> str:
    if kind is Kind.ALREADY:
        return QCoreApplication.translate("ScanModels", "Recorded before")
    if kind is Kind.STOPPED:
        return QCoreApplication.translate("ScanModels", "Source stopped")
    return label(Status(kind.value))


def short_source(source: str) -> str:
    """A file's name (the path is in the tooltip); scanner and camera origins as they are."""
    path = Path(source)
    return path.name if path.is_absolute() else source


@dataclass(frozen=True)
class OutcomeRow:
    at: datetime
    kind: Kind
    source: str
    sheet: str  # serial and page, or the file's page
    message: str
    reasons: tuple[Reason, ...] = ()
    sheet_id: int | None = None

    @classmethod
    def of(cls, item: RecordOutcome | AcquisitionProblem) -> OutcomeRow:
        now = datetime.now().astimezone()
        if isinstance(item, AcquisitionProblem):
            origin = item.origin
            source = (str(origin.path) if isinstance(origin, FileOrigin)
                      else origin.describe() if origin is not None else "")
            return cls(now, Kind.STOPPED, source, "", item.text())
        result = item.result
        if result.serial is not None:
            sheet = arg(QCoreApplication.translate("ScanModels", "%1, page %2"),
                        serial_label(result.serial), result.layout_page or "?")
        else:
            sheet = arg(QCoreApplication.translate("ScanModels", "file page %1"),
                        item.page_index + 1)
        return cls(now, kind_of(item), item.source, sheet, item.message.text(), result.reasons,
                   item.sheet_id)


class OutcomeTableModel(RowsModel):
    """Newest first; ``set_problems_only`` hides accepted sheets."""

    COL_TIME = 0
    COL_SOURCE = 1
    COL_SHEET = 2
    COL_STATUS = 3
    COL_MESSAGE = 4
    COLUMN_COUNT = 5

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._all: list[OutcomeRow] = []
        self.problems_only = False

    def add(self, row: OutcomeRow) -> None:
        self._all.append(row)
        if self.problems_only and not row.kind.is_problem:
            return
        self.beginInsertRows(QModelIndex(), 0, 0)
        self._rows.insert(0, row)
        self.endInsertRows()

    def clear(self) -> None:
        self._all.clear()
        self.set_rows([])

    def set_problems_only(self, problems_only: bool) -> None:
        self.problems_only = problems_only
        shown = [r for r in self._all if r.kind.is_problem or not problems_only]
        self.set_rows(shown[::-1])

    def all_rows(self) -> list[OutcomeRow]:
        return list(self._all)

    def headers(self) -> list[str]:
        return [self.tr("Time"), self.tr("Source"), self.tr("Serial / page"), self.tr("Status"),
                self.tr("Message")]

    def cell(self, row: OutcomeRow, column: int, role: int) -> Any:
        if role == Qt.ItemDataRole.DisplayRole:
            return (row.at.strftime("%H:%M:%S"), short_source(row.source), row.sheet,
                    kind_label(row.kind), row.message)[column]
        if role == Qt.ItemDataRole.ToolTipRole:
            return row.source if column == self.COL_SOURCE else row.message
        if column == self.COL_STATUS and role == Qt.ItemDataRole.ForegroundRole:
            return KIND_COLOURS[row.kind][0]
        if column == self.COL_STATUS and role == Qt.ItemDataRole.BackgroundRole:
            return KIND_COLOURS[row.kind][1]
        return None


@dataclass(frozen=True)
class CategoryLine:
    count: CategoryCount
    #: Candidate number as printed → name, for the "leading" column.
    names: Mapping[str, str]

    @property
    def decided(self) -> int:
        """Ballots on which this category is settled: counted (blank too) or void."""
        return self.count.valid + self.count.void

    def leading(self) -> str:
        ranked = sorted(((votes, number) for number, votes in self.count.votes.items() if votes),
                        key=lambda item: (-item[0], item[1]))[:TOP_CANDIDATES]
        template = QCoreApplication.translate("ScanModels", "%1 %2 (%3)")
        return list_separator().join(arg(template, number, self.names.get(number, ""), votes)
                                     for votes, number in ranked)


class TallyTableModel(RowsModel):
    COL_CATEGORY = 0
    COL_DECIDED = 1
    COL_VALID = 2
    COL_VOID = 3
    COL_BLANK = 4
    COL_PENDING = 5
    COL_LEADING = 6
    COLUMN_COUNT = 7
    NUMERIC_COLUMNS = frozenset(range(COL_DECIDED, COL_LEADING))

    def set_tally(self, tally: Tally, names: Mapping[str, Mapping[str, str]]) -> None:
        self.set_rows([CategoryLine(count, names.get(name, {}))
                       for name, count in tally.categories.items()])

    def headers(self) -> list[str]:
        return [self.tr("Category"), self.tr("Ballots counted"), self.tr("Valid"),
                self.tr("Void"), self.tr("Blank"), self.tr("Pending"),
                self.tr("Leading so far")]

    def cell(self, row: CategoryLine, column: int, role: int) -> Any:
        count = row.count
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            if column == self.COL_CATEGORY:
                return count.category
            if column == self.COL_LEADING:
                return row.leading()
            return str((row.decided, count.valid, count.void, count.blank,
                        count.pending)[column - 1])
        return None

