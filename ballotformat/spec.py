"""What a ballot shows: a plain, database-free description the layout engine turns into pages."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum


class Paper(StrEnum):
    """Paper sizes ballots are printed on (portrait)."""

    A4 = "A4"
    A3 = "A3"
    LETTER = "Letter"


#: Portrait width and height of each paper size, in millimetres.
PAPER_SIZES_MM: dict[Paper, tuple[float, float]] = {
    Paper.A4: (210.0, 297.0),
    Paper.A3: (297.0, 420.0),
    Paper.LETTER: (215.9, 279.4),
}

LANGUAGES = ("zh_CN", "en")


@dataclass(frozen=True)
class CandidateSpec:
    #: The number as printed (``format_number``: at least two digits, e.g. ``"07"``).
    number: str
    name: str
    unit: str
    #: A JPEG (the registry's normalised photo), shown when the ballot shows photos.
    photo_jpeg: bytes | None = field(default=None, repr=False)


@dataclass(frozen=True)
class CategorySpec:
    name: str
    #: At most this many marks count; more voids this category on that ballot.
    max_marks: int
    #: Shortlisted candidates; printed in number order whatever order they come in.
    candidates: tuple[CandidateSpec, ...]


@dataclass(frozen=True)
class BallotSpec:
    campaign_id: int
    title: str
    box_name: str
    categories: tuple[CategorySpec, ...]
    language: str = "zh_CN"
    paper: Paper = Paper.A4
    show_photos: bool = False
    #: The campaign round the ballot is printed for (1, 2…): in the layout, so a reader
    #: knows a round-1 ballot from a round-2 one; the first round's header does not say it.
    round: int = 1
    #: What kind of ballot the header says beside the box ("代表投票" for the delegates'
    #: paper channel); empty for the public's ballot, whose header is as it always was.
    ballot_kind: str = ""

    def __post_init__(self) -> None:
        if self.round < 1:
            raise ValueError(f"round must be at least 1, not {self.round}")
        if self.language not in LANGUAGES:
            raise ValueError(f"language must be one of {LANGUAGES}, not {self.language!r}")
        if not self.categories:
            raise ValueError("a ballot needs at least one category")
        names = [c.name for c in self.categories]
        if len(set(names)) != len(names):
            raise ValueError("category names must be unique on a ballot")
        for category in self.categories:
            if not category.candidates:
                raise ValueError(f"category {category.name!r} has no candidates")
            if category.max_marks < 1:
                raise ValueError(f"category {category.name!r}: max_marks must be at least 1")
            numbers = [c.number for c in category.candidates]
            if len(set(numbers)) != len(numbers):
                raise ValueError(f"category {category.name!r} has a number twice")


def number_order(candidate: CandidateSpec) -> tuple[int, str]:
    """Sort key: numerically when the number is digits (``"9"`` before ``"10"``)."""
    text = candidate.number.strip()
    return (int(text), text) if text.isdigit() else (10**9, text)
