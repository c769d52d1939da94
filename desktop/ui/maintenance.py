"""The File menu's care of the data: back up, restore from a backup, read every image again.

The same services as ``ballotdesk backup|restore|recount`` (``Services.backup``, ``restore``,
``recount``), each a background job with its progress dialog (``run_job``). A restore replaces
the database, so the window asks for a sign-in again afterwards (``restored``): the accounts
may have changed.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

from desktop.core.enums import Permission
from desktop.core.results import RecountReport
from desktop.core.services import BackupInfo, BackupSecrets, secrets_missing, verify_backup
from desktop.ui.background import run_job
from desktop.ui.context import CampaignContext
from desktop.ui.dialogs.backup_dialogs import BackupSecretsDialog, RestoreSecretsDialog
from desktop.ui.i18n import arg

#: Bytes in the megabytes a backup's size is told in.
BYTES_PER_MB = 1_000_000


class MaintenanceActions(QObject):
    """Three actions for the File menu, and what they do."""

    #: The database was replaced by a backup: the window should ask for a sign-in again.
    restored = Signal()

    def __init__(self, context: CampaignContext, parent: QWidget) -> None:
        super().__init__(parent)
        self.context = context
        self.backup_action = QAction(self.tr("Back up…"), parent)
        self.backup_action.triggered.connect(self.choose_backup_folder)
        self.restore_action = QAction(self.tr("Restore from a backup…"), parent)
        self.restore_action.triggered.connect(self.choose_restore_folder)
        self.recount_action = QAction(self.tr("Read every scanned image again…"), parent)
        self.recount_action.setToolTip(self.tr(
            "Read the archived images with this version's reader and list what differs from "
            "the record."))
        self.recount_action.triggered.connect(self.recount)
        context.guard(Permission.BACKUP, self.backup_action, self.restore_action)

    @property
    def window(self) -> QWidget:
        """The window the actions belong to: asked of Qt each time, not kept, so that the
        window's wrapper and this object's make no reference cycle (a rebuilt window's wrapper
        goes with its C++ object, not at some later garbage collection)."""
        parent = self.parent()
        assert isinstance(parent, QWidget)
        return parent

    def actions(self) -> list[QAction]:
        return [self.backup_action, self.restore_action, self.recount_action]

    # -- back up -----------------------------------------------------------------------------
    def choose_backup_folder(self) -> None:
        folder = QFileDialog.getExistingDirectory(self.window, self.tr("Back up into a folder"))
        if not folder:
            return
        secrets = BackupSecretsDialog(self.window)
        if secrets.exec() == BackupSecretsDialog.DialogCode.Accepted:
            self.backup_to(Path(folder), secrets.chosen_passphrase)

    def backup_to(self, folder: Path, passphrase: str | None) -> None:
        """A backup whose secrets are sealed with ``passphrase`` (None: left out)."""
        services = self.context.services

        def done(info: BackupInfo) -> None:
            QMessageBox.information(self.window, self.tr("Back up"), arg(self.tr(
                "Backed up to “%1”: %n file(s), %2 MB.", "", info.files), info.folder,
                f"{info.size_bytes / BYTES_PER_MB:.1f}"))

        run_job(self.window, self.tr("Back up"), self.tr(
            "Copying the database and the scanned images…"),
            lambda _report: services.backup(folder, passphrase=passphrase,
                                            leave_out_secrets=passphrase is None), done)

    # -- restore -----------------------------------------------------------------------------
    def choose_restore_folder(self) -> None:
        folder = QFileDialog.getExistingDirectory(self.window, self.tr("Choose a backup folder"))
        if folder:
            self.restore_from(Path(folder))

    def restore_from(self, folder: Path) -> None:
        """Check the backup (every file's hash), ask, then replace the database with it."""
        run_job(self.window, self.tr("Restore from a backup"), self.tr("Checking the backup…"),
                lambda _report: verify_backup(folder),
                lambda manifest: self._confirm_restore(folder, manifest))

    def _confirm_restore(self, folder: Path, manifest: dict[str, object]) -> None:
        passphrase = None
        if manifest.get("secrets") == BackupSecrets.SEALED:
            secrets = RestoreSecretsDialog(folder, self.window)
            if secrets.exec() != RestoreSecretsDialog.DialogCode.Accepted:
                return
            passphrase = secrets.chosen_passphrase
        answer = QMessageBox.question(self.window, self.tr("Restore from a backup"), arg(self.tr(
            "Replace the database with the backup of %1? What was entered since then is "
            "replaced; a copy of the current database is kept beside it. You will sign in "
            "again afterwards."), manifest["created_at"]))
        if answer != QMessageBox.StandardButton.Yes:
            return
        services = self.context.services

        def done(restored: dict[str, object]) -> None:
            text = arg(self.tr("Restored from the backup of %1."), restored["created_at"])
            if restored.get("audit_head"):
                text += "\n" + arg(self.tr(
                    "The audit anchor when the backup was taken: %1. Check the restored log "
                    "against it on the audit page."), restored["audit_head"])
            missing = secrets_missing(restored)
            if missing is not None:
                text += "\n" + missing.text()
            QMessageBox.information(self.window, self.tr("Restore from a backup"), text)
            self.restored.emit()

        run_job(self.window, self.tr("Restore from a backup"),
                self.tr("Restoring the database and the scanned images…"),
                lambda _report: services.restore(folder, passphrase=passphrase,
                                                 without_secrets=passphrase is None), done)

    # -- recount -----------------------------------------------------------------------------
    def recount(self) -> None:
        campaign_id = self.context.campaign_id
        if campaign_id is None:
            return
        services = self.context.services

        def done(report: RecountReport) -> None:
            title = self.tr("Read every scanned image again")
            if not report.differences:
                QMessageBox.information(self.window, title, self.tr(
                    "Read %n image(s) again: every reading matches the record.", "",
                    report.read))
                return
            box = QMessageBox(QMessageBox.Icon.Warning, title, self.tr(
                "%n image(s) read differently from the record: see the details, and look at "
                "those sheets on the review page.", "", len(report.differences)),
                QMessageBox.StandardButton.Ok, self.window)
            box.setDetailedText("\n".join(
                f"#{d.sheet_id} {d.source}\n" + "\n".join(f"    {c}" for c in d.changes)
                for d in report.differences))
            box.exec()

        run_job(self.window, self.tr("Read every scanned image again"),
                self.tr("Reading the archived images…"),
                lambda _report: services.recount(campaign_id), done)
