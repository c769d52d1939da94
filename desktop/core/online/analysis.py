"""What a file's columns and option texts were taken to mean, for a person to check: the
preview beside the first cells of every column and every distinct option text of the choice
columns with the candidate it matched and how (the window's mapping page shows and edits it).

Made from the same reading of the file as the preview (``Online.analyse``): an export of a
million rows is read once.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from typing import TYPE_CHECKING

import pandas as pd

from desktop.core.online.match import CHOICE, IGNORE, CandidateIndex, split_options

if TYPE_CHECKING:
    from desktop.core.online.read import Grid
    from desktop.core.online.service import OnlinePreview

#: Cells of a column kept as its sample.
SAMPLE_CELLS = 3


@dataclass(frozen=True)
class OptionRow:
    text: str
    column: str
    count: int
    #: "number", "name", "normalised", "aside", "mapping" or "" (unmatched).
    how: str
    candidate_id: int | None


@dataclass(frozen=True)
class MappingAnalysis:
    preview: OnlinePreview
    #: header → its first non-empty cells (at most :data:`SAMPLE_CELLS`).
    samples: dict[str, tuple[str, ...]]
    #: Unmatched options first, then by column and by how often each was chosen.
    options: tuple[OptionRow, ...]


def analyse(preview: OnlinePreview, grid: Grid, index: CandidateIndex) -> MappingAnalysis:
    """The samples and the option texts of ``grid``, read under ``preview``'s mapping."""
    samples = {h: tuple(c for c in column[:SAMPLE_CELLS] if c.strip())
               for h, column in zip(grid.headers, grid.sample(SAMPLE_CELLS), strict=True)}
    options: list[OptionRow] = []
    given = preview.mapping.options
    for header, column in zip(grid.headers, grid.columns, strict=True):
        kind, _, target = (preview.mapping.meaning(header) or IGNORE).partition(":")
        if kind != CHOICE:
            continue
        category_id = index.category_id(target) if target else None
        counted: Counter[str] = Counter()
        for cell, n in pd.Series(column).value_counts(sort=False).items():
            for text in split_options(str(cell), preview.mapping.separator):
                counted[text] += int(n)
        for text, n in counted.items():
            if text in given:
                match, how = index.resolve_ref(given[text]), "mapping"
            else:
                match = index.match(text, category_id)
                how = match.how
            found = match.one
            options.append(OptionRow(text, header, n, how if found else "",
                                     found.id if found else None))
    options.sort(key=lambda o: (o.candidate_id is not None, o.column, -o.count))
    return MappingAnalysis(preview, samples, tuple(options))
