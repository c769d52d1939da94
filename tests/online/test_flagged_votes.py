"""Flagged online votes never decide a winner unmarked (issue 13, point 10): an IP burst of 80
votes, flagged by the import, is left out by default; counted by choice, the seat it decides is
marked in the results, the notice PDF and the spreadsheets."""

from __future__ import annotations

import csv
import re
from pathlib import Path

import pypdfium2 as pdfium
import pytest

from desktop.core.enums import CandidateStatus
from desktop.core.registry.service import CampaignInfo
from desktop.core.results.combine import FLAG_MARK, CombinationRule, OnlineCount
from desktop.core.results.files import write_csv as write_results_csv
from desktop.core.results.notice import write_notice
from desktop.core.results.types import CategoryResult
from desktop.core.services import Services
from tests.online.test_online_common import STANDARD, ids, write_csv
from tests.results.test_results_common import set_winners

pytestmark = pytest.mark.both_backends
__all__ = ["ids"]
Ids = dict[tuple[str, int], int]
HONEST = {"01.张三": 100, "02.李四": 40, "03.王芳": 10}
BURST = 80  # votes for 李四 from one IP within a minute


@pytest.fixture
def burst(services: Services, campaign: CampaignInfo, ids: Ids, tmp_path: Path) -> None:
    """One seat in 十佳优秀服务标兵; 平台A's per-vote export with the burst, imported."""
    set_winners(services, campaign.id, {STANDARD: 1})
    services.candidates.set_status(list(ids.values()), CandidateStatus.SHORTLISTED)
    rows = [["投票时间", "用户ID", "IP", STANDARD]]
    n = 0
    for option, votes in HONEST.items():
        for _ in range(votes):
            n += 1
            rows.append([f"2026-05-0{1 + n % 5} {8 + n % 12:02d}:{n % 60:02d}:00", f"wx_{n:05d}",
                         f"10.{n % 200}.{n % 7}.{n % 250}", option])
    rows += [[f"2026-05-03 23:59:{s % 60:02d}", f"bot_{s:03d}", "8.8.8.8", "02.李四"]
             for s in range(BURST)]
    path = write_csv(tmp_path / "平台A明细.csv", rows)
    preview = services.online.preview(campaign.id, path, "平台A")
    assert preview.ok and len(preview.flags) == BURST
    services.online.commit(preview)


def staff(services: Services, campaign: CampaignInfo) -> CategoryResult:
    return next(c for c in services.results.compute(campaign.id).categories
                if c.name == STANDARD)


@pytest.mark.usefixtures("burst")
def test_the_burst_is_left_out_by_default(services: Services, campaign: CampaignInfo) -> None:
    """张三 100 against 李四 40 (+80 flagged): without the burst 张三 wins; with it 李四
    would, so both are marked."""
    assert services.results.rule(campaign.id).rule.online is OnlineCount.UNFLAGGED
    result = staff(services, campaign)
    assert [c.name for c in result.winner_list] == ["张三"]
    assert {c.name: c.flag_dependent for c in result.candidates} == {
        "张三": True, "李四": True, "王芳": False}
    services.results.set_rule(campaign.id, CombinationRule(online=OnlineCount.EXPORTED))
    counted = staff(services, campaign)
    assert [c.name for c in counted.winner_list] == ["李四"]
    assert next(c for c in counted.candidates if c.name == "李四").flag_dependent


@pytest.mark.usefixtures("burst")
def test_the_notice_and_the_tables_mark_the_seat(services: Services, campaign: CampaignInfo,
                                                 tmp_path: Path) -> None:
    services.results.set_rule(campaign.id, CombinationRule(online=OnlineCount.EXPORTED))
    results = services.results.compute(campaign.id)
    pdf = write_notice(results, services.results.notice(campaign.id), tmp_path / "公示.pdf")
    document = pdfium.PdfDocument(pdf)
    text = "".join(document[i].get_textpage().get_text_range() for i in range(len(document)))
    squeezed = "".join(text.split())
    # The winners' table: 李四's row (number, name, unit, figures) ends in 当选※.
    assert re.search(f"02李四[^当]*当选{FLAG_MARK}", squeezed), squeezed
    assert "可疑网络票已计入" in squeezed
    table = tmp_path / "结果.csv"
    write_results_csv(results, table)
    with table.open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.reader(handle))
    column = rows[0].index(f"取决于可疑票{FLAG_MARK}")
    marked = {row[3]: row[column] for row in rows[1:] if row[0] == STANDARD}
    assert marked == {"李四": "是", "张三": "是", "王芳": ""}
