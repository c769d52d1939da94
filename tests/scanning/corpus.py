"""The synthetic scan corpus: real printed ballots, marked with pens, scanned and photographed.

Ballots come from the printing code (``build_layout`` + ``render_batch``), rasterized at
300 dpi by PDFium; :mod:`tests.scanning.pens` draws the marks in the layout's boxes; then a
flatbed (rotation, upside down, blur, noise, JPEG) or a document camera (perspective onto a
table, uneven light, blur, 1080p to 8 MP) distorts the sheet. Each sample keeps its truth:
for every target the states a correct reader may give.
"""

from __future__ import annotations

import io
import json
import math
import random
from concurrent.futures import ProcessPoolExecutor
from dataclasses import asdict, dataclass
from functools import cache
from pathlib import Path

import cv2
import numpy as np
import pypdfium2 as pdfium
import segno

from ballotformat import Layout, build_layout, render_batch
from desktop.core.printing.sample import sample_spec
from scanning.synthetic import rasterize_pdf
from tests.scanning import pens

SECRET = b"scanning-tests-campaign-secret-1"
OTHER_SECRET = b"scanning-tests-someone-elses-key"
CAMPAIGN_ID = 7
LAYOUT_VERSION = 3
CANDIDATES_PER_CATEGORY = 12
MAX_MARKS = 3
CLEAR_SHEETS = 40
AMBIGUOUS_SHEETS = 10
OVERVOTE_SHEETS = 4
FIRST_SERIAL = 100
#: Flatbed glass beyond the sheet on every side.
SCANNER_PAD_MM = 6.0
#: Distortions, cycled over the sheets.
DISTORTIONS = ("scan", "scan_rotated", "scan_upside_down", "camera_8mp", "scan_png",
               "scan_rotated", "camera_1080p", "camera_5mp")
MARKED, EMPTY, AMBIGUOUS = "marked", "empty", "ambiguous"


@dataclass(frozen=True)
class Sample:
    name: str
    file: str  # relative to the corpus folder
    serial: int
    distortion: str
    #: "category|candidate" -> states a correct reader may give.
    truth: dict[str, list[str]]
    #: What was drawn where ("category|candidate" -> kind), for messages.
    drawn: dict[str, str]
    overvoted: list[str]

    @property
    def clear_only(self) -> bool:
        return all(states in ([MARKED], [EMPTY]) for states in self.truth.values())


@cache
def make_layout(campaign_id: int = CAMPAIGN_ID) -> Layout:
    spec = sample_spec(categories=3, candidates_per_category=CANDIDATES_PER_CATEGORY,
                       max_marks=MAX_MARKS, campaign_id=campaign_id)
    return build_layout(spec, layout_version=LAYOUT_VERSION)


def print_sheets(layout: Layout, serials: list[int], secret: bytes = SECRET) -> list[np.ndarray]:
    buffer = io.BytesIO()
    render_batch(layout, serials, secret, buffer)
    return rasterize_pdf(buffer.getvalue(), pens.RASTER_DPI)


def paste_qr(image: np.ndarray, layout: Layout, text: str) -> None:
    """Print another QR text over the sheet's code (forgeries, foreign and unknown codes)."""
    x, y, w, h = layout.qr.box_mm
    k = pens.PX_PER_MM
    image[round(y * k): round((y + h) * k), round(x * k): round((x + w) * k)] = 255
    code = segno.make_qr(text, error="m", mode="alphanumeric" if text.isalnum() else None)
    matrix = np.array(list(code.matrix), np.uint8)
    quiet = layout.qr.quiet_zone_modules * layout.qr.module_mm
    module = layout.qr.module_mm
    for row, col in zip(*np.nonzero(matrix), strict=True):
        top, left = y + quiet + row * module, x + quiet + col * module
        image[round(top * k): round((top + module) * k),
              round(left * k): round((left + module) * k)] = 0


def _mark_sheet(image: np.ndarray, layout: Layout, rng: random.Random, plan: str
                ) -> tuple[dict[str, list[str]], dict[str, str], list[str]]:
    targets = layout.pages[0].targets
    key = {id(t): f"{t.category}|{t.candidate}" for t in targets}
    truth = {key[id(t)]: [EMPTY] for t in targets}
    drawn: dict[str, str] = {}
    overvoted: list[str] = []
    tails: set[str] = set()  # boxes another box's tick runs into
    by_box = {t.box_mm: t for t in targets}
    categories = [name for name, _ in layout.categories]
    over = rng.choice(categories) if plan == "overvote" else None
    for category in categories:
        mine = [t for t in targets if t.category == category]
        count = MAX_MARKS + 1 if category == over else rng.randint(0, MAX_MARKS)
        for target in rng.sample(mine, count):
            kind = rng.choice(list(pens.CLEAR_KINDS))
            above = by_box.get((target.box_mm[0], round(target.box_mm[1] - 9.0, 2),
                                target.box_mm[2], target.box_mm[3]))
            if kind == "tick" and above is not None and truth[key[id(above)]] == [EMPTY] \
                    and rng.random() < 0.4:
                pens.overflow_tick(image, target.box_mm, above.box_mm, rng)
                kind = "overflow_tick"
                tails.add(key[id(above)])
            else:
                pens.CLEAR_KINDS[kind](image, target.box_mm, rng)
            truth[key[id(target)]] = [MARKED]
            drawn[key[id(target)]] = kind
        if category == over:
            overvoted.append(category)
    if plan == "ambiguous":
        empties = [t for t in targets if truth[key[id(t)]] == [EMPTY] and key[id(t)] not in tails]
        for target in rng.sample(empties, rng.randint(1, 2)):
            kinds = {**pens.AMBIGUOUS_KINDS, **pens.FAINT_KINDS}
            kind = rng.choice(list(kinds))
            kinds[kind](image, target.box_mm, rng)
            truth[key[id(target)]] = [AMBIGUOUS] if kind in pens.AMBIGUOUS_KINDS \
                else [AMBIGUOUS, MARKED]
            drawn[key[id(target)]] = kind
    for target in rng.sample(targets, 4):  # not marks: underlines, scribbles over names
        if truth[key[id(target)]] == [EMPTY]:
            pens.underline(image, target.box_mm, rng)
        x, y, w, _h = target.box_mm
        pens.stray(image, (x + w + rng.uniform(6, 25), y + rng.uniform(1, 5)), rng)
    width, height = layout.page_size_mm
    pens.stray(image, (rng.uniform(20, width - 20), height - rng.uniform(15, 25)), rng)
    pens.stray(image, (rng.uniform(3, 8), rng.uniform(60, 200)), rng)
    return truth, drawn, overvoted


def _noise(image: np.ndarray, rng: random.Random, sigma: float) -> np.ndarray:
    """Gaussian sensor noise, clipped to 0..255 (OpenCV: ~10x numpy's speed on 8 MP)."""
    cv2.setRNGSeed(rng.randint(0, 2**31))
    noise = np.empty(image.shape, np.float32)
    cv2.randn(noise, 0.0, sigma)
    noisy = cv2.add(image.astype(np.float32), noise)
    return np.asarray(cv2.min(cv2.max(noisy, 0.0), 255.0), np.float32).astype(np.uint8)


def scan(image: np.ndarray, rng: random.Random, angle: float, upside_down: bool) -> np.ndarray:
    """A flatbed: paper white ~240, small rotation and offset, optical blur, sensor noise.
    The glass is a little larger than the sheet, so a turned sheet keeps its corners."""
    pad = round(SCANNER_PAD_MM * pens.PX_PER_MM)
    image = cv2.copyMakeBorder(image, pad, pad, pad, pad, cv2.BORDER_CONSTANT, value=255)
    height, width = image.shape
    paper = image.astype(np.float32) * rng.uniform(0.92, 0.97) + rng.uniform(0, 6)
    turn = angle + (180.0 if upside_down else 0.0)
    matrix = cv2.getRotationMatrix2D((width / 2, height / 2), turn, 1.0)
    matrix[:, 2] += (rng.uniform(-40, 40), rng.uniform(-40, 40))
    out = cv2.warpAffine(paper, matrix, (width, height), flags=cv2.INTER_LINEAR,
                         borderValue=rng.uniform(235, 250))
    out = cv2.GaussianBlur(out, (0, 0), rng.uniform(0.5, 1.2))
    return _noise(out, rng, rng.uniform(2, 10))


def camera(image: np.ndarray, rng: random.Random, frame: tuple[int, int]) -> np.ndarray:
    """A document camera: the sheet in perspective on a table, uneven light, lens blur."""
    fw, fh = frame
    height, width = image.shape
    turn = rng.choice((90, 270)) if fw > fh else rng.choice((0, 180))
    turn += rng.uniform(-6, 6)
    fit = rng.uniform(0.78, 0.9) * min(fw / height, fh / width) if fw > fh \
        else rng.uniform(0.78, 0.9) * min(fw / width, fh / height)
    corners = np.array([[0, 0], [width, 0], [width, height], [0, height]], np.float32)
    centred = (corners - (width / 2, height / 2)) * fit
    a = math.radians(turn)
    rot = np.array([[math.cos(a), -math.sin(a)], [math.sin(a), math.cos(a)]], np.float32)
    placed = centred @ rot.T + (fw / 2 + rng.uniform(-0.03, 0.03) * fw,
                                fh / 2 + rng.uniform(-0.03, 0.03) * fh)
    placed += np.array([[rng.uniform(-1, 1), rng.uniform(-1, 1)] for _ in range(4)],
                       np.float32) * 0.025 * min(fw, fh)
    low, high = placed.min(axis=0), placed.max(axis=0)  # keep the whole sheet in view
    shrink = min(1.0, *(0.94 * np.array([fw, fh]) / (high - low)))
    placed = (placed - (low + high) / 2) * shrink + (fw / 2, fh / 2)
    matrix = cv2.getPerspectiveTransform(corners, placed.astype(np.float32))
    table = np.full((fh, fw), rng.uniform(60, 110), np.float32)
    page = cv2.warpPerspective(image.astype(np.float32), matrix, (fw, fh),
                               flags=cv2.INTER_LINEAR)
    mask = cv2.warpPerspective(np.ones_like(image, np.float32), matrix, (fw, fh))
    out = table * (1 - mask) + page * mask
    ys, xs = np.mgrid[0:fh:8, 0:fw:8].astype(np.float32)  # light varies slowly: coarse grid
    gx, gy = rng.uniform(-1, 1), rng.uniform(-1, 1)
    ramp = 0.5 + (gx * (xs / fw - 0.5) + gy * (ys / fh - 0.5))
    light = cv2.resize(1 - rng.uniform(0.15, 0.35) * ramp, (fw, fh),
                       interpolation=cv2.INTER_LINEAR)
    out = cv2.GaussianBlur(out * light * rng.uniform(0.85, 0.95), (0, 0), rng.uniform(0.5, 1.0))
    return _noise(out, rng, rng.uniform(2, 5))


def _distort(image: np.ndarray, rng: random.Random, distortion: str) -> tuple[np.ndarray, str]:
    if distortion.startswith("camera"):
        frame = {"camera_8mp": (3264, 2448), "camera_5mp": (2592, 1944),
                 "camera_1080p": (1920, 1080)}[distortion]
        return camera(image, rng, frame), ".jpg"
    angle = rng.uniform(-3, 3) if distortion == "scan_rotated" else rng.uniform(-0.5, 0.5)
    out = scan(image, rng, angle, distortion == "scan_upside_down")
    return out, ".png" if distortion == "scan_png" else ".jpg"


def _make_sample(job: tuple[Path, bytes, int, str, int, int]) -> Sample:
    folder, pdf, index, plan, serial, seed = job
    document = pdfium.PdfDocument(pdf)
    try:
        sheet = np.ascontiguousarray(document[index].render(
            scale=pens.RASTER_DPI / 72, grayscale=True).to_numpy().squeeze())
    finally:
        document.close()
    rng = random.Random(seed * 1000 + index)
    truth, drawn, overvoted = _mark_sheet(sheet, make_layout(), rng, plan)
    distortion = DISTORTIONS[index % len(DISTORTIONS)]
    image, suffix = _distort(sheet, rng, distortion)
    name = f"{index:03d}_{plan}_{distortion}"
    params = [cv2.IMWRITE_JPEG_QUALITY, rng.randint(60, 90)] if suffix == ".jpg" else []
    cv2.imwrite(str(folder / (name + suffix)), image, params)
    return Sample(name, name + suffix, serial, distortion, truth, drawn, overvoted)


def build_corpus(folder: Path, seed: int = 2026, workers: int = 2) -> list[Sample]:
    """Write the corpus into ``folder`` (images + manifest.json) and return its samples."""
    folder.mkdir(parents=True, exist_ok=True)
    plans = (["clear"] * CLEAR_SHEETS + ["ambiguous"] * AMBIGUOUS_SHEETS
             + ["overvote"] * OVERVOTE_SHEETS)
    serials = [FIRST_SERIAL + i for i in range(len(plans))]
    buffer = io.BytesIO()
    render_batch(make_layout(), serials, SECRET, buffer)
    jobs = [(folder, buffer.getvalue(), i, plan, serial, seed)
            for i, (plan, serial) in enumerate(zip(plans, serials, strict=True))]
    with ProcessPoolExecutor(workers) as pool:
        samples = list(pool.map(_make_sample, jobs))
    (folder / "manifest.json").write_text(
        json.dumps([asdict(s) for s in samples], ensure_ascii=False, indent=1), "utf-8")
    return samples


def load_corpus(folder: Path) -> list[Sample]:
    data = json.loads((folder / "manifest.json").read_text("utf-8"))
    return [Sample(**item) for item in data]
