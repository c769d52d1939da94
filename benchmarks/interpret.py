"""How fast ballots are read: pages/s from 300 dpi grayscale JPEG and PNG scans on disk with 1
and 2 processes, beside ``cv2.imread`` alone on the same files; frames/s of ``analyse_frame``
on 1080p camera frames (one core).

    .venv/bin/python benchmarks/interpret.py [--pages 200] [--images docs/images]

``--images`` also writes the annotated debug pictures of docs/scanning.md.
"""

from __future__ import annotations

import argparse
import os
import random
import sys
import tempfile
import time
from pathlib import Path

import cv2
import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from tests.scanning import pens
from tests.scanning.corpus import (
    CAMPAIGN_ID,
    SECRET,
    _mark_sheet,
    camera,
    make_layout,
    print_sheets,
    scan,
)

from scanning import ReadContext, analyse_frame, interpret_files, read_one

FRAMES = 200
#: Pictures for the docs are shrunk to this width.
DOC_IMAGE_WIDTH = 900
DOC_GRAY_STEP = 16


def write_scans(folder: Path, count: int, suffix: str) -> list[Path]:
    layout = make_layout()
    sheets = print_sheets(layout, list(range(1, min(count, 20) + 1)))
    paths = []
    for index in range(count):
        rng = random.Random(index)
        sheet = sheets[index % len(sheets)].copy()
        _mark_sheet(sheet, layout, rng, "clear")
        image = scan(sheet, rng, rng.uniform(-2, 2), index % 4 == 3)
        path = folder / f"scan_{index:04d}{suffix}"
        params = [cv2.IMWRITE_JPEG_QUALITY, 85] if suffix == ".jpg" else []
        cv2.imwrite(str(path), image, params)
        paths.append(path)
    return paths


def time_imread(paths: list[Path]) -> float:
    cv2.setNumThreads(1)
    start = time.perf_counter()
    for path in paths:
        cv2.imread(str(path), cv2.IMREAD_GRAYSCALE)
    return time.perf_counter() - start


def time_reading(paths: list[Path], context: ReadContext, workers: int) -> tuple[float, int]:
    start = time.perf_counter()
    accepted = sum(1 for _path, result in interpret_files(paths, context, workers=workers)
                   if result.status.value == "accepted")
    return time.perf_counter() - start, accepted


def time_frames() -> float:
    cv2.setNumThreads(1)
    sheet = print_sheets(make_layout(), [5])[0]
    frames = [np.dstack([camera(sheet, random.Random(i), (1920, 1080))] * 3) for i in range(8)]
    analyse_frame(frames[0])
    start = time.perf_counter()
    for index in range(FRAMES):
        analyse_frame(frames[index % len(frames)])
    return FRAMES / (time.perf_counter() - start)


def write_doc_images(folder: Path, context: ReadContext) -> None:
    layout = make_layout()
    sheets = print_sheets(layout, [31, 32, 33])
    rng = random.Random(7)
    for sheet in sheets:
        _mark_sheet(sheet, layout, rng, "ambiguous")
    images = {"scan_flat": scan(sheets[0], rng, 1.5, False),
              "scan_upside_down": scan(sheets[1], rng, -2.0, True),
              "scan_camera": camera(sheets[2], rng, (3264, 2448))}
    with tempfile.TemporaryDirectory() as tmp:
        for name, image in images.items():
            path = Path(tmp) / f"{name}.jpg"
            cv2.imwrite(str(path), image, [cv2.IMWRITE_JPEG_QUALITY, 85])
            result = read_one(path, context, debug=True)
            assert result.debug_image is not None
            debug = result.debug_image
            scale = DOC_IMAGE_WIDTH / debug.shape[1]
            small = cv2.resize(debug, None, fx=scale, fy=scale, interpolation=cv2.INTER_AREA)
            # The gray scan in 16 levels (its noise made the PNG 1.5 MB), the drawing exact.
            gray = (small[:, :, 0] == small[:, :, 1]) & (small[:, :, 1] == small[:, :, 2])
            small[gray] = small[gray] // DOC_GRAY_STEP * DOC_GRAY_STEP
            cv2.imwrite(str(folder / f"{name}.png"), small, [cv2.IMWRITE_PNG_COMPRESSION, 9])
            print(f"{name}: {result.status.value} {[r.value for r in result.reasons]}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--pages", type=int, default=200)
    parser.add_argument("--images", type=Path)
    args = parser.parse_args()
    context = ReadContext.of({CAMPAIGN_ID: SECRET}, [make_layout()])
    if args.images:
        write_doc_images(args.images, context)
    print(f"cores: {os.cpu_count()}, pages: {args.pages}, raster {pens.RASTER_DPI} dpi")
    with tempfile.TemporaryDirectory() as tmp:
        for suffix in (".jpg", ".png"):
            paths = write_scans(Path(tmp), args.pages, suffix)
            size = sum(p.stat().st_size for p in paths) / len(paths) / 1024
            read_s = time_imread(paths)
            print(f"{suffix[1:].upper()} ({size:.0f} KB/page): cv2.imread grayscale "
                  f"{1000 * read_s / len(paths):.1f} ms/page ({len(paths) / read_s:.0f}/s)")
            for workers in (1, 2):
                seconds, accepted = time_reading(paths, context, workers)
                print(f"  interpret, {workers} process(es): {1000 * seconds / len(paths):.1f} "
                      f"ms/page, {len(paths) / seconds:.0f} pages/s, {accepted} accepted, "
                      f"{seconds / read_s:.2f}x imread time")
            for path in paths:
                path.unlink()
    print(f"analyse_frame, 1080p BGR, one core: {time_frames():.0f} frames/s")


if __name__ == "__main__":
    main()
