"""Writing the packed marks of sheets (``Sheet.mark_*``, see models.py), reading sheets
in bulk as plain rows, and the serials back per box (:func:`returned_serials`, which the boxes'
reconciliation reads: here, not beside the recorder, so that listing boxes loads no reader).

A sheet's marks are one row's worth of data: the id of its targets' list (``mark_targets``,
shared by every sheet read with the same targets), a string of one state code per target and
the scores. :func:`store_marks` is the one place that writes them. :func:`sheet_rows` reads
many sheets as plain columns with their decisions, and :class:`TargetLists` reads the lists
once per query, so that the tally, the review queue and the audit digests never load a sheet
or a mark as an object.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from sqlalchemy import ColumnElement, null, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from desktop.core.audit import canonical_json
from desktop.core.store import (
    MARK_STATE_OF_CODE,
    MarkTargets,
    ReviewDecision,
    Sheet,
    StoredMark,
    pack_marks,
)
from scanning.decide import MarkState

TargetKey = tuple[str, str]  # (category, candidate number as printed)
#: Sheets looked up by id in one statement (SQLite takes 999 parameters a statement at least).
IDS_PER_QUERY = 900


def returned_serials(s: Session, campaign_id: int) -> dict[int, set[int]]:
    """Ballots back per box: serials with at least one counted page (for reconciliation)."""
    found: dict[int, set[int]] = {}
    rows = s.execute(select(Sheet.box_id, Sheet.serial).distinct().where(
        Sheet.campaign_id == campaign_id, Sheet.counted_key.is_not(None),
        Sheet.box_id.is_not(None), Sheet.serial.is_not(None)))
    for box_id, serial in rows:
        if box_id is not None and serial is not None:  # both filtered above
            found.setdefault(box_id, set()).add(serial)
    return found


def store_marks(s: Session, sheet: Sheet, marks: Sequence[StoredMark]) -> None:
    """Set ``sheet``'s marks (replacing any), finding or adding its targets' list."""
    if not marks:
        sheet.mark_targets, sheet.mark_states, sheet.mark_scores = None, "", b""
        return
    targets, states, scores = pack_marks(marks)
    sheet.mark_targets = s.get(MarkTargets, _targets_id(s, targets))
    sheet.mark_states, sheet.mark_scores = states, scores


def _targets_id(s: Session, targets: list[list[str]]) -> int:
    """The id of the list ``targets``, added when new (in a savepoint: a station adding the
    same list at the same moment waits for the other's commit, fails on the unique digest,
    and finds the other's row)."""
    text = canonical_json(targets)
    digest = hashlib.sha256(text.encode("utf-8")).hexdigest()
    query = select(MarkTargets.id).where(MarkTargets.digest == digest)
    found = s.scalar(query)
    if found is not None:
        return found
    added = MarkTargets(digest=digest, targets=targets)
    try:
        with s.begin_nested():
            s.add(added)
    except IntegrityError:
        return s.execute(query).scalar_one()
    return added.id


class TargetLists:
    """Target lists by id, each read once (a campaign has a few: one per layout page)."""

    def __init__(self, s: Session) -> None:
        self._session = s
        self._lists: dict[int, tuple[TargetKey, ...]] = {}

    def load(self, ids: Iterable[int | None]) -> None:
        wanted = {i for i in ids if i is not None} - self._lists.keys()
        if wanted:
            for row in self._session.scalars(select(MarkTargets)
                                             .where(MarkTargets.id.in_(wanted))):
                self._lists[row.id] = row.keys

    def __getitem__(self, targets_id: int | None) -> tuple[TargetKey, ...]:
        if targets_id is None:
            return ()
        if targets_id not in self._lists:
            self.load([targets_id])
        return self._lists.get(targets_id, ())


@dataclass(frozen=True)
class DecisionRow:
    """What :func:`sheet_state` reads of a decision (a :class:`ReviewDecision` has it too)."""

    category: str | None
    candidate: str | None
    decision: str
    decided_at: dt.datetime


@dataclass
class SheetRow:
    """A sheet read as plain columns (:func:`sheet_rows`), its marks still packed: what the
    queue and the count read of thousands of sheets without loading objects."""

    id: int
    campaign_id: int | None
    serial: int | None
    layout_version: int | None
    page: int | None
    box_id: int | None
    status: str
    reasons: list[str]
    counted_key: str | None
    source: str
    archive_path: str
    page_index: int
    homography: list[float] | None
    image_scale: float
    mark_targets_id: int | None
    mark_states: str
    decisions: list[DecisionRow] = field(default_factory=list)


_ROW_COLUMNS = (Sheet.id, Sheet.campaign_id, Sheet.serial, Sheet.layout_version, Sheet.page,
                Sheet.box_id, Sheet.status, Sheet.reasons, Sheet.counted_key, Sheet.source,
                Sheet.archive_path, Sheet.page_index, Sheet.homography, Sheet.image_scale,
                Sheet.mark_targets_id, Sheet.mark_states)


def sheet_rows(s: Session, *where: ColumnElement[bool], view: bool = True) -> list[SheetRow]:
    """The sheets matching ``where`` (by id), with their decisions: the sheets in one query,
    their decisions by sheet id (:data:`IDS_PER_QUERY` at a time, so that ``where`` is not
    evaluated over the sheets twice). ``view`` False: without the homography (what only the
    review screen's zoom needs)."""
    columns = _ROW_COLUMNS if view else tuple(
        null().label("homography") if c is Sheet.homography else c for c in _ROW_COLUMNS)
    rows = {row.id: SheetRow(**row._asdict()) for row in s.execute(
        select(*columns).where(*where).order_by(Sheet.id))}
    ids = list(rows)
    for start in range(0, len(ids), IDS_PER_QUERY):
        decided = (select(ReviewDecision.sheet_id, ReviewDecision.category,
                          ReviewDecision.candidate, ReviewDecision.decision,
                          ReviewDecision.decided_at)
                   .where(ReviewDecision.sheet_id.in_(ids[start:start + IDS_PER_QUERY]))
                   .order_by(ReviewDecision.id))
        for row in s.execute(decided):
            rows[row.sheet_id].decisions.append(
                DecisionRow(row.category, row.candidate, row.decision, row.decided_at))
    return list(rows.values())


def read_states(sheet: Sheet | SheetRow, lists: TargetLists | None = None
                ) -> dict[TargetKey, MarkState]:
    """The states the reader stored, by target (``lists`` needed for a :class:`SheetRow`)."""
    if isinstance(sheet, Sheet):
        return {(m.category, m.candidate): MarkState(m.state) for m in sheet.marks}
    if lists is None:
        raise TypeError("a SheetRow's marks are read with its targets' lists")
    keys = lists[sheet.mark_targets_id]
    if len(keys) != len(sheet.mark_states):
        raise misfit(sheet.id)
    return dict(zip(keys, map(_STATE_OF_CODE.__getitem__, sheet.mark_states), strict=True))


def misfit(sheet_id: int) -> ValueError:
    """The error of a sheet whose packed states are not one a target of its list."""
    return ValueError(f"sheet {sheet_id}: packed marks do not fit their targets")


_STATE_OF_CODE = {code: MarkState(state) for code, state in MARK_STATE_OF_CODE.items()}
