"""The one table-model base: rows of frozen core objects, columns named by subclasses."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

from desktop.ui.models import ObjectRole

Index = QModelIndex | QPersistentModelIndex

NUMBER_ALIGNMENT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter


class RowsModel(QAbstractTableModel):
    """Rows of frozen core objects; subclasses name the columns and fill the cells.

    ``COLUMN_COUNT`` is the number of columns; left ``None``, a table has as many as its
    ``headers()`` (a table whose columns vary with its data counts them in ``columnCount``,
    which views call for every cell, without building its headers).
    Columns in ``NUMERIC_COLUMNS`` are aligned right, as numbers.
    """

    COLUMN_COUNT: int | None = None
    NUMERIC_COLUMNS: frozenset[int] = frozenset()

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._rows: list[Any] = []

    def set_rows(self, rows: Sequence[Any]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def rows(self) -> list[Any]:
        return list(self._rows)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        if parent.isValid():
            return 0
        return len(self.headers()) if self.COLUMN_COUNT is None else self.COLUMN_COUNT

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        return self.headers()[section]

    def headers(self) -> Sequence[str]:
        raise NotImplementedError

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row = self._rows[index.row()]
        if role == ObjectRole:
            return row
        if role == Qt.ItemDataRole.TextAlignmentRole and index.column() in self.NUMERIC_COLUMNS:
            return NUMBER_ALIGNMENT
        return self.cell(row, index.column(), role)

    def cell(self, row: Any, column: int, role: int) -> Any:
        raise NotImplementedError
