"""What the online imports add up to: plain queries returning frozen data.

For the combination and the ranking (see docs/results.md): :func:`online_votes` gives, per
candidate id, the votes of every source that has a standing (not withdrawn) import, as exported
and without the flagged votes. :func:`imports` and :func:`flagged` list what was imported and
what the fraud checks flagged.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING

from sqlalchemy import Select, String, insert, select
from sqlalchemy.orm import Session

from desktop.core.online.match import CandidateIndex, CandidateRef
from desktop.core.store import (
    Candidate,
    Category,
    Database,
    OnlineFlag,
    OnlineImport,
    OnlineSource,
    OnlineTotal,
)

if TYPE_CHECKING:  # the importer's rows (pandas): not loaded to read the stored results
    from desktop.core.online.plan import FlaggedRow


@dataclass(frozen=True)
class SourceVotes:
    #: As the platform exported them.
    votes: int
    #: Without the rows the fraud checks flagged.
    unflagged: int


@dataclass(frozen=True)
class CandidateOnline:
    candidate_id: int
    category_id: int
    #: Source name → its votes (sums over the source's standing imports).
    sources: Mapping[str, SourceVotes]

    @property
    def votes(self) -> int:
        return sum(v.votes for v in self.sources.values())

    @property
    def unflagged(self) -> int:
        return sum(v.unflagged for v in self.sources.values())


@dataclass(frozen=True)
class ImportInfo:
    id: int
    source: str
    file_name: str
    sha256: str
    shape: str
    rows: int
    votes: int
    unflagged: int
    flagged_rows: int
    imported_by: str
    imported_at: dt.datetime
    withdrawn_by: str | None
    withdrawn_at: dt.datetime | None
    withdraw_note: str


@dataclass(frozen=True)
class FlagInfo:
    import_id: int
    source: str
    row: int
    reasons: tuple[str, ...]
    time: str
    voter: str
    ip: str
    candidate_ids: tuple[int, ...]


def candidate_index(s: Session, campaign_id: int) -> CandidateIndex:
    rows = s.execute(select(Candidate.id, Category.id, Category.name, Candidate.number,
                            Candidate.name).join(Category)
                     .where(Category.campaign_id == campaign_id)
                     .order_by(Category.position, Candidate.number, Candidate.id))
    return CandidateIndex(CandidateRef(*row) for row in rows)


def _fit(value: str, column: str) -> str:
    """A flagged row's cell cut to its column's length: the export's cells are kept as evidence,
    and PostgreSQL (unlike SQLite) refuses text longer than the column."""
    kind = OnlineFlag.__table__.c[column].type
    assert isinstance(kind, String)
    assert kind.length is not None
    return value[:kind.length]


def import_rows(s: Session, import_id: int, totals: Mapping[int, int],
                unflagged: Mapping[int, int], flags: Iterable[FlaggedRow]) -> None:
    """Bulk inserts (one executemany each) of an import's totals and flagged rows."""
    if totals:
        s.execute(insert(OnlineTotal), [
            {"import_id": import_id, "candidate_id": cid, "votes": n,
             "unflagged": unflagged.get(cid, n)} for cid, n in totals.items()])
    rows = [{"import_id": import_id, "row": f.row, "reasons": list(f.reasons),
             "time": _fit(f.time, "time"), "voter": _fit(f.voter, "voter"), "ip": _fit(f.ip, "ip"),
             "candidate_ids": list(f.candidate_ids)}
            for f in flags]
    if rows:
        s.execute(insert(OnlineFlag), rows)


def _standing(campaign_id: int, source: str | None, withdrawn: bool = False,
              ) -> Select[OnlineImport, str]:
    query = (select(OnlineImport, OnlineSource.name).join(OnlineSource)
             .where(OnlineImport.campaign_id == campaign_id).order_by(OnlineImport.id))
    if not withdrawn:
        query = query.where(OnlineImport.withdrawn_at.is_(None))
    if source is not None:
        query = query.where(OnlineSource.name == source)
    return query


def online_votes(db: Database, campaign_id: int) -> dict[int, CandidateOnline]:
    """Per candidate id: each source's votes (standing imports only)."""
    per: dict[int, dict[str, SourceVotes]] = {}
    categories: dict[int, int] = {}
    with db.transaction() as s:
        rows = s.execute(
            select(OnlineTotal.candidate_id, Candidate.category_id, OnlineSource.name,
                   OnlineTotal.votes, OnlineTotal.unflagged)
            .join(OnlineImport, OnlineImport.id == OnlineTotal.import_id)
            .join(OnlineSource, OnlineSource.id == OnlineImport.source_id)
            .join(Candidate, Candidate.id == OnlineTotal.candidate_id)
            .where(OnlineImport.campaign_id == campaign_id, OnlineImport.withdrawn_at.is_(None)))
        for cid, category_id, source, votes, unflagged in rows:
            categories[cid] = category_id
            old = per.setdefault(cid, {}).get(source, SourceVotes(0, 0))
            per[cid][source] = SourceVotes(old.votes + votes, old.unflagged + unflagged)
    return {cid: CandidateOnline(cid, categories[cid], sources) for cid, sources in per.items()}


def imports(db: Database, campaign_id: int, source: str | None = None,
            withdrawn: bool = True) -> list[ImportInfo]:
    with db.transaction() as s:
        result = []
        for row, name in s.execute(_standing(campaign_id, source, withdrawn)):
            totals = s.execute(select(OnlineTotal.votes, OnlineTotal.unflagged)
                               .where(OnlineTotal.import_id == row.id)).all()
            result.append(ImportInfo(
                row.id, name, row.file_name, row.sha256, row.shape, row.rows,
                sum(t[0] for t in totals), sum(t[1] for t in totals), row.flagged_rows,
                row.imported_by, row.imported_at, row.withdrawn_by, row.withdrawn_at,
                row.withdraw_note))
        return result


def flagged(db: Database, campaign_id: int, source: str | None = None) -> list[FlagInfo]:
    """The flagged rows of the standing imports, in import and row order."""
    with db.transaction() as s:
        result = []
        for row, name in s.execute(_standing(campaign_id, source)):
            result += [FlagInfo(row.id, name, f.row, tuple(f.reasons), f.time, f.voter, f.ip,
                                tuple(f.candidate_ids))
                       for f in s.scalars(select(OnlineFlag).where(OnlineFlag.import_id == row.id)
                                          .order_by(OnlineFlag.row))]
        return result
