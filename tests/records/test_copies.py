"""A photocopy scanned before its original: the copy counts and the original waits as the
duplicate. The review shows the copies of one serial and page side by side and a person
chooses which counts; the counted place moves in one transaction (exactly once holds), both
decisions on the audit chain."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import func, select

from ballotformat.messages import RuleError
from desktop.core.audit.log import AuditLog
from desktop.core.printing.boxes import BoxInfo
from desktop.core.records.recording import Recorder
from desktop.core.records.review import Decision, Review
from desktop.core.records.scanjob import scan_paths
from desktop.core.registry.service import CampaignInfo
from desktop.core.results.tally import paper_tally
from desktop.core.services import Services
from desktop.core.store.models import Sheet
from scanning.reasons import Reason
from tests.ballot_files import WINDOWS, fill_in, print_and_rasterize, save_scans
from tests.conftest import Cli

pytestmark = pytest.mark.both_backends


def photocopy_first(services: Services, campaign_id: int, box_id: int, tmp_path: Path
                    ) -> tuple[Path, Path]:
    """Page 1 of ballot 1: a "photocopy" (ticked 05, scanned first) and the original (01)."""
    _batch, layout, ballots = print_and_rasterize(services, campaign_id, box_id, 1, tmp_path)
    (copy,) = save_scans(fill_in(layout, ballots[0], {WINDOWS: ["05"]})[:1], tmp_path / "c",
                         "copy")
    (original,) = save_scans(fill_in(layout, ballots[0], {WINDOWS: ["01"]})[:1],
                             tmp_path / "o", "original")
    return copy, original


def windows(services: Services, campaign_id: int) -> dict[str, int]:
    votes = paper_tally(services.db, campaign_id).categories[WINDOWS].votes
    return {k: v for k, v in votes.items() if v}


def counted(services: Services) -> int:
    with services.db.transaction() as s:
        return s.scalar(select(func.count()).select_from(Sheet)
                        .where(Sheet.counted_key.is_not(None))) or 0


def test_the_reviewer_chooses_which_copy_counts(
    services: Services, demo: CampaignInfo, box: BoxInfo, tmp_path: Path
) -> None:
    copy, original = photocopy_first(services, demo.id, box.id, tmp_path)
    recorder = Recorder(services.db, services.actor, station="站点一")
    (first,) = scan_paths(recorder, [copy], workers=1)
    (second,) = scan_paths(recorder, [original], workers=1)
    assert first.recorded and not second.recorded
    assert Reason.DUPLICATE in second.result.reasons
    assert windows(services, demo.id) == {"05": 1}

    review = Review(services.db, services.actor)
    (queued,) = review.queue(demo.id)
    assert queued.sheet_id == second.sheet_id
    side_by_side = review.copies(demo.id, queued.sheet_id)
    assert [(st.sheet_id, st.counted) for st in side_by_side] == [
        (first.sheet_id, True), (second.sheet_id, False)]
    assert side_by_side[0].archive_path != side_by_side[1].archive_path

    chosen = review.prefer(demo.id, second.sheet_id, "另一张是复印件")
    assert chosen.counted and chosen.settled and chosen.verdict is Decision.COUNT_INSTEAD
    assert Reason.DUPLICATE not in chosen.reasons
    assert windows(services, demo.id) == {"01": 1}
    assert counted(services) == 1, "exactly one sheet counts for the serial and page"
    assert review.queue(demo.id) == []
    set_aside = review.sheet(demo.id, first.sheet_id)
    assert not set_aside.counted and set_aside.settled and set_aside.verdict is Decision.SET_ASIDE

    entries = [e for e in AuditLog(services.db).entries() if e.action.startswith("review.")]
    assert [(e.action, e.entity_id) for e in entries] == [
        ("review.set_aside", first.sheet_id), ("review.count_instead", second.sheet_id)]
    assert {k: v for k, v in entries[1].after.items() if k not in ("decision_id", "digests")} \
        == {"counted": True, "serial": 1, "page": 1, "instead_of": first.sheet_id,
            "reason": "另一张是复印件"}
    assert set(entries[1].after["digests"]["sheet"]) == {str(second.sheet_id)}
    verified = AuditLog(services.db).verify()
    assert verified.ok, [m.text("en") for m in verified.problems()]

    # Changing one's mind is another choice, never a second counted sheet.
    review.prefer(demo.id, first.sheet_id)
    assert windows(services, demo.id) == {"05": 1}
    assert counted(services) == 1
    with pytest.raises(RuleError) as refused:
        review.prefer(demo.id, first.sheet_id)
    assert refused.value.messages[0].code == "prefer_counted_already"
    with pytest.raises(RuleError) as refused:
        review.decide(demo.id, first.sheet_id, Decision.COUNT_INSTEAD)
    assert refused.value.messages[0].code == "decision_not_for_people"


def test_a_rejected_copy_cannot_be_chosen(
    services: Services, demo: CampaignInfo, box: BoxInfo, tmp_path: Path
) -> None:
    copy, original = photocopy_first(services, demo.id, box.id, tmp_path)
    recorder = Recorder(services.db, services.actor, station="站点一")
    list(scan_paths(recorder, [copy, original], workers=1))
    review = Review(services.db, services.actor)
    (queued,) = review.queue(demo.id)
    review.decide(demo.id, queued.sheet_id, Decision.REJECT, reason="复印件")
    with pytest.raises(RuleError) as refused:
        review.prefer(demo.id, queued.sheet_id)
    assert refused.value.messages[0].code == "prefer_not_a_copy"
    assert windows(services, demo.id) == {"05": 1}


def test_cli_copies_and_prefer(cli: Cli, db_url: str, tmp_path: Path) -> None:
    cli.ok("demo")
    cli.ok("box", "add", "东湖社区服务中心 1号箱")
    from tests.conftest import ORGANISER

    services = Services.open(db_url, ORGANISER)
    campaign = services.registry.find_campaign()
    box = services.boxes.find_box(campaign.id, "东湖社区服务中心 1号箱")
    copy, original = photocopy_first(services, campaign.id, box.id, tmp_path)
    services.db.dispose()
    cli.ok("scan", str(copy), str(original), "--workers", "1")
    (queued,) = cli.json("review", "list")
    copies = cli.json("review", "copies", str(queued["sheet"]))
    assert [c["counted"] for c in copies] == [True, False]
    assert [c["marked"] for c in copies] == [[f"{WINDOWS}:05"], [f"{WINDOWS}:01"]]
    assert all(Path(c["image"]).is_file() for c in copies)
    table = cli.ok("review", "copies", str(queued["sheet"]))
    assert "✓" in table and f"{WINDOWS}:01" in table
    said = cli.ok("review", "prefer", str(queued["sheet"]), "--reason", "另一张是复印件")
    assert f"已改计第 {queued['sheet']} 号图像" in said
    assert [c["counted"] for c in cli.json("review", "copies", str(queued["sheet"]))] == [
        True, False]
    assert cli.json("review", "copies", str(queued["sheet"]))[0]["sheet"] == queued["sheet"]
