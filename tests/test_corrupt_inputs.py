"""Damaged and wrong input files through the command line and the services, on both databases:
each gets one clear message in the user's language (Chinese, and English with ``--lang en``),
and nothing is lost or half done: the other files of a scanning batch are recorded, a refused
import or restore leaves the database exactly as it was.

How each kind of damage is detected is tested where it is done
(tests/scanning/test_sources_files.py for images and PDFs, tests/test_tabular.py for tables,
tests/registry/test_import.py and tests/online/test_online.py for their services,
tests/store/test_backup.py for a changed image in a backup); here the whole path from the file
to the message the user reads.
"""

from __future__ import annotations

import hashlib
import io
import json
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import cv2
import numpy as np
import openpyxl
import pypdfium2 as pdfium  # type: ignore[import-untyped]
import pytest
from reportlab.lib import pdfencrypt
from reportlab.pdfgen import canvas
from sqlalchemy import select

from desktop.core.audit.log import AuditLog
from desktop.core.records.recording import Recorder
from desktop.core.records.scanjob import scan_paths
from desktop.core.registry.service import CampaignInfo
from desktop.core.services import Services
from desktop.core.store.backups import MANIFEST, SQL_DUMP_FILE, SQLITE_FILE
from desktop.core.store.models import Sheet
from tests.cli.test_cli import database_dump
from tests.conftest import Cli

pytestmark = pytest.mark.both_backends


# -- scanning ---------------------------------------------------------------------------------
@dataclass(frozen=True)
class Bad:
    """A damaged scan: how to make it, the message's code, words of its Chinese and English."""

    make: Callable[[Path, bytes], bytes]
    code: str
    zh: str
    en: str


def _locked_pdf(_folder: Path, _good: bytes) -> bytes:
    out = io.BytesIO()
    locked = canvas.Canvas(out, encrypt=pdfencrypt.StandardEncryption("密码123", canPrint=1))
    locked.drawString(100, 100, "ballot")
    locked.showPage()
    locked.save()
    return out.getvalue()


def _no_pages_pdf(folder: Path, _good: bytes) -> bytes:
    path = folder / "no-pages.tmp"
    pdfium.PdfDocument.new().save(path)
    return path.read_bytes()


def _not_a_ballot(_folder: Path, _good: bytes) -> bytes:
    """A real photo-like JPEG of something else: a notice with text and a frame."""
    page = np.full((1754, 1240), 235, np.uint8)
    cv2.rectangle(page, (100, 100), (1140, 1650), 40, 12)
    cv2.putText(page, "NOTICE 2026", (200, 500), cv2.FONT_HERSHEY_SIMPLEX, 4, 20, 10)
    return bytes(cv2.imencode(".jpg", page)[1])


def _first_pdf(folder: Path) -> bytes:
    """The printed ballots' PDF (what a scanner's scan-to-PDF would hand over)."""
    return next(folder.glob("batch-*.pdf")).read_bytes()


BAD_SCANS = {
    "cut.jpg": Bad(lambda _f, good: good[:len(good) // 2], "source_image_truncated",
                   "不完整", "incomplete"),
    "empty.png": Bad(lambda _f, _g: b"", "source_file_empty", "是空的", "is empty"),
    "notes.jpg": Bad(lambda _f, _g: "这不是图片 not an image\n".encode(),
                     "source_file_not_image", "不是图片或 PDF", "not an image or a PDF"),
    "noise.tif": Bad(lambda _f, _g: np.random.default_rng(3).bytes(20_000),
                     "source_image_corrupt", "已损坏", "damaged"),
    "notice.jpg": Bad(_not_a_ballot, "sheet_rejected", "本页不计票：找不到四角定位标记",
                      "This page does not count: page not found"),
    "cut.pdf": Bad(lambda folder, _g: _first_pdf(folder)[:5000], "source_pdf_corrupt",
                   "已损坏或不完整", "damaged or incomplete"),
    "junk.pdf": Bad(lambda _f, _g: b"%PDF-1.7\n" + b"\x00garbage" * 100,
                    "source_pdf_corrupt", "已损坏或不完整", "damaged or incomplete"),
    "locked.pdf": Bad(_locked_pdf, "source_pdf_encrypted", "设有打开密码", "password"),
    "no-pages.pdf": Bad(_no_pages_pdf, "source_pdf_empty", "没有任何页面", "has no pages"),
}


@pytest.fixture
def batch(scans: list[Path], tmp_path: Path) -> list[Path]:
    """Every damaged file of :data:`BAD_SCANS`, with the two pages of a good ballot among
    them (one early, one last)."""
    folder = tmp_path / "bad"
    folder.mkdir()
    good = scans[0].read_bytes()
    bad = []
    for name, kind in BAD_SCANS.items():
        path = folder / name
        path.write_bytes(kind.make(tmp_path, good))
        bad.append(path)
    return [*bad[:2], scans[0], *bad[2:], scans[1]]


def sheets(services: Services) -> list[tuple[str, bool]]:
    with services.db.transaction() as s:
        return [(Path(source).name, counted is not None) for source, counted in s.execute(
            select(Sheet.source, Sheet.counted_key).order_by(Sheet.id))]


def test_cli_scan_reports_each_damaged_file_and_records_the_rest(
    cli: Cli, services: Services, batch: list[Path],
) -> None:
    before = {path: hashlib.sha256(path.read_bytes()).hexdigest() for path in batch}
    outcomes = cli.json("scan", "--workers", "2", *map(str, batch))
    assert [o["file"] for o in outcomes] == list(map(str, batch)), "each file once, in order"
    assert "Traceback" not in cli.err
    for path, outcome in zip(batch, outcomes, strict=True):
        bad = BAD_SCANS.get(path.name)
        if bad is None:
            assert outcome["recorded"], outcome
            continue
        assert (outcome["recorded"], outcome["reason"]) == (False, bad.code), path.name
        assert bad.zh in outcome["message"], outcome["message"]
        if bad.code.startswith("source_"):
            assert str(path) in outcome["message"], "the message names the file"
    assert sheets(services) == [("b1-p1.jpg", True), ("notice.jpg", False), ("b1-p2.jpg", True)]

    text = cli.ok("--lang", "en", "scan", "--workers", "1", *map(str, batch))
    lines = text.splitlines()
    for path, line in zip(batch, lines, strict=False):
        bad = BAD_SCANS.get(path.name)
        if bad is not None and bad.code.startswith("source_"):
            assert bad.en in line, line
        else:  # stored by the first run: said so, in English
            assert "recorded before" in line, line
            if path.name == "notice.jpg":
                assert "recorded before (Rejected," in line, line
    assert lines[-1] == (f"{len(batch)} pages: 0 accepted, 0 for review, 8 rejected, "
                         "3 recorded before.")
    (photo,) = (path for path in batch if path.name == "notice.jpg")
    notice = cli.ok("scan", str(photo))  # once more, in Chinese: the status in Chinese too
    assert "记录过（不计票）" in notice and "rejected" not in notice, notice

    assert sheets(services) == [("b1-p1.jpg", True), ("notice.jpg", False), ("b1-p2.jpg", True)]
    assert AuditLog(services.db).verify().ok
    assert before == {path: hashlib.sha256(path.read_bytes()).hexdigest() for path in batch}, \
        "the inputs are left as they were"


def test_the_scan_service_gives_each_damaged_file_its_message_in_both_languages(
    services: Services, demo: CampaignInfo, batch: list[Path],
) -> None:
    recorder = Recorder(services.db, services.actor)
    outcomes = list(scan_paths(recorder, batch, workers=2))
    assert [o.recorded for o in outcomes] == [name not in BAD_SCANS for name in
                                              (p.name for p in batch)]
    for path, outcome in zip(batch, outcomes, strict=True):
        bad = BAD_SCANS.get(path.name)
        if bad is not None:
            assert outcome.message.code == bad.code
            assert bad.zh in outcome.message.text("zh_CN")
            assert bad.en in outcome.message.text("en")
    assert sheets(services) == [("b1-p1.jpg", True), ("notice.jpg", False), ("b1-p2.jpg", True)]


# -- tables: candidates, online votes, expert scores ------------------------------------------
def _xlsx(rows: list[list[object]]) -> bytes:
    book = openpyxl.Workbook()
    for row in rows:
        book.active.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _garbage_inside() -> bytes:
    """A zip, as an .xlsx is, whose workbook parts are garbage."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("[Content_Types].xml", b"\x00\x01 garbage")
        archive.writestr("xl/workbook.xml", b"<workbook")
    return out.getvalue()


#: name -> (content, message code). "No header" differs per importer, see NO_HEADER.
BAD_TABLES: dict[str, tuple[bytes, str]] = {
    "truncated.xlsx": (_xlsx([["姓名", "推荐单位"], ["张三", "东湖"]])[:400], "file_corrupt"),
    "garbage_inside.xlsx": (_garbage_inside(), "file_corrupt"),
    "really_a_csv.xlsx": ("姓名,推荐单位\r\n张三,东湖街道\r\n".encode(), "file_xlsx_is_text"),
    "empty.xlsx": (b"", "file_empty"),
    "empty.csv": (b"", "file_empty"),
    "binary.csv": (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)), "file_binary"),
    "unknown_encoding.csv": ("奖项,编号\n".encode() + b"\xff\xfe\xff,\x81\x20,x\n" * 3,
                             "file_encoding"),
}
#: Data rows without their header row, per importer: what each says about it.
NO_HEADER = {
    "candidates": ("十佳优秀服务标兵,张三,东湖街道\r\n十佳优秀服务标兵,李四,西山镇\r\n",
                   "header_missing"),
    "online": ("1,120\r\n2,98\r\n", "online_no_vote_columns"),
    "experts": ("专家甲,1,95\r\n专家乙,1,90\r\n", "expert_no_columns"),
}
#: Words each message must say, in Chinese and in English.
WORDS = {
    "file_corrupt": ("已损坏或不是 .xlsx 格式", "damaged or not in .xlsx format"),
    "file_xlsx_is_text": ("请把扩展名改为 .csv", "rename it to .csv"),
    "file_empty": ("是空的", "is empty"),
    "file_binary": ("不是文本表格", "is not a text table"),
    "file_encoding": ("无法识别文件", "Cannot tell the encoding"),
    "header_missing": ("找不到表头", "No header row found"),
    "online_no_vote_columns": ("找不到票数列或投票选项列", "No votes column and no choice column"),
    "expert_no_columns": ("找不到专家、候选对象和分数列", "No expert, candidate and score"),
    "backup_manifest_damaged": ("清单 manifest.json 已损坏或不完整，未恢复任何内容",
                                "is damaged or incomplete; nothing was restored"),
    "backup_not_found": ("不是 BallotDesk 备份", "is not a BallotDesk backup"),
    "backup_damaged": ("备份已损坏，未恢复任何内容", "The backup is damaged and nothing was"),
    "backup_database_damaged": ("备份中的数据库", "in the backup cannot be read"),
    "restore_failed": ("恢复失败，数据库未改动", "The restore failed and the database was not"),
}
COMMANDS = {
    "candidates": ["candidates", "import"],
    "online": ["online", "import", "--source", "平台A"],
    "experts": ["experts", "import"],
}


def refused(cli: Cli, args: list[str], code: str) -> None:
    """``args`` fail with the words of ``code``, in Chinese and in English, no traceback."""
    for language, words in zip(("zh_CN", "en"), WORDS[code], strict=True):
        assert cli("--lang", language, *args) == 1, (args, cli.out)
        assert words in cli.err, (args, language, cli.err)
        assert "Traceback" not in cli.err


@pytest.mark.parametrize("importer", list(COMMANDS))
def test_each_bad_table_is_refused_with_its_message_and_nothing_changes(
    cli: Cli, tmp_path: Path, importer: str,
) -> None:
    cli.ok("demo")
    before = database_dump(cli.url)
    no_header, no_header_code = NO_HEADER[importer]
    cases = {**BAD_TABLES, "no_header.csv": (no_header.encode(), no_header_code)}
    for name, (content, code) in cases.items():
        path = tmp_path / name
        path.write_bytes(content)
        refused(cli, [*COMMANDS[importer], str(path)], code)
        assert name in cli.err, "the message names the file"
        assert database_dump(cli.url) == before, name


# -- backups -----------------------------------------------------------------------------------
Manifest = dict[str, Any]


def _database_file(folder: Path) -> Path:
    return folder / (SQLITE_FILE if (folder / SQLITE_FILE).exists() else SQL_DUMP_FILE)


def _rewrite_manifest(folder: Path, change: Callable[[Manifest], object]) -> None:
    manifest = json.loads((folder / MANIFEST).read_text(encoding="utf-8"))
    change(manifest)
    (folder / MANIFEST).write_text(json.dumps(manifest), encoding="utf-8")


def _replace_database(folder: Path, content: bytes) -> None:
    """The backup's database replaced and the manifest rewritten to match: the hashes agree,
    the content is no database (say, a copy that went wrong before the manifest was made)."""
    path = _database_file(folder)
    path.write_bytes(content)
    digest = hashlib.sha256(content).hexdigest()
    _rewrite_manifest(folder, lambda manifest: manifest["files"].update({path.name: digest}))


def _cut_database(folder: Path) -> None:
    data = _database_file(folder).read_bytes()
    _replace_database(folder, data[:len(data) // 2])


DAMAGE: dict[str, tuple[Callable[[Path], object], str]] = {
    "manifest_not_json": (lambda f: (f / MANIFEST).write_text('{"files": {', encoding="utf-8"),
                          "backup_manifest_damaged"),
    "manifest_binary": (lambda f: (f / MANIFEST).write_bytes(b"\xff\xfe\x00garbage"),
                        "backup_manifest_damaged"),
    "manifest_without_files": (lambda f: _rewrite_manifest(f, lambda m: m.pop("files")),
                               "backup_manifest_damaged"),
    "manifest_points_outside": (lambda f: _rewrite_manifest(
        f, lambda m: m["files"].update({"../../outside": "0" * 64})), "backup_manifest_damaged"),
    "manifest_missing": (lambda f: (f / MANIFEST).unlink(), "backup_not_found"),
    "database_changed": (lambda f: _database_file(f).write_bytes(b"changed"), "backup_damaged"),
    "database_garbage": (lambda f: _replace_database(f, b"SQLite format 3\x00 garbage" * 50),
                         "backup_database_damaged"),
    "database_cut": (_cut_database, "backup_database_damaged"),
}


@pytest.mark.parametrize("damage", list(DAMAGE))
def test_a_damaged_backup_is_refused_with_its_reason_and_the_database_is_unchanged(
    cli: Cli, backend: str, tmp_path: Path, damage: str,
) -> None:
    cli.ok("demo")
    folder = Path(cli.json("backup", str(tmp_path / "backups"), "--no-secrets")["folder"])
    cli.ok("box", "add", "东湖社区服务中心 1号箱")  # work done after the backup
    make, code = DAMAGE[damage]
    make(folder)
    before = database_dump(cli.url)
    refused(cli, ["restore", str(folder)], code)
    assert database_dump(cli.url) == before
