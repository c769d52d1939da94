"""Cameras and auto-capture: a video of printed ballots on a desk, played through the same
``cv2.VideoCapture`` calls as a camera, and the capture state machine on its own.

The video is analysed twice: with the reading pipeline's ``scanning.analyse_frame`` (adapted to a
``PageSighting`` as the desktop will do; skipped while the pipeline cannot be imported) and with
a small detector of this module's own (four solid corner squares, then the QR code read with
zxing-cpp), so the capture logic is tested even when the pipeline is in flux.
"""

from __future__ import annotations

import functools
import math
from collections.abc import Iterator
from pathlib import Path

import cv2
import numpy as np
import pytest
import zxingcpp

from ballotformat import PayloadError, decode_payload
from scanning.sources import (
    NO_PAGE,
    AcquiredImage,
    AcquisitionProblem,
    Analyse,
    AutoCapture,
    CameraFrame,
    CameraOrigin,
    CameraSource,
    CaptureSettings,
    CaptureState,
    PageSighting,
    ProblemCode,
    auto_capture,
    captured_sheets,
)
from tests.scanning.test_sources_support import SECRET, SERIALS, ballot_pages

FRAME_W, FRAME_H = 1280, 720
PAGE_DPI = 150  # the raster that is scaled onto the desk
PAGE_HEIGHT_PX = 640  # the A4 page's height in the frame: about 2.2 px per mm
DESK_GREY = 165
SENSOR_NOISE = 3.0  # standard deviation of per-frame noise, grey levels
JITTER_PX = 0.6  # a sheet lying on the desk still wobbles in the picture by this much

# -- the test's own frame analysis -------------------------------------------------------------
INK_LEVEL = 80  # marks are black, the desk and paper far lighter
MARK_SIDE_PX = (8, 32)  # 6 mm and 10 mm squares at 1.3 to 3.2 px/mm
MIN_FILL = 0.8


def find_corners(grey: np.ndarray) -> tuple[tuple[float, float], ...] | None:
    """Centres of the four solid marks in page order (tl, tr, br, bl), or None."""
    _, ink = cv2.threshold(grey, INK_LEVEL, 255, cv2.THRESH_BINARY_INV)
    contours, _ = cv2.findContours(ink, cv2.RETR_EXTERNAL, cv2.CHAIN_APPROX_SIMPLE)
    marks = []
    for contour in contours:
        x, y, w, h = cv2.boundingRect(contour)
        if not (MARK_SIDE_PX[0] <= w <= MARK_SIDE_PX[1] and 0.75 <= w / h <= 1.33):
            continue
        if np.count_nonzero(ink[y:y + h, x:x + w]) < MIN_FILL * w * h:
            continue  # QR finder patterns are rings
        moments = cv2.moments(contour)
        marks.append((moments["m10"] / moments["m00"], moments["m01"] / moments["m00"], w * h))
    if len(marks) != 4:
        return None
    cx = sum(m[0] for m in marks) / 4
    cy = sum(m[1] for m in marks) / 4
    marks.sort(key=lambda m: math.atan2(m[1] - cy, m[0] - cx))  # clockwise on screen
    start = max(range(4), key=lambda i: marks[i][2])  # the big mark is top-left
    ordered = marks[start:] + marks[:start]
    return tuple((m[0], m[1]) for m in ordered)


def serial_of(qr_text: str | None) -> str | None:
    """The ballot serial in a verified QR payload (any text naming the sheet would do)."""
    try:
        return str(decode_payload(qr_text, lambda *_: SECRET).serial) if qr_text else None
    except PayloadError:
        return None


def own_analyse(image: np.ndarray) -> PageSighting:
    grey = cv2.cvtColor(image, cv2.COLOR_BGR2GRAY) if image.ndim == 3 else image
    corners = find_corners(grey)
    if corners is None:
        return NO_PAGE
    codes = zxingcpp.read_barcodes(grey, formats=zxingcpp.BarcodeFormat.QRCode)
    serials = [serial_of(code.text) for code in codes]
    return PageSighting(corners, next((s for s in serials if s), None))  # type: ignore[arg-type]


def pipeline_analyse(image: np.ndarray) -> PageSighting:
    """The adapter the desktop needs: the pipeline's FrameAnalysis as a PageSighting."""
    try:
        from scanning import analyse_frame
    except ImportError:
        pytest.skip("scanning.analyse_frame is not importable")
    analysis = analyse_frame(image, read_code=True)
    return PageSighting(analysis.corners, serial_of(analysis.qr_text))


# -- the video ---------------------------------------------------------------------------------
def _desk() -> np.ndarray:
    rng = np.random.default_rng(1)
    grain = cv2.GaussianBlur(rng.normal(0, 12, (FRAME_H, FRAME_W)), (0, 0), 6)
    return np.clip(DESK_GREY + grain, 0, 255).astype(np.uint8)


@functools.cache
def _page(which: int) -> np.ndarray:
    """The ballot already scaled to its size in the frame (rotation is a small resampling)."""
    page = ballot_pages(PAGE_DPI)[which]
    scale = PAGE_HEIGHT_PX / page.shape[0]
    return cv2.resize(page, None, fx=scale, fy=scale, interpolation=cv2.INTER_AREA)


def _frame(desk: np.ndarray, sheet: tuple[int, float, float, float] | None,
           hand: tuple[int, int, int, int] | None = None) -> np.ndarray:
    """The desk with ballot ``sheet`` = (which, centre x, centre y, degrees) lying on it."""
    picture = desk.copy()
    if sheet is not None:
        which, cx, cy, degrees = sheet
        page = _page(which)
        h, w = page.shape
        matrix = cv2.getRotationMatrix2D((w / 2, h / 2), degrees, 1.0)
        matrix[:, 2] += (cx - w / 2, cy - h / 2)
        paper = cv2.warpAffine(page, matrix, (FRAME_W, FRAME_H), flags=cv2.INTER_LINEAR)
        cover = cv2.warpAffine(np.full_like(page, 255), matrix, (FRAME_W, FRAME_H),
                               flags=cv2.INTER_NEAREST)
        np.copyto(picture, paper, where=cover > 0)
    if hand is not None:
        x, y, w, h = hand
        picture[y:y + h, x:x + w] = 60
    noise = np.empty(picture.shape, np.int16)
    cv2.randn(noise, 0, SENSOR_NOISE)
    grey = cv2.add(picture.astype(np.int16), noise, dtype=cv2.CV_8U)
    return cv2.cvtColor(grey, cv2.COLOR_GRAY2BGR)


def _script() -> Iterator[tuple[tuple[int, float, float, float] | None,
                                tuple[int, int, int, int] | None]]:
    """What the camera sees, frame by frame; the comments give the frame numbers."""
    rng = np.random.default_rng(5)
    home = (FRAME_W / 2, FRAME_H / 2)

    def still(which: int, frames: int, degrees: float = 2.0, hand: bool = False) -> Iterator:
        for _ in range(frames):
            dx, dy = rng.uniform(-JITTER_PX, JITTER_PX, 2)
            tl = (int(home[0] - 260), int(home[1] - 340), 140, 90)
            yield (which, home[0] + dx, home[1] + dy, degrees), tl if hand else None

    def slide(which: int, start_x: float, end_x: float, frames: int) -> Iterator:
        for step in range(1, frames + 1):
            left = 1 - step / frames  # still to go: the sheet also turns and drops into place
            x = end_x + (start_x - end_x) * left
            yield (which, x, home[1] + 20 * left, 2.0 + 4 * left), None

    yield from ((None, None) for _ in range(8))  # 0-7 the empty desk
    yield from slide(0, FRAME_W + 300, home[0], 8)  # 8-15 ballot 1 slides in
    yield from still(0, 14)  # 16-29 lies still: one capture
    yield from slide(0, home[0], -400, 6)  # 30-35 taken away
    yield from ((None, None) for _ in range(8))  # 36-43 empty
    yield from slide(0, FRAME_W + 300, home[0], 6)  # 44-49 the same ballot again
    yield from still(0, 12)  # 50-61 still: taken again (the pipeline flags the duplicate)
    for step in range(3):  # 62-64 ballot 2 laid on top of it, settling
        yield (1, home[0] + 30 - 10 * step, home[1] - 15 + 5 * step, -1.0 + step), None
    yield from still(1, 12, degrees=2.0)  # 65-76 still: ballot 2 taken
    yield from still(1, 2, degrees=2.0, hand=True)  # 77-78 a hand hides the top-left mark
    yield from still(1, 10, degrees=2.0)  # 79-88 still the same sheet: not taken again
    yield from slide(1, home[0], -400, 5)  # 89-93 taken away
    yield from ((None, None) for _ in range(4))  # 94-97


@pytest.fixture(scope="module")
def desk_video(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("camera") / "desk.avi"
    writer = cv2.VideoWriter(str(path), cv2.VideoWriter.fourcc(*"MJPG"), 30, (FRAME_W, FRAME_H))
    assert writer.isOpened()
    desk = _desk()
    cv2.setRNGSeed(9)
    for sheet, hand in _script():
        writer.write(_frame(desk, sheet, hand))
    writer.release()
    return path


def test_the_video_plays_through_the_camera_api_with_increasing_frame_numbers(
    desk_video: Path,
) -> None:
    camera = CameraSource(desk_video)
    frames = list(camera.frames())
    assert all(isinstance(f, CameraFrame) for f in frames)
    assert [f.number for f in frames] == list(range(98))
    assert camera.frame_size == (FRAME_W, FRAME_H)
    assert frames[0].image.shape == (FRAME_H, FRAME_W, 3)


@pytest.mark.parametrize("analyse", [pipeline_analyse, own_analyse],
                         ids=["scanning.analyse_frame", "own-detector"])
def test_each_sheet_is_taken_once_while_it_lies_still(desk_video: Path, analyse: Analyse) -> None:
    events = list(auto_capture(CameraSource(desk_video).frames(), analyse))
    taken = [e for e in events if not isinstance(e, AcquisitionProblem) and e.image]
    # Once per stay, soon after the sheet has come to rest (frames 15, 49, 65; six still frames
    # are needed, a frame where the marks are not found starts the count again).
    assert [e.step.serial for e in taken] == [str(SERIALS[0]), str(SERIALS[0]), str(SERIALS[1])]
    numbers = [e.frame.number for e in taken]
    assert 20 <= numbers[0] <= 26 and 54 <= numbers[1] <= 60 and 70 <= numbers[2] <= 76
    states = [e.step.state for e in events if not isinstance(e, AcquisitionProblem)]
    assert states[:8] == [CaptureState.SEARCHING] * 8
    assert states[77:79] == [CaptureState.HOLDING] * 2  # the hand: outline lost, still held
    sheets = list(captured_sheets(iter(taken)))
    assert all(isinstance(s, AcquiredImage) and s.media_type == "image/jpeg" for s in sheets)
    first = sheets[0]
    assert isinstance(first.origin, CameraOrigin) and first.origin.frame == numbers[0]
    decoded = cv2.imdecode(np.frombuffer(first.data, np.uint8), cv2.IMREAD_UNCHANGED)
    assert decoded.shape == first.image.shape  # the archived JPEG is that frame


def test_a_camera_that_does_not_exist_is_a_problem(tmp_path: Path) -> None:
    for camera in (97, tmp_path / "no-such-video.avi"):
        [problem] = list(CameraSource(camera).frames())
        assert isinstance(problem, AcquisitionProblem)
        assert problem.code is ProblemCode.CAMERA_OPEN_FAILED and problem.ends_source
        assert "97" in problem.text("en") or "no-such-video" in problem.text("en")


# -- the state machine alone -------------------------------------------------------------------
SQUARE = ((100.0, 100.0), (500.0, 100.0), (500.0, 660.0), (100.0, 660.0))


def at(dx: float, serial: str | None = "7") -> PageSighting:
    return PageSighting(tuple((x + dx, y) for x, y in SQUARE), serial)  # type: ignore[arg-type]


def run(sightings: list[PageSighting], **settings: object) -> list[int]:
    machine = AutoCapture(CaptureSettings(**settings))  # type: ignore[arg-type]
    return [n for n, s in enumerate(sightings) if machine.feed(s).captured]


def test_capture_after_the_steady_frames_and_never_while_moving() -> None:
    steady = CaptureSettings().steady_frames
    wobble = [at(0.5 * (n % 3)) for n in range(20)]
    assert run(wobble) == [steady - 1]
    assert run([at(6.0 * n) for n in range(40)]) == []  # a sheet being pushed across the desk


def test_the_serial_is_awaited_and_a_missed_read_does_not_matter() -> None:
    unread = [at(0, serial=None)] * 10
    assert run(unread) == []
    assert run(unread, require_serial=False) == [5]
    assert run([*unread, at(0, "9"), at(0, None)]) == [10]  # read once within the window: taken
    machine = AutoCapture()
    steps = [machine.feed(s) for s in [*unread[:7], at(0, "9")]]
    assert steps[6].state is CaptureState.WAITING_FOR_SERIAL
    assert steps[7].captured and steps[7].serial == "9"


def test_the_same_sheet_is_not_taken_again_until_it_has_left_the_view() -> None:
    rearm = CaptureSettings().rearm_after_absent_frames
    still = [at(0)] * 12
    glimpse = [NO_PAGE] * (rearm - 1)  # a hand passing over the sheet
    gone = [NO_PAGE] * rearm
    assert run([*still, *glimpse, *still]) == [5]
    assert run([*still, *gone, *still]) == [5, 12 + rearm + 5]


def test_a_different_serial_laid_on_top_is_taken_without_the_page_leaving() -> None:
    first = [at(0, "7")] * 10
    second = [at(0.5, "8")] * 10
    assert run([*first, *second]) == [5, 15]
    # Without serials the camera cannot tell one sheet from the next one laid on it.
    assert run([at(0, None)] * 10 + [at(0.5, None)] * 10, require_serial=False) == [5]


def test_a_hand_held_sheet_that_moves_further_than_the_threshold_is_not_steady() -> None:
    limit = CaptureSettings().max_corner_motion_px
    just_inside = [at(limit * 0.9 * (n % 2)) for n in range(10)]
    just_outside = [at(limit * 1.1 * (n % 2)) for n in range(10)]
    assert run(just_inside) == [5]
    assert run(just_outside) == []


def test_the_preview_overlay_draws_outline_and_marks_on_a_copy(desk_video: Path) -> None:
    from scanning.sources import draw_overlay

    frames = [f for f in CameraSource(desk_video).frames() if isinstance(f, CameraFrame)]
    frame = frames[20].image
    original = frame.copy()
    sighting = own_analyse(frame)
    held = AutoCapture().feed(sighting)  # one frame: settling, amber
    drawn = draw_overlay(frame, sighting, held)
    assert np.array_equal(frame, original)  # the frame itself is untouched
    x, y = (round(v) for v in sighting.corners[0])  # type: ignore[index]
    assert drawn.shape == frame.shape and not np.array_equal(drawn, frame)
    ring = drawn[y - 30:y + 30, x - 30:x + 30].reshape(-1, 3)
    assert any(tuple(p) == (255, 120, 0) for p in ring)  # the mark ring colour
    assert np.array_equal(draw_overlay(frame, NO_PAGE), frame)
