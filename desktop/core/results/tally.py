"""Counting the paper ballots: from counted sheets (and review decisions) to votes per category.

Pure functions over plain data, so the rules are tested without a database:

* A ballot is all pages recorded for one serial. A category counts on a ballot only when every
  target of that category is known: all its pages are recorded and no mark is left unclear
  (a reviewer's decision replaces the reader's). Until then it is *pending*.
* More marks than the category allows: the category is *void* on that ballot (超过规定人数的
  视为无效); the ballot's other categories still count.
* No mark at all in a category: a *blank* category (valid, with no votes). A ballot blank in
  every category is a blank ballot.
* A sheet waiting for review holds what it touches: an unclear mark holds its category; an
  overvote holds the overvoted category (a reviewer may find that one "mark" is a smudge);
  any other open reason (page not found, wrong page size) holds the whole page.
* A sheet a reviewer rejected counts as void for every category on it.

A campaign is counted by :func:`paper_tally` without a Python object per target or a Python
loop per category of a ballot: on most ballots every page counts as the reader stored it
(accepted, or held only for unclear marks, which hold their categories either way; nobody
decided anything; no noted serial). Those pages are read in one query as their packed states
(one character a target, models.py) and counted on the strings (:func:`_count_packed`: the
ballots read alike are grouped, and each category is counted over a whole group with
``str.count`` through ``map``; the votes of each target over all its valid ballots at once);
only the other ballots go through the per-sheet rules (:func:`_ballot_outcomes`). Both add
into the same parts (a layout version in a box), so the tables come out in the order the
ballots were recorded, as :func:`tally` gives them (tests/results/test_tally_packed.py holds the
two to each other).
"""

from __future__ import annotations

import datetime as dt
import gc
import json
import operator
import threading
from collections import Counter, defaultdict
from collections.abc import Callable, Collection, Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from itertools import compress, groupby, repeat
from operator import add, eq, itemgetter, le, not_
from typing import Any
from weakref import WeakKeyDictionary

from sqlalchemy import ColumnElement, String, and_, cast, func, or_, select

from ballotformat import Layout
from desktop.core.audit import Anchor, head_anchor
from desktop.core.records import (
    IDS_PER_QUERY,
    SheetRow,
    SheetState,
    TargetLists,
    misfit,
    sheet_rows,
    sheet_states,
)
from desktop.core.store import (
    MARK_STATE_CODES,
    Database,
    LayoutVersion,
    ReviewDecision,
    SerialNote,
    Sheet,
)
from scanning.decide import MarkState
from scanning.reasons import Reason, Status

TargetKey = tuple[str, str]  # (category name, candidate number as printed)
#: Review reasons that hold single categories; any other holds the whole page.
_CATEGORY_LEVEL_REASONS = frozenset({Reason.AMBIGUOUS_MARK, Reason.OVERVOTE})


@dataclass(frozen=True)
class CountedPage:
    """One counted sheet: the page of a ballot and its target states after review."""

    serial: int
    layout_version: int
    page: int
    box_id: int | None
    states: Mapping[TargetKey, MarkState]
    #: Review reasons not yet settled by a reviewer.
    open_reasons: frozenset[Reason] = frozenset()
    #: Rejected by a reviewer: recorded, but every category on it is void.
    rejected: bool = False

    @property
    def held(self) -> bool:
        """Nothing on this page can be trusted before a reviewer looks at it."""
        return bool(self.open_reasons - _CATEGORY_LEVEL_REASONS)


@dataclass
class CategoryCount:
    category: str
    max_marks: int
    #: Votes per candidate number (every candidate of the layout, zeros included).
    votes: dict[str, int] = field(default_factory=dict)
    valid: int = 0  # ballots on which this category counted (blank ones included)
    void: int = 0  # overvoted: more marks than allowed
    blank: int = 0  # counted with no mark
    pending: int = 0  # waiting for a page or a review decision


@dataclass
class Tally:
    categories: dict[str, CategoryCount] = field(default_factory=dict)
    #: The same per ballot box (box id → category → count).
    boxes: dict[int | None, dict[str, CategoryCount]] = field(default_factory=dict)
    ballots: int = 0  # ballots with at least one counted page
    blank_ballots: int = 0  # ballots complete, blank in every category
    ballots_per_box: Counter[int | None] = field(default_factory=Counter)


@dataclass(frozen=True)
class _Shape:
    """A layout's categories as counting reads them, worked out once per layout: each
    category's targets (page, number) in ballot order and the pages they are on."""

    max_marks: Mapping[str, int]
    targets: Mapping[str, tuple[tuple[int, str], ...]]
    pages: Mapping[str, tuple[int, ...]]


def _shape(layout: Layout) -> _Shape:
    targets: dict[str, list[tuple[int, str]]] = defaultdict(list)
    for layout_page in layout.pages:
        for target in layout_page.targets:
            targets[target.category].append((layout_page.page, target.candidate))
    return _Shape(layout.max_marks,
                  {c: tuple(targets[c]) for c in layout.max_marks},
                  {c: tuple(sorted({p for p, _n in targets[c]})) for c in layout.max_marks})


#: How a category came out on one ballot: the fields of :class:`CategoryCount` it adds one to
#: (a blank category counted is valid too).
Outcome = tuple[str, ...]
_VALID: Outcome = ("valid",)
_BLANK: Outcome = ("valid", "blank")
_VOID: Outcome = ("void",)
_PENDING: Outcome = ("pending",)


def _ballot_outcomes(shape: _Shape, pages: Mapping[int, CountedPage]
                     ) -> tuple[list[tuple[str, Outcome, list[str]]], bool]:
    """One ballot: each category's outcome with the numbers it votes for, and whether the
    ballot is completely blank."""
    outcomes: list[tuple[str, Outcome, list[str]]] = []
    all_blank = True
    # What can be read of each page: nothing while it is held for a person.
    readable = {number: None if page.held else page.states for number, page in pages.items()}
    for category, max_marks in shape.max_marks.items():
        on_pages = [pages.get(number) for number in shape.pages[category]]
        if any(page is not None and page.rejected for page in on_pages):
            outcomes.append((category, _VOID, []))
            all_blank = False
            continue
        marked = []
        known = True
        for page_number, number in shape.targets[category]:
            states = readable.get(page_number)
            state = None if states is None else states.get((category, number))
            if state is MarkState.MARKED:
                marked.append(number)
            elif state is not MarkState.EMPTY:  # unknown, or unclear
                known = False
                break
        if not known:
            outcomes.append((category, _PENDING, []))
            all_blank = False
        elif len(marked) > max_marks:
            unsettled = any(page is not None and Reason.OVERVOTE in page.open_reasons
                            for page in on_pages)
            outcomes.append((category, _PENDING if unsettled else _VOID, []))
            all_blank = False
        elif marked:
            outcomes.append((category, _VALID, marked))
            all_blank = False
        else:
            outcomes.append((category, _BLANK, []))
    return outcomes, all_blank


PartKey = tuple[int, int | None]  # (layout version, box id)


@dataclass
class _Part:
    """The ballots of one layout version in one box, added up. ``first`` is where its first
    ballot comes (a sheet id): the tables list categories, candidates and boxes in that order."""

    first: int
    ballots: int = 0
    blank_ballots: int = 0
    #: (category, field of :class:`CategoryCount`) → ballots
    outcomes: Counter[tuple[str, str]] = field(default_factory=Counter)
    #: (category, candidate number) → votes
    votes: Counter[tuple[str, str]] = field(default_factory=Counter)


class _Counting:
    """Ballots added up by layout version and box, each layout's shape worked out once."""

    def __init__(self, layout_for: Callable[[int], Layout | None]) -> None:
        self._layout_for = layout_for
        self._shapes: dict[int, _Shape | None] = {}
        self.parts: dict[PartKey, _Part] = {}

    def shape(self, version: int) -> _Shape | None:
        if version not in self._shapes:
            layout = self._layout_for(version)
            self._shapes[version] = None if layout is None else _shape(layout)
        return self._shapes[version]

    def part(self, version: int, box_id: int | None, first: int) -> _Part:
        part = self.parts.get((version, box_id))
        if part is None:
            part = self.parts[(version, box_id)] = _Part(first)
        part.first = min(part.first, first)
        return part

    def add_ballot(self, first: int, pages: Mapping[int, CountedPage]) -> None:
        """One ballot (its pages by number, the first recorded first), by the rules above."""
        page = next(iter(pages.values()))
        shape = self.shape(page.layout_version)
        if shape is None:
            return  # no stored layout to count it with
        outcomes, blank = _ballot_outcomes(shape, pages)
        part = self.part(page.layout_version, page.box_id, first)
        part.ballots += 1
        part.blank_ballots += blank
        for category, outcome, marked in outcomes:
            for name in outcome:
                part.outcomes[(category, name)] += 1
            for number in marked:
                part.votes[(category, number)] += 1

    def tally(self) -> Tally:
        """The parts in the tables, in the order their first ballots came; every candidate of
        a layout is in the votes, zeros included."""
        result = Tally()
        for (version, box_id), part in sorted(self.parts.items(), key=lambda kv: kv[1].first):
            shape = self.shape(version)
            assert shape is not None  # a part is made only for a ballot with a shape
            result.ballots += part.ballots
            result.blank_ballots += part.blank_ballots
            result.ballots_per_box[box_id] += part.ballots
            for table in (result.categories, result.boxes.setdefault(box_id, {})):
                for category, max_marks in shape.max_marks.items():
                    total = table.get(category)
                    if total is None:
                        total = table[category] = CategoryCount(category, max_marks)
                    for name in _FIELDS:
                        setattr(total, name, getattr(total, name) + part.outcomes[(category,
                                                                                   name)])
                    for number in dict.fromkeys(n for _p, n in shape.targets[category]):
                        total.votes[number] = (total.votes.get(number, 0)
                                               + part.votes[(category, number)])
        return result


#: The fields of :class:`CategoryCount` an outcome adds to.
_FIELDS = ("valid", "void", "blank", "pending")


def tally(pages: Iterable[CountedPage], layout_for: Callable[[int], Layout | None]) -> Tally:
    """Add up counted pages. ``layout_for(version)`` gives the stored layout of a version."""
    ballots: dict[int, dict[int, CountedPage]] = defaultdict(dict)
    for page in pages:
        ballots[page.serial][page.page] = page
    counting = _Counting(layout_for)
    for order, ballot_pages in enumerate(ballots.values()):
        counting.add_ballot(order, ballot_pages)
    return counting.tally()


#: Where a category's states are in a ballot's packed strings: (page slot, start, stop) runs,
#: in the order of the category's targets; None: a target is on no recorded page.
Pieces = tuple[tuple[int, int, int], ...] | None
#: How the ballots of one layout with the same pages are read: each category's maximum and
#: pieces, in the shape's order.
Plan = list[tuple[int, Pieces]]
#: Ballots read alike: layout version, box, and the page numbers and targets' list ids of
#: their pages in the order recorded.
GroupKey = tuple[int, int | None, tuple[int, ...], tuple[int | None, ...]]


def _plan(shape: _Shape, pages: Sequence[int], list_ids: Sequence[int | None],
          lists: TargetLists) -> Plan:
    slots = {page: slot for slot, page in enumerate(pages)}  # the last one holds
    where = [{key: index for index, key in enumerate(lists[list_id])}
             for list_id in list_ids]  # the last of a repeated target holds

    def pieces(category: str) -> Pieces:
        runs: list[list[int]] = []
        for page, number in shape.targets[category]:
            slot = slots.get(page)
            index = None if slot is None else where[slot].get((category, number))
            if slot is None or index is None:
                return None
            if runs and runs[-1][0] == slot and runs[-1][2] == index:
                runs[-1][2] = index + 1
            else:
                runs.append([slot, index, index + 1])
        return tuple((slot, start, stop) for slot, start, stop in runs)

    return [(max_marks, pieces(category)) for category, max_marks in shape.max_marks.items()]


def _category_states(pieces: Pieces, pages: Sequence[Sequence[str]]) -> list[str]:
    """A category's states on each ballot, from ``pages`` (per page slot, the states of that
    page on each ballot): the pieces' slices, joined when there are several."""
    assert pieces is not None
    columns = [map(itemgetter(slice(start, stop)), pages[slot]) for slot, start, stop in pieces]
    if len(columns) == 1:
        return list(columns[0])
    return list(map("".join, zip(*columns, strict=True)))


def _add_packed(part: _Part, shape: _Shape, plan: Plan, ballots: Sequence[tuple[str, ...]]
                ) -> None:
    """Add ``ballots`` (each the states of its pages, in the plan's page order) to ``part``
    by the rules of :func:`_ballot_outcomes`, a category at a time over every ballot (``map``
    runs the counting in C): unclear states → pending; more marks than allowed → void; no
    mark → blank; the votes of each target over the valid ballots at once (their states
    joined, read a target apart)."""
    pages = list(zip(*ballots, strict=True))
    count = len(ballots)
    blank_everywhere: Iterable[bool] = repeat(True, count)
    part.ballots += count
    for category, (max_marks, pieces) in zip(shape.max_marks, plan, strict=True):
        if pieces is None:  # a target on no recorded page
            part.outcomes[(category, "pending")] += count
            blank_everywhere = repeat(False, count)
            continue
        states = _category_states(pieces, pages)
        size = len(shape.targets[category])
        marked = list(map(str.count, states, repeat(_MARKED)))
        known = list(map(eq, map(add, marked, map(str.count, states, repeat(_EMPTY))),
                         repeat(size)))
        counted = list(map(operator.and_, known, map(le, marked, repeat(max_marks))))
        blank = list(map(operator.and_, known, map(not_, marked)))
        valid = sum(counted)
        part.outcomes[(category, "valid")] += valid
        part.outcomes[(category, "void")] += sum(known) - valid
        part.outcomes[(category, "blank")] += sum(blank)
        part.outcomes[(category, "pending")] += count - sum(known)
        blank_everywhere = list(map(operator.and_, blank_everywhere, blank))
        joined = "".join(compress(states, counted))
        for offset, (_page, number) in enumerate(shape.targets[category]):
            part.votes[(category, number)] += joined[offset::size].count(_MARKED)
    part.blank_ballots += sum(blank_everywhere)


def _count_packed(counting: _Counting, rows: Sequence[Sequence[Any]], lists: TargetLists
                  ) -> None:
    """Add the ballots of ``rows`` — (sheet id, serial, page, layout version, box id, targets'
    list id, packed states) of every counted page of each, by serial, then in the order
    recorded — that count as the reader stored them (:func:`_undisputed`): the ballots are
    grouped by how they are read, then each group counted a category at a time."""
    sizes = {list_id: len(lists[list_id]) for list_id in set(map(itemgetter(5), rows))}
    fits = list(map(eq, map(len, map(itemgetter(6), rows)),
                    map(sizes.__getitem__, map(itemgetter(5), rows))))
    if not all(fits):
        raise misfit(rows[fits.index(False)][0])
    groups: dict[GroupKey, tuple[list[int], list[tuple[str, ...]]]] = {}
    for _serial, pages_of in groupby(rows, key=itemgetter(1)):
        ids, _serials, pages, versions, boxes, list_ids, texts = zip(*pages_of, strict=True)
        key = (versions[0], boxes[0], pages, list_ids)  # the first page's, as the rules read
        group = groups.get(key)
        if group is None:
            group = groups[key] = ([], [])
        group[0].append(ids[0])
        group[1].append(texts)
    for (version, box_id, pages, list_ids), (firsts, ballots) in groups.items():
        shape = counting.shape(version)
        if shape is not None:  # else no stored layout to count them with
            _add_packed(counting.part(version, box_id, min(firsts)), shape,
                        _plan(shape, pages, list_ids, lists), ballots)


_MARKED, _EMPTY = MARK_STATE_CODES[MarkState.MARKED.value], MARK_STATE_CODES[MarkState.EMPTY.value]


#: ``Sheet.reasons`` as stored (JSON text) of a page waiting only for its unclear marks.
_ONLY_UNCLEAR = json.dumps([Reason.AMBIGUOUS_MARK.value])


def _undisputed() -> ColumnElement[bool]:
    """A sheet that counts as the reader stored it: no person decided anything on it, nobody
    noted its serial as spoiled or unused, and the reader accepted it or holds it only for
    unclear marks (stored as unclear: each holds its category, as :func:`_ballot_outcomes`
    would hold it; any other way of storing the reasons is left to the per-sheet rules)."""
    decided = select(ReviewDecision.id).where(ReviewDecision.sheet_id == Sheet.id)
    noted = select(SerialNote.id).where(SerialNote.campaign_id == Sheet.campaign_id,
                                        SerialNote.serial == Sheet.serial)
    read = or_(Sheet.status == Status.ACCEPTED.value,
               and_(Sheet.status == Status.REVIEW.value,
                    cast(Sheet.reasons, String) == _ONLY_UNCLEAR))
    return and_(read, ~decided.exists(), ~noted.exists())


def _counted_page(sheet: SheetRow, state: SheetState) -> CountedPage:
    return CountedPage(sheet.serial or 0, sheet.layout_version or 0, sheet.page or 0,
                       sheet.box_id, state.states, state.open_reasons, state.rejected)


def counted_pages(db: Database, campaign_id: int) -> list[CountedPage]:
    """The counted sheet of every ballot page, with its states after review decisions."""
    with db.transaction() as s:
        sheets = sheet_rows(s, Sheet.campaign_id == campaign_id, Sheet.counted_key.is_not(None),
                            view=False)
        return [_counted_page(sheet, state)
                for sheet, state in zip(sheets, sheet_states(s, sheets), strict=True)]


@contextmanager
def _collection_paused() -> Iterator[None]:
    """Python's cyclic garbage collector held off while a campaign's sheets are read and
    counted: some hundred thousand rows and strings, none in a cycle, all freed when counting
    ends; the collector walked them, and all the process holds, over and over for nothing
    (a tenth to a quarter of the count's CPU at 100,000 sheets, docs/benchmarks.md). Left as
    it is when it is off already (the desktop app collects on its GUI thread only,
    desktop/ui/collector.py)."""
    if not gc.isenabled():
        yield
        return
    gc.disable()
    try:
        yield
    finally:
        gc.enable()


def paper_tally(db: Database, campaign_id: int,
                versions: Collection[int] | None = None) -> Tally:
    """The paper ballots of a campaign, counted as recorded so far: most from their packed
    states (:func:`_count_packed`), the ballots with a page held for another reason than
    unclear marks, decided by a person or of a noted serial by the per-sheet rules. With
    ``versions``, only the ballots of those layout versions (a round's: rounds/scope.py)."""
    layouts: dict[int, Layout | None] = {}

    def layout_for(version: int) -> Layout | None:
        if version not in layouts:
            with db.transaction() as s:
                text = s.scalar(select(LayoutVersion.layout_json).where(
                    LayoutVersion.campaign_id == campaign_id, LayoutVersion.version == version))
            layouts[version] = None if text is None else Layout.from_json(text)
        return layouts[version]

    counting = _Counting(layout_for)
    with _collection_paused():
        rows, lists, held = _read_counted(db, campaign_id, versions)
        _count_packed(counting, rows, lists)
        ballots: dict[int, tuple[int, dict[int, CountedPage]]] = {}
        for sheet_id, page in held:
            ballots.setdefault(page.serial, (sheet_id, {}))[1][page.page] = page
        for first, ballot_pages in ballots.values():
            counting.add_ballot(first, ballot_pages)
    return counting.tally()


@dataclass(frozen=True)
class CountedTally:
    """A campaign's paper tally and the moment it counts: the audit chain's head read before
    its rows (``None``: an empty log) and when it was counted. Every change BallotDesk makes
    writes an audit entry in its own transaction (docs/audit.md), so while the head is the same
    the count is too. Shared, so not to be changed."""

    tally: Tally
    head: Anchor | None
    counted_at: dt.datetime


#: The newest count of each campaign made in this process, per database (see current_tally).
_newest: WeakKeyDictionary[Database, dict[int, CountedTally]] = WeakKeyDictionary()
_newest_lock = threading.Lock()


def current_tally(db: Database, campaign_id: int) -> CountedTally:
    """The paper tally as recorded now: the newest count this process made of the campaign if
    the audit head has not moved since it was counted, else :func:`paper_tally` anew (kept as
    the newest). The one way the results, the scan page's live counts and the command line
    count: a page that refreshes while nothing changes reads one row, not every sheet."""
    with db.transaction() as s:
        head = head_anchor(s)  # before the rows: the count holds every change up to it
    newest = last_tally(db, campaign_id)
    if newest is not None and head is not None and newest.head == head:
        return newest
    counted = CountedTally(paper_tally(db, campaign_id), head, dt.datetime.now(dt.UTC))
    with _newest_lock:  # two counts may end out of order: keep the one at the later head
        kept = _newest.setdefault(db, {})
        older = kept.get(campaign_id)
        if older is None or _entry(older.head) <= _entry(head):
            kept[campaign_id] = counted
    return counted


def last_tally(db: Database, campaign_id: int) -> CountedTally | None:
    """The newest count of the campaign this process made (:func:`current_tally`), however
    old, or ``None``: what a page shows at once while the current count is made."""
    with _newest_lock:
        return _newest.get(db, {}).get(campaign_id)


def _entry(head: Anchor | None) -> int:
    return 0 if head is None else head.entry_id


def _read_counted(db: Database, campaign_id: int, versions: Collection[int] | None = None,
                  ) -> tuple[list[Sequence[Any]], TargetLists, list[tuple[int, CountedPage]]]:
    """A campaign's counted sheets: the rows of :func:`_count_packed` (the ballots that count
    as the reader stored them, by serial) with their targets' lists, and the pages of the
    other ballots by the per-sheet rules, with their sheet ids, in the order recorded."""
    counted: tuple[ColumnElement[bool], ...] = (Sheet.campaign_id == campaign_id,
                                                Sheet.counted_key.is_not(None))
    if versions is not None:
        counted += (Sheet.layout_version.in_(sorted(versions)),)
    serial = func.coalesce(Sheet.serial, 0)
    with db.transaction() as s:
        connection = s.connection()  # plain rows: no ORM on a hundred thousand of them
        disputed = set(connection.execute(
            select(serial).where(*counted, ~_undisputed())).scalars())
        every = connection.execute(select(Sheet.id, serial, func.coalesce(Sheet.page, 0),
                                          func.coalesce(Sheet.layout_version, 0), Sheet.box_id,
                                          Sheet.mark_targets_id, Sheet.mark_states)
                                   .where(*counted).order_by(Sheet.id)).all()
        # by serial, each ballot's pages in the order recorded (a stable sort of rows that
        # come nearly in serial order: about linear, where the database's sort was not)
        rows: list[Sequence[Any]] = sorted((row for row in every if row[1] not in disputed),
                                           key=itemgetter(1))
        lists = TargetLists(s)
        lists.load({row[5] for row in rows})
        ids = sorted(row[0] for row in every if row[1] in disputed)
        sheets = [sheet for start in range(0, len(ids), IDS_PER_QUERY)
                  for sheet in sheet_rows(s, Sheet.id.in_(ids[start:start + IDS_PER_QUERY]),
                                          view=False)]
        held = [(sheet.id, _counted_page(sheet, state))
                for sheet, state in zip(sheets, sheet_states(s, sheets), strict=True)]
    return rows, lists, held
