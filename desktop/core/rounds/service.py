"""``Rounds(db, actor)``: a campaign's rounds, their channels, a round's ranking and cut, advancing.

Each method is one short transaction that checks its rules, writes an audit entry and returns
frozen values (types.py). The ranking a round is cut on is the results' ranking
(``Results.compute``) of the candidates standing in the round: the shortlist in the first
round, those advanced into it afterwards (docs/rounds.md).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from ballotformat.messages import Message, RuleError, error, joined
from desktop.core import audit
from desktop.core.accounts import Actor
from desktop.core.enums import (
    RANKED_STATUSES,
    ChannelKind,
    Permission,
    RoundStatus,
)
from desktop.core.registry import format_number
from desktop.core.results import TieChoice
from desktop.core.rounds.cuts import cut, standings
from desktop.core.rounds.messages import register_messages
from desktop.core.rounds.scope import get_round, standing_in, voting_round
from desktop.core.rounds.types import (
    CategoryCut,
    ChannelInfo,
    RoundInfo,
    RoundTieInfo,
)
from desktop.core.store import (
    BallotBox,
    CampaignRound,
    Candidate,
    Category,
    Database,
    OnlineSource,
    RoundAdvance,
    RoundCandidate,
    RoundChannel,
    RoundTie,
)

register_messages()

#: A new campaign's one round and its paper channel (names are data, shown as stored).
FIRST_ROUND_NAME = "投票评选"
PUBLIC_PAPER_NAME = "群众投票"


def add_first_round(s: Session, campaign_id: int) -> CampaignRound:
    """A new campaign's one round with its public paper channel, in the caller's transaction:
    a campaign always has a round, and one round is today's campaign."""
    row = CampaignRound(campaign_id=campaign_id, position=1, name=FIRST_ROUND_NAME,
                        status=RoundStatus.OPEN)
    s.add(row)
    s.flush()
    s.add(RoundChannel(round_id=row.id, kind=ChannelKind.PAPER_PUBLIC, name=PUBLIC_PAPER_NAME))
    return row


def paper_channel(s: Session, campaign_id: int, channel_id: int | None = None) -> int | None:
    """The paper channel a box of ``campaign_id`` goes to: ``channel_id`` once checked (a
    paper channel of a round of the campaign), else the public paper channel of the campaign's
    first open round (None when there is none)."""
    if channel_id is None:
        return s.scalar(select(RoundChannel.id).join(CampaignRound).where(
            CampaignRound.campaign_id == campaign_id, CampaignRound.status == RoundStatus.OPEN,
            RoundChannel.kind == ChannelKind.PAPER_PUBLIC)
            .order_by(CampaignRound.position, RoundChannel.id).limit(1))
    found = s.execute(select(RoundChannel, CampaignRound.campaign_id).join(CampaignRound)
                      .where(RoundChannel.id == channel_id)).first()
    if found is None or found[1] != campaign_id:
        raise RuleError([error("not_found", field="channel", name=str(channel_id))])
    if not found[0].kind.paper:
        raise RuleError([error("channel_not_paper", name=found[0].name)])
    return channel_id


def round_of_box(s: Session, box_id: int) -> int | None:
    """The round a box's ballots are printed for: its channel's."""
    return s.scalar(select(RoundChannel.round_id).join(
        BallotBox, BallotBox.channel_id == RoundChannel.id).where(BallotBox.id == box_id))


def box_channel(s: Session, box_id: int) -> RoundChannel | None:
    """The paper channel a box's ballots count in."""
    return s.scalar(select(RoundChannel).join(
        BallotBox, BallotBox.channel_id == RoundChannel.id).where(BallotBox.id == box_id))


class Rounds:
    def __init__(self, db: Database, actor: Actor) -> None:
        self.db = db
        self.actor = actor

    # -- rounds --------------------------------------------------------------------------
    def list_rounds(self, campaign_id: int) -> list[RoundInfo]:
        with self.db.transaction() as s:
            return [self._info(s, r) for r in s.scalars(
                select(CampaignRound).where(CampaignRound.campaign_id == campaign_id)
                .order_by(CampaignRound.position))]

    def find_round(self, campaign_id: int, reference: str | int) -> RoundInfo:
        """A round by its position (1, 2…) or name."""
        for info in self.list_rounds(campaign_id):
            if str(reference) in (str(info.position), info.name):
                return info
        raise RuleError([error("not_found", field="round", name=str(reference))])

    def add_round(self, campaign_id: int, name: str,
                  advancing: Mapping[str, int] | None = None) -> RoundInfo:
        """A round after the last one."""
        self.actor.require(Permission.MANAGE_REGISTRY)
        name = name.strip()
        with self.db.transaction() as s:
            self._check_name(s, campaign_id, name, None)
            last = s.scalar(select(func.max(CampaignRound.position))
                            .where(CampaignRound.campaign_id == campaign_id)) or 0
            row = CampaignRound(campaign_id=campaign_id, position=last + 1, name=name,
                                status=RoundStatus.OPEN)
            s.add(row)
            s.flush()
            self._set_advancing(s, row, advancing or {})
            audit.record(s, actor=self.actor, action="round.create", entity="campaign_round",
                         entity_id=row.id, campaign_id=campaign_id,
                         after={**audit.snapshot(row), "advancing": dict(advancing or {})})
            return self._info(s, row)

    def update_round(self, round_id: int, name: str | None = None,
                     advancing: Mapping[str, int] | None = None) -> RoundInfo:
        """Rename an open round or set how many of a category go on from it."""
        self.actor.require(Permission.MANAGE_REGISTRY)
        with self.db.transaction() as s:
            row = self._open_round(s, round_id)
            before = {**audit.snapshot(row), "advancing": self._advancing(s, row)}
            if name is not None:
                self._check_name(s, row.campaign_id, name.strip(), row.id)
                row.name = name.strip()
            self._set_advancing(s, row, advancing or {})
            s.flush()
            audit.record(s, actor=self.actor, action="round.update", entity="campaign_round",
                         entity_id=row.id, campaign_id=row.campaign_id, before=before,
                         after={**audit.snapshot(row), "advancing": self._advancing(s, row)})
            return self._info(s, row)

    def close_round(self, round_id: int) -> RoundInfo:
        """No more votes or changes for the round: its ranking can be cut."""
        self.actor.require(Permission.MANAGE_REGISTRY)
        with self.db.transaction() as s:
            row = self._open_round(s, round_id)
            before = audit.snapshot(row)
            row.status = RoundStatus.CLOSED
            s.flush()
            audit.record(s, actor=self.actor, action="round.close", entity="campaign_round",
                         entity_id=row.id, campaign_id=row.campaign_id, before=before,
                         after=audit.snapshot(row))
            return self._info(s, row)

    # -- channels ------------------------------------------------------------------------
    def add_channel(self, round_id: int, kind: ChannelKind, name: str,
                    weight: float | None = None, source: str | None = None) -> ChannelInfo:
        self.actor.require(Permission.MANAGE_REGISTRY)
        name = name.strip()
        with self.db.transaction() as s:
            row = self._open_round(s, round_id)
            problems: list[Message] = []
            if not name:
                problems.append(error("missing_field", field="name"))
            elif s.scalar(select(RoundChannel.id).where(RoundChannel.round_id == round_id,
                                                        RoundChannel.name == name)):
                problems.append(error("channel_name_taken", name=name))
            if weight is not None and not weight > 0:
                problems.append(error("channel_bad_weight", value=weight))
            source_id = None
            if kind is ChannelKind.ONLINE:
                source_id = s.scalar(select(OnlineSource.id).where(
                    OnlineSource.campaign_id == row.campaign_id,
                    OnlineSource.name == (source or name).strip()))
                if source_id is None:
                    problems.append(error("channel_needs_source"))
            if problems:
                raise RuleError(problems)
            channel = RoundChannel(round_id=round_id, kind=kind, name=name, weight=weight,
                                   source_id=source_id)
            s.add(channel)
            s.flush()
            audit.record(s, actor=self.actor, action="channel.create", entity="round_channel",
                         entity_id=channel.id, campaign_id=row.campaign_id,
                         after=audit.snapshot(channel))
            return ChannelInfo.of(channel)

    def set_channel_weight(self, channel_id: int, weight: float | None) -> ChannelInfo:
        """A channel's weight in its round's combination (None: none). The round is combined
        by its channels' weights once every channel has one (docs/rounds.md)."""
        self.actor.require(Permission.MANAGE_REGISTRY)
        if weight is not None and not weight > 0:
            raise RuleError([error("channel_bad_weight", value=weight)])
        with self.db.transaction() as s:
            channel = s.get(RoundChannel, channel_id)
            if channel is None:
                raise RuleError([error("not_found", field="channel", name=str(channel_id))])
            row = self._open_round(s, channel.round_id)
            before = audit.snapshot(channel)
            channel.weight = weight
            s.flush()
            audit.record(s, actor=self.actor, action="channel.update", entity="round_channel",
                         entity_id=channel.id, campaign_id=row.campaign_id, before=before,
                         after=audit.snapshot(channel))
            return ChannelInfo.of(channel)

    def channels(self, round_id: int) -> list[ChannelInfo]:
        with self.db.transaction() as s:
            return [ChannelInfo.of(c) for c in s.scalars(
                select(RoundChannel).where(RoundChannel.round_id == round_id)
                .order_by(RoundChannel.id))]

    def find_channel(self, campaign_id: int, name: str) -> ChannelInfo:
        """A channel by name, in the newest round that has one of that name."""
        with self.db.transaction() as s:
            row = s.scalar(select(RoundChannel).join(CampaignRound).where(
                CampaignRound.campaign_id == campaign_id, RoundChannel.name == name.strip())
                .order_by(CampaignRound.position.desc()).limit(1))
            if row is None:
                raise RuleError([error("not_found", field="channel", name=name)])
            return ChannelInfo.of(row)

    def set_box_channel(self, box_id: int, channel_id: int) -> None:
        """Put a box in a round's paper channel (群众投票, 代表投票)."""
        self.actor.require(Permission.MANAGE_REGISTRY)
        with self.db.transaction() as s:
            box = s.get(BallotBox, box_id)
            if box is None:
                raise RuleError([error("not_found", field="box", name=str(box_id))])
            before = audit.snapshot(box)
            box.channel_id = paper_channel(s, box.campaign_id, channel_id)
            s.flush()
            audit.record(s, actor=self.actor, action="box.channel", entity="ballot_box",
                         entity_id=box.id, campaign_id=box.campaign_id, before=before,
                         after=audit.snapshot(box))

    # -- the cut -------------------------------------------------------------------------
    def ranking(self, round_id: int) -> list[CategoryCut]:
        """Each category's ranking in the round, cut at its advancing count (the winners in
        the last round), with the tie at the cut and its decision."""
        from desktop.core.results import Results

        with self.db.transaction() as s:
            row = get_round(s, round_id)
            campaign_id, last = row.campaign_id, is_last(s, row)
            counts = self._advancing_ids(s, row)
            standing = standing_in(s, row)
            ties = self._ties(s, row.id)
            voting = voting_round(s, row).id
        results = Results(self.db, self.actor).compute(campaign_id, voting)
        cuts = []
        for category in results.categories:
            ranking = standings([(c.candidate_id, c.number, c.name, c.combined)
                                 for c in category.candidates
                                 if standing is None or c.candidate_id in standing])
            count = category.winners if last else counts.get(category.category_id, 0)
            decision = ties.get(category.category_id)
            choice = TieChoice(decision.tied, decision.advancing) if decision else None
            result = cut(ranking, count, choice)
            cuts.append(CategoryCut(category.category_id, category.name, count, ranking, result,
                                    decision if result.decided else None))
        return cuts

    def decide_tie(self, round_id: int, category: str, advancing: Sequence[str | int],
                   note: str) -> RoundTieInfo:
        """Record which of the candidates tied at ``category``'s cut go on."""
        self.actor.require(Permission.MANAGE_RESULTS)
        current = next((c for c in self.ranking(round_id) if c.category == category), None)
        if current is None:
            raise RuleError([error("not_found", field="category", name=category)])
        tied = current.cut.tied
        if not tied:
            raise RuleError([error("round_no_tie", category=category)])
        chosen = tuple(sorted({number_text(n) for n in advancing}))
        problems = [error("round_not_tied", number=n, tied=joined(tied))
                    for n in chosen if n not in tied]
        if len(chosen) != current.cut.seats:
            problems.append(error("round_tie_seats", category=category, tied=joined(tied),
                                  seats=current.cut.seats, count=len(chosen)))
        if not note.strip():
            problems.append(error("results_tie_needs_note"))
        if problems:
            raise RuleError(problems)
        with self.db.transaction() as s:
            row = get_round(s, round_id)
            tie = RoundTie(round_id=round_id, category_id=current.category_id, tied=list(tied),
                           advancing=list(chosen), note=note.strip(),
                           decided_by=self.actor.name)
            s.add(tie)
            s.flush()
            audit.record(s, actor=self.actor, action="advance_tie.decide", entity="round_tie",
                         entity_id=tie.id, campaign_id=row.campaign_id,
                         after=audit.snapshot(tie), covers=(tie,))
            return RoundTieInfo(category, tied, chosen, tie.note, tie.decided_by,
                                tie.decided_at)

    def advance(self, round_id: int) -> dict[str, tuple[str, ...]]:
        """Put the candidates above each category's cut into the next round; refused while
        the round is open, a count is missing or a tie at a cut is undecided."""
        self.actor.require(Permission.MANAGE_RESULTS)
        cuts = self.ranking(round_id)
        with self.db.transaction() as s:
            row = get_round(s, round_id)
            following = s.scalar(select(CampaignRound).where(
                CampaignRound.campaign_id == row.campaign_id,
                CampaignRound.position == row.position + 1))
            problems: list[Message] = []
            if following is None:
                raise RuleError([error("round_is_last", position=row.position)])
            if row.status is not RoundStatus.CLOSED:
                problems.append(error("round_not_closed", position=row.position, name=row.name))
            if s.scalar(select(func.count()).select_from(RoundCandidate)
                        .where(RoundCandidate.round_id == following.id)):
                problems.append(error("round_already_advanced", position=row.position))
            counts = self._advancing_ids(s, row)
            for c in cuts:
                if c.category_id not in counts:
                    problems.append(error("round_no_advancing", position=row.position,
                                          category=c.category))
                elif c.cut.undecided_tie:
                    problems.append(error("round_tie_open", category=c.category,
                                          tied=joined(c.cut.tied), seats=c.cut.seats))
            if problems:
                raise RuleError(problems)
            through: dict[str, tuple[str, ...]] = {}
            for c in cuts:
                ranks = {st.number: st for st in c.ranking}
                through[c.category] = c.cut.through
                for number in c.cut.through:
                    s.add(RoundCandidate(round_id=following.id,
                                         candidate_id=ranks[number].candidate_id,
                                         rank=ranks[number].rank))
            s.flush()
            audit.record(s, actor=self.actor, action="advance.record", entity="campaign_round",
                         entity_id=following.id, campaign_id=row.campaign_id,
                         after={"from_round": row.position, "to_round": following.position,
                                "advanced": {k: list(v) for k, v in through.items()}})
            return through

    def _open_round(self, s: Session, round_id: int) -> CampaignRound:
        row = get_round(s, round_id)
        if row.status is RoundStatus.CLOSED:
            raise RuleError([error("round_closed", position=row.position, name=row.name)])
        return row

    @staticmethod
    def _check_name(s: Session, campaign_id: int, name: str, own: int | None) -> None:
        if not name:
            raise RuleError([error("missing_field", field="name")])
        other = s.scalar(select(CampaignRound.id).where(CampaignRound.campaign_id == campaign_id,
                                                        CampaignRound.name == name))
        if other is not None and other != own:
            raise RuleError([error("round_name_taken", name=name)])

    @staticmethod
    def _set_advancing(s: Session, row: CampaignRound, advancing: Mapping[str, int]) -> None:
        ids = dict(s.execute(select(Category.name, Category.id)
                             .where(Category.campaign_id == row.campaign_id)).all())
        problems = [error("not_found", field="category", name=name)
                    for name in advancing if name not in ids]
        problems += [error("round_bad_advancing", value=count)
                     for count in advancing.values() if count < 1]
        if problems:
            raise RuleError(problems)
        for name, count in advancing.items():
            found = s.get(RoundAdvance, (row.id, ids[name]))
            if found is None:
                s.add(RoundAdvance(round_id=row.id, category_id=ids[name], count=count))
            else:
                found.count = count
        s.flush()

    @staticmethod
    def _advancing_ids(s: Session, row: CampaignRound) -> dict[int, int]:
        return dict(s.execute(select(RoundAdvance.category_id, RoundAdvance.count)
                              .where(RoundAdvance.round_id == row.id)).all())

    @staticmethod
    def _advancing(s: Session, row: CampaignRound) -> dict[str, int]:
        return dict(s.execute(select(Category.name, RoundAdvance.count).join(Category)
                              .where(RoundAdvance.round_id == row.id)
                              .order_by(Category.position, Category.id)).all())

    @staticmethod
    def _ties(s: Session, round_id: int) -> dict[int, RoundTieInfo]:
        latest: dict[int, RoundTieInfo] = {}
        for tie, name in s.execute(select(RoundTie, Category.name).join(Category)
                                   .where(RoundTie.round_id == round_id).order_by(RoundTie.id)):
            latest[tie.category_id] = RoundTieInfo(name, tuple(tie.tied), tuple(tie.advancing),
                                                   tie.note, tie.decided_by, tie.decided_at)
        return latest

    def _info(self, s: Session, row: CampaignRound) -> RoundInfo:
        channels = tuple(ChannelInfo.of(c) for c in s.scalars(
            select(RoundChannel).where(RoundChannel.round_id == row.id).order_by(RoundChannel.id)))
        standing = standing_in(s, row)
        count = len(standing) if standing is not None else s.scalar(
            select(func.count()).select_from(Candidate).join(Category).where(
                Category.campaign_id == row.campaign_id,
                Candidate.status.in_(RANKED_STATUSES))) or 0
        return RoundInfo.of(row, self._advancing(s, row), channels, count)


def number_text(value: str | int) -> str:
    """A candidate number as given ("7", "07") as printed ("07")."""
    text = str(value).strip()
    return format_number(int(text)) if text.isdigit() else text


def is_last(s: Session, row: CampaignRound) -> bool:
    """No round of its campaign comes after it."""
    return not s.scalar(select(func.count()).select_from(CampaignRound).where(
        CampaignRound.campaign_id == row.campaign_id,
        CampaignRound.position > row.position))
