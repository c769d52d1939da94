"""Every registry rule, enforced by the service layer itself, with its message in both languages."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from PIL import Image
from sqlalchemy import func, select
from sqlalchemy.exc import NoResultFound

from ballotformat.messages import RuleError, Severity
from desktop.core.enums import CandidateStatus, Sex
from desktop.core.registry.service import CampaignInfo, CategoryInfo, UnitInfo
from desktop.core.services import Services
from desktop.core.store.models import AuditEntry, Candidate
from tests.conftest import CATEGORY_NAMES, person

pytestmark = pytest.mark.both_backends

STANDARD = CATEGORY_NAMES[1]


def codes(exc: pytest.ExceptionInfo[RuleError]) -> list[str]:
    return [m.code for m in exc.value.messages]


def count_candidates(services: Services) -> int:
    with services.db.transaction() as s:
        return s.scalar(select(func.count()).select_from(Candidate)) or 0


@pytest.fixture
def ready(services: Services, campaign: CampaignInfo, categories: list[CategoryInfo],
          units: list[UnitInfo]) -> Services:
    return services


def test_a_unit_cannot_nominate_beyond_its_quota(ready: Services, campaign: CampaignInfo) -> None:
    for name in ("王一", "王二", "王三"):
        ready.candidates.add(campaign.id, person(name, "东湖街道"))
    with pytest.raises(RuleError) as exc:
        ready.candidates.add(campaign.id, person("王四", "东湖街道"))
    assert codes(exc) == ["unit_over_quota"]
    message = exc.value.messages[0]
    assert "东湖街道" in message.text("zh_CN")
    assert "超过限额 3" in message.text("zh_CN")
    assert "over its quota of 3" in message.text("en")
    assert count_candidates(ready) == 3
    # The quota is per category: the same unit still nominates in another category.
    ready.candidates.add(campaign.id, person("王四", "东湖街道", category=CATEGORY_NAMES[0]))


def test_rejected_nominations_free_the_quota_and_requalifying_checks_it(
    ready: Services, campaign: CampaignInfo
) -> None:
    ids = [ready.candidates.add(campaign.id, person(n, "西山镇")).id for n in ("甲", "乙", "丙")]
    ready.candidates.set_status([ids[0]], CandidateStatus.REJECTED, note="材料不全")
    fourth = ready.candidates.add(campaign.id, person("丁", "西山镇"))
    assert fourth.status is CandidateStatus.NOMINATED
    with pytest.raises(RuleError) as exc:
        ready.candidates.set_status([ids[0]], CandidateStatus.QUALIFIED)
    assert codes(exc) == ["unit_over_quota"]
    assert ready.candidates.get(ids[0]).status is CandidateStatus.REJECTED


def test_duplicate_number_is_refused(ready: Services, campaign: CampaignInfo) -> None:
    ready.candidates.add(campaign.id, person("李明", "东湖街道", number=7))
    with pytest.raises(RuleError) as exc:
        ready.candidates.add(campaign.id, person("李亮", "西山镇", number=7))
    assert codes(exc) == ["duplicate_number"]
    assert "编号 7" in str(exc.value)
    assert "Number 7" in exc.value.text("en")
    # Unique within a category only.
    other_category = person("李亮", "西山镇", number=7, category=CATEGORY_NAMES[0])
    ready.candidates.add(campaign.id, other_category)


def test_duplicate_name_is_a_warning_that_can_be_accepted(
    ready: Services, campaign: CampaignInfo
) -> None:
    ready.candidates.add(campaign.id, person("张伟", "东湖街道"))
    with pytest.raises(RuleError) as exc:
        ready.candidates.add(campaign.id, person("张伟", "西山镇"))
    assert [m.severity for m in exc.value.messages] == [Severity.WARNING]
    assert "duplicate_name" in codes(exc)
    ready.candidates.add(campaign.id, person("张伟", "西山镇"), accept_warnings=True)
    assert count_candidates(ready) == 2


def test_missing_required_fields_are_all_reported(ready: Services, campaign: CampaignInfo) -> None:
    with pytest.raises(RuleError) as exc:
        ready.candidates.add(campaign.id, person("  ", "", category=""))
    assert codes(exc) == ["missing_field"] * 3
    assert "缺少必填项：姓名/名称" in exc.value.text("zh_CN")
    assert "Required field missing: nominating unit." in exc.value.text("en")


def test_summary_longer_than_the_campaign_limit_is_refused(
    ready: Services, campaign: CampaignInfo
) -> None:
    with pytest.raises(RuleError) as exc:
        ready.candidates.add(campaign.id, person("赵敏", "南岭乡", summary="好" * 301))
    assert codes(exc) == ["summary_too_long"]
    ready.registry.update_campaign(campaign.id, summary_max_chars=400)
    ready.candidates.add(campaign.id, person("赵敏", "南岭乡", summary="好" * 301))


def test_a_name_the_ballot_font_cannot_print_is_refused(
    ready: Services, campaign: CampaignInfo
) -> None:
    with pytest.raises(RuleError) as exc:
        ready.candidates.add(campaign.id, person("吉\U00020bb7", "东湖街道"))
    assert codes(exc) == ["unprintable_chars"]
    assert "U+20BB7" in str(exc.value)
    assert count_candidates(ready) == 0


def test_unknown_category_or_unit_is_refused(ready: Services, campaign: CampaignInfo) -> None:
    with pytest.raises(RuleError) as exc:
        ready.candidates.add(campaign.id, person("钱多", "不存在单位", category="不存在奖项"))
    assert codes(exc) == ["not_found", "not_found"]
    assert "找不到奖项“不存在奖项”" in str(exc.value)


def test_update_checks_rules_against_the_others_only(
    ready: Services, campaign: CampaignInfo
) -> None:
    first = ready.candidates.add(campaign.id, person("孙一", "东湖街道", number=1))
    ready.candidates.add(campaign.id, person("孙二", "东湖街道", number=2))
    # Saving a candidate unchanged does not collide with itself.
    ready.candidates.update(first.id, first.fields)
    moved = person("孙一", "东湖街道", number=2, sex=Sex.FEMALE, birth="1980-05")
    with pytest.raises(RuleError) as exc:
        ready.candidates.update(first.id, moved)
    assert codes(exc) == ["duplicate_number"]
    fixed = person("孙一", "东湖街道", number=3, sex=Sex.FEMALE, birth="1980-05")
    assert ready.candidates.update(first.id, fixed).number == 3


def test_status_changes_record_who_when_and_why(ready: Services, campaign: CampaignInfo) -> None:
    c = ready.candidates.add(campaign.id, person("周全", "北港街道"))
    with pytest.raises(RuleError) as exc:
        ready.candidates.set_status([c.id], CandidateStatus.REJECTED)
    assert codes(exc) == ["missing_field"]
    ready.candidates.set_status([c.id], CandidateStatus.REJECTED, note="不符合推荐条件")
    after = ready.candidates.get(c.id)
    assert after.status is CandidateStatus.REJECTED
    assert after.review_note == "不符合推荐条件"
    assert after.reviewed_by == "测试员"
    assert after.reviewed_at is not None


def test_numbers_follow_registry_order_and_keep_existing_ones(
    ready: Services, campaign: CampaignInfo, categories: list[CategoryInfo]
) -> None:
    names = ["甲一", "乙二", "丙三", "丁四", "戊五"]
    units = ["东湖街道", "西山镇", "南岭乡", "北港街道", "城关镇"]
    ids = [ready.candidates.add(campaign.id, person(n, u)).id for n, u in zip(names, units,
                                                                               strict=True)]
    ready.candidates.update(ids[3], person("丁四", "北港街道", number=2))
    ready.candidates.set_status([ids[1]], CandidateStatus.WITHDRAWN, note="本人申请退出")
    standard = categories[1].id
    assert ready.candidates.assign_numbers(standard) == 3
    numbers = {c.name: c.number for c in ready.candidates.list(campaign.id, category_id=standard)}
    assert numbers == {"甲一": 1, "乙二": None, "丙三": 3, "丁四": 2, "戊五": 4}
    assert ready.candidates.assign_numbers(standard, renumber=True) == 4
    numbers = {c.name: c.number_text for c in ready.candidates.list(campaign.id,
                                                                    category_id=standard)}
    assert numbers == {"甲一": "01", "丙三": "02", "丁四": "03", "戊五": "04", "乙二": ""}


def test_incomplete_forms_are_flagged_per_kind(ready: Services, campaign: CampaignInfo) -> None:
    bare = ready.candidates.add(campaign.id, person("吴用", "东湖街道"))
    assert bare.missing_fields == ("sex", "birth", "political", "post", "summary")
    full = ready.candidates.add(campaign.id, person(
        "吴全", "东湖街道", sex=Sex.MALE, birth="1979-03", political="中共党员",
        post="东湖街道便民服务中心 主任", summary="扎根基层二十年。"))
    assert full.missing_fields == ()
    window = ready.candidates.add(campaign.id, person(
        "东湖社保窗口", "东湖街道", category=CATEGORY_NAMES[0], summary="一窗通办。"))
    assert window.missing_fields == ()


def test_search_and_filters(ready: Services, campaign: CampaignInfo,
                            units: list[UnitInfo]) -> None:
    ready.candidates.add(campaign.id, person("郑和", "东湖街道", post="港务局 科长"))
    ready.candidates.add(campaign.id, person("郑成", "西山镇"))
    ready.candidates.add(campaign.id, person("冯远", "西山镇", category=CATEGORY_NAMES[0],
                                             post="ICBC 西山网点"))
    assert {c.name for c in ready.candidates.list(campaign.id, search="郑")} == {"郑和", "郑成"}
    assert [c.name for c in ready.candidates.list(campaign.id, search="港务")] == ["郑和"]
    assert [c.name for c in ready.candidates.list(campaign.id, search="icbc")] == ["冯远"], \
        "Latin letters match in either case, on every backend"
    assert {c.name for c in ready.candidates.list(campaign.id, unit_id=units[1].id)} == {
        "郑成", "冯远"}
    assert ready.candidates.list(campaign.id, statuses=[CandidateStatus.SHORTLISTED]) == []


def test_texts_longer_than_their_column_are_refused_on_every_backend(
    ready: Services, campaign: CampaignInfo
) -> None:
    """SQLite would store them anyway; PostgreSQL would fail the whole transaction."""
    with pytest.raises(RuleError) as exc:
        ready.candidates.add(campaign.id, person("吴长", "东湖街道", post="港" * 301))
    assert codes(exc) == ["field_too_long"]
    assert "工作单位及职务有 301 字，超过上限 300 字" in exc.value.messages[0].text("zh_CN")
    assert ready.candidates.add(campaign.id, person("吴长", "东湖街道", post="港" * 300))


def test_photos_are_normalised_with_a_thumbnail(
    ready: Services, campaign: CampaignInfo, tmp_path: Path
) -> None:
    c = ready.candidates.add(campaign.id, person("陈光", "东湖街道"))
    png = tmp_path / "photo.png"
    Image.new("RGB", (2400, 1600), (200, 30, 30)).save(png)
    ready.candidates.set_photo(c.id, png)
    assert ready.candidates.get(c.id).has_photo
    full = Image.open(io.BytesIO(ready.candidates.photo(c.id) or b""))
    thumb = Image.open(io.BytesIO(ready.candidates.photo(c.id, thumbnail=True) or b""))
    assert full.format == "JPEG"
    assert max(full.size) == 1200
    assert max(thumb.size) == 96
    assert set(ready.candidates.thumbnails(campaign.id)) == {c.id}
    broken = tmp_path / "broken.jpg"
    broken.write_bytes(b"not an image at all")
    with pytest.raises(RuleError) as exc:
        ready.candidates.set_photo(c.id, broken)
    assert codes(exc) == ["bad_photo"]
    ready.candidates.remove_photo(c.id)
    assert not ready.candidates.get(c.id).has_photo


def test_every_change_is_audited_with_before_and_after(
    ready: Services, campaign: CampaignInfo
) -> None:
    c = ready.candidates.add(campaign.id, person("林立", "东湖街道"))
    ready.candidates.update(c.id, person("林立", "东湖街道", number=5))
    ready.candidates.delete([c.id])
    with ready.db.transaction() as s:
        entries = s.scalars(select(AuditEntry).where(AuditEntry.entity == "candidate")
                            .order_by(AuditEntry.id)).all()
        assert [e.action for e in entries] == [
            "candidate.create", "candidate.update", "candidate.delete"]
        assert all(e.actor == "测试员" and e.campaign_id == campaign.id for e in entries)
        assert entries[1].before == {"id": c.id, "number": None}
        assert entries[1].after is not None
        digests = entries[1].after.pop("digests")  # what the marks count for (audit_content)
        assert entries[1].after == {"id": c.id, "number": 5}
        assert set(digests["candidate"][str(c.id)]) == {"candidate"}
        assert entries[2].after == {"digests": {"candidate": {str(c.id): None}}}  # deleted
        assert entries[2].before is not None
        assert entries[2].before["name"] == "林立"


def test_deleting_several_is_all_or_nothing(ready: Services, campaign: CampaignInfo) -> None:
    kept = [ready.candidates.add(campaign.id, person(n, "东湖街道")).id for n in ("甲", "乙")]
    with pytest.raises(NoResultFound):
        ready.candidates.delete([kept[0], 999_999])
    assert count_candidates(ready) == 2
    ready.candidates.delete(kept)
    assert count_candidates(ready) == 0


def test_a_refused_change_writes_no_audit_entry(ready: Services, campaign: CampaignInfo) -> None:
    with ready.db.transaction() as s:
        before = s.scalar(select(func.count()).select_from(AuditEntry))
    with pytest.raises(RuleError):
        ready.candidates.add(campaign.id, person("", "东湖街道"))
    with ready.db.transaction() as s:
        assert s.scalar(select(func.count()).select_from(AuditEntry)) == before
