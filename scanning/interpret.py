"""Read one ballot page image: marks, homography, QR code, payload, layout, targets, result.

Plain module-level functions over arrays and plain data, so worker processes can run them
(:mod:`scanning.batch`). Measuring is in :mod:`scanning.measure`, deciding in
:mod:`scanning.decide`, drawing in :mod:`scanning.debug`.
"""

from __future__ import annotations

import warnings
from collections.abc import Callable, Sequence
from dataclasses import replace
from pathlib import Path
from typing import Any

import cv2
import numpy as np

from ballotformat import (
    ForeignCampaignError,
    ForgedPayloadError,
    KeyLookup,
    KeyNotHeldError,
    Layout,
    Page,
    Payload,
    PayloadError,
    UnsupportedFormatError,
    decode_payload,
)
from scanning import page as pg
from scanning import register
from scanning import thresholds as th
from scanning.decide import MarkState, TargetReading, categories_of, read_targets
from scanning.decoder import DecodedCode, Gray, Point, decode_qr
from scanning.marks import Blob, PageMarks, search_marks
from scanning.measure import TargetInk, measure_targets
from scanning.reasons import Reason, Status, status_for
from scanning.result import PageResult
from scanning.sources.base import MAX_PAGE_PIXELS

LayoutLookup = Callable[[int, int], Layout | None]
#: Reduced JPEG decoding factors libjpeg offers, largest first, with OpenCV's flag for each.
_REDUCED = ((8, cv2.IMREAD_REDUCED_GRAYSCALE_8, cv2.IMREAD_REDUCED_COLOR_8),
            (4, cv2.IMREAD_REDUCED_GRAYSCALE_4, cv2.IMREAD_REDUCED_COLOR_4),
            (2, cv2.IMREAD_REDUCED_GRAYSCALE_2, cv2.IMREAD_REDUCED_COLOR_2))


def load_gray(path: str | Path) -> tuple[Gray | None, float]:
    """A grayscale image file, decoded at reduced size when it is larger than needed (JPEG's
    DCT scaling is much faster than decoding everything), and the scale used; None if unreadable
    or larger than MAX_PAGE_PIXELS (told from the header, before decoding).
    A colour file is decoded in colour and turned grey by :func:`to_gray`.
    """
    from PIL import Image, UnidentifiedImageError

    try:
        with warnings.catch_warnings():  # a size between ours and Pillow's refusal is ours
            warnings.simplefilter("ignore", Image.DecompressionBombWarning)
            header = Image.open(path)
        with header:
            if header.size[0] * header.size[1] > MAX_PAGE_PIXELS:
                return None, 1.0  # never decoded (scanning.sources.base.MAX_PAGE_PIXELS)
            long_side = max(header.size)
            colour = header.mode not in ("1", "L", "LA", "I", "I;16", "F")
            # A black-and-white file is read whole: decoding it reduced would average its
            # black and white into grey, and the page would no longer say what it is.
            bilevel = header.mode == "1"
    except (OSError, UnidentifiedImageError, Image.DecompressionBombError):
        return None, 1.0
    for factor, grey_flag, colour_flag in _REDUCED:
        if long_side // factor >= th.MIN_LOAD_LONG_SIDE_PX and not bilevel:
            image = cv2.imread(str(path), colour_flag if colour else grey_flag)
            return (None if image is None else to_gray(image)), 1.0 / factor
    image = cv2.imread(str(path), cv2.IMREAD_COLOR if colour else cv2.IMREAD_GRAYSCALE)
    return (None if image is None else to_gray(image)), 1.0


def to_gray(image: np.ndarray) -> Gray:
    """Grey as ink shows against paper: the darkest of the colour channels, so blue and red
    ballpoint stay as dark as they look (the usual luminance makes red ink a light grey)."""
    if image.ndim == 2:
        return np.asarray(image, np.uint8)
    channels = cv2.split(image[:, :, :3])
    return np.asarray(cv2.min(cv2.min(channels[0], channels[1]), channels[2]), np.uint8)


def is_bilevel(image: np.ndarray) -> bool:
    """A black-and-white (1-bit) scan: nearly every pixel is 0 or 255 (a sample is enough)."""
    sample = np.asarray(image[:: th.BILEVEL_SAMPLE_STEP, :: th.BILEVEL_SAMPLE_STEP])
    between = np.count_nonzero((sample > 0) & (sample < 255))
    return bool(between <= th.BILEVEL_MAX_GREY_SHARE * sample.size)


def prepare(image: np.ndarray) -> tuple[Gray, float]:
    """Grayscale, shrunk by a whole factor while the long side stays ≥ MIN_LOAD_LONG_SIDE_PX."""
    gray = to_gray(image)
    factor = max(1, max(gray.shape[:2]) // th.MIN_LOAD_LONG_SIDE_PX)
    if factor == 1:
        return gray, 1.0
    height, width = gray.shape[:2]
    small = cv2.resize(gray[: height - height % factor, : width - width % factor],
                       (width // factor, height // factor), interpolation=cv2.INTER_AREA)
    return np.asarray(small, np.uint8), 1.0 / factor


def _payload_reason(error: PayloadError) -> Reason:
    if isinstance(error, ForgedPayloadError):
        return Reason.BAD_HMAC
    if isinstance(error, ForeignCampaignError):
        return Reason.FOREIGN_CAMPAIGN
    if isinstance(error, KeyNotHeldError):
        return Reason.KEY_NOT_HELD
    if isinstance(error, UnsupportedFormatError):
        return Reason.UNSUPPORTED_FORMAT
    return Reason.CODE_UNREADABLE


def _check_code(codes: Sequence[DecodedCode], key_for: KeyLookup
                ) -> tuple[DecodedCode | None, Payload | None, Reason | None]:
    """The first code that verifies, else the first code and why it was refused."""
    if not codes:
        return None, None, Reason.CODE_UNREADABLE
    first_reason: Reason | None = None
    for code in codes:
        try:
            return code, decode_payload(code.text, key_for), None
        except PayloadError as error:
            first_reason = first_reason or _payload_reason(error)
    return codes[0], None, first_reason


def _read_code(gray: Gray, marks: PageMarks, size: tuple[float, float],
               backends: Sequence[str] | None
               ) -> tuple[list[DecodedCode], str | None, PageMarks]:
    """QR codes in the expected region; else in the whole image, the marks' orientation then
    settled by where the code lies (it must be at the top right)."""
    search = pg.qr_search_box(size)
    centres = pg.default_centres_mm(size)
    matrix = pg.homography(marks, centres)
    codes = []
    if marks.oriented:
        codes = decode_qr(pg.warp_region(gray, matrix, search, th.READ_DPI), backends)
    if codes:
        k = th.READ_DPI / th.MM_PER_INCH
        back = np.asarray(np.linalg.inv(matrix), np.float64)
        located = [replace(c, corners=tuple(
            pg.to_page(back, (search[0] + (x + 0.5) / k, search[1] + (y + 0.5) / k))
            for x, y in c.corners)) for c in codes]
        return located, "region", marks
    codes = decode_qr(gray, backends)
    if not codes:
        return [], None, marks
    return codes, "whole_image", _oriented(marks, codes[0], size) or marks


def _oriented(marks: PageMarks | None, code: DecodedCode | None, size: tuple[float, float]
              ) -> PageMarks | None:
    """``marks`` turned so that ``code`` (image px) lies where every layout prints its QR
    code, at the top right; None when no turn puts it there."""
    if marks is None or code is None:
        return None
    centres = pg.default_centres_mm(size)
    tolerance = pg.grow(pg.qr_search_box(size), th.QR_POSITION_TOLERANCE_MM)
    for steps in range(4):
        turned = marks.rotated(steps)
        x, y = pg.to_page(pg.homography(turned, centres), code.center)
        if (tolerance[0] <= x <= tolerance[0] + tolerance[2]
                and tolerance[1] <= y <= tolerance[1] + tolerance[3]):
            return replace(turned, oriented=True)
    return None


def interpret_image(
    image: np.ndarray,
    key_for: KeyLookup,
    layout_for: LayoutLookup,
    *,
    thresholds: th.MarkThresholds = th.DEFAULT_THRESHOLDS,
    backends: Sequence[str] | None = None,
    debug: bool = False,
) -> PageResult:
    """Read one page image (grayscale or BGR, any resolution from ~150 dpi up)."""
    bilevel = is_bilevel(image)
    dots = None
    if bilevel:
        sigma = (th.BILEVEL_SMOOTHING_MM * max(image.shape[:2])
                 / th.BILEVEL_PAGE_LONG_SIDE_MM)
        dots = prepare(image)[0]  # the dots as scanned: their density per box (measure.py)
        image = cv2.GaussianBlur(to_gray(image), (0, 0), sigma)
    gray, scale = prepare(image)
    result = _interpret(gray, scale, key_for, layout_for, thresholds, backends, dots)
    if bilevel and result.status is not Status.REJECTED:
        result = result.with_reasons(Reason.BILEVEL_SCAN)
    if debug:
        from scanning.debug import draw_debug

        layout = (layout_for(result.campaign_id, result.layout_version)
                  if result.campaign_id is not None and result.layout_version is not None
                  else None)
        result = replace(result, debug_image=draw_debug(gray, result, layout))
    return result


def interpret_file(path: str | Path, key_for: KeyLookup, layout_for: LayoutLookup,
                   *, thresholds: th.MarkThresholds = th.DEFAULT_THRESHOLDS,
                   backends: Sequence[str] | None = None, debug: bool = False) -> PageResult:
    """Read one single-page image file (decoded at reduced size when it is large)."""
    gray, scale = load_gray(path)
    if gray is None:
        return PageResult.refused(Reason.IMAGE_UNREADABLE)
    result = interpret_image(gray, key_for, layout_for, thresholds=thresholds,
                             backends=backends, debug=debug)
    return replace(result, image_scale=result.image_scale * scale)


def _interpret(gray: Gray, scale: float, key_for: KeyLookup,
               layout_for: LayoutLookup, t: th.MarkThresholds,
               backends: Sequence[str] | None, dots: Gray | None = None) -> PageResult:
    marks, blobs = search_marks(gray)
    if marks is not None:
        codes, qr_pass, marks = _read_code(gray, marks, pg.guess_page_size(marks), backends)
    else:
        codes = decode_qr(gray, backends)
        qr_pass = "whole_image" if codes else None
    code, payload, reason = _check_code(codes, key_for)
    known = _known(code, payload, qr_pass, scale)
    if payload is None:
        if marks is None:
            return PageResult.refused(Reason.PAGE_NOT_FOUND, *([reason] if reason else []),
                                      **known)
        return PageResult.refused(reason or Reason.CODE_UNREADABLE, corners=marks.corners,
                                  **known)
    layout = layout_for(payload.campaign_id, payload.layout_version)
    page = None if layout is None else next(
        (p for p in layout.pages if p.page == payload.page), None)
    if layout is None or page is None:
        return PageResult.refused(Reason.UNKNOWN_LAYOUT, **known)
    centres = pg.mark_centres_mm(layout.registration_marks)
    points = register.code_points(code, layout)
    tried: list[tuple[register.Fit, tuple[TargetReading, ...], PageMarks | None]] = []

    def attempt(found: PageMarks | None, squares: Sequence[Blob]) -> bool:
        """Fit through ``found`` (the four marks), else from the QR code and ``squares``."""
        if found is not None and found.oriented:
            known["corners"] = found.corners
            tried.append((*_fit(gray, pg.homography(found, centres), page, "marks", points,
                                t, dots), found))
            if tried[-1][0].verified:
                return True
        first = register.from_code(points, layout, squares)
        if first is not None:
            tried.append((*_fit(gray, first, page, "code", points, t, dots), None))
        return bool(tried) and tried[-1][0].verified

    if not attempt(marks, blobs) and max(gray.shape[:2]) > th.SEARCH_LONG_SIDE_PX:
        # Nothing verified on the shrunk copy, where a photo's marks are 8-11 px and a
        # turned, blurred one can fail the solidity test by a pixel: look again at the
        # image's own resolution (only pages not found yet pay for it).
        fine, fine_blobs = search_marks(gray, max(gray.shape[:2]))
        attempt(_oriented(fine, code, layout.page_size_mm), fine_blobs)
    fit, readings, framed = next((f for f in tried if f[0].verified), (None, (), None))
    reasons: list[Reason] = []
    if fit is None:
        located = max((f for f, _, _ in tried), key=lambda f: f.found_share, default=None)
        if located is None or located.found_share < th.MIN_LOCATED_SHARE:
            return PageResult.refused(Reason.PAGE_NOT_FOUND, **known)
        reasons.append(Reason.MISREGISTERED)
        readings = tuple(replace(r, state=MarkState.AMBIGUOUS)
                         for r in _measure(gray, located.matrix, page, t, dots)[0])
        matrix = located.matrix
    else:
        matrix = fit.matrix
        if (framed is not None and pg.is_flat(framed, centres)
                and pg.aspect_misfit(framed, centres) > th.PAGE_ASPECT_TOLERANCE):
            reasons.append(Reason.WRONG_PAGE_SIZE)
    return _page_result(layout, page, readings, matrix, reasons, gray.shape, t, **known)


def _page_result(layout: Layout, page: Page, readings: tuple[TargetReading, ...],
                 matrix: pg.Matrix, reasons: list[Reason], image_shape: tuple[int, ...],
                 t: th.MarkThresholds, **known: Any) -> PageResult:
    """The result of a page read through ``matrix``: its categories, and the reasons the
    readings add (targets off the image, unclear marks, overvotes) after those already found.
    A target whose box and the paper around it are not all on the image (a photo's corner out
    of frame, a page past the scanner's edge) is unclear, never empty: the image cannot say."""
    off = _off_image(page, matrix, image_shape, t)
    if off:
        reasons.append(Reason.TARGETS_OFF_IMAGE)
        readings = tuple(replace(r, state=MarkState.AMBIGUOUS) if i in off else r
                         for i, r in enumerate(readings))
    categories = categories_of(layout, page, readings)
    if any(r.state is MarkState.AMBIGUOUS for r in readings):
        reasons.append(Reason.AMBIGUOUS_MARK)
    if any(c.overvote for c in categories):
        reasons.append(Reason.OVERVOTE)
    return PageResult(status_for(reasons), tuple(reasons), marks=readings, categories=categories,
                      homography=tuple(float(v) for v in matrix.ravel()), **known)


def _off_image(page: Page, matrix: pg.Matrix, image_shape: tuple[int, ...],
               t: th.MarkThresholds) -> frozenset[int]:
    """The targets of ``page`` whose box, with the paper its reading looks at around it, is
    not wholly on the image (``matrix``: image px → mm)."""
    height, width = image_shape[:2]
    back = np.linalg.inv(matrix)
    reach = t.outside_ring_mm + t.align_search_mm
    off = []
    for i, target in enumerate(page.targets):
        x, y, w, h = pg.grow(target.box_mm, reach)
        corners = np.array([[x, y, 1], [x + w, y, 1], [x + w, y + h, 1], [x, y + h, 1]]) @ back.T
        px = corners[:, :2] / corners[:, 2:]
        if (px < 0).any() or (px[:, 0] > width - 1).any() or (px[:, 1] > height - 1).any():
            off.append(i)
    return frozenset(off)


def _fit(gray: Gray, matrix: pg.Matrix, page: Page, origin: str,
         points: Sequence[tuple[Point, Point]], t: th.MarkThresholds, dots: Gray | None = None
         ) -> tuple[register.Fit, tuple[TargetReading, ...]]:
    """A fit and the page read through it, judged by the boxes as measured: their outlines
    must be where it puts them. Usually the first fit is right and this costs one warp; else
    the box grid refines it (:func:`register.verify`) and the boxes are measured again."""
    readings, inks = _measure(gray, matrix, page, t, dots)
    off = _off_image(page, matrix, gray.shape, t)
    measured = register.Fit(matrix, *register.agreement(inks, off), origin)
    if measured.verified:
        return measured, readings
    refined = register.verify(gray, matrix, page, origin, points)
    if not refined.verified:
        return refined, ()
    readings, inks = _measure(gray, refined.matrix, page, t, dots)
    off = _off_image(page, refined.matrix, gray.shape, t)
    return register.Fit(refined.matrix, *register.agreement(inks, off), origin), readings


def _measure(gray: Gray, matrix: pg.Matrix, page: Page, t: th.MarkThresholds,
             dots: Gray | None = None) -> tuple[tuple[TargetReading, ...], list[TargetInk]]:
    """Measure and classify every target of ``page`` through ``matrix`` (image px → mm);
    ``dots``: the black-and-white scan before smoothing, when the page is one."""
    boxes = [target.box_mm for target in page.targets]
    if not boxes:
        return (), []
    x0 = min(b[0] for b in boxes)
    y0 = min(b[1] for b in boxes)
    area = pg.grow((x0, y0, max(b[0] + b[2] for b in boxes) - x0,
                    max(b[1] + b[3] for b in boxes) - y0), th.TARGET_REGION_GROW_MM)
    region = pg.warp_region(gray, matrix, area, th.READ_DPI)
    inks = measure_targets(region, (area[0], area[1]), th.READ_DPI, boxes, t,
                           None if dots is None else pg.warp_region(dots, matrix, area,
                                                                    th.READ_DPI))
    return read_targets(page, inks, t), inks


def read_with_corners(image: np.ndarray, corners: Sequence[Point], layout: Layout,
                      page_number: int, *,
                      thresholds: th.MarkThresholds = th.DEFAULT_THRESHOLDS) -> PageResult:
    """Read a page whose registration marks a person pointed at (review of a page the reader
    could not frame): ``corners`` are the centres of the tl, tr, br, bl marks in ``image``'s
    pixels. The result carries the readings and the homography; serial and status are the
    caller's (the code was verified when the page was first read)."""
    page = next((p for p in layout.pages if p.page == page_number), None)
    if page is None or len(corners) != 4:
        return PageResult.refused(Reason.UNKNOWN_LAYOUT)
    gray, scale = prepare(image)
    scaled = [(float(x) * scale, float(y) * scale) for x, y in corners]
    marks = PageMarks((scaled[0], scaled[1], scaled[2], scaled[3]), (1.0, 1.0, 1.0, 1.0))
    matrix = pg.homography(marks, pg.mark_centres_mm(layout.registration_marks))
    return _page_result(layout, page, _measure(gray, matrix, page, thresholds)[0], matrix, [],
                        gray.shape, thresholds,
                        layout_version=layout.layout_version, layout_page=page_number,
                        corners=marks.corners, image_scale=scale)


def _known(code: DecodedCode | None, payload: Payload | None, qr_pass: str | None,
           scale: float) -> dict[str, Any]:
    known: dict[str, Any] = {"qr_text": code.text if code else None, "qr_pass": qr_pass,
                                "image_scale": scale,
                                "qr_corners": code.corners if code else None}
    if payload is not None:
        known |= {"serial": payload.serial, "campaign_id": payload.campaign_id,
                  "layout_version": payload.layout_version, "layout_page": payload.page}
    return known
