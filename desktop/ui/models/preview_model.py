"""The rows of an import preview, with their problems: errors red, warnings amber."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor

from desktop.core.importing import ImportRow
from desktop.core.messages import Severity
from desktop.ui.models import ObjectRole

Index = QModelIndex | QPersistentModelIndex

ERROR_BACKGROUND = QColor("#fde0dc")
WARNING_BACKGROUND = QColor("#fff3cd")

COL_ROW = 0
COL_CATEGORY = 1
COL_UNIT = 2
COL_NUMBER = 3
COL_NAME = 4
COL_PROBLEMS = 5
COLUMN_COUNT = 6


def row_severity(row: ImportRow) -> Severity | None:
    severities = {m.severity for m in row.messages}
    if Severity.ERROR in severities:
        return Severity.ERROR
    return Severity.WARNING if severities else None


class ImportPreviewModel(QAbstractTableModel):
    """One line per row of the file (``ImportPreview.rows``)."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._rows: list[ImportRow] = []

    def set_rows(self, rows: list[ImportRow]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else COLUMN_COUNT

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        return (self.tr("Row"), self.tr("Category"), self.tr("Nominating unit"),
                self.tr("No."), self.tr("Name"), self.tr("Problems"))[section]

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row = self._rows[index.row()]
        column = index.column()
        if role == ObjectRole:
            return row
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(row, column)
        if role == Qt.ItemDataRole.ToolTipRole and row.messages:
            return "\n".join(m.text() for m in row.messages)
        if role == Qt.ItemDataRole.BackgroundRole:
            severity = row_severity(row)
            if severity is Severity.ERROR:
                return ERROR_BACKGROUND
            if severity is Severity.WARNING:
                return WARNING_BACKGROUND
        return None

    @staticmethod
    def _display(row: ImportRow, column: int) -> str | int:
        """The file's own text for the key columns, so a typo shows as typed."""
        if column == COL_ROW:
            return row.row
        if column == COL_PROBLEMS:
            return "；".join(m.text() for m in row.messages)
        key = {COL_CATEGORY: "category", COL_UNIT: "unit", COL_NUMBER: "number",
               COL_NAME: "name"}[column]
        return row.cells.get(key, "")
