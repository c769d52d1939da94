"""Benchmark: what a ``ballotdesk`` command costs to start, on a small database.

    .venv/bin/python benchmarks/cli_start.py [--runs 10] [--no-bytecode]

Builds a small database in a temp folder with the command line itself (the first organiser,
the demo campaign, a box, five printed ballots scanned: ten recorded pages), then runs
``--help``, ``account list``, ``review list --json`` and ``results --json`` ``--runs`` times
each, interleaved with a baseline ``python -c pass`` so that every command sees the same
machine. Each run is a fresh interpreter; its CPU seconds are the user + system time of the
child (``resource.getrusage(RUSAGE_CHILDREN)`` before and after), its wall time the elapsed
time. Prints the median and the smallest of each, and the load average before and after (the
machine is shared: CPU seconds are the steadier figure, the smallest the least disturbed).

The children compile the project's modules once into a private ``PYTHONPYCACHEPREFIX``, as an
installed BallotDesk has its ``.pyc`` files; ``--no-bytecode`` measures with none (each start
compiles the project's sources again, what ``PYTHONDONTWRITEBYTECODE=1`` on a checkout does).
"""

from __future__ import annotations

import argparse
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
#: Ballots printed and scanned into the small database (two pages each).
BALLOTS = 5


def environment(folder: Path, bytecode: bool) -> dict[str, str]:
    env = {**os.environ, "PYTHONPATH": str(ROOT), "XDG_DATA_HOME": str(folder / "data"),
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
    subprocess.run([sys.executable, *args], env=env, cwd=ROOT, check=True,
                   stdout=subprocess.DEVNULL)
    wall, after = time.perf_counter() - start, resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return cpu, wall


def load() -> str:
    return " ".join(f"{value:.2f}" for value in os.getloadavg())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=10)
    parser.add_argument("--no-bytecode", action="store_true",
                        help="no .pyc files: every start compiles the project's sources")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="ballotdesk-cli-start-") as temp:
        folder = Path(temp)
        env = environment(folder, bytecode=not args.no_bytecode)
        build(folder, env)
        for _label, command in COMMANDS:  # warm up: bytecode written, files in the page cache
            timed(env, command)
        print(f"load average before (1, 5, 15 min): {load()}")
        samples: dict[str, list[tuple[float, float]]] = {label: [] for label, _ in COMMANDS}
        for _run in range(args.runs):
            for label, command in COMMANDS:
                samples[label].append(timed(env, command))
        print(f"load average after: {load()}")
    print(f"{args.runs} runs each, {'no' if args.no_bytecode else 'with'} bytecode files\n")
    print("| command | CPU s median | CPU s min | wall s median | wall s min |")
    print("|---|---|---|---|---|")
    for label, values in samples.items():
        cpu, wall = [v[0] for v in values], [v[1] for v in values]
        print(f"| `{label}` | {statistics.median(cpu):.3f} | {min(cpu):.3f} "
              f"| {statistics.median(wall):.3f} | {min(wall):.3f} |")


if __name__ == "__main__":
    main()
