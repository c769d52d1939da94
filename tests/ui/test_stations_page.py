"""The 计票站 page: this station's key with its QR code, export, registration and import of a
real package in the background, the result dialog, and the actions each role may take."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from desktop.core.accounts.actors import Actor
from desktop.core.enums import Role
from desktop.core.printing.boxes import BoxInfo
from desktop.core.registry.service import CampaignInfo
from desktop.core.services import Services
from desktop.ui.background import wait_for_background
from desktop.ui.context import CampaignContext
from desktop.ui.models.station_models import ImportsModel, StationsModel
from desktop.ui.pages.stations_page import StationsPage
from tests.ballot_files import VOTES, fill_in, print_and_rasterize, save_scans
from tests.station_files import STATION_NAME, StationSetup, make_station
from tests.ui.conftest import MessageBoxes


@pytest.fixture
def station(services: Services, demo: CampaignInfo, box: BoxInfo, tmp_path: Path
            ) -> StationSetup:
    _batch, layout, pages = print_and_rasterize(services, demo.id, box.id, 2, tmp_path)
    setup = make_station(services, tmp_path / "station")
    setup.scan([path for n, (ballot, votes) in enumerate(zip(pages, VOTES, strict=False))
                for path in save_scans(fill_in(layout, ballot, votes), tmp_path / "s", f"b{n}")])
    return setup


def page_for(qtbot: QtBot, services: Services, campaign_id: int) -> StationsPage:
    page = StationsPage(CampaignContext(services, campaign_id))
    qtbot.addWidget(page)
    return page


def cells(model: StationsModel | ImportsModel, column: int) -> list[object]:
    return [model.data(model.index(row, column)) for row in range(model.rowCount())]


def test_the_organiser_makes_a_key_registers_a_station_and_imports_its_package(
    qtbot: QtBot, services: Services, demo: CampaignInfo, station: StationSetup,
    tmp_path: Path, boxes: MessageBoxes,
) -> None:
    page = page_for(qtbot, services, demo.id)
    assert "no station key yet" in page.key_label.text() or "还没有" in page.key_label.text()
    assert page.qr_label.pixmap().isNull()
    page.station_name_edit.setText("组织者办公室")
    page.create_key_button.click()
    key = services.stations.current()
    assert key is not None and key.name == "组织者办公室"
    assert page.fingerprint_label.text() == key.fingerprint_text
    assert not page.qr_label.pixmap().isNull()
    page.copy_qr_button.click()
    assert QGuiApplication.clipboard().text() == key.qr_text

    station_key = station.stations.current()
    assert station_key is not None
    page.register_key_edit.setPlainText(station_key.qr_text)
    page.register_button.click()
    assert cells(page.stations_model, StationsModel.COL_NAME) == [STATION_NAME]
    assert cells(page.stations_model, StationsModel.COL_FINGERPRINT) == [
        station_key.fingerprint_text]

    package = station.stations.export_package(demo.id, tmp_path / "package.zip").path

    def import_and_read() -> str:
        """Import the package, then read the result dialog that opens once it is merged (the
        progress dialog, modal too, comes first on a slow machine) and close it."""
        before = page.controller.result_dialog
        page.controller.import_from(package)
        assert not page.import_button.isEnabled(), "one job at a time"
        qtbot.waitUntil(lambda: page.controller.result_dialog not in (None, before)
                        and page.controller.result_dialog.isVisible(), timeout=60_000)
        dialog = page.controller.result_dialog
        assert dialog is not None and dialog.isModal()
        text = dialog.summary.text() + "\n" + dialog.conflicts.toPlainText()
        dialog.close()
        return text

    shown = import_and_read()
    assert "新增 4 页" in shown and "没有冲突" in shown
    assert cells(page.imports_model, ImportsModel.COL_NEW) == [4]
    assert page.import_button.isEnabled()

    # Importing it again changes nothing, and says so.
    assert "导入过" in import_and_read()
    assert page.imports_model.rowCount() == 1

    page.stations_table.selectRow(0)
    page.revoke_button.click()
    assert boxes.kinds() == ["question"]
    assert cells(page.stations_model, StationsModel.COL_REVOKED)[0]
    assert not page.revoke_button.isEnabled()

    broken = tmp_path / "broken.zip"
    broken.write_bytes(package.read_bytes()[:3000])
    page.controller.import_from(broken)
    assert wait_for_background()
    qtbot.waitUntil(lambda: len(boxes.shown) == 2)
    assert boxes.kinds()[-1] == "warning" and "zip" in boxes.texts()
    page.grab().save(str(tmp_path / "stations.png"))


def test_a_counting_team_exports_and_an_observer_only_looks(
    qtbot: QtBot, services: Services, demo: CampaignInfo, station: StationSetup,
    tmp_path: Path, boxes: MessageBoxes,
) -> None:
    counting = page_for(qtbot, station.services(), demo.id)
    assert counting.export_button.isEnabled()
    assert not counting.import_button.isEnabled()
    assert not counting.register_button.isEnabled()
    counting.controller.export_to(tmp_path / "out.zip")
    qtbot.waitUntil(lambda: bool(boxes.shown), timeout=60_000)
    assert (tmp_path / "out.zip").is_file()
    assert "4" in boxes.texts() and "out.zip" in boxes.texts()
    assert counting.export_button.isEnabled()

    observer = Services.for_database(services.db, Actor("观察员甲", Role.OBSERVER))
    looking = page_for(qtbot, observer, demo.id)
    for button in (looking.create_key_button, looking.export_button, looking.import_button,
                   looking.register_button, looking.revoke_button):
        assert not button.isEnabled()
    assert "无权" in looking.import_button.toolTip()
    assert "无权" in counting.register_button.toolTip()
    assert QApplication.activeModalWidget() is None
