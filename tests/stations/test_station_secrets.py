"""Least privilege for a station copy (issue 14, point 3): it holds the ballot keys of its own
boxes only, no campaign secret, no organiser's account, and is owner-only. The attack measured
in the issue — a countable ballot for another box's printed, not yet returned serial made with
what a station copy holds — is refused; ballots of the old format (signed with the campaign
secret) still count at the organiser's."""

from __future__ import annotations

import functools
import sqlite3
import stat
from contextlib import closing
from pathlib import Path

import pytest
from sqlalchemy import select, update

from ballotformat import box_key, encode_payload, pdf, render_batch
from ballotformat import payload as codec
from ballotformat.messages import RuleError
from desktop.core.accounts.service import Accounts
from desktop.core.enums import Role
from desktop.core.printing.boxes import BoxInfo
from desktop.core.records.recording import Recorder, counted_key_of
from desktop.core.records.scanjob import scan_paths
from desktop.core.registry.service import CampaignInfo
from desktop.core.services import Services
from desktop.core.store.models import Account, Sheet
from scanning.reasons import Reason, Status
from scanning.synthetic import rasterize_pdf
from tests.ballot_files import VOTES, fill_in, print_and_rasterize, save_scans
from tests.conftest import ORGANISER
from tests.station_files import STATION_NAME, make_station, state_of, votes_of

pytestmark = pytest.mark.both_backends

PASSWORD = "correct horse battery"


def _scan(services_db: object, paths: list[Path], station: str) -> list[object]:
    recorder = Recorder(services_db, ORGANISER, station=station)  # type: ignore[arg-type]
    return list(scan_paths(recorder, paths, workers=1))


def _forge(layout: object, serial: int, key: bytes, folder: Path, stem: str) -> list[Path]:
    """A ballot for ``serial`` signed with ``key``, filled in as VOTES[0] and scanned."""
    pdf = folder / f"{stem}.pdf"
    render_batch(layout, [serial], key, pdf)  # type: ignore[arg-type]
    return save_scans(fill_in(layout, rasterize_pdf(pdf), VOTES[0]),  # type: ignore[arg-type]
                      folder / stem, stem)


def test_a_station_copy_holds_its_boxes_keys_and_its_counters_only(
        services: Services, demo: CampaignInfo, box: BoxInfo, tmp_path: Path) -> None:
    other = services.boxes.add_box(demo.id, "西湖社区 2号箱")
    accounts = Accounts(services.db, ORGANISER)
    accounts.create("组织者甲", Role.ORGANISER, PASSWORD)
    accounts.create("计票员甲", Role.COUNTING, PASSWORD)
    accounts.create("计票员乙", Role.COUNTING, PASSWORD)
    accounts.create("观察员甲", Role.OBSERVER, PASSWORD)
    services.stations.identity("组织者的机器")
    secret = services.registry.campaign_secret(demo.id)
    target = tmp_path / "station" / "东湖站.sqlite3"
    target.parent.mkdir()

    copy = services.stations.station_database(target, [box.id])

    assert (copy.boxes, copy.accounts) == ((box.name,), ("计票员乙", "计票员甲"))
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    with closing(sqlite3.connect(target)) as raw:
        assert raw.execute("SELECT secret FROM campaign").fetchall() == [(b"",)]
        assert raw.execute("SELECT box_id, campaign_id, key FROM box_key").fetchall() == [
            (box.id, demo.id, box_key(secret, demo.id, box.id))]
        assert sorted(raw.execute("SELECT name, role FROM account").fetchall()) == [
            ("计票员乙", "counting"), ("计票员甲", "counting")]
        assert raw.execute("SELECT count(*) FROM station_identity").fetchone() == (0,)
        hashes = {h for (h,) in raw.execute("SELECT password_hash FROM account")}
    with services.db.transaction() as s:
        organiser_hash = s.scalar(select(Account.password_hash)
                                  .where(Account.name == "组织者甲"))
    assert organiser_hash is not None and organiser_hash not in hashes
    data = target.read_bytes()  # vacuumed: nothing left out survives in free pages
    assert secret not in data
    assert box_key(secret, demo.id, other.id) not in data
    assert organiser_hash.encode() not in data

    chosen = services.stations.station_database(target, [box.id, other.id], ["观察员甲"])
    assert chosen.accounts == ("观察员甲",) and len(chosen.boxes) == 2
    with pytest.raises(RuleError, match="组织者"):
        services.stations.station_database(target, [box.id], ["组织者甲"])
    with pytest.raises(RuleError, match="投票箱"):
        services.stations.station_database(target, [])
    station = Services.open(f"sqlite:///{target}", ORGANISER)
    try:
        with pytest.raises(RuleError, match="组织者处印制"):
            station.registry.campaign_secret(demo.id)
    finally:
        station.db.dispose()


def test_a_key_taken_from_a_station_copy_forges_nothing_for_another_box(
        services: Services, demo: CampaignInfo, box: BoxInfo, tmp_path: Path) -> None:
    other = services.boxes.add_box(demo.id, "西湖社区 2号箱")
    own_batch, layout, _ = print_and_rasterize(services, demo.id, box.id, 2, tmp_path)
    other_batch, _, other_pages = print_and_rasterize(services, demo.id, other.id, 1, tmp_path)
    station = make_station(services, tmp_path / "station", [box.id])
    assert station.db.sqlite_path is not None
    with closing(sqlite3.connect(station.db.sqlite_path)) as raw:
        ((held_box, stolen),) = raw.execute("SELECT box_id, key FROM box_key").fetchall()
    assert held_box == box.id

    # Box 2's serial is printed and not returned: a ballot for it made with box 1's key.
    forged = _forge(layout, other_batch.first_serial, stolen, tmp_path, "forged")
    for outcome in _scan(services.db, forged, "组织者"):
        assert outcome.result.status is Status.REJECTED  # type: ignore[attr-defined]
        assert outcome.result.reasons == (Reason.BAD_HMAC,)  # type: ignore[attr-defined]
        assert not outcome.recorded  # type: ignore[attr-defined]
    station.scan(forged)
    genuine_other = save_scans(fill_in(layout, other_pages[0], VOTES[1]), tmp_path / "g", "g")
    station.scan(genuine_other)  # a real ballot of box 2 cannot be checked at box 1's station
    assert votes_of(services.db, demo.id) == {}
    assert votes_of(station.db, demo.id) == {}
    with station.db.transaction() as s:
        reasons = [sheet.reasons for sheet in s.scalars(select(Sheet).order_by(Sheet.id))]
    assert reasons == [[Reason.KEY_NOT_HELD.value]] * (2 * layout.page_count)

    # For its own box the station's key makes countable ballots, as the printed ones are.
    own = _forge(layout, own_batch.first_serial, stolen, tmp_path, "own")
    outcomes = _scan(services.db, own, "组织者")
    assert all(o.recorded for o in outcomes)  # type: ignore[attr-defined]
    assert votes_of(services.db, demo.id) != {}


def test_old_format_ballots_count_at_the_organiser_and_are_refused_at_a_station(
        services: Services, demo: CampaignInfo, box: BoxInfo, tmp_path: Path,
        monkeypatch: pytest.MonkeyPatch) -> None:
    """A ballot printed before per-box keys carries format 1, signed with the campaign secret."""
    secret = services.registry.campaign_secret(demo.id)
    old_printer = functools.partial(_format_1, secret)
    monkeypatch.setattr(pdf, "encode_payload", old_printer)
    _batch, layout, pages = print_and_rasterize(services, demo.id, box.id, 1, tmp_path)
    monkeypatch.undo()
    scans = save_scans(fill_in(layout, pages[0], VOTES[0]), tmp_path / "old", "old")
    station = make_station(services, tmp_path / "station")
    station.scan(scans)
    assert votes_of(station.db, demo.id) == {}
    outcomes = _scan(services.db, scans, "组织者")
    assert all(o.recorded and o.result.qr_text[2] == "1"  # type: ignore[attr-defined]
               for o in outcomes)
    assert votes_of(services.db, demo.id) != {}


def _format_1(secret: bytes, campaign_id: int, layout_version: int, page: int, serial: int,
              _box_key: bytes) -> str:
    return encode_payload(campaign_id, layout_version, page, serial, secret,
                          format_version=codec.CAMPAIGN_KEY_FORMAT)


def test_a_station_package_cannot_carry_a_sheet_for_another_box(
        services: Services, demo: CampaignInfo, box: BoxInfo, tmp_path: Path) -> None:
    """An insider at box 1's station edits a counted sheet of its database into box 2's
    serial, signed with the key the copy holds; the station signs the package (its key vouches
    for the station, not for the ballots): the organiser refuses it whole."""
    other = services.boxes.add_box(demo.id, "西湖社区 2号箱")
    _batch, layout, pages = print_and_rasterize(services, demo.id, box.id, 1, tmp_path)
    other_batch, _, _ = print_and_rasterize(services, demo.id, other.id, 1, tmp_path)
    station = make_station(services, tmp_path / "station", [box.id])
    station.scan(save_scans(fill_in(layout, pages[0], VOTES[0]), tmp_path / "s", "s"))
    services.stations.register(STATION_NAME, station.stations.identity().qr_text)
    assert station.db.sqlite_path is not None
    with closing(sqlite3.connect(station.db.sqlite_path)) as raw:
        ((stolen,),) = raw.execute("SELECT key FROM box_key").fetchall()
    serial = other_batch.first_serial
    with station.db.transaction() as s:
        sheet = s.scalars(select(Sheet).where(Sheet.page == 1)).one()
        s.execute(update(Sheet).where(Sheet.id == sheet.id).values(
            serial=serial, counted_key=counted_key_of(demo.id, serial, 1),
            qr_text=encode_payload(demo.id, layout.layout_version, 1, serial, stolen)))
    package = tmp_path / "forged.zip"
    station.stations.export_package(demo.id, package)
    before = state_of(services.db)
    with pytest.raises(RuleError) as refused:
        services.stations.import_package(package)
    assert [m.code for m in refused.value.messages] == ["package_sheet_not_signed"]
    assert f"票号 {serial} 第 1 页" in refused.value.messages[0].text("zh_CN")
    assert state_of(services.db) == before
