"""The registry's rules as pure functions over values.

The services gather the values from the database, the importer from the database plus the
rows of a file; both call these functions, so a rule is written once.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from ballotformat.font_file import missing_glyphs
from ballotformat.messages import Message, error, joined, register, warning
from desktop.core.enums import CandidateKind, Sex
from desktop.core.store import Candidate, Category, Unit

register({
    "field_too_long": (
        "{field}有 {length} 字，超过上限 {limit} 字。",
        "The {field} has {length} characters, over the limit of {limit}.",
    ),
})

#: 推荐表 fields a complete form has, per kind of candidate. Missing ones are shown, not refused.
FORM_FIELDS: dict[CandidateKind, tuple[str, ...]] = {
    CandidateKind.PERSON: ("sex", "birth", "political", "post", "summary"),
    CandidateKind.WINDOW: ("summary",),
    CandidateKind.BRAND: ("summary",),
    CandidateKind.PROJECT: ("summary",),
    CandidateKind.OTHER: ("summary",),
}
#: The widths of the columns a candidate's texts go to. SQLite stores longer text anyway,
#: PostgreSQL refuses it: the rule keeps both backends alike (and the message clear).
def _width(column: Any) -> int:
    width = getattr(column.type, "length", None)
    assert isinstance(width, int), column
    return width


TEXT_LIMITS: dict[str, int] = {
    "name": _width(Candidate.name),
    "category": _width(Category.name),
    "unit": _width(Unit.name),
    "political": _width(Candidate.political),
    "post": _width(Candidate.post),
}
#: Upper bounds that catch typing slips (a winners count of 1000 is a typo, not a campaign).
MAX_WINNERS = 500
MAX_QUOTA = 1000


@dataclass(frozen=True)
class CandidateFields:
    """What a candidate's form says, as the rules see it."""

    name: str
    category: str
    unit: str
    number: int | None = None
    sex: Sex | None = None
    birth: str | None = None
    political: str = ""
    post: str = ""
    awards: str = ""
    summary: str = ""


def normalise_name(name: str) -> str:
    """Collapse the white space people type in names (also full-width spaces)."""
    return " ".join(name.replace("\u3000", " ").split())


def required_fields(fields: CandidateFields) -> list[Message]:
    return [
        error("missing_field", field=key)
        for key in ("name", "category", "unit")
        if not getattr(fields, key).strip()
    ]


def fits(field: str, value: str, column: Any) -> list[Message]:
    """A name typed for ``column`` (campaign, category, unit, box) no longer than it holds."""
    limit = _width(column)
    return ([error("field_too_long", field=field, length=len(value), limit=limit)]
            if len(value) > limit else [])


def text_lengths(fields: CandidateFields) -> list[Message]:
    return [error("field_too_long", field=key, length=length, limit=limit)
            for key, limit in TEXT_LIMITS.items()
            if (length := len(getattr(fields, key).strip())) > limit]


def summary_length(fields: CandidateFields, limit: int) -> list[Message]:
    length = len(fields.summary.strip())
    if length > limit:
        return [error("summary_too_long", name=fields.name, length=length, limit=limit)]
    return []


def printable(text: str) -> list[Message]:
    """Names printed on a ballot must be drawable with the ballot font."""
    missing = missing_glyphs(text)
    if missing:
        chars = joined(f"“{c}”(U+{ord(c):04X})" for c in missing)
        return [error("unprintable_chars", name=text, chars=chars)]
    return []


def number_valid(number: int | None) -> list[Message]:
    if number is not None and number < 1:
        return [error("invalid_number", value=number)]
    return []


def number_unique(category: str, number: int | None, holder: str | None) -> list[Message]:
    """``holder`` is the name of another candidate already holding ``number``, if any."""
    if number is not None and holder is not None:
        return [error("duplicate_number", category=category, number=number, other=holder)]
    return []


def name_unique(category: str, name: str, same_names: int) -> list[Message]:
    if same_names:
        return [warning("duplicate_name", category=category, name=name)]
    return []


def within_quota(unit: str, category: str, count: int, quota: int) -> list[Message]:
    """``count`` is the number of nominations including the one being added."""
    if count > quota:
        return [error("unit_over_quota", unit=unit, category=category, count=count, quota=quota)]
    return []


def count_in_range(field: str, value: int, maximum: int) -> list[Message]:
    if not 1 <= value <= maximum:
        return [error("invalid_count", field=field, value=value, maximum=maximum)]
    return []


def candidate_rules(fields: CandidateFields, summary_limit: int) -> list[Message]:
    """The rules that need nothing but the form itself."""
    messages = required_fields(fields)
    messages += text_lengths(fields)
    messages += number_valid(fields.number)
    messages += summary_length(fields, summary_limit)
    if fields.name.strip():
        messages += printable(fields.name)
    return messages


def missing_form_fields(kind: CandidateKind, values: Mapping[str, object]) -> tuple[str, ...]:
    """The 推荐表 fields still empty, for the "incomplete form" flag."""
    return tuple(key for key in FORM_FIELDS[kind] if not values.get(key))


_BIRTH_PATTERNS = (
    re.compile(r"^(\d{4})\s*[-./年]\s*(\d{1,2})\s*(?:[-./月]\s*(\d{1,2})\s*日?)?\s*月?$"),
    re.compile(r"^(\d{4})(\d{2})(\d{2})?$"),
)


def parse_birth(text: str) -> str | None:
    """'1985.6', '1985年6月', '1985-06-12', '198506' → 'YYYY-MM' or 'YYYY-MM-DD'; None if not."""
    text = text.strip()
    for pattern in _BIRTH_PATTERNS:
        match = pattern.match(text)
        if match:
            year, month, day = match.groups()
            if not (1900 <= int(year) <= 2100 and 1 <= int(month) <= 12):
                return None
            if day is None:
                return f"{year}-{int(month):02d}"
            if not 1 <= int(day) <= 31:
                return None
            return f"{year}-{int(month):02d}-{int(day):02d}"
    return None


_SEX_WORDS = {
    Sex.MALE: {"男", "m", "male", "男性"},
    Sex.FEMALE: {"女", "f", "female", "女性"},
}


def parse_sex(text: str) -> Sex | None:
    word = text.strip().lower()
    for sex, words in _SEX_WORDS.items():
        if word in words:
            return sex
    return None


def unique_names(names: Iterable[str]) -> list[str]:
    """Names in first-seen order without repeats."""
    return list(dict.fromkeys(names))
