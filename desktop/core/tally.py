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
from sqlalchemy.orm import selectinload

from desktop.core.ballots import Layout
from desktop.core.db import Database
from desktop.core.models import LayoutVersion, Sheet
from desktop.core.review import sheet_states
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

    def add(self, other: CategoryCount) -> None:
        for number, votes in other.votes.items():
            self.votes[number] = self.votes.get(number, 0) + votes
        self.valid += other.valid
        self.void += other.void
        self.blank += other.blank
        self.pending += other.pending


@dataclass
class Tally:
    categories: dict[str, CategoryCount] = field(default_factory=dict)
    #: The same per ballot box (box id → category → count).
    boxes: dict[int | None, dict[str, CategoryCount]] = field(default_factory=dict)
    ballots: int = 0  # ballots with at least one counted page
    blank_ballots: int = 0  # ballots complete, blank in every category
    ballots_per_box: Counter[int | None] = field(default_factory=Counter)


def _ballot_counts(layout: Layout, pages: Mapping[int, CountedPage]
                   ) -> tuple[dict[str, CategoryCount], bool]:
    """One ballot's contribution per category, and whether it is completely blank."""
    counts: dict[str, CategoryCount] = {}
    all_blank = True
    targets_of: dict[str, list[tuple[int, str]]] = defaultdict(list)
    for layout_page in layout.pages:
        for target in layout_page.targets:
            targets_of[target.category].append((layout_page.page, target.candidate))
    for category, max_marks in layout.max_marks.items():
        count = CategoryCount(category, max_marks,
                              {number: 0 for _page, number in targets_of[category]})
        counts[category] = count
        on_pages = [pages.get(page_number) for page_number in {p for p, _n in targets_of[category]}]
        if any(page is not None and page.rejected for page in on_pages):
            count.void = 1
            all_blank = False
            continue
        states: list[tuple[str, MarkState | None]] = []
        for page_number, number in targets_of[category]:
            page = pages.get(page_number)
            known = None if page is None or page.held else page.states.get((category, number))
            states.append((number, known))
        if any(state in (None, MarkState.AMBIGUOUS) for _n, state in states):
            count.pending = 1
            all_blank = False
            continue
        marked = [number for number, state in states if state is MarkState.MARKED]
        if len(marked) > max_marks:
            unsettled = any(page is not None and Reason.OVERVOTE in page.open_reasons
                            for page in on_pages)
            if unsettled:
                count.pending = 1
            else:
                count.void = 1
            all_blank = False
        else:
            count.valid = 1
            if marked:
                all_blank = False
                for number in marked:
                    count.votes[number] += 1
            else:
                count.blank = 1
    return counts, all_blank


def tally(pages: Iterable[CountedPage], layout_for: Callable[[int], Layout | None]) -> Tally:
    """Add up counted pages. ``layout_for(version)`` gives the stored layout of a version."""
    ballots: dict[int, dict[int, CountedPage]] = defaultdict(dict)
    for page in pages:
        ballots[page.serial][page.page] = page
    result = Tally()
    for ballot_pages in ballots.values():
        first = next(iter(ballot_pages.values()))
        layout = layout_for(first.layout_version)
        if layout is None:
            continue
        counts, blank = _ballot_counts(layout, ballot_pages)
        result.ballots += 1
        result.blank_ballots += blank
        result.ballots_per_box[first.box_id] += 1
        box = result.boxes.setdefault(first.box_id, {})
        for name, count in counts.items():
            for table in (result.categories, box):
                total = table.setdefault(name, CategoryCount(name, count.max_marks))
                total.add(count)
    return result


def counted_pages(db: Database, campaign_id: int) -> list[CountedPage]:
    """The counted sheet of every ballot page, with its states after review decisions."""
    with db.transaction() as s:
        sheets = s.scalars(
            select(Sheet).where(Sheet.campaign_id == campaign_id,
                                Sheet.counted_key.is_not(None))
            .options(selectinload(Sheet.marks), selectinload(Sheet.decisions))).all()
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
