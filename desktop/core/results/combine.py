"""Combining paper votes, online votes and expert scores into one ranking per category.

Pure functions over plain data (no database), so the arithmetic is tested by itself:

* **sum**: combined = paper votes + the votes of every online source (without the flagged
  votes by default, or as exported). Expert scores are shown, not added: they are not votes.
* **weighted**: combined = Σ weight × channel score / the category's top (or total) of that
  channel. Channels: ``paper``, ``online`` (all sources as one) or ``online:<source>`` (each
  source apart), ``expert`` (the average score).

Arithmetic is exact (:class:`fractions.Fraction`), so equal scores are equal and a tie is
never an artefact of rounding. Ranks are competition ranks (1, 2, 2, 4). A tie across the cut-off
(the same combined score at positions N and N+1) is never broken here: only a recorded
decision of the organiser (:class:`TieChoice`) fills the seats the tie holds.

Flagged online votes (the fraud checks' IP bursts, spikes, over-limit voters) are left out by
default: a careful organiser counts them only by choice. Either way, each candidate whose place
among the winners (or in a tie across the cut-off) would differ under the other choice is
marked ``flag_dependent``, and every output shows the mark.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from enum import StrEnum
from fractions import Fraction

from ballotformat.messages import list_separator

PAPER, ONLINE, EXPERT = "paper", "online", "expert"
SOURCE_PREFIX = "online:"
#: A round's paper channel apart (``paper:代表投票``): the votes of its boxes (rounds/scope.py).
PAPER_CHANNEL_PREFIX = "paper:"
#: Beside a result that depends on how flagged online votes count, in every output.
FLAG_MARK = "※"
#: Decimals of a weighted combined score in every output (ties are decided on exact values).
COMBINED_DECIMALS = 2
EXPERT_DECIMALS = 2


class Method(StrEnum):
    SUM = "sum"
    WEIGHTED = "weighted"


class OnlineCount(StrEnum):
    EXPORTED = "exported"  # the platform's totals as exported
    UNFLAGGED = "unflagged"  # without the rows the fraud checks flagged


class Normalise(StrEnum):
    TOP = "top"  # channel score / the category's highest score in that channel
    TOTAL = "total"  # channel score / the category's total in that channel


@dataclass(frozen=True)
class CombinationRule:
    method: Method = Method.SUM
    online: OnlineCount = OnlineCount.UNFLAGGED
    normalise: Normalise = Normalise.TOP
    #: (channel, weight) in the order given; only for ``weighted``.
    weights: tuple[tuple[str, float], ...] = ()

    def weight_map(self) -> dict[str, float]:
        return dict(self.weights)


@dataclass(frozen=True)
class Entry:
    """One shortlisted candidate's figures per channel, before combining."""

    candidate_id: int
    number: str  # as printed: "03"
    name: str
    unit: str
    paper: int
    #: Online source → (votes as exported, votes without flagged rows).
    online: Mapping[str, tuple[int, int]]
    expert: Fraction | None
    expert_scores: int = 0
    #: Paper channel → votes, when a round's paper channels are counted apart (``paper`` is
    #: their sum); empty otherwise.
    paper_channels: Mapping[str, int] = field(default_factory=dict)


@dataclass(frozen=True)
class CandidateResult:
    candidate_id: int
    number: str
    name: str
    unit: str
    paper: int
    #: Online source → the votes the rule counts (as exported or without flagged votes).
    online: Mapping[str, int]
    #: Online source → (as exported, without flagged votes), both shown for explanation.
    online_both: Mapping[str, tuple[int, int]]
    expert: Fraction | None
    expert_scores: int
    combined: Fraction
    rank: int
    winner: bool
    #: Shares its combined score with another candidate of the category.
    tie: bool
    #: In a tie across the cut-off (decided or not).
    cutoff_tie: bool
    #: Would win, lose, or be in the cut-off tie otherwise, were the flagged online votes
    #: counted the other way (included instead of left out, or the reverse).
    flag_dependent: bool = False
    #: Paper channel → votes (a round's channels apart; see :class:`Entry`).
    paper_channels: Mapping[str, int] = field(default_factory=dict)

    @property
    def online_total(self) -> int:
        return sum(self.online.values())


@dataclass(frozen=True)
class TieChoice:
    """A recorded decision: of the tied numbers, these are winners."""

    tied: tuple[str, ...]
    winners: tuple[str, ...]


@dataclass(frozen=True)
class Ranking:
    candidates: tuple[CandidateResult, ...]
    #: Numbers tied across the cut-off, and the seats among them (empty, 0 without a tie).
    cutoff_tie: tuple[str, ...] = ()
    seats: int = 0
    #: The tie is settled by the decision given.
    decided: bool = False

    @property
    def undecided_tie(self) -> bool:
        return bool(self.cutoff_tie) and not self.decided


def online_figure(votes: tuple[int, int], rule: CombinationRule) -> int:
    return votes[1] if rule.online is OnlineCount.UNFLAGGED else votes[0]


def channel_value(entry: Entry, channel: str, rule: CombinationRule) -> Fraction:
    if channel == PAPER:
        return Fraction(entry.paper)
    if channel == EXPERT:
        return entry.expert or Fraction(0)
    if channel == ONLINE:
        return Fraction(sum(online_figure(v, rule) for v in entry.online.values()))
    if channel.startswith(PAPER_CHANNEL_PREFIX):
        return Fraction(entry.paper_channels.get(channel.removeprefix(PAPER_CHANNEL_PREFIX), 0))
    source = channel.removeprefix(SOURCE_PREFIX)
    return Fraction(online_figure(entry.online.get(source, (0, 0)), rule))


def combined_scores(entries: Sequence[Entry], rule: CombinationRule) -> list[Fraction]:
    if rule.method is Method.SUM:
        return [Fraction(e.paper + sum(online_figure(v, rule) for v in e.online.values()))
                for e in entries]
    scores = [Fraction(0)] * len(entries)
    for channel, weight in rule.weights:
        values = [channel_value(e, channel, rule) for e in entries]
        scale = max(values, default=Fraction(0)) if rule.normalise is Normalise.TOP \
            else sum(values, Fraction(0))
        if scale == 0:
            continue
        exact_weight = Fraction(str(weight))
        scores = [score + exact_weight * value / scale for score, value in zip(
            scores, values, strict=True)]
    return scores


def rank(entries: Sequence[Entry], rule: CombinationRule, winners: int,
         choice: TieChoice | None = None) -> Ranking:
    """The category's ranking; the top ``winners`` win unless a tie crosses the cut-off. A
    candidate whose outcome the other way of counting flagged votes changes is marked."""
    ranking = _rank(entries, rule, winners, choice)
    if all(exported == unflagged for e in entries for exported, unflagged in e.online.values()):
        return ranking
    other_count = (OnlineCount.EXPORTED if rule.online is OnlineCount.UNFLAGGED
                   else OnlineCount.UNFLAGGED)
    other = {c.candidate_id: c for c in _rank(
        entries, replace(rule, online=other_count), winners, choice).candidates}
    marked = tuple(replace(c, flag_dependent=(
        c.winner != other[c.candidate_id].winner
        or c.cutoff_tie != other[c.candidate_id].cutoff_tie)) for c in ranking.candidates)
    return replace(ranking, candidates=marked)


def _rank(entries: Sequence[Entry], rule: CombinationRule, winners: int,
          choice: TieChoice | None) -> Ranking:
    scores = combined_scores(entries, rule)
    order = sorted(range(len(entries)), key=lambda i: (-scores[i], entries[i].number))
    ranks: dict[int, int] = {}
    same: dict[Fraction, int] = {}
    for position, i in enumerate(order, 1):
        ranks[i] = position if not ranks or scores[i] != scores[order[position - 2]] \
            else ranks[order[position - 2]]
        same[scores[i]] = same.get(scores[i], 0) + 1
    tied: tuple[str, ...] = ()
    seats = 0
    if len(order) > winners > 0 and scores[order[winners - 1]] == scores[order[winners]]:
        cut = scores[order[winners]]
        tied = tuple(entries[i].number for i in order if scores[i] == cut)
        seats = winners - sum(1 for i in order if scores[i] > cut)
    decided = choice is not None and bool(tied) and tuple(sorted(choice.tied)) == tuple(
        sorted(tied)) and len(choice.winners) == seats
    chosen = set(choice.winners) if decided and choice is not None else set()
    results = []
    for position, i in enumerate(order):
        entry = entries[i]
        in_tie = entry.number in tied
        winner = entry.number in chosen if in_tie else position < winners
        results.append(CandidateResult(
            entry.candidate_id, entry.number, entry.name, entry.unit, entry.paper,
            {s: online_figure(v, rule) for s, v in entry.online.items()}, dict(entry.online),
            entry.expert, entry.expert_scores, scores[i], ranks[i], winner,
            same[scores[i]] > 1, in_tie, paper_channels=dict(entry.paper_channels)))
    return Ranking(tuple(results), tied, seats, decided)


# -- the formula in words ------------------------------------------------------------------
_CHANNEL_NAMES = {PAPER: ("纸质选票得票", "paper votes"), ONLINE: ("网络投票得票", "online votes"),
                  EXPERT: ("专家评审平均分", "expert average")}


def channel_name(channel: str, language: str) -> str:
    english = language == "en"
    if channel.startswith(SOURCE_PREFIX):
        source = channel.removeprefix(SOURCE_PREFIX)
        return f"online votes ({source})" if english else f"网络投票（{source}）得票"
    if channel.startswith(PAPER_CHANNEL_PREFIX):
        paper = channel.removeprefix(PAPER_CHANNEL_PREFIX)
        return f"paper votes ({paper})" if english else f"纸质选票（{paper}）得票"
    zh, en = _CHANNEL_NAMES[channel]
    return en if english else zh


def formula(rule: CombinationRule, sources: Sequence[str], language: str) -> str:
    """The rule in one sentence, as stated in every output."""
    english = language == "en"
    online_zh = ("按平台导出的票数" if rule.online is OnlineCount.EXPORTED
                 else "剔除被标记的可疑票后")
    online_en = ("as exported by the platform" if rule.online is OnlineCount.EXPORTED
                 else "without the votes the fraud checks flagged")
    listed = list_separator(language).join(sources)
    if rule.method is Method.SUM:
        if english:
            where = f" ({listed})" if sources else ""
            return (f"Combined = paper votes + online votes{where}, {online_en}; ranked by the "
                    "combined votes. Expert scores are shown, not added.")
        where = f"（{listed}）" if sources else ""
        return (f"综合得票 = 纸质选票得票 + 网络投票得票{where}，网络票数{online_zh}；"
                "按综合得票排名。专家评分仅列示，不计入。")
    scale_zh = "本奖项该项最高值" if rule.normalise is Normalise.TOP else "本奖项该项总和"
    scale_en = ("the category's highest" if rule.normalise is Normalise.TOP
                else "the category's total")
    terms = [f"{weight:g} × {channel_name(channel, language)} ÷ "
             f"{scale_en if english else scale_zh}" for channel, weight in rule.weights]
    if english:
        return (f"Combined score = {' + '.join(terms)}; online votes {online_en}; ranked by "
                f"the combined score ({COMBINED_DECIMALS} decimals shown, ties compared exactly).")
    return (f"综合得分 = {' + '.join(terms)}；网络票数{online_zh}；按综合得分排名"
            f"（显示 {COMBINED_DECIMALS} 位小数，并列按精确值判断）。")


def flag_note(rule: CombinationRule, language: str) -> str:
    """What :data:`FLAG_MARK` means under ``rule``, as every output states it."""
    if language == "en":
        counted = ("left out" if rule.online is OnlineCount.UNFLAGGED else "counted")
        other = ("counted" if rule.online is OnlineCount.UNFLAGGED else "left out")
        return (f"{FLAG_MARK} The flagged online votes (fraud checks) are {counted}; were they "
                f"{other}, this candidate's result or place at the cut-off would differ.")
    counted_zh = "未计入" if rule.online is OnlineCount.UNFLAGGED else "已计入"
    other_zh = "计入" if rule.online is OnlineCount.UNFLAGGED else "不计入"
    return (f"{FLAG_MARK} 被防刷检查标记的可疑网络票{counted_zh}；若{other_zh}，"
            "该候选对象是否当选（或当选线位置）将会不同。")


def format_combined(value: Fraction, rule: CombinationRule) -> str:
    if rule.method is Method.SUM:
        return str(int(value))
    return f"{float(value):.{COMBINED_DECIMALS}f}"


def format_expert(value: Fraction | None) -> str:
    return "" if value is None else f"{float(value):.{EXPERT_DECIMALS}f}"
