"""From mark centres to page millimetres: paper guess, homography, warping a region of the page.

Coordinates: image points are pixel indices (pixel i's centre is i); page points are mm from the
page's top-left corner, as in the layout. ``H`` maps image pixels to page mm.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

import cv2
import numpy as np
from numpy.typing import NDArray

from ballotformat import PAPER_SIZES_MM, RegistrationMark
from ballotformat import geometry as g
from scanning import thresholds as th
from scanning.decoder import Gray, Point
from scanning.marks import PageMarks

Matrix = NDArray[np.float64]
Box = tuple[float, float, float, float]
CORNER_ORDER = ("tl", "tr", "br", "bl")


def mark_centres_mm(marks: Sequence[RegistrationMark]) -> tuple[Point, Point, Point, Point]:
    by_corner = {m.corner: m.box_mm for m in marks}
    centres = [(x + w / 2, y + h / 2) for x, y, w, h in (by_corner[c] for c in CORNER_ORDER)]
    return (centres[0], centres[1], centres[2], centres[3])


def default_centres_mm(page_size_mm: tuple[float, float]) -> tuple[Point, Point, Point, Point]:
    """Mark centres every BallotDesk page of this size has (marks sit 6 mm in from the edges)."""
    return mark_centres_mm(g.registration_marks(*page_size_mm))


def guess_page_size(marks: PageMarks) -> tuple[float, float]:
    """The paper size whose mark rectangle fits best: its aspect, and the small mark's side
    against the page (A3 and A4 have nearly the same aspect, but 6 mm marks on a page 1.4 times
    as large look 1.4 times smaller)."""
    tl, tr, br, bl = marks.corners
    width = (math.dist(tl, tr) + math.dist(bl, br)) / 2
    height = (math.dist(tl, bl) + math.dist(tr, br)) / 2
    side = marks.small_mark_side_px

    def misfit(size: tuple[float, float]) -> float:
        c = default_centres_mm(size)
        exp_w = (math.dist(c[0], c[1]) + math.dist(c[3], c[2])) / 2
        exp_h = (math.dist(c[0], c[3]) + math.dist(c[1], c[2])) / 2
        return (abs(math.log((height / width) / (exp_h / exp_w)))
                + abs(math.log((side / width) / (g.MARK_MM / exp_w))))

    return min(PAPER_SIZES_MM.values(), key=misfit)


def homography(marks: PageMarks, centres_mm: Sequence[Point]) -> Matrix:
    """Image pixels to page mm."""
    src = np.array(marks.corners, np.float32)
    dst = np.array(centres_mm, np.float32)
    return cv2.getPerspectiveTransform(src, dst).astype(np.float64)


def to_page(matrix: Matrix, point: Point) -> Point:
    x, y, w = matrix @ np.array([point[0], point[1], 1.0])
    return (float(x / w), float(y / w))


def _sides(points: Sequence[Point]) -> tuple[float, float, float, float]:
    tl, tr, br, bl = points
    return math.dist(tl, tr), math.dist(bl, br), math.dist(tl, bl), math.dist(tr, br)


def is_flat(marks: PageMarks, centres_mm: Sequence[Point]) -> bool:
    """Opposite sides of the mark quadrilateral in the printed proportion (the centres are
    not a rectangle: the top-left mark is larger): a flatbed scan, not a slanted photo."""
    top, bottom, left, right = _sides(marks.corners)
    e_top, e_bottom, e_left, e_right = _sides(centres_mm)
    tolerance = th.FLAT_SIDE_TOLERANCE
    return (abs((top / bottom) / (e_top / e_bottom) - 1) < tolerance
            and abs((left / right) / (e_left / e_right) - 1) < tolerance)


def aspect_misfit(marks: PageMarks, centres_mm: Sequence[Point]) -> float:
    """Relative difference between the found and the layout's mark rectangle aspect."""
    tl, tr, br, bl = marks.corners
    found = (math.dist(tl, bl) + math.dist(tr, br)) / (math.dist(tl, tr) + math.dist(bl, br))
    c = centres_mm
    wanted = (math.dist(c[0], c[3]) + math.dist(c[1], c[2])) / (
        math.dist(c[0], c[1]) + math.dist(c[3], c[2]))
    return abs(found / wanted - 1)


def grow(box: Box, by_mm: float) -> Box:
    x, y, w, h = box
    return (x - by_mm, y - by_mm, w + 2 * by_mm, h + 2 * by_mm)


def warp_region(image: Gray, matrix: Matrix, box_mm: Box, dpi: float) -> Gray:
    """The page area ``box_mm`` at ``dpi``, pixel (0, 0) centred on the box's top-left corner
    plus half a pixel (so pixel i covers mm [x + i/k, x + (i+1)/k))."""
    k = dpi / th.MM_PER_INCH
    x, y, w, h = box_mm
    to_region = np.array([[k, 0, -x * k - 0.5], [0, k, -y * k - 0.5], [0, 0, 1]])
    size = (max(1, round(w * k)), max(1, round(h * k)))
    warped = cv2.warpPerspective(image, to_region @ matrix, size, flags=cv2.INTER_LINEAR,
                                 borderMode=cv2.BORDER_CONSTANT, borderValue=255)
    return np.asarray(warped, np.uint8)


def region_corners_in_image(matrix: Matrix, box_mm: Box) -> list[Point]:
    """The four corners of a page box, in image pixels (for drawing and whole-image checks)."""
    inverse = np.asarray(np.linalg.inv(matrix), np.float64)
    x, y, w, h = box_mm
    return [to_page(inverse, p) for p in ((x, y), (x + w, y), (x + w, y + h), (x, y + h))]


def qr_search_box(page_size_mm: tuple[float, float]) -> Box:
    """Where every layout of this paper puts its QR code (docs/ballot-format.md): top edge at
    the paper's top, right edge at the top-right mark's clear zone, ``QR_SEARCH_SIDE_MM``
    square (the default 1.4 mm modules need 46.2 mm with the quiet zone)."""
    right = page_size_mm[0] - g.MARK_INSET_MM - g.MARK_MM
    side = th.QR_SEARCH_SIDE_MM
    return (right - side, 0.0, side, side)
