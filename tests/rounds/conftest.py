"""A seed-003 campaign: 3 categories × 50 shortlisted, their online totals, two rounds."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pytest

from desktop.core.enums import CandidateStatus
from desktop.core.registry import CampaignInfo, CandidateFields, CategoryInfo
from desktop.core.services import Services
from tests.online.test_online_common import write_csv

#: Per category: shortlisted (round 1), advancing to round 2, winners.
SHORTLIST, ADVANCING, WINNERS = 50, 15, 10
#: Online votes of number n: a steady fall from the first, no two equal…
TOP_VOTES, STEP_VOTES = 1000, 10
#: …except in the second category, where number 16 has the votes of number 15: a tie at the cut.
TIED_CATEGORY = 1


def votes(category_index: int, number: int) -> int:
    if category_index == TIED_CATEGORY and number == ADVANCING + 1:
        number = ADVANCING
    return TOP_VOTES - STEP_VOTES * number


@dataclass(frozen=True)
class Seed:
    campaign: CampaignInfo
    categories: list[CategoryInfo]
    round1: int
    round2: int


@pytest.fixture
def seed(services: Services, campaign: CampaignInfo, categories: list[CategoryInfo],
         tmp_path: Path) -> Seed:
    """Shortlists of 50 numbered 01–50, one online source's totals (a tie at 15 in the second
    category), round 1 renamed and cut at 15, round 2 "组织审定" added."""
    units = [services.registry.add_unit(campaign.id, f"单位{i:02d}", quota=5)
             for i in range(1, 11)]
    for category in categories:
        for n in range(1, SHORTLIST + 1):
            services.candidates.add(campaign.id, CandidateFields(
                name=f"{category.name[-4:]}{n:02d}", category=category.name,
                unit=units[(n - 1) // 5].name))
        services.candidates.assign_numbers(category.id)
    ids = [c.id for c in services.candidates.list(campaign.id)]
    services.candidates.set_status(ids, CandidateStatus.SHORTLISTED)
    services.online.set_source(campaign.id, "平台A")
    rows = [["奖项", "编号", "票数"]] + [
        [category.name, f"{n:02d}", str(votes(i, n))]
        for i, category in enumerate(categories) for n in range(1, SHORTLIST + 1)]
    totals = write_csv(tmp_path / "平台A.csv", rows)
    services.online.commit(services.online.preview(campaign.id, totals, "平台A"))
    (first,) = services.rounds.list_rounds(campaign.id)
    services.rounds.update_round(first.id, name="公众及党代表投票",
                                 advancing={c.name: ADVANCING for c in categories})
    second = services.rounds.add_round(campaign.id, "组织审定")
    return Seed(campaign, categories, first.id, second.id)
