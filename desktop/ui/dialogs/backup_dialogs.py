"""What a backup does with the secrets, asked before it starts: sealed with a passphrase or
left out; and, for a sealed backup, the passphrase that restores them (or none: restored
without them). The core does the sealing (desktop/core/store/backups.py, sealing.py); these forms
only ask, and check what was typed before the background job starts."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QCheckBox, QWidget

from ballotformat.messages import RuleError
from desktop.core.services import check_passphrase, unseal_secrets
from desktop.ui.dialogs.account_dialogs import _Form


class BackupSecretsDialog(_Form):
    """A passphrase typed twice, or "leave the secrets out"."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(self.tr("Back up"), self.tr(
            "The database holds secrets: the campaign secrets that sign the ballots and this "
            "computer's station key. The backup keeps them sealed with a passphrase, asked "
            "for when it is restored; or leaves them out."), parent)
        self.passphrase = self._line(self.tr("Passphrase"), secret=True)
        self.again = self._line(self.tr("Passphrase again"), secret=True)
        self.leave_out = QCheckBox(self.tr(
            "Leave the secrets out (a database restored from this backup cannot print or "
            "check ballots)"))
        self.leave_out.toggled.connect(self._leave_out_toggled)
        self.form.addRow(self.leave_out)
        self._finish()

    def _leave_out_toggled(self, checked: bool) -> None:
        self.passphrase.setEnabled(not checked)
        self.again.setEnabled(not checked)

    @property
    def chosen_passphrase(self) -> str | None:
        """The passphrase to seal with; None when the secrets are left out."""
        return None if self.leave_out.isChecked() else self.passphrase.text()

    def submit(self) -> str | None:
        if self.leave_out.isChecked():
            return None
        check_passphrase(self.passphrase.text())
        if self.passphrase.text() != self.again.text():
            return self.tr("The two passphrases differ.")
        return None


class RestoreSecretsDialog(_Form):
    """The passphrase of a sealed backup (checked here), or "restore without the secrets"."""

    def __init__(self, folder: Path, parent: QWidget | None = None) -> None:
        super().__init__(self.tr("Restore from a backup"), self.tr(
            "This backup's secrets (the campaign secrets, the station key) are sealed with a "
            "passphrase."), parent)
        self.folder = folder
        self.passphrase = self._line(self.tr("Passphrase"), secret=True)
        self.without = QCheckBox(self.tr(
            "Restore without the secrets (the database will not print or check ballots)"))
        self.without.toggled.connect(lambda checked: self.passphrase.setEnabled(not checked))
        self.form.addRow(self.without)
        self._finish()

    @property
    def chosen_passphrase(self) -> str | None:
        return None if self.without.isChecked() else self.passphrase.text()

    def submit(self) -> None:
        if not self.without.isChecked():
            try:
                unseal_secrets(self.folder, self.passphrase.text())
            except RuleError:
                self.passphrase.clear()
                self.passphrase.setFocus()
                raise
