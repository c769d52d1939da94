"""A scanning batch killed with SIGKILL at random moments, then run again: nothing lost, nothing
counted twice, the audit chain intact, no half-written image counted.

The batch is the real command line (``python -m desktop.cli scan``) with two reading processes
from the forkserver, killed as a whole process group (as a power cut would: no ``finally``
runs anywhere) or, in some runs, only its main process (as the OOM killer or a task manager
does): then the readers, the forkserver and the resource tracker must end by themselves. Each
run gets a fresh copy of a prepared database, is killed after a random delay spread over the
measured length of a whole batch, then the same batch runs again to its end and everything is
checked, at the moment of the kill and after the rerun.

Storing the sheets is a short part of a batch (starting Python, opening the database and
starting the readers come first), and how long the start takes varies with the machine's load:
so most kills are timed from the moment the run's first image reaches the archive, spread over
what followed it in the measured batch; the others fall between the start and that moment. The
delays come from a seeded RNG: a failure names the seed, and ``BALLOTDESK_KILL_SEED=<seed>``
draws the same delays again (where a kill lands still depends on the machine's speed).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import random
import signal
import subprocess
import sys
import time
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from PIL import Image as PilImage
from sqlalchemy import func, select

from desktop.core.accounts import service as accounts
from desktop.core.audit.log import AuditLog
from desktop.core.demo import create_demo
from desktop.core.records.recording import TEMP_PREFIXES
from desktop.core.results.tally import paper_tally
from desktop.core.services import Services
from desktop.core.store.db import Database
from desktop.core.store.models import AuditEntry, Sheet
from tests.ballot_files import Votes, fill_in, print_and_rasterize, save_scans
from tests.conftest import ORGANISER, PASSWORD
from tests.kill_runs import ROOT, SEED_ENV_VAR, Copies, environment, seeded

pytestmark = pytest.mark.slow

#: Killed-then-resumed batches per backend (PostgreSQL: fewer, each run costs a pg_dump too).
RUNS = {"sqlite": 20, "postgresql": 6}
BALLOTS = 9
#: Ballots (0-based) scanned as one multi-page TIFF instead of one JPEG file per page.
IN_TIFF = (5, 6)
WORKERS = 2
RUN_TIMEOUT = 300
#: What a process that is gone may still be for a moment: a zombie waiting to be reaped.
ZOMBIE = "Z"
#: Share of the runs killed before their first image is archived.
EARLY_SHARE = 0.2
#: Share of the runs where only the main process is killed.
MAIN_ONLY_SHARE = 0.3
#: Where the kill meant to land among the sheets goes, as shares of the time between the first
#: sheet and the last (away from both ends, where nothing or everything may be stored).
AMONG_SHEETS = (0.2, 0.8)
#: How long the processes of a batch whose main process was killed may take to end.
ORPHAN_SECONDS = 30
POLL_SECONDS = 0.005


@dataclass
class Prepared:
    """A database with the demo campaign, a box and printed ballots; the scans of them."""

    copies: Copies
    files: list[Path]
    pages: int
    campaign_id: int
    expected: dict[str, Counter[str]]
    #: How long a whole batch takes, and how long until it stored its first sheet.
    full_run_seconds: float = 0.0
    first_sheet_seconds: float = 0.0
    #: From the first sheet stored to the last.
    sheets_seconds: float = 0.0


def draw_votes(rng: random.Random, targets: dict[str, list[str]]) -> Votes:
    """At most three ticks per category (never an overvote), sometimes none."""
    return {category: sorted(rng.sample(numbers, rng.randint(0, 3)))
            for category, numbers in targets.items()}


def prepare(url: str, folder: Path, backend: str,
            ) -> tuple[list[Path], int, int, dict[str, Counter[str]]]:
    """Print the ballots, tick random votes, save the scans; the votes' tally."""
    services = Services.open(url, ORGANISER)
    try:
        accounts.setup(services.db, ORGANISER.name, PASSWORD)
        demo = create_demo(services)
        box = services.boxes.add_box(demo.id, "东湖社区服务中心 1号箱")
        _batch, layout, ballots = print_and_rasterize(services, demo.id, box.id, BALLOTS, folder)
    finally:
        services.db.dispose()
    targets: dict[str, list[str]] = {}
    for page in layout.pages:
        for target in page.targets:
            targets.setdefault(target.category, []).append(target.candidate)
    rng = random.Random(f"votes-{backend}")
    votes = [draw_votes(rng, targets) for _ in ballots]
    expected = {category: Counter(n for v in votes for n in v[category]) for category in targets}
    scans = folder / "scans"
    files: list[Path] = []
    tiff_pages = []
    for number, (pages, ballot_votes) in enumerate(zip(ballots, votes, strict=True)):
        filled = fill_in(layout, pages, ballot_votes)
        if number in IN_TIFF:
            tiff_pages += [PilImage.fromarray(page) for page in filled]
        else:
            files += save_scans(filled, scans, f"b{number + 1:02d}")
    tiff = scans / "stack.tif"
    tiff_pages[0].save(tiff, save_all=True, append_images=tiff_pages[1:],
                       compression="tiff_lzw", dpi=(300, 300))
    files.insert(len(files) // 2, tiff)  # the TIFF in the middle of the batch
    return files, BALLOTS * layout.page_count, demo.id, expected


@pytest.fixture(scope="module", params=["sqlite", "postgresql"])
def prepared(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory,
             ) -> Iterator[Prepared]:
    folder = tmp_path_factory.mktemp(f"kill-{request.param}")
    copies = Copies.make(request, folder)
    files, pages, campaign_id, expected = prepare(copies.url, folder, copies.backend)
    ready = Prepared(copies, files, pages, campaign_id, expected)
    # One whole batch, timed: when it stored its first sheet, when it ended (the automatic
    # backup after the batch included).
    url, run_folder = copies.fresh("reference")
    empty = folder / "empty.png"
    empty.touch()  # first a batch of nothing: Python's caches warm, as in the runs that follow
    assert scan(url, run_folder, [empty]).returncode == 0
    started, clock = time.monotonic(), dt.datetime.now(dt.UTC)
    done = scan(url, run_folder, ready.files)
    ready.full_run_seconds = time.monotonic() - started
    assert done.returncode == 0, done.stderr
    check_database(ready, url, run_folder, complete=True, context="reference run")
    db = Database(url)
    try:
        with db.transaction() as s:
            first, last = s.execute(select(func.min(Sheet.recorded_at),
                                           func.max(Sheet.recorded_at))).one()
    finally:
        db.dispose()
    assert first is not None and last is not None
    ready.first_sheet_seconds = min((first - clock).total_seconds(), ready.full_run_seconds)
    ready.sheets_seconds = (last - first).total_seconds()
    yield ready
    copies.retire()


def command(url: str, files: list[Path]) -> list[str]:
    return [sys.executable, "-m", "desktop.cli", "--db", url, "--json", "scan",
            "--workers", str(WORKERS), "--station", "站点1", *map(str, files)]


def scan(url: str, folder: Path, files: list[Path]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(command(url, files), cwd=ROOT, env=environment(folder),
                          capture_output=True, text=True, encoding="utf-8", check=False,
                          timeout=RUN_TIMEOUT)


def group_members(group: int) -> list[str]:
    """Live processes of a process group (from /proc): ``pid state command`` each."""
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue  # gone meanwhile
        state, _parent, pgrp = stat.rsplit(")", 1)[1].split()[:3]
        if int(pgrp) == group and state != ZOMBIE:
            found.append(f"{entry.name} {state} {stat.split(' ', 2)[1]}")
    return found


@dataclass(frozen=True)
class Kill:
    """``delay`` seconds after the start, or (``after_first``) after the run's first image
    reached the archive."""

    delay: float
    after_first: bool
    #: Only the main process, not its whole process group.
    main_only: bool

    @classmethod
    def draw(cls, rng: random.Random, ready: Prepared, among_sheets: bool = False) -> Kill:
        """A kill anywhere in a batch; ``among_sheets``: between its first and its last sheet
        stored (the backup and the exit after them can take most of a PostgreSQL batch, so
        that random kills alone may all miss the sheets on a loaded machine)."""
        main_only = rng.random() < MAIN_ONLY_SHARE
        if among_sheets:
            return cls(ready.sheets_seconds * rng.uniform(*AMONG_SHEETS), True, main_only)
        if rng.random() < EARLY_SHARE:
            return cls(rng.uniform(0, ready.first_sheet_seconds), False, main_only)
        return cls(rng.uniform(0, ready.full_run_seconds - ready.first_sheet_seconds), True,
                   main_only)

    def __str__(self) -> str:
        return (f"{'main process' if self.main_only else 'process group'} killed "
                f"{self.delay:.3f} s after "
                f"{'its first image was archived' if self.after_first else 'it started'}")


def scan_killed(url: str, folder: Path, files: list[Path], kill: Kill) -> None:
    """Start the batch in a process group of its own and SIGKILL the whole group when
    ``kill`` says (unless it finished before); no process of it may survive."""
    process = subprocess.Popen(command(url, files), cwd=ROOT, env=environment(folder),
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                               start_new_session=True)
    archive = folder / "archive"  # made when the first image is archived
    while kill.after_first and not archive.exists() and process.poll() is None:
        time.sleep(POLL_SECONDS)
    try:
        process.wait(timeout=kill.delay)
    except subprocess.TimeoutExpired:
        if kill.main_only:
            process.kill()
        else:
            os.killpg(process.pid, signal.SIGKILL)
    process.wait(timeout=RUN_TIMEOUT)
    deadline = time.monotonic() + ORPHAN_SECONDS
    while (left := group_members(process.pid)) and time.monotonic() < deadline:
        time.sleep(0.05)
    if left:
        os.killpg(process.pid, signal.SIGKILL)  # not left behind by the test either
    assert not left, f"processes of the killed batch survived it: {left}"


@dataclass(frozen=True)
class State:
    """What the database holds after a run."""

    #: (file, page index) of every stored sheet
    pages: frozenset[tuple[str, int]]

    @property
    def counted(self) -> int:
        return len(self.pages)


def check_database(ready: Prepared, url: str, folder: Path, complete: bool, context: str,
                   ) -> State:
    """Every stored sheet counted once, archived whole, in the audit log; all of them (and the
    expected tally) when ``complete``."""
    db = Database(url)
    try:
        with db.transaction() as s:
            sheets = s.scalars(select(Sheet)).all()
            audited = s.scalar(select(func.count()).select_from(AuditEntry)
                               .where(AuditEntry.action == "sheet.record"))
        assert all(sheet.counted_key is not None for sheet in sheets), \
            f"{context}: a sheet stored without counting (a second copy?)"
        places = Counter((sheet.serial, sheet.page) for sheet in sheets)
        assert max(places.values(), default=1) == 1, f"{context}: a page stored twice"
        assert audited == len(sheets), f"{context}: {audited} audit entries, {len(sheets)} sheets"
        archive = folder / "archive"
        for sheet in sheets:
            image = archive / sheet.archive_path
            assert image.is_file(), f"{context}: sheet {sheet.id} lost its image {image}"
            digest = hashlib.sha256(image.read_bytes()).hexdigest()
            assert digest == sheet.image_sha256, f"{context}: sheet {sheet.id}: half an image"
        for stored in archive.rglob("*.*") if archive.exists() else ():
            if stored.name.startswith(TEMP_PREFIXES):  # a killed write's; tidied an hour on
                continue
            digest = hashlib.sha256(stored.read_bytes()).hexdigest()
            assert stored.stem == digest, f"{context}: {stored} is not what its name says"
        verification = AuditLog(db).verify()
        assert verification.ok, \
            f"{context}: {verification.summary().text('en')} {verification.findings}"
        if complete:
            assert sorted(places) == [(serial, page) for serial in range(1, BALLOTS + 1)
                                      for page in (1, 2)], f"{context}: pages missing"
            tally = paper_tally(db, ready.campaign_id)
            assert tally.ballots == BALLOTS, context
            for category, expected in ready.expected.items():
                count = tally.categories[category]
                assert {n: v for n, v in count.votes.items() if v} == expected, \
                    f"{context}: {category}"
                assert (count.valid, count.void, count.pending) == (BALLOTS, 0, 0), context
        return State(frozenset((sheet.source, sheet.page_index) for sheet in sheets))
    finally:
        db.dispose()


def test_a_batch_killed_at_random_moments_resumes_without_loss_or_double_count(
    prepared: Prepared,
) -> None:
    seed, rng = seeded()
    backend = prepared.copies.backend
    runs = RUNS[backend]
    stopped_at = []
    for run in range(runs):
        kill = Kill.draw(rng, prepared, among_sheets=run == 0)
        context = f"{backend} run {run + 1}/{runs}, {kill} ({SEED_ENV_VAR}={seed})"
        url, folder = prepared.copies.fresh(f"run{run:02d}")
        scan_killed(url, folder, prepared.files, kill)
        at_kill = check_database(prepared, url, folder, complete=False, context=context)
        stopped_at.append(at_kill.counted)
        rerun = scan(url, folder, prepared.files)
        assert rerun.returncode == 0, f"{context}: {rerun.stderr}"
        assert "Traceback" not in rerun.stderr, f"{context}: {rerun.stderr}"
        outcomes = json.loads(rerun.stdout)
        assert len(outcomes) == prepared.pages, context
        resumed = {(o["file"], o["page_index"]) for o in outcomes
                   if o.get("reason") == "already_recorded"}
        assert resumed == at_kill.pages, f"{context}: what the killed run stored is known"
        assert all(o["recorded"] for o in outcomes if o.get("reason") != "already_recorded"), \
            f"{context}: {[o for o in outcomes if not o['recorded']]}"
        check_database(prepared, url, folder, complete=True, context=context + ", rerun")
    print(f"{backend}: sheets stored when killed {stopped_at} "
          f"(batch of {prepared.pages}, {prepared.full_run_seconds:.1f} s, "
          f"first sheet after {prepared.first_sheet_seconds:.1f} s; seed {seed})")
    assert any(0 < n < prepared.pages for n in stopped_at), \
        f"no kill landed inside the batch: {stopped_at} (seed {seed})"
