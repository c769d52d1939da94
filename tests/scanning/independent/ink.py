"""Pens and how their ink lands on paper.

A stroke is a polyline in page millimetres with a pressure (0–1) at each point. Pressure sets
both the width and the density of the ink there. Ink is laid down multiplicatively in colour
(BGR): a blue ballpoint stays blue on a colour scan, and the printed text under it shows through.
Pencil graphite breaks up on the paper grain; a marker bleeds into the paper; a ballpoint skips.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, replace

import cv2
import numpy as np

from tests.scanning.independent.ballot import PX_PER_MM

#: Paper pixels around a stroke's bounding box drawn into (antialiasing, bleed).
PATCH_MARGIN_PX = 8
#: Spacing of the points a stroke is resampled to, in mm.
RESAMPLE_MM = 0.4
#: Size of the paper grain that breaks up pencil strokes, in mm.
GRAIN_MM = 0.08


@dataclass(frozen=True)
class Pen:
    name: str
    #: The ink's colour where it is fully dense (BGR).
    bgr: tuple[int, int, int]
    #: Line width at full pressure, in mm (a range: pens differ).
    width_mm: tuple[float, float]
    #: Opacity at full pressure (a range: hands press differently).
    density: tuple[float, float]
    #: Share of the ink lost to the paper grain (pencil), 0–1.
    grain: float = 0.0
    #: Bleed into the paper (marker), in mm of blur.
    bleed_mm: float = 0.0
    #: Chance per mm that a ballpoint skips.
    skip_per_mm: float = 0.0

    def at_least(self, width_mm: float) -> Pen:
        """The pen with lines no thinner than ``width_mm``."""
        low, high = self.width_mm
        return replace(self, width_mm=(max(low, width_mm), max(high, width_mm)))


GRAPHITE = (78, 76, 74)
PENS: dict[str, Pen] = {pen.name: pen for pen in (
    Pen("pencil_2b", GRAPHITE, (0.35, 0.55), (0.7, 0.95), grain=0.35),
    Pen("pencil_hb", GRAPHITE, (0.3, 0.45), (0.55, 0.8), grain=0.45),
    #: Light grey pencil, held loosely: still plain to the eye on white paper.
    Pen("pencil_light", GRAPHITE, (0.3, 0.45), (0.32, 0.45), grain=0.5),
    Pen("ballpoint_black", (40, 36, 32), (0.3, 0.45), (0.8, 0.95), skip_per_mm=0.08),
    Pen("ballpoint_blue", (150, 62, 28), (0.3, 0.45), (0.8, 0.95), skip_per_mm=0.08),
    Pen("ballpoint_red", (46, 40, 190), (0.3, 0.45), (0.8, 0.95), skip_per_mm=0.08),
    Pen("gel_black", (24, 22, 22), (0.45, 0.7), (0.9, 1.0)),
    Pen("gel_blue", (140, 50, 20), (0.45, 0.7), (0.9, 1.0)),
    Pen("marker_black", (30, 30, 30), (0.9, 1.5), (0.9, 1.0), bleed_mm=0.25),
)}
#: Pens whose lightest stroke survives a 1-bit (thresholded) scan.
DARK_PENS = tuple(name for name, pen in PENS.items() if pen.density[0] >= 0.6)


@dataclass(frozen=True)
class Stroke:
    """Where the ink goes: ``points_mm`` (N × 2, page mm) with ``pressure`` (N, 0–1)."""

    points_mm: np.ndarray
    pressure: np.ndarray
    width_mm: float
    density: float

    @property
    def half_width_mm(self) -> np.ndarray:
        return 0.5 * self.width_mm * (0.55 + 0.45 * self.pressure)


def pressure_profile(count: int, rng: random.Random, taper: float = 0.35) -> np.ndarray:
    """Pressure along a stroke: a soft landing, a wavering middle, a lifting end."""
    t = np.linspace(0.0, 1.0, count)
    land = np.clip(t / max(rng.uniform(0.05, 0.2), 1e-3), 0.0, 1.0)
    lift = np.clip((1.0 - t) / max(rng.uniform(0.1, 0.35), 1e-3), taper, 1.0)
    waver = 1.0 + rng.uniform(0.05, 0.2) * np.sin(t * rng.uniform(3, 9) + rng.uniform(0, 6))
    return np.clip(0.35 + 0.65 * land, 0, 1) * lift * np.clip(waver, 0.6, 1.2) / 1.2


def resample(points_mm: list[tuple[float, float]]) -> np.ndarray:
    """The polyline with points every ``RESAMPLE_MM``."""
    pts = np.asarray(points_mm, np.float64)
    steps = np.hypot(*np.diff(pts, axis=0).T)
    total = float(steps.sum())
    if total == 0:
        return pts[:1]
    along = np.concatenate([[0.0], np.cumsum(steps)])
    wanted = np.linspace(0.0, total, max(2, int(total / RESAMPLE_MM) + 1))
    return np.stack([np.interp(wanted, along, pts[:, 0]), np.interp(wanted, along, pts[:, 1])],
                    axis=1)


def stroke(pen: Pen, points_mm: list[tuple[float, float]], rng: random.Random,
           pressure_scale: float = 1.0, taper: float = 0.35) -> Stroke:
    pts = resample(points_mm)
    pressure = pressure_profile(len(pts), rng, taper) * pressure_scale
    if pen.skip_per_mm:
        length = RESAMPLE_MM * len(pts)
        for _ in range(np.random.default_rng(rng.getrandbits(32)).poisson(pen.skip_per_mm
                                                                          * length)):
            at = rng.randrange(len(pts))
            pressure[at:at + rng.randint(1, 3)] *= rng.uniform(0.1, 0.4)
    return Stroke(pts, np.clip(pressure, 0.0, 1.0), rng.uniform(*pen.width_mm),
                  rng.uniform(*pen.density))


def coverage(stroke_: Stroke, origin_px: tuple[int, int], shape: tuple[int, int]) -> np.ndarray:
    """The stroke's ink opacity (0–1) on a patch of the paper whose top left is ``origin_px``."""
    pts = stroke_.points_mm * PX_PER_MM - np.asarray(origin_px, np.float64) - 0.5
    half = stroke_.half_width_mm * PX_PER_MM
    dens = stroke_.density * stroke_.pressure
    if len(pts) == 1:
        pts, half, dens = np.vstack([pts, pts]), np.repeat(half, 2), np.repeat(dens, 2)
    best = np.zeros(shape, np.float32)
    rows, cols = np.mgrid[0:shape[0], 0:shape[1]].astype(np.float32)
    for i in range(len(pts) - 1):
        (x0, y0), (x1, y1) = pts[i], pts[i + 1]
        reach = max(half[i], half[i + 1]) + 2
        c0, c1 = max(0, int(min(x0, x1) - reach)), min(shape[1], int(max(x0, x1) + reach) + 1)
        r0, r1 = max(0, int(min(y0, y1) - reach)), min(shape[0], int(max(y0, y1) + reach) + 1)
        if c1 <= c0 or r1 <= r0:
            continue
        ys, xs = rows[r0:r1, c0:c1], cols[r0:r1, c0:c1]
        dx, dy = x1 - x0, y1 - y0
        t = np.clip(((xs - x0) * dx + (ys - y0) * dy) / max(dx * dx + dy * dy, 1e-9), 0.0, 1.0)
        dist = np.hypot(xs - (x0 + t * dx), ys - (y0 + t * dy))
        edge = np.clip(half[i] + t * (half[i + 1] - half[i]) - dist + 0.5, 0.0, 1.0)
        window = best[r0:r1, c0:c1]
        np.maximum(window, edge * (dens[i] + t * (dens[i + 1] - dens[i])), out=window)
    return best


def lay_ink(paper: np.ndarray, strokes: list[Stroke], pen: Pen, rng: random.Random,
            fade: float = 1.0, smear_mm: float = 0.0) -> None:
    """Draw ``strokes`` with ``pen`` on ``paper`` (BGR uint8, ``PX_PER_MM``) in place.

    ``fade`` scales the ink left (a rubbed-out mark keeps a fraction); ``smear_mm`` blurs it
    (the eraser drags graphite around)."""
    if not strokes:
        return
    all_pts = np.vstack([s.points_mm for s in strokes])
    pad = PATCH_MARGIN_PX + int((pen.bleed_mm + smear_mm) * 3 * PX_PER_MM)
    x0 = max(0, int(all_pts[:, 0].min() * PX_PER_MM) - pad)
    y0 = max(0, int(all_pts[:, 1].min() * PX_PER_MM) - pad)
    x1 = min(paper.shape[1], int(all_pts[:, 0].max() * PX_PER_MM) + pad + 1)
    y1 = min(paper.shape[0], int(all_pts[:, 1].max() * PX_PER_MM) + pad + 1)
    if x1 <= x0 or y1 <= y0:
        return
    shape = (y1 - y0, x1 - x0)
    cover = np.zeros(shape, np.float32)
    for s in strokes:
        np.maximum(cover, coverage(s, (x0, y0), shape), out=cover)
    noise = np.random.default_rng(rng.getrandbits(32))
    if pen.grain:
        grain = noise.random(shape, dtype=np.float32)
        grain = cv2.GaussianBlur(grain, (0, 0), GRAIN_MM * PX_PER_MM)
        grain = (grain - grain.mean()) / (grain.std() + 1e-6)
        cover *= np.clip(1.0 - pen.grain * (0.5 - 0.5 * grain), 0.0, 1.0)
    if pen.bleed_mm:
        bled = cv2.GaussianBlur(cover, (0, 0), pen.bleed_mm * PX_PER_MM)
        cover = np.maximum(cover, np.clip(bled * 1.3, 0.0, 1.0))
    if smear_mm:
        cover = cv2.GaussianBlur(cover, (0, 0), smear_mm * PX_PER_MM)
    cover = np.clip(cover * fade, 0.0, 1.0)
    ink = np.asarray(pen.bgr, np.float32) / 255.0
    patch = paper[y0:y1, x0:x1].astype(np.float32)
    patch *= 1.0 - cover[..., None] * (1.0 - ink)
    paper[y0:y1, x0:x1] = np.clip(patch + 0.5, 0, 255).astype(np.uint8)
