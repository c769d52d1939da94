"""The backup's secrets asked in the window: a passphrase typed twice or the secrets left out;
a sealed backup's passphrase checked before the restore starts (or the secrets left behind)."""

from __future__ import annotations

from pathlib import Path

from pytestqt.qtbot import QtBot

from desktop.core.registry.service import CampaignInfo
from desktop.core.services import Services
from desktop.core.store.backups import backup
from desktop.ui.dialogs.backup_dialogs import BackupSecretsDialog, RestoreSecretsDialog
from tests.conftest import ORGANISER

PASSPHRASE = "封存口令 sealed"


def test_a_backup_seals_with_a_passphrase_typed_twice_or_leaves_the_secrets_out(
        qtbot: QtBot) -> None:
    dialog = BackupSecretsDialog()
    qtbot.addWidget(dialog)
    dialog.accept()
    assert not dialog.problem.isHidden() and "口令不能为空" in dialog.problem.text()
    dialog.passphrase.setText(PASSPHRASE)
    dialog.again.setText(PASSPHRASE + "x")
    dialog.accept()
    assert dialog.problem.text() == "两次输入的口令不一致。"
    assert dialog.result() != BackupSecretsDialog.DialogCode.Accepted
    dialog.again.setText(PASSPHRASE)
    dialog.accept()
    assert dialog.result() == BackupSecretsDialog.DialogCode.Accepted
    assert dialog.chosen_passphrase == PASSPHRASE

    left_out = BackupSecretsDialog()
    qtbot.addWidget(left_out)
    left_out.leave_out.setChecked(True)
    assert not left_out.passphrase.isEnabled() and not left_out.again.isEnabled()
    left_out.accept()
    assert left_out.result() == BackupSecretsDialog.DialogCode.Accepted
    assert left_out.chosen_passphrase is None


def test_a_wrong_passphrase_keeps_the_restore_form_open(
        qtbot: QtBot, services: Services, campaign: CampaignInfo, tmp_path: Path) -> None:
    folder = backup(services.db, ORGANISER, tmp_path / "b", passphrase=PASSPHRASE).folder
    dialog = RestoreSecretsDialog(folder)
    qtbot.addWidget(dialog)
    dialog.passphrase.setText("猜的")
    dialog.accept()
    assert "口令不正确" in dialog.problem.text()
    assert dialog.passphrase.text() == ""
    assert dialog.result() != RestoreSecretsDialog.DialogCode.Accepted
    dialog.passphrase.setText(PASSPHRASE)
    dialog.accept()
    assert dialog.result() == RestoreSecretsDialog.DialogCode.Accepted
    assert dialog.chosen_passphrase == PASSPHRASE

    without = RestoreSecretsDialog(folder)
    qtbot.addWidget(without)
    without.without.setChecked(True)
    without.accept()
    assert without.result() == RestoreSecretsDialog.DialogCode.Accepted
    assert without.chosen_passphrase is None
