"""Spoiled and unused serials never count silently: a scanned sheet of such a serial goes to review
with its own reason and counts only once a person accepts it; the reconciliation counts each
serial once (a spoiled ballot that came back anyway is returned, shown on its own line)."""

from __future__ import annotations

from pathlib import Path

import pytest

from desktop.core.audit.log import AuditLog
from desktop.core.enums import SerialState
from desktop.core.printing.boxes import BoxInfo
from desktop.core.records.recording import Recorder
from desktop.core.records.review import Decision, Review
from desktop.core.records.scanjob import scan_paths
from desktop.core.registry.service import CampaignInfo
from desktop.core.results.recounting import recount
from desktop.core.results.tally import paper_tally
from desktop.core.services import Services
from scanning.reasons import Reason, Status
from tests.ballot_files import STAFF, WINDOWS, fill_in, print_and_rasterize, save_scans
from tests.conftest import ORGANISER, Cli

pytestmark = pytest.mark.both_backends


def scan(services: Services, files: list[Path]) -> list:  # type: ignore[type-arg]
    return list(scan_paths(Recorder(services.db, services.actor, station="站点一"), files,
                           workers=1))


def review(services: Services) -> Review:
    return Review(services.db, services.actor)


def windows_votes(services: Services, campaign_id: int) -> dict[str, int]:
    return {k: v for k, v in paper_tally(services.db, campaign_id).categories[WINDOWS]
            .votes.items() if v}


def test_a_spoiled_ballot_scanned_waits_for_a_person(
    services: Services, demo: CampaignInfo, box: BoxInfo, scans: list[Path]
) -> None:
    services.boxes.note_serials(demo.id, [2], SerialState.SPOILED, "填错后换领")
    outcomes = scan(services, scans)
    spoiled = [o for o in outcomes if o.result.serial == 2]
    assert len(spoiled) == 2
    for outcome in spoiled:
        assert Reason.SPOILED_SERIAL in outcome.result.reasons
        assert outcome.result.status is Status.REVIEW
        assert outcome.message.code == "sheet_noted_serial"
        assert "已登记为“作废”" in outcome.message.text("zh_CN")
        assert outcome.recorded, "it holds its serial's place: a rescan would be a duplicate"
    # Ballot 2 ticked WINDOWS 02: it is not counted while nobody decided.
    assert windows_votes(services, demo.id) == {"01": 1, "02": 1, "03": 1}
    staff = paper_tally(services.db, demo.id).categories[STAFF]
    assert staff.pending == 1
    queue = review(services).queue(demo.id)
    waiting = [st for st in queue if st.serial == 2]
    assert [st.reasons for st in waiting] == [(Reason.SPOILED_SERIAL,)] * 2

    # Reading the archive again finds nothing different: the reason is the recording layer's.
    assert recount(services.db, demo.id, workers=1).differences == ()
    # The same image again is recognised, never recorded twice.
    again = scan(services, [scans[2]])  # ballot 2, page 1
    assert again[0].message.code == "already_recorded"

    # Counting it is a person's decision, on every page; voiding it is one too.
    first, second = waiting
    review(services).decide(demo.id, first.sheet_id, Decision.ACCEPT)
    assert windows_votes(services, demo.id) == {"01": 1, "02": 2, "03": 1}, "page 1 counts"
    assert paper_tally(services.db, demo.id).categories[STAFF].pending == 1, "page 2 held"
    review(services).decide(demo.id, second.sheet_id, Decision.ACCEPT)
    assert windows_votes(services, demo.id) == {"01": 1, "02": 2, "03": 1}
    assert not [st for st in review(services).queue(demo.id) if st.serial == 2]
    review(services).decide(demo.id, first.sheet_id, Decision.REJECT, reason="确属作废票")
    assert windows_votes(services, demo.id) == {"01": 1, "02": 1, "03": 1}
    verified = AuditLog(services.db).verify()  # every step above is on the chain, covered
    assert verified.ok, [m.text("en") for m in verified.problems()]


def test_a_serial_noted_after_its_sheet_was_counted_goes_back_to_review(
    services: Services, demo: CampaignInfo, box: BoxInfo, scans: list[Path]
) -> None:
    scan(services, scans[:4])  # ballots 1 and 2, accepted as read
    assert windows_votes(services, demo.id) == {"01": 1, "02": 2, "03": 1}
    assert review(services).queue(demo.id) == []
    services.boxes.note_serials(demo.id, [1], SerialState.UNUSED, "未发出")
    queue = review(services).queue(demo.id)
    assert [(st.serial, st.reasons) for st in queue] == [(1, (Reason.UNUSED_SERIAL,))] * 2
    assert windows_votes(services, demo.id) == {"02": 1}
    for state in queue:
        review(services).decide(demo.id, state.sheet_id, Decision.ACCEPT)
    assert windows_votes(services, demo.id) == {"01": 1, "02": 2, "03": 1}


def test_a_verdict_given_before_the_note_does_not_settle(
    services: Services, demo: CampaignInfo, box: BoxInfo, tmp_path: Path
) -> None:
    _batch, layout, ballots = print_and_rasterize(services, demo.id, box.id, 1, tmp_path)
    too_many = {WINDOWS: [f"{n:02d}" for n in range(1, 12)]}
    files = save_scans(fill_in(layout, ballots[0], too_many), tmp_path / "in", "b")
    scan(services, files)
    (overvoted,) = review(services).queue(demo.id)
    review(services).decide(demo.id, overvoted.sheet_id, Decision.ACCEPT)
    assert review(services).queue(demo.id) == []
    services.boxes.note_serials(demo.id, [1], SerialState.SPOILED)
    queue = review(services).queue(demo.id)
    assert len(queue) == 2, "both pages, the one a person accepted before the note too"
    back = next(st for st in queue if st.sheet_id == overvoted.sheet_id)
    assert back.verdict is None and not back.settled
    assert Reason.SPOILED_SERIAL in back.reasons
    assert paper_tally(services.db, demo.id).categories[WINDOWS].pending == 1


def test_the_reconciliation_counts_each_serial_once(
    services: Services, demo: CampaignInfo, box: BoxInfo, scans: list[Path]
) -> None:
    # Serials 1-3 scanned; print 3 more (4-6) that never come back.
    print_and_rasterize(services, demo.id, box.id, 3, scans[0].parent.parent / "more")
    services.boxes.note_serials(demo.id, [2, 4], SerialState.SPOILED)
    services.boxes.note_serials(demo.id, [3, 5], SerialState.UNUSED)
    scan(services, scans)
    (line,), total = services.boxes.reconciliation(demo.id)
    assert (line.printed, line.unused, line.issued, line.returned) == (6, 2, 4, 3)
    assert (line.spoiled, line.returned_spoiled, line.returned_unused) == (2, 1, 1)
    # 6 printed: 1, 2, 3 returned; 4 spoiled; 5 unused; 6 missing.
    assert line.missing == 1 and total.missing == 1
    assert (total.returned_spoiled, total.returned_unused) == (1, 1)


def test_cli_spoil_scan_reconcile(cli: Cli, db_url: str, tmp_path: Path) -> None:
    cli.ok("demo")
    cli.ok("box", "add", "东湖社区服务中心 1号箱")
    services = Services.open(db_url, ORGANISER)
    campaign = services.registry.find_campaign()
    box = services.boxes.find_box(campaign.id, "东湖社区服务中心 1号箱")
    _batch, layout, ballots = print_and_rasterize(services, campaign.id, box.id, 2, tmp_path)
    files = [path for number, pages in enumerate(ballots, 1)
             for path in save_scans(fill_in(layout, pages, {WINDOWS: ["07"]}), tmp_path / "in",
                                    f"b{number}")]
    services.db.dispose()
    cli.ok("ballots", "spoil", "2")
    recorded = cli.json("scan", *map(str, files), "--workers", "1")
    assert [(r["serial"], r["status"]) for r in recorded] == [
        (1, "accepted"), (1, "accepted"), (2, "review"), (2, "review")]
    assert all("spoiled_serial" in r["reasons"] for r in recorded[2:])
    queued = cli.json("review", "list")
    assert {q["serial"] for q in queued} == {2}
    report = cli.json("ballots", "reconcile")["total"]
    assert (report["returned"], report["spoiled"], report["returned_spoiled"],
            report["missing"]) == (2, 1, 1, 0)
    table = cli.ok("ballots", "reconcile")
    assert "收回的作废票" in table
    assert "已登记作废的票号" in cli.ok("review", "list")
