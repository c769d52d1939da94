"""Counting per-vote rows and flagging suspicious ones, over whole columns.

A *vote* is one candidate chosen in one row. Every row is kept; the fraud checks only *flag*
rows, and each import stores two totals per candidate: as exported, and without the flagged
rows (all votes of a flagged row are left out). The organiser chooses which to use.

The checks (thresholds per source, :class:`FraudRules`):

* ``over_limit``: a voter's votes in one category beyond ``voter_limit`` per calendar day of
  the vote time (``period="day"``) or over the whole file (``"total"``); the rows that go past
  the limit, in time order, are flagged.
* ``ip_burst``: more than ``ip_burst_votes`` rows from one IP within ``ip_burst_seconds``; every
  row of such a window is flagged.
* ``minute_spike``: more than ``spike_votes_per_minute`` votes for one candidate within one
  clock minute; those rows are flagged.

Speed: distinct cell texts are resolved once (a cache), counting runs in C (``Counter``,
``map``, ``compress`` over column tuples; numpy for the per-minute counts), and Python loops
only visit distinct values or the rows of a suspicious group.
"""

from __future__ import annotations

import calendar
import re
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from itertools import compress, repeat
from operator import add, floordiv, itemgetter

import numpy as np

#: Defaults of a new source's thresholds.
DEFAULT_IP_BURST_VOTES = 20
DEFAULT_IP_BURST_SECONDS = 60
DEFAULT_SPIKE_VOTES_PER_MINUTE = 60
SECONDS_PER_MINUTE = 60
SECONDS_PER_DAY = 86_400
PERIODS = ("day", "total")
_TIME = re.compile(r"(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?(?:[ T]+(\d{1,2})[:时](\d{1,2})"
                   r"(?:[:分](\d{1,2})(?:\.\d+)?秒?)?)?\s*(?:Z|[+-]\d\d:?\d\d)?")


@dataclass(frozen=True)
class FraudRules:
    voter_limit: int | None = None
    voter_limit_period: str = "day"
    ip_burst_votes: int = DEFAULT_IP_BURST_VOTES
    ip_burst_seconds: int = DEFAULT_IP_BURST_SECONDS
    spike_votes_per_minute: int = DEFAULT_SPIKE_VOTES_PER_MINUTE


@dataclass(frozen=True)
class VoteColumn:
    index: int
    #: Cell text → the candidate ids it chooses; raises KeyError for a text not resolved.
    resolve: dict[str, tuple[int, ...]]


@dataclass(frozen=True)
class Counted:
    totals: dict[int, int]
    unflagged: dict[int, int]
    #: Row index → reasons, for the flagged rows.
    flags: dict[int, tuple[str, ...]]
    #: Rows with a vote and a time that cannot be read (index → text).
    bad_times: dict[int, str]
    #: Row index → the candidate ids it votes for (for the flagged rows).
    row_candidates: dict[int, tuple[int, ...]]


def parse_time(text: str) -> int | None:
    """'2026-05-01 08:03:04', '2026/5/1 8:03', '2026年5月1日 8:03:04' → seconds since 1970 (wall
    clock as written, no time zone); None when it is not a date and time."""
    match = _TIME.fullmatch(text.strip())
    if match is None:
        return None
    y, mo, d, h, mi, s = (int(g) if g else 0 for g in match.groups())
    try:
        return calendar.timegm((y, mo, d, h, mi, s, 0, 0, 0)) if 1 <= mo <= 12 and 1 <= d <= 31 \
            and h < 24 and mi < 60 and s < 61 else None
    except (OverflowError, ValueError):
        return None


def parse_times(times: Sequence[str]) -> list[int | None]:
    """Seconds for each cell. Fast path: the part before the last ':' (date, hour, minute) is
    parsed once per distinct minute, the seconds with ``int``; anything else per distinct
    text."""
    try:
        if set(map(len, times)) == {len("2026-05-01 08:03:04")}:  # fixed width: slice
            heads: Sequence[str] = list(map(itemgetter(slice(0, 16)), times))
            tails: Iterable[str] = map(itemgetter(slice(17, 19)), times)
        else:
            heads, _, tails = zip(*map(str.rpartition, times, repeat(":")), strict=True)
        bases: dict[str, int | None] = {h: parse_time(h + ":00") for h in set(heads)}
        if None in bases.values() or any(":" not in h for h in bases):
            raise ValueError
        seconds = list(map(int, tails))
        if max(seconds, default=0) > 59 or min(seconds, default=0) < 0:
            raise ValueError
        return list(map(add, map(bases.__getitem__, heads), seconds))
    except ValueError:
        cache = {t: parse_time(t) for t in set(times)}
        return list(map(cache.__getitem__, times))


def count_votes(rows: int, columns: Sequence[VoteColumn], cells: Sequence[Sequence[str]],
                category_of: dict[int, int], times: Sequence[str] | None,
                voters: Sequence[str] | None, ips: Sequence[str] | None,
                rules: FraudRules) -> Counted:
    """Totals, flags and unreadable times of ``rows`` rows. ``cells[i]`` is the column of
    ``columns[i]``."""
    totals: Counter[int] = Counter()
    picked: list[list[tuple[int, ...]]] = []
    for column, col in zip(columns, cells, strict=True):
        for text, n in Counter(col).items():
            for cid in column.resolve[text]:
                totals[cid] += n
        picked.append(list(map(column.resolve.__getitem__, col)))
    flags: defaultdict[int, set[str]] = defaultdict(set)
    bad_times: dict[int, str] = {}
    seconds: list[int] | None = None
    if times is not None:
        parsed = parse_times(times)
        voted = (() if None not in parsed else picked[0] if len(picked) == 1
                 else list(map(any, zip(*picked, strict=True))))
        bad = [i for i in compress(range(rows), voted) if parsed[i] is None]
        bad_times = {i: times[i] for i in bad}
        if not bad_times:
            seconds = [0 if s is None else s for s in parsed]

    def ids_of(i: int) -> tuple[int, ...]:
        return tuple(dict.fromkeys(c for p in picked for c in p[i]))

    if voters is not None and rules.voter_limit is not None:
        _over_limit(rows, picked, category_of, voters, seconds, rules, flags, ids_of)
    if seconds is not None and ips is not None:
        _ip_bursts(ips, seconds, rules, flags)
    if seconds is not None:
        _minute_spikes(rows, picked, seconds, rules, flags)
    unflagged = Counter(totals)
    row_candidates = {i: ids_of(i) for i in flags}
    for ids in row_candidates.values():
        unflagged.subtract(ids)
    return Counted(dict(totals), dict(unflagged),
                   {i: tuple(sorted(r)) for i, r in sorted(flags.items())}, bad_times,
                   row_candidates)


def _over_limit(rows: int, picked: list[list[tuple[int, ...]]], category_of: dict[int, int],
                voters: Sequence[str], seconds: list[int] | None, rules: FraudRules,
                flags: defaultdict[int, set[str]],
                ids_of: Callable[[int], tuple[int, ...]]) -> None:
    limit = rules.voter_limit or 0
    days: Sequence[int] = (list(map(floordiv, seconds, repeat(SECONDS_PER_DAY)))
                           if seconds is not None and rules.voter_limit_period == "day"
                           else [0] * rows)
    keys = list(zip(voters, days, strict=True))
    counts: Counter[tuple[tuple[str, int], int]] = Counter()
    for col in picked:
        distinct = set(col)
        if all(len(ids) <= 1 for ids in distinct):  # one candidate per cell: count in C
            single: dict[tuple[int, ...], int] = {
                ids: category_of[ids[0]] if ids else 0 for ids in distinct}
            categories = list(map(single.__getitem__, col))
            counts.update(compress(zip(keys, categories, strict=True), categories))
            continue
        for (key, ids), n in Counter(zip(keys, col, strict=True)).items():
            for cid in ids:
                counts[key, category_of[cid]] += n
    over = {key for (key, _), n in counts.items() if n > limit and key[0].strip()}
    if not over:
        return
    groups: defaultdict[tuple[str, int], list[int]] = defaultdict(list)
    for i in compress(range(rows), map(over.__contains__, keys)):
        groups[keys[i]].append(i)
    for members in groups.values():
        members.sort(key=(lambda i: (seconds[i], i)) if seconds is not None else None)
        used: Counter[int] = Counter()
        for i in members:
            for cid in ids_of(i):
                used[category_of[cid]] += 1
                if used[category_of[cid]] > limit:
                    flags[i].add("over_limit")


def _ip_bursts(ips: Sequence[str], seconds: list[int], rules: FraudRules,
               flags: defaultdict[int, set[str]]) -> None:
    heavy = {ip for ip, n in Counter(ips).items() if n > rules.ip_burst_votes and ip.strip()}
    if not heavy:
        return
    groups: defaultdict[str, list[int]] = defaultdict(list)
    for i in compress(range(len(ips)), map(heavy.__contains__, ips)):
        groups[ips[i]].append(i)
    for members in groups.values():
        members.sort(key=lambda i: (seconds[i], i))
        start = 0
        for end, i in enumerate(members):
            while seconds[i] - seconds[members[start]] >= rules.ip_burst_seconds:
                start += 1
            if end - start + 1 > rules.ip_burst_votes:
                for j in members[start:end + 1]:
                    flags[j].add("ip_burst")


def _minute_spikes(rows: int, picked: list[list[tuple[int, ...]]], seconds: list[int],
                   rules: FraudRules, flags: defaultdict[int, set[str]]) -> None:
    limit = rules.spike_votes_per_minute
    minutes = np.fromiter(seconds, dtype=np.int64, count=rows) // SECONDS_PER_MINUTE
    if np.unique(minutes, return_counts=True)[1].max(initial=0) <= limit:
        return  # no minute has enough rows for any candidate to pass the limit
    per_minute: Counter[tuple[int, int]] = Counter()
    seen: set[int] = set()
    for col in picked:
        # each distinct cell gets a small code; a (minute, cell) pair is one int64
        cells = list(dict.fromkeys(col))
        code = {ids: n for n, ids in enumerate(cells)}
        codes = np.fromiter(map(code.__getitem__, col), dtype=np.int64, count=rows)
        keys, counts = np.unique(minutes * len(cells) + codes, return_counts=True)
        in_column = {cid for ids in cells for cid in ids}
        # with one candidate per cell and no candidate in two columns, a pair's count is the
        # candidate's count in that minute: only pairs over the limit matter
        exact = all(len(ids) <= 1 for ids in cells) and not in_column & seen
        seen |= in_column
        if exact:
            keys, counts = keys[counts > limit], counts[counts > limit]
        for key, n in zip(keys.tolist(), counts.tolist(), strict=True):
            minute, index = divmod(key, len(cells))
            for cid in cells[index]:
                per_minute[minute, cid] += n
    spikes = {key for key, n in per_minute.items() if n > limit}
    if not spikes:
        return
    spike_minutes = {minute for minute, _ in spikes}
    minute_list = minutes.tolist()
    for i in compress(range(rows), map(spike_minutes.__contains__, minute_list)):
        if any((minute_list[i], cid) in spikes for col in picked for cid in col[i]):
            flags[i].add("minute_spike")
