"""``ballotdesk --self-test``: prove that this installation works, from source or in the bundle.

Everything happens in a temporary folder, on a SQLite database of its own (never the user's
database, archive, settings or log), and offscreen: a small campaign is registered through the
services, two ballots are printed to a PDF, rasterized and ticked like a voter would, saved as
JPEG scans and read back through the real pipeline on two worker processes; the tally must
equal what was ticked, and a second scan of a ballot and a forged ballot (signed with another
key) must not count. Last, the main window is opened offscreen and the Chinese interface font
and translation are checked.

The report is one line per check (✓/✗, in Chinese and English, with its time) and a verdict;
the exit status is 0 when every check passed, else 1. The build script runs it on the
bundled executable before it reports success (see docs/installer.md).
"""

from __future__ import annotations

import importlib
import os
import platform
import sys
import tempfile
import time
import traceback
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from importlib import metadata
from pathlib import Path
from typing import Any, TextIO

import cv2
from numpy.typing import NDArray

from ballotformat import Layout
from ballotformat.font_file import ballot_font_path
from ballotformat.resources import resources_dir
from desktop.core.accounts import Actor
from desktop.core.enums import CandidateKind, CandidateStatus, Role
from desktop.core.printing import PrintOptions
from desktop.core.records import Recorder, RecordOutcome, scan_paths
from desktop.core.registry import CandidateFields
from desktop.core.results import paper_tally
from desktop.core.services import Services
from scanning.decoder import _backend as decoder_backends
from scanning.decoder import decode_qr
from scanning.reasons import Reason, Status
from scanning.sources import Image
from scanning.synthetic import draw_tick, rasterize_pdf

ACTOR = Actor("自检 self-test", Role.ORGANISER)
#: Worker processes for reading: two, to prove that worker processes start (in a bundle too).
READ_WORKERS = 2
JPEG_QUALITY = 90
#: The offscreen window's size, in pixels.
WINDOW_SIZE_PX = (1100, 720)

WINDOWS, STAFF = "十佳优良服务窗口", "十佳优秀服务标兵"
#: The small campaign: category → (kind, at most this many marks, candidates as (name, unit)).
CAMPAIGN: Mapping[str, tuple[CandidateKind, int, Sequence[tuple[str, str]]]] = {
    WINDOWS: (CandidateKind.WINDOW, 2, (
        ("东湖街道便民服务窗口", "东湖街道"), ("西山镇社保窗口", "西山镇"),
        ("东湖街道户籍窗口", "东湖街道"), ("西山镇不动产登记窗口", "西山镇"))),
    STAFF: (CandidateKind.PERSON, 1,
            (("张伟", "东湖街道"), ("李娜", "西山镇"), ("王芳", "西山镇"))),
}
#: What the two voters ticked: category → candidate numbers as printed.
VOTES: tuple[Mapping[str, Sequence[str]], ...] = (
    {WINDOWS: ("01", "03"), STAFF: ("02",)},
    {WINDOWS: ("03",), STAFF: ("01",)},
)
#: Text the interface must draw with real glyphs (not empty boxes).
CHINESE_SAMPLE = "选票台十佳评"


class CheckFailedError(Exception):
    """A check found something wrong; the message says what, in a few words."""


@dataclass(frozen=True)
class CheckResult:
    zh: str
    en: str
    ok: bool
    seconds: float
    detail: str = ""

    def line(self) -> str:
        mark = "✓" if self.ok else "✗"
        detail = f"  {self.detail}" if self.detail else ""
        return f"{mark} {self.zh} / {self.en} ({self.seconds:.2f} s){detail}"


@dataclass
class Workspace:
    """What the checks build up, one after the other, in the temporary folder."""

    folder: Path
    services: Services | None = None
    campaign_id: int = 0
    box_id: int = 0
    layout: Layout | None = None
    pages: list[Image] = field(default_factory=list)
    scans: list[Path] = field(default_factory=list)

    def need_services(self) -> Services:
        if self.services is None:
            raise CheckFailedError("no database (an earlier check failed)")
        return self.services

    def need_layout(self) -> Layout:
        if self.layout is None:
            raise CheckFailedError("no printed ballot (an earlier check failed)")
        return self.layout

    def recorder(self) -> Recorder:
        """Scans are archived in the temporary folder, whatever $BALLOTDESK_ARCHIVE says."""
        return Recorder(self.need_services().db, ACTOR, station="self-test",
                        archive=self.folder / "archive")


def app_version() -> str:
    try:
        return metadata.version("ballotdesk")
    except metadata.PackageNotFoundError:
        return "unknown"


def _expect(condition: bool, problem: str) -> None:
    if not condition:
        raise CheckFailedError(problem)


# --- the checks, in order; each returns a short detail for the report -------------------------

def check_resources(_ws: Workspace) -> str:
    root = resources_dir()
    wanted = [ballot_font_path(), root / "translations" / "ballotdesk_zh_CN.qm",
              root / "translations" / "ballotdesk_en.qm", root / "icons" / "ballotdesk.png",
              root / "demo" / "demo_campaign.json"]
    missing = [str(path.relative_to(root)) for path in wanted if not path.is_file()]
    _expect(not missing, f"missing in {root}: {', '.join(missing)}")
    return f"{root}; SANE scanners: {'yes' if sane_available() else 'no'}"


def sane_available() -> bool:
    """python-sane and the system's libsane load (not required: scanning to a folder works
    without; reported so that a bundle built without the scanner extra is noticed)."""
    try:
        importlib.import_module("sane")
    except (ImportError, OSError):
        return False
    return True


def check_database(ws: Workspace) -> str:
    from desktop.core.store import head_revision

    path = ws.folder / "selftest.sqlite3"
    ws.services = Services.open(f"sqlite:///{path}", ACTOR)
    return f"schema {head_revision()}, {path.name}"


def check_campaign(ws: Workspace) -> str:
    services = ws.need_services()
    registry, candidates = services.registry, services.candidates
    campaign = registry.create_campaign("自检评选 self-test", "临时 temporary")
    for unit in sorted({unit for _k, _m, people in CAMPAIGN.values() for _n, unit in people}):
        registry.add_unit(campaign.id, unit, quota=3)
    shortlisted = 0
    for name, (kind, max_marks, people) in CAMPAIGN.items():
        category = registry.add_category(campaign.id, name, winners=max_marks,
                                         max_marks=max_marks, kind=kind)
        ids = [candidates.add(campaign.id, CandidateFields(name=person, category=name,
                                                           unit=unit)).id
               for person, unit in people]
        shortlisted += candidates.set_status(ids, CandidateStatus.SHORTLISTED)
        candidates.assign_numbers(category.id)
    ws.campaign_id = campaign.id
    return f"{len(CAMPAIGN)} categories, {shortlisted} candidates shortlisted and numbered"


def check_print(ws: Workspace) -> str:
    services = ws.need_services()
    box = services.boxes.add_box(ws.campaign_id, "自检投票箱")
    pdf = ws.folder / "ballots.pdf"
    batch = services.printing.print_batch(ws.campaign_id, box.id, len(VOTES), pdf, PrintOptions())
    ws.box_id = box.id
    ws.layout = services.printing.stored_layout(ws.campaign_id, batch.layout_version)
    _expect(ws.layout is not None, "the printed layout was not stored")
    ws.pages = rasterize_pdf(pdf)
    _expect(len(ws.pages) == len(VOTES) * ws.need_layout().page_count,
            f"{len(ws.pages)} pages in the PDF")
    return f"{len(VOTES)} ballots, {len(ws.pages)} pages, {pdf.stat().st_size // 1024} KB PDF"


def tick(layout: Layout, pages: Sequence[Image], votes: Mapping[str, Sequence[str]]
         ) -> list[Image]:
    """Copies of one ballot's pages with ``votes`` ticked in their boxes."""
    filled = [page.copy() for page in pages]
    for layout_page in layout.pages:
        for target in layout_page.targets:
            if target.candidate in votes.get(target.category, ()):
                draw_tick(filled[layout_page.page - 1], target.box_mm)
    return filled


def save_jpeg(image: NDArray[Any], path: Path, quality: int = JPEG_QUALITY) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    _expect(cv2.imwrite(str(path), image, [cv2.IMWRITE_JPEG_QUALITY, quality]),
            f"cannot write {path.name}")
    return path


def check_mark(ws: Workspace) -> str:
    layout = ws.need_layout()
    per_ballot = layout.page_count
    for number, votes in enumerate(VOTES):
        pages = ws.pages[number * per_ballot:(number + 1) * per_ballot]
        for page_number, page in enumerate(tick(layout, pages, votes), 1):
            name = f"b{number + 1}-p{page_number}.jpg"
            ws.scans.append(save_jpeg(page, ws.folder / "scans" / name))
    ticks = sum(len(numbers) for votes in VOTES for numbers in votes.values())
    return f"{ticks} ticks on {len(ws.scans)} JPEG scans"


def check_decoders(ws: Workspace) -> str:
    """Each QR decoder on its own reads the first page: zxing-cpp, and pyzbar (libzbar)."""
    _expect(bool(ws.pages), "no printed page (an earlier check failed)")
    found = []
    for backend in ("zxing-cpp", "pyzbar"):
        codes = decode_qr(ws.pages[0], [backend])
        _expect(bool(codes), f"{backend} is missing or read nothing")
        found.append(codes[0].text)
    _expect(len(set(found)) == 1, "the decoders disagree")
    return "zxing-cpp, pyzbar"


def check_read(ws: Workspace) -> str:
    _expect(bool(ws.scans), "no scans (an earlier check failed)")
    outcomes = list(scan_paths(ws.recorder(), [ws.scans[0].parent], workers=READ_WORKERS))
    _expect(len(outcomes) == len(ws.scans), f"{len(outcomes)} of {len(ws.scans)} pages read")
    refused = [o for o in outcomes if not o.recorded or o.result.status is not Status.ACCEPTED]
    _expect(not refused, "; ".join(_why(o) for o in refused))
    _expect({o.box_id for o in outcomes} == {ws.box_id}, "a page is not traced to its box")
    return f"{len(outcomes)} pages accepted and recorded, {READ_WORKERS} worker processes"


def expected_votes() -> dict[str, dict[str, int]]:
    votes: dict[str, dict[str, int]] = {name: {} for name in CAMPAIGN}
    for ballot in VOTES:
        for category, numbers in ballot.items():
            for number in numbers:
                votes[category][number] = votes[category].get(number, 0) + 1
    return votes


def counted_votes(ws: Workspace) -> tuple[int, dict[str, dict[str, int]]]:
    result = paper_tally(ws.need_services().db, ws.campaign_id)
    votes = {name: {number: n for number, n in count.votes.items() if n}
             for name, count in result.categories.items()}
    return result.ballots, votes


def check_tally(ws: Workspace) -> str:
    ballots, votes = counted_votes(ws)
    _expect(ballots == len(VOTES), f"{ballots} ballots counted, {len(VOTES)} cast")
    _expect(votes == expected_votes(), f"counted {votes}, ticked {expected_votes()}")
    return f"{ballots} ballots, " + "; ".join(
        f"{category} " + " ".join(f"{n}×{v}" for n, v in sorted(numbers.items()))
        for category, numbers in votes.items())


def check_duplicate(ws: Workspace) -> str:
    """A photocopy of a counted ballot (the same QR, other bytes) is never counted twice."""
    _expect(bool(ws.scans), "no scans (an earlier check failed)")
    scanned = cv2.imread(str(ws.scans[0]), cv2.IMREAD_GRAYSCALE)
    if scanned is None:
        raise CheckFailedError(f"cannot read {ws.scans[0].name}")
    copy = save_jpeg(scanned, ws.folder / "copies" / "copy.jpg", quality=70)
    (outcome,) = scan_paths(ws.recorder(), [copy], workers=1)
    _expect(not outcome.recorded and outcome.message.code == "duplicate_sheet"
            and Reason.DUPLICATE in outcome.result.reasons, f"the copy was {_why(outcome)}")
    _expect(counted_votes(ws) == (len(VOTES), expected_votes()), "the tally changed")
    return "not counted (duplicate_sheet)"


def check_forged(ws: Workspace) -> str:
    """A ballot with the right layout but signed with another key (what the print preview
    makes) is rejected for its signature."""
    services, layout = ws.need_services(), ws.need_layout()
    pdf = services.printing.preview(ws.campaign_id, PrintOptions())
    pages = tick(layout, rasterize_pdf(pdf)[:layout.page_count], VOTES[0])
    forged = [save_jpeg(page, ws.folder / "forged" / f"f-p{n}.jpg") for n, page in
              enumerate(pages, 1)]
    outcomes = list(scan_paths(ws.recorder(), forged, workers=1))
    _expect(all(o.result.status is Status.REJECTED and Reason.BAD_HMAC in o.result.reasons
                and not o.recorded for o in outcomes), "; ".join(_why(o) for o in outcomes))
    _expect(counted_votes(ws) == (len(VOTES), expected_votes()), "the tally changed")
    return "rejected (bad_hmac)"


def check_window(ws: Workspace) -> str:
    """The main window offscreen, in Chinese, on the self-test's campaign; the shipped CJK
    font draws real glyphs (a missing font draws the same empty box for every character)."""
    from PySide6.QtCore import Qt  # noqa: TID251 - the self-test checks Qt itself
    from PySide6.QtGui import QColor, QFont, QFontMetrics, QImage, QPainter  # noqa: TID251

    from desktop.ui.app import make_application
    from desktop.ui.i18n import install_language
    from desktop.ui.main_window import MainWindow

    services = ws.need_services()
    app = make_application([sys.argv[0] if sys.argv else "ballotdesk"])
    install_language("zh_CN")
    families = [f for f in app.font().families() if "WenQuanYi" in f]
    _expect(bool(families), f"the shipped font was not loaded ({ballot_font_path()})")
    font = QFont(families[0], 24)
    metrics = QFontMetrics(font)
    missing = [c for c in CHINESE_SAMPLE if not metrics.inFontUcs4(ord(c))]
    _expect(not missing, f"no glyph for {''.join(missing)}")
    drawn = set()
    for char in CHINESE_SAMPLE:
        image = QImage(48, 48, QImage.Format.Format_Grayscale8)
        image.fill(QColor("white"))
        painter = QPainter(image)
        painter.setFont(font)
        painter.setPen(QColor("black"))
        painter.drawText(image.rect(), Qt.AlignmentFlag.AlignCenter, char)
        painter.end()
        drawn.add(bytes(image.constBits()))
    _expect(len(drawn) == len(set(CHINESE_SAMPLE)), "Chinese characters are drawn alike (boxes)")
    window = MainWindow(services, ws.campaign_id, "zh_CN")
    try:
        window.resize(*WINDOW_SIZE_PX)  # drawn by grab() without a platform window
        app.processEvents()
        _expect(window.windowTitle().startswith("选票台"),
                f"the Chinese translation is not loaded (title {window.windowTitle()!r})")
        shot = window.grab().toImage()
        _expect(not shot.isNull() and shot.width() > 0, "the window could not be drawn")
        shot.save(str(ws.folder / "main_window.png"))
        colours = {shot.pixel(x, y) for x in range(0, shot.width(), 16)
                   for y in range(0, shot.height(), 16)}
        _expect(len(colours) > 2, "the window is blank")
    finally:
        window.close()
        window.deleteLater()
        app.processEvents()
    return f"{app.platformName()}, {shot.width()}×{shot.height()}, font {families[0]}"


#: (Chinese, English, check). The order matters: each check builds on the ones before.
CHECKS: tuple[tuple[str, str, Callable[[Workspace], str]], ...] = (
    ("资源文件", "resources", check_resources),
    ("临时数据库", "temporary database", check_database),
    ("评选活动", "campaign", check_campaign),
    ("印制选票", "print ballots", check_print),
    ("填写选票", "mark ballots", check_mark),
    ("条码解码", "QR decoders", check_decoders),
    ("识读记录", "read and record", check_read),
    ("计票", "tally", check_tally),
    ("重复扫描不计", "duplicate refused", check_duplicate),
    ("伪造选票不计", "forged ballot refused", check_forged),
    ("主窗口（离屏）", "main window (offscreen)", check_window),
)


def _why(outcome: RecordOutcome) -> str:
    reasons = ",".join(reason.value for reason in outcome.result.reasons) or "-"
    return f"{Path(outcome.source).name}: {outcome.result.status.value} [{reasons}] " \
           f"{outcome.message.code}"


def _first_line(failure: BaseException) -> str:
    lines = str(failure).strip().splitlines()
    return f"{type(failure).__name__}: {lines[0]}" if lines else type(failure).__name__


@contextmanager
def _offscreen() -> Iterator[None]:
    """Qt draws offscreen while the self-test runs (set before Qt starts; restored after)."""
    previous = os.environ.get("QT_QPA_PLATFORM")
    os.environ["QT_QPA_PLATFORM"] = "offscreen"
    try:
        yield
    finally:
        if previous is None:
            os.environ.pop("QT_QPA_PLATFORM", None)
        else:
            os.environ["QT_QPA_PLATFORM"] = previous


def run_checks(folder: Path, report: Callable[[CheckResult], Any] | None = None
               ) -> list[CheckResult]:
    """Every check in ``folder``; ``report`` sees each result as soon as it is known."""
    ws = Workspace(folder)
    results = []
    try:
        for zh, en, check in CHECKS:
            start = time.perf_counter()
            try:
                ok, detail = True, check(ws)
            except CheckFailedError as failed:
                ok, detail = False, str(failed)
            except Exception as failure:  # every failure is reported, never raised
                ok, detail = False, _first_line(failure)
                if os.environ.get("BALLOTDESK_SELFTEST_TRACEBACK"):
                    traceback.print_exc()
            result = CheckResult(zh, en, ok, time.perf_counter() - start, detail)
            results.append(result)
            if report is not None:
                report(result)
    finally:
        if ws.services is not None:
            ws.services.db.dispose()
        decoder_backends.cache_clear()  # zxing-cpp objects freed before exit, not "leaked"
    return results


def where() -> str:
    frozen = "bundle" if getattr(sys, "frozen", False) else "source"
    return (f"{frozen}, {platform.system()} {platform.machine()}, "
            f"Python {platform.python_version()}")


def main(out: TextIO | None = None) -> int:
    """Run the self-test, print the report on ``out`` (stdout), return the exit status."""
    stream = out or sys.stdout
    if stream is None:  # a windowed executable on Windows has no console
        stream = open(os.devnull, "w", encoding="utf-8")  # noqa: SIM115
    elif hasattr(stream, "reconfigure"):
        stream.reconfigure(errors="replace")  # a legacy console without ✓ still gets the lines

    def show(line: str) -> None:
        print(line, file=stream, flush=True)

    show(f"BallotDesk {app_version()} 自检 self-test ({where()})")
    start = time.perf_counter()
    with _offscreen(), tempfile.TemporaryDirectory(prefix="ballotdesk-selftest-",
                                                   ignore_cleanup_errors=True) as folder:
        results = run_checks(Path(folder), lambda result: show(result.line()))
    failed = sum(not r.ok for r in results)
    seconds = time.perf_counter() - start
    if failed:
        show(f"✗ 自检失败：{failed}/{len(results)} 项未通过 / self-test FAILED: {failed} of "
             f"{len(results)} checks ({seconds:.1f} s)")
        return 1
    show(f"✓ 自检通过 / self-test passed: {len(results)} checks ({seconds:.1f} s)")
    return 0
