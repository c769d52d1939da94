"""A scanning batch: images from any source, read on every core, recorded in input order.

Images recorded before are answered from the database without being read again, so a batch
that was killed is simply run again: it resumes where it stopped. Problems of the sources
(a corrupt file, a jam) are outcomes like any other and never stop the batch.

Files and folders (:func:`scan_paths`) are read on every core. Live sources (a scanner's
feeder: :func:`scan_scanner`; a watched folder: :func:`scan_live`) are read sheet by sheet as
they arrive, in the caller's thread: a process pool hands out several sheets ahead and would
hold the first results back until that many had come in, and one page reads in 20–50 ms,
faster than any feeder. The window and ``ballotdesk scan --scanner`` both go through here.

A camera's captured sheets go to a :class:`RecordingLine`: read and recorded on a thread of
their own, one at a time in the order taken, while the camera's frame loop goes on analysing
frames and showing the preview (a recording takes 0.3–3.3 s; the frame loop ~5 ms a frame).
"""

from __future__ import annotations

import logging
import queue
import threading
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TypeVar

from ballotformat.messages import Message, register
from desktop.core.enums import Permission
from desktop.core.records.recording import (
    RECORD_GROUP_PAGES,
    Reading,
    Recorder,
    RecordOutcome,
    read_context,
)
from scanning.batch import read_in_order, read_task
from scanning.reasons import Reason, Status
from scanning.result import PageResult
from scanning.sources import (
    Acquired,
    AcquiredImage,
    AcquisitionProblem,
    FileOrigin,
    Image,
    RecordedBefore,
    ScannerSettings,
    read_file,
    read_paths,
    scan_sheets,
)
from scanning.sources.files import walk_folder

log = logging.getLogger(__name__)

Cancel = Callable[[], bool]
#: Reasons that may only mean the batch's campaign data is older than the ballot.
#: What fresh campaign data may change: a layout, a campaign, or a print batch (a serial's box,
#: and so its key: a serial printed after the batch began reads as forged or its key not held).
#: A real forgery is read twice, and refused twice.
_KNOWN_LATER = frozenset({Reason.UNKNOWN_LAYOUT, Reason.FOREIGN_CAMPAIGN, Reason.BAD_HMAC,
                          Reason.KEY_NOT_HELD})
OutcomeCallback = Callable[[RecordOutcome], None]
ProblemCallback = Callable[[AcquisitionProblem], None]
#: What a source gives besides its problems (a file's image, a camera's frame).
Item = TypeVar("Item")


def problem_message(problem: AcquisitionProblem) -> Message:
    """A source's problem as a message of the core (``scanning.sources.messages`` registers
    its texts in the one catalogue)."""
    return Message(problem.code, dict(problem.params))


def problem_outcome(problem: AcquisitionProblem) -> RecordOutcome:
    """A source's problem, in the shape of a rejected page (the CLI prints both alike)."""
    origin = problem.origin
    source = (str(origin.path) if isinstance(origin, FileOrigin)
              else origin.describe() if origin is not None else "")
    page = origin.page if isinstance(origin, FileOrigin) else 0
    return RecordOutcome(source, page, PageResult.refused(Reason.IMAGE_UNREADABLE), False, None,
                         problem_message(problem))


@dataclass
class ScanCounts:
    """The counters the scan page shows: what happened to each image of the batch."""

    accepted: int = 0
    review: int = 0
    rejected: int = 0
    already: int = 0
    reasons: Counter[Reason] = field(default_factory=Counter)

    def add(self, outcome: RecordOutcome) -> None:
        if outcome.message.code == "already_recorded":
            self.already += 1
            return
        status = outcome.result.status
        if status is Status.ACCEPTED and outcome.recorded:
            self.accepted += 1
        elif status is Status.REJECTED:
            self.rejected += 1
        else:
            self.review += 1
        self.reasons.update(outcome.result.reasons)


def scan_items(recorder: Recorder, items: Iterable[Acquired | RecordedBefore],
               workers: int | None = None,
               cancel: Cancel | None = None,
               on_outcome: OutcomeCallback | None = None,
               expected: int | None = None,
               group_pages: int = RECORD_GROUP_PAGES) -> Iterator[RecordOutcome]:
    """Read and record every item; yields one outcome per item, in input order (refused
    before the first read for an actor who may not scan). ``expected``: how many items come,
    when known (``scanning.batch.read_in_order`` sizes its pool by it). ``group_pages``: pages
    stored per transaction (:meth:`Recorder.record_all`); a live source records each sheet as it
    comes (1), since the next one may be long in coming."""
    recorder.actor.require(Permission.SCAN)
    recorder.tidy_archive()
    context = read_context(recorder.db)

    def tasks() -> Iterator[tuple[Acquired | RecordOutcome, Image | None]]:
        for item in items:
            if isinstance(item, AcquisitionProblem):
                yield problem_outcome(item), None
                continue
            known = recorder.known(item)
            if known is not None:
                yield known, None
            elif isinstance(item, RecordedBefore):  # its sheet went away since: read it after all
                yield from ((again, None if isinstance(again, AcquisitionProblem) else again.image)
                            for again in read_file(item.origin.path))
            else:
                yield item, item.image

    def readings() -> Iterator[Reading | RecordOutcome]:
        for key, result in read_in_order(tasks(), context, workers, cancel, expected):
            if isinstance(key, RecordOutcome):
                yield key
                continue
            assert isinstance(key, AcquiredImage)
            assert result is not None
            reading = result
            if _KNOWN_LATER & set(reading.reasons):
                # Ballots printed (or a campaign created) after this batch began, e.g. during a
                # long camera or scanner session: read once more with fresh campaign data.
                reading = read_task(key.image, read_context(recorder.db))
            yield key, reading

    for outcome in recorder.record_all(readings(), group_pages):
        if on_outcome is not None:
            on_outcome(outcome)
        yield outcome


def scan_paths(recorder: Recorder, paths: Iterable[Path], workers: int | None = None,
               cancel: Cancel | None = None,
               on_outcome: OutcomeCallback | None = None,
               group_pages: int = RECORD_GROUP_PAGES) -> Iterator[RecordOutcome]:
    """Files and folders (PNG, JPEG, TIFF, PDF) scanned and recorded; a single-image file
    recorded before is recognised by its bytes' hash without being decoded (a rerun of a
    killed batch costs a hash per file recorded)."""
    paths = list(paths)
    items = read_paths(paths, cancel or (lambda: False), recorder.recorded_file)
    return scan_items(recorder, items, workers, cancel, on_outcome, count_files(paths),
                      group_pages)


def count_files(paths: Iterable[Path]) -> int:
    """How many files a batch holds (a progress bar's end, the reading pool's size); folders
    are walked like the reader walks them."""
    total = 0
    for path in paths:
        if path.is_dir():
            total += sum(1 for item in walk_folder(path) if isinstance(item, Path))
        else:
            total += 1
    return total


def divert_problems(items: Iterable[Item | AcquisitionProblem], on_problem: ProblemCallback,
                    ) -> Iterator[Item | AcquisitionProblem]:
    """A problem that ends the source (a jam, no such scanner, the camera lost) is no page: it
    goes to ``on_problem``, not counted; a page's problem (a broken file) goes on to be
    counted as a rejected page."""
    for item in items:
        if isinstance(item, AcquisitionProblem) and item.ends_source:
            on_problem(item)
        else:
            yield item


def scan_live(recorder: Recorder, items: Iterable[Acquired], on_problem: ProblemCallback,
              cancel: Cancel | None = None) -> Iterator[RecordOutcome]:
    """A live source's sheets read and recorded one at a time as they arrive."""
    return scan_items(recorder, divert_problems(items, on_problem), 1, cancel, group_pages=1)


def scan_scanner(recorder: Recorder, device: str, settings: ScannerSettings,
                 on_problem: ProblemCallback, cancel: Cancel | None = None,
                 ) -> Iterator[RecordOutcome]:
    """A SANE scanner's sheets (its feeder until empty, or one from the glass) read and
    recorded; a jam or a scanner that cannot be opened goes to ``on_problem``."""
    sheets = scan_sheets(device, settings, cancel) if cancel else scan_sheets(device, settings)
    return scan_live(recorder, sheets, on_problem, cancel)


class RecordingLine:
    """Captured sheets read and recorded one at a time, in the order they were put, on a
    thread of their own; ``on_outcome`` is called on that thread with each sheet's outcome.

    Every sheet put is recorded exactly once, even after the camera stopped: a sheet shown as
    taken is never dropped. A sheet whose recording fails (the database gone away, a refused
    permission) gives an outcome saying so, and the next sheets are recorded as usual.
    :meth:`close` waits until every sheet put is recorded."""

    def __init__(self, recorder: Recorder, on_outcome: OutcomeCallback) -> None:
        self._recorder = recorder
        self._on_outcome = on_outcome
        self._queue: queue.SimpleQueue[AcquiredImage | None] = queue.SimpleQueue()
        self._thread = threading.Thread(target=self._run, name="recording captured sheets")
        self._thread.start()

    def put(self, image: AcquiredImage) -> None:
        """Returns at once; the sheet is recorded after those put before it."""
        self._queue.put(image)

    def close(self) -> None:
        """Record what is still waiting, then end the thread (the line takes no more)."""
        self._queue.put(None)
        self._thread.join()

    def _run(self) -> None:
        while (image := self._queue.get()) is not None:
            try:
                outcomes = list(scan_items(self._recorder, [image], 1))
            except Exception as error:  # one sheet's failure is its own, never the camera's
                log.exception("recording the captured %s failed", image.origin.describe())
                outcomes = [RecordOutcome(image.origin.describe(), 0,
                                          PageResult.refused(Reason.IMAGE_UNREADABLE), False,
                                          None, Message("capture_not_recorded",
                                                        {"error": str(error)}))]
            for outcome in outcomes:
                self._on_outcome(outcome)


def interpret_paths(recorder: Recorder, paths: Iterable[Path], workers: int | None = None,
                    ) -> Iterator[RecordOutcome]:
    """Read without recording (``ballotdesk interpret``): the same outcomes, nothing stored."""
    context = read_context(recorder.db)
    paths = list(paths)

    def tasks() -> Iterator[tuple[Acquired, Image | None]]:
        for item in read_paths(paths):  # without ``recorded``: every file decoded
            if not isinstance(item, RecordedBefore):
                yield item, None if isinstance(item, AcquisitionProblem) else item.image

    for item, result in read_in_order(tasks(), context, workers, expected=count_files(paths)):
        if isinstance(item, AcquisitionProblem):
            yield problem_outcome(item)
            continue
        assert result is not None
        origin = item.origin
        page = origin.page if isinstance(origin, FileOrigin) else 0
        source = str(origin.path) if isinstance(origin, FileOrigin) else origin.describe()
        yield RecordOutcome(source, page, result, False, None, Message("sheet_not_recorded"))


register({
    "sheet_not_recorded": ("仅识别，未记录。", "Read only; nothing recorded."),
    "capture_not_recorded": ("这张拍下的选票未能记录：{error}。请重新放到拍摄仪下。",
                             "This captured sheet was not recorded: {error}. Lay it under the "
                             "camera again."),
})
