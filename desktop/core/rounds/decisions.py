"""``Decisions(db, actor)``: the leading group's decision on a campaign's last round (组织审定).

The final list per category, and for each departure from the round's ranking (``Rounds.ranking``;
``cut.departs`` says what departs) its reason; the decision and its lines are counted data on
the audit chain, and every ranked candidate's outcome is written back to its status
(docs/rounds.md).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from ballotformat.messages import Message, RuleError, error
from desktop.core import audit
from desktop.core.accounts import Actor
from desktop.core.enums import RANKED_STATUSES, CandidateStatus, Permission
from desktop.core.registry import format_number
from desktop.core.results import (
    NoticeCut,
    NoticeDecision,
    NoticeLine,
    RoundNotice,
    TieDecisionInfo,
)
from desktop.core.rounds.cuts import departs
from desktop.core.rounds.scope import get_round, voting_round
from desktop.core.rounds.service import Rounds, is_last, number_text
from desktop.core.rounds.types import DecisionInfo, DecisionLineInfo
from desktop.core.store import (
    CampaignRound,
    Candidate,
    Category,
    CommitteeDecision,
    Database,
    DecisionLine,
)


class Decisions:
    def __init__(self, db: Database, actor: Actor) -> None:
        self.db = db
        self.actor = actor

    def record(self, round_id: int, decided_on: dt.date, meeting: str,
               attendees: Sequence[str], final: Mapping[str, Sequence[str | int]],
               reasons: Mapping[tuple[str, str], str] | None = None,
               note: str = "") -> DecisionInfo:
        """The leading group's final list per category of the last round, with the reason
        for each departure from the ranking (keyed by category and number). Candidates'
        statuses follow: chosen → winner, standing and not chosen → not chosen, ranked in an
        earlier round only → did not advance."""
        self.actor.require(Permission.MANAGE_RESULTS)
        reasons = {(c, number_text(n)): r.strip() for (c, n), r in (reasons or {}).items()
                   if r.strip()}
        with self.db.transaction() as s:
            row = get_round(s, round_id)
            if not is_last(s, row):
                raise RuleError([error("round_not_last", position=row.position)])
        cuts = Rounds(self.db, self.actor).ranking(round_id)
        problems: list[Message] = []
        for field, value in (("meeting", meeting), ("attendees", "".join(attendees))):
            if not value.strip():
                problems.append(error("decision_needs", field=field))
        lines: list[tuple[int, int, int, bool, bool, str]] = []
        for c in cuts:
            if c.category not in final:
                problems.append(error("decision_missing_category", category=c.category))
                continue
            chosen = {number_text(n) for n in final[c.category]}
            known = {st.number for st in c.ranking}
            problems += [error("decision_not_standing", category=c.category, number=n)
                         for n in sorted(chosen - known)]
            if len(chosen) != c.count:
                problems.append(error("decision_count", category=c.category, seats=c.count,
                                      count=len(chosen)))
            for st in c.ranking:
                picked = st.number in chosen
                departure = departs(c.ranking, c.count, st.number, picked)
                reason = reasons.get((c.category, st.number), "")
                if departure and not reason:
                    problems.append(error(
                        "decision_reason_chosen" if picked else "decision_reason_left_out",
                        category=c.category, number=st.number, rank=st.rank))
                lines.append((c.category_id, st.candidate_id, st.rank, picked, departure,
                              reason))
        if problems:
            raise RuleError(problems)
        with self.db.transaction() as s:
            row = get_round(s, round_id)
            decision = CommitteeDecision(
                campaign_id=row.campaign_id, round_id=row.id, decided_on=decided_on,
                meeting=meeting.strip(), attendees=[a.strip() for a in attendees if a.strip()],
                note=note.strip(), recorded_by=self.actor.name)
            decision.lines = [DecisionLine(category_id=category_id, candidate_id=candidate_id,
                                           rank=rank, chosen=picked, departure=departure,
                                           reason=reason)
                              for category_id, candidate_id, rank, picked, departure, reason
                              in lines]
            s.add(decision)
            s.flush()
            changed = self._write_statuses(s, row, {
                candidate_id: picked for _c, candidate_id, _r, picked, _d, _why in lines})
            audit.record(s, actor=self.actor, action="decision.record",
                         entity="committee_decision", entity_id=decision.id,
                         campaign_id=row.campaign_id,
                         after={**audit.snapshot(decision),
                                "lines": [audit.snapshot(line) for line in decision.lines],
                                "statuses": {str(c.id): c.status.value for c in changed}},
                         covers=(decision, *changed))
            return self._decision_info(s, decision)

    def newest(self, round_id: int) -> DecisionInfo | None:
        """The round's newest decision (a newer one replaces an older)."""
        with self.db.transaction() as s:
            row = s.scalar(select(CommitteeDecision).where(CommitteeDecision.round_id == round_id)
                           .order_by(CommitteeDecision.id.desc()).limit(1))
            return None if row is None else self._decision_info(s, row)

    def notice(self, round_id: int) -> RoundNotice | None:
        """What the round's notice says beyond its figures: who goes on per category with the
        tie at the cut and its decision (the shortlist notice, 候选对象公示), or, for the last
        round, this decision (the winners' notice, 表彰名单公示); None in a one-round campaign,
        whose notice is the campaign's winners' notice as it always was
        (``results.write_notice`` draws it; docs/rounds.md, "The round's notice")."""
        with self.db.transaction() as s:
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
            for c in Rounds(self.db, self.actor).ranking(round_id))
        decision = None
        if final and (found := self.newest(round_id)) is not None:
            lines: dict[str, tuple[NoticeLine, ...]] = {}
            for line in found.lines:
                lines[line.category] = (*lines.get(line.category, ()), NoticeLine(
                    line.number, line.name, line.rank, line.chosen, line.departure, line.reason))
            decision = NoticeDecision(found.decided_on, found.meeting, found.attendees,
                                      found.note, lines)
        return RoundNotice(position, name, voting_id, voting_position, final, next_position,
                           next_name, cuts, decision)

    @staticmethod
    def _write_statuses(s: Session, row: CampaignRound, chosen: Mapping[int, bool]
                        ) -> list[Candidate]:
        changed = []
        ranked = s.scalars(select(Candidate).join(Category).where(
            Category.campaign_id == row.campaign_id, Candidate.status.in_(RANKED_STATUSES)))
        for candidate in ranked:
            status = (CandidateStatus.NOT_ADVANCED if candidate.id not in chosen
                      else CandidateStatus.WINNER if chosen[candidate.id]
                      else CandidateStatus.NOT_CHOSEN)
            if candidate.status is not status:
                candidate.status = status
                changed.append(candidate)
        s.flush()
        return changed

    def _decision_info(self, s: Session, d: CommitteeDecision) -> DecisionInfo:
        names = dict(s.execute(select(Category.id, Category.name)
                               .where(Category.campaign_id == d.campaign_id)).all())
        people = {c.id: c for c in s.scalars(select(Candidate).where(
            Candidate.id.in_([line.candidate_id for line in d.lines])))}
        return DecisionInfo(
            d.id, d.round_id, d.decided_on, d.meeting, tuple(d.attendees), d.note,
            d.recorded_by, d.recorded_at, tuple(DecisionLineInfo(
                names[line.category_id], format_number(people[line.candidate_id].number),
                people[line.candidate_id].name, line.rank, line.chosen, line.departure,
                line.reason) for line in sorted(d.lines, key=lambda x: (x.category_id, x.rank,
                                                                        x.candidate_id))))
