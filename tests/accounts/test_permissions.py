"""Who may change what, checked in the service layer (not by hidden buttons).

Every changing service method is one row of :data:`CHANGES`, with the permission it needs.
Each role runs the whole table on a campaign of its own: the organiser may do everything, the
counting team may scan, review and send its sheets as a station package, the observer changes
nothing, and everybody may export and change their own password. A refused call changes nothing
at all: no statement reaches the database, no file is written (no PDF, no backup, no archived
image), the audit chain stays as it was. A call that is done is on the audit chain, in the
signed-in actor's name.

The second check, in ``audit.record``, stands on its own: with the early checks skipped (an
actor whose ``require`` lets everything through, as if a method had forgotten its check), a
refused change still leaves the database as it was.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import cv2
import numpy as np
import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat
from sqlalchemy import event, select

from ballotformat.messages import RuleError
from desktop.core.accounts import service as accounts
from desktop.core.accounts.actors import Actor, permission_for
from desktop.core.accounts.service import Accounts
from desktop.core.audit import entries as audit
from desktop.core.audit.export import export_log
from desktop.core.audit.log import AuditLog
from desktop.core.demo import create_demo
from desktop.core.enums import CandidateStatus, Permission, Role, SerialState
from desktop.core.online.service import OnlinePreview
from desktop.core.printing.boxes import BoxInfo
from desktop.core.printing.service import PrintOptions
from desktop.core.records.recording import Recorder, archive_root, read_context
from desktop.core.records.review import Decision, Review
from desktop.core.records.scanjob import scan_paths
from desktop.core.registry.importing import ImportPreview
from desktop.core.registry.rules import CandidateFields
from desktop.core.registry.service import CampaignInfo
from desktop.core.results.combine import CombinationRule
from desktop.core.results.cvr import CastVoteRecord
from desktop.core.results.types import NoticeSettings
from desktop.core.services import Services
from desktop.core.stations.service import key_text
from desktop.core.store.backups import backup, restore
from desktop.core.store.models import Base, Unit
from scanning.batch import read_task
from scanning.result import PageResult
from scanning.sources import AcquiredImage, read_paths
from tests.ballot_files import BRANDS, STAFF, WINDOWS, fill_in, print_and_rasterize, save_scans
from tests.conftest import ORGANISER, PASSWORD
from tests.online.test_online_common import write_csv

pytestmark = pytest.mark.both_backends

COUNTING = Actor("计票员", Role.COUNTING)
OBSERVER = Actor("观察员甲", Role.OBSERVER)
ACTORS = {Role.ORGANISER: ORGANISER, Role.COUNTING: COUNTING, Role.OBSERVER: OBSERVER}
#: What the issue says each role may change, written out here rather than read from
#: actors.ROLE_PERMISSIONS, so that a change there fails this test. Exports (files for others,
#: recorded in the audit log) are open to every role: reading needs no permission.
MAY = {
    Role.ORGANISER: set(Permission),
    # A counting team working offline sends its sheets to the organiser as a station package.
    Role.COUNTING: {Permission.SCAN, Permission.REVIEW, Permission.EXPORT_PACKAGE,
                    Permission.EXPORT},
    Role.OBSERVER: {Permission.EXPORT},
}
#: The account the accounts rows manage.
COLLEAGUE = "名单外的人"
#: Seals the secrets of the backups made here.
PASSPHRASE = "备份口令 for the permission tests"
NEW_OWN_PASSWORD = "我的新密码123456"


def new_station_key() -> str:
    """Another station's public key, as it would show it."""
    return key_text(Ed25519PrivateKey.generate().public_key().public_bytes(
        Encoding.Raw, PublicFormat.Raw))


def password_of(name: str) -> str:
    return PASSWORD if name == ORGANISER.name else f"{name}的密码123"


@dataclass
class World:
    """A campaign with a bit of everything, and the services of the actor under test."""

    services: Services
    campaign: CampaignInfo
    box: BoxInfo
    spare_box: BoxInfo
    spare_category: int
    spare_unit: int
    candidate: int
    windows: int
    scored: int
    sheet: int
    online_import: int
    reading: tuple[AcquiredImage, PageResult]
    registry_import: ImportPreview
    online_votes: OnlinePreview
    files: Path
    out: Path
    setup_backup: Path

    @property
    def actor(self) -> Actor:
        return self.services.actor

    @property
    def id(self) -> int:
        return self.campaign.id


def make_world(organiser: Services, actor: Actor, tmp_path: Path) -> World:
    """Built by the organiser; then handed to ``actor``."""
    db, files = organiser.db, tmp_path / "in"
    accounts.setup(db, ORGANISER.name, PASSWORD)
    manager = Accounts(db, ORGANISER)
    for other in (COUNTING, OBSERVER, Actor(COLLEAGUE, Role.OBSERVER)):
        manager.create(other.name, other.role, password_of(other.name))
    campaign = create_demo(organiser)
    registry, candidates = organiser.registry, organiser.candidates
    brands = registry.find_category(campaign.id, BRANDS)
    registry.update_category(brands.id, winners=2)
    spare_category = registry.add_category(campaign.id, "待删除奖项", winners=1)
    spare_unit = registry.add_unit(campaign.id, "待删除单位")
    registry.add_unit(campaign.id, "测试单位")
    candidate = candidates.add(campaign.id, CandidateFields("测试窗口", WINDOWS, "测试单位"))
    photo = files / "photo.jpg"
    files.mkdir()
    cv2.imwrite(str(photo), np.full((160, 120, 3), 200, np.uint8))
    candidates.set_photo(candidate.id, photo)

    box = organiser.boxes.add_box(campaign.id, "1号箱")
    spare_box = organiser.boxes.add_box(campaign.id, "备用箱")
    _batch, layout, ballots = print_and_rasterize(organiser, campaign.id, box.id, 4,
                                                  tmp_path / "printed")
    scans = [save_scans(fill_in(layout, pages, {WINDOWS: ["02"]}), files, f"b{number}")
             for number, pages in enumerate(ballots[:3], 1)]
    (recorded,) = list(scan_paths(Recorder(db, ORGANISER), scans[0][:1], workers=1))
    assert recorded.sheet_id is not None
    item = next(read_paths(scans[1][:1]))
    assert isinstance(item, AcquiredImage)
    reading = (item, read_task(item.image, read_context(db)))

    # Online votes that tie two brands at the cut-off (two winners: 11, then 10 or 12).
    tie = write_csv(files / "平台A.csv", [["奖项", "编号", "票数"], [BRANDS, "10", "5"],
                                          [BRANDS, "11", "20"], [BRANDS, "12", "5"]])
    organiser.online.commit(organiser.online.preview(campaign.id, tie, "平台A"))
    other = write_csv(files / "平台C.csv", [["奖项", "编号", "票数"], [WINDOWS, "01", "2"]])
    online_import = organiser.online.commit(organiser.online.preview(campaign.id, other, "平台C"))
    # Previews read only (any role may look): made here, so that a refused commit is refused
    # before it reads anything.
    online_votes = organiser.online.preview(campaign.id, write_csv(
        files / "平台A-2.csv", [["奖项", "编号", "票数"], [WINDOWS, "03", "4"]]), "平台A")
    registry_import = organiser.importer.preview(campaign.id, write_csv(files / "名单.csv", [
        ["奖项", "编号", "姓名", "推荐单位", "性别", "出生年月", "事迹简介"],
        [STAFF, "", "导入的人", "测试单位", "男", "1980-01", "事迹"]]))
    windows = registry.find_category(campaign.id, WINDOWS).id
    scored = candidates.list(campaign.id, category_id=windows)[0].id

    organiser.stations.register("计票点3", new_station_key())
    setup_backup = backup(db, ORGANISER, tmp_path / "setup-backup",
                          passphrase=PASSPHRASE).folder
    out = tmp_path / "out"
    out.mkdir()
    return World(Services.for_database(db, actor), campaign, box, spare_box, spare_category.id,
                 spare_unit.id, candidate.id, windows, scored, recorded.sheet_id, online_import,
                 reading, registry_import, online_votes, files, out, setup_backup)


Change = Callable[[World], object]


def _fields(w: World) -> CandidateFields:
    return CandidateFields("测试窗口（改）", WINDOWS, "测试单位")


def _scan(w: World) -> object:
    return list(scan_paths(Recorder(w.services.db, w.actor), [w.files / "b3-p1.jpg"],
                           workers=1))


#: (what, the permission it needs (None: anybody signed in), the call), in an order that
#: works when every row is done (the restore goes last: it brings back the set-up state).
CHANGES: list[tuple[str, Permission | None, Change]] = [
    ("campaign.create", Permission.MANAGE_REGISTRY,
     lambda w: w.services.registry.create_campaign("另一个评选")),
    ("campaign.update", Permission.MANAGE_REGISTRY,
     lambda w: w.services.registry.update_campaign(w.id, description="改过的说明")),
    ("category.create", Permission.MANAGE_REGISTRY,
     lambda w: w.services.registry.add_category(w.id, "新奖项", winners=1)),
    ("category.update", Permission.MANAGE_REGISTRY,
     lambda w: w.services.registry.update_category(w.spare_category, name="改名的奖项")),
    ("category.move", Permission.MANAGE_REGISTRY,
     lambda w: w.services.registry.move_category(w.spare_category, -1)),
    ("category.delete", Permission.MANAGE_REGISTRY,
     lambda w: w.services.registry.delete_category(w.spare_category)),
    ("unit.create", Permission.MANAGE_REGISTRY,
     lambda w: w.services.registry.add_unit(w.id, "新单位")),
    ("unit.update", Permission.MANAGE_REGISTRY,
     lambda w: w.services.registry.update_unit(w.spare_unit, quota=7)),
    ("unit.delete", Permission.MANAGE_REGISTRY,
     lambda w: w.services.registry.delete_unit(w.spare_unit)),
    ("candidate.create", Permission.MANAGE_REGISTRY, lambda w: w.services.candidates.add(
        w.id, CandidateFields("新的窗口", WINDOWS, "测试单位"), accept_warnings=True)),
    ("candidate.update", Permission.MANAGE_REGISTRY,
     lambda w: w.services.candidates.update(w.candidate, _fields(w), accept_warnings=True)),
    ("candidate.status", Permission.MANAGE_REGISTRY, lambda w: w.services.candidates.set_status(
        [w.candidate], CandidateStatus.REJECTED, "材料不全")),
    ("candidate.number", Permission.MANAGE_REGISTRY,
     lambda w: w.services.candidates.assign_numbers(w.windows, renumber=True)),
    ("candidate.photo", Permission.MANAGE_REGISTRY,
     lambda w: w.services.candidates.set_photo(w.candidate, w.files / "b1-p1.jpg")),
    ("candidate.photo_remove", Permission.MANAGE_REGISTRY,
     lambda w: w.services.candidates.remove_photo(w.candidate)),
    ("candidate.delete", Permission.MANAGE_REGISTRY,
     lambda w: w.services.candidates.delete([w.candidate])),
    ("import", Permission.MANAGE_REGISTRY,
     lambda w: w.services.importer.commit(w.registry_import)),
    ("box.create", Permission.MANAGE_REGISTRY,
     lambda w: w.services.boxes.add_box(w.id, "2号箱")),
    ("box.update", Permission.MANAGE_REGISTRY,
     lambda w: w.services.boxes.update_box(w.spare_box.id, "备用箱", "大厅", "张三")),
    ("box.delete", Permission.MANAGE_REGISTRY,
     lambda w: w.services.boxes.delete_box(w.spare_box.id)),
    ("batch.print", Permission.MANAGE_REGISTRY, lambda w: w.services.printing.print_batch(
        w.id, w.box.id, 1, w.out / "选票.pdf", PrintOptions())),
    ("serial.spoiled", Permission.SCAN,
     lambda w: w.services.boxes.note_serials(w.id, [4], SerialState.SPOILED, "污损")),
    ("sheet.scan", Permission.SCAN, _scan),
    ("sheet.record", Permission.SCAN,
     lambda w: Recorder(w.services.db, w.actor).record(*w.reading)),
    ("review.accept", Permission.REVIEW,
     lambda w: Review(w.services.db, w.actor).decide(w.id, w.sheet, Decision.ACCEPT)),
    ("tie.decide", Permission.MANAGE_RESULTS,
     lambda w: w.services.results.decide_tie(w.id, BRANDS, ["10"], "抽签决定")),
    ("result_rule.set", Permission.MANAGE_RESULTS,
     lambda w: w.services.results.set_rule(w.id, CombinationRule())),
    ("result_notice.set", Permission.MANAGE_RESULTS,
     lambda w: w.services.results.set_notice(w.id, NoticeSettings(title="公示"))),
    ("online_source.set", Permission.MANAGE_RESULTS,
     lambda w: w.services.online.set_source(w.id, "平台B")),
    ("online.import", Permission.MANAGE_RESULTS,
     lambda w: w.services.online.commit(w.online_votes)),
    ("online.withdraw", Permission.MANAGE_RESULTS,
     lambda w: w.services.online.withdraw(w.online_import, "重复导入")),
    ("expert_rule.set", Permission.MANAGE_RESULTS,
     lambda w: w.services.experts.set_rule(w.id, max_score=100)),
    ("expert_score.set", Permission.MANAGE_RESULTS,
     lambda w: w.services.experts.set_scores(w.id, [(w.scored, "专家甲", 90)])),
    ("export", Permission.EXPORT,
     lambda w: w.services.exporter.export(w.id, w.out / "名单.xlsx")),
    ("cvr.export", Permission.EXPORT,
     lambda w: CastVoteRecord(w.services.db, w.actor).export(w.id, w.out / "cvr")),
    ("audit_export.write", Permission.EXPORT,
     lambda w: export_log(w.services.db, w.actor, w.out / "审计日志.csv")),
    ("account.create", Permission.MANAGE_ACCOUNTS, lambda w: Accounts(
        w.services.db, w.actor).create("新同事", Role.COUNTING, "新同事的密码123")),
    ("account.update", Permission.MANAGE_ACCOUNTS,
     lambda w: Accounts(w.services.db, w.actor).update(COLLEAGUE, role=Role.COUNTING)),
    ("account.password", Permission.MANAGE_ACCOUNTS, lambda w: Accounts(
        w.services.db, w.actor).set_password(COLLEAGUE, "重设的密码123456")),
    ("station.register", Permission.MANAGE_STATIONS,
     lambda w: w.services.stations.register("计票点2", new_station_key())),
    ("station.revoke", Permission.MANAGE_STATIONS,
     lambda w: w.services.stations.revoke("计票点3")),
    ("package_export", Permission.EXPORT_PACKAGE,
     lambda w: w.services.stations.export_package(w.id, w.out / "计票点.zip")),
    ("password.change", None, lambda w: Accounts(w.services.db, w.actor).set_password(
        w.actor.name, NEW_OWN_PASSWORD, current=password_of(w.actor.name))),
    ("backup.create", Permission.BACKUP,
     lambda w: backup(w.services.db, w.actor, w.out / "backups", passphrase=PASSPHRASE)),
    ("restore.done", Permission.BACKUP,
     lambda w: restore(w.services.db, w.setup_backup, w.actor, passphrase=PASSPHRASE)),
]
#: Rows that change more than the database (the backstop in audit.record cannot undo those).
BEYOND_THE_DATABASE = {"backup.create", "restore.done"}


def tables(w: World) -> dict[str, str]:
    """Every table's rows, a digest per table."""
    with w.services.db.transaction() as s:
        return {table.name: hashlib.sha256(repr(s.execute(
            select(table).order_by(*table.primary_key.columns)).all()).encode()).hexdigest()
            for table in Base.metadata.sorted_tables}


def contents(w: World) -> dict[str, str]:
    """Every table's rows, and every file written (PDFs, backups, exports) or archived."""
    found = tables(w)
    for folder in (w.out, archive_root(w.services.db)):
        found[str(folder)] = repr(sorted(folder.rglob("*")) if folder.exists() else [])
    return found


def newest_entry(w: World) -> tuple[int, str, str] | None:
    entries = AuditLog(w.services.db).entries(newest_first=True, limit=1)
    return (entries[0].id, entries[0].hash, entries[0].actor) if entries else None


def outcome(w: World, change: Change, early: bool = True) -> str:
    """"done" (and on the chain in the actor's name), "refused" (and nothing changed), or
    what else happened. ``early``: a refusal comes before any work, so no statement reached
    the database and no file was written either."""
    look = contents if early else tables
    before, newest, statements = look(w), newest_entry(w), []

    def count(*_args: object) -> None:
        statements.append(1)

    event.listen(w.services.db.engine, "before_cursor_execute", count)
    try:
        change(w)
    except RuleError as refused:
        codes = [m.code for m in refused.messages]
    else:
        codes = []
    finally:
        event.remove(w.services.db.engine, "before_cursor_execute", count)
    if codes:
        if codes != ["permission_denied"]:
            return f"failed: {codes}"
        changed = sorted(k for k, v in look(w).items() if before[k] != v)
        if changed:
            return f"refused, but changed {changed}"
        return f"refused after {len(statements)} statements" if early and statements \
            else "refused"
    now = newest_entry(w)
    if now is None or now == newest or now[2] != w.actor.name:
        return f"done, but not on the chain as {w.actor.name}: {now}"
    return "done"


@pytest.mark.parametrize("role", list(Role))
def test_each_role_makes_exactly_the_changes_it_may(services: Services, role: Role,
                                                    tmp_path: Path) -> None:
    world = make_world(services, ACTORS[role], tmp_path)
    outcomes = {name: outcome(world, change) for name, _permission, change in CHANGES}
    assert outcomes == {
        name: "done" if permission is None or permission in MAY[role] else "refused"
        for name, permission, _change in CHANGES}
    assert AuditLog(services.db).verify().ok
    if role is not Role.ORGANISER:
        assert accounts.sign_in(services.db, ACTORS[role].name, NEW_OWN_PASSWORD)


def test_every_action_a_row_records_needs_the_rows_permission() -> None:
    """The table's permissions are those audit.record checks: the two checks agree."""
    for name, permission, _change in CHANGES:
        assert permission_for(name) == permission, name


@dataclass(frozen=True)
class WithoutEarlyChecks(Actor):
    """An actor every early check lets through, as if the methods had forgotten them; the
    check of the audit entry stays."""

    def require(self, permission: Permission) -> None:
        pass

    def require_action(self, action: str) -> None:
        permission = permission_for(action)
        if permission is not None:
            Actor.require(self, permission)


def test_the_audit_entry_refuses_a_change_a_method_forgot_to_check(
        services: Services, tmp_path: Path) -> None:
    observer = WithoutEarlyChecks(OBSERVER.name, OBSERVER.role)
    world = make_world(services, observer, tmp_path)
    rows = [row for row in CHANGES if row[0] not in BEYOND_THE_DATABASE]
    outcomes = {name: outcome(world, change, early=False) for name, _permission, change in rows}
    assert outcomes == {name: "done" if permission in (None, Permission.EXPORT) else "refused"
                        for name, permission, _change in rows}
    assert AuditLog(services.db).verify().ok


def test_audit_record_refuses_an_observer_and_the_change_rolls_back(
        services: Services, campaign: CampaignInfo) -> None:
    def add_unit_past_the_services() -> None:
        with services.db.transaction() as s:
            unit = Unit(campaign_id=campaign.id, name="绕过检查的单位", quota=1)
            s.add(unit)
            s.flush()
            audit.record(s, actor=OBSERVER, action="unit.create", entity="unit",
                         entity_id=unit.id, campaign_id=campaign.id, after=audit.snapshot(unit))

    before = AuditLog(services.db).entries()
    with pytest.raises(RuleError) as refused:
        add_unit_past_the_services()
    assert refused.value.messages[0].code == "permission_denied"
    assert "观察员甲" in refused.value.messages[0].text("zh_CN")
    assert "may not" in refused.value.messages[0].text("en")
    assert [u.name for u in services.registry.list_units(campaign.id)] == []
    assert AuditLog(services.db).entries() == before
