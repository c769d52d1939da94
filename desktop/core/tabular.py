"""Reading a table from an .xlsx or .csv file that people filled in by hand.

Generic on purpose: the candidate import and (later) the import of online-vote exports both
give a path and a table of header aliases, and get back text cells keyed by column, the
columns that were not recognised and how the file was decoded. Every problem with the file as
a whole raises :class:`TableError` carrying one message; nothing here knows about candidates.

What is accepted:

* ``.xlsx``/``.xlsm`` (openpyxl, read-only, cached values of formulas) and the legacy
  ``.xls`` of Excel 97–2003 and WPS (xlrd; WPS's ``.et`` is the same BIFF8 format). The sheet
  whose header recognises the most columns is read; the others are named in ``other_sheets``.
* ``.csv``/``.tsv``/``.txt`` in UTF-8 (with or without BOM), GBK/GB18030, Big5, or UTF-16
  with a BOM (Excel's "Unicode text"). Without a BOM the encoding is decided on the whole
  file's evidence (:func:`decode`): when more than one decodes it, charset-normalizer ranks
  them, and the others are kept in ``Table.alternatives`` with a sample of what they read, so
  the preview can show both and the user can pick (``encoding=``). The delimiter is whichever
  of ``,`` ``;`` tab recognises the most headers (Excel's ``sep=;`` first line is honoured).
* The header row is searched in the first :data:`HEADER_SEARCH_ROWS` rows, since forms often
  have a title row above it; a header of two rows (a merged group title over its sub-headers,
  "基本情况" over "性别 | 出生年月") is read as one. Headers are compared after
  :func:`normalise_header`; a ``mapping`` (header text → key, or :data:`IGNORE`) given by the
  user takes precedence over the aliases.
* Trailing rows that only hold a form's footer ("填表人：…  日期：…", "注：…") are not data.

Every .csv BallotDesk writes goes through :func:`write_csv_rows`, and a cell that a spreadsheet
would run as a formula is neutralised (OWASP "CSV injection"): a text starting with ``=`` ``+``
``-`` ``@``, a tab or a carriage return gets a single quote ``'`` in front, and so does a text
that starts with ``'`` itself, so that the rule can be undone without doubt: :func:`csv_text`,
which the CSV reading here applies to every cell, removes one leading ``'``. A plain number
(``-5``, ``+3.5``) is no formula and is written as it is. So ``=HYPERLINK(…)`` is written
``'=HYPERLINK(…)``, ``-王`` ``'-王`` and ``'abc`` ``''abc``, and each reads back as it was.
"""

from __future__ import annotations

import codecs
import csv
import datetime as dt
import hashlib
import io
import re
import unicodedata
import warnings
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from itertools import islice
from pathlib import Path
from typing import Any, TextIO

from ballotformat.messages import (
    JoinedList,
    Message,
    RuleError,
    error,
    field_label,
    register,
    warning,
)

register({
    "file_xlsx_is_text": (
        "文件“{file}”的扩展名是 {suffix}，内容却是文本（如 CSV）：请把扩展名改为 .csv 后再导入。",
        "“{file}” is named {suffix} but holds text (a CSV, perhaps): rename it to .csv and "
        "import it again.",
    ),
})

XLSX_SUFFIXES = frozenset({".xlsx", ".xlsm"})
#: What a spreadsheet reads as the start of a formula (or, tab and CR, a cell that hides one).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
#: Put in front of such a cell (and of a cell that starts with it): spreadsheets show it as text.
TEXT_MARK = "'"
#: A signed number is no formula: written as it is.
_PLAIN_NUMBER = re.compile(r"[+-]?(\d+(\.\d*)?|\.\d+)")
#: Excel 97–2003 workbooks and WPS's spreadsheets (the same BIFF8 format).
XLS_SUFFIXES = frozenset({".xls", ".et"})
WORKBOOK_SUFFIXES = XLSX_SUFFIXES | XLS_SUFFIXES
TEXT_SUFFIXES = frozenset({".csv", ".tsv", ".txt"})
#: A mapping's word for a column that is read as nothing.
IGNORE = "ignore"
#: Encodings tried, in this order, on a text file without a BOM that is not UTF-8.
LEGACY_ENCODINGS = ("gbk", "gb18030", "cp950")
#: Characters of each encoding's reading shown when two encodings decode a file.
ENCODING_SAMPLE_CHARS = 60
#: Words that open a form's footer row: who filled it in, when, a note, the seal.
_FOOTER = re.compile(r"^(填表人|填报人|制表人|经办人|联系人|联系电话|审核人|负责人|填表日期|"
                     r"填报日期|日期|单位盖章|盖章|注|备注)\s*[:：]")
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
_OLE_MAGIC = b"\xd0\xcf\x11\xe0"  # .xls (and .doc) files are OLE compound documents

register({
    "encoding_alternative": (
        "文件“{file}”按 {encoding} 读出“{sample}”；按 {other} 也能读，读出“{other_sample}”。"
        "如果姓名是乱码，请改选编码。",
        "“{file}” reads as “{sample}” in {encoding}; it also decodes in {other}, as "
        "“{other_sample}”. If the names are garbled, choose the other encoding.",
    ),
    "encoding_not_decoding": (
        "文件“{file}”不能按 {encoding} 读取。",
        "“{file}” cannot be read in {encoding}.",
    ),
})


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
class Decoded:
    text: str
    #: "utf-8", "utf-8-sig", "gbk", "gb18030", "cp950" (Big5) or "utf-16".
    encoding: str
    #: Other encodings that decode the same bytes, each with its text.
    others: tuple[tuple[str, str], ...] = ()

    def samples(self, first_line: int) -> tuple[str, tuple[tuple[str, str], ...]]:
        """What this reading and each other one show from line ``first_line`` (0-based; the
        first data row, where the names are): the sample, and (encoding, sample) pairs."""
        if not self.others:
            return "", ()
        return encoding_sample(self.text, first_line), tuple(
            (other, encoding_sample(text, first_line)) for other, text in self.others)


@dataclass(frozen=True)
class Table:
    path: Path
    sha256: str
    #: How the text was decoded (see :class:`Decoded`); None for a workbook.
    encoding: str | None
    delimiter: str | None
    sheet: str | None
    #: Row number of the header's (last) row.
    header_row: int
    #: The header's texts, in file order (a two-row header's lower text where it has one).
    headers: tuple[str, ...]
    #: key -> 0-based column index.
    columns: Mapping[str, int]
    #: Header texts not recognised (ignored), in file order.
    unknown_columns: tuple[str, ...]
    #: Other sheets of a workbook that also have a recognisable header (not read).
    other_sheets: tuple[str, ...]
    rows: tuple[TableRow, ...]
    #: Other encodings that decode a text file, with a sample of what each reads.
    alternatives: tuple[tuple[str, str], ...] = ()
    #: A sample of what the chosen encoding reads (what ``alternatives`` are compared with).
    sample: str = ""

    @property
    def encoding_messages(self) -> list[Message]:
        return encoding_warnings(self.path.name, self.encoding, self.sample, self.alternatives)


def encoding_warnings(file: str, encoding: str | None, sample: str,
                      alternatives: Iterable[tuple[str, str]]) -> list[Message]:
    """A warning per other encoding that decodes the file, both readings side by side."""
    return [warning("encoding_alternative", file=file, encoding=encoding, sample=sample,
                    other=other, other_sample=other_sample)
            for other, other_sample in alternatives]


def shape_key(headers: Sequence[str], kind: str = "") -> str:
    """A file's shape: SHA-256 of its normalised header row (column order matters); ``kind``
    keeps the shapes of different imports apart."""
    texts = [kind, *map(normalise_header, headers)] if kind else map(normalise_header, headers)
    return hashlib.sha256("\x1f".join(texts).encode()).hexdigest()


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
               required: Sequence[str] = (), mapping: Mapping[str, str] | None = None,
               encoding: str | None = None) -> Table:
    """Read ``path``. ``aliases`` maps each column key to the header texts that name it (any
    language; normalised here); ``mapping`` (header text → key or :data:`IGNORE`) overrides
    them; ``required`` keys must all be found in the header row. ``encoding`` reads a text
    file in that encoding instead of the one detected."""
    path = Path(path)
    name = path.name
    data = read_bytes(path)
    # header -> (key, rank): when two columns name the same key, the earlier alias wins
    # (编号 before 候选编号); the user's mapping comes before every alias.
    lookup: dict[str, tuple[str, int]] = {
        normalise_header(header): (key, -1) for header, key in (mapping or {}).items()}
    for key, names in aliases.items():
        for rank, alias in enumerate((*names, key)):
            lookup.setdefault(normalise_header(alias), (key, rank))
    sha256 = hashlib.sha256(data).hexdigest()
    decoded: Decoded | None = None
    delimiter = None
    if path.suffix.lower() in WORKBOOK_SUFFIXES:
        sheets = workbook_sheets(data, path)
    else:
        decoded = decode(data, name, encoding)
        try:
            delimiter, records, skipped = _split(decoded.text, lookup)
        except csv.Error as exc:
            raise TableError(error("file_binary", file=name)) from exc
        sheets = [(None, records, skipped)]
    if not any(any(cell for cell in row) for _, rows, _ in sheets for row in rows):
        raise TableError(error("file_empty", file=name))
    found = [(_find_header(rows, lookup), index) for index, (_, rows, _) in enumerate(sheets)]
    complete = [(header, index) for header, index in found
                if header.columns and set(required) <= set(header.columns)]
    if not complete:
        required_text = FieldList(params={"values": tuple(required)})
        raise TableError(error("header_missing", file=name, required=required_text))
    header, chosen = max(complete, key=lambda item: (len(item[0].columns), -item[1]))
    sheet, rows, skipped = sheets[chosen]
    body = _without_footer(rows[header.end:])
    table_rows = tuple(
        TableRow(number + skipped, {key: _cell(row, column)
                                    for key, column in header.columns.items()})
        for number, row in enumerate(body, start=header.end + 1)
        if any(_cell(row, column) for column in header.columns.values())
    )
    if not table_rows:
        raise TableError(error("no_rows", file=name))
    others = tuple(str(sheets[index][0]) for _, index in complete if index != chosen)
    sample, alternatives = decoded.samples(header.end + skipped) if decoded else ("", ())
    return Table(path, sha256, decoded.encoding if decoded else None, delimiter, sheet,
                 header.end + skipped, header.texts, header.columns, header.unknown, others,
                 table_rows, alternatives, sample)


def read_bytes(path: Path) -> bytes:
    """The file's bytes, or ``TableError`` for a kind of file no reader takes or a file that
    cannot be read."""
    _refuse_suffix(path)
    try:
        return path.read_bytes()
    except OSError as exc:
        raise _unreadable(path, exc) from None


def _refuse_suffix(path: Path) -> None:
    if path.suffix.lower() not in WORKBOOK_SUFFIXES | TEXT_SUFFIXES:
        raise TableError(error("file_unsupported", file=path.name))


def _unreadable(path: Path, exc: OSError) -> TableError:
    if isinstance(exc, FileNotFoundError):
        return TableError(error("file_not_found", file=path.name))
    return TableError(error("file_unreadable", file=path.name, reason=exc.strerror or exc))


def _cell(row: Sequence[str], column: int) -> str:
    return row[column] if column < len(row) else ""


@dataclass(frozen=True)
class _Header:
    #: 0-based index of the first data row (just below the header's one or two rows).
    end: int
    texts: tuple[str, ...]
    columns: dict[str, int]
    unknown: tuple[str, ...]


def _find_header(rows: Sequence[Sequence[str]], lookup: Mapping[str, tuple[str, int]],
                 ) -> _Header:
    """The row among the first few that recognises the most columns (the first on a tie), or a
    row with the row below it when the lower one's sub-headers recognise more: the texts of the
    lower row stand where it has any, the upper row's elsewhere (merged group titles)."""
    best = _Header(0, (), {}, ())
    for index, row in enumerate(rows[:HEADER_SEARCH_ROWS]):
        below = rows[index + 1] if index + 1 < len(rows) else []
        merged = [_cell(below, c) or _cell(row, c) for c in range(max(len(row), len(below)))]
        for texts, end in ((list(row), index + 1), (merged, index + 2)):
            header = _recognise(texts, end, lookup)
            if len(header.columns) > len(best.columns):
                best = header
    return best


def _recognise(texts: Sequence[str], end: int, lookup: Mapping[str, tuple[str, int]],
               ) -> _Header:
    chosen: dict[str, tuple[int, int]] = {}  # key -> (rank, column)
    ignored = set()
    for column, text in enumerate(texts):
        key, rank = lookup.get(normalise_header(text), ("", 0))
        if key == IGNORE:
            ignored.add(column)
        elif key and (key not in chosen or rank < chosen[key][0]):
            chosen[key] = (rank, column)
    columns = {key: column for key, (_, column) in chosen.items()}
    used = set(columns.values()) | ignored
    unknown = tuple(text for column, text in enumerate(texts) if text and column not in used)
    return _Header(end, tuple(texts), columns, unknown)


def _without_footer(rows: Sequence[Sequence[str]]) -> Sequence[Sequence[str]]:
    """``rows`` without the footer rows (and blank rows) at their end."""
    end = len(rows)
    while end and all(not cell or _FOOTER.match(unicodedata.normalize("NFKC", cell))
                      for cell in rows[end - 1]):
        end -= 1
    return rows[:end]


# -- text files -------------------------------------------------------------------------------
def decode(data: bytes, name: str, encoding: str | None = None) -> Decoded:
    """The text, in ``encoding`` when given, else in the encoding the bytes show: a BOM, UTF-8,
    or the one of :data:`LEGACY_ENCODINGS` that charset-normalizer ranks first among those
    that decode the whole file (the others are kept as alternatives). Refuses binary files and
    unknown encodings."""
    if encoding is not None:
        try:
            return Decoded(data.decode(encoding), encoding)
        except (UnicodeDecodeError, LookupError):
            raise TableError(error("encoding_not_decoding", file=name,
                                   encoding=encoding)) from None
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return Decoded(data.decode("utf-16"), "utf-16")
        except UnicodeDecodeError:
            raise TableError(error("file_encoding", file=name)) from None
    if data.startswith(b"\xef\xbb\xbf"):
        try:
            return Decoded(data.decode("utf-8-sig"), "utf-8-sig")
        except UnicodeDecodeError:
            raise TableError(error("file_encoding", file=name)) from None
    _refuse_binary(data, b"\x00" in data, name)
    try:
        return Decoded(data.decode("utf-8"), "utf-8")
    except UnicodeDecodeError:
        pass
    readings: dict[str, str] = {}
    for candidate in LEGACY_ENCODINGS:
        if candidate == "gb18030" and "gbk" in readings:
            continue  # GB18030 extends GBK: the same reading
        try:
            readings[candidate] = data.decode(candidate)
        except UnicodeDecodeError:
            continue
    if not readings:
        raise TableError(error("file_encoding", file=name))
    chosen = _most_likely(data, tuple(readings))
    return Decoded(readings[chosen], chosen, tuple(
        (other, text) for other, text in readings.items() if other != chosen))


@dataclass(frozen=True)
class TextHead:
    """What :func:`scan_text` learns of a file in one pass."""

    #: The first bytes (as many as asked for, or the whole file).
    head: bytes
    size: int
    sha256: str
    #: Whether a NUL byte is anywhere in the file (a binary file's mark).
    nul: bool


#: The pieces :func:`scan_text` reads a file in.
SCAN_PIECE_BYTES = 1 << 20


def scan_text(path: Path, head_size: int) -> TextHead:
    """The head, size, SHA-256 and NUL mark of ``path``, read in pieces: no copy of the whole
    file in memory (a third less CPU than ``read_bytes`` and hashing it). ``TableError`` as
    :func:`read_bytes` raises it."""
    _refuse_suffix(path)
    digest, nul, size, head = hashlib.sha256(), False, 0, bytearray()
    piece = bytearray(SCAN_PIECE_BYTES)
    view = memoryview(piece)
    try:
        with path.open("rb") as file:
            while count := file.readinto(piece):
                digest.update(view[:count])
                nul = nul or piece.find(b"\x00", 0, count) >= 0
                if size < head_size:
                    head += view[:min(count, head_size - size)]
                size += count
    except OSError as exc:
        raise _unreadable(path, exc) from None
    return TextHead(bytes(head), size, digest.hexdigest(), nul)


def utf8_head(file: TextHead, name: str) -> Decoded | None:
    """The text of ``file``'s head (a character cut at the end left out) when :func:`decode`
    reads the file as UTF-8 (with a BOM or without) provided the bytes after the head decode
    too: for a reader that decodes the rest itself and turns to :func:`decode` when they do
    not. None when only :func:`decode` can tell (UTF-16, a legacy encoding, a head that is not
    UTF-8); refuses binary files as :func:`decode` does."""
    head = file.head
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        return None
    encoding = "utf-8-sig" if head.startswith(b"\xef\xbb\xbf") else "utf-8"
    if encoding == "utf-8":
        _refuse_binary(head, file.nul, name)
    try:
        text = codecs.getincrementaldecoder(encoding)().decode(
            head, final=len(head) == file.size)
    except UnicodeDecodeError:
        return None
    return Decoded(text, encoding)


def _refuse_binary(head: bytes, nul: bool, name: str) -> None:
    """``TableError`` for a file that starts like a binary one, has a NUL byte (``nul``) or
    too many control characters in its first 4096 bytes."""
    head = head[:4096]
    controls = sum(1 for byte in head if byte in _CONTROL)
    if head.startswith(_BINARY_MAGIC) or nul or controls > len(head) // 20:
        raise TableError(error("file_binary", file=name))


def _most_likely(data: bytes, encodings: tuple[str, ...]) -> str:
    """Of ``encodings`` (each decodes ``data``), the one whose text charset-normalizer finds
    least chaotic; the first when it cannot tell."""
    if len(encodings) == 1:
        return encodings[0]
    import charset_normalizer

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        best = charset_normalizer.from_bytes(data, cp_isolation=list(encodings)).best()
    found = best.encoding if best is not None else ""
    aliases = {"big5": "cp950", "gb2312": "gbk"}
    found = aliases.get(found, found)
    return found if found in encodings else encodings[0]


def encoding_sample(text: str, first_line: int) -> str:
    """The lines from ``first_line`` on that hold more than ASCII (names, not digits), runs of
    delimiters shown as one space, cut at :data:`ENCODING_SAMPLE_CHARS`."""
    lines = text.splitlines()[first_line:first_line + HEADER_SEARCH_ROWS]
    shown = [re.sub(r"[,;\t\s]+", " ", line).strip() for line in lines if not line.isascii()]
    return " / ".join(shown)[:ENCODING_SAMPLE_CHARS]


def _is_text(data: bytes, name: str) -> bool:
    try:
        decode(data, name)
    except TableError:
        return False
    return True


def csv_cell(value: Any) -> str:
    """A value as its .csv cell: neutralised when a spreadsheet would run it (module docstring);
    None is the empty cell."""
    text = "" if value is None else str(value)
    if text.startswith(TEXT_MARK) or (text.startswith(FORMULA_STARTS)
                                      and not _PLAIN_NUMBER.fullmatch(text)):
        return TEXT_MARK + text
    return text


def csv_text(cell: str) -> str:
    """The text a .csv cell written by :func:`csv_cell` holds (one leading ``'`` removed)."""
    return cell[len(TEXT_MARK):] if cell.startswith(TEXT_MARK) else cell


def write_csv_rows(handle: TextIO, rows: Iterable[Sequence[Any]]) -> None:
    """Every .csv BallotDesk writes: each cell through :func:`csv_cell`."""
    csv.writer(handle).writerows([csv_cell(value) for value in row] for row in rows)


def append_rows(sheet: Any, rows: Iterable[Sequence[Any]]) -> None:
    """Rows appended to an openpyxl worksheet, every text as a text cell: openpyxl makes a text
    that starts with ``=`` a formula unless told otherwise (so no ``'`` is needed in .xlsx)."""
    for row in rows:
        sheet.append(list(row))
        for cell in sheet[sheet.max_row]:
            if isinstance(cell.value, str):
                cell.data_type = "s"


def _split(text: str, lookup: Mapping[str, tuple[str, int]]) -> tuple[str, list[list[str]], int]:
    """Delimiter, records (cells stripped) and how many lines were skipped before them."""
    skipped = 0
    first_line = text.split("\n", 1)[0].strip()
    forced = re.fullmatch(r"sep=(.)", first_line)
    if forced:
        text, skipped = text.split("\n", 1)[1] if "\n" in text else "", 1

    def records(delimiter: str, limit: int | None = None) -> list[list[str]]:
        reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
        return [[csv_text(cell).strip() for cell in row] for row in islice(reader, limit)]

    if forced:
        delimiter = forced.group(1)
    else:
        def score(d: str) -> tuple[int, int]:
            sample = records(d, HEADER_SEARCH_ROWS)
            return len(_find_header(sample, lookup).columns), max(
                (len(row) for row in sample), default=0)

        delimiter = max(DELIMITERS, key=score)
    return delimiter, records(delimiter), skipped


# -- workbooks --------------------------------------------------------------------------------
Sheets = list[tuple[str | None, list[list[str]], int]]


def workbook_sheets(data: bytes, path: Path) -> Sheets:
    """Each worksheet of an .xlsx or .xls workbook: its name, its rows as text, 0."""
    name = path.name
    if not data:
        raise TableError(error("file_empty", file=name))
    if not data.startswith((_ZIP_MAGIC, _OLE_MAGIC)) and _is_text(data, name):
        raise TableError(error("file_xlsx_is_text", file=name, suffix=path.suffix.lower()))
    if data.startswith(_OLE_MAGIC) or path.suffix.lower() in XLS_SUFFIXES:
        return _xls_sheets(data, name)
    return _xlsx_sheets(data, name)


def _xlsx_sheets(data: bytes, name: str) -> Sheets:
    import openpyxl

    try:
        book = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as exc:  # zip, XML and openpyxl errors alike: the file is damaged
        raise TableError(error("file_corrupt", file=name)) from exc
    try:
        sheets: Sheets = []
        for sheet in book.worksheets:
            if not hasattr(sheet, "iter_rows"):  # chart sheets
                continue
            sheet.reset_dimensions()  # some writers declare a wrong size; read every cell
            rows = [[_excel_text(cell.value, getattr(cell, "number_format", None))
                     for cell in row] for row in sheet.iter_rows()]
            sheets.append((str(sheet.title), rows, 0))
        return sheets
    except Exception as exc:  # read-only parsing is lazy: damage shows while iterating
        raise TableError(error("file_corrupt", file=name)) from exc
    finally:
        book.close()


def _xls_sheets(data: bytes, name: str) -> Sheets:
    """An Excel 97–2003 (or WPS) workbook through xlrd, with each cell's number format so that
    dates read as they show."""
    import xlrd

    try:
        book = xlrd.open_workbook(file_contents=data, formatting_info=True,
                                  logfile=io.StringIO())
    except Exception as exc:  # xlrd's own errors, struct errors, …: the file is damaged
        raise TableError(error("file_corrupt", file=name)) from exc
    try:
        sheets: Sheets = []
        for sheet in book.sheets():
            rows = []
            for r in range(sheet.nrows):
                row = []
                for c in range(sheet.ncols):
                    cell = sheet.cell(r, c)
                    fmt = book.format_map.get(book.xf_list[cell.xf_index].format_key)
                    value: Any = cell.value
                    if cell.ctype == xlrd.XL_CELL_DATE:
                        value = xlrd.xldate_as_datetime(cell.value, book.datemode)
                    elif cell.ctype == xlrd.XL_CELL_BOOLEAN:
                        value = bool(cell.value)
                    elif cell.ctype in (xlrd.XL_CELL_EMPTY, xlrd.XL_CELL_BLANK,
                                        xlrd.XL_CELL_ERROR):
                        value = None
                    row.append(_excel_text(value, fmt.format_str if fmt else None))
                rows.append(row)
            sheets.append((str(sheet.name), rows, 0))
        return sheets
    except Exception as exc:
        raise TableError(error("file_corrupt", file=name)) from exc
    finally:
        book.release_resources()


def _excel_text(value: Any, number_format: str | None) -> str:
    """A cell as the text the user sees: 3.0 → '3', a date formatted without a day →
    'YYYY-MM', other dates 'YYYY-MM-DD'."""
    fmt = str(number_format or "General")
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
