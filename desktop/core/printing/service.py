"""Printing ballots for a box: registry → ballot spec → versioned layout → signed PDF batch.

Layout versions. The stored layout is the ballot without a box name (the box name only fills
the header line and moves nothing the scanner reads). Its fingerprint identifies it: printing
with an unchanged registry reuses the stored version; after a ballot-relevant edit the next
print stores a new version, and the old one stays readable for the ballots already out. A print
that differs only in its words (the instructions in English) reads exactly like a stored
version (same :attr:`Layout.reading_fingerprint`) and is printed as that version: no change
is reported, and the stored JSON keeps the words of its first print.

A batch is recorded only once its PDF is complete: render to a temporary file, then record the
layout and the serials in one transaction, then move the file into place. A cancelled or
failed print records nothing.
"""

from __future__ import annotations

import contextlib
import logging
import os
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.exc import DBAPIError, IntegrityError
from sqlalchemy.orm import Session

from ballotformat import (
    BallotSpec,
    CandidateSpec,
    CategorySpec,
    KeyLookup,
    Layout,
    Paper,
    box_key,
    build_layout,
    render_batch,
    render_preview,
)
from ballotformat.messages import Message, RuleError, error, register, warning
from ballotformat.payload import MAX_SERIAL as MAX_SERIAL_IN_CODE
from desktop.core import audit
from desktop.core.accounts import Actor
from desktop.core.enums import CandidateStatus, ChannelKind, Permission, RoundStatus
from desktop.core.labels import label
from desktop.core.printing.boxes import BatchInfo, ballot_keys
from desktop.core.registry import Candidates, Registry
from desktop.core.rounds import (
    box_channel,
    current_round,
    get_round,
    round_of_box,
    standing_in,
)
from desktop.core.store import BallotBox, Database, LayoutVersion, PrintBatch, is_write_conflict

log = logging.getLogger(__name__)

register({
    "no_shortlist": (
        "还没有入围的候选对象：请先在“候选对象”中将候选对象设为入围并编号。",
        "No candidate is shortlisted yet: shortlist and number the candidates first.",
    ),
    "shortlisted_without_number": (
        "入围候选对象“{name}”（{category}）还没有编号。",
        "Shortlisted candidate “{name}” ({category}) has no number yet.",
    ),
    "layout_changed": (
        "选票内容自第 {old} 版以来已修改：本次将印制第 {new} 版。"
        "已发出的第 {old} 版选票仍可正常识别。",
        "The ballot changed since version {old}: this print will be version {new}. Ballots "
        "already out use version {old} and stay readable.",
    ),
    "batch_size": (
        "每批印制数量必须在 1 到 {maximum} 张之间，而不是 {count}。",
        "A batch must have from 1 to {maximum} ballots, not {count}.",
    ),
    "serials_exhausted": (
        "票号已用尽（上限 {maximum}）。",
        "No serials are left (the limit is {maximum}).",
    ),
})

#: One print job at most: large enough for any community centre, small enough to catch typos.
MAX_BATCH_BALLOTS = 50_000
#: The highest serial: what the QR code can carry, and what a 32-bit integer column holds
#: (PostgreSQL's INTEGER; the code's limit is slightly higher).
MAX_SERIAL = min(MAX_SERIAL_IN_CODE, 2**31 - 1)
#: A batch's destination when it went to a printer rather than to a PDF file.
PRINTER_DESTINATION_PREFIX = "printer:"
#: Serials already taken by a print running at the same time: try the next range this often.
SERIAL_ALLOCATION_ATTEMPTS = 5

Progress = Callable[[int, int], None]
Cancel = Callable[[], bool]


@dataclass(frozen=True)
class PrintOptions:
    paper: Paper = Paper.A4
    language: str = "zh_CN"
    show_photos: bool = False


@dataclass(frozen=True)
class LayoutState:
    """The layout the next print would use, and whether it is stored already."""

    layout: Layout
    stored: bool
    #: Warnings for the organiser (e.g. ``layout_changed``).
    warnings: tuple[Message, ...]

    @property
    def version(self) -> int:
        return self.layout.layout_version


def _reading_geometry(layout: Layout) -> dict[str, Any]:
    """What the scanner relies on: everything but the printed texts and the version."""
    content = layout.to_dict()
    del content["layout_version"]
    for page in content["pages"]:
        page.pop("texts", None)
    return content


class Printing:
    def __init__(self, db: Database, actor: Actor, registry: Registry,
                 candidates: Candidates) -> None:
        self.db = db
        self.actor = actor
        self.registry = registry
        self.candidates = candidates

    def spec(self, campaign_id: int, options: PrintOptions, box_name: str = "",
             round_id: int | None = None, ballot_kind: str = "") -> BallotSpec:
        """The ballot as the registry says now: the candidates standing in the round (the
        shortlist in the first; by default the campaign's current round), in number order."""
        campaign = self.registry.get_campaign(campaign_id)
        with self.db.transaction() as s:
            row = current_round(s, campaign_id) if round_id is None else get_round(s, round_id)
            position, standing = row.position, standing_in(s, row)
            if standing == set():
                raise RuleError([error("round_no_candidates", position=row.position,
                                       name=row.name)])
        if standing is None:
            shortlisted = self.candidates.list(campaign_id, statuses=[CandidateStatus.SHORTLISTED])
        else:
            shortlisted = [c for c in self.candidates.list(campaign_id) if c.id in standing]
        problems = [error("shortlisted_without_number", name=c.name, category=c.category)
                    for c in shortlisted if c.number is None]
        if problems:
            raise RuleError(problems)
        categories = []
        for category in self.registry.list_categories(campaign_id):
            members = tuple(
                CandidateSpec(c.number_text, c.name, c.unit,
                              self.candidates.photo(c.id) if options.show_photos else None)
                for c in shortlisted if c.category_id == category.id)
            if members:
                categories.append(CategorySpec(category.name, category.max_marks, members))
        if not categories:
            raise RuleError([error("no_shortlist")])
        return BallotSpec(campaign_id, campaign.name, box_name, tuple(categories),
                          options.language, options.paper, options.show_photos, position,
                          ballot_kind)

    def current_layout(self, campaign_id: int, options: PrintOptions) -> LayoutState:
        layout = build_layout(self.spec(campaign_id, options))
        with self.db.transaction() as s:
            return self._versioned(s, campaign_id, layout)

    def _versioned(self, s: Session, campaign_id: int, layout: Layout) -> LayoutState:
        """The stored version ``layout`` is, or the next number; versions are numbered across
        the campaign, and a change is reported against the newest of the layout's round."""
        fingerprint = layout.fingerprint
        same = s.scalar(select(LayoutVersion.version).where(
            LayoutVersion.campaign_id == campaign_id, LayoutVersion.fingerprint == fingerprint))
        if same is not None:
            return LayoutState(layout.with_version(same), True, ())
        stored = {version: Layout.from_json(text) for version, text in s.execute(
            select(LayoutVersion.version, LayoutVersion.layout_json)
            .where(LayoutVersion.campaign_id == campaign_id))}
        # printed before with other words (the instructions' language)?
        reading = layout.reading_fingerprint
        same = next((version for version, other in stored.items()
                     if other.reading_fingerprint == reading), None)
        if same is not None:
            return LayoutState(layout.with_version(same), True, ())
        new = max(stored, default=0) + 1
        latest = max((v for v, other in stored.items() if other.round == layout.round),
                     default=None)
        warnings = () if latest is None else (warning("layout_changed", old=latest, new=new),)
        return LayoutState(layout.with_version(new), False, warnings)

    def stored_layout(self, campaign_id: int, version: int) -> Layout | None:
        """A stored version, for reading ballots printed with it (None if never printed)."""
        with self.db.transaction() as s:
            text = s.scalar(select(LayoutVersion.layout_json).where(
                LayoutVersion.campaign_id == campaign_id, LayoutVersion.version == version))
        return None if text is None else Layout.from_json(text)

    def stored_versions(self, campaign_id: int) -> list[int]:
        with self.db.transaction() as s:
            return list(s.scalars(select(LayoutVersion.version).where(
                LayoutVersion.campaign_id == campaign_id).order_by(LayoutVersion.version)))

    def preview(self, campaign_id: int, options: PrintOptions, box_name: str = "") -> bytes:
        """One ballot as PDF bytes, from the same code that prints (signed with a throw-away
        key, so a printed preview is refused by the reader)."""
        return render_preview(build_layout(self.spec(campaign_id, options, box_name)))

    def print_batch(self, campaign_id: int, box_id: int, count: int, out: Path,
                    options: PrintOptions, progress: Progress | None = None,
                    cancel: Cancel | None = None, destination: str | None = None) -> BatchInfo:
        """Print ``count`` ballots for a box into ``out`` and record their serials.

        ``destination`` is what the batch history shows (default: the PDF's path); a batch
        spooled to a printer records ``PRINTER_DESTINATION_PREFIX`` + the printer's name."""
        self.actor.require(Permission.MANAGE_REGISTRY)
        if not 1 <= count <= MAX_BATCH_BALLOTS:
            raise RuleError([error("batch_size", count=count, maximum=MAX_BATCH_BALLOTS)])
        with self.db.transaction() as s:
            box = s.get(BallotBox, box_id)
            if box is None or box.campaign_id != campaign_id:
                raise RuleError([error("not_found", field="box", name=str(box_id))])
            box_name = box.name
            channel = box_channel(s, box_id)
            round_id = None if channel is None else channel.round_id
            if round_id is not None:
                row = get_round(s, round_id)
                if row.status is RoundStatus.CLOSED:
                    raise RuleError([error("round_closed", position=row.position,
                                           name=row.name)])
            kind = (label(channel.kind, options.language)
                    if channel is not None and channel.kind is ChannelKind.PAPER_DELEGATES
                    else "")
        generic = build_layout(self.spec(campaign_id, options, round_id=round_id,
                                         ballot_kind=kind))
        for _attempt in range(SERIAL_ALLOCATION_ATTEMPTS):
            with self.db.transaction() as s:
                state = self._versioned(s, campaign_id, generic)
                first = self._next_serial(s, campaign_id)
            if first + count - 1 > MAX_SERIAL:
                raise RuleError([error("serials_exhausted", maximum=MAX_SERIAL)])
            printed = build_layout(self.spec(campaign_id, options, box_name, round_id, kind),
                                   layout_version=state.version)
            assert _reading_geometry(printed) == _reading_geometry(state.layout), \
                "the box name must not move anything the scanner reads"
            temporary = self._render(printed, range(first, first + count), out, progress,
                                     cancel, box_id)
            try:
                batch = self._record(campaign_id, box_id, first, count, state,
                                     destination or str(out), options.paper)
            except DBAPIError as exc:
                temporary.unlink(missing_ok=True)
                if not is_write_conflict(exc):
                    raise
                continue  # another print took these serials (or the layout version): again
            try:
                os.replace(temporary, out)
            except OSError as exc:
                temporary.unlink(missing_ok=True)
                self._forget(batch.id)
                raise RuleError([error("file_write_failed", file=out.name,
                                       reason=exc.strerror or exc)]) from exc
            log.info("printed %d ballots for box %s, serials %d–%d, layout version %d, to %s",
                     count, box_name, first, first + count - 1, state.version,
                     destination or out)
            return batch
        raise RuleError([error("serials_exhausted", maximum=MAX_SERIAL)])

    @staticmethod
    def _next_serial(s: Session, campaign_id: int) -> int:
        end = s.scalar(select(func.max(PrintBatch.first_serial + PrintBatch.count))
                       .where(PrintBatch.campaign_id == campaign_id))
        return end or 1

    def _render(self, layout: Layout, serials: range, out: Path, progress: Progress | None,
                cancel: Cancel | None, box_id: int) -> Path:
        """The batch's PDF under a temporary name, signed with its box's key."""
        campaign_id = layout.campaign_id
        key = box_key(self.registry.campaign_secret(campaign_id), campaign_id, box_id)
        out.parent.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile(dir=out.parent, prefix=f".{out.stem}.", suffix=".pdf",
                                         delete=False) as handle:
            temporary = Path(handle.name)
        try:
            render_batch(layout, list(serials), key, temporary, progress=progress,
                         cancel=cancel)
        except BaseException:
            with contextlib.suppress(OSError):
                temporary.unlink()
            raise
        return temporary

    def _record(self, campaign_id: int, box_id: int, first: int, count: int,
                state: LayoutState, destination: str, paper: Paper) -> BatchInfo:
        with self.db.transaction() as s:
            layout_row = s.scalar(select(LayoutVersion).where(
                LayoutVersion.campaign_id == campaign_id,
                LayoutVersion.version == state.version))
            if layout_row is None:
                layout_row = LayoutVersion(
                    campaign_id=campaign_id, version=state.version,
                    paper=paper, fingerprint=state.layout.fingerprint,
                    layout_json=state.layout.to_json())
                s.add(layout_row)
                s.flush()
                audit.record(s, actor=self.actor, action="layout.store", entity="layout_version",
                             entity_id=layout_row.id, campaign_id=campaign_id,
                             after={"version": state.version,
                                    "fingerprint": layout_row.fingerprint})
            elif (Layout.from_json(layout_row.layout_json).reading_fingerprint
                  != state.layout.reading_fingerprint):
                raise IntegrityError("layout version taken by another print", None, ValueError())
            batch = PrintBatch(campaign_id=campaign_id, box_id=box_id, layout_id=layout_row.id,
                               first_serial=first, count=count, destination=destination,
                               printed_by=self.actor.name, round_id=round_of_box(s, box_id))
            s.add(batch)
            s.flush()
            audit.record(s, actor=self.actor, action="batch.print", entity="print_batch",
                         entity_id=batch.id, campaign_id=campaign_id,
                         after=audit.snapshot(batch))
            return BatchInfo.of(batch)

    def _forget(self, batch_id: int) -> None:
        """Undo the record of a batch whose PDF could not be put in place."""
        with self.db.transaction() as s:
            batch = s.get_one(PrintBatch, batch_id)
            audit.record(s, actor=self.actor, action="batch.cancel", entity="print_batch",
                         entity_id=batch_id, campaign_id=batch.campaign_id,
                         before=audit.snapshot(batch))
            s.delete(batch)


def key_lookup(db: Database) -> KeyLookup:
    """The reader's key lookup of this database, as it is now (see boxes.ballot_keys)."""
    with db.transaction() as s:
        return ballot_keys(s).key_for
