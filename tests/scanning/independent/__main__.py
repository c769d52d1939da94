"""Make tuning pages and look at their boxes (for the reader's authors: TUNING seeds only).

    python -m tests.scanning.independent make --seeds 1000-1019 --out DIR
    python -m tests.scanning.independent show DIR b1003-p2.jpg "十佳优秀服务标兵|07" --to x.png

``show`` cuts each named box (with its neighbourhood) out of the page image through the truth's
page → image matrix and labels it with its truth and what was drawn.
"""

from __future__ import annotations

import argparse
from pathlib import Path

import cv2
import numpy as np

from scanning.sources.base import AcquiredImage
from scanning.sources.files import read_paths
from tests.scanning.independent import generate
from tests.scanning.independent.ballot import layout

#: The crop: pixels per mm, and how far it reaches left/above and its size, in mm.
SHOW_PX_PER_MM = 20.0
SHOW_ORIGIN_MM = (6.0, 4.0)
SHOW_SIZE_MM = (40.0, 14.0)


def _seeds(text: str) -> list[int]:
    first, _, last = text.partition("-")
    seeds = list(range(int(first), int(last or first) + 1))
    if not all(s in generate.TUNING_SEEDS for s in seeds):
        raise argparse.ArgumentTypeError("only TUNING seeds (1000–1999) are for looking at")
    return seeds


def show(folder: Path, file: str, targets: list[str], to: Path) -> None:
    truth = next(t for t in generate.load_truth(folder) if t.file == file)
    item = next(iter(read_paths([folder / file])))
    assert isinstance(item, AcquiredImage), item
    image = cv2.resize(item.image, tuple(truth.image_size), interpolation=cv2.INTER_AREA)
    page = layout().pages[truth.layout_page - 1]
    to_image = np.array(truth.mm_to_image).reshape(3, 3)
    tiles = []
    for wanted in targets:
        target = next(t for t in page.targets if f"{t.category}|{t.candidate}" == wanted)
        x0, y0 = target.box_mm[0] - SHOW_ORIGIN_MM[0], target.box_mm[1] - SHOW_ORIGIN_MM[1]
        k = SHOW_PX_PER_MM
        crop_of = np.array([[k, 0, -x0 * k], [0, k, -y0 * k], [0, 0, 1]]) @ np.linalg.inv(to_image)
        size = (int(SHOW_SIZE_MM[0] * k), int(SHOW_SIZE_MM[1] * k))
        tile = cv2.warpPerspective(image, crop_of, size)
        tile = tile if tile.ndim == 3 else cv2.cvtColor(tile, cv2.COLOR_GRAY2BGR)
        state, drawn = truth.targets[wanted], truth.drawn_targets[wanted]
        shown = state if state == drawn else f"{state} (drawn {drawn})"
        label = f"{target.candidate} {shown} {truth.drawn.get(wanted, '')}"
        cv2.putText(tile, label, (5, 20), cv2.FONT_HERSHEY_SIMPLEX, 0.6, (0, 0, 255), 2)
        tiles.append(tile)
    cv2.imwrite(str(to), np.vstack(tiles))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    sub = parser.add_subparsers(dest="command", required=True)
    make = sub.add_parser("make")
    make.add_argument("--seeds", type=_seeds, required=True, help="e.g. 1000-1019")
    make.add_argument("--out", type=Path, required=True)
    look = sub.add_parser("show")
    look.add_argument("folder", type=Path)
    look.add_argument("file")
    look.add_argument("targets", nargs="+", help="category|number")
    look.add_argument("--to", type=Path, default=Path("boxes.png"))
    args = parser.parse_args()
    if args.command == "make":
        generate.write_truth(generate.generate(args.seeds, args.out), args.out)
    else:
        show(args.folder, args.file, args.targets, args.to)


if __name__ == "__main__":
    main()
