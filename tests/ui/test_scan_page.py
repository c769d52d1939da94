"""The scan page on a real database with real printed, ticked and scanned ballots: a folder,
a second scan, a broken file, cancel, a video as the camera, and SANE's pnm backend as the
scanner (in a child pytest process, because SANE reads SANE_CONFIG_DIR once per process)."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import cv2
import numpy as np
import pytest
from PySide6.QtGui import QImage
from pytestqt.qtbot import QtBot

from desktop.core.printing.boxes import BoxInfo
from desktop.core.records.recording import Reading, RecordOutcome
from desktop.core.registry.service import CampaignInfo
from desktop.core.results.tally import CountedTally, paper_tally
from desktop.core.services import Services
from desktop.ui.context import CampaignContext
from desktop.ui.models.scan_models import Kind, OutcomeTableModel, TallyTableModel
from desktop.ui.pages import scan_controller
from desktop.ui.pages.scan_jobs import SourceKind, running_jobs
from desktop.ui.pages.scan_page import ScanPage
from scanning.sources import CaptureStep, PageSighting
from scanning.sources.capture import STEADY_FRAMES
from tests.ballot_files import fill_in, print_and_rasterize, save_scans
from tests.ui.conftest import MessageBoxes

ROOT = Path(__file__).resolve().parents[2]
WINDOWS, STAFF, BRANDS = "十佳优良服务窗口", "十佳优秀服务标兵", "十佳优质服务品牌"
#: What three voters ticked (as in tests/records/test_recording.py): the third overvotes WINDOWS, so
#: its first page goes to review.
VOTES = [
    {WINDOWS: ["01", "02", "03"], STAFF: ["05", "40"], BRANDS: ["10"]},
    {WINDOWS: ["02"], STAFF: ["05"], BRANDS: []},
    {WINDOWS: [f"{n:02d}" for n in range(1, 12)], STAFF: ["44"], BRANDS: ["10", "11"]},
]
JOB_TIMEOUT_MS = 90_000
SANE_CHILD_ENV = "BALLOTDESK_TEST_SANE_CHILD"


@pytest.fixture(autouse=True)
def _no_scan_thread_left() -> Iterator[None]:
    yield
    assert running_jobs() == [], "a scan job's thread is still running after the test"


@pytest.fixture
def demo(services: Services) -> CampaignInfo:
    from desktop.core.demo import create_demo

    return create_demo(services)


@pytest.fixture
def box(services: Services, demo: CampaignInfo) -> BoxInfo:
    return services.boxes.add_box(demo.id, "东湖社区服务中心 1号箱")


@pytest.fixture
def scans(services: Services, demo: CampaignInfo, box: BoxInfo, tmp_path: Path) -> Path:
    """Three filled-in ballots (two A4 pages each) as JPEG scans in one folder."""
    _batch, layout, ballots = print_and_rasterize(services, demo.id, box.id, 3, tmp_path)
    folder = tmp_path / "scans"
    for number, (pages, votes) in enumerate(zip(ballots, VOTES, strict=True), 1):
        save_scans(fill_in(layout, pages, votes), folder, f"b{number}")
    return folder


def open_page(qtbot: QtBot, services: Services, campaign_id: int) -> ScanPage:
    page = ScanPage(CampaignContext(services, campaign_id))
    qtbot.addWidget(page)
    page.resize(1100, 760)
    page.show()
    return page


def run_source(qtbot: QtBot, page: ScanPage, kind: SourceKind, text: str) -> None:
    """Choose a source, start it and wait for it to end (files and videos end by themselves)."""
    page.sources.choose(kind)
    target = page.sources.paths if kind is SourceKind.FILES else page.sources.camera
    target.setText(text)
    page.start_button.click()
    assert page.controller.job is not None
    qtbot.waitUntil(lambda: page.controller.job is None, timeout=JOB_TIMEOUT_MS)
    settle_tally(qtbot, page)


def settle_tally(qtbot: QtBot, page: ScanPage) -> None:
    c = page.controller
    qtbot.waitUntil(lambda: not (c._tally_running or c._tally_due or c._tally_timer.isActive()),
                    timeout=10_000)


def counters(page: ScanPage) -> dict[Kind, int]:
    return {kind: int(label.text()) for kind, label in page.counter_labels.items()}


def column(model: OutcomeTableModel | TallyTableModel, col: int) -> list[str]:
    return [str(model.data(model.index(row, col))) for row in range(model.rowCount())]


def tally_row(model: TallyTableModel, category: str) -> list[str]:
    row = column(model, model.COL_CATEGORY).index(category)
    return [str(model.data(model.index(row, c))) for c in range(model.COLUMN_COUNT)]


def test_a_folder_is_recorded_counted_and_shown(qtbot: QtBot, services: Services,
                                                 demo: CampaignInfo, scans: Path,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    beeps: list[int] = []
    monkeypatch.setattr("PySide6.QtWidgets.QApplication.beep", lambda: beeps.append(1))
    page = open_page(qtbot, services, demo.id)
    assert page.station.text()  # the host name by default
    page.station.setText("东湖计票点")
    run_source(qtbot, page, SourceKind.FILES, str(scans))

    assert counters(page) == {Kind.ACCEPTED: 5, Kind.REVIEW: 1, Kind.REJECTED: 0,
                              Kind.ALREADY: 0}
    assert len(beeps) == 5
    assert "超过规定人数" in page.reasons_label.text()
    model = page.outcome_model
    assert model.rowCount() == 6
    # Newest first: the last file read is on top.
    assert column(model, model.COL_SOURCE)[0] == "b3-p2.jpg"
    assert column(model, model.COL_SOURCE)[-1] == "b1-p1.jpg"
    assert column(model, model.COL_STATUS).count("已计入") == 5
    assert column(model, model.COL_STATUS)[1] == "待审核"
    assert column(model, model.COL_SHEET)[-1] == "000001，第 1 页"
    assert page.progress.value() == page.progress.maximum() == 6
    assert "已完成" in page.status_label.text()
    assert "已自动完整备份" in page.status_label.text()  # the first batch's copy, and says so

    page.problems_only.setChecked(True)
    assert column(model, model.COL_SOURCE) == ["b3-p1.jpg"]
    page.problems_only.setChecked(False)
    assert model.rowCount() == 6

    tally = paper_tally(services.db, demo.id)
    windows = tally.categories[WINDOWS]
    assert (windows.valid, windows.pending) == (2, 1)
    rows = page.tally_model
    assert rows.rowCount() == 3
    assert tally_row(rows, WINDOWS)[1:6] == ["2", "2", "0", "0", "1"]
    assert tally_row(rows, BRANDS)[1:6] == ["3", "3", "0", "1", "0"]
    assert tally_row(rows, WINDOWS)[rows.COL_LEADING].startswith("02 ")
    assert "（2 票）" in tally_row(rows, WINDOWS)[rows.COL_LEADING]
    assert "3 张" in page.ballots_label.text()

    with services.db.transaction() as s:
        from sqlalchemy import select

        from desktop.core.store.models import Sheet
        assert set(s.scalars(select(Sheet.station))) == {"东湖计票点"}

    # The same folder again: nothing is recorded twice, and the counters say so for this run
    # alone (not the first run's "counted 5" beside six refusals).
    run_source(qtbot, page, SourceKind.FILES, str(scans))
    assert counters(page) == {Kind.ACCEPTED: 0, Kind.REVIEW: 0, Kind.REJECTED: 0,
                              Kind.ALREADY: 6}
    assert page.reasons_label.text() == "暂无"
    assert column(model, model.COL_STATUS)[:6] == ["此前已记录"] * 6
    assert paper_tally(services.db, demo.id).ballots == 3


def test_a_slow_live_tally_waits_longer_before_the_next(
        qtbot: QtBot, services: Services, demo: CampaignInfo,
        monkeypatch: pytest.MonkeyPatch) -> None:
    """On a county's campaign the tally takes seconds: the next live refresh waits three
    times as long as the last took, so it never runs back to back beside the batch being
    read; a quick one keeps the half-second rhythm. The real tally, slowed by 0.4 s."""
    page = open_page(qtbot, services, demo.id)
    controller = page.controller
    page.controller.refresh_tally()
    settle_tally(qtbot, page)
    assert controller._tally_timer.interval() == scan_controller.TALLY_INTERVAL_MS

    current = services.results.current_tally

    def slow(campaign_id: int) -> CountedTally:
        time.sleep(0.4)
        return current(campaign_id)

    monkeypatch.setattr(services.results, "current_tally", slow)
    controller.refresh_tally()
    settle_tally(qtbot, page)
    assert controller._tally_timer.interval() >= 3 * 400


def test_a_broken_file_is_a_problem_row_and_the_rest_is_recorded(
    qtbot: QtBot, services: Services, demo: CampaignInfo, scans: Path
) -> None:
    (scans / "b2-p1.jpg").write_bytes((scans / "b2-p1.jpg").read_bytes()[:5000])  # cut short
    (scans / "notes.txt").write_text("计票记录", encoding="utf-8")
    page = open_page(qtbot, services, demo.id)
    run_source(qtbot, page, SourceKind.FILES, str(scans))
    assert counters(page) == {Kind.ACCEPTED: 4, Kind.REVIEW: 1, Kind.REJECTED: 2,
                              Kind.ALREADY: 0}
    page.problems_only.setChecked(True)
    model = page.outcome_model
    assert sorted(column(model, model.COL_SOURCE)) == ["b2-p1.jpg", "b3-p1.jpg", "notes.txt"]
    messages = "\n".join(column(model, model.COL_MESSAGE))
    assert "不完整" in messages or "截断" in messages
    assert "图像无法读取" in page.reasons_label.text()


def test_a_photocopy_is_caught_and_never_counted(
    qtbot: QtBot, services: Services, demo: CampaignInfo, scans: Path, tmp_path: Path
) -> None:
    page = open_page(qtbot, services, demo.id)
    run_source(qtbot, page, SourceKind.FILES, str(scans / "b1-p1.jpg"))
    copy = tmp_path / "copy.jpg"
    cv2.imwrite(str(copy), cv2.imread(str(scans / "b1-p1.jpg"), cv2.IMREAD_GRAYSCALE),
                [cv2.IMWRITE_JPEG_QUALITY, 70])
    run_source(qtbot, page, SourceKind.FILES, str(copy))
    # The counters are this run's: the copy, held for review.
    assert counters(page) == {Kind.ACCEPTED: 0, Kind.REVIEW: 1, Kind.REJECTED: 0,
                              Kind.ALREADY: 0}
    model = page.outcome_model
    assert "已经计入" in column(model, model.COL_MESSAGE)[0]
    assert "重复的票号" in page.reasons_label.text()


def test_cancel_a_larger_batch(qtbot: QtBot, services: Services, demo: CampaignInfo,
                               box: BoxInfo, tmp_path: Path) -> None:
    _batch, layout, ballots = print_and_rasterize(services, demo.id, box.id, 12, tmp_path)
    folder = tmp_path / "big"
    for number, pages in enumerate(ballots, 1):
        save_scans(fill_in(layout, pages, VOTES[1]), folder, f"b{number:02d}")
    page = open_page(qtbot, services, demo.id)
    page.sources.paths.setText(str(folder))
    page.start_button.click()
    job = page.controller.job
    assert job is not None
    assert not page.start_button.isEnabled() and page.stop_button.isEnabled()
    qtbot.waitUntil(lambda: page.outcome_model.rowCount() >= 1, timeout=JOB_TIMEOUT_MS)
    page.stop_button.click()
    qtbot.waitUntil(lambda: page.controller.job is None, timeout=JOB_TIMEOUT_MS)
    settle_tally(qtbot, page)
    recorded = page.outcome_model.rowCount()
    assert 1 <= recorded < 24
    assert "已停止" in page.status_label.text()
    assert page.start_button.isEnabled() and not page.stop_button.isEnabled()
    assert page.progress.maximum() == 24

    # Run again: it resumes, the sheets before are recognised, nothing is counted twice; the
    # counters are this run's.
    run_source(qtbot, page, SourceKind.FILES, str(folder))
    assert counters(page)[Kind.ACCEPTED] == 24 - recorded
    assert counters(page)[Kind.ALREADY] == recorded


def test_a_watched_folder_records_files_as_they_arrive(
    qtbot: QtBot, services: Services, demo: CampaignInfo, scans: Path, tmp_path: Path
) -> None:
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    page = open_page(qtbot, services, demo.id)
    page.sources.choose(SourceKind.WATCH)
    page.sources.watch_folder.setText(str(inbox))
    page.start_button.click()
    assert page.controller.job is not None
    for name in ("b1-p1.jpg", "b1-p2.jpg"):
        shutil.copy(scans / name, inbox / name)
    qtbot.waitUntil(lambda: page.outcome_model.rowCount() == 2, timeout=JOB_TIMEOUT_MS)
    assert page.controller.job is not None  # still watching
    page.stop_button.click()
    qtbot.waitUntil(lambda: page.controller.job is None, timeout=JOB_TIMEOUT_MS)
    settle_tally(qtbot, page)
    assert counters(page)[Kind.ACCEPTED] == 2
    assert page.progress.format() == "2 张"
    assert paper_tally(services.db, demo.id).ballots == 1


# -- the camera: a video of the demo ballots laid on a desk ------------------------------------
FRAME_W, FRAME_H = 1920, 1080
PAGE_HEIGHT_PX = 1000  # an A4 page nearly filling the picture, as under a document camera
DESK_GREY = 150
SENSOR_NOISE = 3.0
JITTER_PX = 0.5


def _frame(desk: np.ndarray, page: np.ndarray | None, dx: float, rng: np.random.Generator
           ) -> np.ndarray:
    """The desk with ``page`` (already scaled) lying on it, ``dx`` px right of the centre."""
    picture = desk.copy()
    if page is not None:
        h, w = page.shape
        jitter = rng.uniform(-JITTER_PX, JITTER_PX, 2)
        matrix = cv2.getRotationMatrix2D((w / 2, h / 2), 1.5, 1.0)
        matrix[:, 2] += (FRAME_W / 2 - w / 2 + dx + jitter[0], FRAME_H / 2 - h / 2 + jitter[1])
        paper = cv2.warpAffine(page, matrix, (FRAME_W, FRAME_H), flags=cv2.INTER_LINEAR)
        cover = cv2.warpAffine(np.full_like(page, 255), matrix, (FRAME_W, FRAME_H),
                               flags=cv2.INTER_NEAREST)
        np.copyto(picture, paper, where=cover > 0)
    noise = np.empty(picture.shape, np.int16)
    cv2.randn(noise, 0, SENSOR_NOISE)
    return cv2.cvtColor(cv2.add(picture.astype(np.int16), noise, dtype=cv2.CV_8U),
                        cv2.COLOR_GRAY2BGR)


def desk_video(path: Path, pages: list[np.ndarray]) -> Path:
    """Each page slides in, lies still for 12 frames (one capture), and is taken away."""
    scaled = [cv2.resize(p, None, fx=PAGE_HEIGHT_PX / p.shape[0], fy=PAGE_HEIGHT_PX / p.shape[0],
                         interpolation=cv2.INTER_AREA) for p in pages]
    desk = np.full((FRAME_H, FRAME_W), DESK_GREY, np.uint8)
    rng = np.random.default_rng(3)
    cv2.setRNGSeed(4)
    writer = cv2.VideoWriter(str(path), cv2.VideoWriter.fourcc(*"MJPG"), 30, (FRAME_W, FRAME_H))
    assert writer.isOpened()
    for page in scaled:
        for _ in range(6):
            writer.write(_frame(desk, None, 0, rng))
        for step in range(4, 0, -1):
            writer.write(_frame(desk, page, 300 * step, rng))
        for _ in range(12):
            writer.write(_frame(desk, page, 0, rng))
    for _ in range(6):
        writer.write(_frame(desk, None, 0, rng))
    writer.release()
    return path


def test_the_camera_takes_each_sheet_once_and_records_it(
    qtbot: QtBot, services: Services, demo: CampaignInfo, box: BoxInfo, tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    beeps: list[int] = []
    monkeypatch.setattr("PySide6.QtWidgets.QApplication.beep", lambda: beeps.append(1))
    _batch, layout, ballots = print_and_rasterize(services, demo.id, box.id, 2, tmp_path)
    first = fill_in(layout, ballots[0], VOTES[1])
    video = desk_video(tmp_path / "desk.avi", [first[0], first[1], ballots[1][0]])
    page = open_page(qtbot, services, demo.id)
    page.sources.choose(SourceKind.CAMERA)
    assert page.preview_box.isVisible()
    run_source(qtbot, page, SourceKind.CAMERA, str(video))

    model = page.outcome_model
    assert column(model, model.COL_SHEET)[::-1] == ["000001，第 1 页", "000001，第 2 页",
                                                    "000002，第 1 页"]
    assert counters(page)[Kind.ALREADY] == 0
    assert counters(page)[Kind.ACCEPTED] + counters(page)[Kind.REVIEW] == 3
    assert len(beeps) == counters(page)[Kind.ACCEPTED]
    pixmap = page.preview_label.pixmap()
    assert not pixmap.isNull() and pixmap.width() > 100
    assert page.capture_label.text()
    with services.db.transaction() as s:
        from sqlalchemy import func, select

        from desktop.core.store.models import Sheet
        assert s.scalar(select(func.count()).select_from(Sheet)) == 3
    assert paper_tally(services.db, demo.id).ballots == 2


class CameraLoop:
    """Counts what the camera's thread does, with the real analysis and preview: frames
    analysed, previews sent, sheets taken (the preview of a taken frame)."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        from desktop.ui.pages import scan_jobs

        self.analysed = self.previews = self.taken = 0
        self.changed = threading.Condition()
        analyse, preview = scan_jobs.analyse_sighting, scan_jobs.preview_image

        def counted_analyse(image: np.ndarray) -> PageSighting:
            sighting = analyse(image)
            with self.changed:
                self.analysed += 1
                self.changed.notify_all()
            return sighting

        def counted_preview(frame: np.ndarray, sighting: PageSighting,
                            step: CaptureStep | None) -> QImage:
            image = preview(frame, sighting, step)
            with self.changed:
                self.previews += 1
                self.taken += step is not None and step.captured
                self.changed.notify_all()
            return image

        monkeypatch.setattr(scan_jobs, "analyse_sighting", counted_analyse)
        monkeypatch.setattr(scan_jobs, "preview_image", counted_preview)

    def counts(self) -> tuple[int, int, int]:
        with self.changed:
            return self.analysed, self.previews, self.taken


#: How long the slow recorder waits for the camera's thread to take the next sheet.
CAMERA_WAIT_S = 90


def test_the_preview_goes_on_while_a_sheet_is_recorded(
    qtbot: QtBot, services: Services, demo: CampaignInfo, box: BoxInfo, tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The first sheet's recording is held until the camera's thread has taken the second
    sheet (a slow recorder: the real Recorder, made to wait): frames go on being analysed and
    previewed meanwhile, and every sheet is still recorded once, in the order taken."""
    from desktop.core.records.recording import Recorder

    _batch, layout, ballots = print_and_rasterize(services, demo.id, box.id, 2, tmp_path)
    first = fill_in(layout, ballots[0], VOTES[1])
    video = desk_video(tmp_path / "desk.avi", [first[0], first[1], ballots[1][0]])
    loop = CameraLoop(monkeypatch)
    during: list[tuple[int, int, int]] = []
    store = Recorder._store  # where every recording path stores its pages

    def slow_store(self: Recorder, pages: list[tuple[Reading, Path]]) -> list[RecordOutcome]:
        if not during:  # the first sheet: wait for the next one to be taken
            before = loop.counts()
            with loop.changed:
                loop.changed.wait_for(lambda: loop.taken >= before[2] + 1, CAMERA_WAIT_S)
            after = loop.counts()
            during.append(tuple(a - b for a, b in zip(after, before, strict=True)))
        return store(self, pages)

    monkeypatch.setattr(Recorder, "_store", slow_store)
    page = open_page(qtbot, services, demo.id)
    run_source(qtbot, page, SourceKind.CAMERA, str(video))

    (analysed, previews, taken), = during
    # While the first sheet was being recorded, the next sheet came in, lay still for
    # STEADY_FRAMES frames and was taken: the frame loop never waited for the recording.
    assert taken == 1
    assert analysed >= STEADY_FRAMES
    assert previews >= 1
    model = page.outcome_model
    assert column(model, model.COL_SHEET)[::-1] == ["000001，第 1 页", "000001，第 2 页",
                                                    "000002，第 1 页"]
    assert loop.counts()[2] == 3
    with services.db.transaction() as s:
        from sqlalchemy import func, select

        from desktop.core.store.models import Sheet
        assert s.scalar(select(func.count()).select_from(Sheet)) == 3


def test_a_capture_that_fails_is_shown_and_the_camera_goes_on(
    qtbot: QtBot, services: Services, demo: CampaignInfo, box: BoxInfo, tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The second sheet's recording fails (the database refuses it): its row says so, and the
    first and third sheets are recorded as usual."""
    from desktop.core.records.recording import Recorder

    _batch, _layout, ballots = print_and_rasterize(services, demo.id, box.id, 2, tmp_path)
    video = desk_video(tmp_path / "desk.avi", [ballots[0][0], ballots[0][1], ballots[1][0]])
    calls: list[int] = []
    store = Recorder._store  # where every recording path stores its pages

    def failing_store(self: Recorder, pages: list[tuple[Reading, Path]]
                      ) -> list[RecordOutcome]:
        calls.append(1)
        if len(calls) == 2:
            raise OSError("磁盘已满")
        return store(self, pages)

    monkeypatch.setattr(Recorder, "_store", failing_store)
    page = open_page(qtbot, services, demo.id)
    run_source(qtbot, page, SourceKind.CAMERA, str(video))

    model = page.outcome_model
    messages = column(model, model.COL_MESSAGE)[::-1]
    assert len(messages) == 3
    assert "未能记录" in messages[1] and "磁盘已满" in messages[1]
    assert column(model, model.COL_STATUS)[::-1][1] == "不计票"
    assert column(model, model.COL_SHEET)[::-1][2] == "000002，第 1 页"
    assert counters(page)[Kind.REJECTED] == 1
    with services.db.transaction() as s:
        from sqlalchemy import func, select

        from desktop.core.store.models import Sheet
        assert s.scalar(select(func.count()).select_from(Sheet)) == 2


def test_a_camera_that_cannot_be_opened_is_reported(qtbot: QtBot, services: Services,
                                                    demo: CampaignInfo) -> None:
    page = open_page(qtbot, services, demo.id)
    run_source(qtbot, page, SourceKind.CAMERA, "97")
    model = page.outcome_model
    assert column(model, model.COL_STATUS) == ["来源中断"]
    assert counters(page) == dict.fromkeys(counters(page), 0)


# -- SANE ----------------------------------------------------------------------------------------
def test_a_sheet_through_the_sane_pnm_backend(
    qtbot: QtBot, services: Services, demo: CampaignInfo, box: BoxInfo, tmp_path: Path,
) -> None:
    """SANE reads SANE_CONFIG_DIR once per process, at its first sane_init(). So this test runs
    itself again in a child pytest process with the variable pointing at a dll.conf that lists
    only the pnm backend; the child does the real work through the page."""
    pytest.importorskip("sane", reason="python-sane (the scanner extra) is not installed")
    if os.environ.get(SANE_CHILD_ENV) is None:
        config = tmp_path / "sane"
        config.mkdir()
        (config / "dll.conf").write_text("pnm\n", encoding="ascii")
        env = {**os.environ, "SANE_CONFIG_DIR": str(config), SANE_CHILD_ENV: "1"}
        result = subprocess.run(
            [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider",
             f"{Path(__file__).relative_to(ROOT)}::test_a_sheet_through_the_sane_pnm_backend"],
            cwd=ROOT, env=env, capture_output=True, text=True, timeout=300, check=False)
        assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
        assert "1 passed" in result.stdout
        return

    _batch, layout, ballots = print_and_rasterize(services, demo.id, box.id, 1, tmp_path)
    sheet = fill_in(layout, ballots[0], VOTES[0])[0]
    pgm = tmp_path / "ballot.pgm"
    height, width = sheet.shape
    pgm.write_bytes(f"P5\n{width} {height}\n255\n".encode() + sheet.tobytes())
    page = open_page(qtbot, services, demo.id)
    sources = page.sources
    sources.choose(SourceKind.SCANNER)
    sources.refresh_button.click()
    qtbot.waitUntil(lambda: sources.device.count() > 0, timeout=30_000)
    qtbot.waitUntil(sources.refresh_button.isEnabled, timeout=30_000)
    sources.device.setCurrentIndex(sources.device.findData("pnm:0"))
    sources.options.setText(f"filename={pgm}")
    page.start_button.click()
    qtbot.waitUntil(lambda: page.controller.job is None, timeout=JOB_TIMEOUT_MS)
    settle_tally(qtbot, page)
    assert counters(page) == {Kind.ACCEPTED: 1, Kind.REVIEW: 0, Kind.REJECTED: 0,
                              Kind.ALREADY: 0}
    model = page.outcome_model
    assert column(model, model.COL_SHEET) == ["000001，第 1 页"]
    assert column(model, model.COL_SOURCE)[0].startswith("pnm:0 ")


def test_without_python_sane_or_scanners_the_page_says_so(
    qtbot: QtBot, services: Services, demo: CampaignInfo, boxes: MessageBoxes,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    page = open_page(qtbot, services, demo.id)
    sources = page.sources
    sources.choose(SourceKind.SCANNER)
    monkeypatch.setitem(sys.modules, "sane", None)  # import sane -> ImportError
    sources.refresh_button.click()
    qtbot.waitUntil(sources.refresh_button.isEnabled, timeout=10_000)
    assert sources.device.count() == 0
    assert "ballotdesk[scanner]" in sources.scanner_message.text()
    page.start_button.click()
    assert page.controller.job is None
    assert "未选择扫描仪" in boxes.texts()

    monkeypatch.setattr("desktop.ui.pages.scan_controller.list_scanners", list)
    sources.refresh_button.click()
    qtbot.waitUntil(sources.refresh_button.isEnabled, timeout=10_000)
    assert "未找到扫描仪" in sources.scanner_message.text()
    assert page.start_button.isEnabled()


def test_hostile_files_fail_alone_and_the_counters_say_so(
    qtbot: QtBot, services: Services, demo: CampaignInfo, scans: Path
) -> None:
    from tests.test_hostile_files import sliver_png, tiff_bad_second_ifd, white_png

    (scans / "b1-p3-huge.png").write_bytes(white_png(20000, 20000))  # between b1-p2 and b2-p1
    (scans / "b2-p3-bad-ifd.tif").write_bytes(tiff_bad_second_ifd())
    (scans / "b3-p3-sliver.png").write_bytes(sliver_png())  # the reader raised on it
    page = open_page(qtbot, services, demo.id)
    run_source(qtbot, page, SourceKind.FILES, str(scans))
    assert counters(page) == {Kind.ACCEPTED: 5, Kind.REVIEW: 1, Kind.REJECTED: 3,
                              Kind.ALREADY: 0}
    page.problems_only.setChecked(True)
    model = page.outcome_model
    assert sorted(column(model, model.COL_SOURCE)) == [
        "b1-p3-huge.png", "b2-p3-bad-ifd.tif", "b3-p1.jpg", "b3-p3-sliver.png"]
    messages = "\n".join(column(model, model.COL_MESSAGE))
    assert "过大（400 百万像素）" in messages and "读取失败（TypeError）" in messages
    assert paper_tally(services.db, demo.id).ballots == 3
