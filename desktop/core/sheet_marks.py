"""Writing and bulk-reading the packed marks of sheets (``Sheet.mark_*``, see models.py).

A sheet's marks are one row's worth of data: the id of its targets' list (``mark_targets``,
shared by every sheet read with the same targets), a string of one state code per target and
the scores as doubles. :func:`store_marks` is the one place that writes them;
:class:`TargetLists` reads the lists once per query for code that streams sheets as plain rows
(the tally, the review queue, the audit digests) instead of loading them as objects.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Sequence

from sqlalchemy import select
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session

from desktop.core.audit import canonical_json
from desktop.core.models import MarkTargets, Sheet, StoredMark, pack_marks

TargetKey = tuple[str, str]  # (category, candidate number as printed)


def store_marks(s: Session, sheet: Sheet, marks: Sequence[StoredMark]) -> None:
    """Set ``sheet``'s marks (replacing any), finding or adding its targets' list."""
    if not marks:
        sheet.mark_targets, sheet.mark_states, sheet.mark_scores = None, "", b""
        return
    targets, states, scores = pack_marks(marks)
    sheet.mark_targets = s.get(MarkTargets, _targets_id(s, targets))
    sheet.mark_states, sheet.mark_scores = states, scores


def _targets_id(s: Session, targets: list[list[str]]) -> int:
    """The id of the list ``targets``, added when new. ON CONFLICT DO NOTHING: a station
    adding the same list at the same moment waits for the other's commit, then finds it."""
    text = canonical_json(targets)
    digest = hashlib.sha256(text.encode("utf-8")).hexdigest()
    found = s.scalar(select(MarkTargets.id).where(MarkTargets.digest == digest))
    if found is not None:
        return found
    dialect = postgresql if s.get_bind().dialect.name == "postgresql" else sqlite
    s.execute(dialect.insert(MarkTargets).values(digest=digest, targets=targets)
              .on_conflict_do_nothing(index_elements=["digest"]))
    return s.scalar(select(MarkTargets.id).where(MarkTargets.digest == digest)) or 0


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
