"""What only PostgreSQL does: the URL forms, stations migrating one database at once, conflicts
PostgreSQL reports as serialization failures, and a server that cannot be reached."""

from __future__ import annotations

import threading
from pathlib import Path

import psycopg
import pytest
from sqlalchemy import inspect
from sqlalchemy.exc import DBAPIError, OperationalError

from desktop.cli import main
from desktop.core.store.db import Database, MigrationReport, head_revision, is_write_conflict
from desktop.core.store.models import Base
from tests.postgres import USER, PostgresServer

pytestmark = pytest.mark.postgresql_only


def test_a_plain_postgresql_url_uses_the_shipped_driver(empty_db_url: str) -> None:
    plain = empty_db_url.replace("postgresql+psycopg://", "postgresql://")
    database = Database(plain)
    assert database.url == empty_db_url
    assert database.is_postgresql
    assert not database.is_sqlite
    assert database.sqlite_path is None
    assert database.current_revision() is None
    database.dispose()


def test_the_password_never_reaches_a_log_line() -> None:
    database = Database("postgresql+psycopg://counter:geheim@10.0.0.9/ballotdesk")
    assert "geheim" not in database.display_url
    assert database.display_url.startswith("postgresql+psycopg://counter:***@10.0.0.9")


def test_stations_opening_a_new_database_at_once_migrate_it_once(empty_db_url: str) -> None:
    """Four stations start against the organiser's empty database: one migrates, three wait."""
    reports: list[MigrationReport | BaseException] = []
    start = threading.Barrier(4, timeout=30)

    def station() -> None:
        database = Database(empty_db_url)
        try:
            start.wait()
            reports.append(database.migrate())
        except BaseException as exc:
            reports.append(exc)
        finally:
            database.dispose()

    threads = [threading.Thread(target=station) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    errors = [r for r in reports if isinstance(r, BaseException)]
    assert not errors, errors
    assert len(reports) == 4
    migrated = [r for r in reports if isinstance(r, MigrationReport) and r.from_revision is None]
    assert len(migrated) == 1
    database = Database(empty_db_url)
    assert database.current_revision() == head_revision()
    assert set(Base.metadata.tables) <= set(inspect(database.engine).get_table_names())
    database.dispose()


def test_serialization_failures_and_unique_keys_are_write_conflicts(
    postgres_server: PostgresServer, empty_db_url: str
) -> None:
    database = Database(empty_db_url)
    with database.engine.begin() as connection:
        connection.exec_driver_sql("CREATE TABLE counter (id int PRIMARY KEY, n int)")
        connection.exec_driver_sql("INSERT INTO counter VALUES (1, 0)")
    name = empty_db_url.rsplit("/", 1)[1]
    other = psycopg.connect(host="127.0.0.1", port=postgres_server.port, user=USER, dbname=name)
    try:
        other.execute("SET TRANSACTION ISOLATION LEVEL SERIALIZABLE")
        other.execute("SELECT n FROM counter WHERE id = 1").fetchone()
        with database.engine.begin() as connection:
            connection.exec_driver_sql("UPDATE counter SET n = n + 1 WHERE id = 1")
        with pytest.raises(psycopg.errors.SerializationFailure) as failed:
            other.execute("UPDATE counter SET n = n + 1 WHERE id = 1")
        other.rollback()
    finally:
        other.close()
    wrapped = OperationalError("UPDATE counter", None, failed.value)
    assert is_write_conflict(wrapped)
    with pytest.raises(DBAPIError) as duplicate, database.engine.begin() as connection:
        connection.exec_driver_sql("INSERT INTO counter VALUES (1, 5)")
    assert is_write_conflict(duplicate.value)
    with pytest.raises(DBAPIError) as broken, database.engine.begin() as connection:
        connection.exec_driver_sql("SELECT no_such_column FROM counter")
    assert not is_write_conflict(broken.value), "a plain error is not retried"
    database.dispose()


def test_an_unreachable_server_is_reported_without_the_password(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    import socket

    with socket.socket() as probe:  # a port nobody listens on
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    url = f"postgresql+psycopg://counter:geheim@127.0.0.1:{port}/ballotdesk"
    assert main(["--db", url, "campaign", "list"]) == 1
    err = capsys.readouterr().err
    assert "无法使用数据库" in err
    assert "geheim" not in err
    assert "Traceback" not in err
