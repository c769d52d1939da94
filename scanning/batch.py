"""Read many image files on every core, results in input order, with progress and cancel.

The context (campaign secrets and stored layouts, plain data) is sent to each worker process
once, by the pool's initializer; each task then carries only a path. ``workers=1`` runs in this
process (no pool: tests, debugging, small jobs).
"""

from __future__ import annotations

import os
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import cv2

from desktop.core.ballots import Layout
from scanning.interpret import interpret_file
from scanning.result import PageResult
from scanning.thresholds import DEFAULT_THRESHOLDS, MarkThresholds

ProgressCallback = Callable[[int, int], None]  # files done, files in all
CancelCheck = Callable[[], bool]
#: Tasks in flight per worker: enough to keep every core busy, few enough to cancel quickly.
TASKS_PER_WORKER = 4


@dataclass(frozen=True)
class ReadContext:
    """What reading needs from the database, as picklable data."""

    secrets: Mapping[int, bytes]
    #: Stored layout versions by (campaign id, layout version).
    layouts: Mapping[tuple[int, int], Layout]
    thresholds: MarkThresholds = DEFAULT_THRESHOLDS
    #: QR decoder backends in order (None: the adapter's default order).
    backends: tuple[str, ...] | None = None

    @classmethod
    def of(cls, secrets: Mapping[int, bytes], layouts: Iterable[Layout],
           thresholds: MarkThresholds = DEFAULT_THRESHOLDS) -> ReadContext:
        stored = {(lay.campaign_id, lay.layout_version): lay for lay in layouts}
        return cls(dict(secrets), stored, thresholds)

    def secret_for_campaign(self, campaign_id: int) -> bytes | None:
        return self.secrets.get(campaign_id)

    def layout_for(self, campaign_id: int, layout_version: int) -> Layout | None:
        return self.layouts.get((campaign_id, layout_version))


def read_one(path: str | Path, context: ReadContext, debug: bool = False) -> PageResult:
    return interpret_file(path, context.secret_for_campaign, context.layout_for,
                          thresholds=context.thresholds, backends=context.backends, debug=debug)


_worker_context: ReadContext | None = None


def _init_worker(context: ReadContext) -> None:
    global _worker_context  # noqa: PLW0603 - one context per worker process, set once
    _worker_context = context
    cv2.setNumThreads(1)  # one process per core; OpenCV's own threads would compete


def _read_in_worker(path: str) -> PageResult:
    assert _worker_context is not None, "worker started without its context"
    return read_one(path, _worker_context)


def default_workers() -> int:
    return max(1, os.cpu_count() or 1)


def interpret_files(
    paths: Sequence[str | Path],
    context: ReadContext,
    workers: int | None = None,
    progress: ProgressCallback | None = None,
    cancel: CancelCheck | None = None,
) -> Iterator[tuple[str, PageResult]]:
    """(path, result) for every file, in input order, reading on ``workers`` processes.

    ``progress(done, total)`` after every file; when ``cancel()`` returns true (it is asked
    before each file is handed out) the generator stops: files not started are dropped, those
    running finish in their workers and their results are dropped too.
    """
    total = len(paths)
    count = workers or default_workers()
    if count <= 1 or total <= 1:
        for done, path in enumerate(paths, 1):
            if cancel is not None and cancel():
                return
            yield str(path), read_one(path, context)
            if progress is not None:
                progress(done, total)
        return
    with ProcessPoolExecutor(count, initializer=_init_worker, initargs=(context,)) as pool:
        pending: deque[tuple[str, Future[PageResult]]] = deque()
        queue = iter(str(p) for p in paths)
        done = 0
        while True:
            while len(pending) < count * TASKS_PER_WORKER:
                if cancel is not None and cancel():
                    for _path, future in pending:
                        future.cancel()
                    return
                next_path = next(queue, None)
                if next_path is None:
                    break
                pending.append((next_path, pool.submit(_read_in_worker, next_path)))
            if not pending:
                return
            finished_path, future = pending.popleft()
            result = future.result()
            done += 1
            if progress is not None:
                progress(done, total)
            yield finished_path, result
