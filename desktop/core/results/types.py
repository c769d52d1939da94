"""What the results are made of: frozen data shared by the service, the files and the notice."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from ballotformat.messages import Message, RuleError, error, joined
from desktop.core.audit import Anchor
from desktop.core.results.combine import (
    EXPERT,
    ONLINE,
    PAPER,
    SOURCE_PREFIX,
    CandidateResult,
    CombinationRule,
    Method,
    Normalise,
    OnlineCount,
)

#: Default objection period of the notice (公示期), in working days (Monday to Friday).
DEFAULT_OBJECTION_WORKING_DAYS = 5
MAX_OBJECTION_WORKING_DAYS = 60
CHANNELS = (PAPER, ONLINE, EXPERT)


@dataclass(frozen=True)
class RuleInfo:
    rule: CombinationRule
    #: Who set it and when; None while the default rule applies.
    set_by: str | None = None
    set_at: dt.datetime | None = None


@dataclass(frozen=True)
class NoticeSettings:
    """The notice's texts and dates. Empty texts and None dates take the defaults."""

    #: Default: "关于<campaign>结果的公示".
    title: str = ""
    #: The organiser's name line (落款). Default: "<campaign>组委会".
    organiser: str = ""
    #: Where objections go (phone, address), printed when given.
    contact: str = ""
    objection_working_days: int = DEFAULT_OBJECTION_WORKING_DAYS
    #: First day of the objection period. Default: the notice date.
    objection_from: dt.date | None = None
    #: The date printed under the organiser. Default: the day the notice is written.
    notice_date: dt.date | None = None

    def as_json(self) -> dict[str, Any]:
        return {"title": self.title, "organiser": self.organiser, "contact": self.contact,
                "objection_working_days": self.objection_working_days,
                "objection_from": self.objection_from.isoformat() if self.objection_from
                else None,
                "notice_date": self.notice_date.isoformat() if self.notice_date else None}

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> NoticeSettings:
        def day(key: str) -> dt.date | None:
            value = data.get(key)
            return dt.date.fromisoformat(value) if value else None

        return cls(data.get("title", ""), data.get("organiser", ""), data.get("contact", ""),
                   int(data.get("objection_working_days", DEFAULT_OBJECTION_WORKING_DAYS)),
                   day("objection_from"), day("notice_date"))


@dataclass(frozen=True)
class TieDecisionInfo:
    category: str
    tied: tuple[str, ...]
    winners: tuple[str, ...]
    note: str
    decided_by: str
    decided_at: dt.datetime


@dataclass(frozen=True)
class NoticeLine:
    """A candidate in the committee's decision as the winners' notice prints it."""

    number: str
    name: str
    #: The candidate's place in the ranking the committee decided on.
    rank: int
    chosen: bool
    departure: bool
    reason: str


@dataclass(frozen=True)
class NoticeDecision:
    """The leading group's decision (组织审定) as the winners' notice prints it."""

    decided_on: dt.date
    meeting: str
    attendees: tuple[str, ...]
    note: str
    #: Per category, every ranked candidate's line.
    lines: dict[str, tuple[NoticeLine, ...]]


@dataclass(frozen=True)
class NoticeCut:
    """A category of a round's notice: who goes on (or wins), in ranking order, and a tie at
    the cut with the decision that settled it."""

    category: str
    count: int
    #: The numbers standing in the round (its ranking), best first.
    standing: tuple[str, ...]
    through: tuple[str, ...]
    tied: tuple[str, ...] = ()
    seats: int = 0
    tie: TieDecisionInfo | None = None


@dataclass(frozen=True)
class RoundNotice:
    """What a round's notice says beyond the figures: a round that advances writes the
    shortlist notice (候选对象公示), the last round the winners' notice (表彰名单公示) with the
    committee's decision (None while it is not recorded)."""

    position: int
    name: str
    #: The round whose votes rank this one (itself, or the round before a committee's round):
    #: its results are the notice's figures.
    voting_round_id: int
    voting_position: int
    final: bool
    next_position: int | None
    next_name: str
    cuts: tuple[NoticeCut, ...]
    decision: NoticeDecision | None = None


@dataclass(frozen=True)
class BoxTotal:
    """One box's paper ballots counted (those with a counted page) and pages counted."""

    box: str
    ballots: int
    sheets: int


@dataclass(frozen=True)
class BoxCount:
    """Paper counts of one box: ballots and pages counted; per category, the outcomes."""

    box: str
    ballots: int
    sheets: int = 0
    valid: int = 0
    void: int = 0
    blank: int = 0
    pending: int = 0


@dataclass(frozen=True)
class CategoryResult:
    category_id: int
    name: str
    winners: int
    candidates: tuple[CandidateResult, ...]
    #: Paper ballots of this category: counted (blank included), void, blank, pending.
    valid: int
    void: int
    blank: int
    pending: int
    boxes: tuple[BoxCount, ...]
    #: Numbers tied across the cut-off and the seats among them.
    cutoff_tie: tuple[str, ...] = ()
    seats: int = 0
    #: The decision that settles the cut-off tie (None: none, or not for this tie).
    tie_decision: TieDecisionInfo | None = None

    @property
    def undecided_tie(self) -> bool:
        return bool(self.cutoff_tie) and self.tie_decision is None

    @property
    def provisional(self) -> bool:
        return self.pending > 0 or self.undecided_tie

    @property
    def winner_list(self) -> tuple[CandidateResult, ...]:
        return tuple(c for c in self.candidates if c.winner)


@dataclass(frozen=True)
class CampaignResults:
    campaign_id: int
    campaign: str
    rule: RuleInfo
    formula_zh: str
    formula_en: str
    #: Online sources with standing imports (and sources the weights name).
    sources: tuple[str, ...]
    categories: tuple[CategoryResult, ...]
    ballots: int
    blank_ballots: int
    boxes: tuple[BoxTotal, ...]
    computed_at: dt.datetime
    warnings: tuple[Message, ...] = field(default=())
    #: The audit log's head when the figures were read (``None``: an empty log): every change
    #: they reflect is at or before it, so the notice prints it as the anchor to keep.
    audit_head: Anchor | None = None
    #: The audit head the paper ballots were counted at (read before their rows) and when:
    #: older than ``audit_head`` when a count made before was shown while a new one is made.
    paper_head: Anchor | None = None
    paper_counted_at: dt.datetime | None = None
    #: A round's results (``Results.compute(…, round_id)``): its position and name, and its
    #: paper channels, whose votes each candidate shows apart; None for the campaign's.
    round_position: int | None = None
    round_name: str = ""
    paper_channels: tuple[str, ...] = ()

    @property
    def paper_current(self) -> bool:
        """The paper count holds every change up to ``audit_head``."""
        return self.paper_head == self.audit_head

    @property
    def pending(self) -> int:
        return sum(c.pending for c in self.categories)

    @property
    def provisional(self) -> bool:
        return any(c.provisional for c in self.categories)

    def formula(self, language: str) -> str:
        return self.formula_en if language == "en" else self.formula_zh


def parse_weights(text: str) -> tuple[tuple[str, float], ...]:
    """``paper=30,online=40,expert=30`` (also ``online:平台A=20``, ``，`` ``;`` separators)."""
    weights: list[tuple[str, float]] = []
    for part in text.replace("，", ",").replace(";", ",").split(","):
        if not part.strip():
            continue
        channel, sign, value = part.rpartition("=")
        try:
            weight = float(value)
        except ValueError:
            weight = -1.0
        if not sign or not channel.strip():
            raise RuleError([error("results_bad_weights", text=part.strip())])
        weights.append((channel.strip(), weight))
    return tuple(weights)


def check_rule(rule: CombinationRule, known_sources: set[str]) -> list[Message]:
    """Every reason the rule cannot be used (sources: those the campaign has)."""
    problems: list[Message] = []
    if rule.method is Method.SUM:
        return problems
    if not any(weight > 0 for _c, weight in rule.weights):
        problems.append(error("results_no_weights"))
    seen: set[str] = set()
    for channel, weight in rule.weights:
        source = channel.removeprefix(SOURCE_PREFIX) if channel.startswith(SOURCE_PREFIX) \
            else None
        if channel in seen:
            problems.append(error("results_weight_twice", channel=channel))
        seen.add(channel)
        if channel not in CHANNELS and source is None:
            problems.append(error("results_unknown_channel", channel=channel))
        elif source is not None and source not in known_sources:
            problems.append(error("results_unknown_source", source=source,
                                  sources=joined(sorted(known_sources)) if known_sources else "—"))
        if not (0 <= weight < float("inf")):
            problems.append(error("results_bad_weight", channel=channel, value=weight))
    if ONLINE in seen and any(c.startswith(SOURCE_PREFIX) for c in seen):
        problems.append(error("results_online_twice"))
    return problems


def rule_from_row(method: str, online: str, normalise: str,
                  weights: dict[str, float]) -> CombinationRule:
    return CombinationRule(Method(method), OnlineCount(online), Normalise(normalise),
                           tuple(weights.items()))
