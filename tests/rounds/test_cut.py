"""The cut of a round's ranking and the committee's departures, as pure functions."""

from __future__ import annotations

from fractions import Fraction

from desktop.core.results import TieChoice
from desktop.core.rounds import Standing, cut, departs, standings


def ranking(*scores: int) -> tuple[Standing, ...]:
    return standings([(i, f"{i:02d}", f"候选{i}", Fraction(s))
                      for i, s in enumerate(scores, 1)])


def test_competition_ranks_among_the_candidates_given() -> None:
    assert [s.rank for s in ranking(9, 7, 7, 5)] == [1, 2, 2, 4]


def test_no_tie_at_the_cut_takes_the_first_n() -> None:
    result = cut(ranking(9, 8, 7, 7), 2)
    assert (result.through, result.tied, result.undecided_tie) == (("01", "02"), (), False)
    assert cut(ranking(9, 8), 5).through == ("01", "02"), "fewer than the cut: all go on"


def test_a_tie_across_the_cut_holds_its_places_until_decided() -> None:
    scores = ranking(9, 7, 7, 7, 5)
    open_tie = cut(scores, 3)
    assert (open_tie.through, open_tie.tied, open_tie.seats) == (("01",), ("02", "03", "04"), 2)
    assert open_tie.undecided_tie
    decided = cut(scores, 3, TieChoice(("04", "03", "02"), ("04", "02")))
    assert (decided.through, decided.decided) == (("01", "02", "04"), True)
    # A decision on another tie (other numbers, or the wrong count) settles nothing.
    for stale in (TieChoice(("02", "03"), ("02",)), TieChoice(("02", "03", "04"), ("02",))):
        assert cut(scores, 3, stale).undecided_tie


def test_departures_from_the_ranking() -> None:
    scores = ranking(9, 8, 7, 7, 5)
    # Choosing within a tie at the cut departs from nothing.
    assert not departs(scores, 3, "03", True)
    assert not departs(scores, 3, "04", False)
    # Leaving out one surely within the seats, or choosing one surely outside, departs.
    assert departs(scores, 3, "02", False)
    assert departs(scores, 3, "05", True)
    assert not departs(scores, 3, "05", False)
    assert not departs(scores, 3, "01", True)
