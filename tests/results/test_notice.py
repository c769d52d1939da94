"""The notice PDF: it renders, embeds the ballot font, and says what ``results --json`` says.

``BALLOTDESK_UPDATE_DOC_IMAGES=1 pytest tests/results/test_notice.py`` also writes its first page to
docs/images/notice_p1.png (150 dpi), the picture the docs show.
"""

from __future__ import annotations

import datetime as dt
import os
import re
from pathlib import Path
from typing import Any

import numpy as np
import pypdfium2 as pdfium
import pytest
from sqlalchemy import delete, update

from desktop.core.audit import entries as audit
from desktop.core.audit.log import AuditLog
from desktop.core.registry.service import CampaignInfo, CategoryInfo
from desktop.core.results.charts import charted
from desktop.core.results.combine import CombinationRule, Method
from desktop.core.results.linebreak import CANNOT_END, CANNOT_START, break_lines
from desktop.core.results.notice import ANCHOR_WORDS, working_days_end, write_notice
from desktop.core.results.types import NoticeSettings, parse_weights
from desktop.core.services import Services
from desktop.core.store.models import AuditEntry, AuditHead
from tests.ballot_files import BRANDS, STAFF, WINDOWS
from tests.conftest import Cli
from tests.results.test_results_common import counted, set_winners

__all__ = ["counted"]
DOC_IMAGE = Path(__file__).parents[2] / "docs" / "images" / "notice_p1.png"
DOC_DPI = 150
WHITE = 250
#: Pages the notice proper (before its annex) may take for three categories of ten winners.
NOTICE_PAGES = 3


def page_texts(pdf: Path) -> list[str]:
    document = pdfium.PdfDocument(pdf)
    return [document[i].get_textpage().get_text_range() for i in range(len(document))]


def squeeze(text: str) -> str:
    return re.sub(r"\s+", "", text)


def fonts_of(pdf: Path) -> tuple[list[bytes], int]:
    """The PDF's font names and how many font files it embeds."""
    data = pdf.read_bytes()
    return re.findall(rb"/BaseFont\s*/([^\s/>\]]+)", data), len(re.findall(rb"/FontFile2", data))


def winner_rows(data: dict[str, Any]) -> list[str]:
    """Each winner's table row as the PDF's text has it: rank, number, name, unit, figures."""
    rows = []
    for category in data["categories"]:
        has_expert = any(c["expert"] is not None for c in category["candidates"])
        for c in category["candidates"]:
            if c["winner"]:
                figures = [c["paper"], *(c["online"][s] for s in data["sources"]),
                           *([c["expert_text"]] if has_expert else []), c["combined_text"]]
                rows.append(squeeze(f"{c['rank']}{c['number']}{c['name']}{c['unit']}"
                                    + "".join(map(str, figures)) + "当选"))
    return rows


def test_the_notice_renders_embeds_its_font_and_matches_the_json(
        services: Services, counted: CampaignInfo, cli: Cli, tmp_path: Path) -> None:
    services.results.set_rule(counted.id, CombinationRule(
        Method.WEIGHTED, weights=parse_weights("online=40,paper=30,expert=30")))
    cli.ok("results", "notice", "--organiser", "东湖区精神文明建设委员会办公室", "--days", "7",
           "--from", "2026-12-04", "--date", "2026-12-03", "--contact", "0571-12345678")
    pdf = tmp_path / "公示.pdf"
    data = cli.json("results", "--pdf", str(pdf))
    assert not data["provisional"]

    document = pdfium.PdfDocument(pdf)
    assert len(document) >= 3
    for index in range(len(document)):
        pixels = np.asarray(document[index].render(scale=1).to_pil().convert("L"))
        assert (pixels < WHITE).mean() > 0.01, f"page {index + 1} is blank"
    names, embedded = fonts_of(pdf)
    assert names, "no fonts found"
    assert all(re.fullmatch(rb"[A-Z]{6}\+WenQuanYiMicroHei-0", name) for name in names), names
    assert embedded == len(set(names)), "every font is embedded"
    if os.environ.get("BALLOTDESK_UPDATE_DOC_IMAGES"):
        document[0].render(scale=DOC_DPI / 72).to_pil().save(DOC_IMAGE)

    text = squeeze("".join(page_texts(pdf)))
    assert f"关于{counted.name}结果的公示" in text
    for row in winner_rows(data):
        assert row in text, row
    assert squeeze(data["formula"]["zh_CN"]) in text
    assert "公示期为2026年12月4日至2026年12月14日（7个工作日）" in text
    assert "东湖区精神文明建设委员会办公室" in text
    assert "临时结果" not in text
    assert all(squeeze(f"{ANCHOR_WORDS} {data['audit_head']}") in squeeze(t)
               for t in page_texts(pdf))
    assert squeeze(f"每页页脚的“{ANCHOR_WORDS}”") in text  # and what it is, in plain words
    assert cli("audit", "verify", "--anchor", data["audit_head"]) == 0


def test_a_provisional_notice_says_so_on_every_page(
        services: Services, counted: CampaignInfo, cli: Cli, tmp_path: Path) -> None:
    # Windows: 02 has 3 votes, 01 and 03 have 2 each: with two winners they tie at the cut-off.
    services.registry.update_category(
        services.registry.find_category(counted.id, WINDOWS).id, winners=2)
    pdf = tmp_path / "notice.pdf"
    data = cli.json("results", "--pdf", str(pdf))
    windows = next(c for c in data["categories"] if c["name"] == WINDOWS)
    assert (windows["cutoff_tie"], windows["seats"], data["provisional"]) == (["01", "03"], 1, True)
    texts = page_texts(pdf)
    assert "当选线并列待决定" in squeeze(texts[0])
    assert all("临时结果" in squeeze(t) for t in texts)


@pytest.mark.both_backends
def test_the_footer_names_the_audit_head_the_figures_were_read_at(
        services: Services, campaign: CampaignInfo, categories: list[CategoryInfo],
        tmp_path: Path) -> None:
    head = AuditLog(services.db).head()
    assert head is not None
    results = services.results.compute(campaign.id)
    assert results.audit_head == head
    services.registry.update_category(categories[0].id, winners=3)  # logged after the figures
    pdf = write_notice(results, NoticeSettings(), tmp_path / "notice.pdf")
    assert all(squeeze(f"{ANCHOR_WORDS} {head.text()}") in squeeze(t) for t in page_texts(pdf))
    with services.db.engine.begin() as connection:  # a log emptied: the notice still comes
        connection.execute(delete(AuditEntry.__table__))
        connection.execute(update(AuditHead.__table__).values(last_id=0,
                                                              last_hash=audit.GENESIS))
    results = services.results.compute(campaign.id)
    assert results.audit_head is None
    text = squeeze("".join(page_texts(write_notice(results, NoticeSettings(),
                                                   tmp_path / "empty.pdf"))))
    assert "数据计算于" in text
    assert ANCHOR_WORDS not in text


def test_working_days_skip_weekends() -> None:
    friday = dt.date(2026, 12, 4)
    assert working_days_end(friday, 1) == friday
    assert working_days_end(friday, 2) == dt.date(2026, 12, 7)
    assert working_days_end(dt.date(2026, 12, 5), 5) == dt.date(2026, 12, 11)


def test_a_broken_output_path_gives_its_message_and_writes_nothing(
        counted: CampaignInfo, cli: Cli, tmp_path: Path) -> None:
    for option, name in (("--pdf", "n.pdf"), ("--xlsx", "n.xlsx"), ("--csv", "n.csv")):
        target = tmp_path / "missing" / name
        assert cli("results", option, str(target)) == 1
        assert "无法写入文件" in cli.err
        assert str(target) in cli.err
        assert not (tmp_path / "missing").exists()
    assert cli("--lang", "en", "results", "--csv", str(tmp_path / "missing" / "n.csv")) == 1
    assert "Cannot write" in cli.err
    assert list(tmp_path.glob(".n.*")) == []


def test_three_categories_of_ten_fit_three_pages_and_the_full_ranking_is_annexed(
        services: Services, counted: CampaignInfo, tmp_path: Path) -> None:
    set_winners(services, counted.id, {WINDOWS: 10, STAFF: 10, BRANDS: 10})
    results = services.results.compute(counted.id)
    texts = [squeeze(t) for t in page_texts(write_notice(
        results, NoticeSettings(organiser="东湖区文明办"), tmp_path / "n.pdf"))]
    annex = next(i for i, t in enumerate(texts) if "附件：各奖项全部候选对象" in t)
    assert annex <= NOTICE_PAGES, f"the notice proper takes {annex} pages"
    assert "东湖区文明办" in texts[annex - 1]  # the signature ends the notice proper
    notice, appendix = "".join(texts[:annex]), "".join(texts[annex:])
    for category in results.categories:
        last = category.candidates[-1]  # no vote: only in the annex
        assert squeeze(f"{last.rank}{last.number}{last.name}") not in notice
        assert squeeze(f"{last.rank}{last.number}{last.name}{last.unit}") in appendix
    for page in texts:  # no heading left alone at a page's foot
        assert not re.search(r"[一二三]、[^、]{2,12}（当选名额\d+名）$", page[:page.rfind("第")])


def test_the_chart_shows_votes_and_the_share_of_ballots_and_a_tie_at_its_cut_whole(
        services: Services, counted: CampaignInfo, tmp_path: Path) -> None:
    # Windows, 3 ballots: 02 on all 3, 01 and 03 on 2, 04…10 on 1 each (tied).
    set_winners(services, counted.id, {WINDOWS: 1})
    results = services.results.compute(counted.id)
    windows = next(c for c in results.categories if c.name == WINDOWS)
    assert windows.valid == 3
    # The cut after 1 winner + 3 falls inside the tie of 04…10: all seven are shown.
    assert [c.number for c in charted(windows)] == [
        "02", "01", "03", "04", "05", "06", "07", "08", "09", "10"]
    text = squeeze("".join(page_texts(write_notice(results, NoticeSettings(),
                                                   tmp_path / "n.pdf"))))
    # Chosen on 3 of 3 ballots is 100%, on 1 of 3 is 33.3% (not a share of all 14 marks).
    assert "3票·100.0%" in text
    assert text.count("1票·33.3%") >= 7
    assert "21.4%" not in text  # 3 of 14 marks: the old, misleading figure


def test_no_line_starts_with_a_closing_mark_nor_ends_with_an_opening_one() -> None:
    text = ("【临时结果】“十佳优秀服务标兵”当选线并列待决定；“十佳优质服务品牌”尚有 3 张选票"
            "待审核。"
            "计分办法：综合得票＝纸质选票得票＋网络投票得票（平台A、平台B），按 2026 年规则；"
            "依据：《评选办法》第三条。")
    for width in range(4, 40):
        lines = break_lines(text, (width - 2, width), len)
        assert "".join(lines).replace(" ", "") == text.replace(" ", "")
        for number, line in enumerate(lines):
            assert line[:1] not in CANNOT_START or number == 0, (width, lines)
            assert line[-1:] not in CANNOT_END, (width, lines)
            assert len(line) <= width or " " not in line, (width, line)
        assert not any("2026" in line and len(line.strip()) < 4 for line in lines)
        assert all("2026" in line for line in lines if "202" in line)  # a number stays whole


def test_the_printed_notice_follows_the_rules_too(
        services: Services, counted: CampaignInfo, tmp_path: Path) -> None:
    services.registry.update_category(
        services.registry.find_category(counted.id, WINDOWS).id, winners=2)
    results = services.results.compute(counted.id)
    pdf = write_notice(results, NoticeSettings(contact="0571-12345678；东湖区文明办"),
                       tmp_path / "n.pdf")
    lines = [line.strip() for page in page_texts(pdf) for line in page.splitlines()]
    assert len(lines) > 50
    assert not [line for line in lines if line[:1] in CANNOT_START], "a line starts with a mark"
