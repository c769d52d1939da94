"""What the rounds service returns: frozen values, never live ORM objects."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from desktop.core.enums import ChannelKind, RoundStatus
from desktop.core.rounds.cuts import Cut, Standing
from desktop.core.store import CampaignRound, RoundChannel


@dataclass(frozen=True)
class ChannelInfo:
    id: int
    round_id: int
    kind: ChannelKind
    name: str
    #: None: the campaign's combination rule decides (docs/rounds.md).
    weight: float | None
    source_id: int | None

    @classmethod
    def of(cls, c: RoundChannel) -> ChannelInfo:
        return cls(c.id, c.round_id, c.kind, c.name, c.weight, c.source_id)


@dataclass(frozen=True)
class RoundInfo:
    id: int
    campaign_id: int
    position: int
    name: str
    status: RoundStatus
    #: Category name → how many go on to the next round; empty for the last round.
    advancing: dict[str, int]
    channels: tuple[ChannelInfo, ...]
    #: Candidates standing in it (the shortlist for the first round).
    candidates: int

    @classmethod
    def of(cls, r: CampaignRound, advancing: dict[str, int],
           channels: tuple[ChannelInfo, ...], candidates: int) -> RoundInfo:
        return cls(r.id, r.campaign_id, r.position, r.name, r.status, advancing, channels,
                   candidates)


@dataclass(frozen=True)
class RoundTieInfo:
    category: str
    tied: tuple[str, ...]
    advancing: tuple[str, ...]
    note: str
    decided_by: str
    decided_at: dt.datetime


@dataclass(frozen=True)
class CategoryCut:
    """A category of a round: its ranking and where it is cut (advancing or winning)."""

    category_id: int
    category: str
    #: How many go on (or win, in the last round).
    count: int
    ranking: tuple[Standing, ...]
    cut: Cut
    tie_decision: RoundTieInfo | None = None


@dataclass(frozen=True)
class DecisionLineInfo:
    category: str
    number: str
    name: str
    rank: int
    chosen: bool
    departure: bool
    reason: str


@dataclass(frozen=True)
class DecisionInfo:
    id: int
    round_id: int
    decided_on: dt.date
    meeting: str
    attendees: tuple[str, ...]
    note: str
    recorded_by: str
    recorded_at: dt.datetime
    lines: tuple[DecisionLineInfo, ...]

    def final(self, category: str) -> tuple[str, ...]:
        """The numbers chosen in ``category``, in ranking order."""
        return tuple(line.number for line in self.lines
                     if line.category == category and line.chosen)
