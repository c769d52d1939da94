"""SQLAlchemy 2 typed models. Schema changes go through Alembic (desktop/core/store/migrations).

Portable SQL only: enums are stored as strings, datetimes as UTC, so that the same schema runs
on SQLite (the default, one file per organiser) and PostgreSQL (shared counting halls).
"""

from __future__ import annotations

import datetime as dt
import math
import struct
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import (
    JSON,
    Date,
    DateTime,
    Enum,
    ForeignKey,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Text,
    TypeDecorator,
    UniqueConstraint,
)
from sqlalchemy.engine import Dialect
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

from ballotformat import Paper
from desktop.core.enums import (
    CandidateKind,
    CandidateStatus,
    ChannelKind,
    Phase,
    Role,
    RoundStatus,
    SerialState,
    Sex,
)

#: Names of constraints, so that migrations are deterministic on every backend.
NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


def utcnow() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


class UTCDateTime(TypeDecorator[dt.datetime]):
    """Stores naive UTC, returns aware UTC; identical on SQLite and PostgreSQL."""

    impl = DateTime
    cache_ok = True

    def process_bind_param(self, value: dt.datetime | None, dialect: Dialect) -> dt.datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime given; use an aware UTC datetime")
        return value.astimezone(dt.UTC).replace(tzinfo=None)

    def process_result_value(self, value: Any, dialect: Dialect) -> dt.datetime | None:
        if value is None:
            return None
        assert isinstance(value, dt.datetime)
        return value.replace(tzinfo=dt.UTC)


def _enum(cls: type[Any], name: str) -> Enum:
    return Enum(
        cls,
        name=name,
        native_enum=False,
        length=32,
        values_callable=lambda members: [m.value for m in members],
        validate_strings=True,
    )


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)


class Campaign(Base):
    __tablename__ = "campaign"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200), unique=True)
    description: Mapped[str] = mapped_column(Text, default="")
    phase: Mapped[Phase] = mapped_column(_enum(Phase, "phase"), default=Phase.NOMINATION)
    starts_on: Mapped[dt.date | None] = mapped_column(Date)
    voting_opens_on: Mapped[dt.date | None] = mapped_column(Date)
    voting_closes_on: Mapped[dt.date | None] = mapped_column(Date)
    ends_on: Mapped[dt.date | None] = mapped_column(Date)
    summary_max_chars: Mapped[int] = mapped_column(Integer, default=300)
    default_quota: Mapped[int] = mapped_column(Integer, default=3)
    #: Signs ballot serials: each box's key is derived from it (ballots.payload.box_key), old
    #: ballots were signed with it. Generated at creation; never shown, exported or audited.
    #: Empty in a station copy, which holds its boxes' keys instead (:class:`BoxKey`). (Empty
    #: rather than NULL: making the column nullable would rebuild the campaign table on SQLite,
    #: and dropping the old one there deletes every row referencing it.)
    secret: Mapped[bytes] = mapped_column(LargeBinary(64))
    #: What names the campaign in a station package (station_package.campaign_tag), kept only
    #: in a station copy: elsewhere it is computed from the secret.
    package_tag: Mapped[str | None] = mapped_column(String(64))
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)

    categories: Mapped[list[Category]] = relationship(
        back_populates="campaign", cascade="all, delete-orphan", order_by="Category.position"
    )
    units: Mapped[list[Unit]] = relationship(
        back_populates="campaign", cascade="all, delete-orphan", order_by="Unit.id"
    )


class Category(Base):
    """An award category (奖项)."""

    __tablename__ = "category"
    __table_args__ = (UniqueConstraint("campaign_id", "name"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    campaign_id: Mapped[int] = mapped_column(ForeignKey("campaign.id", ondelete="CASCADE"))
    name: Mapped[str] = mapped_column(String(200))
    winners: Mapped[int] = mapped_column(Integer)
    max_marks: Mapped[int] = mapped_column(Integer)
    position: Mapped[int] = mapped_column(Integer, default=0)
    kind: Mapped[CandidateKind] = mapped_column(
        _enum(CandidateKind, "candidate_kind"), default=CandidateKind.PERSON
    )

    campaign: Mapped[Campaign] = relationship(back_populates="categories")
    candidates: Mapped[list[Candidate]] = relationship(
        back_populates="category", cascade="all, delete-orphan", order_by="Candidate.id"
    )


class Unit(Base):
    """A nominating unit (推荐单位) with its quota per category."""

    __tablename__ = "unit"
    __table_args__ = (UniqueConstraint("campaign_id", "name"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    campaign_id: Mapped[int] = mapped_column(ForeignKey("campaign.id", ondelete="CASCADE"))
    name: Mapped[str] = mapped_column(String(200))
    quota: Mapped[int] = mapped_column(Integer, default=3)

    campaign: Mapped[Campaign] = relationship(back_populates="units")
    candidates: Mapped[list[Candidate]] = relationship(back_populates="unit")


class Candidate(Base):
    """A nomination: the fields of the 推荐表 plus its review state."""

    __tablename__ = "candidate"
    __table_args__ = (UniqueConstraint("category_id", "number"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    category_id: Mapped[int] = mapped_column(ForeignKey("category.id", ondelete="CASCADE"))
    unit_id: Mapped[int] = mapped_column(ForeignKey("unit.id", ondelete="RESTRICT"))
    number: Mapped[int | None] = mapped_column(Integer)
    name: Mapped[str] = mapped_column(String(200))
    sex: Mapped[Sex | None] = mapped_column(_enum(Sex, "sex"))
    #: "YYYY-MM" or "YYYY-MM-DD": forms give 出生年月, often without a day.
    birth: Mapped[str | None] = mapped_column(String(10))
    political: Mapped[str] = mapped_column(String(100), default="")
    post: Mapped[str] = mapped_column(String(300), default="")
    awards: Mapped[str] = mapped_column(Text, default="")
    summary: Mapped[str] = mapped_column(Text, default="")
    status: Mapped[CandidateStatus] = mapped_column(
        _enum(CandidateStatus, "candidate_status"), default=CandidateStatus.NOMINATED
    )
    review_note: Mapped[str] = mapped_column(Text, default="")
    reviewed_by: Mapped[str | None] = mapped_column(String(100))
    reviewed_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)

    category: Mapped[Category] = relationship(back_populates="candidates")
    unit: Mapped[Unit] = relationship(back_populates="candidates")


class Photo(Base):
    """A candidate's photo, normalised to JPEG, with a small thumbnail for tables.

    No ORM relationship: photos are loaded only when asked for, and the database's
    ON DELETE CASCADE removes them with their candidate.
    """

    __tablename__ = "photo"

    candidate_id: Mapped[int] = mapped_column(
        ForeignKey("candidate.id", ondelete="CASCADE"), primary_key=True
    )
    sha256: Mapped[str] = mapped_column(String(64))
    image: Mapped[bytes] = mapped_column(LargeBinary)
    thumbnail: Mapped[bytes] = mapped_column(LargeBinary)


class BallotBox(Base):
    """A ballot box (投票箱) at a polling place, e.g. "东湖社区服务中心 1号箱"."""

    __tablename__ = "ballot_box"
    __table_args__ = (UniqueConstraint("campaign_id", "name"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    campaign_id: Mapped[int] = mapped_column(ForeignKey("campaign.id", ondelete="CASCADE"))
    name: Mapped[str] = mapped_column(String(200))
    location: Mapped[str] = mapped_column(String(300), default="")
    responsible: Mapped[str] = mapped_column(String(100), default="")
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)
    #: The round's paper channel its ballots count in (群众投票, 代表投票); NULL only for a
    #: box added by a program that does not know rounds (before 0013 every box had none).
    #: No ON DELETE clause (a referenced channel cannot be deleted either way): SQLite keeps
    #: none it could report for a column added to an existing table (migration 0013).
    channel_id: Mapped[int | None] = mapped_column(ForeignKey("round_channel.id"))


class BoxKey(Base):
    """A box's ballot MAC key, as a station copy holds it in place of the campaign secret
    (the organiser derives it from the secret and stores none)."""

    __tablename__ = "box_key"

    box_id: Mapped[int] = mapped_column(
        ForeignKey("ballot_box.id", ondelete="CASCADE"), primary_key=True)
    campaign_id: Mapped[int] = mapped_column(ForeignKey("campaign.id", ondelete="CASCADE"))
    key: Mapped[bytes] = mapped_column(LargeBinary(32))


class LayoutVersion(Base):
    """A frozen ballot layout, stored when the first ballot using it is printed.

    Never changed afterwards: scans of ballots printed with it are read with it.
    """

    __tablename__ = "layout_version"
    __table_args__ = (UniqueConstraint("campaign_id", "version"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    campaign_id: Mapped[int] = mapped_column(ForeignKey("campaign.id", ondelete="CASCADE"))
    version: Mapped[int] = mapped_column(Integer)
    paper: Mapped[Paper] = mapped_column(_enum(Paper, "paper"))
    #: SHA-256 of what is printed and where: equal fingerprints mean the same ballot.
    fingerprint: Mapped[str] = mapped_column(String(64))
    layout_json: Mapped[str] = mapped_column(Text)
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)


class PrintBatch(Base):
    """Ballots printed for one box: serials first_serial … first_serial + count − 1."""

    __tablename__ = "print_batch"
    __table_args__ = (UniqueConstraint("campaign_id", "first_serial"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    campaign_id: Mapped[int] = mapped_column(ForeignKey("campaign.id", ondelete="CASCADE"))
    box_id: Mapped[int] = mapped_column(ForeignKey("ballot_box.id", ondelete="RESTRICT"))
    layout_id: Mapped[int] = mapped_column(ForeignKey("layout_version.id", ondelete="RESTRICT"))
    first_serial: Mapped[int] = mapped_column(Integer)
    count: Mapped[int] = mapped_column(Integer)
    destination: Mapped[str] = mapped_column(String(500), default="")
    printed_by: Mapped[str] = mapped_column(String(100))
    printed_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)
    #: The round the ballots were printed for (its box's channel's round).
    round_id: Mapped[int | None] = mapped_column(ForeignKey("campaign_round.id"))

    box: Mapped[BallotBox] = relationship()
    layout: Mapped[LayoutVersion] = relationship()

    @property
    def last_serial(self) -> int:
        return self.first_serial + self.count - 1


class SerialNote(Base):
    """A serial entered by hand as spoiled (作废) or unused, with who and why."""

    __tablename__ = "serial_note"
    __table_args__ = (UniqueConstraint("campaign_id", "serial"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    campaign_id: Mapped[int] = mapped_column(ForeignKey("campaign.id", ondelete="CASCADE"))
    serial: Mapped[int] = mapped_column(Integer)
    state: Mapped[SerialState] = mapped_column(_enum(SerialState, "serial_state"))
    note: Mapped[str] = mapped_column(Text, default="")
    recorded_by: Mapped[str] = mapped_column(String(100))
    recorded_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)


class Sheet(Base):
    """One scanned page image, whatever the reader made of it.

    Every image is kept (rejected and duplicate ones too, for the review queue), but only one
    sheet per campaign, serial and page can count: ``counted_key`` is set on that one only,
    and its unique constraint makes "never counted twice" hold in the database itself, also
    with several stations writing at once.
    """

    __tablename__ = "sheet"

    id: Mapped[int] = mapped_column(primary_key=True)
    #: Content address of the archived file and the page inside it ("<sha256>:<page index>").
    image_key: Mapped[str] = mapped_column(String(80), unique=True)
    image_sha256: Mapped[str] = mapped_column(String(64), index=True)
    page_index: Mapped[int] = mapped_column(Integer, default=0)
    archive_path: Mapped[str] = mapped_column(String(300))
    source: Mapped[str] = mapped_column(String(500), default="")
    campaign_id: Mapped[int | None] = mapped_column(
        ForeignKey("campaign.id", ondelete="CASCADE"), index=True)
    serial: Mapped[int | None] = mapped_column(Integer)
    layout_version: Mapped[int | None] = mapped_column(Integer)
    page: Mapped[int | None] = mapped_column(Integer)
    box_id: Mapped[int | None] = mapped_column(ForeignKey("ballot_box.id", ondelete="RESTRICT"))
    #: "<campaign>:<serial>:<page>" on the one sheet that counts for them; NULL otherwise.
    counted_key: Mapped[str | None] = mapped_column(String(40), unique=True)
    status: Mapped[str] = mapped_column(String(16))
    reasons: Mapped[list[str]] = mapped_column(JSON, default=list)
    qr_text: Mapped[str | None] = mapped_column(String(64))
    #: Image pixels to page millimetres (3 × 3, row-major) for the review screen's zoom.
    homography: Mapped[list[float] | None] = mapped_column(JSON)
    image_scale: Mapped[float] = mapped_column(default=1.0)
    station: Mapped[str] = mapped_column(String(100))
    recorded_by: Mapped[str] = mapped_column(String(100))
    recorded_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)

    #: What the reader saw in the targets, packed (docs/architecture.md, "Marks"): the
    #: targets' list (shared by every sheet read with the same targets), one state code per
    #: target in that order (:data:`MARK_STATE_CODES`), and the scores in the same order
    #: (:data:`MARK_SCORE_STEPS`). A sheet without marks has no list and empty states. The
    #: list's id is no foreign key (see migration 0012); lists are never deleted.
    mark_targets_id: Mapped[int | None] = mapped_column(Integer)
    mark_states: Mapped[str] = mapped_column(Text, default="")
    mark_scores: Mapped[bytes] = mapped_column(LargeBinary, default=b"")

    mark_targets: Mapped[MarkTargets | None] = relationship(
        lazy="selectin", primaryjoin="foreign(Sheet.mark_targets_id) == MarkTargets.id")
    decisions: Mapped[list[ReviewDecision]] = relationship(
        cascade="all, delete-orphan", order_by="ReviewDecision.id")

    @property
    def marks(self) -> tuple[StoredMark, ...]:
        """The marks as stored, in the reader's order."""
        targets = self.mark_targets.keys if self.mark_targets is not None else ()
        return unpack_marks(targets, self.mark_states, self.mark_scores)


class MarkTargets(Base):
    """The targets of packed marks, in order: one row per distinct list (a layout page's
    targets, as the reader returned them), found by the SHA-256 of its canonical JSON."""

    __tablename__ = "mark_targets"

    id: Mapped[int] = mapped_column(primary_key=True)
    digest: Mapped[str] = mapped_column(String(64), unique=True)
    #: [[category, candidate number as printed], …]
    targets: Mapped[list[list[str]]] = mapped_column(JSON)

    @property
    def keys(self) -> tuple[tuple[str, str], ...]:
        return tuple((str(category), str(candidate)) for category, candidate in self.targets)


#: One character per target state in ``Sheet.mark_states`` (the values are MarkState's).
MARK_STATE_CODES: dict[str, str] = {"marked": "x", "empty": ".", "ambiguous": "?"}
MARK_STATE_OF_CODE: dict[str, str] = {code: state for state, code in MARK_STATE_CODES.items()}
#: ``Sheet.mark_scores``: the reader's scores are stored rounded to 1/``MARK_SCORE_STEPS``
#: (recording.py), so each fits two bytes (little-endian unsigned, the score times the steps);
#: a sheet with any other score (none is written so; one would be kept exactly) has them all
#: as IEEE doubles, eight bytes each. The length tells which.
MARK_SCORE_STEPS = 10_000
_SCORE_SHORT, _SCORE_DOUBLE = "H", "d"
_SHORT_MAX = 0xFFFF


@dataclass(frozen=True)
class StoredMark:
    """What the reader saw in one target box of a sheet."""

    category: str
    candidate: str
    state: str  # a MarkState value
    score: float


def pack_marks(marks: Sequence[StoredMark]) -> tuple[list[list[str]], str, bytes]:
    """(targets, states, scores) of ``marks``, in their order."""
    targets = [[m.category, m.candidate] for m in marks]
    states = "".join(MARK_STATE_CODES[m.state] for m in marks)
    steps = [round(m.score * MARK_SCORE_STEPS) for m in marks]
    exact = all(0 <= k <= _SHORT_MAX and k / MARK_SCORE_STEPS == m.score
                and math.copysign(1.0, m.score) > 0  # -0.0 would come back as 0.0
                for k, m in zip(steps, marks, strict=True))
    scores = (struct.pack(f"<{len(marks)}{_SCORE_SHORT}", *steps) if exact
              else struct.pack(f"<{len(marks)}{_SCORE_DOUBLE}", *(m.score for m in marks)))
    return targets, states, scores


def unpack_marks(targets: Sequence[tuple[str, str]], states: str, scores: bytes
                 ) -> tuple[StoredMark, ...]:
    """The marks packed by :func:`pack_marks` (``targets`` as pairs)."""
    count = len(states)
    if count != len(targets):
        raise ValueError(f"{count} packed states do not fit their {len(targets)} targets")
    if len(scores) == struct.calcsize(f"<{count}{_SCORE_SHORT}"):
        values: tuple[float, ...] = tuple(
            k / MARK_SCORE_STEPS for k in struct.unpack(f"<{count}{_SCORE_SHORT}", scores))
    elif len(scores) == struct.calcsize(f"<{count}{_SCORE_DOUBLE}"):
        values = struct.unpack(f"<{count}{_SCORE_DOUBLE}", scores)
    else:
        raise ValueError(f"{len(scores)} bytes of scores do not fit {count} targets")
    return tuple(StoredMark(category, candidate, MARK_STATE_OF_CODE[code], score)
                 for (category, candidate), code, score in zip(targets, states, values,
                                                               strict=True))


class AuditEntry(Base):
    """One recorded change: who, when, what, before and after. Never updated or deleted.

    Entries form a hash chain (see ``desktop/core/audit/entries.py`` and docs/audit.md): ids run 1,
    2, 3… without gaps, each ``prev_hash`` is the previous entry's ``hash`` (unique: the chain
    cannot fork), and ``hash`` covers the entry's fields and ``prev_hash``.
    """

    __tablename__ = "audit_entry"

    #: Assigned by ``audit.record`` under the lock of ``audit_head``, never by a sequence.
    id: Mapped[int] = mapped_column(primary_key=True, autoincrement=False)
    at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)
    actor: Mapped[str] = mapped_column(String(100))
    #: Kept as a plain number, not a foreign key: the log outlives what it describes.
    campaign_id: Mapped[int | None] = mapped_column(Integer, index=True)
    action: Mapped[str] = mapped_column(String(64))
    entity: Mapped[str] = mapped_column(String(32))
    entity_id: Mapped[int | None] = mapped_column(Integer)
    before: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    after: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    #: SHA-256 hex digests: the previous entry's hash (``audit.GENESIS`` for the first one)
    #: and this entry's.
    prev_hash: Mapped[str] = mapped_column(String(64), unique=True)
    hash: Mapped[str] = mapped_column(String(64))


class AuditHead(Base):
    """The end of the audit chain: one row (id 1), locked by every append so that stations
    writing at once take turns and the chain never forks."""

    __tablename__ = "audit_head"

    id: Mapped[int] = mapped_column(primary_key=True, autoincrement=False)
    last_id: Mapped[int] = mapped_column(Integer)
    last_hash: Mapped[str] = mapped_column(String(64))


# -- online votes and expert scores (online*.py, experts.py) ---------------------------------
class OnlineSource(Base):
    """Where online votes come from (平台A, 平台B, 党代表纸质投票…), with its fraud settings.

    ``voter_limit``: at most this many votes per voter per category per ``voter_limit_period``
    ("day": per calendar day of the vote time; "total": over the whole vote); None: no limit.
    """

    __tablename__ = "online_source"
    __table_args__ = (UniqueConstraint("campaign_id", "name"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    campaign_id: Mapped[int] = mapped_column(ForeignKey("campaign.id", ondelete="CASCADE"))
    name: Mapped[str] = mapped_column(String(100))
    voter_limit: Mapped[int | None] = mapped_column(Integer)
    voter_limit_period: Mapped[str] = mapped_column(String(8), default="day")
    ip_burst_votes: Mapped[int] = mapped_column(Integer)
    ip_burst_seconds: Mapped[int] = mapped_column(Integer)
    spike_votes_per_minute: Mapped[int] = mapped_column(Integer)
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)


class OnlineImport(Base):
    """One imported export file (recognised by its SHA-256); withdrawn only by a new action."""

    __tablename__ = "online_import"

    id: Mapped[int] = mapped_column(primary_key=True)
    campaign_id: Mapped[int] = mapped_column(
        ForeignKey("campaign.id", ondelete="CASCADE"), index=True)
    source_id: Mapped[int] = mapped_column(ForeignKey("online_source.id", ondelete="RESTRICT"))
    file_name: Mapped[str] = mapped_column(String(300))
    sha256: Mapped[str] = mapped_column(String(64), index=True)
    #: "totals" (one row per candidate) or "votes" (one row per vote or voter).
    shape: Mapped[str] = mapped_column(String(8))
    rows: Mapped[int] = mapped_column(Integer)
    flagged_rows: Mapped[int] = mapped_column(Integer, default=0)
    encoding: Mapped[str | None] = mapped_column(String(16))
    sheet: Mapped[str | None] = mapped_column(String(100))
    #: The mapping and the fraud thresholds this import was computed with.
    settings: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    imported_by: Mapped[str] = mapped_column(String(100))
    imported_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)
    withdrawn_by: Mapped[str | None] = mapped_column(String(100))
    withdrawn_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)
    withdraw_note: Mapped[str] = mapped_column(Text, default="")


class OnlineTotal(Base):
    """Votes of one candidate in one import: as exported, and without the flagged votes."""

    __tablename__ = "online_total"

    import_id: Mapped[int] = mapped_column(
        ForeignKey("online_import.id", ondelete="CASCADE"), primary_key=True)
    candidate_id: Mapped[int] = mapped_column(
        ForeignKey("candidate.id", ondelete="CASCADE"), primary_key=True)
    votes: Mapped[int] = mapped_column(Integer)
    unflagged: Mapped[int] = mapped_column(Integer)


class OnlineFlag(Base):
    """A row of a per-vote file the fraud checks flagged (kept, counted apart)."""

    __tablename__ = "online_flag"

    id: Mapped[int] = mapped_column(primary_key=True)
    import_id: Mapped[int] = mapped_column(
        ForeignKey("online_import.id", ondelete="CASCADE"), index=True)
    row: Mapped[int] = mapped_column(Integer)
    reasons: Mapped[list[str]] = mapped_column(JSON, default=list)
    time: Mapped[str] = mapped_column(String(40), default="")
    voter: Mapped[str] = mapped_column(String(200), default="")
    ip: Mapped[str] = mapped_column(String(64), default="")
    candidate_ids: Mapped[list[int]] = mapped_column(JSON, default=list)


class OnlineMapping(Base):
    """A column/option mapping, reused for the next file whose header row has the same shape."""

    __tablename__ = "online_mapping"
    __table_args__ = (UniqueConstraint("campaign_id", "shape"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    campaign_id: Mapped[int] = mapped_column(ForeignKey("campaign.id", ondelete="CASCADE"))
    #: SHA-256 of the normalised header row.
    shape: Mapped[str] = mapped_column(String(64))
    headers: Mapped[list[str]] = mapped_column(JSON, default=list)
    mapping: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    saved_by: Mapped[str] = mapped_column(String(100))
    saved_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)


class ExpertScore(Base):
    """One expert's score for one candidate (专家评审)."""

    __tablename__ = "expert_score"
    __table_args__ = (UniqueConstraint("candidate_id", "expert"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    campaign_id: Mapped[int] = mapped_column(
        ForeignKey("campaign.id", ondelete="CASCADE"), index=True)
    candidate_id: Mapped[int] = mapped_column(ForeignKey("candidate.id", ondelete="CASCADE"))
    expert: Mapped[str] = mapped_column(String(100))
    score: Mapped[float] = mapped_column()
    entered_by: Mapped[str] = mapped_column(String(100))
    entered_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)


class ExpertRule(Base):
    """Scoring settings of a campaign (``category_id`` NULL) or one category (NULL: inherit)."""

    __tablename__ = "expert_rule"
    __table_args__ = (UniqueConstraint("campaign_id", "category_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    campaign_id: Mapped[int] = mapped_column(ForeignKey("campaign.id", ondelete="CASCADE"))
    category_id: Mapped[int | None] = mapped_column(
        ForeignKey("category.id", ondelete="CASCADE"))
    max_score: Mapped[float | None] = mapped_column()
    drop_extremes: Mapped[bool | None] = mapped_column()


class ReviewDecision(Base):
    """A person's decision on a sheet in the review queue. Never changed or deleted: a decision
    is undone only by a newer one (the latest per sheet and target holds)."""

    __tablename__ = "review_decision"

    id: Mapped[int] = mapped_column(primary_key=True)
    sheet_id: Mapped[int] = mapped_column(ForeignKey("sheet.id", ondelete="CASCADE"), index=True)
    #: The target decided, or both NULL for a decision on the whole sheet.
    category: Mapped[str | None] = mapped_column(String(200))
    candidate: Mapped[str | None] = mapped_column(String(16))
    decision: Mapped[str] = mapped_column(String(16))
    reason: Mapped[str] = mapped_column(Text, default="")
    operator: Mapped[str] = mapped_column(String(100))
    decided_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)


# -- results: combination rule, notice settings, tie decisions (results.py) -----------------
class ResultSetting(Base):
    """How a campaign combines its channels (方法、权重、归一化) and its notice settings.

    One row per campaign; every change is audited. No row: the default rule (a plain sum of
    votes, online votes without the flagged ones) and the default notice settings.
    """

    __tablename__ = "result_setting"

    id: Mapped[int] = mapped_column(primary_key=True)
    campaign_id: Mapped[int] = mapped_column(
        ForeignKey("campaign.id", ondelete="CASCADE"), unique=True)
    #: "sum" or "weighted".
    method: Mapped[str] = mapped_column(String(16), default="sum")
    #: "exported" or "unflagged": which online total counts (no row: "unflagged").
    online_votes: Mapped[str] = mapped_column(String(16), default="unflagged")
    #: "top" or "total": a weighted channel score as a share of the category's top or total.
    normalise: Mapped[str] = mapped_column(String(8), default="top")
    #: Channel ("paper", "online", "online:<source>", "expert") → weight.
    weights: Mapped[dict[str, float]] = mapped_column(JSON, default=dict)
    #: Notice settings (title, organiser, objection period…); missing keys take defaults.
    notice: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    set_by: Mapped[str] = mapped_column(String(100))
    set_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)


class TieDecision(Base):
    """The organiser's decision on a tie across a category's cut-off. Never changed: the newest
    decision of a category holds while the tie it decided (the same tied numbers) stands."""

    __tablename__ = "tie_decision"

    id: Mapped[int] = mapped_column(primary_key=True)
    campaign_id: Mapped[int] = mapped_column(
        ForeignKey("campaign.id", ondelete="CASCADE"), index=True)
    category_id: Mapped[int] = mapped_column(ForeignKey("category.id", ondelete="CASCADE"))
    #: Candidate numbers (as printed) of the tie decided, and the ones chosen as winners.
    tied: Mapped[list[str]] = mapped_column(JSON, default=list)
    winners: Mapped[list[str]] = mapped_column(JSON, default=list)
    note: Mapped[str] = mapped_column(Text, default="")
    decided_by: Mapped[str] = mapped_column(String(100))
    decided_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)


# -- rounds, channels and the committee's decision (rounds/) ---------------------------------
class CampaignRound(Base):
    """A round of a campaign (轮次): 1 "公众及党代表投票" (50 → 15), 2 "组织审定" (15 → 10).

    Every campaign has at least one; a campaign made before rounds existed has the one
    migration 0013 gave it, holding its existing channels, boxes and batches.
    """

    __tablename__ = "campaign_round"
    __table_args__ = (UniqueConstraint("campaign_id", "position"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    campaign_id: Mapped[int] = mapped_column(ForeignKey("campaign.id", ondelete="CASCADE"))
    #: 1, 2, 3… in the order the rounds run.
    position: Mapped[int] = mapped_column(Integer)
    name: Mapped[str] = mapped_column(String(200))
    status: Mapped[RoundStatus] = mapped_column(
        _enum(RoundStatus, "round_status"), default=RoundStatus.OPEN)
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)


class RoundAdvance(Base):
    """How many candidates of a category go on from a round to the next (the cut). The last
    round has none: it ends with the category's winners."""

    __tablename__ = "round_advance"

    round_id: Mapped[int] = mapped_column(
        ForeignKey("campaign_round.id", ondelete="CASCADE"), primary_key=True)
    category_id: Mapped[int] = mapped_column(
        ForeignKey("category.id", ondelete="CASCADE"), primary_key=True)
    count: Mapped[int] = mapped_column(Integer)


class RoundChannel(Base):
    """Where a round's votes come from, with its weight: an online source, public or
    delegates' paper ballots (its boxes), or the expert panel."""

    __tablename__ = "round_channel"
    __table_args__ = (UniqueConstraint("round_id", "name"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    round_id: Mapped[int] = mapped_column(ForeignKey("campaign_round.id", ondelete="CASCADE"))
    kind: Mapped[ChannelKind] = mapped_column(_enum(ChannelKind, "channel_kind"))
    name: Mapped[str] = mapped_column(String(100))
    #: The channel's own weight; NULL: the campaign's combination rule decides, as before 0013.
    weight: Mapped[float | None] = mapped_column()
    #: The online source of an online channel.
    source_id: Mapped[int | None] = mapped_column(
        ForeignKey("online_source.id", ondelete="RESTRICT"))
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)


class RoundCandidate(Base):
    """A candidate standing in a round after the first, put there by advancing the round
    before (the first round's candidates are the shortlist itself)."""

    __tablename__ = "round_candidate"

    round_id: Mapped[int] = mapped_column(
        ForeignKey("campaign_round.id", ondelete="CASCADE"), primary_key=True)
    candidate_id: Mapped[int] = mapped_column(
        ForeignKey("candidate.id", ondelete="CASCADE"), primary_key=True)
    #: Its rank in the round it came from.
    rank: Mapped[int] = mapped_column(Integer)


class RoundTie(Base):
    """The organiser's decision on a tie across a round's advancing cut, as
    :class:`TieDecision` is for the winners' cut: never changed, the newest of a round and
    category holds while the tie it decided stands."""

    __tablename__ = "round_tie"

    id: Mapped[int] = mapped_column(primary_key=True)
    round_id: Mapped[int] = mapped_column(
        ForeignKey("campaign_round.id", ondelete="CASCADE"), index=True)
    category_id: Mapped[int] = mapped_column(ForeignKey("category.id", ondelete="CASCADE"))
    #: Candidate numbers (as printed) of the tie decided, and the ones chosen to go on.
    tied: Mapped[list[str]] = mapped_column(JSON, default=list)
    advancing: Mapped[list[str]] = mapped_column(JSON, default=list)
    note: Mapped[str] = mapped_column(Text, default="")
    decided_by: Mapped[str] = mapped_column(String(100))
    decided_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)


class CommitteeDecision(Base):
    """The leading group's decision on a round (组织审定): when, at which meeting, who was
    there, and per category its lines. Never changed: a newer decision replaces it."""

    __tablename__ = "committee_decision"

    id: Mapped[int] = mapped_column(primary_key=True)
    campaign_id: Mapped[int] = mapped_column(
        ForeignKey("campaign.id", ondelete="CASCADE"), index=True)
    round_id: Mapped[int] = mapped_column(ForeignKey("campaign_round.id", ondelete="CASCADE"))
    decided_on: Mapped[dt.date] = mapped_column(Date)
    meeting: Mapped[str] = mapped_column(String(300))
    attendees: Mapped[list[str]] = mapped_column(JSON, default=list)
    note: Mapped[str] = mapped_column(Text, default="")
    recorded_by: Mapped[str] = mapped_column(String(100))
    recorded_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)

    lines: Mapped[list[DecisionLine]] = relationship(
        cascade="all, delete-orphan", order_by="DecisionLine.id")


class DecisionLine(Base):
    """One candidate of the decided round in the decision: its rank in the ranking the
    decision rests on, whether it was chosen, and, where that departs from the ranking, why."""

    __tablename__ = "decision_line"
    __table_args__ = (UniqueConstraint("decision_id", "candidate_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    decision_id: Mapped[int] = mapped_column(
        ForeignKey("committee_decision.id", ondelete="CASCADE"))
    category_id: Mapped[int] = mapped_column(ForeignKey("category.id", ondelete="CASCADE"))
    candidate_id: Mapped[int] = mapped_column(ForeignKey("candidate.id", ondelete="CASCADE"))
    rank: Mapped[int] = mapped_column(Integer)
    chosen: Mapped[bool] = mapped_column()
    departure: Mapped[bool] = mapped_column()
    reason: Mapped[str] = mapped_column(Text, default="")


# -- accounts and stations (accounts.py, stations.py) -----------------------------------------
class Account(Base):
    """A person who signs in. The password is kept only as a scrypt hash (accounts.py)."""

    __tablename__ = "account"

    id: Mapped[int] = mapped_column(primary_key=True)
    #: The sign-in name; also the actor recorded in the audit log.
    name: Mapped[str] = mapped_column(String(64), unique=True)
    full_name: Mapped[str] = mapped_column(String(100), default="")
    role: Mapped[Role] = mapped_column(_enum(Role, "role"))
    password_hash: Mapped[str] = mapped_column(String(255))
    active: Mapped[bool] = mapped_column(default=True)
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)


class StationIdentity(Base):
    """This installation's own station key (Ed25519), made once; it signs the packages this
    station exports. One row at most."""

    __tablename__ = "station_identity"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(100))
    #: Raw 32-byte Ed25519 private key. Never logged, never exported in a package.
    private_key: Mapped[bytes] = mapped_column(LargeBinary(32))
    public_key: Mapped[bytes] = mapped_column(LargeBinary(32))
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)


class Station(Base):
    """A counting station whose packages the organiser accepts, known by its key's
    fingerprint (SHA-256 of the raw public key, hex); the key itself may come later, with
    the first package."""

    __tablename__ = "station"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(100), unique=True)
    fingerprint: Mapped[str] = mapped_column(String(64), unique=True)
    public_key: Mapped[bytes | None] = mapped_column(LargeBinary(32))
    registered_by: Mapped[str] = mapped_column(String(100))
    registered_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)
    revoked_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)


class PackageImport(Base):
    """One station package merged into this database; ``package_id`` (the SHA-256 of its
    signed manifest) makes a second import of the same package a no-op."""

    __tablename__ = "package_import"

    id: Mapped[int] = mapped_column(primary_key=True)
    package_id: Mapped[str] = mapped_column(String(64), unique=True)
    station_id: Mapped[int] = mapped_column(ForeignKey("station.id", ondelete="RESTRICT"))
    campaign_id: Mapped[int] = mapped_column(
        ForeignKey("campaign.id", ondelete="CASCADE"), index=True)
    exported_at: Mapped[dt.datetime] = mapped_column(UTCDateTime)
    imported_by: Mapped[str] = mapped_column(String(100))
    imported_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)
    #: Counts (new, same, conflicts…) and the conflicts themselves, as reported at import.
    summary: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)


class SignInFailure(Base):
    """Failed sign-ins in a row, per account name or per station (accounts.py): the delay
    before the next try grows with ``failures``, from ``last_failure_at``; a successful
    sign-in deletes the row. Kept in the database so that every process and station sees it."""

    __tablename__ = "sign_in_failure"
    __table_args__ = (UniqueConstraint("scope", "name"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    #: "account" (the name as typed, known or not) or "station" (the computer's name).
    scope: Mapped[str] = mapped_column(String(16))
    name: Mapped[str] = mapped_column(String(100))
    failures: Mapped[int] = mapped_column(Integer)
    last_failure_at: Mapped[dt.datetime] = mapped_column(UTCDateTime)
