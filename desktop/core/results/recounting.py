"""Recount: read every archived image again with the current reader and list what differs.

Nothing is changed: the list is for the counting team and the auditors (a threshold tuned, a
library upgraded, a doubt about a box). Review decisions are not compared — they are people's
decisions about the reading, kept as they are.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import or_, select

from ballotformat.messages import Message, register
from desktop.core.labels import label
from desktop.core.records import archive_root, read_context
from desktop.core.store import Database, Sheet
from scanning.batch import read_in_order
from scanning.decide import MarkState
from scanning.reasons import Reason
from scanning.result import PageResult
from scanning.sources import AcquiredImage, FileOrigin, Image, read_file

#: Reasons set by the recording layer, not by the reader: never a difference.
_RECORDING_REASONS = frozenset({Reason.DUPLICATE, Reason.SPOILED_SERIAL, Reason.UNUSED_SERIAL})


register({"recount_serial": ("票号 {old} → {new}", "serial {old} → {new}")})


@dataclass(frozen=True)
class Difference:
    sheet_id: int
    source: str
    serial: int | None
    page: int | None
    #: One line per difference, in the reader's language at the time of the call.
    changes: tuple[str, ...]


def _stored_page(archive: Path, sheet: Sheet) -> Image | None:
    for item in read_file(archive / sheet.archive_path):
        if (isinstance(item, AcquiredImage) and isinstance(item.origin, FileOrigin)
                and item.origin.page == sheet.page_index):
            return item.image
    return None


def _compare(sheet: Sheet, result: PageResult | None) -> tuple[str, ...]:
    if result is None:
        return (f"{label(Reason.IMAGE_UNREADABLE)}: {sheet.archive_path}",)
    changes = []
    before = {Reason(r) for r in sheet.reasons} - _RECORDING_REASONS
    after = set(result.reasons) - _RECORDING_REASONS
    for reason in sorted(after - before):
        changes.append(f"+ {label(reason)}")
    for reason in sorted(before - after):
        changes.append(f"− {label(reason)}")
    if result.serial != sheet.serial:
        changes.append(Message("recount_serial", {"old": sheet.serial, "new": result.serial})
                       .text())
    stored = {(m.category, m.candidate): m.state for m in sheet.marks}
    read = {(m.category, m.candidate): m.state.value for m in result.marks}
    for key in sorted(stored.keys() | read.keys()):
        if stored.get(key) != read.get(key):
            old, new = (_state(stored.get(key)), _state(read.get(key)))
            changes.append(f"{key[0]} {key[1]}: {old} → {new}")
    return tuple(changes)


def _state(value: str | None) -> str:
    """A stored or read mark state in words ("—": no such target)."""
    return "—" if value is None else label(MarkState(value))


@dataclass(frozen=True)
class RecountReport:
    read: int
    differences: tuple[Difference, ...]


def recount(db: Database, campaign_id: int, workers: int | None = None) -> RecountReport:
    """Every sheet of the campaign (and the unattributed ones) read again."""
    archive = archive_root(db)
    with db.transaction() as s:
        sheets = s.scalars(select(Sheet)
                           .where(or_(Sheet.campaign_id == campaign_id,
                                      Sheet.campaign_id.is_(None)))
                           .order_by(Sheet.id)).all()
    tasks = ((sheet, _stored_page(archive, sheet)) for sheet in sheets)
    differences = []
    for sheet, result in read_in_order(tasks, read_context(db), workers):
        changes = _compare(sheet, result)
        if changes:
            differences.append(Difference(sheet.id, sheet.source, sheet.serial, sheet.page,
                                          changes))
    return RecountReport(len(sheets), tuple(differences))
