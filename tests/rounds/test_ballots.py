"""The round on the ballot: a round's layout says its round, a delegates' ballot says 代表投票 in
its header, and a ballot of a round that is over is filed, never counted, with a message saying
so. Real printed PDFs, rasterized, ticked and read through the real pipeline."""

from __future__ import annotations

import csv
import json
import shutil
import subprocess
from fractions import Fraction
from pathlib import Path

import pytest
from sqlalchemy import select

from ballotformat import Layout
from desktop.core.enums import ChannelKind
from desktop.core.printing import PrintOptions
from desktop.core.records.recording import Recorder
from desktop.core.records.scanjob import scan_paths
from desktop.core.results import CastVoteRecord, Method, results_json
from desktop.core.results.tally import paper_tally
from desktop.core.services import Services
from desktop.core.store.models import Sheet
from scanning.reasons import Reason, Status
from tests.ballot_files import fill_in, print_and_rasterize, save_scans
from tests.rounds.conftest import ADVANCING, TIED_CATEGORY, Seed

pytestmark = pytest.mark.both_backends


def pdf_text(pdf: Path) -> str:
    """The words of a printed PDF, as poppler extracts them (the font's ToUnicode map)."""
    return subprocess.run(["pdftotext", "-enc", "UTF-8", str(pdf), "-"], check=True,
                          capture_output=True, text=True).stdout


def test_a_first_round_layout_is_as_before_rounds_and_old_layouts_read_as_round_one(
        services: Services, seed: Seed, tmp_path: Path) -> None:
    box = services.boxes.add_box(seed.campaign.id, "东湖社区服务中心 1号箱")
    batch = services.printing.print_batch(seed.campaign.id, box.id, 1, tmp_path / "b.pdf",
                                          PrintOptions())
    stored = services.printing.stored_layout(seed.campaign.id, batch.layout_version)
    assert stored is not None and stored.round == 1
    data = json.loads(stored.to_json())
    assert "round" not in data, "a first round's layout JSON is what it always was"
    data["round"] = 2
    assert Layout.from_json(json.dumps(data)).round == 2
    assert Layout.from_json(json.dumps(data)).fingerprint != stored.fingerprint
    assert "第 1 轮" not in pdf_text(tmp_path / "b.pdf")


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="needs poppler-utils")
def test_round_two_ballots_say_their_round_and_a_round_one_ballot_is_not_counted_in_round_two(
        services: Services, seed: Seed, tmp_path: Path) -> None:
    campaign, rounds = seed.campaign.id, services.rounds
    delegates = rounds.add_channel(seed.round1, ChannelKind.PAPER_DELEGATES, "代表投票")
    public_box = services.boxes.add_box(campaign, "东湖社区服务中心 1号箱")
    delegates_box = services.boxes.add_box(campaign, "县党代表投票箱", channel_id=delegates.id)
    window = seed.categories[0].name
    _b1, layout1, public_ballots = print_and_rasterize(services, campaign, public_box.id, 2,
                                                       tmp_path / "r1")
    _b2, _l2, delegate_ballots = print_and_rasterize(services, campaign, delegates_box.id, 1,
                                                     tmp_path / "r1d")
    assert "代表投票 · 投票箱：县党代表投票箱" in pdf_text(
        tmp_path / "r1d" / f"batch-{delegates_box.id}-1.pdf")
    assert "代表投票" not in pdf_text(tmp_path / "r1" / f"batch-{public_box.id}-2.pdf")
    recorder = Recorder(services.db, services.actor, station="站点一")
    first = save_scans(fill_in(layout1, public_ballots[0], {window: ["01", "02"]}),
                       tmp_path / "scans", "r1-a")
    first += save_scans(fill_in(layout1, delegate_ballots[0], {window: ["03"]}),
                        tmp_path / "scans", "r1-d")
    assert all(o.recorded for o in scan_paths(recorder, first, workers=1))
    late = save_scans(fill_in(layout1, public_ballots[1], {window: ["01"]}),
                      tmp_path / "late", "r1-b")

    rounds.close_round(seed.round1)
    tied = rounds.ranking(seed.round1)[TIED_CATEGORY]
    rounds.decide_tie(seed.round1, tied.category, [tied.cut.tied[0]], "抽签决定")
    rounds.advance(seed.round1)
    panel = rounds.add_channel(seed.round2, ChannelKind.PAPER_PUBLIC, "评审组投票")
    panel_box = services.boxes.add_box(campaign, "评审组投票箱", channel_id=panel.id)
    batch2, layout2, panel_ballots = print_and_rasterize(services, campaign, panel_box.id, 1,
                                                         tmp_path / "r2")
    assert layout2.round == 2 and batch2.layout_version == 2
    assert {t.candidate for p in layout2.pages for t in p.targets
            if t.category == window} == {f"{n:02d}" for n in range(1, ADVANCING + 1)}
    assert "第 2 轮 · 投票箱：评审组投票箱" in pdf_text(
        tmp_path / "r2" / f"batch-{panel_box.id}-1.pdf")

    second = save_scans(fill_in(layout2, panel_ballots[0], {window: ["01", "05"]}),
                        tmp_path / "r2scans", "r2-a")
    outcomes = list(scan_paths(recorder, [*late, *second], workers=1))
    refused, counted = outcomes[:len(late)], outcomes[len(late):]
    assert all(o.recorded for o in counted)
    for outcome in refused:
        assert not outcome.recorded and outcome.box_id == public_box.id
        assert outcome.result.status is Status.REJECTED
        assert Reason.PAST_ROUND in outcome.result.reasons
        assert outcome.message.code == "sheet_past_round_now"
        assert "现为第 2 轮“组织审定”" in outcome.message.text("zh_CN")
        assert "not counted in round 2" in outcome.message.text("en")
    with services.db.transaction() as s:
        filed = s.scalars(select(Sheet).where(Sheet.source.in_([str(p) for p in late]))).all()
        assert len(filed) == len(late), "the refused pages are filed with their images"
        assert all(sheet.counted_key is None and sheet.archive_path for sheet in filed)
        assert all(Reason.PAST_ROUND.value in sheet.reasons for sheet in filed)
    tally = paper_tally(services.db, campaign)
    assert tally.ballots == 3, "two round-1 ballots and one round-2 ballot; the late one not"
    assert tally.categories[window].votes["01"] == 2
    by_round = [services.results.compute(campaign, r) for r in (seed.round1, seed.round2)]
    assert [r.ballots for r in by_round] == [2, 1], "each round counts its own ballots"
    assert [r.paper_channels for r in by_round] == [("群众投票", "代表投票"), ("评审组投票",)]
    assert [len(c.candidates) for c in by_round[1].categories] == [ADVANCING] * 3
    first = {c.number: c for c in by_round[1].categories[0].candidates}
    assert (first["01"].paper_channels, first["05"].paper, first["02"].paper) == (
        {"评审组投票": 1}, 1, 0)
    assert by_round[1].sources == (), "the online source counts in round 1 only"

    # The cast-vote record names each counted ballot's round and its box's channel.
    CastVoteRecord(services.db, services.actor).export(campaign, tmp_path / "cvr")
    with (tmp_path / "cvr" / "cvr.csv").open(encoding="utf-8-sig", newline="") as handle:
        reader = csv.reader(handle)
        header, *rows = list(reader)
    assert header[:4] == ["serial", "box", "round", "channel"]
    assert sorted((r[1], r[2], r[3], r[4]) for r in rows) == [
        ("东湖社区服务中心 1号箱", "1", "群众投票", "01 02"),
        ("县党代表投票箱", "1", "代表投票", "03"),
        ("评审组投票箱", "2", "评审组投票", "01 05")]
    manifest = json.loads((tmp_path / "cvr" / "manifest.json").read_text(encoding="utf-8"))
    assert set(manifest["columns"]) == {"round", "channel"}


def test_a_round_s_results_show_each_paper_channel_apart_weighted_by_its_channels(
        services: Services, seed: Seed, tmp_path: Path) -> None:
    campaign, rounds = seed.campaign.id, services.rounds
    delegates = rounds.add_channel(seed.round1, ChannelKind.PAPER_DELEGATES, "代表投票",
                                   weight=0.3)
    rounds.add_channel(seed.round1, ChannelKind.ONLINE, "网络投票", weight=0.5, source="平台A")
    public_box = services.boxes.add_box(campaign, "东湖社区服务中心 1号箱")
    delegates_box = services.boxes.add_box(campaign, "县党代表投票箱", channel_id=delegates.id)
    window = seed.categories[0].name
    files: list[Path] = []
    for box, ticks in ((public_box, ["01", "02"]), (delegates_box, ["03", "02"])):
        _batch, layout, ballots = print_and_rasterize(services, campaign, box.id, 1, tmp_path)
        files += save_scans(fill_in(layout, ballots[0], {window: ticks}), tmp_path / "scans",
                            f"box{box.id}")
    recorder = Recorder(services.db, services.actor, station="站点一")
    assert all(o.recorded for o in scan_paths(recorder, files, workers=1))

    partly = services.results.compute(campaign, seed.round1)
    assert partly.rule.rule.method is Method.SUM, "weights on some channels only: not used"
    assert [(m.code, m.params["channel"]) for m in partly.warnings] == [
        ("results_channel_unweighted", "paper:群众投票")]
    public = next(c for c in rounds.channels(seed.round1) if c.kind is ChannelKind.PAPER_PUBLIC)
    rounds.set_channel_weight(public.id, 0.2)

    results = services.results.compute(campaign, seed.round1)
    top = {c.number: c for c in results.categories[0].candidates}
    assert {n: dict(top[n].paper_channels) for n in ("01", "02", "03", "04")} == {
        "01": {"群众投票": 1, "代表投票": 0}, "02": {"群众投票": 1, "代表投票": 1},
        "03": {"群众投票": 0, "代表投票": 1}, "04": {"群众投票": 0, "代表投票": 0}}
    assert results.rule.rule.weights == (("paper:群众投票", 0.2), ("paper:代表投票", 0.3),
                                         ("online:平台A", 0.5))
    assert results.warnings == ()
    assert ("0.2 × 纸质选票（群众投票）得票 ÷ 本奖项该项最高值 + 0.3 × 纸质选票（代表投票）得票 ÷ "
            "本奖项该项最高值 + 0.5 × 网络投票（平台A）得票") in results.formula_zh
    # Σ weight × the channel's votes / the category's top in that channel (1, 1 and 990)
    online_top = max(c.online["平台A"] for c in top.values())
    for number in ("01", "02", "03"):
        expected = (Fraction(1, 5) * top[number].paper_channels["群众投票"]
                    + Fraction(3, 10) * top[number].paper_channels["代表投票"]
                    + Fraction(1, 2) * Fraction(top[number].online["平台A"], online_top))
        assert top[number].combined == expected
    assert [c.number for c in results.categories[0].candidates[:3]] == ["02", "03", "01"]
    data = results_json(results)
    assert data["round"] == {"position": 1, "name": "公众及党代表投票"}
    assert data["categories"][0]["candidates"][0]["paper_channels"] == {"群众投票": 1,
                                                                        "代表投票": 1}
    plain = results_json(services.results.compute(campaign))
    assert "round" not in plain and "paper_channels" not in plain["categories"][0][
        "candidates"][0], "the campaign's results JSON is as it was"
