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
#: The paper's noise is this percentile of the darkness in the blank margin around boxes.
NOISE_PERCENTILE = 95.0
#: Ink whose minor principal axis is at most this fraction of the major one is one straight
#: stroke (a ruled line is ~0.1; a tick's two arms ~0.4 and more).
STRAIGHT_AXIS_RATIO = 0.16
#: ...unless this share of it lies farther than this (mm) off that line: a big tick whose
#: vertex sits at the box's edge (a ruled line's ink stays within its half width, ~0.3 mm).
STRAIGHT_MAX_BENT_SHARE = 0.04
STRAIGHT_BEND_MM = 0.6
#: On a black-and-white scan, dots are counted in squares this large (mm): 3 × 3 pixels at
#: 150 dpi, about a pencil line's width, so two dots of one stroke fall in one square.
DOT_WINDOW_MM = 0.5


@dataclass(frozen=True)
class TargetInk:
    #: Share of the inner area that is ink: darker than the paper around the box by at least
    #: ``ink_contrast`` of the page's printed outline darkness (and above the page's noise).
    ink: float
    #: Share of light ink (``faint_contrast`` of the outline): pencil, a rubbed-out mark.
    faint: float
    #: Larger side of the ink's bounding box, in mm (the tails of the ink mass left out).
    extent_mm: float
    #: Where the border was found against where the homography put it, mm.
    shift_mm: Point
    #: Where strokes pass through the box's outline (ink just outside and just inside it at
    #: the same place), how far apart those places are, mm; -1 when none does. An underline
    #: or a scribble enters and leaves far apart; a tick whose tail runs out, in one place.
    crossing_mm: float = -1.0
    #: How dark the ink is, as a share of the page's printed outline darkness (mean over the
    #: ink pixels): a light grey fill is not a black one.
    strength: float = 0.0
    #: The inner ink, light ink included, is one straight stroke (a line through the box, not
    #: a tick or a cross).
    straight: bool = False
    #: Smaller side of the ink's bounding box, mm: a wavy underline is long and flat.
    breadth_mm: float = 0.0
    #: The box's printed outline where it was found: its weakest side's mean darkness
    #: (fraction of paper white). No outline: the box is not where the fit put it.
    outline: float = 0.0
    #: How sharply the ink's edges rise, per mm: the mean darkness gradient over the ink
    #: pixels as a share of their mean darkness. Pen and pencil strokes, fills made of strokes
    #: included, have edges; a rubbed smudge, a wash or a shadow fades out.
    sharpness: float = 0.0
    #: On a black-and-white (1-bit) scan only: in the densest ``DOT_WINDOW_MM`` square of the
    #: inner area, the share of black beyond the paper's own dot density beside the box. A
    #: dithered light tick is a line of dots closer together than the paper's (though,
    #: smoothed, it is fainter than the paper's speckle); a thresholded one, a black speck.
    #: 0 on other images.
    dots: float = 0.0
    #: ``extent_mm`` of the light ink (``faint_contrast``): a light stroke's paler ends.
    faint_extent_mm: float = 0.0
    #: The inner area smoothed (``trace_smoothing_mm``) so that pixel noise averages out and a
    #: stroke does not: the share above the smoothed paper's own noise by ``trace_contrast``
    #: of the outline, and its ``extent_mm``. A very light pencil tick on a noisy photo that
    #: no pixel of which stands above the page's noise still shows here.
    trace: float = 0.0
    trace_extent_mm: float = 0.0
    #: How far (mm, from ``outline_clear_mm`` beyond the outline) ink leaving the box through
    #: its right side within its rows, or its bottom side within its columns, runs on without
    #: a gap: a stroke from the name beside it (an underline, a doodle) or a tick tail from the
    #: box below. A voter's own tick leaves upwards.
    runs_out_mm: float = 0.0
    #: How steeply that ink crosses the strip it runs through (mm across per mm out): a
    #: stroke from the name comes in along the row, a tick's arm leaves climbing.
    run_slope: float = 0.0


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


def _straight(mask: NDArray[np.bool_], bend_px: float) -> NDArray[np.bool_]:
    """Per patch, whether the ink pixels lie along one straight line (principal axes), none
    bending more than ``bend_px`` off it."""
    grid = np.indices(mask.shape[1:], dtype=np.float32)
    ys: Floats = grid[0]
    xs: Floats = grid[1]
    n = np.maximum(np.asarray(mask.sum(axis=(1, 2)), np.float32), 1.0)
    mx = np.asarray((mask * xs).sum(axis=(1, 2)) / n, np.float32)
    my = np.asarray((mask * ys).sum(axis=(1, 2)) / n, np.float32)
    dx = xs[None] - mx[:, None, None]
    dy = ys[None] - my[:, None, None]
    sxx = (mask * dx * dx).sum(axis=(1, 2)) / n
    syy = (mask * dy * dy).sum(axis=(1, 2)) / n
    sxy = (mask * dx * dy).sum(axis=(1, 2)) / n
    root = np.sqrt(((sxx - syy) / 2) ** 2 + sxy**2)
    major = (sxx + syy) / 2 + root
    minor = np.maximum((sxx + syy) / 2 - root, 0.0)
    # A tick whose short arm is mostly outside the box still bends inside it: some of its
    # ink lies well off the line the rest follows.
    theta = 0.5 * np.arctan2(2 * sxy, sxx - syy)
    off_line = np.abs(dy * np.cos(theta)[:, None, None] - dx * np.sin(theta)[:, None, None])
    bent = (mask & (off_line > bend_px)).sum(axis=(1, 2)) / n >= STRAIGHT_MAX_BENT_SHARE
    return np.asarray((minor <= STRAIGHT_AXIS_RATIO**2 * major) & ~bent, np.bool_)


def _crossing(ink: NDArray[np.bool_], first: int, inner: int, gap: int, band: int
              ) -> Floats:
    """Per patch, how far apart (px) the places are where a stroke passes through the outline:
    ink within ``band`` px inside the inner area's edge and within ``band`` px beyond the
    outline (``gap`` px out from the inner edge) at the same place along a side. -1: none.
    A tick whose tail runs out of a corner crosses in one place; an underline or a scribble
    through the box enters and leaves far apart."""
    count = ink.shape[0]
    along = np.arange(inner)
    span = first + along
    low = np.full((count, 2), np.inf, np.float32)
    high = np.full((count, 2), -np.inf, np.float32)
    for vertical in (False, True):  # False: top and bottom sides; True: left and right
        for inside, outside, at in ((first, first - gap - band, 0),
                                    (first + inner - band, first + inner + gap, inner)):
            def strip(start: int, vertical: bool = vertical) -> NDArray[np.bool_]:
                lines = np.arange(start, start + band)
                picked = ink[:, span][:, :, lines] if vertical else ink[:, lines][:, :, span]
                hit = np.asarray(picked.any(axis=2 if vertical else 1), np.bool_)
                # A slanted stroke moves along the side while it crosses the outline.
                grown = hit.copy()
                for step in (1, 2):
                    grown[:, step:] |= hit[:, :-step]
                    grown[:, :-step] |= hit[:, step:]
                return grown
            hits = strip(inside) & strip(outside)
            where = np.where(hits, along[None, :], np.nan)
            found = np.asarray(hits.any(axis=1), np.bool_)
            lo = np.where(found, np.nanmin(np.where(found[:, None], where, 0), axis=1), np.inf)
            hi = np.where(found, np.nanmax(np.where(found[:, None], where, 0), axis=1), -np.inf)
            # Along a horizontal side the place varies in x; its y is the side's own.
            x_axis, y_axis = (0, 1) if not vertical else (1, 0)
            low[:, x_axis] = np.minimum(low[:, x_axis], lo)
            high[:, x_axis] = np.maximum(high[:, x_axis], hi)
            low[:, y_axis] = np.where(found, np.minimum(low[:, y_axis], at), low[:, y_axis])
            high[:, y_axis] = np.where(found, np.maximum(high[:, y_axis], at), high[:, y_axis])
    spread = high - low
    return np.where(np.isfinite(spread).all(axis=1), np.hypot(spread[:, 0], spread[:, 1]),
                    -1.0).astype(np.float32)


def _runs_out(ink: NDArray[np.bool_], first: int, inner: int, start: int
              ) -> tuple[Floats, Floats]:
    """Per patch (aligned as in :func:`_measure_group`), how many columns from ``start`` on
    (beyond the right outline) hold ink in the inner rows (``first`` .. ``first + inner``)
    one after another, when the inner area's last columns hold ink too, and how steeply that
    ink climbs or falls across them (rows per column: a stroke along the row is flat, a
    tick's arm leaving upwards steep); the same below the bottom outline within the inner
    columns; of the side whose run is longer (px, and its slope)."""
    rows = np.arange(first, first + inner, dtype=np.float32)
    best_run = np.zeros(ink.shape[0], np.float32)
    best_slope = np.zeros(ink.shape[0], np.float32)
    for patch in (ink, ink.transpose(0, 2, 1)):
        edge = patch[:, first:first + inner, first + inner - 2:first + inner].any(axis=(1, 2))
        corridor = patch[:, first:first + inner, start:]
        beyond = corridor.any(axis=1)
        run = np.where(edge, np.argmin(np.pad(beyond, ((0, 0), (0, 1))), axis=1), 0)
        weight = corridor.sum(axis=1)
        centre = (corridor * rows[None, :, None]).sum(axis=1) / np.maximum(weight, 1)
        last = np.maximum(run - 1, 0)
        ends = centre[np.arange(len(run)), last] - centre[:, 0]
        slope = np.abs(ends) / np.maximum(last, 1)
        longer = run > best_run
        best_run = np.where(longer, run, best_run).astype(np.float32)
        best_slope = np.where(longer, slope, best_slope).astype(np.float32)
    return best_run, best_slope


def _outline_darkness(dark: Floats, shift_x: Ints, shift_y: Ints, pad: int, side: int,
                      margin: int) -> Floats:
    """Per box, the printed outline's darkness where it was found (the weakest of its four
    sides): their median is the page's measure of what full ink looks like here (a blurred
    photo's lines are lighter), and a box whose outline is missing was not where the fit put
    it."""
    index = np.arange(dark.shape[0])[:, None, None]
    middle = np.arange(pad + margin, pad + side - margin)
    lines = []
    for shift, vertical in ((shift_x, True), (shift_y, False)):
        for edge in (pad + shift, pad + side + shift):
            at = np.clip(edge[:, None] + np.arange(-1, 2), 0, dark.shape[1] - 1)
            if vertical:
                picked = dark[index, middle[None, :, None], at[:, None, :]]
                lines.append(picked.max(axis=2).mean(axis=1))
            else:
                picked = dark[index, at[:, :, None], middle[None, None, :]]
                lines.append(picked.max(axis=1).mean(axis=1))
    return np.asarray(np.stack(lines, axis=1).min(axis=1), np.float32)


def _paper_plane(aligned: Floats, reach: int, side: int, margin: int) -> Floats:
    """Per box, the paper's own darkness as a plane over the box (a shadow's edge, light
    falling off across a photographed page), from the blank paper beyond the outline's blur
    on its four sides: medians of the left and right strips set its slope in x, of the top
    and bottom strips its slope in y."""
    count, span = aligned.shape[0], aligned.shape[1]
    along = slice(reach + margin, reach + side - margin)
    near, far = slice(0, reach - margin), slice(reach + side + margin + 1, span)
    left = np.median(aligned[:, along, near].reshape(count, -1), axis=1)
    right = np.median(aligned[:, along, far].reshape(count, -1), axis=1)
    top = np.median(aligned[:, near, along].reshape(count, -1), axis=1)
    bottom = np.median(aligned[:, far, along].reshape(count, -1), axis=1)
    distance = float(side + reach + margin)  # between the strips' middles
    at = np.arange(span, dtype=np.float32) - span / 2
    slope_x = ((right - left) / distance)[:, None, None]
    slope_y = ((bottom - top) / distance)[:, None, None]
    level = ((left + right + top + bottom) / 4)[:, None, None]
    return np.asarray(level + slope_x * at[None, None, :] + slope_y * at[None, :, None],
                      np.float32)


def _blank_box(aligned: Floats, reach: int, side: int, margin: int) -> Floats:
    """The darkness of a blank printed box, pixel by pixel, for patches aligned so that the
    outline runs along ``reach`` and ``reach + side``: the darkness at each distance from
    the outline, measured outside it (median over the boxes), mirrored inside."""
    span = aligned.shape[1]
    at = np.arange(span)
    along = slice(reach + margin, reach + side - margin)
    profile = np.array([np.median(np.concatenate([
        aligned[:, along, reach - j], aligned[:, along, min(span - 1, reach + side + j)],
        aligned[:, reach - j, along], aligned[:, min(span - 1, reach + side + j), along]],
        axis=1).mean(axis=1)) for j in range(reach + 1)], np.float32)
    from_edge = np.minimum(np.abs(at - reach), np.abs(at - reach - side))
    distance = np.minimum(np.minimum.outer(from_edge, from_edge), reach)
    outside = (at < reach) | (at > reach + side)
    either = outside[:, None] | outside[None, :]
    distance = np.where(either, np.minimum(np.maximum.outer(from_edge * outside,
                                                            from_edge * outside), reach),
                        distance)
    return np.asarray(profile[distance], np.float32)


def _densest_dots(black: Floats, inside: slice, window: slice, ring: int, size: int
                  ) -> Floats:
    """Per box (``black``: the boxes aligned as in :func:`_measure_group`, on the 1-bit image
    before smoothing, 1 where black), the share of black in the densest ``size``² square of
    the inner area ``window`` beyond the paper's own dot density (the strips ``ring`` wide
    left and right of the box, along ``inside``)."""
    count = black.shape[0]
    paper = np.concatenate([black[:, inside, :ring], black[:, inside, -ring:]],
                           axis=2).reshape(count, -1).mean(axis=1)
    excess = black[:, window, window] - paper[:, None, None]
    squares = np.lib.stride_tricks.sliding_window_view(excess, (size, size), axis=(1, 2))
    return np.asarray(squares.mean(axis=(3, 4)).max(axis=(1, 2)), np.float32)


def _trace(residual: Floats, inside: slice, window: slice, ring: int, sigma_px: float,
           contrast: float) -> tuple[Floats, Floats]:
    """Per box, the share of the inner area (``window``) where the residual, smoothed by
    ``sigma_px``, stands ``contrast`` above the smoothed paper's noise (its
    ``NOISE_PERCENTILE`` in the strips ``ring`` wide left and right of the box, along
    ``inside``), and the larger side of its bounding box (px)."""
    count, span = residual.shape[0], residual.shape[1]
    smooth = cv2.GaussianBlur(np.ascontiguousarray(residual.reshape(count * span, span)),
                              (0, 0), sigma_px).reshape(count, span, span)
    strips = np.concatenate([smooth[:, inside, :ring], smooth[:, inside, -ring:]],
                            axis=2).reshape(count, -1)
    noise = float(np.median(np.percentile(strips, NOISE_PERCENTILE, axis=1)))
    traced = np.asarray(smooth[:, window, window] >= noise + contrast, np.bool_)
    return (np.asarray(traced.mean(axis=(1, 2)), np.float32),
            np.maximum(_extent(traced, 2), _extent(traced, 1)))


def _strength_and_sharpness(area: Floats, ink: NDArray[np.bool_], reference: float,
                            k: float) -> tuple[Floats, Floats]:
    """Per box, the ink's mean darkness (``area`` where ``ink``) as a share of ``reference``,
    and the mean darkness gradient over it per mm (``k`` px) as a share of that darkness."""
    inked = ink.sum(axis=(1, 2))
    mean_ink = np.where(ink, area, 0.0).sum(axis=(1, 2)) / np.maximum(inked, 1)
    grad_y, grad_x = np.gradient(area, axis=(1, 2))
    gradient = np.where(ink, np.hypot(grad_x, grad_y), 0.0).sum(axis=(1, 2))
    return (np.asarray(mean_ink / reference, np.float32),
            np.asarray(gradient / np.maximum(inked, 1) * k / np.maximum(mean_ink, 1e-6),
                       np.float32))


def _measure_group(region: Gray, whites: Floats, boxes: list[Box], origin_mm: Point,
                   dpi: float, t: MarkThresholds, dots: Gray | None = None) -> list[TargetInk]:
    k = dpi / MM_PER_INCH
    side = round(boxes[0][2] * k)
    search = max(1, round(t.align_search_mm * k))
    margin = round(t.inner_margin_mm * k)
    inner = side - 2 * margin
    ring = round(t.outside_ring_mm * k)
    pad = search + ring + margin
    left = np.array([round((b[0] - origin_mm[0]) * k) for b in boxes], np.intp) - pad
    top = np.array([round((b[1] - origin_mm[1]) * k) for b in boxes], np.intp) - pad
    patches = _gather(region, top, left, side + 2 * pad + 1)
    white = whites[:, None, None]
    dark = np.clip(1.0 - patches / white, 0.0, 1.0)
    band = slice(pad + margin, pad + side - margin)
    core = slice(pad - search, pad + side + search + 1)
    shift_x = _best_shift(dark[:, band, core].sum(axis=1), search, side, search)
    shift_y = _best_shift(dark[:, core, band].sum(axis=2), search, side, search)
    count = len(boxes)
    index = np.arange(count)[:, None, None]
    outline = _outline_darkness(dark, shift_x, shift_y, pad, side, margin)
    reference = max(float(np.median(outline)), t.min_outline_darkness)
    # Every box aligned on its own outline, the box and a ring of paper around it.
    reach = ring + margin
    span = side + 2 * reach
    rows = np.clip((pad - reach + shift_y)[:, None] + np.arange(span), 0, dark.shape[1] - 1)
    cols = np.clip((pad - reach + shift_x)[:, None] + np.arange(span), 0, dark.shape[2] - 1)
    aligned = dark[index, rows[:, :, None], cols[:, None, :]]
    # The printed blank box as this image shows it: the outline's blur reaches as far into the
    # box as it reaches out of it, and outside is blank paper whatever anyone marked inside.
    aligned = aligned - _paper_plane(aligned, reach, side, margin)
    residual = aligned - _blank_box(aligned, reach, side, margin)[None]
    # The paper's own speckle (noise, JPEG blocks) in the ring of blank paper beside the boxes
    # (names start 2.5 mm away), once the printed blank is taken away.
    inside = slice(reach + margin, reach + side - margin)
    strips = np.concatenate([residual[:, inside, :ring], residual[:, inside, -ring:]],
                            axis=2).reshape(count, -1)
    noise = float(np.median(np.percentile(strips, NOISE_PERCENTILE, axis=1)))
    ink_level = max(t.ink_contrast * reference, noise + t.min_contrast)
    faint_level = max(t.faint_contrast * reference, noise + t.min_contrast)
    window = slice(reach + margin, reach + margin + inner)
    area = residual[:, window, window]
    ink_inner = area >= ink_level
    faint_inner = area >= faint_level
    spans = np.stack([_extent(ink_inner, 2), _extent(ink_inner, 1)]) / k
    extent = spans.max(axis=0)
    breadth = spans.min(axis=0)
    faint_extent = np.maximum(_extent(faint_inner, 2), _extent(faint_inner, 1)) / k
    # A black-and-white page smoothed is speckle wherever it is grey: its dots say it instead.
    trace, trace_extent = (np.zeros(count, np.float32),) * 2 if dots is not None else _trace(
        residual, inside, window, ring, t.trace_smoothing_mm * k, t.trace_contrast * reference)
    gap = round(t.outline_clear_mm * k)
    crossing = _crossing(residual >= ink_level, reach + margin, inner, gap,
                         max(1, ring - gap)) / k
    runs_out, run_slope = _runs_out(residual >= ink_level, reach + margin, inner,
                                    reach + side + gap)
    # On the light ink too: a light tick's fainter arm is part of its shape.
    straight = _straight(faint_inner, STRAIGHT_BEND_MM * k)
    strength, sharpness = _strength_and_sharpness(area, ink_inner, reference, k)
    # The same boxes, aligned the same way, on the unsmoothed black-and-white image.
    densest = np.zeros(count, np.float32) if dots is None else _densest_dots(
        (1.0 - _gather(dots, top, left, side + 2 * pad + 1) / 255.0)[
            index, rows[:, :, None], cols[:, None, :]],
        inside, window, ring, max(1, round(DOT_WINDOW_MM * k)))
    return [TargetInk(float(ink_inner[i].mean()), float(faint_inner[i].mean()),
                      float(extent[i]), (float(shift_x[i]) / k, float(shift_y[i]) / k),
                      float(crossing[i]), float(strength[i]), bool(straight[i]),
                      float(breadth[i]), float(outline[i]), float(sharpness[i]),
                      float(densest[i]), float(faint_extent[i]), float(trace[i]),
                      float(trace_extent[i]) / k, float(runs_out[i]) / k,
                      float(run_slope[i]))
            for i in range(count)]


def measure_targets(region: Gray, origin_mm: Point, dpi: float, boxes: Sequence[Box],
                    t: MarkThresholds, dots: Gray | None = None) -> list[TargetInk]:
    """The ink of every box (mm on the page) in ``region``, whose top-left is ``origin_mm``;
    ``dots``: the same region of a black-and-white scan before smoothing, if it is one."""
    if not boxes:
        return []
    k = dpi / MM_PER_INCH
    white = white_map(region, t.white_radius_mm, dpi)
    f = WHITE_MAP_FACTOR
    found: dict[int, TargetInk] = {}
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
                                  dpi, t, dots)
        found.update(zip(members, measured, strict=True))
    return [found[i] for i in range(len(boxes))]
