"""Find the page: the four solid registration squares, on a downscaled copy, at any rotation.

Ink is judged against a local paper-white map (a coarse max filter), so uneven camera light
does not darken a whole corner into "ink". Every solid, square-ish blob is a candidate; of the
largest few, the four that make a convex quadrilateral with one square about 2.8 times the
area of the three others (the top-left orientation mark) and a plausible mark-to-page size
ratio are the page. Corners come back as tl, tr, br, bl: the largest mark, then clockwise.
"""

from __future__ import annotations

import itertools
import math
from dataclasses import dataclass

import cv2
import numpy as np

from scanning import thresholds as th
from scanning.decoder import Gray, Point

#: Mark centres of an A4 page (mm), tl tr br bl: the size check maps blobs onto this.
CANONICAL_CENTRES_MM = np.array([[11, 11], [201, 9], [201, 288], [9, 288]], np.float32)


@dataclass(frozen=True)
class Blob:
    x: float  # centre, in pixels of the image searched (search_marks: the input's)
    y: float
    area: float  # px² in the searched image
    bbox: tuple[int, int, int, int]  # x, y, w, h, in the same pixels as the centre


@dataclass(frozen=True)
class PageMarks:
    """Mark centres in the input image's pixels: top-left, top-right, bottom-right, bottom-left."""

    corners: tuple[Point, Point, Point, Point]
    #: Areas of the four marks in input pixels², same order.
    areas: tuple[float, float, float, float]
    #: False when no mark stood out as the larger top-left one (a blot, a covered corner):
    #: ``corners`` then starts at an arbitrary mark and the QR code settles the orientation.
    oriented: bool = True

    @property
    def small_mark_side_px(self) -> float:
        return math.sqrt(float(np.median(self.areas[1:])))

    def rotated(self, steps: int) -> PageMarks:
        """The same marks with another one taken as top-left (``steps`` clockwise)."""
        order = [(i + steps) % 4 for i in range(4)]
        c, a = self.corners, self.areas
        return PageMarks((c[order[0]], c[order[1]], c[order[2]], c[order[3]]),
                         (a[order[0]], a[order[1]], a[order[2]], a[order[3]]), self.oriented)


def downscale(gray: Gray, long_side_px: int) -> tuple[Gray, float]:
    """A copy shrunk by a whole factor to a long side near ``long_side_px`` (OpenCV's fast
    path: 0.1 ms instead of 5 ms for a fractional one), and its scale (copy px per input px)."""
    factor = max(1, round(max(gray.shape[:2]) / long_side_px))
    if factor == 1:
        return gray, 1.0
    height, width = gray.shape[:2]
    small = cv2.resize(gray[: height - height % factor, : width - width % factor],
                       (width // factor, height // factor), interpolation=cv2.INTER_AREA)
    return np.asarray(small, np.uint8), 1.0 / factor


def ink_mask(small: Gray, white_block_px: int, ink_level: float) -> Gray:
    """255 where a pixel is darker than ``ink_level`` of the brightest paper around it."""
    height, width = small.shape[:2]
    block = max(2, white_block_px // 4)
    coarse = cv2.resize(small, (max(1, width // block), max(1, height // block)),
                        interpolation=cv2.INTER_AREA)
    coarse = cv2.dilate(coarse, np.ones((5, 5), np.uint8))
    white = cv2.resize(coarse, (width, height), interpolation=cv2.INTER_LINEAR)
    level = cv2.convertScaleAbs(white, alpha=ink_level)
    ink = cv2.compare(small, level, cv2.CMP_LT)
    # Strokes thinner than 3 px (text, rules, box borders) go; solid areas stay.
    return np.asarray(cv2.morphologyEx(ink, cv2.MORPH_OPEN, np.ones((3, 3), np.uint8)),
                      np.uint8)


def _weighted_centre(small: Gray, x: int, y: int, w: int, h: int) -> Point:
    """Grey-weighted centroid of a mark (anti-aliased edges count by their darkness), px."""
    pad = 2
    top, left = max(0, y - pad), max(0, x - pad)
    window = small[top: y + h + pad, left: x + w + pad].astype(np.float32)
    paper = float(window.max())
    weights = np.clip(paper * th.MARK_EDGE_LEVEL - window, 0, None)
    total = float(weights.sum())
    ys, xs = np.indices(window.shape, dtype=np.float32)
    return (left + float((weights * xs).sum()) / total, top + float((weights * ys).sum()) / total)


def _clear_around(ink: Gray, x: int, y: int, w: int, h: int, side: float) -> bool:
    """Every mark has 5 mm of white paper around it; a filled target box has its number and
    name 2.5 mm away, a QR module its neighbours. The ring is measured from the mark's own
    ``side`` (px), not its upright bounding box: on a turned page that box is wider, and the
    ring would reach past the page's edge onto the table (a mark 6 mm from the edge)."""
    pad = max(2, round(th.MARK_CLEAR_RING * side))
    top, left = max(0, y - pad), max(0, x - pad)
    ring = ink[top: y + h + pad, left: x + w + pad]
    inside = np.count_nonzero(ink[y:y + h, x:x + w])
    ring_area = ring.size - w * h
    return bool(ring_area > 0
                and np.count_nonzero(ring) - inside <= th.MAX_MARK_RING_INK * ring_area)


def solid_squares(ink: Gray) -> list[Blob]:
    """Solid, roughly square blobs of ink (the QR finder rings are hollow and drop out)."""
    # RETR_CCOMP: a dark table around a photographed page is one blob with the page as its
    # hole; the marks are outer boundaries inside that hole (not external contours). The
    # table blob itself is taken out of the ink the clear-zone check looks at.
    contours, hierarchy = cv2.findContours(ink, cv2.RETR_CCOMP, cv2.CHAIN_APPROX_SIMPLE)
    if hierarchy is None:
        return []
    max_side = max(ink.shape[:2]) / 8
    outer = [i for i in range(len(contours)) if hierarchy[0][i][3] < 0]
    large = [i for i in outer if max(cv2.boundingRect(contours[i])[2:]) > max_side]
    if large:
        ignore = np.zeros_like(ink)
        for i in large:
            cv2.drawContours(ignore, contours, i, 255, cv2.FILLED, hierarchy=hierarchy,
                             maxLevel=1)
        ink = np.asarray(cv2.bitwise_and(ink, cv2.bitwise_not(ignore)), np.uint8)
    blobs = []
    for contour in (contours[i] for i in outer):
        x, y, w, h = cv2.boundingRect(contour)
        if min(w, h) < th.MIN_MARK_SIDE_PX or max(w, h) > max_side:
            continue
        if not th.MARK_ASPECT_RANGE[0] <= w / h <= th.MARK_ASPECT_RANGE[1]:
            continue
        # Contours run through boundary pixel centres: add half the perimeter and one pixel
        # for the area the pixels cover (a 13 px square's polygon is only 12 x 12).
        area = cv2.contourArea(contour) + cv2.arcLength(contour, True) / 2 + 1
        (_, _), (rw, rh), _ = cv2.minAreaRect(contour)
        if area < th.MIN_MARK_SOLIDITY * (rw + 1) * (rh + 1):
            continue
        if np.count_nonzero(ink[y:y + h, x:x + w]) < th.MIN_MARK_SOLIDITY * area:
            continue
        if not _clear_around(ink, x, y, w, h, max(rw, rh) + 1):
            continue
        blobs.append(Blob(x + w / 2, y + h / 2, area, (x, y, w, h)))
    return blobs


def _clockwise(blobs: list[Blob]) -> list[Blob]:
    """The largest first, then clockwise as seen on screen (image y grows downwards)."""
    cx = sum(b.x for b in blobs) / len(blobs)
    cy = sum(b.y for b in blobs) / len(blobs)
    ordered = sorted(blobs, key=lambda b: math.atan2(b.y - cy, b.x - cx))
    start = ordered.index(max(blobs, key=lambda b: b.area))
    return ordered[start:] + ordered[:start]


def _plausible(quad: list[Blob], oriented: bool = True) -> bool:
    big, small = quad[0], sorted(b.area for b in quad[1:])
    ratio = big.area / small[1]
    low, high = (th.ORIENTATION_AREA_RATIO_RANGE if oriented
                 else (1.0, th.UNORIENTED_MAX_AREA_RATIO))
    if not low <= ratio <= high:
        return False
    if small[2] > th.MAX_SMALL_MARK_AREA_SPREAD * small[0]:
        return False
    points = np.array([[b.x, b.y] for b in quad], np.float32)
    if not cv2.isContourConvex(points):
        return False
    sides = [math.dist((quad[i].x, quad[i].y), (quad[i - 1].x, quad[i - 1].y))
             for i in range(4)]
    mark_to_page = math.sqrt(small[1]) / (sum(sides) / 4)
    low, high = th.MARK_TO_PAGE_RATIO_RANGE
    return low <= mark_to_page <= high and _sizes_agree(quad, oriented)


def _sizes_agree(quad: list[Blob], oriented: bool) -> bool:
    """Mapped onto a page by the homography the four centres give, the marks must have the
    sizes printed: a blob in the wrong place (a filled box standing in for a cut-off corner)
    maps to a size that disagrees with the other marks'."""
    src = np.array([[b.x, b.y] for b in quad], np.float32)
    matrix = cv2.getPerspectiveTransform(src, CANONICAL_CENTRES_MM)
    det = float(np.linalg.det(matrix))
    mapped = []
    for b in quad:
        w = float(matrix[2, 0] * b.x + matrix[2, 1] * b.y + matrix[2, 2])
        mapped.append(b.area * abs(det) / abs(w) ** 3)
    median = float(np.median(mapped[1:]))
    if max(mapped[1:]) > th.MAPPED_MARK_AREA_SPREAD * min(mapped[1:]):
        return False
    low, high = th.ORIENTATION_AREA_RATIO_RANGE if oriented else (
        1 / th.UNORIENTED_MAX_AREA_RATIO, th.UNORIENTED_MAX_AREA_RATIO)
    return low <= mapped[0] / median <= high


def _quad_area(quad: list[Blob]) -> float:
    return 0.5 * abs(sum(quad[i - 1].x * quad[i].y - quad[i].x * quad[i - 1].y
                         for i in range(4)))


def choose_page(blobs: list[Blob], oriented: bool = True) -> list[Blob] | None:
    """The four blobs that make a page: of the plausible ones, the largest quadrilateral (the
    marks sit at the paper's corners; a filled target box is as solid as a small mark).
    ``oriented=False`` looks for four marks of about one size (the orientation mark lost)."""
    largest = sorted(blobs, key=lambda b: b.area, reverse=True)[: th.MAX_MARK_CANDIDATES]
    high = th.ORIENTATION_AREA_RATIO_RANGE[1] * 1.5 if oriented else th.UNORIENTED_MAX_AREA_RATIO
    best: list[Blob] | None = None
    best_area = 0.0
    for index, big in enumerate(largest):
        smalls = [b for b in largest[index + 1:] if big.area / b.area <= high]
        for trio in itertools.combinations(smalls, 3):
            if trio[0].area > th.MAX_SMALL_MARK_AREA_SPREAD * trio[2].area:
                continue
            quad = _clockwise([big, *trio])
            area = _quad_area(quad)
            if area > best_area and _plausible(quad, oriented):
                best, best_area = quad, area
    return best


def find_marks(gray: Gray, long_side_px: int = th.SEARCH_LONG_SIDE_PX) -> PageMarks | None:
    """The page's four marks in ``gray``'s pixels, or None when no page is found."""
    return search_marks(gray, long_side_px)[0]


def search_marks(gray: Gray, long_side_px: int = th.SEARCH_LONG_SIDE_PX
                 ) -> tuple[PageMarks | None, list[Blob]]:
    """The page's four marks (or None), and every mark-like square found, in ``gray``'s pixels
    (the fit from the QR code uses those when a mark is cut off)."""
    small, scale = downscale(gray, long_side_px)
    ink = ink_mask(small, th.SEARCH_WHITE_BLOCK_PX, th.SEARCH_INK_LEVEL)
    blobs = solid_squares(ink)
    found = [Blob((b.x + 0.5) / scale - 0.5, (b.y + 0.5) / scale - 0.5, b.area / scale**2,
                  (round(b.bbox[0] / scale), round(b.bbox[1] / scale),
                   round(b.bbox[2] / scale), round(b.bbox[3] / scale))) for b in blobs]
    oriented = True
    quad = choose_page(blobs)
    if quad is None:
        oriented = False
        quad = choose_page(blobs, oriented=False)
    if quad is None:
        return None, found

    def back(b: Blob) -> Point:  # pixel centres: (x + 0.5) / scale - 0.5
        x, y = _weighted_centre(small, *b.bbox)
        return ((x + 0.5) / scale - 0.5, (y + 0.5) / scale - 0.5)

    corners = (back(quad[0]), back(quad[1]), back(quad[2]), back(quad[3]))
    areas = tuple(b.area / scale**2 for b in quad)
    return PageMarks(corners, (areas[0], areas[1], areas[2], areas[3]), oriented), found
