"""Importing candidates from real .xlsx and .csv files: preview, rules, all-or-nothing commit."""

from __future__ import annotations

import datetime as dt
import logging
from pathlib import Path

import openpyxl
import pytest
from sqlalchemy import func, select

from ballotformat.messages import Message, RuleError, Severity
from desktop.core.enums import CandidateKind, Sex
from desktop.core.registry.importing import (
    NEW_CATEGORY_WINNERS,
    ImportPreview,
    infer_kind,
    parse_number,
)
from desktop.core.registry.service import CampaignInfo, CategoryInfo, UnitInfo
from desktop.core.services import Services
from desktop.core.store.models import AuditEntry, Candidate, Category, Unit
from tests.conftest import CATEGORY_NAMES, person

pytestmark = pytest.mark.both_backends

WINDOW, STANDARD, BRAND = CATEGORY_NAMES
HEADER = ["奖项", "编号", "姓名", "推荐单位", "性别", "出生年月", "事迹简介"]


def counts(services: Services) -> tuple[int, ...]:
    with services.db.transaction() as s:
        return tuple(s.scalar(select(func.count()).select_from(model)) or 0
                     for model in (Candidate, Category, Unit, AuditEntry))


def write_csv(path: Path, rows: list[list[str]], encoding: str = "utf-8-sig",
              delimiter: str = ",") -> Path:
    path.write_bytes("\r\n".join(delimiter.join(row) for row in rows).encode(encoding))
    return path


def codes(messages: list[Message]) -> list[str]:
    """Codes, with a row problem's own code in place of "row_problem"."""
    return [m.params["text"].code if m.code == "row_problem" else m.code for m in messages]


def row_codes(preview: ImportPreview) -> dict[int, list[str]]:
    return {r.row: [m.code for m in r.messages] for r in preview.rows if r.messages}


def refused_commit(services: Services, preview: ImportPreview) -> list[str]:
    before = counts(services)
    with pytest.raises(RuleError) as caught:
        services.importer.commit(preview)
    assert counts(services) == before
    return [m.code for m in caught.value.messages]


def assert_both_languages(messages: list[Message]) -> None:
    for m in messages:
        zh, en = m.text("zh_CN"), m.text("en")
        assert zh, m.code
        assert en != zh, m.code
        assert "{" not in zh + en, m.code


@pytest.fixture
def ready(categories: list[CategoryInfo], units: list[UnitInfo]) -> None:
    """The campaign with its categories and units."""


# -- files that import ---------------------------------------------------------------------
@pytest.mark.usefixtures("ready")
def test_xlsx_with_title_row_dates_and_numbers(services: Services, campaign: CampaignInfo,
                                               tmp_path: Path,
                                               caplog: pytest.LogCaptureFixture) -> None:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["2026年度十佳优秀服务标兵推荐汇总表"])
    sheet.append(["编号", "姓名（必填）", "奖项*", "推荐单位*", "性别", "出生年月",
                  "工作单位及职务", "获奖情况", "事迹简介", "联系电话"])
    sheet.append([3.0, "张 三", STANDARD, "东湖街道", "男", dt.datetime(1985, 6, 1),
                  "东湖街道便民服务中心 主任", "2024年市级先进", "扎根基层二十年。", 13800000000])
    sheet["F3"].number_format = 'yyyy"年"m"月"'
    sheet.append(["01", "李四", WINDOW, "西山镇", None, None, None, None, "窗口简介", None])
    sheet.append([2, "王芳", STANDARD, "西山镇", "女", dt.datetime(1990, 12, 31), None, None,
                  None, None])
    sheet["F5"].number_format = "yyyy-mm-dd"
    path = tmp_path / "推荐汇总.xlsx"
    book.save(path)

    preview = services.importer.preview(campaign.id, path)
    assert preview.ok, [m.text("en") for m in preview.messages]
    assert (preview.encoding, preview.unknown_columns) == (None, ("联系电话",))
    assert [r.row for r in preview.rows] == [3, 4, 5]
    assert codes(preview.warnings) == ["unknown_columns"]
    with caplog.at_level(logging.INFO, logger="desktop.core.registry"):
        result = services.importer.commit(preview)
    assert caplog.messages == [f"imported 3 candidates into campaign {campaign.id} from "
                               "推荐汇总.xlsx, 0 categories and 0 units created"]
    assert result.count == 3
    assert result.message.text("en") == "Imported 3 candidates (created 0 categories and 0 units)."
    by_name = {c.name: c for c in services.candidates.list(campaign.id)}
    zhang = by_name["张 三"]
    assert (zhang.number, zhang.sex, zhang.birth) == (3, Sex.MALE, "1985-06")
    assert (zhang.post, zhang.awards, zhang.summary) == (
        "东湖街道便民服务中心 主任", "2024年市级先进", "扎根基层二十年。")
    assert (by_name["李四"].number, by_name["李四"].sex, by_name["李四"].birth) == (1, None, None)
    assert by_name["王芳"].birth == "1990-12-31"


@pytest.mark.usefixtures("ready")
@pytest.mark.parametrize(("encoding", "delimiter", "suffix"), [
    ("utf-8", ",", ".csv"), ("utf-8-sig", ",", ".csv"), ("gbk", ",", ".csv"),
    ("gb18030", ",", ".csv"), ("utf-16", "\t", ".txt"), ("utf-8", ";", ".csv"),
])
def test_csv_in_every_encoding(services: Services, campaign: CampaignInfo, tmp_path: Path,
                               encoding: str, delimiter: str, suffix: str) -> None:
    summary = "䶮字在 GBK 之外" if encoding == "gb18030" else "热心服务"
    path = write_csv(tmp_path / f"名单{suffix}", [
        ["推荐表（请勿修改表头）"], HEADER,
        [STANDARD, "01", "张三", "东湖街道", "男", "1985.6", summary],
        [WINDOW, "1", "东湖街道便民窗口", "东湖街道", "", "", ""],
    ], encoding, delimiter)
    preview = services.importer.preview(campaign.id, path)
    assert preview.ok, [m.text("en") for m in preview.messages]
    assert preview.encoding == {"gb18030": "gb18030", "utf-16": "utf-16"}.get(encoding, encoding)
    services.importer.commit(preview)
    names = [(c.category, c.number, c.name, c.birth, c.summary)
             for c in services.candidates.list(campaign.id)]
    assert names == [(WINDOW, 1, "东湖街道便民窗口", None, ""),
                     (STANDARD, 1, "张三", "1985-06", summary)]


@pytest.mark.usefixtures("ready")
def test_default_category_for_a_sheet_without_one(services: Services, campaign: CampaignInfo,
                                                  tmp_path: Path) -> None:
    path = write_csv(tmp_path / "标兵.csv", [["姓名", "推荐单位"], ["张三", "东湖街道"]])
    with pytest.raises(RuleError) as caught:
        services.importer.preview(campaign.id, path)
    assert caught.value.messages[0].code == "header_missing"
    preview = services.importer.preview(campaign.id, path, default_category=STANDARD)
    services.importer.commit(preview)
    assert [c.category for c in services.candidates.list(campaign.id)] == [STANDARD]


# -- row problems ----------------------------------------------------------------------------
@pytest.mark.usefixtures("ready")
def test_row_problems_carry_the_row_number(services: Services, campaign: CampaignInfo,
                                           tmp_path: Path) -> None:
    path = write_csv(tmp_path / "a.csv", [
        ["标题"], HEADER,
        [STANDARD, "x1", "张三", "东湖街道", "男", "", ""],
        [STANDARD, "0", "李四", "东湖街道", "未知", "1985年13月", ""],
        [STANDARD, "", "", "东湖街道", "", "", ""],
        [STANDARD, "2.5", "王五", "", "", "", ""],
    ])
    preview = services.importer.preview(campaign.id, path)
    assert row_codes(preview) == {
        3: ["invalid_number"],
        4: ["invalid_value", "invalid_value", "invalid_number"],
        5: ["missing_field"],
        6: ["invalid_number", "missing_field"],
    }
    assert not preview.ok
    texts = [m.text("zh_CN") for m in preview.errors]
    assert texts[0] == "第 3 行：编号必须是正整数，而不是“x1”。"
    assert preview.errors[-1].text("en") == "Row 6: Required field missing: nominating unit."
    assert_both_languages(preview.messages)
    assert refused_commit(services, preview)[0] == "import_has_errors"


@pytest.mark.usefixtures("ready")
def test_duplicate_number_inside_the_file(services: Services, campaign: CampaignInfo,
                                          tmp_path: Path) -> None:
    path = write_csv(tmp_path / "a.csv", [
        HEADER,
        [STANDARD, "1", "张三", "东湖街道", "", "", ""],
        [WINDOW, "1", "便民窗口", "东湖街道", "", "", ""],
        [STANDARD, "01", "李四", "西山镇", "", "", ""],
    ])
    preview = services.importer.preview(campaign.id, path)
    assert row_codes(preview) == {4: ["duplicate_in_file"]}
    assert preview.errors[0].text("en") == (
        f"Row 4: Number 1 in “{STANDARD}” is also used in row 2 (by 张三).")
    assert refused_commit(services, preview) == ["import_has_errors", "row_problem"]


@pytest.mark.usefixtures("ready")
def test_duplicate_number_against_the_database(services: Services, campaign: CampaignInfo,
                                               tmp_path: Path) -> None:
    services.candidates.add(campaign.id, person("老王", "南岭乡", number=7))
    path = write_csv(tmp_path / "a.csv", [HEADER, [STANDARD, "07", "张三", "东湖街道", "", "", ""]])
    preview = services.importer.preview(campaign.id, path)
    assert row_codes(preview) == {2: ["duplicate_number"]}
    assert "老王" in preview.errors[0].text("zh_CN")
    refused_commit(services, preview)


@pytest.mark.usefixtures("ready")
def test_over_quota_inside_the_file(services: Services, campaign: CampaignInfo,
                                    tmp_path: Path) -> None:
    rows = [[STANDARD, "", f"候选{i}", "东湖街道", "", "", ""] for i in range(4)]
    preview = services.importer.preview(campaign.id, write_csv(tmp_path / "a.csv", [HEADER, *rows]))
    assert row_codes(preview) == {5: ["unit_over_quota"]}
    assert preview.errors[0].params["text"].params["count"] == 4
    refused_commit(services, preview)


@pytest.mark.usefixtures("ready")
def test_over_quota_with_existing_nominations(services: Services, campaign: CampaignInfo,
                                              tmp_path: Path) -> None:
    services.candidates.add(campaign.id, person("甲", "东湖街道"))
    services.candidates.add(campaign.id, person("乙", "东湖街道"))
    rows = [[STANDARD, "", name, "东湖街道", "", "", ""] for name in ("丙", "丁")]
    rows.append([WINDOW, "", "窗口", "东湖街道", "", "", ""])  # another category: its own quota
    preview = services.importer.preview(campaign.id, write_csv(tmp_path / "a.csv", [HEADER, *rows]))
    assert row_codes(preview) == {3: ["unit_over_quota"]}
    refused_commit(services, preview)


@pytest.mark.usefixtures("ready")
def test_duplicate_names_warn_but_import(services: Services, campaign: CampaignInfo,
                                         tmp_path: Path) -> None:
    services.candidates.add(campaign.id, person("张三", "南岭乡"))
    rows = [[STANDARD, "", "张三", "东湖街道", "", "", ""],
            [STANDARD, "", "李四", "西山镇", "", "", ""],
            [STANDARD, "", "李四", "东湖街道", "", "", ""]]
    preview = services.importer.preview(campaign.id, write_csv(tmp_path / "a.csv", [HEADER, *rows]))
    assert preview.ok
    assert row_codes(preview) == {2: ["duplicate_name"], 4: ["duplicate_name"]}
    assert all(m.severity is Severity.WARNING for m in preview.warnings)
    result = services.importer.commit(preview)
    assert result.count == 3
    assert len(result.warnings) == 2


# -- missing categories and units ------------------------------------------------------------
def test_missing_categories_and_units_are_offered_then_created(
        services: Services, campaign: CampaignInfo, tmp_path: Path) -> None:
    services.registry.add_unit(campaign.id, "东湖街道", quota=5)
    path = write_csv(tmp_path / "a.csv", [
        HEADER,
        ["十佳优秀服务标兵", "1", "张三", "东湖街道", "", "", ""],
        ["十佳优良服务窗口", "1", "便民窗口", "新河镇", "", "", ""],
        ["十佳惠民项目", "", "惠民工程", "新河镇", "", "", ""],
    ])
    before = counts(services)
    preview = services.importer.preview(campaign.id, path)
    assert preview.missing_categories == ("十佳优秀服务标兵", "十佳优良服务窗口", "十佳惠民项目")
    assert preview.missing_units == ("新河镇",)
    assert codes(preview.messages) == ["missing_categories", "missing_units",
                                       "create_missing_hint"]
    assert not preview.ok
    assert preview.rows[0].messages == ()  # every other rule was still checked
    assert_both_languages(preview.messages)
    assert refused_commit(services, preview)[:3] == [
        "import_has_errors", "missing_categories", "missing_units"]

    preview = services.importer.preview(campaign.id, path, create_missing=True)
    assert preview.ok
    assert codes(preview.warnings) == ["categories_to_create", "units_to_create"]
    created = preview.warnings[0]  # names listed the way each language lists them
    assert "十佳优秀服务标兵、十佳优良服务窗口、十佳惠民项目" in created.text("zh_CN")
    assert "十佳优秀服务标兵, 十佳优良服务窗口, 十佳惠民项目" in created.text("en")
    assert preview.new_category_kinds == {"十佳优秀服务标兵": CandidateKind.PERSON,
                                          "十佳优良服务窗口": CandidateKind.WINDOW,
                                          "十佳惠民项目": CandidateKind.PROJECT}
    assert_both_languages(preview.messages)
    result = services.importer.commit(preview)
    assert (result.categories_created, result.units_created) == (
        preview.missing_categories, ("新河镇",))
    assert counts(services)[:3] == (before[0] + 3, before[1] + 3, before[2] + 1)
    made = services.registry.list_categories(campaign.id)
    assert [(c.name, c.winners, c.kind, c.position) for c in made] == [
        ("十佳优秀服务标兵", NEW_CATEGORY_WINNERS, CandidateKind.PERSON, 1),
        ("十佳优良服务窗口", NEW_CATEGORY_WINNERS, CandidateKind.WINDOW, 2),
        ("十佳惠民项目", NEW_CATEGORY_WINNERS, CandidateKind.PROJECT, 3)]
    assert services.registry.find_unit(campaign.id, "新河镇").quota == campaign.default_quota


@pytest.mark.usefixtures("ready")
def test_commit_may_choose_to_create_missing(services: Services, campaign: CampaignInfo,
                                             tmp_path: Path) -> None:
    path = write_csv(tmp_path / "a.csv", [HEADER, [STANDARD, "", "张三", "新河镇", "", "", ""]])
    preview = services.importer.preview(campaign.id, path)
    assert not preview.ok
    assert services.importer.commit(preview, create_missing=True).units_created == ("新河镇",)


@pytest.mark.parametrize(("name", "kind"), [
    ("十佳优秀服务标兵", CandidateKind.PERSON), ("十佳好干部", CandidateKind.PERSON),
    ("十佳先进个人", CandidateKind.PERSON), ("十大感动人物", CandidateKind.PERSON),
    ("十佳优良服务窗口", CandidateKind.WINDOW), ("十佳优质服务品牌", CandidateKind.BRAND),
    ("十佳惠民项目", CandidateKind.PROJECT), ("十佳社区", CandidateKind.OTHER),
])
def test_kind_is_inferred_from_the_category_name(name: str, kind: CandidateKind) -> None:
    assert infer_kind(name) is kind


@pytest.mark.parametrize(("text", "number"), [
    ("01", 1), ("3", 3), ("3.0", 3), ("０２", 2), (" 12 ", 12), ("-1", -1),
    ("x", None), ("2.5", None), ("1号", None),
])
def test_numbers(text: str, number: int | None) -> None:
    assert parse_number(text) == number


# -- the commit --------------------------------------------------------------------------------
@pytest.mark.usefixtures("ready")
def test_commit_writes_audit_entries(services: Services, campaign: CampaignInfo,
                                     tmp_path: Path) -> None:
    path = write_csv(tmp_path / "名单.csv", [HEADER,
                                           [STANDARD, "1", "张三", "东湖街道", "", "", ""],
                                           [WINDOW, "1", "窗口", "西山镇", "", "", ""]])
    preview = services.importer.preview(campaign.id, path)
    result = services.importer.commit(preview)
    with services.db.transaction() as s:
        entries = list(s.scalars(select(AuditEntry).where(
            AuditEntry.action.in_(["candidate.import", "import"])).order_by(AuditEntry.id)))
    assert [e.action for e in entries] == ["candidate.import", "candidate.import", "import"]
    assert [e.entity_id for e in entries[:2]] == list(result.candidate_ids)
    assert all(e.actor == "测试员" and e.campaign_id == campaign.id for e in entries)
    assert entries[0].after is not None
    assert entries[0].after["name"] == "张三"
    assert entries[2].after is not None
    assert (entries[2].after["file"], entries[2].after["sha256"], entries[2].after["count"]) == (
        "名单.csv", preview.sha256, 2)


@pytest.mark.usefixtures("ready")
def test_a_file_changed_after_the_preview_is_refused(services: Services, campaign: CampaignInfo,
                                                     tmp_path: Path) -> None:
    path = write_csv(tmp_path / "a.csv", [HEADER, [STANDARD, "1", "张三", "东湖街道", "", "", ""]])
    preview = services.importer.preview(campaign.id, path)
    write_csv(path, [HEADER, [STANDARD, "1", "张三", "东湖街道", "", "", ""],
                     [STANDARD, "2", "李四", "东湖街道", "", "", ""]])
    assert refused_commit(services, preview) == ["file_changed"]
    path.unlink()
    assert refused_commit(services, preview) == ["file_not_found"]


@pytest.mark.usefixtures("ready")
def test_commit_rechecks_against_the_database_as_it_is_now(
        services: Services, campaign: CampaignInfo, tmp_path: Path) -> None:
    path = write_csv(tmp_path / "a.csv", [HEADER, [STANDARD, "1", "张三", "东湖街道", "", "", ""],
                                          [STANDARD, "2", "李四", "东湖街道", "", "", ""]])
    preview = services.importer.preview(campaign.id, path)
    assert preview.ok
    services.candidates.add(campaign.id, person("老王", "西山镇", number=2))
    assert refused_commit(services, preview) == ["import_has_errors", "row_problem"]
    assert len(services.candidates.list(campaign.id)) == 1


# -- broken files: one clear message, nothing changed -------------------------------------
def _broken(tmp_path: Path, kind: str) -> Path:
    if kind == "file_not_found":
        return tmp_path / "nope.csv"
    path = tmp_path / {"file_unsupported": "a.doc", "file_corrupt": "a.xlsx"}.get(kind, "a.csv")
    content = {
        "file_unsupported": b"\xd0\xcf\x11\xe0 old excel",
        "file_empty": b"",
        "file_binary": b"PK\x03\x04\x14\x00\x06\x00" + bytes(range(64)),
        "file_encoding": "奖项,姓名,推荐单位\n".encode() + b"\xff\xfe\xff,\x81\x20,x\n",
        "file_corrupt": b"PK\x03\x04 truncated",
        "header_missing": "序号,联系人,电话\n1,张三,123\n".encode(),
        "no_rows": ",".join(HEADER).encode("gbk"),
    }[kind]
    path.write_bytes(content)
    return path


@pytest.mark.usefixtures("ready")
@pytest.mark.parametrize("kind", ["file_not_found", "file_unsupported", "file_empty",
                                  "file_binary", "file_encoding", "file_corrupt",
                                  "header_missing", "no_rows"])
def test_broken_files_give_one_message_and_change_nothing(
        services: Services, campaign: CampaignInfo, tmp_path: Path, kind: str) -> None:
    before = counts(services)
    with pytest.raises(RuleError) as caught:
        services.importer.preview(campaign.id, _broken(tmp_path, kind), create_missing=True)
    assert [m.code for m in caught.value.messages] == [kind]
    assert_both_languages(caught.value.messages)
    assert counts(services) == before


# -- size ------------------------------------------------------------------------------------
def test_150_rows_with_create_missing(services: Services, campaign: CampaignInfo,
                                      tmp_path: Path) -> None:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["2026年度十佳评选候选对象汇总表"])
    sheet.append(HEADER)
    units = [f"第{i + 1}社区" for i in range(25)]
    for category in CATEGORY_NAMES:
        for i in range(50):
            sheet.append([category, i + 1, f"{category[-2:]}{i + 1:02d}号", units[i // 2],
                          "男" if i % 2 else "女", dt.datetime(1970 + i % 30, 1 + i % 12, 1),
                          "简介" * 10])
    path = tmp_path / "汇总.xlsx"
    book.save(path)
    preview = services.importer.preview(campaign.id, path, create_missing=True)
    assert preview.ok, [m.text("en") for m in preview.errors[:5]]
    assert (len(preview.rows), len(preview.missing_categories), len(preview.missing_units)) == (
        150, 3, 25)
    before = counts(services)
    result = services.importer.commit(preview, create_missing=True)
    assert result.count == 150
    after = counts(services)
    # 150 candidates, 3 categories, 25 units; audit: each of them plus one "import" entry.
    assert tuple(a - b for a, b in zip(after, before, strict=True)) == (150, 3, 25, 179)
    listed = services.candidates.list(campaign.id)
    assert [(c.category, c.number) for c in listed[:2]] == [(CATEGORY_NAMES[0], 1),
                                                           (CATEGORY_NAMES[0], 2)]
    assert {q.unit.name: sum(q.counts.values()) for q in
            services.registry.quota_overview(campaign.id)} == dict.fromkeys(units, 6)
