"""Reading the audit log: list with filters, verify the hash chain, export for a third party.

Verification trusts nothing but the stored rows: it recomputes every hash in id order, checks
that each ``prev_hash`` is the previous entry's hash, that ids have no gaps and that the head
(``audit_head``) names the last entry. :func:`verify_chain` works on any rows in id order, so
an exported file is checked exactly like the database.

The chain is not signed: whoever rewrites every hash from a changed entry onwards, and the
head, gets a chain that checks out. An :class:`Anchor` closes that gap: an entry's id and hash
written down outside the database (minutes, the public notice, a backup's manifest), which a
rewritten chain no longer contains at that entry.

Verifying the database also checks the counted data against the digests the chain carries
(:mod:`desktop.core.audit.content`), in the same snapshot: so an anchor that matches stands for
the tables as well, and a row edited, inserted or deleted outside BallotDesk is named.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field, replace
from enum import StrEnum
from typing import Any

from sqlalchemy import Select, select
from sqlalchemy.orm import InstrumentedAttribute, Session

from ballotformat import messages
from ballotformat.messages import Message, RuleError
from desktop.core.accounts import Actor
from desktop.core.audit.canonical import canonical_json
from desktop.core.audit.content import (
    DIGESTS_KEY,
    KINDS,
    ContentCheck,
    ContentFinding,
    Kind,
    Ledger,
    compare,
    current_digests,
)
from desktop.core.audit.entries import GENESIS, HEAD_ID, entry_hash, record
from desktop.core.enums import Role
from desktop.core.store import AuditEntry, AuditHead, Database

#: Rows read from the database per round trip while verifying or exporting.
BATCH_ROWS = 2000

messages.register({
    "audit_intact": ("审计链完整（{count} 条）",
                     "The audit chain is intact ({count:|entry|entries})"),
    "audit_broken": ("审计链已被破坏：发现 {count} 处问题", "The audit chain is broken: "
                     "{count:|problem|problems} found"),
    "audit_content_changed": ("第 {id} 条：内容被改动（哈希不符）",
                              "entry {id}: content changed (the hash does not match)"),
    "audit_link_broken": ("第 {id} 条：链接断开（prev_hash 不是上一条的哈希）",
                          "entry {id}: link broken (prev_hash is not the previous entry's hash)"),
    "audit_missing": ("第 {first} 条与第 {last} 条之间缺少 {count} 条记录",
                      "missing entries between {first} and {last} ({count})"),
    "audit_missing_start": ("第 {last} 条之前缺少 {count} 条记录",
                            "missing entries before {last} ({count})"),
    "audit_head_mismatch": (
        "链头不符：链头记为第 {head_id} 条，而最后一条是第 {last_id} 条（或其哈希不同）",
        "head mismatch: the head names entry {head_id}, the last entry is {last_id} "
        "(or its hash differs)"),
    "audit_head_missing": ("链头不符：缺少链头记录（audit_head）",
                           "head mismatch: the head row (audit_head) is missing"),
    "audit_anchor_mismatch": (
        "第 {id} 条的哈希与留存的 {anchor} 不符：此条或之前的记录被改写",
        "entry {id}: its hash differs from the anchor {anchor} written down: this entry or "
        "an earlier one was rewritten"),
    "audit_anchor_missing": (
        "第 {id} 条不存在（留存的 {anchor}）：此条已被删除，或日志被截短",
        "entry {id} does not exist (anchor {anchor}): it was deleted or the log cut short"),
    "audit_anchor_bad": (
        "“{text}”不是审计链锚点：应写作“序号:哈希”，哈希为 {min_digits}–{max_digits} 位十六进制"
        "数字，如 1234:9f86d081884c7d65",
        "“{text}” is not an audit anchor: write “id:hash” with {min_digits} to {max_digits} hex "
        "digits of the hash, e.g. 1234:9f86d081884c7d65"),
})

#: Hex digits of an anchor's hash: the printed short form, and the whole SHA-256.
ANCHOR_SHORT_DIGITS = 16
ANCHOR_FULL_DIGITS = 64
#: ``N:HEX`` (a full-width colon too: typed with a Chinese input method).
_ANCHOR_PATTERN = re.compile(r"(\d+)\s*[:：]\s*([0-9a-f]+)")
#: Between several anchors typed in one field.
_ANCHOR_SEPARATORS = re.compile(r"[\s,，;；、]+")


@dataclass(frozen=True)
class Anchor:
    """An entry's id and (the start of) its hash, kept outside the database.

    Text form ``N:HEX``: ``1234:9f86d081884c7d65``. Sixteen hex digits (64 bits) are the
    printed short form; any prefix from 16 digits up to the whole hash (64) is accepted."""

    entry_id: int
    hash_prefix: str

    @classmethod
    def parse(cls, text: str) -> Anchor:
        """``N:HEX`` with spaces trimmed, any case; a RuleError naming the text otherwise."""
        found = _ANCHOR_PATTERN.fullmatch(text.strip().lower())
        if (found is None or int(found[1]) < 1
                or not ANCHOR_SHORT_DIGITS <= len(found[2]) <= ANCHOR_FULL_DIGITS):
            raise RuleError([messages.error("audit_anchor_bad", text=text.strip(),
                                            min_digits=ANCHOR_SHORT_DIGITS,
                                            max_digits=ANCHOR_FULL_DIGITS)])
        return cls(int(found[1]), found[2])

    def text(self, digits: int = ANCHOR_SHORT_DIGITS) -> str:
        return f"{self.entry_id}:{self.hash_prefix[:digits]}"

    def matches(self, entry_hash: str) -> bool:
        return entry_hash.lower().startswith(self.hash_prefix)


def parse_anchors(text: str) -> list[Anchor]:
    """Anchors typed in one field, separated by spaces, commas or semicolons."""
    return [Anchor.parse(part) for part in _ANCHOR_SEPARATORS.split(text) if part]


def head_anchor(session: Session) -> Anchor | None:
    """The chain's head as an anchor (full hash), ``None`` while the log is empty; in the
    caller's transaction, so it names the log as the rest of that transaction reads it."""
    found = session.get(AuditHead, HEAD_ID)
    if found is None or found.last_id == 0:
        return None
    return Anchor(found.last_id, found.last_hash)


class Problem(StrEnum):
    CONTENT_CHANGED = "content_changed"
    LINK_BROKEN = "link_broken"
    MISSING = "missing"
    HEAD_MISMATCH = "head_mismatch"
    ANCHOR_MISMATCH = "anchor_mismatch"
    ANCHOR_MISSING = "anchor_missing"


@dataclass(frozen=True)
class Finding:
    """One break in the chain. ``entry_id``: the entry concerned (for MISSING, the first entry
    after the gap; ``after_id`` is the one before it, 0 at the start); ``anchor``: the anchor
    not matched (ANCHOR_MISMATCH, ANCHOR_MISSING)."""

    problem: Problem
    entry_id: int
    after_id: int | None = None
    anchor: Anchor | None = None

    def message(self) -> Message:
        if self.anchor is not None:
            return Message(f"audit_{self.problem.value}", {"id": self.entry_id,
                                                           "anchor": self.anchor.text()})
        if self.problem is Problem.MISSING:
            assert self.after_id is not None
            count = self.entry_id - self.after_id - 1
            if self.after_id == 0:
                return Message("audit_missing_start", {"last": self.entry_id, "count": count})
            return Message("audit_missing", {"first": self.after_id, "last": self.entry_id,
                                             "count": count})
        if self.problem is Problem.HEAD_MISMATCH:
            if self.after_id is None:
                return Message("audit_head_missing")
            return Message("audit_head_mismatch", {"head_id": self.after_id,
                                                   "last_id": self.entry_id})
        return Message(f"audit_{self.problem.value}", {"id": self.entry_id})


@dataclass(frozen=True)
class Verification:
    """The chain's findings, and ``content`` (None: not checked, as for an exported file):
    the counted data against the digests on the chain."""

    count: int
    last_hash: str
    findings: tuple[Finding, ...]
    last_id: int = 0
    content: ContentCheck | None = None

    @property
    def ok(self) -> bool:
        return not self.findings and (self.content is None or self.content.ok)

    @property
    def content_findings(self) -> tuple[ContentFinding, ...]:
        return () if self.content is None else self.content.findings

    def problems(self) -> list[Message]:
        """One message per problem: the chain's, then the counted data's."""
        return [f.message() for f in self.findings] + \
            [f.message() for f in self.content_findings]

    @property
    def head(self) -> Anchor | None:
        """The last entry checked, as an anchor to write down (``None``: no entry)."""
        return Anchor(self.last_id, self.last_hash) if self.count else None

    def summary(self) -> Message:
        if self.findings:
            return Message("audit_broken", {"count": len(self.findings)})
        if self.content is not None and not self.content.ok:
            return self.content.summary()
        return Message("audit_intact", {"count": self.count})


class ChainCheck:
    """Feed rows in id order (the fields of ``audit.HASHED_FIELDS``, ``prev_hash``, ``hash``),
    then :meth:`finish` with the head. Each of ``anchors`` is checked as its entry goes by."""

    def __init__(self, anchors: Iterable[Anchor] = ()) -> None:
        self.findings: list[Finding] = []
        self.last_id, self.last_hash, self.count = 0, GENESIS, 0
        self.unseen: dict[int, list[Anchor]] = {}
        for anchor in anchors:
            self.unseen.setdefault(anchor.entry_id, []).append(anchor)

    def feed(self, row: Mapping[str, Any]) -> None:
        self.count += 1
        entry_id = int(row["id"])
        if entry_id != self.last_id + 1:
            self.findings.append(Finding(Problem.MISSING, entry_id, self.last_id))
        elif row["prev_hash"] != self.last_hash:
            self.findings.append(Finding(Problem.LINK_BROKEN, entry_id))
        if entry_hash(row, str(row["prev_hash"])) != row["hash"]:
            self.findings.append(Finding(Problem.CONTENT_CHANGED, entry_id))
        self.findings += [Finding(Problem.ANCHOR_MISMATCH, entry_id, anchor=anchor)
                          for anchor in self.unseen.pop(entry_id, ())
                          if not anchor.matches(str(row["hash"]))]
        self.last_id, self.last_hash = entry_id, str(row["hash"])

    def finish(self, head: tuple[int, str] | None, *, check_head: bool = True) -> Verification:
        """``head``: the head's (last id, last hash), ``None`` when the head row is missing;
        ``check_head=False`` for an exported file, which has no head."""
        findings = list(self.findings)
        findings += [Finding(Problem.ANCHOR_MISSING, entry_id, anchor=anchor)
                     for entry_id, anchors in sorted(self.unseen.items()) for anchor in anchors]
        if check_head and head is None:
            findings.append(Finding(Problem.HEAD_MISMATCH, self.last_id, None))
        elif check_head and head is not None and head != (self.last_id, self.last_hash):
            findings.append(Finding(Problem.HEAD_MISMATCH, self.last_id, head[0]))
        return Verification(self.count, self.last_hash, tuple(findings), self.last_id)


def verify_chain(rows: Iterable[Mapping[str, Any]], anchors: Iterable[Anchor] = ()
                 ) -> Verification:
    """Check rows in id order against each other and ``anchors`` (an exported file: no head
    to compare)."""
    check = ChainCheck(anchors)
    for row in rows:
        check.feed(row)
    return check.finish(None, check_head=False)


@dataclass(frozen=True)
class AuditRecord:
    """One entry as read (``at`` aware UTC)."""

    id: int
    at: dt.datetime
    actor: str
    campaign_id: int | None
    action: str
    entity: str
    entity_id: int | None
    before: dict[str, Any] | None
    after: dict[str, Any] | None
    prev_hash: str
    hash: str

    def as_dict(self) -> dict[str, Any]:
        return {key: getattr(self, key) for key in self.__dataclass_fields__}

    def search_text(self) -> str:
        """What a text search looks in: every field, JSON with its characters as they are."""
        return "\n".join([self.actor, self.action, self.entity, str(self.entity_id or ""),
                          canonical_json(self.before), canonical_json(self.after)]).casefold()


#: The columns of :class:`AuditRecord`, in its order.
_RECORD_COLUMNS = (AuditEntry.id, AuditEntry.at, AuditEntry.actor, AuditEntry.campaign_id,
                   AuditEntry.action, AuditEntry.entity, AuditEntry.entity_id, AuditEntry.before,
                   AuditEntry.after, AuditEntry.prev_hash, AuditEntry.hash)


@dataclass(frozen=True)
class AuditFilter:
    """Which entries to list; every criterion given must hold. ``until`` is exclusive."""

    action: str | None = None  # prefix: "candidate" matches candidate.status…
    actor: str | None = None
    entity: str | None = None
    campaign_id: int | None = None
    since: dt.datetime | None = None
    until: dt.datetime | None = None
    text: str | None = None  # anywhere in the entry, case-insensitive
    entry_ids: frozenset[int] = field(default_factory=frozenset)

    def statement(self) -> Select[AuditEntry]:
        query = select(AuditEntry)
        if self.action:
            query = query.where(AuditEntry.action.startswith(self.action, autoescape=True))
        if self.actor:
            query = query.where(AuditEntry.actor == self.actor)
        if self.entity:
            query = query.where(AuditEntry.entity == self.entity)
        if self.campaign_id is not None:
            query = query.where(AuditEntry.campaign_id == self.campaign_id)
        if self.since is not None:
            query = query.where(AuditEntry.at >= self.since)
        if self.until is not None:
            query = query.where(AuditEntry.at < self.until)
        if self.entry_ids:
            query = query.where(AuditEntry.id.in_(sorted(self.entry_ids)))
        return query

    def matches_text(self, entry: AuditRecord) -> bool:
        return not self.text or self.text.casefold() in entry.search_text()


class AuditLog:
    """Read-only access to the audit log of one database."""

    def __init__(self, db: Database) -> None:
        self.db = db

    def entries(self, wanted: AuditFilter | None = None, *, newest_first: bool = False,
                limit: int | None = None) -> list[AuditRecord]:
        """Entries matching ``wanted`` in id order (or newest first), at most ``limit``."""
        wanted = wanted or AuditFilter()
        order = AuditEntry.id.desc() if newest_first else AuditEntry.id
        found: list[AuditRecord] = []
        for entry in self._stream(wanted.statement().order_by(order)):
            if wanted.matches_text(entry):
                found.append(entry)
                if limit is not None and len(found) >= limit:
                    break
        return found

    def iter_all(self) -> Iterator[AuditRecord]:
        """Every entry in id order, read in batches (the log can be long)."""
        return self._stream(select(AuditEntry).order_by(AuditEntry.id))

    def _stream(self, query: Select[AuditEntry], session: Session | None = None
                ) -> Iterator[AuditRecord]:
        """Rows of the columns only (no ORM objects: several times faster on a long log), in
        ``session`` or a transaction of their own."""
        if session is None:
            with self.db.transaction() as s:
                yield from self._stream(query, s)
            return
        columns = query.with_only_columns(*_RECORD_COLUMNS, maintain_column_froms=True)
        for row in session.execute(columns.execution_options(yield_per=BATCH_ROWS)):
            yield AuditRecord(*row)

    def actors(self) -> list[str]:
        return self._distinct(AuditEntry.actor)

    def actions(self) -> list[str]:
        return self._distinct(AuditEntry.action)

    def entities(self) -> list[str]:
        return self._distinct(AuditEntry.entity)

    def _distinct(self, column: InstrumentedAttribute[str]) -> list[str]:
        """The values a column takes (for the filter lists)."""
        with self.db.transaction() as s:
            return list(s.scalars(select(column).distinct().order_by(column)))

    def head(self) -> Anchor | None:
        """The current head (full hash), ``None`` while the log is empty."""
        with self.db.transaction() as s:
            return head_anchor(s)

    def verify(self, anchors: Iterable[Anchor] = ()) -> Verification:
        """Check the whole chain as stored, that each of ``anchors`` matches its entry and
        that the counted data is what the chain's digests say, all in one snapshot
        (:meth:`Database.snapshot`).

        Where the snapshot is not isolated (SQLite) other processes may append meanwhile: an
        entry and the head move in one transaction, so a head beyond the last entry read means
        newer entries, which are read and checked too.
        """
        check, ledger = ChainCheck(anchors), Ledger()
        with self.db.snapshot() as s:
            while True:
                for entry in self._stream(select(AuditEntry).where(AuditEntry.id > check.last_id)
                                          .order_by(AuditEntry.id), s):
                    check.feed(entry.as_dict())
                    ledger.feed(entry.id, entry.after)
                found = s.get(AuditHead, HEAD_ID, populate_existing=True)
                head = None if found is None else (found.last_id, found.last_hash)
                if head is None or head[0] <= check.last_id \
                        or not self._has_after(s, check.last_id):
                    break
            return replace(check.finish(head), content=compare(s, ledger))

    @staticmethod
    def _has_after(session: Session, entry_id: int) -> bool:
        return session.scalar(select(AuditEntry.id).where(AuditEntry.id > entry_id).limit(1)) \
            is not None


# -- the baseline (migration 0011) ------------------------------------------------------------
#: Rows per baseline entry: about 90 KB of JSON for sheets, small enough for the audit page.
BASELINE_ROWS = 1000
#: The actor of the baseline entries, written by the schema upgrade, not by a person.
BASELINE_ACTOR = "upgrade"


def record_baseline(session: Session, kinds: Sequence[Kind] = KINDS) -> int:
    """Entries ``audit.baseline`` with the digests of every tracked row as it is now, for a
    database whose chain began before the entries carried digests (migration 0009): from
    them on, the rows are covered; what happened to them before is covered by the baseline
    only. Returns the number of entries (none for a database without counted data)."""
    actor = Actor(BASELINE_ACTOR, Role.ORGANISER)
    entries = 0
    for kind in kinds:
        now = current_digests(session, kind)
        keys = sorted(now)
        for start in range(0, len(keys), BASELINE_ROWS):
            chunk = {str(key): now[key] for key in keys[start:start + BASELINE_ROWS]}
            record(session, actor=actor, action="audit.baseline", entity=kind.name,
                   entity_id=None, campaign_id=None,
                   after={DIGESTS_KEY: {kind.name: chunk}, "rows": len(chunk)})
            entries += 1
    return entries
