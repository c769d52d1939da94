"""The services one user session works with, passed to the CLI commands and the GUI pages:
the one door of the window and the command line to the core's data.

Each service is made when first used, and its module imported then: a command that reads the
review queue does not load the importers (pandas), printing (reportlab) or the stations'
cryptography (docs/architecture.md, "What the command line imports"). The window and the
command line import nothing of the store and no SQLAlchemy (ruff's banned-API rule): what they
need of it before anyone signs in (the database handle they open and sign in to, the version,
the log folder, a backup's secrets) is exported here too, loaded on first use, so that
``ballotdesk --help`` still loads no database library.
"""

from __future__ import annotations

from functools import cached_property
from typing import TYPE_CHECKING, Any

from ballotformat import lazy

if TYPE_CHECKING:
    from pathlib import Path

    from desktop.core.accounts import Accounts, Actor
    from desktop.core.audit import AuditLog
    from desktop.core.experts import Experts
    from desktop.core.online import Online
    from desktop.core.printing import Boxes, Printing
    from desktop.core.records import Recorder, Review
    from desktop.core.registry import Candidates, Exporter, Importer, Registry
    from desktop.core.results import RecountReport, Results
    from desktop.core.rounds import Decisions, Rounds
    from desktop.core.stations import Stations
    from desktop.core.store import (
        AutomaticBackup,
        BackupInfo,
        BackupSecrets,
        Database,
        app_version,
        backup_secrets,
        check_passphrase,
        log_dir,
        safe_url,
        secrets_missing,
        unseal_secrets,
        verify_backup,
    )

__getattr__ = lazy.exports(__name__, {
    "desktop.core.store": ("AutomaticBackup", "BackupInfo", "BackupSecrets", "Database",
        "app_version", "backup_secrets", "check_passphrase", "log_dir", "safe_url",
        "secrets_missing", "unseal_secrets", "verify_backup"),
})

__all__ = [
    "AutomaticBackup", "BackupInfo", "BackupSecrets", "Database", "Services", "app_version",
    "backup_secrets", "check_passphrase", "log_dir", "open_database", "restore_new",
    "safe_url", "secrets_missing", "unseal_secrets", "verify_backup",
]


def open_database(url: str | None) -> Database:
    """The database ``url`` names (or the default one), at the newest schema: signed in to
    with ``desktop.core.accounts``, then handed to :class:`Services`."""
    from desktop.core.store import Database

    return Database.open(url)


def restore_new(db: Database, folder: Path, **options: Any) -> dict[str, Any]:
    """A backup restored onto a database without any account yet (a new station set up from
    the organiser's backup, before anyone can sign in): ``store.restore``'s manifest."""
    from desktop.core.store import restore

    return restore(db, folder, None, **options)


class Services:
    """The services of one database, acting for one actor (one of each, made on first use)."""

    def __init__(self, db: Database, actor: Actor) -> None:
        self.db = db
        self.actor = actor

    @classmethod
    def open(cls, url: str | None, actor: Actor) -> Services:
        """Services acting for ``actor``, who has signed in already (accounts.sign_in), or a
        trusted in-process caller (the self-test, the tests)."""
        return cls.for_database(open_database(url), actor)

    @classmethod
    def for_database(cls, db: Database, actor: Actor) -> Services:
        return cls(db, actor)

    @cached_property
    def registry(self) -> Registry:
        from desktop.core.registry import Registry

        return Registry(self.db, self.actor)

    @cached_property
    def candidates(self) -> Candidates:
        from desktop.core.registry import Candidates

        return Candidates(self.db, self.actor)

    @cached_property
    def importer(self) -> Importer:
        from desktop.core.registry import Importer

        return Importer(self.db, self.actor)

    @cached_property
    def exporter(self) -> Exporter:
        from desktop.core.registry import Exporter

        return Exporter(self.db, self.actor)

    @cached_property
    def boxes(self) -> Boxes:
        from desktop.core.printing import Boxes
        from desktop.core.records import returned_serials

        return Boxes(self.db, self.actor, returned_serials)

    @cached_property
    def printing(self) -> Printing:
        from desktop.core.printing import Printing

        return Printing(self.db, self.actor, self.registry, self.candidates)

    @cached_property
    def online(self) -> Online:
        from desktop.core.online import Online

        return Online(self.db, self.actor)

    @cached_property
    def experts(self) -> Experts:
        from desktop.core.experts import Experts

        return Experts(self.db, self.actor)

    @cached_property
    def results(self) -> Results:
        from desktop.core.results import Results

        return Results(self.db, self.actor)

    @cached_property
    def stations(self) -> Stations:
        from desktop.core.stations import Stations

        return Stations(self.db, self.actor)

    @cached_property
    def rounds(self) -> Rounds:
        from desktop.core.rounds import Rounds

        return Rounds(self.db, self.actor)

    @cached_property
    def decisions(self) -> Decisions:
        from desktop.core.rounds import Decisions

        return Decisions(self.db, self.actor)

    @cached_property
    def review(self) -> Review:
        from desktop.core.records import Review

        return Review(self.db, self.actor)

    @cached_property
    def accounts(self) -> Accounts:
        from desktop.core.accounts import Accounts

        return Accounts(self.db, self.actor)

    @cached_property
    def audit_log(self) -> AuditLog:
        from desktop.core.audit import AuditLog

        return AuditLog(self.db)

    @property
    def location(self) -> str:
        """Where the database is, for people: a SQLite file's path, else the URL without its
        password."""
        db = self.db
        return str(db.sqlite_path) if db.sqlite_path else db.engine.url.render_as_string()

    def recorder(self, station: str | None = None) -> Recorder:
        """A new recorder (one per scanning batch), for ``station``'s sheets or this
        installation's."""
        from desktop.core.records import Recorder

        return Recorder(self.db, self.actor, station=station)

    def archive(self) -> Path:
        """Where the scanned images are kept (``records.archive_root``)."""
        from desktop.core.records import archive_root

        return archive_root(self.db)

    def export_audit_log(self, path: Path) -> int:
        """The whole audit log written to ``path`` (the export itself recorded on it)."""
        from desktop.core.audit import export_log

        return export_log(self.db, self.actor, path)

    def recount(self, campaign_id: int, workers: int | None = None) -> RecountReport:
        """Every sheet of the campaign read again from its archived image."""
        from desktop.core.results import recount

        return recount(self.db, campaign_id, workers)

    def backup(self, folder: Path, include_archive: bool = True, *,
               passphrase: str | None = None, leave_out_secrets: bool = False) -> BackupInfo:
        """A new backup folder inside ``folder`` (``store.backup``)."""
        from desktop.core.store import backup

        return backup(self.db, self.actor, folder, include_archive, passphrase=passphrase,
                      leave_out_secrets=leave_out_secrets)

    def restore(self, folder: Path, *, passphrase: str | None = None,
                without_secrets: bool = False) -> dict[str, Any]:
        """The database replaced by the verified backup in ``folder`` (``store.restore``)."""
        from desktop.core.store import restore

        return restore(self.db, folder, self.actor, passphrase=passphrase,
                       without_secrets=without_secrets)

    def automatic_backup(self, label: str) -> AutomaticBackup:
        """The throttled copy of the database after a scanning batch."""
        from desktop.core.store import automatic_backup

        return automatic_backup(self.db, label=label)
