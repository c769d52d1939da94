"""Several counting stations on one database at once: every sheet counts exactly once.

The safety comes from the database, not from the stations talking to each other:
``Sheet.image_key`` and ``Sheet.counted_key`` are unique, so of two stations storing the same
image, or two copies of the same ballot page, at the same moment one transaction fails; its
retry then finds the other's row ("recorded before" / a duplicate for review). Serial ranges
are unique per campaign in the same way. These tests make the stations race for real:

* four ``ballotdesk scan`` processes, started together behind a file flag, on overlapping
  sets of the same scanned sheets (identical files, and a separate rescan of one ballot per
  station);
* two ``ballotdesk ballots print`` processes at the same moment;
* two stations in one process whose transactions are held at a barrier right before they
  write, so both have seen "nothing counted yet" when they insert (the retry path, forced);
  the same for two clean rescans of a page whose marks were not read, both having seen the
  unread sheet they may replace.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import threading
import time
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import cv2
import pytest
from sqlalchemy import event, func, select
from sqlalchemy.orm import Session

from ballotformat import decode_payload
from desktop.core.printing.boxes import BoxInfo
from desktop.core.printing.service import key_lookup
from desktop.core.records.recording import Recorder
from desktop.core.records.scanjob import scan_paths
from desktop.core.registry.service import CampaignInfo
from desktop.core.results.tally import paper_tally
from desktop.core.services import Services
from desktop.core.store.db import Database
from desktop.core.store.models import AuditEntry, ReviewDecision, Sheet
from scanning.reasons import Reason
from tests.ballot_files import (
    BRANDS,
    STAFF,
    WINDOWS,
    UnreadBallot,
    fill_in,
    print_and_rasterize,
    save_scans,
)
from tests.conftest import ORGANISER, Cli
from tests.postgres import PostgresServer
from tests.printing.test_printing import qr_payloads

pytestmark = [pytest.mark.both_backends, pytest.mark.slow]

ROOT = Path(__file__).resolve().parents[2]
STATION_TIMEOUT = 300

#: What six voters ticked (ballot 5 is blank).
SIX_VOTES = [
    {WINDOWS: ["01", "02", "03"], STAFF: ["05", "40"], BRANDS: ["10"]},
    {WINDOWS: ["02"], STAFF: ["05"], BRANDS: []},
    {WINDOWS: ["04", "05"], STAFF: ["01", "44"], BRANDS: ["01", "02"]},
    {WINDOWS: ["02", "06"], STAFF: ["40"], BRANDS: ["10"]},
    {WINDOWS: [], STAFF: [], BRANDS: []},
    {WINDOWS: ["01"], STAFF: ["05", "06", "07"], BRANDS: ["03"]},
]
#: The tally of SIX_VOTES, counted by hand.
EXPECTED_VOTES = {
    WINDOWS: {"01": 2, "02": 3, "03": 1, "04": 1, "05": 1, "06": 1},
    STAFF: {"05": 3, "40": 2, "01": 1, "44": 1, "06": 1, "07": 1},
    BRANDS: {"10": 2, "01": 1, "02": 1, "03": 1},
}
#: Ballots (1-based) each station is given as the same files; every station also scans its
#: own rescan of ballot 1. Ballot 6 goes to all four, every ballot to at least one.
STATION_BALLOTS = {"S1": [2, 3, 5, 6], "S2": [2, 4, 6], "S3": [3, 4, 5, 6], "S4": [2, 3, 6]}

#: Runs in each station process: import everything first, say so, wait for the start flag,
#: then run ``ballotdesk`` with the remaining arguments.
LAUNCHER = """
import sys, time
from pathlib import Path
import desktop.cli, desktop.core.records.scanjob, desktop.core.printing.service, scanning.batch
ready, start = Path(sys.argv[1]), Path(sys.argv[2])
ready.touch()
deadline = time.monotonic() + 120
while not start.exists() and time.monotonic() < deadline:
    time.sleep(0.002)
sys.exit(desktop.cli.main(sys.argv[3:]))
"""


def run_together(commands: dict[str, list[str]], folder: Path, archive: Path,
                 ) -> dict[str, subprocess.CompletedProcess[str]]:
    """Start one process per command, release them at the same instant, wait for all."""
    folder.mkdir(parents=True, exist_ok=True)
    start = folder / "start"
    env = {**os.environ, "BALLOTDESK_ARCHIVE": str(archive), "PYTHONPATH": str(ROOT)}
    running = {}
    for name, args in commands.items():
        running[name] = subprocess.Popen(
            [sys.executable, "-c", LAUNCHER, str(folder / f"{name}.ready"), str(start), *args],
            cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
            encoding="utf-8")
    deadline = time.monotonic() + 120
    while not all((folder / f"{name}.ready").exists() for name in commands):
        assert time.monotonic() < deadline, "the station processes did not start"
        assert all(p.poll() is None for p in running.values()), \
            {n: p.communicate() for n, p in running.items() if p.poll() is not None}
        time.sleep(0.01)
    start.touch()
    done = {}
    for name, process in running.items():
        out, err = process.communicate(timeout=STATION_TIMEOUT)
        done[name] = subprocess.CompletedProcess(process.args, process.returncode, out, err)
    return done


def assert_clean(done: dict[str, subprocess.CompletedProcess[str]]) -> None:
    for name, process in done.items():
        assert process.returncode == 0, f"{name}: {process.stderr}"
        for word in ("Traceback", "IntegrityError", "OperationalError", "SerializationFailure",
                     "deadlock"):
            assert word not in process.stderr, f"{name}: {process.stderr}"


@pytest.fixture
def six_ballots(services: Services, demo: CampaignInfo, box: BoxInfo, tmp_path: Path,
                ) -> dict[str, list[Path]]:
    """Each station's files: shared scans of its ballots, its own rescan of ballot 1 first."""
    _batch, layout, ballots = print_and_rasterize(services, demo.id, box.id, 6, tmp_path)
    filled = [fill_in(layout, pages, votes) for pages, votes in zip(ballots, SIX_VOTES,
                                                                      strict=True)]
    shared = [save_scans(pages, tmp_path / "shared", f"b{n}") for n, pages in
              enumerate(filled, 1)]
    files = {}
    for number, (station, given) in enumerate(STATION_BALLOTS.items()):
        own = save_scans(filled[0], tmp_path / station, "rescan-b1", quality=85 - number)
        files[station] = own + [path for b in given for path in shared[b - 1]]
    return files


def test_four_stations_scanning_the_same_sheets_count_each_once(
    services: Services, db_url: str, demo: CampaignInfo, six_ballots: dict[str, list[Path]],
    tmp_path: Path, cli: Cli,  # cli: the organiser account, signed in through the environment
) -> None:
    services.db.dispose()  # the organiser's session is not holding anything
    done = run_together({station: ["--db", db_url, "--json", "scan", "--station", station,
                                   "--workers", "1", *map(str, files)]
                         for station, files in six_ballots.items()},
                        tmp_path / "flags", tmp_path / "archive")
    assert_clean(done)
    outcomes = {station: json.loads(process.stdout) for station, process in done.items()}
    for station, files in six_ballots.items():
        assert [o["file"] for o in outcomes[station]] == list(map(str, files))
    every = [o for station_outcomes in outcomes.values() for o in station_outcomes]
    verdicts = Counter("counted" if o["recorded"] else o["reason"] for o in every)
    shared_pages = sum(2 * len(given) for given in STATION_BALLOTS.values())
    assert verdicts == {
        "counted": 12,  # 6 ballots x 2 pages, each counted once, by whichever station was first
        "duplicate_sheet": 6,  # the three later rescans of ballot 1, both pages
        "already_recorded": shared_pages - 10,  # identical files stored by another station
    }
    assert all(o["status"] == "accepted" for o in every if o["recorded"])

    with services.db.transaction() as s:
        counted = s.execute(select(Sheet.serial, Sheet.page, Sheet.station)
                            .where(Sheet.counted_key.is_not(None))).all()
        stored = s.scalar(select(func.count()).select_from(Sheet))
        duplicates = s.scalars(select(Sheet).where(Sheet.counted_key.is_(None))).all()
        recorded_audit = s.scalar(select(func.count()).select_from(AuditEntry)
                                  .where(AuditEntry.action == "sheet.record"))
    assert sorted((serial, page) for serial, page, _ in counted) == [
        (serial, page) for serial in range(1, 7) for page in (1, 2)]
    assert stored == 12 + 6 == recorded_audit
    assert all(Reason.DUPLICATE.value in d.reasons and d.serial == 1 for d in duplicates)
    assert len({station for _, _, station in counted}) > 1, "the work was shared"

    tally = paper_tally(services.db, demo.id)
    assert tally.ballots == 6
    assert tally.blank_ballots == 1
    for category, expected in EXPECTED_VOTES.items():
        count = tally.categories[category]
        assert {n: v for n, v in count.votes.items() if v} == expected
        assert (count.valid, count.void, count.pending) == (6, 0, 0)
    assert tally.categories[BRANDS].blank == 2


def test_two_stations_printing_at_once_get_disjoint_serials(
    services: Services, db_url: str, demo: CampaignInfo, box: BoxInfo, tmp_path: Path, cli: Cli,
) -> None:
    other = services.boxes.add_box(demo.id, "西山镇文化站 1号箱")
    services.db.dispose()
    out = {"P1": tmp_path / "p1.pdf", "P2": tmp_path / "p2.pdf"}
    boxes = {"P1": box.name, "P2": other.name}
    done = run_together({name: ["--db", db_url, "--json", "ballots", "print", "--box",
                                boxes[name], "--count", str(count), "--out", str(out[name])]
                         for name, count in (("P1", 3), ("P2", 4))},
                        tmp_path / "flags", tmp_path / "archive")
    assert_clean(done)
    batches = services.boxes.batches(demo.id)
    ranges = sorted((b.first_serial, b.last_serial) for b in batches)
    assert len(ranges) == 2
    (first_a, last_a), (first_b, last_b) = ranges
    assert first_a == 1
    assert first_b == last_a + 1, "disjoint and without a gap"
    assert {last_a - first_a + 1, last_b - first_b + 1} == {3, 4}
    lookup = key_lookup(services.db)
    for name, pdf in out.items():  # the PDF of the batch that had to retry was printed again
        (batch,) = (b for b in batches if b.box == boxes[name])
        printed = {decode_payload(text, lookup).serial for text in qr_payloads(pdf)}
        assert printed == set(range(batch.first_serial, batch.last_serial + 1))


# -- the retry path, forced: two stations held right before they write ----------------------
@pytest.fixture
def store_attempts(monkeypatch: pytest.MonkeyPatch) -> Counter[str]:
    """How many times each station ran ``Recorder._store`` (more than once: it retried)."""
    attempts: Counter[str] = Counter()
    original = Recorder._store

    def counted(self: Recorder, *args: Any) -> Any:
        attempts[self.station] += 1
        return original(self, *args)

    monkeypatch.setattr(Recorder, "_store", counted)
    return attempts


@pytest.fixture
def held_at_first_write(store_attempts: Counter[str]) -> Iterator[Counter[str]]:
    """Every thread's first flush waits until two threads got there: both have read "nothing
    recorded yet" before either writes. Yields the store attempts per station."""
    barrier = threading.Barrier(2, timeout=30)
    waited: set[int] = set()

    def hold(session: Session, _context: Any, _instances: Any) -> None:
        me = threading.get_ident()
        if me not in waited and threading.current_thread() is not threading.main_thread():
            waited.add(me)
            barrier.wait()

    event.listen(Session, "before_flush", hold)
    yield store_attempts
    event.remove(Session, "before_flush", hold)


def race(db_url: str, files: list[Path]) -> list[Any]:
    """Two stations (own engines, own threads) each scanning one file at the same moment."""
    results: list[Any] = [None, None]

    def station(index: int) -> None:
        database = Database(db_url)
        try:
            recorder = Recorder(database, ORGANISER, station=f"站点{index + 1}")
            results[index] = list(scan_paths(recorder, [files[index]], workers=1))
        except BaseException as exc:  # reported below, in the test's thread
            results[index] = exc
        finally:
            database.dispose()

    threads = [threading.Thread(target=station, args=(i,)) for i in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    for result in results:
        if isinstance(result, BaseException):
            raise result
    return [outcome for (outcome,) in results]


def test_two_copies_of_a_page_stored_at_the_same_moment_count_once(
    services: Services, db_url: str, demo: CampaignInfo, box: BoxInfo, tmp_path: Path,
    held_at_first_write: Counter[str],
) -> None:
    _batch, layout, ballots = print_and_rasterize(services, demo.id, box.id, 1, tmp_path)
    filled = fill_in(layout, ballots[0], SIX_VOTES[0])
    first = save_scans(filled[:1], tmp_path / "a", "scan", quality=90)[0]
    second = save_scans(filled[:1], tmp_path / "b", "copy", quality=80)[0]
    outcomes = race(db_url, [first, second])
    assert sorted(o.message.code for o in outcomes) == ["duplicate_sheet", "sheet_recorded"]
    assert sorted(held_at_first_write.values()) == [1, 2], "the later one failed and retried"
    assert sum(o.recorded for o in outcomes) == 1
    tally = paper_tally(services.db, demo.id)
    assert {n: v for n, v in tally.categories[WINDOWS].votes.items() if v} == {
        "01": 1, "02": 1, "03": 1}
    assert tally.categories[STAFF].pending == 1, "it spans page 2, which is not scanned yet"
    with services.db.transaction() as s:
        assert s.scalar(select(func.count()).select_from(Sheet)) == 2


def test_two_rescans_of_an_unread_page_at_the_same_moment_take_its_place_once(
    services: Services, db_url: str, demo: CampaignInfo, unread_ballot: UnreadBallot,
    tmp_path: Path, held_at_first_write: Counter[str],
) -> None:
    list(scan_paths(Recorder(services.db, ORGANISER), [unread_ballot.cut_page_1], workers=1))
    copy = tmp_path / "rescan-2.jpg"
    cv2.imwrite(str(copy), cv2.imread(str(unread_ballot.whole_page_1)),
                [cv2.IMWRITE_JPEG_QUALITY, 80])
    outcomes = race(db_url, [unread_ballot.whole_page_1, copy])
    assert sorted(o.message.code for o in outcomes) == ["duplicate_sheet",
                                                        "sheet_replaces_unread"]
    racing = [held_at_first_write[f"站点{n}"] for n in (1, 2)]
    assert sorted(racing) == [1, 2], "the later one failed and retried"
    with services.db.transaction() as s:
        assert s.scalar(select(func.count()).select_from(Sheet)
                        .where(Sheet.counted_key.is_not(None))) == 1
        assert s.scalar(select(func.count()).select_from(ReviewDecision)
                        .where(ReviewDecision.decision == "superseded")) == 1
    tally = paper_tally(services.db, demo.id)
    assert {n: v for n, v in tally.categories[WINDOWS].votes.items() if v} == {"01": 1, "03": 1}


def test_the_same_image_stored_at_the_same_moment_is_kept_once(
    services: Services, db_url: str, demo: CampaignInfo, box: BoxInfo, tmp_path: Path,
    held_at_first_write: Counter[str],
) -> None:
    _batch, layout, ballots = print_and_rasterize(services, demo.id, box.id, 1, tmp_path)
    (scan,) = save_scans(fill_in(layout, ballots[0], SIX_VOTES[1])[1:], tmp_path / "a", "s")
    outcomes = race(db_url, [scan, scan])
    assert sorted(o.message.code for o in outcomes) == ["already_recorded", "sheet_recorded"]
    assert sorted(held_at_first_write.values()) == [1, 2], "the later one failed and retried"
    assert outcomes[0].sheet_id == outcomes[1].sheet_id
    with services.db.transaction() as s:
        assert s.scalar(select(func.count()).select_from(Sheet)) == 1


@pytest.mark.postgresql_only
def test_an_organiser_server_running_serializable_transactions_is_safe_too(
    services: Services, db_url: str, demo: CampaignInfo, box: BoxInfo, tmp_path: Path,
    postgres_server: PostgresServer, held_at_first_write: Counter[str],
) -> None:
    """With ``default_transaction_isolation = serializable`` PostgreSQL reports the loser of
    the race as a serialization failure, not a unique violation: retried all the same."""
    name = db_url.rsplit("/", 1)[1]
    postgres_server.execute(
        f'ALTER DATABASE "{name}" SET default_transaction_isolation TO serializable')
    _batch, layout, ballots = print_and_rasterize(services, demo.id, box.id, 1, tmp_path)
    filled = fill_in(layout, ballots[0], SIX_VOTES[2])
    first = save_scans(filled[:1], tmp_path / "a", "scan", quality=90)[0]
    second = save_scans(filled[:1], tmp_path / "b", "copy", quality=80)[0]
    outcomes = race(db_url, [first, second])
    assert sorted(o.message.code for o in outcomes) == ["duplicate_sheet", "sheet_recorded"]
    assert sorted(held_at_first_write.values()) == [1, 2]
