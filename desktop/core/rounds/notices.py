"""What a round's notice says beyond its figures (``round_notice``): who goes on per category
with the tie at the cut and its decision (the shortlist notice, 候选对象公示), or, for the last
round, the committee's decision (the winners' notice, 表彰名单公示). The notice itself is drawn by
``desktop.core.results.write_notice`` (docs/rounds.md, "The round's notice")."""

from __future__ import annotations

from sqlalchemy import func, select

from desktop.core.accounts import Actor
from desktop.core.results import (
    NoticeCut,
    NoticeDecision,
    NoticeLine,
    RoundNotice,
    TieDecisionInfo,
)
from desktop.core.rounds.decisions import Decisions
from desktop.core.rounds.scope import get_round, voting_round
from desktop.core.rounds.service import Rounds, is_last
from desktop.core.store import CampaignRound, Database


def round_notice(db: Database, actor: Actor, round_id: int) -> RoundNotice | None:
    """The round's notice content; None in a one-round campaign, whose notice is the
    campaign's winners' notice as it always was."""
    with db.transaction() as s:
        row = get_round(s, round_id)
        rounds = s.scalar(select(func.count()).select_from(CampaignRound)
                          .where(CampaignRound.campaign_id == row.campaign_id)) or 0
        if rounds < 2:
            return None
        final = is_last(s, row)
        voting = voting_round(s, row)
        voting_id, voting_position = voting.id, voting.position
        following = None if final else s.scalar(
            select(CampaignRound).where(CampaignRound.campaign_id == row.campaign_id,
                                        CampaignRound.position > row.position)
            .order_by(CampaignRound.position).limit(1))
        position, name = row.position, row.name
        next_position = following.position if following is not None else None
        next_name = following.name if following is not None else ""
    cuts = tuple(NoticeCut(
        c.category, c.count, tuple(s.number for s in c.ranking), c.cut.through, c.cut.tied,
        c.cut.seats, None if c.tie_decision is None else TieDecisionInfo(
            c.category, c.tie_decision.tied, c.tie_decision.advancing, c.tie_decision.note,
            c.tie_decision.decided_by, c.tie_decision.decided_at))
        for c in Rounds(db, actor).ranking(round_id))
    decision = None
    if final and (found := Decisions(db, actor).newest(round_id)) is not None:
        lines: dict[str, tuple[NoticeLine, ...]] = {}
        for line in found.lines:
            lines[line.category] = (*lines.get(line.category, ()), NoticeLine(
                line.number, line.name, line.rank, line.chosen, line.departure, line.reason))
        decision = NoticeDecision(found.decided_on, found.meeting, found.attendees, found.note,
                                  lines)
    return RoundNotice(position, name, voting_id, voting_position, final, next_position,
                       next_name, cuts, decision)
