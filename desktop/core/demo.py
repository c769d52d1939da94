"""The demo campaign: a complete, invented "十佳" selection to try BallotDesk with.

Three categories (windows, staff, brands) with ten winners each, ten nominating units with a
quota of five, and fifty candidates per category with complete nomination forms, reviewed and
numbered, so the campaign is in the phase 候选名单公示. The data is
``resources/demo/demo_campaign.json`` (made by ``tools/make_demo_data.py``); it goes through
the services like any user's input, so every rule applies and the audit log records it. Used
by ``ballotdesk demo`` and the welcome screen.
"""

from __future__ import annotations

import json
from collections import defaultdict
from functools import cache
from pathlib import Path
from typing import Any

from ballotformat.resources import resources_dir
from desktop.core.enums import CandidateKind, CandidateStatus, ChannelKind, Phase, Sex
from desktop.core.registry import CampaignInfo, CandidateFields
from desktop.core.services import Services

#: The demo's phase: its shortlist is published, voting can be tried next.
DEMO_PHASE = Phase.SHORTLIST_PUBLISHED
#: The demo's rounds, as the seed county's notice runs them (docs/rounds.md): the public and
#: the party delegates vote and 15 per category go on; the leading group fixes the winners.
DEMO_FIRST_ROUND, DEMO_ADVANCING = "公众及党代表投票", 15
DEMO_DELEGATES_CHANNEL = "代表投票"
DEMO_FINAL_ROUND = "组织审定"


def demo_file() -> Path:
    return resources_dir() / "demo" / "demo_campaign.json"


@cache
def load_demo_data() -> dict[str, Any]:
    """The demo campaign as stored: name, description, categories, units, candidates."""
    data: dict[str, Any] = json.loads(demo_file().read_text(encoding="utf-8"))
    return data


def unique_name(base: str, taken: set[str]) -> str:
    """``base``, or ``base（2）``, ``base（3）``… when a campaign already has that name."""
    name, counter = base, 1
    while name in taken:
        counter += 1
        name = f"{base}（{counter}）"
    return name


def candidate_fields(row: dict[str, Any]) -> CandidateFields:
    return CandidateFields(
        name=row["name"], category=row["category"], unit=row["unit"],
        sex=Sex(row["sex"]) if row.get("sex") else None, birth=row.get("birth") or None,
        political=row.get("political", ""), post=row.get("post", ""),
        awards=row.get("awards", ""), summary=row.get("summary", ""),
    )


def create_demo(services: Services, name: str | None = None,
                rounds: bool = True) -> CampaignInfo:
    """Create the demo campaign and return it.

    Without ``name`` it is called "演示：2026年度十佳评选", made unique when a campaign of
    that name exists; an explicit ``name`` must be free (the registry's rules say so if not).
    With ``rounds`` (the default) it has the seed county's two rounds (:func:`add_demo_rounds`);
    without, the one round every campaign starts with.
    """
    data = load_demo_data()
    registry, candidates = services.registry, services.candidates
    if name is None:
        name = unique_name(data["name"], {c.name for c in registry.list_campaigns()})
    campaign = registry.create_campaign(
        name, data["description"], default_quota=data["default_quota"])
    categories = [
        registry.add_category(campaign.id, c["name"], winners=c["winners"],
                              max_marks=c["max_marks"], kind=CandidateKind(c["kind"]))
        for c in data["categories"]
    ]
    for unit in data["units"]:
        registry.add_unit(campaign.id, unit["name"], quota=unit["quota"])
    decisions: defaultdict[tuple[CandidateStatus, str], list[int]] = defaultdict(list)
    for row in data["candidates"]:
        added = candidates.add(campaign.id, candidate_fields(row))
        status = CandidateStatus(row.get("status", CandidateStatus.NOMINATED))
        if status is not CandidateStatus.NOMINATED:
            decisions[(status, row.get("note", ""))].append(added.id)
    for (status, note), ids in decisions.items():
        candidates.set_status(ids, status, note)
    for category in categories:
        candidates.assign_numbers(category.id)
    if rounds:
        add_demo_rounds(services, campaign.id)
    # Its candidates are reviewed and shortlisted: the campaign is where that puts it.
    return registry.update_campaign(campaign.id, phase=DEMO_PHASE)


def add_demo_rounds(services: Services, campaign_id: int) -> None:
    """Round 1 "公众及党代表投票" (the public's boxes, a delegates' paper channel; 15 per
    category go on), round 2 "组织审定" (the leading group's decision: no channel of its own,
    it decides on round 1's ranking)."""
    rounds = services.rounds
    first = rounds.list_rounds(campaign_id)[0]
    categories = [c.name for c in services.registry.list_categories(campaign_id)]
    rounds.update_round(first.id, name=DEMO_FIRST_ROUND,
                        advancing=dict.fromkeys(categories, DEMO_ADVANCING))
    rounds.add_channel(first.id, ChannelKind.PAPER_DELEGATES, DEMO_DELEGATES_CHANNEL)
    rounds.add_round(campaign_id, DEMO_FINAL_ROUND)
