"""Backups with a hash manifest, restore refusing damaged backups, recount of the archive."""

from __future__ import annotations

import datetime as dt
import json
import os
import shutil
import stat
import time
from pathlib import Path

import pytest
from sqlalchemy import select

from ballotformat.messages import RuleError
from desktop.core.accounts import service as accounts
from desktop.core.audit.log import ANCHOR_FULL_DIGITS, Anchor, AuditLog
from desktop.core.records.recording import Recorder, archive_root
from desktop.core.records.scanjob import scan_paths
from desktop.core.registry.service import CampaignInfo
from desktop.core.results.recounting import recount
from desktop.core.results.tally import paper_tally
from desktop.core.services import Services
from desktop.core.store.backups import (
    KEEP_AUTOMATIC_BACKUPS,
    MANIFEST,
    SEALED_FILE,
    SETUP_ACTOR,
    SQL_DUMP_FILE,
    SQLITE_FILE,
    STALE_PARTIAL_SECONDS,
    AutomaticKind,
    automatic_backup,
    automatic_folder,
    backup,
    restore,
    secrets_missing,
)
from desktop.core.store.db import Database
from desktop.core.store.models import Campaign, StationIdentity
from tests.ballot_files import WINDOWS
from tests.conftest import ORGANISER, Cli
from tests.stored_marks import set_states

#: What seals the backups' secrets in these tests.
PASSPHRASE = "备份口令 correct horse"


def record(services: Services, paths: list[Path]) -> None:
    list(scan_paths(Recorder(services.db, services.actor), paths, workers=1))


def test_backup_and_restore_bring_back_database_and_images(
    services: Services, demo: CampaignInfo, scans: list[Path], tmp_path: Path
) -> None:
    record(services, scans[:2])
    info = backup(services.db, ORGANISER, tmp_path / "backups", passphrase=PASSPHRASE)
    manifest = json.loads((info.folder / MANIFEST).read_text(encoding="utf-8"))
    assert "database.sqlite3" in manifest["files"]
    assert sum(name.startswith("archive/") for name in manifest["files"]) == 2
    before = paper_tally(services.db, demo.id).categories[WINDOWS].votes

    record(services, scans[2:4])  # more work after the backup, then a disaster
    shutil.rmtree(archive_root(services.db))
    restore(services.db, info.folder, ORGANISER, passphrase=PASSPHRASE)
    assert paper_tally(services.db, demo.id).categories[WINDOWS].votes == before
    assert len(list(archive_root(services.db).rglob("*.jpg"))) == 2
    assert recount(services.db, demo.id).differences == ()


def test_a_damaged_backup_is_refused_whole(
    services: Services, demo: CampaignInfo, scans: list[Path], tmp_path: Path
) -> None:
    record(services, scans[:1])
    info = backup(services.db, ORGANISER, tmp_path / "backups", passphrase=PASSPHRASE)
    image = next((info.folder / "archive").rglob("*.jpg"))
    image.write_bytes(image.read_bytes()[:-10])
    record(services, scans[1:2])
    with pytest.raises(RuleError) as exc:
        restore(services.db, info.folder, ORGANISER, passphrase=PASSPHRASE)
    assert exc.value.messages[0].code == "backup_damaged"
    assert paper_tally(services.db, demo.id).ballots == 1, "nothing was restored"
    with pytest.raises(RuleError) as exc:
        restore(services.db, tmp_path, ORGANISER)
    assert exc.value.messages[0].code == "backup_not_found"


def test_backup_and_restore_are_on_the_audit_chain(
    services: Services, campaign: CampaignInfo, tmp_path: Path
) -> None:
    log = AuditLog(services.db)
    info = backup(services.db, ORGANISER, tmp_path / "backups", passphrase=PASSPHRASE)
    taken = log.entries()[-1]
    assert (taken.action, taken.actor, taken.after["folder"]) == (
        "backup.create", ORGANISER.name, str(info.folder))
    services.registry.add_unit(campaign.id, "东湖街道")  # after the backup: gone once restored

    restore(services.db, info.folder, ORGANISER, passphrase=PASSPHRASE)
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
    info = backup(services.db, ORGANISER, tmp_path / "backups", passphrase=PASSPHRASE)
    path = info.folder / MANIFEST
    manifest = json.loads(path.read_text(encoding="utf-8"))
    assert manifest["audit_head"] == head.text(ANCHOR_FULL_DIGITS)
    services.registry.add_unit(campaign.id, "东湖街道")

    restore(services.db, info.folder, ORGANISER, passphrase=PASSPHRASE)
    assert log.verify([Anchor.parse(manifest["audit_head"])]).ok
    assert log.entries()[-1].after["audit_head"] == manifest["audit_head"]
    del manifest["audit_head"]  # a backup written before the key existed
    path.write_text(json.dumps(manifest), encoding="utf-8")
    restore(services.db, info.folder, ORGANISER, passphrase=PASSPHRASE)
    assert log.entries()[-1].after["audit_head"] is None
    path.write_text(json.dumps(manifest | {"audit_head": 7}), encoding="utf-8")
    with pytest.raises(RuleError) as refused:
        restore(services.db, info.folder, ORGANISER, passphrase=PASSPHRASE)
    assert [m.code for m in refused.value.messages] == ["backup_manifest_damaged"]


def test_only_a_database_without_accounts_is_restored_without_a_sign_in(
    services: Services, campaign: CampaignInfo, tmp_path: Path
) -> None:
    info = backup(services.db, ORGANISER, tmp_path / "backups", passphrase=PASSPHRASE)
    restore(services.db, info.folder, None, passphrase=PASSPHRASE)  # a new installation
    assert AuditLog(services.db).entries()[-1].actor == SETUP_ACTOR
    accounts.setup(services.db, "王组长", "组长的密码123")
    with pytest.raises(RuleError) as refused:
        restore(services.db, info.folder, None, passphrase=PASSPHRASE)
    assert [m.code for m in refused.value.messages] == ["restore_needs_sign_in"]
    assert accounts.has_accounts(services.db), "nothing was restored"


def _bytes_under(folder: Path) -> int:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file())


def _folders(folder: Path) -> list[Path]:
    return sorted(p for p in folder.iterdir() if p.is_dir())


@pytest.mark.both_backends
def test_automatic_backups_are_throttled_say_which_and_restore_the_data(
    services: Services, demo: CampaignInfo, scans: list[Path]
) -> None:
    record(services, scans[:2])
    first = automatic_backup(services.db, "after-scan")
    assert first.kind is AutomaticKind.FULL and first.written is not None
    assert first.message().code == "backup_automatic_full"
    assert "完整备份" in first.message().text("zh") and "节流" in first.message().text("zh")
    tally = paper_tally(services.db, demo.id).categories[WINDOWS].votes
    ballots = paper_tally(services.db, demo.id).ballots
    head = AuditLog(services.db).head()

    record(services, scans[2:4])  # the next batch, within the interval: no copy at all
    folder = automatic_folder(services.db)
    size = _bytes_under(folder)
    second = automatic_backup(services.db, "after-scan")
    assert second.kind is AutomaticKind.THROTTLED and second.written is None
    assert second.newest == first.written.folder and second.next_due is not None
    assert second.message().code == "backup_automatic_throttled"
    assert "节流" in second.message().text("zh")
    assert "throttled" in second.message().text("en")
    assert _bytes_under(folder) == size and _folders(folder) == [first.written.folder]

    due = automatic_backup(services.db, "after-scan", interval=dt.timedelta(0))
    assert due.kind is AutomaticKind.FULL and due.written is not None
    unchanged = automatic_backup(services.db, "after-scan", interval=dt.timedelta(0))
    assert unchanged.kind is AutomaticKind.UNCHANGED, "nothing changed since: no copy"
    assert unchanged.message().code == "backup_automatic_unchanged"
    assert len(_folders(folder)) == 2

    # The first copy gives back the data as it was: the tally and the chain over it.
    restore(services.db, first.written.folder, ORGANISER)
    assert paper_tally(services.db, demo.id).categories[WINDOWS].votes == tally
    log = AuditLog(services.db)
    assert head is not None and log.verify([head]).ok
    assert paper_tally(services.db, demo.id).ballots == ballots


def test_automatic_backups_keep_the_newest_and_bounded_disk(
    services: Services, campaign: CampaignInfo
) -> None:
    assert services.db.sqlite_path is not None
    for n in range(KEEP_AUTOMATIC_BACKUPS + 5):
        services.registry.add_unit(campaign.id, f"单位{n}")  # a change since the last copy
        made = automatic_backup(services.db, "after-scan", interval=dt.timedelta(0))
        assert made.kind is AutomaticKind.FULL
    folder = automatic_folder(services.db)
    assert len(_folders(folder)) == KEEP_AUTOMATIC_BACKUPS
    # Each copy is at most the database: the folder never holds more than the kept copies.
    bound = KEEP_AUTOMATIC_BACKUPS * services.db.sqlite_path.stat().st_size
    assert _bytes_under(folder) <= bound + KEEP_AUTOMATIC_BACKUPS * 4096  # + the manifests


def test_a_throttled_batch_writes_nothing_however_many_sheets_are_recorded(
    services: Services, demo: CampaignInfo, scans: list[Path]
) -> None:
    """The cost after a batch that is not due is reading one manifest: the bytes written
    are the same (none) with 1 sheet and with many more recorded, while a full copy grows."""
    folder = automatic_folder(services.db)
    written = []
    full_sizes = []
    for batch, next_batch in ((scans[:1], scans[1:2]), (scans[2:5], scans[5:6])):
        record(services, batch)
        full = automatic_backup(services.db, "after-scan", interval=dt.timedelta(0))
        assert full.written is not None
        full_sizes.append(full.written.size_bytes)
        record(services, next_batch)
        before = _bytes_under(folder)
        throttled = automatic_backup(services.db, "after-scan")
        assert throttled.kind is AutomaticKind.THROTTLED
        written.append(_bytes_under(folder) - before)
    assert written == [0, 0]
    assert full_sizes[1] > full_sizes[0], "a full copy does grow with the database"


def test_automatic_backups_remove_what_a_killed_backup_left(services: Services,
                                                            demo: CampaignInfo) -> None:
    first = automatic_backup(services.db, "after-scan").written
    assert first is not None
    killed = first.folder.with_name("ballotdesk-backup-20261101-080000-000000-after-scan.partial")
    under_way = first.folder.with_name(killed.name.replace("080000", "090000"))
    for partial in (killed, under_way):
        partial.mkdir()
        (partial / "ballotdesk.sqlite3").write_bytes(b"half a copy")
    long_ago = time.time() - STALE_PARTIAL_SECONDS - 60
    os.utime(killed, (long_ago, long_ago))
    services.registry.add_unit(demo.id, "东湖街道")  # a change: the next copy is written
    assert automatic_backup(services.db, "after-scan", interval=dt.timedelta(0)).written
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
        assert set_states(connection, "01", "marked", "empty")
    (difference,) = recount(services.db, demo.id).differences
    assert difference.serial == 1
    assert any("01: 未划 → 已划" in change for change in difference.changes)  # in words


def test_cli_backup_restore_recount(cli: Cli, demo: CampaignInfo, scans: list[Path],
                                   tmp_path: Path) -> None:
    cli.ok("scan", *map(str, scans[:2]), "--workers", "1")
    phrase = tmp_path / "口令.txt"
    phrase.write_text(PASSPHRASE + "\n", encoding="utf-8")
    saved = cli.json("backup", str(tmp_path / "b"), "--passphrase-file", str(phrase))
    assert saved["files"] >= 3 and saved["secrets"] == "sealed"
    assert "与记录完全一致" in cli.ok("recount")
    assert cli("restore", saved["folder"]) == 1  # sealed, and no terminal to ask on
    assert "--passphrase-file" in cli.err
    restored = cli.ok("restore", saved["folder"], "--passphrase-file",
                      str(phrase)).splitlines()
    assert "已从备份" in restored[0]
    command = restored[1].rpartition("：")[2].split()
    assert command[:4] == ["ballotdesk", "audit", "verify", "--anchor"]
    assert "与留存的 1 个锚点相符" in cli.ok(*command[1:])


def test_cli_scan_says_which_automatic_backup_it_made(cli: Cli, demo: CampaignInfo,
                                                      scans: list[Path]) -> None:
    cli.ok("scan", *map(str, scans[:2]), "--workers", "1")
    assert "已自动完整备份数据库" in cli.err
    cli.ok("scan", *map(str, scans[2:4]), "--workers", "1")
    assert "本批次未自动备份（节流" in cli.err and "ballotdesk backup" in cli.err


def _secrets_of(services: Services, campaign_id: int) -> tuple[bytes, bytes]:
    """The campaign secret and the station's private key, as stored."""
    with services.db.transaction() as s:
        secret = s.get_one(Campaign, campaign_id).secret
        private = s.scalar(select(StationIdentity.private_key))
    assert private is not None
    return secret, private


def _backup_bytes(folder: Path) -> bytes:
    return b"".join(p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file())


@pytest.mark.both_backends
def test_a_backup_seals_its_secrets_and_a_restore_needs_the_passphrase(
    services: Services, campaign: CampaignInfo, tmp_path: Path
) -> None:
    services.stations.identity("组织者的机器")
    secret, private = _secrets_of(services, campaign.id)
    info = backup(services.db, ORGANISER, tmp_path / "backups", passphrase=PASSPHRASE)
    manifest = json.loads((info.folder / MANIFEST).read_text(encoding="utf-8"))
    assert manifest["secrets"] == "sealed" and SEALED_FILE in manifest["files"]
    data = _backup_bytes(info.folder)  # neither in the database copy nor anywhere else
    assert secret not in data and secret.hex() not in data.decode("latin-1")
    assert private not in data and private.hex() not in data.decode("latin-1")
    modes = {p.name: stat.S_IMODE(p.stat().st_mode) for p in info.folder.iterdir()}
    assert modes[SEALED_FILE] == 0o600
    assert modes.get(SQLITE_FILE, modes.get(SQL_DUMP_FILE)) == 0o600
    assert stat.S_IMODE(info.folder.stat().st_mode) == 0o700

    services.registry.add_unit(campaign.id, "东湖街道")  # after the backup
    with pytest.raises(RuleError) as refused:
        restore(services.db, info.folder, ORGANISER)
    assert [m.code for m in refused.value.messages] == ["restore_needs_passphrase"]
    with pytest.raises(RuleError) as refused:
        restore(services.db, info.folder, ORGANISER, passphrase="猜的口令")
    assert [m.code for m in refused.value.messages] == ["sealed_passphrase_wrong"]
    assert "口令不正确" in refused.value.messages[0].text("zh_CN")
    assert [u.name for u in services.registry.list_units(campaign.id)] == ["东湖街道"], \
        "a refused restore changes nothing"

    restored = restore(services.db, info.folder, ORGANISER, passphrase=PASSPHRASE)
    assert restored["secrets_restored"] and secrets_missing(restored) is None
    assert _secrets_of(services, campaign.id) == (secret, private)
    assert services.registry.list_units(campaign.id) == []
    assert AuditLog(services.db).entries()[-1].after["secrets"] == "restored"


@pytest.mark.both_backends
def test_a_backup_without_secrets_restores_and_says_they_are_missing(
    services: Services, campaign: CampaignInfo, tmp_path: Path
) -> None:
    services.stations.identity("组织者的机器")
    secret, private = _secrets_of(services, campaign.id)
    with pytest.raises(RuleError) as refused:
        backup(services.db, ORGANISER, tmp_path / "backups")
    assert [m.code for m in refused.value.messages] == ["backup_needs_passphrase"]
    info = backup(services.db, ORGANISER, tmp_path / "backups", leave_out_secrets=True)
    assert not (info.folder / SEALED_FILE).exists()
    data = _backup_bytes(info.folder)
    assert secret not in data and private not in data

    restored = restore(services.db, info.folder, ORGANISER)
    missing = secrets_missing(restored)
    assert missing is not None and "不含密钥" in missing.text("zh_CN")
    assert "taken without them" in missing.text("en")
    assert services.stations.current() is None, "a key without its private half is dropped"
    with pytest.raises(RuleError, match="不含评选活动的密钥"):
        services.registry.campaign_secret(campaign.id)
    assert AuditLog(services.db).entries()[-1].after["secrets"] == "missing"


def test_a_sealed_backup_restores_without_its_secrets_on_request(
    services: Services, campaign: CampaignInfo, tmp_path: Path, cli: Cli
) -> None:
    info = backup(services.db, ORGANISER, tmp_path / "backups", passphrase=PASSPHRASE)
    out = cli.ok("restore", str(info.folder), "--no-secrets")
    assert "不含密钥" in out and "恢复时选择了不恢复密钥" in out
    (info.folder / SEALED_FILE).write_bytes(b"something else")
    with pytest.raises(RuleError) as refused:
        restore(services.db, info.folder, ORGANISER, passphrase=PASSPHRASE)
    assert [m.code for m in refused.value.messages] == ["backup_damaged"]


def test_database_files_and_backups_are_owner_only(
    services: Services, campaign: CampaignInfo, tmp_path: Path
) -> None:
    assert services.db.sqlite_path is not None
    assert stat.S_IMODE(services.db.sqlite_path.stat().st_mode) == 0o600
    migration_copy = services.db.backup_sqlite(reason="test")
    assert stat.S_IMODE(migration_copy.stat().st_mode) == 0o600
    assert stat.S_IMODE(migration_copy.parent.stat().st_mode) == 0o700
    automatic = automatic_backup(services.db, "batch").written
    assert automatic is not None
    assert stat.S_IMODE((automatic.folder / SQLITE_FILE).stat().st_mode) == 0o600
    new = Database(f"sqlite:///{tmp_path / 'new' / 'folder' / 'ballotdesk.sqlite3'}")
    assert new.sqlite_path is not None
    assert stat.S_IMODE(new.sqlite_path.stat().st_mode) == 0o600
    assert stat.S_IMODE(new.sqlite_path.parent.stat().st_mode) == 0o700
    new.dispose()
