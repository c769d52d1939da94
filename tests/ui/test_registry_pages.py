"""The campaign page (settings, categories) and the units page with its quota matrix."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from desktop.core.enums import CandidateKind, CandidateStatus, Phase
from desktop.core.registry.service import CampaignInfo, CategoryInfo, UnitInfo
from desktop.core.services import Services
from desktop.ui.context import CampaignContext
from desktop.ui.dialogs.registry_dialogs import CategoryDialog
from desktop.ui.models import ObjectRole
from desktop.ui.models.registry_models import (
    OVER_QUOTA_BACKGROUND,
    OVER_QUOTA_TEXT,
    QuotaTableModel,
)
from desktop.ui.pages.campaign_page import CampaignPage
from desktop.ui.pages.units_page import UnitsPage
from tests.conftest import CATEGORY_NAMES, person
from tests.ui.conftest import MessageBoxes


def test_campaign_settings_saved(qtbot: QtBot, services: Services,
                                 campaign: CampaignInfo) -> None:
    page = CampaignPage(CampaignContext(services, campaign.id))
    qtbot.addWidget(page)
    assert page.name.text() == campaign.name
    assert page.phase.currentText() == "推荐报名"
    page.phase.setCurrentIndex(page.phase.findData(Phase.REVIEW))
    page.dates["voting_opens_on"].set_value(dt.date(2026, 5, 1))
    page.summary_max_chars.setValue(500)
    page.save()
    saved = services.registry.get_campaign(campaign.id)
    assert saved.phase == Phase.REVIEW
    assert saved.voting_opens_on == dt.date(2026, 5, 1)
    assert saved.starts_on is None
    assert saved.summary_max_chars == 500


def test_categories_listed_and_moved(qtbot: QtBot, services: Services, campaign: CampaignInfo,
                                     categories: list[CategoryInfo]) -> None:
    page = CampaignPage(CampaignContext(services, campaign.id))
    qtbot.addWidget(page)
    assert page.model.rowCount() == 3
    assert page.model.data(page.model.index(0, 4)) == "服务窗口"
    page.table.selectRow(2)
    page.move_category(-1)
    names = [c.name for c in services.registry.list_categories(campaign.id)]
    assert names == [CATEGORY_NAMES[0], CATEGORY_NAMES[2], CATEGORY_NAMES[1]]
    assert page.selected_category().name == CATEGORY_NAMES[2]


def test_category_dialog_marks_follow_winners_until_edited(qtbot: QtBot) -> None:
    dialog = CategoryDialog()
    qtbot.addWidget(dialog)
    dialog.name.setText("最美信访干部")
    dialog.winners.setValue(15)
    assert dialog.max_marks.value() == 15
    dialog.max_marks.setValue(12)
    dialog.winners.setValue(20)
    dialog.kind.setCurrentIndex(dialog.kind.findData(CandidateKind.PERSON))
    values = dialog.values()
    assert (values.winners, values.max_marks, values.kind) == (20, 12, CandidateKind.PERSON)


def test_units_page_shows_over_quota_in_red(
        qtbot: QtBot, services: Services, campaign: CampaignInfo,
        categories: list[CategoryInfo], units: list[UnitInfo], boxes: MessageBoxes) -> None:
    staff = categories[1]
    east = units[0]
    services.registry.update_unit(east.id, quota=2)
    for name in ("孙悦", "周洋"):
        services.candidates.add(campaign.id, person(name, east.name))
    services.candidates.add(campaign.id, person("吴桐", units[1].name))
    services.registry.update_unit(east.id, quota=1)  # lowered below what it nominated

    page = UnitsPage(CampaignContext(services, campaign.id))
    qtbot.addWidget(page)
    assert page.units.rowCount() == 5
    model = page.quota
    assert model.columnCount() == QuotaTableModel.COL_FIRST_CATEGORY + 3
    assert model.headerData(QuotaTableModel.COL_FIRST_CATEGORY + 1,
                            Qt.Orientation.Horizontal) == staff.name
    row = next(r for r in range(model.rowCount())
               if model.data(model.index(r, 0), ObjectRole).unit.id == east.id)
    cell = model.index(row, QuotaTableModel.COL_FIRST_CATEGORY + 1)
    assert model.data(cell) == "2/1"
    assert model.data(cell, Qt.ItemDataRole.ForegroundRole) == OVER_QUOTA_TEXT
    assert model.data(cell, Qt.ItemDataRole.BackgroundRole) == OVER_QUOTA_BACKGROUND
    assert "超出" in model.data(cell, Qt.ItemDataRole.ToolTipRole)
    assert model.data(model.index(row, 0), Qt.ItemDataRole.ForegroundRole) == OVER_QUOTA_TEXT
    fine = model.index(row, QuotaTableModel.COL_FIRST_CATEGORY)
    assert model.data(fine) == "0/1"
    assert model.data(fine, Qt.ItemDataRole.BackgroundRole) is None
    assert page.summary.text() == "5 个单位中有 1 个超限额"

    page.only_over.setChecked(True)
    assert page.quota_proxy.rowCount() == 1
    assert page.quota_proxy.data(page.quota_proxy.index(0, 0)) == east.name
    page.only_over.setChecked(False)
    assert page.quota_proxy.rowCount() == 5

    # The review settles it: a rejected nomination no longer counts.
    candidate = services.candidates.list(campaign.id, unit_id=east.id)[0]
    services.candidates.set_status([candidate.id], CandidateStatus.REJECTED, "重复推荐")
    page.context.changed()
    assert model.data(cell) == "1/1"
    assert model.data(cell, Qt.ItemDataRole.BackgroundRole) is None


def test_lowering_a_quota_warns(qtbot: QtBot, services: Services, campaign: CampaignInfo,
                                categories: list[CategoryInfo], units: list[UnitInfo],
                                boxes: MessageBoxes, monkeypatch: pytest.MonkeyPatch) -> None:
    from desktop.ui.dialogs import registry_dialogs

    services.candidates.add(campaign.id, person("孙悦", units[0].name))
    services.candidates.add(campaign.id, person("周洋", units[0].name))
    page = UnitsPage(CampaignContext(services, campaign.id))
    qtbot.addWidget(page)
    page.unit_table.selectRow(0)
    monkeypatch.setattr(registry_dialogs.UnitDialog, "exec", lambda self: 1)
    monkeypatch.setattr(registry_dialogs.UnitDialog, "values",
                        lambda self: (units[0].name, 1))
    page.edit_unit()
    assert boxes.kinds() == ["information"]
    assert "超出限额" in boxes.texts()
    assert services.registry.list_units(campaign.id)[0].quota == 1
