"""Exporting the registry to .xlsx and .csv, and reading the export back in."""

from __future__ import annotations

import csv
from pathlib import Path

import openpyxl
import pytest

from ballotformat.messages import Message, RuleError
from desktop.core.enums import CandidateStatus, Sex
from desktop.core.registry.exporting import header_row
from desktop.core.registry.importing import HEADERS
from desktop.core.registry.service import CampaignInfo, CategoryInfo, UnitInfo
from desktop.core.services import Services
from desktop.core.tabular import normalise_header
from tests.conftest import CATEGORY_NAMES, person

WINDOW, STANDARD, BRAND = CATEGORY_NAMES
EXPECTED_HEADER = ["奖项", "编号", "姓名/名称", "推荐单位", "性别", "出生年月", "政治面貌",
                   "工作单位及职务", "获奖情况", "事迹简介", "状态", "审核意见"]


@pytest.fixture
def registry(services: Services, campaign: CampaignInfo, categories: list[CategoryInfo],
             units: list[UnitInfo]) -> None:
    """A registry with every field used, numbers out of registry order, a review decision."""
    add = services.candidates.add
    add(campaign.id, person("李四", "西山镇", number=2, sex=Sex.FEMALE, birth="1990-12-31"))
    zhang = add(campaign.id, person(
        "张三", "东湖街道", number=1, sex=Sex.MALE, birth="1985-06", political="中共党员",
        post="东湖街道便民服务中心主任", awards="2024年市级先进\n2025年区级优秀",
        summary="扎根基层二十年，“马上办”窗口的创办人。"))
    add(campaign.id, person("=SUM(1)", "南岭乡", category=BRAND, summary="-以减号开头"))
    add(campaign.id, person("东湖便民窗口", "东湖街道", category=WINDOW, number=3))
    rejected = add(campaign.id, person("王五", "北港街道", category=WINDOW))
    services.candidates.set_status([rejected.id], CandidateStatus.REJECTED, "材料不全")
    services.candidates.set_status([zhang.id], CandidateStatus.QUALIFIED)


def read_csv(path: Path) -> list[list[str]]:
    assert path.read_bytes().startswith(b"\xef\xbb\xbf")  # so that Excel reads UTF-8
    with path.open(encoding="utf-8-sig", newline="") as handle:
        return list(csv.reader(handle))


def read_xlsx(path: Path) -> list[list[str]]:
    book = openpyxl.load_workbook(path)
    rows = [["" if v is None else v for v in row]
            for row in book.active.iter_rows(values_only=True)]
    assert all(isinstance(v, str) for row in rows for v in row)  # text stays text
    return rows


def test_the_canonical_headers_are_the_importers() -> None:
    assert header_row() == EXPECTED_HEADER
    recognised = {normalise_header(alias) for names in HEADERS.values() for alias in names}
    assert all(normalise_header(h) in recognised for h in EXPECTED_HEADER)


@pytest.mark.usefixtures("registry")
@pytest.mark.parametrize("suffix", [".csv", ".xlsx"])
def test_export_in_ballot_order_with_status(services: Services, campaign: CampaignInfo,
                                            tmp_path: Path, suffix: str) -> None:
    out = tmp_path / "out"
    out.mkdir()
    path = out / f"候选对象{suffix}"
    assert services.exporter.export(campaign.id, path) == 5
    rows = read_csv(path) if suffix == ".csv" else read_xlsx(path)
    assert rows[0] == EXPECTED_HEADER
    assert [row[:4] for row in rows[1:]] == [
        [WINDOW, "03", "东湖便民窗口", "东湖街道"],
        [WINDOW, "", "王五", "北港街道"],
        [STANDARD, "01", "张三", "东湖街道"],
        [STANDARD, "02", "李四", "西山镇"],
        # In .csv a leading "=" gets a "'" (a spreadsheet shows it as text; the importer
        # takes it off); an .xlsx cell is a text cell, with nothing added.
        [BRAND, "", "'=SUM(1)" if suffix == ".csv" else "=SUM(1)", "南岭乡"],
    ]
    assert rows[3] == [STANDARD, "01", "张三", "东湖街道", "男", "1985-06", "中共党员",
                       "东湖街道便民服务中心主任", "2024年市级先进\n2025年区级优秀",
                       "扎根基层二十年，“马上办”窗口的创办人。", "合格", ""]
    assert rows[2][-2:] == ["不合格", "材料不全"]
    assert rows[4][4:6] == ["女", "1990-12-31"]
    assert [p.name for p in out.iterdir()] == [path.name]  # no temporary file left


@pytest.mark.usefixtures("registry")
@pytest.mark.parametrize("suffix", [".csv", ".xlsx"])
def test_round_trip_into_a_fresh_campaign(services: Services, campaign: CampaignInfo,
                                          tmp_path: Path, suffix: str) -> None:
    path = tmp_path / f"export{suffix}"
    services.exporter.export(campaign.id, path)
    fresh = services.registry.create_campaign("2027年度十佳评选")
    preview = services.importer.preview(fresh.id, path, create_missing=True)
    assert preview.ok, [m.text("en") for m in preview.errors]
    assert preview.unknown_columns == ()
    services.importer.commit(preview)
    original = [c.fields for c in services.candidates.list(campaign.id)]
    copied = services.candidates.list(fresh.id)
    assert [c.fields for c in copied] == original
    # Review decisions are not imported: they are made, and audited, in the app.
    assert {c.status for c in copied} == {CandidateStatus.NOMINATED}
    assert [c.name for c in services.registry.list_categories(fresh.id)] == list(CATEGORY_NAMES)


@pytest.mark.usefixtures("registry")
def test_export_refuses_other_formats_and_reports_write_failures(
        services: Services, campaign: CampaignInfo, tmp_path: Path) -> None:
    out = tmp_path / "out"
    out.mkdir()
    with pytest.raises(RuleError) as caught:
        services.exporter.export(campaign.id, out / "a.xls")
    assert [m.code for m in caught.value.messages] == ["file_unsupported"]
    with pytest.raises(RuleError) as caught:
        services.exporter.export(campaign.id, out / "missing-folder" / "a.csv")
    message = caught.value.messages[0]
    assert message.code == "file_write_failed"
    assert "a.csv" in message.text("en")
    assert "a.csv" in message.text("zh_CN")
    # Written, then not movable into place (a folder of that name): the temporary file goes.
    (out / "taken.xlsx").mkdir()
    with pytest.raises(RuleError) as caught:
        services.exporter.export(campaign.id, out / "taken.xlsx")
    assert caught.value.messages[0].code == "file_write_failed"
    assert [p.name for p in out.iterdir()] == ["taken.xlsx"]


def test_an_empty_registry_exports_the_header(services: Services, campaign: CampaignInfo,
                                              tmp_path: Path) -> None:
    path = tmp_path / "empty.csv"
    assert services.exporter.export(campaign.id, path) == 0
    assert read_csv(path) == [EXPECTED_HEADER]
    done = Message("export_done", {"count": 0, "file": path.name})
    assert done.text("en") == "Exported 0 candidates to “empty.csv”."
    assert done.text("zh_CN") == "已导出 0 名候选对象到“empty.csv”。"
