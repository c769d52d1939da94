"""Hostile files fail alone: a scan batch with files made to hurt (an image too large to read,
decoders raising what they were never expected to, a page the reader chokes on) records every
other page, before and after, and says what happened to each file in the user's language; on
both databases, through the real command line and the real scanning service.

Station packages and CSV cells are in the second and third parts of this module.
"""

from __future__ import annotations

import csv
import dataclasses
import hashlib
import io
import json
import os
import re
import stat
import struct
import subprocess
import sys
import warnings
import zipfile
import zlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import cv2
import numpy as np
import openpyxl
import pytest
from PIL import Image as PilImage
from sqlalchemy import select

from ballotformat.messages import RuleError
from desktop.cli.common import PASSWORD_ENV_VAR, USER_ENV_VAR
from desktop.core.accounts import service as accounts
from desktop.core.accounts.actors import Actor
from desktop.core.audit.log import AuditLog
from desktop.core.enums import Role
from desktop.core.printing.boxes import BoxInfo
from desktop.core.records.recording import Recorder
from desktop.core.records.scanjob import ScanCounts, scan_paths
from desktop.core.registry.service import CampaignInfo
from desktop.core.services import Services
from desktop.core.stations import package as station_package
from desktop.core.stations.merge import STAGING_PREFIX
from desktop.core.store.db import Database
from desktop.core.store.models import Sheet
from desktop.core.tabular import csv_cell, csv_text
from scanning import batch
from scanning.sources import read_file
from scanning.sources.base import MAX_PAGE_PIXELS, AcquiredImage, AcquisitionProblem
from tests.ballot_files import fill_in, print_and_rasterize, save_scans
from tests.conftest import ORGANISER, PASSWORD, Cli, person
from tests.station_files import STATION_NAME, StationSetup, make_station, state_of

ROOT = Path(__file__).resolve().parents[1]
#: An A3 page (297 × 420 mm) scanned at 1200 dpi, in pixels: the largest page to be read.
A3_1200_DPI_PX = (14032, 19843)
#: Peak memory allowed to ``ballotdesk scan`` of a 20000 × 20000 PNG: the program itself takes
#: about 210 MB; decoding the image would take 400 MB more (it took 850 MB before the limit).
HUGE_SCAN_MAX_RSS_MB = 400


# -- hostile images, made cheaply --------------------------------------------------------------
def _chunk(kind: bytes, body: bytes) -> bytes:
    return (struct.pack(">I", len(body)) + kind + body
            + struct.pack(">I", zlib.crc32(kind + body)))


def white_png(width: int, height: int, rows: int | None = None) -> bytes:
    """A grey PNG, all white, of ``width`` × ``height`` as its header says, written row by row
    (a 20000 × 20000 one is 440 KB and never is in memory whole); with ``rows``, only that many
    rows of data follow: the file is cut short."""
    packer = zlib.compressobj(9)
    row = b"\x00" + b"\xff" * width
    data = b"".join(packer.compress(row) for _ in range(height if rows is None else rows))
    header = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    return (b"\x89PNG\r\n\x1a\n" + _chunk(b"IHDR", header)
            + _chunk(b"IDAT", data + packer.flush()) + _chunk(b"IEND", b""))


def _two_page_tiff() -> bytearray:
    out = io.BytesIO()
    pages = [PilImage.fromarray(np.full((60, 40), value, np.uint8)) for value in (255, 128)]
    pages[0].save(out, "TIFF", save_all=True, append_images=pages[1:])
    return bytearray(out.getvalue())


def _patch_tag(data: bytearray, page: int, tag: int, *, new_tag: int | None = None,
               value: int | None = None) -> bytearray:
    """Change one entry of the ``page``-th image file directory (IFD) of a little-endian TIFF:
    its tag number, or its (inline) value."""
    (offset,) = struct.unpack_from("<I", data, 4)
    for _ in range(page):
        (entries,) = struct.unpack_from("<H", data, offset)
        (offset,) = struct.unpack_from("<I", data, offset + 2 + 12 * entries)
    (entries,) = struct.unpack_from("<H", data, offset)
    for number in range(entries):
        at = offset + 2 + 12 * number
        found, kind = struct.unpack_from("<HH", data, at)
        if found == tag:
            if new_tag is not None:
                struct.pack_into("<H", data, at, new_tag)
            if value is not None:
                struct.pack_into("<HH" if kind == 3 else "<I", data, at + 8,
                                 *((value, 0) if kind == 3 else (value,)))
            return data
    raise KeyError(tag)


def tiff_bad_second_ifd() -> bytes:
    """Two pages; the second page's directory lost its width: Pillow raises TypeError
    ("Missing dimensions") while counting the pages, which no caller expected."""
    return bytes(_patch_tag(_two_page_tiff(), 1, 256, new_tag=0xC350))


def tiff_huge_second_page() -> bytes:
    """Two pages; the second says it is 20000 × 20000 (its data is 60 × 40)."""
    data = _patch_tag(_two_page_tiff(), 1, 256, value=20000)
    return bytes(_patch_tag(data, 1, 257, value=20000))


def sliver_png() -> bytes:
    """A 1-pixel-wide strip: decodes fine, and the reader's shrinking step raised on it."""
    return bytes(cv2.imencode(".png", np.full((5000, 1), 255, np.uint8))[1])


#: name → (content, the message code of its outcome (one per page), words of its Chinese text).
HOSTILE: dict[str, tuple[bytes, list[str], str]] = {
    "huge.png": (white_png(20000, 20000), ["source_image_too_large"], "过大（400 百万像素）"),
    "huge-header.png": (white_png(20000, 20000, rows=3), ["source_image_too_large"], "过大"),
    "cut.png": (white_png(2000, 2000, rows=1000)[:-200], ["source_image_truncated"], "不完整"),
    "zero.jpg": (b"", ["source_file_empty"], "是空的"),
    "letter.jpg": ("这不是图片，是一封信。\n".encode(), ["source_file_not_image"],
                   "不是图片或 PDF"),
    "bad-ifd.tif": (tiff_bad_second_ifd(), ["source_file_failed"], "读取失败（TypeError）"),
    "huge-page-2.tif": (tiff_huge_second_page(), ["sheet_rejected", "source_image_too_large"],
                        "过大"),
    "sliver.png": (sliver_png(), ["sheet_rejected"], "图像无法读取"),
}


@pytest.fixture
def hostile_batch(scans: list[Path], tmp_path: Path) -> list[Path]:
    """Every file of :data:`HOSTILE` between the two pages of a good ballot."""
    folder = tmp_path / "hostile"
    folder.mkdir()
    files = []
    for name, (content, _codes, _words) in HOSTILE.items():
        (folder / name).write_bytes(content)
        files.append(folder / name)
    return [scans[0], *files, scans[1]]


def recorded_sources(services: Services) -> list[tuple[str, bool]]:
    with services.db.transaction() as s:
        return [(Path(source).name, counted is not None) for source, counted in s.execute(
            select(Sheet.source, Sheet.counted_key).order_by(Sheet.id))]


pytestmark = pytest.mark.both_backends


def test_cli_scan_records_the_pages_around_every_hostile_file(
    cli: Cli, services: Services, hostile_batch: list[Path],
) -> None:
    outcomes = cli.json("scan", "--workers", "2", *map(str, hostile_batch))
    assert "Traceback" not in cli.err
    by_file: dict[str, list[dict[str, object]]] = {}
    for outcome in outcomes:
        by_file.setdefault(Path(str(outcome["file"])).name, []).append(outcome)
    assert list(by_file) == [path.name for path in hostile_batch], "each file, in order"
    good_first, good_last = hostile_batch[0].name, hostile_batch[-1].name
    assert [o["recorded"] for o in by_file[good_first] + by_file[good_last]] == [True, True]
    for name, (_content, codes, words) in HOSTILE.items():
        got = by_file[name]
        assert [o.get("reason") for o in got if not o["recorded"]] == codes, (name, got)
        assert all(o["status"] == "rejected" for o in got if not o["recorded"]), got
        assert words in "".join(str(o["message"]) for o in got), (name, got)
    # The strip and the TIFF's good first page are stored (rejected, never counted), the rest
    # is not: nothing of the batch was lost, nothing counted that should not be.
    assert recorded_sources(services) == [
        (good_first, True), ("huge-page-2.tif", False), ("sliver.png", False),
        (good_last, True)]

    text = cli.ok("--lang", "en", "scan", "--workers", "1", *map(str, hostile_batch))
    assert "is too large (400 megapixels), over the limit of 300 megapixels" in text
    assert "could not be read (TypeError)" in text
    assert text.splitlines()[-1] == ("11 pages: 0 accepted, 0 for review, 7 rejected, "
                                     "4 recorded before.")
    assert AuditLog(services.db).verify().ok


def test_cli_interpret_reads_the_pages_around_every_hostile_file(
    cli: Cli, hostile_batch: list[Path],
) -> None:
    outcomes = cli.json("interpret", "--workers", "2", *map(str, hostile_batch))
    assert [o["status"] for o in outcomes] == ["accepted", *["rejected"] * 9, "accepted"]
    assert "Traceback" not in cli.err


def test_the_scan_service_counts_each_hostile_file_once(
    services: Services, hostile_batch: list[Path],
) -> None:
    counts = ScanCounts()
    for outcome in scan_paths(Recorder(services.db, services.actor), hostile_batch, workers=2):
        counts.add(outcome)
    assert (counts.accepted, counts.review, counts.rejected, counts.already) == (2, 0, 9, 0)


@pytest.mark.skipif(not Path("/proc/self/status").exists(), reason="VmHWM is Linux's")
def test_a_huge_png_is_refused_from_its_header_without_decoding_it(
    db_url: str, tmp_path: Path,
) -> None:
    """Through the real ``ballotdesk`` in a process of its own, to measure its peak memory."""
    huge = tmp_path / "huge.png"
    huge.write_bytes(HOSTILE["huge.png"][0])
    db = Database.open(db_url)
    try:
        accounts.setup(db, ORGANISER.name, PASSWORD)
    finally:
        db.dispose()
    # The peak of this program's own memory: VmHWM of its address space. (ru_maxrss is carried
    # over an exec on Linux, so it reports pytest's own size when that was larger.)
    program = ("import re, sys\n"
               "from desktop.cli import main\n"
               "try:\n"
               "    code = main(sys.argv[1:])\n"
               "finally:\n"
               "    status = open('/proc/self/status').read()\n"
               "    peak = re.search(r'VmHWM:\\s*(\\d+) kB', status).group(1)\n"
               "    print(f'peak {peak}', file=sys.stderr)\n"
               "sys.exit(code)\n")
    env = {**os.environ, USER_ENV_VAR: ORGANISER.name, PASSWORD_ENV_VAR: PASSWORD,
           "PYTHONPATH": str(ROOT)}
    run = subprocess.run(
        [sys.executable, "-c", program, "--db", db_url, "--lang", "en", "scan", "--workers", "1",
         str(huge)], env=env, capture_output=True, text=True, timeout=120, check=False)
    assert run.returncode == 0, run.stderr
    assert "is too large (400 megapixels)" in run.stdout
    assert "1 page: 0 accepted, 0 for review, 1 rejected" in run.stdout
    peak_kb = int(run.stderr.rsplit("peak ", 1)[1].split()[0])
    assert peak_kb / 1024 < HUGE_SCAN_MAX_RSS_MB, f"{peak_kb / 1024:.0f} MB"


def test_an_a3_page_at_1200_dpi_is_within_the_limit_and_20000_square_is_not(
    tmp_path: Path,
) -> None:
    width, height = A3_1200_DPI_PX
    assert width * height <= MAX_PAGE_PIXELS < 20000 * 20000
    # Its header passes the limit: decoding is tried (and finds the rows missing).
    cut = tmp_path / "a3-1200dpi.png"
    cut.write_bytes(white_png(width, height, rows=2))
    (item,) = read_file(cut)
    assert isinstance(item, AcquisitionProblem)
    assert item.code == "source_image_corrupt"
    # A whole one a little narrower is read (its rows are cheap to store).
    strip = tmp_path / "a3-strip.png"
    strip.write_bytes(white_png(width, 200))
    (page,) = read_file(strip)
    assert isinstance(page, AcquiredImage)
    assert page.image.shape == (200, width)


# -- CSV cells a spreadsheet would run ---------------------------------------------------------
#: Names that a spreadsheet opening a .csv would run as formulas, and names that merely start
#: like one (or with the quote that neutralises them): each must come back exactly.
FORMULA_NAMES = ("=cmd|' /C calc'!A0", '=HYPERLINK("http://evil.example","点我")', "-王",
                 "+86 领航窗口", "@SUM(A1:A2)", "'abc", "''两个引号", "=1+1")


#: The units of the ``units`` fixture: at most 3 candidates each in a category.
UNITS = ("东湖街道", "西山镇", "南岭乡", "北港街道", "城关镇")


def _csv_rows(path: Path) -> list[list[str]]:
    with path.open(encoding="utf-8-sig", newline="") as handle:
        return list(csv.reader(handle))


def test_csv_cells_are_neutralised_and_read_back_exactly() -> None:
    written = {text: csv_cell(text) for text in (*FORMULA_NAMES, "\tTab", "\rCR", "-5", "+3.5",
                                                 "普通名称", "", None)}
    assert written == {
        "=cmd|' /C calc'!A0": "'=cmd|' /C calc'!A0",
        '=HYPERLINK("http://evil.example","点我")': '\'=HYPERLINK("http://evil.example","点我")',
        "-王": "'-王", "+86 领航窗口": "'+86 领航窗口", "@SUM(A1:A2)": "'@SUM(A1:A2)",
        "'abc": "''abc", "''两个引号": "'''两个引号", "=1+1": "'=1+1", "\tTab": "'\tTab",
        "\rCR": "'\rCR", "-5": "-5", "+3.5": "+3.5", "普通名称": "普通名称", "": "", None: ""}
    assert all(csv_text(cell) == (text or "") for text, cell in written.items())


def test_candidates_export_csv_neutralises_formulas_and_the_import_reverses_it(
    cli: Cli, services: Services, campaign: CampaignInfo, categories: list[object],
    units: list[object], tmp_path: Path,
) -> None:
    for number, name in enumerate(FORMULA_NAMES):
        services.candidates.add(campaign.id, person(name, UNITS[number % len(UNITS)],
                                                    summary=f"{name} 的事迹"))
    exported = tmp_path / "候选对象.csv"
    cli.ok("candidates", "export", str(exported))
    rows = _csv_rows(exported)
    names = [row[2] for row in rows[1:]]
    assert sorted(names) == sorted(csv_cell(name) for name in FORMULA_NAMES)
    assert not any(cell.startswith(("=", "+", "-", "@")) for row in rows for cell in row), \
        "no cell a spreadsheet would run"

    fresh = services.registry.create_campaign("2027年度十佳评选")
    cli.ok("candidates", "import", str(exported), "--campaign", str(fresh.id),
           "--create-missing")
    copied = {c.name: c.summary for c in services.candidates.list(fresh.id)}
    assert copied == {name: f"{name} 的事迹" for name in FORMULA_NAMES}, "exactly as they were"


def test_an_xlsx_export_writes_a_formula_name_as_a_text_cell(
    services: Services, campaign: CampaignInfo, categories: list[object], units: list[object],
    tmp_path: Path,
) -> None:
    for number, name in enumerate(FORMULA_NAMES):
        services.candidates.add(campaign.id, person(name, UNITS[number % len(UNITS)]))
    exported = tmp_path / "候选对象.xlsx"
    services.exporter.export(campaign.id, exported)
    with zipfile.ZipFile(exported) as book:
        sheet = book.read("xl/worksheets/sheet1.xml").decode()
    assert "<f>" not in sheet and "<f " not in sheet, "no formula cell"
    values = [row[2] for row in openpyxl.load_workbook(exported).active.iter_rows(
        min_row=2, values_only=True)]
    assert sorted(values) == sorted(FORMULA_NAMES), "the names as they are, no quote added"
    fresh = services.registry.create_campaign("2027年度十佳评选")
    preview = services.importer.preview(fresh.id, exported, create_missing=True)
    services.importer.commit(preview)
    assert sorted(c.name for c in services.candidates.list(fresh.id)) == sorted(FORMULA_NAMES)


def test_results_cvr_and_audit_csv_neutralise_formulas(
    cli: Cli, services: Services, tmp_path: Path,
) -> None:
    cli.ok("demo")
    demo = services.registry.find_campaign()
    first = services.candidates.list(demo.id)[0]
    hostile_name = '=HYPERLINK("http://evil.example","点我")'
    services.candidates.update(first.id, dataclasses.replace(first.fields, name=hostile_name))
    hostile_box = "=cmd|' /C calc'!A0"
    box = services.boxes.add_box(demo.id, hostile_box)
    _batch, layout, ballots = print_and_rasterize(services, demo.id, box.id, 1, tmp_path)
    scanned = save_scans(fill_in(layout, ballots[0], {first.category: [first.number_text]}),
                         tmp_path / "in", "b")
    cli.ok("scan", "--workers", "1", *map(str, scanned))
    # Someone whose name a spreadsheet would run, on the audit log's actor column.
    insider = Services.for_database(services.db, Actor("@SUM(1+1)*cmd", Role.ORGANISER))
    insider.boxes.add_box(demo.id, "-王 的箱")

    results, cvr, audit = tmp_path / "results.csv", tmp_path / "cvr", tmp_path / "audit.csv"
    cli.ok("results", "--csv", str(results))
    cli.ok("cvr", "export", str(cvr))
    cli.ok("audit", "export", str(audit))
    assert csv_cell(hostile_name) in [cell for row in _csv_rows(results) for cell in row]
    assert [row[1] for row in _csv_rows(cvr / "cvr.csv")[1:]] == [csv_cell(hostile_box)]
    for path in (results, cvr / "cvr.csv", audit):
        assert not any(cell.startswith(("=", "+", "@")) for row in _csv_rows(path)
                       for cell in row), path.name
    assert "'@SUM(1+1)*cmd" in [row[2] for row in _csv_rows(audit)], "the actor column"
    assert "完整" in cli.ok("audit", "verify", "--file", str(audit)), \
        "the exported log reads back exactly: its chain still verifies"
    docs = (ROOT / "docs" / "audit.md").read_text(encoding="utf-8")
    code = re.search(r"```python\n(.*?)```", docs, re.S)
    assert code is not None
    namespace: dict[str, object] = {"__name__": "docs"}
    exec(compile(code.group(1), "docs/audit.md", "exec"), namespace)
    verify_file = namespace["verify_file"]
    assert callable(verify_file)
    assert verify_file(str(audit)) == _csv_rows(audit)[-1][-1], \
        "the documented check without BallotDesk undoes the quote too"


# -- station packages made to hurt -------------------------------------------------------------
@dataclass
class SignedPackage:
    station: StationSetup
    path: Path

    def members(self) -> dict[str, bytes]:
        with zipfile.ZipFile(self.path) as zf:
            return {name: zf.read(name) for name in zf.namelist()}

    def signed(self, target: Path, extra: dict[str, bytes] | None = None,
               write: Callable[[zipfile.ZipFile], None] | None = None,
               listed: dict[str, str] | None = None) -> Path:
        """A copy with ``extra`` members listed in the manifest, signed again with the
        station's own key (so that only the new checks can refuse it); ``write`` adds members
        itself, listed with the SHA-256 of ``listed``."""
        members = self.members()
        manifest = json.loads(members.pop(station_package.MANIFEST))
        members.pop(station_package.SIGNATURE)
        manifest["files"].update(listed or {})
        for name, data in (extra or {}).items():
            members[name] = data
            manifest["files"][name] = hashlib.sha256(data).hexdigest()
        raw = json.dumps(manifest, ensure_ascii=False).encode()
        _key, private = self.station.stations._signing_key()
        with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as zf:
            for name, data in members.items():
                zf.writestr(name, data)
            if write is not None:
                write(zf)
            zf.writestr(station_package.MANIFEST, raw)
            zf.writestr(station_package.SIGNATURE, private.sign(raw))
        return target


@pytest.fixture
def signed_package(services: Services, demo: CampaignInfo, box: BoxInfo, tmp_path: Path
                   ) -> SignedPackage:
    """A station with one ballot scanned, registered here, and its package."""
    _batch, layout, ballots = print_and_rasterize(services, demo.id, box.id, 1, tmp_path)
    station = make_station(services, tmp_path / "station")
    station.scan(save_scans(fill_in(layout, ballots[0], {}), tmp_path / "station-scans", "b"))
    key = station.stations.current()
    assert key is not None
    services.stations.register(STATION_NAME, key.fingerprint_text)
    path = station.stations.export_package(demo.id, tmp_path / "package.zip").path
    return SignedPackage(station, path)


def _declare_size(path: Path, member: str, size: int) -> Path:
    """Make the zip's central directory say ``member`` unpacks to ``size`` bytes."""
    data = bytearray(path.read_bytes())
    entry = data.rindex(b"PK\x01\x02", 0, data.rindex(member.encode()) + 1)
    struct.pack_into("<I", data, entry + 24, size)  # the uncompressed size
    path.write_bytes(bytes(data))
    return path


def _zeros_member(zf: zipfile.ZipFile, name: str, size: int) -> None:
    """A member of ``size`` zero bytes, deflated (a few MB per GB), written a chunk at a time."""
    chunk = bytes(8 << 20)
    with zf.open(zipfile.ZipInfo(name), "w", force_zip64=True) as out:
        for _ in range(size // len(chunk)):
            out.write(chunk)
        out.write(bytes(size % len(chunk)))


def test_hostile_packages_are_refused_before_anything_is_read_or_written(
    services: Services, signed_package: SignedPackage, tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    package = signed_package
    image = next(name for name in package.members() if name.startswith("images/"))
    before = state_of(services.db)
    archive = services.stations.archive
    archived = sorted(archive.rglob("*"))
    hostile = tmp_path / "hostile"
    hostile.mkdir()

    def refused(path: Path, code: str, **expected: object) -> None:
        with pytest.raises(RuleError) as refusal:
            services.stations.import_package(path)
        (message,) = refusal.value.messages
        assert message.code == code, (path.name, message.text("en"))
        for key, value in expected.items():
            assert message.params[key] == value, (path.name, message.params)
        assert message.text("zh_CN") and message.text("en")
        assert state_of(services.db) == before, path.name
        assert sorted(archive.rglob("*")) == archived, "nothing left in the archive"
        assert not list(tmp_path.rglob("evil*")), "nothing written outside"

    # A manifest that unpacks to 40 MB of spaces (40 KB in the zip): refused from the zip's
    # directory, before a byte of it is read.
    huge_manifest = hostile / "manifest-bomb.zip"
    with zipfile.ZipFile(huge_manifest, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in package.members().items():
            if name != station_package.MANIFEST:
                zf.writestr(name, data)
        zf.writestr(station_package.MANIFEST, b"{" + b" " * (40 << 20) + b"}")
    with zipfile.ZipFile(huge_manifest) as zf:
        info = zf.getinfo(station_package.MANIFEST)
        assert (info.compress_size, info.file_size) < (1 << 20, (40 << 20) + 3)
    refused(huge_manifest, "package_member_too_large", member="manifest.json")
    # The same, declared small: unpacking stops where the declared size ends, and the data
    # then fails its check.
    refused(_declare_size(huge_manifest, station_package.MANIFEST, 1000), "package_damaged")
    # A signed package listing an image of more than 1 GiB (5 MB in the zip), with the hash of
    # what it holds: refused from the zip's directory, nothing unpacked into the archive.
    big = station_package.MAX_IMAGE_BYTES + (1 << 20)
    digest = hashlib.sha256()
    for _ in range(big // (8 << 20)):
        digest.update(bytes(8 << 20))
    digest.update(bytes(big % (8 << 20)))
    name = f"images/{digest.hexdigest()}.png"
    huge_image = package.signed(hostile / "huge-image.zip",
                                write=lambda zf: _zeros_member(zf, name, big),
                                listed={name: digest.hexdigest()})
    refused(huge_image, "package_member_too_large", member=name)
    refused(_declare_size(huge_image, name, 1 << 20), "package_damaged")
    # Names that are no names of a package, a link, a name twice.
    refused(package.signed(hostile / "up.zip", {"../evil.txt": b"x"}), "package_member_unsafe",
            member="../evil.txt")
    refused(package.signed(hostile / "abs.zip", {"/tmp/evil.txt": b"x"}),
            "package_member_unsafe", member="/tmp/evil.txt")
    refused(package.signed(hostile / "dir.zip", {"images/../../evil.png": b"x"}),
            "package_member_unsafe")

    def link(zf: zipfile.ZipFile) -> None:
        info = zipfile.ZipInfo(f"images/{'0' * 64}.png")
        info.external_attr = (stat.S_IFLNK | 0o777) << 16
        zf.writestr(info, b"/etc/passwd")

    refused(package.signed(hostile / "link.zip", write=link), "package_member_link")

    def twice(zf: zipfile.ZipFile) -> None:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", UserWarning)  # zipfile's "Duplicate name"
            zf.writestr(image, b"another image under the same name")

    refused(package.signed(hostile / "twice.zip", write=twice), "package_member_duplicate",
            member=image)
    # Too many members: the limit lowered to what this package holds, to keep the test small.
    monkeypatch.setattr(station_package, "MAX_MEMBERS", len(package.members()) - 1)
    refused(package.path, "package_too_many_members")
    monkeypatch.undo()
    # The untouched package still goes in, and leaves no staging folder behind.
    assert services.stations.import_package(package.path).new == 2
    assert not [p for p in archive.rglob("*") if p.name.startswith(STAGING_PREFIX)]


def test_cli_station_import_refuses_a_traversal_in_the_user_s_language(
    cli: Cli, services: Services, signed_package: SignedPackage, tmp_path: Path,
) -> None:
    path = signed_package.signed(tmp_path / "up.zip", {"../evil.txt": b"x"})
    assert cli("station", "import", str(path)) == 1
    assert "“../evil.txt”不是计票站数据包的文件名" in cli.err
    assert cli("--lang", "en", "station", "import", str(path)) == 1
    assert "“../evil.txt”, which is no name of a station package" in cli.err
    assert not (tmp_path / "evil.txt").exists()


#: How long a test waits for a reading pool's first worker (seconds; 2 s idle, 10 s busy here).
POOL_READY_TIMEOUT_S = 120


def test_decoded_images_in_flight_to_the_workers_are_bounded(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """With the budget at one and a half pages, two pages are handed out to the pool before
    the first answer is awaited (not TASKS_PER_WORKER per worker); every page is still read,
    in order. The first page is read here while the pool starts; the rest waits for it."""
    page = np.full((400, 300), 255, np.uint8)
    monkeypatch.setattr(batch, "MAX_IMAGE_BYTES_IN_FLIGHT", page.nbytes * 3 // 2)
    monkeypatch.setattr(batch, "MIN_PAGES_PER_WORKER", 1)
    stats = batch.ReadStats()
    pulled: list[int] = []

    def tasks() -> Iterator[tuple[int, np.ndarray]]:
        yield 0, page
        assert stats.ready.wait(POOL_READY_TIMEOUT_S), "the reading pool never got ready"
        for number in range(1, 7):
            pulled.append(number)
            yield number, page

    results = batch.read_in_order(tasks(), batch.ReadContext.of({}, []), workers=2,
                                  expected=7, stats=stats)
    assert next(results)[0] == 0
    second, _result = next(results)
    assert (second, pulled) == (1, [1, 2])
    rest = [key for key, result in results if result is not None]
    assert rest == [2, 3, 4, 5, 6]
    assert (stats.in_process, stats.in_workers) == (1, 6)
