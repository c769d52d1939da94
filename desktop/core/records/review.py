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
  place a rescan of the same page took (see recording.py);
* ``count_instead`` / ``set_aside``: a person compared the copies of one serial and page (a
  photocopy scanned before its original, say) and chose which counts (:meth:`Review.prefer`):
  the counted place moves to the chosen sheet in one transaction, ``count_instead`` on it
  (its DUPLICATE reason is answered; any unclear mark on it still waits), ``set_aside`` on the
  sheet that held the place (settled, no longer counted). Never recorded through ``decide``.

A sheet whose only problem is unclear marks leaves the queue by itself once every unclear
target is decided. The queue is ordered by what needs a person most: unreadable pages, then
suspected forgeries and duplicates, then overvotes, then unclear marks.

Spoiled and unused serials: a sheet of a serial staff recorded as spoiled or unused carries
``spoiled_serial`` / ``unused_serial`` (stored by the recording layer, or added here when the
serial was noted after the sheet was recorded). It never settles by itself and holds its whole
page: only ``accept`` (count it) or ``reject`` (void it) settles it, and a verdict given before
the serial was noted does not (the person did not know), unless it voided the sheet.

Unread pages: a page whose code was verified but whose marks were not read (the page was not
found, or it is misregistered) is reviewed against its layout page. Every target of that page is
unclear until a person decides it, whatever the reader stored; ``accept`` is refused while one
is undecided (``no_votes`` is the explicit way to settle a page with no marks), and the page
leaves the queue once every target is decided. Nothing on it counts before.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Protocol

from sqlalchemy import and_, or_, select
from sqlalchemy.orm import Session, selectinload

from ballotformat import Layout
from ballotformat.messages import RuleError, error, register
from desktop.core import audit
from desktop.core.accounts import Actor
from desktop.core.enums import Decision, Permission, SerialState
from desktop.core.records.sheet_marks import (
    DecisionRow,
    SheetRow,
    TargetLists,
    read_states,
    sheet_rows,
)
from desktop.core.store import Database, LayoutVersion, ReviewDecision, SerialNote, Sheet
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
    "prefer_not_a_copy": (
        "第 {sheet} 号图像不是一页可计票的选票（票号或页码不明，或已作废），不能改计此张。",
        "Sheet {sheet} is no countable ballot page (its serial or page is unknown, or it was "
        "rejected): it cannot be counted instead.",
    ),
    "prefer_counted_already": (
        "第 {sheet} 号图像已经是计票的那一张。",
        "Sheet {sheet} is the one that counts already.",
    ),
    "decision_not_for_people": (
        "“{decision}”由系统记录，不能手工记录。",
        "“{decision}” is recorded by the system, not by hand.",
    ),
})


TARGET_DECISIONS = frozenset({Decision.MARKED, Decision.EMPTY})
#: Whole-sheet decisions that take the sheet out of the queue.
SETTLING_DECISIONS = frozenset({Decision.ACCEPT, Decision.REJECT, Decision.NO_VOTES,
                                Decision.SUPERSEDED, Decision.SET_ASIDE})
#: Decisions only the system records (through the recording layer or :meth:`Review.prefer`).
SYSTEM_DECISIONS = frozenset({Decision.SUPERSEDED, Decision.COUNT_INSTEAD, Decision.SET_ASIDE})
#: Reasons meaning the reader did not read the page's marks although its code verified.
UNREAD_REASONS = frozenset({Reason.PAGE_NOT_FOUND, Reason.MISREGISTERED})
#: Reasons that settle by themselves once every target in question is decided.
_SELF_SETTLING = frozenset({Reason.AMBIGUOUS_MARK, Reason.TARGETS_OFF_IMAGE}) | UNREAD_REASONS
#: Undecided targets named in a refusal (the rest are counted, not named).
NAMED_TARGETS_MAX = 8
TargetKey = tuple[str, str]  # (category, candidate number as printed)
#: The review reason of a serial staff recorded by hand.
NOTED_REASONS: dict[SerialState, Reason] = {SerialState.SPOILED: Reason.SPOILED_SERIAL,
                                            SerialState.UNUSED: Reason.UNUSED_SERIAL}
#: Verdicts that stand even when given before the serial was noted: they void the sheet.
_VOIDING = frozenset({Decision.REJECT, Decision.SUPERSEDED, Decision.SET_ASIDE})


@dataclass(frozen=True)
class NotedSerial:
    """A serial recorded as spoiled or unused: the review reason it adds, and since when."""

    reason: Reason
    since: dt.datetime

#: Queue order: the first group that has one of a sheet's reasons places it.
QUEUE_GROUPS: tuple[frozenset[Reason], ...] = (
    frozenset({Reason.IMAGE_UNREADABLE, Reason.CODE_UNREADABLE, Reason.PAGE_NOT_FOUND,
               Reason.MISREGISTERED, Reason.TARGETS_OFF_IMAGE}),
    frozenset({Reason.BAD_HMAC, Reason.FOREIGN_CAMPAIGN, Reason.KEY_NOT_HELD,
               Reason.UNSUPPORTED_FORMAT, Reason.UNKNOWN_LAYOUT, Reason.DUPLICATE,
               Reason.SPOILED_SERIAL, Reason.UNUSED_SERIAL, Reason.WRONG_PAGE_SIZE}),
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


def counted_key_of(campaign_id: int | None, serial: int | None, page: int | None) -> str:
    """``Sheet.counted_key`` of the one sheet that counts for a campaign's serial and page."""
    return f"{campaign_id}:{serial}:{page}"


class SheetLike(Protocol):
    """What review reads of a sheet: a :class:`Sheet` or a :class:`SheetRow`."""

    @property
    def id(self) -> int: ...
    @property
    def campaign_id(self) -> int | None: ...
    @property
    def serial(self) -> int | None: ...
    @property
    def layout_version(self) -> int | None: ...
    @property
    def page(self) -> int | None: ...
    @property
    def status(self) -> str: ...
    @property
    def reasons(self) -> list[str]: ...


def marks_unread(sheet: SheetLike) -> bool:
    """The sheet's code verified (serial, layout and page known) but its marks were not read."""
    return (sheet.campaign_id is not None and sheet.serial is not None
            and sheet.layout_version is not None and sheet.page is not None
            and Status(sheet.status) is Status.REVIEW
            and any(Reason(r) in UNREAD_REASONS for r in sheet.reasons))


def replaceable(sheet: Sheet) -> bool:
    """A counted sheet that never counted in effect, so a rescan may take its place: its marks
    were not read and no person decided anything on it (``sheet.decisions`` loaded)."""
    return marks_unread(sheet) and not sheet.decisions


def sheet_state(sheet: Sheet | SheetRow, page_targets: Iterable[TargetKey] = (),
                noted: NotedSerial | None = None, read: Mapping[TargetKey, MarkState] | None = None
                ) -> SheetState:
    """Apply the sheet's decisions (``sheet.decisions`` loaded, oldest first).

    ``page_targets`` are the layout page's targets, needed for an unread page (see
    :func:`sheet_states`): every one of them is unclear until a person decides it. ``noted``:
    the sheet's serial was recorded as spoiled or unused (see the module docstring). ``read``:
    the reader's states (:func:`read_states`; needed for a :class:`SheetRow`)."""
    if read is None:
        read = read_states(sheet)
    unread = marks_unread(sheet)
    states = (dict.fromkeys([*page_targets, *read], MarkState.AMBIGUOUS) if unread
              else dict(read))
    decisions: Sequence[DecisionRow | ReviewDecision] = sheet.decisions
    latest: dict[tuple[str | None, str | None], tuple[int, DecisionRow | ReviewDecision]] = {}
    for order, decision in enumerate(decisions):  # oldest first: the relationship's order
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
    if verdict is Decision.COUNT_INSTEAD:  # chosen over the other copies: no duplicate now
        reasons = tuple(r for r in reasons if r is not Reason.DUPLICATE)
    status = Status(sheet.status)
    if noted is not None:
        if noted.reason not in reasons:
            reasons += (noted.reason,)
        if status is Status.ACCEPTED:
            status = Status.REVIEW
        if (verdict is not None and verdict not in _VOIDING
                and whole is not None and whole.decided_at < noted.since):
            verdict = None  # given before the serial was noted: it does not settle
    # An unread page whose targets are unknown (no layout) is never complete.
    unclear_left = (any(state is MarkState.AMBIGUOUS for state in states.values())
                    or (unread and not states))
    self_settling = set(reasons) - NOTES <= (_SELF_SETTLING if unread
                                             else {Reason.AMBIGUOUS_MARK})
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


def page_targets(s: Session, sheets: Iterable[SheetLike]) -> dict[int, tuple[TargetKey, ...]]:
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


def noted_serials(s: Session, sheets: Iterable[SheetLike]
                  ) -> dict[tuple[int, int], NotedSerial]:
    """The spoiled and unused serials of the sheets' campaigns, by (campaign, serial)."""
    campaigns = {sheet.campaign_id for sheet in sheets if sheet.campaign_id is not None}
    if not campaigns:
        return {}
    return {(n.campaign_id, n.serial): NotedSerial(NOTED_REASONS[n.state], n.recorded_at)
            for n in s.scalars(select(SerialNote).where(SerialNote.campaign_id.in_(campaigns)))}


def sheet_states(s: Session, sheets: Sequence[Sheet | SheetRow]) -> list[SheetState]:
    """:func:`sheet_state` of each sheet, unread pages with their layout page's targets, sheets
    of spoiled and unused serials with their reason."""
    targets = page_targets(s, sheets)
    noted = noted_serials(s, sheets)
    lists = TargetLists(s)
    lists.load({sheet.mark_targets_id for sheet in sheets})
    return [sheet_state(sheet, targets.get(sheet.id, ()),
                        noted.get((sheet.campaign_id or 0, sheet.serial or 0)),
                        read_states(sheet, lists))
            for sheet in sheets]


def _named(targets: Sequence[TargetKey]) -> str:
    names = [f"{category} {candidate}" for category, candidate in targets[:NAMED_TARGETS_MAX]]
    return "、".join(names) + ("…" if len(targets) > NAMED_TARGETS_MAX else "")


def _sheets(s: Session, campaign_id: int, ids: Iterable[int] | None = None) -> list[Sheet]:
    query = (select(Sheet).options(selectinload(Sheet.decisions))
             .where(or_(Sheet.campaign_id == campaign_id, Sheet.campaign_id.is_(None)))
             .order_by(Sheet.id))
    if ids is not None:
        query = query.where(Sheet.id.in_(list(ids)))
    return list(s.scalars(query))


def _one_sheet(s: Session, campaign_id: int, sheet_id: int) -> Sheet:
    found = _sheets(s, campaign_id, [sheet_id])
    if not found:
        raise RuleError([error("sheet_not_found", sheet=sheet_id)])
    return found[0]


def _page_context(s: Session, sheet: Sheet) -> tuple[tuple[TargetKey, ...], NotedSerial | None]:
    """What ``sheet_state`` needs beside the sheet: its layout page's targets (an unread page)
    and the note on its serial, if any."""
    return (page_targets(s, [sheet]).get(sheet.id, ()),
            noted_serials(s, [sheet]).get((sheet.campaign_id or 0, sheet.serial or 0)))


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
        in_campaign = or_(Sheet.campaign_id == campaign_id, Sheet.campaign_id.is_(None))
        # An accepted sheet waits only when its serial was noted spoiled or unused since (the
        # campaign's noted serials read once, not looked up for each accepted sheet).
        noted = and_(Sheet.campaign_id == campaign_id, Sheet.serial.in_(
            select(SerialNote.serial).where(SerialNote.campaign_id == campaign_id)))
        with self.db.transaction() as s:
            states = sheet_states(s, sheet_rows(
                s, in_campaign, or_(Sheet.status != Status.ACCEPTED.value, noted)))
        waiting = [st for st in states if not st.settled and st.status is not Status.ACCEPTED]
        return sorted(waiting, key=lambda st: (st.queue_rank, st.sheet_id))

    def sheet(self, campaign_id: int, sheet_id: int) -> SheetState:
        with self.db.transaction() as s:
            return sheet_states(s, [_one_sheet(s, campaign_id, sheet_id)])[0]

    def history(self, campaign_id: int, sheet_id: int) -> list[DecisionInfo]:
        """Every decision recorded for a sheet, oldest first (who, when, what, why)."""
        with self.db.transaction() as s:
            return [DecisionInfo(Decision(d.decision), d.category, d.candidate, d.reason,
                                 d.operator, d.decided_at)
                    for d in _one_sheet(s, campaign_id, sheet_id).decisions]

    def copies(self, campaign_id: int, sheet_id: int) -> list[SheetState]:
        """Every sheet of the same serial and page as ``sheet_id`` (itself included), the one
        that counts first, then in the order they were recorded: what the side-by-side view
        compares."""
        with self.db.transaction() as s:
            sheet = _one_sheet(s, campaign_id, sheet_id)
            if sheet.serial is None or sheet.page is None:
                return sheet_states(s, [sheet])
            same = list(s.scalars(
                select(Sheet).options(selectinload(Sheet.decisions))
                .where(Sheet.campaign_id == sheet.campaign_id, Sheet.serial == sheet.serial,
                       Sheet.page == sheet.page).order_by(Sheet.id)))
            states = sheet_states(s, same)
        return sorted(states, key=lambda st: (not st.counted, st.sheet_id))

    def prefer(self, campaign_id: int, sheet_id: int, reason: str = "") -> SheetState:
        """Count ``sheet_id`` instead of the sheet that counts for its serial and page (see
        the module docstring): one transaction, both decisions on the audit chain."""
        self.actor.require(Permission.REVIEW)
        reason = reason.strip()
        with self.db.transaction() as s:
            sheet = _one_sheet(s, campaign_id, sheet_id)
            targets_of_page, noted = _page_context(s, sheet)
            before = sheet_state(sheet, targets_of_page, noted)
            if sheet.counted_key is not None:
                raise RuleError([error("prefer_counted_already", sheet=sheet_id)])
            if (sheet.serial is None or sheet.page is None or before.rejected
                    or before.status is Status.REJECTED):
                raise RuleError([error("prefer_not_a_copy", sheet=sheet_id)])
            key = counted_key_of(sheet.campaign_id, sheet.serial, sheet.page)
            holder = s.scalar(select(Sheet).where(Sheet.counted_key == key)
                              .options(selectinload(Sheet.decisions)))
            now = dt.datetime.now(dt.UTC)
            if holder is not None:
                holder.counted_key = None
                s.flush()  # free the unique place before it is taken
                aside = ReviewDecision(
                    sheet_id=holder.id, decision=Decision.SET_ASIDE.value,
                    reason=f"#{sheet.id} {reason}".strip(), operator=self.actor.name,
                    decided_at=now)
                holder.decisions.append(aside)
                s.flush()
                audit.record(s, actor=self.actor, action="review.set_aside", entity="sheet",
                             entity_id=holder.id, campaign_id=holder.campaign_id,
                             before={"counted": True},
                             after={"counted": False, "serial": holder.serial,
                                    "page": holder.page, "by_sheet": sheet.id,
                                    "reason": reason, "decision_id": aside.id},
                             covers=(holder, aside))
            sheet.counted_key = key
            chosen = ReviewDecision(
                sheet_id=sheet.id, decision=Decision.COUNT_INSTEAD.value, reason=reason,
                operator=self.actor.name, decided_at=now)
            sheet.decisions.append(chosen)
            s.flush()
            audit.record(s, actor=self.actor, action="review.count_instead", entity="sheet",
                         entity_id=sheet.id, campaign_id=sheet.campaign_id,
                         before={"counted": False},
                         after={"counted": True, "serial": sheet.serial, "page": sheet.page,
                                "instead_of": None if holder is None else holder.id,
                                "reason": reason, "decision_id": chosen.id},
                         covers=(sheet, chosen))
            return sheet_state(sheet, targets_of_page, noted)

    def decide(self, campaign_id: int, sheet_id: int, decision: Decision,
               targets: Sequence[tuple[str, str]] = (), reason: str = "") -> SheetState:
        """Record one decision for the sheet, or the same decision for several targets."""
        self.actor.require(Permission.REVIEW)
        reason = reason.strip()
        if decision in SYSTEM_DECISIONS:
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
            sheet = _one_sheet(s, campaign_id, sheet_id)
            targets_of_page, noted = _page_context(s, sheet)
            now = dt.datetime.now(dt.UTC)
            for decision, category, candidate in plan(sheet_state(sheet, targets_of_page,
                                                                  noted)):
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
            return sheet_state(sheet, targets_of_page, noted)


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
