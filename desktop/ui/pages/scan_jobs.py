"""The scan page's one long job: an acquisition source read and recorded on a worker thread.

A :class:`ScanJob` owns one ``QThread`` for as long as its source runs (a folder batch, a
watched folder until stopped, a scanner's feeder, a camera until stopped). The thread touches
no widget: it only emits this object's signals, which Qt queues to the GUI thread's slots, and
reads one flag (``threading.Event``) that :meth:`ScanJob.stop` sets. The recorder writes to the
database from that thread (every service call is its own short session).

Files and folders are read on every core (``scan_paths``: worker processes, results in input
order). Live sources (watched folder, scanner) read each sheet in the job's thread as it
arrives (``scan_live``, ``scan_scanner``: the same code as ``ballotdesk scan --scanner``). The
camera's thread only analyses frames and sends the preview: each sheet it takes is read and
recorded on a :class:`RecordingLine` beside it, whose outcomes come back through the same
``outcome`` signal; stopping waits until every sheet taken is recorded.
A thread of its own (not the shared pool) keeps the camera loop from starving the short
background tasks (the tally, the ballot preview) on a two-core machine.
It is not a :func:`desktop.ui.background.run_job` on purpose: that one's modal progress dialog
would hide the page that shows each sheet as it is read, with its Stop button, for the whole of
a watched folder or a camera session that lasts as long as the person wants.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Iterable
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path

from PySide6.QtCore import QObject, QThread, Signal, Slot
from PySide6.QtGui import QImage

from desktop.core.records import (
    Recorder,
    RecordingLine,
    RecordOutcome,
    count_files,
    divert_problems,
    scan_live,
    scan_paths,
    scan_scanner,
)
from desktop.core.services import AutomaticBackup, Services
from desktop.ui.camera import analyse_sighting, preview_image
from scanning.sources import (
    CameraSource,
    CaptureEvent,
    ScannerSettings,
    WatchedFolder,
    auto_capture,
)

#: The camera preview is sent at most this often (frames in between are analysed, not shown).
PREVIEW_INTERVAL_S = 1 / 15
#: How long closing the page waits for a job's thread to stop.
STOP_WAIT_MS = 15_000

_RUNNING: set[ScanJob] = set()


class SourceKind(StrEnum):
    FILES = "files"
    WATCH = "watch"
    SCANNER = "scanner"
    CAMERA = "camera"


@dataclass(frozen=True)
class ScanRequest:
    """What to scan, checked on the GUI thread before the job starts."""

    kind: SourceKind
    station: str
    paths: tuple[Path, ...] = ()
    folder: Path | None = None
    device: str = ""
    settings: ScannerSettings = field(default_factory=ScannerSettings)
    camera: int | str = 0


class _Thread(QThread):
    def __init__(self, job: ScanJob) -> None:
        super().__init__()
        self.job = job

    def run(self) -> None:
        try:
            self.job.work()
        except Exception as exc:  # re-raised on the GUI thread, where the excepthook shows it
            self.job.error = exc


class ScanJob(QObject):
    """``outcome(RecordOutcome | AcquisitionProblem)`` per image or source problem,
    ``progressed(done, total)`` (files; ``total`` 0 for live sources: sheets so far),
    ``frame(QImage, capture state)`` for the camera preview, ``ended(cancelled)`` last."""

    outcome = Signal(object)
    progressed = Signal(int, int)
    frame = Signal(QImage, str)
    ended = Signal(bool)

    def __init__(self, services: Services, request: ScanRequest) -> None:
        super().__init__()
        self.services = services
        self.request = request
        self.error: Exception | None = None
        self._sheets = 0  # the camera's sheets recorded so far (the recording line's count)
        #: What the automatic backup after the batch did (set on the worker thread before
        #: ``ended``).
        self.backed_up: AutomaticBackup | None = None
        self._stop = threading.Event()
        self._thread = _Thread(self)
        self._thread.finished.connect(self._thread_finished)

    # -- GUI thread ----------------------------------------------------------------------------
    def start(self) -> None:
        _RUNNING.add(self)
        self._thread.start()

    def stop(self) -> None:
        """Ask the source to stop after the current file, sheet or frame."""
        self._stop.set()

    @property
    def stopping(self) -> bool:
        return self._stop.is_set()

    def wait(self, msecs: int = STOP_WAIT_MS) -> bool:
        return self._thread.wait(msecs)

    def is_running(self) -> bool:
        return self._thread.isRunning()

    @Slot()
    def _thread_finished(self) -> None:
        _RUNNING.discard(self)
        self.ended.emit(self._stop.is_set())
        if self.error is not None:
            error, self.error = self.error, None
            raise error

    # -- worker thread -------------------------------------------------------------------------
    def work(self) -> None:
        request = self.request
        recorder = self.services.recorder(request.station)
        if request.kind is SourceKind.FILES:
            self._files(recorder)
        elif request.kind is SourceKind.WATCH:
            assert request.folder is not None
            self._record(scan_live(recorder, WatchedFolder(request.folder).watch(self._stop.is_set),
                                   self.outcome.emit, self._stop.is_set))
        elif request.kind is SourceKind.SCANNER:
            self._record(scan_scanner(recorder, request.device, request.settings,
                                      self.outcome.emit, self._stop.is_set))
        else:
            self._camera(recorder)
        # Every batch, however it ended, is followed by the automatic backup (a full copy when
        # one is due, throttled otherwise); the page tells which once the job has ended.
        self.backed_up = self.services.automatic_backup("after-scan")

    def _files(self, recorder: Recorder) -> None:
        paths = self.request.paths
        total = count_files(paths)
        self.progressed.emit(0, total)
        done: set[str] = set()
        for outcome in scan_paths(recorder, paths, cancel=self._stop.is_set):
            done.add(outcome.source)
            self.outcome.emit(outcome)
            self.progressed.emit(min(len(done), total), total)

    def _record(self, outcomes: Iterable[RecordOutcome]) -> None:
        for sheets, outcome in enumerate(outcomes, 1):
            self.outcome.emit(outcome)
            self.progressed.emit(sheets, 0)

    def _camera(self, recorder: Recorder) -> None:
        frames = CameraSource(self.request.camera).frames(self._stop.is_set)
        shown_at = 0.0
        line = RecordingLine(recorder, self._captured_recorded)
        try:
            for event in auto_capture(divert_problems(frames, self.outcome.emit),
                                      analyse_sighting):
                assert isinstance(event, CaptureEvent)
                now = time.monotonic()
                if event.image is not None or now - shown_at >= PREVIEW_INTERVAL_S:
                    shown_at = now
                    self.frame.emit(preview_image(event.frame.image, event.sighting, event.step),
                                    event.step.state.value)
                if event.image is not None:
                    line.put(event.image)
        finally:
            line.close()

    def _captured_recorded(self, outcome: RecordOutcome) -> None:
        """On the recording line's thread, one sheet after the other."""
        self._sheets += 1
        self.outcome.emit(outcome)
        self.progressed.emit(self._sheets, 0)


def running_jobs() -> list[ScanJob]:
    """Jobs whose thread still runs (tests end with none)."""
    return [job for job in list(_RUNNING) if job.is_running()]
