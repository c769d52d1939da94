"""Sign-in and account forms: the first organiser, signing in, passwords, a new account.

Each form calls the core itself when OK is pressed. When the core refuses (a wrong password, a
name taken, a password too short) the form stays open with the core's words under the fields,
so the person corrects what they typed instead of starting again.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QSettings
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from ballotformat.messages import RuleError
from desktop.core import accounts
from desktop.core.accounts import AccountInfo, Accounts, Actor
from desktop.core.enums import Role
from desktop.core.labels import label
from desktop.core.services import Database
from desktop.ui.feedback import ERROR_STYLE, messages_text
from desktop.ui.i18n import arg

#: The user name signed in last, offered again at the next start.
LAST_USER_KEY = "account/last_user"
FORM_WIDTH_PX = 440


def last_user() -> str:
    return str(QSettings().value(LAST_USER_KEY, "") or "")


def remember_user(name: str) -> None:
    QSettings().setValue(LAST_USER_KEY, name)


class _Form(QDialog):
    """A form whose OK runs :meth:`submit`; a problem (the form's own, or the core's
    :class:`RuleError`) is shown under the fields and the form stays open."""

    def __init__(self, title: str, intro: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.form = QFormLayout()
        self.problem = QLabel()
        self.problem.setWordWrap(True)
        self.problem.setStyleSheet(ERROR_STYLE)
        self.problem.hide()
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        if intro:
            text = QLabel(intro)
            text.setWordWrap(True)
            layout.addWidget(text)
        layout.addLayout(self.form)
        layout.addWidget(self.problem)
        layout.addWidget(self.buttons)

    def _line(self, caption: str, text: str = "", secret: bool = False) -> QLineEdit:
        line = QLineEdit(text)
        if secret:
            line.setEchoMode(QLineEdit.EchoMode.Password)
        self.form.addRow(caption, line)
        return line

    def _new_password(self) -> tuple[QLineEdit, QLineEdit]:
        """The new password, typed twice."""
        # Not self.tr(): that would look the words up under each subclass's name.
        first = self._line(QCoreApplication.translate("AccountForm", "Password"), secret=True)
        first.setPlaceholderText(arg(QCoreApplication.translate(
            "AccountForm", "at least %1 characters"), accounts.MIN_PASSWORD_CHARS))
        again = self._line(QCoreApplication.translate("AccountForm", "Password again"),
                           secret=True)
        return first, again

    def _finish(self) -> None:
        self.resize(FORM_WIDTH_PX, self.sizeHint().height())

    def submit(self) -> str | None:
        """Do what the form is for; a problem of the form itself is returned as text."""
        raise NotImplementedError

    def accept(self) -> None:
        try:
            problem = self.submit()
        except RuleError as exc:
            problem = messages_text(exc.messages)
        if problem is None:
            super().accept()
            return
        self.problem.setText(problem)
        self.problem.show()

    def _differ(self, first: QLineEdit, again: QLineEdit) -> str | None:
        if first.text() != again.text():
            return QCoreApplication.translate("AccountForm", "The two passwords differ.")
        return None


class FirstOrganiserDialog(_Form):
    """A database without accounts: the first organiser is created, and signed in."""

    def __init__(self, db: Database, parent: QWidget | None = None) -> None:
        super().__init__(
            self.tr("Create the first organiser"),
            self.tr("This database has no accounts yet. Create the first organiser: "
                    "everyone signs in, and organisers create the accounts of the others."),
            parent)
        self.db = db
        self.actor: Actor | None = None
        self.name = self._line(self.tr("User name"))
        self.full_name = self._line(self.tr("Full name"))
        self.password, self.again = self._new_password()
        self._finish()

    def submit(self) -> str | None:
        problem = self._differ(self.password, self.again)
        if problem is None:
            self.actor = accounts.setup(self.db, self.name.text(), self.password.text(),
                                        self.full_name.text())
            remember_user(self.actor.name)
        return problem


class SignInDialog(_Form):
    """User name (the last one used) and password."""

    def __init__(self, db: Database, parent: QWidget | None = None) -> None:
        super().__init__(self.tr("Sign in"), parent=parent)
        self.db = db
        self.actor: Actor | None = None
        self.name = self._line(self.tr("User name"), last_user())
        self.password = self._line(self.tr("Password"), secret=True)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Sign in"))
        self._finish()
        (self.password if self.name.text() else self.name).setFocus()

    def submit(self) -> None:
        try:
            self.actor = accounts.sign_in(self.db, self.name.text(), self.password.text())
        except RuleError:
            self.password.clear()
            self.password.setFocus()
            raise
        remember_user(self.actor.name)


class ChangePasswordDialog(_Form):
    """One's own password: the current one, then the new one twice."""

    def __init__(self, db: Database, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(self.tr("Change password"), parent=parent)
        self.db = db
        self.actor = actor
        self.current = self._line(self.tr("Current password"), secret=True)
        self.password, self.again = self._new_password()
        self._finish()

    def submit(self) -> str | None:
        problem = self._differ(self.password, self.again)
        if problem is None:
            # Checked for every role: an organiser's own change needs no current password
            # in the core, but a form that asks for it must not take a wrong one.
            accounts.sign_in(self.db, self.actor.name, self.current.text(),
                             record_success=False)
            Accounts(self.db, self.actor).set_password(
                self.actor.name, self.password.text(), self.current.text())
        return problem


class AccountDialog(_Form):
    """A new account: user name, full name, role and a first password."""

    def __init__(self, service: Accounts, parent: QWidget | None = None) -> None:
        super().__init__(self.tr("New account"), parent=parent)
        self.service = service
        self.created: AccountInfo | None = None
        self.name = self._line(self.tr("User name"))
        self.full_name = self._line(self.tr("Full name"))
        self.role = QComboBox()
        for role in Role:
            self.role.addItem(label(role), role)
        self.role.setCurrentIndex(list(Role).index(Role.COUNTING))
        self.form.addRow(self.tr("Role"), self.role)
        self.password, self.again = self._new_password()
        self._finish()

    def submit(self) -> str | None:
        problem = self._differ(self.password, self.again)
        if problem is None:
            self.created = self.service.create(self.name.text(), self.role.currentData(),
                                               self.password.text(), self.full_name.text())
        return problem


class ResetPasswordDialog(_Form):
    """An organiser gives someone a new password (they forgot theirs)."""

    def __init__(self, service: Accounts, name: str, parent: QWidget | None = None) -> None:
        super().__init__(arg(self.tr("New password for %1"), name), self.tr(
            "Tell the person their new password in private; they can change it after "
            "signing in."), parent)
        self.service = service
        self.account_name = name
        self.password, self.again = self._new_password()
        self._finish()

    def submit(self) -> str | None:
        problem = self._differ(self.password, self.again)
        if problem is None:
            self.service.set_password(self.account_name, self.password.text())
        return problem


def ask_first_organiser(db: Database, parent: QWidget | None = None) -> Actor | None:
    dialog = FirstOrganiserDialog(db, parent)
    return dialog.actor if dialog.exec() else None


def ask_sign_in(db: Database, parent: QWidget | None = None) -> Actor | None:
    dialog = SignInDialog(db, parent)
    return dialog.actor if dialog.exec() else None


def start_session(db: Database, parent: QWidget | None = None) -> Actor | None:
    """Who works in this session: the first organiser, created now, when the database has no
    account yet, else whoever signs in. None: cancelled."""
    if not accounts.has_accounts(db):
        return ask_first_organiser(db, parent)
    return ask_sign_in(db, parent)
