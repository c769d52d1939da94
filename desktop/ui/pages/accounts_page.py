"""The accounts page (organisers only): who may sign in, with which role; new accounts,
roles, disabling and password resets. Every change goes through :class:`Accounts`, which
refuses what the signed-in person may not do (and disabling the last organiser)."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QMessageBox,
    QPushButton,
    QStyle,
    QVBoxLayout,
    QWidget,
)

from desktop.core.accounts import AccountInfo
from desktop.core.enums import Permission, Role
from desktop.core.labels import label
from desktop.ui.context import CampaignContext
from desktop.ui.dialogs.account_dialogs import AccountDialog, ResetPasswordDialog
from desktop.ui.feedback import run_checked
from desktop.ui.i18n import arg
from desktop.ui.models import ObjectRole
from desktop.ui.models.account_models import AccountTableModel
from desktop.ui.pages.base import Page
from desktop.ui.tables import list_table

HINT_STYLE = "color: #555555;"


class AccountsPage(Page):
    nav_icon = "accounts"  # resources/icons/nav/accounts.svg
    nav_text = QT_TRANSLATE_NOOP("Navigation", "Accounts")
    #: Only people who may manage accounts see this page in the navigation.
    nav_permission = Permission.MANAGE_ACCOUNTS

    def __init__(self, context: CampaignContext, parent: QWidget | None = None) -> None:
        super().__init__(context, parent)
        self.service = context.services.accounts
        self.model = AccountTableModel(self)
        self.table = list_table(self.model, AccountTableModel.COL_FULL_NAME)
        self.table.selectionModel().selectionChanged.connect(self.update_actions)
        sp = QStyle.StandardPixmap
        buttons = QHBoxLayout()
        self.new_button, self.role_button, self.active_button, self.password_button = (
            self._button(buttons, text, icon, slot) for text, icon, slot in (
                (self.tr("New account…"), sp.SP_FileDialogNewFolder, self.new_account),
                (self.tr("Change role…"), sp.SP_FileDialogDetailedView, self.change_role),
                (self.tr("Disable"), sp.SP_DialogCancelButton, self.toggle_active),
                (self.tr("Reset password…"), sp.SP_DialogResetButton, self.reset_password),
            ))
        buttons.addStretch()
        hint = QLabel(self.tr(
            "Organisers manage the registry, printing, results and accounts; the counting team "
            "scans and reviews ballots; observers see everything and change nothing. A "
            "disabled account cannot sign in; its work stays in the audit log."))
        hint.setWordWrap(True)
        hint.setStyleSheet(HINT_STYLE)
        layout = QVBoxLayout(self)
        layout.addLayout(buttons)
        layout.addWidget(self.table, 1)
        layout.addWidget(hint)
        self.refresh()

    def _button(self, row: QHBoxLayout, text: str, icon: QStyle.StandardPixmap,
                slot: object) -> QPushButton:
        button = QPushButton(self.style().standardIcon(icon), text)
        button.clicked.connect(slot)
        row.addWidget(button)
        return button

    def refresh(self) -> None:
        chosen = self.selected()
        rows = self.service.list()
        self.model.set_rows(rows)
        names = [row.name for row in rows]
        if chosen is not None and chosen.name in names:
            self.table.selectRow(names.index(chosen.name))
        self.update_actions()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.refresh()

    def selected(self) -> AccountInfo | None:
        rows = self.table.selectionModel().selectedRows()
        return self.model.data(rows[0], ObjectRole) if rows else None

    def select(self, name: str) -> None:
        for row in range(self.model.rowCount()):
            if self.model.data(self.model.index(row, 0), ObjectRole).name == name:
                self.table.selectRow(row)
                return

    def update_actions(self) -> None:
        account = self.selected()
        for button in (self.role_button, self.active_button, self.password_button):
            button.setEnabled(account is not None)
        self.active_button.setText(self.tr("Enable") if account and not account.active
                                   else self.tr("Disable"))

    # -- changes ---------------------------------------------------------------------------------
    def new_account(self) -> None:
        dialog = AccountDialog(self.service, self)
        if dialog.exec() and dialog.created is not None:
            self.refresh()
            self.select(dialog.created.name)

    def change_role(self) -> None:
        account = self.selected()
        if account is None:
            return
        roles = list(Role)
        names = [label(role) for role in roles]
        chosen, ok = QInputDialog.getItem(
            self, self.tr("Change role"), arg(self.tr("Role of %1:"), account.name), names,
            roles.index(account.role), False)
        if not ok:
            return
        role = roles[names.index(chosen)]
        if role is not account.role:
            run_checked(self, lambda: self.service.update(account.name, role=role))
            self.refresh()

    def toggle_active(self) -> None:
        account = self.selected()
        if account is None:
            return
        if account.active:
            answer = QMessageBox.question(self, self.tr("Disable account"), arg(self.tr(
                "Disable the account “%1”? It can no longer sign in; what it recorded "
                "stays."), account.name))
            if answer != QMessageBox.StandardButton.Yes:
                return
        run_checked(self, lambda: self.service.update(account.name, active=not account.active))
        self.refresh()

    def reset_password(self) -> None:
        account = self.selected()
        if account is not None and ResetPasswordDialog(self.service, account.name, self).exec():
            QMessageBox.information(self, self.tr("Reset password"), arg(
                self.tr("The password of %1 was changed."), account.name))
