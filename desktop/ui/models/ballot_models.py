"""Tables of the ballots page: ballot boxes, printed batches, and the reconciliation."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor, QFont

from desktop.core.ballots.texts import SERIAL_DIGITS
from desktop.core.boxes import BatchInfo, BoxInfo, Reconciliation
from desktop.ui.models import ObjectRole
from desktop.ui.models.candidate_model import local_time
from desktop.ui.printing import describe_destination

Index = QModelIndex | QPersistentModelIndex

MISSING_TEXT = QColor("#b71c1c")
MISSING_BACKGROUND = QColor("#fde0dc")
NUMBER_ALIGNMENT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter


def serial_label(serial: int) -> str:
    """A serial as printed on the ballot (``000101``)."""
    return f"{serial:0{SERIAL_DIGITS}d}"


class _RowsModel(QAbstractTableModel):
    """Rows of frozen core objects; subclasses name the columns and fill the cells."""

    COLUMN_COUNT = 0

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._rows: list[Any] = []

    def set_rows(self, rows: list[Any]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else self.COLUMN_COUNT

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        return self.headers()[section]

    def headers(self) -> list[str]:
        raise NotImplementedError

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row = self._rows[index.row()]
        if role == ObjectRole:
            return row
        return self.cell(row, index.column(), role)

    def cell(self, row: Any, column: int, role: int) -> Any:
        raise NotImplementedError


class BoxTableModel(_RowsModel):
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


class BatchTableModel(_RowsModel):
    COL_BOX = 0
    COL_SERIALS = 1
    COL_COUNT = 2
    COL_VERSION = 3
    COL_PRINTED = 4
    COL_DESTINATION = 5
    COLUMN_COUNT = 6

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
        if role == Qt.ItemDataRole.TextAlignmentRole and column in (self.COL_COUNT,
                                                                     self.COL_VERSION):
            return NUMBER_ALIGNMENT
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


class ReconciliationModel(_RowsModel):
    """One line per box and the total as the last row (bold); missing > 0 in red."""

    COL_BOX = 0
    COL_PRINTED = 1
    COL_UNUSED = 2
    COL_ISSUED = 3
    COL_RETURNED = 4
    COL_SPOILED = 5
    COL_MISSING = 6
    COLUMN_COUNT = 7

    def set_reconciliation(self, lines: list[Reconciliation], total: Reconciliation) -> None:
        self.set_rows([*lines, total])

    def headers(self) -> list[str]:
        return [self.tr("Ballot box"), self.tr("Printed"), self.tr("Unused"), self.tr("Issued"),
                self.tr("Returned"), self.tr("Spoiled"), self.tr("Missing")]

    def cell(self, row: Reconciliation, column: int, role: int) -> Any:
        if role == Qt.ItemDataRole.DisplayRole:
            if column == self.COL_BOX:
                return row.box.name if row.box is not None else self.tr("Total")
            return str((row.printed, row.unused, row.issued, row.returned, row.spoiled,
                        row.missing)[column - 1])
        if role == Qt.ItemDataRole.TextAlignmentRole and column != self.COL_BOX:
            return NUMBER_ALIGNMENT
        missing = column == self.COL_MISSING and row.missing > 0
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
        if role == Qt.ItemDataRole.ToolTipRole and column == self.COL_MISSING:
            return self.tr("Issued − returned − spoiled")
        return None
