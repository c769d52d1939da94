"""What the command line loads to start (docs/architecture.md, "What the command line imports").

Each command runs in a fresh interpreter that writes the modules it loaded when it exits; the
help and the read commands must not load the image, table, PDF or Qt libraries, nor Alembic on a
database at the newest schema. Timing is measured by benchmarks/cli_start.py, not here: the
machine is shared and noisy, the module set is not.
"""

from __future__ import annotations

import gc
import importlib
import json
import pkgutil
import subprocess
import sys
from pathlib import Path

import pytest
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory

import ballotformat as ballots
import desktop.cli
import scanning
from ballotformat.messages import Message
from desktop.cli import COMMAND_GROUPS, build_parser
from desktop.cli.common import CliError, Context
from desktop.cli.parsing import Builder, command_in
from desktop.core.registry.service import CampaignInfo
from desktop.core.services import Services
from desktop.core.store.db import (
    MIGRATIONS_DIR,
    REVISION_FILES,
    Database,
    _alembic_config,
    head_revision,
)
from tests.conftest import Cli
from tests.results.test_results_common import add_online_and_experts, record

ROOT = Path(__file__).resolve().parents[2]
#: Libraries no read command needs: reading images, tables and photos, writing PDFs, Qt, and
#: Alembic (needed only to migrate).
HEAVY = frozenset({"cv2", "numpy", "pandas", "openpyxl", "reportlab", "PIL", "PySide6",
                   "alembic"})
#: Modules no read command needs besides: the notice and chart writers, and the data folder
#: lookup when ``--db`` names the database.
NOT_FOR_READING = frozenset({"desktop.core.results.notice", "desktop.core.results.charts",
                             "platformdirs"})
#: The child: run ``ballotdesk ARGS`` as ``python -m desktop.cli`` does, and at exit write the
#: top-level names of the modules it loaded to the file given first.
#: Garbage collections a read command may run when the collector paused while it loaded:
#: about 40 (importing the command line, signing in, the queries), up to about 80 for a listing
#: of the demo's 150 candidates with their rounds (the objects of the listing itself); about 160
#: without the pause.
PAUSED_COLLECTIONS_MAX = 100
CHILD = """
import atexit, gc, json, runpy, sys
out, sys.argv = sys.argv[1], ["ballotdesk", *sys.argv[2:]]
atexit.register(lambda: open(out, "w").write(json.dumps(sorted(sys.modules))))
atexit.register(lambda: open(out + ".gc", "w").write(json.dumps({
    "enabled": gc.isenabled(), "frozen": gc.get_freeze_count(),
    "collections": sum(generation["collections"] for generation in gc.get_stats())})))
runpy.run_module("desktop.cli", run_name="__main__", alter_sys=True)
"""


def start(tmp_path: Path, *args: str) -> tuple[subprocess.CompletedProcess[str], set[str]]:
    """Run the command; its result and the top-level packages it loaded."""
    done, loaded = start_listing(tmp_path, *args)
    return done, {name.partition(".")[0] for name in loaded}


def start_listing(tmp_path: Path, *args: str) -> tuple[subprocess.CompletedProcess[str],
                                                       set[str]]:
    """Run the command; its result and every module it loaded."""
    listing = tmp_path / "modules.json"
    done = subprocess.run([sys.executable, "-c", CHILD, str(listing), *args],
                          capture_output=True, text=True, encoding="utf-8", cwd=ROOT,
                          timeout=120, check=False)
    return done, set(json.loads(listing.read_text(encoding="utf-8")))


def command_groups_loaded(loaded: set[str]) -> set[str]:
    """The command groups (desktop/cli modules) among ``loaded``."""
    return {name.rpartition(".")[2] for name in loaded
            if name.startswith("desktop.cli.")} & set(COMMAND_GROUPS)


@pytest.mark.parametrize("args", [("--help",), ("--lang", "en", "review", "--help"),
                                  ("results", "--help")])
def test_help_loads_no_database_library(tmp_path: Path, args: tuple[str, ...]) -> None:
    done, loaded = start(tmp_path, *args)
    assert done.returncode == 0, done.stderr
    assert "ballotdesk" in done.stdout
    assert loaded.isdisjoint(HEAVY | {"sqlalchemy"}), sorted(loaded & (HEAVY | {"sqlalchemy"}))


@pytest.fixture
def recorded(services: Services, demo: CampaignInfo, scans: list[Path],
             tmp_path: Path) -> CampaignInfo:
    """The demo campaign with three ballots recorded (one page waits in review), online votes
    and expert scores: every read command has rows to read."""
    record(services, scans)
    add_online_and_experts(services, demo.id, tmp_path)
    return demo


@pytest.mark.parametrize("args", [("review", "list"), ("results",), ("account", "list"),
                                  ("audit", "list", "--limit", "5"), ("candidates", "list"),
                                  ("round", "list"), ("box", "list")])
def test_read_commands_load_no_heavy_library(cli: Cli, recorded: CampaignInfo, tmp_path: Path,
                                             args: tuple[str, ...]) -> None:
    done, modules = start_listing(tmp_path, "--db", cli.url, "--json", *args)
    loaded = {name.partition(".")[0] for name in modules}
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)  # it did read something
    assert "sqlalchemy" in loaded  # the database was opened and read
    assert loaded.isdisjoint(HEAVY), sorted(loaded & HEAVY)
    # only its own command group: the others' modules, parsers and messages are not built
    assert command_groups_loaded(modules) == {
        group for group, commands in COMMAND_GROUPS.items() if args[0] in commands}
    assert modules.isdisjoint(NOT_FOR_READING), sorted(modules & NOT_FOR_READING)
    # the collector paused while it loaded (about 160 collections otherwise), as it was at exit
    collector = json.loads((tmp_path / "modules.json.gc").read_text(encoding="utf-8"))
    assert collector["enabled"]
    assert collector["frozen"] == 0
    assert collector["collections"] < PAUSED_COLLECTIONS_MAX, collector


def test_collection_is_paused_while_a_command_loads(cli: Cli) -> None:
    """Paused until the command's database is open, then back without what was loaded; as
    it was when the command ends, whether or not the command got so far."""
    argv = ["--db", cli.url, "account", "list"]
    frozen = gc.get_freeze_count()
    ctx = Context(build_parser("en", argv).parse_args(argv), "en")
    try:
        with ctx.loading():
            assert not gc.isenabled()
            assert ctx.services.db.current_revision() is not None
            assert gc.isenabled()
            assert gc.get_freeze_count() > frozen
        assert gc.isenabled()
        assert gc.get_freeze_count() == frozen
    finally:
        ctx.close()
    refused = Context(build_parser("en", argv).parse_args(argv), "en")
    with pytest.raises(CliError), refused.loading():
        raise CliError(Message("cli_sign_in_needed"))
    assert gc.isenabled()
    assert gc.get_freeze_count() == frozen


def test_help_builds_every_command_group(tmp_path: Path) -> None:
    done, modules = start_listing(tmp_path, "--help")
    assert done.returncode == 0, done.stderr
    assert command_groups_loaded(modules) == set(COMMAND_GROUPS)
    for commands in COMMAND_GROUPS.values():
        assert all(command in done.stdout for command in commands)


def test_the_command_table_says_what_each_group_adds() -> None:
    """``COMMAND_GROUPS`` is how a command finds its group without importing the others: it
    must name every module that adds commands, and the very commands each adds."""
    modules = {info.name for info in pkgutil.iter_modules(desktop.cli.__path__)
               if info.name != "__main__"
               and hasattr(importlib.import_module(f"desktop.cli.{info.name}"), "add_parsers")}
    assert set(COMMAND_GROUPS) == modules
    for group, commands in COMMAND_GROUPS.items():
        builder = Builder("en")
        sub = builder.subparsers(builder.top(), "command", required=False)
        importlib.import_module(f"desktop.cli.{group}").add_parsers(builder, sub)
        assert tuple(sub.choices) == commands, group


@pytest.mark.parametrize("argv", [["-h", "review"], ["--he", "results"], ["--json", "-h"]])
def test_help_before_a_command_builds_every_group(argv: list[str]) -> None:
    """argparse prints the top-level help on ``-h`` before the command: with every command."""
    assert command_in(argv, Builder("en").top()) is None


@pytest.mark.parametrize("argv", [
    ["review", "list"], ["--json", "results"], ["results", "rule", "--json"],
    ["--lang", "en", "audit", "list", "--limit", "5"], ["--db=sqlite:///x.db", "account", "list"],
    ["--campaign", "review", "results", "--json"],  # a campaign named like a command
    ["--camp", "scan", "candidates", "list"],  # argparse's unique prefix of --campaign
    ["--user", "results", "--password", "review", "box", "list"],
    ["recount", "--json"], ["--json", "interpret", "a.png"]])
@pytest.mark.parametrize("language", ["zh_CN", "en"])
def test_a_command_parses_the_same_with_its_group_alone(argv: list[str], language: str) -> None:
    everything = build_parser(language).parse_args(argv)
    alone = build_parser(language, argv).parse_args(argv)
    assert vars(alone) == vars(everything)
    assert alone.handler is not None


def test_the_review_queue_and_results_read_what_was_recorded(cli: Cli, recorded: CampaignInfo,
                                                             tmp_path: Path) -> None:
    """The lazily loaded path gives the same answers as the in-process one."""
    queue, _ = start(tmp_path, "--db", cli.url, "--json", "review", "list")
    results, _ = start(tmp_path, "--db", cli.url, "--json", "results")
    assert json.loads(queue.stdout) == cli.json("review", "list")
    assert json.loads(queue.stdout), "a page waits in review"
    apart, here = json.loads(results.stdout), cli.json("results")
    assert apart.pop("computed_at") <= here.pop("computed_at")
    assert apart == here
    assert apart["ballots"] == 3


def test_the_newest_revision_is_read_without_alembic(empty_db_url: str) -> None:
    """Revision ``NNNN`` is the file ``NNNN_*.py`` and follows the one before, so
    :func:`head_revision` agrees with Alembic; the database's revision is read as Alembic
    reads it (None before the first migration)."""
    script = ScriptDirectory.from_config(_alembic_config())
    assert head_revision() == script.get_current_head()
    files = sorted((MIGRATIONS_DIR / "versions").glob(REVISION_FILES))
    assert len(files) == len(list(script.walk_revisions()))
    for before, path in zip([None, *files], files, strict=False):
        revision = script.get_revision(path.name[:4])
        assert revision is not None and Path(revision.path).name == path.name
        assert revision.down_revision == (before.name[:4] if before else None)
    database = Database(empty_db_url)
    try:
        assert database.current_revision() is None
        database.migrate()
        with database.engine.connect() as connection:
            alembic_says = MigrationContext.configure(connection).get_current_revision()
        assert database.current_revision() == alembic_says == head_revision()
    finally:
        database.dispose()


@pytest.mark.parametrize("package", [scanning, ballots])
def test_lazy_packages_still_offer_every_public_name(package: object) -> None:
    for name in package.__all__:  # type: ignore[attr-defined]
        assert getattr(package, name) is not None, name
    with pytest.raises(AttributeError):
        getattr(package, "not_a_name")  # noqa: B009
