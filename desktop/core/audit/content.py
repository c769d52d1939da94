"""Digests of the counted data, carried by the audit chain, and their check against the tables.

The chain (audit.py) proves that its entries were not changed; this module ties the entries to
the rows that make the count. Every change to counted data — a scanned sheet and its marks, a
review decision, a spoiled or unused serial, an online import with its totals and flags, an
expert score or rule, the combination rule, a tie decision — is recorded with
``audit.record(..., covers=(row, …))``; when the transaction commits, the entry's ``after``
gets ``"digests"``: for each covered row, a digest of its content as committed (``None`` for
a row the transaction deleted)::

    "digests": {"sheet": {"17": {"sheet": "<hex>", "sheet_mark": "<hex>"}}}

A *kind* is a table whose rows are tracked by their id (``sheet``); its *parts* are that row
and the rows that belong to it (``sheet_mark`` by ``sheet_id``), each with one digest: the
SHA-256 of the canonical JSON of its rows' counted columns, in a fixed order.

:class:`Ledger` replays the chain (the newest digest of each row wins) and :func:`compare`
recomputes every digest from the tables as they are now, streaming plain rows: a row whose
digest differs was edited (or moved: a review decision's sheet and target are in its digest),
a row without a digest on the chain was inserted, a digest whose row is gone was deleted —
outside BallotDesk, in each case. docs/audit.md says what each digest covers.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from enum import Enum, StrEnum
from typing import Any

from sqlalchemy import ColumnClause, Date, inspect, select
from sqlalchemy import Enum as SqlEnum
from sqlalchemy.orm import InstrumentedAttribute, Session

from ballotformat import messages
from ballotformat.messages import Message
from desktop.core.audit.canonical import at_text, canonical_json
from desktop.core.records import TargetLists
from desktop.core.store import (
    Base,
    Candidate,
    Category,
    CommitteeDecision,
    DecisionLine,
    ExpertRule,
    ExpertScore,
    OnlineFlag,
    OnlineImport,
    OnlineTotal,
    ResultSetting,
    ReviewDecision,
    RoundTie,
    SerialNote,
    Sheet,
    TieDecision,
    UTCDateTime,
    unpack_marks,
)

#: Hex digits kept of each SHA-256: 128 bits, beyond reach of a forged row with the same digest,
#: at half the size in the log (a sheet's entry carries two).
DIGEST_HEX_DIGITS = 32
#: The key of ``AuditEntry.after`` holding the digests.
DIGESTS_KEY = "digests"
#: Rows read per round trip while recomputing digests.
STREAM_ROWS = 5000
#: Characters of a row's current content quoted in a finding (it is there to be looked at).
NOW_TEXT_CHARS = 200

messages.register({
    "content_edited": (
        "{table}（{row}）：内容在 BallotDesk 之外被改动，与第 {entry} 条审计记录中的摘要不符；"
        "现为：{now}",
        "{table} ({row}): changed outside BallotDesk, it no longer matches the digest audit "
        "entry {entry} recorded; now: {now}"),
    "content_inserted": (
        "{table}（{row}）：审计链上没有它的记录，是在 BallotDesk 之外插入的；现为：{now}",
        "{table} ({row}): not on the audit chain, inserted outside BallotDesk; now: {now}"),
    "content_deleted": (
        "{table}（{row}）：在 BallotDesk 之外被删除（第 {entry} 条审计记录记载了它）",
        "{table} ({row}): deleted outside BallotDesk (audit entry {entry} records it)"),
    "content_edited_rows": (
        "{table}（{row}）：在 BallotDesk 之外被改动、增加或删除，与第 {entry} 条审计记录中的摘要"
        "不符；现有 {count} 行",
        "{table} ({row}): changed, added or deleted outside BallotDesk, no longer matching the "
        "digest audit entry {entry} recorded; now {count:|row|rows}"),
    "content_matches": ("计票数据与审计链相符（{count} 行）",
                        "The counted data matches the audit chain ({count:|row|rows})"),
    "content_broken": ("计票数据与审计链不符：发现 {count} 处问题",
                       "The counted data does not match the audit chain: "
                       "{count:|problem|problems} found"),
})


#: A column of a model, or of a table as an earlier revision had it (migrations).
Column = InstrumentedAttribute[Any] | ColumnClause[Any]
#: Turns the ``columns`` of one stored row into the rows a part hashes (see :class:`Part`).
Unpack = Callable[[Session], Callable[[Sequence[Any]], list[list[Any]]]]


@dataclass(frozen=True)
class Part:
    """Rows of ``table`` belonging to one tracked row (by ``parent``), hashed as a list of
    ``columns`` in ``order``. The first part of a kind is the row itself (``parent`` its id).

    ``unpack``: the part's rows are packed into one stored row per parent (``columns`` of that
    row): given a session it returns what turns those values into the rows hashed, the same
    rows as before they were packed, so that a digest stays a function of the content."""

    table: str
    parent: Column
    columns: tuple[Column, ...]
    order: tuple[Column, ...] = ()
    unpack: Unpack | None = None
    #: The parent's name in findings, where not its column's (packed marks: ``sheet_id``).
    parent_name: str = ""

    @property
    def single(self) -> bool:
        return self.unpack is None and self.parent.key == "id"

    @property
    def parent_key(self) -> str:
        return self.parent_name or str(self.parent.key)


def _sheet_marks(session: Session) -> Callable[[Sequence[Any]], list[list[Any]]]:
    """A sheet's packed marks as the rows ``sheet_mark`` held before 0012 (category,
    candidate, state, score; by category then candidate). Content that does not unpack (edited
    outside BallotDesk) is hashed as it is stored, so that its digest differs."""
    lists = TargetLists(session)

    def rows(values: Sequence[Any]) -> list[list[Any]]:
        targets_id, states, scores = values
        if targets_id is None and not states and not scores:
            return []
        stored = scores if isinstance(scores, bytes) else str(scores).encode("utf-8")
        try:
            marks = unpack_marks(lists[targets_id], states, stored)
        except (ValueError, KeyError) as exc:
            return [["unreadable", targets_id, states, stored.hex(), str(exc)]]
        return sorted([m.category, m.candidate, m.state, m.score] for m in marks)
    return rows


@dataclass(frozen=True)
class Kind:
    """A tracked table: its rows by id, each with one digest per part."""

    model: type[Base]
    parts: tuple[Part, ...]

    @property
    def name(self) -> str:
        return str(self.model.__tablename__)


def _own(model: type[Any], *columns: InstrumentedAttribute[Any]) -> Part:
    return Part(model.__tablename__, model.id, columns)


#: What each digest covers: the columns that decide the count (not the image's path, the
#: zoom's homography or who typed a setting in, which change no number).
KINDS: tuple[Kind, ...] = (
    Kind(Sheet, (
        _own(Sheet, Sheet.campaign_id, Sheet.serial, Sheet.page, Sheet.layout_version,
             Sheet.box_id, Sheet.counted_key, Sheet.status, Sheet.reasons, Sheet.image_key,
             Sheet.image_sha256),
        Part("sheet_mark", Sheet.id, (Sheet.mark_targets_id, Sheet.mark_states,
                                      Sheet.mark_scores),
             unpack=_sheet_marks, parent_name="sheet_id"))),
    Kind(ReviewDecision, (_own(ReviewDecision, ReviewDecision.sheet_id, ReviewDecision.category,
                               ReviewDecision.candidate, ReviewDecision.decision,
                               ReviewDecision.reason, ReviewDecision.operator,
                               ReviewDecision.decided_at),)),
    Kind(SerialNote, (_own(SerialNote, SerialNote.campaign_id, SerialNote.serial,
                           SerialNote.state, SerialNote.note),)),
    Kind(OnlineImport, (
        _own(OnlineImport, OnlineImport.campaign_id, OnlineImport.source_id, OnlineImport.sha256,
             OnlineImport.shape, OnlineImport.rows, OnlineImport.flagged_rows,
             OnlineImport.withdrawn_at),
        Part("online_total", OnlineTotal.import_id,
             (OnlineTotal.candidate_id, OnlineTotal.votes, OnlineTotal.unflagged),
             (OnlineTotal.candidate_id,)),
        Part("online_flag", OnlineFlag.import_id,
             (OnlineFlag.row, OnlineFlag.reasons, OnlineFlag.candidate_ids, OnlineFlag.time,
              OnlineFlag.voter, OnlineFlag.ip),
             (OnlineFlag.row, OnlineFlag.id)))),
    Kind(ExpertScore, (_own(ExpertScore, ExpertScore.campaign_id, ExpertScore.candidate_id,
                            ExpertScore.expert, ExpertScore.score),)),
    Kind(ExpertRule, (_own(ExpertRule, ExpertRule.campaign_id, ExpertRule.category_id,
                           ExpertRule.max_score, ExpertRule.drop_extremes),)),
    Kind(ResultSetting, (_own(ResultSetting, ResultSetting.campaign_id, ResultSetting.method,
                              ResultSetting.online_votes, ResultSetting.normalise,
                              ResultSetting.weights),)),
    Kind(TieDecision, (_own(TieDecision, TieDecision.campaign_id, TieDecision.category_id,
                            TieDecision.tied, TieDecision.winners, TieDecision.note),)),
    # Rounds (0013): who goes on at a tie at a round's cut, and the committee's decision with
    # its lines, which candidates' statuses follow.
    Kind(RoundTie, (_own(RoundTie, RoundTie.round_id, RoundTie.category_id, RoundTie.tied,
                         RoundTie.advancing, RoundTie.note),)),
    Kind(CommitteeDecision, (
        _own(CommitteeDecision, CommitteeDecision.campaign_id, CommitteeDecision.round_id,
             CommitteeDecision.decided_on, CommitteeDecision.meeting,
             CommitteeDecision.attendees, CommitteeDecision.note),
        Part("decision_line", DecisionLine.decision_id,
             (DecisionLine.category_id, DecisionLine.candidate_id, DecisionLine.rank,
              DecisionLine.chosen, DecisionLine.departure, DecisionLine.reason),
             (DecisionLine.candidate_id,)))),
    # What the marks count for: a category's name and seats, a candidate's number (marks name
    # the category and the printed number) and whether it stands.
    Kind(Category, (_own(Category, Category.campaign_id, Category.name, Category.winners,
                         Category.max_marks),)),
    Kind(Candidate, (_own(Candidate, Candidate.category_id, Candidate.number, Candidate.name,
                          Candidate.status),)),
)
KINDS_BY_NAME = {kind.name: kind for kind in KINDS}

#: {kind: {row id as text: {part table: digest} or None (deleted)}}
Digests = dict[str, dict[str, dict[str, str] | None]]


# -- digests -------------------------------------------------------------------------------
def _plain(value: Any) -> Any:
    """A column value as hashed: enums by value, moments as the audit chain writes them, days
    as ISO text."""
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, dt.datetime):
        return at_text(value)
    if isinstance(value, dt.date):  # a day (the committee's decision, 0013): ISO text
        return value.isoformat()
    return value


def digest(rows: Sequence[Sequence[Any]]) -> str:
    """The digest of a part: its rows (lists of plain column values) as canonical JSON."""
    text = canonical_json(rows)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:DIGEST_HEX_DIGITS]


def _part_rows(session: Session, part: Part, ids: Sequence[int] | None
               ) -> Iterator[tuple[int, list[list[Any]]]]:
    """(parent id, its rows as plain values) in parent order, streamed as Core rows (no ORM
    loading: a campaign has millions of marks); ``ids``: only these parents."""
    query = select(part.parent.expression, *(c.expression for c in part.columns)) \
        .order_by(part.parent.expression, *(c.expression for c in part.order))
    if ids is not None:
        query = query.where(part.parent.expression.in_(ids))
    if part.unpack is not None:
        unpack = part.unpack(session)
        result = session.connection().execute(query.execution_options(yield_per=STREAM_ROWS))
        for chunk in result.partitions():
            for parent, *values in chunk:
                yield parent, unpack(values)
        return
    # Only enum, moment and day columns need converting; the others are plain already.
    convert = [i for i, c in enumerate(part.columns, start=1)
               if isinstance(c.expression.type, SqlEnum | UTCDateTime | Date)]
    current: int | None = None
    rows: list[list[Any]] = []
    result = session.connection().execute(query.execution_options(yield_per=STREAM_ROWS))
    for chunk in result.partitions():
        for row in chunk:
            values = list(row)
            for index in convert:
                values[index] = _plain(values[index])
            if values[0] != current:
                if current is not None:
                    yield current, rows
                current, rows = values[0], []
            rows.append(values[1:])
    if current is not None:
        yield current, rows


def current_digests(session: Session, kind: Kind, ids: Sequence[int] | None = None
                    ) -> dict[int, dict[str, str]]:
    """Each row's digests as the tables hold them now (every row, or those of ``ids``)."""
    found: dict[int, dict[str, str]] = {}
    own, *children = kind.parts
    for row_id, rows in _part_rows(session, own, ids):
        found[row_id] = {own.table: digest(rows)}
    for part in children:
        empty = digest([])
        for parts in found.values():
            parts[part.table] = empty
        for row_id, rows in _part_rows(session, part, ids):
            if row_id in found:  # a child without its row is the row's deletion, named there
                found[row_id][part.table] = digest(rows)
    return found


def tracked(obj: Base) -> tuple[Base, ...]:
    """``(obj,)`` when its table is counted data (for ``covers``), else ``()``."""
    return (obj,) if type(obj).__tablename__ in KINDS_BY_NAME else ()


def row_key(obj: Base) -> tuple[str, str]:
    """(kind, id as text) of a tracked row, read without loading anything (the row may be
    deleted by now)."""
    identity = inspect(obj).identity
    if identity is None:
        raise ValueError(f"{obj!r} is not flushed: an audit entry covers stored rows only")
    return KINDS_BY_NAME[type(obj).__tablename__].name, str(identity[0])


def digests_of(session: Session, rows: Iterable[Base]) -> Digests:
    """The digests of ``rows`` (ORM objects of tracked kinds) as the session's transaction
    has them; ``None`` for a row deleted in it. Called at commit, after the last flush."""
    wanted: dict[str, set[int]] = {}
    for kind, key in map(row_key, rows):
        wanted.setdefault(kind, set()).add(int(key))
    out: Digests = {}
    for name, ids in wanted.items():
        ordered = sorted(ids)
        now: dict[int, dict[str, str]] = {}
        for start in range(0, len(ordered), STREAM_ROWS):  # bounded IN lists
            now.update(current_digests(session, KINDS_BY_NAME[name],
                                       ordered[start:start + STREAM_ROWS]))
        out[name] = {str(i): now.get(i) for i in ordered}
    return out


# -- the chain's view ----------------------------------------------------------------------
class Ledger:
    """The counted data as the chain records it: each row's newest digests and the entry."""

    def __init__(self) -> None:
        self.rows: dict[str, dict[str, tuple[dict[str, str] | None, int]]] = {}

    def feed(self, entry_id: int, after: Mapping[str, Any] | None) -> None:
        found = (after or {}).get(DIGESTS_KEY)
        if not isinstance(found, Mapping):
            return
        for name, rows in found.items():
            if isinstance(rows, Mapping):
                mine = self.rows.setdefault(str(name), {})
                for key, parts in rows.items():
                    mine[str(key)] = (dict(parts) if isinstance(parts, Mapping) else None,
                                      entry_id)


class Change(StrEnum):
    EDITED = "edited"
    INSERTED = "inserted"
    DELETED = "deleted"


@dataclass(frozen=True)
class ContentFinding:
    """A row of counted data that is not as the chain says. ``table``: the part that differs
    (``sheet_mark`` when a sheet's marks changed); ``column``/``row_id``: which rows
    (``sheet_id`` 17: the marks of sheet 17); ``entry_id``: the entry with the digest
    (None: none); ``now``: the row's current content as ``column=value`` text, or for a part
    of several rows (marks, totals, flags) ``rows``, how many there are now."""

    change: Change
    kind: str
    table: str
    column: str
    row_id: int
    entry_id: int | None
    now: str = ""
    rows: int | None = None

    def message(self) -> Message:
        code = f"content_{self.change.value}" + ("_rows" if self.rows is not None else "")
        return Message(code, {"table": self.table, "row": f"{self.column}={self.row_id}",
                              "entry": self.entry_id, "now": self.now, "count": self.rows})

    def as_json(self, language: str | None = None) -> dict[str, Any]:
        return {"change": self.change.value, "table": self.table, "kind": self.kind,
                "column": self.column, "row_id": self.row_id, "entry_id": self.entry_id,
                "now": self.now, "rows": self.rows, "message": self.message().text(language)}


@dataclass(frozen=True)
class ContentCheck:
    rows: int
    findings: tuple[ContentFinding, ...]

    @property
    def ok(self) -> bool:
        return not self.findings

    def summary(self) -> Message:
        if self.ok:
            return Message("content_matches", {"count": self.rows})
        return Message("content_broken", {"count": len(self.findings)})


def compare(session: Session, ledger: Ledger) -> ContentCheck:
    """Every tracked table as it is now against the ledger (in the caller's transaction)."""
    findings: list[ContentFinding] = []
    rows = 0
    for kind in KINDS:
        recorded = ledger.rows.get(kind.name, {})
        now = current_digests(session, kind)
        rows += len(now)
        for row_id, parts in now.items():
            digests, entry_id = recorded.get(str(row_id), (None, None))
            if digests is None:
                findings.append(_finding(session, Change.INSERTED, kind, kind.parts[0], row_id,
                                         entry_id))
                continue
            findings += [_finding(session, Change.EDITED, kind, part, row_id, entry_id)
                         for part in kind.parts if digests.get(part.table) != parts[part.table]]
        findings += [ContentFinding(Change.DELETED, kind.name, kind.name, "id", int(key),
                                    entry_id)
                     for key, (digests, entry_id) in sorted(recorded.items(),
                                                            key=lambda item: int(item[0]))
                     if digests is not None and int(key) not in now]
    return ContentCheck(rows, tuple(findings))


def _finding(session: Session, change: Change, kind: Kind, part: Part, row_id: int,
             entry_id: int | None) -> ContentFinding:
    """The finding, with the part's rows as they are now: ``column=value`` of a row, the
    number of rows of a part of several (which of them changed, a digest cannot say)."""
    rows = next((rows for _, rows in _part_rows(session, part, [row_id])), [])
    if not part.single:
        return ContentFinding(change, kind.name, part.table, part.parent_key, row_id, entry_id,
                              rows=len(rows))
    names = [column.key for column in part.columns]
    text = "; ".join(f"{name}={value}"
                     for name, value in zip(names, rows[0], strict=True)) if rows else ""
    if len(text) > NOW_TEXT_CHARS:
        text = text[:NOW_TEXT_CHARS - 1] + "…"
    return ContentFinding(change, kind.name, part.table, part.parent_key, row_id, entry_id, text)
