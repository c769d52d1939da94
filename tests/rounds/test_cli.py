"""``ballotdesk round|channel|decision`` and ``box --channel`` on both backends: the seed-003
flow from the command line, the decided statuses in the registry's list and export."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from desktop.core.services import Services
from tests.conftest import Cli
from tests.rounds.conftest import ADVANCING, SHORTLIST, TIED_CATEGORY, WINNERS, Seed

pytestmark = pytest.mark.both_backends


def numbers(first: int, last: int) -> list[str]:
    return [f"{n:02d}" for n in range(first, last + 1)]


def test_rounds_channels_and_the_decision_from_the_command_line(
        cli: Cli, services: Services, seed: Seed, tmp_path: Path) -> None:
    listed = cli.json("round", "list")
    assert [(r["position"], r["name"], r["status"]) for r in listed] == [
        (1, "公众及党代表投票", "open"), (2, "组织审定", "open")]
    assert listed[0]["advancing"] == {c.name: ADVANCING for c in seed.categories}
    assert "代表投票" in cli.ok("channel", "add", "代表投票", "--round", "1", "--kind",
                            "paper_delegates", "--weight", "0.3")
    cli.ok("channel", "add", "平台A", "--round", "公众及党代表投票", "--kind", "online")
    channels = cli.json("channel", "list", "--round", "1")
    assert [(c["name"], c["kind"], c["weight"]) for c in channels] == [
        ("群众投票", "paper_public", None), ("代表投票", "paper_delegates", 0.3),
        ("平台A", "online", None)]
    box = cli.json("box", "add", "县党代表投票箱", "--channel", "代表投票")
    assert box["channel_id"] == channels[1]["id"]
    assert cli("box", "channel", "县党代表投票箱", "平台A") == 1
    assert "不是纸质选票渠道" in cli.err
    assert "代表投票" in cli.ok("box", "list")
    assert cli("round", "add", "第三轮", "--advance", "十佳=x") == 1
    assert "不是“人数”或“奖项=人数”" in cli.err

    assert cli("round", "advance", "1") == 1
    assert "尚未结束" in cli.err and "尚未裁定" in cli.err
    cli.ok("round", "close", "1")
    tied = seed.categories[TIED_CATEGORY].name
    ranking = cli.json("round", "ranking", "1")
    assert (ranking[TIED_CATEGORY]["tied"], ranking[TIED_CATEGORY]["seats"]) == (["15", "16"], 1)
    assert "待决定：ballotdesk round tie" in cli.ok("round", "ranking", "1")
    cli.ok("round", "tie", "1", "--category", tied, "--advancing", "16", "--note", "抽签决定")
    advanced = cli.json("round", "advance", "1")
    assert advanced[tied] == [*numbers(1, 14), "16"]

    departing = seed.categories[0].name
    final = [arg for c in seed.categories for arg in (
        "--final", c.name, ",".join([*numbers(1, 9), "12"] if c.name == departing
                                    else numbers(1, WINNERS)))]
    meeting = ("--date", "2011-12-20", "--meeting", "领导小组第三次会议",
               "--attendees", "张书记，李部长")
    assert cli("decision", "record", *meeting, *final) == 1
    assert "须写明理由" in cli.err
    out = cli.ok("decision", "record", *meeting, *final,
                 "--reason", departing, "10", "公示期间收到实名举报，经核查属实",
                 "--reason", departing, "12", "递补")
    assert "偏离排名 2 处" in out
    shown = cli.json("decision", "show")
    assert shown["attendees"] == ["张书记", "李部长"]
    assert [(line["number"], line["chosen"], line["reason"]) for line in shown["lines"]
            if line["departure"]] == [("10", False, "公示期间收到实名举报，经核查属实"),
                                      ("12", True, "递补")]

    # The registry shows the outcome: the same JSON keys as before, new status values.
    candidates = cli.json("candidates", "list")
    assert {len(c) for c in candidates} == {len(candidates[0])}
    status = {(c["category"], c["number_text"]): c["status"] for c in candidates}
    assert status[(departing, "12")] == "winner"
    assert status[(departing, "10")] == "not_chosen"
    assert status[(tied, "15")] == "not_advanced"
    assert sorted(status.values()).count("not_advanced") == 3 * (SHORTLIST - ADVANCING)
    assert "入围未当选" in cli.ok("candidates", "list", "--category", departing)
    cli.ok("candidates", "export", str(tmp_path / "名单.csv"))
    with (tmp_path / "名单.csv").open(encoding="utf-8-sig", newline="") as handle:
        exported = list(csv.reader(handle))
    assert sum("入围未当选" in row for row in exported) == 3 * (ADVANCING - WINNERS)
    cli.ok("audit", "verify")  # exit 0: the chain and the counted data verify


def test_results_of_a_round_from_the_command_line(cli: Cli, seed: Seed, tmp_path: Path
                                                   ) -> None:
    cli.ok("channel", "add", "代表投票", "--round", "1", "--kind", "paper_delegates")
    first = cli.json("results", "--round", "1")
    assert first["round"] == {"position": 1, "name": "公众及党代表投票"}
    assert first["paper_channels"] == ["群众投票", "代表投票"]
    assert first["categories"][0]["candidates"][0]["paper_channels"] == {"群众投票": 0,
                                                                         "代表投票": 0}
    assert first["sources"] == ["平台A"], "a source no channel names counts in round 1"
    plain = cli.json("results")
    assert "round" not in plain and plain["sources"] == ["平台A"]
    out = cli.ok("results", "--round", "组织审定")
    assert "第 2 轮“组织审定”的结果" in out
    # The committee's round has no votes of its own: it shows those of the round that ranks it.
    committee = cli.json("results", "--round", "组织审定")
    assert committee["round"] == {"position": 2, "name": "组织审定"}
    assert (committee["sources"], committee["paper_channels"]) == (
        first["sources"], first["paper_channels"])
    assert cli("results", "--round", "9") == 1
    cli.ok("results", "--round", "1", "--csv", str(tmp_path / "第一轮.csv"))
    with (tmp_path / "第一轮.csv").open(encoding="utf-8-sig", newline="") as handle:
        header = next(csv.reader(handle))
    assert header[5:9] == ["纸质选票", "纸质选票（群众投票）", "纸质选票（代表投票）",
                           "网络投票（平台A）"]
    cli.ok("results", "--csv", str(tmp_path / "活动.csv"))
    with (tmp_path / "活动.csv").open(encoding="utf-8-sig", newline="") as handle:
        assert next(csv.reader(handle))[5:7] == ["纸质选票", "网络投票（平台A）"]

    cli.ok("channel", "add", "平台A", "--round", "1", "--kind", "online", "--weight", "0.5")
    assert "权重：0.2" in cli.ok("channel", "weight", "群众投票", "0.2", "--round", "1")
    cli.ok("channel", "weight", "代表投票", "0.3", "--round", "1")
    weighted = cli.json("results", "--round", "1")
    assert weighted["rule"]["weights"] == {"paper:群众投票": 0.2, "paper:代表投票": 0.3,
                                           "online:平台A": 0.5}
    assert weighted["warnings"] == [] and "纸质选票（代表投票）得票" in weighted["formula"]["zh_CN"]
    assert cli("channel", "weight", "代表投票", "-1", "--round", "1") == 1
    assert "渠道权重须为正数" in cli.err
    cli.ok("channel", "weight", "代表投票", "none", "--round", "1")
    assert cli.json("results", "--round", "1")["warnings"][0]["code"] == \
        "results_channel_unweighted"
