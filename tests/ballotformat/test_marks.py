"""The registration marks as a scanner finds them: four solid squares, the largest top-left.

A minimal reference search (the scanning engineer owns the real one): threshold a 75 dpi
image, keep external contours that are square, solid and of a mark's size. It must find
exactly the four marks, at any quarter turn, and the largest tells the orientation.
"""

from __future__ import annotations

import cv2
import numpy as np
import pytest

from ballotformat import geometry as g
from tests.ballotformat.support import PX_PER_MM, RASTER_DPI, PrintedBatch

SEARCH_DPI = 75
PX_PER_MM_75 = SEARCH_DPI / 25.4
MIN_MARK_AREA_MM2 = 0.6 * g.MARK_MM**2
MAX_MARK_AREA_MM2 = 1.4 * g.ORIENTATION_MARK_MM**2
MIN_FILL_RATIO = 0.9  # a QR finder pattern's ring fills ~0.67 of its square


def find_marks(image: np.ndarray) -> list[tuple[float, float, float]]:
    """(x, y, area in mm²) of every solid square of a mark's size."""
    scale = SEARCH_DPI / RASTER_DPI
    small = cv2.resize(image, None, fx=scale, fy=scale, interpolation=cv2.INTER_AREA)
    _, ink = cv2.threshold(small, 128, 255, cv2.THRESH_BINARY_INV)
    contours, _ = cv2.findContours(ink, cv2.RETR_EXTERNAL, cv2.CHAIN_APPROX_SIMPLE)
    marks = []
    for contour in contours:
        x, y, w, h = cv2.boundingRect(contour)
        area_mm2 = w * h / PX_PER_MM_75**2
        if not MIN_MARK_AREA_MM2 <= area_mm2 <= MAX_MARK_AREA_MM2:
            continue
        if not 0.8 <= w / h <= 1.25:
            continue
        if np.count_nonzero(ink[y:y + h, x:x + w]) / (w * h) < MIN_FILL_RATIO:
            continue
        marks.append(((x + w / 2) / PX_PER_MM_75, (y + h / 2) / PX_PER_MM_75, area_mm2))
    return marks


@pytest.mark.parametrize("quarter_turns", [0, 1, 2, 3])
def test_four_marks_are_found_at_any_rotation_and_the_largest_gives_the_top_left(
    printed: PrintedBatch, quarter_turns: int
) -> None:
    for image in printed.pages[:2]:
        turned = np.ascontiguousarray(np.rot90(image, quarter_turns))
        marks = find_marks(turned)
        assert len(marks) == 4
        marks.sort(key=lambda m: m[2])
        assert marks[3][2] > 2 * marks[2][2]  # the orientation mark stands out by area
        height_mm, width_mm = (s / PX_PER_MM for s in turned.shape)
        x, y, _area = marks[3]
        # np.rot90 turns counter-clockwise: top-left goes to bottom-left, then bottom-right...
        expected = [(False, False), (False, True), (True, True), (True, False)][quarter_turns]
        assert (x > width_mm / 2, y > height_mm / 2) == expected
