"""A round's notice from ``ballotdesk results --pdf F --round N`` on both backends: round 1's
is the shortlist notice (候选对象公示: who goes on, each channel's figure, the formula, the tie
at the cut and how it was settled), the last round's the winners' notice (表彰名单公示) with
the committee's decision and the reason of each departure from the ranking. The PDFs are read
back with poppler (pdftotext) and rasterized (pdftoppm)."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import numpy as np
import pytest
from PIL import Image

from desktop.core.services import Services
from tests.conftest import Cli
from tests.rounds.conftest import ADVANCING, TIED_CATEGORY, WINNERS, Seed

pytestmark = [pytest.mark.both_backends, pytest.mark.skipif(
    shutil.which("pdftotext") is None or shutil.which("pdftoppm") is None,
    reason="needs poppler-utils")]

MEETING = "县委创先争优活动领导小组第三次会议"
ATTENDEES = "张书记，李部长，王主任"
#: Rasterizing: the resolution, and what counts as ink on the first page (a grey level, and
#: the share of the page it must cover for a page of text and tables).
RASTER_DPI = 50
INK_LEVEL = 128
MIN_INK_SHARE = 0.01


def lines_of(pdf: Path) -> list[str]:
    """The PDF's text line by line as poppler lays it out, spaces squeezed out."""
    text = subprocess.run(["pdftotext", "-layout", "-enc", "UTF-8", str(pdf), "-"], check=True,
                          capture_output=True, text=True).stdout
    return [re.sub(r"\s+", "", line) for line in text.splitlines()]


def main_part(lines: list[str]) -> list[str]:
    """The notice before its annex."""
    return lines[:next(i for i, line in enumerate(lines) if line.startswith("附件："))]


def first_page_ink(pdf: Path, folder: Path) -> float:
    subprocess.run(["pdftoppm", "-r", str(RASTER_DPI), "-f", "1", "-l", "1", "-gray", "-png",
                    str(pdf), str(folder / "page")], check=True)
    (png,) = folder.glob("page*.png")
    pixels = np.asarray(Image.open(png))
    return float((pixels < INK_LEVEL).mean())


def row_of(lines: list[str], name: str) -> str:
    (line,) = [line for line in lines if name in line]
    return line


def test_round_one_s_notice_is_the_shortlist_and_the_last_round_s_names_the_winners(
        cli: Cli, services: Services, seed: Seed, tmp_path: Path) -> None:
    rounds, campaign = services.rounds, seed.campaign.name
    names = [c.name for c in seed.categories]
    tied, departing = names[TIED_CATEGORY], names[0]
    rounds.close_round(seed.round1)
    rounds.decide_tie(seed.round1, tied, ["16"], "领导小组会议抽签决定")
    rounds.advance(seed.round1)

    shortlist = tmp_path / "round1.pdf"
    cli.ok("results", "--pdf", str(shortlist), "--round", "1")
    lines = lines_of(shortlist)
    text, main = "".join(lines), main_part(lines)
    assert f"关于{campaign}候选对象的公示" in text
    assert "进入第2轮“组织审定”" in text and "计分办法：" in text
    assert all(f"{name}（进入下一轮{ADVANCING}名）" in text for name in names)
    assert ("第15名处编号15、16综合成绩相同（并列），需从中产生1名进入下一轮。经组委会决定由编号16"
            "进入下一轮。依据：领导小组会议抽签决定") in text
    short = tied[-4:]
    assert row_of(main, f"{short}16").endswith("晋级")
    assert row_of(main, f"{short}15").endswith("未晋级")
    assert sum(line.endswith("晋级") and not line.endswith("未晋级")
               for line in main) == 3 * ADVANCING
    assert "网络票" in text and "平台A" in text, "each channel's figure"
    assert "当选" not in "".join(main), "round 1 chooses no winners"
    assert first_page_ink(shortlist, tmp_path) > MIN_INK_SHARE

    final = [arg for name in names for arg in (
        "--final", name, ",".join([f"{n:02d}" for n in (*range(1, 10), 12)] if name == departing
                                  else [f"{n:02d}" for n in range(1, WINNERS + 1)]))]
    cli.ok("decision", "record", "--date", "2011-12-20", "--meeting", MEETING,
           "--attendees", ATTENDEES, *final,
           "--reason", departing, "10", "公示期间收到实名举报，经核查属实",
           "--reason", departing, "12", "递补第10名")
    winners = tmp_path / "round2.pdf"
    cli.ok("results", "--pdf", str(winners), "--round", "2")
    lines = lines_of(winners)
    text, main = "".join(lines), main_part(lines)
    assert f"关于{campaign}表彰名单的公示" in text
    assert (f"2011年12月20日，{MEETING}审定了各奖项的表彰名单（出席：张书记、李部长、王主任）"
            in text)
    assert all(f"{name}（表彰{WINNERS}名）" in text for name in names)
    short = departing[-4:]
    assert row_of(main, f"{short}12") == f"1012{short}1212列入表彰名单调整：递补第10名"
    assert row_of(main, f"{short}10") == (f"10{short}1010未列入"
                                          "调整：公示期间收到实名举报，经核查属实")
    assert sum(line.endswith("列入表彰名单") or "列入表彰名单调整" in line
               for line in main) == 3 * WINNERS
    (tmp_path / "r2").mkdir()
    assert first_page_ink(winners, tmp_path / "r2") > MIN_INK_SHARE

    campaign_notice = tmp_path / "campaign.pdf"
    cli.ok("results", "--pdf", str(campaign_notice))
    assert f"关于{campaign}结果的公示" in "".join(lines_of(campaign_notice)), \
        "without --round the campaign's notice, as before"
