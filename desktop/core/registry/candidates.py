"""Candidates (候选对象): the service layer over nominations, review and numbering."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path

from sqlalchemy import func, select
from sqlalchemy.orm import Session, selectinload

from ballotformat.messages import Message, RuleError, error, raise_if_refused
from desktop.core import audit
from desktop.core.accounts import Actor
from desktop.core.enums import (
    STATUSES_OUTSIDE_QUOTA,
    CandidateKind,
    CandidateStatus,
    Permission,
    Sex,
)
from desktop.core.registry import rules
from desktop.core.registry.rules import CandidateFields
from desktop.core.store import (
    Base,
    Campaign,
    Candidate,
    Category,
    CommitteeDecision,
    Database,
    DecisionLine,
    ExpertScore,
    OnlineImport,
    OnlineTotal,
    Photo,
    Unit,
    utcnow,
)

#: Statuses that need a note saying why (a rejection must be explainable).
STATUSES_NEEDING_NOTE = frozenset({CandidateStatus.REJECTED, CandidateStatus.WITHDRAWN})


def format_number(number: int | None) -> str:
    """A candidate number as printed on ballots and lists: at least two digits."""
    return "" if number is None else f"{number:02d}"


@dataclass(frozen=True)
class CandidateInfo:
    id: int
    category_id: int
    category: str
    kind: CandidateKind
    unit_id: int
    unit: str
    number: int | None
    name: str
    sex: Sex | None
    birth: str | None
    political: str
    post: str
    awards: str
    summary: str
    status: CandidateStatus
    review_note: str
    reviewed_by: str | None
    reviewed_at: dt.datetime | None
    has_photo: bool
    #: 推荐表 fields still empty ("incomplete form").
    missing_fields: tuple[str, ...]

    @property
    def number_text(self) -> str:
        return format_number(self.number)

    @property
    def fields(self) -> CandidateFields:
        return CandidateFields(
            name=self.name, category=self.category, unit=self.unit, number=self.number,
            sex=self.sex, birth=self.birth, political=self.political, post=self.post,
            awards=self.awards, summary=self.summary,
        )

    @classmethod
    def of(cls, c: Candidate, has_photo: bool) -> CandidateInfo:
        values = {"sex": c.sex, "birth": c.birth, "political": c.political, "post": c.post,
                  "summary": c.summary.strip()}
        return cls(
            c.id, c.category_id, c.category.name, c.category.kind, c.unit_id, c.unit.name,
            c.number, c.name, c.sex, c.birth, c.political, c.post, c.awards, c.summary, c.status,
            c.review_note, c.reviewed_by, c.reviewed_at, has_photo,
            rules.missing_form_fields(c.category.kind, values),
        )


@dataclass
class Batch:
    """What earlier candidates of one batch (an import) add, so that the rules see them."""

    numbers: dict[tuple[str, int], str] = field(default_factory=dict)
    names: Counter[tuple[str, str]] = field(default_factory=Counter)
    quota_use: Counter[tuple[str, str]] = field(default_factory=Counter)
    new_categories: set[str] = field(default_factory=set)
    new_units: set[str] = field(default_factory=set)

    def add(self, fields: CandidateFields) -> None:
        if fields.number is not None:
            self.numbers.setdefault((fields.category, fields.number), fields.name)
        self.names[(fields.category, fields.name)] += 1
        self.quota_use[(fields.unit, fields.category)] += 1


def clean_fields(fields: CandidateFields) -> CandidateFields:
    return replace(
        fields,
        name=rules.normalise_name(fields.name),
        category=rules.normalise_name(fields.category),
        unit=rules.normalise_name(fields.unit),
        political=fields.political.strip(), post=fields.post.strip(),
        awards=fields.awards.strip(), summary=fields.summary.strip(),
    )


def check_candidate(
    s: Session,
    campaign: Campaign,
    fields: CandidateFields,
    candidate_id: int | None = None,
    batch: Batch | None = None,
) -> list[Message]:
    """Every registry rule for one candidate, against the database plus an optional batch.

    Categories and units the batch will create are accepted; any other unknown name is an
    error.
    """
    batch = batch or Batch()
    messages = rules.candidate_rules(fields, campaign.summary_max_chars)
    category = s.scalar(select(Category).where(
        Category.campaign_id == campaign.id, Category.name == fields.category))
    unit = s.scalar(select(Unit).where(Unit.campaign_id == campaign.id, Unit.name == fields.unit))
    for key, name, found, created in (
        ("category", fields.category, category, batch.new_categories),
        ("unit", fields.unit, unit, batch.new_units),
    ):
        if name and found is None:
            messages += rules.printable(name) if name in created else [
                error("not_found", field=key, name=name)]
    if category is None and fields.category not in batch.new_categories:
        return messages
    # Ids of what exists already; -1 matches nothing for what the batch will create.
    category_id = category.id if category is not None else -1
    unit_id = unit.id if unit is not None else -1
    others = Candidate.id != (candidate_id or -1)

    holder = batch.numbers.get((fields.category, fields.number)) if fields.number else None
    if fields.number is not None and holder is None:
        holder = s.scalar(select(Candidate.name).where(
            Candidate.category_id == category_id, Candidate.number == fields.number, others))
    messages += rules.number_unique(fields.category, fields.number, holder)

    same_names = batch.names[(fields.category, fields.name)] + (s.scalar(
        select(func.count()).select_from(Candidate).where(
            Candidate.category_id == category_id, Candidate.name == fields.name, others)) or 0)
    messages += rules.name_unique(fields.category, fields.name, same_names)

    if fields.unit:
        quota = unit.quota if unit is not None else campaign.default_quota
        used = batch.quota_use[(fields.unit, fields.category)] + (s.scalar(
            select(func.count()).select_from(Candidate).where(
                Candidate.unit_id == unit_id, Candidate.category_id == category_id,
                Candidate.status.not_in(STATUSES_OUTSIDE_QUOTA), others)) or 0)
        messages += rules.within_quota(fields.unit, fields.category, used + 1, quota)
    return messages


def _counted_rows_of(s: Session, candidate_id: int) -> list[Base]:
    """Counted data the database deletes with a candidate (ON DELETE CASCADE): its expert
    scores, and its totals and its lines in committee decisions, which change the digests of
    their online imports and decisions."""
    scores = s.scalars(select(ExpertScore).where(ExpertScore.candidate_id == candidate_id))
    imports = s.scalars(select(OnlineImport).where(OnlineImport.id.in_(
        select(OnlineTotal.import_id).where(OnlineTotal.candidate_id == candidate_id))))
    decisions = s.scalars(select(CommitteeDecision).where(CommitteeDecision.id.in_(
        select(DecisionLine.decision_id).where(DecisionLine.candidate_id == candidate_id))))
    return [*scores, *imports, *decisions]


class Candidates:
    def __init__(self, db: Database, actor: Actor) -> None:
        self.db = db
        self.actor = actor

    def _log(self, s: Session, action: str, c: Candidate, before: dict[str, object] | None,
             deleted: bool = False, covers: Sequence[Base] = ()) -> None:
        audit.record(s, actor=self.actor, action=action, entity="candidate", entity_id=c.id,
                     campaign_id=c.category.campaign_id, before=before,
                     after=None if deleted else audit.snapshot(c), covers=(c, *covers))

    def validate(self, campaign_id: int, fields: CandidateFields,
                 candidate_id: int | None = None) -> list[Message]:
        """What saving these fields would say (errors and warnings), without saving."""
        with self.db.transaction() as s:
            return check_candidate(s, s.get_one(Campaign, campaign_id), clean_fields(fields),
                                   candidate_id)

    def add(self, campaign_id: int, fields: CandidateFields,
            accept_warnings: bool = False) -> CandidateInfo:
        self.actor.require(Permission.MANAGE_REGISTRY)
        fields = clean_fields(fields)
        with self.db.transaction() as s:
            campaign = s.get_one(Campaign, campaign_id)
            raise_if_refused(check_candidate(s, campaign, fields), accept_warnings)
            candidate = insert_candidate(s, campaign, fields)
            self._log(s, "candidate.create", candidate, None)
            return CandidateInfo.of(candidate, False)

    def update(self, candidate_id: int, fields: CandidateFields,
               accept_warnings: bool = False) -> CandidateInfo:
        self.actor.require(Permission.MANAGE_REGISTRY)
        fields = clean_fields(fields)
        with self.db.transaction() as s:
            candidate = s.get_one(Candidate, candidate_id)
            campaign = candidate.category.campaign
            raise_if_refused(check_candidate(s, campaign, fields, candidate_id), accept_warnings)
            before = audit.snapshot(candidate)
            _apply(s, campaign, candidate, fields)
            s.flush()
            self._log(s, "candidate.update", candidate, before)
            return CandidateInfo.of(candidate, _has_photo(s, candidate_id))

    def delete(self, candidate_ids: Sequence[int]) -> None:
        """Delete several candidates in one transaction: all of them, or none."""
        self.actor.require(Permission.MANAGE_REGISTRY)
        with self.db.transaction() as s:
            for candidate_id in candidate_ids:
                candidate = s.get_one(Candidate, candidate_id)
                before = audit.snapshot(candidate)
                counted = _counted_rows_of(s, candidate_id)
                s.delete(candidate)
                self._log(s, "candidate.delete", candidate, before, deleted=True,
                          covers=counted)

    def get(self, candidate_id: int) -> CandidateInfo:
        with self.db.transaction() as s:
            return CandidateInfo.of(s.get_one(Candidate, candidate_id),
                                    _has_photo(s, candidate_id))

    def list(
        self,
        campaign_id: int,
        category_id: int | None = None,
        unit_id: int | None = None,
        statuses: Iterable[CandidateStatus] | None = None,
        search: str | None = None,
    ) -> list[CandidateInfo]:
        """In ballot order: category order, then number, then registry order."""
        with self.db.transaction() as s:
            query = (
                select(Candidate).join(Candidate.category)
                .where(Category.campaign_id == campaign_id)
                .options(selectinload(Candidate.category), selectinload(Candidate.unit))
                .order_by(Category.position, Category.id,
                          Candidate.number.is_(None), Candidate.number, Candidate.id)
            )
            if category_id is not None:
                query = query.where(Candidate.category_id == category_id)
            if unit_id is not None:
                query = query.where(Candidate.unit_id == unit_id)
            if statuses is not None:
                query = query.where(Candidate.status.in_(list(statuses)))
            if search:
                # ILIKE: SQLite's LIKE ignores the case of Latin letters, PostgreSQL's does not.
                pattern = f"%{search.strip()}%"
                query = query.join(Candidate.unit).where(
                    Candidate.name.ilike(pattern) | Unit.name.ilike(pattern)
                    | Candidate.post.ilike(pattern))
            with_photo = set(s.scalars(select(Photo.candidate_id)))
            return [CandidateInfo.of(c, c.id in with_photo) for c in s.scalars(query)]

    def set_status(self, candidate_ids: Sequence[int], status: CandidateStatus,
                   note: str = "") -> int:
        """Review decision for several candidates at once: all of them, or none."""
        self.actor.require(Permission.MANAGE_REGISTRY)
        note = note.strip()
        if status in STATUSES_NEEDING_NOTE and not note:
            raise RuleError([error("missing_field", field="review_note")])
        with self.db.transaction() as s:
            messages: list[Message] = []
            now = utcnow()
            for candidate_id in candidate_ids:
                c = s.get_one(Candidate, candidate_id)
                entering_quota = (c.status in STATUSES_OUTSIDE_QUOTA
                                  and status not in STATUSES_OUTSIDE_QUOTA)
                if entering_quota:
                    used = s.scalar(select(func.count()).select_from(Candidate).where(
                        Candidate.unit_id == c.unit_id, Candidate.category_id == c.category_id,
                        Candidate.status.not_in(STATUSES_OUTSIDE_QUOTA))) or 0
                    messages += rules.within_quota(c.unit.name, c.category.name, used + 1,
                                                   c.unit.quota)
                before = audit.snapshot(c)
                c.status, c.review_note = status, note
                c.reviewed_by, c.reviewed_at = self.actor.name, now
                s.flush()
                self._log(s, "candidate.status", c, before)
            if messages:
                raise RuleError(messages)
            return len(candidate_ids)

    def assign_numbers(self, category_id: int, renumber: bool = False,
                       statuses: Iterable[CandidateStatus] | None = None) -> int:
        """Give numbers in registry order. Existing numbers are kept unless ``renumber``;
        rejected and withdrawn candidates get none. Returns how many were (re)numbered."""
        self.actor.require(Permission.MANAGE_REGISTRY)
        wanted = set(statuses) if statuses is not None else (
            set(CandidateStatus) - STATUSES_OUTSIDE_QUOTA)
        with self.db.transaction() as s:
            category = s.get_one(Category, category_id)
            members = [c for c in category.candidates if c.status in wanted]
            if renumber:
                for c in members:
                    c.number = None
                s.flush()
            taken = {c.number for c in category.candidates if c.number is not None}
            changed, next_number = 0, 1
            before = {c.id: audit.snapshot(c) for c in members}
            for c in members:
                if c.number is not None:
                    continue
                while next_number in taken:
                    next_number += 1
                c.number = next_number
                taken.add(next_number)
                changed += 1
            s.flush()
            for c in members:
                if before[c.id]["number"] != c.number:
                    self._log(s, "candidate.number", c, before[c.id])
            return changed

    # -- photos -----------------------------------------------------------------------------
    def set_photo(self, candidate_id: int, path: Path) -> None:
        self.actor.require(Permission.MANAGE_REGISTRY)
        from desktop.core.registry.photos import (  # Pillow: only for photos
            PhotoError,
            normalise_photo,
        )

        try:
            photo = normalise_photo(path.read_bytes())
        except (OSError, PhotoError) as exc:
            raise RuleError([error("bad_photo", file=path.name)]) from exc
        with self.db.transaction() as s:
            candidate = s.get_one(Candidate, candidate_id)
            row = s.get(Photo, candidate_id)
            before = {"photo_sha256": row.sha256 if row else None}
            if row is None:
                row = Photo(candidate_id=candidate_id)
                s.add(row)
            row.image, row.thumbnail, row.sha256 = photo.image, photo.thumbnail, photo.sha256
            audit.record(s, actor=self.actor, action="candidate.photo", entity="candidate",
                         entity_id=candidate_id, campaign_id=candidate.category.campaign_id,
                         before=before, after={"photo_sha256": photo.sha256})

    def remove_photo(self, candidate_id: int) -> None:
        self.actor.require(Permission.MANAGE_REGISTRY)
        with self.db.transaction() as s:
            row = s.get(Photo, candidate_id)
            if row is None:
                return
            campaign_id = s.get_one(Candidate, candidate_id).category.campaign_id
            audit.record(s, actor=self.actor, action="candidate.photo", entity="candidate",
                         entity_id=candidate_id, campaign_id=campaign_id,
                         before={"photo_sha256": row.sha256}, after={"photo_sha256": None})
            s.delete(row)

    def photo(self, candidate_id: int, thumbnail: bool = False) -> bytes | None:
        with self.db.transaction() as s:
            column = Photo.thumbnail if thumbnail else Photo.image
            return s.scalar(select(column).where(Photo.candidate_id == candidate_id))

    def thumbnails(self, campaign_id: int) -> dict[int, bytes]:
        """All thumbnails of a campaign at once, for tables."""
        with self.db.transaction() as s:
            rows = s.execute(
                select(Photo.candidate_id, Photo.thumbnail)
                .join(Candidate, Candidate.id == Photo.candidate_id)
                .join(Category).where(Category.campaign_id == campaign_id))
            return {row.candidate_id: row.thumbnail for row in rows}


def _has_photo(s: Session, candidate_id: int) -> bool:
    return s.get(Photo, candidate_id) is not None


def _apply(s: Session, campaign: Campaign, c: Candidate, fields: CandidateFields) -> None:
    c.category = s.scalars(select(Category).where(
        Category.campaign_id == campaign.id, Category.name == fields.category)).one()
    c.unit = s.scalars(select(Unit).where(
        Unit.campaign_id == campaign.id, Unit.name == fields.unit)).one()
    c.number, c.name, c.sex, c.birth = fields.number, fields.name, fields.sex, fields.birth
    c.political, c.post, c.awards, c.summary = (
        fields.political, fields.post, fields.awards, fields.summary)


def insert_candidate(s: Session, campaign: Campaign, fields: CandidateFields) -> Candidate:
    """Insert an already checked candidate (used by :meth:`Candidates.add` and the importer)."""
    candidate = Candidate()
    s.add(candidate)
    with s.no_autoflush:
        _apply(s, campaign, candidate, fields)
    s.flush()
    return candidate
