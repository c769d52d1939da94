"""Real printed ballots for the acquisition tests (no tests here; helpers shared by the
``test_sources*`` modules). Ballots are printed with the real layout engine and PDF writer and
rasterized with PDFium, once per process."""

from __future__ import annotations

import functools
import io

import numpy as np
import pypdfium2 as pdfium

from ballotformat import Layout, build_layout, render_batch
from desktop.core.printing.sample import sample_spec

SECRET = b"acquisition-tests-secret-32bytes"
CAMPAIGN_ID = 5
LAYOUT_VERSION = 1
SERIALS = (101, 102)
SCAN_DPI = 300


@functools.cache
def layout() -> Layout:
    spec = sample_spec(categories=1, candidates_per_category=12, campaign_id=CAMPAIGN_ID)
    return build_layout(spec, layout_version=LAYOUT_VERSION)


@functools.cache
def ballots_pdf() -> bytes:
    """One single-page ballot per serial in SERIALS, in order."""
    out = io.BytesIO()
    render_batch(layout(), SERIALS, SECRET, out)
    return out.getvalue()


@functools.cache
def ballot_pages(dpi: int = SCAN_DPI) -> tuple[np.ndarray, ...]:
    """Grey rasters of the ballots (0 black, 255 white), one per serial. Do not modify."""
    document = pdfium.PdfDocument(ballots_pdf())
    try:
        pages = []
        for index in range(len(document)):
            pixels = document[index].render(scale=dpi / 72, grayscale=True).to_numpy()
            page = np.ascontiguousarray(pixels.reshape(pixels.shape[:2]))
            page.flags.writeable = False
            pages.append(page)
        return tuple(pages)
    finally:
        document.close()


def pgm_bytes(image: np.ndarray) -> bytes:
    """A binary PGM (P5), what SANE's pnm backend reads."""
    height, width = image.shape
    return f"P5\n{width} {height}\n255\n".encode() + image.tobytes()
