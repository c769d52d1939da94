"""PDF pages as QImages, through pypdfium2 instead of QtPdf.

QtPdf ships only in PySide6-Addons (a wheel of about 150 MB); pypdfium2 is already a dependency
of the core (tests, scan input) and rasterizes faster. PDFium is not thread-safe, not even for
different documents, so every call into it goes through :data:`PDFIUM_LOCK`. The QImages made
here own their pixels, so they may be created on a worker thread and shown on the GUI thread.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pypdfium2 as pdfium
from PySide6.QtGui import QImage

#: Held around every PDFium call made by the interface.
PDFIUM_LOCK = threading.RLock()
#: PDF user space: 72 units per inch.
PDF_UNITS_PER_INCH = 72
MM_PER_INCH = 25.4

PdfSource = bytes | Path


@contextmanager
def open_pdf(source: PdfSource) -> Iterator[pdfium.PdfDocument]:
    """The document, open while the block runs, with the PDFium lock held."""
    with PDFIUM_LOCK:
        document = pdfium.PdfDocument(source if isinstance(source, bytes) else str(source))
        try:
            yield document
        finally:
            document.close()


def page_count(source: PdfSource) -> int:
    with open_pdf(source) as document:
        return len(document)


def page_size_mm(source: PdfSource, index: int = 0) -> tuple[float, float]:
    with open_pdf(source) as document:
        width, height = document[index].get_size()
    scale = MM_PER_INCH / PDF_UNITS_PER_INCH
    return width * scale, height * scale


def _render(document: pdfium.PdfDocument, index: int, dpi: float, for_print: bool) -> QImage:
    """A page as RGB for the screen, as 8-bit grey for a printer (a third of the data: ballots
    are black on white, and a colour raster made office printers spool 1.3 MB a page)."""
    page = document[index]
    bitmap = page.render(scale=dpi / PDF_UNITS_PER_INCH, rev_byteorder=not for_print,
                         grayscale=for_print, optimize_mode="print" if for_print else None)
    formats = {"RGB": QImage.Format.Format_RGB888, "L": QImage.Format.Format_Grayscale8}
    if bitmap.mode not in formats:  # pragma: no cover - PDFium picks these for opaque pages
        raise ValueError(f"unexpected bitmap mode {bitmap.mode}")
    image = QImage(bytes(bitmap.buffer), bitmap.width, bitmap.height, bitmap.stride,
                   formats[bitmap.mode])
    image.setDotsPerMeterX(round(dpi / MM_PER_INCH * 1000))
    image.setDotsPerMeterY(round(dpi / MM_PER_INCH * 1000))
    return image.copy()  # detach from the bytes object


def render_pages(source: PdfSource, dpi: float) -> list[QImage]:
    """Every page, at ``dpi``. Safe to call off the GUI thread."""
    with open_pdf(source) as document:
        return [_render(document, index, dpi, for_print=False) for index in range(len(document))]


class PdfPages:
    """An open document whose pages are rasterized one at a time (for printing a batch)."""

    def __init__(self, source: PdfSource) -> None:
        with PDFIUM_LOCK:
            self._document = pdfium.PdfDocument(
                source if isinstance(source, bytes) else str(source))
            self.count = len(self._document)

    def render(self, index: int, dpi: float) -> QImage:
        with PDFIUM_LOCK:
            return _render(self._document, index, dpi, for_print=True)

    def close(self) -> None:
        with PDFIUM_LOCK:
            self._document.close()
