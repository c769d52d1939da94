"""Recording scanned sheets: each page image stored once, each ballot page counted once.

For every image the reader has interpreted:

1. an image already stored (same bytes, same page) is not stored again: "already recorded";
2. the bytes are archived under their SHA-256 (content-addressed, so writing twice is
   harmless and a batch killed between archive and database leaves only a reusable file);
3. a transaction stores the sheet and its marks (with the next pages of the batch:
   :meth:`Recorder.record_all` commits a group of pages at a time). The sheet counts only if
   it is the first for its campaign, serial and page: ``Sheet.counted_key`` is unique in the
   database, so two stations feeding the same sheet in the same second cannot both count it.
   A later copy is stored with the DUPLICATE reason for the review queue and never counted,
   unless the sheet holding the place never counted in effect (its marks were not read and no
   person decided anything on it): then the new reading takes the place in the same
   transaction, and the old sheet is kept, marked superseded (a ``superseded`` decision, on the
   audit log too). A serial staff recorded as spoiled or unused takes its place too, but with
   the SPOILED_SERIAL / UNUSED_SERIAL reason: it is held for review and counts only once a
   person accepts it (review.py).

Re-running a killed batch therefore resumes where it stopped: what was stored is recognised
by its image key, what was not (at most the group being stored when it was killed, which no
one was shown as recorded) is read and stored now. A single-image file stored before is
recognised by the SHA-256 of its bytes before it is decoded (:meth:`Recorder.recorded_file`),
so a resume costs a hash per file, not a decode.
"""

from __future__ import annotations

import logging
import os
import socket
import tempfile
import time
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session, selectinload

from ballotformat import Layout
from ballotformat.messages import Message, error, info, register
from desktop.core import audit
from desktop.core.accounts import Actor
from desktop.core.enums import Decision, Permission, RoundStatus
from desktop.core.labels import label, label_list
from desktop.core.printing import ballot_keys, batch_of
from desktop.core.records.review import (
    NOTED_REASONS,
    UNREAD_REASONS,
    counted_key_of,
    replaceable,
)
from desktop.core.records.sheet_marks import store_marks
from desktop.core.store import (
    CampaignRound,
    Database,
    LayoutVersion,
    PrintBatch,
    ReviewDecision,
    SerialNote,
    Sheet,
    StoredMark,
    data_dir,
    is_write_conflict,
)
from scanning.batch import ReadContext
from scanning.reasons import Reason, Status
from scanning.result import PageResult
from scanning.sources import AcquiredImage, FileOrigin, RecordedBefore

register({
    "already_recorded": (
        "此图像已于 {at} 记录过（{what}），未重复记录。",
        "This image was recorded before ({what}, {at}); nothing was recorded again.",
    ),
    "duplicate_sheet": (
        "票号 {serial} 第 {page} 页已经计入（{source}）：本页未计票，已转人工审核。",
        "Serial {serial} page {page} is counted already ({source}): this page is not "
        "counted and goes to review.",
    ),
    "sheet_replaces_unread": (
        "已记录票号 {serial} 第 {page} 页，取代此前未能读出记号的图像（{source}）。",
        "Recorded serial {serial}, page {page} in place of an image whose marks were not read "
        "({source}).",
    ),
    "sheet_recorded": (
        "已记录票号 {serial} 第 {page} 页。",
        "Recorded serial {serial}, page {page}.",
    ),
    "sheet_for_review": (
        "票号 {serial} 第 {page} 页需人工审核：{reasons}。",
        "Serial {serial} page {page} needs review: {reasons}.",
    ),
    "sheet_noted_serial": (
        "票号 {serial} 已登记为“{state}”：第 {page} 页暂不计票，已转人工审核。",
        "Serial {serial} was recorded as “{state}”: page {page} does not count for now and "
        "goes to review.",
    ),
    "sheet_rejected": ("本页不计票：{reasons}。", "This page does not count: {reasons}."),
    "sheet_past_round": (
        "票号 {serial} 是第 {position} 轮“{name}”的选票，该轮已结束：本页不计票，图像已存档。",
        "Serial {serial} is a ballot of round {position} “{name}”, which is over: this page "
        "is not counted; its image is filed.",
    ),
    "sheet_past_round_now": (
        "票号 {serial} 是第 {position} 轮“{name}”的选票，现为第 {now} 轮“{now_name}”："
        "本页不计入第 {now} 轮，图像已存档。",
        "Serial {serial} is a ballot of round {position} “{name}”; the campaign is in round "
        "{now} “{now_name}”: this page is not counted in round {now}; its image is filed.",
    ),
    "serial_never_printed": (
        "票号 {serial} 的签名有效，但本数据库中没有印制记录。",
        "Serial {serial} is signed correctly but this database never printed it.",
    ),
})

log = logging.getLogger(__name__)

#: Environment variable naming the folder where scanned images are archived.
ARCHIVE_ENV_VAR = "BALLOTDESK_ARCHIVE"
#: Temporary files of archive writes start with this (the archived files are named by their
#: SHA-256: hex digits only); Python's default "tmp" is that of files earlier versions left.
TEMP_PREFIXES = (".partial-", "tmp")
#: A temporary file in the archive older than this was left by a killed write and is removed at
#: the start of the next batch: a write takes well under a second, an hour leaves room for a
#: slow network folder and for a clock a little off on another station sharing the archive.
STALE_TEMP_AGE_S = 3600
#: Added to the archive folder's name, the file beside it whose modification time is that of
#: the last sweep for stale temporary files (:meth:`Recorder.tidy_archive`); beside, not in it:
#: every file in the archive is named by its SHA-256.
TIDIED_SUFFIX = ".tidied"
#: How often a record is tried when other stations' writes at the same time make it fail (a
#: unique key taken, a PostgreSQL serialization failure or deadlock; see is_write_conflict).
RECORD_ATTEMPTS = 5
#: At most this many pages are stored in one transaction (:meth:`Recorder.record_all`): a
#: commit per page cost more than the page's own rows (the audit chain's head, the digests, a
#: disk flush), 20 pages a second; a kill loses at most one group's recording.
RECORD_GROUP_PAGES = 50
#: A group is committed once its first page has waited this long (checked as each page comes),
#: so the scan page shows outcomes within about this delay and a kill loses at most about this
#: much reading.
RECORD_GROUP_SECONDS = 0.1


#: An image and what the reader made of it.
Reading = tuple[AcquiredImage, PageResult]


def default_station() -> str:
    return socket.gethostname() or "station"


def archive_root(db: Database) -> Path:
    """``$BALLOTDESK_ARCHIVE``; else beside a SQLite file; else in the user's data folder."""
    configured = os.environ.get(ARCHIVE_ENV_VAR)
    if configured:
        return Path(configured)
    if db.sqlite_path is not None:
        return db.sqlite_path.with_name(db.sqlite_path.stem + "-archive")
    return data_dir() / "archive"


def image_key(item: AcquiredImage) -> str:
    page = item.origin.page if isinstance(item.origin, FileOrigin) else 0
    return f"{item.sha256}:{page}"


_SUFFIXES = {"image/png": ".png", "image/jpeg": ".jpg", "image/tiff": ".tif",
             "application/pdf": ".pdf", "image/bmp": ".bmp"}


@dataclass(frozen=True)
class RecordOutcome:
    """What happened to one image: the reading, whether it counts, and why not."""

    source: str
    page_index: int
    result: PageResult
    recorded: bool
    sheet_id: int | None
    message: Message
    #: The ballot box of the serial's print batch, when the serial is known and printed here.
    box_id: int | None = None

    def to_json_dict(self, with_recording: bool = True) -> dict[str, Any]:
        data = self.result.to_json_dict(self.source, self.page_index)
        if with_recording:
            data["recorded"] = self.recorded
            data["message"] = self.message.text()
            if not self.recorded:
                data["reason"] = self.message.code
        return data


def archive_file(archive: Path, name: str, data: bytes) -> Path:
    """Write a file once in the archive, under ``<first two hex digits>/<name>`` where
    ``name`` is its SHA-256 and suffix (atomic: a temporary file, then a rename; a file already
    there is left alone, since the same name means the same bytes)."""
    target = archive / name[:2] / name
    if not target.exists():
        target.parent.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile(dir=target.parent, prefix=TEMP_PREFIXES[0],
                                         delete=False) as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(handle.name, target)
    return target


def remove_stale_temporaries(archive: Path, now: float | None = None) -> int:
    """Remove the temporary files killed writes left in the archive (older than
    :data:`STALE_TEMP_AGE_S`; a younger one may be another station's write in progress); how
    many were removed."""
    cutoff = (time.time() if now is None else now) - STALE_TEMP_AGE_S
    removed = 0
    try:
        folders = [entry for entry in os.scandir(archive) if entry.is_dir()]
    except FileNotFoundError:
        return 0
    for folder in folders:
        for entry in os.scandir(folder.path):
            if not entry.name.startswith(TEMP_PREFIXES) or not entry.is_file():
                continue
            try:
                if entry.stat().st_mtime < cutoff:
                    os.unlink(entry.path)
                    removed += 1
            except FileNotFoundError:  # another station tidied it first
                continue
    return removed


def read_context(db: Database) -> ReadContext:
    """The keys that check ballots here and every stored layout: what the reader needs, as
    plain data."""
    with db.transaction() as s:
        keys = ballot_keys(s)
        layouts = [Layout.from_json(text) for text in s.scalars(select(LayoutVersion.layout_json))]
    return ReadContext.of(keys, layouts)


class Recorder:
    def __init__(self, db: Database, actor: Actor, station: str | None = None,
                 archive: Path | None = None) -> None:
        self.db = db
        self.actor = actor
        self.station = station or default_station()
        self.archive = archive or archive_root(db)

    def known(self, item: AcquiredImage | RecordedBefore) -> RecordOutcome | None:
        """The outcome of an image stored before (so a rerun need not read it again)."""
        key = (image_key(item) if isinstance(item, AcquiredImage)
               else f"{item.sha256}:{item.origin.page}")
        with self.db.transaction() as s:
            sheet = s.scalar(select(Sheet).where(Sheet.image_key == key))
            if sheet is None:
                return None
            return RecordOutcome(_source(item), _page_index(item),
                                 PageResult(Status(sheet.status),
                                            tuple(Reason(r) for r in sheet.reasons),
                                            serial=sheet.serial, campaign_id=sheet.campaign_id,
                                            layout_version=sheet.layout_version,
                                            layout_page=sheet.page),
                                 False, sheet.id, _already(sheet), sheet.box_id)

    def tidy_archive(self) -> None:
        """At the start of a batch: the temporary files of killed writes go, when the last
        sweep (the time of :meth:`tidied_marker`) is older than :data:`STALE_TEMP_AGE_S`. A
        sweep lists every archived file (about 0.1 s of CPU and a second of disk at 100,000
        sheets), and a temporary file is removed only once that old, so sweeping more often
        would remove nothing sooner; a file a kill left goes within two hours."""
        now = time.time()
        marker = self.tidied_marker()
        try:
            if now - marker.stat().st_mtime < STALE_TEMP_AGE_S:
                return
        except FileNotFoundError:
            pass
        removed = remove_stale_temporaries(self.archive, now)
        if removed:
            log.info("removed %d temporary files left by interrupted writes in %s", removed,
                     self.archive)
        marker.parent.mkdir(parents=True, exist_ok=True)
        marker.touch()
        os.utime(marker, (now, now))

    def tidied_marker(self) -> Path:
        return self.archive.with_name(self.archive.name + TIDIED_SUFFIX)

    def recorded_file(self, sha256: str) -> bool:
        """Whether a single-image file with these bytes is recorded: a rerun need not even
        decode it (scanning.sources.files: ``recorded``)."""
        with self.db.transaction() as s:
            return s.scalar(select(Sheet.id).where(Sheet.image_key == f"{sha256}:0")) is not None

    def record(self, item: AcquiredImage, result: PageResult) -> RecordOutcome:
        """Store one interpreted image (see the module docstring) in a transaction of its own."""
        (outcome,) = self.record_all([(item, result)], group_pages=1)
        return outcome

    def record_all(self, readings: Iterable[Reading | RecordOutcome],
                   group_pages: int = RECORD_GROUP_PAGES,
                   group_seconds: float = RECORD_GROUP_SECONDS) -> Iterator[RecordOutcome]:
        """Store interpreted images, several to a transaction; yields one outcome per reading,
        in input order, once its transaction has committed (an outcome already known, e.g. an
        image recorded by an earlier run, passes through in its place).

        A transaction holds at most ``group_pages`` pages, and is committed as soon as a reading
        arrives more than ``group_seconds`` after the first one it holds: a batch killed between
        two commits loses at most that much recording, all of it still uncounted and unshown,
        which its rerun reads and records as it does any page not stored yet. The rules are
        those of a single page: each page of the group is judged after the ones before it
        (flushed in the same transaction), so a duplicate within the group is one."""
        self.actor.require(Permission.SCAN)
        group: list[tuple[Reading, Path] | RecordOutcome] = []
        started = 0.0
        for reading in readings:
            if not group:
                started = time.monotonic()
            group.append(reading if isinstance(reading, RecordOutcome)
                         else (reading, self._archive(reading[0])))
            if len(group) >= group_pages or time.monotonic() - started >= group_seconds:
                yield from self._record_group(group)
                group = []
        yield from self._record_group(group)

    def _record_group(self, group: list[tuple[Reading, Path] | RecordOutcome],
                      ) -> list[RecordOutcome]:
        pages = [entry for entry in group if not isinstance(entry, RecordOutcome)]
        stored: Iterator[RecordOutcome] = iter(())
        conflicts = 0
        while pages:
            try:
                stored = iter(self._store(pages))
                break
            except DBAPIError as exc:
                conflicts += 1
                if conflicts == RECORD_ATTEMPTS or not is_write_conflict(exc):
                    raise
            except _DecidedMeanwhileError:
                pass  # read again: the sheet it was to replace is a decided one now
        outcomes = [entry if isinstance(entry, RecordOutcome) else next(stored)
                    for entry in group]
        if pages:
            fresh = outcomes if len(pages) == len(group) else [
                o for o, e in zip(outcomes, group, strict=True) if not isinstance(e, RecordOutcome)]
            log.info("recorded %d pages in one transaction (%d write conflicts retried): "
                     "%d counted or in review, %d not (%s)", len(pages), conflicts,
                     sum(o.recorded for o in fresh), sum(not o.recorded for o in fresh),
                     ", ".join(sorted({o.message.code for o in fresh if not o.recorded})) or "-")
        return outcomes

    def _store(self, pages: list[tuple[Reading, Path]]) -> list[RecordOutcome]:
        """One attempt at storing ``pages`` in one transaction."""
        with self.db.transaction() as s:
            return [self._store_one(s, item, result, archived)
                    for (item, result), archived in pages]

    def _store_one(self, s: Session, item: AcquiredImage, result: PageResult,
                   archived: Path) -> RecordOutcome:
        describe, page_index = _source(item), _page_index(item)
        existing = s.scalar(select(Sheet).where(Sheet.image_key == image_key(item)))
        if existing is not None:
            return RecordOutcome(describe, page_index, result, False, existing.id,
                                 _already(existing), existing.box_id)
        box_id, counted_key, message, replaced = None, None, None, None
        if result.status is not Status.REJECTED and result.serial is not None:
            batch = batch_of(s, result.campaign_id, result.serial)
            if batch is None:
                result = replace(result, status=Status.REJECTED)
                message = error("serial_never_printed", serial=result.serial)
            elif (past := past_round(s, batch, result.serial)) is not None:
                box_id = batch.box_id
                result = result.with_reasons(Reason.PAST_ROUND)
                message = past
            else:
                box_id = batch.box_id
                noted = s.scalar(select(SerialNote.state).where(
                    SerialNote.campaign_id == result.campaign_id,
                    SerialNote.serial == result.serial))
                if noted is not None:
                    result = result.with_reasons(NOTED_REASONS[noted])
                    message = info("sheet_noted_serial", serial=result.serial,
                                   state=label(noted), page=result.layout_page)
                key = counted_key_of(result.campaign_id, result.serial, result.layout_page)
                first = s.scalar(select(Sheet).where(Sheet.counted_key == key)
                                 .options(selectinload(Sheet.decisions)))
                if first is None:
                    counted_key = key
                elif replaceable(first) and not UNREAD_REASONS & set(result.reasons):
                    # Free the place before taking it: the key is unique.
                    first.counted_key, counted_key, replaced = None, key, first
                    s.flush()
                    if _decided_meanwhile(s, first):
                        raise _DecidedMeanwhileError
                    message = info("sheet_replaces_unread", serial=result.serial,
                                   page=result.layout_page, source=first.source)
                else:
                    result = result.with_reasons(Reason.DUPLICATE)
                    message = error("duplicate_sheet", serial=result.serial,
                                    page=result.layout_page, source=first.source)
        sheet = Sheet(
            image_key=image_key(item), image_sha256=item.sha256, page_index=page_index,
            archive_path=str(archived.relative_to(self.archive)), source=_fits(describe),
            campaign_id=result.campaign_id, serial=result.serial,
            layout_version=result.layout_version, page=result.layout_page, box_id=box_id,
            counted_key=counted_key, status=result.status.value,
            reasons=[r.value for r in result.reasons], qr_text=result.qr_text,
            homography=list(result.homography) if result.homography else None,
            image_scale=result.image_scale, station=self.station, recorded_by=self.actor.name)
        store_marks(s, sheet, [StoredMark(m.category, m.candidate, m.state.value,
                                          round(m.score, 4)) for m in result.marks])
        s.add(sheet)
        s.flush()
        audit.record(s, actor=self.actor, action="sheet.record", entity="sheet",
                     entity_id=sheet.id, campaign_id=result.campaign_id,
                     after={"image_key": sheet.image_key, "serial": sheet.serial,
                            "page": sheet.page, "status": sheet.status,
                            "reasons": sheet.reasons, "counted": counted_key is not None,
                            "station": self.station}, covers=(sheet,))
        if replaced is not None:
            _supersede(s, self.actor, replaced, sheet)
        return RecordOutcome(describe, page_index, result, counted_key is not None, sheet.id,
                             message or _verdict(result), box_id)

    def _archive(self, item: AcquiredImage) -> Path:
        return archive_file(self.archive, f"{item.sha256}{_SUFFIXES.get(item.media_type, '.bin')}",
                            item.data)


def past_round(s: Session, batch: PrintBatch, serial: int | None) -> Message | None:
    """Why a ballot of ``batch`` no longer counts: its round is over (None while it is open,
    and for a batch printed before rounds existed, which is the first round's). The scanner and
    the station packages' merge both ask it."""
    row = s.get(CampaignRound, batch.round_id) if batch.round_id is not None else None
    if row is None or row.status is not RoundStatus.CLOSED:
        return None
    now = s.scalar(select(CampaignRound).where(
        CampaignRound.campaign_id == row.campaign_id, CampaignRound.status == RoundStatus.OPEN)
        .order_by(CampaignRound.position).limit(1))
    if now is None:
        return error("sheet_past_round", serial=serial, position=row.position, name=row.name)
    return error("sheet_past_round_now", serial=serial, position=row.position, name=row.name,
                 now=now.position, now_name=now.name)


class _DecidedMeanwhileError(Exception):
    """A decision on the sheet about to be replaced committed after it was read."""


def _decided_meanwhile(s: Session, sheet: Sheet) -> bool:
    """Whether a decision on ``sheet`` committed since it was read. Asked after its row was
    written: on PostgreSQL a decision being added holds the row (its foreign key), so the write
    waited for it and this fresh read sees it; on SQLite writers are serialized anyway."""
    return bool(s.scalar(select(func.count()).select_from(ReviewDecision)
                         .where(ReviewDecision.sheet_id == sheet.id)))


def _supersede(s: Session, actor: Actor, old: Sheet, new: Sheet) -> None:
    """Mark ``old`` (which just gave its counted place to ``new``) superseded: kept, never
    counted, out of the queue, with the decision and the audit entry saying by which sheet."""
    decision = ReviewDecision(sheet_id=old.id, decision=Decision.SUPERSEDED.value,
                              reason=f"#{new.id}", operator=actor.name)
    old.decisions.append(decision)
    audit.record(s, actor=actor, action="review.superseded", entity="sheet", entity_id=old.id,
                 campaign_id=old.campaign_id, before={"counted": True},
                 after={"counted": False, "serial": old.serial, "page": old.page,
                        "by_sheet": new.id, "by_image_key": new.image_key},
                 covers=(old, decision))


def _fits(source: str) -> str:
    """The end of an over-long path (its file name) in ``Sheet.source``: PostgreSQL, unlike
    SQLite, refuses text wider than the column."""
    width = Sheet.source.type.length
    return source if len(source) <= width else "…" + source[-(width - 1):]


def _page_index(item: AcquiredImage | RecordedBefore) -> int:
    return item.origin.page if isinstance(item.origin, FileOrigin) else 0


def _source(item: AcquiredImage | RecordedBefore) -> str:
    origin = item.origin
    return str(origin.path) if isinstance(origin, FileOrigin) else origin.describe()


def _already(sheet: Sheet) -> Message:
    what = (f"#{sheet.serial}/{sheet.page}" if sheet.serial is not None
            else label_list([Status(sheet.status)]))  # "不计票"/"Rejected", in the reader's words
    return info("already_recorded", what=what,
                at=sheet.recorded_at.astimezone().strftime("%Y-%m-%d %H:%M"))


def _verdict(result: PageResult) -> Message:
    if result.status is Status.ACCEPTED:
        return info("sheet_recorded", serial=result.serial, page=result.layout_page)
    if result.status is Status.REVIEW:
        return info("sheet_for_review", serial=result.serial, page=result.layout_page,
                    reasons=label_list(result.reasons))
    return error("sheet_rejected", reasons=label_list(result.reasons))
