"""The two long jobs of the ballots page, each behind a progress dialog with Cancel.

:func:`print_batch_job` runs ``Printing.print_batch`` through :func:`run_job`: its progress
reports move the bar and its cancel is the dialog's Cancel. :class:`PrinterJob` sends a
recorded batch to the printer: the PDF itself to a CUPS queue, else painted page by page on
the GUI thread, so it shows its progress and Cancel through a :class:`Job` of its own.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QObject, Signal
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import QWidget

from ballotformat import Paper, RenderCancelledError
from desktop.core.printing import BatchInfo, Printing, PrintOptions
from desktop.ui.background import Job, Progress, run_job
from desktop.ui.dialogs.ballot_dialogs import PrintOrder
from desktop.ui.feedback import background_failure
from desktop.ui.i18n import arg
from desktop.ui.printing import PrinterOutput, QueueOutput


def _title() -> str:
    return QCoreApplication.translate("BallotJobs", "Printing ballots")


def print_batch_job(parent: QWidget, printing: Printing, campaign_id: int, order: PrintOrder,
                    options: PrintOptions, out: Path, succeeded: Callable[[BatchInfo], None],
                    stopped: Callable[[bool], None], destination: str | None = None) -> Job:
    """Print and record one batch. Exactly one of ``succeeded(batch)`` / ``stopped(cancelled)``
    is called on the GUI thread at the end; a refusal is shown before ``stopped(False)``."""

    def work(report: Progress) -> BatchInfo:  # no widget here: a signal out, a flag in
        return printing.print_batch(campaign_id, order.box.id, order.count, out, options,
                                    progress=report, cancel=report.cancelled,
                                    destination=destination)

    def failed(exc: Exception) -> None:
        if isinstance(exc, RenderCancelledError):
            stopped(True)
            return
        try:
            background_failure(parent)(exc)
        finally:
            stopped(False)

    text = arg(QCoreApplication.translate("BatchJob", "Printing %1 ballots for “%2”…"),
               order.count, order.box.name)
    return run_job(parent, _title(), text, work, succeeded, failed=failed, maximum=order.count,
                   cancelling=QCoreApplication.translate("BatchJob", "Cancelling…"))


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
        cancelling = None if queue else self.tr("Stopping after the current ballot…")
        self.job = Job(parent, _title(), text, cancelling=cancelling)
        self.job.cancelRequested.connect(self.output.cancel)
        self.output.progressed.connect(self.job.progressed)
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
        self.job.cancel()

    def _finished(self, sent: int) -> None:
        self.job.end()
        self.finished.emit(sent)
