"""The stations page's tables: registered stations, and the packages imported."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor

from desktop.core.stations import ImportInfo, StationInfo
from desktop.ui.models import local_time
from desktop.ui.models.rows import RowsModel

REVOKED_COLOUR = QColor("#9e9e9e")


class StationsModel(RowsModel):
    COL_NAME, COL_FINGERPRINT, COL_KEY, COL_REGISTERED, COL_REVOKED, COL_PACKAGES = range(6)
    COLUMN_COUNT = 6
    NUMERIC_COLUMNS = frozenset({COL_PACKAGES})

    def headers(self) -> list[str]:
        return [self.tr("Station"), self.tr("Fingerprint"), self.tr("Key"),
                self.tr("Registered"), self.tr("Revoked"), self.tr("Packages")]

    def cell(self, row: StationInfo, column: int, role: int) -> Any:
        if role == Qt.ItemDataRole.ForegroundRole and row.revoked_at is not None:
            return QBrush(REVOKED_COLOUR)
        if role == Qt.ItemDataRole.ToolTipRole and column == self.COL_FINGERPRINT:
            return row.fingerprint_text
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        return {
            self.COL_NAME: row.name,
            self.COL_FINGERPRINT: row.fingerprint_text,
            self.COL_KEY: self.tr("stored") if row.has_key
            else self.tr("with the first package"),
            self.COL_REGISTERED: f"{local_time(row.registered_at)} {row.registered_by}",
            self.COL_REVOKED: local_time(row.revoked_at),
            self.COL_PACKAGES: row.packages,
        }[column]


class ImportsModel(RowsModel):
    COL_STATION, COL_EXPORTED, COL_IMPORTED, COL_NEW, COL_SAME, COL_CONFLICTS = range(6)
    COLUMN_COUNT = 6
    NUMERIC_COLUMNS = frozenset({COL_NEW, COL_SAME, COL_CONFLICTS})

    def headers(self) -> list[str]:
        return [self.tr("Station"), self.tr("Exported"), self.tr("Imported"),
                self.tr("New pages"), self.tr("Already here"), self.tr("Conflicts")]

    def cell(self, row: ImportInfo, column: int, role: int) -> Any:
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        return {
            self.COL_STATION: row.station,
            self.COL_EXPORTED: local_time(row.exported_at),
            self.COL_IMPORTED: f"{local_time(row.imported_at)} {row.imported_by}",
            self.COL_NEW: row.count("new"),
            self.COL_SAME: row.count("same"),
            self.COL_CONFLICTS: row.conflict_count(),
        }[column]
