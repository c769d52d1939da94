"""Signing in: the first organiser, the sign-in form, the window for each role, switching user
and changing one's password."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from ballotformat.messages import RuleError
from desktop.core.accounts import service as accounts
from desktop.core.accounts.actors import Actor
from desktop.core.accounts.service import Accounts
from desktop.core.enums import Role
from desktop.core.registry.service import CampaignInfo, UnitInfo
from desktop.core.services import Services
from desktop.core.store.db import Database
from desktop.ui.app import Shell
from desktop.ui.context import CampaignContext
from desktop.ui.dialogs.account_dialogs import (
    ChangePasswordDialog,
    FirstOrganiserDialog,
    SignInDialog,
    last_user,
    remember_user,
    start_session,
)
from desktop.ui.dialogs.registry_dialogs import UnitDialog
from desktop.ui.i18n import install_language
from desktop.ui.main_window import MainWindow
from desktop.ui.pages.accounts_page import AccountsPage
from desktop.ui.pages.ballots_page import BallotsPage
from desktop.ui.pages.campaign_page import CampaignPage
from desktop.ui.pages.candidates_page import CandidatesPage
from desktop.ui.pages.online_experts_page import OnlineExpertsPage
from desktop.ui.pages.results_page import ResultsPage
from desktop.ui.pages.review_page import ReviewPage
from desktop.ui.pages.scan_page import ScanPage
from desktop.ui.pages.units_page import UnitsPage
from tests.conftest import ORGANISER, PASSWORD
from tests.ui.conftest import MessageBoxes, when_modal

pytestmark = pytest.mark.both_backends

OBSERVER = Actor("观察员小林", Role.OBSERVER)
COUNTER = Actor("计票员小周", Role.COUNTING)


@pytest.fixture
def db(db_url: str) -> Iterator[Database]:
    opened = Database.open(db_url)
    yield opened
    opened.dispose()


def as_actor(services: Services, actor: Actor) -> Services:
    return Services.for_database(services.db, actor)


def with_accounts(db: Database) -> Accounts:
    """The organiser of the tests, an observer and a counting-team member, one password."""
    organiser = accounts.setup(db, ORGANISER.name, PASSWORD)
    service = Accounts(db, organiser)
    service.create(OBSERVER.name, Role.OBSERVER, PASSWORD)
    service.create(COUNTER.name, Role.COUNTING, PASSWORD)
    return service


def test_first_organiser_is_created_and_signed_in(qtbot: QtBot, db: Database) -> None:
    dialog = FirstOrganiserDialog(db)
    qtbot.addWidget(dialog)
    dialog.name.setText("张三")
    dialog.full_name.setText("张三丰")
    dialog.password.setText("短密码")
    dialog.again.setText("短密码")
    dialog.accept()
    assert dialog.problem.text() == "• 密码至少需要 8 个字符。"
    assert not accounts.has_accounts(db)
    dialog.password.setText("足够长的密码12345")
    dialog.again.setText("另一个密码12345")
    dialog.accept()
    assert dialog.problem.text() == "两次输入的密码不一致。"
    assert not accounts.has_accounts(db)
    dialog.again.setText("足够长的密码12345")
    dialog.accept()
    assert dialog.result() == FirstOrganiserDialog.DialogCode.Accepted
    assert dialog.actor == Actor("张三", Role.ORGANISER)
    assert [(a.name, a.full_name, a.role) for a in Accounts(db, dialog.actor).list()] == [
        ("张三", "张三丰", Role.ORGANISER)]
    assert last_user() == "张三"


def test_start_session_asks_for_the_first_organiser(qtbot: QtBot, db: Database) -> None:
    def fill(dialog: QWidget) -> None:
        assert isinstance(dialog, FirstOrganiserDialog)
        assert dialog.windowTitle() == "创建第一位组织者"
        dialog.name.setText("李四")
        dialog.password.setText("足够长的密码12345")
        dialog.again.setText("足够长的密码12345")
        dialog.buttons.accepted.emit()

    when_modal(fill)
    assert start_session(db) == Actor("李四", Role.ORGANISER)


def test_sign_in_refuses_a_wrong_password_then_accepts(qtbot: QtBot, db: Database) -> None:
    with_accounts(db)
    remember_user(OBSERVER.name)
    dialog = SignInDialog(db)
    qtbot.addWidget(dialog)
    assert dialog.name.text() == OBSERVER.name
    dialog.password.setText("不对的密码000")
    dialog.accept()
    assert dialog.problem.text() == "• 用户名或密码不正确。"
    assert dialog.password.text() == ""
    assert dialog.actor is None
    dialog.password.setText(PASSWORD)
    dialog.accept()
    assert dialog.result() == SignInDialog.DialogCode.Accepted
    assert dialog.actor == OBSERVER


def test_sign_in_cancelled_gives_nobody(qtbot: QtBot, db: Database) -> None:
    with_accounts(db)
    when_modal(lambda dialog: dialog.reject())
    assert start_session(db) is None


def test_a_disabled_account_cannot_sign_in(qtbot: QtBot, db: Database) -> None:
    with_accounts(db).update(COUNTER.name, active=False)
    dialog = SignInDialog(db)
    qtbot.addWidget(dialog)
    dialog.name.setText(COUNTER.name)
    dialog.password.setText(PASSWORD)
    dialog.accept()
    assert dialog.problem.text() == f"• 账户“{COUNTER.name}”已停用。"


@pytest.mark.parametrize(("language", "title", "status"), [
    ("zh_CN", "选票台 — 测试员（组织者）", "当前用户：测试员（组织者）"),
    ("en", "BallotDesk — 测试员 (Organiser)", "Signed in: 测试员 (Organiser)")])
def test_window_title_names_the_user_and_role(qtbot: QtBot, services: Services,
                                             language: str, title: str, status: str) -> None:
    install_language(language)
    window = MainWindow(services, language=language)
    qtbot.addWidget(window)
    assert window.windowTitle() == title
    assert window.user_label.text() == status


def test_observer_sees_everything_and_changes_nothing(qtbot: QtBot, services: Services,
                                                    campaign: CampaignInfo) -> None:
    window = MainWindow(as_actor(services, OBSERVER))
    qtbot.addWidget(window)
    window.show()
    assert window.windowTitle() == "选票台 — 观察员小林（观察员）"
    assert not any(isinstance(page, AccountsPage) for page in window.pages)
    why = "“观察员小林”（观察员）无权管理评选登记与印制选票。"
    campaign_page = window.page(CampaignPage)
    assert isinstance(campaign_page, CampaignPage)
    units_page = window.page(UnitsPage)
    assert isinstance(units_page, UnitsPage)
    for button in [campaign_page.save_button, *campaign_page.category_buttons,
                   *units_page.unit_buttons]:
        assert not button.isEnabled()
        assert button.toolTip() == why
    candidates = window.page(CandidatesPage)
    assert isinstance(candidates, CandidatesPage)
    candidates.table.selectAll()
    for action in (candidates.add_action, candidates.edit_action, candidates.delete_action,
                   candidates.import_action, *candidates.status_actions.values()):
        assert not action.isEnabled()
    assert candidates.export_action.isEnabled()
    assert not window.new_action.isEnabled()
    ballots = window.page(BallotsPage)
    assert isinstance(ballots, BallotsPage)
    assert not ballots.print_button.isEnabled()
    assert not ballots.note_button.isEnabled()
    scan = window.page(ScanPage)
    assert isinstance(scan, ScanPage)
    assert not scan.start_button.isEnabled()
    assert scan.start_button.toolTip() == "“观察员小林”（观察员）无权扫描计票。"
    review = window.page(ReviewPage)
    assert isinstance(review, ReviewPage)
    assert not any(button.isEnabled() for button in review.buttons)
    votes = window.page(OnlineExpertsPage)
    assert isinstance(votes, OnlineExpertsPage)
    assert not votes.import_button.isEnabled()
    assert not votes.import_experts_button.isEnabled()
    results = window.page(ResultsPage)
    assert isinstance(results, ResultsPage)
    window.show_page(ResultsPage)
    qtbot.waitUntil(lambda: results.results is not None)
    assert not results.rule_button.isEnabled()
    assert not results.panel.tie_button.isEnabled()
    assert results.xlsx_button.isEnabled()
    assert window.password_action.isEnabled()


def test_a_refusal_of_the_service_is_a_message(qtbot: QtBot, services: Services,
                                              campaign: CampaignInfo, units: list[UnitInfo],
                                              boxes: MessageBoxes) -> None:
    """The double-click still opens the editor (to look); saving is refused, in words."""
    page = UnitsPage(CampaignContext(as_actor(services, OBSERVER), campaign.id))
    qtbot.addWidget(page)
    page.unit_table.selectRow(0)

    def rename(dialog: QWidget) -> None:
        assert isinstance(dialog, UnitDialog)
        dialog.name.setText("改过的名字")
        dialog.accept()

    when_modal(rename)
    page.unit_table.doubleClicked.emit(page.units.index(0, 0))
    assert boxes.kinds() == ["warning"]
    assert "“观察员小林”（观察员）无权管理评选登记与印制选票。" in boxes.texts()
    assert services.registry.list_units(campaign.id)[0].name == units[0].name


def test_counting_team_scans_and_reviews_but_does_not_print(
        qtbot: QtBot, services: Services, campaign: CampaignInfo) -> None:
    window = MainWindow(as_actor(services, COUNTER))
    qtbot.addWidget(window)
    assert not any(isinstance(page, AccountsPage) for page in window.pages)
    window.show_page(ScanPage)
    scan = window.page(ScanPage)
    assert isinstance(scan, ScanPage)
    assert window.stack.currentWidget() is scan
    assert scan.start_button.isEnabled()
    window.show_page(ReviewPage)
    review = window.page(ReviewPage)
    assert isinstance(review, ReviewPage)
    assert window.stack.currentWidget() is review
    assert review.may_review
    ballots = window.page(BallotsPage)
    assert isinstance(ballots, BallotsPage)
    assert not ballots.print_button.isEnabled()
    assert ballots.print_button.toolTip() == "“计票员小周”（计票组）无权管理评选登记与印制选票。"
    assert ballots.note_button.isEnabled()


def test_organiser_has_the_accounts_page(qtbot: QtBot, services: Services,
                                         campaign: CampaignInfo) -> None:
    window = MainWindow(services)
    qtbot.addWidget(window)
    assert window.nav.item(window.nav.count() - 1).text() == "账户"
    window.show_page(AccountsPage)
    assert isinstance(window.stack.currentWidget(), AccountsPage)


def test_switch_user_rebuilds_the_window_for_the_new_role(
        qtbot: QtBot, services: Services, campaign: CampaignInfo) -> None:
    with_accounts(services.db)
    shell = Shell(services, "zh_CN")
    first = shell.window
    qtbot.addWidget(first)
    first.show()

    def sign_in(dialog: QWidget) -> None:
        assert isinstance(dialog, SignInDialog)
        dialog.name.setText(OBSERVER.name)
        dialog.password.setText(PASSWORD)
        dialog.buttons.accepted.emit()

    when_modal(sign_in)
    first.switch_user_action.trigger()
    second = shell.window
    qtbot.addWidget(second)
    assert second is not first
    assert second.services.actor == OBSERVER
    assert second.windowTitle() == "选票台 — 观察员小林（观察员）"
    assert second.context.campaign_id == campaign.id
    assert not any(isinstance(page, AccountsPage) for page in second.pages)

    when_modal(lambda dialog: dialog.reject())
    second.switch_user_action.trigger()
    assert shell.window is second


def test_change_password_needs_the_current_one(qtbot: QtBot, db: Database) -> None:
    with_accounts(db)
    dialog = ChangePasswordDialog(db, OBSERVER)
    qtbot.addWidget(dialog)
    dialog.current.setText("不对的密码000")
    dialog.password.setText("新的密码abcdefg")
    dialog.again.setText("新的密码abcdefg")
    dialog.accept()
    assert dialog.problem.text() == "• 用户名或密码不正确。"
    dialog.current.setText(PASSWORD)
    dialog.accept()
    assert dialog.result() == ChangePasswordDialog.DialogCode.Accepted
    assert accounts.sign_in(db, OBSERVER.name, "新的密码abcdefg") == OBSERVER
    with pytest.raises(RuleError):
        accounts.sign_in(db, OBSERVER.name, PASSWORD)


def test_change_password_from_the_menu(qtbot: QtBot, services: Services,
                                       boxes: MessageBoxes) -> None:
    with_accounts(services.db)
    window = MainWindow(services)
    qtbot.addWidget(window)

    def fill(dialog: QWidget) -> None:
        assert isinstance(dialog, ChangePasswordDialog)
        dialog.current.setText(PASSWORD)
        dialog.password.setText("组织者的新密码123")
        dialog.again.setText("组织者的新密码123")
        dialog.buttons.accepted.emit()

    when_modal(fill)
    window.password_action.trigger()
    assert boxes.texts() == "你的密码已修改。"
    assert accounts.sign_in(services.db, ORGANISER.name, "组织者的新密码123") == ORGANISER


def test_sign_in_says_how_long_to_wait_after_failures(qtbot: QtBot, db: Database) -> None:
    with_accounts(db)
    for _ in range(accounts.FREE_FAILURES + 7):  # the real clock: 64 s from the last failure
        with pytest.raises(RuleError):
            accounts.sign_in(db, OBSERVER.name, "不对的密码000")
    dialog = SignInDialog(db)
    qtbot.addWidget(dialog)
    dialog.name.setText(OBSERVER.name)
    dialog.password.setText(PASSWORD)
    dialog.accept()
    assert dialog.problem.text().startswith("• 登录失败次数过多：请等待 ")
    assert dialog.problem.text().endswith(" 秒后再试。")
    assert dialog.actor is None
