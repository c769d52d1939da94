"""Ballot PDFs: each layout page drawn once as a form XObject, then per page a QR code and serial.

:func:`render_batch` is a plain function with a progress callback and a cancel check, so the GUI
can run it in a background job; :func:`render_preview` prints one ballot from the same code.
"""

from __future__ import annotations

import io
import secrets
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any, BinaryIO

import segno

from ballotformat import geometry as g
from ballotformat.fonts import register_ballot_font, text_width_mm
from ballotformat.model import Layout, Page, TextItem
from ballotformat.payload import MAX_SERIAL, encode_payload
from ballotformat.texts import serial_text

PT_PER_MM = 72 / 25.4
#: Fake-bold: the glyph outline stroked as well as filled, this wide relative to the size.
BOLD_STROKE_PER_PT = 0.035
#: segno picks the best of the eight QR masks at ~5 ms a code, 85% of the printing time.
#: Any mask decodes; on our (HMAC-random) payloads mask 0 is segno's most frequent choice and
#: its penalty score averages within 3% of the best mask's, so it is fixed.
QR_MASK = 0
PREVIEW_SERIAL = 0

ProgressCallback = Callable[[int, int], None]  # ballots done, ballots in all
CancelCheck = Callable[[], bool]


class RenderCancelledError(Exception):
    """The caller's cancel check said stop; nothing was written."""


@dataclass(frozen=True)
class RenderResult:
    ballots: int
    pages: int
    bytes_written: int


class _Page:
    """Coordinates: the layout's mm from the top-left to reportlab's points from bottom-left."""

    def __init__(self, layout: Layout) -> None:
        self.height_mm = layout.page_size_mm[1]

    @staticmethod
    def x(x_mm: float) -> float:
        return x_mm * PT_PER_MM

    def y(self, y_mm: float) -> float:
        return (self.height_mm - y_mm) * PT_PER_MM


def _draw_text(canvas: Any, frame: _Page, item: TextItem, font: str) -> None:
    text = canvas.beginText(frame.x(item.x_mm), frame.y(item.baseline_mm))
    text.setFont(font, item.size_pt)
    if item.bold:
        canvas.setLineWidth(item.size_pt * BOLD_STROKE_PER_PT)
        text.setTextRenderMode(2)
    text.textOut(item.text)
    canvas.drawText(text)


def _draw_static(canvas: Any, layout: Layout, page: Page, font: str) -> None:
    from reportlab.lib.utils import ImageReader

    frame = _Page(layout)
    canvas.setFillGray(0)
    canvas.setStrokeGray(0)
    for mark in layout.registration_marks:
        x, y, w, h = mark.box_mm
        canvas.rect(frame.x(x), frame.y(y + h), w * PT_PER_MM, h * PT_PER_MM, stroke=0, fill=1)
    for line in page.lines:
        canvas.setLineWidth(line.width_mm * PT_PER_MM)
        canvas.line(frame.x(line.x1_mm), frame.y(line.y1_mm), frame.x(line.x2_mm),
                    frame.y(line.y2_mm))
    canvas.setLineWidth(g.BOX_BORDER_MM * PT_PER_MM)
    for target in page.targets:
        x, y, w, h = target.box_mm
        canvas.rect(frame.x(x), frame.y(y + h), w * PT_PER_MM, h * PT_PER_MM, stroke=1, fill=0)
    for photo in page.photos:
        jpeg = layout.photo_jpegs.get(photo.sha256)
        if jpeg is None:
            raise ValueError(f"the layout needs photo {photo.sha256[:12]}…, which was not given")
        x, y, w, h = photo.box_mm
        canvas.drawImage(ImageReader(io.BytesIO(jpeg)), frame.x(x), frame.y(y + h),
                         w * PT_PER_MM, h * PT_PER_MM, preserveAspectRatio=True, anchor="c")
    for item in page.texts:
        _draw_text(canvas, frame, item, font)


def qr_operators(text: str, x_mm: float, y_mm: float, module_mm: float, page_h_mm: float) -> str:
    """PDF operators for a QR symbol whose top-left dark-module corner is at (x_mm, y_mm).

    The matrix is drawn in module units after one ``cm``: every rectangle has whole-number
    coordinates, one per run of dark modules in a row, so runs abut exactly, without overlap.
    """
    code = segno.make_qr(text, error="m", version=g.QR_VERSION, mode="alphanumeric",
                         boost_error=False, mask=QR_MASK)
    scale = module_mm * PT_PER_MM
    ops = [f"q {scale:.5f} 0 0 {-scale:.5f} {x_mm * PT_PER_MM:.4f} "
           f"{(page_h_mm - y_mm) * PT_PER_MM:.4f} cm"]
    for row_index, row in enumerate(code.matrix):
        start = -1
        for col, dark in enumerate((*row, 0)):
            if dark and start < 0:
                start = col
            elif not dark and start >= 0:
                ops.append(f"{start} {row_index} {col - start} 1 re")
                start = -1
    ops.append("f Q")
    return "\n".join(ops)


@contextmanager
def _binary_streams() -> Iterator[None]:
    """Compressed streams without the ASCII85 layer: 20% smaller, and its pure-Python encoder
    (no rl_accel) cost a fifth of the time. reportlab reads the switch while saving."""
    from reportlab import rl_config

    before = rl_config.useA85
    rl_config.useA85 = 0
    try:
        yield
    finally:
        rl_config.useA85 = before


def _form_name(page: int) -> str:
    return f"BallotPage{page}"


def render_batch(
    layout: Layout,
    serials: Sequence[int],
    secret: bytes,
    out: str | Path | BinaryIO,
    progress: ProgressCallback | None = None,
    cancel: CancelCheck | None = None,
    title: str = "BallotDesk ballots",
) -> RenderResult:
    """Print one ballot (all layout pages, in order) per serial into one PDF.

    ``progress(done, total)`` is called after each ballot; when ``cancel()`` returns true the
    work stops with :class:`RenderCancelledError` and ``out`` is left untouched.
    """
    from reportlab.pdfgen.canvas import Canvas

    if len(set(serials)) != len(serials):
        raise ValueError("serials must be unique within a batch")
    if any(not 0 <= s <= MAX_SERIAL for s in serials):
        raise ValueError(f"serials must be between 0 and {MAX_SERIAL}")
    font = register_ballot_font()
    width_mm, height_mm = layout.page_size_mm
    buffer = io.BytesIO()
    canvas = Canvas(buffer, pagesize=(width_mm * PT_PER_MM, height_mm * PT_PER_MM),
                    pageCompression=1, invariant=1, initialFontName=font)
    canvas.setTitle(title)
    canvas.setCreator("BallotDesk 选票台")
    for page in layout.pages:
        canvas.beginForm(_form_name(page.page))
        _draw_static(canvas, layout, page, font)
        canvas.endForm()
    qr, slot = layout.qr, layout.serial
    quiet_mm = qr.quiet_zone_modules * qr.module_mm
    qr_x, qr_y = qr.box_mm[0] + quiet_mm, qr.box_mm[1] + quiet_mm
    serial_x, serial_y = slot.center_x_mm * PT_PER_MM, (height_mm - slot.baseline_mm) * PT_PER_MM
    total = len(serials)
    for done, serial in enumerate(serials, 1):
        if cancel is not None and cancel():
            raise RenderCancelledError
        for page in layout.pages:
            canvas.doForm(_form_name(page.page))
            payload = encode_payload(layout.campaign_id, layout.layout_version, page.page, serial,
                                     secret)
            canvas.addLiteral(qr_operators(payload, qr_x, qr_y, qr.module_mm, height_mm))
            canvas.setFont(font, slot.size_pt)
            canvas.drawCentredString(serial_x, serial_y, serial_text(slot.template, serial))
            canvas.showPage()
        if progress is not None:
            progress(done, total)
    with _binary_streams():
        canvas.save()
    data = buffer.getvalue()
    if isinstance(out, str | Path):
        Path(out).write_bytes(data)
    else:
        out.write(data)
    return RenderResult(total, total * layout.page_count, len(data))


def render_preview(layout: Layout, serial: int = PREVIEW_SERIAL) -> bytes:
    """One ballot as PDF bytes, signed with a throw-away key so it never counts as a vote."""
    buffer = io.BytesIO()
    render_batch(layout, [serial], secrets.token_bytes(32), buffer, title="BallotDesk preview")
    return buffer.getvalue()


def serial_width_mm(layout: Layout, serial: int) -> float:
    """Width of the printed serial (for tests and the scanner's crop of the serial text)."""
    return text_width_mm(serial_text(layout.serial.template, serial), layout.serial.size_pt)
