"""Backups: the database plus the scanned-image archive, with a manifest of SHA-256 hashes.

A backup is a folder ``ballotdesk-backup-<time>`` holding

* ``database.sqlite3`` (SQLite's online backup API: consistent while the application runs) or
  ``database.sql`` (``pg_dump`` of a PostgreSQL database, when ``pg_dump`` is installed);
* ``archive/``: the scanned images (content-addressed files, copied as they are);
* ``secrets.sealed``: the database's secrets (campaign secrets, box keys, the station's
  Ed25519 private key; desktop/core/store/sealing.py) sealed with a passphrase, unless they were
  left out on request. Either way the database in the backup holds them blank (a SQLite copy is
  vacuumed, a dump's values are emptied), so the backup reveals none of them in the clear;
* ``manifest.json``: when, which schema revision, the audit log's head when the copy began
  (``audit_head``, an anchor ``N:hash``: the backup holds that entry, perhaps a few newer),
  ``secrets`` (``sealed``, ``left_out``, or ``clear``: the automatic backups and those of
  earlier versions) and the SHA-256 of every file above.

Backups are owner-only (folders 0700, files 0600). The automatic backups beside a database keep
its secrets as the database itself does (in the clear, owner-only): nobody is there to type a
passphrase after every scanning batch, and they never leave the database's folder.

Restoring a sealed backup needs its passphrase (a wrong one is refused before anything
changes); restoring without it, or a backup whose secrets were left out, brings everything
else, and says the secrets are missing: ballots cannot be printed or checked there, and the
station's key is made anew.

Restoring checks every hash first and refuses a backup that does not match, whole. The
restored chain can then be checked against the manifest's anchor
(``ballotdesk audit verify --anchor N:hash``; the ``restore.done`` entry records it too): a
PostgreSQL dump is restored in one ``psql`` transaction, which leaves no point to check the
chain before it commits, so the restore does not refuse on it.

Taking a backup and restoring one are actions of a signed-in person whose role has
``Permission.BACKUP`` (organisers), on the audit chain: ``backup.create`` in the database that
was backed up, ``restore.done`` in the restored database, after the restore (the backup's own
chain, then this entry). One exception: a database with no account yet (a new station laptop
set up from the organiser's backup) is restored without a sign-in, since there is nobody to
sign in as until the restore brings the accounts; its entry's actor is :data:`SETUP_ACTOR`.
The automatic backup after a scanning batch is the system's own safety copy, not an action:
it needs no permission and is not logged. It is throttled (:func:`automatic_backup`): a full
copy at most every :data:`AUTOMATIC_BACKUP_INTERVAL` and only when the database changed, the
newest :data:`KEEP_AUTOMATIC_BACKUPS` kept, so a batch pays for a copy at most twice an hour
and the disk holds at most that many copies (why not incremental: docs/deployment.md).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import logging
import os
import shutil
import sqlite3
import subprocess
import time
from collections.abc import Iterator
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from typing import Any

from sqlalchemy import create_engine
from sqlalchemy.engine import make_url

from ballotformat.messages import Message, RuleError, error, info, register, warning
from desktop.core import audit
from desktop.core.accounts import SETUP_ACTOR, Actor, has_accounts
from desktop.core.audit import ANCHOR_FULL_DIGITS, AuditLog
from desktop.core.enums import Permission, Role
from desktop.core.records import archive_root, default_station
from desktop.core.store.db import Database
from desktop.core.store.paths import private_dir, private_file, sha256_file
from desktop.core.store.sealing import (
    Secrets,
    blank_secrets,
    check_passphrase,
    drop_blank_station_keys,
    read_secrets,
    seal,
    unseal,
    write_secrets,
)

log = logging.getLogger(__name__)

register({
    "backup_no_pg_dump": (
        "找不到 pg_dump：请安装 PostgreSQL 客户端工具后再备份数据库。",
        "pg_dump was not found: install the PostgreSQL client tools to back up the database.",
    ),
    "backup_failed": ("备份失败：{reason}", "The backup failed: {reason}"),
    "backup_not_found": ("“{path}”不是 BallotDesk 备份（缺少 manifest.json）。",
                         "“{path}” is not a BallotDesk backup (no manifest.json)."),
    "backup_damaged": (
        "备份已损坏，未恢复任何内容：{count} 个文件与清单不符（如“{file}”）。",
        "The backup is damaged and nothing was restored: {count:|file does|files do} not match the "
        "manifest (e.g. “{file}”).",
    ),
    "restore_needs_sign_in": (
        "此数据库已有账户：恢复备份需要组织者登录。",
        "This database has accounts: restoring a backup needs an organiser to sign in.",
    ),
    "restore_needs_sqlite": (
        "此备份来自 {kind} 数据库，只能恢复到同类数据库。",
        "This backup is of a {kind} database and can only be restored to one.",
    ),
    "backup_manifest_damaged": (
        "备份“{path}”的清单 manifest.json 已损坏或不完整，未恢复任何内容。",
        "The manifest.json of the backup “{path}” is damaged or incomplete; nothing was "
        "restored.",
    ),
    "backup_database_damaged": (
        "备份中的数据库“{file}”无法读取（已损坏，或不是 BallotDesk 数据库），未恢复任何内容。",
        "The database “{file}” in the backup cannot be read (damaged, or not a BallotDesk "
        "database); nothing was restored.",
    ),
    "restore_failed": ("恢复失败，数据库未改动：{reason}",
                       "The restore failed and the database was not changed: {reason}"),
    "backup_needs_passphrase": (
        "备份中的密钥（评选活动密钥、计票站私钥）须用口令封存，或明确选择不备份密钥。",
        "The backup's secrets (campaign secrets, the station's private key) must be sealed "
        "with a passphrase, or left out on request.",
    ),
    "restore_needs_passphrase": (
        "此备份的密钥已用口令封存：请提供口令，或选择不恢复密钥。",
        "This backup's secrets are sealed with a passphrase: give it, or restore without "
        "the secrets.",
    ),
    "restore_secrets_missing": (
        "已恢复，但不含密钥（{why}）：此数据库不能印制或核验选票，计票站密钥需重新生成。",
        "Restored without the secrets ({why}): this database cannot print or check ballots, "
        "and the station's key must be made anew.",
    ),
    "restore_secrets_left_out": ("备份时未包含密钥", "the backup was taken without them"),
    "restore_secrets_not_unsealed": ("恢复时选择了不恢复密钥",
                                     "the restore was asked to leave them out"),
    "backup_automatic_full": (
        "已自动完整备份数据库（节流：至多每 {minutes} 分钟一次）：{folder}",
        "Automatic full backup of the database (throttled: at most one every {minutes} "
        "minutes): {folder}",
    ),
    "backup_automatic_throttled": (
        "本批次未自动备份（节流：最近的完整备份“{folder}”，下一次最早在 {due}）。"
        "随时可用 ballotdesk backup 或 文件 → 备份… 做完整备份。",
        "No automatic backup after this batch (throttled: the newest full copy is “{folder}”, "
        "the next one at {due} at the earliest). A full backup on demand: ballotdesk backup, "
        "or File → Back up….",
    ),
    "backup_automatic_unchanged": (
        "数据库自最近的自动备份“{folder}”以来未变，未再备份。",
        "The database has not changed since the automatic backup “{folder}”: no new copy.",
    ),
    "backup_automatic_unavailable": (
        "未自动备份：此计票站找不到 pg_dump（PostgreSQL 客户端工具）。",
        "No automatic backup: pg_dump (the PostgreSQL client tools) is not on this station.",
    ),
})


class BackupSecrets(StrEnum):
    """What a backup holds of the database's secrets (``manifest["secrets"]``)."""

    SEALED = "sealed"  # in secrets.sealed, under a passphrase
    LEFT_OUT = "left_out"  # not at all
    CLEAR = "clear"  # in the database copy (automatic backups; every earlier version's)

MANIFEST = "manifest.json"
SQLITE_FILE = "database.sqlite3"
SQL_DUMP_FILE = "database.sql"
#: The line pg_dump writes last in a plain dump it finished, and how far from the end it is
#: looked for (blank lines follow it).
DUMP_COMPLETE = b"-- PostgreSQL database dump complete"
DUMP_TAIL_BYTES = 4096
ARCHIVE_DIR = "archive"
SEALED_FILE = "secrets.sealed"
#: PostgreSQL dumps: the columns emptied (COPY text: an empty bytea) and the tables left out
#: when a backup's secrets are sealed or left out (see sealing.blank_secrets).
DUMP_BLANKED = {"public.campaign": "secret", "public.station_identity": "private_key"}
DUMP_DROPPED = frozenset({"public.box_key"})
EMPTY_BYTEA = r"\\x"  # COPY text doubles the backslash of bytea's hex form
#: Automatic backups (full copies after scanning batches) kept per database: the disk they use
#: is at most this many times the database (3 × 589 MB at 100,000 sheets, where ten copies took
#: 5.9 GB); three survive one damaged copy and one taken just before a mistake.
KEEP_AUTOMATIC_BACKUPS = 3
#: The least time between two automatic full copies: a batch within it writes no copy (the
#: backup is throttled), so the copies cost at most two a scanning hour however many batches
#: there are (1.6 s of CPU each at 100,000 sheets), and a disk lost between copies loses at
#: most half an hour of recording (its images stay in the archive, to be scanned again).
AUTOMATIC_BACKUP_INTERVAL = dt.timedelta(minutes=30)
#: An automatic backup's ``.partial`` folder this old was left by a killed process (a backup
#: takes seconds; a younger one may be another process's backup under way) and is removed.
STALE_PARTIAL_SECONDS = 6 * 3600


def _files(root: Path) -> Iterator[Path]:
    return (p for p in sorted(root.rglob("*")) if p.is_file() and p.name != MANIFEST)


@dataclass(frozen=True)
class BackupInfo:
    folder: Path
    files: int
    size_bytes: int


def backup(db: Database, actor: Actor, target_dir: Path, include_archive: bool = True, *,
           passphrase: str | None = None, leave_out_secrets: bool = False) -> BackupInfo:
    """Write a new backup folder inside ``target_dir``, on the audit chain as ``actor``'s: the
    secrets sealed with ``passphrase``, or left out with ``leave_out_secrets`` (one of the two
    is needed)."""
    actor.require(Permission.BACKUP)
    if leave_out_secrets:
        mode, passphrase = BackupSecrets.LEFT_OUT, None
    elif passphrase is not None:
        mode = BackupSecrets.SEALED
    else:
        raise RuleError([error("backup_needs_passphrase")])
    info = _write_backup(db, target_dir, include_archive, mode=mode, passphrase=passphrase)
    with db.transaction() as s:
        audit.record(s, actor=actor, action="backup.create", entity="backup", entity_id=None,
                     campaign_id=None, after={
                         "folder": str(info.folder), "files": info.files,
                         "bytes": info.size_bytes, "includes_archive": include_archive,
                         "secrets": mode.value,
                         "manifest_sha256": sha256_file(info.folder / MANIFEST)})
    return info


def _write_backup(db: Database, target_dir: Path, include_archive: bool, label: str = "",
                  mode: BackupSecrets = BackupSecrets.CLEAR, passphrase: str | None = None,
                  ) -> BackupInfo:
    stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S-%f")
    folder = target_dir / f"ballotdesk-backup-{stamp}{('-' + label) if label else ''}"
    partial = folder.with_name(folder.name + ".partial")
    head = AuditLog(db).head()  # before the copy: the copy holds at least this entry
    if mode is BackupSecrets.SEALED:  # refused before anything is written
        check_passphrase(passphrase or "")
    try:
        private_dir(target_dir)
        partial.mkdir(mode=0o700)
        if db.sqlite_path is not None:
            copy_path = private_file(partial / SQLITE_FILE)
            with sqlite3.connect(db.sqlite_path) as source, \
                    sqlite3.connect(copy_path) as copy:
                source.backup(copy)
            found = None if mode is BackupSecrets.CLEAR else _take_secrets_sqlite(copy_path)
        else:
            dump = private_file(partial / SQL_DUMP_FILE)
            _pg_dump(db.url, dump)
            found = None
            if mode is not BackupSecrets.CLEAR:
                with db.engine.connect() as connection:
                    found = read_secrets(connection)
                _blank_dump(dump)
        if found is not None and mode is BackupSecrets.SEALED:
            assert passphrase is not None
            private_file(partial / SEALED_FILE).write_bytes(seal(found.to_json(), passphrase))
        archive = archive_root(db)
        if include_archive and archive.exists():
            shutil.copytree(archive, partial / ARCHIVE_DIR)
        files = {str(p.relative_to(partial)): sha256_file(p) for p in _files(partial)}
        manifest: dict[str, Any] = {
            "created_at": dt.datetime.now(dt.UTC).isoformat(),
            "database": "sqlite" if db.sqlite_path is not None else "postgresql",
            "schema_revision": db.current_revision(),
            "includes_archive": include_archive,
            "secrets": mode.value,
            "audit_head": head.text(ANCHOR_FULL_DIGITS) if head else None,
            "files": files,
        }
        (partial / MANIFEST).write_text(json.dumps(manifest, indent=2, ensure_ascii=False),
                                        encoding="utf-8")
        partial.rename(folder)
    except OSError as exc:
        shutil.rmtree(partial, ignore_errors=True)
        raise RuleError([error("backup_failed", reason=exc.strerror or exc)]) from exc
    size = sum(p.stat().st_size for p in _files(folder))
    return BackupInfo(folder, len(files), size)


def _take_secrets_sqlite(path: Path) -> Secrets:
    """The secrets of a SQLite copy, then blanked in it and vacuumed out of its free pages."""
    engine = create_engine(f"sqlite:///{path}")
    try:
        with engine.begin() as connection:
            found = read_secrets(connection)
            blank_secrets(connection)
    finally:
        engine.dispose()
    with contextlib.closing(sqlite3.connect(path)) as vacuum:
        vacuum.execute("VACUUM")
    return found


def _blank_dump(dump: Path) -> None:
    """A plain ``pg_dump`` with the secrets' values emptied (:data:`DUMP_BLANKED`) and the
    box keys' rows left out (:data:`DUMP_DROPPED`), in place. COPY text is one row per line
    and one tab between values (a tab inside a value is escaped)."""
    blanked = dump.with_name(dump.name + ".blank")
    private_file(blanked)
    with dump.open(encoding="utf-8") as read, blanked.open("w", encoding="utf-8") as write:
        column: int | None = None
        dropping = False
        for line in read:
            if line.startswith("COPY "):
                table, _, rest = line[len("COPY "):].partition(" ")
                names = [n.strip().strip('"') for n in rest.partition("(")[2]
                         .partition(")")[0].split(",")]
                dropping = table in DUMP_DROPPED
                column = names.index(DUMP_BLANKED[table]) if table in DUMP_BLANKED else None
            elif line.startswith("\\."):
                column, dropping = None, False
            elif dropping:
                continue
            elif column is not None:
                values = line.rstrip("\n").split("\t")
                values[column] = EMPTY_BYTEA
                write.write("\t".join(values) + "\n")
                continue
            write.write(line)
    os.replace(blanked, dump)


def _pg_dump(url: str, out: Path) -> None:
    _run_pg_tool("pg_dump", url, ["--no-owner", "--clean", "--if-exists", "-f", str(out)])


def _run_pg_tool(tool: str, url: str, arguments: list[str], failed: str = "backup_failed",
                 ) -> None:
    """Run a PostgreSQL client tool against the database of ``url``; its error output, as
    the message ``failed``, when it fails."""
    parsed = make_url(url)
    if shutil.which(tool) is None:
        raise RuleError([error("backup_no_pg_dump")])
    command = [tool, *arguments, "-h", parsed.host or "localhost",
               "-p", str(parsed.port or 5432), "-U", parsed.username or "postgres",
               parsed.database or "postgres"]
    env = {"PGPASSWORD": parsed.password} if parsed.password else {}
    done = subprocess.run(command, capture_output=True, text=True, check=False,
                          env={**os.environ, **env})
    if done.returncode != 0:
        raise RuleError([error(failed, reason=done.stderr.strip()[:300])])


def verify_backup(folder: Path) -> dict[str, Any]:
    """The manifest, once every file's hash matches; a RuleError naming the first mismatch."""
    manifest_path = folder / MANIFEST
    if not manifest_path.is_file():
        raise RuleError([error("backup_not_found", path=str(folder))])
    manifest = _read_manifest(manifest_path)
    listed: dict[str, str] = manifest["files"]
    present = {str(p.relative_to(folder)) for p in _files(folder)}
    wrong = sorted(name for name, digest in listed.items()
                   if name not in present or sha256_file(folder / name) != digest)
    wrong += sorted(present - set(listed))
    if wrong:
        raise RuleError([error("backup_damaged", count=len(wrong), file=wrong[0])])
    return manifest


def _read_manifest(path: Path) -> dict[str, Any]:
    """The manifest, or a RuleError when it is not one (cut short, edited, another file): every
    key the restore uses present, the listed files inside the backup folder."""
    try:
        manifest = json.loads(path.read_text(encoding="utf-8"))
    except ValueError:  # not JSON, not UTF-8
        manifest = None
    files = manifest.get("files") if isinstance(manifest, dict) else None
    if not (isinstance(manifest, dict) and isinstance(files, dict)
            and manifest.get("database") in ("sqlite", "postgresql")
            and {"created_at", "schema_revision"} <= set(manifest)
            and isinstance(manifest.get("audit_head", ""), str | None)
            and all(isinstance(digest, str) and not Path(name).is_absolute()
                    and ".." not in Path(name).parts for name, digest in files.items())):
        raise RuleError([error("backup_manifest_damaged", path=str(path.parent))])
    return manifest


def _check_sqlite(path: Path) -> None:
    """Refuse a backup's database file that SQLite cannot read or that BallotDesk never
    wrote (its hash can match a manifest written for it), before the database is replaced."""
    read_only = f"{path.resolve().as_uri()}?mode=ro"
    try:
        with contextlib.closing(sqlite3.connect(read_only, uri=True)) as check:
            healthy = check.execute("PRAGMA quick_check").fetchone() == ("ok",)
            check.execute("SELECT version_num FROM alembic_version").fetchall()
    except sqlite3.DatabaseError:
        healthy = False
    if not healthy:
        raise RuleError([error("backup_database_damaged", file=str(path))])


def _check_dump(path: Path) -> None:
    """Refuse a PostgreSQL dump that does not end as pg_dump ends every dump it finished: cut
    at a line inside a COPY block, psql would load the rows before the cut without an error
    and the restore would look complete."""
    with path.open("rb") as dump:
        dump.seek(max(0, path.stat().st_size - DUMP_TAIL_BYTES))
        tail = dump.read()
    if DUMP_COMPLETE not in tail:
        raise RuleError([error("backup_database_damaged", file=str(path))])


def backup_secrets(folder: Path) -> BackupSecrets:
    """What a backup holds of the secrets (read from its manifest, before any hash is
    checked: the window and the command line ask for a passphrase only when it is needed)."""
    path = folder / MANIFEST
    if not path.is_file():
        raise RuleError([error("backup_not_found", path=str(folder))])
    return BackupSecrets(_read_manifest(path).get("secrets", BackupSecrets.CLEAR))


def unseal_secrets(folder: Path, passphrase: str) -> Secrets:
    """A sealed backup's secrets: a RuleError for a wrong passphrase (the window checks it
    before the restore starts; the restore checks it again before it changes anything)."""
    return Secrets.from_json(unseal((folder / SEALED_FILE).read_bytes(), passphrase,
                                    SEALED_FILE), SEALED_FILE)


def restore(db: Database, folder: Path, actor: Actor | None, *, passphrase: str | None = None,
            without_secrets: bool = False) -> dict[str, Any]:
    """Replace the database (and add the archived images) from a verified backup, and return
    its manifest with ``secrets_restored`` (False: the secrets are missing, see
    :func:`secrets_missing`).

    A sealed backup needs ``passphrase`` (checked before anything changes) unless
    ``without_secrets``. ``actor`` None: only for a database without accounts (see the
    module docstring)."""
    if actor is None:
        if has_accounts(db):
            raise RuleError([error("restore_needs_sign_in")])
        actor = Actor(SETUP_ACTOR, Role.ORGANISER)
    actor.require(Permission.BACKUP)
    manifest = verify_backup(folder)
    mode = BackupSecrets(manifest.get("secrets", BackupSecrets.CLEAR))
    secrets = None
    if mode is BackupSecrets.SEALED and not without_secrets:
        if passphrase is None:
            raise RuleError([error("restore_needs_passphrase")])
        secrets = unseal_secrets(folder, passphrase)
    if manifest["database"] == "sqlite":
        if db.sqlite_path is None:
            raise RuleError([error("restore_needs_sqlite", kind="SQLite")])
        _check_sqlite(folder / SQLITE_FILE)
        db.dispose()
        if db.sqlite_path.exists():
            db.backup_sqlite(reason="before-restore")
        with sqlite3.connect(folder / SQLITE_FILE) as source, \
                sqlite3.connect(db.sqlite_path) as target:
            source.backup(target)
    else:
        if db.sqlite_path is not None:
            raise RuleError([error("restore_needs_sqlite", kind="PostgreSQL")])
        _check_dump(folder / SQL_DUMP_FILE)
        _psql(db.url, folder / SQL_DUMP_FILE)
    archive = folder / ARCHIVE_DIR
    if archive.is_dir():
        shutil.copytree(archive, archive_root(db), dirs_exist_ok=True)
    db.migrate()
    with db.engine.begin() as connection:
        if secrets is not None:
            write_secrets(connection, secrets)
        elif mode is not BackupSecrets.CLEAR:
            drop_blank_station_keys(connection)
    restored = mode is BackupSecrets.CLEAR or secrets is not None
    with db.transaction() as s:
        audit.record(s, actor=actor, action="restore.done", entity="backup", entity_id=None,
                     campaign_id=None, after={
                         "secrets": "restored" if restored else "missing",
                         "folder": str(folder), "created_at": manifest["created_at"],
                         "schema_revision": manifest["schema_revision"],
                         "manifest_sha256": sha256_file(folder / MANIFEST),
                         "audit_head": manifest.get("audit_head"),
                         "station": default_station()})
    return {**manifest, "secrets_restored": restored}


def secrets_missing(manifest: dict[str, Any]) -> Message | None:
    """What a restore says when it brought no secrets (None when it did)."""
    if manifest.get("secrets_restored", True):
        return None
    why = ("restore_secrets_left_out" if manifest.get("secrets") == BackupSecrets.LEFT_OUT
           else "restore_secrets_not_unsealed")
    return warning("restore_secrets_missing", why=Message(why))


def _psql(url: str, dump: Path) -> None:
    """One transaction: a dump that fails half-way (damaged, written for another server)
    leaves the database as it was."""
    _run_pg_tool("psql", url, ["-v", "ON_ERROR_STOP=1", "--single-transaction", "-q",
                               "-f", str(dump)], failed="restore_failed")


class AutomaticKind(StrEnum):
    """What the automatic backup after a batch did (``AutomaticBackup.kind``)."""

    FULL = "full"  # a whole copy of the database written
    THROTTLED = "throttled"  # none: the newest copy is younger than the interval
    UNCHANGED = "unchanged"  # none: nothing changed since the newest copy (same audit head)
    UNAVAILABLE = "unavailable"  # none: a PostgreSQL database and no pg_dump on this station


@dataclass(frozen=True)
class AutomaticBackup:
    """The outcome of :func:`automatic_backup`: what it did, the copy it wrote (``FULL``), the
    newest copy there is, and when the next full copy is due."""

    kind: AutomaticKind
    written: BackupInfo | None = None
    newest: Path | None = None
    next_due: dt.datetime | None = None

    def message(self) -> Message:
        """What the batch says about its backup (the CLI on stderr, the scan page's status)."""
        if self.kind is AutomaticKind.FULL:
            assert self.written is not None
            return info("backup_automatic_full", folder=str(self.written.folder),
                        minutes=_minutes(AUTOMATIC_BACKUP_INTERVAL))
        if self.kind is AutomaticKind.THROTTLED:
            assert self.next_due is not None
            return info("backup_automatic_throttled", folder=str(self.newest),
                        due=self.next_due.astimezone().strftime("%H:%M"))
        if self.kind is AutomaticKind.UNCHANGED:
            return info("backup_automatic_unchanged", folder=str(self.newest))
        return warning("backup_automatic_unavailable")


def _minutes(interval: dt.timedelta) -> int:
    return int(interval.total_seconds() // 60)


def automatic_folder(db: Database) -> Path:
    """Where the automatic backups of ``db`` are: ``backups/automatic`` beside a SQLite file,
    or beside the archive folder of a PostgreSQL database."""
    return (db.sqlite_path.parent if db.sqlite_path is not None
            else archive_root(db).parent) / "backups" / "automatic"


def _newest_automatic(folder: Path) -> tuple[Path, dict[str, Any]] | None:
    """The newest complete automatic backup and its manifest (None: none, or its manifest is
    unreadable, which makes the next batch write a full copy)."""
    if not folder.is_dir():
        return None
    done = sorted(p for p in folder.iterdir() if p.is_dir() and not p.name.endswith(".partial"))
    if not done:
        return None
    try:
        return done[-1], _read_manifest(done[-1] / MANIFEST)
    except (OSError, RuleError):
        return None


def automatic_backup(db: Database, label: str,
                     interval: dt.timedelta | None = None) -> AutomaticBackup:
    """After a scanning batch: a full copy of the database, throttled: only when the newest
    automatic copy is older than ``interval`` (:data:`AUTOMATIC_BACKUP_INTERVAL`) and the
    database changed since (its audit head moved: every change is on the chain). Otherwise the
    batch costs reading one small manifest, whatever the number of sheets recorded. The archive
    is left out (append-only and content-addressed, its files are safe where they are).

    Keeps the newest :data:`KEEP_AUTOMATIC_BACKUPS` copies and removes what killed backups
    left (:data:`STALE_PARTIAL_SECONDS`). A full backup on demand is :func:`backup`. What it did is
    logged too (the window's log file)."""
    made = _automatic_backup(db, label, interval)
    log.info("automatic backup after a batch: %s (%s)", made.kind.value,
             made.newest or "no copy")
    return made


def _automatic_backup(db: Database, label: str,
                      interval: dt.timedelta | None) -> AutomaticBackup:
    """:func:`automatic_backup` without the log line."""
    interval = AUTOMATIC_BACKUP_INTERVAL if interval is None else interval
    if db.sqlite_path is None and shutil.which("pg_dump") is None:
        return AutomaticBackup(AutomaticKind.UNAVAILABLE)
    folder = automatic_folder(db)
    newest = _newest_automatic(folder)
    if newest is not None:
        path, manifest = newest
        head = AuditLog(db).head()
        if manifest.get("audit_head") == (head.text(ANCHOR_FULL_DIGITS) if head else None):
            return AutomaticBackup(AutomaticKind.UNCHANGED, newest=path)
        try:
            due = dt.datetime.fromisoformat(manifest["created_at"]) + interval
        except (TypeError, ValueError):  # a manifest of another tool: copy now
            due = dt.datetime.now(dt.UTC)
        if dt.datetime.now(dt.UTC) < due:
            return AutomaticBackup(AutomaticKind.THROTTLED, newest=path, next_due=due)
    written = _write_backup(db, folder, include_archive=False, label=label)
    old = sorted(p for p in folder.iterdir() if p.is_dir() and not p.name.endswith(".partial"))
    left_by_kills = [p for p in folder.glob("*.partial")
                     if time.time() - p.stat().st_mtime > STALE_PARTIAL_SECONDS]
    for stale in old[:-KEEP_AUTOMATIC_BACKUPS] + left_by_kills:
        shutil.rmtree(stale, ignore_errors=True)
    return AutomaticBackup(AutomaticKind.FULL, written=written, newest=written.folder,
                           next_due=dt.datetime.now(dt.UTC) + interval)
