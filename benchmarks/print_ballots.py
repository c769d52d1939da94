"""Benchmark: print a batch of ballots of a 3 categories x 50 candidates campaign.

    .venv/bin/python benchmarks/print_ballots.py [--ballots 10000] [--paper A4] [--out FILE]
    .venv/bin/python benchmarks/print_ballots.py --images docs/images   # the format's pictures

Uses the demo campaign (resources/demo) when it is there, else an invented one of the same
shape. Prints ballot pages per second and kilobytes per ballot; one process, one core.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from ballotformat import (
    BallotSpec,
    CandidateSpec,
    CategorySpec,
    Paper,
    build_layout,
    render_batch,
)
from desktop.core.printing.sample import SAMPLE_BOX, sample_spec
from desktop.core.registry.candidates import format_number

CANDIDATES_PER_CATEGORY = 50
SECRET = b"benchmark-secret-not-a-real-key!"
IMAGE_DPI = 150


def demo_spec(paper: Paper) -> BallotSpec | None:
    """The demo campaign's first 50 candidates of each category, numbered in file order."""
    try:
        from desktop.core.demo import load_demo_data

        data = load_demo_data()
    except (ImportError, OSError):
        return None
    categories = []
    for category in data["categories"]:
        rows = [c for c in data["candidates"] if c["category"] == category["name"]]
        people = tuple(CandidateSpec(format_number(n), row["name"], row["unit"])
                       for n, row in enumerate(rows[:CANDIDATES_PER_CATEGORY], 1))
        categories.append(CategorySpec(category["name"], int(category["max_marks"]), people))
    return BallotSpec(1, data["name"], SAMPLE_BOX, tuple(categories), paper=paper)


def save_images(spec: BallotSpec, folder: Path) -> None:
    """Each page of one ballot (serial 123) at ``IMAGE_DPI``, as the docs show it."""
    import io

    import pypdfium2 as pdfium

    layout = build_layout(spec)
    buffer = io.BytesIO()
    render_batch(layout, [123], SECRET, buffer)
    document = pdfium.PdfDocument(buffer.getvalue())
    folder.mkdir(parents=True, exist_ok=True)
    for index in range(len(document)):
        path = folder / f"ballot_{spec.paper.value.lower()}_p{index + 1}.png"
        document[index].render(scale=IMAGE_DPI / 72, grayscale=True).to_pil().save(path)
        print(path)
    document.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--ballots", type=int, default=10_000)
    parser.add_argument("--paper", default="A4", choices=[p.value for p in Paper])
    parser.add_argument("--synthetic", action="store_true", help="ignore the demo campaign")
    parser.add_argument("--out", type=Path, help="keep the PDF here (default: a temp file)")
    parser.add_argument("--images", type=Path,
                        help="instead: save one ballot's pages as ballot_<paper>_p<n>.png here")
    args = parser.parse_args()
    paper = Paper(args.paper)
    spec = None if args.synthetic else demo_spec(paper)
    source = "demo campaign" if spec else "invented campaign"
    spec = spec or sample_spec(paper=paper)
    if args.images:
        save_images(spec, args.images)
        return

    started = time.perf_counter()
    layout = build_layout(spec)
    layout_s = time.perf_counter() - started
    with tempfile.TemporaryDirectory() as folder:
        out = args.out or Path(folder) / "ballots.pdf"
        started = time.perf_counter()
        result = render_batch(layout, range(1, args.ballots + 1), SECRET, out)
        render_s = time.perf_counter() - started
    sizes = "×".join(str(len(c.candidates)) for c in spec.categories)
    print(f"{source}: {len(spec.categories)} categories ({sizes} candidates), {paper.value}, "
          f"{layout.page_count} pages per ballot; layout {layout_s * 1000:.0f} ms")
    print(f"{result.ballots} ballots, {result.pages} pages in {render_s:.1f} s: "
          f"{result.pages / render_s:.0f} ballot pages/s, "
          f"{result.bytes_written / result.ballots / 1024:.2f} KB per ballot "
          f"({result.bytes_written / 1024 / 1024:.1f} MB)")


if __name__ == "__main__":
    main()
