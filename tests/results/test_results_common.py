"""Shared set-up of the results tests: the printed → ticked → scanned demo ballots, reviewed,
plus online votes from two platforms (one with a flagged vote) and expert scores.

What the numbers must be, by hand (``VOTES`` in tests/ballot_files.py says what was ticked):

* paper, after the overvoted sheet is reviewed (the 11th "mark" found to be a slip):
  windows 02: 3, 01: 2, 03: 2, 04…10: 1; staff 05: 2, 40: 1, 44: 1; brands 10: 2, 11: 1.
* brands online, 平台A (totals): 10: 5, 11: 20, 12: 7; 平台B (per vote, one vote per voter):
  12 twice by u1 (the second is flagged), 10 by u2 → exported 12: 2, 10: 1; unflagged 12: 1.
* brands experts: 10: 80, 90 → 85; 11: 70, 70 → 70; 12: 95, 85 → 90.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from desktop.core.online.votes import FraudRules
from desktop.core.records.recording import Recorder
from desktop.core.records.review import Decision, Review
from desktop.core.records.scanjob import scan_paths
from desktop.core.registry.service import CampaignInfo
from desktop.core.services import Services
from tests.ballot_files import BRANDS, STAFF, WINDOWS
from tests.conftest import REVIEWER
from tests.online.test_online_common import write_csv

#: Winners per category in these tests (the demo has ten; few votes would tie at zero).
WINNERS = {WINDOWS: 3, STAFF: 3, BRANDS: 2}
EXPERT_SCORES = {"10": (80, 90), "11": (70, 70), "12": (95, 85)}


def record(services: Services, paths: list[Path]) -> None:
    list(scan_paths(Recorder(services.db, services.actor), paths, workers=1))


def settle_overvote(services: Services, campaign_id: int) -> None:
    """The reviewer finds the 11th mark on ballot 3 is a slip and accepts the sheet."""
    review = Review(services.db, REVIEWER)
    (sheet,) = review.queue(campaign_id)
    review.decide(campaign_id, sheet.sheet_id, Decision.EMPTY, [(WINDOWS, "11")])
    review.decide(campaign_id, sheet.sheet_id, Decision.ACCEPT)


def set_winners(services: Services, campaign_id: int, winners: dict[str, int]) -> None:
    for category in services.registry.list_categories(campaign_id):
        if category.name in winners:
            services.registry.update_category(category.id, winners=winners[category.name])


def add_online_and_experts(services: Services, campaign_id: int, folder: Path) -> None:
    totals = write_csv(folder / "平台A.csv", [["奖项", "编号", "票数"], [BRANDS, "10", "5"],
                                             [BRANDS, "11", "20"], [BRANDS, "12", "7"]])
    services.online.commit(services.online.preview(campaign_id, totals, "平台A"))
    services.online.set_source(campaign_id, "平台B",
                               FraudRules(voter_limit=1, voter_limit_period="total"))
    votes = write_csv(folder / "平台B.csv", [
        ["投票时间", "用户ID", BRANDS], ["2026-05-01 08:00:00", "u1", "12"],
        ["2026-05-01 09:00:00", "u1", "12"], ["2026-05-01 10:00:00", "u2", "10"]])
    preview = services.online.preview(campaign_id, votes, "平台B")
    assert preview.ok, [m.text("en") for m in preview.messages]
    assert len(preview.flags) == 1
    services.online.commit(preview)
    ids = {c.number_text: c.id for c in services.candidates.list(campaign_id)
           if c.category == BRANDS}
    services.experts.set_scores(campaign_id, [
        (ids[number], expert, score) for number, scores in EXPERT_SCORES.items()
        for expert, score in zip(("甲", "乙"), scores, strict=True)])


@pytest.fixture
def counted(services: Services, demo: CampaignInfo, scans: list[Path],
            tmp_path: Path) -> CampaignInfo:
    """The demo campaign with every scan recorded and reviewed, online votes, expert scores."""
    record(services, scans)
    settle_overvote(services, demo.id)
    set_winners(services, demo.id, WINNERS)
    add_online_and_experts(services, demo.id, tmp_path)
    return demo
