"""What the ballots page does: the preview in the background, boxes, printing, serial notes.

Printing to a printer asks for the printer first and prints the batch only after that, so
cancelling the print dialog records nothing. The batch is then rendered to a temporary PDF,
recorded like any batch, and handed to the CUPS queue as it is, or (no CUPS queue) painted onto
the printer page by page; ballots that never reached the printer (stopped, the queue refused
the file, or the printer failed) are recorded as unused, so the reconciliation stays true.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

import shiboken6
from PySide6.QtCore import QObject
from PySide6.QtGui import QImage
from PySide6.QtPrintSupport import QPrintDialog, QPrinter, QPrintPreviewDialog
from PySide6.QtWidgets import QDialog, QMessageBox

from ballotformat import Paper
from ballotformat.messages import RuleError
from desktop.core.enums import SerialState
from desktop.core.labels import label
from desktop.core.printing import PRINTER_DESTINATION_PREFIX, BatchInfo, LayoutState, PrintOptions
from desktop.ui.background import Job, run_in_background
from desktop.ui.context import CampaignContext
from desktop.ui.dialogs.ballot_dialogs import BoxDialog, NoteSerialsDialog, PrintBatchDialog
from desktop.ui.feedback import run_checked
from desktop.ui.i18n import arg
from desktop.ui.models.ballot_models import serial_label
from desktop.ui.pages.ballots_jobs import PrinterJob, print_batch_job
from desktop.ui.pages.base import PageView
from desktop.ui.pdf_images import render_pages
from desktop.ui.printing import (
    PRINT_PREVIEW_DPI,
    new_printer,
    paint_pdf,
    print_queue,
    printer_label,
    remove_spool,
    spool_path,
)

if TYPE_CHECKING:
    from desktop.core.printing import BoxInfo
    from desktop.ui.dialogs.ballot_dialogs import PrintOrder
    from desktop.ui.pages.ballots_preview import PreviewPanel

#: Resolution of the on-screen preview images (sharp at "fit width" on a large screen).
PREVIEW_DPI = 150


class BallotsView(PageView, Protocol):
    """What the controller asks of the ballots page (BallotsPage implements it)."""

    preview: PreviewPanel

    def selected_box(self) -> BoxInfo | None: ...
    def update_actions(self) -> None: ...


@dataclass(frozen=True)
class PreviewResult:
    state: LayoutState
    pdf: bytes
    images: list[QImage]


class BallotsController(QObject):
    def __init__(self, page: BallotsView, context: CampaignContext) -> None:
        super().__init__(page.widget())
        self.page = page
        #: What dialogs and messages open over.
        self.widget = page.widget()
        self.context = context
        self.services = context.services
        #: The running print job (the batch's, then a PrinterJob's), or None.
        self.job: Job | None = None
        self.preview_pdf: bytes | None = None
        self._stale = True
        self._rendering = False

    # -- preview -------------------------------------------------------------------------------
    def refresh_preview(self) -> None:
        """The preview is out of date; make it now if it is on screen, else when shown."""
        self._stale = True
        self.preview_if_stale()

    def preview_if_stale(self) -> None:
        if self._stale and not self._rendering and self.widget.isVisible():
            self._start_preview()

    def _start_preview(self) -> None:
        campaign_id = self.context.campaign_id
        if campaign_id is None:
            return
        self._stale, self._rendering = False, True
        panel = self.page.preview
        options, box = panel.options(), panel.chosen_box()
        printing = self.services.printing
        panel.set_busy()

        def work() -> PreviewResult:
            state = printing.current_layout(campaign_id, options)
            pdf = printing.preview(campaign_id, options, box.name if box else "")
            return PreviewResult(state, pdf, render_pages(pdf, PREVIEW_DPI))

        run_in_background(work, self._preview_done, self._preview_failed)

    def _preview_done(self, result: PreviewResult) -> None:
        if not shiboken6.isValid(self.widget):
            return
        self._rendering = False
        self.preview_pdf = result.pdf
        self.page.preview.show_pages(result.images, result.state)
        self.preview_if_stale()

    def _preview_failed(self, exc: Exception) -> None:
        if not shiboken6.isValid(self.widget):
            return
        self._rendering = False
        if not isinstance(exc, RuleError):
            raise exc
        self.preview_pdf = None
        self.page.preview.show_problem(exc.messages)
        self.preview_if_stale()

    def print_preview(self) -> None:
        """The preview ballot (serial 000000, a throw-away signature) as the printer would print
        it: the same painting as a real batch."""
        pdf = self.preview_pdf
        if pdf is None:
            return
        dialog = QPrintPreviewDialog(new_printer(self.page.preview.options().paper), self.widget)
        dialog.setWindowTitle(self.tr("Print preview — sample ballot, never counted"))
        dialog.paintRequested.connect(lambda printer: paint_pdf(printer, pdf, PRINT_PREVIEW_DPI))
        dialog.exec()

    # -- boxes ---------------------------------------------------------------------------------
    def add_box(self) -> None:
        campaign_id = self.context.campaign_id
        dialog = BoxDialog(parent=self.widget)
        if campaign_id is None or not dialog.exec():
            return
        name, location, responsible = dialog.values()
        if run_checked(self.widget, lambda: self.services.boxes.add_box(
                campaign_id, name, location, responsible)):
            self.context.changed()

    def edit_box(self) -> None:
        box = self.page.selected_box()
        if box is None:
            return
        dialog = BoxDialog(box, parent=self.widget)
        if not dialog.exec():
            return
        name, location, responsible = dialog.values()
        if run_checked(self.widget, lambda: self.services.boxes.update_box(
                box.id, name, location, responsible)):
            self.context.changed()

    def delete_box(self) -> None:
        box = self.page.selected_box()
        if box is None:
            return
        answer = QMessageBox.question(self.widget, self.tr("Delete ballot box"),
                                      arg(self.tr("Delete the ballot box “%1”?"), box.name))
        if answer == QMessageBox.StandardButton.Yes:
            run_checked(self.widget, lambda: self.services.boxes.delete_box(box.id))
            self.context.changed()

    def note_serials(self) -> None:
        campaign_id = self.context.campaign_id
        if campaign_id is None:
            return
        if NoteSerialsDialog(self.services.boxes, campaign_id, parent=self.widget).exec():
            self.context.changed()

    # -- printing ------------------------------------------------------------------------------
    def print_ballots(self) -> None:
        campaign = self.context.campaign
        if campaign is None or self.job is not None:
            return
        boxes = self.services.boxes.list_boxes(campaign.id)
        if not boxes:
            QMessageBox.information(self.widget, self.tr("Print ballots"),
                                    self.tr("Add a ballot box first: every batch belongs to one."))
            return
        panel = self.page.preview
        options = panel.options()
        box = panel.chosen_box()
        dialog = PrintBatchDialog(boxes, box.id if box else None, self.options_text(options),
                                  f"{campaign.name}-选票.pdf", parent=self.widget)
        if dialog.exec():
            self.print_order(dialog.order(), options)

    def options_text(self, options: PrintOptions) -> str:
        language = "中文" if options.language == "zh_CN" else "English"
        photos = self.tr("with photos") if options.show_photos else self.tr("without photos")
        return arg(self.tr("%1 paper, instructions in %2, %3 (change them above the preview)"),
                   label(options.paper), language, photos)

    def print_order(self, order: PrintOrder, options: PrintOptions) -> None:
        """Print an order from the dialog: to its PDF file, or (no file) to a printer."""
        if order.pdf is not None:
            self._run_batch(order, options, order.pdf, self._pdf_done)
            return
        printer = self.ask_printer(options.paper)
        if printer is None:
            return  # nothing printed, nothing recorded
        queue = print_queue(printer)
        spool = spool_path(printer)
        self._run_batch(order, options, spool,
                        lambda batch: self._send_to_printer(batch, printer, spool, queue,
                                                            options.paper),
                        lambda: remove_spool(spool),
                        destination=PRINTER_DESTINATION_PREFIX + printer_label(printer))

    def ask_printer(self, paper: Paper) -> QPrinter | None:
        printer = new_printer(paper)
        dialog = QPrintDialog(printer, self.widget)
        dialog.setWindowTitle(self.tr("Print ballots"))
        return printer if dialog.exec() == QDialog.DialogCode.Accepted else None

    def _run_batch(self, order: PrintOrder, options: PrintOptions, out: Path,
                   succeeded: Callable[[BatchInfo], None],
                   cleanup: Callable[[], None] | None = None,
                   destination: str | None = None) -> None:
        campaign_id = self.context.campaign_id
        assert campaign_id is not None
        def stopped(cancelled: bool) -> None:
            if cleanup is not None:
                cleanup()
            self._set_job(None)
            if cancelled:
                QMessageBox.information(self.widget, self.tr("Print ballots"), self.tr(
                    "Printing cancelled: no serial was recorded and no file was written."))

        self._set_job(print_batch_job(self.widget, self.services.printing, campaign_id, order,
                                      options, out, succeeded, stopped, destination))

    def _pdf_done(self, batch: BatchInfo) -> None:
        self._set_job(None)
        self.context.changed()
        QMessageBox.information(self.widget, self.tr("Print ballots"), arg(
            self.tr("%1 ballots for “%2”, serials %3–%4, saved to:\n%5"), batch.count,
            batch.box, serial_label(batch.first_serial), serial_label(batch.last_serial),
            batch.destination))

    def _send_to_printer(self, batch: BatchInfo, printer: QPrinter, spool: Path,
                         queue: str = "", paper: Paper = Paper.A4) -> None:
        self.context.changed()  # the batch is recorded: show it while the pages go out
        campaign_id = self.context.campaign_id
        assert campaign_id is not None
        job = PrinterJob(self.widget, printer, batch, spool, queue, paper)
        self._set_job(job.job)

        def finished(sent: int) -> None:
            remove_spool(spool)
            self._set_job(None)
            self._printer_finished(campaign_id, batch, sent, printer_label(printer), job.error,
                                   job.job_id)

        job.finished.connect(finished)
        job.start()

    def _printer_finished(self, campaign_id: int, batch: BatchInfo, sent: int, printer: str,
                          error: Exception | None, job_id: str = "") -> None:
        text = arg(self.tr("%1 of %2 ballots for “%3” sent to %4."), sent, batch.count,
                   batch.box, printer)
        if job_id:
            text += "\n" + arg(self.tr("Print job: %1 (the system's print queue shows it)."),
                               job_id)
        if sent < batch.count:
            first_unsent = batch.first_serial + sent
            run_checked(self.widget, lambda: self.services.boxes.note_serials(
                campaign_id, range(first_unsent, batch.last_serial + 1), SerialState.UNUSED,
                self.tr("Not sent to the printer")))
            text += "\n" + arg(self.tr("Serials %1–%2 were not printed and are recorded as "
                                       "unused."), serial_label(first_unsent),
                               serial_label(batch.last_serial))
        if error is not None:
            text += "\n" + arg(self.tr("Printer problem: %1"), error)
        self.context.changed()
        show = QMessageBox.warning if sent < batch.count else QMessageBox.information
        show(self.widget, self.tr("Print ballots"), text)

    def _set_job(self, job: Job | None) -> None:
        self.job = job
        if shiboken6.isValid(self.widget):
            self.page.update_actions()
