"""``ballotdesk results``: JSON, the .xlsx and .csv files (equal to the JSON), rule and tie."""

from __future__ import annotations

import csv
from pathlib import Path
from typing import Any

import openpyxl

from desktop.core.registry.service import CampaignInfo
from desktop.core.services import Services
from tests.ballot_files import BRANDS, WINDOWS
from tests.conftest import Cli
from tests.results.test_results_common import counted

__all__ = ["counted"]


def json_rows(data: dict[str, Any]) -> list[list[str]]:
    """The file table as the JSON has it (every value as text)."""
    rows = []
    for category in data["categories"]:
        for c in category["candidates"]:
            rows.append([category["name"], str(c["rank"]), c["number"], c["name"], c["unit"],
                         str(c["paper"]), *(str(c["online"][s]) for s in data["sources"]),
                         c["expert_text"], c["combined_text"], "是" if c["winner"] else "",
                         "是" if c["tie"] else "", "是" if c["cutoff_tie"] else "",
                         "是" if c["flag_dependent"] else ""])
    return rows


def test_files_hold_the_same_numbers_as_the_json(counted: CampaignInfo, cli: Cli,
                                                 tmp_path: Path) -> None:
    cli.ok("results", "rule", "--weights", "paper=30,online=40,expert=30", "--normalise",
           "total", "--online-votes", "unflagged")
    data = cli.json("results", "--xlsx", str(tmp_path / "r.xlsx"), "--csv",
                    str(tmp_path / "r.csv"))
    assert data["rule"]["weights"] == {"paper": 30.0, "online": 40.0, "expert": 30.0}
    assert (data["rule"]["normalise"], data["rule"]["online_votes"]) == ("total", "unflagged")
    expected = json_rows(data)
    with (tmp_path / "r.csv").open(encoding="utf-8-sig", newline="") as handle:
        table = list(csv.reader(handle))
    assert table[0][:6] == ["奖项", "排名", "编号", "名称", "推荐单位", "纸质选票"]
    assert table[0][6:8] == ["网络投票（平台A）", "网络投票（平台B）"]
    assert table[1:] == expected
    assert (tmp_path / "r.csv").read_bytes().startswith(b"\xef\xbb\xbf")
    book = openpyxl.load_workbook(tmp_path / "r.xlsx")
    sheet = book["结果"]
    assert [[shown(cell) for cell in row] for row in sheet.iter_rows(min_row=2)] == expected
    # Figures are numbers a spreadsheet can sum and sort, shown with the notice's decimals.
    figures = {"排名": "0", "纸质选票": "0", "网络投票（平台A）": "0", "网络投票（平台B）": "0",
               "专家平均分": "0.00", "综合得分": "0.00"}
    by_header = dict(zip(table[0], zip(*sheet.iter_rows(min_row=2), strict=True), strict=True))
    for header, cells in by_header.items():
        filled = [cell for cell in cells if cell.value is not None]
        if header in figures:
            assert all(isinstance(cell.value, int | float) for cell in filled), header
            assert {cell.number_format for cell in filled} == {figures[header]}, header
        else:
            assert all(cell.data_type == "s" for cell in filled), header
    assert any(cell.value % 1 for cell in by_header["综合得分"])  # fractions kept, not "79.00"
    assert sheet.freeze_panes == "A2"
    widths = [sheet.column_dimensions[letter].width for letter in "ABCDEFGHIJKLM"]
    assert all(w >= 6 for w in widths) and widths[3] >= 16  # the name column is wide
    about = book["说明"]
    assert about["B3"].value == data["formula"]["zh_CN"]
    assert about.column_dimensions["B"].width >= 40


def shown(cell: Any) -> str:
    """A cell as a spreadsheet shows it (its value through its number format)."""
    if cell.value is None:
        return ""
    if isinstance(cell.value, int | float) and cell.number_format.startswith("0."):
        return f"{cell.value:.{len(cell.number_format) - 2}f}"
    return str(cell.value)


def test_the_commands_show_set_and_decide(services: Services, counted: CampaignInfo,
                                          cli: Cli) -> None:
    assert "默认规则" in cli.ok("results", "rule")
    cli.ok("results", "rule", "--online-votes", "exported")
    data = cli.json("results")
    brands = next(c for c in data["categories"] if c["name"] == BRANDS)
    assert [(c["number"], c["combined_text"], c["winner"], c["flag_dependent"])
            for c in brands["candidates"][:3]] == [
        ("11", "21", True, False), ("12", "9", True, True), ("10", "8", False, True)]
    assert data["pending"] == 0
    assert "plain" not in data["formula"]["en"]

    cli.ok("results", "rule", "--online-votes", "unflagged")
    out = cli.ok("results")
    assert "当选线并列：10、12，需选 1 名" in out
    assert cli("results", "tie", "--category", BRANDS, "--winners", "10,11", "--note", "x") == 1
    assert "不在当选线上的并列名单" in cli.err
    cli.ok("results", "tie", "--category", BRANDS, "--winners", "12", "--note", "会议纪要")
    data = cli.json("results")
    brands = next(c for c in data["categories"] if c["name"] == BRANDS)
    assert brands["tie_decision"]["winners"] == ["12"]
    assert [c["number"] for c in brands["candidates"] if c["winner"]] == ["11", "12"]
    assert not data["provisional"]

    assert cli("results", "rule", "--weights", "paper=30,nope=3") == 1
    assert "无法识别的渠道" in cli.err
    en = cli.ok("--lang", "en", "results", "rule", "--sum")
    assert en.startswith("Combined = paper votes + online votes")
    windows = next(c for c in cli.json("results")["categories"] if c["name"] == WINDOWS)
    assert windows["boxes"][0]["valid"] == 3
