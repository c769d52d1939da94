"""The demo campaign: complete, within every rule, invented, quick."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest
from sqlalchemy import func, select

from ballotformat.font_file import missing_glyphs
from ballotformat.messages import RuleError
from desktop.core.demo import create_demo, load_demo_data, unique_name
from desktop.core.enums import STATUSES_OUTSIDE_QUOTA, CandidateKind, CandidateStatus, Phase
from desktop.core.labels import label
from desktop.core.registry.rules import FORM_FIELDS
from desktop.core.services import Services
from desktop.core.store.models import AuditEntry

SEEDS = Path(__file__).resolve().parents[1].parent / "shared" / "seeds"
DEMO_NAME = "演示：2026年度十佳评选"


def test_demo_campaign_is_complete(services: Services) -> None:
    campaign = create_demo(services)
    assert campaign.name == DEMO_NAME
    # Shortlisted candidates belong to a campaign whose shortlist is published, not 推荐报名.
    assert campaign.phase is Phase.SHORTLIST_PUBLISHED
    assert label(campaign.phase, "zh_CN") == "候选名单公示"

    categories = services.registry.list_categories(campaign.id)
    assert [(c.name, c.kind, c.winners, c.max_marks) for c in categories] == [
        ("十佳优良服务窗口", CandidateKind.WINDOW, 10, 10),
        ("十佳优秀服务标兵", CandidateKind.PERSON, 10, 10),
        ("十佳优质服务品牌", CandidateKind.BRAND, 10, 10),
    ]
    units = services.registry.list_units(campaign.id)
    assert len(units) == 10
    assert {u.quota for u in units} == {5}

    everyone = services.candidates.list(campaign.id)
    assert len(everyone) == 150
    assert Counter(c.category for c in everyone) == {c.name: 50 for c in categories}
    statuses = Counter(c.status for c in everyone)
    assert statuses[CandidateStatus.SHORTLISTED] > 0.8 * len(everyone)
    for candidate in everyone:
        assert candidate.missing_fields == (), candidate.name
        assert candidate.awards, candidate.name
        assert 0 < len(candidate.summary) <= campaign.summary_max_chars
        if candidate.kind is CandidateKind.PERSON:
            assert candidate.sex is not None
            assert candidate.birth
        if candidate.status in STATUSES_OUTSIDE_QUOTA:
            assert candidate.review_note
            assert candidate.number is None
        else:
            assert candidate.number is not None


def test_demo_respects_quotas_and_numbering(services: Services) -> None:
    campaign = create_demo(services)
    for row in services.registry.quota_overview(campaign.id):
        assert not row.any_over, row
    everyone = services.candidates.list(campaign.id)
    numbers = Counter((c.category, c.number) for c in everyone if c.number is not None)
    assert max(numbers.values()) == 1
    for category in {c.category for c in everyone}:
        used = sorted(c.number for c in everyone if c.category == category and c.number)
        assert used == list(range(1, len(used) + 1))


def test_demo_is_audited(services: Services) -> None:
    campaign = create_demo(services)
    with services.db.transaction() as s:
        rows = s.execute(
            select(AuditEntry.action, func.count()).where(AuditEntry.campaign_id == campaign.id)
            .group_by(AuditEntry.action))
        actions = dict(rows.all())  # a Result has keys(), so dict() would treat it as a mapping
    assert actions["candidate.create"] == 150
    assert actions["campaign.create"] == 1


def test_second_demo_gets_a_unique_name(services: Services) -> None:
    first = create_demo(services)
    second = create_demo(services)
    assert second.name == f"{DEMO_NAME}（2）"
    assert first.id != second.id
    assert unique_name("甲", {"甲", "甲（2）"}) == "甲（3）"


def test_explicit_taken_name_is_refused(services: Services) -> None:
    services.registry.create_campaign("已有活动")
    with pytest.raises(RuleError):
        create_demo(services, "已有活动")
    assert [c.name for c in services.registry.list_campaigns()] == ["已有活动"]


def test_demo_names_are_printable() -> None:
    data = load_demo_data()
    names = [c["name"] for c in data["categories"]] + [u["name"] for u in data["units"]]
    names += [c["name"] for c in data["candidates"]]
    for name in names:
        assert missing_glyphs(name) == [], name
    assert set(FORM_FIELDS) >= {CandidateKind(c["kind"]) for c in data["categories"]}


def person_names() -> list[str]:
    data = load_demo_data()
    kinds = {c["name"]: c["kind"] for c in data["categories"]}
    return [c["name"] for c in data["candidates"] if kinds[c["category"]] == "person"]


def test_demo_person_names_are_unique_and_invented() -> None:
    names = person_names()
    assert len(names) == 50
    assert len(set(names)) == len(names)
    if not SEEDS.is_dir():
        pytest.skip(f"no seed documents at {SEEDS}")
    seeds = "\n".join(p.read_text(encoding="utf-8", errors="replace")
                      for p in sorted(SEEDS.glob("*")) if p.is_file())
    assert seeds
    found = [name for name in names if name in seeds]
    assert found == []


def test_the_demo_has_the_seed_county_s_rounds(services: Services) -> None:
    campaign = create_demo(services)
    first, final = services.rounds.list_rounds(campaign.id)
    assert (first.name, final.name) == ("公众及党代表投票", "组织审定")
    assert set(first.advancing.values()) == {15} and len(first.advancing) == 3
    assert [(c.kind.value, c.name) for c in first.channels] == [
        ("paper_public", "群众投票"), ("paper_delegates", "代表投票")]
    assert (final.channels, final.candidates) == ((), 0)
    box = services.boxes.add_box(campaign.id, "东湖社区服务中心 1号箱")
    assert box.channel_id == first.channels[0].id, "boxes go to round 1's public channel"
    (plain,) = services.rounds.list_rounds(create_demo(services, rounds=False).id)
    assert plain.channels[0].name == "群众投票"
