"""The same online data in another file is not counted twice (issue 13, point 9): a GBK export
and LibreOffice's .xlsx re-save of it, per vote and as totals, and a cumulative export."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from ballotformat.messages import RuleError
from desktop.core.online.results import online_votes
from desktop.core.registry.service import CampaignInfo
from desktop.core.services import Services
from tests.online.test_online_common import STANDARD, assert_both_languages, codes, counts, ids

pytestmark = pytest.mark.both_backends
__all__ = ["ids"]
DATA = Path(__file__).parents[1] / "data" / "imports"
Ids = dict[tuple[str, int], int]


def copy(tmp_path: Path, name: str) -> Path:
    return Path(shutil.copy(DATA / name, tmp_path / name))


def commit(services: Services, campaign: CampaignInfo, path: Path, source: str = "平台A") -> int:
    preview = services.online.preview(campaign.id, path, source)
    assert preview.ok, [m.text("en") for m in preview.errors]
    return services.online.commit(preview)


@pytest.mark.parametrize("stem", ["平台A投票明细", "平台A票数"])
def test_a_re_save_of_an_imported_export_is_refused_naming_the_earlier_import(
        services: Services, campaign: CampaignInfo, ids: Ids, tmp_path: Path,
        stem: str) -> None:
    first = commit(services, campaign, copy(tmp_path, f"{stem}_gbk.csv"))
    counted = {cid: v.votes for cid, v in online_votes(services.db, campaign.id).items()}
    assert sum(counted.values()) == 240
    before = counts(services)
    again = services.online.preview(campaign.id, copy(tmp_path, f"{stem}.xlsx"), "平台A")
    code = "online_same_rows" if "明细" in stem else "online_same_totals"
    assert codes(again.errors) == [code]
    text = again.errors[0].text("zh_CN")
    assert f"导入 {first}" in text and f"{stem}_gbk.csv" in text
    assert_both_languages(again.errors)
    with pytest.raises(RuleError) as refused:
        services.online.commit(again)
    assert code in [m.code for m in refused.value.messages]
    assert counts(services) == before
    assert {cid: v.votes for cid, v in online_votes(services.db, campaign.id).items()} == counted


def test_a_cumulative_export_is_refused_until_the_earlier_is_withdrawn(
        services: Services, campaign: CampaignInfo, ids: Ids, tmp_path: Path) -> None:
    lines = (DATA / "平台A投票明细_gbk.csv").read_bytes().split(b"\r\n")
    early = tmp_path / "第一周.csv"
    early.write_bytes(b"\r\n".join(lines[:121]))  # the header and the first 120 votes
    first = commit(services, campaign, early)
    later = copy(tmp_path, "平台A投票明细_gbk.csv")
    again = services.online.preview(campaign.id, later, "平台A")
    assert codes(again.errors) == ["online_same_rows"]
    assert "100%" in again.errors[0].text("en")  # every early row is in the later file...
    services.online.withdraw(first, "第二周的累计导出取代第一周的")
    assert commit(services, campaign, later)  # ...which counts once, in full
    assert sum(v.votes for v in online_votes(services.db, campaign.id).values()) == 240


def test_other_votes_of_the_same_shape_are_not_taken_for_the_same(
        services: Services, campaign: CampaignInfo, ids: Ids, tmp_path: Path) -> None:
    lines = (DATA / "平台A投票明细_gbk.csv").read_bytes().split(b"\r\n")
    half = tmp_path / "上半.csv"
    half.write_bytes(b"\r\n".join(lines[:121]))
    rest = tmp_path / "下半.csv"
    rest.write_bytes(b"\r\n".join([lines[0], *lines[121:]]))
    commit(services, campaign, half)
    commit(services, campaign, rest)
    assert sum(v.votes for v in online_votes(services.db, campaign.id).values()) == 240
    assert STANDARD
