"""The tally's count from packed states (``paper_tally``: the ballots nothing holds, counted from
their pages' stored strings) against the per-sheet rules (``tally`` over ``counted_pages``) on
one campaign recorded through the recording path, with every case the rules know: plain and
blank ballots, a category overvoted across two pages, overvotes held, accepted and corrected,
unclear marks open and decided, a rejected page, "no votes on this page", a missing page,
duplicates (one chosen over the first copy), a serial noted as spoiled, unread pages open and
read by a person, and two boxes. The two must agree in every figure and in the order of
categories, candidates and boxes (the scan page lists them in it).
"""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import func, select

from ballotformat import Layout
from benchmarks.scale import ScaleCampaign
from desktop.core.enums import Decision, SerialState
from desktop.core.records.recording import Reading
from desktop.core.records.review import Review
from desktop.core.results.tally import Tally, counted_pages, paper_tally, tally
from desktop.core.store.models import LayoutVersion, Sheet
from scanning.reasons import Reason
from tests.conftest import REVIEWER

pytestmark = pytest.mark.both_backends

#: Plain ballots recorded first (pages), a quarter of their pages with an unclear mark.
PLAIN_PAGES = 24
HELD_SHARE = 0.25
Key = tuple[str, str]


def the_rules(built: ScaleCampaign) -> Tally:
    """The per-sheet rules over every counted page."""
    with built.services.db.transaction() as s:
        layouts = {version: Layout.from_json(text) for version, text in s.execute(
            select(LayoutVersion.version, LayoutVersion.layout_json)
            .where(LayoutVersion.campaign_id == built.campaign_id))}
    return tally(counted_pages(built.services.db, built.campaign_id), layouts.get)


def assert_same(packed: Tally, rules: Tally) -> None:
    assert packed == rules
    assert list(packed.categories) == list(rules.categories)
    assert list(packed.boxes) == list(rules.boxes)
    assert list(packed.ballots_per_box) == list(rules.ballots_per_box)
    for box, table in [(None, packed.categories), *packed.boxes.items()]:
        other = rules.categories if box is None else rules.boxes[box]
        for name, count in table.items():
            assert list(count.votes) == list(other[name].votes), (box, name)


class Scenario:
    """The demo campaign's targets by category and page, and recording by hand."""

    def __init__(self, built: ScaleCampaign) -> None:
        self.built = built
        self.review = Review(built.services.db, REVIEWER)
        self.on_page: dict[tuple[str, int], list[Key]] = {}
        for page in built.layout.pages:
            for target in page.targets:
                key = (target.category, target.candidate)
                self.on_page.setdefault((target.category, page.page), []).append(key)
        self.windows, self.staff, self.brands = built.layout.max_marks
        assert (self.staff, 1) in self.on_page and (self.staff, 2) in self.on_page, \
            "the second category spans both pages"

    def record(self, *readings: Reading) -> list[int]:
        with self.built.active():
            outcomes = list(self.built.recorder.record_all(readings))
        assert all(outcome.sheet_id is not None for outcome in outcomes)
        return [outcome.sheet_id for outcome in outcomes if outcome.sheet_id is not None]

    def page(self, serial: int, page: int, ticked: set[Key], *reasons: Reason,
             ambiguous: Key | None = None, copy: int = 0) -> Reading:
        item, result = self.built.reading(serial, page, ticked, ambiguous, copy)
        return item, result.with_reasons(*reasons)

    def ballot(self, serial: int, ticked: set[Key]) -> list[int]:
        return self.record(self.page(serial, 1, ticked), self.page(serial, 2, ticked))

    def decide(self, sheet_id: int, decision: Decision, targets: list[Key] | None = None,
               reason: str = "") -> None:
        self.review.decide(self.built.campaign_id, sheet_id, decision, targets or [], reason)


def record_every_case(built: ScaleCampaign) -> None:
    run = Scenario(built)
    windows = run.on_page[(run.windows, 1)]
    staff_1, staff_2 = run.on_page[(run.staff, 1)], run.on_page[(run.staff, 2)]
    brands = run.on_page[(run.brands, 2)]
    some = {*windows[:3], *staff_2[:2], *brands[:4]}
    serials = iter(built.new_serials(14))

    run.ballot(next(serials), set())  # blank in every category
    run.ballot(next(serials), {*staff_1[:6], *staff_2[:6], *windows[:2]})  # 12 across pages
    eleven = {*windows[:11], *brands[:2]}
    _held, accepted, corrected = (run.record(run.page(serial, 1, eleven, Reason.OVERVOTE),
                                             run.page(serial, 2, eleven))
                                  for serial in (next(serials), next(serials), next(serials)))
    run.decide(accepted[0], Decision.ACCEPT)  # void
    run.decide(corrected[0], Decision.EMPTY, [windows[0]])
    run.decide(corrected[0], Decision.ACCEPT)  # ten marks
    serial = next(serials)
    unclear = run.record(run.page(serial, 1, some, ambiguous=windows[5]),
                         run.page(serial, 2, some, ambiguous=brands[7]))
    run.decide(unclear[0], Decision.MARKED, [windows[5]])  # settles by itself
    serial = next(serials)  # page 2 rejected
    rejected = run.record(run.page(serial, 1, some), run.page(serial, 2, some,
                                                               ambiguous=brands[9]))
    run.decide(rejected[1], Decision.REJECT, reason="torn")
    serial = next(serials)  # page 1 carries no vote
    nothing = run.record(run.page(serial, 1, set(), ambiguous=windows[1]),
                         run.page(serial, 2, some))
    run.decide(nothing[0], Decision.NO_VOTES)
    run.record(run.page(next(serials), 1, some))  # page 2 never came
    serial = next(serials)  # a copy of page 1 scanned too: the first one counts
    run.ballot(serial, some)
    run.record(run.page(serial, 1, {*windows[:4]}, copy=1))
    serial = next(serials)  # a copy of page 1 chosen over the first
    run.ballot(serial, some)
    (copy,) = run.record(run.page(serial, 1, {*windows[5:9]}, copy=1))
    run.review.prefer(built.campaign_id, copy, "the original")
    spoiled = next(serials)
    run.ballot(spoiled, some)
    built.services.boxes.note_serials(built.campaign_id, [spoiled], SerialState.SPOILED)
    serial = next(serials)  # unread: held until a person reads it
    run.record(run.page(serial, 1, some, Reason.PAGE_NOT_FOUND), run.page(serial, 2, some))
    serial = next(serials)  # unread, then read by a person
    (unread, _page_2) = run.record(run.page(serial, 1, some, Reason.PAGE_NOT_FOUND),
                                   run.page(serial, 2, some))
    run.review.decide_page(built.campaign_id, unread, {*windows[2:6], *staff_1[:1]})


def test_the_packed_count_is_the_per_sheet_rules(db_url: str, tmp_path: Path) -> None:
    built = ScaleCampaign(db_url, tmp_path / "scale", seed=15, review_share=HELD_SHARE)
    try:
        # A second box whose lowest serials are recorded last: its place in the tables is
        # that of its first ballot recorded, not of its lowest serial.
        box = built.services.boxes.add_box(built.campaign_id, "第二箱").id
        second = built.new_serials(3, box)
        run = Scenario(built)
        ticks = {*run.on_page[(run.windows, 1)][1:4], *run.on_page[(run.brands, 2)][:1]}
        run.ballot(second[2], ticks)
        built.record(PLAIN_PAGES)
        record_every_case(built)
        for serial in second[:2]:
            run.ballot(serial, ticks)
        rules = the_rules(built)
        assert_same(paper_tally(built.services.db, built.campaign_id), rules)
        # the campaign holds what it claims to
        counts = rules.categories
        windows, staff, _brands = built.layout.max_marks
        assert counts[windows].void >= 1 and counts[staff].void >= 1
        assert all(count.pending >= 1 and count.valid >= 1 for count in counts.values())
        assert rules.blank_ballots >= 1 and len(rules.boxes) == 2
        with built.services.db.transaction() as s:
            copies = s.scalar(select(func.count()).select_from(Sheet)
                              .where(Sheet.counted_key.is_(None)))
        assert copies == 2, "a copy not counted, and the first copy set aside"
    finally:
        built.services.db.dispose()


def test_an_empty_campaign_counts_nothing(db_url: str, tmp_path: Path) -> None:
    built = ScaleCampaign(db_url, tmp_path / "scale")
    try:
        assert_same(paper_tally(built.services.db, built.campaign_id), Tally())
    finally:
        built.services.db.dispose()
