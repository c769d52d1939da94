"""The fraud checks of per-vote files, over whole columns (numpy and pandas, no row loop).

Each check returns the indices of the rows it flags (thresholds per source,
:class:`FraudRules`):

* ``over_limit``: a voter's votes in one category beyond ``voter_limit`` per calendar day of
  the vote time (``period="day"``) or over the whole file (``"total"``); the rows that go past
  the limit, in time order, are flagged.
* ``ip_burst``: more than ``ip_burst_votes`` rows from one IP within ``ip_burst_seconds``; every
  row of such a window is flagged.
* ``minute_spike``: more than ``spike_votes_per_minute`` votes for one candidate within one
  clock minute; those rows are flagged.

A blank voter or IP (only white space) is never grouped. Texts are compared as written.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import numpy.typing as npt
import pandas as pd

from desktop.core.online.read import Column

#: Defaults of a new source's thresholds.
DEFAULT_IP_BURST_VOTES = 20
DEFAULT_IP_BURST_SECONDS = 60
DEFAULT_SPIKE_VOTES_PER_MINUTE = 60
SECONDS_PER_MINUTE = 60
SECONDS_PER_DAY = 86_400
PERIODS = ("day", "total")
#: Up to how many (minute, candidate) keys are counted in one array (64 MB).
_BINCOUNT_SPAN = 1 << 23
#: How many hash buckets a row of a column sifted by ``_groups`` gets, at least (a power of
#: two above rows × 4: 32 MB of counts for a million rows; few texts share a bucket).
_BUCKETS_PER_ROW = 4
#: Row indices, codes, seconds.
Ints = npt.NDArray[np.int64]


@dataclass(frozen=True)
class FraudRules:
    voter_limit: int | None = None
    voter_limit_period: str = "day"
    ip_burst_votes: int = DEFAULT_IP_BURST_VOTES
    ip_burst_seconds: int = DEFAULT_IP_BURST_SECONDS
    spike_votes_per_minute: int = DEFAULT_SPIKE_VOTES_PER_MINUTE


@dataclass(frozen=True)
class Votes:
    """Every vote of a file: ``rows[k]`` chose the candidate at position ``candidates[k]`` (of
    ``count`` candidates)."""

    rows: Ints
    candidates: Ints
    count: int

    def unique(self) -> Votes:
        """Each (row, candidate) once (a candidate chosen in two columns of a row)."""
        keys = np.unique(self.rows * self.count + self.candidates)
        return Votes(keys // self.count, keys % self.count, self.count)


def _groups(texts: Column, minimum: int) -> tuple[Ints, Ints]:
    """The rows whose text (not blank) occurs more than ``minimum`` times, and a code of their
    text. The rows are sifted by the low bits of their text's hash first (Python's own,
    computed in C; counted with ``bincount`` in a table of at least
    :data:`_BUCKETS_PER_ROW` buckets a row, three times faster than grouping the hashes): a
    text that occurs more than ``minimum`` times is in a bucket that does too. Only the rows
    left are grouped by their exact text, so texts that share a bucket are never taken for
    one."""
    hashes = np.fromiter(map(hash, texts), np.int64, len(texts))
    buckets = hashes & ((1 << max(len(texts) * _BUCKETS_PER_ROW, 1).bit_length()) - 1)
    rows = np.flatnonzero(np.bincount(buckets)[buckets] > minimum)
    exact, distinct = pd.factorize(texts[rows])
    named = np.fromiter((bool(t.strip()) for t in distinct.tolist()), np.bool_, len(distinct))
    keep = (np.bincount(exact, minlength=len(distinct)) > minimum)[exact] & named[exact]
    return rows[keep], np.asarray(exact, np.int64)[keep]


def _rank_in_group(groups: Ints) -> Ints:
    """For sorted group codes: each element's position within its group (0, 1, 2, ...)."""
    starts = np.flatnonzero(np.r_[True, groups[1:] != groups[:-1]])
    return np.arange(len(groups)) - np.repeat(starts, np.diff(np.r_[starts, len(groups)]))


def over_limit(votes: Votes, categories: Ints, voters: Column, seconds: Ints | None,
               rules: FraudRules) -> Ints:
    """``votes`` with each (row, candidate) once; ``categories[c]``: the category of the
    candidate at position ``c``; ``seconds`` None when the times are unknown (then the file
    is one day, in file order)."""
    limit = rules.voter_limit or 0
    most = int(np.bincount(votes.rows).max(initial=1))  # votes in one row, at most
    # past the limit takes more than (limit + 1) / most rows of one voter
    voters_rows, voter_codes = _groups(voters, -(-(limit + 1) // most) - 1)
    code_of = np.full(len(voters), -1, np.int64)
    code_of[voters_rows] = voter_codes
    keep = code_of[votes.rows] >= 0
    rows = votes.rows[keep]
    if not rows.size:
        return rows
    category_codes, category_values = pd.factorize(categories)
    category = np.asarray(category_codes, np.int64)[votes.candidates[keep]]
    days: Ints = (seconds[rows] // SECONDS_PER_DAY
                  if seconds is not None and rules.voter_limit_period == "day"
                  else np.zeros(len(rows), np.int64))
    day_codes, day_values = pd.factorize(days)
    keys = ((code_of[rows] * len(day_values) + day_codes) * len(category_values)
            + category)  # (voter, day, category) as one int64
    groups = np.asarray(pd.factorize(keys)[0], np.int64)
    counted = np.bincount(groups)[groups] > limit
    rows, groups = rows[counted], groups[counted]
    order = np.lexsort((rows, seconds[rows] if seconds is not None else rows, groups))
    rows, groups = rows[order], groups[order]
    return np.unique(rows[_rank_in_group(groups) >= limit])


def ip_bursts(ips: Column, seconds: Ints, rules: FraudRules) -> Ints:
    rows, group = _groups(ips, rules.ip_burst_votes)
    if not rows.size:
        return rows
    times = seconds[rows]
    order = np.lexsort((rows, times, group))
    rows, group, times = rows[order], group[order], times[order] - times.min()
    # (IP, second) as one sorted int64; a window starts at the first row of the same IP less
    # than ip_burst_seconds before the row
    key = group * (int(times.max()) + rules.ip_burst_seconds + 1) + times
    start = np.searchsorted(key, key - rules.ip_burst_seconds + 1)
    end = np.arange(len(key))
    burst = end - start + 1 > rules.ip_burst_votes
    covered = (np.bincount(start[burst], minlength=len(key) + 1)
               - np.bincount(end[burst] + 1, minlength=len(key) + 1))
    return np.sort(rows[np.cumsum(covered)[:-1] > 0])


def minute_spikes(votes: Votes, seconds: Ints, rules: FraudRules) -> Ints:
    keys = (seconds // SECONDS_PER_MINUTE * votes.count)[votes.rows] + votes.candidates
    if not keys.size:
        return keys
    low = int(keys.min())
    if int(keys.max()) - low < _BINCOUNT_SPAN:  # weeks of minutes × candidates: count in place
        counts = np.bincount(keys - low)
        spikes: Ints = np.flatnonzero(counts > rules.spike_votes_per_minute) + low
    else:  # times spread over years: sort
        distinct, counted = np.unique(keys, return_counts=True)
        spikes = distinct[counted > rules.spike_votes_per_minute]
    if not spikes.size:
        return spikes
    return np.unique(votes.rows[np.isin(keys, spikes)])
