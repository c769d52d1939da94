"""The accounts table: who may sign in, and with which role."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor

from desktop.core.accounts import AccountInfo
from desktop.core.labels import label
from desktop.ui.models.rows import RowsModel

DISABLED_TEXT = QColor("#9e9e9e")


class AccountTableModel(RowsModel):
    COL_NAME = 0
    COL_FULL_NAME = 1
    COL_ROLE = 2
    COL_ACTIVE = 3
    COLUMN_COUNT = 4

    def headers(self) -> list[str]:
        return [self.tr("User name"), self.tr("Full name"), self.tr("Role"), self.tr("Status")]

    def cell(self, row: AccountInfo, column: int, role: int) -> Any:
        if role == Qt.ItemDataRole.DisplayRole:
            status = self.tr("Active") if row.active else self.tr("Disabled")
            return (row.name, row.full_name, label(row.role), status)[column]
        if role == Qt.ItemDataRole.ForegroundRole and not row.active:
            return DISABLED_TEXT
        return None
