"""Benchmark: what a ``ballotdesk`` command costs to start, on a small database.

    .venv/bin/python benchmarks/cli_start.py [--runs 10] [--no-bytecode] [--baseline DIR]

Builds a small database in a temp folder with the command line itself (the first organiser,
the demo campaign, a box, five printed ballots scanned: ten recorded pages), then runs
``--help``, ``account list``, ``review list --json`` and ``results --json`` ``--runs`` times
each, interleaved with a baseline ``python -c pass`` so that every command sees the same
machine. Each run is a fresh interpreter; its CPU seconds are the user + system time of the
child (``resource.getrusage(RUSAGE_CHILDREN)`` before and after), its wall time the elapsed
time. Prints the median and the smallest of each, and the load average before and after (the
machine is shared: CPU seconds are the steadier figure, the smallest the least disturbed).

``--baseline DIR`` names another checkout of BallotDesk (``git worktree add DIR main``): each
command then runs on it too, right after it runs on this one, on the same database, so that a
change is measured against what it replaces in the same minutes.

``--stages`` says where ``review list --json`` spends its CPU: a child takes each step of the
command in turn and reads its own CPU clock (``time.process_time``) after each; medians of
``--runs`` children. One scrypt check of the sign-in is timed on its own, for reference.

The children compile the project's modules once into a private ``PYTHONPYCACHEPREFIX``, as an
installed BallotDesk has its ``.pyc`` files; ``--no-bytecode`` measures with none (each start
compiles the project's sources again, what ``PYTHONDONTWRITEBYTECODE=1`` on a checkout does).
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
#: What is timed: a label and the arguments after ``python``.
COMMANDS = (
    ("python -c pass", ["-c", "pass"]),
    ("ballotdesk --help", ["-m", "desktop.cli", "--help"]),
    ("ballotdesk account list", ["-m", "desktop.cli", "account", "list"]),
    ("ballotdesk review list --json", ["-m", "desktop.cli", "review", "list", "--json"]),
    ("ballotdesk results --json", ["-m", "desktop.cli", "results", "--json"]),
)
USER, PASSWORD = "bench", "bench-password-1234"
#: The child of ``--stages``: each step of ``ballotdesk --json review list`` in turn, and the
#: CPU seconds after each, as JSON.
STAGES = """
import gc, json, os, sys, time
gc.disable()  # as the command has it while it loads (Context.loading)
marks = [("", time.process_time())]
def mark(step): marks.append((step, time.process_time()))
import desktop.cli
desktop.cli.build_parser("zh_CN", ["review", "list"])
mark("the command line, its parser for review")
import sqlalchemy
mark("import sqlalchemy")
import sqlalchemy.orm
mark("import sqlalchemy.orm")
import desktop.core.store.models
mark("the models (import desktop.core.store.models)")
sqlalchemy.orm.configure_mappers()
mark("mapper configuration")
import desktop.core.accounts.service, desktop.core.records.review, desktop.core.services
mark("db, accounts, audit, services, review modules")
sys.stdout = open(os.devnull, "w")
desktop.cli.main(["--json", "review", "list"])
mark("the command: engine, schema check, sign-in, queries, JSON")
from desktop.core.accounts.service import hash_password
hash_password("x")
mark("one scrypt (reference, not part of the command)")
print(json.dumps([(step, t - before) for (_, before), (step, t) in zip(marks, marks[1:])]),
      file=sys.__stdout__)
"""
#: Ballots printed and scanned into the small database (two pages each).
BALLOTS = 5


def environment(folder: Path, bytecode: bool, root: Path = ROOT) -> dict[str, str]:
    env = {**os.environ, "PYTHONPATH": str(root), "XDG_DATA_HOME": str(folder / "data"),
           "BALLOTDESK_DB": f"sqlite:///{folder / 'small.sqlite3'}",
           "BALLOTDESK_USER": USER, "BALLOTDESK_PASSWORD": PASSWORD}
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    if bytecode:
        env["PYTHONPYCACHEPREFIX"] = str(folder / "pycache")
    else:
        env["PYTHONDONTWRITEBYTECODE"] = "1"
    return env


def ballotdesk(env: dict[str, str], *args: str) -> None:
    subprocess.run([sys.executable, "-m", "desktop.cli", *args], env=env, cwd=ROOT, check=True,
                   stdout=subprocess.DEVNULL)


def build(folder: Path, env: dict[str, str]) -> None:
    """The small database, made the way a user makes one."""
    ballotdesk(env, "account", "setup", USER)
    ballotdesk(env, "demo")
    ballotdesk(env, "box", "add", "一号箱")
    pdf = folder / "ballots.pdf"
    ballotdesk(env, "ballots", "print", "--box", "一号箱", "--count", str(BALLOTS), "--out",
               str(pdf))
    ballotdesk(env, "scan", "--workers", "1", str(pdf))


def timed(env: dict[str, str], args: list[str]) -> tuple[float, float]:
    """CPU seconds (user + system) and wall seconds of one child."""
    before, start = resource.getrusage(resource.RUSAGE_CHILDREN), time.perf_counter()
    subprocess.run([sys.executable, *args], env=env, cwd=env["PYTHONPATH"], check=True,
                   stdout=subprocess.DEVNULL)
    wall, after = time.perf_counter() - start, resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return cpu, wall


def load() -> str:
    return " ".join(f"{value:.2f}" for value in os.getloadavg())


def stages(runs: int) -> None:
    with tempfile.TemporaryDirectory(prefix="ballotdesk-cli-stages-") as temp:
        env = environment(Path(temp), bytecode=True)
        build(Path(temp), env)
        subprocess.run([sys.executable, "-c", STAGES], env=env, cwd=ROOT, check=True,
                       stdout=subprocess.DEVNULL)  # warm up
        print(f"load average before (1, 5, 15 min): {load()}")
        samples: dict[str, list[float]] = {}
        for _run in range(runs):
            done = subprocess.run([sys.executable, "-c", STAGES], env=env, cwd=ROOT,
                                  check=True, capture_output=True, text=True)
            for step, seconds in json.loads(done.stdout):
                samples.setdefault(step, []).append(seconds)
        print(f"load average after: {load()}\n")
    print("| step of `ballotdesk --json review list` | CPU s median | CPU s min |")
    print("|---|---|---|")
    for step, values in samples.items():
        print(f"| {step} | {statistics.median(values):.3f} | {min(values):.3f} |")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=10)
    parser.add_argument("--no-bytecode", action="store_true",
                        help="no .pyc files: every start compiles the project's sources")
    parser.add_argument("--baseline", type=Path, metavar="DIR",
                        help="another checkout: run each command on it too, interleaved")
    parser.add_argument("--stages", action="store_true",
                        help="where review list --json spends its CPU, step by step")
    args = parser.parse_args()
    if args.stages:
        stages(args.runs)
        return
    with tempfile.TemporaryDirectory(prefix="ballotdesk-cli-start-") as temp:
        folder = Path(temp)
        trees = {"": environment(folder, bytecode=not args.no_bytecode)}
        if args.baseline:
            trees["baseline: "] = environment(folder, not args.no_bytecode, args.baseline.resolve())
        build(folder, trees[""])
        runs = [(f"{tree}`{label}`", env, command) for label, command in COMMANDS
                for tree, env in trees.items() if command[0] != "-c" or not tree]
        for _label, env, command in runs:  # warm up: bytecode written, files in the page cache
            timed(env, command)
        print(f"load average before (1, 5, 15 min): {load()}")
        samples: dict[str, list[tuple[float, float]]] = {label: [] for label, _, _ in runs}
        for _run in range(args.runs):
            for label, env, command in runs:
                samples[label].append(timed(env, command))
        print(f"load average after: {load()}")
    print(f"{args.runs} runs each, {'no' if args.no_bytecode else 'with'} bytecode files\n")
    print("| command | CPU s median | CPU s min | wall s median | wall s min |")
    print("|---|---|---|---|---|")
    for label, values in samples.items():
        cpu, wall = [v[0] for v in values], [v[1] for v in values]
        print(f"| {label} | {statistics.median(cpu):.3f} | {min(cpu):.3f} "
              f"| {statistics.median(wall):.3f} | {min(wall):.3f} |")


if __name__ == "__main__":
    main()
