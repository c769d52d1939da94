"""Campaigns, categories and nominating units through the service layer."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import select

from ballotformat.messages import RuleError
from desktop.core.enums import CandidateKind, CandidateStatus, Phase
from desktop.core.registry.service import (
    CAMPAIGN_SECRET_BYTES,
    CampaignInfo,
    CategoryInfo,
    UnitInfo,
)
from desktop.core.services import Services
from desktop.core.store.models import AuditEntry
from tests.conftest import CATEGORY_NAMES, person

pytestmark = pytest.mark.both_backends


def test_campaign_lifecycle(services: Services) -> None:
    created = services.registry.create_campaign(" 2026年度十佳评选 ", "全县窗口单位评选")
    assert created.name == "2026年度十佳评选"
    assert created.phase is Phase.NOMINATION
    assert created.summary_max_chars == 300
    assert created.default_quota == 3
    updated = services.registry.update_campaign(
        created.id, phase=Phase.REVIEW, voting_opens_on=dt.date(2026, 12, 1))
    assert updated.phase is Phase.REVIEW
    assert updated.voting_opens_on == dt.date(2026, 12, 1)
    with pytest.raises(RuleError) as exc:
        services.registry.create_campaign("2026年度十佳评选")
    assert [m.code for m in exc.value.messages] == ["name_taken"]


def test_find_campaign_by_id_name_or_default(services: Services) -> None:
    with pytest.raises(RuleError) as exc:
        services.registry.find_campaign()
    assert exc.value.messages[0].code == "no_campaign"
    first = services.registry.create_campaign("甲活动")
    second = services.registry.create_campaign("乙活动")
    assert services.registry.find_campaign() == second, "the latest by default"
    assert services.registry.find_campaign(str(first.id)) == first
    assert services.registry.find_campaign("甲活动") == first
    with pytest.raises(RuleError):
        services.registry.find_campaign("丙活动")


def test_the_secret_is_generated_and_never_audited(services: Services) -> None:
    campaign = services.registry.create_campaign("保密测试")
    other = services.registry.create_campaign("另一个")
    secret = services.registry.campaign_secret(campaign.id)
    assert len(secret) == CAMPAIGN_SECRET_BYTES
    assert secret != services.registry.campaign_secret(other.id)
    assert not hasattr(campaign, "secret"), "the info object handed to views has no secret"
    with services.db.transaction() as s:
        for entry in s.scalars(select(AuditEntry)):
            assert "secret" not in (entry.after or {})
            assert secret.hex() not in str(entry.after)


def test_categories_default_max_marks_to_winners_and_keep_order(
    services: Services, campaign: CampaignInfo
) -> None:
    windows = services.registry.add_category(campaign.id, "十佳优良服务窗口", winners=10,
                                             kind=CandidateKind.WINDOW)
    staff = services.registry.add_category(campaign.id, "十佳优秀服务标兵", winners=10,
                                           max_marks=8)
    assert windows.max_marks == 10
    assert staff.max_marks == 8
    assert [c.position for c in services.registry.list_categories(campaign.id)] == [1, 2]
    services.registry.move_category(staff.id, -1)
    names = [c.name for c in services.registry.list_categories(campaign.id)]
    assert names == ["十佳优秀服务标兵", "十佳优良服务窗口"]


@pytest.mark.parametrize(("winners", "max_marks"), [(0, None), (10, 0), (100000, None)])
def test_category_counts_must_be_sensible(
    services: Services, campaign: CampaignInfo, winners: int, max_marks: int | None
) -> None:
    with pytest.raises(RuleError) as exc:
        services.registry.add_category(campaign.id, "奖项", winners=winners, max_marks=max_marks)
    assert exc.value.messages[0].code == "invalid_count"
    assert services.registry.list_categories(campaign.id) == []


def test_duplicate_category_is_refused(services: Services, categories: list[CategoryInfo],
                                       campaign: CampaignInfo) -> None:
    with pytest.raises(RuleError) as exc:
        services.registry.add_category(campaign.id, CATEGORY_NAMES[0], winners=5)
    assert exc.value.messages[0].code == "name_taken"


def test_units_take_the_campaign_default_quota(services: Services,
                                               campaign: CampaignInfo) -> None:
    services.registry.update_campaign(campaign.id, default_quota=1)
    assert services.registry.add_unit(campaign.id, "县公安局").quota == 1
    assert services.registry.add_unit(campaign.id, "县人社局", quota=4).quota == 4
    with pytest.raises(RuleError) as exc:
        services.registry.add_unit(campaign.id, "县公安局")
    assert exc.value.messages[0].code == "name_taken"


def test_lowering_a_quota_warns_and_the_overview_shows_the_unit_over(
    services: Services, campaign: CampaignInfo, categories: list[CategoryInfo],
    units: list[UnitInfo],
) -> None:
    for name in ("甲", "乙", "丙"):
        services.candidates.add(campaign.id, person(name, "东湖街道"))
    warnings = services.registry.update_unit(units[0].id, quota=2)
    assert [w.code for w in warnings] == ["quota_now_exceeded"]
    overview = {row.unit.name: row for row in services.registry.quota_overview(campaign.id)}
    assert overview["东湖街道"].counts == {categories[1].id: 3}
    assert overview["东湖街道"].over(categories[1].id)
    assert overview["东湖街道"].any_over
    assert not overview["西山镇"].any_over
    rejected = services.candidates.list(campaign.id, unit_id=units[0].id)[0]
    services.candidates.set_status([rejected.id], CandidateStatus.REJECTED, note="超额")
    overview = {row.unit.name: row for row in services.registry.quota_overview(campaign.id)}
    assert not overview["东湖街道"].any_over


def test_units_and_categories_with_candidates_cannot_be_deleted(
    services: Services, campaign: CampaignInfo, categories: list[CategoryInfo],
    units: list[UnitInfo],
) -> None:
    services.candidates.add(campaign.id, person("甲", "东湖街道"))
    with pytest.raises(RuleError) as exc:
        services.registry.delete_unit(units[0].id)
    assert exc.value.messages[0].code == "unit_has_candidates"
    with pytest.raises(RuleError) as exc:
        services.registry.delete_category(categories[1].id)
    assert exc.value.messages[0].code == "category_has_candidates"
    services.registry.delete_unit(units[1].id)
    services.registry.delete_category(categories[0].id)
    assert len(services.registry.list_units(campaign.id)) == len(units) - 1
    assert len(services.registry.list_categories(campaign.id)) == 2


def test_unit_names_must_be_printable(services: Services, campaign: CampaignInfo) -> None:
    with pytest.raises(RuleError) as exc:
        services.registry.add_unit(campaign.id, "\U00020bb7家村")
    assert exc.value.messages[0].code == "unprintable_chars"


def test_names_longer_than_their_column_are_refused_on_both_backends(
        services: Services, campaign: CampaignInfo) -> None:
    """SQLite would keep a 201-character name that PostgreSQL refuses: the rule refuses it on
    both, with the field and the limit, and nothing is written."""
    long = "东湖街道" * 50 + "东"  # 201 characters
    before = services.registry.list_campaigns()
    attempts = [lambda: services.registry.create_campaign(long),
                lambda: services.registry.update_campaign(campaign.id, name=long),
                lambda: services.registry.add_category(campaign.id, long, 10),
                lambda: services.registry.add_unit(campaign.id, long),
                lambda: services.boxes.add_box(campaign.id, long)]
    for attempt in attempts:
        with pytest.raises(RuleError) as refused:
            attempt()
        (message,) = refused.value.messages
        assert message.code == "field_too_long"
        assert "201 字，超过上限 200 字" in message.text("zh_CN")
    assert services.registry.list_campaigns() == before
    assert services.registry.list_units(campaign.id) == []
    fits = services.registry.add_unit(campaign.id, long[:200])
    assert len(fits.name) == 200
