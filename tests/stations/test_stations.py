"""Offline counting stations: a station scans into its own SQLite copy of the organiser's
database, exports a signed package, and the organiser verifies and merges it, idempotently,
listing conflicts; a tampered, truncated, unsigned or foreign package is refused whole."""

from __future__ import annotations

import base64
import json
import logging
import zipfile
from pathlib import Path

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from sqlalchemy import select

from ballotformat import Layout
from ballotformat.messages import RuleError
from desktop.core.accounts.actors import Actor
from desktop.core.audit.log import AuditFilter, AuditLog
from desktop.core.enums import Role, SerialState
from desktop.core.printing.boxes import BoxInfo
from desktop.core.records.recording import Recorder
from desktop.core.records.review import Decision, Review
from desktop.core.records.scanjob import scan_paths
from desktop.core.registry.service import CampaignInfo
from desktop.core.services import Services
from desktop.core.stations.service import grouped, parse_key, qr_code
from desktop.core.store.models import Campaign, Sheet, Station
from scanning.reasons import Reason
from scanning.sources import Image
from tests.ballot_files import (
    BRANDS,
    STAFF,
    VOTES,
    WINDOWS,
    fill_in,
    print_and_rasterize,
    save_scans,
)
from tests.conftest import ORGANISER
from tests.station_files import (
    STATION_ACTOR,
    STATION_NAME,
    StationSetup,
    make_station,
    rewrite_zip,
    state_of,
    votes_of,
)

pytestmark = pytest.mark.both_backends

#: VOTES' third ballot overvotes WINDOWS (11 of 10): the station's reviewer rejects that page,
#: which voids every category on it (STAFF spans both pages: its 44 is void too).
EXPECTED = {WINDOWS: {"01": 1, "02": 2, "03": 1}, STAFF: {"05": 2, "40": 1},
            BRANDS: {"10": 2, "11": 1}}


@pytest.fixture
def printed(services: Services, demo: CampaignInfo, box: BoxInfo, tmp_path: Path
            ) -> tuple[Layout, list[list[Image]]]:
    """Three ballots printed by the organiser, rasterized (pages per ballot)."""
    _batch, layout, pages = print_and_rasterize(services, demo.id, box.id, 3, tmp_path)
    return layout, pages


@pytest.fixture
def ballots(printed: tuple[Layout, list[list[Image]]], tmp_path: Path) -> list[list[Path]]:
    """The three ballots filled in as VOTES and scanned (pages per ballot)."""
    layout, pages = printed
    return [save_scans(fill_in(layout, ballot, votes), tmp_path / "scans", f"b{n}")
            for n, (ballot, votes) in enumerate(zip(pages, VOTES, strict=True), 1)]


@pytest.fixture
def station(services: Services, ballots: list[list[Path]], demo: CampaignInfo,
            tmp_path: Path) -> StationSetup:
    """The station: set up from the organiser's database, every ballot scanned and reviewed,
    serial 3 of another batch noted as spoiled."""
    setup = make_station(services, tmp_path / "station")
    setup.scan([path for ballot in ballots for path in ballot])
    review = Review(setup.db, STATION_ACTOR)
    (overvoted,) = review.queue(demo.id)
    review.decide(demo.id, overvoted.sheet_id, Decision.REJECT, reason="超过规定人数")
    return setup


@pytest.fixture
def package(station: StationSetup, demo: CampaignInfo, tmp_path: Path) -> Path:
    path = tmp_path / "东湖社区站.zip"
    info = station.stations.export_package(demo.id, path)
    assert (info.sheets, info.images) == (6, 6)
    return path


def register_station(services: Services, station: StationSetup, by: str = "fingerprint") -> None:
    key = station.stations.current()
    assert key is not None
    text = {"fingerprint": key.fingerprint_text, "qr": key.qr_text}[by]
    services.stations.register(STATION_NAME, text)


def test_the_station_key_as_text_and_qr_code(services: Services, tmp_path: Path) -> None:
    stations = services.stations
    assert stations.current() is None
    key = stations.identity("组织者机")
    assert stations.identity() == key, "made once"
    assert len(key.public_key) == 32
    assert key.fingerprint_text == grouped(key.fingerprint)
    assert key.fingerprint_text.count(" ") == 15
    assert key.qr_text.startswith("BALLOTDESK-STATION:1:组织者机:")
    qr_code(key.qr_text).save(str(tmp_path / "key.svg"))
    assert "<svg" in (tmp_path / "key.svg").read_text(encoding="utf-8")
    renamed = stations.identity("一号站")
    assert (renamed.name, renamed.public_key) == ("一号站", key.public_key)
    fresh = stations.identity(new=True)
    assert fresh.public_key != key.public_key and fresh.name == "一号站"

    by_qr, by_base64 = parse_key(key.qr_text), parse_key(
        base64.b64encode(key.public_key).decode())
    by_fingerprint = parse_key(key.fingerprint_text.upper())
    assert by_qr.public_key == by_base64.public_key == key.public_key
    assert by_qr.name == "组织者机"
    assert by_fingerprint.public_key is None
    assert by_qr.fingerprint == by_base64.fingerprint == by_fingerprint.fingerprint
    with pytest.raises(RuleError) as refused:
        parse_key("这不是密钥")
    assert refused.value.messages[0].code == "station_key_unreadable"

    registered = stations.register("", key.qr_text)  # the QR text names the station
    assert (registered.name, registered.has_key) == ("组织者机", True)
    with pytest.raises(RuleError) as taken:
        stations.register("别名", key.fingerprint_text)
    assert taken.value.messages[0].code == "station_key_taken"
    stations.register("二号站", fresh.fingerprint)
    revoked = stations.revoke("二号站")
    assert revoked.revoked_at is not None
    assert [(s.name, s.revoked_at is None) for s in stations.registered()] == [
        ("组织者机", True), ("二号站", False)]
    actions = [e.action for e in AuditLog(services.db).entries(AuditFilter())]
    assert actions == ["station_key.create", "station_key.rename", "station_key.create",
                       "station.register", "station.register", "station.revoke"]


def test_a_station_database_is_a_copy_without_this_installation_s_key(
    services: Services, demo: CampaignInfo, box: BoxInfo, tmp_path: Path,
) -> None:
    services.stations.identity("组织者")
    target = services.stations.station_database(tmp_path / "站.sqlite3", [box.id]).path
    copy = Services.open(f"sqlite:///{target}", STATION_ACTOR)
    try:
        assert copy.stations.current() is None, "the organiser's private key stays at home"
        assert [c.name for c in copy.registry.list_campaigns()] == [demo.name]
        with copy.db.transaction() as c:
            assert c.get_one(Campaign, demo.id).secret == b"", \
                "tests/stations/test_station_secrets.py"
        verification = AuditLog(copy.db).verify()
        assert verification.ok and verification.count == AuditLog(services.db).verify().count - 1
        assert copy.stations.identity("东湖社区站").name == "东湖社区站"
    finally:
        copy.db.dispose()


def test_roles_decide_who_exports_and_who_imports(services: Services, tmp_path: Path) -> None:
    observer = Services.for_database(services.db, Actor("观察员甲", Role.OBSERVER))
    with pytest.raises(RuleError):
        observer.stations.identity("观察站")
    counting = Services.for_database(services.db, Actor("计票员乙", Role.COUNTING))
    key = counting.stations.identity("计票站")
    with pytest.raises(RuleError):
        counting.stations.register("计票站", key.qr_text)
    with pytest.raises(RuleError):
        counting.stations.import_package(tmp_path / "any.zip")


def test_a_package_carries_the_station_s_ballots_to_the_organiser(
    services: Services, demo: CampaignInfo, station: StationSetup, package: Path,
    tmp_path: Path, caplog: pytest.LogCaptureFixture,
) -> None:
    assert votes_of(station.db, demo.id) == EXPECTED
    register_station(services, station)  # by fingerprint only: the key comes with the package
    before = state_of(services.db)
    with caplog.at_level(logging.INFO, logger="desktop.core.stations"):
        report = services.stations.import_package(package)
    assert caplog.messages == [
        f"station package {report.package_id} from {STATION_NAME}: 6 sheets new, 0 same, "
        "0 conflicts, 0 notes new, 6 images"]
    assert not report.already_imported
    assert (report.new, report.same, report.conflicts, report.images) == (6, 0, (), 6)
    assert votes_of(services.db, demo.id) == EXPECTED
    after = state_of(services.db)
    assert after["sheet"] == before["sheet"] + 6
    assert after["counted"] == 6
    assert after["review_decision"] == 1
    with services.db.transaction() as s:
        assert s.scalar(select(Station.public_key)) == station.stations.current().public_key
        sheets = s.scalars(select(Sheet)).all()
        assert {sh.station for sh in sheets} == {STATION_NAME}
        assert {sh.recorded_by for sh in sheets} == {STATION_ACTOR.name}
        assert all((services.stations.archive / sh.archive_path).is_file() for sh in sheets)
    decisions = [e.after for e in AuditLog(services.db).entries(AuditFilter(action="package"))]
    assert len(decisions) == 7  # six sheets and the import
    (history,) = services.stations.imports(demo.id)
    assert (history.station, history.summary["new"]) == (STATION_NAME, 6)

    again = services.stations.import_package(package)
    assert again.already_imported
    assert again.summary().code == "package_already_imported"
    assert state_of(services.db) == after

    # A later package of the same station: what came before is "the same", nothing doubles.
    later = station.stations.export_package(demo.id, tmp_path / "later.zip",
                                            include_images=False)
    assert later.images == 0
    third = services.stations.import_package(later.path)
    assert (third.new, third.same, third.images) == (0, 6, 0)
    assert votes_of(services.db, demo.id) == EXPECTED
    assert state_of(services.db)["sheet"] == after["sheet"]


def test_a_station_s_ballots_of_a_round_closed_here_are_filed_and_never_counted(
    services: Services, demo: CampaignInfo, station: StationSetup, package: Path,
) -> None:
    """The station scanned round 1's ballots while it was open; the organiser closed the round
    before the package came: the merge files them as the scanner would (past_round), counts
    none, loses none, and the import's report lists each one."""
    register_station(services, station)
    first = services.rounds.list_rounds(demo.id)[0]
    services.rounds.close_round(first.id)
    before = state_of(services.db)

    report = services.stations.import_package(package)
    assert (report.new, report.same, report.conflicts) == (6, 0, ())
    assert sorted((p.serial, p.page) for p in report.past_round) == [
        (serial, page) for serial in (1, 2, 3) for page in (1, 2)]
    listed = report.conflict_messages()
    assert [m.code for m in listed] == ["sheet_past_round_now"] * 6, "the demo has round 2"
    assert "现为第 2 轮" in listed[0].text("zh_CN")
    assert "本页不计入第 2 轮，图像已存档" in listed[0].text("zh_CN")
    assert "this page is not counted in round 2; its image is filed" in listed[0].text("en")
    after = state_of(services.db)
    assert after["sheet"] == before["sheet"] + 6, "nothing lost"
    assert after["counted"] == before["counted"] == 0, "nothing counted"
    assert votes_of(services.db, demo.id) == {}
    with services.db.transaction() as s:
        filed = s.scalars(select(Sheet).where(Sheet.id.in_(
            [p.sheet_id for p in report.past_round]))).all()
        assert all(Reason.PAST_ROUND.value in sheet.reasons and sheet.status == "rejected"
                   and (services.stations.archive / sheet.archive_path).is_file()
                   for sheet in filed)
    (history,) = services.stations.imports(demo.id)
    assert len(history.summary["past_round"]) == 6
    assert services.stations.import_package(package).already_imported


def test_conflicts_are_listed_and_never_counted_twice(
    services: Services, demo: CampaignInfo, station: StationSetup,
    printed: tuple[Layout, list[list[Image]]], ballots: list[list[Path]], tmp_path: Path,
) -> None:
    """Before the package comes, the organiser counted ballot 2 from a rescan that reads the
    same, and ballot 1's first page from a copy with other ticks; it noted serial 3 unused,
    the station noted it spoiled."""
    layout, pages = printed
    recorder = Recorder(services.db, services.actor, station="组织者")
    rescan = save_scans(fill_in(layout, pages[1], VOTES[1]), tmp_path / "rescan", "b2",
                        quality=80)
    other = save_scans(fill_in(layout, pages[0], {WINDOWS: ["02"], STAFF: ["05", "40"],
                                                  BRANDS: ["10"]}), tmp_path / "other", "b1")
    list(scan_paths(recorder, [*rescan, other[0]], workers=1))
    services.boxes.note_serials(demo.id, [3], SerialState.UNUSED)
    station.services().boxes.note_serials(demo.id, [3], SerialState.SPOILED)
    register_station(services, station, by="qr")
    package = station.stations.export_package(demo.id, tmp_path / "again.zip").path
    before = state_of(services.db)

    report = services.stations.import_package(package)
    assert report.same == 2, "ballot 2 reads the same here: not added"
    assert report.new == 4
    (conflict,) = report.conflicts
    assert (conflict.serial, conflict.page) == (1, 1)
    assert {(d.category, d.candidate, d.here, d.package) for d in conflict.differences} == {
        (WINDOWS, "01", "empty", "marked"), (WINDOWS, "03", "empty", "marked")}
    assert conflict.counted_station == "组织者"
    text = conflict.message().text("zh_CN")
    assert "票号 1 第 1 页" in text and "组织者" in text and f"{WINDOWS} 01" in text
    assert "Serial 1 page 1" in conflict.message().text("en")
    (note,) = report.note_conflicts
    assert (note.serial, note.here, note.package) == (3, "unused", "spoiled")
    assert "“Unused” here and “Spoiled” at the station" in note.message().text("en")
    assert "本机登记为“未发放”，计票站登记为“作废”" in note.message().text("zh_CN")
    after = state_of(services.db)
    assert after["sheet"] == before["sheet"] + 4
    assert after["counted"] == before["counted"] + 3, "the conflicting page does not count"
    assert after["serial_note"] == before["serial_note"]
    with services.db.transaction() as s:
        duplicate = s.get_one(Sheet, conflict.sheet_id)
        assert duplicate.counted_key is None
        assert Reason.DUPLICATE.value in duplicate.reasons
    queue = Review(services.db, services.actor).queue(demo.id)
    assert conflict.sheet_id in [state.sheet_id for state in queue], "a person decides"
    windows = votes_of(services.db, demo.id)[WINDOWS]
    assert windows == {"02": 2}, "ballot 1 page 1 counts as the organiser read it"
    assert services.stations.import_package(package).already_imported
    assert state_of(services.db) == after


def test_every_broken_or_foreign_package_is_refused_whole(
    services: Services, demo: CampaignInfo, station: StationSetup, package: Path,
    tmp_path: Path,
) -> None:
    register_station(services, station)
    with zipfile.ZipFile(package) as zf:
        manifest, sheets = zf.read("manifest.json"), zf.read("sheets.json")
    data = json.loads(manifest)
    data["exported_by"] = "别人"
    forged = Ed25519PrivateKey.generate().sign(manifest)
    station_organiser = Services.for_database(station.db, ORGANISER)
    other = station_organiser.registry.create_campaign("另一次评选")
    whole = package.read_bytes()
    (tmp_path / "cut.zip").write_bytes(whole[:len(whole) * 2 // 3])
    (tmp_path / "notes.zip").write_text("选票统计表", encoding="utf-8")
    extra = rewrite_zip(package, tmp_path / "x.zip", {})
    with zipfile.ZipFile(extra, "a") as zf:
        zf.writestr(f"images/{'ab' * 32}.jpg", b"not listed")  # named as images are
    before = state_of(services.db)
    archived = sorted(services.stations.archive.rglob("*"))

    def refused(path: Path, code: str) -> None:
        with pytest.raises(RuleError) as refusal:
            services.stations.import_package(path)
        (message,) = refusal.value.messages
        assert message.code == code, path.name
        assert message.text("zh_CN") and message.text("en")
        assert state_of(services.db) == before, path.name
        assert sorted(services.stations.archive.rglob("*")) == archived

    refused(rewrite_zip(package, tmp_path / "t.zip", {
        "sheets.json": sheets.replace(b'"marked"', b'"empty"', 1)}), "package_file_changed")
    refused(rewrite_zip(package, tmp_path / "m.zip", {
        "manifest.json": json.dumps(data, ensure_ascii=False).encode()}), "package_bad_signature")
    refused(rewrite_zip(package, tmp_path / "w.zip", {"manifest.sig": forged}),
            "package_bad_signature")
    refused(rewrite_zip(package, tmp_path / "u.zip", {"manifest.sig": None}),
            "package_unsigned")
    refused(rewrite_zip(package, tmp_path / "n.zip", {"manifest.json": None}),
            "package_no_manifest")
    refused(extra, "package_file_unlisted")
    refused(tmp_path / "cut.zip", "package_not_zip")
    refused(tmp_path / "notes.zip", "package_not_zip")
    refused(station.stations.export_package(other.id, tmp_path / "other.zip").path,
            "package_campaign_unknown")
    station.stations.identity(new=True)
    unknown = station.stations.export_package(demo.id, tmp_path / "unknown.zip").path
    refused(unknown, "package_station_unknown")
    new_key = station.stations.current()
    assert new_key is not None
    services.stations.register("被撤销的站", new_key.qr_text)
    services.stations.revoke("被撤销的站")
    before = state_of(services.db)
    refused(unknown, "package_station_revoked")
    # The untouched package still goes in.
    assert services.stations.import_package(package).new == 6
