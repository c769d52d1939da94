"""The audit table: every change with who, when, what, before and after.

Rows are only ever added. The stations issue chains them with hashes.
"""

from __future__ import annotations

import datetime as dt
from enum import Enum
from typing import Any

from sqlalchemy import inspect
from sqlalchemy.orm import Session

from desktop.core.models import AuditEntry, Base

#: Columns that never reach the log (the campaign secret signs ballots; photos are blobs).
_NEVER_LOGGED = frozenset({"secret", "image", "thumbnail"})


def _plain(value: Any) -> Any:
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, dt.datetime | dt.date):
        return value.isoformat()
    return value


def snapshot(obj: Base) -> dict[str, Any]:
    """The object's column values as JSON-ready data."""
    mapper = inspect(obj).mapper
    return {
        column.key: _plain(getattr(obj, column.key))
        for column in mapper.column_attrs
        if column.key not in _NEVER_LOGGED
    }


def record(
    session: Session,
    *,
    actor: str,
    action: str,
    entity: str,
    entity_id: int | None,
    campaign_id: int | None,
    before: dict[str, Any] | None = None,
    after: dict[str, Any] | None = None,
) -> AuditEntry:
    """Add one entry in the caller's transaction (so it commits or rolls back with the change)."""
    if before is not None and after is not None:
        changed = {k for k in after if before.get(k) != after.get(k)}
        before = {k: v for k, v in before.items() if k in changed or k == "id"}
        after = {k: v for k, v in after.items() if k in changed or k == "id"}
    entry = AuditEntry(
        actor=actor,
        action=action,
        entity=entity,
        entity_id=entity_id,
        campaign_id=campaign_id,
        before=before,
        after=after,
    )
    session.add(entry)
    return entry
