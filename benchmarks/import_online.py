"""Benchmark: import a per-vote export of 1,000,000 rows (3 categories x 50 candidates).

    .venv/bin/python benchmarks/import_online.py [--rows 1000000] [--rounds 3]

Writes a CSV (time, voter id, IP, one column per category holding the chosen option's text)
into a temp folder, then alternates, ``--rounds`` times, ``pandas.read_csv`` of the same file
(default options: the yardstick) and our whole import of it into a fresh SQLite database
(preview + commit; the import is withdrawn after each round, untimed, so the next may commit
again). Prints each round's wall-clock and CPU seconds (user + system of the process and its
children: pandas parses in threads) and ratio, the median ratio (target: at most 2) and the
load average before and after.
"""

from __future__ import annotations

import argparse
import csv
import os
import random
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import TypeVar

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import pandas as pd

from desktop.core.accounts.actors import Actor
from desktop.core.enums import CandidateKind, Role
from desktop.core.registry.rules import CandidateFields
from desktop.core.services import Services

CATEGORIES = ("十佳优良服务窗口", "十佳优秀服务标兵", "十佳优质服务品牌")
CANDIDATES_PER_CATEGORY = 50
VOTING_DAYS = 10
VOTERS = 300_000
SEED = 2026
T = TypeVar("T")


def option_text(category: int, number: int) -> str:
    return f"{number:02d}号 候选{category + 1}-{number}"


def write_votes(path: Path, rows: int) -> None:
    rng = random.Random(SEED)
    start = 1_777_593_600  # 2026-05-01 00:00:00 (wall clock, no time zone)
    span = VOTING_DAYS * 86_400
    with path.open("w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["投票时间", "用户ID", "IP", *CATEGORIES])
        for _ in range(rows):
            t = time.gmtime(start + rng.randrange(span))
            writer.writerow([
                time.strftime("%Y-%m-%d %H:%M:%S", t), f"wx_{rng.randrange(VOTERS):06d}",
                f"10.{rng.randrange(4)}.{rng.randrange(256)}.{rng.randrange(256)}",
                *(option_text(c, rng.randrange(1, CANDIDATES_PER_CATEGORY + 1))
                  for c in range(len(CATEGORIES)))])


def campaign(services: Services) -> int:
    info = services.registry.create_campaign("基准评选")
    services.registry.add_unit(info.id, "基准单位", quota=CANDIDATES_PER_CATEGORY)
    for c, name in enumerate(CATEGORIES):
        services.registry.add_category(info.id, name, winners=10, kind=CandidateKind.OTHER)
        for n in range(1, CANDIDATES_PER_CATEGORY + 1):
            services.candidates.add(info.id, CandidateFields(
                name=f"候选{c + 1}-{n}", category=name, unit="基准单位", number=n))
    return info.id


def _cpu() -> float:
    """CPU seconds of this process (all its threads) and of its children."""
    times = os.times()
    return times.user + times.system + times.children_user + times.children_system


def _timed(work: Callable[[], T]) -> tuple[T, float, float]:
    began, cpu = time.perf_counter(), _cpu()
    result = work()
    return result, time.perf_counter() - began, _cpu() - cpu


def _load() -> str:
    return " ".join(f"{x:.2f}" for x in os.getloadavg())


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "votes.csv"
        began = time.perf_counter()
        write_votes(path, args.rows)
        print(f"wrote {args.rows:,} rows ({path.stat().st_size / 1e6:.1f} MB) in "
              f"{time.perf_counter() - began:.1f} s")
        services = Services.open(f"sqlite:///{Path(folder) / 'bench.sqlite3'}",
                                 Actor("benchmark", Role.ORGANISER))
        campaign_id = campaign(services)
        print(f"load average before: {_load()}")
        ratios, cpu_ratios = [], []
        for round_ in range(1, args.rounds + 1):
            frame, pandas_wall, pandas_cpu = _timed(partial(pd.read_csv, path,
                                                            encoding="utf-8-sig"))
            preview, preview_wall, preview_cpu = _timed(
                partial(services.online.preview, campaign_id, path, "平台A"))
            assert preview.ok, [m.text("en") for m in preview.errors]
            import_id, commit_wall, commit_cpu = _timed(partial(services.online.commit, preview))
            services.online.withdraw(import_id, "benchmark round")
            ours_wall, ours_cpu = preview_wall + commit_wall, preview_cpu + commit_cpu
            ratios.append(ours_wall / pandas_wall)
            cpu_ratios.append(ours_cpu / pandas_cpu)
            print(f"round {round_}: pandas.read_csv {pandas_wall:.2f} s, CPU {pandas_cpu:.2f} s "
                  f"({len(frame):,} rows) | ours: preview {preview_wall:.2f} s, CPU "
                  f"{preview_cpu:.2f} s + commit {commit_wall:.2f} s, CPU {commit_cpu:.2f} s "
                  f"= {ours_wall:.2f} s, CPU {ours_cpu:.2f} s | ratio {ratios[-1]:.2f} "
                  f"(CPU {cpu_ratios[-1]:.2f}) | load {_load()}")
        print(f"{preview.rows:,} rows, {preview.votes:,} votes, {len(preview.flags):,} flagged")
        print(f"median ratio ours / pandas: {statistics.median(ratios):.2f} "
              f"(CPU {statistics.median(cpu_ratios):.2f})")
        print(f"load average after: {_load()}")
        services.db.dispose()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
