"""Printed, filled-in and scanned ballots for the tests: the real printing code, rasterized at
300 dpi, ticks drawn in the layout's boxes, saved as JPEG files like a scanner's."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path

import cv2

from desktop.core.ballots import Layout
from desktop.core.boxes import BatchInfo
from desktop.core.printing import PrintOptions
from desktop.core.services import Services
from scanning.sources import Image
from scanning.synthetic import draw_tick, rasterize_pdf

#: What a voter ticked: category name → candidate numbers as printed.
Votes = Mapping[str, Sequence[str]]
JPEG_QUALITY = 90


def print_and_rasterize(services: Services, campaign_id: int, box_id: int, count: int,
                        folder: Path) -> tuple[BatchInfo, Layout, list[list[Image]]]:
    """Print a batch; return it, its layout and each ballot's page images."""
    pdf = folder / f"batch-{box_id}-{count}.pdf"
    batch = services.printing.print_batch(campaign_id, box_id, count, pdf, PrintOptions())
    layout = services.printing.stored_layout(campaign_id, batch.layout_version)
    assert layout is not None
    pages = rasterize_pdf(pdf)
    per_ballot = layout.page_count
    return batch, layout, [pages[i:i + per_ballot] for i in range(0, len(pages), per_ballot)]


def fill_in(layout: Layout, pages: list[Image], votes: Votes) -> list[Image]:
    """Tick the boxes of ``votes`` on copies of a ballot's pages."""
    filled = [page.copy() for page in pages]
    for layout_page in layout.pages:
        for target in layout_page.targets:
            if target.candidate in votes.get(target.category, ()):
                draw_tick(filled[layout_page.page - 1], target.box_mm)
    return filled


def save_scans(pages: list[Image], folder: Path, stem: str, quality: int = JPEG_QUALITY
               ) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for number, page in enumerate(pages, 1):
        path = folder / f"{stem}-p{number}.jpg"
        cv2.imwrite(str(path), page, [cv2.IMWRITE_JPEG_QUALITY, quality])
        paths.append(path)
    return paths
