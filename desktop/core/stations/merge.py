"""Merging a verified station package into this database: idempotent, conflicts listed.

:func:`import_package` first verifies the package whole (station_package.verify_package), then
unpacks its images into a staging folder beside the archive, each checked against its signed
hash and size as it is written, and only when all are there moves them into the archive
(content-addressed, so a copy interrupted and done again is harmless); the staging folder is
removed whatever happens, and images moved in for a merge that then fails are taken out again
unless a sheet uses them. Then it merges in ONE transaction, so a merge killed half-way leaves
nothing:

* a package imported before (the same signed manifest) changes nothing;
* a sheet whose image is here already (same image key) is the same sheet;
* a counted sheet whose serial and page count here already: with the same final reading (marks
  after review decisions) it is the same ballot page, not added; with a different one it is a
  *conflict*: listed, and stored as a not-counted DUPLICATE sheet for review, never counted twice;
* a sheet of a round that is over here (the organiser closed it after the station scanned) is
  new but never counted: filed with its image and the reason ``past_round``, as the scanner
  files it, and listed in the report;
* any other sheet is new: stored with its marks and decisions (operators and times kept),
  counted when the station counted it;
* serial notes (spoiled, unused) merge by serial; a serial noted differently is a conflict and
  the note here stays.

The import is recorded (``package_import`` and the audit log) in the same transaction.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import logging
import os
import shutil
import uuid
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session, selectinload

from ballotformat.messages import Message, RuleError, error, info, register
from desktop.core import audit
from desktop.core.accounts import Actor
from desktop.core.enums import SerialState
from desktop.core.labels import label, label_list
from desktop.core.printing import batch_of
from desktop.core.records import RECORD_ATTEMPTS, counted_key_of, past_round, sheet_state
from desktop.core.stations.package import (
    Progress,
    VerifiedPackage,
    note_from,
    sheet_from,
    stream_member,
    verify_package,
)
from desktop.core.store import (
    Database,
    PackageImport,
    SerialNote,
    Sheet,
    Station,
    is_write_conflict,
)
from scanning.decide import MarkState
from scanning.reasons import Reason, Status, status_for

log = logging.getLogger(__name__)

#: The staging folder of an import, inside the archive (so that moving in is a rename).
STAGING_PREFIX = ".incoming-"

register({
    "package_imported": (
        "已导入计票站“{station}”的数据包（{campaign}）：新增 {new} 页，已有 {same} 页，"
        "冲突 {conflicts} 处；票号登记新增 {notes} 条。",
        "Imported the package of station “{station}” ({campaign}): {new:|page|pages} new, {same} "
        "already here, {conflicts:|conflict|conflicts}; {notes:|serial note|serial notes} new.",
    ),
    "package_already_imported": (
        "计票站“{station}”的这个数据包已于 {at} 导入过：未作任何修改。",
        "This package of station “{station}” was imported on {at}: nothing was changed.",
    ),
    "package_sheet_conflict": (
        "票号 {serial} 第 {page} 页本机已计入（{where}），读数不同：{differences}。"
        "计票站的这一页已存为重复页，待人工审核，不会重复计票。",
        "Serial {serial} page {page} is counted here already ({where}) with a different "
        "reading: {differences}. The station's page is stored as a duplicate for review and "
        "never counted twice.",
    ),
    "package_note_conflict": (
        "票号 {serial} 本机登记为“{here}”，计票站登记为“{package}”：保留本机的登记。",
        "Serial {serial} is noted “{here}” here and “{package}” at the station: the note here "
        "stays.",
    ),
    "package_whole_sheet": ("整页：{here} → {package}", "whole page: {here} → {package}"),
    "package_sheet_void": ("作废", "rejected"),
    "package_sheet_valid": ("有效", "valid"),
    "package_conflict_where": ("计票站“{station}”，{by}", "station “{station}”, by {by}"),
})


@dataclass(frozen=True)
class Difference:
    """One target read differently (category None: the page is void on one side only)."""

    category: str | None
    candidate: str | None
    here: str
    package: str

    def text(self, language: str | None = None) -> str:
        if self.category is None:
            return Message("package_whole_sheet", {
                "here": Message(f"package_sheet_{self.here}"),
                "package": Message(f"package_sheet_{self.package}")}).text(language)
        here, package = (label(MarkState(v), language) for v in (self.here, self.package))
        return f"{self.category} {self.candidate}: {here} → {package}"


@dataclass(frozen=True)
class SheetConflict:
    serial: int
    page: int | None
    differences: tuple[Difference, ...]
    counted_station: str
    counted_by: str
    #: The duplicate sheet stored for review.
    sheet_id: int

    def message(self) -> Message:
        return error("package_sheet_conflict", serial=self.serial, page=self.page,
                     where=Message("package_conflict_where", {"station": self.counted_station,
                                                              "by": self.counted_by}),
                     differences=DifferenceList(params={"differences": self.differences}))


@dataclass(frozen=True)
class PastRoundSheet:
    """A sheet of a round that is over here: filed, never counted."""

    serial: int
    page: int | None
    sheet_id: int
    reason: Message


@dataclass(frozen=True)
class NoteConflict:
    serial: int
    here: str
    package: str

    def message(self) -> Message:
        return error("package_note_conflict", serial=self.serial,
                     here=label_list([SerialState(self.here)]),
                     package=label_list([SerialState(self.package)]))


@dataclass(frozen=True)
class DifferenceList(Message):
    """A conflict's differences joined in the reader's language, as a message parameter."""

    code: str = "package_differences"

    def text(self, language: str | None = None) -> str:
        return "; ".join(d.text(language) for d in self.params["differences"])


@dataclass(frozen=True)
class ImportReport:
    package_id: str
    station: str
    campaign_id: int
    campaign: str
    exported_at: dt.datetime
    already_imported: bool
    imported_at: dt.datetime
    new: int = 0
    same: int = 0
    conflicts: tuple[SheetConflict, ...] = ()
    notes_new: int = 0
    notes_same: int = 0
    note_conflicts: tuple[NoteConflict, ...] = ()
    images: int = 0
    #: New sheets of a round that is over here (counted in ``new``, never counted as votes).
    past_round: tuple[PastRoundSheet, ...] = ()

    def summary(self) -> Message:
        if self.already_imported:
            return info("package_already_imported", station=self.station,
                        at=f"{self.imported_at.astimezone():%Y-%m-%d %H:%M}")
        return info("package_imported", station=self.station, campaign=self.campaign,
                    new=self.new, same=self.same,
                    conflicts=len(self.conflicts) + len(self.note_conflicts),
                    notes=self.notes_new)

    def conflict_messages(self) -> list[Message]:
        """What the import lists: the conflicts, and each sheet of a round that is over."""
        return [c.message() for c in self.conflicts] + [c.message() for c in self.note_conflicts] \
            + [p.reason for p in self.past_round]

    def stored_summary(self) -> dict[str, Any]:
        """What ``PackageImport.summary`` keeps."""
        return {"new": self.new, "same": self.same, "notes_new": self.notes_new,
                "notes_same": self.notes_same, "images": self.images,
                "conflicts": [{"serial": c.serial, "page": c.page, "sheet_id": c.sheet_id,
                               "counted_station": c.counted_station,
                               "differences": [d.__dict__ for d in c.differences]}
                              for c in self.conflicts],
                "note_conflicts": [c.__dict__ for c in self.note_conflicts],
                "past_round": [{"serial": p.serial, "page": p.page, "sheet_id": p.sheet_id}
                               for p in self.past_round]}


def import_package(db: Database, actor: Actor, path: Path, archive: Path,
                   progress: Progress | None = None) -> ImportReport:
    """Verify, copy the images into ``archive``, merge (see the module docstring)."""
    package = verify_package(db, path)
    added = _copy_images(archive, package, progress)
    try:
        for attempt in range(RECORD_ATTEMPTS):
            try:
                report = _merge(db, actor, package, len(package.images), progress)
                log.info("station package %s from %s%s: %d sheets new, %d same, %d conflicts, "
                         "%d notes new, %d images", package.package_id, package.station,
                         " (imported before: nothing merged)" if report.already_imported else "",
                         report.new, report.same,
                         len(report.conflicts) + len(report.note_conflicts), report.notes_new,
                         report.images)
                return report
            except DBAPIError as exc:  # another station's write at the same moment: again
                if attempt == RECORD_ATTEMPTS - 1 or not is_write_conflict(exc):
                    raise
        raise AssertionError("unreachable")
    except BaseException:
        _take_out_unused(db, archive, added)
        raise


def _copy_images(archive: Path, package: VerifiedPackage, progress: Progress | None,
                 ) -> list[Path]:
    """Every image of the package not in the archive yet, unpacked into a staging folder and
    checked against its signed hash, then all moved into the archive; the files added."""
    staging = archive / f"{STAGING_PREFIX}{uuid.uuid4().hex}"
    moves: list[tuple[Path, Path]] = []
    try:
        with zipfile.ZipFile(package.path) as zf:
            for done, (member, digest) in enumerate(sorted(package.images.items()), 1):
                name = Path(member).name
                target = archive / name[:2] / name
                if not target.exists():
                    staging.mkdir(parents=True, exist_ok=True)
                    staged = staging / name
                    if _unpack(zf, member, staged) != digest:
                        raise RuleError([error("package_file_changed", member=member)])
                    moves.append((staged, target))
                if progress is not None:
                    progress(done, len(package.images) + len(package.sheets))
        added = []
        try:
            for staged, target in moves:
                if not target.exists():  # the same name is the same bytes
                    target.parent.mkdir(parents=True, exist_ok=True)
                    os.replace(staged, target)
                    added.append(target)
        except BaseException:
            for target in added:
                target.unlink(missing_ok=True)
            raise
        return added
    finally:
        shutil.rmtree(staging, ignore_errors=True)


def _unpack(zf: zipfile.ZipFile, member: str, target: Path) -> str:
    """``member`` written to ``target`` (with its size limit); its SHA-256."""
    hashed = hashlib.sha256()
    with target.open("wb") as out:
        def write(chunk: bytes) -> None:
            hashed.update(chunk)
            out.write(chunk)

        stream_member(zf, member, write)
        out.flush()
        os.fsync(out.fileno())
    return hashed.hexdigest()


def _take_out_unused(db: Database, archive: Path, added: list[Path]) -> None:
    """The images a failed merge had moved in, out again, unless a sheet uses one by now (the
    same scan recorded meanwhile, here or by another import)."""
    if not added:
        return
    paths = {str(target.relative_to(archive)): target for target in added}
    try:
        with db.transaction() as s:
            used = set(s.scalars(select(Sheet.archive_path)
                                 .where(Sheet.archive_path.in_(paths))))
    except DBAPIError:  # the database is what failed: keep them (verified, reused next time)
        return
    for relative, target in paths.items():
        if relative not in used:
            target.unlink(missing_ok=True)


def _reading(sheet: Sheet) -> tuple[dict[tuple[str, str], MarkState], bool]:
    state = sheet_state(sheet)
    return dict(state.states), state.rejected


def _differences(here: Sheet, package: Sheet) -> tuple[Difference, ...]:
    (ours, our_void), (theirs, their_void) = _reading(here), _reading(package)
    found = [Difference(None, None, "void" if our_void else "valid",
                        "void" if their_void else "valid")] if our_void != their_void else []
    for target in sorted(set(ours) | set(theirs)):
        # A target one side holds no state for reads as empty there (a page settled as having
        # no votes keeps only its decided targets): only a change of what is read is listed.
        mine = ours.get(target, MarkState.EMPTY)
        other = theirs.get(target, MarkState.EMPTY)
        if mine is not other:
            found.append(Difference(target[0], target[1], mine.value, other.value))
    return tuple(found)


def _merge(db: Database, actor: Actor, package: VerifiedPackage, images: int,
           progress: Progress | None) -> ImportReport:
    with db.transaction() as s:
        done = s.scalar(select(PackageImport).where(PackageImport.package_id == package.package_id))
        if done is not None:
            return ImportReport(package.package_id, package.station, package.campaign_id,
                                package.campaign, package.exported_at, True, done.imported_at)
        new = same = 0
        conflicts: list[SheetConflict] = []
        past: list[PastRoundSheet] = []
        total = len(package.images) + len(package.sheets)
        for number, data in enumerate(package.sheets, 1):
            outcome = _merge_sheet(s, actor, package, data)
            if outcome is None:
                same += 1
            else:
                new += 1
                if isinstance(outcome, SheetConflict):
                    conflicts.append(outcome)
                elif isinstance(outcome, PastRoundSheet):
                    past.append(outcome)
            if progress is not None:
                progress(len(package.images) + number, total)
        notes_new, notes_same, note_conflicts = _merge_notes(s, actor, package)
        report = ImportReport(
            package.package_id, package.station, package.campaign_id, package.campaign,
            package.exported_at, False, dt.datetime.now(dt.UTC), new, same, tuple(conflicts),
            notes_new, notes_same, tuple(note_conflicts), images, tuple(past))
        station = s.get_one(Station, package.station_id)
        key_stored = station.public_key is None
        if key_stored:
            station.public_key = package.public_key
        row = PackageImport(package_id=package.package_id, station_id=package.station_id,
                            campaign_id=package.campaign_id, exported_at=package.exported_at,
                            imported_by=actor.name, imported_at=report.imported_at,
                            summary=report.stored_summary())
        s.add(row)
        s.flush()
        audit.record(s, actor=actor, action="package.import", entity="package_import",
                     entity_id=row.id, campaign_id=package.campaign_id,
                     after={"package_id": package.package_id, "package_uuid":
                            package.package_uuid, "station": package.station,
                            "file": package.path.name, "new": new, "same": same,
                            "conflicts": len(conflicts) + len(note_conflicts),
                            "notes_new": notes_new, "past_round": len(past),
                            "station_key_stored": key_stored})
        return report


def _merge_sheet(s: Session, actor: Actor, package: VerifiedPackage, data: dict[str, Any]
                 ) -> Sheet | SheetConflict | PastRoundSheet | None:
    """Store one sheet of the package; None when it is here already."""
    if s.scalar(select(Sheet.id).where(Sheet.image_key == data["image_key"])) is not None:
        return None
    sheet = sheet_from(s, data, package.campaign_id, None)
    past: Message | None = None
    if sheet.serial is not None and sheet.campaign_id is not None \
            and sheet.status != Status.REJECTED.value:
        batch = batch_of(s, sheet.campaign_id, sheet.serial)
        sheet.box_id = batch.box_id if batch is not None else None
        past = past_round(s, batch, sheet.serial) if batch is not None else None
    if past is not None:  # filed as the scanner files it: the reason, never counted
        sheet.reasons = _with_reason(sheet.reasons, Reason.PAST_ROUND)
        sheet.status = status_for(Reason(r) for r in sheet.reasons).value
    conflict: tuple[Sheet, tuple[Difference, ...]] | None = None
    if past is None and data["counted"] and sheet.serial is not None \
            and sheet.campaign_id is not None:
        key = counted_key_of(sheet.campaign_id, sheet.serial, sheet.page)
        here = s.scalar(select(Sheet).where(Sheet.counted_key == key)
                        .options(selectinload(Sheet.decisions)))
        if here is None:
            sheet.counted_key = key
        else:
            differences = _differences(here, sheet)
            if not differences:
                return None
            conflict = here, differences
            sheet.reasons = _with_reason(sheet.reasons, Reason.DUPLICATE)
            sheet.status = status_for(Reason(r) for r in sheet.reasons).value
    s.add(sheet)
    s.flush()
    audit.record(s, actor=actor, action="package.sheet", entity="sheet", entity_id=sheet.id,
                 campaign_id=sheet.campaign_id,
                 after={"image_key": sheet.image_key, "serial": sheet.serial,
                        "page": sheet.page, "status": sheet.status, "reasons": sheet.reasons,
                        "counted": sheet.counted_key is not None, "station": sheet.station,
                        "decisions": len(sheet.decisions), "package": package.package_uuid},
                 covers=(sheet, *sheet.decisions))
    if past is not None:
        assert sheet.serial is not None
        return PastRoundSheet(sheet.serial, sheet.page, sheet.id, past)
    if conflict is None:
        return sheet
    here, differences = conflict
    assert sheet.serial is not None
    return SheetConflict(sheet.serial, sheet.page, differences, here.station, here.recorded_by,
                         sheet.id)


def _with_reason(reasons: list[str], reason: Reason) -> list[str]:
    return reasons if reason.value in reasons else [*reasons, reason.value]


def _merge_notes(s: Session, actor: Actor, package: VerifiedPackage
                 ) -> tuple[int, int, list[NoteConflict]]:
    new = same = 0
    conflicts = []
    for data in package.notes:
        note = note_from(data, package.campaign_id)
        here = s.scalar(select(SerialNote).where(SerialNote.campaign_id == package.campaign_id,
                                                 SerialNote.serial == note.serial))
        if here is None:
            s.add(note)
            s.flush()
            audit.record(s, actor=actor, action="package.serial", entity="serial_note",
                         entity_id=note.id, campaign_id=package.campaign_id,
                         after={**audit.snapshot(note), "package": package.package_uuid},
                         covers=(note,))
            new += 1
        elif here.state == note.state:
            same += 1
        else:
            conflicts.append(NoteConflict(note.serial, here.state.value, note.state.value))
    return new, same, conflicts

