"""The one helper that runs work off the GUI thread (after Anki's ``operations`` helper).

The work is a plain function that touches no widget; its result or exception comes back
through queued signals, so the callbacks always run on the GUI thread. A callback is not called
once Qt has deleted the object it updates (``owner``; by default the object of a bound-method
callback): a wizard cancelled while it was still reading, or a window rebuilt for another
language, would otherwise have the result land in deleted widgets.

A long job the person waits for (printing a batch, a backup, a restore, a recount, a station
package, the demo) goes through :func:`run_job`, whose :class:`Job` owns its progress dialog,
its Cancel, the page's busy state and the showing of a failure; sending a batch to the printer,
which paints on the GUI thread, uses the same :class:`Job` for its dialog and Cancel.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from typing import Any

import shiboken6
from PySide6.QtCore import QCoreApplication, QObject, QRunnable, Qt, QThreadPool, Signal, Slot
from PySide6.QtWidgets import QProgressDialog, QWidget

from desktop.ui.feedback import background_failure

log = logging.getLogger(__name__)

#: Progress dialogs appear only for work that takes longer than this.
PROGRESS_DELAY_MS = 400

#: Tasks still running, kept alive until their result has been delivered.
_RUNNING: set[Task] = set()


class _Signals(QObject):
    succeeded = Signal(object)
    failed = Signal(object)


class _Runnable(QRunnable):
    def __init__(self, work: Callable[[], Any], signals: _Signals) -> None:
        super().__init__()
        self.work = work
        self.signals = signals

    def run(self) -> None:
        try:
            result = self.work()
        except Exception as exc:  # handed to the GUI thread, which decides what to show
            self.signals.failed.emit(exc)
        else:
            self.signals.succeeded.emit(result)


class Task(QObject):
    """One background call. Created on the GUI thread; its slots run there."""

    def __init__(self, work: Callable[[], Any], on_success: Callable[[Any], None],
                 on_failure: Callable[[Exception], None] | None,
                 owner: QObject | None = None) -> None:
        super().__init__()
        self.on_success = on_success
        self.on_failure = on_failure
        self.owner = owner if owner is not None else _bound_qobject(on_success, on_failure)
        self.signals = _Signals()
        self.signals.succeeded.connect(self._succeeded)
        self.signals.failed.connect(self._failed)
        self.runnable = _Runnable(work, self.signals)
        self.runnable.setAutoDelete(False)

    def _owner_gone(self) -> bool:
        if self.owner is None or shiboken6.isValid(self.owner):
            return False
        log.info("a background result for a deleted %s was dropped",
                 type(self.owner).__name__)
        return True

    @Slot(object)
    def _succeeded(self, result: Any) -> None:
        _RUNNING.discard(self)
        if not self._owner_gone():
            self.on_success(result)

    @Slot(object)
    def _failed(self, exc: Exception) -> None:
        _RUNNING.discard(self)
        if self._owner_gone():
            return
        if self.on_failure is None:
            raise exc  # reaches sys.excepthook and its error dialog
        self.on_failure(exc)


def _bound_qobject(*callbacks: Callable[..., Any] | None) -> QObject | None:
    """The QObject a bound-method callback belongs to, if any."""
    for callback in callbacks:
        bound = getattr(callback, "__self__", None)
        if isinstance(bound, QObject):
            return bound
    return None


def run_in_background(work: Callable[[], Any], on_success: Callable[[Any], None],
                      on_failure: Callable[[Exception], None] | None = None, *,
                      owner: QObject | None = None) -> Task:
    """Run ``work()`` on the shared thread pool; call back on the GUI thread, unless ``owner``
    (default: the object of a bound-method callback) has been deleted by then."""
    task = Task(work, on_success, on_failure, owner)
    _RUNNING.add(task)
    QThreadPool.globalInstance().start(task.runnable)
    return task


def wait_for_background(msecs: int = 10_000) -> bool:
    """For tests and shutdown: wait until no background work is left."""
    return QThreadPool.globalInstance().waitForDone(msecs)


def progress_dialog(parent: QWidget, title: str, text: str, maximum: int = 0,
                    cancel: str | None = None) -> QProgressDialog:
    """The window-modal progress of a background job, shown only once it has taken longer
    than ``PROGRESS_DELAY_MS``; it stays open until the job closes it. ``maximum`` 0 is a busy
    bar; without ``cancel`` text there is no Cancel button."""
    dialog = QProgressDialog(text, cancel or "", 0, maximum, parent)
    if cancel is None:
        dialog.setCancelButton(None)
    dialog.setWindowTitle(title)
    dialog.setWindowModality(Qt.WindowModality.WindowModal)
    dialog.setMinimumDuration(PROGRESS_DELAY_MS)
    dialog.setAutoClose(False)
    dialog.setAutoReset(False)
    dialog.setValue(0)
    return dialog


class Progress:
    """What a job's work is given: ``report(done, total)`` moves the bar and ``report.cancelled()``
    says whether Cancel was pressed (the core's jobs take it as their ``cancel``); both are safe
    to call from the worker thread."""

    def __init__(self, job: Job) -> None:
        self._moved = job.progressed.emit
        self.cancelled = job.cancelled.is_set

    def __call__(self, done: int, total: int) -> None:
        self._moved(done, total)


class Job(QObject):
    """The progress dialog of one long job, its Cancel and the page's busy state.

    :func:`run_job` makes one for work on the thread pool; a job that runs on the GUI thread by
    itself (a printer painted page by page) makes its own and calls :meth:`end`. ``progressed``
    may be emitted from any thread and moves the bar; with ``cancelling`` text the dialog has a
    Cancel button, which sets ``cancelled``, shows that text and emits ``cancelRequested``.
    ``busy(True)`` now and ``busy(False)`` at :meth:`end`."""

    progressed = Signal(int, int)
    cancelRequested = Signal()

    def __init__(self, parent: QWidget, title: str, text: str, maximum: int = 0, *,
                 cancelling: str | None = None,
                 busy: Callable[[bool], None] | None = None) -> None:
        super().__init__(parent)
        cancel = QCoreApplication.translate("Background", "Cancel") if cancelling else None
        self.dialog = progress_dialog(parent, title, text, maximum, cancel)
        self.cancelling = cancelling or ""
        self.cancelled = threading.Event()
        self.busy = busy
        self.task: Task | None = None
        self.dialog.canceled.connect(self.cancel)
        self.progressed.connect(self._show)
        if busy is not None:
            busy(True)

    def cancel(self) -> None:
        """Ask the work to stop; it decides where (the core's jobs: before anything is kept)."""
        self.cancelled.set()
        if shiboken6.isValid(self.dialog):
            self.dialog.setLabelText(self.cancelling)
        self.cancelRequested.emit()

    @Slot(int, int)
    def _show(self, done: int, total: int) -> None:
        if shiboken6.isValid(self.dialog):
            self.dialog.setMaximum(total)
            self.dialog.setValue(done)

    def end(self) -> None:
        """Close the dialog and end the busy state (before the result is handled)."""
        if shiboken6.isValid(self.dialog):
            self.dialog.close()
            self.dialog.deleteLater()
        if self.busy is not None:
            self.busy(False)
        self.deleteLater()


def run_job(parent: QWidget, title: str, text: str,
            work: Callable[[Progress], Any], done: Callable[[Any], None], *,
            busy: Callable[[bool], None] | None = None,
            failed: Callable[[Exception], None] | None = None,
            maximum: int = 0, cancelling: str | None = None) -> Job:
    """A long job the person waits for: ``work(report)`` on the thread pool (``report(done,
    total)`` moves the bar, from any thread; ``report.cancelled()`` is its cancel flag); over
    ``parent`` a window-modal progress dialog (:func:`progress_dialog`: a busy bar until the
    first report, unless ``maximum`` is known), with a Cancel button when ``cancelling`` says
    what it shows once pressed; ``busy(True)`` now and ``busy(False)`` when the job ends, before
    ``done(result)`` or ``failed(exc)`` (by default a refusal is shown over ``parent``, anything
    else reaches the excepthook; a cancelled core job ends with its own exception, which
    ``failed`` tells apart). Nothing is called back once Qt has deleted ``parent``."""
    job = Job(parent, title, text, maximum, cancelling=cancelling, busy=busy)
    report = Progress(job)
    shown = failed or background_failure(parent)

    def succeeded(result: Any) -> None:
        job.end()
        done(result)

    def refused(exc: Exception) -> None:
        job.end()
        shown(exc)

    job.task = run_in_background(lambda: work(report), succeeded, refused, owner=parent)
    return job
