"""Benchmark: what the automatic backup after a 100-page scanning batch costs at 1,000 and at
20,000+ recorded sheets (SQLite).

    .venv/bin/python benchmarks/backup_cost.py [--small 1000] [--large 20000] [--batch 100]
                                               [--rounds 3]

Builds two databases of the demo campaign with the project's own recording path
(``Recorder.record``), in bulk: one ballot is printed, rasterized and read for real, and its
pages' readings are recorded again for every serial of the printed batches (each with its own
archived bytes), so every sheet is a counted sheet with its marks and its audit entry, as a
scan would leave it, without reading thousands of images. Then, interleaved (small, large,
small, large…, so that the machine's load falls on both alike), each round records one more
batch of ``--batch`` pages and times ``automatic_backup`` after it: as a scan does (throttled:
the newest copy is younger than the interval) and with the copy due (``interval=0``: the full
copy a batch pays at most every 30 minutes). Prints CPU and wall seconds of each, the bytes
written, and the load average, which on a shared machine says how far the wall times are
worth trusting (the CPU seconds are the steadier figure).
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import os
import statistics
import sys
import tempfile
import time
from dataclasses import replace
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import numpy as np

from desktop.core.accounts.actors import Actor
from desktop.core.demo import create_demo
from desktop.core.enums import Role
from desktop.core.printing.service import PrintOptions
from desktop.core.records.recording import Recorder, read_context
from desktop.core.services import Services
from desktop.core.store.backups import AutomaticKind, automatic_backup, automatic_folder
from scanning.interpret import interpret_image
from scanning.result import PageResult
from scanning.sources import AcquiredImage
from scanning.sources.base import FileOrigin
from scanning.synthetic import rasterize_pdf

BENCH_ACTOR = Actor("benchmark", Role.ORGANISER)
#: The decoded image of a recorded item: recording stores the bytes and the reading, never the
#: pixels, so the copies of the sample's readings carry none.
NO_PIXELS = np.zeros((1, 1), np.uint8)


class Campaign:
    """A database of the demo campaign, and the readings of one ballot to record again."""

    def __init__(self, folder: Path, ballots: int) -> None:
        folder.mkdir(parents=True)
        self.folder = folder
        self.services = Services.open(f"sqlite:///{folder / 'ballotdesk.sqlite3'}", BENCH_ACTOR)
        demo = create_demo(self.services)
        self.box = self.services.boxes.add_box(demo.id, "基准测试箱")
        printing = self.services.printing
        sample = printing.print_batch(demo.id, self.box.id, 1, folder / "sample.pdf",
                                      PrintOptions())
        context = read_context(self.services.db)
        self.pages: list[PageResult] = [
            interpret_image(image, context.key_for, context.layout_for)
            for image in rasterize_pdf(folder / "sample.pdf")]
        assert all(p.serial == sample.first_serial for p in self.pages), "the sample was read"
        self.campaign_id = demo.id
        self.recorder = Recorder(self.services.db, BENCH_ACTOR, station="bench")
        self.next_serial = sample.last_serial + 1
        self.last_serial = sample.last_serial
        self.sheets = 0
        self.record(ballots * len(self.pages))

    def _print_more(self, ballots: int) -> None:
        batch = self.services.printing.print_batch(
            self.campaign_id, self.box.id, ballots, self.folder / "more.pdf", PrintOptions())
        self.last_serial = batch.last_serial

    def record(self, pages: int) -> None:
        """Record ``pages`` more sheets (whole ballots, rounded up), as a scan would."""
        ballots = -(-pages // len(self.pages))
        if self.next_serial + ballots - 1 > self.last_serial:
            self._print_more(ballots)
        for _ in range(ballots):
            serial, self.next_serial = self.next_serial, self.next_serial + 1
            for index, page in enumerate(self.pages):
                data = f"benchmark sheet {serial} page {index}".encode()
                item = AcquiredImage(FileOrigin(Path(f"bench-{serial}-{index}.jpg")), NO_PIXELS,
                                     data, "image/jpeg", hashlib.sha256(data).hexdigest())
                outcome = self.recorder.record(item, replace(page, serial=serial))
                assert outcome.recorded, outcome.message.text("en")
                self.sheets += 1

    def time_backup(self, interval: dt.timedelta | None) -> tuple[float, float, int, str]:
        folder = automatic_folder(self.services.db)
        before = _bytes(folder)
        cpu, wall = time.process_time(), time.perf_counter()
        made = automatic_backup(self.services.db, "after-scan", interval=interval)
        cpu, wall = time.process_time() - cpu, time.perf_counter() - wall
        written = made.written.size_bytes if made.written is not None else 0
        assert written or _bytes(folder) == before
        return cpu, wall, written, made.kind.value


def _bytes(folder: Path) -> int:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file()) if folder.exists() \
        else 0


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--small", type=int, default=1_000, help="sheets in the small database")
    parser.add_argument("--large", type=int, default=20_000, help="sheets in the large one")
    parser.add_argument("--batch", type=int, default=100, help="pages per scanning batch")
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    root = Path(tempfile.mkdtemp(prefix="ballotdesk-backup-cost-"))
    print(f"load average before building: {os.getloadavg()}", flush=True)
    campaigns = []
    for name, sheets in (("small", args.small), ("large", args.large)):
        started = time.perf_counter()
        campaigns.append(built := Campaign(root / name, sheets // 2))
        print(f"built {built.sheets} sheets ({name}) in {time.perf_counter() - started:.0f} s; "
              f"database {built.services.db.sqlite_path.stat().st_size / 1e6:.1f} MB",  # type: ignore[union-attr]
              flush=True)
    figures: dict[tuple[int, str], list[tuple[float, float, int]]] = {}
    for first in campaigns:  # the first automatic copy of each: the throttle starts from it
        first.time_backup(dt.timedelta(0))
    for round_ in range(args.rounds):
        for built in campaigns:
            built.record(args.batch)
            throttled = built.time_backup(None)
            built.record(args.batch)
            due = built.time_backup(dt.timedelta(0))
            assert (throttled[3], due[3]) == (AutomaticKind.THROTTLED, AutomaticKind.FULL)
            for kind, figure in (("throttled", throttled), ("full (due)", due)):
                figures.setdefault((built is campaigns[1], kind), []).append(figure[:3])
            print(f"round {round_ + 1}, {built.sheets} sheets: throttled {throttled[0]:.4f} s "
                  f"CPU / {throttled[1]:.4f} s wall, {throttled[2]} B; full {due[0]:.3f} s CPU / "
                  f"{due[1]:.3f} s wall, {due[2] / 1e6:.1f} MB; load {os.getloadavg()[0]:.2f}",
                  flush=True)
    print("\nmedians after a batch of", args.batch, "pages:")
    for (large, kind), rows in sorted(figures.items()):
        sheets = campaigns[int(large)].sheets
        print(f"  {sheets:>6} sheets, {kind:<11}: "
              f"{statistics.median(r[0] for r in rows):.4f} s CPU, "
              f"{statistics.median(r[1] for r in rows):.4f} s wall, "
              f"{statistics.median(r[2] for r in rows) / 1e6:.2f} MB written")
    print(f"load average after: {os.getloadavg()}")
    for built in campaigns:
        built.services.db.dispose()
    print(f"(databases left in {root})")


if __name__ == "__main__":
    main()
