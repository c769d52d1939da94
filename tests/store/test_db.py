"""Opening databases: URL choice, Alembic upgrade from empty, backups, schema = models."""

from __future__ import annotations

import contextlib
import shutil
import sqlite3
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import create_engine, inspect, update

from ballotformat.messages import RuleError
from desktop.core.enums import ChannelKind
from desktop.core.services import Services
from desktop.core.store import db as dbmod
from desktop.core.store.db import ALEMBIC_VERSION, Database, head_revision, resolve_url, revision_of
from desktop.core.store.models import Base
from tests.conftest import ORGANISER

pytestmark = pytest.mark.both_backends
SQLITE_FILES = "backups and the default location concern a SQLite file"


def test_upgrade_from_empty_creates_every_table(empty_db_url: str, tmp_path: Path) -> None:
    database = Database.open(empty_db_url)
    assert database.current_revision() == head_revision()
    tables = set(inspect(database.engine).get_table_names())
    assert set(Base.metadata.tables) <= tables
    assert not (tmp_path / "backups").exists(), "an empty database needs no backup"
    database.dispose()


def test_migrations_match_the_models(empty_db_url: str) -> None:
    """Autogenerate against the migrated schema finds nothing: no change lacks a migration."""
    database = Database.open(empty_db_url)
    with database.engine.connect() as connection:
        context = MigrationContext.configure(connection, opts={"compare_type": True})
        assert compare_metadata(context, Base.metadata) == []
    database.dispose()


def test_reopening_at_head_changes_nothing(db_url: str) -> None:
    first = Services.open(db_url, ORGANISER)
    first.registry.create_campaign("甲")
    first.db.dispose()
    database = Database.open(db_url)
    report = database.migrate()
    database.dispose()
    assert report.from_revision == report.to_revision == head_revision()
    assert report.backup is None
    again = Services.open(db_url, ORGANISER)
    assert [c.name for c in again.registry.list_campaigns()] == ["甲"]
    again.db.dispose()


def test_a_database_at_a_revision_this_program_does_not_know_is_refused(
        db_url: str, tmp_path: Path) -> None:
    """A newer BallotDesk's database: refused with the revisions named, before a backup is
    made or a migration tried; the database stays as it was."""
    Database.open(db_url).dispose()
    newer = f"{int(head_revision()) + 1:04d}"
    engine = create_engine(db_url)
    with engine.begin() as connection:
        connection.execute(update(ALEMBIC_VERSION).values(version_num=newer))
    with pytest.raises(RuleError) as refused:
        Database.open(db_url)
    assert [m.code for m in refused.value.messages] == ["db_schema_unknown"]
    assert refused.value.messages[0].params["revision"] == newer
    assert refused.value.messages[0].params["head"] == head_revision()
    assert not (tmp_path / "backups").exists()
    with engine.connect() as connection:
        assert revision_of(connection) == newer
    engine.dispose()


@pytest.mark.sqlite_only(reason=SQLITE_FILES)
def test_an_existing_file_is_backed_up_before_it_is_migrated(tmp_path: Path) -> None:
    path = tmp_path / "legacy.sqlite3"
    with sqlite3.connect(path) as connection:
        connection.execute("CREATE TABLE notes (text TEXT)")
        connection.execute("INSERT INTO notes VALUES ('保留')")
    database = Database(f"sqlite:///{path}")
    report = database.migrate()
    assert report.from_revision is None
    assert report.backup is not None
    assert report.backup.exists()
    with sqlite3.connect(report.backup) as copy:
        assert copy.execute("SELECT text FROM notes").fetchall() == [("保留",)]
        tables = {r[0] for r in copy.execute("SELECT name FROM sqlite_master")}
        assert "campaign" not in tables, "the backup is the state before the migration"


@pytest.mark.sqlite_only(reason=SQLITE_FILES)
def test_only_the_newest_migration_backups_are_kept(tmp_path: Path) -> None:
    database = Database.open(f"sqlite:///{tmp_path / 'db.sqlite3'}")
    for _ in range(dbmod.KEEP_MIGRATION_BACKUPS + 3):
        database.backup_sqlite("before-migration-test")
    assert len(list((tmp_path / "backups").iterdir())) == dbmod.KEEP_MIGRATION_BACKUPS


@pytest.mark.sqlite_only(reason="the default URL is a SQLite file")
def test_url_comes_from_option_then_environment_then_data_folder(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv(dbmod.DB_ENV_VAR, "sqlite:///from-env.sqlite3")
    assert resolve_url("sqlite:///explicit.sqlite3") == "sqlite:///explicit.sqlite3"
    assert resolve_url(None) == "sqlite:///from-env.sqlite3"
    monkeypatch.delenv(dbmod.DB_ENV_VAR)
    default = resolve_url(None)
    assert default.startswith("sqlite:///")
    assert default.endswith("BallotDesk/ballotdesk.sqlite3")


@pytest.mark.sqlite_only(reason=SQLITE_FILES)
def test_the_default_database_is_created_in_the_user_data_folder(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.delenv(dbmod.DB_ENV_VAR, raising=False)
    database = Database.open()
    assert database.sqlite_path is not None
    assert database.sqlite_path.exists()
    assert "BallotDesk" in str(database.sqlite_path)


SAVED_SCHEMAS = sorted((Path(__file__).parents[1] / "data" / "schemas").glob("*.sqlite3"))


@pytest.mark.sqlite_only(reason="the saved schemas are SQLite files")
@pytest.mark.parametrize("saved", SAVED_SCHEMAS, ids=lambda p: p.stem)
def test_every_earlier_schema_upgrades_with_its_data(saved: Path, tmp_path: Path) -> None:
    """A database saved at each earlier revision opens, is backed up and keeps its data."""
    copy = tmp_path / "old.sqlite3"
    shutil.copy(saved, copy)
    services = Services.open(f"sqlite:///{copy}", ORGANISER)
    assert services.db.current_revision() == head_revision()
    assert len(list((tmp_path / "backups").glob("*.sqlite3"))) == 1
    campaign = services.registry.find_campaign("2025年度十佳评选")
    assert [c.name for c in services.candidates.list(campaign.id)] == ["林小雨"]
    assert services.registry.campaign_secret(campaign.id) == bytes.fromhex(
        "00112233445566778899aabbccddeeff" * 2)
    if saved.stem >= "0002":
        lines, total = services.boxes.reconciliation(campaign.id)
        delegates = ["党代表投票箱"] if saved.stem >= "0012" else []
        assert [line.box.name for line in lines if line.box] == [
            "东湖社区服务中心 1号箱", *delegates]
        assert (total.printed, total.spoiled) == (20, 1)
    # 0013: one round holds what the campaign had, every box in its public paper channel.
    (only,) = services.rounds.list_rounds(campaign.id)
    paper = next(c for c in only.channels if c.kind is ChannelKind.PAPER_PUBLIC)
    assert {b.channel_id for b in services.boxes.list_boxes(campaign.id)} <= {paper.id}


@pytest.mark.sqlite_only(reason="VACUUM is SQLite's")
def test_a_migration_that_frees_most_of_the_file_gives_the_space_back(tmp_path: Path) -> None:
    """0012 packs the marks into their sheets and drops ``sheet_mark``; the pages it held are
    returned to the disk, not kept free inside the file, and the data is kept."""
    copy = tmp_path / "old.sqlite3"
    shutil.copy(Path(__file__).parents[1] / "data" / "schemas" / "0011.sqlite3", copy)
    with sqlite3.connect(copy) as raw:
        raw.execute(
            "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 30000) "
            "INSERT INTO sheet_mark (sheet_id, category, candidate, state, score) "
            "SELECT (SELECT min(id) FROM sheet), 'c' || i, 'k' || i, 'empty', 0.0 FROM n")
    before = copy.stat().st_size
    services = Services.open(f"sqlite:///{copy}", ORGANISER)
    campaign = services.registry.find_campaign("2025年度十佳评选")
    assert [c.name for c in services.candidates.list(campaign.id)] == ["林小雨"]
    services.db.dispose()
    with contextlib.closing(sqlite3.connect(copy)) as raw:
        assert raw.execute("PRAGMA freelist_count").fetchone() == (0,)
    assert copy.stat().st_size < before
