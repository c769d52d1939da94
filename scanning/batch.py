"""Read many image files on every core, results in input order, with progress and cancel.

The context (the keys that check ballot signatures and the stored layouts, plain data) is sent
to each worker process once, by the pool's initializer; each task then carries only a path.
``workers=1`` runs in this process (no pool: tests, debugging, small jobs).

Workers pay for themselves or are not started. Starting the pool costs seconds of wall time
(a fork server imports OpenCV, numpy and the program, then forks each worker: about 2 s on an
idle two-core machine, up to 10 s when it is busy), more than a short batch takes in one
process. So a batch is always read in this process
first; the pool starts in the background once the batch is known (``expected``) or proves
(pages read) long enough for every worker, while the first pages go on being read here, and
takes over the remaining pages only once a worker is ready. Results stay in input order: the
pages read here are answered before any page is handed to the pool.
"""

from __future__ import annotations

import itertools
import logging
import multiprocessing
import multiprocessing.context
import os
import threading
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, TypeVar

import cv2
import numpy as np

from ballotformat import BallotKeys, Layout
from scanning.interpret import interpret_file, interpret_image
from scanning.reasons import Reason
from scanning.result import PageResult
from scanning.thresholds import DEFAULT_THRESHOLDS, MarkThresholds

ProgressCallback = Callable[[int, int], None]  # files done, files in all
K = TypeVar("K")
#: What a worker reads: an image file's path, or an image already decoded.
Task = str | np.ndarray
CancelCheck = Callable[[], bool]
#: Tasks in flight per worker: enough to keep every core busy, few enough to cancel quickly.
TASKS_PER_WORKER = 4
#: Pages a worker must have ahead of it to repay its start (about 2–10 s of wall time against
#: 30–100 ms a page in one process): a batch of fewer pages than ``workers`` times this is read
#: with fewer workers, below two workers' worth in this process alone, so that more workers are
#: never slower (docs/benchmarks.md, "Workers that pay for themselves").
MIN_PAGES_PER_WORKER = 50
#: Bytes of decoded images handed to the workers and not yet answered (each is held here and
#: copied into a worker): a 300 dpi A4 page in colour is 26 MB, so every worker keeps its
#: TASKS_PER_WORKER; an A3 page at 1200 dpi in colour is 835 MB, and such pages go one at a
#: time instead of eight (7 GB).
MAX_IMAGE_BYTES_IN_FLIGHT = 1 << 30

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class ReadContext:
    """What reading needs from the database, as picklable data."""

    keys: BallotKeys
    #: Stored layout versions by (campaign id, layout version).
    layouts: Mapping[tuple[int, int], Layout]
    thresholds: MarkThresholds = DEFAULT_THRESHOLDS
    #: QR decoder backends in order (None: the adapter's default order).
    backends: tuple[str, ...] | None = None

    @classmethod
    def of(cls, keys: BallotKeys | Mapping[int, bytes], layouts: Iterable[Layout],
           thresholds: MarkThresholds = DEFAULT_THRESHOLDS) -> ReadContext:
        """``keys``: a database's :class:`BallotKeys`, or campaign → the one key signing all
        its pages (tools and tests without a database)."""
        stored = {(lay.campaign_id, lay.layout_version): lay for lay in layouts}
        if not isinstance(keys, BallotKeys):
            keys = BallotKeys.one_key(keys)
        return cls(keys, stored, thresholds)

    def __reduce__(self) -> tuple[Any, ...]:
        """Pickled for worker processes with the layouts as their JSON (a Layout holds
        read-only mappings, which pickle refuses)."""
        layouts = [layout.to_json() for layout in self.layouts.values()]
        return (_context_from_json, (self.keys, layouts, self.thresholds, self.backends))

    def key_for(self, campaign_id: int, serial: int, format_version: int) -> bytes | None:
        return self.keys.key_for(campaign_id, serial, format_version)

    def layout_for(self, campaign_id: int, layout_version: int) -> Layout | None:
        return self.layouts.get((campaign_id, layout_version))


def _context_from_json(keys: BallotKeys, layouts: list[str],
                       thresholds: MarkThresholds, backends: tuple[str, ...] | None
                       ) -> ReadContext:
    context = ReadContext.of(keys, (Layout.from_json(text) for text in layouts), thresholds)
    return replace(context, backends=backends)


def read_one(path: str | Path, context: ReadContext, debug: bool = False) -> PageResult:
    return interpret_file(path, context.key_for, context.layout_for,
                          thresholds=context.thresholds, backends=context.backends, debug=debug)


_worker_context: ReadContext | None = None


def _init_worker(context: ReadContext) -> None:
    global _worker_context  # noqa: PLW0603 - one context per worker process, set once
    _worker_context = context
    cv2.setNumThreads(1)  # one process per core; OpenCV's own threads would compete
    parent = multiprocessing.parent_process()
    if parent is not None:
        threading.Thread(target=_exit_with, args=(parent,), daemon=True).start()


def _exit_with(parent: multiprocessing.process.BaseProcess) -> None:
    """End this worker when the process that started the pool is gone. A pool ends its
    workers when it closes, but not when its process is killed (SIGKILL, the task manager, a
    crash): the workers, waiting for tasks that never come, would stay behind for ever."""
    parent.join()
    os._exit(1)


def read_task(task: Task, context: ReadContext) -> PageResult:
    """A path is read from disk (at reduced size when large); an image is read as it is.

    Any failure of the reader on this one image (an exception, memory running out) makes the
    page unreadable, a rejection, and the batch goes on."""
    try:
        if isinstance(task, np.ndarray):
            return interpret_image(task, context.key_for, context.layout_for,
                                   thresholds=context.thresholds, backends=context.backends)
        return read_one(task, context)
    except Exception:  # one image's failure is its own, never the batch's
        shown = task if isinstance(task, str | Path) else f"an image of {task.shape}"
        log.exception("reading %s failed", shown)
        return PageResult.refused(Reason.IMAGE_UNREADABLE)


def _read_in_worker(task: Task) -> PageResult:
    assert _worker_context is not None, "worker started without its context"
    return read_task(task, _worker_context)


def _worker_start() -> multiprocessing.context.BaseContext:
    """Workers start from a clean process, never by forking this one: a fork copies OpenCV's
    thread pool (and any lock another thread holds) in whatever state it is, and a worker
    forked after OpenCV ran here can hang for ever. "forkserver" forks from a small clean
    server (fast); where it does not exist (Windows, macOS builds without it), "spawn"."""
    methods = multiprocessing.get_all_start_methods()
    if "forkserver" not in methods:
        return multiprocessing.get_context("spawn")
    context = multiprocessing.get_context("forkserver")
    # The server imports the program and the reader once; each worker is then a fork of it
    # with OpenCV and numpy loaded (importing is not running: no OpenCV thread exists yet),
    # instead of importing them all again (about 1 s of CPU a worker, more when busy).
    context.set_forkserver_preload(["__main__", __name__])
    return context


def default_workers() -> int:
    return max(1, os.cpu_count() or 1)


def pool_size(workers: int | None, pages: int | None) -> int:
    """Worker processes for a batch of ``pages`` (None: not known yet): never more than the
    pages give each :data:`MIN_PAGES_PER_WORKER`; 1 means this process alone."""
    count = workers or default_workers()
    if pages is not None:
        count = min(count, pages // MIN_PAGES_PER_WORKER)
    return max(1, count)


@dataclass
class ReadStats:
    """How a batch was read (for the benchmark and the tests): pages read in this process and
    in the pool, the pool's size once it was started (0: never), and whether it got ready."""

    in_process: int = 0
    in_workers: int = 0
    workers: int = 0
    ready: threading.Event = field(default_factory=threading.Event)


def _warm() -> None:
    """A task that only makes a worker start (import, initializer)."""


class _Pool:
    """A process pool started on a thread of its own (creating the processes blocks for a
    while); :attr:`stats`'s ``ready`` is set once its first worker has answered."""

    def __init__(self, count: int, context: ReadContext, stats: ReadStats) -> None:
        self.executor: ProcessPoolExecutor | None = None
        self.stats = stats
        stats.workers = count
        self._thread = threading.Thread(target=self._start, args=(count, context),
                                        name="reading pool start", daemon=True)
        self._thread.start()

    def _start(self, count: int, context: ReadContext) -> None:
        executor = ProcessPoolExecutor(count, mp_context=_worker_start(),
                                       initializer=_init_worker, initargs=(context,))
        self.executor = executor
        for _ in range(count):  # each submission starts one worker (forkserver and spawn)
            executor.submit(_warm).add_done_callback(self._answered)

    def _answered(self, future: Future[None]) -> None:
        if not future.cancelled() and future.exception() is None:
            self.stats.ready.set()

    def close(self) -> None:
        """Waits for the workers when they read pages; a pool that never got ready is left
        to end by itself (its workers end once their start is done), not waited for."""
        self._thread.join()
        if self.executor is None:  # it could not start (the batch was read here)
            return
        self.executor.shutdown(wait=self.stats.ready.is_set(), cancel_futures=True)


def read_in_order(
    tasks: Iterable[tuple[K, Task | None]],
    context: ReadContext,
    workers: int | None = None,
    cancel: CancelCheck | None = None,
    expected: int | None = None,
    stats: ReadStats | None = None,
) -> Iterator[tuple[K, PageResult | None]]:
    """(key, result) for every task, in input order, reading on up to ``workers`` processes.

    A task is a path or an image; a ``None`` task passes through with a ``None`` result (the
    caller knows the answer already, e.g. an image recorded before), still in order. When
    ``cancel()`` returns true (asked before each task is handed out) the generator stops:
    tasks not started are dropped, those running finish and their results are dropped too.
    ``expected``: how many tasks the batch holds, when known (it sizes the pool at once;
    otherwise the pool starts after :data:`MIN_PAGES_PER_WORKER` pages). See the module's
    docstring for when the pool takes over.
    """
    stats = stats if stats is not None else ReadStats()
    count = pool_size(workers, expected)
    queue = iter(tasks)
    pool: _Pool | None = None
    try:
        while True:  # in this process, until the pool is ready
            if pool is None and count > 1 and (
                    expected is not None or stats.in_process >= MIN_PAGES_PER_WORKER):
                pool = _Pool(count, context, stats)
            if cancel is not None and cancel():
                return
            item = next(queue, None)
            if item is None:
                return
            if stats.ready.is_set():
                break
            key, task = item
            if task is None:
                yield key, None
                continue
            stats.in_process += 1
            yield key, read_task(task, context)
        assert pool is not None
        assert pool.executor is not None
        yield from _read_in_pool(pool.executor, count, itertools.chain([item], queue), cancel,
                                 stats)
    finally:
        if pool is not None:
            pool.close()


def _read_in_pool(pool: ProcessPoolExecutor, count: int,
                  queue: Iterator[tuple[K, Task | None]], cancel: CancelCheck | None,
                  stats: ReadStats) -> Iterator[tuple[K, PageResult | None]]:
    pending: deque[tuple[K, Future[PageResult] | None, int]] = deque()
    held = 0  # bytes of the images in ``pending``
    while True:
        while len(pending) < count * TASKS_PER_WORKER and (
                not pending or held < MAX_IMAGE_BYTES_IN_FLIGHT):
            if cancel is not None and cancel():
                for _key, future, _size in pending:
                    if future is not None:
                        future.cancel()
                return
            item = next(queue, None)
            if item is None:
                break
            key, task = item
            size = task.nbytes if isinstance(task, np.ndarray) else 0
            held += size
            if task is not None:
                stats.in_workers += 1
            pending.append((key, None if task is None else pool.submit(_read_in_worker, task),
                            size))
        if not pending:
            return
        key, future, size = pending.popleft()
        held -= size
        yield key, None if future is None else future.result()


def interpret_files(
    paths: Sequence[str | Path],
    context: ReadContext,
    workers: int | None = None,
    progress: ProgressCallback | None = None,
    cancel: CancelCheck | None = None,
) -> Iterator[tuple[str, PageResult]]:
    """(path, result) for every file, in input order, reading on ``workers`` processes;
    ``progress(done, total)`` after every file. See :func:`read_in_order`."""
    total = len(paths)
    tasks = ((str(path), str(path)) for path in paths)
    for done, (path, result) in enumerate(read_in_order(tasks, context, workers, cancel, total),
                                          1):
        assert result is not None
        if progress is not None:
            progress(done, total)
        yield path, result
