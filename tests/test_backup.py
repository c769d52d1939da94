"""Backups with a hash manifest, restore refusing damaged backups, recount of the archive."""

from __future__ import annotations

import json
import os
import shutil
import time
from pathlib import Path

import pytest

from desktop.core import accounts
from desktop.core.audit_log import ANCHOR_FULL_DIGITS, Anchor, AuditLog
from desktop.core.backup import (
    MANIFEST,
    SETUP_ACTOR,
    STALE_PARTIAL_SECONDS,
    automatic_backup,
    backup,
    restore,
)
from desktop.core.messages import RuleError
from desktop.core.recording import Recorder, archive_root
from desktop.core.recount import recount
from desktop.core.registry import CampaignInfo
from desktop.core.scanjob import scan_paths
from desktop.core.services import Services
from desktop.core.tally import paper_tally
from tests.ballot_files import WINDOWS
from tests.conftest import ORGANISER, Cli


def record(services: Services, paths: list[Path]) -> None:
    list(scan_paths(Recorder(services.db, services.actor), paths, workers=1))


def test_backup_and_restore_bring_back_database_and_images(
    services: Services, demo: CampaignInfo, scans: list[Path], tmp_path: Path
) -> None:
    record(services, scans[:2])
    info = backup(services.db, ORGANISER, tmp_path / "backups")
    manifest = json.loads((info.folder / MANIFEST).read_text(encoding="utf-8"))
    assert "database.sqlite3" in manifest["files"]
    assert sum(name.startswith("archive/") for name in manifest["files"]) == 2
    before = paper_tally(services.db, demo.id).categories[WINDOWS].votes

    record(services, scans[2:4])  # more work after the backup, then a disaster
    shutil.rmtree(archive_root(services.db))
    restore(services.db, info.folder, ORGANISER)
    assert paper_tally(services.db, demo.id).categories[WINDOWS].votes == before
    assert len(list(archive_root(services.db).rglob("*.jpg"))) == 2
    assert recount(services.db, demo.id).differences == ()


def test_a_damaged_backup_is_refused_whole(
    services: Services, demo: CampaignInfo, scans: list[Path], tmp_path: Path
) -> None:
    record(services, scans[:1])
    info = backup(services.db, ORGANISER, tmp_path / "backups")
    image = next((info.folder / "archive").rglob("*.jpg"))
    image.write_bytes(image.read_bytes()[:-10])
    record(services, scans[1:2])
    with pytest.raises(RuleError) as exc:
        restore(services.db, info.folder, ORGANISER)
    assert exc.value.messages[0].code == "backup_damaged"
    assert paper_tally(services.db, demo.id).ballots == 1, "nothing was restored"
    with pytest.raises(RuleError) as exc:
        restore(services.db, tmp_path, ORGANISER)
    assert exc.value.messages[0].code == "backup_not_found"


def test_backup_and_restore_are_on_the_audit_chain(
    services: Services, campaign: CampaignInfo, tmp_path: Path
) -> None:
    log = AuditLog(services.db)
    info = backup(services.db, ORGANISER, tmp_path / "backups")
    taken = log.entries()[-1]
    assert (taken.action, taken.actor, taken.after["folder"]) == (
        "backup.create", ORGANISER.name, str(info.folder))
    services.registry.add_unit(campaign.id, "东湖街道")  # after the backup: gone once restored

    restore(services.db, info.folder, ORGANISER)
    # The backup's own chain (taken before its entry was written), then the restore.
    assert [e.action for e in log.entries()] == ["campaign.create", "restore.done"]
    restored = log.entries()[-1]
    assert restored.actor == ORGANISER.name
    assert restored.after["created_at"] == json.loads(
        (info.folder / MANIFEST).read_text(encoding="utf-8"))["created_at"]
    assert log.verify().ok


@pytest.mark.both_backends
def test_the_manifest_keeps_the_audit_head_to_check_the_restored_chain(
    services: Services, campaign: CampaignInfo, tmp_path: Path
) -> None:
    log = AuditLog(services.db)
    head = log.head()
    assert head is not None
    info = backup(services.db, ORGANISER, tmp_path / "backups")
    path = info.folder / MANIFEST
    manifest = json.loads(path.read_text(encoding="utf-8"))
    assert manifest["audit_head"] == head.text(ANCHOR_FULL_DIGITS)
    services.registry.add_unit(campaign.id, "东湖街道")

    restore(services.db, info.folder, ORGANISER)
    assert log.verify([Anchor.parse(manifest["audit_head"])]).ok
    assert log.entries()[-1].after["audit_head"] == manifest["audit_head"]
    del manifest["audit_head"]  # a backup written before the key existed
    path.write_text(json.dumps(manifest), encoding="utf-8")
    restore(services.db, info.folder, ORGANISER)
    assert log.entries()[-1].after["audit_head"] is None
    path.write_text(json.dumps(manifest | {"audit_head": 7}), encoding="utf-8")
    with pytest.raises(RuleError) as refused:
        restore(services.db, info.folder, ORGANISER)
    assert [m.code for m in refused.value.messages] == ["backup_manifest_damaged"]


def test_only_a_database_without_accounts_is_restored_without_a_sign_in(
    services: Services, campaign: CampaignInfo, tmp_path: Path
) -> None:
    info = backup(services.db, ORGANISER, tmp_path / "backups")
    restore(services.db, info.folder, None)  # a new installation being set up
    assert AuditLog(services.db).entries()[-1].actor == SETUP_ACTOR
    accounts.setup(services.db, "王组长", "组长的密码123")
    with pytest.raises(RuleError) as refused:
        restore(services.db, info.folder, None)
    assert [m.code for m in refused.value.messages] == ["restore_needs_sign_in"]
    assert accounts.has_accounts(services.db), "nothing was restored"


def test_automatic_backups_keep_the_newest(services: Services, demo: CampaignInfo) -> None:
    for _ in range(12):
        info = automatic_backup(services.db, "after-scan")
        assert info is not None
    assert len(list(info.folder.parent.iterdir())) == 10


def test_automatic_backups_remove_what_a_killed_backup_left(services: Services,
                                                            demo: CampaignInfo) -> None:
    first = automatic_backup(services.db, "after-scan")
    assert first is not None
    killed = first.folder.with_name("ballotdesk-backup-20261101-080000-000000-after-scan.partial")
    under_way = first.folder.with_name(killed.name.replace("080000", "090000"))
    for partial in (killed, under_way):
        partial.mkdir()
        (partial / "ballotdesk.sqlite3").write_bytes(b"half a copy")
    long_ago = time.time() - STALE_PARTIAL_SECONDS - 60
    os.utime(killed, (long_ago, long_ago))
    automatic_backup(services.db, "after-scan")
    assert not killed.exists()
    assert under_way.exists(), "another process's backup under way is left alone"
    assert first.folder.exists()


def test_recount_lists_what_reads_differently(
    services: Services, demo: CampaignInfo, scans: list[Path]
) -> None:
    record(services, scans[:2])
    report = recount(services.db, demo.id)
    assert (report.read, report.differences) == (2, ())
    # Someone edits a stored reading directly in the database: the recount shows it.
    with services.db.engine.begin() as connection:
        connection.exec_driver_sql(
            "UPDATE sheet_mark SET state = 'empty' WHERE candidate = '01' AND state = 'marked'")
    (difference,) = recount(services.db, demo.id).differences
    assert difference.serial == 1
    assert any("01: 未划 → 已划" in change for change in difference.changes)  # in words


def test_cli_backup_restore_recount(cli: Cli, demo: CampaignInfo, scans: list[Path],
                                   tmp_path: Path) -> None:
    cli.ok("scan", *map(str, scans[:2]), "--workers", "1")
    saved = cli.json("backup", str(tmp_path / "b"))
    assert saved["files"] >= 3
    assert "与记录完全一致" in cli.ok("recount")
    restored = cli.ok("restore", saved["folder"]).splitlines()
    assert "已从备份" in restored[0]
    command = restored[1].rpartition("：")[2].split()
    assert command[:4] == ["ballotdesk", "audit", "verify", "--anchor"]
    assert "与留存的 1 个锚点相符" in cli.ok(*command[1:])
