"""The generic table reader, on real files: encodings, delimiters, header search, broken files."""

from __future__ import annotations

import datetime as dt
import zipfile
from pathlib import Path

import openpyxl
import pytest

from ballotformat.messages import RuleError
from desktop.core.tabular import Table, TableError, normalise_header, read_table

ALIASES = {
    "name": ("姓名", "名称", "name"),
    "unit": ("推荐单位", "单位", "unit"),
    "number": ("编号", "序号", "number"),
    "birth": ("出生年月", "birth"),
}
REQUIRED = ("name", "unit")
ROWS = [["序号", "姓名", "推荐单位", "备注"], ["1", "张三", "东湖街道", ""],
        ["2", "李四", "西山镇", "第二名"]]


def write_text(path: Path, rows: list[list[str]], encoding: str, delimiter: str = ",") -> Path:
    path.write_bytes("\r\n".join(delimiter.join(row) for row in rows).encode(encoding))
    return path


def read(path: Path) -> Table:
    return read_table(path, ALIASES, REQUIRED)


def refused(path: Path) -> str:
    with pytest.raises(TableError) as caught:
        read(path)
    assert len(caught.value.messages) == 1
    message = caught.value.message
    assert message.text("en") != message.text("zh_CN")
    assert isinstance(caught.value, RuleError)
    return message.code


@pytest.mark.parametrize(("header", "expected"), [
    ("姓名", "姓名"),
    (" 姓 名 ", "姓名"),
    ("\u3000姓名\u3000", "姓名"),
    ("姓名（必填）", "姓名"),
    ("姓名(必填)*", "姓名"),
    ("*推荐单位", "推荐单位"),
    ("推荐单位＊", "推荐单位"),
    ("出生年月：", "出生年月"),
    ("Name", "name"),
    ("ＮＡＭＥ", "name"),
    ("Date of Birth (optional)", "dateofbirth"),
    ("姓名\n（必填）", "姓名"),
])
def test_headers_are_normalised(header: str, expected: str) -> None:
    assert normalise_header(header) == expected


@pytest.mark.parametrize(("encoding", "reported"), [
    ("utf-8", "utf-8"), ("utf-8-sig", "utf-8-sig"), ("gbk", "gbk"), ("gb18030", "gbk"),
])
def test_csv_encodings_are_detected(tmp_path: Path, encoding: str, reported: str) -> None:
    table = read(write_text(tmp_path / "a.csv", ROWS, encoding))
    assert table.encoding == reported
    assert [row.cells["name"] for row in table.rows] == ["张三", "李四"]
    assert table.unknown_columns == ("备注",)
    assert table.delimiter == ","


def test_gb18030_beyond_gbk_is_reported_as_such(tmp_path: Path) -> None:
    rows = [*ROWS, ["3", "䶮", "南岭乡", ""]]
    table = read(write_text(tmp_path / "a.csv", rows, "gb18030"))
    assert table.encoding == "gb18030"
    assert table.rows[-1].cells["name"] == "䶮"


def test_utf16_tab_separated_unicode_text(tmp_path: Path) -> None:
    path = write_text(tmp_path / "unicode.txt", ROWS, "utf-16", delimiter="\t")
    assert path.read_bytes()[:2] in (b"\xff\xfe", b"\xfe\xff")
    table = read(path)
    assert (table.encoding, table.delimiter) == ("utf-16", "\t")
    assert table.rows[1].cells == {"number": "2", "name": "李四", "unit": "西山镇"}


def test_semicolon_and_excel_sep_line(tmp_path: Path) -> None:
    table = read(write_text(tmp_path / "a.csv", ROWS, "utf-8", delimiter=";"))
    assert table.delimiter == ";"
    assert table.rows[0].cells["unit"] == "东湖街道"
    # Excel's "sep=" line is honoured and not shown as a row; numbering stays the file's.
    path = tmp_path / "b.csv"
    path.write_text("sep=;\n" + "\n".join(";".join(row) for row in ROWS), encoding="utf-8")
    table = read(path)
    assert (table.delimiter, table.header_row) == (";", 2)
    assert [row.number for row in table.rows] == [3, 4]


def test_header_below_a_title_and_row_numbers_as_excel_shows_them(tmp_path: Path) -> None:
    rows = [["2026年度十佳推荐汇总表", "", ""], ["填表日期：2026年3月", "", ""], [""],
            *ROWS[:2], [""], ROWS[2]]
    table = read(write_text(tmp_path / "a.csv", rows, "utf-8"))
    assert table.header_row == 4
    assert [(row.number, row.cells["name"]) for row in table.rows] == [(5, "张三"), (7, "李四")]


def test_quoted_multiline_cell_is_one_row(tmp_path: Path) -> None:
    path = tmp_path / "a.csv"
    path.write_text('姓名,推荐单位,备注\n张三,东湖街道,"第一行\n第二行"\n李四,西山镇,\n',
                    encoding="utf-8")
    table = read(path)
    assert [row.number for row in table.rows] == [2, 3]


def test_xlsx_title_row_dates_and_numbers(tmp_path: Path) -> None:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "汇总"
    sheet.append(["2026年度推荐汇总表"])
    sheet.merge_cells("A1:D1")
    sheet.append(["序号", "姓名（必填）", "推荐单位*", "出生年月"])
    sheet.append([3.0, "张三", "东湖街道", dt.datetime(1985, 6, 1)])
    sheet["D3"].number_format = 'yyyy"年"m"月"'
    sheet.append([4, "李四", "西山镇", dt.datetime(1990, 12, 31)])
    sheet["D4"].number_format = "yyyy-mm-dd"
    sheet.append([5, "王五", "南岭乡", 1988.10])
    sheet["D5"].number_format = "0.00"
    sheet.append([None, None, None, None])
    sheet.append([6.5, "赵六", "北港街道", "198807"])
    path = tmp_path / "a.xlsx"
    book.save(path)
    table = read(path)
    assert (table.encoding, table.sheet, table.header_row) == (None, "汇总", 2)
    assert [row.number for row in table.rows] == [3, 4, 5, 7]
    assert [row.cells["number"] for row in table.rows] == ["3", "4", "5", "6.5"]
    assert [row.cells["birth"] for row in table.rows] == [
        "1985-06", "1990-12-31", "1988.10", "198807"]


def test_xlsx_reads_the_sheet_with_the_header_and_names_the_others(tmp_path: Path) -> None:
    book = openpyxl.Workbook()
    book.active.title = "说明"
    book.active.append(["请按模板填写"])
    for title in ("窗口", "标兵"):
        sheet = book.create_sheet(title)
        sheet.append(["姓名", "推荐单位", "编号"])
        sheet.append([f"{title}甲", "东湖街道", 1])
    path = tmp_path / "a.xlsx"
    book.save(path)
    table = read(path)
    assert table.sheet == "窗口"
    assert table.other_sheets == ("标兵",)


def test_sha256_is_of_the_bytes_read(tmp_path: Path) -> None:
    import hashlib

    path = write_text(tmp_path / "a.csv", ROWS, "utf-8")
    assert read(path).sha256 == hashlib.sha256(path.read_bytes()).hexdigest()


def test_missing_file_and_wrong_extension(tmp_path: Path) -> None:
    assert refused(tmp_path / "nope.csv") == "file_not_found"
    for name in ("a.docx", "a.pdf", "a"):
        path = tmp_path / name
        path.write_bytes(b"x")
        assert refused(path) == "file_unsupported"


@pytest.mark.parametrize("content", [b"", b"\xef\xbb\xbf", b"\r\n \r\n", b",,\n,,\n"])
def test_empty_csv(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "a.csv"
    path.write_bytes(content)
    assert refused(path) == "file_empty"


def test_empty_workbook(tmp_path: Path) -> None:
    path = tmp_path / "a.xlsx"
    openpyxl.Workbook().save(path)
    assert refused(path) == "file_empty"


def test_binary_files_renamed_csv(tmp_path: Path) -> None:
    png = tmp_path / "photo.csv"
    png.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4)
    assert refused(png) == "file_binary"
    book = tmp_path / "book.xlsx"
    openpyxl.Workbook().save(book)
    renamed = tmp_path / "book.csv"
    renamed.write_bytes(book.read_bytes())
    assert refused(renamed) == "file_binary"
    nul = tmp_path / "nul.csv"
    nul.write_bytes("姓名,推荐单位\n张三,东湖\n".encode() + b"\x00\x01\x02")
    assert refused(nul) == "file_binary"


def test_bytes_no_supported_encoding_decodes(tmp_path: Path) -> None:
    path = tmp_path / "a.csv"
    path.write_bytes("姓名,推荐单位\n".encode() + b"\xff\xfe\xff,\x81\x20\n")
    assert refused(path) == "file_encoding"


def test_corrupt_xlsx(tmp_path: Path) -> None:
    good = tmp_path / "good.xlsx"
    book = openpyxl.Workbook()
    book.active.append(["姓名", "推荐单位"])
    book.save(good)
    truncated = tmp_path / "truncated.xlsx"
    truncated.write_bytes(good.read_bytes()[:300])
    assert refused(truncated) == "file_corrupt"
    text = tmp_path / "text.xlsx"
    text.write_text("姓名,推荐单位\n张三,东湖\n", encoding="utf-8")
    assert refused(text) == "file_xlsx_is_text", "a CSV saved under an .xlsx name is told so"
    not_excel = tmp_path / "other.xlsx"
    with zipfile.ZipFile(not_excel, "w") as archive:
        archive.writestr("hello.txt", "not a workbook")
    assert refused(not_excel) == "file_corrupt"


def test_missing_header_names_the_required_columns(tmp_path: Path) -> None:
    path = write_text(tmp_path / "a.csv", [["姓名", "电话"], ["张三", "123"]], "utf-8")
    with pytest.raises(TableError) as caught:
        read_table(path, ALIASES, ("name", "unit"))
    assert caught.value.message.code == "header_missing"
    assert "姓名/名称、推荐单位" in caught.value.message.text("zh_CN")
    assert "name, nominating unit" in caught.value.message.text("en")


def test_header_without_rows(tmp_path: Path) -> None:
    path = write_text(tmp_path / "a.csv", [ROWS[0], ["", "", "", "备注而已"]], "utf-8")
    assert refused(path) == "no_rows"


def test_the_first_alias_wins_when_two_columns_name_one_field(tmp_path: Path) -> None:
    rows = [["序号", "编号", "姓名", "推荐单位"], ["1", "07", "张三", "东湖街道"]]
    table = read(write_text(tmp_path / "a.csv", rows, "utf-8"))
    assert table.columns["number"] == 1
    assert table.rows[0].cells["number"] == "07"
    assert table.unknown_columns == ("序号",)
