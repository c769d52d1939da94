"""Matching the texts of an online export to candidates, and the column mapping.

An export names candidates its own way: "07", "张三", "07.张三", "【东湖】便民窗口",
"张 三（东湖街道）".
:class:`CandidateIndex` tries, in order: the number, the exact name, the normalised name
(:func:`normalise_name`), the name with bracketed asides removed; a number prefix ("07.",
"7、", "07号") picks among candidates of the same name. A text that fits several candidates
(the same name or number in two categories) is *ambiguous* and reported, never guessed.

A :class:`Mapping` says what each column means and which candidate an option text is; it is
plain JSON (``{"columns": {header: meaning}, "options": {text: "category/number"},
"separator": "┋"}``; the separator of chosen options is optional) so that
the organiser can write one by hand, the CLI can take it (``--mapping``), the database keeps it
per file shape (:func:`tabular.shape_key`) and the GUI's wizard can edit :func:`suggest_mapping`'s.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from itertools import islice
from pathlib import Path
from typing import Any

from desktop.core.registry import parse_number
from desktop.core.tabular import normalise_header

#: What a column can mean. ``choice`` holds chosen option texts (any category, or the one named
#: after a colon: ``choice:十佳优良服务窗口``); ``option:REF`` holds 1/0 for one candidate.
NUMBER, NAME, CATEGORY, VOTES = "number", "name", "category", "votes"
TIME, VOTER, IP, CHOICE, OPTION, IGNORE = "time", "voter", "ip", "choice", "option", "ignore"
#: Header texts recognised without a mapping (compared after ``tabular.normalise_header``).
ALIASES: dict[str, tuple[str, ...]] = {
    CATEGORY: ("奖项", "类别", "奖项类别", "评选类别", "奖项名称", "分组", "category", "award"),
    NUMBER: ("编号", "候选编号", "选手编号", "序号", "number", "no", "no."),
    NAME: ("名称", "姓名", "姓名/名称", "候选对象", "候选人", "选手", "选手名称", "name"),
    VOTES: ("票数", "得票数", "得票", "投票数", "总票数", "votes", "vote count"),
    TIME: ("投票时间", "时间", "提交时间", "time", "vote time", "timestamp"),
    VOTER: ("用户ID", "用户id", "openid", "投票人", "投票用户", "用户", "voter", "voter id",
            "user id"),
    IP: ("IP", "IP地址", "ip address"),
    CHOICE: ("投票选项", "所投对象", "投票对象", "选项", "选择", "choice", "choices", "option"),
}
#: What separates the chosen options inside one cell.
OPTION_SEPARATORS = "，,、;；|｜\r\n"
_SPLIT = re.compile(f"[{re.escape(OPTION_SEPARATORS)}]")
_BRACKETS = "（）()【】[]「」『』〔〕〈〉《》{}<>"
_BRACKET_TABLE = str.maketrans("", "", _BRACKETS)
_ASIDE = re.compile(r"[(\[【「『〔〈《{<][^)\]】」』〕〉》}>]*[)\]】」』〕〉》}>]")
#: "01." "1、" "07号" "No.3" "第3号" before a name.
_PREFIX = re.compile(r"^(?:no\.?|第)?\s*(\d+)\s*(?:号|\.|、|:|-|\s)\s*(?=\S)", re.IGNORECASE)
#: How many cells of a column :func:`suggest_mapping` looks at.
SAMPLE_ROWS = 200
_FLAG_VALUES = frozenset({"", "0", "1", "0.0", "1.0", "true", "false", "是", "否", "√"})


def split_options(cell: str, separator: str = "") -> tuple[str, ...]:
    """'张三，李四、 王五' → ('张三', '李四', '王五'): the chosen options of one cell, split at
    any of :data:`OPTION_SEPARATORS` and at ``separator`` (a platform's own: wjx joins with
    '┋')."""
    parts = _SPLIT.split(cell.replace(separator, OPTION_SEPARATORS[0]) if separator else cell)
    return tuple(part for part in (p.strip() for p in parts) if part)


def learn_separator(cells: Iterable[str], index: CandidateIndex,
                    category_id: int | None = None) -> str:
    """The character that joins the chosen options in ``cells`` when it is none of
    :data:`OPTION_SEPARATORS` ('' when there is none): of the punctuation and symbols in the
    cells whose options do not all match, the one that makes the most of those cells match
    in full. Cells that match already are left out, so the '.' of '01.张三' never counts."""
    def options_match(cell: str, separator: str) -> bool:
        options = split_options(cell, separator)
        return bool(options) and all(index.match(o, category_id).one is not None
                                     for o in options)

    unmatched = [cell for cell in islice((c for c in cells if c.strip()), SAMPLE_ROWS * 5)
                 if not options_match(cell, "")][:SAMPLE_ROWS]
    marks = sorted({char for cell in unmatched for char in cell
                    if unicodedata.category(char)[0] in "PS"
                    and char not in OPTION_SEPARATORS and char not in _BRACKETS})
    scores = {mark: sum(options_match(cell, mark) for cell in unmatched) for mark in marks}
    best = max(marks, key=lambda mark: scores[mark], default="")
    return best if best and scores[best] else ""


def split_prefix(text: str) -> tuple[int | None, str]:
    """'07.张三' → (7, '张三'); '张三' → (None, '张三')."""
    text = unicodedata.normalize("NFKC", text).strip()
    match = _PREFIX.match(text)
    if match is None:
        return None, text
    return int(match.group(1)), text[match.end():]


def normalise_name(text: str) -> str:
    """NFKC, no white space, no brackets of any kind, no number prefix, case-folded:
    '０７．张 三（东湖）' → '张三东湖'."""
    _, rest = split_prefix(text)
    rest = unicodedata.normalize("NFKC", rest).translate(_BRACKET_TABLE)
    return "".join(rest.split()).casefold()


def without_asides(text: str) -> str:
    """'张三（东湖街道）' → '张三' (normalised)."""
    _, rest = split_prefix(text)
    return normalise_name(_ASIDE.sub("", unicodedata.normalize("NFKC", rest)))


@dataclass(frozen=True)
class CandidateRef:
    id: int
    category_id: int
    category: str
    number: int | None
    name: str

    @property
    def ref(self) -> str:
        """How a mapping names it: 'category/number', or 'category/name' without a number."""
        return f"{self.category}/{self.number if self.number is not None else self.name}"


@dataclass(frozen=True)
class Match:
    candidates: tuple[CandidateRef, ...]
    #: "number", "name", "normalised", "aside" or "" (no match).
    how: str = ""

    @property
    def one(self) -> CandidateRef | None:
        return self.candidates[0] if len(self.candidates) == 1 else None


class CandidateIndex:
    """The campaign's candidates, looked up by number and (normalised) name."""

    def __init__(self, candidates: Iterable[CandidateRef]) -> None:
        self.candidates = tuple(candidates)
        self.categories = {c.category_id: c.category for c in self.candidates}
        self._category_ids = {normalise_name(name): cid for cid, name in self.categories.items()}
        self._by: dict[str, dict[Any, list[CandidateRef]]] = {
            "number": {}, "name": {}, "normalised": {}, "aside": {}}
        for c in self.candidates:
            keys = {"number": c.number, "name": c.name, "normalised": normalise_name(c.name),
                    "aside": without_asides(c.name)}
            for how, key in keys.items():
                if key is not None:
                    self._by[how].setdefault(key, []).append(c)

    def category_id(self, name: str) -> int | None:
        return self._category_ids.get(normalise_name(name))

    def match(self, text: str, category_id: int | None = None) -> Match:
        text = text.strip()
        number = parse_number(text)
        prefix, rest = split_prefix(text)
        attempts: list[tuple[str, Any]] = [("number", number)] if number is not None else []
        attempts += [("name", text), ("name", rest), ("normalised", normalise_name(text)),
                     ("aside", without_asides(text))]
        for how, key in attempts:
            found = [c for c in self._by[how].get(key, ())
                     if category_id is None or c.category_id == category_id]
            if len(found) > 1 and prefix is not None and how != "number":
                found = [c for c in found if c.number == prefix] or found
            if found:
                return Match(tuple(found), how)
        return Match(())

    def resolve_ref(self, ref: str) -> Match:
        """A mapping's target: 'category/number', 'category/name', or a number or name alone."""
        category, _, rest = ref.rpartition("/")
        if category:
            category_id = self.category_id(category)
            if category_id is None:
                return Match(())
            return self.match(rest, category_id)
        return self.match(ref)


@dataclass(frozen=True)
class Mapping:
    """Column header → meaning; option text → candidate reference ('category/number')."""

    columns: dict[str, str] = field(default_factory=dict)
    options: dict[str, str] = field(default_factory=dict)
    #: What joins chosen options besides :data:`OPTION_SEPARATORS` ('' when nothing else).
    separator: str = ""

    def to_json(self) -> dict[str, Any]:
        data: dict[str, Any] = {"columns": dict(self.columns), "options": dict(self.options)}
        return {**data, "separator": self.separator} if self.separator else data

    @classmethod
    def from_json(cls, data: Any) -> Mapping:
        if not isinstance(data, dict):
            raise ValueError("a mapping is a JSON object")
        columns, options = data.get("columns", {}), data.get("options", {})
        if not (isinstance(columns, dict) and isinstance(options, dict)):
            raise ValueError("'columns' and 'options' must be JSON objects")
        separator = data.get("separator", "")
        if not isinstance(separator, str) or len(separator) > 1:
            raise ValueError("'separator' must be one character")
        return cls({str(k): str(v) for k, v in columns.items()},
                   {str(k): str(v) for k, v in options.items()}, separator)

    @classmethod
    def load(cls, path: Path | str) -> Mapping:
        return cls.from_json(json.loads(Path(path).read_text(encoding="utf-8-sig")))

    def meaning(self, header: str) -> str | None:
        """The meaning given for ``header`` (compared normalised)."""
        wanted = normalise_header(header)
        return next((v for k, v in self.columns.items() if normalise_header(k) == wanted), None)

    def merged(self, other: Mapping) -> Mapping:
        """This mapping with ``other``'s entries taking precedence."""
        return Mapping({**self.columns, **other.columns}, {**self.options, **other.options},
                       other.separator or self.separator)


_ALIAS_LOOKUP = {normalise_header(alias): key
                 for key, names in ALIASES.items() for alias in (*names, key)}


def alias_meaning(header: str) -> str | None:
    return _ALIAS_LOOKUP.get(normalise_header(header))


def suggest_mapping(headers: Sequence[str], columns: Sequence[Sequence[str]],
                    index: CandidateIndex) -> Mapping:
    """A first guess for every column: the common headers, a category's name (its choices), a
    candidate's number or name over 1/0 (or other number) cells (one column per option; any
    value but 1/0 is then reported); the rest ``ignore``. ``columns``: the first
    :data:`SAMPLE_ROWS` cells of each column are enough."""
    meanings: dict[str, str] = {}
    for position, header in enumerate(headers):
        if not header.strip():
            continue
        meaning = alias_meaning(header)
        if meaning is None:
            category_id = index.category_id(header)
            cells = columns[position][:SAMPLE_ROWS] if position < len(columns) else ()
            found = index.match(header).one
            if category_id is not None:
                meaning = f"{CHOICE}:{index.categories[category_id]}"
            elif found is not None and all(c.strip().casefold() in _FLAG_VALUES
                                           or parse_number(c) is not None for c in cells):
                meaning = f"{OPTION}:{found.ref}"
            else:
                meaning = IGNORE
        meanings[header] = meaning
    return Mapping(meanings, {})
