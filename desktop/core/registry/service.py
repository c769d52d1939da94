"""Campaigns, award categories and nominating units: the service layer.

Every method is one short transaction, checks the rules itself (the UI may check earlier, but
never instead), records an audit entry and returns frozen data, never live ORM objects.
"""

from __future__ import annotations

import datetime as dt
import secrets
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from ballotformat.messages import Message, RuleError, error, register, warning
from desktop.core import audit
from desktop.core.accounts import Actor
from desktop.core.audit import tracked
from desktop.core.enums import STATUSES_OUTSIDE_QUOTA, CandidateKind, Permission, Phase
from desktop.core.registry import rules
from desktop.core.rounds import add_first_round
from desktop.core.store import (
    Base,
    Campaign,
    Candidate,
    Category,
    Database,
    ExpertRule,
    TieDecision,
    Unit,
)

register({
    "campaign_secret_not_held": (
        "本数据库不含评选活动的密钥（计票站的副本，或从不含密钥的备份恢复）："
        "选票只能在组织者处印制。",
        "This database holds no campaign secret (a station's copy, or restored from a backup "
        "without its secrets): ballots are printed at the organiser's only.",
    ),
})

#: Length of the per-campaign HMAC key for ballot serials.
CAMPAIGN_SECRET_BYTES = 32


@dataclass(frozen=True)
class CampaignInfo:
    id: int
    name: str
    description: str
    phase: Phase
    starts_on: dt.date | None
    voting_opens_on: dt.date | None
    voting_closes_on: dt.date | None
    ends_on: dt.date | None
    summary_max_chars: int
    default_quota: int
    created_at: dt.datetime

    @classmethod
    def of(cls, c: Campaign) -> CampaignInfo:
        return cls(
            c.id, c.name, c.description, c.phase, c.starts_on, c.voting_opens_on,
            c.voting_closes_on, c.ends_on, c.summary_max_chars, c.default_quota, c.created_at,
        )


@dataclass(frozen=True)
class CategoryInfo:
    id: int
    campaign_id: int
    name: str
    winners: int
    max_marks: int
    position: int
    kind: CandidateKind

    @classmethod
    def of(cls, c: Category) -> CategoryInfo:
        return cls(c.id, c.campaign_id, c.name, c.winners, c.max_marks, c.position, c.kind)


@dataclass(frozen=True)
class UnitInfo:
    id: int
    campaign_id: int
    name: str
    quota: int

    @classmethod
    def of(cls, u: Unit) -> UnitInfo:
        return cls(u.id, u.campaign_id, u.name, u.quota)


@dataclass(frozen=True)
class QuotaRow:
    """One unit's use of its quota: nominations counted per category id."""

    unit: UnitInfo
    counts: dict[int, int]

    def over(self, category_id: int) -> bool:
        return self.counts.get(category_id, 0) > self.unit.quota

    @property
    def any_over(self) -> bool:
        return any(count > self.unit.quota for count in self.counts.values())


CAMPAIGN_EDITABLE = frozenset({
    "name", "description", "phase", "starts_on", "voting_opens_on", "voting_closes_on",
    "ends_on", "summary_max_chars", "default_quota",
})
CATEGORY_EDITABLE = frozenset({"name", "winners", "max_marks", "position", "kind"})


def quota_counts(session: Session, unit_id: int) -> dict[int, int]:
    """Nominations of a unit that use its quota, per category id."""
    rows = session.execute(
        select(Candidate.category_id, func.count().label("used"))
        .where(Candidate.unit_id == unit_id, Candidate.status.not_in(STATUSES_OUTSIDE_QUOTA))
        .group_by(Candidate.category_id)
    )
    return {row.category_id: row.used for row in rows}


class Registry:
    def __init__(self, db: Database, actor: Actor) -> None:
        self.db = db
        self.actor = actor

    def _log(self, session: Session, action: str, obj: Any, campaign_id: int | None,
             before: dict[str, Any] | None = None, deleted: bool = False,
             covers: Sequence[Base] = ()) -> None:
        audit.record(
            session, actor=self.actor, action=action, entity=type(obj).__tablename__,
            entity_id=obj.id, campaign_id=campaign_id, before=before,
            after=None if deleted else audit.snapshot(obj), covers=(*tracked(obj), *covers),
        )

    # -- campaigns --------------------------------------------------------------------------
    def create_campaign(self, name: str, description: str = "", **fields: Any) -> CampaignInfo:
        self.actor.require(Permission.MANAGE_REGISTRY)
        name = rules.normalise_name(name)
        with self.db.transaction() as s:
            self._check_campaign(s, name, None, fields)
            campaign = Campaign(
                name=name, description=description,
                secret=secrets.token_bytes(CAMPAIGN_SECRET_BYTES), **fields,
            )
            s.add(campaign)
            s.flush()
            add_first_round(s, campaign.id)
            self._log(s, "campaign.create", campaign, campaign.id)
            return CampaignInfo.of(campaign)

    def update_campaign(self, campaign_id: int, **changes: Any) -> CampaignInfo:
        self.actor.require(Permission.MANAGE_REGISTRY)
        unknown = set(changes) - CAMPAIGN_EDITABLE
        if unknown:
            raise ValueError(f"not editable: {sorted(unknown)}")
        with self.db.transaction() as s:
            campaign = s.get_one(Campaign, campaign_id)
            if "name" in changes:
                changes["name"] = rules.normalise_name(changes["name"])
            self._check_campaign(s, changes.get("name", campaign.name), campaign_id, changes)
            before = audit.snapshot(campaign)
            for key, value in changes.items():
                setattr(campaign, key, value)
            s.flush()
            self._log(s, "campaign.update", campaign, campaign_id, before)
            return CampaignInfo.of(campaign)

    def _check_campaign(self, s: Session, name: str, campaign_id: int | None,
                        fields: dict[str, Any]) -> None:
        messages: list[Message] = []
        if not name:
            messages.append(error("missing_field", field="campaign"))
        messages += rules.fits("campaign", name, Campaign.name)
        taken = s.scalar(select(Campaign.id).where(Campaign.name == name))
        if taken is not None and taken != campaign_id:
            messages.append(error("name_taken", name=name))
        if "default_quota" in fields:
            messages += rules.count_in_range("quota", fields["default_quota"], rules.MAX_QUOTA)
        if messages:
            raise RuleError(messages)

    def list_campaigns(self) -> list[CampaignInfo]:
        with self.db.transaction() as s:
            return [CampaignInfo.of(c) for c in s.scalars(select(Campaign).order_by(Campaign.id))]

    def get_campaign(self, campaign_id: int) -> CampaignInfo:
        with self.db.transaction() as s:
            return CampaignInfo.of(s.get_one(Campaign, campaign_id))

    def find_campaign(self, reference: str | None = None) -> CampaignInfo:
        """By id or name; with no reference, the only campaign or else the latest created."""
        campaigns = self.list_campaigns()
        if not campaigns:
            raise RuleError([error("no_campaign")])
        if reference is None:
            return campaigns[-1]
        for campaign in campaigns:
            if campaign.name == reference.strip() or str(campaign.id) == reference.strip():
                return campaign
        raise RuleError([error("not_found", field="campaign", name=reference)])

    def campaign_secret(self, campaign_id: int) -> bytes:
        """For the ballot signer only; never displayed or exported. A station copy holds none
        (only its boxes' keys): printing there is refused."""
        with self.db.transaction() as s:
            secret = s.get_one(Campaign, campaign_id).secret
        if not secret:
            raise RuleError([error("campaign_secret_not_held")])
        return secret

    # -- categories -------------------------------------------------------------------------
    def add_category(self, campaign_id: int, name: str, winners: int,
                     max_marks: int | None = None,
                     kind: CandidateKind = CandidateKind.PERSON) -> CategoryInfo:
        self.actor.require(Permission.MANAGE_REGISTRY)
        name = rules.normalise_name(name)
        max_marks = winners if max_marks is None else max_marks
        with self.db.transaction() as s:
            self._check_category(s, campaign_id, name, winners, max_marks, None)
            position = s.scalar(
                select(func.coalesce(func.max(Category.position), 0))
                .where(Category.campaign_id == campaign_id)
            ) or 0
            category = Category(campaign_id=campaign_id, name=name, winners=winners,
                                max_marks=max_marks, kind=kind, position=position + 1)
            s.add(category)
            s.flush()
            self._log(s, "category.create", category, campaign_id)
            return CategoryInfo.of(category)

    def update_category(self, category_id: int, **changes: Any) -> CategoryInfo:
        self.actor.require(Permission.MANAGE_REGISTRY)
        unknown = set(changes) - CATEGORY_EDITABLE
        if unknown:
            raise ValueError(f"not editable: {sorted(unknown)}")
        with self.db.transaction() as s:
            category = s.get_one(Category, category_id)
            if "name" in changes:
                changes["name"] = rules.normalise_name(changes["name"])
            self._check_category(
                s, category.campaign_id, changes.get("name", category.name),
                changes.get("winners", category.winners),
                changes.get("max_marks", category.max_marks), category_id,
            )
            before = audit.snapshot(category)
            for key, value in changes.items():
                setattr(category, key, value)
            s.flush()
            self._log(s, "category.update", category, category.campaign_id, before)
            return CategoryInfo.of(category)

    def _check_category(self, s: Session, campaign_id: int, name: str, winners: int,
                        max_marks: int, category_id: int | None) -> None:
        messages: list[Message] = []
        if not name:
            messages.append(error("missing_field", field="category"))
        else:
            messages += rules.printable(name) + rules.fits("category", name, Category.name)
        taken = s.scalar(select(Category.id).where(
            Category.campaign_id == campaign_id, Category.name == name))
        if taken is not None and taken != category_id:
            messages.append(error("name_taken", name=name))
        messages += rules.count_in_range("winners", winners, rules.MAX_WINNERS)
        messages += rules.count_in_range("max_marks", max_marks, rules.MAX_WINNERS)
        if messages:
            raise RuleError(messages)

    def delete_category(self, category_id: int) -> None:
        self.actor.require(Permission.MANAGE_REGISTRY)
        with self.db.transaction() as s:
            category = s.get_one(Category, category_id)
            count = len(category.candidates)
            if count:
                raise RuleError([error("category_has_candidates", category=category.name,
                                       count=count)])
            before = audit.snapshot(category)
            # Deleted with it by the database (ON DELETE CASCADE): counted data, on the chain.
            counted = [*s.scalars(select(ExpertRule).where(ExpertRule.category_id == category_id)),
                       *s.scalars(select(TieDecision)
                                  .where(TieDecision.category_id == category_id))]
            s.delete(category)
            self._log(s, "category.delete", category, category.campaign_id, before, deleted=True,
                      covers=counted)

    def move_category(self, category_id: int, offset: int) -> list[CategoryInfo]:
        """Move a category up (-1) or down (+1) in the ballot order."""
        self.actor.require(Permission.MANAGE_REGISTRY)
        with self.db.transaction() as s:
            category = s.get_one(Category, category_id)
            ordered = list(category.campaign.categories)
            index = ordered.index(category)
            target = max(0, min(len(ordered) - 1, index + offset))
            ordered.insert(target, ordered.pop(index))
            for position, item in enumerate(ordered, start=1):
                if item.position != position:
                    before = audit.snapshot(item)
                    item.position = position
                    s.flush()
                    self._log(s, "category.update", item, item.campaign_id, before)
            return [CategoryInfo.of(c) for c in ordered]

    def list_categories(self, campaign_id: int) -> list[CategoryInfo]:
        with self.db.transaction() as s:
            query = (select(Category).where(Category.campaign_id == campaign_id)
                     .order_by(Category.position, Category.id))
            return [CategoryInfo.of(c) for c in s.scalars(query)]

    def find_category(self, campaign_id: int, name: str) -> CategoryInfo:
        for category in self.list_categories(campaign_id):
            if category.name == rules.normalise_name(name):
                return category
        raise RuleError([error("not_found", field="category", name=name)])

    # -- nominating units -------------------------------------------------------------------
    def add_unit(self, campaign_id: int, name: str, quota: int | None = None) -> UnitInfo:
        self.actor.require(Permission.MANAGE_REGISTRY)
        name = rules.normalise_name(name)
        with self.db.transaction() as s:
            campaign = s.get_one(Campaign, campaign_id)
            quota = campaign.default_quota if quota is None else quota
            self._check_unit(s, campaign_id, name, quota, None)
            unit = Unit(campaign_id=campaign_id, name=name, quota=quota)
            s.add(unit)
            s.flush()
            self._log(s, "unit.create", unit, campaign_id)
            return UnitInfo.of(unit)

    def update_unit(self, unit_id: int, name: str | None = None,
                    quota: int | None = None) -> list[Message]:
        """Rename or change the quota. A quota lowered below what the unit already nominated
        is allowed (the review decides who stays) and returned as warnings."""
        self.actor.require(Permission.MANAGE_REGISTRY)
        with self.db.transaction() as s:
            unit = s.get_one(Unit, unit_id)
            name = unit.name if name is None else rules.normalise_name(name)
            quota = unit.quota if quota is None else quota
            self._check_unit(s, unit.campaign_id, name, quota, unit_id)
            before = audit.snapshot(unit)
            unit.name, unit.quota = name, quota
            s.flush()
            self._log(s, "unit.update", unit, unit.campaign_id, before)
            names = {c.id: c.name for c in unit.campaign.categories}
            return [
                warning("quota_now_exceeded", unit=name, category=names[category_id],
                        count=count, quota=quota)
                for category_id, count in quota_counts(s, unit_id).items() if count > quota
            ]

    def _check_unit(self, s: Session, campaign_id: int, name: str, quota: int,
                    unit_id: int | None) -> None:
        messages: list[Message] = []
        if not name:
            messages.append(error("missing_field", field="unit"))
        else:
            messages += rules.printable(name) + rules.fits("unit", name, Unit.name)
        taken = s.scalar(select(Unit.id).where(Unit.campaign_id == campaign_id, Unit.name == name))
        if taken is not None and taken != unit_id:
            messages.append(error("name_taken", name=name))
        messages += rules.count_in_range("quota", quota, rules.MAX_QUOTA)
        if messages:
            raise RuleError(messages)

    def delete_unit(self, unit_id: int) -> None:
        self.actor.require(Permission.MANAGE_REGISTRY)
        with self.db.transaction() as s:
            unit = s.get_one(Unit, unit_id)
            count = len(unit.candidates)
            if count:
                raise RuleError([error("unit_has_candidates", unit=unit.name, count=count)])
            before = audit.snapshot(unit)
            s.delete(unit)
            self._log(s, "unit.delete", unit, unit.campaign_id, before, deleted=True)

    def list_units(self, campaign_id: int) -> list[UnitInfo]:
        with self.db.transaction() as s:
            query = select(Unit).where(Unit.campaign_id == campaign_id).order_by(Unit.id)
            return [UnitInfo.of(u) for u in s.scalars(query)]

    def find_unit(self, campaign_id: int, name: str) -> UnitInfo:
        for unit in self.list_units(campaign_id):
            if unit.name == rules.normalise_name(name):
                return unit
        raise RuleError([error("not_found", field="unit", name=name)])

    def quota_overview(self, campaign_id: int) -> list[QuotaRow]:
        """Every unit with its nominations per category (rejected and withdrawn not counted)."""
        with self.db.transaction() as s:
            units = s.scalars(select(Unit).where(Unit.campaign_id == campaign_id).order_by(Unit.id))
            return [QuotaRow(UnitInfo.of(u), quota_counts(s, u.id)) for u in units]

