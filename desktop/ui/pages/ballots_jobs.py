"""The two long jobs of the ballots page, each behind a progress dialog with Cancel.

:class:`BatchJob` runs ``Printing.print_batch`` on the background helper; its progress callback
only emits a signal (delivered on the GUI thread) and its cancel callable only reads a flag
that the dialog's Cancel sets. :class:`PrinterJob` sends a recorded batch to the printer: the
PDF itself to a CUPS queue, else painted page by page.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from pathlib import Path

import shiboken6
from PySide6.QtCore import QCoreApplication, QObject, Signal
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import QProgressDialog, QWidget

from ballotformat import Paper, RenderCancelledError
from ballotformat.messages import RuleError
from desktop.core.printing import BatchInfo, Printing, PrintOptions
from desktop.ui.background import progress_dialog, run_in_background
from desktop.ui.dialogs.ballot_dialogs import PrintOrder
from desktop.ui.feedback import show_refusal
from desktop.ui.i18n import arg
from desktop.ui.printing import PrinterOutput, QueueOutput


def printing_progress(parent: QWidget, text: str, maximum: int,
                      cancellable: bool = True) -> QProgressDialog:
    cancel = QCoreApplication.translate("BallotJobs", "Cancel") if cancellable else None
    return progress_dialog(
        parent, QCoreApplication.translate("BallotJobs", "Printing ballots"), text, maximum,
        cancel)


class BatchJob(QObject):
    """Print and record one batch. Exactly one of ``succeeded(batch)`` / ``stopped(cancelled)``
    is called on the GUI thread at the end; a refusal is shown before ``stopped(False)``."""

    progressed = Signal(int, int)

    def __init__(self, parent: QWidget, printing: Printing, campaign_id: int,
                 order: PrintOrder, options: PrintOptions, out: Path,
                 destination: str | None = None) -> None:
        super().__init__(parent)
        self.destination = destination
        self.parent_widget = parent
        self.printing = printing
        self.campaign_id = campaign_id
        self.order = order
        self.options = options
        self.out = out
        self.cancelled = threading.Event()
        self.dialog = printing_progress(parent, arg(
            self.tr("Printing %1 ballots for “%2”…"), order.count, order.box.name), order.count)
        self.dialog.canceled.connect(self.cancel)
        self.progressed.connect(self._show_progress)

    def start(self, succeeded: Callable[[BatchInfo], None],
              stopped: Callable[[bool], None]) -> None:
        printing, campaign_id, order = self.printing, self.campaign_id, self.order
        options, out, destination = self.options, self.out, self.destination
        progressed, cancelled = self.progressed, self.cancelled

        def work() -> BatchInfo:  # no widget here: a signal out, a flag in
            return printing.print_batch(campaign_id, order.box.id, order.count, out, options,
                                        progress=progressed.emit, cancel=cancelled.is_set,
                                        destination=destination)

        def done(batch: BatchInfo) -> None:
            self._close()
            succeeded(batch)

        def failed(exc: Exception) -> None:
            self._close()
            if isinstance(exc, RenderCancelledError):
                stopped(True)
                return
            if isinstance(exc, RuleError):
                show_refusal(self.parent_widget, exc)
                stopped(False)
                return
            stopped(False)
            raise exc

        run_in_background(work, done, failed)

    def cancel(self) -> None:
        self.cancelled.set()
        self.dialog.setLabelText(self.tr("Cancelling…"))

    def _show_progress(self, done: int, _total: int) -> None:
        if shiboken6.isValid(self.dialog) and not self.cancelled.is_set():
            self.dialog.setValue(done)

    def _close(self) -> None:
        self.dialog.close()
        self.dialog.deleteLater()


class PrinterJob(QObject):
    """Send a recorded batch's PDF to the printer; ``finished(ballots_sent)`` at the end.

    ``queue`` (see :func:`desktop.ui.printing.print_queue`) names the CUPS queue that takes the
    PDF as it is; without one the pages are painted onto ``printer``."""

    finished = Signal(int)

    def __init__(self, parent: QWidget, printer: QPrinter, batch: BatchInfo, pdf: Path,
                 queue: str = "", paper: Paper = Paper.A4) -> None:
        super().__init__(parent)
        self.batch = batch
        self.output: PrinterOutput | QueueOutput
        if queue:
            self.output = QueueOutput(queue, printer, pdf, batch.count, paper, self)
            text = arg(self.tr("Handing %1 ballots to the print queue “%2”…"), batch.count,
                       queue)
        else:
            self.output = PrinterOutput(printer, pdf, batch.count, self)
            text = arg(self.tr("Sending %1 ballots to the printer…"), batch.count)
        # The queue takes the file at once: nothing to cancel between two ballots.
        self.dialog = printing_progress(parent, text, 0, cancellable=not queue)
        self.dialog.canceled.connect(self.cancel)
        self.output.progressed.connect(self._show_progress)
        self.output.finished.connect(self._finished)

    @property
    def job_id(self) -> str:
        """The print queue's job, once it took the batch ("" when painted)."""
        return self.output.job_id if isinstance(self.output, QueueOutput) else ""

    @property
    def error(self) -> Exception | None:
        return self.output.error

    def start(self) -> None:
        self.output.start()

    def cancel(self) -> None:
        self.output.cancel()
        self.dialog.setLabelText(self.tr("Stopping after the current ballot…"))

    def _show_progress(self, done: int, total: int) -> None:
        self.dialog.setMaximum(total)
        self.dialog.setValue(done)

    def _finished(self, sent: int) -> None:
        self.dialog.close()
        self.dialog.deleteLater()
        self.finished.emit(sent)
