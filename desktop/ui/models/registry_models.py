"""Tables of the registry: award categories, nominating units and the quota matrix."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QModelIndex, QSortFilterProxyModel, Qt
from PySide6.QtGui import QColor

from desktop.core.labels import label
from desktop.core.registry import CategoryInfo, QuotaRow, UnitInfo
from desktop.ui.i18n import arg
from desktop.ui.models import ObjectRole
from desktop.ui.models.rows import Index, RowsModel

OVER_QUOTA_TEXT = QColor("#b71c1c")
OVER_QUOTA_BACKGROUND = QColor("#fde0dc")
FULL_QUOTA_TEXT = QColor("#1b5e20")


class CategoryTableModel(RowsModel):
    COL_POSITION = 0
    COL_NAME = 1
    COL_WINNERS = 2
    COL_MAX_MARKS = 3
    COL_KIND = 4
    COLUMN_COUNT = 5

    def headers(self) -> list[str]:
        return [self.tr("Order"), self.tr("Category"), self.tr("Winners"),
                self.tr("Marks per ballot"), self.tr("Candidate kind")]

    def cell(self, row: CategoryInfo, column: int, role: int) -> Any:
        if role == Qt.ItemDataRole.DisplayRole:
            return (row.position, row.name, row.winners, row.max_marks, label(row.kind))[column]
        return None


class UnitTableModel(RowsModel):
    COL_NAME = 0
    COL_QUOTA = 1
    COLUMN_COUNT = 2

    def headers(self) -> list[str]:
        return [self.tr("Nominating unit"), self.tr("Quota per category")]

    def cell(self, row: UnitInfo, column: int, role: int) -> Any:
        if role == Qt.ItemDataRole.DisplayRole:
            return (row.name, row.quota)[column]
        return None


class QuotaTableModel(RowsModel):
    """Unit × category: nominations used against the quota, over-quota cells in red."""

    COL_UNIT = 0
    COL_QUOTA = 1
    #: The first category's column; category ``i`` is at ``COL_FIRST_CATEGORY + i``.
    COL_FIRST_CATEGORY = 2

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._categories: list[CategoryInfo] = []

    def set_overview(self, rows: list[QuotaRow], categories: list[CategoryInfo]) -> None:
        self._categories = list(categories)
        self.set_rows(rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else self.COL_FIRST_CATEGORY + len(self._categories)

    def category_at(self, column: int) -> CategoryInfo | None:
        offset = column - self.COL_FIRST_CATEGORY
        return self._categories[offset] if 0 <= offset < len(self._categories) else None

    def headers(self) -> list[str]:
        return [self.tr("Nominating unit"), self.tr("Quota"),
                *(category.name for category in self._categories)]

    def cell(self, row: QuotaRow, column: int, role: int) -> Any:
        category = self.category_at(column)
        if category is None:
            if role == Qt.ItemDataRole.DisplayRole:
                return row.unit.name if column == self.COL_UNIT else row.unit.quota
            if role == Qt.ItemDataRole.ForegroundRole and row.any_over:
                return OVER_QUOTA_TEXT
            return None
        used = row.counts.get(category.id, 0)
        over = row.over(category.id)
        if role == Qt.ItemDataRole.DisplayRole:
            return f"{used}/{row.unit.quota}"
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return Qt.AlignmentFlag.AlignCenter
        if role == Qt.ItemDataRole.ForegroundRole:
            if over:
                return OVER_QUOTA_TEXT
            return FULL_QUOTA_TEXT if used == row.unit.quota else None
        if role == Qt.ItemDataRole.BackgroundRole and over:
            return OVER_QUOTA_BACKGROUND
        if role == Qt.ItemDataRole.ToolTipRole and over:
            return arg(self.tr("%1 nominations, %2 over the quota of %3"),
                       used, used - row.unit.quota, row.unit.quota)
        return None


class OverQuotaProxy(QSortFilterProxyModel):
    """Optionally only the units over their quota in some category."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.only_over = False

    def set_only_over(self, only: bool) -> None:
        self.beginFilterChange()
        self.only_over = only
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def filterAcceptsRow(self, source_row: int, source_parent: Index) -> bool:
        if not self.only_over:
            return True
        model = self.sourceModel()
        row: QuotaRow = model.data(model.index(source_row, 0, source_parent), ObjectRole)
        return row.any_over
