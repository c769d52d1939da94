"""Read generated pages through the real pipeline and score them against their truth.

The rules (the issue's): no confident wrong read on a page that is not rejected, and no
confident value at all on a page flagged misregistered; every doubtful target to review; pages
whose marks and code are on the image found; few clear pages sent to review; every page with
its code on the image recordable by a person. The truth is what the image shows: a drawn mark
the acquisition lost (``unseen``) is never a wrong read, whatever the reader says of it; the
marks lost are counted per subset, and every 1-bit page must carry the ``bilevel_scan`` note
(light marks may have been lost before the reader saw the page).
"""

from __future__ import annotations

import json
import multiprocessing
import os
from collections import Counter
from collections.abc import Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

import cv2

from scanning import PageResult, ReadContext, interpret_file, interpret_image
from scanning.sources.base import AcquiredImage
from scanning.sources.files import read_paths
from tests.scanning.independent.generate import PageTruth
from tests.scanning.independent.voter import AMBIGUOUS, EMPTY, MARKED, UNSEEN

MISREGISTERED = "misregistered"
PAGE_NOT_FOUND = "page_not_found"
#: The note a page read from a 1-bit image carries.
BILEVEL_SCAN = "bilevel_scan"
BILEVEL_SUBSET = "1-bit"
#: Wrong reads listed in full in a report.
LISTED = 20
SUBSETS = ("scanner", "camera", "1-bit", "colour", "pdf")


_context: ReadContext | None = None


def _start_worker(context: ReadContext) -> None:
    global _context  # noqa: PLW0603 - one context per worker process, set once
    _context = context
    cv2.setNumThreads(1)


def _read(task: tuple[str, Path]) -> PageResult | str:
    """One page through the public API; a crash becomes its message (the batch goes on)."""
    file, path = task
    assert _context is not None
    try:
        if path.suffix == ".pdf":  # opened the way the app opens a scan-to-folder file
            item = next(iter(read_paths([path])))
            if not isinstance(item, AcquiredImage):
                return f"{file}: not opened ({item})"
            return interpret_image(item.image, _context.key_for,
                                   _context.layout_for)
        return interpret_file(path, _context.key_for, _context.layout_for)
    except Exception as error:  # a reader crash is a figure, not the end of the batch
        return f"{file}: {type(error).__name__}: {error}"


def read_pages(folder: Path, truths: Sequence[PageTruth], context: ReadContext,
               workers: int | None = None) -> list[PageResult | str]:
    """Each page's result (or the reader's crash message), in order, on ``workers``
    processes started clean (forkserver), as ``scanning.batch`` starts its own."""
    tasks = [(t.file, folder / t.file) for t in truths]
    count = workers or os.cpu_count() or 1
    if count <= 1:
        _start_worker(context)
        return [_read(task) for task in tasks]
    methods = multiprocessing.get_all_start_methods()
    start = multiprocessing.get_context("forkserver" if "forkserver" in methods else "spawn")
    with ProcessPoolExecutor(count, mp_context=start, initializer=_start_worker,
                             initargs=(context,)) as pool:
        return list(pool.map(_read, tasks, chunksize=2))


@dataclass
class Wrong:
    file: str
    target: str
    truth: str
    read: str
    score: float
    status: str
    #: What was drawn there (kind/pen, "crossed", or "" for nothing).
    drawn: str = ""


@dataclass
class Tally:
    pages: int = 0
    targets: int = 0
    confident_wrong: int = 0
    misregistered_stated: int = 0
    ambiguous_total: int = 0
    ambiguous_to_review: int = 0
    clear_pages: int = 0
    clear_pages_to_review: int = 0
    findable_pages: int = 0
    findable_not_found: int = 0
    qr_pages: int = 0
    qr_unrecordable: int = 0
    crashed: int = 0
    #: Targets with a mark drawn in them (clear or doubtful), and those the acquisition lost.
    drawn_marks: int = 0
    unseen: int = 0
    #: 1-bit pages read (not crashed), and those whose result lacks the bilevel_scan note.
    bilevel_pages: int = 0
    bilevel_unnoted: int = 0

    def rate(self, part: int, whole: int) -> float:
        return 0.0 if whole == 0 else part / whole


@dataclass
class Figures:
    total: Tally = field(default_factory=Tally)
    subsets: dict[str, Tally] = field(default_factory=lambda: {s: Tally() for s in SUBSETS})
    wrong: list[Wrong] = field(default_factory=list)
    #: Targets read marked or empty on a page flagged misregistered (it must state nothing).
    misregistered_stated: list[Wrong] = field(default_factory=list)
    #: Doubtful targets read as clear (file, target, read).
    missed_ambiguous: list[Wrong] = field(default_factory=list)
    clear_to_review: list[str] = field(default_factory=list)
    not_found: list[str] = field(default_factory=list)
    unrecordable: list[str] = field(default_factory=list)
    #: Pages on which the reader raised an exception.
    crashed: list[str] = field(default_factory=list)
    #: 1-bit pages whose result lacks the bilevel_scan note.
    bilevel_unnoted: list[str] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        return asdict(self)


def _tallies(figures: Figures, truth: PageTruth) -> list[Tally]:
    return [figures.total] + [figures.subsets[s] for s in truth.subsets if s in figures.subsets]


def score(truths: Sequence[PageTruth], results: Sequence[PageResult | str]) -> Figures:
    figures = Figures()
    for truth, result in zip(truths, results, strict=True):
        tallies = _tallies(figures, truth)
        drawn = sum(state != EMPTY for state in truth.drawn_targets.values())
        unseen = sum(state == UNSEEN for state in truth.targets.values())
        for tally in tallies:
            tally.drawn_marks += drawn
            tally.unseen += unseen
        if isinstance(result, str):
            figures.crashed.append(result)
            for tally in tallies:
                tally.pages += 1
                tally.targets += len(truth.targets)
                tally.crashed += 1
                tally.qr_pages += truth.qr_visible
                tally.qr_unrecordable += truth.qr_visible
            continue
        reasons = {r.value for r in result.reasons}
        status = result.status.value
        read = {f"{m.category}|{m.candidate}": m for m in result.marks}
        misregistered = MISREGISTERED in reasons
        bilevel = BILEVEL_SUBSET in truth.subsets
        unnoted = bilevel and BILEVEL_SCAN not in reasons
        for tally in tallies:
            tally.pages += 1
            tally.targets += len(truth.targets)
            tally.bilevel_pages += bilevel
            tally.bilevel_unnoted += unnoted
        for target, state in truth.targets.items():
            reading = read.get(target)
            if reading is None:
                continue
            got = reading.state.value
            wrong = Wrong(truth.file, target, state, got, round(reading.score, 3), status,
                          truth.drawn.get(target, ""))
            # an unseen target is neither: no one can read on the image what it lost
            confident = status != "rejected" and (
                (got == MARKED and state == EMPTY) or (got == EMPTY and state == MARKED))
            stated = status != "rejected" and misregistered and got != AMBIGUOUS
            if confident:
                figures.wrong.append(wrong)
            if stated:
                figures.misregistered_stated.append(wrong)
            if state == AMBIGUOUS and got != AMBIGUOUS:
                figures.missed_ambiguous.append(wrong)
            for tally in tallies:
                tally.confident_wrong += confident
                tally.misregistered_stated += stated
                tally.ambiguous_total += state == AMBIGUOUS
                tally.ambiguous_to_review += state == AMBIGUOUS and got == AMBIGUOUS
        findable = truth.marks_and_qr_visible
        lost = findable and bool(reasons & {PAGE_NOT_FOUND, MISREGISTERED})
        to_review = findable and truth.clear_only and status != "accepted"
        unrecordable = truth.qr_visible and (status == "rejected" or result.layout_page is None)
        for tally in tallies:
            tally.findable_pages += findable
            tally.findable_not_found += lost
            tally.clear_pages += findable and truth.clear_only
            tally.clear_pages_to_review += to_review
            tally.qr_pages += truth.qr_visible
            tally.qr_unrecordable += unrecordable
        label = f"{truth.file} ({status}: {', '.join(sorted(reasons)) or '-'})"
        if lost:
            figures.not_found.append(label)
        if to_review:
            figures.clear_to_review.append(label)
        if unrecordable:
            figures.unrecordable.append(label)
        if unnoted:
            figures.bilevel_unnoted.append(label)
    return figures


def _line(name: str, t: Tally) -> str:
    return (f"{name:<8} {t.pages:>5} {t.targets:>7} {t.confident_wrong:>7} "
            f"{t.ambiguous_to_review:>5}/{t.ambiguous_total:<5} "
            f"{100 * t.rate(t.clear_pages_to_review, t.clear_pages):>6.1f}% "
            f"{100 * t.rate(t.findable_not_found, t.findable_pages):>6.1f}% "
            f"{t.qr_unrecordable:>5}/{t.qr_pages:<5} {t.unseen:>5}/{t.drawn_marks:<5} "
            f"{t.bilevel_unnoted:>4}/{t.bilevel_pages:<4}")


def _kinds(wrongs: list[Wrong]) -> str:
    counts = Counter(w.drawn or "nothing" for w in wrongs)
    return ", ".join(f"{kind} {n}" for kind, n in counts.most_common()) or "-"


def report(figures: Figures) -> str:
    t = figures.total
    lines = [
        f"pages {t.pages}, targets {t.targets}",
        f"confident wrong reads: {t.confident_wrong} on {len({w.file for w in figures.wrong})} "
        f"pages",
        *(f"  {w.file}  {w.target}  truth {w.truth}  read {w.read}  score {w.score}  "
          f"({w.status}) {w.drawn}" for w in figures.wrong[:LISTED]),
        "  votes read empty, by what was drawn: " + _kinds(
            [w for w in figures.wrong if w.truth == MARKED]),
        f"ambiguous targets sent to review: {t.ambiguous_to_review}/{t.ambiguous_total}; "
        "missed, by what was drawn: " + _kinds(figures.missed_ambiguous),
        f"targets stated marked/empty on pages flagged misregistered: {t.misregistered_stated}",
        f"clear-only pages sent to review: {t.clear_pages_to_review}/{t.clear_pages} "
        f"({100 * t.rate(t.clear_pages_to_review, t.clear_pages):.1f}%)",
        f"pages not found or misregistered with marks and QR on the image: "
        f"{t.findable_not_found}/{t.findable_pages} "
        f"({100 * t.rate(t.findable_not_found, t.findable_pages):.1f}%)",
        f"pages with the QR code on the image that a person cannot record: "
        f"{t.qr_unrecordable}/{t.qr_pages}",
        f"pages on which the reader crashed: {t.crashed}",
        *(f"  {c}" for c in figures.crashed[:LISTED]),
        f"drawn marks the acquisition lost (truth unseen, never scored): {t.unseen}/"
        f"{t.drawn_marks}",
        f"1-bit pages without the {BILEVEL_SCAN} note: {t.bilevel_unnoted}/{t.bilevel_pages}",
        *(f"  {c}" for c in figures.bilevel_unnoted[:LISTED]),
        "",
        "subset    pages targets  wrong  ambiguous   clear→rv  lost    unrecordable "
        "unseen/drawn  no-note",
        *(_line(name, tally) for name, tally in [("all", t), *figures.subsets.items()]),
    ]
    return "\n".join(lines)


def write_json(figures: Figures, path: Path, extra: dict[str, Any]) -> None:
    path.write_text(json.dumps({**extra, **figures.to_json()}, ensure_ascii=False, indent=1),
                    encoding="utf-8")
