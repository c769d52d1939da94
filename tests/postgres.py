"""A throwaway PostgreSQL server for the tests: its own cluster in a temporary folder, on a free
port of 127.0.0.1, stopped and removed at the end of the session.

PostgreSQL refuses to run as root, so when the tests run as root (CI containers) the cluster
folder belongs to the ``postgres`` user and ``initdb`` / ``pg_ctl`` run through
``runuser -u postgres --``. Durability is switched off (``fsync``, ``full_page_writes``,
``synchronous_commit``): the cluster lives for one test session.

Each test gets a database of its own, copied from a template that was migrated once
(``CREATE DATABASE … TEMPLATE``): independent tests without running the migrations per test.
"""

from __future__ import annotations

import atexit
import contextlib
import glob
import itertools
import os
import pwd
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

#: The role the tests connect as (``initdb -U``); trust authentication, no password.
USER = "app"
#: The database the migrations run in once; every test's database is a copy of it.
TEMPLATE = "ballotdesk_template"
#: Runs beside the test session: when the session's process is gone without stopping its server
#: (killed by a CI timeout, SIGTERM), stop the server and remove its folder.
_WATCHDOG = """
import os, shutil, subprocess, sys, time
pid, root, stop = int(sys.argv[1]), sys.argv[2], sys.argv[3:]
while os.path.exists(root):
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        subprocess.run(stop, capture_output=True, check=False, timeout=60)
        shutil.rmtree(root, ignore_errors=True)
        break
    except PermissionError:
        pass
    time.sleep(1)
"""
_SETTINGS = ("-c listen_addresses=127.0.0.1 -c fsync=off -c full_page_writes=off "
             "-c synchronous_commit=off -c max_connections=200")


def find_bindir() -> Path | None:
    """The newest ``/usr/lib/postgresql/<version>/bin`` (Debian), else ``initdb`` on PATH."""
    def version(path: str) -> int:
        name = Path(path).parent.name
        return int(name) if name.isdigit() else 0

    for candidate in sorted(glob.glob("/usr/lib/postgresql/*/bin"), key=version, reverse=True):
        if (Path(candidate) / "initdb").exists() and (Path(candidate) / "pg_ctl").exists():
            return Path(candidate)
    initdb = shutil.which("initdb")
    return Path(initdb).parent if initdb else None


def why_unavailable() -> str | None:
    """Why no throwaway server can be started here, or None when one can."""
    if find_bindir() is None:
        return ("no PostgreSQL server binaries (initdb, pg_ctl) in /usr/lib/postgresql/*/bin "
                "or on PATH: install the postgresql-15 package (.ci/run does)")
    if os.geteuid() == 0:
        try:
            pwd.getpwnam("postgres")
        except KeyError:
            return "running as root and there is no 'postgres' user to run the server as"
        if shutil.which("runuser") is None:
            return "running as root and runuser is missing"
    return None


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


class PostgresServer:
    """One cluster: ``start()``, ``url(database)``, fresh databases, ``stop()``."""

    def __init__(self, bindir: Path) -> None:
        self.bindir = bindir
        self.root = Path(tempfile.mkdtemp(prefix="ballotdesk-pg-"))
        self.data = self.root / "data"
        self.port = 0
        self._names = itertools.count(1)
        self._running = False
        self._retired: list[str] = []
        self._prefix: list[str] = []
        if os.geteuid() == 0:
            owner = pwd.getpwnam("postgres")
            os.chown(self.root, owner.pw_uid, owner.pw_gid)
            self._prefix = ["runuser", "-u", "postgres", "--"]

    def _run(self, *args: str) -> None:
        done = subprocess.run([*self._prefix, *args], capture_output=True, text=True,
                              check=False, timeout=120)
        if done.returncode != 0:
            raise RuntimeError(f"{Path(args[0]).name} failed ({done.returncode}):\n"
                               f"{done.stdout}\n{done.stderr}")

    def start(self) -> PostgresServer:
        self._run(str(self.bindir / "initdb"), "-U", USER, "--auth=trust", "-E", "UTF8",
                  "--locale=C.UTF-8", "--no-sync", "-D", str(self.data))
        last_error: Exception | None = None
        for _attempt in range(5):  # a free port may be taken between probing and binding
            self.port = _free_port()
            try:
                self._run(str(self.bindir / "pg_ctl"), "-D", str(self.data), "-w", "-t", "60",
                          "-l", str(self.root / "server.log"),
                          "-o", f"{_SETTINGS} -p {self.port} -k {self.root}", "start")
            except RuntimeError as exc:
                last_error = exc
                time.sleep(0.2)
                continue
            self._running = True
            atexit.register(self.stop)
            subprocess.Popen([sys.executable, "-c", _WATCHDOG, str(os.getpid()), str(self.root),
                              *self._stop_command()],
                             stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                             stderr=subprocess.DEVNULL, start_new_session=True)
            return self
        raise RuntimeError(f"the PostgreSQL server did not start: {last_error}\n{self.log()}")

    def log(self) -> str:
        with contextlib.suppress(OSError):
            return (self.root / "server.log").read_text(errors="replace")[-4000:]
        return ""

    def url(self, database: str = "postgres") -> str:
        return f"postgresql+psycopg://{USER}@127.0.0.1:{self.port}/{database}"

    def execute(self, sql: str) -> None:
        """One statement outside a transaction (CREATE/DROP DATABASE need that)."""
        import psycopg

        with psycopg.connect(host="127.0.0.1", port=self.port, user=USER, dbname="postgres",
                             autocommit=True) as connection:
            connection.execute(sql)  # type: ignore[arg-type]

    def create_database(self, template: str = "template0") -> str:
        """A new database (a copy of ``template``); databases retired before are dropped."""
        while self._retired:
            self.drop_database(self._retired.pop())
        name = f"test_{next(self._names)}"
        self.execute(f'CREATE DATABASE "{name}" TEMPLATE "{template}"')
        return name

    def retire(self, name: str) -> None:
        """Drop ``name`` when the next database is made: by then whatever the finished test
        left running (a window's timer still querying during teardown) has stopped."""
        self._retired.append(name)

    def drop_database(self, name: str) -> None:
        """Dropped even if a test left connections open (``WITH (FORCE)`` ends them)."""
        self.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')

    def prepare_template(self) -> None:
        """Migrate ``TEMPLATE`` to the newest schema once; tests copy it."""
        from desktop.core.store.db import Database

        self.execute(f'CREATE DATABASE "{TEMPLATE}" TEMPLATE template0')
        database = Database.open(self.url(TEMPLATE))
        database.dispose()  # a template must have no connections when it is copied

    def _stop_command(self) -> list[str]:
        return [*self._prefix, str(self.bindir / "pg_ctl"), "-D", str(self.data),
                "-m", "immediate", "-w", "stop"]

    def stop(self) -> None:
        if self._running:
            self._running = False
            with contextlib.suppress(subprocess.TimeoutExpired):
                subprocess.run(self._stop_command(), capture_output=True, check=False,
                               timeout=60)
        shutil.rmtree(self.root, ignore_errors=True)  # also tells the watchdog to leave
