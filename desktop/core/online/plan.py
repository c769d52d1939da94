"""From a read file and a mapping to counted votes: both shapes of an online export.

*totals*: one row per candidate (number and/or name, votes, maybe the category).
*votes*: one row per vote or voter (time, voter, IP where present), the choices either as
option texts in a cell (joined by any of ``online_match.OPTION_SEPARATORS``) or as one column
per option holding 1/0. Every problem is a message; the caller writes nothing if one is an
error.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass, field, replace

import numpy as np
import pandas as pd

from ballotformat import messages
from ballotformat.messages import Message, error, info, joined, warning
from desktop.core.online.match import (
    CATEGORY,
    CHOICE,
    IGNORE,
    IP,
    NAME,
    NUMBER,
    OPTION,
    TIME,
    VOTER,
    VOTES,
    CandidateIndex,
    Mapping,
    Match,
    learn_separator,
    normalise_name,
    split_options,
    suggest_mapping,
)
from desktop.core.online.read import Column, Grid
from desktop.core.online.votes import FraudRules, VoteColumn, count_votes
from desktop.core.registry import parse_number

messages.register({
    "online_no_vote_columns": (
        "文件“{file}”中找不到票数列或投票选项列（表头：{headers}）。"
        "请提供列对应关系（--mapping）。",
        "No votes column and no choice column in “{file}” (headers: {headers}). Give a "
        "mapping (--mapping).",
    ),
    "online_no_candidate_column": (
        "有票数列，但找不到编号或名称列。",
        "There is a votes column but no number or name column.",
    ),
    "online_bad_meaning": ("列“{column}”的含义“{meaning}”无法识别。",
                           "Column “{column}”: the meaning “{meaning}” is not recognised."),
    "online_bad_target": ("对应关系中的“{ref}”找不到唯一的候选对象。",
                          "“{ref}” in the mapping does not name exactly one candidate."),
    "online_unknown_candidate": ("找不到候选对象“{text}”。", "No candidate “{text}” was found."),
    "online_ambiguous": (
        "“{text}”可能是多个候选对象（{where}）：请加“奖项”列或在对应关系中指明。",
        "“{text}” could be several candidates ({where}): add a category column or say which "
        "in the mapping.",
    ),
    "online_unknown_category": ("找不到奖项“{text}”。", "No category “{text}” was found."),
    "online_bad_votes": ("票数“{value}”不是非负整数。",
                         "The votes “{value}” are not a whole number of zero or more."),
    "online_duplicate_candidate": (
        "候选对象“{name}”在第 {other_row} 行已出现过。",
        "Candidate “{name}” already appears in row {other_row}.",
    ),
    "online_unknown_option": (
        "选项“{text}”找不到对应的候选对象（共 {count} 处，首次在第 {row} 行）。",
        "The option “{text}” matches no candidate ({count:|time|times}, first in row {row}).",
    ),
    "online_bad_flag": (
        "第 {row} 行“{column}”列的值“{value}”应为 1 或 0。",
        "Row {row}, column “{column}”: “{value}” should be 1 or 0.",
    ),
    "online_bad_time": ("第 {row} 行的投票时间“{value}”无法识别。",
                        "Row {row}: the vote time “{value}” is not recognised."),
    "online_more_bad_times": ("另有 {count} 行的投票时间无法识别。",
                              "{count} more rows have a vote time that is not recognised."),
    "online_no_time": ("没有投票时间列：不检查同一 IP 集中投票和每分钟突增。",
                       "No vote time column: IP bursts and minute spikes are not checked."),
    "online_separator_learned": (
        "“{column}”列中的选项以“{separator}”分隔（从数据中识别）。",
        "The options in column “{column}” are separated by “{separator}” (learned from the "
        "data).",
    ),
    "online_ignored_columns": ("以下列未使用：{columns}。",
                               "These columns are not used: {columns}."),
})
VOTE_SHAPES = ("totals", "votes")
#: How many unreadable vote times are listed one by one.
LISTED_BAD_TIMES = 20
_CHOSEN = frozenset({"1", "1.0", "true", "是", "√", "✓", "y", "yes"})
_NOT_CHOSEN = frozenset({"", "0", "0.0", "false", "否", "n", "no"})


@dataclass(frozen=True)
class FlaggedRow:
    row: int
    reasons: tuple[str, ...]
    time: str
    voter: str
    ip: str
    candidate_ids: tuple[int, ...]


@dataclass
class Parsed:
    shape: str
    mapping: Mapping
    rows: int = 0
    totals: dict[int, int] = field(default_factory=dict)
    unflagged: dict[int, int] = field(default_factory=dict)
    flags: list[FlaggedRow] = field(default_factory=list)
    messages: list[Message] = field(default_factory=list)
    #: Per-vote files: the kept row fingerprints and their modulus (``online_votes``).
    row_sample: tuple[int, ...] = ()
    sample_modulus: int = 1


def parse(grid: Grid, index: CandidateIndex, given: Mapping | None,
          rules: FraudRules) -> Parsed:
    mapping = suggest_mapping(grid.headers, grid.sample(), index).merged(
        given or Mapping())
    meanings = {i: mapping.meaning(h) or IGNORE for i, h in enumerate(grid.headers) if h}
    result = Parsed("totals", mapping)
    for i, meaning in meanings.items():
        kind = meaning.partition(":")[0]
        if kind not in (NUMBER, NAME, CATEGORY, VOTES, TIME, VOTER, IP, CHOICE, OPTION, IGNORE):
            result.messages.append(error("online_bad_meaning", column=grid.headers[i],
                                         meaning=meaning))
    ignored = [grid.headers[i] for i, m in meanings.items() if m == IGNORE]
    if ignored:
        result.messages.append(warning("online_ignored_columns", columns=joined(ignored)))
    first = {m: i for i, m in reversed(meanings.items())}
    if VOTES in first:
        if NUMBER not in first and NAME not in first:
            result.messages.append(error("online_no_candidate_column"))
        else:
            _totals(grid, index, mapping, first, result)
    elif any(m.partition(":")[0] in (CHOICE, OPTION) for m in meanings.values()):
        result.shape = "votes"
        _votes(grid, index, mapping, meanings, first, rules, result)
    else:
        result.messages.append(error("online_no_vote_columns", file=grid.path.name,
                                     headers=joined(h for h in grid.headers if h)))
    return result


def _where(match: Match) -> Message:
    return joined(f"{c.category} {c.number or ''} {c.name}".replace("  ", " ")
                  for c in match.candidates)


def _option(text: str, index: CandidateIndex, mapping: Mapping,
            category_id: int | None) -> Match:
    ref = mapping.options.get(text)
    if ref is None:
        wanted = normalise_name(text)
        ref = next((v for k, v in mapping.options.items() if normalise_name(k) == wanted), None)
    return index.resolve_ref(ref) if ref is not None else index.match(text, category_id)


def _problem(row: int, message: Message) -> Message:
    return Message("row_problem", {"row": row, "text": message}, message.severity)


def _totals(grid: Grid, index: CandidateIndex, mapping: Mapping, first: dict[str, int],
            result: Parsed) -> None:
    cols = {m: grid.columns[c].tolist() for m, c in first.items()
            if m in (NUMBER, NAME, CATEGORY, VOTES)}
    seen: dict[int, int] = {}
    for i in range(grid.row_count):
        cell = {m: col[i].strip() for m, col in cols.items()}
        if not any(cell.values()):
            continue
        row = grid.row_number(i)
        result.rows += 1
        category_id = None
        if cell.get(CATEGORY):
            category_id = index.category_id(cell[CATEGORY])
            if category_id is None:
                result.messages.append(_problem(row, error("online_unknown_category",
                                                           text=cell[CATEGORY])))
                continue
        text = cell.get(NUMBER) or cell.get(NAME, "")
        match = _option(text, index, mapping, category_id)
        if not match.candidates and cell.get(NAME) and text != cell[NAME]:
            text = cell[NAME]
            match = _option(text, index, mapping, category_id)
        votes = parse_number(unicodedata.normalize("NFKC", cell.get(VOTES, "")).replace(",", ""))
        found = match.one
        if votes is None or votes < 0:
            result.messages.append(_problem(row, error("online_bad_votes",
                                                       value=cell.get(VOTES, ""))))
        if found is None:
            code = "online_ambiguous" if match.candidates else "online_unknown_candidate"
            result.messages.append(_problem(row, error(code, text=text, where=_where(match))))
        elif found.id in seen:
            result.messages.append(_problem(row, error(
                "online_duplicate_candidate", name=found.name, other_row=seen[found.id])))
        elif votes is not None and votes >= 0:
            seen[found.id] = row
            result.totals[found.id] = result.unflagged[found.id] = votes


def _votes(grid: Grid, index: CandidateIndex, mapping: Mapping, meanings: dict[int, str],
           first: dict[str, int], rules: FraudRules, result: Parsed) -> None:
    columns: list[VoteColumn] = []
    for i, meaning in meanings.items():
        kind, _, target = meaning.partition(":")
        if kind not in (OPTION, CHOICE):
            continue
        # each distinct text once, in order of first appearance
        codes, distinct = pd.factorize(grid.columns[i])
        texts: list[str] = distinct.tolist()
        choices: list[tuple[int, ...]] = []

        def row_of(code: int, codes: Column = codes) -> int:
            return grid.row_number(int(np.argmax(codes == code)))  # its first row

        if kind == OPTION:
            found = index.resolve_ref(target).one
            if found is None:
                result.messages.append(error("online_bad_target", ref=target))
                continue
            for code, text in enumerate(texts):
                value = text.strip().casefold()
                choices.append((found.id,) if value in _CHOSEN else ())
                if value not in _CHOSEN | _NOT_CHOSEN:
                    result.messages.append(error("online_bad_flag", value=text.strip(),
                                                 row=row_of(code), column=grid.headers[i]))
        else:
            category_id = index.category_id(target) if target else None
            if target and category_id is None:
                result.messages.append(error("online_unknown_category", text=target))
                continue
            if not mapping.separator:
                learned = learn_separator(texts, index, category_id)
                if learned:
                    mapping = result.mapping = replace(mapping, separator=learned)
                    result.messages.append(info("online_separator_learned", separator=learned,
                                                column=grid.headers[i]))
            problems: dict[str, tuple[Match, int]] = {}
            for code, text in enumerate(texts):
                ids = []
                for option in split_options(text, mapping.separator):
                    match = _option(option, index, mapping, category_id)
                    if match.one is None:
                        problems.setdefault(option, (match, code))
                    else:
                        ids.append(match.one.id)
                choices.append(tuple(dict.fromkeys(ids)))
            cells = np.bincount(codes, minlength=len(texts)).tolist() if problems else []
            for option, (match, code) in sorted(problems.items()):
                if match.candidates:
                    result.messages.append(_problem(row_of(code), error(
                        "online_ambiguous", text=option, where=_where(match))))
                else:
                    count = sum(n for text, n in zip(texts, cells, strict=True) if option in text)
                    result.messages.append(error("online_unknown_option", text=option,
                                                 row=row_of(code), count=count))
        columns.append(VoteColumn(i, np.asarray(codes, np.int64), tuple(choices)))
    result.rows = grid.filled_rows
    if columns and not any(m.severity == "error" for m in result.messages):
        _count(grid, columns, index, first, rules, result)


def _count(grid: Grid, columns: list[VoteColumn], index: CandidateIndex, first: dict[str, int],
           rules: FraudRules, result: Parsed) -> None:
    times = grid.columns[first[TIME]] if TIME in first else None
    voters = grid.columns[first[VOTER]] if VOTER in first else None
    ips = grid.columns[first[IP]] if IP in first else None
    if times is None:
        result.messages.append(warning("online_no_time"))
    category_of = {c.id: c.category_id for c in index.candidates}
    counted = count_votes(columns, category_of, times, voters, ips, rules)
    for n, (i, text) in enumerate(sorted(counted.bad_times.items())):
        if n == LISTED_BAD_TIMES:
            result.messages.append(error("online_more_bad_times",
                                         count=len(counted.bad_times) - n))
            break
        result.messages.append(error("online_bad_time", row=grid.row_number(i), value=text))
    result.totals, result.unflagged = counted.totals, counted.unflagged
    result.row_sample, result.sample_modulus = counted.row_sample, counted.sample_modulus

    def cell(column: Column | None, row: int) -> str:
        return "" if column is None else str(column[row]).strip()

    result.flags = [FlaggedRow(grid.row_number(i), reasons, cell(times, i), cell(voters, i),
                               cell(ips, i), counted.row_candidates[i])
                    for i, reasons in counted.flags.items()]
