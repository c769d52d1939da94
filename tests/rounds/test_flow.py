"""The seed-003 flow on both backends: round 1 cut at 15 (a tie at the cut settled by a
recorded decision), round 2 decided by the leading group with one departure and its reason,
the candidates' statuses written back, the audit chain intact; the last test with paper
ballots of the public and the delegates read through the pipeline."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from ballotformat.messages import RuleError
from desktop.core.audit import AuditLog
from desktop.core.enums import CandidateStatus, ChannelKind, RoundStatus
from desktop.core.records.recording import Recorder
from desktop.core.records.scanjob import scan_paths
from desktop.core.services import Services
from tests.ballot_files import fill_in, print_and_rasterize, save_scans
from tests.rounds.conftest import ADVANCING, SHORTLIST, TIED_CATEGORY, WINNERS, Seed

pytestmark = pytest.mark.both_backends

MEETING = "县委创先争优活动领导小组第三次会议"
ATTENDEES = ("张书记", "李部长", "王主任")
DAY = dt.date(2011, 12, 20)


def codes(raised: pytest.ExceptionInfo[RuleError]) -> list[str]:
    return [m.code for m in raised.value.messages]


def numbers(first: int, last: int) -> tuple[str, ...]:
    return tuple(f"{n:02d}" for n in range(first, last + 1))


def test_channels_and_boxes_of_round_one(services: Services, seed: Seed) -> None:
    rounds = services.rounds
    online = rounds.add_channel(seed.round1, ChannelKind.ONLINE, "网络投票", weight=0.5,
                                source="平台A")
    delegates = rounds.add_channel(seed.round1, ChannelKind.PAPER_DELEGATES, "代表投票",
                                   weight=0.3)
    box = services.boxes.add_box(seed.campaign.id, "县党代表投票箱", channel_id=delegates.id)
    public = services.boxes.add_box(seed.campaign.id, "东湖社区服务中心 1号箱")
    assert [(c.kind, c.name, c.weight) for c in rounds.channels(seed.round1)] == [
        (ChannelKind.PAPER_PUBLIC, "群众投票", None), (ChannelKind.ONLINE, "网络投票", 0.5),
        (ChannelKind.PAPER_DELEGATES, "代表投票", 0.3)]
    assert online.source_id == services.online.sources(seed.campaign.id)[0].id
    assert box.channel_id == delegates.id
    assert public.channel_id == rounds.channels(seed.round1)[0].id
    with pytest.raises(RuleError) as refused:
        rounds.set_box_channel(box.id, online.id)
    assert codes(refused) == ["channel_not_paper"]
    with pytest.raises(RuleError) as refused:
        rounds.add_channel(seed.round1, ChannelKind.ONLINE, "平台C", weight=0)
    assert codes(refused) == ["channel_bad_weight", "channel_needs_source"]


def test_round_one_advances_15_per_category_once_the_tie_at_the_cut_is_decided(
        services: Services, seed: Seed) -> None:
    rounds = services.rounds
    with pytest.raises(RuleError) as refused:
        rounds.advance(seed.round1)
    assert codes(refused) == ["round_not_closed", "round_tie_open"]
    assert rounds.close_round(seed.round1).status is RoundStatus.CLOSED
    cuts = rounds.ranking(seed.round1)
    assert [c.count for c in cuts] == [ADVANCING] * 3
    tied = cuts[TIED_CATEGORY]
    assert (tied.cut.tied, tied.cut.seats, tied.cut.undecided_tie) == (("15", "16"), 1, True)
    assert [c.cut.through for i, c in enumerate(cuts) if i != TIED_CATEGORY] == [
        numbers(1, ADVANCING)] * 2
    with pytest.raises(RuleError) as refused:
        rounds.decide_tie(seed.round1, tied.category, ["14"], "")
    assert codes(refused) == ["round_not_tied", "results_tie_needs_note"]
    rounds.decide_tie(seed.round1, tied.category, ["16"], "领导小组会议抽签决定")
    advanced = rounds.advance(seed.round1)
    assert advanced[tied.category] == (*numbers(1, 14), "16")
    assert [len(v) for v in advanced.values()] == [ADVANCING] * 3
    (first, second) = rounds.list_rounds(seed.campaign.id)
    assert (first.candidates, second.candidates) == (3 * SHORTLIST, 3 * ADVANCING)
    with pytest.raises(RuleError) as refused:
        rounds.advance(seed.round1)
    assert codes(refused) == ["round_already_advanced"]
    # Round 2 ranks its own 15 and is cut at the category's winners.
    final = rounds.ranking(seed.round2)
    assert [c.count for c in final] == [WINNERS] * 3
    assert [s.number for s in final[TIED_CATEGORY].ranking] == [*numbers(1, 14), "16"]
    assert final[TIED_CATEGORY].ranking[-1].rank == ADVANCING


def test_the_committee_departs_once_with_its_reason_and_statuses_follow(
        services: Services, seed: Seed) -> None:
    rounds = services.rounds
    rounds.close_round(seed.round1)
    tied_name = seed.categories[TIED_CATEGORY].name
    rounds.decide_tie(seed.round1, tied_name, ["16"], "领导小组会议抽签决定")
    rounds.advance(seed.round1)
    departing = seed.categories[0].name
    # The first category takes 12 instead of 10: one departure, two lines that need reasons.
    final = {c.name: numbers(1, WINNERS) for c in seed.categories}
    final[departing] = (*numbers(1, 9), "12")
    with pytest.raises(RuleError) as refused:
        services.decisions.record(seed.round2, DAY, MEETING, ATTENDEES, final)
    assert codes(refused) == ["decision_reason_left_out", "decision_reason_chosen"]
    with pytest.raises(RuleError) as refused:
        services.decisions.record(seed.round1, DAY, MEETING, ATTENDEES, final, {
            (departing, "10"): "公示期间收到实名举报，经核查属实",
            (departing, "12"): "递补第 10 名"})
    assert codes(refused) == ["round_not_last"]
    reasons = {(departing, "10"): "公示期间收到实名举报，经核查属实",
               (departing, "12"): "递补第 10 名"}
    decision = services.decisions.record(seed.round2, DAY, MEETING, ATTENDEES, final, reasons)
    assert decision.final(departing) == (*numbers(1, 9), "12")
    assert [(line.number, line.rank, line.chosen, line.reason) for line in decision.lines
            if line.departure] == [("10", 10, False, reasons[(departing, "10")]),
                                   ("12", 12, True, reasons[(departing, "12")])]
    assert services.decisions.newest(seed.round2) == decision
    statuses = {(c.category, c.number_text): c.status
                for c in services.candidates.list(seed.campaign.id)}
    assert statuses[(departing, "12")] is CandidateStatus.WINNER
    assert statuses[(departing, "10")] is CandidateStatus.NOT_CHOSEN
    assert statuses[(tied_name, "15")] is CandidateStatus.NOT_ADVANCED
    assert statuses[(tied_name, "16")] is CandidateStatus.NOT_CHOSEN
    counts: dict[CandidateStatus, int] = {}
    for status in statuses.values():
        counts[status] = counts.get(status, 0) + 1
    assert counts == {CandidateStatus.WINNER: 3 * WINNERS,
                      CandidateStatus.NOT_CHOSEN: 3 * (ADVANCING - WINNERS),
                      CandidateStatus.NOT_ADVANCED: 3 * (SHORTLIST - ADVANCING)}
    # The ranking the decision rested on is unchanged by the statuses written back.
    assert [s.number for s in rounds.ranking(seed.round2)[0].ranking] == list(
        numbers(1, ADVANCING))
    log = AuditLog(services.db)
    result = log.verify()
    assert result.ok, [m.text("en") for m in result.problems()]
    (entry,) = [e for e in log.entries() if e.action == "decision.record"]
    assert entry.after is not None
    assert entry.after["meeting"] == MEETING
    assert entry.after["statuses"][str(_id(services, seed, departing, "12"))] == "winner"
    assert set(entry.after["digests"]) == {"committee_decision", "candidate"}
    # A decided candidate deleted afterwards takes its line with it, on the chain.
    services.candidates.delete([_id(services, seed, departing, "13")])
    assert len(services.decisions.newest(seed.round2).lines) == 3 * ADVANCING - 1  # type: ignore[union-attr]
    after = log.verify()
    assert after.ok, [m.text("en") for m in after.problems()]


def _id(services: Services, seed: Seed, category: str, number: str) -> int:
    return next(c.id for c in services.candidates.list(seed.campaign.id)
                if c.category == category and c.number_text == number)


def test_the_seed_flow_with_public_and_delegates_paper_ballots(
        services: Services, seed: Seed, tmp_path: Path) -> None:
    """Round 1 votes on paper in a public box and the delegates' box beside the online export;
    the tie at 15 stands; a round-1 ballot arriving after the round closed is filed, not
    counted; the cut, the advance and the committee's one departure go as on online votes."""
    campaign, rounds = seed.campaign.id, services.rounds
    delegates = rounds.add_channel(seed.round1, ChannelKind.PAPER_DELEGATES, "代表投票")
    public_box = services.boxes.add_box(campaign, "东湖社区服务中心 1号箱")
    delegates_box = services.boxes.add_box(campaign, "县党代表投票箱", channel_id=delegates.id)
    ticks = {"public": {c.name: ["01", "02"] for c in seed.categories},
             "delegates": {c.name: ["01"] for c in seed.categories}}
    recorder = Recorder(services.db, services.actor, station="站点一")
    scans: list[Path] = []
    late: list[Path] = []
    for box, who in ((public_box, "public"), (delegates_box, "delegates")):
        _batch, layout, ballots = print_and_rasterize(services, campaign, box.id, 2, tmp_path)
        scans += save_scans(fill_in(layout, ballots[0], ticks[who]), tmp_path / "scans", who)
        if who == "public":
            late = save_scans(fill_in(layout, ballots[1], ticks[who]), tmp_path / "late", who)
    assert all(o.recorded for o in scan_paths(recorder, scans, workers=1))

    first = services.results.compute(campaign, seed.round1)
    assert first.ballots == 2 and first.sources == ("平台A",)
    top = first.categories[0].candidates[0]
    assert (top.number, dict(top.paper_channels), top.paper) == (
        "01", {"群众投票": 1, "代表投票": 1}, 2)
    rounds.close_round(seed.round1)
    refused = list(scan_paths(recorder, late, workers=1))
    assert [(o.recorded, o.message.code) for o in refused] == [
        (False, "sheet_past_round_now")] * len(late)
    assert services.results.compute(campaign, seed.round1).ballots == 2

    cuts = rounds.ranking(seed.round1)
    assert (cuts[TIED_CATEGORY].cut.tied, cuts[TIED_CATEGORY].cut.seats) == (("15", "16"), 1)
    rounds.decide_tie(seed.round1, cuts[TIED_CATEGORY].category, ["16"], "领导小组会议抽签决定")
    assert [len(v) for v in rounds.advance(seed.round1).values()] == [ADVANCING] * 3
    departing = seed.categories[0].name
    final = {c.name: numbers(1, WINNERS) for c in seed.categories}
    final[departing] = (*numbers(1, 9), "12")
    decision = services.decisions.record(seed.round2, DAY, MEETING, ATTENDEES, final, {
        (departing, "10"): "公示期间收到实名举报，经核查属实", (departing, "12"): "递补第 10 名"})
    assert [line.number for line in decision.lines if line.departure] == ["10", "12"]
    assert AuditLog(services.db).verify().ok
