"""The column-wise counting of per-vote rows: fraud checks at their edges, vote times in C."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

from desktop.core.online.votes import (
    TIME_FORMATS,
    Counted,
    FraudRules,
    VoteColumn,
    count_votes,
    parse_time,
    parse_times,
)

A, B, C = 11, 12, 21  # A and B in category 1, C in category 2
CATEGORY_OF = {A: 1, B: 1, C: 2}


def column(index: int, cells: list[str], choices: dict[str, tuple[int, ...]]) -> VoteColumn:
    codes, distinct = pd.factorize(np.array(cells, object))
    return VoteColumn(index, np.asarray(codes, np.int64),
                      tuple(choices[text] for text in distinct.tolist()))


def cells(values: list[str]) -> np.ndarray:
    return np.array(values, object)


def count(columns: list[VoteColumn], times: list[str] | None, voters: list[str] | None = None,
          ips: list[str] | None = None, **rules: int | str | None) -> Counted:
    return count_votes(columns, CATEGORY_OF, None if times is None else cells(times),
                       None if voters is None else cells(voters),
                       None if ips is None else cells(ips), FraudRules(**rules))  # type: ignore[arg-type]


def at(*seconds: int, minute: str = "2026-05-01 10:00") -> list[str]:
    return [f"{minute}:{s:02d}" for s in seconds]


def test_an_ip_window_is_shorter_than_ip_burst_seconds() -> None:
    # 3 rows 10 s apart and a 4th exactly 60 s after the first: no window of 60 s holds 4
    votes = column(0, ["a"] * 4, {"a": (A,)})
    quiet = count([votes], [*at(0, 10, 20), "2026-05-01 10:01:00"], ips=["1.1.1.1"] * 4,
                  ip_burst_votes=3, ip_burst_seconds=60)
    assert quiet.flags == {}
    burst = count([votes], at(0, 10, 20, 59), ips=["1.1.1.1"] * 4, ip_burst_votes=3,
                  ip_burst_seconds=60)
    assert burst.flags == dict.fromkeys(range(4), ("ip_burst",))
    assert (burst.totals, burst.unflagged) == ({A: 4}, {A: 0})


def test_blank_voters_and_ips_are_never_grouped() -> None:
    votes = column(0, ["a"] * 4, {"a": (A,)})
    counted = count([votes], at(0, 1, 2, 3), voters=["", " ", "", " "],
                    ips=["", " ", "", " "], voter_limit=1, ip_burst_votes=1)
    assert counted.flags == {}


def test_a_voter_over_the_limit_in_time_order_not_file_order() -> None:
    votes = column(0, ["a", "a、b", "c", "b"], {"a": (A,), "a、b": (A, B), "c": (C,), "b": (B,)})
    counted = count([votes], ["2026-05-01 10:00:09", "2026-05-01 10:00:01",
                              "2026-05-01 10:00:05", "2026-05-02 10:00:00"],
                    voters=["u"] * 4, voter_limit=2)
    # in time order: row 1 (A, B: 2 in category 1), row 2 (C), row 0 (A: the third)
    assert counted.flags == {0: ("over_limit",)}
    assert counted.row_candidates == {0: (A,)}
    assert counted.unflagged == {A: 1, B: 2, C: 1}


def test_a_candidate_named_in_two_columns_of_a_row_is_one_vote_for_the_checks() -> None:
    first = column(0, ["a"] * 3, {"a": (A,)})
    second = column(1, ["a", "", ""], {"a": (A,), "": ()})
    counted = count([first, second], at(1, 2, 3), voters=["u", "v", "w"],
                    spike_votes_per_minute=3, voter_limit=1)
    assert counted.totals == {A: 4}  # as exported: every column counts
    assert counted.flags == {}  # 3 rows vote for A in the minute, once each
    assert count([first, second], at(1, 2, 3), spike_votes_per_minute=2).flags == dict.fromkeys(
        range(3), ("minute_spike",))


def test_unreadable_times_of_rows_with_a_vote() -> None:
    votes = column(0, ["a", "", "a"], {"a": (A,), "": ()})
    counted = count([votes], ["2026-05-01 10:00:00", "昨天", "昨天"], ips=["1"] * 3,
                    ip_burst_votes=1)
    assert counted.bad_times == {2: "昨天"}
    assert counted.flags == {}  # no bursts or spikes without readable times


def test_without_times_the_limit_counts_in_file_order() -> None:
    votes = column(0, ["a", "b", "a"], {"a": (A,), "b": (B,)})
    counted = count([votes], None, voters=["u"] * 3, voter_limit=2)
    assert counted.flags == {2: ("over_limit",)}


DIGITS = st.text(alphabet="0123456789", min_size=0, max_size=5)
TIME_TEXT = st.builds(
    lambda parts, separators, tail: "".join(p + s for p, s in zip(parts, separators,
                                                                   strict=False)) + tail,
    st.lists(DIGITS, min_size=3, max_size=6),
    st.lists(st.sampled_from(["-", "/", ".", " ", "T", ":", "年", "月", "日 ", "  ", ""]),
             min_size=6, max_size=6),
    st.sampled_from(["", "Z", "+08:00", ".5", " ", "秒", "am"]))


@pytest.mark.parametrize("layout", TIME_FORMATS)
@given(text=TIME_TEXT)
def test_times_read_in_c_are_read_as_parse_time_reads_them(layout: str, text: str) -> None:
    anchor = pd.Timestamp("2026-05-01 08:03:04").strftime(layout)
    seconds, readable = parse_times(cells([anchor] * 3 + [text]))
    expected = parse_time(text)
    assert (int(seconds[3]) if readable[3] else None) == expected
    assert seconds[0] == parse_time(anchor)
