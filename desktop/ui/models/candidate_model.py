"""The candidate table: one row per :class:`CandidateInfo`, plus its filter proxy."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QSortFilterProxyModel, Qt
from PySide6.QtGui import QColor, QPixmap

from ballotformat.messages import list_separator
from desktop.core.enums import CandidateStatus
from desktop.core.labels import label
from desktop.core.registry import CandidateInfo
from desktop.ui.i18n import arg, field_label
from desktop.ui.models import ObjectRole, SortRole, local_time
from desktop.ui.models.rows import RowsModel

COL_NUMBER = 0
COL_PHOTO = 1
COL_NAME = 2
COL_CATEGORY = 3
COL_UNIT = 4
COL_STATUS = 5
COL_FORM = 6
COL_NOTE = 7
COL_REVIEWED = 8
COLUMN_COUNT = 9

Index = QModelIndex | QPersistentModelIndex

STATUS_COLORS = {
    CandidateStatus.QUALIFIED: QColor("#1b7f3b"),
    CandidateStatus.SHORTLISTED: QColor("#1f5fbf"),
    CandidateStatus.WINNER: QColor("#8a5a00"),
    CandidateStatus.REJECTED: QColor("#c62828"),
    CandidateStatus.WITHDRAWN: QColor("#808080"),
}
INCOMPLETE_COLOR = QColor("#b26a00")
#: Edge of the photo thumbnails drawn in the table.
THUMBNAIL_CELL_PX = 28


class CandidateTableModel(RowsModel):
    COLUMN_COUNT = COLUMN_COUNT

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._thumbnails: dict[int, bytes] = {}
        self._pixmaps: dict[int, QPixmap] = {}

    def set_candidates(self, rows: list[CandidateInfo],
                       thumbnails: dict[int, bytes] | None = None) -> None:
        self._thumbnails = dict(thumbnails or {})
        self._pixmaps.clear()
        self.set_rows(rows)

    def candidate(self, row: int) -> CandidateInfo:
        candidate: CandidateInfo = self._rows[row]
        return candidate

    def headers(self) -> list[str]:
        return [self.tr("No."), self.tr("Photo"), self.tr("Name"), self.tr("Category"),
                self.tr("Nominating unit"), self.tr("Status"), self.tr("Form"),
                self.tr("Review note"), self.tr("Reviewed")]

    def cell(self, c: CandidateInfo, column: int, role: int) -> Any:
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(c, column)
        if role == SortRole:
            return self._sort_key(c, column)
        if role == Qt.ItemDataRole.DecorationRole and column == COL_PHOTO:
            return self._pixmap(c.id)
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(c, column)
        if role == Qt.ItemDataRole.ForegroundRole:
            if column == COL_STATUS:
                return STATUS_COLORS.get(c.status)
            if column == COL_FORM and c.missing_fields:
                return INCOMPLETE_COLOR
        if role == Qt.ItemDataRole.TextAlignmentRole and column == COL_NUMBER:
            return Qt.AlignmentFlag.AlignCenter
        return None

    def _display(self, c: CandidateInfo, column: int) -> str | None:
        if column == COL_NUMBER:
            return c.number_text
        if column == COL_PHOTO:
            return None
        if column == COL_NAME:
            return c.name
        if column == COL_CATEGORY:
            return c.category
        if column == COL_UNIT:
            return c.unit
        if column == COL_STATUS:
            return label(c.status)
        if column == COL_FORM:
            return self.tr("Incomplete") if c.missing_fields else self.tr("Complete")
        if column == COL_NOTE:
            return c.review_note.splitlines()[0] if c.review_note else ""
        if column == COL_REVIEWED:
            if not c.reviewed_by:
                return ""
            return f"{c.reviewed_by} {local_time(c.reviewed_at)}"
        return None

    def _sort_key(self, c: CandidateInfo, column: int) -> Any:
        if column == COL_NUMBER:
            return c.number if c.number is not None else 1_000_000
        if column == COL_PHOTO:
            return int(c.has_photo)
        if column == COL_STATUS:
            return list(CandidateStatus).index(c.status)
        if column == COL_FORM:
            return len(c.missing_fields)
        if column == COL_REVIEWED:
            return c.reviewed_at.isoformat() if c.reviewed_at else ""
        return self._display(c, column) or ""

    def _tooltip(self, c: CandidateInfo, column: int) -> str | None:
        if column == COL_FORM and c.missing_fields:
            names = list_separator().join(field_label(name) for name in c.missing_fields)
            return arg(self.tr("Missing: %1"), names)
        if column == COL_NOTE and c.review_note:
            return c.review_note
        return None

    def _pixmap(self, candidate_id: int) -> QPixmap | None:
        data = self._thumbnails.get(candidate_id)
        if data is None:
            return None
        if candidate_id not in self._pixmaps:
            pixmap = QPixmap()
            pixmap.loadFromData(data)
            self._pixmaps[candidate_id] = pixmap.scaled(
                THUMBNAIL_CELL_PX, THUMBNAIL_CELL_PX, Qt.AspectRatioMode.KeepAspectRatio,
                Qt.TransformationMode.SmoothTransformation)
        return self._pixmaps[candidate_id]


class CandidateFilterProxy(QSortFilterProxyModel):
    """Search text (name, unit, post, number) and category / unit / status filters."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.search = ""
        self.category_id: int | None = None
        self.unit_id: int | None = None
        self.status: CandidateStatus | None = None
        self.setSortRole(SortRole)
        self.setSortLocaleAware(True)

    def _refilter(self, change: Callable[[], None]) -> None:
        self.beginFilterChange()
        change()
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def set_search(self, text: str) -> None:
        self._refilter(lambda: setattr(self, "search", text.strip().casefold()))

    def set_category(self, category_id: int | None) -> None:
        self._refilter(lambda: setattr(self, "category_id", category_id))

    def set_unit(self, unit_id: int | None) -> None:
        self._refilter(lambda: setattr(self, "unit_id", unit_id))

    def set_status(self, status: CandidateStatus | None) -> None:
        self._refilter(lambda: setattr(self, "status", status))

    def filterAcceptsRow(self, source_row: int, source_parent: Index) -> bool:
        model = self.sourceModel()
        c: CandidateInfo = model.data(model.index(source_row, 0, source_parent), ObjectRole)
        if self.category_id is not None and c.category_id != self.category_id:
            return False
        if self.unit_id is not None and c.unit_id != self.unit_id:
            return False
        if self.status is not None and c.status != self.status:
            return False
        if self.search:
            haystack = " ".join((c.name, c.unit, c.post, c.number_text, c.category)).casefold()
            return self.search in haystack
        return True

    def candidates(self, rows: list[int]) -> list[CandidateInfo]:
        return [self.data(self.index(row, 0), ObjectRole) for row in rows]
