"""Benchmark: import a per-vote export of 1,000,000 rows (3 categories x 50 candidates).

    .venv/bin/python benchmarks/import_online.py [--rows 1000000] [--no-pandas]

Writes a CSV (time, voter id, IP, one column per category holding the chosen option's text)
into a temp folder, then times ``pandas.read_csv`` of the same file (default options) and our
preview + commit into a fresh SQLite database. Prints both and the ratio (target: at most 2),
in wall-clock seconds and in CPU seconds of this process. On a shared machine single timings
swing, so pandas and our preview take turns ``--repeat`` times and the best of each counts
(the commit, which writes, runs once).
"""

from __future__ import annotations

import argparse
import csv
import random
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import pandas as pd

from desktop.core.actors import Actor
from desktop.core.enums import CandidateKind, Role
from desktop.core.rules import CandidateFields
from desktop.core.services import Services

CATEGORIES = ("十佳优良服务窗口", "十佳优秀服务标兵", "十佳优质服务品牌")
CANDIDATES_PER_CATEGORY = 50
VOTING_DAYS = 10
VOTERS = 300_000
SEED = 2026


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


def _seconds(timings: list[tuple[float, float]]) -> str:
    return " ".join(f"{wall:.2f}" for wall, _ in timings)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--repeat", type=int, default=3)
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
        theirs: list[tuple[float, float]] = []
        previews: list[tuple[float, float]] = []
        for _ in range(args.repeat):
            began, cpu = time.perf_counter(), time.process_time()
            rows = len(pd.read_csv(path, encoding="utf-8-sig"))
            theirs.append((time.perf_counter() - began, time.process_time() - cpu))
            began, cpu = time.perf_counter(), time.process_time()
            preview = services.online.preview(campaign_id, path, "平台A")
            previews.append((time.perf_counter() - began, time.process_time() - cpu))
            assert preview.ok, [m.text("en") for m in preview.errors]
        began, cpu = time.perf_counter(), time.process_time()
        services.online.commit(preview)
        commit = (time.perf_counter() - began, time.process_time() - cpu)
        pandas_wall, pandas_cpu = min(theirs)
        preview_wall, preview_cpu = min(previews)
        ours, ours_cpu = preview_wall + commit[0], preview_cpu + commit[1]
        print(f"pandas.read_csv: {pandas_wall:.2f} s, CPU {pandas_cpu:.2f} s ({rows:,} rows; "
              f"all: {_seconds(theirs)})")
        print(f"ours: preview {preview_wall:.2f} s (all: {_seconds(previews)}) + commit "
              f"{commit[0]:.2f} s = {ours:.2f} s, CPU {ours_cpu:.2f} s "
              f"({preview.rows:,} rows, {preview.votes:,} votes, {len(preview.flags):,} flagged)")
        print(f"ratio ours / pandas: {ours / pandas_wall:.2f} (CPU {ours_cpu / pandas_cpu:.2f})")
        services.db.dispose()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
