"""Importing online totals from real files: shapes, encodings, broken files, sources."""

from __future__ import annotations

import json
import logging
from pathlib import Path

import pytest

from ballotformat.messages import RuleError
from desktop.core.online.match import Mapping
from desktop.core.online.results import flagged, imports, online_votes
from desktop.core.registry.service import CampaignInfo
from desktop.core.services import Services
from tests.online.test_online_common import (
    BRAND,
    STANDARD,
    WINDOW,
    assert_both_languages,
    codes,
    counts,
    ids,
    write_csv,
    write_xlsx,
)

__all__ = ["ids"]
Ids = dict[tuple[str, int], int]


def imported(services: Services, campaign: CampaignInfo, path: Path, source: str = "平台A",
             **kwargs: object) -> dict[int, int]:
    preview = services.online.preview(campaign.id, path, source, **kwargs)  # type: ignore[arg-type]
    assert preview.ok, [m.text("en") for m in preview.messages]
    services.online.commit(preview)
    return preview.totals


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "gbk"])
def test_totals_by_number_with_category(services: Services, campaign: CampaignInfo, ids: Ids,
                                        tmp_path: Path, encoding: str,
                                        caplog: pytest.LogCaptureFixture) -> None:
    path = write_csv(tmp_path / "totals.csv", [
        ["某平台投票结果导出"], ["奖项", "编号", "名称", "票数"],
        [WINDOW, "01", "东湖街道便民窗口", "\"1,200\""], [STANDARD, "1", "张三", "35"],
        [BRAND, "1", "张三", "7"]], encoding)
    preview = services.online.preview(campaign.id, path, "平台A")
    assert preview.encoding == encoding
    assert preview.shape == "totals"
    assert codes(preview.messages) == ["online_new_source"]
    with caplog.at_level(logging.INFO, logger="desktop.core.online"):
        services.online.commit(preview)
    assert caplog.messages == [f"imported online source 平台A into campaign {campaign.id} from "
                               "totals.csv: 3 rows, 1242 votes, 0 rows flagged"]
    assert preview.totals == {ids[WINDOW, 1]: 1200, ids[STANDARD, 1]: 35, ids[BRAND, 1]: 7}
    result = online_votes(services.db, campaign.id)
    assert result[ids[STANDARD, 1]].sources["平台A"].votes == 35
    assert result[ids[STANDARD, 1]].unflagged == 35


def test_totals_xlsx_by_name_and_normalised_name(services: Services, campaign: CampaignInfo,
                                                 ids: Ids, tmp_path: Path) -> None:
    path = write_xlsx(tmp_path / "totals.xlsx", [
        ["名称", "得票数"], ["西山镇政务服务窗口", 10], ["南岭 综合窗口", 11],
        ["０２．李 四", 12], ["北港(渔家乐)", 13], ["王芳（南岭乡）", 14]])
    totals = imported(services, campaign, path)
    assert totals == {ids[WINDOW, 2]: 10, ids[WINDOW, 3]: 11, ids[STANDARD, 2]: 12,
                      ids[BRAND, 3]: 13, ids[STANDARD, 3]: 14}


def test_a_name_in_two_categories_is_ambiguous(services: Services, campaign: CampaignInfo,
                                               ids: Ids, tmp_path: Path) -> None:
    path = write_csv(tmp_path / "t.csv", [["名称", "票数"], ["张三", "5"], ["李四", "3"]])
    preview = services.online.preview(campaign.id, path, "平台A")
    assert codes(preview.errors) == ["online_ambiguous"]
    assert STANDARD in preview.errors[0].text() and BRAND in preview.errors[0].text()
    numbers = write_csv(tmp_path / "n.csv", [["编号", "票数"], ["1", "5"]])
    assert codes(services.online.preview(campaign.id, numbers, "平台A").errors) == [
        "online_ambiguous"]


@pytest.mark.usefixtures("ids")
def test_broken_totals_files_change_nothing(services: Services, campaign: CampaignInfo,
                                            tmp_path: Path) -> None:
    before = counts(services)
    path = write_csv(tmp_path / "bad.csv", [
        ["奖项", "编号", "票数"], [WINDOW, "1", "-3"], [WINDOW, "2", "很多"], [WINDOW, "9", "1"],
        [STANDARD, "2", "4"], [STANDARD, "02", "5"], ["不存在的奖项", "1", "1"]])
    preview = services.online.preview(campaign.id, path, "平台A")
    assert codes(preview.errors) == ["online_bad_votes", "online_bad_votes",
                                     "online_unknown_candidate", "online_duplicate_candidate",
                                     "online_unknown_category"]
    assert_both_languages(preview.messages)
    with pytest.raises(RuleError) as caught:
        services.online.commit(preview)
    assert caught.value.messages[0].code == "import_has_errors"
    assert counts(services) == before


@pytest.mark.usefixtures("ids")
@pytest.mark.parametrize(("name", "content", "code"), [
    ("empty.csv", b"", "file_empty"),
    ("blank.csv", b"\r\n,,\r\n", "file_empty"),
    ("header_only.csv", "编号,票数\r\n".encode(), "no_rows"),
    ("binary.csv", b"\x89PNG\r\n\x1a\n\x00\x00", "file_binary"),
    ("fake.xlsx", b"not a zip at all", "file_xlsx_is_text"),
    ("cut.xlsx", b"PK\x03\x04\x14\x00 cut short", "file_corrupt"),
    ("votes.pdf", b"%PDF-1.4", "file_unsupported"),
    ("strange.csv", "名字,点赞\r\n甲,1\r\n".encode(), "online_no_vote_columns"),
])
def test_unreadable_files_are_refused_with_one_message(
        services: Services, campaign: CampaignInfo, tmp_path: Path, name: str, content: bytes,
        code: str) -> None:
    before = counts(services)
    path = tmp_path / name
    path.write_bytes(content)
    try:
        preview = services.online.preview(campaign.id, path, "平台A")
        found = codes(preview.errors)
    except RuleError as refused:
        found = [m.code for m in refused.messages]
        assert_both_languages(refused.messages)
    assert found == [code]
    assert counts(services) == before


def test_the_same_file_twice(services: Services, campaign: CampaignInfo, ids: Ids,
                             tmp_path: Path) -> None:
    path = write_csv(tmp_path / "t.csv", [["奖项", "编号", "票数"], [WINDOW, "1", "5"]])
    imported(services, campaign, path)
    before = counts(services)
    again = services.online.preview(campaign.id, path, "平台B")
    assert codes(again.errors) == ["online_already_imported"]
    assert "平台A" in again.errors[0].text("en")
    with pytest.raises(RuleError):
        services.online.commit(again)
    assert counts(services) == before
    assert online_votes(services.db, campaign.id)[ids[WINDOW, 1]].votes == 5


def test_sources_stay_apart_and_an_import_is_withdrawn_by_a_recorded_action(
        services: Services, campaign: CampaignInfo, ids: Ids, tmp_path: Path) -> None:
    a = write_csv(tmp_path / "a.csv", [["奖项", "编号", "票数"], [WINDOW, "1", "5"]])
    b = write_csv(tmp_path / "b.csv", [["奖项", "编号", "票数"], [WINDOW, "1", "7"],
                                       [WINDOW, "2", "1"]])
    paper = write_csv(tmp_path / "党代表.csv", [["奖项", "编号", "得票"], [WINDOW, "2", "30"]])
    imported(services, campaign, a, "平台A")
    imported(services, campaign, b, "平台B")
    imported(services, campaign, paper, "党代表纸质投票")
    first = online_votes(services.db, campaign.id)[ids[WINDOW, 1]]
    assert {k: v.votes for k, v in first.sources.items()} == {"平台A": 5, "平台B": 7}
    assert online_votes(services.db, campaign.id)[ids[WINDOW, 2]].votes == 31
    assert [s.name for s in services.online.sources(campaign.id)] == [
        "平台A", "平台B", "党代表纸质投票"]
    listed = imports(services.db, campaign.id, "平台B")
    services.online.withdraw(listed[0].id, "导出时间段有误，重新导出")
    assert online_votes(services.db, campaign.id)[ids[WINDOW, 1]].votes == 5
    withdrawn = imports(services.db, campaign.id, "平台B")[0]
    assert (withdrawn.withdrawn_by, withdrawn.withdraw_note) == (
        "测试员", "导出时间段有误，重新导出")
    with pytest.raises(RuleError):
        services.online.withdraw(listed[0].id, "again")
    # once withdrawn, the corrected file (or the same one) may be imported again
    imported(services, campaign, b, "平台B")
    assert online_votes(services.db, campaign.id)[ids[WINDOW, 1]].votes == 12
    assert flagged(services.db, campaign.id) == []


def test_a_mapping_is_saved_and_reused_for_the_same_shape(
        services: Services, campaign: CampaignInfo, ids: Ids, tmp_path: Path) -> None:
    rows = [["选手", "组别", "人气值"], ["一号窗口", "窗口组", "9"], ["阿三", "标兵组", "4"]]
    first = write_csv(tmp_path / "day1.csv", rows)
    assert codes(services.online.preview(campaign.id, first, "平台A").errors) == [
        "online_no_vote_columns"]
    mapping_file = tmp_path / "mapping.json"
    mapping_file.write_text(json.dumps({
        "columns": {"选手": "name", "组别": "ignore", "人气值": "votes"},
        "options": {"一号窗口": f"{WINDOW}/1", "阿三": f"{STANDARD}/张三"}},
        ensure_ascii=False), encoding="utf-8")
    preview = services.online.preview(campaign.id, first, "平台A", Mapping.load(mapping_file))
    assert preview.ok, [m.text("en") for m in preview.messages]
    assert preview.mapping_origin == "file"
    services.online.commit(preview)
    second = write_csv(tmp_path / "day2.csv", [rows[0], ["一号窗口", "窗口组", "20"]])
    again = services.online.preview(campaign.id, second, "平台B")
    assert again.mapping_origin == "saved"
    assert again.totals == {ids[WINDOW, 1]: 20}
    suggested = services.online.suggest_mapping(campaign.id, second)
    assert suggested.columns["人气值"] == "votes"
