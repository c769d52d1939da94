"""Counting per-vote rows and flagging suspicious ones, over whole columns.

A *vote* is one candidate chosen in one row. Every row is kept; the fraud checks
(:mod:`desktop.core.online.fraud`) only *flag* rows, and each import stores two totals per
candidate: as exported, and without the flagged rows (all votes of a flagged row are left out).
The organiser chooses which to use.

Speed: each column is factorized once (``pandas.factorize``), so a cell text is split and
matched once per distinct text; the votes become two integer arrays (row, candidate) and every
count and check runs in numpy/pandas over them. Python loops only visit distinct texts and the
flagged rows.

Each row also gets a fingerprint of what it says (vote time as read, voter, IP, the candidates
it chooses), so that the same votes in another file (a CSV and its .xlsx re-save, an export
and a later cumulative one) are recognised whatever the file's formatting. An import keeps a
consistent sample of them: the fingerprints divisible by a power of two chosen so that about
:data:`ROW_SAMPLE_SIZE` remain; two files' samples share the same rows' fingerprints.
"""

from __future__ import annotations

import calendar
import re
from collections import Counter
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt
import pandas as pd

from desktop.core.online.fraud import (
    DEFAULT_IP_BURST_SECONDS,
    DEFAULT_IP_BURST_VOTES,
    DEFAULT_SPIKE_VOTES_PER_MINUTE,
    PERIODS,
    FraudRules,
    Ints,
    Votes,
    ip_bursts,
    minute_spikes,
    over_limit,
)
from desktop.core.online.read import Column

__all__ = ["DEFAULT_IP_BURST_SECONDS", "DEFAULT_IP_BURST_VOTES",
           "DEFAULT_SPIKE_VOTES_PER_MINUTE", "PERIODS", "Counted", "FraudRules", "VoteColumn",
           "count_votes", "parse_time", "parse_times", "row_sample", "shared_rows"]
_TIME = re.compile(r"(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?(?:[ T]+(\d{1,2})[:时](\d{1,2})"
                   r"(?:[:分](\d{1,2})(?:\.\d+)?秒?)?)?\s*(?:Z|[+-]\d\d:?\d\d)?")
#: Layouts read by ``pandas.to_datetime`` (in C) when a column is written in one of them; every
#: text one of them reads, :func:`parse_time` reads the same (tested). The rest of a column
#: goes through :func:`parse_time`, once per distinct text.
TIME_FORMATS = ("%Y-%m-%d %H:%M:%S", "%Y/%m/%d %H:%M:%S", "%Y-%m-%d %H:%M", "%Y/%m/%d %H:%M",
                "%Y-%m-%dT%H:%M:%S", "%Y年%m月%d日 %H:%M:%S", "%Y年%m月%d日 %H:%M")
#: About how many row fingerprints an import keeps (see the docstring).
ROW_SAMPLE_SIZE = 1024
_MIX = np.uint64(0x9E3779B97F4A7C15)  # odd: multiplying by it mixes the parts of a row
#: Low bits of a fingerprint that decide whether it is kept (moduli stay below 2**32).
_KEPT_BITS = 32
#: How many cells of a time column choose its layout.
_FORMAT_SAMPLE = 50


@dataclass(frozen=True)
class VoteColumn:
    index: int
    #: Row → code of its cell text (``pandas.factorize``).
    codes: npt.NDArray[np.intp]
    #: Code → the candidate ids that cell text chooses.
    choices: tuple[tuple[int, ...], ...]

    def ids(self, row: int) -> tuple[int, ...]:
        return self.choices[self.codes[row]]


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
    #: The rows' fingerprints kept (sorted) and the power of two that chose them.
    row_sample: tuple[int, ...] = ()
    sample_modulus: int = 1


def _text_hashes(column: Column) -> npt.NDArray[np.uint64]:
    """A hash per cell of its stripped text, computed once per distinct text."""
    codes, uniques = pd.factorize(column)
    stripped = np.asarray([str(text).strip() for text in uniques.tolist()], object)
    hashed: npt.NDArray[np.uint64] = pd.util.hash_array(stripped)[codes]
    return hashed


def row_sample(columns: list[VoteColumn], seconds: Ints | None, voters: Column | None,
               ips: Column | None) -> tuple[tuple[int, ...], int]:
    """The kept fingerprints of the rows that vote, and the modulus that kept them; none for
    a file without a time, voter or IP column (its rows cannot be told apart).

    Which rows are kept depends on the parts cheap to hash for every row (the vote time and
    the candidates chosen); the voter and IP texts are hashed for the kept rows only, into the
    bits above :data:`_KEPT_BITS`, so that a kept fingerprint still shows why it was kept."""
    if seconds is None and voters is None and ips is None:
        return (), 1
    texts = [text for text in (voters, ips) if text is not None]
    parts = []
    if seconds is not None:
        parts.append(pd.util.hash_array(seconds))
    else:  # no time: the texts must choose the rows (slower, and rare)
        parts += [_text_hashes(text) for text in texts]
        texts = []
    voting = np.zeros(len(columns[0].codes) if columns else 0, np.bool_)
    for column in columns:
        chosen = np.asarray([",".join(map(str, sorted(ids))) for ids in column.choices], object)
        parts.append(pd.util.hash_array(chosen)[column.codes])
        voting |= np.asarray([bool(ids) for ids in column.choices], np.bool_)[column.codes]
    base = np.zeros(len(voting), np.uint64)
    for part in parts:
        base = base * _MIX + part  # wraps around: a hash of the ordered parts
    modulus = 1
    while int(voting.sum()) > ROW_SAMPLE_SIZE * modulus:
        modulus *= 2
    rows = np.flatnonzero(voting & (base % np.uint64(modulus) == 0))
    full = base[rows]
    for text in texts:
        full = full * _MIX + _text_hashes(text[rows])
    low = np.uint64((1 << _KEPT_BITS) - 1)
    kept = (base[rows] & low) | (full & ~low)
    return tuple(np.sort(kept).tolist()), modulus


def shared_rows(sample: tuple[int, ...], modulus: int, other: tuple[int, ...],
                other_modulus: int) -> float:
    """The share of the rows of the smaller of two files that the other holds too, from their
    samples (0 when they tell nothing)."""
    common = max(modulus, other_modulus)
    mine = {h for h in sample if h % common == 0}
    theirs = {h for h in other if h % common == 0}
    smaller = min(len(mine), len(theirs))
    return len(mine & theirs) / smaller if smaller else 0.0


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


def parse_times(times: Column) -> tuple[Ints, npt.NDArray[np.bool_]]:
    """Seconds of each cell (0 where unreadable) and which cells were read: in C with the
    column's layout (:data:`TIME_FORMATS`), the other cells by :func:`parse_time`."""
    seconds = np.zeros(len(times), np.int64)
    readable = np.zeros(len(times), np.bool_)
    layout = _layout(times)
    if layout is not None:
        parsed = pd.to_datetime(times, format=layout, errors="coerce")
        readable = ~np.asarray(parsed.isna(), np.bool_)
        seconds[readable] = np.asarray(parsed[readable], "datetime64[s]").astype(np.int64)
    rest = np.flatnonzero(~readable)
    if rest.size:
        cache = {text: parse_time(text) for text in set(times[rest].tolist())}
        found = [cache[text] for text in times[rest].tolist()]
        read = np.fromiter((s is not None for s in found), np.bool_, len(found))
        seconds[rest[read]] = [s for s in found if s is not None]
        readable[rest[read]] = True
    return seconds, readable


def _layout(times: Column) -> str | None:
    """The layout of :data:`TIME_FORMATS` that reads most of the first cells, if any."""
    sample = [text for text in times[:_FORMAT_SAMPLE * 4].tolist() if text][:_FORMAT_SAMPLE]
    read = {layout: int(pd.to_datetime(sample, format=layout, errors="coerce").notna().sum())
            for layout in TIME_FORMATS} if sample else {}
    best = max(read, key=read.__getitem__, default=None)
    return best if best is not None and read[best] else None


def count_votes(columns: list[VoteColumn], category_of: dict[int, int], times: Column | None,
                voters: Column | None, ips: Column | None, rules: FraudRules) -> Counted:
    """Totals, flags and unreadable times of the rows of ``columns``."""
    totals: dict[int, int] = {}
    for column in columns:
        counts = np.bincount(column.codes, minlength=len(column.choices)).tolist()
        for ids, n in zip(column.choices, counts, strict=True):
            for cid in ids:
                totals[cid] = totals.get(cid, 0) + n
    rows = len(columns[0].codes) if columns else 0
    candidates = list(dict.fromkeys(cid for column in columns for ids in column.choices
                                    for cid in ids))
    votes = _votes(columns, candidates, rows)
    bad_times: dict[int, str] = {}
    seconds: Ints | None = None
    if times is not None:
        seconds, readable = parse_times(times)
        voted = np.zeros(rows, np.bool_)
        if not readable.all():
            voted[votes.rows] = True
        bad = np.flatnonzero(voted & ~readable).tolist()
        bad_times = {i: times[i] for i in bad}
        if bad:
            seconds = None
    reasons: dict[str, Ints] = {}
    # the checks count a candidate named in two columns of a row once (one vote)
    shared = sum(len({cid for ids in column.choices for cid in ids})
                 for column in columns) > len(candidates)
    once = votes.unique() if shared else votes
    if voters is not None and rules.voter_limit is not None:
        categories = np.array([category_of[cid] for cid in candidates], np.int64)
        reasons["over_limit"] = over_limit(once, categories, voters, seconds, rules)
    if seconds is not None and ips is not None:
        reasons["ip_burst"] = ip_bursts(ips, seconds, rules)
    if seconds is not None:
        reasons["minute_spike"] = minute_spikes(once, seconds, rules)
    flags: dict[int, list[str]] = {}
    for reason, flagged in sorted(reasons.items()):
        for i in flagged.tolist():
            flags.setdefault(i, []).append(reason)
    row_candidates = {i: tuple(dict.fromkeys(cid for column in columns for cid in column.ids(i)))
                      for i in sorted(flags)}
    left_out = Counter(cid for ids in row_candidates.values() for cid in ids)
    unflagged = {cid: n - left_out[cid] for cid, n in totals.items()}
    sample, modulus = row_sample(columns, seconds, voters, ips)
    return Counted(totals, unflagged, {i: tuple(flags[i]) for i in sorted(flags)}, bad_times,
                   row_candidates, sample, modulus)


def _votes(columns: list[VoteColumn], candidates: list[int], rows: int) -> Votes:
    """Every vote as (row, position of the candidate in ``candidates``): the first choice of
    every cell, then the second choice of the cells with two or more, and so on."""
    position = {cid: n for n, cid in enumerate(candidates)}
    found_rows, found = [np.zeros(0, np.int64)], [np.zeros(0, np.int64)]
    for column in columns:
        most = max(map(len, column.choices), default=0)
        codes, alive = column.codes, np.arange(rows)  # rows with more than ``nth`` choices
        for nth in range(most):
            choice = np.array([position[ids[nth]] if len(ids) > nth else -1
                               for ids in column.choices], np.int64)[codes]
            if (choice < 0).any():
                keep = np.flatnonzero(choice >= 0)
                alive, codes, choice = alive[keep], codes[keep], choice[keep]
            found_rows.append(alive)
            found.append(choice)
    return Votes(np.concatenate(found_rows), np.concatenate(found), len(candidates))
