"""Ballot PDFs to the system printer: as vector PDF to a CUPS queue, else as page images.

A printer that is a CUPS queue (Linux, macOS) gets the recorded batch PDF itself through
``lp`` (:mod:`desktop.core.printing.print_queue`, :class:`QueueOutput`): CUPS's filters print it as
vectors, a few KB a page. Any other printer (Windows, or a Qt PDF file) gets images of the very
PDF pages that were recorded, not a second drawing of the ballot: grey, at the printer's
resolution. There is no QtPdf in PySide6-Essentials (see :mod:`desktop.ui.pdf_images`), so
pypdfium2 rasterizes them. :func:`paint_pdf` does it in one go (the print preview dialog, a
one-ballot preview); :class:`PrinterOutput` does it page by page, each page rasterized on the
background helper and painted on the GUI thread, so a batch of hundreds never freezes the
window and can stop between two ballots.
"""

from __future__ import annotations

import math
import re
import tempfile
from pathlib import Path

import shiboken6
from PySide6.QtCore import QCoreApplication, QObject, QRectF, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QImage, QPageLayout, QPageSize, QPainter
from PySide6.QtPrintSupport import QPrinter

from ballotformat import Paper
from desktop.core.printing import PRINTER_DESTINATION_PREFIX, is_print_queue, submit_pdf
from desktop.ui.background import run_in_background
from desktop.ui.i18n import arg
from desktop.ui.pdf_images import PdfPages, PdfSource

#: Page images finer than this gain nothing on paper (QR modules are ≥ 0.5 mm) and cost memory
#: (an A4 page in grey at 600 dpi is 35 MB).
PRINT_RASTER_DPI_MAX = 600
PRINT_RASTER_DPI_MIN = 72
#: The print preview dialog only has to be legible on screen.
PRINT_PREVIEW_DPI = 120
PAGE_SIZES = {
    Paper.A4: QPageSize.PageSizeId.A4,
    Paper.A3: QPageSize.PageSizeId.A3,
    Paper.LETTER: QPageSize.PageSizeId.Letter,
}
#: Temporary folders that hold a batch on its way to a printer; the recorded destination is
#: ``<folder>/<printer name>.pdf``, which :func:`describe_destination` shows as the printer.
SPOOL_PREFIX = "ballotdesk-printer-"
SPOOL_SUFFIX = ".pdf"


def new_printer(paper: Paper) -> QPrinter:
    """A printer set up for ballots: the paper size, portrait, the whole sheet addressable."""
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setPageSize(QPageSize(PAGE_SIZES[paper]))
    printer.setPageOrientation(QPageLayout.Orientation.Portrait)
    printer.setFullPage(True)
    printer.setDocName("BallotDesk")
    return printer


def print_dpi(printer: QPrinter) -> int:
    """The printer's resolution, or the largest whole fraction of it that is at most
    :data:`PRINT_RASTER_DPI_MAX` (1200 → 600, 720 → 360): every image pixel then covers whole
    printer dots and nothing is resampled on the way."""
    device = max(PRINT_RASTER_DPI_MIN, printer.resolution())
    return max(PRINT_RASTER_DPI_MIN, device // math.ceil(device / PRINT_RASTER_DPI_MAX))


def print_queue(printer: QPrinter) -> str:
    """The CUPS queue ``printer`` is, when the batch PDF can go to it as it is; else ""
    (not a queue, no CUPS, or Qt writing a PDF file itself). Asks the scheduler (``lpstat``):
    call it before a job starts, not for every page."""
    name = printer.printerName()
    native = printer.outputFormat() == QPrinter.OutputFormat.NativeFormat
    return name if native and is_print_queue(name) else ""


def queue_options(printer: QPrinter) -> dict[str, str]:
    """What the print dialog chose that a CUPS job takes as an option: printing on both sides.
    Copies and page ranges are ignored: every serial is printed once."""
    sides = {QPrinter.DuplexMode.DuplexLongSide: "two-sided-long-edge",
             QPrinter.DuplexMode.DuplexShortSide: "two-sided-short-edge",
             QPrinter.DuplexMode.DuplexNone: "one-sided"}.get(printer.duplex())
    return {"sides": sides} if sides else {}


def printer_label(printer: QPrinter) -> str:
    if printer.printerName():
        return printer.printerName()
    if printer.outputFileName():
        return Path(printer.outputFileName()).name
    return QCoreApplication.translate("Printing", "PDF printer")


def spool_path(printer: QPrinter) -> Path:
    """Where a batch for ``printer`` is rendered before it is painted onto the printer."""
    folder = Path(tempfile.mkdtemp(prefix=SPOOL_PREFIX))
    name = re.sub(r'[\\/:*?"<>|\x00-\x1f]+', "_", printer_label(printer)).strip(". ") or "printer"
    return folder / f"{name}{SPOOL_SUFFIX}"


def remove_spool(path: Path) -> None:
    path.unlink(missing_ok=True)
    if path.parent.name.startswith(SPOOL_PREFIX):
        path.parent.rmdir()


def describe_destination(destination: str) -> str:
    """A batch's destination for people: the printer's name, or the PDF file's name."""
    if destination.startswith(PRINTER_DESTINATION_PREFIX):
        name = destination.removeprefix(PRINTER_DESTINATION_PREFIX)
        return arg(QCoreApplication.translate("Printing", "Printer: %1"), name)
    return Path(destination).name


def paint_page(painter: QPainter, printer: QPrinter, image: QImage) -> None:
    """The page image over the whole sheet: 1:1 when the paper matches the ballot's, otherwise
    as large as fits, centred."""
    sheet = printer.paperRect(QPrinter.Unit.DevicePixel)
    dots_per_mm = image.dotsPerMeterX() / 1000
    size_mm = QSize(round(image.width() / dots_per_mm), round(image.height() / dots_per_mm))
    fitted = size_mm.scaled(sheet.size().toSize(), Qt.AspectRatioMode.KeepAspectRatio)
    target = QRectF(sheet.x() + (sheet.width() - fitted.width()) / 2,
                    sheet.y() + (sheet.height() - fitted.height()) / 2,
                    fitted.width(), fitted.height())
    painter.drawImage(target, image)


def grey_raster(printer: QPrinter) -> None:
    """Page images go out grey whatever the print dialog said: ballots are black on white, and
    Qt's PDF output (what CUPS gets from a QPainter) keeps grey images grey only so."""
    printer.setColorMode(QPrinter.ColorMode.GrayScale)


def paint_pdf(printer: QPrinter, pdf: PdfSource, dpi: int | None = None) -> int:
    """Every page of ``pdf`` onto ``printer`` at once; returns the pages painted."""
    pages = PdfPages(pdf)
    painter = QPainter()
    grey_raster(printer)
    try:
        if not painter.begin(printer):
            return 0
        for index in range(pages.count):
            if index:
                printer.newPage()
            paint_page(painter, printer, pages.render(index, dpi or print_dpi(printer)))
        return pages.count
    finally:
        if painter.isActive():
            painter.end()
        pages.close()


class PrinterOutput(QObject):
    """Paint a batch PDF onto a printer page by page without blocking the GUI thread.

    ``ballots`` is how many ballots the PDF holds (each has the same number of pages).
    ``progressed(pages_done, pages_total)`` after each page; ``finished(ballots_sent)`` once,
    at the end, after a cancel (which takes effect between two ballots) or a failure
    (``error`` then says what went wrong).
    """

    progressed = Signal(int, int)
    finished = Signal(int)

    def __init__(self, printer: QPrinter, pdf: Path, ballots: int,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.printer = printer
        self.pdf = pdf
        self.ballots = ballots
        self.pages_per_ballot = 1
        self.error: Exception | None = None
        self._cancelled = False
        self._done = 0
        self._pages: PdfPages | None = None
        self._painter = QPainter()

    @property
    def total(self) -> int:
        return self._pages.count if self._pages is not None else 0

    def start(self) -> None:
        try:
            self._pages = PdfPages(self.pdf)
            self.pages_per_ballot = max(1, self._pages.count // max(1, self.ballots))
        except Exception as exc:  # an unreadable spool file: reported like a printer failure
            self._fail(exc)
            return
        grey_raster(self.printer)
        if not self._painter.begin(self.printer):
            self._fail(OSError(QCoreApplication.translate(
                "Printing", "The printer could not start printing.")))
            return
        self._next()

    def cancel(self) -> None:
        self._cancelled = True

    def _next(self) -> None:
        pages = self._pages
        assert pages is not None
        at_ballot_start = self._done % self.pages_per_ballot == 0
        if self._done >= pages.count or (self._cancelled and at_ballot_start):
            self._finish()
            return
        index, dpi = self._done, print_dpi(self.printer)
        run_in_background(lambda: pages.render(index, dpi), self._paint, self._render_failed)

    def _paint(self, image: QImage) -> None:
        if not shiboken6.isValid(self):
            return
        if self._done:
            self.printer.newPage()
        paint_page(self._painter, self.printer, image)
        self._done += 1
        self.progressed.emit(self._done, self.total)
        self._next()

    def _render_failed(self, exc: Exception) -> None:
        if shiboken6.isValid(self):
            self._fail(exc)

    def _fail(self, exc: Exception) -> None:
        self.error = exc
        self._done -= self._done % self.pages_per_ballot  # a partial ballot does not count
        QTimer.singleShot(0, self._finish)

    def _finish(self) -> None:
        if self._painter.isActive():
            self._painter.end()
        if self._pages is not None:
            self._pages.close()
            self._pages = None
        self.finished.emit(self._done // self.pages_per_ballot)


class QueueOutput(QObject):
    """Hand a batch PDF to a CUPS queue on the background helper: the same signals as
    :class:`PrinterOutput`. ``lp`` takes the file in one piece, so there is nothing to stop
    between two ballots: ``cancel`` does nothing (the queue's own tools cancel a job).
    ``job_id`` names the print job once the queue took it."""

    progressed = Signal(int, int)
    finished = Signal(int)

    def __init__(self, queue: str, printer: QPrinter, pdf: Path, ballots: int, paper: Paper,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.queue = queue
        self.pdf = pdf
        self.ballots = ballots
        self.paper = paper
        self.title = printer.docName() or "BallotDesk"
        self.options = queue_options(printer)
        self.error: Exception | None = None
        self.job_id = ""

    def start(self) -> None:
        queue, pdf, title, paper, options = (self.queue, self.pdf, self.title, self.paper,
                                             self.options)
        run_in_background(lambda: submit_pdf(queue, pdf, title, paper, options),
                          self._submitted, self._failed)

    def cancel(self) -> None:
        """Nothing to stop: the queue takes the whole file at once."""

    def _submitted(self, job_id: str) -> None:
        if not shiboken6.isValid(self):
            return
        self.job_id = job_id
        self.progressed.emit(1, 1)
        self.finished.emit(self.ballots)

    def _failed(self, exc: Exception) -> None:
        if shiboken6.isValid(self):
            self.error = exc
            self.finished.emit(0)
