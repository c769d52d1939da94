"""Filled-in ballots without paper: rasterize a printed PDF and draw ticks in its boxes.

Used by the self-test (``ballotdesk --self-test`` prints, marks and reads back a ballot with
the real pipeline) and by the tests. Coordinates are the layout's millimetres.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import cv2
import numpy as np
import pypdfium2 as pdfium

from scanning.sources import Image

#: The resolution documents are scanned at.
SCAN_DPI = 300
MM_PER_INCH = 25.4
#: A ballpoint pen's stroke.
PEN_STROKE_MM = 0.6
PEN_GRAY = 30


def rasterize_pdf(pdf: bytes | Path, dpi: int = SCAN_DPI) -> list[Image]:
    """Every page of a PDF as an 8-bit grey image."""
    document = pdfium.PdfDocument(pdf if isinstance(pdf, bytes) else str(pdf))
    try:
        return [np.ascontiguousarray(page.render(scale=dpi / 72, grayscale=True)
                                     .to_numpy().squeeze()) for page in document]
    finally:
        document.close()


def draw_tick(image: Image, box_mm: Sequence[float], dpi: int = SCAN_DPI) -> None:
    """A √ in the box: a short arm down to the right, a long one up to the right."""
    x, y, w, h = box_mm
    per_mm = dpi / MM_PER_INCH
    points = [(x + 0.2 * w, y + 0.55 * h), (x + 0.42 * w, y + 0.8 * h),
              (x + 0.88 * w, y + 0.15 * h)]
    pixels = np.array([[round(px * per_mm), round(py * per_mm)] for px, py in points], np.int32)
    cv2.polylines(image, [pixels.reshape(-1, 1, 2)], False, PEN_GRAY,
                  max(1, round(PEN_STROKE_MM * per_mm)), cv2.LINE_AA)
