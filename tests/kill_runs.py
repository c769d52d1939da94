"""What the SIGKILL tests (test_scan_kill.py, test_station_kill.py) share: one prepared
database copied fresh for every killed run, the environment a signed-in command runs in, and
the seeded random delays (``BALLOTDESK_KILL_SEED=<seed>`` draws a failed run's delays again)."""

from __future__ import annotations

import os
import random
import shutil
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from desktop.cli.common import PASSWORD_ENV_VAR, USER_ENV_VAR
from desktop.core.records.recording import ARCHIVE_ENV_VAR
from tests.conftest import ORGANISER, PASSWORD
from tests.postgres import TEMPLATE, PostgresServer

ROOT = Path(__file__).resolve().parents[1]
SEED_ENV_VAR = "BALLOTDESK_KILL_SEED"


def seeded() -> tuple[int, random.Random]:
    """The seed (from the environment, else a new one) and its generator."""
    seed = int(os.environ.get(SEED_ENV_VAR) or random.randrange(2**32))
    return seed, random.Random(seed)


def environment(folder: Path) -> dict[str, str]:
    """A command's environment: signed in as the organiser, its archive in ``folder``."""
    return {**os.environ, "PYTHONPATH": str(ROOT), ARCHIVE_ENV_VAR: str(folder / "archive"),
            USER_ENV_VAR: ORGANISER.name, PASSWORD_ENV_VAR: PASSWORD}


@dataclass
class Copies:
    """A prepared database (SQLite: a file; PostgreSQL: a template database) and the fresh
    copies of it the runs work on."""

    backend: str
    folder: Path
    #: SQLite: the prepared file. PostgreSQL: the prepared database's name.
    source: str
    server: PostgresServer | None = None
    runs: list[str] = field(default_factory=list)

    @classmethod
    def make(cls, request: pytest.FixtureRequest, folder: Path) -> Copies:
        """An empty prepared database of the fixture's backend (``request.param``)."""
        backend = str(request.param)
        if backend == "sqlite":
            return cls(backend, folder, str(folder / "prepared.sqlite3"))
        server: PostgresServer = request.getfixturevalue("postgres_server")
        return cls(backend, folder, server.create_database(template=TEMPLATE), server)

    @property
    def url(self) -> str:
        """The prepared database, to fill before the runs."""
        return f"sqlite:///{self.source}" if self.server is None else self.server.url(self.source)

    def fresh(self, name: str) -> tuple[str, Path]:
        """A copy of the prepared database for one run, and that run's folder."""
        folder = self.folder / name
        folder.mkdir()
        if self.server is None:
            target = folder / "ballotdesk.sqlite3"
            shutil.copyfile(self.source, target)
            return f"sqlite:///{target}", folder
        database = self.server.create_database(template=self.source)
        self.runs.append(database)
        return self.server.url(database), folder

    def retire(self) -> None:
        """Drop the PostgreSQL databases made (a SQLite file goes with the test's folder)."""
        if self.server is not None:
            for name in [*self.runs, self.source]:
                self.server.retire(name)
