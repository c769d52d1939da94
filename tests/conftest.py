"""Shared fixtures: every test gets fresh folders and a database of its own.

The database is a real SQLite file. Modules marked ``pytestmark = pytest.mark.both_backends``
run every test that uses ``db_url`` (and so ``services``, ``cli``…) twice: on SQLite and on a
real PostgreSQL server (tests/postgres.py starts a throwaway one per session; each test gets a
fresh copy of a migrated template database). ``@pytest.mark.sqlite_only(reason=...)`` keeps a
test on SQLite, ``@pytest.mark.postgresql_only`` puts it on PostgreSQL only.
``pytest -k "not postgresql"`` runs the SQLite half only; ``BALLOTDESK_TEST_ALL_BACKENDS=1``
runs every test using ``db_url`` on both backends, marked or not.
"""

from __future__ import annotations

import atexit
import json
import os
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

# Before anything imports Qt or platformdirs: offscreen Qt, and a throwaway home for the user's
# data, settings and logs, so the suite never touches a real BallotDesk installation. Removed
# when the process ends (each xdist worker has its own), so runs leave nothing in the temp folder.
_SANDBOX = Path(tempfile.mkdtemp(prefix="ballotdesk-tests-"))
atexit.register(shutil.rmtree, _SANDBOX, ignore_errors=True)
os.environ["QT_QPA_PLATFORM"] = "offscreen"
os.environ["XDG_DATA_HOME"] = str(_SANDBOX / "data")
os.environ["XDG_CONFIG_HOME"] = str(_SANDBOX / "config")
os.environ["XDG_STATE_HOME"] = str(_SANDBOX / "state")
os.environ["XDG_CACHE_HOME"] = str(_SANDBOX / "cache")
os.environ["BALLOTDESK_LANG"] = "zh_CN"
os.environ.pop("BALLOTDESK_DB", None)

from desktop.cli import main as cli_main  # noqa: E402
from desktop.cli.common import PASSWORD_ENV_VAR, USER_ENV_VAR  # noqa: E402
from desktop.core.accounts import service as accounts  # noqa: E402
from desktop.core.accounts.actors import Actor  # noqa: E402
from desktop.core.enums import CandidateKind, Role  # noqa: E402
from desktop.core.records.recording import ARCHIVE_ENV_VAR  # noqa: E402
from desktop.core.registry.rules import CandidateFields  # noqa: E402
from desktop.core.registry.service import CampaignInfo, CategoryInfo, UnitInfo  # noqa: E402
from desktop.core.services import Services  # noqa: E402
from desktop.core.store.db import Database  # noqa: E402
from tests.postgres import TEMPLATE, PostgresServer, find_bindir, why_unavailable  # noqa: E402

pytest_plugins = ["tests.ballot_files"]

CATEGORY_NAMES = ("十佳优良服务窗口", "十佳优秀服务标兵", "十佳优质服务品牌")
#: Who the tests act as, and the password of that account where the command line needs one.
ORGANISER = Actor("测试员", Role.ORGANISER)
#: A counting-team member who reviews sheets.
REVIEWER = Actor("复核员", Role.COUNTING)
PASSWORD = "测试用的密码123"


BACKENDS = ("sqlite", "postgresql")
#: ``=1``: every test using ``db_url`` runs on both backends, marked or not (a full sweep).
ALL_BACKENDS_ENV_VAR = "BALLOTDESK_TEST_ALL_BACKENDS"


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line(
        "markers", "both_backends: tests using db_url run on SQLite and on PostgreSQL")
    config.addinivalue_line(
        "markers", "sqlite_only(reason): stays on SQLite in a both_backends module")
    config.addinivalue_line(
        "markers", "postgresql_only: db_url is a PostgreSQL database (skipped without a server)")


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    definition = metafunc.definition
    everywhere = os.environ.get(ALL_BACKENDS_ENV_VAR) == "1"
    if "backend" in metafunc.fixturenames and definition.get_closest_marker("postgresql_only"):
        metafunc.parametrize("backend", ["postgresql"], indirect=True)
    elif ("backend" in metafunc.fixturenames
            and (everywhere or definition.get_closest_marker("both_backends") is not None)
            and definition.get_closest_marker("sqlite_only") is None):
        metafunc.parametrize("backend", BACKENDS, indirect=True)


@pytest.fixture
def backend(request: pytest.FixtureRequest) -> str:
    """The database behind ``db_url``: "sqlite" unless the module asks for both backends."""
    return str(getattr(request, "param", "sqlite"))


@pytest.fixture(scope="session")
def postgres_server() -> Iterator[PostgresServer]:
    """A throwaway PostgreSQL cluster for the whole session, with the migrated template."""
    reason = why_unavailable()
    if reason is not None:
        pytest.skip(reason)
    bindir = find_bindir()
    assert bindir is not None
    server = PostgresServer(bindir).start()
    try:
        server.prepare_template()
        yield server
    finally:
        server.stop()


@pytest.fixture
def db_url(backend: str, tmp_path: Path, request: pytest.FixtureRequest,
           monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    """SQLite: a file in the test's folder. PostgreSQL: a fresh database at the newest schema,
    with the scanned-image archive where it would be beside the SQLite file."""
    if backend == "sqlite":
        yield f"sqlite:///{tmp_path / 'ballotdesk.sqlite3'}"
        return
    server: PostgresServer = request.getfixturevalue("postgres_server")
    name = server.create_database(template=TEMPLATE)
    monkeypatch.setenv(ARCHIVE_ENV_VAR, str(tmp_path / "ballotdesk-archive"))
    yield server.url(name)
    server.retire(name)


@pytest.fixture
def empty_db_url(backend: str, tmp_path: Path, request: pytest.FixtureRequest) -> Iterator[str]:
    """A database with no tables at all (for the migrations from empty)."""
    if backend == "sqlite":
        yield f"sqlite:///{tmp_path / 'empty.sqlite3'}"
        return
    server: PostgresServer = request.getfixturevalue("postgres_server")
    name = server.create_database()
    yield server.url(name)
    server.retire(name)


@pytest.fixture
def services(db_url: str) -> Iterator[Services]:
    opened = Services.open(db_url, ORGANISER)
    yield opened
    opened.db.dispose()


@pytest.fixture
def campaign(services: Services) -> CampaignInfo:
    return services.registry.create_campaign("2026年度十佳评选", "测试用评选活动")


@pytest.fixture
def categories(services: Services, campaign: CampaignInfo) -> list[CategoryInfo]:
    kinds = (CandidateKind.WINDOW, CandidateKind.PERSON, CandidateKind.BRAND)
    return [
        services.registry.add_category(campaign.id, name, winners=10, kind=kind)
        for name, kind in zip(CATEGORY_NAMES, kinds, strict=True)
    ]


@pytest.fixture
def units(services: Services, campaign: CampaignInfo) -> list[UnitInfo]:
    names = ("东湖街道", "西山镇", "南岭乡", "北港街道", "城关镇")
    return [services.registry.add_unit(campaign.id, name) for name in names]


def person(
    name: str, unit: str, category: str = CATEGORY_NAMES[1], **extra: object
) -> CandidateFields:
    """A candidate form with just what the rules require."""
    return CandidateFields(name=name, category=category, unit=unit, **extra)  # type: ignore[arg-type]


class Cli:
    """Runs ``ballotdesk --db URL ...`` in-process and keeps what it printed."""

    def __init__(self, url: str, capsys: pytest.CaptureFixture[str]) -> None:
        self.url = url
        self.capsys = capsys
        self.out = self.err = ""

    def __call__(self, *args: str) -> int:
        self.capsys.readouterr()
        code = cli_main(["--db", self.url, *args])
        self.out, self.err = self.capsys.readouterr()
        return code

    def ok(self, *args: str) -> str:
        code = self(*args)
        assert code == 0, self.err
        return self.out

    def json(self, *args: str) -> Any:
        return json.loads(self.ok("--json", *args))


@pytest.fixture
def cli(db_url: str, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> Cli:
    """The command line, signed in as the organiser :data:`ORGANISER` (an account made in the
    database when it has none yet)."""
    db = Database.open(db_url)
    try:
        if not accounts.has_accounts(db):
            accounts.setup(db, ORGANISER.name, PASSWORD)
    finally:
        db.dispose()
    monkeypatch.setenv(USER_ENV_VAR, ORGANISER.name)
    monkeypatch.setenv(PASSWORD_ENV_VAR, PASSWORD)
    return Cli(db_url, capsys)
