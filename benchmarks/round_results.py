"""What a round's results cost beside the campaign's (docs/rounds.md, "Cost").

    .venv/bin/python benchmarks/round_results.py [--runs 3]

Builds the seed-003 shape in a temporary SQLite file (3 categories × 50 shortlisted, one online
import, round 1 with a delegates' paper channel and one printed batch per paper channel, round
2 "组织审定"), then times, interleaved ``--runs`` times: ``Results.compute`` of the campaign
(the baseline), of round 1 (its scope: layouts, channels, boxes, sources) and
``Rounds.ranking`` of both rounds. Prints CPU s and wall s per call and the load average.
"""

from __future__ import annotations

import argparse
import csv
import os
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from desktop.core.accounts import Actor
from desktop.core.demo import create_demo
from desktop.core.enums import Role
from desktop.core.printing import PrintOptions
from desktop.core.services import Services

#: Online votes of number n in every category: a steady fall, no two equal.
TOP_VOTES, STEP_VOTES = 1000, 10


def timed(work: Callable[[], object]) -> tuple[float, float]:
    cpu, wall = time.process_time(), time.perf_counter()
    work()
    return time.process_time() - cpu, time.perf_counter() - wall


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        services = Services.open(f"sqlite:///{Path(folder) / 'bench.sqlite3'}",
                                 Actor("bench", Role.ORGANISER))
        campaign = create_demo(services).id
        first, second = services.rounds.list_rounds(campaign)
        source = services.online.set_source(campaign, "平台A")
        rows = [["奖项", "编号", "票数"]] + [
            [c.category, c.number_text, str(TOP_VOTES - STEP_VOTES * (c.number or 0))]
            for c in services.candidates.list(campaign) if c.number is not None]
        totals = Path(folder) / "平台A.csv"
        with totals.open("w", encoding="utf-8-sig", newline="") as handle:
            csv.writer(handle).writerows(rows)
        services.online.commit(services.online.preview(campaign, totals, source.name))
        delegates = next(c for c in first.channels if c.name == "代表投票")
        for name, channel in (("东湖社区服务中心 1号箱", None), ("县党代表投票箱", delegates.id)):
            box = services.boxes.add_box(campaign, name, channel_id=channel)
            services.printing.print_batch(campaign, box.id, 1, Path(folder) / f"{box.id}.pdf",
                                          PrintOptions())
        calls: dict[str, Callable[[], object]] = {
            "Results.compute (campaign; the baseline)":
                lambda: services.results.compute(campaign),
            "Results.compute (round 1)": lambda: services.results.compute(campaign, first.id),
            "Rounds.ranking (round 1)": lambda: services.rounds.ranking(first.id),
            "Rounds.ranking (round 2, ranks by round 1)":
                lambda: services.rounds.ranking(second.id),
        }
        for work in calls.values():
            work()  # warm
        figures: dict[str, list[tuple[float, float]]] = {name: [] for name in calls}
        for _run in range(args.runs):
            for name, work in calls.items():
                figures[name].append(timed(work))
        print(f"load average {os.getloadavg()}")
        for name, runs in figures.items():
            text = ", ".join(f"{cpu:.3f}/{wall:.3f}" for cpu, wall in runs)
            print(f"{name}: CPU s/wall s {text}")


if __name__ == "__main__":
    main()
