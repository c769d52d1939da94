"""The accounts page: the table, a new account, a role changed, disabling, resetting a password,
and the last organiser kept."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QInputDialog, QWidget
from pytestqt.qtbot import QtBot

from ballotformat.messages import RuleError
from desktop.core.accounts import service as accounts
from desktop.core.accounts.actors import Actor
from desktop.core.accounts.service import AccountInfo
from desktop.core.enums import Role
from desktop.core.services import Services
from desktop.ui.context import CampaignContext
from desktop.ui.dialogs.account_dialogs import AccountDialog, ResetPasswordDialog
from desktop.ui.models.account_models import DISABLED_TEXT, AccountTableModel
from desktop.ui.pages.accounts_page import AccountsPage
from tests.conftest import ORGANISER, PASSWORD
from tests.ui.conftest import MessageBoxes, when_modal

pytestmark = pytest.mark.both_backends

NEW_PASSWORD = "计票组的密码2026"


@pytest.fixture
def page(qtbot: QtBot, services: Services) -> AccountsPage:
    """The page of the tests' organiser, the only account so far."""
    accounts.setup(services.db, ORGANISER.name, PASSWORD, "测试组织者")
    shown = AccountsPage(CampaignContext(services))
    qtbot.addWidget(shown)
    return shown


def rows(page: AccountsPage) -> list[tuple[str, ...]]:
    model = page.model
    return [tuple(model.data(model.index(row, column)) for column in range(model.columnCount()))
            for row in range(model.rowCount())]


def add_account(page: AccountsPage, name: str, role: Role) -> None:
    def fill(dialog: QWidget) -> None:
        assert isinstance(dialog, AccountDialog)
        dialog.name.setText(name)
        dialog.full_name.setText("周计票")
        dialog.role.setCurrentIndex(dialog.role.findData(role))
        dialog.password.setText(NEW_PASSWORD)
        dialog.again.setText(NEW_PASSWORD)
        dialog.buttons.accepted.emit()

    when_modal(fill)
    page.new_button.click()


def test_model_names_roles_and_greys_disabled_accounts() -> None:
    model = AccountTableModel()
    model.set_rows([AccountInfo(1, "zhou", "周计票", Role.COUNTING, False)])
    assert [model.headerData(c, Qt.Orientation.Horizontal) for c in range(4)] == [
        "用户名", "姓名", "角色", "状态"]
    assert [model.data(model.index(0, c)) for c in range(4)] == [
        "zhou", "周计票", "计票组", "已停用"]
    assert model.data(model.index(0, 0), Qt.ItemDataRole.ForegroundRole) == DISABLED_TEXT


def test_new_account_then_role_changed(qtbot: QtBot, page: AccountsPage, services: Services,
                                       monkeypatch: pytest.MonkeyPatch) -> None:
    assert rows(page) == [("测试员", "测试组织者", "组织者", "启用")]
    assert not page.role_button.isEnabled()
    add_account(page, "zhou", Role.COUNTING)
    assert rows(page)[1] == ("zhou", "周计票", "计票组", "启用")
    assert page.selected().name == "zhou"
    assert accounts.sign_in(services.db, "zhou", NEW_PASSWORD) == Actor("zhou", Role.COUNTING)

    offered: list[list[str]] = []

    def choose(_parent: QWidget, _title: str, _label: str, items: list[str], current: int,
               _editable: bool) -> tuple[str, bool]:
        offered.append(items)
        assert items[current] == "计票组"
        return "观察员", True

    monkeypatch.setattr(QInputDialog, "getItem", staticmethod(choose))
    page.role_button.click()
    assert offered == [["组织者", "计票组", "观察员"]]
    assert rows(page)[1][2] == "观察员"
    assert accounts.sign_in(services.db, "zhou", NEW_PASSWORD).role is Role.OBSERVER


def test_a_taken_name_is_refused_in_the_form(qtbot: QtBot, page: AccountsPage) -> None:
    dialog = AccountDialog(page.service)
    qtbot.addWidget(dialog)
    dialog.name.setText(ORGANISER.name)
    dialog.password.setText(NEW_PASSWORD)
    dialog.again.setText(NEW_PASSWORD)
    dialog.accept()
    assert dialog.problem.text() == f"• 用户名“{ORGANISER.name}”已被使用。"
    assert dialog.created is None


def test_disable_and_enable(qtbot: QtBot, page: AccountsPage, services: Services,
                            boxes: MessageBoxes) -> None:
    add_account(page, "zhou", Role.COUNTING)
    assert page.active_button.text() == "停用"
    page.active_button.click()
    assert boxes.kinds() == ["question"]
    assert rows(page)[1][3] == "已停用"
    assert page.active_button.text() == "启用"
    with pytest.raises(RuleError):
        accounts.sign_in(services.db, "zhou", NEW_PASSWORD)
    page.active_button.click()
    assert boxes.kinds() == ["question"]
    assert rows(page)[1][3] == "启用"
    assert accounts.sign_in(services.db, "zhou", NEW_PASSWORD).name == "zhou"


def test_the_last_organiser_stays(qtbot: QtBot, page: AccountsPage,
                                  boxes: MessageBoxes) -> None:
    page.table.selectRow(0)
    page.active_button.click()
    assert boxes.kinds() == ["question", "warning"]
    assert "“测试员”是最后一位启用的组织者，不能停用或改为其他角色。" in boxes.texts()
    assert rows(page) == [("测试员", "测试组织者", "组织者", "启用")]


def test_reset_password(qtbot: QtBot, page: AccountsPage, services: Services,
                        boxes: MessageBoxes) -> None:
    add_account(page, "zhou", Role.COUNTING)

    def fill(dialog: QWidget) -> None:
        assert isinstance(dialog, ResetPasswordDialog)
        assert dialog.windowTitle() == "为 zhou 设置新密码"
        dialog.password.setText("重新设置的密码99")
        dialog.again.setText("重新设置的密码99")
        dialog.buttons.accepted.emit()

    when_modal(fill)
    page.password_button.click()
    assert boxes.texts() == "zhou 的密码已修改。"
    assert accounts.sign_in(services.db, "zhou", "重新设置的密码99").name == "zhou"
