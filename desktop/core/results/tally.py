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
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field

from sqlalchemy import select

from ballotformat import Layout
from desktop.core.records import sheet_rows, sheet_states
from desktop.core.store import Database, LayoutVersion, Sheet
from scanning.decide import MarkState
from scanning.reasons import Reason

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


def tally(pages: Iterable[CountedPage], layout_for: Callable[[int], Layout | None]) -> Tally:
    """Add up counted pages. ``layout_for(version)`` gives the stored layout of a version."""
    ballots: dict[int, dict[int, CountedPage]] = defaultdict(dict)
    for page in pages:
        ballots[page.serial][page.page] = page
    result = Tally()
    shapes: dict[int, _Shape | None] = {}
    # Every candidate of a layout is in the votes, zeros included: filled once per table,
    # category and layout version.
    filled: set[tuple[bool, int | None, str, int]] = set()
    for ballot_pages in ballots.values():
        first = next(iter(ballot_pages.values()))
        version = first.layout_version
        if version not in shapes:
            layout = layout_for(version)
            shapes[version] = None if layout is None else _shape(layout)
        shape = shapes[version]
        if shape is None:
            continue
        outcomes, blank = _ballot_outcomes(shape, ballot_pages)
        result.ballots += 1
        result.blank_ballots += blank
        result.ballots_per_box[first.box_id] += 1
        box = result.boxes.setdefault(first.box_id, {})
        for category, outcome, marked in outcomes:
            for key, table in (((False, None, category, version), result.categories),
                               ((True, first.box_id, category, version), box)):
                total = table.get(category)
                if total is None:
                    total = table[category] = CategoryCount(category, shape.max_marks[category])
                if key not in filled:
                    filled.add(key)
                    for _page, number in shape.targets[category]:
                        total.votes.setdefault(number, 0)
                for name in outcome:
                    setattr(total, name, getattr(total, name) + 1)
                for number in marked:
                    total.votes[number] += 1
    return result


def counted_pages(db: Database, campaign_id: int) -> list[CountedPage]:
    """The counted sheet of every ballot page, with its states after review decisions."""
    with db.transaction() as s:
        sheets = sheet_rows(s, Sheet.campaign_id == campaign_id, Sheet.counted_key.is_not(None),
                            view=False)
        pages = []
        for sheet, state in zip(sheets, sheet_states(s, sheets), strict=True):
            pages.append(CountedPage(sheet.serial or 0, sheet.layout_version or 0,
                                     sheet.page or 0, sheet.box_id, state.states,
                                     state.open_reasons, state.rejected))
        return pages


def paper_tally(db: Database, campaign_id: int) -> Tally:
    """The paper ballots of a campaign, counted as recorded so far."""
    layouts: dict[int, Layout | None] = {}

    def layout_for(version: int) -> Layout | None:
        if version not in layouts:
            with db.transaction() as s:
                text = s.scalar(select(LayoutVersion.layout_json).where(
                    LayoutVersion.campaign_id == campaign_id, LayoutVersion.version == version))
            layouts[version] = None if text is None else Layout.from_json(text)
        return layouts[version]

    return tally(counted_pages(db, campaign_id), layout_for)
