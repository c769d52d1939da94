"""Constants and helpers shared by the ballot tests: a printed batch and its 300 dpi rasters."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pypdfium2 as pdfium

from ballotformat import Layout

SECRET = b"campaign-secret-for-tests-32byte"
OTHER_SECRET = b"another-campaign-secret-32-bytes"
CAMPAIGN_ID = 7
LAYOUT_VERSION = 3
SERIALS = (1, 2, 41, 1000)
RASTER_DPI = 300
PX_PER_MM = RASTER_DPI / 25.4
#: Gray levels: ink is darker than DARK, paper lighter than WHITE (anti-aliasing in between).
DARK = 80
WHITE = 245


@dataclass(frozen=True)
class PrintedBatch:
    layout: Layout
    pdf: bytes
    #: Grayscale rasters (0 black, 255 white), one per PDF page, in order.
    pages: list[np.ndarray]


def rasterize(pdf: bytes, dpi: int = RASTER_DPI) -> list[np.ndarray]:
    document = pdfium.PdfDocument(pdf)
    try:
        return [document[i].render(scale=dpi / 72, grayscale=True).to_numpy().squeeze()
                for i in range(len(document))]
    finally:
        document.close()


def px(value_mm: float) -> int:
    return round(value_mm * PX_PER_MM)


def crop(image: np.ndarray, box_mm: tuple[float, float, float, float],
         inset_mm: float = 0.0) -> np.ndarray:
    """The pixels of a box in mm from the top-left, shrunk by ``inset_mm`` on every side."""
    x, y, w, h = box_mm
    return image[px(y + inset_mm): px(y + h - inset_mm), px(x + inset_mm): px(x + w - inset_mm)]


def tiny_jpeg(seed: int) -> bytes:
    """A small portrait JPEG of a flat colour (a stand-in for a candidate's photo)."""
    import io

    from PIL import Image

    image = Image.new("RGB", (60, 80), (40 + 20 * (seed % 8), 120, 200 - 10 * (seed % 10)))
    out = io.BytesIO()
    image.save(out, "JPEG", quality=80)
    return out.getvalue()
