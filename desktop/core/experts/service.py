"""Expert panel scores (专家评审): entered or imported, averaged, optionally without extremes.

A file is either *long* (expert, candidate number or name, score; one row per score) or a
*matrix* (candidate number or name, then one column per expert). Scores lie in
0…``max_score`` (per campaign or category, default :data:`DEFAULT_MAX_SCORE`). When
``drop_extremes`` is on (per campaign or category) and a candidate has at least
:data:`MIN_SCORES_TO_DROP_EXTREMES` scores, one highest and one lowest score are left out of the
average. Every expert of a category should score every candidate of it: the gaps are reported.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from ballotformat import messages
from ballotformat.messages import BySeverity, Message, RuleError, error, warning
from desktop.core import audit
from desktop.core.accounts import Actor
from desktop.core.enums import RANKED_STATUSES, Permission
from desktop.core.online import CATEGORY, NAME, NUMBER, alias_meaning, candidate_index
from desktop.core.store import Candidate, Category, Database, ExpertRule, ExpertScore
from desktop.core.tabular import normalise_header

DEFAULT_MAX_SCORE = 100.0
MIN_SCORES_TO_DROP_EXTREMES = 3
EXPERT_HEADERS = frozenset(normalise_header(h) for h in ("专家", "评委", "专家姓名", "expert"))
SCORE_HEADERS = frozenset(normalise_header(h) for h in ("分数", "得分", "评分", "score"))

messages.register({
    "expert_bad_score": ("专家“{expert}”给“{name}”的分数“{value}”应在 0 到 {maximum} 之间。",
                         "Expert “{expert}”: the score “{value}” for “{name}” should be from 0 "
                         "to {maximum}."),
    "expert_unknown_candidate": ("找不到候选对象“{text}”。", "No candidate “{text}” was found."),
    "expert_twice": ("专家“{expert}”给“{name}”打了两次分。",
                     "Expert “{expert}” scores “{name}” twice."),
    "expert_no_columns": ("文件“{file}”中找不到专家、候选对象和分数列。",
                          "No expert, candidate and score columns in “{file}”."),
    "expert_gap": ("专家“{expert}”尚未给奖项“{category}”的“{name}”打分。",
                   "Expert “{expert}” has not scored “{name}” in “{category}”."),
    "expert_import_done": ("已导入 {count} 个专家评分。", "Imported {count} expert scores."),
})


@dataclass(frozen=True)
class ExpertMark:
    expert: str
    score: float
    #: Left out of the average as the highest or the lowest.
    dropped: bool


@dataclass(frozen=True)
class ExpertResult:
    candidate_id: int
    category_id: int
    marks: tuple[ExpertMark, ...]
    #: Average of the scores not dropped; None without scores.
    average: float | None
    drop_extremes: bool


@dataclass(frozen=True)
class ExpertPreview(BySeverity):
    campaign_id: int
    path: Path
    #: (candidate id, expert, score).
    scores: tuple[tuple[int, str, float], ...]
    messages: tuple[Message, ...]


@dataclass(frozen=True)
class RuleInForce:
    """The expert rule a category (or the campaign) is scored by: its own settings, else the
    campaign's, else the defaults."""

    max_score: float
    drop_extremes: bool
    #: The category sets something of its own (not only inherits the campaign's).
    own: bool


def _rule(s: Session, campaign_id: int, category_id: int | None) -> RuleInForce:
    rules = {r.category_id: r for r in s.scalars(select(ExpertRule).where(
        ExpertRule.campaign_id == campaign_id))}
    found = [r for r in (rules.get(category_id), rules.get(None)) if r is not None]
    maximum = next((r.max_score for r in found if r.max_score is not None), DEFAULT_MAX_SCORE)
    drop = next((r.drop_extremes for r in found if r.drop_extremes is not None), False)
    mine = rules.get(category_id) if category_id is not None else None
    own = mine is not None and (mine.max_score, mine.drop_extremes) != (None, None)
    return RuleInForce(maximum, drop, own)


def _parse_score(text: str) -> float | None:
    try:
        return float(text.strip().replace("，", "."))
    except ValueError:
        return None


class Experts:
    def __init__(self, db: Database, actor: Actor) -> None:
        self.db = db
        self.actor = actor

    def set_rule(self, campaign_id: int, category_id: int | None = None,
                 max_score: float | None = None, drop_extremes: bool | None = None) -> None:
        """Settings of the campaign (``category_id`` None) or of one category (None: inherit)."""
        self.actor.require(Permission.MANAGE_RESULTS)
        with self.db.transaction() as s:
            rule = s.scalar(select(ExpertRule).where(ExpertRule.campaign_id == campaign_id,
                                                     ExpertRule.category_id.is_(category_id)
                                                     if category_id is None else
                                                     ExpertRule.category_id == category_id))
            before = audit.snapshot(rule) if rule else None
            if rule is None:
                rule = ExpertRule(campaign_id=campaign_id, category_id=category_id)
                s.add(rule)
            rule.max_score, rule.drop_extremes = max_score, drop_extremes
            s.flush()
            audit.record(s, actor=self.actor, action="expert_rule.set", entity="expert_rule",
                         entity_id=rule.id, campaign_id=campaign_id, before=before,
                         after=audit.snapshot(rule), covers=(rule,))

    def results(self, campaign_id: int) -> dict[int, ExpertResult]:
        """Each scored candidate's marks and average (:func:`expert_results`)."""
        return expert_results(self.db, campaign_id)

    def rule(self, campaign_id: int, category_id: int | None = None) -> RuleInForce:
        """The rule in force for a category (None: the campaign's own)."""
        with self.db.transaction() as s:
            return _rule(s, campaign_id, category_id)

    def set_scores(self, campaign_id: int, scores: list[tuple[int, str, float]]) -> int:
        """Enter or change scores (candidate id, expert, score), all or nothing."""
        self.actor.require(Permission.MANAGE_RESULTS)
        with self.db.transaction() as s:
            problems = self._check(s, campaign_id, scores)
            if problems:
                raise RuleError(problems)
            for candidate_id, expert, score in scores:
                row = s.scalar(select(ExpertScore).where(ExpertScore.candidate_id == candidate_id,
                                                         ExpertScore.expert == expert))
                before = audit.snapshot(row) if row else None
                if row is None:
                    row = ExpertScore(campaign_id=campaign_id, candidate_id=candidate_id,
                                      expert=expert)
                    s.add(row)
                row.score, row.entered_by = score, self.actor.name
                s.flush()
                audit.record(s, actor=self.actor, action="expert_score.set",
                             entity="expert_score", entity_id=row.id, campaign_id=campaign_id,
                             before=before, after=audit.snapshot(row), covers=(row,))
            return len(scores)

    def _check(self, s: Session, campaign_id: int,
               scores: list[tuple[int, str, float]]) -> list[Message]:
        problems = []
        seen: set[tuple[int, str]] = set()
        for candidate_id, expert, score in scores:
            candidate = s.get(Candidate, candidate_id)
            if candidate is None or candidate.category.campaign_id != campaign_id:
                problems.append(error("expert_unknown_candidate", text=candidate_id))
                continue
            maximum = _rule(s, campaign_id, candidate.category_id).max_score
            if not 0 <= score <= maximum:
                problems.append(error("expert_bad_score", expert=expert, name=candidate.name,
                                      value=score, maximum=f"{maximum:g}"))
            if (candidate_id, expert) in seen:
                problems.append(error("expert_twice", expert=expert, name=candidate.name))
            seen.add((candidate_id, expert))
        return problems

    def preview(self, campaign_id: int, path: Path | str) -> ExpertPreview:
        self.actor.require(Permission.MANAGE_RESULTS)  # before the file is read
        from desktop.core.online import read_grid  # pandas: only to read a file

        grid = read_grid(path, [*EXPERT_HEADERS, *SCORE_HEADERS])
        meaning = {i: alias_meaning(h) for i, h in enumerate(grid.headers)}
        find = {m: i for i, m in reversed(meaning.items()) if m in (NUMBER, NAME, CATEGORY)}
        expert_col = next((i for i, h in enumerate(grid.headers)
                           if normalise_header(h) in EXPERT_HEADERS), None)
        score_col = next((i for i, h in enumerate(grid.headers)
                          if normalise_header(h) in SCORE_HEADERS), None)
        long = expert_col is not None and score_col is not None
        matrix = [i for i, h in enumerate(grid.headers) if h and meaning[i] is None
                  and i not in (expert_col, score_col)]
        if not (NUMBER in find or NAME in find) or not (long or matrix):
            raise RuleError([error("expert_no_columns", file=grid.path.name)])
        scores: list[tuple[int, str, float]] = []
        problems: list[Message] = []
        with self.db.transaction() as s:
            index = candidate_index(s, campaign_id)
            for r in range(grid.row_count):
                cell = {k: grid.columns[i][r].strip() for k, i in find.items()}
                text = cell.get(NUMBER) or cell.get(NAME, "")
                if not text:
                    continue
                category_id = index.category_id(cell[CATEGORY]) if cell.get(CATEGORY) else None
                found = index.match(text, category_id).one
                if found is None:
                    problems.append(Message("row_problem", {"row": grid.row_number(r), "text":
                                            error("expert_unknown_candidate", text=text)}))
                    continue
                pairs = ([(grid.columns[expert_col][r], grid.columns[score_col][r])]
                         if long and expert_col is not None and score_col is not None
                         else [(grid.headers[i], grid.columns[i][r]) for i in matrix])
                for expert, value in pairs:
                    score = _parse_score(value)
                    if score is None and value.strip():
                        problems.append(error("expert_bad_score", expert=expert.strip(),
                                              name=found.name, value=value, maximum="…"))
                    elif score is not None:
                        scores.append((found.id, expert.strip(), score))
            problems += self._check(s, campaign_id, scores)
        return ExpertPreview(campaign_id, Path(path), tuple(scores), tuple(problems))

    def commit(self, preview: ExpertPreview) -> int:
        self.actor.require(Permission.MANAGE_RESULTS)
        if preview.errors:
            raise RuleError([error("import_has_errors", count=len(preview.errors)),
                             *preview.errors])
        return self.set_scores(preview.campaign_id, list(preview.scores))

    def gaps(self, campaign_id: int) -> list[Message]:
        """An expert who scored some candidates on the ballot of a category but not all (a
        candidate not shortlisted is not ranked: no score is missing for them)."""
        results = expert_results(self.db, campaign_id)
        with self.db.transaction() as s:
            found = []
            for category in s.scalars(select(Category).where(Category.campaign_id == campaign_id)
                                      .order_by(Category.position)):
                active = [c for c in category.candidates if c.status in RANKED_STATUSES]
                experts = sorted({m.expert for c in active if c.id in results
                                  for m in results[c.id].marks})
                for c in active:
                    scored = {m.expert for m in results[c.id].marks} if c.id in results else set()
                    found += [warning("expert_gap", expert=e, category=category.name, name=c.name)
                              for e in experts if e not in scored]
            return found


def expert_results(db: Database, campaign_id: int) -> dict[int, ExpertResult]:
    """Per candidate id with scores: each expert's score (dropped ones marked), the average."""
    with db.transaction() as s:
        rows = s.execute(select(ExpertScore.candidate_id, Candidate.category_id,
                                ExpertScore.expert, ExpertScore.score)
                         .join(Candidate, Candidate.id == ExpertScore.candidate_id)
                         .where(ExpertScore.campaign_id == campaign_id)
                         .order_by(ExpertScore.candidate_id, ExpertScore.expert)).all()
        rules = {cat: _rule(s, campaign_id, cat) for cat in {r[1] for r in rows}}
    grouped: dict[int, list[tuple[int, str, float]]] = {}
    for cid, category_id, expert, score in rows:
        grouped.setdefault(cid, []).append((category_id, expert, score))
    results = {}
    for cid, marks in grouped.items():
        category_id = marks[0][0]
        drop = rules[category_id].drop_extremes and len(marks) >= MIN_SCORES_TO_DROP_EXTREMES
        order = sorted(range(len(marks)), key=lambda i: marks[i][2])
        dropped = {order[0], order[-1]} if drop else set()
        kept = [m[2] for i, m in enumerate(marks) if i not in dropped]
        results[cid] = ExpertResult(
            cid, category_id, tuple(ExpertMark(m[1], m[2], i in dropped)
                                    for i, m in enumerate(marks)),
            sum(kept) / len(kept) if kept else None, drop)
    return results
