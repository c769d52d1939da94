"""PDFs from scan-to-PDF: every page rendered with PDFium at 300 dpi in grey.

Scanners put one JPEG (or CCITT/JBIG2 image) per page; rendering at 300 dpi resamples it to the
resolution the reading pipeline expects. A password-protected or damaged PDF is one problem;
a page that fails to render is a problem for that page and the others are still read.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import numpy as np
import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_raw

from scanning.sources.base import (
    MAX_PAGE_PIXELS,
    Acquired,
    AcquiredImage,
    AcquisitionProblem,
    FileOrigin,
    sha256_hex,
    too_large,
)
from scanning.sources.messages import ProblemCode

PDF_MEDIA_TYPE = "application/pdf"
PDF_MAGIC = b"%PDF-"
#: PDF headers may follow some junk; the specification allows the first 1024 bytes.
PDF_MAGIC_WINDOW_BYTES = 1024
RENDER_DPI = 300
POINTS_PER_INCH = 72
#: PDFium's FPDF_GetLastError() value for a wrong or missing password.
_PDFIUM_ERR_PASSWORD = 4


def is_pdf(data: bytes) -> bool:
    return PDF_MAGIC in data[:PDF_MAGIC_WINDOW_BYTES]


def _opens_without_pages(data: bytes) -> bool:
    """Whether PDFium opens the document: pypdfium2 refuses one without pages as if it were
    damaged, with whatever error code an earlier document left (a password, say)."""
    document = pdfium_raw.FPDF_LoadMemDocument64(data, len(data), None)
    if not document:
        return False
    pdfium_raw.FPDF_CloseDocument(document)
    return True


def read_pdf(path: Path, data: bytes, dpi: int = RENDER_DPI) -> Iterator[Acquired]:
    """Each page of the PDF in ``data`` (read from ``path``) as a grey image at ``dpi``."""
    digest = sha256_hex(data)
    shown = {"path": str(path)}
    try:
        document = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as error:
        code = (ProblemCode.PDF_EMPTY if _opens_without_pages(data)
                else ProblemCode.PDF_ENCRYPTED if getattr(error, "err_code", None)
                == _PDFIUM_ERR_PASSWORD else ProblemCode.PDF_CORRUPT)
        yield AcquisitionProblem(code, shown, FileOrigin(path), str(error))
        return
    try:
        if len(document) == 0:
            yield AcquisitionProblem(ProblemCode.PDF_EMPTY, shown, FileOrigin(path))
            return
        for index in range(len(document)):
            origin = FileOrigin(path, index)
            try:
                page = document[index]
                width, height = (points * dpi / POINTS_PER_INCH for points in page.get_size())
                if width * height > MAX_PAGE_PIXELS:
                    page.close()
                    yield too_large(origin, width * height)
                    continue
                try:
                    bitmap = page.render(scale=dpi / POINTS_PER_INCH, grayscale=True)
                    pixels = bitmap.to_numpy()
                finally:
                    page.close()
            except (pdfium.PdfiumError, ValueError, OSError) as error:
                yield AcquisitionProblem(ProblemCode.PAGE_CORRUPT, {**shown, "page": index + 1},
                                         origin, str(error))
                continue
            # Grey bitmaps come back (h, w) or (h, w, 1) depending on the version.
            grey = np.ascontiguousarray(pixels.reshape(pixels.shape[0], pixels.shape[1]),
                                        dtype=np.uint8)
            yield AcquiredImage(origin, grey, data, PDF_MEDIA_TYPE, digest, float(dpi))
    finally:
        document.close()
