"""A watched folder for scan-to-folder: read each new file once the scanner has finished it.

Polling, portable and without another dependency: every ``poll_interval_s`` the folder is
listed; a file is read when its size and modification time have not changed for
``settle_s`` (the scanner may still be writing it) and it is not empty. What was read is
remembered by path with its size and time, so a file is read once, and again only if it is
replaced by a new one. Files present before the watch began are read first unless
``skip_existing``. :meth:`WatchedFolder.watch` runs until ``cancel()`` returns true.

A file that is still truncated when it looks settled is reported and read again if it changes,
so a slow writer costs a message, never a ballot.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from scanning.sources.base import (
    Acquired,
    AcquisitionProblem,
    Cancel,
    FileOrigin,
)
from scanning.sources.files import IMAGE_SUFFIXES, is_ignored, natural_key, read_file
from scanning.sources.messages import ProblemCode

#: How often the folder is listed.
POLL_INTERVAL_S = 0.5
#: How long size and modification time must stay unchanged before a file is read.
SETTLE_S = 1.5
#: Longest single sleep, so cancel() is honoured promptly.
CANCEL_CHECK_S = 0.1

#: (size in bytes, modification time in ns): what "the file has not changed" compares.
Signature = tuple[int, int]


@dataclass
class _Pending:
    signature: Signature
    since: float


@dataclass
class WatchedFolder:
    folder: Path
    poll_interval_s: float = POLL_INTERVAL_S
    settle_s: float = SETTLE_S
    skip_existing: bool = False
    clock: Callable[[], float] = time.monotonic
    sleep: Callable[[float], None] = time.sleep
    #: path -> signature of the version already read (or reported).
    done: dict[Path, Signature] = field(default_factory=dict)
    _pending: dict[Path, _Pending] = field(default_factory=dict)
    _reported: set[Path] = field(default_factory=set)

    def watch(self, cancel: Cancel) -> Iterator[Acquired]:
        """New pages as they arrive, until ``cancel()``; a missing folder is one problem."""
        if not self.folder.is_dir():
            yield AcquisitionProblem(ProblemCode.FOLDER_NOT_FOUND, {"path": str(self.folder)},
                                     ends_source=True)
            return
        if self.skip_existing:
            self.done.update(self._listing())
        while not cancel():
            yield from self.poll()
            self._wait(cancel)

    def poll(self) -> Iterator[Acquired]:
        """One look at the folder: read every file that has settled since the last look."""
        now = self.clock()
        listing = self._listing()
        for path in list(self._pending):
            if path not in listing:
                del self._pending[path]  # removed or renamed before it settled
        for path, signature in listing.items():
            if self.done.get(path) == signature:
                continue
            pending = self._pending.get(path)
            if pending is None or pending.signature != signature:
                self._pending[path] = _Pending(signature, now)
                continue
            if now - pending.since < self.settle_s or signature[0] == 0:
                continue
            del self._pending[path]
            self.done[path] = signature
            if path.suffix.casefold() in IMAGE_SUFFIXES:
                yield from read_file(path)
            elif path not in self._reported:
                self._reported.add(path)
                yield AcquisitionProblem(ProblemCode.FILE_NOT_IMAGE, {"path": str(path)},
                                         FileOrigin(path))

    def _listing(self) -> dict[Path, Signature]:
        """Visible regular files directly in the folder, in natural name order."""
        found: dict[Path, Signature] = {}
        try:
            entries = sorted(os.scandir(self.folder), key=lambda e: natural_key(Path(e.path)))
        except OSError:
            return found  # unplugged share or a folder being replaced: try again next poll
        for entry in entries:
            path = Path(entry.path)
            if is_ignored(path):
                continue
            try:
                if not entry.is_file():
                    continue
                stat = entry.stat()
            except OSError:
                continue
            found[path] = (stat.st_size, stat.st_mtime_ns)
        return found

    def _wait(self, cancel: Cancel) -> None:
        deadline = self.clock() + self.poll_interval_s
        while not cancel():
            left = deadline - self.clock()
            if left <= 0:
                return
            self.sleep(min(left, CANCEL_CHECK_S))
