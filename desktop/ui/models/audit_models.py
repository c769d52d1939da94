"""The audit log as a table: one row per entry, newest first, tested without a window."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication, Qt

from desktop.core.audit import AuditRecord, action_label, at_text, entity_label, lines, summary
from desktop.ui.models import SECOND_FORMAT, local_time
from desktop.ui.models.rows import RowsModel


def entity_text(entry: AuditRecord) -> str:
    name = entity_label(entry.entity)
    return name if entry.entity_id is None else f"{name} {entry.entity_id}"


def readable(value: dict[str, Any] | None) -> str:
    """A before/after value for reading: a line per key, in words (ids, moments in local
    time, lists joined; the exact JSON is in the exported log)."""
    if value is None:
        return QCoreApplication.translate("AuditModels", "(none)")
    return lines(value)


class AuditTableModel(RowsModel):
    """Rows of :class:`AuditRecord`; ``ObjectRole`` gives the record."""

    COL_ID = 0
    COL_TIME = 1
    COL_ACTOR = 2
    COL_ACTION = 3
    COL_ENTITY = 4
    COL_CHANGE = 5
    COLUMN_COUNT = 6
    NUMERIC_COLUMNS = frozenset({COL_ID})

    def headers(self) -> list[str]:
        return [self.tr("No."), self.tr("Time"), self.tr("Actor"), self.tr("Action"),
                self.tr("Object"), self.tr("Before → after")]

    def entry(self, row: int) -> AuditRecord:
        entry: AuditRecord = self._rows[row]
        return entry

    def cell(self, row: AuditRecord, column: int, role: int) -> Any:
        if role == Qt.ItemDataRole.DisplayRole:
            return self._text(row, column)
        if role == Qt.ItemDataRole.ToolTipRole:
            if column == self.COL_ACTION:
                return row.action
            if column == self.COL_TIME:
                return at_text(row.at)
            return self._text(row, column)
        return None

    def _text(self, row: AuditRecord, column: int) -> str:
        if column == self.COL_ID:
            return str(row.id)
        if column == self.COL_TIME:
            return local_time(row.at, SECOND_FORMAT)
        if column == self.COL_ACTOR:  # a failed sign-in signed nobody in (accounts.NOBODY)
            return row.actor or self.tr("(nobody signed in)")
        if column == self.COL_ACTION:
            return action_label(row.action)
        if column == self.COL_ENTITY:
            return entity_text(row)
        return summary(row.before, row.after)
