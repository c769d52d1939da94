"""The ``ballotdesk`` command: argparse over the same services as the GUI, never importing Qt.

With no subcommand it starts the GUI (imported lazily, only then). Every command opens the
services for one database, runs, and reports: results on stdout (``--json`` for programs),
problems on stderr in the user's language. Exit status: 0 done, 1 refused or failed (nothing
written: each service call is one transaction, and commands check everything before their
first change), 2 wrong usage, 130 interrupted.

The parser is built from the light module of the command group the command line names (of
every group for ``--help``); a command imports what its work uses only when it runs, so
``--help`` and the read commands start without OpenCV, pandas, reportlab or Alembic
(docs/architecture.md, "What the command line imports").
"""

from __future__ import annotations

import argparse
import importlib
import os
import sys
from collections.abc import Iterator, Sequence
from contextlib import contextmanager

from ballotformat import messages
from ballotformat.messages import RuleError
from desktop.cli.common import CliError, Context, text
from desktop.cli.parsing import Builder, Parser, command_in, language_in

__all__ = ["build_parser", "main"]

#: The exit status when the reader of our output went away: 128 + SIGPIPE (13), what a shell
#: reports for a Unix tool SIGPIPE ended (``set -o pipefail`` sees it; nothing is printed).
SIGPIPE_STATUS = 141

#: The command groups (modules of desktop/cli, in the order of the help) and the commands each
#: adds at the top level (tests/cli/test_cli_start.py holds this to what the modules add).
COMMAND_GROUPS: dict[str, tuple[str, ...]] = {
    "campaign": ("campaign",), "category": ("category",), "unit": ("unit",),
    "candidates": ("candidates",), "box": ("box",),
    "rounds": ("round", "channel", "decision"), "ballots": ("ballots",),
    "scan": ("interpret", "scan"), "scanner": ("scanner",), "review": ("review",),
    "online": ("online",), "experts": ("experts",), "results": ("results",), "cvr": ("cvr",),
    "backup": ("backup", "restore", "recount"), "audit": ("audit",), "account": ("account",),
    "station": ("station",), "demo": ("demo",),
}


def build_parser(language: str, argv: Sequence[str] | None = None) -> Parser:
    """The parser for ``argv``: with the commands of the one group that ``argv`` names, else
    (``--help``, no command, an unknown one, or no ``argv``) with every group's. A command's
    start imports and builds only its own group's parsers and messages."""
    builder = Builder(language)
    parser = builder.top()
    sub = builder.subparsers(parser, "command", required=False)
    named = command_in(argv or (), parser)
    groups = ([group for group, commands in COMMAND_GROUPS.items() if named in commands]
              or list(COMMAND_GROUPS))
    for group in groups:
        importlib.import_module(f"desktop.cli.{group}").add_parsers(builder, sub)
    parser.add_argument("--self-test", action="store_true", help=builder.t(
        "自检：在临时文件夹中离屏印制、填写、识读和统计选票，然后退出（0 通过，1 失败）",
        "check this installation offscreen in a temporary folder: print, mark, read and "
        "count ballots, then exit (0 passed, 1 failed)"))
    return parser


@contextmanager
def language_scope(language: str) -> Iterator[None]:
    """Make ``language`` the core's language while a command runs, then restore the caller's
    (``main`` is also called in-process: by tests, by the GUI's entry point)."""
    previous = os.environ.get(messages.LANG_ENV_VAR)
    messages.set_language(language)
    try:
        yield
    finally:
        if previous is None:
            os.environ.pop(messages.LANG_ENV_VAR, None)
        else:
            os.environ[messages.LANG_ENV_VAR] = previous


def main(argv: Sequence[str] | None = None) -> int:
    arguments = list(sys.argv[1:] if argv is None else argv)
    language = language_in(arguments) or messages.current_language()
    with language_scope(language):
        try:
            args = build_parser(language, arguments).parse_args(arguments)
        except SystemExit as stop:  # --help, --version, or a usage error (2)
            return stop.code if isinstance(stop.code, int) else 0 if stop.code is None else 2
        if args.handler is None:
            return run_self_test() if args.self_test else start_gui(
                args, language, language_in(arguments))
        return run(args, language)


def run(args: argparse.Namespace, language: str) -> int:
    ctx = Context(args, language)
    try:
        with ctx.loading():
            status: int = args.handler(ctx, args)
        sys.stdout.flush()  # here, not at exit: a reader gone shows as BrokenPipeError below
        return status
    except BrokenPipeError:
        return _reader_gone()
    except CliError as failed:
        ctx.show(failed.message)
        return 1
    except RuleError as refused:
        for message in refused.messages:
            ctx.show(message)
        return 1
    except OSError as failure:
        ctx.note("cli_file_error", file=failure.filename or "", error=failure.strerror or failure)
        return 1
    except KeyboardInterrupt:
        ctx.note("cli_interrupted")
        return 130
    except Exception as failure:
        if not _database_failure(failure):
            raise
        from desktop.core.services import safe_url  # loaded: the database failed

        ctx.note("cli_db_error", url=safe_url(args.db), error=_first_line(failure))
        return 1
    finally:
        ctx.close()


#: The failures of the database (SQLAlchemy) and of migrating it (Alembic): module, class.
_DATABASE_ERRORS = (("sqlalchemy.exc", "SQLAlchemyError"), ("alembic.util", "CommandError"))


def _database_failure(failure: Exception) -> bool:
    """Did the database or its migration fail? Asked without importing either library (a
    command that never opened the database must not pay for them): an exception of theirs
    means the library was loaded."""
    kinds = tuple(getattr(sys.modules[module], name) for module, name in _DATABASE_ERRORS
                  if module in sys.modules)
    return isinstance(failure, kinds)


def _reader_gone() -> int:
    """The reader of our output left (``ballotdesk audit list | head``): stop quietly, as Unix
    tools do, with the status of a process ended by SIGPIPE. What is still buffered for the
    closed pipe is dropped: standard output goes to the null device, so that Python's flush at
    exit finds nothing to complain about."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)
    except (AttributeError, OSError, ValueError):  # not a real file (captured in tests)
        pass
    return SIGPIPE_STATUS


def start_gui(args: argparse.Namespace, language: str, chosen: str | None) -> int:
    """``ballotdesk`` alone: the graphical interface, on the same database, in the language
    ``--lang`` chose (``chosen``), which wins over the one saved from the window's menu."""
    try:
        from desktop.ui.app import main as gui_main
    except ImportError as missing:
        if not (missing.name or "").startswith(("desktop.ui", "PySide6", "shiboken6")):
            raise
        print(text(language, "cli_gui_missing", error=missing), file=sys.stderr)
        return 1
    gui_argv = ["--db", args.db] if args.db else []
    if chosen is not None:
        gui_argv += ["--lang", chosen]
    return gui_main(gui_argv)


def run_self_test() -> int:
    """``ballotdesk --self-test``: see :mod:`desktop.selftest` (Qt is loaded only there)."""
    from desktop.selftest import main as self_test

    return self_test()


def _first_line(failure: Exception) -> str:
    return str(failure).strip().splitlines()[0] if str(failure).strip() else type(failure).__name__
