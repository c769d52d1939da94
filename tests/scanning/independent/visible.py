"""What of each drawn mark survives acquisition: the truth is what a careful person sees.

The page is acquired twice with the same random state (:func:`acquire.acquire`), once marked
and once blank, and both are decoded from the bytes the device wrote. Their difference is the
marks' exact contribution to the image (the noise, the light, the blur are the same in both).
Per box, a pixel belongs to the mark's *visible trace* when the mark darkens it by at least
``CONTRAST_FLOOR`` of the paper's level there; the trace is seen when

- its area is at least ``MIN_TRACE_MM2`` (a spot a person notices at reading distance), and
- it stands out of the image's own noise by Rose's criterion: mean darkening × √(pixels) ÷ the
  noise of the blank paper in that box ≥ ``ROSE_K``.

The numbers come from vision, not from any reader (docs/corpus-independent.md, "Truth by what
the image shows"). A drawn mark (clear or doubtful) whose trace is not seen becomes ``unseen``:
the scan lost it.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import cv2
import numpy as np

from ballotformat import Target
from tests.scanning.independent.ballot import PX_PER_MM

#: Darkening, as a share of the paper's level, below which a pixel is not part of a mark:
#: Blackwell's 50 % detection threshold for targets a few arcminutes across (a pen line at
#: 40 cm) at office luminance is about 2 %; someone who must be sure needs CIE 19/2's field
#: factor of about 2.5 on top.
CONTRAST_FLOOR = 0.05
#: The smallest trace a person notices inside a box at reading distance: a 0.32 mm spot,
#: 2.75 arcmin at 400 mm, about three times the eye's 1 arcmin resolution limit.
MIN_TRACE_MM2 = 0.08
#: Rose's criterion (1948): an object is seen reliably against noise at a signal-to-noise
#: ratio of about 5.
ROSE_K = 5.0
#: The paper's level and noise are measured this far inside the box's outline (its printed
#: border is 0.35 mm wide) and this many image pixels further (the blur and the resampling
#: spread the border on a coarse image).
INTERIOR_INSET_MM = 0.6
INTERIOR_INSET_PX = 2.0
#: The noise of an image never counts as less than one grey level (8-bit quantization).
MIN_NOISE_LEVELS = 1.0


@dataclass(frozen=True)
class Trace:
    """A mark's visible trace in its box."""

    #: Area of the pixels the mark darkens by at least CONTRAST_FLOOR, in page mm².
    area_mm2: float
    #: Their mean darkening as a share of the paper's level.
    contrast: float
    #: Rose's signal-to-noise ratio of the trace against the blank paper's noise.
    snr: float

    @property
    def seen(self) -> bool:
        return self.area_mm2 >= MIN_TRACE_MM2 and self.snr >= ROSE_K

    def record(self) -> dict[str, float]:
        return {"area_mm2": round(self.area_mm2, 3), "contrast": round(self.contrast, 3),
                "snr": round(min(self.snr, 1e4), 1)}


def _channels(image: np.ndarray) -> np.ndarray:
    return (image if image.ndim == 3 else image[..., None]).astype(np.float32)


def trace(marked: np.ndarray, blank: np.ndarray, to_image: np.ndarray, target: Target) -> Trace:
    """The trace of whatever was drawn in ``target``'s box; ``to_image`` maps paper pixels
    (``PX_PER_MM``) to image pixels; ``marked`` and ``blank`` are the decoded images."""
    x, y, w, h = target.box_mm
    corners = np.array([[(x, y), (x + w, y), (x + w, y + h), (x, y + h)]], np.float64)
    quad = cv2.perspectiveTransform(corners * PX_PER_MM, to_image)[0]
    px_per_mm2 = abs(cv2.contourArea(quad.astype(np.float32))) / (w * h)
    inset = INTERIOR_INSET_MM + INTERIOR_INSET_PX / math.sqrt(px_per_mm2)
    inner_mm = np.array([[(x + inset, y + inset), (x + w - inset, y + inset),
                          (x + w - inset, y + h - inset), (x + inset, y + h - inset)]])
    inner = cv2.perspectiveTransform(inner_mm * PX_PER_MM, to_image)[0]
    x0, y0 = np.floor(quad.min(axis=0)).astype(int)
    x1, y1 = np.ceil(quad.max(axis=0)).astype(int) + 1
    x0, y0 = max(x0, 0), max(y0, 0)
    x1, y1 = min(x1, marked.shape[1]), min(y1, marked.shape[0])
    if x1 <= x0 or y1 <= y0:  # the box is not on the image
        return Trace(0.0, 0.0, 0.0)
    shape = (y1 - y0, x1 - x0)
    box_mask = np.zeros(shape, np.uint8)
    cv2.fillConvexPoly(box_mask, np.round(quad - (x0, y0)).astype(np.int32), 1)
    inner_mask = np.zeros(shape, np.uint8)
    cv2.fillConvexPoly(inner_mask, np.round(inner - (x0, y0)).astype(np.int32), 1)
    m = _channels(marked[y0:y1, x0:x1])
    b = _channels(blank[y0:y1, x0:x1])
    interior = inner_mask.astype(bool)
    if not interior.any():
        return Trace(0.0, 0.0, 0.0)
    paper = np.maximum(np.median(b[interior], axis=0), 1.0)  # per channel
    darkening = np.clip(b - m, 0.0, None)
    relative = (darkening / paper).max(axis=2)
    levels = darkening.max(axis=2)
    in_trace = box_mask.astype(bool) & (relative >= CONTRAST_FLOOR)
    count = int(in_trace.sum())
    if count == 0:
        return Trace(0.0, 0.0, 0.0)
    noise = max(float(b[interior].mean(axis=1).std()), MIN_NOISE_LEVELS)
    return Trace(count / px_per_mm2, float(relative[in_trace].mean()),
                 float(levels[in_trace].mean()) * math.sqrt(count) / noise)
