"""A counting station for the tests: a SQLite copy of the organiser's database (how stations
are set up: Stations.station_database), its own archive and key, real ballots scanned there."""

from __future__ import annotations

import zipfile
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import func, select

from desktop.core.accounts.actors import Actor
from desktop.core.audit.log import AuditLog
from desktop.core.enums import Role
from desktop.core.records.recording import Recorder
from desktop.core.records.scanjob import scan_paths
from desktop.core.results.tally import paper_tally
from desktop.core.services import Services
from desktop.core.stations.service import Stations
from desktop.core.store.db import Database
from desktop.core.store.models import BallotBox, Base, Sheet

#: Who scans at the station (a counting-team account copied from the organiser's database).
STATION_ACTOR = Actor("计票员", Role.COUNTING)
STATION_NAME = "东湖社区站"


@dataclass
class StationSetup:
    db: Database
    archive: Path
    stations: Stations

    def scan(self, paths: list[Path]) -> None:
        recorder = Recorder(self.db, STATION_ACTOR, station=STATION_NAME, archive=self.archive)
        list(scan_paths(recorder, paths, workers=1))

    def services(self) -> Services:
        return Services.for_database(self.db, STATION_ACTOR)


def make_station(organiser: Services, folder: Path,
                 box_ids: list[int] | None = None) -> StationSetup:
    """A station counting ``box_ids`` (default: every box of the organiser's database)."""
    folder.mkdir(parents=True, exist_ok=True)
    if box_ids is None:
        with organiser.db.transaction() as s:
            box_ids = list(s.scalars(select(BallotBox.id)))
    organiser.stations.station_database(folder / "station.sqlite3", box_ids)
    db = Database.open(f"sqlite:///{folder / 'station.sqlite3'}")
    archive = folder / "station-archive"
    stations = Stations(db, STATION_ACTOR, archive=archive)
    stations.identity(STATION_NAME, new=True)
    return StationSetup(db, archive, stations)


def votes_of(services_db: Database, campaign_id: int) -> dict[str, dict[str, int]]:
    """Votes per category and candidate (zeros left out)."""
    result = paper_tally(services_db, campaign_id)
    return {name: {k: v for k, v in count.votes.items() if v}
            for name, count in result.categories.items()}


def state_of(db: Database) -> dict[str, int]:
    """Row counts of everything an import may write, and the audit chain's length."""
    counts = {}
    with db.transaction() as s:
        for table in ("sheet", "mark_targets", "review_decision", "serial_note",
                      "package_import", "station"):
            counts[table] = s.scalar(select(func.count()).select_from(
                Base.metadata.tables[table])) or 0
        counts["counted"] = s.scalar(select(func.count()).select_from(Sheet)
                                     .where(Sheet.counted_key.is_not(None))) or 0
    verification = AuditLog(db).verify()
    assert verification.ok
    counts["audit"] = verification.count
    return counts


def rewrite_zip(source: Path, target: Path, changes: Mapping[str, bytes | None]) -> Path:
    """A copy of a zip with members replaced (bytes) or left out (None)."""
    with zipfile.ZipFile(source) as old, zipfile.ZipFile(target, "w") as new:
        for item in old.infolist():
            if item.filename in changes:
                data = changes[item.filename]
                if data is not None:
                    new.writestr(item.filename, data)
            else:
                new.writestr(item, old.read(item.filename))
    return target
