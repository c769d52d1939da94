"""Opening a BallotDesk database: choose the URL, back up, migrate, hand out sessions.

Alembic is imported only to migrate: whether the schema is the newest is read without it (the
revision in ``alembic_version`` against the files in ``migrations/versions``), because loading
Alembic and its revision scripts costs more than most commands do. A database at a revision
this program has no file for (a newer BallotDesk wrote it) is refused before anything is done.
"""

from __future__ import annotations

import datetime as dt
import logging
import os
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy import Column, MetaData, String, Table, create_engine, event, func, inspect, select
from sqlalchemy.engine import Connection, Engine, make_url
from sqlalchemy.exc import ArgumentError, DBAPIError, IntegrityError, OperationalError
from sqlalchemy.orm import Session, sessionmaker

from ballotformat import messages
from ballotformat.messages import RuleError
from desktop.core.store.paths import default_database_url, private_dir, private_file

if TYPE_CHECKING:
    from alembic.config import Config

log = logging.getLogger(__name__)

#: Environment variable naming the database when ``--db`` is not given.
DB_ENV_VAR = "BALLOTDESK_DB"
#: How many pre-migration backups of a SQLite file are kept beside it.
KEEP_MIGRATION_BACKUPS = 5
MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"
#: Each revision script is ``versions/NNNN_what.py`` for revision ``NNNN``, whose
#: ``down_revision`` is the one before (tests/cli/test_cli_start.py checks it): so the newest
#: revision is the newest file's number, known without loading Alembic.
REVISION_FILES = "[0-9][0-9][0-9][0-9]_*.py"
#: Alembic's record of the revision a database is at (one row; the history has one head).
ALEMBIC_VERSION = Table("alembic_version", MetaData(), Column("version_num", String(32)))
#: SQLAlchemy's dialect+driver for PostgreSQL URLs given as plain ``postgresql://``.
POSTGRESQL_DRIVER = "postgresql+psycopg"
#: ``pg_advisory_xact_lock`` key held while migrating (any constant unique to BallotDesk).
MIGRATION_LOCK_KEY = 0x42616C6C6F74  # "Ballot"
#: Share of a SQLite file's pages left free by a migration above which the file is rebuilt
#: (``VACUUM``) once the upgrade is done. A migration that converts or drops rows (0012 packs
#: every sheet's marks into its row and drops ``sheet_mark``, two thirds of a campaign's file)
#: leaves those pages free inside the file: SQLite reuses them but never gives them back to
#: the disk. A quarter is far above what ordinary work leaves free, and rebuilding costs
#: about a copy of the file, once, at the upgrade.
VACUUM_FREE_SHARE = 0.25

messages.register({
    "db_schema_unknown": (
        "数据库 {url} 的结构版本为 {revision}，本程序不认识（它所知的最新版本为 {head}）：它可能由"
        "更新版本的选票台写入，请用该版本打开。",
        "The database {url} is at schema revision {revision}, which this program does not know "
        "(the newest it knows is {head}): a newer BallotDesk probably wrote it; open it with "
        "that one."),
})


#: PostgreSQL aborted the transaction because of a concurrent one: serialization_failure (also
#: a unique key a concurrent SERIALIZABLE transaction inserted), deadlock_detected.
_CONFLICT_SQLSTATES = frozenset({"40001", "40P01"})


def is_write_conflict(exc: BaseException) -> bool:
    """Did another station's concurrent write make this transaction fail? Then running the
    whole transaction again is right: it will see the other's committed rows.

    A unique constraint (IntegrityError), a PostgreSQL serialization failure or deadlock, or
    SQLite still locked by another writer once ``busy_timeout`` ran out."""
    if isinstance(exc, IntegrityError):
        return True
    if isinstance(exc, DBAPIError):
        if getattr(exc.orig, "sqlstate", None) in _CONFLICT_SQLSTATES:
            return True
        return isinstance(exc, OperationalError) and "database is locked" in str(exc.orig)
    return False


def resolve_url(explicit: str | None = None) -> str:
    """``--db`` first, then ``$BALLOTDESK_DB``, then a SQLite file in the user's data folder."""
    return explicit or os.environ.get(DB_ENV_VAR) or default_database_url()


def safe_url(explicit: str | None = None) -> str:
    """The URL :func:`resolve_url` gives, without its password (for messages)."""
    url = resolve_url(explicit)
    try:
        return make_url(url).render_as_string(hide_password=True)
    except ArgumentError:
        return url


def _alembic_config() -> Config:
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    return config


def revisions() -> frozenset[str]:
    """Every schema revision this program can migrate to (see :data:`REVISION_FILES`)."""
    return frozenset(path.name[:4] for path in (MIGRATIONS_DIR / "versions").glob(REVISION_FILES))


def head_revision() -> str:
    """The newest schema revision."""
    return max(revisions())


def revision_of(connection: Connection) -> str | None:
    """The schema revision the database is at; None before its first migration."""
    if not inspect(connection).has_table(ALEMBIC_VERSION.name):
        return None
    return connection.execute(select(ALEMBIC_VERSION.c.version_num)).scalar_one_or_none()


@dataclass(frozen=True)
class MigrationReport:
    from_revision: str | None
    to_revision: str
    backup: Path | None


def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA busy_timeout=10000")
    cursor.close()


class Database:
    """One database, its engine and short-lived sessions (``with db.transaction() as s``)."""

    def __init__(self, url: str) -> None:
        parsed = make_url(url)
        if parsed.drivername == "postgresql":  # libpq-style URL: use the driver we ship
            parsed = parsed.set(drivername=POSTGRESQL_DRIVER)
            url = parsed.render_as_string(hide_password=False)
        self.url = url
        self.is_sqlite = parsed.get_backend_name() == "sqlite"
        self.is_postgresql = parsed.get_backend_name() == "postgresql"
        self.sqlite_path: Path | None = None
        if self.is_sqlite and parsed.database not in (None, "", ":memory:"):
            self.sqlite_path = Path(str(parsed.database)).expanduser().resolve()
            private_file(private_dir(self.sqlite_path.parent) / self.sqlite_path.name)
        options: dict[str, Any] = {}
        if self.is_postgresql:
            # Stations reach the organiser's server over the LAN: a connection dropped while
            # the station sat idle (server restart, Wi-Fi) is replaced instead of failing.
            options["pool_pre_ping"] = True
        self.engine: Engine = create_engine(url, **options)
        if self.is_sqlite:
            event.listen(self.engine, "connect", _sqlite_pragmas)
        self._sessions = sessionmaker(self.engine, expire_on_commit=False)

    @classmethod
    def open(cls, url: str | None = None) -> Database:
        """Open (creating when needed) and migrate to the newest schema."""
        db = cls(resolve_url(url))
        try:
            db.migrate()
        except BaseException:  # refused or failed: no connection is left open
            db.dispose()
            raise
        return db

    @contextmanager
    def transaction(self) -> Iterator[Session]:
        """A unit of work: committed when the block ends, rolled back on any exception."""
        with self._sessions() as session, session.begin():
            yield session

    @contextmanager
    def snapshot(self) -> Iterator[Session]:
        """A read-only unit of work that sees one moment of the database throughout: on
        PostgreSQL a REPEATABLE READ transaction (it blocks no writer), so rows written by other
        stations while it reads do not appear half-way. SQLite's reads are not isolated this
        way without holding off every writer, so there it is a plain transaction."""
        if not self.is_postgresql:
            with self.transaction() as session:
                yield session
            return
        with self.engine.connect().execution_options(
                isolation_level="REPEATABLE READ", postgresql_readonly=True) as connection, \
                Session(bind=connection) as session, session.begin():
            yield session

    def current_revision(self) -> str | None:
        with self.engine.connect() as connection:
            return revision_of(connection)

    @property
    def display_url(self) -> str:
        """The URL without its password, for logs and messages."""
        return make_url(self.url).render_as_string(hide_password=True)

    def migrate(self) -> MigrationReport:
        """Upgrade to the head revision; a SQLite file with data is copied aside first.

        On PostgreSQL several stations may open a new or older database at the same moment:
        the upgrade runs in one transaction holding an advisory lock, and the revision is read
        again once the lock is held, so exactly one of them migrates and the others wait."""
        known = revisions()
        current, head = self.current_revision(), max(known)
        self._refuse_unknown(current, known)
        backup = None
        if current != head:
            if self.sqlite_path is not None and self._has_tables():
                backup = self.backup_sqlite(reason=f"before-migration-{current or 'none'}")
            from alembic import command

            config = _alembic_config()
            with self.engine.begin() as connection:
                if self.is_postgresql:
                    connection.execute(select(func.pg_advisory_xact_lock(MIGRATION_LOCK_KEY)))
                    current = revision_of(connection)
                    self._refuse_unknown(current, known)
                    if current == head:
                        return MigrationReport(current, head, None)
                log.info("migrating %s from %s to %s", self.display_url, current, head)
                config.attributes["connection"] = connection
                command.upgrade(config, "head")
            if self.sqlite_path is not None:
                self._vacuum_if_sparse()
        return MigrationReport(current, head, backup)

    def _vacuum_if_sparse(self) -> None:
        """Give the pages a migration freed back to the disk (see ``VACUUM_FREE_SHARE``)."""
        with self.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as connection:
            free = connection.exec_driver_sql("PRAGMA freelist_count").scalar_one()
            pages = connection.exec_driver_sql("PRAGMA page_count").scalar_one()
            if pages and free / pages > VACUUM_FREE_SHARE:
                log.info("rebuilding %s: %d of %d pages free after the upgrade",
                         self.sqlite_path, free, pages)
                connection.exec_driver_sql("VACUUM")

    def _refuse_unknown(self, revision: str | None, known: frozenset[str]) -> None:
        """Refuse a database at a revision with no file here: no backup, no Alembic."""
        if revision is not None and revision not in known:
            raise RuleError([messages.error("db_schema_unknown", url=self.display_url,
                                            revision=revision, head=max(known))])

    def _has_tables(self) -> bool:
        return bool(inspect(self.engine).get_table_names())

    def backup_sqlite(self, reason: str) -> Path:
        """A consistent copy of the SQLite file through SQLite's online backup API."""
        assert self.sqlite_path is not None
        stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S-%f")
        folder = private_dir(self.sqlite_path.parent / "backups")
        target = private_file(folder / f"{self.sqlite_path.stem}.{stamp}.{reason}.sqlite3")
        with sqlite3.connect(self.sqlite_path) as source, sqlite3.connect(target) as copy:
            source.backup(copy)
        self._prune_backups(folder, "before-migration")
        log.info("backed up %s to %s", self.sqlite_path, target)
        return target

    def _prune_backups(self, folder: Path, reason: str) -> None:
        assert self.sqlite_path is not None
        old = sorted(folder.glob(f"{self.sqlite_path.stem}.*.{reason}*.sqlite3"))
        for path in old[:-KEEP_MIGRATION_BACKUPS]:
            path.unlink()

    def dispose(self) -> None:
        self.engine.dispose()
