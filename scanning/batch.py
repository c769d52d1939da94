"""Read many image files on every core, results in input order, with progress and cancel.

The context (the keys that check ballot signatures and the stored layouts, plain data) is sent
to each worker process once, by the pool's initializer; each task then carries only a path.
``workers=1`` runs in this process (no pool: tests, debugging, small jobs).
"""

from __future__ import annotations

import logging
import multiprocessing
import multiprocessing.context
import os
import threading
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any, TypeVar

import cv2
import numpy as np

from desktop.core.ballots import BallotKeys, Layout
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
    return multiprocessing.get_context("forkserver" if "forkserver" in methods else "spawn")


def default_workers() -> int:
    return max(1, os.cpu_count() or 1)


def read_in_order(
    tasks: Iterable[tuple[K, Task | None]],
    context: ReadContext,
    workers: int | None = None,
    cancel: CancelCheck | None = None,
) -> Iterator[tuple[K, PageResult | None]]:
    """(key, result) for every task, in input order, reading on ``workers`` processes.

    A task is a path or an image; a ``None`` task passes through with a ``None`` result (the
    caller knows the answer already, e.g. an image recorded before), still in order. When
    ``cancel()`` returns true (asked before each task is handed out) the generator stops:
    tasks not started are dropped, those running finish and their results are dropped too.
    """
    count = workers or default_workers()
    if count <= 1:
        for key, task in tasks:
            if cancel is not None and cancel():
                return
            yield key, None if task is None else read_task(task, context)
        return
    with ProcessPoolExecutor(count, mp_context=_worker_start(), initializer=_init_worker,
                             initargs=(context,)) as pool:
        pending: deque[tuple[K, Future[PageResult] | None, int]] = deque()
        queue = iter(tasks)
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
    count = 1 if total <= 1 else workers
    for done, (path, result) in enumerate(read_in_order(tasks, context, count, cancel), 1):
        assert result is not None
        if progress is not None:
            progress(done, total)
        yield path, result
