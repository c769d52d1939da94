"""The count kept while nothing changes (``current_tally``): the newest count of a campaign is
used again while the audit chain's head stays where it was counted, and every change that moves
the count moves the head, so a sheet recorded, a reviewer's decision or a serial noted spoiled
gives a new count, the per-sheet rules' own (``paper_tally``). ``Results.compute`` counts that
way, or shows a count made before (``last_tally``) and says so."""

from __future__ import annotations

from pathlib import Path

import pytest

from benchmarks.scale import ScaleCampaign
from desktop.core.enums import Decision, SerialState
from desktop.core.results import current_tally, last_tally, paper_tally
from tests.results.test_tally_packed import Scenario

pytestmark = pytest.mark.both_backends


def test_a_count_is_kept_until_a_change_moves_the_audit_head(db_url: str,
                                                              tmp_path: Path) -> None:
    built = ScaleCampaign(db_url, tmp_path / "scale")
    db, campaign_id = built.services.db, built.campaign_id
    try:
        run = Scenario(built)
        windows = run.on_page[(run.windows, 1)]
        built.record(8)
        assert last_tally(db, campaign_id) is None
        first = current_tally(db, campaign_id)
        assert first.tally == paper_tally(db, campaign_id) and first.tally.ballots == 4
        assert current_tally(db, campaign_id) is first, "nothing changed: the same count"
        assert last_tally(db, campaign_id) is first

        serial, spoiled = built.new_serials(2)
        (held, _page_2) = run.record(run.page(serial, 1, set(windows[:2]),
                                              ambiguous=windows[5]),
                                     run.page(serial, 2, set()))
        recorded = current_tally(db, campaign_id)
        assert recorded is not first and recorded.head != first.head
        assert recorded.tally == paper_tally(db, campaign_id)
        assert recorded.tally.ballots == 5
        assert recorded.tally.categories[run.windows].pending == \
            first.tally.categories[run.windows].pending + 1

        run.decide(held, Decision.MARKED, [windows[5]])  # the unclear mark is a vote
        decided = current_tally(db, campaign_id)
        assert decided.tally == paper_tally(db, campaign_id)
        windows_count = decided.tally.categories[run.windows]
        assert windows_count.pending == first.tally.categories[run.windows].pending
        assert windows_count.votes[windows[5][1]] == \
            recorded.tally.categories[run.windows].votes[windows[5][1]] + 1

        run.ballot(spoiled, set(windows[:3]))
        counted_spoiled = current_tally(db, campaign_id)
        assert counted_spoiled.tally.ballots == 6
        built.services.boxes.note_serials(campaign_id, [spoiled], SerialState.SPOILED)
        noted = current_tally(db, campaign_id)
        assert noted.tally == paper_tally(db, campaign_id)
        assert noted.tally != counted_spoiled.tally
        assert last_tally(db, campaign_id) is noted
    finally:
        built.services.db.dispose()


def test_results_say_when_they_show_a_count_made_before(db_url: str, tmp_path: Path) -> None:
    built = ScaleCampaign(db_url, tmp_path / "scale")
    db, campaign_id = built.services.db, built.campaign_id
    try:
        built.record(8)
        results = built.services.results
        now = results.compute(campaign_id)
        assert now.paper_current and now.paper_head == now.audit_head
        earlier = last_tally(db, campaign_id)
        assert earlier is not None and now.paper_counted_at == earlier.counted_at
        built.record(4)
        shown = results.compute(campaign_id, counted=earlier)
        assert not shown.paper_current and shown.ballots == 4
        assert shown.paper_head == earlier.head != shown.audit_head
        after = results.compute(campaign_id)
        assert after.paper_current and after.ballots == 6
    finally:
        built.services.db.dispose()
