"""Expert scores: long and matrix files, entered scores, dropping extremes, gaps, the CLI."""

from __future__ import annotations

from pathlib import Path

import pytest

from ballotformat.messages import RuleError
from desktop.core.enums import CandidateStatus
from desktop.core.experts.service import DEFAULT_MAX_SCORE, RuleInForce, expert_results
from desktop.core.registry.service import CampaignInfo
from desktop.core.services import Services
from tests.conftest import Cli
from tests.online.test_online_common import (
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


def test_matrix_xlsx_and_averages_with_and_without_extremes(
        services: Services, campaign: CampaignInfo, ids: Ids, tmp_path: Path) -> None:
    path = write_xlsx(tmp_path / "专家评分.xlsx", [
        ["奖项", "编号", "名称", "王教授", "李主任", "赵老师"],
        [STANDARD, 1, "张三", 90, 80, 70], [STANDARD, 2, "李四", 60, 95.5, 85],
        [STANDARD, 3, "王芳", 88, 88, 88]])
    preview = services.experts.preview(campaign.id, path)
    assert preview.errors == []
    assert services.experts.commit(preview) == 9
    plain = expert_results(services.db, campaign.id)
    assert plain[ids[STANDARD, 1]].average == pytest.approx(80)
    assert not any(m.dropped for m in plain[ids[STANDARD, 2]].marks)
    services.experts.set_rule(campaign.id, drop_extremes=True)
    dropped = expert_results(services.db, campaign.id)[ids[STANDARD, 2]]
    assert dropped.average == 85
    assert [(m.expert, m.dropped) for m in dropped.marks] == [
        ("李主任", True), ("王教授", True), ("赵老师", False)]


def test_the_rule_in_force_inherits_the_campaigns_until_a_category_sets_its_own(
        services: Services, campaign: CampaignInfo, ids: Ids) -> None:
    category_id = services.candidates.get(ids[STANDARD, 1]).category_id
    assert services.experts.rule(campaign.id) == RuleInForce(DEFAULT_MAX_SCORE, False, False)
    services.experts.set_rule(campaign.id, max_score=10, drop_extremes=True)
    assert services.experts.rule(campaign.id, category_id) == RuleInForce(10, True, False)
    services.experts.set_rule(campaign.id, category_id, drop_extremes=False)
    assert services.experts.rule(campaign.id, category_id) == RuleInForce(10, False, True)
    services.experts.set_rule(campaign.id, category_id)  # back to inheriting: nothing of its own
    assert services.experts.rule(campaign.id, category_id) == RuleInForce(10, True, False)


def test_long_csv_gaps_and_range(services: Services, campaign: CampaignInfo, ids: Ids,
                                 tmp_path: Path) -> None:
    path = write_csv(tmp_path / "scores.csv", [
        ["专家", "奖项", "编号", "分数"], ["甲", WINDOW, "1", "90"], ["乙", WINDOW, "1", "80"],
        ["甲", WINDOW, "2", "70"]], "gbk")
    services.experts.commit(services.experts.preview(campaign.id, path))
    assert expert_results(services.db, campaign.id)[ids[WINDOW, 1]].average == 85
    on_ballot = [c.id for c in services.candidates.list(campaign.id)
                 if c.name != "【南岭】综合窗口"]  # not shortlisted: not on the ballot
    services.candidates.set_status(on_ballot, CandidateStatus.SHORTLISTED, "入围")
    gaps = services.experts.gaps(campaign.id)
    assert {(g.params["expert"], g.params["name"]) for g in gaps} == {
        ("乙", "西山镇政务服务窗口")}
    services.experts.set_rule(campaign.id, max_score=10)
    before = counts(services)
    bad = write_csv(tmp_path / "bad.csv", [
        ["专家", "奖项", "编号", "分数"], ["丙", WINDOW, "1", "11"], ["丙", WINDOW, "9", "5"],
        ["丙", WINDOW, "2", "五分"]])
    preview = services.experts.preview(campaign.id, bad)
    assert sorted(codes(preview.errors)) == ["expert_bad_score", "expert_bad_score",
                                            "expert_unknown_candidate"]
    with pytest.raises(RuleError):
        services.experts.commit(preview)
    assert counts(services) == before


def test_scores_entered_one_by_one(services: Services, campaign: CampaignInfo,
                                   ids: Ids) -> None:
    services.experts.set_scores(campaign.id, [(ids[WINDOW, 1], "甲", 77.5)])
    services.experts.set_scores(campaign.id, [(ids[WINDOW, 1], "甲", 78)])
    result = expert_results(services.db, campaign.id)[ids[WINDOW, 1]]
    assert [(m.expert, m.score) for m in result.marks] == [("甲", 78)]
    with pytest.raises(RuleError):
        services.experts.set_scores(campaign.id, [(ids[WINDOW, 1], "甲", -1)])


@pytest.mark.usefixtures("ids")
def test_cli(cli: Cli, tmp_path: Path) -> None:
    scores = write_csv(tmp_path / "s.csv", [["专家", "奖项", "编号", "分数"],
                                            ["甲", STANDARD, "1", "90"]])
    assert cli.json("experts", "import", str(scores))["imported"] == 1
    listed = cli.json("experts", "list")
    assert listed["candidates"][0]["average"] == 90
    assert "90" in cli.ok("experts", "list")
    votes = write_csv(tmp_path / "v.csv", [["投票时间", "用户ID", "投票对象"],
                                           ["2026-05-01 08:00:00", "u1", "李四"]])
    report = cli.json("online", "import", str(votes), "--source", "平台A")
    assert (report["rows"], report["fraud"]["votes"]) == (1, 1)
    assert cli("online", "import", str(votes), "--source", "平台A") == 1
    assert "未做任何更改" in cli.err
    assert cli.json("online", "list")["imports"][0]["votes"] == 1
    assert "平台A" in cli.ok("online", "list")
    assert cli.json("online", "report") == []
    mapping = tmp_path / "m.json"
    mapping.write_text('{"columns": {"投票对象": "choice:十佳优秀服务标兵"}}', encoding="utf-8")
    other = write_csv(tmp_path / "v2.csv", [["投票时间", "投票对象"],
                                            ["2026-05-01 08:00:00", "张三"]])
    assert cli.json("online", "import", str(other), "--source", "平台B", "--mapping",
                    str(mapping))["import_id"] == 2
    assert cli.ok("online", "withdraw", "2", "--note", "测试撤回")
