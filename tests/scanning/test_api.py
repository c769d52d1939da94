"""The pipeline's contracts: no Qt, JSON shape, reasons and statuses, worker fan-out, frames."""

from __future__ import annotations

import json
import pickle
import random
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import numpy as np
import pytest

from ballotformat import Layout
from scanning import (
    NOTES,
    REJECTING,
    PageResult,
    ReadContext,
    Reason,
    Status,
    analyse_frame,
    batch,
    interpret_files,
    status_for,
)
from tests.scanning.corpus import Sample, camera, print_sheets

#: How long a test waits for a reading pool's first worker (seconds; 2 s idle, 10 s busy here).
POOL_READY_TIMEOUT_S = 120

#: A 1080p frame must be looked at in this much time on one core (30 frames/s), with slack
#: for a busy test machine; benchmarks/interpret.py measures it properly.


def test_importing_scanning_loads_no_qt() -> None:
    code = ("import sys, scanning, scanning.debug, scanning.batch; "
            "sys.exit(any(m.split('.')[0] == 'PySide6' for m in sys.modules))")
    assert subprocess.run([sys.executable, "-c", code], check=False).returncode == 0


def test_json_form_is_the_cli_contract(corpus_results: list[PageResult]) -> None:
    data = corpus_results[0].to_json_dict("scans/0001.jpg", 0)
    assert list(data) == ["file", "page_index", "status", "reasons", "serial", "layout_page",
                          "marks", "categories"]
    assert data["file"] == "scans/0001.jpg" and data["page_index"] == 0
    assert data["status"] in {"accepted", "review", "rejected"}
    assert all(set(m) == {"category", "candidate", "state", "score"} for m in data["marks"])
    assert all(set(c) == {"category", "selected", "overvote"} for c in data["categories"])
    assert len(data["marks"]) == 36 and data["marks"][0]["candidate"] == "01"
    json.dumps(data, ensure_ascii=False)


def test_statuses_follow_the_reasons() -> None:
    assert status_for([]) is Status.ACCEPTED
    for reason in Reason:
        expected = (Status.REJECTED if reason in REJECTING
                    else Status.ACCEPTED if reason in NOTES else Status.REVIEW)
        assert status_for([reason]) is expected
    assert status_for([Reason.BILEVEL_SCAN, Reason.AMBIGUOUS_MARK]) is Status.REVIEW
    assert status_for([Reason.AMBIGUOUS_MARK, Reason.BAD_HMAC]) is Status.REJECTED
    assert {Reason.AMBIGUOUS_MARK, Reason.OVERVOTE, Reason.DUPLICATE,
            Reason.PAGE_NOT_FOUND} & REJECTING == set()


def test_duplicate_is_added_by_the_recording_layer(corpus_results: list[PageResult]) -> None:
    accepted = next(r for r in corpus_results if r.status is Status.ACCEPTED)
    again = accepted.with_reasons(Reason.DUPLICATE)
    assert again.status is Status.REVIEW and again.reasons == (Reason.DUPLICATE,)
    assert pickle.loads(pickle.dumps(again)) == again


def test_files_come_back_in_order_with_progress(corpus_dir: Path, corpus: list[Sample],
                                                context: ReadContext) -> None:
    paths = [corpus_dir / s.file for s in corpus[:6]]
    seen: list[tuple[int, int]] = []
    results = list(interpret_files(paths, context, workers=2,
                                   progress=lambda d, t: seen.append((d, t))))
    assert [p for p, _ in results] == [str(p) for p in paths]
    assert [r.serial for _, r in results] == [s.serial for s in corpus[:6]]
    assert seen == [(i, 6) for i in range(1, 7)]
    single = [r.serial for _, r in interpret_files(paths[:2], context, workers=1)]
    assert single == [s.serial for s in corpus[:2]]


def _reading(results: object) -> list[tuple[str, dict[str, object]]]:
    """What a batch read, comparable between runs: each path's JSON result, in order."""
    return [(str(path), result.to_json_dict(str(path), 0))
            for path, result in results]  # type: ignore[attr-defined]


def test_a_short_batch_starts_no_workers(corpus_dir: Path, corpus: list[Sample],
                                         context: ReadContext) -> None:
    """Two workers asked for six pages: starting them would cost more than the pages; the
    batch is read in this process, the same results in the same order as with one."""
    paths = [corpus_dir / s.file for s in corpus[:6]]
    one = _reading(interpret_files(paths, context, workers=1))
    for expected in (6, None):  # the count known, or found out while reading
        stats = batch.ReadStats()
        tasks = ((str(path), str(path)) for path in paths)
        two = _reading(batch.read_in_order(tasks, context, 2, expected=expected, stats=stats))
        assert two == one
        assert (stats.workers, stats.in_process, stats.in_workers) == (0, 6, 0)
    assert batch.pool_size(2, 6) == 1
    assert batch.pool_size(2, 2 * batch.MIN_PAGES_PER_WORKER - 1) == 1
    assert batch.pool_size(2, 2 * batch.MIN_PAGES_PER_WORKER) == 2
    assert batch.pool_size(8, 3 * batch.MIN_PAGES_PER_WORKER) == 3
    assert batch.pool_size(2, None) == 2


def test_pages_are_read_here_while_the_workers_start(
        corpus_dir: Path, corpus: list[Sample], context: ReadContext,
        monkeypatch: pytest.MonkeyPatch) -> None:
    """A batch long enough for two workers: the pool starts in the background and the first
    page is read here without waiting for it; once a worker is ready the pool reads the rest.
    Every result is the one-process result, in input order."""
    monkeypatch.setattr(batch, "MIN_PAGES_PER_WORKER", 2)
    paths = [corpus_dir / s.file for s in corpus[:6]]
    one = _reading(interpret_files(paths, context, workers=1))
    stats = batch.ReadStats()

    def tasks() -> Iterator[tuple[str, str]]:
        for index, path in enumerate(paths):
            if index == 1:  # the first page was read before the pool was ready
                assert stats.in_process == 1
                assert stats.ready.wait(POOL_READY_TIMEOUT_S), "the pool never got ready"
            yield str(path), str(path)

    two = _reading(batch.read_in_order(tasks(), context, 2, expected=len(paths), stats=stats))
    assert two == one
    assert (stats.workers, stats.in_process, stats.in_workers) == (2, 1, 5)

    # The count not known: the batch proves long enough after MIN_PAGES_PER_WORKER pages,
    # read here; the pool starts then, and the order holds however many it reads.
    stats = batch.ReadStats()
    tasks_unknown = ((str(path), str(path)) for path in paths)
    assert _reading(batch.read_in_order(tasks_unknown, context, 2, stats=stats)) == one
    assert stats.workers == 2 and stats.in_process >= 2
    assert stats.in_process + stats.in_workers == 6


def test_cancel_stops_handing_out_files(corpus_dir: Path, corpus: list[Sample],
                                        context: ReadContext) -> None:
    paths = [corpus_dir / s.file for s in corpus[:10]]
    results = list(interpret_files(paths, context, workers=2, cancel=lambda: True))
    assert results == []


@pytest.fixture(scope="module")
def frame(layout: Layout) -> np.ndarray:
    sheet = print_sheets(layout, [77])[0]
    return camera(sheet, random.Random(5), (1920, 1080))


def test_a_camera_frame_shows_the_page_and_its_code(frame: np.ndarray) -> None:
    found = analyse_frame(frame, read_code=True)
    assert found.found and found.corners is not None
    assert 0.2 < found.page_fraction < 0.9
    assert found.qr_text is not None and found.qr_text.startswith("BD2")
    assert found.sharpness > 0
    assert not analyse_frame(np.full((1080, 1920), 90, np.uint8)).found

