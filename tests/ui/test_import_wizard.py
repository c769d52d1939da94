"""The import wizard, end to end on real files: preview in the background, then commit."""

from __future__ import annotations

from pathlib import Path

import openpyxl
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWizard
from pytestqt.qtbot import QtBot

from desktop.core.registry import CampaignInfo, CategoryInfo, UnitInfo
from desktop.core.services import Services
from desktop.ui.import_wizard import ImportWizard
from desktop.ui.models.preview_model import (
    COL_NAME,
    COL_PROBLEMS,
    COL_ROW,
    ERROR_BACKGROUND,
    WARNING_BACKGROUND,
)
from tests.conftest import CATEGORY_NAMES, person

STAFF = CATEGORY_NAMES[1]
HEADER = ["奖项", "推荐单位", "姓名", "性别", "出生年月", "事迹简介", "备用列"]


def open_wizard(qtbot: QtBot, services: Services, campaign: CampaignInfo,
                path: Path) -> ImportWizard:
    wizard = ImportWizard(services, campaign.id)
    qtbot.addWidget(wizard)
    wizard.show()
    wizard.file_page.path.setText(str(path))
    assert wizard.file_page.isComplete()
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
    assert "备用列" in page.notes.text()
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
    qtbot.waitUntil(lambda: wizard.result_text is not None, timeout=10_000)
    assert wizard.result_page.isComplete()
    assert "3" in wizard.result_page.label.text()
    names = {c.name for c in services.candidates.list(campaign.id)}
    assert names == {"周洋", "郑好", "新港镇便民服务窗口"}
    assert "新港镇" in {u.name for u in services.registry.list_units(campaign.id)}

