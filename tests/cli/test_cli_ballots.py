"""``ballotdesk box …`` and ``ballotdesk ballots …`` on a real database and real PDFs."""

from __future__ import annotations

from pathlib import Path

import pypdfium2 as pdfium
import pytest

from tests.conftest import Cli

BOX = "东湖社区服务中心 1号箱"


@pytest.fixture
def demo(cli: Cli) -> Cli:
    cli.ok("demo")
    cli.ok("box", "add", BOX, "--location", "东湖路 12 号", "--responsible", "刘芳")
    return cli


def test_layout_json_has_the_agreed_shape(demo: Cli) -> None:
    layout = demo.json("ballots", "layout")
    assert list(layout)[:4] == ["layout_version", "page_size_mm", "max_marks", "pages"]
    assert layout["layout_version"] == 1
    assert layout["page_size_mm"] == [210.0, 297.0]
    assert layout["max_marks"] == {"十佳优良服务窗口": 10, "十佳优秀服务标兵": 10,
                                   "十佳优质服务品牌": 10}
    targets = [t for page in layout["pages"] for t in page["targets"]]
    assert [p["page"] for p in layout["pages"]] == list(range(1, len(layout["pages"]) + 1))
    assert set(targets[0]) == {"category", "candidate", "name", "box_mm"}
    assert targets[0]["candidate"] == "01"
    x, y, w, h = targets[0]["box_mm"]
    assert 0 < x < 210
    assert 0 < y < 297
    assert w == h >= 6
    a3 = demo.json("ballots", "layout", "--paper", "A3")
    assert a3["page_size_mm"] == [297.0, 420.0]
    assert len(a3["pages"]) < len(layout["pages"])


def test_print_records_the_batch_and_reconciles(demo: Cli, tmp_path: Path) -> None:
    out = tmp_path / "box1.pdf"
    batch = demo.json("ballots", "print", "--box", BOX, "--count", "12", "--out", str(out))
    assert (batch["first_serial"], batch["last_serial"], batch["box"]) == (1, 12, BOX)
    pages = len(demo.json("ballots", "layout")["pages"])
    assert len(pdfium.PdfDocument(out)) == 12 * pages
    assert demo.json("ballots", "layout")["layout_version"] == 1
    assert "已存档" in demo.ok("ballots", "layout")
    demo.ok("ballots", "spoil", "2", "4-5", "--note", "填错后换领")
    demo.ok("ballots", "unused", "10-12")
    report = demo.json("ballots", "reconcile")
    assert report["total"] == {"printed": 12, "issued": 9, "returned": 0, "spoiled": 3,
                               "unused": 3, "returned_spoiled": 0, "returned_unused": 0,
                               "missing": 6}
    assert [b["box"] for b in demo.json("ballots", "batches")] == [BOX]


def test_refusals_change_nothing(demo: Cli, tmp_path: Path) -> None:
    assert demo("ballots", "print", "--box", "没有这个箱", "--count", "3",
                "--out", str(tmp_path / "x.pdf")) == 1
    assert "找不到投票箱“没有这个箱”" in demo.err
    assert demo("ballots", "spoil", "1") == 1
    assert "票号 1 未印制过" in demo.err
    assert demo("--lang", "en", "ballots", "spoil", "1-x") == 1
    assert "Cannot read the serials" in demo.err
    assert demo("ballots", "print", "--box", BOX, "--count", "0", "--out", "y.pdf") == 2
    assert not list(tmp_path.glob("*.pdf"))
    assert demo.json("ballots", "batches") == []


def test_box_list(demo: Cli) -> None:
    boxes = demo.json("box", "list")
    assert [(b["name"], b["location"], b["responsible"]) for b in boxes] == [
        (BOX, "东湖路 12 号", "刘芳")]
    assert demo("box", "add", BOX) == 1
    assert "已存在" in demo.err
