"""A round's ranking cut at its advancing count, and the committee's departures from it.

Pure functions over a category's ranking as the results give it (best first, each with its
exact combined score), so the rules are tested by themselves. A tie across the cut (the same
score at positions N and N+1) is never broken here: only a recorded decision
(:class:`~desktop.core.combine.TieChoice`, its ``winners`` the numbers that go on) fills the
places the tie holds, exactly as the winners' cut of ``combine.rank`` does.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from fractions import Fraction

from desktop.core.results import TieChoice


@dataclass(frozen=True)
class Standing:
    """A candidate in a round's ranking."""

    candidate_id: int
    number: str
    name: str
    combined: Fraction
    #: Competition rank among the candidates of the round (1, 2, 2, 4).
    rank: int


@dataclass(frozen=True)
class Cut:
    #: Numbers that go on (or win), in ranking order.
    through: tuple[str, ...]
    #: Numbers tied across the cut and the places among them (empty, 0: no tie).
    tied: tuple[str, ...] = ()
    seats: int = 0
    #: The tie is settled by the decision given.
    decided: bool = False

    @property
    def undecided_tie(self) -> bool:
        return bool(self.tied) and not self.decided


def standings(ranked: Sequence[tuple[int, str, str, Fraction]]) -> tuple[Standing, ...]:
    """(candidate id, number, name, combined) best first → standings with competition ranks
    among these candidates only (a later round ranks its own candidates)."""
    result: list[Standing] = []
    for position, (candidate_id, number, name, combined) in enumerate(ranked, 1):
        rank = result[-1].rank if result and result[-1].combined == combined else position
        result.append(Standing(candidate_id, number, name, combined, rank))
    return tuple(result)


def cut(ranking: Sequence[Standing], count: int, choice: TieChoice | None = None) -> Cut:
    """The first ``count`` of ``ranking`` go on, unless a tie crosses the cut: then those
    above the tie and, once ``choice`` decides this very tie, the ones it names."""
    if len(ranking) <= count:
        return Cut(tuple(s.number for s in ranking))
    if count <= 0 or ranking[count - 1].combined != ranking[count].combined:
        return Cut(tuple(s.number for s in ranking[:count]))
    level = ranking[count].combined
    above = tuple(s.number for s in ranking if s.combined > level)
    tied = tuple(s.number for s in ranking if s.combined == level)
    seats = count - len(above)
    decided = (choice is not None and sorted(choice.tied) == sorted(tied)
               and len(choice.winners) == seats and set(choice.winners) <= set(tied))
    chosen = tuple(n for n in tied if choice is not None and n in choice.winners) \
        if decided else ()
    return Cut(above + chosen, tied, seats, decided)


def departs(ranking: Sequence[Standing], seats: int, number: str, chosen: bool) -> bool:
    """Whether choosing (or leaving out) ``number`` departs from ``ranking`` cut at ``seats``:
    a chosen candidate departs when ``seats`` others ranked strictly above it, one left out
    when it is among the first ``seats`` however its ties fall (a choice inside a tie at the
    cut is no departure)."""
    score = next(s.combined for s in ranking if s.number == number)
    if chosen:
        return sum(1 for s in ranking if s.combined > score) >= seats
    return sum(1 for s in ranking if s.combined >= score) <= seats
