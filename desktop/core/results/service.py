"""Results (统计结果): the combination rule, the ranking per category, ties at the cut-off.

``Results(db, actor)``: ``set_rule`` / ``rule`` (stored per campaign, audited),
``set_notice`` / ``notice`` (the notice's texts and dates), ``compute`` (frozen
:class:`CampaignResults`: per category the shortlisted candidates with each channel's figure,
combined score, rank, winner and tie flags; the formula; the paper counts per box) and
``decide_tie`` (the organiser's recorded choice when a tie crosses the cut-off). See
``combine.py`` for the arithmetic and docs/results.md for the rules.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import replace
from fractions import Fraction
from typing import TYPE_CHECKING

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from ballotformat.messages import Message, RuleError, error, joined, warning
from desktop.core import audit
from desktop.core.accounts import Actor
from desktop.core.audit import head_anchor
from desktop.core.enums import RANKED_STATUSES, Permission
from desktop.core.experts import expert_results
from desktop.core.online import online_votes
from desktop.core.registry import format_number
from desktop.core.results.combine import (
    SOURCE_PREFIX,
    CombinationRule,
    Entry,
    Method,
    TieChoice,
    formula,
    rank,
)
from desktop.core.results.messages import register_messages
from desktop.core.results.tally import (
    CategoryCount,
    CountedTally,
    Tally,
    current_tally,
    last_tally,
    paper_tally,
)
from desktop.core.results.types import (
    MAX_OBJECTION_WORKING_DAYS,
    BoxCount,
    BoxTotal,
    CampaignResults,
    CategoryResult,
    NoticeSettings,
    RuleInfo,
    TieDecisionInfo,
    check_rule,
    rule_from_row,
)
from desktop.core.rounds import RoundScope, get_round, round_scope, voting_round
from desktop.core.store import (
    AuditEntry,
    BallotBox,
    Campaign,
    Category,
    Database,
    OnlineSource,
    ResultSetting,
    Sheet,
    TieDecision,
)

register_messages()
#: Candidates ranked: the shortlist (and winners already marked as such).
#: Sheets whose box is not known (a ballot printed before boxes existed).
NO_BOX = "（未指定投票箱）"


if TYPE_CHECKING:
    from desktop.core.results.cvr import CastVoteRecord


class Results:
    def __init__(self, db: Database, actor: Actor) -> None:
        self.db = db
        self.actor = actor

    # -- the paper count -----------------------------------------------------------------
    def current_tally(self, campaign_id: int) -> CountedTally:
        """The paper ballots as recorded now (:func:`tally.current_tally`)."""
        return current_tally(self.db, campaign_id)

    def last_tally(self, campaign_id: int) -> CountedTally | None:
        """The newest count this process made, however old (:func:`tally.last_tally`)."""
        return last_tally(self.db, campaign_id)

    def cast_vote_record(self) -> CastVoteRecord:
        """The cast-vote-record exporter, as this actor."""
        from desktop.core.results.cvr import CastVoteRecord

        return CastVoteRecord(self.db, self.actor)

    # -- settings ------------------------------------------------------------------------
    def rule(self, campaign_id: int) -> RuleInfo:
        with self.db.transaction() as s:
            row = _setting(s, campaign_id)
            if row is None or not row.method:
                return RuleInfo(CombinationRule())
            return RuleInfo(rule_from_row(row.method, row.online_votes, row.normalise,
                                          row.weights), row.set_by, row.set_at)

    def rule_confirmed(self, campaign_id: int) -> bool:
        """Whether someone has set the rule (an audited choice), so the default, and with it
        how flagged online votes count, was not merely left as it came."""
        with self.db.transaction() as s:
            return s.scalar(select(func.count()).select_from(AuditEntry).where(
                AuditEntry.campaign_id == campaign_id,
                AuditEntry.action == "result_rule.set")) != 0

    def set_rule(self, campaign_id: int, rule: CombinationRule) -> RuleInfo:
        """Store the campaign's combination rule (checked; the change is audited)."""
        self.actor.require(Permission.MANAGE_RESULTS)
        with self.db.transaction() as s:
            known = set(s.scalars(select(OnlineSource.name)
                                  .where(OnlineSource.campaign_id == campaign_id)))
            problems = check_rule(rule, known)
            if problems:
                raise RuleError(problems)
            row, before = self._row(s, campaign_id)
            row.method, row.online_votes = rule.method.value, rule.online.value
            row.normalise = rule.normalise.value
            row.weights = dict(rule.weights) if rule.method is Method.WEIGHTED else {}
            self._saved(s, row, before, "result_rule.set")
        return self.rule(campaign_id)

    def notice(self, campaign_id: int) -> NoticeSettings:
        with self.db.transaction() as s:
            row = _setting(s, campaign_id)
            return NoticeSettings.from_json(row.notice) if row else NoticeSettings()

    def set_notice(self, campaign_id: int, settings: NoticeSettings) -> NoticeSettings:
        self.actor.require(Permission.MANAGE_RESULTS)
        days = settings.objection_working_days
        if not 1 <= days <= MAX_OBJECTION_WORKING_DAYS:
            raise RuleError([error("invalid_count", field="公示期（工作日）", value=days,
                                   maximum=MAX_OBJECTION_WORKING_DAYS)])
        with self.db.transaction() as s:
            row, before = self._row(s, campaign_id)
            row.notice = settings.as_json()
            self._saved(s, row, before, "result_notice.set")
        return settings

    def _row(self, s: Session, campaign_id: int) -> tuple[ResultSetting, dict[str, object] | None]:
        if s.get(Campaign, campaign_id) is None:
            raise RuleError([error("not_found", field="campaign", name=str(campaign_id))])
        row = _setting(s, campaign_id)
        if row is None:
            row = ResultSetting(campaign_id=campaign_id, method="sum", online_votes="unflagged",
                                normalise="top", weights={}, notice={}, set_by=self.actor.name)
            s.add(row)
            return row, None
        return row, audit.snapshot(row)

    def _saved(self, s: Session, row: ResultSetting, before: dict[str, object] | None,
               action: str) -> None:
        row.set_by, row.set_at = self.actor.name, dt.datetime.now(dt.UTC)
        s.flush()
        audit.record(s, actor=self.actor, action=action, entity="result_setting",
                     entity_id=row.id, campaign_id=row.campaign_id, before=before,
                     after=audit.snapshot(row), covers=(row,))

    # -- ties ----------------------------------------------------------------------------
    def decide_tie(self, campaign_id: int, category: str, winners: Sequence[str | int],
                   note: str) -> TieDecisionInfo:
        """Record which of the candidates tied across ``category``'s cut-off win."""
        self.actor.require(Permission.MANAGE_RESULTS)
        current = next((c for c in self.compute(campaign_id).categories if c.name == category),
                       None)
        if current is None:
            raise RuleError([error("not_found", field="category", name=category)])
        if not current.cutoff_tie:
            raise RuleError([error("results_no_tie", category=category)])
        chosen = tuple(sorted({_number(w) for w in winners}))
        problems = [error("results_not_tied", number=n, tied=joined(current.cutoff_tie))
                    for n in chosen if n not in current.cutoff_tie]
        if len(chosen) != current.seats:
            problems.append(error("results_tie_seats", category=category, seats=current.seats,
                                  tied=joined(current.cutoff_tie), count=len(chosen)))
        if not note.strip():
            problems.append(error("results_tie_needs_note"))
        if problems:
            raise RuleError(problems)
        with self.db.transaction() as s:
            row = TieDecision(campaign_id=campaign_id, category_id=current.category_id,
                              tied=list(current.cutoff_tie), winners=list(chosen),
                              note=note.strip(), decided_by=self.actor.name)
            s.add(row)
            s.flush()
            audit.record(s, actor=self.actor, action="tie.decide", entity="tie_decision",
                         entity_id=row.id, campaign_id=campaign_id, after=audit.snapshot(row),
                         covers=(row,))
            return TieDecisionInfo(category, current.cutoff_tie, chosen, row.note,
                                   row.decided_by, row.decided_at)

    # -- the results ---------------------------------------------------------------------
    def compute(self, campaign_id: int, round_id: int | None = None,
                counted: CountedTally | None = None) -> CampaignResults:
        """Everything counted so far, combined by the campaign's rule; the paper ballots as
        ``counted`` (a count made before, e.g. ``last_tally``: the page shows it at once), by
        default as recorded now (``current_tally``).

        With ``round_id``, the round's results: its candidates and its votes only (the ballots
        printed for it, its online sources, expert scores if they count in it: rounds/scope.py),
        each paper channel's votes apart, combined by its channels' weights when they have
        any (docs/rounds.md, "Results per round"); its ballots are counted anew."""
        info = self.rule(campaign_id)
        scope = None
        warnings: list[Message] = []
        if round_id is not None:
            scope = self._round_scope(campaign_id, round_id)
            if scope.weights:
                info = replace(info, rule=replace(info.rule, method=Method.WEIGHTED,
                                                  weights=scope.weights))
            warnings += [warning("results_channel_unweighted", channel=channel)
                         for channel in scope.unweighted]
        rule = info.rule
        if scope is None:
            counted = counted or current_tally(self.db, campaign_id)
        else:
            with self.db.transaction() as session:
                at = head_anchor(session)  # before the rows, as current_tally reads it
            counted = CountedTally(paper_tally(self.db, campaign_id, scope.layout_versions),
                                   at, dt.datetime.now(dt.UTC))
        tally = counted.tally
        online = online_votes(self.db, campaign_id)
        experts = expert_results(self.db, campaign_id) if scope is None or scope.experts else {}
        with self.db.transaction() as s:
            campaign = s.get(Campaign, campaign_id)
            if campaign is None:
                raise RuleError([error("not_found", field="campaign", name=str(campaign_id))])
            box_names: dict[int | None, str] = dict(s.execute(
                select(BallotBox.id, BallotBox.name)
                .where(BallotBox.campaign_id == campaign_id)).all())
            sheets: dict[int | None, int] = dict(s.execute(
                select(Sheet.box_id, func.count()).where(Sheet.campaign_id == campaign_id,
                                                         Sheet.counted_key.is_not(None))
                .group_by(Sheet.box_id)).all())
            choices = _tie_choices(s, campaign_id)
            standing = sorted({k for e in online.values() for k in e.sources
                               if scope is None or k in scope.sources})
            ranked = (None if scope is None else scope.standing)
            categories = []
            for category in s.scalars(select(Category).where(Category.campaign_id == campaign_id)
                                      .order_by(Category.position, Category.id)):
                entries = []
                for c in sorted(category.candidates, key=lambda c: (c.number or 0, c.id)):
                    if (c.status not in RANKED_STATUSES if ranked is None
                            else c.id not in ranked):
                        continue
                    number = format_number(c.number)
                    count = tally.categories.get(category.name)
                    votes = online.get(c.id)
                    expert = experts.get(c.id)
                    kept = [Fraction(repr(m.score)) for m in expert.marks if not m.dropped] \
                        if expert else []
                    entries.append(Entry(
                        c.id, number, c.name, c.unit.name,
                        count.votes.get(number, 0) if count else 0,
                        {k: (votes.sources[k].votes, votes.sources[k].unflagged)
                         if votes and k in votes.sources else (0, 0) for k in standing},
                        sum(kept, Fraction(0)) / len(kept) if kept else None, len(kept),
                        {} if scope is None else _channel_votes(tally, scope, category.name,
                                                                number)))
                warnings += _unmatched(category.name, tally.categories.get(category.name),
                                       {e.number for e in entries})
                categories.append(self._category(category, entries, rule, tally, box_names,
                                                 sheets, choices.get(category.id)))
            name = campaign.name
            head = head_anchor(s)  # last: the tally, votes and scores read above are before it
        sources = sorted(set(standing) | {c.removeprefix(SOURCE_PREFIX) for c, _w in rule.weights
                            if c.startswith(SOURCE_PREFIX)})
        weighted = rule.weight_map()
        if rule.method is Method.WEIGHTED and any(c.startswith(SOURCE_PREFIX) for c in weighted):
            warnings += [warning("results_source_unweighted", source=source)
                         for source in sources if SOURCE_PREFIX + source not in weighted]
        boxes = tuple(BoxTotal(box_names.get(b, NO_BOX), n, sheets.get(b, 0))
                      for b, n in sorted(tally.ballots_per_box.items(),
                                         key=lambda item: box_names.get(item[0], NO_BOX)))
        return CampaignResults(
            campaign_id, name, info, formula(rule, sources, "zh_CN"), formula(rule, sources, "en"),
            tuple(sources), tuple(categories), tally.ballots, tally.blank_ballots, boxes,
            dt.datetime.now(dt.UTC), tuple(warnings), head, counted.head, counted.counted_at,
            None if scope is None else scope.position, "" if scope is None else scope.name,
            () if scope is None else scope.paper_channels)

    def _round_scope(self, campaign_id: int, round_id: int) -> RoundScope:
        """What a round's results count. A round without channels of its own (the committee's,
        组织审定) shows the figures of the round whose votes rank it, for its own candidates,
        as its ranking does (``Rounds.ranking``)."""
        with self.db.transaction() as s:
            row = get_round(s, round_id)
            if row.campaign_id != campaign_id:
                raise RuleError([error("not_found", field="round", name=str(round_id))])
            scope = round_scope(s, round_id)
            voting = voting_round(s, row)
            if voting.id == row.id:
                return scope
            return replace(round_scope(s, voting.id), round_id=row.id, position=row.position,
                           name=row.name, standing=scope.standing)

    @staticmethod
    def _category(category: Category, entries: list[Entry], rule: CombinationRule,
                  tally: Tally, box_names: dict[int | None, str], sheets: dict[int | None, int],
                  decision: TieDecisionInfo | None) -> CategoryResult:
        choice = TieChoice(decision.tied, decision.winners) if decision else None
        ranking = rank(entries, rule, category.winners, choice)
        count = tally.categories.get(category.name) or CategoryCount(category.name, 0)
        boxes = []
        for box_id, per in tally.boxes.items():
            c = per.get(category.name)
            if c is not None:
                boxes.append(BoxCount(box_names.get(box_id, NO_BOX),
                                      tally.ballots_per_box[box_id], sheets.get(box_id, 0),
                                      c.valid, c.void, c.blank, c.pending))
        return CategoryResult(
            category.id, category.name, category.winners, ranking.candidates, count.valid,
            count.void, count.blank, count.pending, tuple(sorted(boxes, key=lambda b: b.box)),
            ranking.cutoff_tie, ranking.seats, decision if ranking.decided else None)


def _channel_votes(tally: Tally, scope: RoundScope, category: str, number: str
                   ) -> dict[str, int]:
    """A candidate's paper votes per paper channel of a round (its boxes' votes added up)."""
    votes = dict.fromkeys(scope.paper_channels, 0)
    for box_id, per in tally.boxes.items():
        channel = None if box_id is None else scope.box_channels.get(box_id)
        count = per.get(category)
        if channel is not None and count is not None:
            votes[channel] += count.votes.get(number, 0)
    return votes


def _setting(s: Session, campaign_id: int) -> ResultSetting | None:
    return s.scalar(select(ResultSetting).where(ResultSetting.campaign_id == campaign_id))


def _number(value: str | int) -> str:
    text = str(value).strip()
    return format_number(int(text)) if text.isdigit() else text


def _tie_choices(s: Session, campaign_id: int) -> dict[int, TieDecisionInfo]:
    """The newest decision per category."""
    latest: dict[int, TieDecisionInfo] = {}
    rows = s.execute(select(TieDecision, Category.name).join(Category)
                     .where(TieDecision.campaign_id == campaign_id).order_by(TieDecision.id))
    for row, name in rows:
        latest[row.category_id] = TieDecisionInfo(name, tuple(row.tied), tuple(row.winners),
                                                   row.note, row.decided_by, row.decided_at)
    return latest


def _unmatched(category: str, count: CategoryCount | None, numbers: set[str]) -> list[Message]:
    """Paper votes for a number that is not a ranked candidate (e.g. withdrawn after printing)."""
    if count is None:
        return []
    return [warning("results_paper_unmatched", category=category, number=number, votes=votes)
            for number, votes in sorted(count.votes.items()) if votes and number not in numbers]
