"""The review queue: sheets the reader could not decide, and the decisions people record.

Decisions are only ever added. For each target (category, candidate) and for the sheet as a
whole, the newest decision holds, so any decision is undone by recording another one:

* ``marked`` / ``empty`` on a target replace the reader's state;
* ``accept`` settles the sheet as it now reads (after the target decisions);
* ``reject`` (a reason is required) makes the sheet void: it never counts;
* ``reopen`` puts a settled sheet back in the queue (also one settled by itself).

A sheet whose only problem is unclear marks leaves the queue by itself once every unclear
target is decided. The queue is ordered by what needs a person most: unreadable pages, then
suspected forgeries and duplicates, then overvotes, then unclear marks.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from enum import StrEnum

from sqlalchemy import or_, select
from sqlalchemy.orm import Session, selectinload

from desktop.core import audit
from desktop.core.actors import Actor
from desktop.core.db import Database
from desktop.core.enums import Permission
from desktop.core.messages import RuleError, error, register
from desktop.core.models import ReviewDecision, Sheet
from scanning.decide import MarkState
from scanning.reasons import NOTES, Reason, Status

register({
    "sheet_not_found": ("找不到第 {sheet} 号图像。", "There is no sheet {sheet}."),
    "target_not_on_sheet": (
        "这张选票上没有“{category}”的 {candidate} 号。",
        "This sheet has no target {candidate} in “{category}”.",
    ),
    "reject_needs_reason": ("作废一张选票须写明理由。", "Rejecting a sheet needs a reason."),
    "decision_unknown": ("无法识别的决定“{decision}”。", "Unknown decision “{decision}”."),
})


class Decision(StrEnum):
    MARKED = "marked"
    EMPTY = "empty"
    ACCEPT = "accept"
    REJECT = "reject"
    REOPEN = "reopen"


TARGET_DECISIONS = frozenset({Decision.MARKED, Decision.EMPTY})

#: Queue order: the first group that has one of a sheet's reasons places it.
QUEUE_GROUPS: tuple[frozenset[Reason], ...] = (
    frozenset({Reason.IMAGE_UNREADABLE, Reason.CODE_UNREADABLE, Reason.PAGE_NOT_FOUND,
               Reason.MISREGISTERED}),
    frozenset({Reason.BAD_HMAC, Reason.FOREIGN_CAMPAIGN, Reason.UNSUPPORTED_FORMAT,
               Reason.UNKNOWN_LAYOUT, Reason.DUPLICATE, Reason.WRONG_PAGE_SIZE}),
    frozenset({Reason.OVERVOTE}),
    frozenset({Reason.AMBIGUOUS_MARK}),
)


@dataclass(frozen=True)
class SheetState:
    """A sheet as it stands after every decision."""

    sheet_id: int
    serial: int | None
    layout_version: int | None
    page: int | None
    status: Status
    reasons: tuple[Reason, ...]
    #: Target states after the decisions (reader's states where nobody decided).
    states: dict[tuple[str, str], MarkState]
    #: Targets a person decided, with the decision's state.
    decided: frozenset[tuple[str, str]]
    settled: bool  # out of the queue
    rejected: bool  # void by a person's decision
    counted: bool  # the sheet that counts for its serial and page
    source: str
    #: The archived file (relative to the archive folder) and the page inside it.
    archive_path: str
    page_index: int
    #: Pixels of the image as read → page millimetres (3 × 3, row-major), and how many times
    #: the file's pixels those are (a large JPEG is read at reduced size).
    homography: tuple[float, ...] | None
    image_scale: float

    @property
    def open_reasons(self) -> frozenset[Reason]:
        """Review reasons still open (none once settled)."""
        return frozenset() if self.settled else frozenset(self.reasons)

    @property
    def queue_rank(self) -> int:
        for rank, group in enumerate(QUEUE_GROUPS):
            if group & set(self.reasons):
                return rank
        return len(QUEUE_GROUPS)


def sheet_state(sheet: Sheet) -> SheetState:
    """Apply the sheet's decisions (``sheet.decisions`` loaded, oldest first)."""
    states = {(m.category, m.candidate): MarkState(m.state) for m in sheet.marks}
    latest: dict[tuple[str | None, str | None], ReviewDecision] = {}
    for decision in sheet.decisions:  # oldest first: the relationship's order
        latest[(decision.category, decision.candidate)] = decision
    decided = set()
    for (category, candidate), decision in latest.items():
        if category is not None and candidate is not None:
            states[(category, candidate)] = MarkState(decision.decision)
            decided.add((category, candidate))
    whole = latest.get((None, None))
    verdict = Decision(whole.decision) if whole is not None else None
    reasons = tuple(Reason(r) for r in sheet.reasons)
    unclear_left = any(state is MarkState.AMBIGUOUS for state in states.values())
    only_unclear = set(reasons) - NOTES <= {Reason.AMBIGUOUS_MARK}
    status = Status(sheet.status)
    settled = (status is Status.ACCEPTED
               or verdict in (Decision.ACCEPT, Decision.REJECT)
               or (verdict is not Decision.REOPEN and only_unclear and not unclear_left
                   and status is Status.REVIEW))
    return SheetState(sheet.id, sheet.serial, sheet.layout_version, sheet.page, status, reasons,
                      states, frozenset(decided), settled, verdict is Decision.REJECT,
                      sheet.counted_key is not None, sheet.source, sheet.archive_path,
                      sheet.page_index,
                      tuple(sheet.homography) if sheet.homography else None, sheet.image_scale)


def _sheets(s: Session, campaign_id: int, ids: Iterable[int] | None = None) -> list[Sheet]:
    query = (select(Sheet).options(selectinload(Sheet.marks), selectinload(Sheet.decisions))
             .where(or_(Sheet.campaign_id == campaign_id, Sheet.campaign_id.is_(None)))
             .order_by(Sheet.id))
    if ids is not None:
        query = query.where(Sheet.id.in_(list(ids)))
    return list(s.scalars(query))


@dataclass(frozen=True)
class DecisionInfo:
    decision: Decision
    category: str | None
    candidate: str | None
    reason: str
    operator: str
    decided_at: dt.datetime


class Review:
    def __init__(self, db: Database, actor: Actor) -> None:
        self.db = db
        self.actor = actor

    def queue(self, campaign_id: int) -> list[SheetState]:
        """Sheets needing a person, in queue order (then in the order they were scanned)."""
        with self.db.transaction() as s:
            states = [sheet_state(sheet) for sheet in _sheets(s, campaign_id)]
        waiting = [st for st in states if not st.settled and st.status is not Status.ACCEPTED]
        return sorted(waiting, key=lambda st: (st.queue_rank, st.sheet_id))

    def sheet(self, campaign_id: int, sheet_id: int) -> SheetState:
        with self.db.transaction() as s:
            found = _sheets(s, campaign_id, [sheet_id])
            if not found:
                raise RuleError([error("sheet_not_found", sheet=sheet_id)])
            return sheet_state(found[0])

    def history(self, campaign_id: int, sheet_id: int) -> list[DecisionInfo]:
        """Every decision recorded for a sheet, oldest first (who, when, what, why)."""
        with self.db.transaction() as s:
            found = _sheets(s, campaign_id, [sheet_id])
            if not found:
                raise RuleError([error("sheet_not_found", sheet=sheet_id)])
            return [DecisionInfo(Decision(d.decision), d.category, d.candidate, d.reason,
                                 d.operator, d.decided_at) for d in found[0].decisions]

    def decide(self, campaign_id: int, sheet_id: int, decision: Decision,
               targets: Sequence[tuple[str, str]] = (), reason: str = "") -> SheetState:
        """Record one decision for the sheet, or the same decision for several targets."""
        self.actor.require(Permission.REVIEW)
        reason = reason.strip()
        if decision is Decision.REJECT and not reason:
            raise RuleError([error("reject_needs_reason")])
        with self.db.transaction() as s:
            found = _sheets(s, campaign_id, [sheet_id])
            if not found:
                raise RuleError([error("sheet_not_found", sheet=sheet_id)])
            sheet = found[0]
            known = {(m.category, m.candidate) for m in sheet.marks}
            wanted: list[tuple[str | None, str | None]] = (
                list(targets) if decision in TARGET_DECISIONS else [(None, None)])
            missing = [t for t in wanted if t[0] is not None and t not in known]
            if missing or (decision in TARGET_DECISIONS and not wanted):
                raise RuleError([error("target_not_on_sheet", category=c, candidate=n)
                                 for c, n in missing] or [error("decision_unknown",
                                                                decision=decision.value)])
            now = dt.datetime.now(dt.UTC)
            for category, candidate in wanted:
                entry = ReviewDecision(sheet_id=sheet_id, category=category,
                                       candidate=candidate, decision=decision.value,
                                       reason=reason, operator=self.actor.name, decided_at=now)
                sheet.decisions.append(entry)
                s.flush()
                audit.record(s, actor=self.actor, action=f"review.{decision.value}",
                             entity="sheet", entity_id=sheet_id, campaign_id=sheet.campaign_id,
                             after={"serial": sheet.serial, "page": sheet.page,
                                    "category": category, "candidate": candidate,
                                    "reason": reason})
            return sheet_state(sheet)
