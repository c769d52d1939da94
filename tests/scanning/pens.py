"""Pen marks drawn with OpenCV on a 300 dpi grayscale ballot raster, in the layout's mm.

Every draw function takes the image, a box in mm and a seeded ``random.Random``; sizes are in
mm, ink levels in gray (0 black .. 255 white).
"""

from __future__ import annotations

import math
import random
from collections.abc import Callable

import cv2
import numpy as np

RASTER_DPI = 300
PX_PER_MM = RASTER_DPI / 25.4
#: Fixed-point bits for cv2 drawing (sub-pixel positions).
SHIFT = 4
Box = tuple[float, float, float, float]
Pt = tuple[float, float]


def _fp(point: Pt) -> tuple[int, int]:
    scale = PX_PER_MM * (1 << SHIFT)
    return (round(point[0] * scale), round(point[1] * scale))


def stroke(image: np.ndarray, points: list[Pt], width_mm: float, gray: int) -> None:
    """A polyline in mm, anti-aliased."""
    thickness = max(1, round(width_mm * PX_PER_MM))
    pts = np.array([_fp(p) for p in points], np.int32).reshape(-1, 1, 2)
    cv2.polylines(image, [pts], False, gray, thickness, cv2.LINE_AA, SHIFT)


def _transform(box: Box, rel: list[Pt], scale: float, angle_deg: float, jitter: Pt) -> list[Pt]:
    """Box-relative points (0..1) scaled and turned about the box centre, then moved (mm)."""
    x, y, w, h = box
    cx, cy = x + w / 2 + jitter[0], y + h / 2 + jitter[1]
    a = math.radians(angle_deg)
    out = []
    for u, v in rel:
        dx, dy = (u - 0.5) * w * scale, (v - 0.5) * h * scale
        cos, sin = math.cos(a), math.sin(a)
        out.append((cx + dx * cos - dy * sin, cy + dx * sin + dy * cos))
    return out


def _jitter(rng: random.Random, mm: float) -> Pt:
    return (rng.uniform(-mm, mm), rng.uniform(-mm, mm))


def tick(image: np.ndarray, box: Box, rng: random.Random, gray: int | None = None,
         width_mm: float | None = None, scale: float | None = None) -> None:
    """√: a short arm down to the right, a long one up to the right."""
    elbow = (rng.uniform(0.38, 0.48), rng.uniform(0.72, 0.85))
    rel = [(rng.uniform(0.12, 0.25), rng.uniform(0.45, 0.6)), elbow,
           (rng.uniform(0.8, 0.95), rng.uniform(0.08, 0.2))]
    points = _transform(box, rel, scale or rng.uniform(0.65, 1.1), rng.uniform(-15, 15),
                        _jitter(rng, 0.5))
    stroke(image, points, width_mm or rng.uniform(0.35, 0.8), rng.randint(0, 70) if gray is None
           else gray)


def cross(image: np.ndarray, box: Box, rng: random.Random) -> None:
    inset = rng.uniform(0.1, 0.25)
    scale, angle, jit = rng.uniform(0.7, 1.1), rng.uniform(-12, 12), _jitter(rng, 0.4)
    width, gray = rng.uniform(0.35, 0.8), rng.randint(0, 70)
    for rel in ([(inset, inset), (1 - inset, 1 - inset)], [(1 - inset, inset), (inset, 1 - inset)]):
        stroke(image, _transform(box, rel, scale, angle, jit), width, gray)


def circle(image: np.ndarray, box: Box, rng: random.Random) -> None:
    x, y, w, h = box
    centre = (x + w / 2 + rng.uniform(-0.4, 0.4), y + h / 2 + rng.uniform(-0.4, 0.4))
    axes = (rng.uniform(1.5, 2.3), rng.uniform(1.5, 2.3))
    thickness = max(1, round(rng.uniform(0.35, 0.8) * PX_PER_MM))
    cv2.ellipse(image, _fp(centre), (round(axes[0] * PX_PER_MM * (1 << SHIFT)),
                                     round(axes[1] * PX_PER_MM * (1 << SHIFT))),
                rng.uniform(0, 180), rng.uniform(0, 40), rng.uniform(330, 380),
                rng.randint(0, 70), thickness, cv2.LINE_AA, SHIFT)


def fill(image: np.ndarray, box: Box, rng: random.Random) -> None:
    """A scribbled fill: zig-zag strokes covering most of the box."""
    x, y, w, h = box
    gray, width = rng.randint(0, 60), rng.uniform(0.6, 1.0)
    rows = np.linspace(y + 0.6, y + h - 0.6, rng.randint(7, 10))
    points = [(x + (0.5 if i % 2 else w - 0.5) + rng.uniform(-0.3, 0.3), float(yy))
              for i, yy in enumerate(rows)]
    stroke(image, points, width, gray)
    stroke(image, [(x + 0.8, y + 0.8), (x + w - 0.8, y + h - 0.8)], width, gray)


def faint_pencil(image: np.ndarray, box: Box, rng: random.Random) -> None:
    """A light, thin pencil tick: must be ambiguous or marked, never silently empty."""
    tick(image, box, rng, gray=rng.randint(150, 185), width_mm=rng.uniform(0.25, 0.35),
         scale=rng.uniform(0.8, 1.05))


def dot(image: np.ndarray, box: Box, rng: random.Random) -> None:
    """A pen rested on the paper: too little to be a vote, too much to ignore."""
    x, y, w, h = box
    centre = (x + w / 2 + rng.uniform(-1.2, 1.2), y + h / 2 + rng.uniform(-1.2, 1.2))
    radius = round(rng.uniform(0.6, 0.85) * PX_PER_MM * (1 << SHIFT))
    cv2.circle(image, _fp(centre), radius, rng.randint(0, 60), -1, cv2.LINE_AA, SHIFT)


def smudge(image: np.ndarray, box: Box, rng: random.Random) -> None:
    """A rubbed-out mark: a broad light-gray blur with a ghost of the stroke."""
    x, y, w, h = box
    layer = np.zeros(image.shape, np.float32)
    centre = _fp((x + w / 2 + rng.uniform(-0.5, 0.5), y + h / 2 + rng.uniform(-0.5, 0.5)))
    axes = (round(rng.uniform(1.6, 2.4) * PX_PER_MM * (1 << SHIFT)),
            round(rng.uniform(1.3, 2.2) * PX_PER_MM * (1 << SHIFT)))
    cv2.ellipse(layer, centre, axes, rng.uniform(0, 180), 0, 360, 1.0, -1, cv2.LINE_AA, SHIFT)
    layer = cv2.GaussianBlur(layer, (0, 0), 0.5 * PX_PER_MM)
    depth = rng.uniform(55, 80)  # how much darker than paper, in gray levels
    image[:] = np.clip(image.astype(np.float32) - depth * layer, 0, 255).astype(np.uint8)


def overflow_tick(image: np.ndarray, box: Box, neighbour_above: Box, rng: random.Random) -> None:
    """A big tick in ``box`` whose long arm runs up out of it, across the gap and just over the
    bottom border of the box above (into its margin, not its middle)."""
    x, y, w, h = box
    _, ny, _, nh = neighbour_above
    end = (x + w + rng.uniform(-0.5, 0.8), ny + nh - rng.uniform(0.1, 0.35))
    points = [(x + rng.uniform(0.8, 1.5), y + h * rng.uniform(0.4, 0.55)),
              (x + w * rng.uniform(0.35, 0.45), y + h - rng.uniform(0.6, 1.0)), end]
    stroke(image, points, rng.uniform(0.4, 0.6), rng.randint(0, 60))


def underline(image: np.ndarray, box: Box, rng: random.Random) -> None:
    """A voter underlining the name beside the box (not a mark)."""
    x, y, w, h = box
    yy = y + h + rng.uniform(0.3, 0.9)
    stroke(image, [(x + w + 3.0, yy), (x + w + rng.uniform(20, 40), yy + rng.uniform(-0.5, 0.5))],
           rng.uniform(0.35, 0.6), rng.randint(0, 60))


def stray(image: np.ndarray, at: Pt, rng: random.Random) -> None:
    """A scribble of 3-4 mm somewhere that is not a box (margins, over names and units)."""
    points = [(at[0] + rng.uniform(-2, 2), at[1] + rng.uniform(-2, 2)) for _ in range(4)]
    stroke(image, points, rng.uniform(0.35, 0.7), rng.randint(0, 70))


Draw = Callable[[np.ndarray, Box, random.Random], None]
CLEAR_KINDS: dict[str, Draw] = {"tick": tick, "cross": cross, "circle": circle, "fill": fill}
AMBIGUOUS_KINDS: dict[str, Draw] = {"dot": dot, "smudge": smudge}
FAINT_KINDS: dict[str, Draw] = {"faint": faint_pencil}
