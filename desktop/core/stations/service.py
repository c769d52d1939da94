"""Counting stations: this installation's signing key, the stations an organiser accepts, and
the signed packages that carry a station's sheets to the organiser (docs/stations.md).

A station's key is an Ed25519 key pair made on first use and kept in its database. Others know
it by its fingerprint (SHA-256 of the raw 32-byte public key, hex, shown in groups of four) or
by the QR text ``BALLOTDESK-STATION:1:<name>:<public key, base64url>``. The organiser registers
each station by either; a station registered by fingerprint only gets its key stored with its
first package. Packages themselves are written and read by :mod:`desktop.core.stations.package`.
"""

from __future__ import annotations

import base64
import binascii
import datetime as dt
import os
import re
import sqlite3
from collections.abc import Collection
from contextlib import closing
from dataclasses import dataclass
from pathlib import Path

import segno
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat
from sqlalchemy import Connection, delete, func, insert, select, update
from sqlalchemy.orm import Session

from ballotformat import box_key
from ballotformat.messages import RuleError, error, register
from desktop.core import audit
from desktop.core.accounts import Actor
from desktop.core.enums import Permission, Role
from desktop.core.labels import label
from desktop.core.records import archive_root, default_station
from desktop.core.registry import normalise_name
from desktop.core.stations.merge import ImportReport, import_package
from desktop.core.stations.package import (
    ExportInfo,
    Progress,
    campaign_tag,
    fingerprint_of,
    grouped,
    write_package,
)
from desktop.core.store import (
    Account,
    BallotBox,
    Base,
    BoxKey,
    Campaign,
    Database,
    PackageImport,
    Station,
    StationIdentity,
    blank_secrets,
    private_file,
    read_secrets,
)

register({
    "station_key_unreadable": (
        "无法识别“{text}”：请粘贴计票站的二维码文本、公钥（base64）或指纹（64 位十六进制）。",
        "Cannot read “{text}”: paste the station's QR text, its public key (base64) or its "
        "fingerprint (64 hex digits).",
    ),
    "station_key_taken": (
        "这个密钥已登记为计票站“{name}”。",
        "This key is registered already, as station “{name}”.",
    ),
    "station_not_registered": ("没有名为“{name}”的计票站。", "There is no station “{name}”."),
    "station_already_revoked": ("计票站“{name}”已于 {at} 撤销。",
                                "Station “{name}” was revoked on {at}."),
    "station_copy_needs_box": (
        "请指定计票站负责的投票箱：副本只含这些投票箱的选票密钥。",
        "Name the ballot boxes the station counts: the copy holds only their ballot keys.",
    ),
    "station_copy_account_role": (
        "账户“{name}”是{role}：计票站副本不带组织者账户。",
        "The account “{name}” is of the role {role}: a station copy carries no organiser's "
        "account.",
    ),
})

QR_PREFIX = "BALLOTDESK-STATION"
QR_VERSION = 1
KEY_BYTES = 32
#: Rows read and written at a time when a PostgreSQL database is copied to SQLite.
COPY_ROWS = 2000


def key_text(public_key: bytes) -> str:
    return base64.urlsafe_b64encode(public_key).decode("ascii").rstrip("=")


def qr_text(name: str, public_key: bytes) -> str:
    return f"{QR_PREFIX}:{QR_VERSION}:{name}:{key_text(public_key)}"


def qr_code(text: str) -> segno.QRCode:
    """The QR code of a station's QR text (save it with ``.save(path, scale=…)``)."""
    return segno.make(text, error="m", micro=False)


def _decode_key(text: str) -> bytes | None:
    padded = text + "=" * (-len(text) % 4)
    for decode in (base64.urlsafe_b64decode, base64.b64decode):
        try:
            raw = decode(padded)
        except (binascii.Error, ValueError):
            continue
        if len(raw) == KEY_BYTES:
            return raw
    return None


@dataclass(frozen=True)
class ParsedKey:
    """What a pasted text gave: a public key (and so its fingerprint), or a fingerprint only."""

    fingerprint: str
    public_key: bytes | None
    name: str | None = None


def parse_key(text: str) -> ParsedKey:
    """The QR text, a base64 public key, or a hex fingerprint (spaces and colons allowed)."""
    cleaned = text.strip()
    if cleaned.upper().startswith(QR_PREFIX + ":"):
        parts = cleaned.split(":")
        key = _decode_key(parts[-1]) if len(parts) >= 4 and parts[1] == str(QR_VERSION) \
            else None
        if key is not None:
            return ParsedKey(fingerprint_of(key), key, ":".join(parts[2:-1]).strip() or None)
    compact = re.sub(r"[\s:]+", "", cleaned).lower()
    if re.fullmatch(r"[0-9a-f]{64}", compact):
        return ParsedKey(compact, None)
    key = _decode_key(re.sub(r"\s+", "", cleaned))
    if key is not None:
        return ParsedKey(fingerprint_of(key), key)
    raise RuleError([error("station_key_unreadable", text=cleaned[:80])])


@dataclass(frozen=True)
class StationKey:
    """This installation's identity as a station (never its private key)."""

    name: str
    public_key: bytes
    created_at: dt.datetime

    @property
    def fingerprint(self) -> str:
        return fingerprint_of(self.public_key)

    @property
    def fingerprint_text(self) -> str:
        return grouped(self.fingerprint)

    @property
    def qr_text(self) -> str:
        return qr_text(self.name, self.public_key)


@dataclass(frozen=True)
class StationInfo:
    id: int
    name: str
    fingerprint: str
    has_key: bool
    registered_by: str
    registered_at: dt.datetime
    revoked_at: dt.datetime | None
    packages: int

    @property
    def fingerprint_text(self) -> str:
        return grouped(self.fingerprint)


@dataclass(frozen=True)
class ImportInfo:
    """One package merged here, for the history."""

    package_id: str
    station: str
    campaign_id: int
    exported_at: dt.datetime
    imported_by: str
    imported_at: dt.datetime
    summary: dict[str, object]

    def count(self, key: str) -> int:
        """A number the summary keeps (``new``, ``same``) or the length of a list it keeps
        (``conflicts``); 0 where it keeps nothing under ``key``."""
        value = self.summary.get(key, 0)
        if isinstance(value, list):
            return len(value)
        return value if isinstance(value, int) else 0

    def conflict_count(self) -> int:
        """Pages and notes that differ from what was here."""
        return self.count("conflicts") + self.count("note_conflicts")


@dataclass(frozen=True)
class StationCopy:
    """What a station copy holds besides the campaigns, layouts and batches."""

    path: Path
    #: The boxes whose ballot keys it holds.
    boxes: tuple[str, ...]
    #: The accounts it carries (by sign-in name).
    accounts: tuple[str, ...]


def copy_to_sqlite(source: Database, target: Path, box_ids: Collection[int],
                   accounts: Collection[str]) -> None:
    """The rows of ``source`` a station needs in a new, owner-only SQLite file ``target``
    (replaced when it exists), written under a temporary name, then renamed: everything but
    this installation's station key, the campaign secrets (the keys of ``box_ids`` instead)
    and the accounts not named in ``accounts``. The file is vacuumed, so nothing left out
    stays in its free pages."""
    partial = target.with_name(f".{target.name}.partial")
    partial.unlink(missing_ok=True)
    private_file(partial)
    if source.sqlite_path is not None:
        with closing(sqlite3.connect(source.sqlite_path)) as src, \
                closing(sqlite3.connect(partial)) as duplicate:
            src.backup(duplicate)
    copy = Database.open(f"sqlite:///{partial}")
    try:
        with copy.engine.begin() as write:
            if source.sqlite_path is None:
                for table in reversed(Base.metadata.sorted_tables):
                    write.execute(delete(table))
                with source.engine.connect() as read:
                    for table in Base.metadata.sorted_tables:
                        rows = read.execution_options(yield_per=COPY_ROWS).execute(select(table))
                        for chunk in rows.partitions():
                            write.execute(insert(table), [dict(row._mapping) for row in chunk])
            write.execute(delete(StationIdentity))
            _keep_box_keys_only(write, box_ids)
            write.execute(delete(Account).where(Account.name.not_in(list(accounts))))
    finally:
        copy.dispose()
    with closing(sqlite3.connect(partial)) as vacuum:
        vacuum.execute("VACUUM")
    os.replace(partial, target)


def _keep_box_keys_only(write: Connection, box_ids: Collection[int]) -> None:
    """The campaign secrets replaced by the keys of the station's boxes and by the tag that
    names each campaign in a package (which the station cannot compute without the secret)."""
    secrets = read_secrets(write).campaigns
    boxes = list(write.execute(select(BallotBox.id, BallotBox.campaign_id)
                               .where(BallotBox.id.in_(list(box_ids)))))
    for campaign_id, secret in secrets.items():
        write.execute(update(Campaign).where(Campaign.id == campaign_id)
                      .values(package_tag=campaign_tag(secret)))
    blank_secrets(write)
    rows = [{"box_id": box_id, "campaign_id": campaign_id,
             "key": box_key(secrets[campaign_id], campaign_id, box_id)}
            for box_id, campaign_id in boxes if campaign_id in secrets]
    if rows:
        write.execute(insert(BoxKey), rows)


def _public_bytes(private: Ed25519PrivateKey) -> bytes:
    return private.public_key().public_bytes(Encoding.Raw, PublicFormat.Raw)


class Stations:
    def __init__(self, db: Database, actor: Actor, archive: Path | None = None) -> None:
        self.db = db
        self.actor = actor
        #: The scanned images' folder (recording.archive_root unless given).
        self.archive = archive or archive_root(db)

    # -- this station's key ------------------------------------------------------------------
    def current(self) -> StationKey | None:
        """This installation's key, or None before the first :meth:`identity`."""
        with self.db.transaction() as s:
            row = s.scalar(select(StationIdentity).order_by(StationIdentity.id))
            return None if row is None else StationKey(row.name, row.public_key, row.created_at)

    def identity(self, name: str | None = None, new: bool = False) -> StationKey:
        """This installation's key, made on first use (or anew with ``new``: a station set up
        from a copy of another's database must not sign with that one's key); ``name`` names
        it (default: the computer's name) and renames an existing one."""
        wanted = normalise_name(name) if name else None
        with self.db.transaction() as s:
            row = s.scalar(select(StationIdentity).order_by(StationIdentity.id))
            if row is not None and not new and (wanted is None or wanted == row.name):
                return StationKey(row.name, row.public_key, row.created_at)
            self.actor.require(Permission.EXPORT_PACKAGE)
            if row is not None and not new:
                before = audit.snapshot(row)
                row.name = wanted or row.name
                s.flush()
                audit.record(s, actor=self.actor, action="station_key.rename",
                             entity="station_identity", entity_id=row.id, campaign_id=None,
                             before=before, after=audit.snapshot(row))
                return StationKey(row.name, row.public_key, row.created_at)
            private = Ed25519PrivateKey.generate()
            public = _public_bytes(private)
            label = wanted or (row.name if row is not None else default_station())
            if row is not None:
                s.delete(row)
                s.flush()
            row = StationIdentity(name=label, private_key=private.private_bytes_raw(),
                                  public_key=public)
            s.add(row)
            s.flush()
            audit.record(s, actor=self.actor, action="station_key.create",
                         entity="station_identity", entity_id=row.id, campaign_id=None,
                         after={"name": label, "fingerprint": fingerprint_of(public)})
            return StationKey(row.name, row.public_key, row.created_at)

    def _signing_key(self) -> tuple[StationKey, Ed25519PrivateKey]:
        key = self.identity()
        with self.db.transaction() as s:
            row = s.scalar(select(StationIdentity).order_by(StationIdentity.id))
            assert row is not None
            return key, Ed25519PrivateKey.from_private_bytes(row.private_key)

    # -- registered stations (the organiser) --------------------------------------------------
    def register(self, name: str, text: str) -> StationInfo:
        """Accept a station's packages from now on: ``text`` is its QR text, public key or
        fingerprint; ``name`` may be empty when the QR text names the station."""
        self.actor.require(Permission.MANAGE_STATIONS)
        parsed = parse_key(text)
        label = normalise_name(name or parsed.name or "")
        if not label:
            raise RuleError([error("missing_field", field="name")])
        with self.db.transaction() as s:
            same_key = s.scalar(select(Station).where(Station.fingerprint == parsed.fingerprint))
            if same_key is not None:
                raise RuleError([error("station_key_taken", name=same_key.name)])
            if s.scalar(select(Station.id).where(Station.name == label)) is not None:
                raise RuleError([error("name_taken", name=label)])
            station = Station(name=label, fingerprint=parsed.fingerprint,
                              public_key=parsed.public_key, registered_by=self.actor.name)
            s.add(station)
            s.flush()
            audit.record(s, actor=self.actor, action="station.register", entity="station",
                         entity_id=station.id, campaign_id=None,
                         after={"name": label, "fingerprint": parsed.fingerprint,
                                "has_key": parsed.public_key is not None})
            return self._info(s, station)

    def revoke(self, name: str) -> StationInfo:
        """Refuse the station's packages from now on (those imported stay)."""
        self.actor.require(Permission.MANAGE_STATIONS)
        with self.db.transaction() as s:
            station = s.scalar(select(Station).where(Station.name == normalise_name(name)))
            if station is None:
                raise RuleError([error("station_not_registered", name=name)])
            if station.revoked_at is not None:
                raise RuleError([error("station_already_revoked", name=station.name,
                                       at=f"{station.revoked_at.astimezone():%Y-%m-%d %H:%M}")])
            station.revoked_at = dt.datetime.now(dt.UTC)
            s.flush()
            audit.record(s, actor=self.actor, action="station.revoke", entity="station",
                         entity_id=station.id, campaign_id=None,
                         after={"name": station.name, "fingerprint": station.fingerprint})
            return self._info(s, station)

    def registered(self) -> list[StationInfo]:
        with self.db.transaction() as s:
            return [self._info(s, st) for st in s.scalars(select(Station).order_by(Station.id))]

    @staticmethod
    def _info(s: Session, station: Station) -> StationInfo:
        packages = s.scalar(select(func.count()).select_from(PackageImport)
                            .where(PackageImport.station_id == station.id)) or 0
        return StationInfo(station.id, station.name, station.fingerprint,
                           station.public_key is not None, station.registered_by,
                           station.registered_at, station.revoked_at, packages)

    def imports(self, campaign_id: int | None = None) -> list[ImportInfo]:
        """Packages imported here, newest first."""
        with self.db.transaction() as s:
            query = (select(PackageImport, Station.name)
                     .join(Station, Station.id == PackageImport.station_id)
                     .order_by(PackageImport.id.desc()))
            if campaign_id is not None:
                query = query.where(PackageImport.campaign_id == campaign_id)
            return [ImportInfo(p.package_id, name, p.campaign_id, p.exported_at, p.imported_by,
                               p.imported_at, dict(p.summary)) for p, name in s.execute(query)]

    def station_database(self, target: Path, box_ids: Collection[int],
                         accounts: Collection[str] | None = None) -> StationCopy:
        """A SQLite copy of this database for an offline station laptop that counts the boxes
        ``box_ids`` (campaigns, layouts, printed batches, the audit log), holding only what
        the station needs (docs/stations.md): the ballot keys of those boxes and not the
        campaign secrets, the accounts named in ``accounts`` (default: every active counting
        account; an organiser's is refused), and not this installation's own key: the
        station makes its own on first use. Works from SQLite and from PostgreSQL."""
        self.actor.require(Permission.MANAGE_STATIONS)
        if not box_ids:
            raise RuleError([error("station_copy_needs_box")])
        with self.db.transaction() as s:
            boxes = []
            for box_id in sorted(set(box_ids)):
                box = s.get(BallotBox, box_id)
                if box is None:
                    raise RuleError([error("not_found", field="box", name=str(box_id))])
                boxes.append(box.name)
            if accounts is None:
                names = list(s.scalars(select(Account.name).where(
                    Account.role == Role.COUNTING, Account.active).order_by(Account.name)))
            else:
                names = []
                for name in dict.fromkeys(normalise_name(a) for a in accounts):
                    row = s.scalar(select(Account).where(Account.name == name))
                    if row is None:
                        raise RuleError([error("account_unknown", name=name)])
                    if row.role is Role.ORGANISER:
                        raise RuleError([error("station_copy_account_role", name=name,
                                               role=label(row.role))])
                    names.append(name)
        copy_to_sqlite(self.db, target, box_ids, names)
        with self.db.transaction() as s:
            audit.record(s, actor=self.actor, action="station.database", entity="station",
                         entity_id=None, campaign_id=None,
                         after={"file": target.name, "boxes": boxes, "accounts": names})
        return StationCopy(target, tuple(boxes), tuple(names))

    # -- packages ----------------------------------------------------------------------------
    def export_package(self, campaign_id: int, path: Path, include_images: bool = True,
                       progress: Progress | None = None) -> ExportInfo:
        """Write this station's sheets of the campaign as a signed package (see
        :mod:`desktop.core.stations.package`)."""
        self.actor.require(Permission.EXPORT_PACKAGE)
        with self.db.transaction() as s:
            s.get_one(Campaign, campaign_id)
        key, private = self._signing_key()
        return write_package(self.db, self.actor, self.archive, key.name, private, campaign_id,
                             path, include_images, progress)

    def import_package(self, path: Path, progress: Progress | None = None) -> ImportReport:
        """Verify a package whole, then merge it in one transaction (or refuse it whole)."""
        self.actor.require(Permission.MANAGE_STATIONS)
        return import_package(self.db, self.actor, path, self.archive, progress)


__all__ = ["ExportInfo", "ImportReport", "StationCopy", "StationInfo", "StationKey", "Stations"]
