"""``ballotdesk interpret`` and ``ballotdesk scan``: the CLI contract on real scanned files."""

from __future__ import annotations

from pathlib import Path

from desktop.core.services import Services
from tests.ballot_files import fill_in, print_and_rasterize, save_scans
from tests.conftest import ORGANISER, Cli

WINDOWS = "十佳优良服务窗口"


def test_interpret_then_scan_then_scan_again(cli: Cli, db_url: str, tmp_path: Path) -> None:
    cli.ok("demo")
    cli.ok("box", "add", "东湖社区服务中心 1号箱")
    other_box = "西山镇文化站 1号箱"
    cli.ok("box", "add", other_box)
    services = Services.open(db_url, ORGANISER)
    campaign = services.registry.find_campaign()
    box = services.boxes.find_box(campaign.id, "东湖社区服务中心 1号箱")
    _batch, layout, ballots = print_and_rasterize(services, campaign.id, box.id, 1, tmp_path)
    files = save_scans(fill_in(layout, ballots[0], {WINDOWS: ["07"]}), tmp_path / "in", "b")
    services.db.dispose()

    read = cli.json("interpret", *map(str, files))
    assert [r["status"] for r in read] == ["accepted", "accepted"]
    assert set(read[0]) == {"file", "page_index", "status", "reasons", "serial", "layout_page",
                            "marks", "categories"}
    windows = next(c for c in read[0]["categories"] if c["category"] == WINDOWS)
    assert windows == {"category": WINDOWS, "selected": ["07"], "overvote": False}
    assert {m["state"] for m in read[0]["marks"]} == {"marked", "empty"}
    assert cli.json("ballots", "reconcile")["total"]["returned"] == 0, "interpret records nothing"

    recorded = cli.json("scan", str(tmp_path / "in"), "--box", other_box, "--workers", "1")
    assert [r["recorded"] for r in recorded] == [True, True]
    assert recorded[0]["serial"] == 1
    assert recorded[0]["box_mismatch"] == "东湖社区服务中心 1号箱"
    assert "不是“西山镇文化站 1号箱”" in cli.err

    again = cli.json("scan", *map(str, files))
    assert [r["recorded"] for r in again] == [False, False]
    assert {r["reason"] for r in again} == {"already_recorded"}
    assert cli.json("ballots", "reconcile")["total"]["returned"] == 1
    summary = cli.ok("--lang", "en", "scan", str(files[0]))
    assert "1 page: 0 accepted, 0 for review, 0 rejected, 1 recorded before." in summary


def test_review_list_and_decide(cli: Cli, db_url: str, tmp_path: Path) -> None:
    cli.ok("demo")
    cli.ok("box", "add", "东湖社区服务中心 1号箱")
    services = Services.open(db_url, ORGANISER)
    campaign = services.registry.find_campaign()
    box = services.boxes.find_box(campaign.id, "东湖社区服务中心 1号箱")
    _batch, layout, ballots = print_and_rasterize(services, campaign.id, box.id, 1, tmp_path)
    too_many = [f"{n:02d}" for n in range(1, 12)]
    files = save_scans(fill_in(layout, ballots[0], {WINDOWS: too_many}), tmp_path / "in", "b")
    services.db.dispose()
    cli.ok("scan", *map(str, files))
    (queued,) = cli.json("review", "list")
    assert queued["reasons"] == ["overvote"]
    assert "超过规定人数" in cli.ok("review", "list")
    sheet = str(queued["sheet"])
    assert cli("review", "decide", sheet, "reject") == 1
    assert "须写明理由" in cli.err
    decided = cli.json("review", "decide", sheet, "empty", "--target", f"{WINDOWS}:11")
    assert decided["settled"] is False
    assert cli.json("review", "decide", sheet, "accept")["settled"] is True
    assert cli.json("review", "list") == []
