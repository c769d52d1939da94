"""The rows of an import preview, with their problems: errors red, warnings amber."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor

from ballotformat.messages import Severity
from desktop.core.registry import ImportRow
from desktop.ui.models.rows import RowsModel

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


class ImportPreviewModel(RowsModel):
    """One line per row of the file (``ImportPreview.rows``)."""

    COLUMN_COUNT = COLUMN_COUNT

    def headers(self) -> tuple[str, ...]:
        return (self.tr("Row"), self.tr("Category"), self.tr("Nominating unit"),
                self.tr("No."), self.tr("Name"), self.tr("Problems"))

    def cell(self, row: ImportRow, column: int, role: int) -> Any:
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
