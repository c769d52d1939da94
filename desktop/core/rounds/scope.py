"""What a round counts: its candidates, the layouts printed for it, its paper channels' boxes,
its online sources, whether expert scores count, and its channels' weights.

Plain queries over the store, no results arithmetic: the results (``Results.compute(…,
round_id)``) read a round's scope, and the rounds service reads the results, so this module
sits under both. The rules (docs/rounds.md, "Results per round"):

- paper ballots count in the round their layout was printed for (``Layout.round``);
- an online source counts in the round whose online channel names it; a source no channel
  names counts in the first round (a campaign's sources from before rounds, or added without
  a channel);
- expert scores count in a round with an experts channel; when no round has one, in the first;
- a round whose channels all have weights is combined by them (``paper:<channel>``,
  ``online:<source>``, ``expert``); otherwise by the campaign's combination rule (weights on
  some channels only are not used, and the results say so).
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from ballotformat import Layout
from ballotformat.messages import RuleError, error
from desktop.core.enums import ChannelKind, RoundStatus
from desktop.core.results import EXPERT, PAPER_CHANNEL_PREFIX, SOURCE_PREFIX
from desktop.core.store import (
    BallotBox,
    CampaignRound,
    LayoutVersion,
    OnlineSource,
    RoundCandidate,
    RoundChannel,
)


@dataclass(frozen=True)
class RoundScope:
    round_id: int
    position: int
    name: str
    #: The candidates standing in it; None in the first round (the shortlist).
    standing: frozenset[int] | None
    #: The layout versions printed for it.
    layout_versions: frozenset[int]
    #: Box id → the name of the paper channel its ballots count in (this round's boxes).
    box_channels: dict[int, str]
    #: The paper channels' names, in the order they were added.
    paper_channels: tuple[str, ...]
    #: The online sources counted in it.
    sources: frozenset[str]
    experts: bool
    #: (channel key, weight) when every channel of the round has a weight; empty: the
    #: campaign's combination rule decides.
    weights: tuple[tuple[str, float], ...]
    #: Channel keys without a weight in a round where others have one: the weights are
    #: incomplete and not used (the campaign's rule decides, and a warning says why).
    unweighted: tuple[str, ...]


def get_round(s: Session, round_id: int) -> CampaignRound:
    row = s.get(CampaignRound, round_id)
    if row is None:
        raise RuleError([error("not_found", field="round", name=str(round_id))])
    return row


def current_round(s: Session, campaign_id: int) -> CampaignRound:
    """The round a campaign is in: its first open round, else (all closed) its last."""
    rounds = list(s.scalars(select(CampaignRound).where(CampaignRound.campaign_id == campaign_id)
                            .order_by(CampaignRound.position)))
    if not rounds:
        raise RuleError([error("not_found", field="round", name=str(campaign_id))])
    return next((r for r in rounds if r.status is RoundStatus.OPEN), rounds[-1])


def standing_in(s: Session, row: CampaignRound) -> set[int] | None:
    """The candidates standing in a round after the first (None for the first: the
    shortlist)."""
    if row.position == 1:
        return None
    return set(s.scalars(select(RoundCandidate.candidate_id)
                         .where(RoundCandidate.round_id == row.id)))


def voting_round(s: Session, row: CampaignRound) -> CampaignRound:
    """The round whose votes rank ``row``: itself when it has channels, else the nearest
    round before it that has (a committee's round 组织审定 has none: it decides on the
    ranking of the round before)."""
    rounds = list(s.scalars(select(CampaignRound).where(
        CampaignRound.campaign_id == row.campaign_id, CampaignRound.position <= row.position)
        .order_by(CampaignRound.position.desc())))
    with_channels = set(s.scalars(select(RoundChannel.round_id).where(
        RoundChannel.round_id.in_([r.id for r in rounds]))))
    return next((r for r in rounds if r.id in with_channels), rounds[-1])


def round_scope(s: Session, round_id: int) -> RoundScope:
    row = get_round(s, round_id)
    channels = list(s.scalars(select(RoundChannel).join(CampaignRound).where(
        CampaignRound.campaign_id == row.campaign_id).order_by(RoundChannel.id)))
    own = [c for c in channels if c.round_id == row.id]
    source_names = dict(s.execute(select(OnlineSource.id, OnlineSource.name)
                                  .where(OnlineSource.campaign_id == row.campaign_id)).all())
    named = {c.source_id for c in channels if c.kind is ChannelKind.ONLINE}
    sources = {source_names[c.source_id] for c in own
               if c.kind is ChannelKind.ONLINE and c.source_id in source_names}
    if row.position == 1:
        sources |= {name for id_, name in source_names.items() if id_ not in named}
    any_experts = any(c.kind is ChannelKind.EXPERTS for c in channels)
    experts = any(c.kind is ChannelKind.EXPERTS for c in own) or (
        row.position == 1 and not any_experts)
    versions = frozenset(version for version, text in s.execute(
        select(LayoutVersion.version, LayoutVersion.layout_json)
        .where(LayoutVersion.campaign_id == row.campaign_id))
        if Layout.from_json(text).round == row.position)
    paper = {c.id: c.name for c in own if c.kind.paper}
    boxes = {box: paper[channel] for box, channel in s.execute(
        select(BallotBox.id, BallotBox.channel_id).where(BallotBox.channel_id.in_(paper)))
        if channel is not None}
    keys = [(channel_key(c, source_names), c.weight) for c in own]
    unweighted = tuple(key for key, weight in keys if weight is None)
    complete = not unweighted
    weighted = tuple((key, weight) for key, weight in keys if weight is not None)
    standing = standing_in(s, row)
    return RoundScope(row.id, row.position, row.name,
                      None if standing is None else frozenset(standing), versions, boxes,
                      tuple(paper.values()), frozenset(sources), experts,
                      weighted if complete else (), unweighted if weighted else ())


def channel_key(channel: RoundChannel, source_names: dict[int, str]) -> str:
    """The channel's name in a combination's weights."""
    if channel.kind is ChannelKind.EXPERTS:
        return EXPERT
    if channel.kind is ChannelKind.ONLINE:
        return SOURCE_PREFIX + source_names.get(channel.source_id or 0, channel.name)
    return PAPER_CHANNEL_PREFIX + channel.name
