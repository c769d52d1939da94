"""The review queue: sheets the reader could not decide, and the decisions people record.

Decisions are only ever added. For each target (category, candidate) and for the sheet as a
whole, the newest decision holds, so any decision is undone by recording another one:

* ``marked`` / ``empty`` on a target replace the reader's state;
* ``accept`` settles the sheet as it now reads (after the target decisions);
* ``reject`` (a reason is required) makes the sheet void: it never counts;
* ``no_votes`` states that the page carries no vote at all: every target a person has not
  decided is empty (refused while a target stands marked);
* ``reopen`` puts a settled sheet back in the queue (also one settled by itself);
* ``superseded`` is never a person's: the recording layer writes it on an unread sheet whose
  place a rescan of the same page took (see recording.py).

A sheet whose only problem is unclear marks leaves the queue by itself once every unclear
target is decided. The queue is ordered by what needs a person most: unreadable pages, then
suspected forgeries and duplicates, then overvotes, then unclear marks.

Unread pages: a page whose code was verified but whose marks were not read (the page was not
found, or it is misregistered) is reviewed against its layout page. Every target of that page is
unclear until a person decides it, whatever the reader stored; ``accept`` is refused while one
is undecided (``no_votes`` is the explicit way to settle a page with no marks), and the page
leaves the queue once every target is decided. Nothing on it counts before.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from enum import StrEnum

from sqlalchemy import or_, select
from sqlalchemy.orm import Session, selectinload

from desktop.core import audit
from desktop.core.actors import Actor
from desktop.core.ballots import Layout
from desktop.core.db import Database
from desktop.core.enums import Permission
from desktop.core.messages import RuleError, error, register
from desktop.core.models import LayoutVersion, ReviewDecision, Sheet
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
    "accept_unread": (
        "本页的记号未被读出，还有 {count} 个格子没有人工判定：{targets}。请逐格认定已划或未划；"
        "若本页确实没有任何选票记号，请记录“本页无选票记号”。",
        "The marks of this page were not read and {count} boxes are undecided: {targets}. "
        "Decide each one marked or empty; if the page has no votes at all, record "
        "“no votes on this page”.",
    ),
    "no_votes_but_marked": (
        "本页有判为已划的格子（{targets}），不能记为“本页无选票记号”。",
        "Boxes on this page stand marked ({targets}): it cannot be recorded as having no votes.",
    ),
    "no_votes_no_targets": (
        "这张图像没有可判定的格子（票号或版式未知），不能记为“本页无选票记号”。",
        "This image has no boxes to decide (its serial or layout is unknown): it cannot be "
        "recorded as having no votes.",
    ),
    "decision_not_for_people": (
        "“{decision}”由系统记录，不能手工记录。",
        "“{decision}” is recorded by the system, not by hand.",
    ),
})


class Decision(StrEnum):
    MARKED = "marked"
    EMPTY = "empty"
    ACCEPT = "accept"
    REJECT = "reject"
    REOPEN = "reopen"
    NO_VOTES = "no_votes"
    SUPERSEDED = "superseded"


TARGET_DECISIONS = frozenset({Decision.MARKED, Decision.EMPTY})
#: Whole-sheet decisions that take the sheet out of the queue.
SETTLING_DECISIONS = frozenset({Decision.ACCEPT, Decision.REJECT, Decision.NO_VOTES,
                                Decision.SUPERSEDED})
#: Reasons meaning the reader did not read the page's marks although its code verified.
UNREAD_REASONS = frozenset({Reason.PAGE_NOT_FOUND, Reason.MISREGISTERED})
#: Reasons that settle by themselves once every target in question is decided.
_SELF_SETTLING = frozenset({Reason.AMBIGUOUS_MARK}) | UNREAD_REASONS
#: Undecided targets named in a refusal (the rest are counted, not named).
NAMED_TARGETS_MAX = 8
TargetKey = tuple[str, str]  # (category, candidate number as printed)

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
    #: The code verified but the marks were not read: the targets are the layout page's.
    unread: bool = False
    #: The newest decision on the whole sheet, if any.
    verdict: Decision | None = None

    @property
    def undecided(self) -> tuple[TargetKey, ...]:
        """Targets still unclear (on an unread page: every one a person has not decided)."""
        return tuple(key for key, state in self.states.items() if state is MarkState.AMBIGUOUS)

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


def marks_unread(sheet: Sheet) -> bool:
    """The sheet's code verified (serial, layout and page known) but its marks were not read."""
    return (sheet.campaign_id is not None and sheet.serial is not None
            and sheet.layout_version is not None and sheet.page is not None
            and Status(sheet.status) is Status.REVIEW
            and any(Reason(r) in UNREAD_REASONS for r in sheet.reasons))


def replaceable(sheet: Sheet) -> bool:
    """A counted sheet that never counted in effect, so a rescan may take its place: its marks
    were not read and no person decided anything on it (``sheet.decisions`` loaded)."""
    return marks_unread(sheet) and not sheet.decisions


def sheet_state(sheet: Sheet, page_targets: Iterable[TargetKey] = ()) -> SheetState:
    """Apply the sheet's decisions (``sheet.decisions`` loaded, oldest first).

    ``page_targets`` are the layout page's targets, needed for an unread page (see
    :func:`sheet_states`): every one of them is unclear until a person decides it."""
    unread = marks_unread(sheet)
    if unread:
        states = dict.fromkeys([*page_targets, *((m.category, m.candidate) for m in sheet.marks)],
                               MarkState.AMBIGUOUS)
    else:
        states = {(m.category, m.candidate): MarkState(m.state) for m in sheet.marks}
    latest: dict[tuple[str | None, str | None], tuple[int, ReviewDecision]] = {}
    for order, decision in enumerate(sheet.decisions):  # oldest first: the relationship's order
        latest[(decision.category, decision.candidate)] = (order, decision)
    decided = set()
    for (category, candidate), (_order, decision) in latest.items():
        if category is not None and candidate is not None:
            states[(category, candidate)] = MarkState(decision.decision)
            decided.add((category, candidate))
    whole_order, whole = latest.get((None, None), (-1, None))
    verdict = Decision(whole.decision) if whole is not None else None
    if verdict is Decision.NO_VOTES:  # every target not decided after it is empty
        for key in states:
            if latest.get(key, (-1, None))[0] < whole_order:
                states[key] = MarkState.EMPTY
                decided.add(key)
    reasons = tuple(Reason(r) for r in sheet.reasons)
    # An unread page whose targets are unknown (no layout) is never complete.
    unclear_left = (any(state is MarkState.AMBIGUOUS for state in states.values())
                    or (unread and not states))
    self_settling = set(reasons) - NOTES <= (_SELF_SETTLING if unread
                                             else {Reason.AMBIGUOUS_MARK})
    status = Status(sheet.status)
    settled = (status is Status.ACCEPTED
               or verdict in SETTLING_DECISIONS
               or (verdict is not Decision.REOPEN and self_settling and not unclear_left
                   and status is Status.REVIEW))
    return SheetState(sheet.id, sheet.serial, sheet.layout_version, sheet.page, status, reasons,
                      states, frozenset(decided), settled, verdict is Decision.REJECT,
                      sheet.counted_key is not None, sheet.source, sheet.archive_path,
                      sheet.page_index,
                      tuple(sheet.homography) if sheet.homography else None, sheet.image_scale,
                      unread, verdict)


def page_targets(s: Session, sheets: Iterable[Sheet]) -> dict[int, tuple[TargetKey, ...]]:
    """The layout page's targets of every unread sheet among ``sheets``, by sheet id (from the
    stored layout version the sheet's code names)."""
    layouts: dict[tuple[int, int], Layout | None] = {}
    found: dict[int, tuple[TargetKey, ...]] = {}
    for sheet in sheets:
        if not marks_unread(sheet):
            continue
        key = (sheet.campaign_id or 0, sheet.layout_version or 0)  # both known when unread
        if key not in layouts:
            text = s.scalar(select(LayoutVersion.layout_json).where(
                LayoutVersion.campaign_id == key[0], LayoutVersion.version == key[1]))
            layouts[key] = None if text is None else Layout.from_json(text)
        layout = layouts[key]
        page = next((p for p in layout.pages if p.page == sheet.page), None) if layout else None
        if page is not None:
            found[sheet.id] = tuple((t.category, t.candidate) for t in page.targets)
    return found


def sheet_states(s: Session, sheets: Sequence[Sheet]) -> list[SheetState]:
    """:func:`sheet_state` of each sheet, unread pages with their layout page's targets."""
    targets = page_targets(s, sheets)
    return [sheet_state(sheet, targets.get(sheet.id, ())) for sheet in sheets]


def _named(targets: Sequence[TargetKey]) -> str:
    names = [f"{category} {candidate}" for category, candidate in targets[:NAMED_TARGETS_MAX]]
    return "、".join(names) + ("…" if len(targets) > NAMED_TARGETS_MAX else "")


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
            states = sheet_states(s, _sheets(s, campaign_id))
        waiting = [st for st in states if not st.settled and st.status is not Status.ACCEPTED]
        return sorted(waiting, key=lambda st: (st.queue_rank, st.sheet_id))

    def sheet(self, campaign_id: int, sheet_id: int) -> SheetState:
        with self.db.transaction() as s:
            found = _sheets(s, campaign_id, [sheet_id])
            if not found:
                raise RuleError([error("sheet_not_found", sheet=sheet_id)])
            return sheet_states(s, found)[0]

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
        if decision is Decision.SUPERSEDED:
            raise RuleError([error("decision_not_for_people", decision=decision.value)])
        if decision is Decision.REJECT and not reason:
            raise RuleError([error("reject_needs_reason")])

        def plan(before: SheetState) -> list[tuple[Decision, str | None, str | None]]:
            wanted: list[tuple[str | None, str | None]] = (
                list(targets) if decision in TARGET_DECISIONS else [(None, None)])
            missing = [t for t in wanted if t[0] is not None and t not in before.states]
            if missing or (decision in TARGET_DECISIONS and not wanted):
                raise RuleError([error("target_not_on_sheet", category=c, candidate=n)
                                 for c, n in missing] or [error("decision_unknown",
                                                                decision=decision.value)])
            _check_whole_sheet(before, decision)
            return [(decision, category, candidate) for category, candidate in wanted]

        return self._record(campaign_id, sheet_id, plan, reason)

    def decide_page(self, campaign_id: int, sheet_id: int,
                    marked: Iterable[TargetKey]) -> SheetState:
        """A person's reading of the whole page, in one transaction: ``marked`` for the targets
        in ``marked``, ``empty`` for every other target (those a person already decided so are
        left as they are)."""
        self.actor.require(Permission.REVIEW)
        ticked = set(marked)

        def plan(before: SheetState) -> list[tuple[Decision, str | None, str | None]]:
            missing = sorted(ticked - set(before.states))
            if missing:
                raise RuleError([error("target_not_on_sheet", category=c, candidate=n)
                                 for c, n in missing])
            wanted = {key: Decision.MARKED if key in ticked else Decision.EMPTY
                      for key in before.states}
            return [(decision, *key) for key, decision in wanted.items()
                    if key not in before.decided
                    or before.states[key] is not MarkState(decision.value)]

        return self._record(campaign_id, sheet_id, plan, "")

    def _record(self, campaign_id: int, sheet_id: int,
                plan: Callable[[SheetState], list[tuple[Decision, str | None, str | None]]],
                reason: str) -> SheetState:
        """Add the decisions ``plan`` makes of the sheet as it stands (it raises to refuse)."""
        with self.db.transaction() as s:
            found = _sheets(s, campaign_id, [sheet_id])
            if not found:
                raise RuleError([error("sheet_not_found", sheet=sheet_id)])
            sheet = found[0]
            targets_of_page = page_targets(s, found).get(sheet_id, ())
            now = dt.datetime.now(dt.UTC)
            for decision, category, candidate in plan(sheet_state(sheet, targets_of_page)):
                entry = ReviewDecision(sheet_id=sheet_id, category=category,
                                       candidate=candidate, decision=decision.value,
                                       reason=reason, operator=self.actor.name, decided_at=now)
                sheet.decisions.append(entry)
                s.flush()
                audit.record(s, actor=self.actor, action=f"review.{decision.value}",
                             entity="sheet", entity_id=sheet_id, campaign_id=sheet.campaign_id,
                             after={"serial": sheet.serial, "page": sheet.page,
                                    "category": category, "candidate": candidate,
                                    "reason": reason, "decision_id": entry.id},
                             covers=(entry,))
            return sheet_state(sheet, targets_of_page)


def _check_whole_sheet(state: SheetState, decision: Decision) -> None:
    """Refuse a whole-sheet decision that would count what nobody read: ``accept`` of an unread
    page with undecided targets, ``no_votes`` on a page with a mark or without targets."""
    if decision is Decision.ACCEPT and state.unread and state.undecided:
        raise RuleError([error("accept_unread", count=len(state.undecided),
                               targets=_named(state.undecided))])
    if decision is Decision.NO_VOTES:
        if not state.states:
            raise RuleError([error("no_votes_no_targets")])
        marked = [key for key, st in state.states.items() if st is MarkState.MARKED]
        if marked:
            raise RuleError([error("no_votes_but_marked", targets=_named(marked))])
