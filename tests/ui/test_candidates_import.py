"""The import wizard, end to end on real files: preview in the background, then commit."""

from __future__ import annotations

import shutil
from pathlib import Path

import openpyxl
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QProgressDialog, QWizard
from pytestqt.qtbot import QtBot

from desktop.core.registry.service import CampaignInfo, CategoryInfo, UnitInfo
from desktop.core.services import Services
from desktop.ui.models.preview_model import (
    COL_NAME,
    COL_PROBLEMS,
    COL_ROW,
    ERROR_BACKGROUND,
    WARNING_BACKGROUND,
)
from desktop.ui.pages.candidates_import import ImportWizard
from tests.conftest import CATEGORY_NAMES, person

STAFF = CATEGORY_NAMES[1]
DATA = Path(__file__).parents[1] / "data" / "imports"
HEADER = ["奖项", "推荐单位", "姓名", "性别", "出生年月", "事迹简介", "备用列"]


def open_wizard(qtbot: QtBot, services: Services, campaign: CampaignInfo,
                path: Path) -> ImportWizard:
    wizard = ImportWizard(services, campaign.id)
    qtbot.addWidget(wizard)
    wizard.show()
    wizard.file_page.path.setText(str(path))
    assert wizard.file_page.isComplete()
    wizard.next()
    assert wizard.currentPage() is wizard.column_page
    qtbot.waitUntil(lambda: wizard.column_page.guess is not None, timeout=10_000)
    wizard.next()
    assert wizard.currentPage() is wizard.preview_page
    qtbot.waitUntil(lambda: wizard.preview is not None, timeout=10_000)
    return wizard


def test_preview_marks_errors_red_and_warnings_amber(
        qtbot: QtBot, services: Services, campaign: CampaignInfo,
        categories: list[CategoryInfo], units: list[UnitInfo], tmp_path: Path) -> None:
    services.candidates.add(campaign.id, person("孙悦", "东湖街道"))
    path = tmp_path / "推荐汇总.csv"
    rows = [
        ",".join(HEADER),
        f"{STAFF},西山镇,周洋,男,1980.5,扎根基层,x",
        f"{STAFF},东湖街道,孙悦,女,1990-01,,x",  # same name as an existing candidate
        f"{STAFF},西山镇,,男,,,x",  # no name
    ]
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")
    wizard = open_wizard(qtbot, services, campaign, path)
    page = wizard.preview_page
    model = page.model
    assert model.rowCount() == 3
    background = [model.data(model.index(r, COL_NAME), Qt.ItemDataRole.BackgroundRole)
                  for r in range(3)]
    assert background == [None, WARNING_BACKGROUND, ERROR_BACKGROUND]
    assert model.data(model.index(2, COL_ROW)) == 4
    assert "姓名" in model.data(model.index(2, COL_PROBLEMS))
    # the column step showed the unknown column as not imported, so the preview is silent
    assert wizard.column_page.combo("备用列").currentData() == "ignore"
    assert "备用列" not in page.notes.text()
    assert "1 个错误" in page.status.text()
    assert not page.isComplete()
    assert not wizard.button(QWizard.WizardButton.NextButton).isEnabled()
    assert len(services.candidates.list(campaign.id)) == 1


def test_xlsx_with_a_new_unit_created_along(
        qtbot: QtBot, services: Services, campaign: CampaignInfo,
        categories: list[CategoryInfo], units: list[UnitInfo], tmp_path: Path) -> None:
    path = tmp_path / "推荐表.xlsx"
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(HEADER[:6])
    sheet.append([STAFF, "西山镇", "周洋", "男", "1980.5", "扎根基层二十年"])
    sheet.append([STAFF, "新港镇", "郑好", "女", "1992-03", "社区网格员"])
    sheet.append([CATEGORY_NAMES[0], "新港镇", "新港镇便民服务窗口", "", "", "一窗通办"])
    book.save(path)

    wizard = open_wizard(qtbot, services, campaign, path)
    page = wizard.preview_page
    assert page.model.rowCount() == 3
    assert not page.isComplete()
    assert page.create_missing.isVisible()
    assert "新港镇" in page.notes.text()

    wizard.preview = None
    page.create_missing.setChecked(True)
    qtbot.waitUntil(lambda: wizard.preview is not None, timeout=10_000)
    assert wizard.preview.create_missing
    assert page.isComplete()
    wizard.next()
    assert wizard.currentPage() is wizard.result_page
    # The commit is a job (run_job): its progress dialog over the page until it ends.
    job_dialog = wizard.result_page.findChild(QProgressDialog)
    assert job_dialog is not None
    assert job_dialog.labelText() == wizard.result_page.label.text() == "正在导入…"
    qtbot.waitUntil(lambda: wizard.result_text is not None, timeout=10_000)
    assert wizard.result_page.isComplete()
    assert "3" in wizard.result_page.label.text()
    qtbot.waitUntil(lambda: wizard.result_page.findChild(QProgressDialog) is None)
    names = {c.name for c in services.candidates.list(campaign.id)}
    assert names == {"周洋", "郑好", "新港镇便民服务窗口"}
    assert "新港镇" in {u.name for u in services.registry.list_units(campaign.id)}



def test_the_column_step_reads_xuhao_as_the_number_when_told_and_keeps_it(
        qtbot: QtBot, services: Services, campaign: CampaignInfo,
        categories: list[CategoryInfo], units: list[UnitInfo], tmp_path: Path) -> None:
    """The township form LibreOffice saved as .xls: 序号 is offered as a row count; set to the
    number, the preview numbers the candidates, and the next wizard for a file of the same
    shape starts from that choice."""
    path = Path(shutil.copy(DATA / "乡镇推荐表.xls", tmp_path / "乡镇推荐表.xls"))
    wizard = ImportWizard(services, campaign.id)
    qtbot.addWidget(wizard)
    wizard.show()
    wizard.file_page.path.setText(str(path))
    wizard.next()
    page = wizard.column_page
    qtbot.waitUntil(lambda: page.guess is not None, timeout=10_000)
    combo = page.combo("序号")
    assert combo.currentData() == "row_count"
    assert "行数" in combo.currentText()
    assert page.table.item(0, 1).text() == "1、2、3"
    combo.setCurrentIndex(combo.findData("number"))
    wizard.next()
    qtbot.waitUntil(lambda: wizard.preview is not None, timeout=10_000)
    assert [r.fields.number for r in wizard.preview.rows] == [1, 2, 3, 4]
    assert wizard.preview_page.isComplete()
    wizard.next()
    qtbot.waitUntil(lambda: wizard.result_text is not None, timeout=10_000)
    assert len(services.candidates.list(campaign.id)) == 4

    again = ImportWizard(services, campaign.id)
    qtbot.addWidget(again)
    again.show()
    again.file_page.path.setText(str(path))
    again.next()
    qtbot.waitUntil(lambda: again.column_page.guess is not None, timeout=10_000)
    assert again.column_page.combo("序号").currentData() == "number"
    assert "上次" in again.column_page.status.text()


def test_a_file_two_encodings_decode_offers_both_readings(
        qtbot: QtBot, services: Services, campaign: CampaignInfo,
        categories: list[CategoryInfo], units: list[UnitInfo], tmp_path: Path) -> None:
    """The Big5 form LibreOffice wrote also decodes in GB18030 (as gibberish): the preview
    reads it as Big5, shows the other reading, and the user can switch to it."""
    path = Path(shutil.copy(DATA / "推薦表_big5.csv", tmp_path / "推薦表.csv"))
    wizard = open_wizard(qtbot, services, campaign, path)
    page = wizard.preview_page
    assert page.encoding_row.isVisible()
    assert page.encoding.currentData() == "cp950"
    assert [r.fields.name for r in wizard.preview.rows] == ["陳曾", "張偉明"]
    assert "gb18030" in page.notes.text()
    page.encoding.setCurrentIndex(page.encoding.findData("gb18030"))
    page.encoding.activated.emit(page.encoding.currentIndex())
    # read as GB18030 the headers are gibberish: refused, never imported garbled
    qtbot.waitUntil(lambda: "找不到表头" in page.status.text(), timeout=10_000)
    assert wizard.preview is None and not page.isComplete()
    page.encoding.setCurrentIndex(page.encoding.findData("cp950"))
    page.encoding.activated.emit(page.encoding.currentIndex())
    qtbot.waitUntil(lambda: wizard.preview is not None, timeout=10_000)
    assert [r.fields.name for r in wizard.preview.rows] == ["陳曾", "張偉明"]
