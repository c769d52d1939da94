"""The combination on real scans, online files and expert scores, against hand-computed numbers
(see tests/results/test_results_common.py for what went in)."""

from __future__ import annotations

from fractions import Fraction as F  # noqa: N817 - hand computations stay readable
from pathlib import Path

import pytest
from sqlalchemy import select

from ballotformat.messages import RuleError
from desktop.core.registry.service import CampaignInfo
from desktop.core.results.combine import CombinationRule, Method, Normalise, OnlineCount
from desktop.core.results.types import CampaignResults, CategoryResult, parse_weights
from desktop.core.services import Services
from desktop.core.store.models import AuditEntry
from tests.ballot_files import BRANDS, STAFF, WINDOWS
from tests.results.test_results_common import counted, record, set_winners, settle_overvote

__all__ = ["counted"]
WEIGHTS = parse_weights("online=40,paper=30,expert=30")
#: The rule that counts flagged online votes, which the default leaves out.
EXPORTED = CombinationRule(online=OnlineCount.EXPORTED)


def category(results: CampaignResults, name: str) -> CategoryResult:
    return next(c for c in results.categories if c.name == name)


def scores(result: CategoryResult, count: int = 3) -> list[tuple[str, F, int, bool]]:
    return [(c.number, c.combined, c.rank, c.winner) for c in result.candidates[:count]]


def audit_actions(services: Services) -> list[str]:
    with services.db.transaction() as s:
        return list(s.scalars(select(AuditEntry.action).order_by(AuditEntry.id)))


def test_paper_figures_equal_what_was_ticked(services: Services, counted: CampaignInfo) -> None:
    services.results.set_rule(counted.id, EXPORTED)  # no tie at the brands' cut-off then
    results = services.results.compute(counted.id)
    windows, staff, brands = (category(results, n) for n in (WINDOWS, STAFF, BRANDS))
    assert {c.number: c.paper for c in windows.candidates if c.paper} == {
        "02": 3, "01": 2, "03": 2, **{f"{n:02d}": 1 for n in range(4, 11)}}
    assert {c.number: c.paper for c in staff.candidates if c.paper} == {"05": 2, "40": 1, "44": 1}
    assert (windows.valid, windows.void, windows.pending, brands.blank) == (3, 0, 0, 1)
    assert results.ballots == 3
    assert [(b.ballots, b.sheets) for b in results.boxes] == [(3, 6)]
    assert not results.provisional
    # Only the shortlist is ranked: the demo has 46 shortlisted candidates per category.
    assert len(brands.candidates) == 46
    assert [c.number for c in windows.winner_list] == ["02", "01", "03"]
    assert [c.rank for c in windows.candidates[:4]] == [1, 2, 2, 4]
    tied_inside = [c for c in windows.candidates if c.number in ("01", "03")]
    assert all(c.tie and not c.cutoff_tie for c in tied_inside), "a tie inside needs no decision"


def test_flagged_votes_are_left_out_by_default_and_what_they_decide_is_marked(
        services: Services, counted: CampaignInfo) -> None:
    """平台B's one flagged vote for brand 12 decides its seat: left out (the default) 10 and 12
    tie at the cut-off; counted, 12 wins. Both ways, 10 and 12 are marked; 11 wins anyway."""
    results = services.results.compute(counted.id)
    assert results.rule.rule.online is OnlineCount.UNFLAGGED
    brands = category(results, BRANDS)
    assert scores(brands) == [("11", F(21), 1, True), ("10", F(8), 2, False),
                              ("12", F(8), 2, False)]
    assert (brands.cutoff_tie, brands.seats, brands.undecided_tie) == (("10", "12"), 1, True)
    assert results.provisional, "an undecided tie at the cut-off keeps the results provisional"
    assert "剔除被标记的可疑票" in results.formula_zh
    assert "without the votes the fraud checks flagged" in results.formula_en
    assert [c.number for c in brands.candidates if c.flag_dependent] == ["10", "12"]
    assert not any(c.flag_dependent for name in (WINDOWS, STAFF)
                   for c in category(results, name).candidates)

    services.results.set_rule(counted.id, EXPORTED)
    brands = category(services.results.compute(counted.id), BRANDS)
    assert scores(brands) == [("11", F(21), 1, True), ("12", F(9), 2, True),
                              ("10", F(8), 3, False)]
    top = brands.candidates[0]
    assert (dict(top.online), top.paper, top.expert) == ({"平台A": 20, "平台B": 0}, 1, F(70))
    assert brands.candidates[1].online_both == {"平台A": (7, 7), "平台B": (2, 1)}
    assert [c.number for c in brands.candidates if c.flag_dependent] == ["12", "10"]


def test_a_tie_at_the_cut_off_is_decided_and_a_newer_decision_replaces_it(
        services: Services, counted: CampaignInfo) -> None:
    service = services.results
    service.set_rule(counted.id, CombinationRule(online=OnlineCount.UNFLAGGED))
    with pytest.raises(RuleError) as refused:
        service.decide_tie(counted.id, BRANDS, ["10", "11"], "")
    assert [m.code for m in refused.value.messages] == [
        "results_not_tied", "results_tie_seats", "results_tie_needs_note"]
    with pytest.raises(RuleError) as refused:
        service.decide_tie(counted.id, STAFF, ["05"], "无并列")
    assert refused.value.messages[0].code == "results_no_tie"

    decision = service.decide_tie(counted.id, BRANDS, ["10"], "评选领导小组会议决定（纪要第3号）")
    assert (decision.tied, decision.winners, decision.decided_by) == (("10", "12"), ("10",),
                                                                     "测试员")
    results = service.compute(counted.id)
    brands = category(results, BRANDS)
    assert [c.number for c in brands.winner_list] == ["11", "10"]
    assert brands.tie_decision == decision
    assert not results.provisional
    service.decide_tie(counted.id, BRANDS, [12], "复议后改定")
    assert [c.number for c in category(service.compute(counted.id), BRANDS).winner_list] == [
        "11", "12"]
    assert audit_actions(services).count("tie.decide") == 2

    # The decision holds for the tie it decided only: another tie needs another decision.
    service.set_rule(counted.id, EXPORTED)
    assert category(service.compute(counted.id), BRANDS).tie_decision is None


@pytest.mark.parametrize(("normalise", "expected"), [
    # 30 × paper/top + 40 × online/top + 30 × expert/top (tops: 2, 20, 90)
    (Normalise.TOP, {"11": F(30, 2) + 40 + F(30 * 70, 90),
                     "10": 30 + F(40 * 6, 20) + F(30 * 85, 90),
                     "12": F(40 * 9, 20) + 30}),
    # … / totals (3, 35, 245)
    (Normalise.TOTAL, {"11": F(30, 3) + F(40 * 20, 35) + F(30 * 70, 245),
                       "10": F(30 * 2, 3) + F(40 * 6, 35) + F(30 * 85, 245),
                       "12": F(40 * 9, 35) + F(30 * 90, 245)}),
])
def test_weighted_scores_with_each_normalisation(
        services: Services, counted: CampaignInfo, normalise: Normalise,
        expected: dict[str, F]) -> None:
    services.results.set_rule(counted.id, CombinationRule(
        Method.WEIGHTED, OnlineCount.EXPORTED, normalise, WEIGHTS))
    results = services.results.compute(counted.id)
    brands = category(results, BRANDS)
    assert {c.number: c.combined for c in brands.candidates[:3]} == expected
    assert [c.number for c in brands.winner_list] == ["11", "10"]
    assert brands.candidates[3].combined == 0
    assert ("本奖项该项最高值" if normalise is Normalise.TOP else "本奖项该项总和") in \
        results.formula_zh
    assert "40 × 网络投票得票" in results.formula_zh
    windows = category(results, WINDOWS)
    # No online or expert figures: only paper's 30 × 3 / top 3, or × 3 / total 14.
    assert windows.candidates[0].combined == (30 if normalise is Normalise.TOP else F(90, 14))


def test_online_sources_weighted_apart(services: Services, counted: CampaignInfo) -> None:
    services.results.set_rule(counted.id, CombinationRule(
        Method.WEIGHTED, OnlineCount.EXPORTED,
        weights=parse_weights("online:平台A=50,online:平台B=50")))
    brands = category(services.results.compute(counted.id), BRANDS)
    # 平台A top 20, 平台B top 2 (12): 12 = 50 × 7/20 + 50 × 2/2
    assert {c.number: c.combined for c in brands.candidates[:3]} == {
        "12": F(50 * 7, 20) + 50, "11": F(50), "10": F(50 * 5, 20) + F(50, 2)}


def test_rules_are_checked_stored_and_audited(services: Services,
                                             counted: CampaignInfo) -> None:
    service = services.results
    assert service.rule(counted.id).set_by is None, "the default until someone sets it"
    bad = [("paper=0", ["results_no_weights"]),
           ("paper=30,votes=10", ["results_unknown_channel"]),
           ("online=10,online:平台A=10", ["results_online_twice"]),
           ("online:平台X=10", ["results_unknown_source"]),
           ("paper=10,paper=20", ["results_weight_twice"]),
           ("paper=-1,online=3", ["results_bad_weight"])]
    for text, codes in bad:
        with pytest.raises(RuleError) as refused:
            service.set_rule(counted.id, CombinationRule(Method.WEIGHTED,
                                                         weights=parse_weights(text)))
        assert [m.code for m in refused.value.messages] == codes, text
    with pytest.raises(RuleError):
        parse_weights("paper:30")
    rule = CombinationRule(Method.WEIGHTED, OnlineCount.UNFLAGGED, Normalise.TOTAL, WEIGHTS)
    stored = service.set_rule(counted.id, rule)
    assert (stored.rule, stored.set_by) == (rule, "测试员")
    assert audit_actions(services)[-1] == "result_rule.set"


def test_pending_ballots_are_reported_and_make_the_results_provisional(
        services: Services, demo: CampaignInfo, scans: list[Path]) -> None:
    record(services, scans)
    set_winners(services, demo.id, {WINDOWS: 3, STAFF: 3, BRANDS: 2})
    results = services.results.compute(demo.id)
    windows = category(results, WINDOWS)
    assert (windows.pending, windows.valid, results.pending) == (1, 2, 1)
    assert windows.provisional
    assert results.provisional
    assert not category(results, BRANDS).provisional
    settle_overvote(services, demo.id)
    assert not services.results.compute(demo.id).provisional
