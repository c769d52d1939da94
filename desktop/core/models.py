"""SQLAlchemy 2 typed models. Schema changes go through Alembic (desktop/core/migrations).

Portable SQL only: enums are stored as strings, datetimes as UTC, so that the same schema runs
on SQLite (the default, one file per organiser) and PostgreSQL (shared counting halls).
"""

from __future__ import annotations

import datetime as dt
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

from desktop.core.enums import CandidateKind, CandidateStatus, Paper, Phase, SerialState, Sex

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
    #: Signs ballot serials (HMAC). Generated at creation; never shown, exported or audited.
    secret: Mapped[bytes] = mapped_column(LargeBinary(64))
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

    marks: Mapped[list[SheetMark]] = relationship(
        back_populates="sheet", cascade="all, delete-orphan", order_by="SheetMark.id")


class SheetMark(Base):
    """What the reader saw in one target box of a sheet."""

    __tablename__ = "sheet_mark"
    __table_args__ = (UniqueConstraint("sheet_id", "category", "candidate"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    sheet_id: Mapped[int] = mapped_column(ForeignKey("sheet.id", ondelete="CASCADE"))
    category: Mapped[str] = mapped_column(String(200))
    candidate: Mapped[str] = mapped_column(String(16))
    state: Mapped[str] = mapped_column(String(16))
    score: Mapped[float] = mapped_column()

    sheet: Mapped[Sheet] = relationship(back_populates="marks")


class AuditEntry(Base):
    """One recorded change: who, when, what, before and after. Never updated or deleted."""

    __tablename__ = "audit_entry"

    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)
    actor: Mapped[str] = mapped_column(String(100))
    #: Kept as a plain number, not a foreign key: the log outlives what it describes.
    campaign_id: Mapped[int | None] = mapped_column(Integer, index=True)
    action: Mapped[str] = mapped_column(String(64))
    entity: Mapped[str] = mapped_column(String(32))
    entity_id: Mapped[int | None] = mapped_column(Integer)
    before: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    after: Mapped[dict[str, Any] | None] = mapped_column(JSON)
