"""Tables of the ballots page: ballot boxes, printed batches, and the reconciliation."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QFont

from ballotformat.texts import SERIAL_DIGITS
from desktop.core.printing import BatchInfo, BoxInfo, Reconciliation
from desktop.ui.models import local_time
from desktop.ui.models.rows import RowsModel
from desktop.ui.printing import describe_destination

MISSING_TEXT = QColor("#b71c1c")
MISSING_BACKGROUND = QColor("#fde0dc")


def serial_label(serial: int) -> str:
    """A serial as printed on the ballot (``000101``)."""
    return f"{serial:0{SERIAL_DIGITS}d}"


class BoxTableModel(RowsModel):
    COL_NAME = 0
    COL_LOCATION = 1
    COL_RESPONSIBLE = 2
    COLUMN_COUNT = 3

    def headers(self) -> list[str]:
        return [self.tr("Ballot box"), self.tr("Location"), self.tr("Responsible")]

    def cell(self, row: BoxInfo, column: int, role: int) -> Any:
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return (row.name, row.location, row.responsible)[column]
        return None


class BatchTableModel(RowsModel):
    COL_BOX = 0
    COL_SERIALS = 1
    COL_COUNT = 2
    COL_VERSION = 3
    COL_PRINTED = 4
    COL_DESTINATION = 5
    COLUMN_COUNT = 6
    NUMERIC_COLUMNS = frozenset({COL_COUNT, COL_VERSION})

    def headers(self) -> list[str]:
        return [self.tr("Ballot box"), self.tr("Serials"), self.tr("Ballots"),
                self.tr("Layout"), self.tr("Printed by / at"), self.tr("Destination")]

    def cell(self, row: BatchInfo, column: int, role: int) -> Any:
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(row, column)
        if role == Qt.ItemDataRole.ToolTipRole and column == self.COL_DESTINATION:
            return row.destination
        if role == Qt.ItemDataRole.ToolTipRole and column == self.COL_VERSION:
            return self.tr("Layout version: the scanner reads these ballots with it")
        return None

    def _display(self, row: BatchInfo, column: int) -> str:
        if column == self.COL_BOX:
            return row.box
        if column == self.COL_SERIALS:
            return f"{serial_label(row.first_serial)}–{serial_label(row.last_serial)}"
        if column == self.COL_COUNT:
            return str(row.count)
        if column == self.COL_VERSION:
            return str(row.layout_version)
        if column == self.COL_PRINTED:
            return f"{row.printed_by} {local_time(row.printed_at)}"
        return describe_destination(row.destination)


class ReconciliationModel(RowsModel):
    """One line per box and the total as the last row (bold); ballots not returned are in red
    only once voting is over (before, they are still in voters' hands)."""

    COL_BOX = 0
    COL_PRINTED = 1
    COL_UNUSED = 2
    COL_ISSUED = 3
    COL_RETURNED = 4
    COL_SPOILED = 5
    #: Returned ballots whose serial was noted spoiled or unused (part of "returned").
    COL_RETURNED_NOTED = 6
    COL_MISSING = 7
    COLUMN_COUNT = 8
    NUMERIC_COLUMNS = frozenset(range(COL_PRINTED, COLUMN_COUNT))

    def set_reconciliation(self, lines: list[Reconciliation], total: Reconciliation) -> None:
        self.set_rows([*lines, total])

    def headers(self) -> list[str]:
        return [self.tr("Ballot box"), self.tr("Printed"), self.tr("Unused"), self.tr("Issued"),
                self.tr("Returned"), self.tr("Spoiled"), self.tr("Returned spoiled/unused"),
                self.tr("Not returned")]

    def cell(self, row: Reconciliation, column: int, role: int) -> Any:
        if role == Qt.ItemDataRole.DisplayRole:
            if column == self.COL_BOX:
                return row.box.name if row.box is not None else self.tr("Total")
            return str((row.printed, row.unused, row.issued, row.returned, row.spoiled,
                        row.returned_spoiled + row.returned_unused, row.missing)[column - 1])
        missing = column == self.COL_MISSING and row.alarming
        if role == Qt.ItemDataRole.ForegroundRole and missing:
            return MISSING_TEXT
        if role == Qt.ItemDataRole.BackgroundRole and missing:
            return MISSING_BACKGROUND
        if role == Qt.ItemDataRole.FontRole and (row.box is None or missing):
            font = QFont()
            font.setBold(True)
            return font
        if role == Qt.ItemDataRole.ToolTipRole and column == self.COL_RETURNED:
            return self.tr("Counted from scanned ballots once scanning is in use.")
        if role == Qt.ItemDataRole.ToolTipRole and column == self.COL_RETURNED_NOTED:
            return self.tr("Returned ballots whose serial was recorded as spoiled (%1) or "
                           "unused (%2): counted once, in Returned; each waits for a person's "
                           "decision in the review.").replace("%1", str(row.returned_spoiled)
                                                             ).replace("%2",
                                                                       str(row.returned_unused))
        if role == Qt.ItemDataRole.ToolTipRole and column == self.COL_MISSING:
            if row.alarming:
                return self.tr("Printed − returned − spoiled or unused not returned: voting is "
                               "over, these ballots are missing.")
            return self.tr("Printed − returned − spoiled or unused not returned: still out "
                           "while voting runs.")
        return None
