"""Ballot boxes (投票箱), the serials printed for them, and their reconciliation.

Reconciliation per box, each serial counted once: printed = serials of its batches; unused and
spoiled are entered by hand; issued = printed − unused; returned = serials with a counted page
(from the scanned sheets), of which some may be noted spoiled or unused (a ballot spoiled and
still put in the box: shown on its own line, and held for review, see review.py); missing =
printed − returned − spoiled not returned − unused not returned. Until voting is over
(the campaign's phase before 统计评选) the missing ballots are only "not yet returned": still in
voters' hands, no cause for alarm (:attr:`Reconciliation.alarming`).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from ballotformat import BallotKeys
from ballotformat.messages import Message, RuleError, error, register
from desktop.core import audit
from desktop.core.accounts import Actor
from desktop.core.enums import Permission, Phase, SerialState
from desktop.core.labels import label
from desktop.core.registry import fits, normalise_name, printable
from desktop.core.rounds import paper_channel
from desktop.core.store import BallotBox, BoxKey, Campaign, Database, PrintBatch, SerialNote

register({
    "box_has_batches": (
        "投票箱“{box}”已印制过选票，不能删除。",
        "Ballots were printed for box “{box}”; it cannot be deleted.",
    ),
    "serial_not_printed": (
        "票号 {serial} 未印制过。",
        "Serial {serial} was never printed.",
    ),
    "serial_already_noted": (
        "票号 {serial} 已登记为“{state}”。",
        "Serial {serial} is already recorded as “{state}”.",
    ),
    "serials_unreadable": (
        "无法识别票号“{text}”：请输入数字或范围，如 101-120, 135。",
        "Cannot read the serials “{text}”: type numbers or ranges such as 101-120, 135.",
    ),
})

#: How many serials one entry may name (a typo such as 1-1000000 should not hang the UI).
MAX_SERIALS_PER_ENTRY = 100_000

@dataclass(frozen=True)
class BoxInfo:
    id: int
    campaign_id: int
    name: str
    location: str
    responsible: str
    #: The round's paper channel its ballots count in (rounds/).
    channel_id: int | None = None

    @classmethod
    def of(cls, b: BallotBox) -> BoxInfo:
        return cls(b.id, b.campaign_id, b.name, b.location, b.responsible, b.channel_id)


@dataclass(frozen=True)
class BatchInfo:
    id: int
    box_id: int
    box: str
    layout_version: int
    first_serial: int
    last_serial: int
    count: int
    destination: str
    printed_by: str
    printed_at: dt.datetime

    @classmethod
    def of(cls, b: PrintBatch) -> BatchInfo:
        return cls(b.id, b.box_id, b.box.name, b.layout.version, b.first_serial, b.last_serial,
                   b.count, b.destination, b.printed_by, b.printed_at)


@dataclass(frozen=True)
class Reconciliation:
    """One box's line (or the total, with box None)."""

    box: BoxInfo | None
    printed: int
    unused: int
    spoiled: int
    returned: int
    #: The campaign is counting or later: a ballot not back by now is missing.
    voting_over: bool = False
    #: Returned serials that are noted spoiled / unused (included in ``returned``).
    returned_spoiled: int = 0
    returned_unused: int = 0

    @property
    def alarming(self) -> bool:
        """Ballots are missing and should be back by now."""
        return self.voting_over and self.missing > 0

    @property
    def issued(self) -> int:
        return self.printed - self.unused

    @property
    def missing(self) -> int:
        """Printed, and neither returned nor noted spoiled or unused: each serial once."""
        return (self.printed - self.returned - (self.spoiled - self.returned_spoiled)
                - (self.unused - self.returned_unused))


#: Returned serials per box id; the recording layer plugs in the serials of its counted sheets.
ReturnedCounter = Callable[[Session, int], dict[int, set[int]]]


def no_returns_yet(_session: Session, _campaign_id: int) -> dict[int, set[int]]:
    return {}


def parse_serials(text: str) -> list[int]:
    """'101-105, 110 112' → [101, 102, 103, 104, 105, 110, 112] (sorted, without repeats)."""
    serials: set[int] = set()
    for part in re.split(r"[,，、;；\s]+", text.strip()):
        if not part:
            continue
        match = re.fullmatch(r"(\d+)(?:\s*[-–~～至]\s*(\d+))?", part)
        if match is None:
            raise RuleError([error("serials_unreadable", text=part)])
        low = int(match.group(1))
        high = int(match.group(2) or low)
        if high < low or high - low >= MAX_SERIALS_PER_ENTRY:
            raise RuleError([error("serials_unreadable", text=part)])
        serials.update(range(low, high + 1))
    return sorted(serials)


class Boxes:
    def __init__(self, db: Database, actor: Actor,
                 returned: ReturnedCounter = no_returns_yet) -> None:
        self.db = db
        self.actor = actor
        self.returned = returned

    def add_box(self, campaign_id: int, name: str, location: str = "",
                responsible: str = "", channel_id: int | None = None) -> BoxInfo:
        """A box in the paper channel ``channel_id`` (checked: ``rounds.paper_channel``), by
        default the public paper channel of the campaign's first open round."""
        self.actor.require(Permission.MANAGE_REGISTRY)
        name = normalise_name(name)
        with self.db.transaction() as s:
            self._check_box(s, campaign_id, name, None)
            box = BallotBox(campaign_id=campaign_id, name=name, location=location.strip(),
                            responsible=responsible.strip(),
                            channel_id=paper_channel(s, campaign_id, channel_id))
            s.add(box)
            s.flush()
            audit.record(s, actor=self.actor, action="box.create", entity="ballot_box",
                         entity_id=box.id, campaign_id=campaign_id, after=audit.snapshot(box))
            return BoxInfo.of(box)

    def update_box(self, box_id: int, name: str, location: str, responsible: str) -> BoxInfo:
        self.actor.require(Permission.MANAGE_REGISTRY)
        name = normalise_name(name)
        with self.db.transaction() as s:
            box = s.get_one(BallotBox, box_id)
            self._check_box(s, box.campaign_id, name, box_id)
            before = audit.snapshot(box)
            box.name, box.location, box.responsible = name, location.strip(), responsible.strip()
            s.flush()
            audit.record(s, actor=self.actor, action="box.update", entity="ballot_box",
                         entity_id=box.id, campaign_id=box.campaign_id, before=before,
                         after=audit.snapshot(box))
            return BoxInfo.of(box)

    def _check_box(self, s: Session, campaign_id: int, name: str, box_id: int | None) -> None:
        messages: list[Message] = []
        if not name:
            messages.append(error("missing_field", field="box"))
        else:
            messages += printable(name) + fits("box", name, BallotBox.name)
        taken = s.scalar(select(BallotBox.id).where(
            BallotBox.campaign_id == campaign_id, BallotBox.name == name))
        if taken is not None and taken != box_id:
            messages.append(error("name_taken", name=name))
        if messages:
            raise RuleError(messages)

    def delete_box(self, box_id: int) -> None:
        self.actor.require(Permission.MANAGE_REGISTRY)
        with self.db.transaction() as s:
            box = s.get_one(BallotBox, box_id)
            if s.scalar(select(func.count()).select_from(PrintBatch)
                        .where(PrintBatch.box_id == box_id)):
                raise RuleError([error("box_has_batches", box=box.name)])
            before = audit.snapshot(box)
            s.delete(box)
            audit.record(s, actor=self.actor, action="box.delete", entity="ballot_box",
                         entity_id=box_id, campaign_id=box.campaign_id, before=before)

    def list_boxes(self, campaign_id: int) -> list[BoxInfo]:
        with self.db.transaction() as s:
            query = select(BallotBox).where(BallotBox.campaign_id == campaign_id)
            return [BoxInfo.of(b) for b in s.scalars(query.order_by(BallotBox.id))]

    def find_box(self, campaign_id: int, name: str) -> BoxInfo:
        for box in self.list_boxes(campaign_id):
            if box.name == normalise_name(name) or str(box.id) == name.strip():
                return box
        raise RuleError([error("not_found", field="box", name=name)])

    def batches(self, campaign_id: int, box_id: int | None = None) -> list[BatchInfo]:
        with self.db.transaction() as s:
            query = select(PrintBatch).where(PrintBatch.campaign_id == campaign_id)
            if box_id is not None:
                query = query.where(PrintBatch.box_id == box_id)
            return [BatchInfo.of(b) for b in s.scalars(query.order_by(PrintBatch.first_serial))]

    def batch_of_serial(self, campaign_id: int, serial: int) -> BatchInfo | None:
        with self.db.transaction() as s:
            batch = batch_of(s, campaign_id, serial)
            return None if batch is None else BatchInfo.of(batch)

    def note_serials(self, campaign_id: int, serials: Iterable[int], state: SerialState,
                     note: str = "") -> int:
        """Record serials as spoiled or unused: all of them, or none with every reason."""
        self.actor.require(Permission.SCAN)
        serials = sorted(set(serials))
        with self.db.transaction() as s:
            messages: list[Message] = []
            for serial in serials:
                if batch_of(s, campaign_id, serial) is None:
                    messages.append(error("serial_not_printed", serial=serial))
                    continue
                existing = s.scalar(select(SerialNote).where(
                    SerialNote.campaign_id == campaign_id, SerialNote.serial == serial))
                if existing is not None:
                    messages.append(error("serial_already_noted", serial=serial,
                                          state=label(existing.state)))
                    continue
                entry = SerialNote(campaign_id=campaign_id, serial=serial, state=state,
                                   note=note.strip(), recorded_by=self.actor.name)
                s.add(entry)
                s.flush()
                audit.record(s, actor=self.actor, action=f"serial.{state.value}",
                             entity="serial_note", entity_id=entry.id, campaign_id=campaign_id,
                             after=audit.snapshot(entry), covers=(entry,))
            if messages:
                raise RuleError(messages)
            return len(serials)

    def reconciliation(self, campaign_id: int) -> tuple[list[Reconciliation], Reconciliation]:
        """One line per box, and the total."""
        with self.db.transaction() as s:
            boxes = s.scalars(select(BallotBox).where(BallotBox.campaign_id == campaign_id)
                              .order_by(BallotBox.id)).all()
            batches = s.scalars(select(PrintBatch)
                                .where(PrintBatch.campaign_id == campaign_id)).all()
            notes = s.scalars(select(SerialNote)
                              .where(SerialNote.campaign_id == campaign_id)).all()
            returned = self.returned(s, campaign_id)
            phase = s.get_one(Campaign, campaign_id).phase
            voting_over = list(Phase).index(phase) >= list(Phase).index(Phase.COUNTING)
            lines = []
            for box in boxes:
                own = [b for b in batches if b.box_id == box.id]
                back = returned.get(box.id, set())
                noted = [n for n in notes
                         if any(b.first_serial <= n.serial <= b.last_serial for b in own)]
                spoiled = {n.serial for n in noted if n.state is SerialState.SPOILED}
                unused = {n.serial for n in noted if n.state is SerialState.UNUSED}
                lines.append(Reconciliation(
                    BoxInfo.of(box), sum(b.count for b in own), len(unused), len(spoiled),
                    len(back), voting_over, len(spoiled & back), len(unused & back)))
            total = Reconciliation(
                None, sum(x.printed for x in lines), sum(x.unused for x in lines),
                sum(x.spoiled for x in lines), sum(x.returned for x in lines), voting_over,
                sum(x.returned_spoiled for x in lines), sum(x.returned_unused for x in lines))
            return lines, total


def batch_of(s: Session, campaign_id: int | None, serial: int) -> PrintBatch | None:
    """The print batch a serial belongs to, if it was printed in this database."""
    return s.scalar(select(PrintBatch).where(
        PrintBatch.campaign_id == campaign_id, PrintBatch.first_serial <= serial,
        PrintBatch.first_serial + PrintBatch.count > serial))


def ballot_keys(s: Session) -> BallotKeys:
    """What checks ballot signatures in this database: the campaign secrets (the organiser's)
    or the box keys a station copy holds, and every print batch (a serial's box)."""
    secrets = {row.id: row.secret for row in s.execute(select(Campaign.id, Campaign.secret))}
    held = {(k.campaign_id, k.box_id): k.key for k in s.scalars(select(BoxKey))}
    batches = [(c, first, count, box) for c, first, count, box in s.execute(
        select(PrintBatch.campaign_id, PrintBatch.first_serial, PrintBatch.count,
               PrintBatch.box_id))]
    return BallotKeys.of(secrets, secrets, held, batches)
