"""Draw what the pipeline saw on the image it worked on (review screen, docs, test failures).

Page outline (blue), the four mark centres (tl larger, magenta), the QR region the layout gives
(cyan) and the symbol found (yellow), every target box where it was measured, coloured by state
(green marked, red ambiguous, grey empty) with its score in per cent. Only drawing: nothing here
measures or decides.
"""

from __future__ import annotations

import cv2
import numpy as np
from numpy.typing import NDArray

from ballotformat import Layout
from scanning.decide import MarkState
from scanning.decoder import Gray, Point
from scanning.result import PageResult

Bgr = NDArray[np.uint8]
Color = tuple[int, int, int]
STATE_COLORS: dict[MarkState, Color] = {
    MarkState.MARKED: (0, 160, 0),
    MarkState.AMBIGUOUS: (0, 0, 230),
    MarkState.EMPTY: (150, 150, 150),
}
OUTLINE_COLOR: Color = (230, 120, 0)
MARK_COLOR: Color = (200, 0, 200)
QR_REGION_COLOR: Color = (200, 200, 0)
QR_FOUND_COLOR: Color = (0, 200, 230)
#: Line width and text size grow with the image: this many pixels of image per unit.
PX_PER_LINE_UNIT = 700


def _poly(points: list[Point]) -> NDArray[np.int32]:
    return np.round(np.array(points, np.float64)).astype(np.int32).reshape(-1, 1, 2)


def _to_image(inverse: NDArray[np.float64], points: list[Point]) -> list[Point]:
    out = []
    for x, y in points:
        px, py, w = inverse @ np.array([x, y, 1.0])
        out.append((float(px / w), float(py / w)))
    return out


def _box(x: float, y: float, w: float, h: float) -> list[Point]:
    return [(x, y), (x + w, y), (x + w, y + h), (x, y + h)]


def draw_debug(gray: Gray, result: PageResult, layout: Layout | None = None) -> Bgr:
    """An annotated BGR copy of ``gray`` (the image the pipeline worked on)."""
    canvas = np.asarray(cv2.cvtColor(gray, cv2.COLOR_GRAY2BGR), np.uint8)
    unit = max(1, round(max(gray.shape[:2]) / PX_PER_LINE_UNIT))
    font_scale = 0.3 * unit
    if result.corners is not None:
        cv2.polylines(canvas, [_poly(list(result.corners))], True, OUTLINE_COLOR, unit)
        for index, (x, y) in enumerate(result.corners):
            radius = (6 if index == 0 else 4) * unit
            cv2.circle(canvas, (round(x), round(y)), radius, MARK_COLOR, unit)
    if result.homography is not None:
        matrix = np.array(result.homography, np.float64).reshape(3, 3)
        inverse = np.asarray(np.linalg.inv(matrix), np.float64)
        if layout is not None:
            width, height = layout.page_size_mm
            cv2.polylines(canvas, [_poly(_to_image(inverse, _box(0, 0, width, height)))], True,
                          OUTLINE_COLOR, unit)
            cv2.polylines(canvas, [_poly(_to_image(inverse, _box(*layout.qr.box_mm)))], True,
                          QR_REGION_COLOR, unit)
        for mark in result.marks:
            x, y, w, h = mark.box_mm
            dx, dy = mark.shift_mm
            corners = _to_image(inverse, _box(x + dx, y + dy, w, h))
            color = STATE_COLORS[mark.state]
            cv2.polylines(canvas, [_poly(corners)], True, color, unit)
            if mark.state is MarkState.EMPTY and mark.score == 0:
                continue
            label = f"{round(100 * mark.score)}"  # left of the box, clear of its neighbours
            (text_w, _), _ = cv2.getTextSize(label, cv2.FONT_HERSHEY_SIMPLEX, font_scale, 1)
            tx, ty = _to_image(inverse, [(x + dx - 0.5, y + dy + h / 2)])[0]
            cv2.putText(canvas, label, (round(tx) - text_w, round(ty) + 4 * unit),
                        cv2.FONT_HERSHEY_SIMPLEX, font_scale, color, max(1, unit // 2),
                        cv2.LINE_AA)
    if result.qr_corners:
        cv2.polylines(canvas, [_poly(list(result.qr_corners))], True, QR_FOUND_COLOR, unit)
    status = f"{result.status.value} {' '.join(r.value for r in result.reasons)}".strip()
    cv2.putText(canvas, status, (10 * unit, 20 * unit), cv2.FONT_HERSHEY_SIMPLEX,
                0.6 * unit, (0, 0, 255), unit, cv2.LINE_AA)
    return canvas
