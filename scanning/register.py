"""A verified fit: the printed box outlines are found where the homography puts them.

The registration marks (or the QR code's corners) give a first homography. It is trusted only
once the printed box grid agrees with it: every target's outline is looked for around where the
fit puts it (column and row darkness profiles, both borders at once, as :mod:`scanning.measure`
does), a correcting homography is fitted to the outlines found (RANSAC, page millimetres), and the
fit is accepted only when nearly every box was found and the residual is small. A page whose boxes
are not where the fit puts them is misregistered: nothing on it is read confidently.

Residuals and tolerances are millimetres on the page (``scanning/thresholds.py``).
"""

from __future__ import annotations

import math
from collections.abc import Collection, Sequence
from dataclasses import dataclass

import cv2
import numpy as np
from numpy.typing import NDArray

from ballotformat import Layout, Page
from scanning import page as pg
from scanning import thresholds as th
from scanning.decoder import DecodedCode, Gray, Point
from scanning.marks import Blob
from scanning.measure import TargetInk

Matrix = pg.Matrix


@dataclass(frozen=True)
class Fit:
    """A homography (image px → page mm) and how well the printed boxes agree with it."""

    matrix: Matrix
    #: Share of the page's targets whose outline was found and agrees with the fit.
    found_share: float
    #: Root mean square distance (mm) between the outlines found and where the fit puts them.
    rms_mm: float
    #: Where the first fit came from: "marks" or "code" (the QR code's corners and the marks
    #: that agree with them).
    origin: str

    @property
    def verified(self) -> bool:
        return (self.found_share >= th.MIN_BOXES_FOUND_SHARE
                and self.rms_mm <= th.MAX_FIT_RMS_MM)


def agreement(inks: Sequence[TargetInk], off_image: Collection[int] = ()
              ) -> tuple[float, float]:
    """How well a measured page agrees with the fit it was measured through: the share of its
    boxes whose outline was found, and the root mean square of where they were found against
    where the fit put them (mm), without any correction. Boxes the fit puts off the image
    (indexes ``off_image``) cannot be found and are left out, as long as at least
    ``MIN_LOCATED_SHARE`` of them are on it (a fit cannot pass by putting the page elsewhere)."""
    if not inks:  # a page without boxes has nothing to disagree with
        return 1.0, 0.0
    on_image = [ink for i, ink in enumerate(inks) if i not in off_image]
    if len(on_image) < th.MIN_LOCATED_SHARE * len(inks):
        on_image = list(inks)
    found = [ink for ink in on_image if ink.outline >= th.MIN_OUTLINE_DARKNESS]
    if not found:
        return 0.0, math.inf
    rms = math.sqrt(sum(x * x + y * y for x, y in (ink.shift_mm for ink in found)) / len(found))
    return len(found) / len(on_image), rms


def _outline_offsets(region: Gray, origin_mm: Point, dpi: float, boxes: Sequence[pg.Box],
                     search_mm: float) -> tuple[NDArray[np.float64], NDArray[np.float64]]:
    """Per box, where its outline is against where it was expected (mm, x and y), and the
    outline's darkness (0..1 of the paper white, the weaker of the two axes)."""
    k = dpi / th.MM_PER_INCH
    side = round(boxes[0][2] * k)
    search = max(1, round(search_mm * k))
    size = side + 2 * search + 1
    left = np.array([round((b[0] - origin_mm[0]) * k) for b in boxes], np.intp) - search
    top = np.array([round((b[1] - origin_mm[1]) * k) for b in boxes], np.intp) - search
    offsets = np.arange(size)
    rows = np.clip(top[:, None] + offsets, 0, region.shape[0] - 1)
    cols = np.clip(left[:, None] + offsets, 0, region.shape[1] - 1)
    patches = region[rows[:, :, None], cols[:, None, :]].astype(np.float32)
    white = np.maximum(patches.max(axis=(1, 2)), 1.0)[:, None, None]
    dark = np.clip(1.0 - patches / white, 0.0, 1.0)
    shifts = np.arange(-search, search + 1)
    found = []
    strength = []
    for axis in (1, 2):  # axis 1: sum over rows -> column profile (x); axis 2: rows (y)
        profile = dark.sum(axis=axis)
        padded = np.pad(profile, ((0, 0), (1, 1)))
        smooth = padded[:, :-2] + padded[:, 1:-1] + padded[:, 2:]
        score = smooth[:, search + shifts] + smooth[:, search + side + shifts]
        best = np.argmax(score, axis=1)
        found.append(shifts[best] / k)
        # Mean darkness along the two border lines (the smoothing spans three pixels).
        strength.append(score[np.arange(len(boxes)), best] / (2 * size))
    offset = np.stack(found, axis=1).astype(np.float64)
    return offset, np.minimum(strength[0], strength[1]).astype(np.float64)


def _fit_boxes(gray: Gray, matrix: Matrix, page: Page, search_mm: float,
               code_points: Sequence[tuple[Point, Point]]) -> tuple[Matrix, float, float]:
    """One refinement: the corrected matrix, the share of boxes found, the residual (mm)."""
    groups: dict[tuple[float, float], list[int]] = {}
    for i, target in enumerate(page.targets):
        groups.setdefault((target.box_mm[2], target.box_mm[3]), []).append(i)
    boxes = [t.box_mm for t in page.targets]
    x0 = min(b[0] for b in boxes)
    y0 = min(b[1] for b in boxes)
    area = pg.grow((x0, y0, max(b[0] + b[2] for b in boxes) - x0,
                    max(b[1] + b[3] for b in boxes) - y0), search_mm + 1.0)
    region = pg.warp_region(gray, matrix, area, th.FIT_DPI)
    expected = np.array([(b[0] + b[2] / 2, b[1] + b[3] / 2) for b in boxes], np.float64)
    seen = expected.copy()
    strong = np.zeros(len(boxes), bool)
    for members in groups.values():
        offset, strength = _outline_offsets(region, (area[0], area[1]), th.FIT_DPI,
                                            [boxes[i] for i in members], search_mm)
        seen[members] = expected[members] + offset
        strong[members] = strength >= th.MIN_OUTLINE_DARKNESS
    # A point seen at ``seen`` under the current matrix truly lies at ``expected``.
    src = [*seen[strong].tolist(), *(p for p, _ in code_points)]
    dst = [*expected[strong].tolist(), *(q for _, q in code_points)]
    if len(src) < th.MIN_FIT_POINTS:
        return matrix, 0.0, math.inf
    correction, inliers = cv2.findHomography(np.array(src, np.float64),
                                             np.array(dst, np.float64), cv2.RANSAC,
                                             th.FIT_INLIER_MM)
    if correction is None:
        return matrix, 0.0, math.inf
    mask = inliers.ravel().astype(bool)[: int(strong.sum())]
    corrected = cv2.perspectiveTransform(seen[strong][None], correction)[0]
    errors = np.linalg.norm(corrected - expected[strong], axis=1)[mask]
    rms = float(np.sqrt(np.mean(errors**2))) if errors.size else math.inf
    return (np.asarray(correction @ matrix, np.float64), float(mask.sum()) / len(boxes), rms)


def verify(gray: Gray, matrix: Matrix, page: Page, origin: str,
           code_points: Sequence[tuple[Point, Point]] = ()) -> Fit:
    """Refine ``matrix`` on the page's box grid and say how well it holds: a close search
    first (a good fit from the marks needs nothing more), else a wide one then a close one.
    ``code_points`` are (image px, page mm) pairs from the QR symbol's corners."""
    if not page.targets:
        return Fit(matrix, 1.0, 0.0, origin)
    close = th.FIT_SEARCH_MM[-1]
    refined, found, rms = _fit_boxes(gray, matrix, page, close, _mapped(matrix, code_points))
    if found >= th.MIN_BOXES_FOUND_SHARE and rms <= th.MAX_FIT_RMS_MM:
        return Fit(refined, found, rms, origin)
    for search_mm in th.FIT_SEARCH_MM:
        matrix, found, rms = _fit_boxes(gray, matrix, page, search_mm,
                                        _mapped(matrix, code_points))
        if not math.isfinite(rms):
            break
    return Fit(matrix, found, rms, origin)


def _mapped(matrix: Matrix, points: Sequence[tuple[Point, Point]]
            ) -> list[tuple[Point, Point]]:
    """(image px, page mm) pairs as (where ``matrix`` puts the point, page mm)."""
    return [(pg.to_page(matrix, p), q) for p, q in points]


def code_points(code: DecodedCode | None, layout: Layout) -> list[tuple[Point, Point]]:
    """The QR symbol's four corners (zxing-cpp gives them in the symbol's own order: tl, tr,
    br, bl as printed) paired with where the layout prints them; none from other backends."""
    if code is None or code.backend != "zxing-cpp" or len(code.corners) != 4:
        return []
    x, y, w, h = layout.qr.symbol_box_mm
    printed = ((x, y), (x + w, y), (x + w, y + h), (x, y + h))
    return list(zip(code.corners, printed, strict=True))


def from_code(points: Sequence[tuple[Point, Point]], layout: Layout, blobs: Sequence[Blob]
              ) -> Matrix | None:
    """A first fit from the QR symbol's corners and the registration marks that lie where
    those corners put them (marks cut off by the image edge or hidden are simply missing).

    The symbol spans a sixth of the page: a perspective fit of its corners alone swings wildly
    at the far end, so the marks are looked for nearest first under an affine fit of what is
    known so far, each search wider the farther it reaches; the homography comes last."""
    if len(points) != 4:
        return None
    pairs = list(points)
    qr_mm = np.mean([q for _, q in points], axis=0)
    marks = sorted(layout.registration_marks,
                   key=lambda m: math.dist(_centre(m.box_mm), qr_mm))
    for mark in marks:
        centre = _centre(mark.box_mm)
        back = _affine_back(pairs)
        guess = pg.to_page(back, centre)
        per_mm = _px_per_mm(back)
        reach = min(th.CODE_MARK_SEARCH_MM + th.CODE_MARK_SEARCH_GROWTH
                    * math.dist(centre, qr_mm), th.CODE_MARK_SEARCH_MAX_MM) * per_mm
        side = mark.box_mm[2]
        near = [b for b in blobs if math.dist((b.x, b.y), guess) <= reach
                and abs(math.sqrt(b.area) / per_mm - side) <= side * th.MARK_SIDE_TOLERANCE]
        if near:
            best = min(near, key=lambda b: math.dist((b.x, b.y), guess))
            pairs.append(((best.x, best.y), centre))
    if len(pairs) < 6:  # the code alone spans too little of the page to reach its far end
        return None
    matrix, _ = cv2.findHomography(np.array([p for p, _ in pairs], np.float64),
                                   np.array([q for _, q in pairs], np.float64), 0)
    return None if matrix is None else np.asarray(matrix, np.float64)


def _centre(box: pg.Box) -> Point:
    return (box[0] + box[2] / 2, box[1] + box[3] / 2)


def _affine_back(pairs: Sequence[tuple[Point, Point]]) -> Matrix:
    """Page mm → image px, the least-squares affine map of the (image px, mm) pairs."""
    mm = np.array([[q[0], q[1], 1.0] for _, q in pairs], np.float64)
    px = np.array([p for p, _ in pairs], np.float64)
    solution, *_ = np.linalg.lstsq(mm, px, rcond=None)
    return np.vstack([solution.T, [0.0, 0.0, 1.0]])


def _px_per_mm(back: Matrix) -> float:
    """Image pixels per page millimetre near the page's top-left, from mm → px ``back``."""
    a = pg.to_page(back, (0.0, 0.0))
    b = pg.to_page(back, (100.0, 0.0))
    return math.dist(a, b) / 100.0
