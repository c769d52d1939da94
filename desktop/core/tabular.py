"""Reading a table from an .xlsx or .csv file that people filled in by hand.

Generic on purpose: the candidate import and (later) the import of online-vote exports both
give a path and a table of header aliases, and get back text cells keyed by column, the
columns that were not recognised and how the file was decoded. Every problem with the file as
a whole raises :class:`TableError` carrying one message; nothing here knows about candidates.

What is accepted:

* ``.xlsx``/``.xlsm`` (openpyxl, read-only, cached values of formulas). The sheet whose header
  recognises the most columns is read; the others are named in ``other_sheets``.
* ``.csv``/``.tsv``/``.txt`` in UTF-8 (with or without BOM), GBK/GB18030, or UTF-16 with a BOM
  (Excel's "Unicode text"); the delimiter is whichever of ``,`` ``;`` tab recognises the most
  headers (Excel's ``sep=;`` first line is honoured).
* The header row is searched in the first :data:`HEADER_SEARCH_ROWS` rows, since forms often
  have a title row above it. Headers are compared after :func:`normalise_header`.
"""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import io
import re
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from itertools import islice
from pathlib import Path
from typing import Any

from desktop.core.messages import (
    JoinedList,
    Message,
    RuleError,
    error,
    field_label,
    register,
)

register({
    "file_xlsx_is_text": (
        "文件“{file}”的扩展名是 .xlsx，内容却是文本（如 CSV）：请把扩展名改为 .csv 后再导入。",
        "“{file}” is named .xlsx but holds text (a CSV, perhaps): rename it to .csv and "
        "import it again.",
    ),
})

XLSX_SUFFIXES = frozenset({".xlsx", ".xlsm"})
TEXT_SUFFIXES = frozenset({".csv", ".tsv", ".txt"})
#: How many rows from the top may hold titles and notes before the header row.
HEADER_SEARCH_ROWS = 10
DELIMITERS = (",", ";", "\t")
#: Signatures of files that are surely not text (zip = .xlsx/.docx, OLE = .xls/.doc, PDF,
#: PNG, JPEG, GIF, 7z, RAR).
_ZIP_MAGIC = b"PK\x03\x04"  # .xlsx files are zip archives
_BINARY_MAGIC = (_ZIP_MAGIC, b"\xd0\xcf\x11\xe0", b"%PDF", b"\x89PNG", b"\xff\xd8\xff",
                 b"GIF8", b"7z\xbc\xaf", b"Rar!")
_CONTROL = frozenset(range(32)) - {9, 10, 12, 13, 26}
# Marks of a required or optional column people put after (or before) a header.
_HEADER_MARKS = re.compile(r"^\*+|(\*+|\((必填|选填|可选|必选|required|optional)\)|:)+$")
_DECIMALS = re.compile(r"0\.(0+)")


class TableError(RuleError):
    """The file cannot be read as a table: one message says why. Nothing was changed."""

    def __init__(self, message: Message) -> None:
        super().__init__([message])
        self.message = message


@dataclass(frozen=True)
class TableRow:
    #: Row number in the file, 1-based, as a spreadsheet program shows it.
    number: int
    #: Text of each recognised column (key of the alias table); "" when the cell is blank.
    cells: Mapping[str, str]


@dataclass(frozen=True)
class Table:
    path: Path
    sha256: str
    #: How the text was decoded ("utf-8", "utf-8-sig", "gbk", "gb18030", "utf-16"); None for
    #: .xlsx.
    encoding: str | None
    delimiter: str | None
    sheet: str | None
    header_row: int
    #: key -> 0-based column index.
    columns: Mapping[str, int]
    #: Header texts not recognised (ignored), in file order.
    unknown_columns: tuple[str, ...]
    #: Other sheets of a workbook that also have a recognisable header (not read).
    other_sheets: tuple[str, ...]
    rows: tuple[TableRow, ...]


def normalise_header(text: str) -> str:
    """'　姓 名（必填）*' → '姓名': NFKC (full-width brackets, letters and spaces), no white
    space, case-folded, without required/optional marks and a trailing colon."""
    text = "".join(unicodedata.normalize("NFKC", text).split()).casefold()
    return _HEADER_MARKS.sub("", text)


@dataclass(frozen=True)
class FieldList(JoinedList):
    """Field labels joined in the reader's language ("姓名/名称、奖项" / "name, category")."""

    code: str = "field_list"

    def item(self, value: Any, language: str | None) -> str:
        return field_label(str(value), language)


def read_table(path: Path | str, aliases: Mapping[str, Iterable[str]],
               required: Sequence[str] = ()) -> Table:
    """Read ``path``. ``aliases`` maps each column key to the header texts that name it (any
    language; normalised here); ``required`` keys must all be found in the header row."""
    path = Path(path)
    name = path.name
    suffix = path.suffix.lower()
    if suffix not in XLSX_SUFFIXES | TEXT_SUFFIXES:
        raise TableError(error("file_unsupported", file=name))
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise TableError(error("file_not_found", file=name)) from None
    except OSError as exc:
        raise TableError(error("file_unreadable", file=name, reason=exc.strerror or exc)) from None
    # header -> (key, rank): when two columns name the same key, the earlier alias wins
    # (编号 before 序号, which is often only a running count).
    lookup: dict[str, tuple[str, int]] = {}
    for key, names in aliases.items():
        for rank, alias in enumerate((*names, key)):
            lookup.setdefault(normalise_header(alias), (key, rank))
    sha256 = hashlib.sha256(data).hexdigest()
    if suffix in XLSX_SUFFIXES:
        sheets, encoding, delimiter = _xlsx_sheets(data, name), None, None
    else:
        text, encoding = _decode(data, name)
        try:
            delimiter, records, skipped = _split(text, lookup)
        except csv.Error as exc:
            raise TableError(error("file_binary", file=name)) from exc
        sheets = [(None, records, skipped)]
    if not any(any(cell for cell in row) for _, rows, _ in sheets for row in rows):
        raise TableError(error("file_empty", file=name))
    found = [(_find_header(rows, lookup), index) for index, (_, rows, _) in enumerate(sheets)]
    complete = [(header, index) for header, index in found
                if set(required) <= set(header[1])]
    if not complete:
        required_text = FieldList(params={"values": tuple(required)})
        raise TableError(error("header_missing", file=name, required=required_text))
    (header_index, columns, unknown), chosen = max(
        complete, key=lambda item: (len(item[0][1]), -item[1]))
    sheet, rows, skipped = sheets[chosen]
    table_rows = tuple(
        TableRow(number + skipped, {key: _cell(row, column) for key, column in columns.items()})
        for number, row in enumerate(rows[header_index + 1:], start=header_index + 2)
        if any(_cell(row, column) for column in columns.values())
    )
    if not table_rows:
        raise TableError(error("no_rows", file=name))
    others = tuple(str(sheets[index][0]) for _, index in complete if index != chosen)
    return Table(path, sha256, encoding, delimiter, sheet, header_index + 1 + skipped, columns,
                 unknown, others, table_rows)


def _cell(row: Sequence[str], column: int) -> str:
    return row[column] if column < len(row) else ""


def _find_header(rows: Sequence[Sequence[str]], lookup: Mapping[str, tuple[str, int]],
                 ) -> tuple[int, dict[str, int], tuple[str, ...]]:
    """The row among the first few that recognises the most columns (the first on a tie)."""
    best: tuple[int, dict[str, int], tuple[str, ...]] = (0, {}, ())
    for index, row in enumerate(rows[:HEADER_SEARCH_ROWS]):
        chosen: dict[str, tuple[int, int]] = {}  # key -> (rank, column)
        for column, text in enumerate(row):
            key, rank = lookup.get(normalise_header(text), ("", 0))
            if key and (key not in chosen or rank < chosen[key][0]):
                chosen[key] = (rank, column)
        columns = {key: column for key, (_, column) in chosen.items()}
        used = set(columns.values())
        if len(columns) > len(best[1]):
            unknown = tuple(text for column, text in enumerate(row) if text and column not in used)
            best = (index, columns, unknown)
    return best


# -- text files -------------------------------------------------------------------------------
def _decode(data: bytes, name: str) -> tuple[str, str]:
    """Text and the encoding that decoded it; refuses binary files and unknown encodings."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16"), "utf-16"
        except UnicodeDecodeError:
            raise TableError(error("file_encoding", file=name)) from None
    if data.startswith(b"\xef\xbb\xbf"):
        candidates: tuple[str, ...] = ("utf-8-sig",)
    else:
        head = data[:4096]
        controls = sum(1 for byte in head if byte in _CONTROL)
        if data.startswith(_BINARY_MAGIC) or b"\x00" in data or controls > len(head) // 20:
            raise TableError(error("file_binary", file=name))
        candidates = ("utf-8", "gbk", "gb18030")
    for encoding in candidates:
        try:
            return data.decode(encoding), encoding
        except UnicodeDecodeError:
            continue
    raise TableError(error("file_encoding", file=name))


def _is_text(data: bytes, name: str) -> bool:
    try:
        _decode(data, name)
    except TableError:
        return False
    return True


def _split(text: str, lookup: Mapping[str, tuple[str, int]]) -> tuple[str, list[list[str]], int]:
    """Delimiter, records (cells stripped) and how many lines were skipped before them."""
    skipped = 0
    first_line = text.split("\n", 1)[0].strip()
    forced = re.fullmatch(r"sep=(.)", first_line)
    if forced:
        text, skipped = text.split("\n", 1)[1] if "\n" in text else "", 1

    def records(delimiter: str, limit: int | None = None) -> list[list[str]]:
        reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
        return [[cell.strip() for cell in row] for row in islice(reader, limit)]

    if forced:
        delimiter = forced.group(1)
    else:
        def score(d: str) -> tuple[int, int]:
            sample = records(d, HEADER_SEARCH_ROWS)
            _, columns, _ = _find_header(sample, lookup)
            return len(columns), max((len(row) for row in sample), default=0)

        delimiter = max(DELIMITERS, key=score)
    return delimiter, records(delimiter), skipped


# -- Excel ------------------------------------------------------------------------------------
def _xlsx_sheets(data: bytes, name: str) -> list[tuple[str | None, list[list[str]], int]]:
    import openpyxl

    if not data:
        raise TableError(error("file_empty", file=name))
    if not data.startswith(_ZIP_MAGIC) and _is_text(data, name):
        raise TableError(error("file_xlsx_is_text", file=name))
    try:
        book = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as exc:  # zip, XML and openpyxl errors alike: the file is damaged
        raise TableError(error("file_corrupt", file=name)) from exc
    try:
        sheets: list[tuple[str | None, list[list[str]], int]] = []
        for sheet in book.worksheets:
            if not hasattr(sheet, "iter_rows"):  # chart sheets
                continue
            sheet.reset_dimensions()  # some writers declare a wrong size; read every cell
            rows = [[_excel_text(cell) for cell in row] for row in sheet.iter_rows()]
            sheets.append((str(sheet.title), rows, 0))
        return sheets
    except Exception as exc:  # read-only parsing is lazy: damage shows while iterating
        raise TableError(error("file_corrupt", file=name)) from exc
    finally:
        book.close()


def _excel_text(cell: Any) -> str:
    """A cell as the text the user sees: 3.0 → '3', a date formatted without a day →
    'YYYY-MM', other dates 'YYYY-MM-DD'."""
    value = cell.value
    fmt = str(getattr(cell, "number_format", None) or "General")
    if value is None:
        return ""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, dt.datetime) and value.time() != dt.time():
        return value.isoformat(sep=" ", timespec="seconds")
    if isinstance(value, dt.date):
        without_day = "d" not in re.sub(r'"[^"]*"|\[[^]]*]', "", fmt).lower()
        return value.strftime("%Y-%m" if without_day else "%Y-%m-%d")
    if isinstance(value, float):
        if value.is_integer():
            return str(int(value))
        decimals = _DECIMALS.search(fmt)
        return f"{value:.{len(decimals.group(1))}f}" if decimals else f"{value:.15g}"
    return str(value).strip()
