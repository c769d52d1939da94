"""Per-vote exports: joined options, 1/0 columns, the fraud report, and the two parsers."""

from __future__ import annotations

import string
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from desktop.core.online.match import OPTION_SEPARATORS, normalise_name, split_options
from desktop.core.online.results import flagged, online_votes
from desktop.core.online.votes import FraudRules, parse_time
from desktop.core.registry.service import CampaignInfo
from desktop.core.services import Services
from tests.online.test_online_common import (
    BRAND,
    STANDARD,
    WINDOW,
    codes,
    counts,
    ids,
    write_csv,
    write_xlsx,
)

__all__ = ["ids"]
Ids = dict[tuple[str, int], int]


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "gbk", "xlsx"])
def test_joined_options_per_category_column(services: Services, campaign: CampaignInfo,
                                            ids: Ids, tmp_path: Path, encoding: str) -> None:
    rows = [["投票时间", "用户ID", "IP", WINDOW, STANDARD],
            ["2026-05-01 08:00:01", "u1", "1.1.1.1", "东湖街道便民窗口、西山镇政务服务窗口",
             "张三"],
            ["2026/5/1 8:03", "u2", "1.1.1.2", "02.西山镇政务服务窗口", "李四；王芳\n张三"],
            ["2026-05-01 09:00:00", "u3", "", "", "（张三）"]]
    cells: list[list[object]] = [list(r) for r in rows]
    path = (write_xlsx(tmp_path / "votes.xlsx", cells) if encoding == "xlsx"
            else write_csv(tmp_path / "votes.csv", [[f'"{c}"' for c in r] for r in rows],
                           encoding))
    preview = services.online.preview(campaign.id, path, "平台A")
    assert preview.ok, [m.text("en") for m in preview.messages]
    assert (preview.shape, preview.rows, preview.flags) == ("votes", 3, ())
    assert preview.totals == {ids[WINDOW, 1]: 1, ids[WINDOW, 2]: 2, ids[STANDARD, 1]: 3,
                              ids[STANDARD, 2]: 1, ids[STANDARD, 3]: 1}
    services.online.commit(preview)
    assert online_votes(services.db, campaign.id)[ids[STANDARD, 1]].votes == 3


def test_one_column_per_option_holding_1_or_0(services: Services, campaign: CampaignInfo,
                                              ids: Ids, tmp_path: Path) -> None:
    path = write_csv(tmp_path / "flags.csv", [
        ["时间", "openid", "东湖街道便民窗口", "李四", "北港 渔家乐"],
        ["2026-05-01 08:00:01", "o1", "1", "0", "1"],
        ["2026-05-01 08:00:02", "o2", "0", "1", ""],
        ["2026-05-01 08:00:03", "o3", "1", "1", "1"]])
    preview = services.online.preview(campaign.id, path, "平台A")
    assert preview.ok, [m.text("en") for m in preview.messages]
    assert preview.mapping.columns["李四"] == f"option:{STANDARD}/2"
    assert preview.totals == {ids[WINDOW, 1]: 2, ids[STANDARD, 2]: 2, ids[BRAND, 3]: 2}
    bad = write_csv(tmp_path / "bad.csv", [["时间", "李四"], ["2026-05-01 08:00:01", "2"]])
    problems = services.online.preview(campaign.id, bad, "平台A").errors
    assert codes(problems) == ["online_bad_flag"]


def test_choices_without_a_category_column(services: Services, campaign: CampaignInfo,
                                           ids: Ids, tmp_path: Path) -> None:
    path = write_csv(tmp_path / "v.csv", [
        ["投票时间", "投票对象"], ["2026-05-01 08:00:01", "李四|城关好味道"],
        ["2026-05-01 08:00:02", "张三"], ["2026-05-01 08:00:03", "无名氏"],
        ["2026-05-01 08:00:04", "无名氏"], ["坏时间", "王芳"]])
    before = counts(services)
    preview = services.online.preview(campaign.id, path, "平台A")
    assert codes(preview.errors) == ["online_ambiguous", "online_unknown_option"]
    assert preview.errors[1].params["count"] == 2
    fixed = write_csv(tmp_path / "v2.csv", [
        ["投票时间", "投票对象"], ["2026-05-01 08:00:01", "李四|城关好味道"],
        ["坏时间", "王芳"]])
    assert codes(services.online.preview(campaign.id, fixed, "平台A").errors) == [
        "online_bad_time"]
    assert counts(services) == before


def test_the_fraud_report(services: Services, campaign: CampaignInfo, ids: Ids,
                          tmp_path: Path) -> None:
    services.online.set_source(campaign.id, "平台A", FraudRules(
        voter_limit=2, voter_limit_period="day", ip_burst_votes=3, ip_burst_seconds=60,
        spike_votes_per_minute=4))
    rows = [["投票时间", "用户ID", "IP", "选项"]]
    # u1 votes for 李四 three times in a day (limit 2): the third is over the limit;
    # on the next day the count starts again.
    rows += [[f"2026-05-01 0{h}:00:00", "u1", f"10.0.0.{h}", "李四"] for h in (1, 2, 3)]
    rows += [["2026-05-02 01:00:00", "u1", "10.0.1.1", "李四"]]
    # four rows from one IP within 40 seconds (more than 3 in 60 s): all four flagged
    rows += [[f"2026-05-01 10:00:{s:02d}", f"b{s}", "10.9.9.9", "王芳"] for s in (0, 10, 20, 40)]
    # five votes for 城关好味道 in the minute 12:00 (more than 4): a spike
    rows += [[f"2026-05-01 12:00:{s:02d}", f"s{s}", f"10.1.0.{s}", "城关好味道"]
             for s in (1, 5, 9, 30, 59)]
    # normal traffic: the same IP twice, far apart; 城关好味道 four times in 12:01
    rows += [["2026-05-01 09:00:00", "n1", "10.9.9.9", "李四"],
             *([f"2026-05-01 12:01:{s:02d}", f"t{s}", f"10.2.0.{s}", "城关好味道"]
               for s in (1, 2, 3, 4))]
    path = write_csv(tmp_path / "fraud.csv", rows)
    preview = services.online.preview(campaign.id, path, "平台A")
    assert preview.ok, [m.text("en") for m in preview.messages]
    assert {f.row: f.reasons for f in preview.flags} == {
        4: ("over_limit",), 6: ("ip_burst",), 7: ("ip_burst",), 8: ("ip_burst",),
        9: ("ip_burst",), 10: ("minute_spike",), 11: ("minute_spike",),
        12: ("minute_spike",), 13: ("minute_spike",), 14: ("minute_spike",)}
    li, wang, brand = ids[STANDARD, 2], ids[STANDARD, 3], ids[BRAND, 2]
    assert preview.totals == {li: 5, wang: 4, brand: 9}
    assert preview.unflagged == {li: 4, wang: 0, brand: 4}
    services.online.commit(preview)
    report = flagged(services.db, campaign.id, "平台A")
    assert [(f.row, f.voter, f.ip) for f in report][:2] == [(4, "u1", "10.0.0.3"),
                                                           (6, "b0", "10.9.9.9")]
    assert report[0].candidate_ids == (li,)
    result = online_votes(services.db, campaign.id)[li].sources["平台A"]
    assert (result.votes, result.unflagged) == (5, 4)


def test_limit_over_the_whole_vote(services: Services, campaign: CampaignInfo, ids: Ids,
                                   tmp_path: Path) -> None:
    services.online.set_source(campaign.id, "平台A", FraudRules(voter_limit=1,
                                                                 voter_limit_period="total"))
    path = write_csv(tmp_path / "v.csv", [
        ["用户ID", "投票时间", "选项"], ["u1", "2026-05-01 08:00:00", "李四，王芳"],
        ["u1", "2026-05-03 08:00:00", "城关好味道"], ["u2", "2026-05-03 08:00:00", "李四"]])
    preview = services.online.preview(campaign.id, path, "平台A")
    assert [f.row for f in preview.flags] == [2]  # two 标兵 votes in one row; 品牌 is another


# -- the parsers -----------------------------------------------------------------------------
OPTION = st.text(alphabet=string.ascii_letters + "张三李四窗口（）() 0123456789.",
                 min_size=1, max_size=12).filter(lambda t: t.strip() != "")


@given(st.lists(OPTION, max_size=6), st.lists(st.sampled_from(OPTION_SEPARATORS), min_size=1))
def test_split_options_undoes_any_join(options: list[str], separators: list[str]) -> None:
    joined = ""
    for n, option in enumerate(options):
        joined += (separators[n % len(separators)] if n else "") + option
    assert split_options(joined) == tuple(o.strip() for o in options)


@given(st.text(max_size=20))
def test_split_options_never_keeps_separators_or_blanks(cell: str) -> None:
    for part in split_options(cell):
        assert part == part.strip() and part
        assert not set(part) & set(OPTION_SEPARATORS)


FULL_WIDTH = {chr(c): chr(c + 0xFEE0) for c in range(0x21, 0x7F)}


@given(st.text(alphabet=string.ascii_letters + "张三窗口 ", min_size=1, max_size=12)
       .filter(lambda t: t.strip() != ""),
       st.sampled_from(["（{}）", "({})", "【{}】", "[{}]", "「{}」", "{}"]),
       st.sampled_from(["", "01.", "1、", "07号 ", "No.3 "]))
def test_normalise_name_ignores_width_spaces_brackets_and_prefixes(
        name: str, brackets: str, prefix: str) -> None:
    plain = normalise_name(name)
    assert normalise_name(prefix + brackets.format(name)) == plain
    assert normalise_name("".join(FULL_WIDTH.get(c, c) for c in name)) == plain
    assert normalise_name(" ".join(name)) == plain
    assert normalise_name(plain) == plain


@pytest.mark.parametrize(("text", "seconds"), [
    ("2026-05-01 08:03:04", 1777622584), ("2026/5/1 8:03:04", 1777622584),
    ("2026年5月1日 8:03:04", 1777622584), ("2026-05-01T08:03:04Z", 1777622584),
    ("2026-05-01 08:03", 1777622580), ("2026-13-01 08:03", None), ("昨天", None)])
def test_vote_times(text: str, seconds: int | None) -> None:
    assert parse_time(text) == seconds


@pytest.mark.parametrize("first_line", ["", "sep=,\r\n"])
def test_row_numbers_are_the_files_with_titles_blank_lines_and_ragged_rows(
        services: Services, campaign: CampaignInfo, ids: Ids, tmp_path: Path,
        first_line: str) -> None:
    text = (f"{first_line}2026年度投票导出\r\n\r\n投票时间,用户ID,选项\r\n"
            "2026-05-01 08:00:01,u1,李四\r\n"
            "\r\n"
            '"2026-05-01 08:00:02",u2,"王芳"\r\n'
            '2026-05-01 08:00:03,u3,"李四\n王芳",extra,cells\r\n'
            "昨天,u4,李四\r\n")
    path = tmp_path / "ragged.csv"
    path.write_bytes(text.encode("utf-8-sig"))
    preview = services.online.preview(campaign.id, path, "平台A")
    assert codes(preview.errors) == ["online_bad_time"]
    assert preview.errors[0].params["row"] == 8 + bool(first_line)
    assert preview.rows == 4
    assert preview.totals == {ids[STANDARD, 2]: 3, ids[STANDARD, 3]: 2}


def test_an_unknown_option_is_reported_at_its_first_row(
        services: Services, campaign: CampaignInfo, ids: Ids, tmp_path: Path) -> None:
    path = write_csv(tmp_path / "v.csv", [
        ["投票时间", "选项"], ["2026-05-01 08:00:01", "李四"],
        ["2026-05-01 08:00:02", "李四|无名氏"], ["2026-05-01 08:00:03", "无名氏"]])
    problem = services.online.preview(campaign.id, path, "平台A").errors[0]
    assert (problem.code, problem.params["row"], problem.params["count"]) == (
        "online_unknown_option", 3, 2)


@pytest.mark.both_backends
def test_over_long_cells_of_flagged_rows_are_kept_cut_to_their_columns(
        services: Services, campaign: CampaignInfo, ids: Ids, tmp_path: Path) -> None:
    """PostgreSQL refuses text longer than its column (SQLite keeps it): the evidence of a
    flagged row is stored cut to the column's length, and the import goes through."""
    services.online.set_source(campaign.id, "平台A", FraudRules(voter_limit=1,
                                                                 voter_limit_period="total"))
    voter, address, when = "用" * 250, "1" * 100, "2026-05-01 08:00:00.123456789012345678901234"
    path = write_csv(tmp_path / "long.csv", [
        ["用户ID", "IP", "投票时间", "选项"], [voter, address, when, "李四"],
        [voter, address, when, "王芳"]])
    preview = services.online.preview(campaign.id, path, "平台A")
    assert preview.flags, [m.text("en") for m in preview.messages]
    services.online.commit(preview)
    (row, *_) = flagged(services.db, campaign.id, "平台A")
    assert (row.voter, row.ip, row.time) == (voter[:200], address[:64], when[:40])
