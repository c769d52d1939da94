"""Measure the ink in each target box of a page region warped to page millimetres.

All targets of one size are measured together as a stack of patches (numpy, no Python loop
per box): paper white from a coarse max filter of the region, a local search (±1 mm) for the
printed border, then the dark and faint shares of the inner area (the box shrunk by a margin)
and the extent of the ink. Nothing here decides; :mod:`scanning.decide` does.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import cv2
import numpy as np
from numpy.typing import NDArray

from scanning.decoder import Gray, Point
from scanning.thresholds import MM_PER_INCH, MarkThresholds

Box = tuple[float, float, float, float]
Floats = NDArray[np.float32]
Ints = NDArray[np.intp]
#: The white map is computed on a copy this many times smaller.
WHITE_MAP_FACTOR = 4
#: Share of the ink mass left out at each end when measuring its extent (stray specks).
EXTENT_TAIL = 0.03


@dataclass(frozen=True)
class TargetInk:
    #: Share of the inner area darker than ``ink_level`` of paper white (blank level removed).
    ink: float
    #: Share darker than ``faint_level`` (pencil, smudges and real ink), blank level removed.
    faint: float
    #: Larger side of the ink's bounding box, in mm (the tails of the ink mass left out).
    extent_mm: float
    #: Where the border was found against where the homography put it, mm.
    shift_mm: Point


def white_map(region: Gray, radius_mm: float, dpi: float) -> Gray:
    """The brightest paper within ``radius_mm`` of each point, on a 1/4 scale grid."""
    f = WHITE_MAP_FACTOR
    height, width = region.shape[:2]
    coarse = cv2.resize(region[: height - height % f, : width - width % f],
                        (width // f, height // f), interpolation=cv2.INTER_AREA)
    radius = max(1, round(radius_mm * dpi / MM_PER_INCH / f))
    return np.asarray(cv2.dilate(coarse, np.ones((2 * radius + 1, 2 * radius + 1), np.uint8)),
                      np.uint8)


def _gather(image: Gray, top: Ints, left: Ints, size: int) -> Floats:
    """A stack of ``size``² patches whose top-left corners are (top[i], left[i])."""
    offsets = np.arange(size)
    rows = np.clip(top[:, None] + offsets, 0, image.shape[0] - 1)
    cols = np.clip(left[:, None] + offsets, 0, image.shape[1] - 1)
    return np.asarray(image[rows[:, :, None], cols[:, None, :]], np.float32)


def _best_shift(profile: Floats, start: int, side: int, search: int) -> Ints:
    """Per patch, the shift (-search..search) that puts both borders on the darkest lines."""
    padded = np.pad(profile, ((0, 0), (1, 1)))
    smooth = padded[:, :-2] + padded[:, 1:-1] + padded[:, 2:]
    shifts = np.arange(-search, search + 1)
    score = smooth[:, start + shifts] + smooth[:, start + side + shifts]
    score -= 1e-3 * np.abs(shifts) * score.max(axis=1, keepdims=True)  # ties: stay put
    return np.asarray(shifts[np.argmax(score, axis=1)], np.intp)


def _extent(mask: NDArray[np.bool_], axis: int) -> Floats:
    counts = mask.sum(axis=axis).astype(np.float32)
    total = np.maximum(counts.sum(axis=1, keepdims=True), 1.0)
    cumulative = np.cumsum(counts, axis=1) / total
    first = np.argmax(cumulative >= EXTENT_TAIL, axis=1)
    last = np.argmax(cumulative >= 1 - EXTENT_TAIL, axis=1)
    span = (last - first + 1).astype(np.float32)
    return np.where(counts.sum(axis=1) > 0, span, 0.0).astype(np.float32)


def _measure_group(region: Gray, whites: Floats, boxes: list[Box], origin_mm: Point,
                   dpi: float, t: MarkThresholds) -> list[tuple[float, float, float, Point]]:
    k = dpi / MM_PER_INCH
    side = round(boxes[0][2] * k)
    search = max(1, round(t.align_search_mm * k))
    margin = round(t.inner_margin_mm * k)
    inner = side - 2 * margin
    left = np.array([round((b[0] - origin_mm[0]) * k) for b in boxes], np.intp) - search
    top = np.array([round((b[1] - origin_mm[1]) * k) for b in boxes], np.intp) - search
    patches = _gather(region, top, left, side + 2 * search + 1)
    white = whites[:, None, None]
    dark = np.clip(1.0 - patches / white, 0.0, 1.0)
    band = slice(search + margin, search + side - margin)
    shift_x = _best_shift(dark[:, band, :].sum(axis=1), search, side, search)
    shift_y = _best_shift(dark[:, :, band].sum(axis=2), search, side, search)
    rows = (search + shift_y + margin)[:, None] + np.arange(inner)
    cols = (search + shift_x + margin)[:, None] + np.arange(inner)
    index = np.arange(len(boxes))[:, None, None]
    area = patches[index, rows[:, :, None], cols[:, None, :]]
    ink = area < white * t.ink_level
    faint = area < white * t.faint_level
    extent = np.maximum(_extent(ink, 2), _extent(ink, 1)) / k
    return [(float(ink[i].mean()), float(faint[i].mean()), float(extent[i]),
             (float(shift_x[i]) / k, float(shift_y[i]) / k)) for i in range(len(boxes))]


def measure_targets(region: Gray, origin_mm: Point, dpi: float, boxes: Sequence[Box],
                    t: MarkThresholds) -> list[TargetInk]:
    """The ink of every box (mm on the page) in ``region``, whose top-left is ``origin_mm``."""
    if not boxes:
        return []
    k = dpi / MM_PER_INCH
    white = white_map(region, t.white_radius_mm, dpi)
    f = WHITE_MAP_FACTOR
    raw: dict[int, tuple[float, float, float, Point]] = {}
    groups: dict[tuple[int, int], list[int]] = {}
    for i, box in enumerate(boxes):
        groups.setdefault((round(box[2] * k), round(box[3] * k)), []).append(i)
    for members in groups.values():
        centres = [((boxes[i][0] + boxes[i][2] / 2 - origin_mm[0]) * k / f,
                    (boxes[i][1] + boxes[i][3] / 2 - origin_mm[1]) * k / f) for i in members]
        whites = np.array([max(1.0, float(white[min(white.shape[0] - 1, max(0, int(cy))),
                                               min(white.shape[1] - 1, max(0, int(cx)))]))
                           for cx, cy in centres], np.float32)
        measured = _measure_group(region, whites, [boxes[i] for i in members], origin_mm,
                                  dpi, t)
        raw.update(zip(members, measured, strict=True))
    blank_ink = min(t.max_blank_level, float(np.median([raw[i][0] for i in raw])))
    blank_faint = min(t.max_blank_level, float(np.median([raw[i][1] for i in raw])))
    return [TargetInk(max(0.0, raw[i][0] - blank_ink), max(0.0, raw[i][1] - blank_faint),
                      raw[i][2], raw[i][3]) for i in range(len(boxes))]
