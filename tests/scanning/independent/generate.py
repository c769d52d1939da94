"""Ballots from seeds: print, mark, acquire, and write each page image with its truth.

One seed is one ballot (its serial is the seed): the same seed gives the same files and the same
truth. Even seeds go through a scanner, odd seeds under a document camera.
"""

from __future__ import annotations

import json
import random
from collections.abc import Callable, Iterable, Sequence
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

import cv2
import numpy as np

from ballotformat import Layout
from tests.scanning.independent import acquire, ink, visible, voter
from tests.scanning.independent.ballot import PX_PER_MM, layout, print_ballots

#: Seeds the reader's authors may look at and tune on.
TUNING_SEEDS = range(1000, 2000)
#: Seeds of the fixed sample in the tests.
CHECK_SEEDS = range(5000, 6000)
#: Seeds of the benchmark's figures.
BENCHMARK_SEEDS = range(9000, 10000)
TRUTH_FILE = "truth.json"
#: Ballots printed and rasterized together (memory: ~26 MB per page at 300 dpi).
PRINT_CHUNK = 6
#: Grid points per side used to tell how much of a registration mark is on the image.
MARK_GRID = 7
FULL, PARTIAL, NONE = "full", "partial", "none"

#: How often each pen is a voter's own (the others are borrowed now and then).
PEN_WEIGHTS = {"pencil_2b": 0.1, "pencil_hb": 0.14, "pencil_light": 0.08,
               "ballpoint_black": 0.2, "ballpoint_blue": 0.15, "ballpoint_red": 0.05,
               "gel_black": 0.12, "gel_blue": 0.07, "marker_black": 0.09}
#: Marks per category: none, some, the full ten.
VOTE_COUNTS = ((0, 0.1), (-1, 0.55), (10, 0.35))
#: Below this frame height a light pencil line is no longer plain to the eye.
LIGHT_PENCIL_MIN_FRAME_PX = 1900
#: The thinnest line, in image pixels, that a person reads on the image: on a low-resolution
#: photo the voters' pens are taken a little broader, never so thin that the mark is lost.
MIN_STROKE_PX = 1.4
#: Rubbed-out marks and light smudges are drawn only where the image shows them (not on 1-bit
#: thresholded scans, not on photos coarser than this).
FAINT_MIN_PX_PER_MM = 4.0


@dataclass
class PageTruth:
    file: str
    seed: int
    serial: int
    layout_page: int
    device: str
    fmt: str
    subsets: list[str]
    settings: dict[str, Any]
    #: ``category|number`` → marked / ambiguous / empty / unseen: what a careful person reads
    #: on the image (a drawn mark the acquisition lost is unseen).
    targets: dict[str, str]
    #: What was drawn in or across a box (for messages).
    drawn: dict[str, str]
    #: ``category|number`` → marked / ambiguous / empty: the truth as drawn on the paper.
    drawn_targets: dict[str, str]
    #: For each box with something drawn in it, its visible trace on the image (area_mm2,
    #: contrast, snr: :class:`visible.Trace`).
    traces: dict[str, dict[str, float]]
    #: No target is ambiguous on the image.
    clear_only: bool
    #: Registration marks tl, tr, bl, br → full / partial / none on the image.
    marks_visible: dict[str, str]
    qr_visible: bool
    targets_visible: bool
    #: Page mm → image pixels, row-major 3 × 3 (where the truth puts every box on the image).
    mm_to_image: list[float]
    #: The image's width and height in pixels (a PDF's page is rendered at its own size).
    image_size: list[int]

    @property
    def marks_and_qr_visible(self) -> bool:
        """The four marks (so the region between them) and the QR code are on the image."""
        return self.qr_visible and all(v == FULL for v in self.marks_visible.values())


def _votes(lay: Layout, rng: random.Random) -> set[str]:
    chosen: set[str] = set()
    for category, most in lay.categories:
        keys = [voter.key(t) for p in lay.pages for t in p.targets if t.category == category]
        count = rng.choices([c for c, _ in VOTE_COUNTS], [w for _, w in VOTE_COUNTS])[0]
        count = rng.randint(1, most - 1) if count < 0 else min(count, most)
        chosen.update(rng.sample(keys, count))
    return chosen


def _pens(rng: random.Random, settings: acquire.Settings) -> list[ink.Pen]:
    names = list(PEN_WEIGHTS)
    if settings.one_bit_threshold:
        names = [n for n in names if n in ink.DARK_PENS]
    if settings.device == "camera" and settings.values["frame"][1] < LIGHT_PENCIL_MIN_FRAME_PX:
        names = [n for n in names if n != "pencil_light"]
    first = rng.choices(names, [PEN_WEIGHTS[n] for n in names])[0]
    others = rng.sample([n for n in names if n != first], 2)
    thinnest = MIN_STROKE_PX / settings.px_per_mm
    return [ink.PENS[n].at_least(thinnest) for n in (first, *others)]


def _on_image(matrix: np.ndarray, shape: tuple[int, ...], points_mm: np.ndarray) -> np.ndarray:
    pts = (points_mm * PX_PER_MM).reshape(-1, 1, 2).astype(np.float64)
    xy = cv2.perspectiveTransform(pts, matrix).reshape(-1, 2)
    return (xy[:, 0] >= 0) & (xy[:, 0] <= shape[1] - 1) & (xy[:, 1] >= 0) & \
        (xy[:, 1] <= shape[0] - 1)


def _grid(box: tuple[float, float, float, float], n: int) -> np.ndarray:
    x, y, w, h = box
    gx, gy = np.meshgrid(np.linspace(x, x + w, n), np.linspace(y, y + h, n))
    return np.stack([gx.ravel(), gy.ravel()], axis=1)


def visibility(lay: Layout, page_number: int, matrix: np.ndarray, shape: tuple[int, ...]
               ) -> tuple[dict[str, str], bool, bool]:
    marks = {}
    for mark in lay.registration_marks:
        inside = _on_image(matrix, shape, _grid(mark.box_mm, MARK_GRID))
        marks[mark.corner] = FULL if inside.all() else PARTIAL if inside.any() else NONE
    qr = bool(_on_image(matrix, shape, _grid(lay.qr.symbol_box_mm, MARK_GRID)).all())
    page = lay.pages[page_number - 1]
    boxes = np.vstack([_grid(t.box_mm, 2) for t in page.targets])
    return marks, qr, bool(_on_image(matrix, shape, boxes).all())


def make_ballot(seed: int, paper_pages: Sequence[np.ndarray], out: Path) -> list[PageTruth]:
    """Mark and acquire one printed ballot; write its page images into ``out``."""
    lay = layout()
    rng = random.Random(seed)
    device = ("scanner", "camera")[seed % 2]
    votes = _votes(lay, rng)
    truths = []
    for page, paper_grey in zip(lay.pages, paper_pages, strict=True):
        page_rng = random.Random(seed * 10 + page.page)
        settings = acquire.choose(device, page_rng)
        pens = _pens(page_rng, settings)
        mine = {voter.key(t) for t in page.targets} & votes
        truths.append(make_page(seed, page.page, paper_grey, mine, settings, pens, page_rng,
                                out))
    return truths


def make_page(seed: int, page_number: int, paper_grey: np.ndarray, votes: set[str],
              settings: acquire.Settings, pens: list[ink.Pen], page_rng: random.Random,
              out: Path) -> PageTruth:
    """Mark one printed page (``votes`` get clear marks, then doubtful and stray ink), acquire
    it with ``settings``, write the file into ``out``; its truth is what the image shows."""
    lay = layout()
    page = lay.pages[page_number - 1]
    faint_ok = not settings.one_bit_threshold and settings.px_per_mm >= FAINT_MIN_PX_PER_MM
    plan = voter.plan_page(lay, page, votes, pens, page_rng, faint_ok, settings.px_per_mm)
    blank = cv2.cvtColor(paper_grey, cv2.COLOR_GRAY2BGR)
    paper = blank.copy()
    for element in plan.elements:
        ink.lay_ink(paper, element.strokes, element.pen, page_rng, element.fade,
                    element.smear_mm)
    image, plain, matrix = acquire.acquire(paper, blank, settings, page_rng)
    data, pixels = acquire.encode(image, settings)
    _data, plain_pixels = acquire.encode(plain, settings)
    name = f"b{seed}-p{page.page}{settings.suffix}"
    (out / name).write_bytes(data)
    targets, traces = dict(plan.truth), {}
    for target in page.targets:
        k = voter.key(target)
        if plan.truth[k] == voter.EMPTY:
            continue
        found = visible.trace(pixels, plain_pixels, matrix, target)
        traces[k] = found.record()
        if not found.seen:
            targets[k] = voter.UNSEEN
    marks, qr, boxes = visibility(lay, page.page, matrix, image.shape)
    return PageTruth(
        name, seed, seed, page.page, settings.device, settings.fmt, settings.subsets,
        settings.values, targets, plan.drawn, plan.truth, traces,
        all(v != voter.AMBIGUOUS for v in targets.values()), marks, qr, boxes,
        [round(float(v), 6) for v in (matrix @ np.diag([PX_PER_MM, PX_PER_MM, 1.0])).ravel()],
        [image.shape[1], image.shape[0]])


def generate(seeds: Iterable[int], out: Path,
             progress: Callable[[int], None] | None = None) -> list[PageTruth]:
    """Every seed's ballot into ``out`` (made if missing); returns the pages' truth."""
    out.mkdir(parents=True, exist_ok=True)
    wanted = list(seeds)
    truths: list[PageTruth] = []
    for start in range(0, len(wanted), PRINT_CHUNK):
        chunk = wanted[start:start + PRINT_CHUNK]
        for seed, pages in zip(chunk, print_ballots(chunk), strict=True):
            truths += make_ballot(seed, pages, out)
            if progress is not None:
                progress(seed)
    return truths


def write_truth(truths: list[PageTruth], out: Path) -> Path:
    path = out / TRUTH_FILE
    path.write_text(json.dumps([asdict(t) for t in truths], ensure_ascii=False, indent=1),
                    encoding="utf-8")
    return path


def load_truth(out: Path) -> list[PageTruth]:
    data = json.loads((out / TRUTH_FILE).read_text(encoding="utf-8"))
    return [PageTruth(**row) for row in data]
