"""A station package import killed with SIGKILL at random moments, then run again: no sheet
lost, none counted twice, the audit chain intact.

The import is the real command line (``python -m desktop.cli station import``) in a process
group of its own, killed as a whole. Each run gets a fresh copy of the organiser's database
(the station registered, nothing imported), is killed after a random delay spread over the
measured length of a whole import, and is checked at the moment of the kill (nothing merged,
or everything: the merge is one transaction; only images may have reached the archive), then
the import runs again to its end and everything is checked. The delays come from a seeded RNG:
``BALLOTDESK_KILL_SEED=<seed>`` repeats them.
"""

from __future__ import annotations

import hashlib
import os
import signal
import subprocess
import sys
import time
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from sqlalchemy import func, select

from desktop.core.accounts import service as accounts
from desktop.core.audit.log import AuditLog
from desktop.core.demo import create_demo
from desktop.core.services import Services
from desktop.core.store.db import Database
from desktop.core.store.models import AuditEntry, PackageImport, Sheet
from tests.ballot_files import BRANDS, STAFF, WINDOWS, fill_in, print_and_rasterize, save_scans
from tests.conftest import ORGANISER, PASSWORD
from tests.kill_runs import ROOT, SEED_ENV_VAR, Copies, environment, seeded
from tests.station_files import STATION_NAME, make_station, votes_of

pytestmark = pytest.mark.slow

#: Killed-then-resumed imports per backend.
RUNS = {"sqlite": 20, "postgresql": 6}
RUN_TIMEOUT = 120
#: Runs timed before the kills.
REFERENCE_RUNS = 3
#: The earliest kill, as a share of the start-up time (which varies from run to run).
EARLIEST_KILL = 0.6
#: How often the archive folder is looked at for the import's first image.
POLL_SECONDS = 0.002
#: What four voters ticked (no overvote: every category counts).
FOUR_VOTES = [
    {WINDOWS: ["01", "02"], STAFF: ["05", "40"], BRANDS: ["10"]},
    {WINDOWS: ["02"], STAFF: ["05"], BRANDS: []},
    {WINDOWS: ["04"], STAFF: ["01", "44"], BRANDS: ["01", "02"]},
    {WINDOWS: [], STAFF: [], BRANDS: ["10"]},
]
PAGES = 2 * len(FOUR_VOTES)


@dataclass
class Prepared:
    copies: Copies
    package: Path
    campaign_id: int
    expected: dict[str, dict[str, int]]
    full_run_seconds: float = 0.0
    #: A command that opens the database, signs in and does nothing: before this, no kill
    #: can land inside the import.
    startup_seconds: float = 0.0
    #: From the first image written to the report printed after the commit (the rest of the
    #: copying and the merge; the process's exit after it is not part of the import).
    merge_seconds: float = 0.0


def prepare(url: str, folder: Path) -> tuple[Path, int, dict[str, dict[str, int]]]:
    """The organiser prints; a station copied from its database scans and exports; the
    organiser registers the station."""
    services = Services.open(url, ORGANISER)
    try:
        accounts.setup(services.db, ORGANISER.name, PASSWORD)
        demo = create_demo(services)
        box = services.boxes.add_box(demo.id, "东湖社区服务中心 1号箱")
        _batch, layout, ballots = print_and_rasterize(services, demo.id, box.id,
                                                      len(FOUR_VOTES), folder)
        station = make_station(services, folder / "station")
        scans = [path for n, (pages, votes) in enumerate(zip(ballots, FOUR_VOTES, strict=True))
                 for path in save_scans(fill_in(layout, pages, votes), folder / "scans", f"b{n}")]
        station.scan(scans)
        package = station.stations.export_package(demo.id, folder / "package.zip").path
        key = station.stations.current()
        assert key is not None
        services.stations.register(STATION_NAME, key.fingerprint_text)
        expected = votes_of(station.db, demo.id)
        station.db.dispose()
    finally:
        services.db.dispose()
    hand = {category: dict(Counter(n for v in FOUR_VOTES for n in v[category]))
            for category in (WINDOWS, STAFF, BRANDS)}
    assert expected == hand
    return package, demo.id, expected


def command(url: str, *args: str) -> list[str]:
    return [sys.executable, "-m", "desktop.cli", "--db", url, "station", *args]


def run(url: str, folder: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(command(url, *args), cwd=ROOT, env=environment(folder),
                          capture_output=True, text=True, encoding="utf-8", check=False,
                          timeout=RUN_TIMEOUT)


@pytest.fixture(scope="module", params=["sqlite", "postgresql"])
def prepared(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory,
             ) -> Iterator[Prepared]:
    folder = tmp_path_factory.mktemp(f"station-kill-{request.param}")
    copies = Copies.make(request, folder)
    package, campaign_id, expected = prepare(copies.url, folder)
    ready = Prepared(copies, package, campaign_id, expected)
    # The shortest of a few runs each: the first run of a command is slower (caches).
    startups, imports, merges = [], [], []
    for attempt in range(REFERENCE_RUNS):
        url, run_folder = copies.fresh(f"reference{attempt}")
        started = time.monotonic()
        listed = run(url, run_folder, "imports")
        startups.append(time.monotonic() - started)
        assert listed.returncode == 0, listed.stderr
        process = start_import(url, run_folder, package, report=True)
        started = time.monotonic()
        assert wait_for_first_image(process, run_folder)
        first = time.monotonic()
        assert process.stdout is not None
        assert process.stdout.readline(), "the import printed no report"
        merges.append(time.monotonic() - first)
        process.stdout.read()
        assert process.wait(timeout=RUN_TIMEOUT) == 0
        imports.append(time.monotonic() - started)
        check(ready, url, run_folder, "reference run")
    ready.startup_seconds, ready.full_run_seconds = min(startups), min(imports)
    ready.merge_seconds = min(merges)
    yield ready
    copies.retire()


def start_import(url: str, folder: Path, package: Path,
                 report: bool = False) -> subprocess.Popen[bytes]:
    """The import in a process group of its own; ``report``: its stdout unbuffered on a pipe,
    so that the report's first line arrives at the commit, not at the exit."""
    return subprocess.Popen(command(url, "import", str(package)), cwd=ROOT,
                            env={**environment(folder), "PYTHONUNBUFFERED": "1"},
                            stdout=subprocess.PIPE if report else subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL, start_new_session=True)


def has_images(folder: Path) -> bool:
    archive = folder / "archive"
    return archive.exists() and any(path.is_file() for path in archive.rglob("*"))


def wait_for_first_image(process: subprocess.Popen[bytes], folder: Path) -> bool:
    """Until the import writes its first image (its checks are done): True; False when the
    process ended first."""
    while not has_images(folder):
        if process.poll() is not None:
            return has_images(folder)
        time.sleep(POLL_SECONDS)
    return True


def import_killed(url: str, folder: Path, package: Path, delay: float,
                  after_first_image: bool) -> None:
    """Kill the import ``delay`` seconds after its start, or after its first image."""
    process = start_import(url, folder, package)
    if after_first_image:
        wait_for_first_image(process, folder)
    try:
        process.wait(timeout=delay)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
    process.wait(timeout=RUN_TIMEOUT)


def check(ready: Prepared, url: str, folder: Path, context: str) -> bool:
    """Nothing merged, or everything exactly once: True when the package is in."""
    db = Database(url)
    try:
        with db.transaction() as s:
            sheets = s.scalars(select(Sheet)).all()
            imports = s.scalar(select(func.count()).select_from(PackageImport))
            audited = s.scalar(select(func.count()).select_from(AuditEntry)
                               .where(AuditEntry.action == "package.sheet"))
        verification = AuditLog(db).verify()
        assert verification.ok, f"{context}: {verification.summary().text('en')}"
        assert imports in (0, 1), context
        if not imports:
            assert (sheets, audited) == ([], 0), f"{context}: half an import"
            return False
        assert len(sheets) == PAGES == audited, context
        assert len({sheet.image_key for sheet in sheets}) == PAGES, context
        counted = Counter((sheet.serial, sheet.page) for sheet in sheets if sheet.counted_key)
        assert sorted(counted) == [(serial, page) for serial in range(1, len(FOUR_VOTES) + 1)
                                   for page in (1, 2)], f"{context}: a page lost"
        assert set(counted.values()) == {1}, f"{context}: a page counted twice"
        for sheet in sheets:
            image = folder / "archive" / sheet.archive_path
            assert hashlib.sha256(image.read_bytes()).hexdigest() == sheet.image_sha256, context
        assert votes_of(db, ready.campaign_id) == ready.expected, context
        return True
    finally:
        db.dispose()


def test_an_import_killed_at_random_moments_loses_and_doubles_nothing(
    prepared: Prepared,
) -> None:
    seed, rng = seeded()
    backend = prepared.copies.backend
    runs = RUNS[backend]
    merged_at_kill, inside = [], 0
    for number in range(runs):
        # Every other run is timed from the first image copied (the checks passed), so that
        # kills land in the copying and the merge, not only in starting Python. The first of
        # them kills as soon as that image is seen: on a loaded machine the random ones can
        # all come after a commit that was quicker than measured.
        after_first_image = number % 2 == 1
        if after_first_image:
            delay = 0.0 if number == 1 else rng.uniform(0, prepared.merge_seconds)
        else:
            delay = rng.uniform(prepared.startup_seconds * EARLIEST_KILL,
                                prepared.full_run_seconds)
        context = (f"{backend} run {number + 1}/{runs}, killed after {delay:.2f} s "
                   f"{'after the first image' if after_first_image else ''} "
                   f"({SEED_ENV_VAR}={seed})")
        url, folder = prepared.copies.fresh(f"run{number:02d}")
        import_killed(url, folder, prepared.package, delay, after_first_image)
        merged_at_kill.append(check(prepared, url, folder, context + ", at the kill"))
        inside += has_images(folder) and not merged_at_kill[-1]
        again = run(url, folder, "import", str(prepared.package))
        assert again.returncode == 0, f"{context}: {again.stderr}"
        assert "Traceback" not in again.stderr, context
        assert check(prepared, url, folder, context + ", run again")
    print(f"{backend}: merged when killed {merged_at_kill}, {inside} killed inside "
          f"the import (import {prepared.full_run_seconds:.2f} s, start-up "
          f"{prepared.startup_seconds:.2f} s, from the first image "
          f"{prepared.merge_seconds:.2f} s; seed {seed})")
    assert inside, f"no kill landed between the first image and the commit (seed {seed})"
