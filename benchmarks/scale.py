"""Benchmark: a campaign of 1,000 to 100,000 recorded sheets, on SQLite or PostgreSQL: what
building it costs, how big the database is, and how results, the review queue, their pages and
a 100-page scanning batch grow with it (issue 15).

    .venv/bin/python benchmarks/scale.py [--sizes 1000,10000,100000] [--backend sqlite|postgres]
                                          [--postgres-url URL] [--batch 100] [--rounds 3]

The campaign is the demo's printed one (3 categories × 50 candidates, 10 to choose, 3 pages a
ballot). One ballot is printed for real (its layout is what the sheets are read against); the
serials of the others are registered as printed through the printing service's own record of
a batch, without rendering their PDF. Every sheet then goes through the project's recording
path, ``Recorder.record_all`` (duplicate check, counted place, marks, ``sheet.record`` audit
entry with its digests, archive write), from a synthetic reading (:func:`synthetic_page`: seeded
ticks, about one page in fifty with an ambiguous mark for the review queue) and a tiny PNG of a
few hundred bytes per sheet: the archive holds a file per sheet, but what real scans would
weigh in it is not what is measured (the database size excludes it).

Per size it prints: the build's CPU and wall seconds, the database's size (the SQLite file, or
the sum of ``pg_total_relation_size`` over the tables), then in ``--rounds`` rounds interleaved
over the sizes (so the machine's load falls on every size alike): ``Results.compute`` plus
``results_json`` (what ``ballotdesk results --json`` runs, on a database object of its own as
the command does), ``Review.queue``, the review page opened until settled, a ``--batch``-page
scanning batch: what ``scan_items`` does besides reading the pixels (tidy the archive, the
reading context, the "recorded before?" look-up per page, ``record_all``) and the throttled
automatic backup after it; then the results page, until first shown and until current (from
the second round on it shows the count it made in the round before at once), and the same as
the first page of a window just started. Qt (offscreen) is started once before any page is
measured.
The command line ``ballotdesk results --json`` is run once per size, in a child process. CPU
seconds are the process's (all threads) plus its reaped children's; the load average is printed
before and after.

PostgreSQL: ``--postgres-url`` names a server (a maintenance database such as
``postgresql://user@host/postgres``; databases ``ballotdesk_scale_<size>`` are made there), else
the tests' throwaway server is started (tests/postgres.py: fsync off, like the tests).
"""

from __future__ import annotations

import argparse
import contextlib
import hashlib
import os
import random
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar
from unittest import mock

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import cv2
import numpy as np
from sqlalchemy import func, select

from ballotformat import Layout
from desktop.core.accounts import service as accounts
from desktop.core.accounts.actors import Actor
from desktop.core.demo import create_demo
from desktop.core.enums import Role
from desktop.core.printing.service import PrintOptions
from desktop.core.records.recording import ARCHIVE_ENV_VAR, Reading, Recorder, read_context
from desktop.core.records.review import Review
from desktop.core.services import Services
from desktop.core.store.backups import automatic_backup
from desktop.core.store.models import BallotBox, Campaign, PrintBatch, Sheet
from scanning.decide import MarkState, TargetReading
from scanning.reasons import Reason, status_for
from scanning.result import PageResult
from scanning.sources import AcquiredImage
from scanning.sources.base import FileOrigin

BENCH_ACTOR = Actor("benchmark", Role.ORGANISER)
#: The account ``ballotdesk results --json`` signs in with.
CLI_USER, CLI_PASSWORD = "scale-benchmark", "scale-benchmark-password"
#: Serials registered per print batch (the printing service's limit is 50,000 a batch).
SERIALS_PER_BATCH = 10_000
#: Share of pages read with one ambiguous mark (held for review).
REVIEW_SHARE = 0.02
#: Ticks per category on a ballot: at least this many, at most the category's maximum.
MIN_TICKS = 5
#: The scores a reading gives a ticked, an empty and an ambiguous box (ink share, 0..1).
MARKED_SCORE, EMPTY_SCORE, AMBIGUOUS_SCORE = 0.42, 0.01, 0.12
#: The tiny image archived per sheet (pixels a side); its pixels encode the sheet.
IMAGE_PX = 8
#: How long a page may take to settle before the benchmark gives up on it (s; on a machine
#: shared with other work, 10,000 sheets took over 300 s).
PAGE_TIMEOUT_S = 3600.0
#: No pixels: recording stores the bytes and the reading, never the decoded image.
NO_PIXELS = np.zeros((1, 1), np.uint8)

T = TypeVar("T")
#: Figures of one step: what was measured → (CPU s, wall s).
Figures = dict[str, tuple[float, float]]


def cpu_seconds() -> float:
    """CPU seconds of this process (every thread) and of its reaped children."""
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return time.process_time() + children.ru_utime + children.ru_stime


def timed(work: Callable[[], T]) -> tuple[T, float, float]:
    """``work()``, its CPU seconds and its wall seconds."""
    cpu, wall = cpu_seconds(), time.perf_counter()
    value = work()
    return value, cpu_seconds() - cpu, time.perf_counter() - wall


def tiny_png(serial: int, page: int) -> bytes:
    """A small real PNG, different for each sheet."""
    pixels = np.frombuffer(hashlib.sha256(f"{serial}:{page}".encode()).digest()[:IMAGE_PX * 4],
                           np.uint8)
    image = np.resize(pixels, (IMAGE_PX, IMAGE_PX))
    ok, encoded = cv2.imencode(".png", image)
    assert ok
    return bytes(encoded)


def synthetic_page(layout: Layout, serial: int, page: int, ticked: set[tuple[str, str]],
                   ambiguous: tuple[str, str] | None) -> PageResult:
    """What the reader gives for page ``page`` of ballot ``serial`` with ``ticked`` boxes marked
    (and ``ambiguous`` half marked, which sends the page to review)."""
    targets = layout.pages[page - 1].targets
    marks = []
    for target in targets:
        key = (target.category, target.candidate)
        state = (MarkState.AMBIGUOUS if key == ambiguous else
                 MarkState.MARKED if key in ticked else MarkState.EMPTY)
        score = {MarkState.MARKED: MARKED_SCORE, MarkState.EMPTY: EMPTY_SCORE,
                 MarkState.AMBIGUOUS: AMBIGUOUS_SCORE}[state]
        marks.append(TargetReading(target.category, target.candidate, state, score, 0.0, 0.0,
                                   target.box_mm, (0.0, 0.0)))
    reasons = (Reason.AMBIGUOUS_MARK,) if ambiguous is not None else ()
    return PageResult(status_for(reasons), reasons, serial=serial,
                      campaign_id=layout.campaign_id, layout_version=layout.layout_version,
                      layout_page=page, marks=tuple(marks),
                      qr_text=f"scale-benchmark {serial}/{page}")


@dataclass
class Ballot:
    """One synthetic ballot: its serial, what was ticked and which pages go to review."""

    serial: int
    ticked: set[tuple[str, str]]
    ambiguous: dict[int, tuple[str, str]]


class ScaleCampaign:
    """A database holding the demo campaign, and its sheets recorded in bulk."""

    def __init__(self, url: str, folder: Path, seed: int = 15,
                 review_share: float = REVIEW_SHARE) -> None:
        folder.mkdir(parents=True, exist_ok=True)
        self.url, self.folder = url, folder
        self.archive = folder / "ballotdesk-archive"
        self.rng = random.Random(seed)
        self.review_share = review_share
        self.services = Services.open(url, BENCH_ACTOR)
        self.options = PrintOptions()
        with self.services.db.transaction() as s:
            found = s.scalar(select(func.min(Campaign.id)))
        with self.active():
            if found is None:
                demo = create_demo(self.services)
                self.services.boxes.add_box(demo.id, "规模基准箱")
                found = demo.id
            self.campaign_id: int = found
            with self.services.db.transaction() as s:
                self.box_id = s.scalar(select(func.min(BallotBox.id)))
                printed = s.scalar(select(func.count()).select_from(PrintBatch))
            if not printed:  # one ballot printed for real: its layout is what sheets are read by
                self.services.printing.print_batch(self.campaign_id, self.box_id, 1,
                                                   folder / "sample.pdf", self.options)
            self.layout_state = self.services.printing.current_layout(self.campaign_id,
                                                                      self.options)
            self.layout = self.layout_state.layout
        with self.services.db.transaction() as s:  # a database built before (--root) goes on
            self.last_serial = s.scalar(select(func.max(PrintBatch.first_serial
                                                        + PrintBatch.count - 1)))
            self.next_serial = (s.scalar(select(func.max(Sheet.serial))) or 1) + 1
            self.sheets = s.scalar(select(func.count()).select_from(Sheet)) or 0
        self.recorder = Recorder(self.services.db, BENCH_ACTOR, station="scale",
                                 archive=self.archive)
        self.ballots: list[Ballot] = []
        #: The pages opened (kept until the end, see :meth:`open_page`).
        self.pages: list[Any] = []
        #: The services of pages opened as in a window just started (:meth:`open_page_anew`).
        self.fresh: list[Services] = []

    @contextlib.contextmanager
    def active(self) -> Iterator[None]:
        """The archive (and so the automatic backups) of this database, whatever its backend:
        ``archive_root`` reads the environment for a PostgreSQL database."""
        with mock.patch.dict(os.environ, {ARCHIVE_ENV_VAR: str(self.archive)}):
            yield

    @property
    def pages_per_ballot(self) -> int:
        return self.layout.page_count

    def _register_serials(self, ballots: int, box_id: int | None = None) -> None:
        """Serials for ``ballots`` more ballots, recorded as printed for ``box_id`` (default:
        the first box; no PDF rendered)."""
        printing = self.services.printing
        while self.last_serial < self.next_serial + ballots - 1:
            count = min(SERIALS_PER_BATCH, self.next_serial + ballots - 1 - self.last_serial)
            batch = printing._record(self.campaign_id, box_id or self.box_id,
                                     self.last_serial + 1, count, self.layout_state,
                                     "scale-benchmark", self.options.paper)
            self.last_serial = batch.last_serial

    def new_serials(self, ballots: int, box_id: int | None = None) -> list[int]:
        """``ballots`` serials registered as printed for ``box_id`` and not used yet."""
        self._register_serials(ballots, box_id)
        first, self.next_serial = self.next_serial, self.next_serial + ballots
        return list(range(first, self.next_serial))

    def _ballot(self) -> Ballot:
        serial, self.next_serial = self.next_serial, self.next_serial + 1
        ticked: set[tuple[str, str]] = set()
        by_category: dict[str, list[str]] = {}
        for page in self.layout.pages:
            for target in page.targets:
                by_category.setdefault(target.category, []).append(target.candidate)
        for category, maximum in self.layout.categories:
            candidates = by_category[category]
            # Weighted sampling without replacement: the first candidates are the favourites.
            order = sorted(candidates, key=lambda c: self.rng.random()
                           ** (1 + candidates.index(c) / 10), reverse=True)
            ticked.update((category, c) for c in order[:self.rng.randint(MIN_TICKS, maximum)])
        ambiguous = {}
        for page in self.layout.pages:
            if self.rng.random() < self.review_share:
                empty = [(t.category, t.candidate) for t in page.targets
                         if (t.category, t.candidate) not in ticked]
                ambiguous[page.page] = self.rng.choice(empty)
        return Ballot(serial, ticked, ambiguous)

    def readings(self, pages: int) -> Iterator[Reading]:
        """``pages`` more sheets (whole ballots, rounded up), as the reader would give them."""
        ballots = -(-pages // self.pages_per_ballot)
        self._register_serials(ballots)
        for _ in range(ballots):
            ballot = self._ballot()
            self.ballots.append(ballot)
            for page in range(1, self.pages_per_ballot + 1):
                yield self.reading(ballot.serial, page, ballot.ticked, ballot.ambiguous.get(page))

    def reading(self, serial: int, page: int, ticked: set[tuple[str, str]],
                ambiguous: tuple[str, str] | None = None, copy: int = 0) -> Reading:
        """Page ``page`` of ballot ``serial`` as scanned (``copy`` > 0: another image of it)."""
        data = tiny_png(serial + copy * 10**9, page)
        name = f"scale-{serial}-{page}" + (f"-copy{copy}" if copy else "") + ".png"
        item = AcquiredImage(FileOrigin(Path(name)), NO_PIXELS, data, "image/png",
                             hashlib.sha256(data).hexdigest())
        return item, synthetic_page(self.layout, serial, page, ticked, ambiguous)

    def record(self, pages: int) -> None:
        """Record ``pages`` more sheets through the recording path."""
        with self.active():
            for outcome in self.recorder.record_all(self.readings(pages)):
                assert outcome.sheet_id is not None
                assert outcome.recorded, outcome.message.text("en")
                self.sheets += 1

    def scan_batch(self, pages: int) -> None:
        """A scanning batch of ``pages`` pages as ``scan_items`` runs it, without reading
        pixels: tidy the archive, the reading context, the look-up of each page, recording,
        then the automatic backup after a batch (throttled)."""
        with self.active():
            self.recorder.tidy_archive()
            read_context(self.services.db)
            readings = list(self.readings(pages))
            assert all(self.recorder.known(item) is None for item, _result in readings)
            self.sheets += sum(o.recorded for o in self.recorder.record_all(readings))
            automatic_backup(self.services.db, label="after-scan")

    def database_bytes(self) -> int:
        db = self.services.db
        if db.sqlite_path is not None:
            return sum(p.stat().st_size for p in db.sqlite_path.parent.glob(
                db.sqlite_path.name + "*"))
        with db.engine.connect() as connection:
            return int(connection.exec_driver_sql(
                "SELECT sum(pg_total_relation_size(c.oid)) FROM pg_class c "
                "JOIN pg_namespace n ON n.oid = c.relnamespace "
                "WHERE c.relkind = 'r' AND n.nspname = current_schema()").scalar() or 0)

    def results_json(self) -> Figures:
        """``Results.compute`` + ``results_json`` as ``ballotdesk results --json`` runs them: on
        a database object of its own (opened before the clock starts), so with no count made
        before in the process to use again."""
        from desktop.core.results.files import results_json

        services = Services.open(self.url, BENCH_ACTOR)
        self.fresh.append(services)
        return {"results": timed(lambda: results_json(services.results.compute(
            self.campaign_id)))[1:]}

    def review_queue(self) -> int:
        return len(Review(self.services.db, BENCH_ACTOR).queue(self.campaign_id))

    def results_cli(self) -> None:
        """``ballotdesk results --json`` in a child process, signed in."""
        if not accounts.has_accounts(self.services.db):
            accounts.setup(self.services.db, CLI_USER, CLI_PASSWORD)
        env = dict(os.environ, BALLOTDESK_USER=CLI_USER, BALLOTDESK_PASSWORD=CLI_PASSWORD,
                   PYTHONPATH=str(Path(__file__).resolve().parents[1]))
        env[ARCHIVE_ENV_VAR] = str(self.archive)
        done = subprocess.run([sys.executable, "-m", "desktop.cli", "--db", self.url, "--json",
                               "--campaign", str(self.campaign_id), "results"],
                              capture_output=True, text=True, env=env, check=False)
        assert done.returncode == 0, done.stderr

    def open_page(self, name: str, services: Services | None = None) -> Figures:
        """The results or review page, shown and waited for until its data is on screen:
        ``… page`` until it settled (the results page: with the count of what is recorded
        now), and ``results page, first shown`` until its first results were on screen (a
        count made before, when this process made one: the page shows it at once, then counts
        what came after). ``services``: others than the campaign's own (a fresh database
        object holds no count made before, as in a window just started)."""
        from desktop.ui.context import CampaignContext
        from desktop.ui.pages.results_page import ResultsPage
        from desktop.ui.pages.review_page import ReviewPage

        app = qt_app()
        cpu, wall = cpu_seconds(), time.perf_counter()
        context = CampaignContext(services or self.services, self.campaign_id)
        page: Any = (ResultsPage if name == "results" else ReviewPage)(context)
        page.resize(1280, 760)
        page.show()
        figures: Figures = {}
        first = f"{name} page, first shown"

        def settled() -> bool:
            if name == "results" and page.results is not None and first not in figures:
                figures[first] = (cpu_seconds() - cpu, time.perf_counter() - wall)
            return not page.controller.busy and (name != "results" or page.results is not None)

        deadline = time.monotonic() + PAGE_TIMEOUT_S
        while not settled():
            app.processEvents()
            time.sleep(0.001)
            assert time.monotonic() < deadline, f"the {name} page did not settle"
        figures[f"{name} page"] = (cpu_seconds() - cpu, time.perf_counter() - wall)
        # Hidden, not deleted: a page's background work may still be under way (a refresh
        # after the first), and deleting its page under it crashed PySide6 here.
        page.hide()
        self.pages.append(page)
        return figures

    def open_page_anew(self, name: str) -> Figures:
        """The page as the first one a window just started opens: on a database object of its
        own (opened before the clock starts), so no count made before is there to show."""
        services = Services.open(self.url, BENCH_ACTOR)
        self.fresh.append(services)
        with self.active():
            figures = self.open_page(name, services)
        return {f"{key} (new window)": value for key, value in figures.items()}


def qt_app() -> Any:
    """Qt's application, started once, before any page is measured: its start (about 1.3 s
    of CPU here: platform plug-in, fonts) fell on the first page a run opened."""
    from PySide6.QtWidgets import QApplication, QLabel  # noqa: TID251 - the pages are measured

    app = QApplication.instance()
    if app is None:
        app = QApplication([])
        warm = QLabel("选票台 BallotDesk 0123456789")  # the fonts a page draws with
        warm.show()
        app.processEvents()
        warm.hide()
    return app


@contextlib.contextmanager
def databases(backend: str, root: Path, sizes: list[int],
              server_url: str | None, reuse: bool = False) -> Iterator[list[str]]:
    """One database URL per size: empty, or on PostgreSQL with ``reuse`` the one a run left
    there (as ``--root`` does on SQLite)."""
    if backend == "sqlite":
        yield [f"sqlite:///{root / str(size) / 'ballotdesk.sqlite3'}" for size in sizes]
        return
    from sqlalchemy import create_engine, text
    from sqlalchemy.engine import make_url

    server: Any = None
    if server_url is None:
        sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
        from tests.postgres import PostgresServer, find_bindir

        bindir = find_bindir()
        assert bindir is not None, "no PostgreSQL server binaries"
        server = PostgresServer(bindir).start()
        server_url = server.url()
    admin = create_engine(server_url, isolation_level="AUTOCOMMIT")
    names = [f"ballotdesk_scale_{size}" for size in sizes]
    try:
        with admin.connect() as connection:
            found = set(connection.execute(text("SELECT datname FROM pg_database")).scalars())
            for name in names:
                if reuse and name in found:
                    continue
                connection.execute(text(f'DROP DATABASE IF EXISTS "{name}"'))
                connection.execute(text(f'CREATE DATABASE "{name}"'))
        yield [make_url(server_url).set(database=name).render_as_string(hide_password=False)
               for name in names]
    finally:
        admin.dispose()
        if server is not None:
            server.stop()


def load() -> str:
    return " ".join(f"{value:.2f}" for value in os.getloadavg())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1000,10000,100000",
                        help="sheets in each database, comma-separated")
    parser.add_argument("--backend", choices=("sqlite", "postgres"), default="sqlite")
    parser.add_argument("--postgres-url", help="a PostgreSQL server (default: start one)")
    parser.add_argument("--batch", type=int, default=100, help="pages per scanning batch")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--reuse", action="store_true", help="PostgreSQL (with --postgres-url): "
                        "grow the databases a run left on the server instead of making them anew")
    parser.add_argument("--root", type=Path, help="the folder of the SQLite databases (default: "
                        "a new one); those a run left there are grown to their size, not rebuilt")
    args = parser.parse_args()
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    sizes = [int(size) for size in args.sizes.split(",")]
    root = args.root or Path(tempfile.mkdtemp(prefix="ballotdesk-scale-"))
    print(f"{args.backend}; load average before: {load()}", flush=True)
    with databases(args.backend, root, sizes, args.postgres_url, args.reuse) as urls:
        campaigns = []
        for size, url in zip(sizes, urls, strict=True):
            built, cpu, wall = timed(
                lambda url=url, size=size: ScaleCampaign(url, root / str(size)))
            campaigns.append(built)
            if built.sheets >= size:
                print(f"{built.sheets:>7} sheets: built before; database "
                      f"{built.database_bytes() / 1e6:.1f} MB; load {load()}", flush=True)
                continue
            _none, record_cpu, record_wall = timed(
                lambda built=built, size=size: built.record(size - built.sheets))
            with built.active():  # the first automatic copy: the batches' ones are throttled
                automatic_backup(built.services.db, label="after-scan")
            _none, cli_cpu, cli_wall = timed(built.results_cli)
            print(f"{built.sheets:>7} sheets: built in {cpu + record_cpu:.1f} s CPU / "
                  f"{wall + record_wall:.1f} s wall ({built.sheets / record_wall:.0f} sheets/s "
                  f"recording); database {built.database_bytes() / 1e6:.1f} MB; "
                  f"`ballotdesk results --json` {cli_cpu:.2f} s CPU / {cli_wall:.2f} s wall; "
                  f"load {load()}", flush=True)
        qt_app()
        # In this order each round: the results as the command line counts them (nothing kept
        # from before); the results page after a batch (from the second round on, the count
        # the page made in the round before is shown at once, then the batch counted); then
        # as the first page of a window just started (nothing to show before it has counted).
        batch = f"{args.batch}-page batch"

        def simply(name: str, work: Callable[[ScaleCampaign], object]
                   ) -> Callable[[ScaleCampaign], Figures]:
            return lambda c: {name: timed(lambda: work(c))[1:]}

        steps: list[Callable[[ScaleCampaign], Figures]] = [
            ScaleCampaign.results_json,
            simply("review queue", ScaleCampaign.review_queue),
            lambda c: c.open_page("review"),
            simply(batch, lambda c: c.scan_batch(args.batch)),
            lambda c: c.open_page("results"),
            lambda c: c.open_page_anew("results"),
        ]
        figures: dict[tuple[int, str], list[tuple[float, float]]] = {}
        for round_ in range(args.rounds):
            for index, built in enumerate(campaigns):
                for step in steps:
                    for name, (cpu, wall) in step(built).items():
                        figures.setdefault((index, name), []).append((cpu, wall))
                        print(f"  {sizes[index]} sheets, {name}: {cpu:.3f} s CPU / {wall:.3f} s "
                              f"wall; load {load()}", flush=True)
            print(f"round {round_ + 1} done; load {load()}", flush=True)
        names = list(dict.fromkeys(name for _index, name in figures))
        print(f"\nmedians of {args.rounds} rounds (CPU s / wall s):")
        print(f"{'sheets':>8}  " + "  ".join(f"{name:>22}" for name in names))
        for index in range(len(campaigns)):
            cells = []
            for name in names:
                rows = figures[(index, name)]
                cells.append(f"{statistics.median(r[0] for r in rows):>10.3f} / "
                             f"{statistics.median(r[1] for r in rows):<9.3f}")
            print(f"{sizes[index]:>8}  " + "  ".join(cells))
        for built in campaigns:
            for services in (built.services, *built.fresh):
                services.db.dispose()
    print(f"load average after: {load()}")
    print(f"(databases and archives left in {root})")


if __name__ == "__main__":
    main()
