"""Candidate forms as offices send them (issue 13, points 5–7): files LibreOffice wrote
(tests/data/imports/make_files.py), imported through the real importer into a real database."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from desktop.core.enums import Sex
from desktop.core.registry.importing import ImportPreview
from desktop.core.registry.service import CampaignInfo, CategoryInfo, UnitInfo
from desktop.core.services import Services
from desktop.core.tabular import IGNORE, read_table
from tests.conftest import CATEGORY_NAMES

pytestmark = pytest.mark.both_backends

DATA = Path(__file__).parents[1] / "data" / "imports"
WINDOW, STAFF, _ = CATEGORY_NAMES
#: The township form, re-saved by LibreOffice as each kind of file offices send.
FORMS = ["乡镇推荐表.xlsx", "乡镇推荐表.xls", "乡镇推荐表_gbk.csv"]


@pytest.fixture
def ready(categories: list[CategoryInfo], units: list[UnitInfo]) -> None:
    """The campaign with its categories and units."""


def copy(tmp_path: Path, name: str, as_name: str | None = None) -> Path:
    """A copy, so that a test never changes the committed file."""
    return Path(shutil.copy(DATA / name, tmp_path / (as_name or name)))


def codes(preview: ImportPreview) -> list[str]:
    return [m.code for m in preview.file_messages]


@pytest.mark.usefixtures("ready")
@pytest.mark.parametrize("name", FORMS)
def test_township_form_imports_as_filled_in(services: Services, campaign: CampaignInfo,
                                            tmp_path: Path, name: str) -> None:
    """Title row, 序号, 推荐奖项 merged over its rows, 基本情况 merged over 性别/出生年月/政治面貌,
    a 填表人/日期 footer: four candidates, none refused."""
    preview = services.importer.preview(campaign.id, copy(tmp_path, name))
    assert preview.ok, [m.text("en") for m in preview.errors]
    assert [(r.row, r.fields.category, r.fields.name) for r in preview.rows] == [
        (4, STAFF, "周洋"), (5, STAFF, "孙悦"), (6, STAFF, "陈曾"),
        (7, WINDOW, "东湖街道便民服务中心")]
    # 序号 is a running count, not the ballot number: no duplicate-number refusals
    assert [r.fields.number for r in preview.rows] == [None] * 4
    assert preview.rows[0].fields.sex is Sex.MALE
    assert preview.rows[1].fields.birth == "1990-01"
    assert preview.rows[2].fields.political == "中共党员"
    assert preview.mapping["序号"] == "row_count"
    assert preview.mapping["推荐奖项"] == "category"
    assert "unknown_columns" not in codes(preview)
    filled = next(m for m in preview.file_messages if m.code == "category_filled_down")
    assert "5" in filled.text("en") and "6" in filled.text("en")
    result = services.importer.commit(preview)
    assert result.count == 4
    imported = services.candidates.list(campaign.id)
    assert sorted(c.name for c in imported if c.category == STAFF) == ["周洋", "孙悦", "陈曾"]


@pytest.mark.usefixtures("ready")
def test_a_mapping_makes_xuhao_the_number_and_is_kept_for_the_same_shape(
        services: Services, campaign: CampaignInfo, tmp_path: Path) -> None:
    path = copy(tmp_path, "乡镇推荐表.xlsx")
    guess = services.importer.columns(campaign.id, path)
    assert guess.origin == "suggested"
    assert guess.mapping["序号"] == "row_count"
    assert guess.samples["序号"] == "1、2、3"
    mapping = {**guess.mapping, "序号": "number", "事迹简介": IGNORE}
    preview = services.importer.preview(campaign.id, path, mapping=mapping)
    assert [r.fields.number for r in preview.rows] == [1, 2, 3, 4]
    assert all(r.fields.summary == "" for r in preview.rows)
    services.importer.commit(preview)
    # the next file of the same shape (another township's) is read the same way
    other = copy(tmp_path, "乡镇推荐表.xls", "西山镇推荐表.xls")
    again = services.importer.columns(campaign.id, other)
    assert again.origin == "saved"
    assert again.mapping["序号"] == "number"
    assert again.mapping["事迹简介"] == IGNORE
    preview = services.importer.preview(campaign.id, other)
    assert [r.fields.number for r in preview.rows] == [1, 2, 3, 4]
    # now each number is taken by the first import: the rules still hold
    assert all("duplicate_number" in [m.code for m in r.messages] for r in preview.rows)


@pytest.mark.usefixtures("ready")
def test_a_blank_category_without_one_above_is_still_an_error(
        services: Services, campaign: CampaignInfo, tmp_path: Path) -> None:
    path = tmp_path / "form.csv"
    path.write_text("推荐奖项,姓名,推荐单位\n,周洋,东湖街道\n", encoding="utf-8")
    preview = services.importer.preview(campaign.id, path)
    assert not preview.ok
    assert "category_filled_down" not in codes(preview)


def test_xls_reads_like_xlsx(tmp_path: Path) -> None:
    """The legacy .xls LibreOffice wrote reads cell for cell as its .xlsx: dates as shown,
    numbers without '.0', the same header and footer handling."""
    aliases = {"name": ("姓名",), "birth": ("出生年月",), "row_count": ("序号",)}
    xls = read_table(DATA / "乡镇推荐表.xls", aliases, ("name",))
    xlsx = read_table(DATA / "乡镇推荐表.xlsx", aliases, ("name",))
    assert [r.cells for r in xls.rows] == [r.cells for r in xlsx.rows]
    assert xls.rows[0].cells == {"name": "周洋", "birth": "1980-05", "row_count": "1"}
    assert xls.sheet == "推荐汇总"
    assert xls.header_row == 3


def test_wps_et_is_read_as_the_xls_it_is(tmp_path: Path) -> None:
    """WPS's .et keeps the Excel 97 (BIFF8) format: the same reader takes it."""
    table = read_table(copy(tmp_path, "乡镇推荐表.xls", "推荐表.et"), {"name": ("姓名",)},
                       ("name",))
    assert [r.cells["name"] for r in table.rows][:2] == ["周洋", "孙悦"]


@pytest.mark.usefixtures("ready")
def test_big5_form_reads_as_big5_and_shows_the_other_reading(
        services: Services, campaign: CampaignInfo, tmp_path: Path) -> None:
    """The Big5 CSV LibreOffice wrote: its bytes also decode in GB18030 (as gibberish); the
    whole file's evidence picks Big5, the preview names the other reading, and the names
    import as written (they used to be refused with "找不到表头")."""
    preview = services.importer.preview(campaign.id, copy(tmp_path, "推薦表_big5.csv"),
                                        create_missing=True)
    assert preview.encoding == "cp950"
    assert [r.fields.name for r in preview.rows] == ["陳曾", "張偉明"]
    assert [r.fields.category for r in preview.rows] == ["十佳優秀服務標兵"] * 2
    assert [other for other, _ in preview.alternatives] == ["gb18030"]
    shown = next(m for m in preview.file_messages if m.code == "encoding_alternative")
    assert "cp950" in shown.text("zh_CN") and "gb18030" in shown.text("zh_CN")
    assert "陳曾" in shown.text("zh_CN")
    assert preview.ok
    assert services.importer.commit(preview).count == 2
    assert {c.name for c in services.candidates.list(campaign.id)} == {"陳曾", "張偉明"}


@pytest.mark.usefixtures("ready")
def test_bytes_valid_in_big5_and_gbk_show_both_readings_and_the_pick_is_honoured(
        services: Services, campaign: CampaignInfo, tmp_path: Path) -> None:
    """陳曾 in Big5 is also valid GBK (朝纯): both readings are shown, and the reading the user
    picks is the one imported."""
    path = tmp_path / "推荐.csv"
    path.write_bytes(b"name,unit\r\n" + "陳曾".encode("big5") + b",Donghu\r\n")
    preview = services.importer.preview(campaign.id, path, create_missing=True,
                                        default_category=STAFF)
    assert (preview.encoding, preview.rows[0].fields.name) == ("cp950", "陳曾")
    assert preview.alternatives == (("gbk", "朝纯 Donghu"),)
    shown = next(m for m in preview.file_messages if m.code == "encoding_alternative")
    assert "陳曾 Donghu" in shown.text("zh_CN") and "朝纯 Donghu" in shown.text("zh_CN")
    picked = services.importer.preview(campaign.id, path, create_missing=True,
                                       default_category=STAFF, encoding="gbk")
    assert (picked.encoding, picked.rows[0].fields.name) == ("gbk", "朝纯")
    services.importer.commit(picked)
    assert [c.name for c in services.candidates.list(campaign.id)] == ["朝纯"]


def test_online_export_that_two_encodings_decode_says_so(
        services: Services, campaign: CampaignInfo, tmp_path: Path) -> None:
    path = tmp_path / "平台导出.csv"
    path.write_bytes(b"number,name,votes\r\n1," + "陳曾".encode("big5") + b",35\r\n")
    preview = services.online.preview(campaign.id, path, "平台A")
    assert "encoding_alternative" in [m.code for m in preview.messages]
    forced = services.online.preview(campaign.id, path, "平台A",
                                     encoding="gbk" if preview.encoding != "gbk" else "cp950")
    assert forced.encoding != preview.encoding
    assert "encoding_alternative" not in [m.code for m in forced.messages]
