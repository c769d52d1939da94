"""Reading an online export as columns, fast enough for a million vote rows.

The decoding, the refusal of binary, empty and unknown files and the header search are those of
:mod:`desktop.core.tabular` (the same encodings as the candidate import). What differs is the
result: instead of one dict per row, :class:`Grid` holds one numpy array of cell texts per
column, so the vote counting runs over whole columns (numpy, pandas) rather than cell by cell.
A CSV body is tokenized by pandas' C parser (``pandas.read_csv``) from the bytes, in the
encoding the detection decided; the header rows are read with the ``csv`` module, which gives
each record's own width. Cells of a CSV are kept as written (not stripped): the counting
strips each *distinct* text once.
"""

from __future__ import annotations

import csv
import hashlib
import io
import re
import warnings
from collections.abc import Iterable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, replace
from itertools import islice
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt
import pandas as pd

from desktop.core import tabular
from desktop.core.messages import error
from desktop.core.online_match import SAMPLE_ROWS, alias_meaning
from desktop.core.tabular import TableError, normalise_header

#: A column of cell texts (Python ``str`` objects, "" when blank).
Column = npt.NDArray[np.object_]
_FIELDS_SEEN = re.compile(r"Expected \d+ fields in line \d+, saw (\d+)")


@dataclass(frozen=True)
class Grid:
    path: Path
    sha256: str
    encoding: str | None
    sheet: str | None
    #: 1-based row number of the header; data row i (0-based) is row ``header_row + 1 + i``.
    header_row: int
    headers: tuple[str, ...]
    #: One array of cell texts per header column, all of the same length.
    columns: tuple[Column, ...]
    #: Data rows with at least one cell that is not empty.
    filled_rows: int
    #: Other encodings that decode a text file, with a sample of what each reads, and a
    #: sample of the chosen reading (``tabular.Table``'s).
    alternatives: tuple[tuple[str, str], ...] = ()
    encoding_sample: str = ""

    @property
    def row_count(self) -> int:
        return len(self.columns[0]) if self.columns else 0

    def row_number(self, index: int) -> int:
        return self.header_row + 1 + index

    def sample(self, rows: int = SAMPLE_ROWS) -> tuple[list[str], ...]:
        """The first ``rows`` cells of every column (what ``suggest_mapping`` looks at)."""
        return tuple(column[:rows].tolist() for column in self.columns)


def read_grid(path: Path | str, known_headers: Iterable[str] = (),
              encoding: str | None = None) -> Grid:
    """Read ``path``: the header is the row among the first ``tabular.HEADER_SEARCH_ROWS`` that
    names the most known columns (common aliases and ``known_headers``), else the first row
    that is not blank. ``encoding`` overrides the one detected for a text file. Raises
    ``TableError`` for a file that is not a readable table."""
    path = Path(path)
    data = tabular.read_bytes(path)
    known = {normalise_header(h) for h in known_headers}
    with ThreadPoolExecutor(1) as pool:  # hashing lets go of the GIL: it runs beside the rest
        hashed = pool.submit(lambda: hashlib.sha256(data).hexdigest())
        grid = _read(path, data, known, encoding)
    return replace(grid, sha256=hashed.result())


def _read(path: Path, data: bytes, known: set[str], chosen_encoding: str | None) -> Grid:
    name, suffix = path.name, path.suffix.lower()
    decoded: tabular.Decoded | None = None
    if suffix in tabular.WORKBOOK_SUFFIXES:
        sheets = tabular.workbook_sheets(data, path)
        if not sheets:
            raise TableError(error("file_empty", file=name))
        scored = [(_header(rows, known), index) for index, (_, rows, _) in enumerate(sheets)]
        (header_index, _), chosen = max(scored, key=lambda item: (item[0][1], -item[1]))
        sheet, records, skipped = sheets[chosen]
        encoding = None
        head = records[:header_index + 1]
        body = _frame(records[header_index + 1:])
    else:
        decoded = tabular.decode(data, name, chosen_encoding)
        text, encoding = decoded.text, decoded.encoding
        sheet, skipped = None, 0
        line_end = text.find("\n") % (len(text) + 1)  # the first line's end (-1: none)
        forced = re.fullmatch(r"sep=(.)", text[:line_end].strip())
        if forced:
            text, skipped = text[line_end + 1:], 1
        delimiter = forced.group(1) if forced else _delimiter(text, known)
        try:
            head = _head(text, delimiter)
            header_index = _header(head, known)[0]
            head = head[:header_index + 1]
            body = [column[len(head):] for column in _read_csv(
                path, encoding, delimiter, skipped, max([1, *map(len, head)]))]
        except (csv.Error, pd.errors.ParserError) as exc:
            raise TableError(error("file_binary", file=name)) from exc
        except OSError as exc:  # gone or locked since it was hashed
            raise TableError(error("file_unreadable", file=name,
                                   reason=exc.strerror or exc)) from None
    if not _any_text(head) and not _any_text(body):
        raise TableError(error("file_empty", file=name))
    headers = tuple(cell.strip() for cell in head[header_index]) if head else ()
    if not _any_text(body):
        raise TableError(error("no_rows", file=name))
    blank = np.flatnonzero(body[0] == "")
    for column in body[1:]:  # only where the row is blank so far
        blank = blank[column[blank] == ""]
    filled = len(body[0]) - len(blank)
    width, rows = len(headers), len(body[0])
    columns = (*body, *(np.full(rows, "", object) for _ in range(width - len(body))))[:width]
    sample, alternatives = decoded.samples(header_index + 1 + skipped) if decoded else ("", ())
    return Grid(path, "", encoding, sheet, header_index + 1 + skipped, headers,
                tuple(columns), filled, alternatives, sample)


def _read_csv(path: Path, encoding: str, delimiter: str, skip: int, width: int,
              ) -> list[Column]:
    """The records after the first ``skip`` lines, one array per field (``width`` at least, more
    when a longer record says so), blank where a record is shorter. pandas reads the file
    itself: given a path it is a third faster than given the bytes (the SHA-256 of the bytes
    read is checked again at commit)."""
    while True:
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore", pd.errors.ParserWarning)
                frame = pd.read_csv(
                    path, encoding=encoding, sep=delimiter, header=None,
                    names=range(width), index_col=False, skiprows=skip, dtype=object,
                    keep_default_na=False, na_filter=False, skip_blank_lines=False,
                    engine="c")
        except pd.errors.ParserError as exc:
            seen = _FIELDS_SEEN.search(str(exc))
            if seen is None or int(seen.group(1)) <= width:
                raise
            width = int(seen.group(1))
            continue
        return [frame[c].to_numpy(object) for c in frame.columns]


def _head(text: str, delimiter: str) -> list[list[str]]:
    """The first ``tabular.HEADER_SEARCH_ROWS`` records, read from a prefix of ``text`` long
    enough that the record after them starts in it."""
    size = 1 << 16
    while True:
        reader = csv.reader(io.StringIO(text[:size], newline=""), delimiter=delimiter)
        records = list(islice(reader, tabular.HEADER_SEARCH_ROWS + 1))
        if size >= len(text) or len(records) > tabular.HEADER_SEARCH_ROWS:
            return records[:tabular.HEADER_SEARCH_ROWS]
        size *= 4


def _frame(records: Sequence[Sequence[Any]]) -> list[Column]:
    """Spreadsheet rows as one array per field, blank where a row is shorter."""
    width = max(map(len, records), default=1)
    columns = [np.full(len(records), "", object) for _ in range(width)]
    for row, record in enumerate(records):
        for field, cell in enumerate(record):
            columns[field][row] = cell
    return columns


def _any_text(cells: Iterable[Iterable[Any]]) -> bool:
    """Whether some cell holds more than white space (stops at the first)."""
    return any(cell.strip() for column in cells for cell in column)


def _header(records: Sequence[Sequence[str]], known: set[str]) -> tuple[int, int]:
    """Index of the header row and how many of its cells are known."""
    best = (-1, 0)
    for index, row in enumerate(records[:tabular.HEADER_SEARCH_ROWS]):
        score = sum(1 for cell in row
                    if alias_meaning(cell) is not None or normalise_header(cell) in known)
        if score > best[1]:
            best = (index, score)
    if best[0] < 0:
        first = next((i for i, row in enumerate(records[:tabular.HEADER_SEARCH_ROWS])
                      if any(cell.strip() for cell in row)), 0)
        best = (first, 0)
    return best


def _delimiter(text: str, known: set[str]) -> str:
    def score(delimiter: str) -> tuple[int, int]:
        sample = list(islice(csv.reader(io.StringIO(text[:65536], newline=""),
                                        delimiter=delimiter), tabular.HEADER_SEARCH_ROWS))
        return _header(sample, known)[1], max((len(row) for row in sample), default=0)

    try:
        return max(tabular.DELIMITERS, key=score)
    except csv.Error:
        return ","
