"""Reading an online export as columns, fast enough for a million vote rows.

The decoding, the refusal of binary, empty and unknown files and the header search are those of
:mod:`desktop.core.tabular` (the same encodings as the candidate import). What differs is
the result: instead of one dict per row, :class:`Grid` holds one numpy array of cell texts per
column, so the vote counting runs over whole columns (numpy, pandas) rather than cell by cell.
A CSV body is tokenized by pandas' C parser (``pandas.read_csv``) from the file, in the
encoding the detection decided; the header rows are read with the ``csv`` module, which gives
each record's own width. A UTF-8 file is decoded in Python only as far as
:data:`HEAD_BYTES` (:func:`tabular.utf8_head`): pandas decodes the rest strictly, and where it
meets bytes that are not UTF-8 the whole file goes through :func:`tabular.decode`'s detection
after all, so the encoding chosen is the one the candidate import chooses; the file is
hashed as it is read in pieces (:func:`tabular.scan_text`). Cells of a CSV are kept as written
(not stripped): the counting strips each *distinct* text once.
"""

from __future__ import annotations

import contextlib
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

from ballotformat.messages import error
from desktop.core import tabular
from desktop.core.online.match import SAMPLE_ROWS, alias_meaning
from desktop.core.tabular import TableError, normalise_header

#: A column of cell texts (Python ``str`` objects, "" when blank).
Column = npt.NDArray[np.object_]
#: How much of a UTF-8 text file Python decodes (the header search, the delimiter); pandas
#: decodes the rest (decoding a 94 MB file in Python too took 0.15-0.2 CPU seconds).
HEAD_BYTES = 1 << 20
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
    known = {normalise_header(h) for h in known_headers}
    if encoding is None and path.suffix.lower() in tabular.TEXT_SUFFIXES:
        # UTF-8 (the usual case) is decided on the head; pandas decodes the rest strictly
        # and refuses bytes that are not UTF-8: then the whole file is decoded to find the
        # encoding it is in, as the candidate import does
        scanned = tabular.scan_text(path, HEAD_BYTES)
        decoded = tabular.utf8_head(scanned, path.name)
        if decoded is not None:
            with contextlib.suppress(UnicodeDecodeError):
                read = _text(path, decoded, known, complete=len(scanned.head) == scanned.size)
                if read is not None:
                    return _grid(path, scanned.sha256, decoded.encoding, None, decoded, *read)
    data = tabular.read_bytes(path)
    with ThreadPoolExecutor(1) as pool:  # hashing lets go of the GIL: it runs beside the rest
        hashed = pool.submit(lambda: hashlib.sha256(data).hexdigest())
        grid = _read(path, data, known, encoding)
    return replace(grid, sha256=hashed.result())


def _read(path: Path, data: bytes, known: set[str], chosen_encoding: str | None) -> Grid:
    if path.suffix.lower() in tabular.WORKBOOK_SUFFIXES:
        sheets = tabular.workbook_sheets(data, path)
        if not sheets:
            raise TableError(error("file_empty", file=path.name))
        scored = [(_header(rows, known), index) for index, (_, rows, _) in enumerate(sheets)]
        (header_index, _), chosen = max(scored, key=lambda item: (item[0][1], -item[1]))
        sheet, records, skipped = sheets[chosen]
        return _grid(path, "", None, sheet, None, records[:header_index + 1], header_index,
                     _frame(records[header_index + 1:]), skipped)
    decoded = tabular.decode(data, path.name, chosen_encoding)
    read = _text(path, decoded, known, complete=True)
    assert read is not None  # a complete text always has its head
    return _grid(path, "", decoded.encoding, None, decoded, *read)


def _grid(path: Path, sha256: str, encoding: str | None, sheet: str | None,
          decoded: tabular.Decoded | None, head: list[list[str]], header_index: int,
          body: list[Column], skipped: int) -> Grid:
    name = path.name
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
    return Grid(path, sha256, encoding, sheet, header_index + 1 + skipped, headers,
                tuple(columns), filled, alternatives, sample)


def _text(path: Path, decoded: tabular.Decoded, known: set[str], complete: bool = False,
          ) -> tuple[list[list[str]], int, list[Column], int] | None:
    """The header records, the header's index among them, the body's columns and how many
    lines a ``sep=`` line skipped; None when ``decoded`` (not ``complete``: the file's head)
    ends before the header search's records."""
    name, text = path.name, decoded.text
    skipped = 0
    line_end = text.find("\n") % (len(text) + 1)  # the first line's end (-1: none)
    forced = re.fullmatch(r"sep=(.)", text[:line_end].strip())
    if forced:
        text, skipped = text[line_end + 1:], 1
    delimiter = forced.group(1) if forced else _delimiter(text, known)
    try:
        head = _head(text, delimiter, complete)
        if head is None:
            return None
        header_index = _header(head, known)[0]
        head = head[:header_index + 1]
        body = [column[len(head):] for column in _read_csv(
            path, decoded.encoding, delimiter, skipped, max([1, *map(len, head)]))]
    except (csv.Error, pd.errors.ParserError) as exc:
        raise TableError(error("file_binary", file=name)) from exc
    except OSError as exc:  # gone or locked since it was hashed
        raise TableError(error("file_unreadable", file=name,
                               reason=exc.strerror or exc)) from None
    return head, header_index, body, skipped


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


def _head(text: str, delimiter: str, complete: bool = True) -> list[list[str]] | None:
    """The first ``tabular.HEADER_SEARCH_ROWS`` records, read from a prefix of ``text`` long
    enough that the record after them starts in it; None when that record does not start in
    a ``text`` that is not ``complete`` (the head of a file)."""
    size = 1 << 16
    while True:
        reader = csv.reader(io.StringIO(text[:size], newline=""), delimiter=delimiter)
        records = list(islice(reader, tabular.HEADER_SEARCH_ROWS + 1))
        if len(records) > tabular.HEADER_SEARCH_ROWS:
            return records[:tabular.HEADER_SEARCH_ROWS]
        if size >= len(text):
            return records if complete else None
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
