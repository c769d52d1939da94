"""The main window in both languages, the welcome page, the demo, the language switch."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QProgressDialog, QWidget
from pytestqt.qtbot import QtBot

from desktop.core.registry.service import CampaignInfo
from desktop.core.services import Services
from desktop.ui.app import Shell
from desktop.ui.dialogs.backup_dialogs import RestoreSecretsDialog
from desktop.ui.i18n import chosen_language, install_language, language_for_locale
from desktop.ui.main_window import MainWindow
from desktop.ui.pages import PAGES
from desktop.ui.pages.candidates_page import CandidatesPage
from desktop.ui.pages.units_page import UnitsPage
from tests.ui.conftest import MessageBoxes, when_modal

#: Seals the secrets of the backup the File menu takes.
PASSPHRASE = "备份口令 for the window"


def nav_texts(window: MainWindow) -> list[str]:
    return [window.nav.item(row).text() for row in range(window.nav.count())]


@pytest.mark.parametrize(("language", "title", "nav", "file_menu"), [
    ("zh_CN", "选票台 — 测试员（组织者）", ["评选活动", "候选对象", "推荐单位", "选票", "扫描",
                                           "审核", "计票站", "网络投票与专家评分", "审计日志",
                                           "结果", "账户"], "文件(&F)"),
    ("en", "BallotDesk — 测试员 (Organiser)", [
        "Campaign", "Candidates", "Nominating units", "Ballots", "Scan", "Review", "Stations",
        "Online votes and expert scores", "Audit log", "Results", "Accounts"], "&File"),
])
def test_opens_in_each_language(qtbot: QtBot, services: Services, campaign: CampaignInfo,
                                language: str, title: str, nav: list[str],
                                file_menu: str) -> None:
    install_language(language)
    window = MainWindow(services, language=language)
    qtbot.addWidget(window)
    window.show()
    assert window.windowTitle() == title
    assert nav_texts(window) == nav
    assert window.menuBar().actions()[0].text() == file_menu
    assert window.outer.currentWidget() is window.workspace
    assert window.campaign_combo.currentText() == campaign.name
    assert len(PAGES) == window.nav.count() == window.stack.count()


def test_welcome_page_then_demo_lists_candidates(qtbot: QtBot, services: Services) -> None:
    window = MainWindow(services)
    qtbot.addWidget(window)
    window.show()
    assert window.outer.currentWidget() is window.welcome
    assert window.welcome.demo_button.text() == "打开演示活动"
    window.welcome.demo_button.click()
    # Created in the background (seconds on a slow machine): the window stays responsive and
    # shows it is busy; a second click does not start a second demo.
    assert window.demo_job is not None
    assert window.cursor().shape() == Qt.CursorShape.BusyCursor
    assert window.outer.currentWidget() is window.welcome
    window.demo_action.trigger()
    qtbot.waitUntil(lambda: window.outer.currentWidget() is window.workspace, timeout=60_000)
    assert window.cursor().shape() != Qt.CursorShape.BusyCursor
    assert not any(isinstance(w, QProgressDialog) and w.isVisible()
                   for w in QApplication.topLevelWidgets())
    page = window.page(CandidatesPage)
    assert window.stack.currentWidget() is page
    assert page.model.rowCount() == 150
    assert page.proxy.rowCount() == 150
    assert "150 名候选对象" in window.counts_label.text()
    assert window.campaign_combo.count() == 1


def test_new_campaign_from_the_welcome_page(qtbot: QtBot, services: Services,
                                            monkeypatch: pytest.MonkeyPatch) -> None:
    from PySide6.QtWidgets import QInputDialog

    monkeypatch.setattr(QInputDialog, "getText",
                        staticmethod(lambda *_args, **_kw: ("2027年度最美信访干部评选", True)))
    window = MainWindow(services)
    qtbot.addWidget(window)
    window.welcome.new_button.click()
    assert [c.name for c in services.registry.list_campaigns()] == ["2027年度最美信访干部评选"]
    assert window.outer.currentWidget() is window.workspace
    assert window.stack.currentIndex() == 0


def test_campaign_selector_switches_pages(qtbot: QtBot, services: Services,
                                          campaign: CampaignInfo) -> None:
    from desktop.core.demo import create_demo

    demo = create_demo(services)
    window = MainWindow(services, campaign.id)
    qtbot.addWidget(window)
    page = window.page(CandidatesPage)
    assert page.model.rowCount() == 0
    window.campaign_combo.setCurrentIndex(window.campaign_combo.findData(demo.id))
    window.campaign_combo.activated.emit(window.campaign_combo.currentIndex())
    assert window.context.campaign_id == demo.id
    assert page.model.rowCount() == 150
    assert window.page(UnitsPage).quota.rowCount() == 10


def test_language_switch_rebuilds_the_window(qtbot: QtBot, services: Services,
                                             campaign: CampaignInfo) -> None:
    shell = Shell(services, "zh_CN")
    first = shell.window
    qtbot.addWidget(first)
    first.show()
    first.choose_language("en")
    second = shell.window
    qtbot.addWidget(second)
    assert second is not first
    assert second.windowTitle() == "BallotDesk — 测试员 (Organiser)"
    assert nav_texts(second)[0] == "Campaign"
    assert second.context.campaign_id == campaign.id
    assert chosen_language() == "en"
    second.choose_language("zh_CN")
    assert shell.window.windowTitle() == "选票台 — 测试员（组织者）"
    qtbot.addWidget(shell.window)
    assert chosen_language() == "zh_CN"


@pytest.mark.parametrize(("locale", "language"), [
    ("zh_CN", "zh_CN"), ("zh_TW", "zh_CN"), ("en_US", "en"), ("en", "en"),
    ("de_DE", "zh_CN"), ("C", "zh_CN"), ("", "zh_CN"),
])
def test_language_for_locale(locale: str, language: str) -> None:
    assert language_for_locale(locale) == language


def test_about_box(qtbot: QtBot, services: Services, boxes: MessageBoxes) -> None:
    window = MainWindow(services)
    qtbot.addWidget(window)
    window.about()
    assert boxes.kinds() == ["about"]
    assert "选票台" in boxes.texts()


def test_every_page_has_its_own_drawn_icon(qapp: QApplication) -> None:
    """No two pages share a generic icon (and scanning is no floppy disk): each page names its
    own drawing, which renders to a visible picture."""
    from desktop.ui.icons import nav_icon, nav_icon_path

    names = [page.nav_icon for page in PAGES]
    assert len(set(names)) == len(names), names
    pictures = set()
    for name in names:
        assert nav_icon_path(name).is_file(), name
        image = nav_icon(name).pixmap(24, 24).toImage()
        drawn = sum(image.pixelColor(x, y).alpha() > 0 for x in range(24) for y in range(24))
        assert drawn > 24, f"{name} draws almost nothing"
        pictures.add(bytes(image.constBits()))
    assert len(pictures) == len(names)


def test_file_menu_backs_up_restores_and_reads_again(
        qtbot: QtBot, services: Services, campaign: CampaignInfo, boxes: MessageBoxes,
        tmp_path: Path) -> None:
    window = MainWindow(services)
    qtbot.addWidget(window)
    file_menu = window.menuBar().actions()[0].menu()
    texts = [a.text() for a in file_menu.actions()]
    assert {"备份…", "从备份恢复…", "重新识别全部扫描图像…"} <= set(texts)
    maintenance = window.maintenance

    maintenance.backup_to(tmp_path / "backups", PASSPHRASE)
    qtbot.waitUntil(lambda: "已备份到" in boxes.texts(), timeout=30_000)
    (folder,) = (tmp_path / "backups").iterdir()
    services.registry.create_campaign("备份之后新建的活动")

    def give_passphrase(dialog: QWidget) -> None:
        assert isinstance(dialog, RestoreSecretsDialog)
        dialog.passphrase.setText(PASSPHRASE)
        dialog.accept()

    when_modal(give_passphrase, timeout_ms=30_000)  # the backup's secrets are sealed
    with qtbot.waitSignal(window.switchUserRequested, timeout=30_000):
        maintenance.restore_from(folder)
    assert boxes.kinds()[-2:] == ["question", "information"]
    assert "已从" in boxes.texts() and "审计链锚点" in boxes.texts()
    assert [c.name for c in services.registry.list_campaigns()] == [campaign.name]

    maintenance.recount()
    qtbot.waitUntil(lambda: "与记录完全一致" in boxes.shown[-1][2], timeout=30_000)


def test_a_damaged_backup_is_refused_before_anything_is_asked(
        qtbot: QtBot, services: Services, campaign: CampaignInfo, boxes: MessageBoxes,
        tmp_path: Path) -> None:
    window = MainWindow(services)
    qtbot.addWidget(window)
    window.maintenance.restore_from(tmp_path)  # no manifest: not a backup
    qtbot.waitUntil(lambda: bool(boxes.shown), timeout=30_000)
    assert boxes.kinds() == ["warning"]
    assert [c.name for c in services.registry.list_campaigns()] == [campaign.name]
