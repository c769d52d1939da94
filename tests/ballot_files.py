"""Printed, filled-in and scanned ballots for the tests: the real printing code, rasterized at
300 dpi, ticks drawn in the layout's boxes, saved as JPEG files like a scanner's.

Also a pytest plugin (see tests/conftest.py): the ``demo``, ``box`` and ``scans`` fixtures."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

import cv2
import pytest

from ballotformat import Layout
from desktop.core.demo import create_demo
from desktop.core.printing.boxes import BatchInfo, BoxInfo
from desktop.core.printing.service import PrintOptions
from desktop.core.registry.service import CampaignInfo
from desktop.core.services import Services
from scanning.page import mark_centres_mm
from scanning.sources import Image
from scanning.synthetic import MM_PER_INCH, SCAN_DPI, draw_tick, rasterize_pdf

#: What a voter ticked: category name → candidate numbers as printed.
Votes = Mapping[str, Sequence[str]]
JPEG_QUALITY = 90
#: The share of a page's height :func:`unframeable` keeps: the QR code and the two top marks
#: survive, the bottom marks do not, so the code verifies but the page cannot be framed.
UNFRAMEABLE_KEEP = 0.3


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


def unframeable(page: Image) -> Image:
    """The top of a page (see :data:`UNFRAMEABLE_KEEP`): a page whose marks cannot be read."""
    return page[: round(page.shape[0] * UNFRAMEABLE_KEEP)].copy()


def mark_centres_px(layout: Layout, dpi: float = SCAN_DPI) -> list[tuple[float, float]]:
    """The registration-mark centres tl, tr, br, bl in the pixels of a page rasterized at
    ``dpi`` (what a person clicks to align a page by hand)."""
    per_mm = dpi / MM_PER_INCH
    return [(x * per_mm, y * per_mm) for x, y in mark_centres_mm(layout.registration_marks)]


def save_scans(pages: list[Image], folder: Path, stem: str, quality: int = JPEG_QUALITY
               ) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for number, page in enumerate(pages, 1):
        path = folder / f"{stem}-p{number}.jpg"
        cv2.imwrite(str(path), page, [cv2.IMWRITE_JPEG_QUALITY, quality])
        paths.append(path)
    return paths


WINDOWS, STAFF, BRANDS = "十佳优良服务窗口", "十佳优秀服务标兵", "十佳优质服务品牌"
#: What three voters ticked. STAFF spans both pages of the A4 demo ballot.
VOTES = [
    {WINDOWS: ["01", "02", "03"], STAFF: ["05", "40"], BRANDS: ["10"]},
    {WINDOWS: ["02"], STAFF: ["05"], BRANDS: []},
    {WINDOWS: [f"{n:02d}" for n in range(1, 12)], STAFF: ["44"], BRANDS: ["10", "11"]},
]


@pytest.fixture
def demo(services: Services) -> CampaignInfo:
    return create_demo(services)


@pytest.fixture
def box(services: Services, demo: CampaignInfo) -> BoxInfo:
    return services.boxes.add_box(demo.id, "东湖社区服务中心 1号箱")


#: What the voter of the :func:`unread_ballot` ticked (STAFF spans both pages).
UNREAD_VOTES = {WINDOWS: ["01", "03"], STAFF: ["05", "40"], BRANDS: ["11"]}


@dataclass(frozen=True)
class UnreadBallot:
    """One ballot ticked with :data:`UNREAD_VOTES`: page 1 cut (see :func:`unframeable`), the
    same page whole, and page 2 whole, as JPEG scans."""

    layout: Layout
    cut_page_1: Path
    whole_page_1: Path
    page_2: Path


@pytest.fixture
def unread_ballot(services: Services, demo: CampaignInfo, box: BoxInfo, tmp_path: Path
                  ) -> UnreadBallot:
    _batch, layout, ballots = print_and_rasterize(services, demo.id, box.id, 1, tmp_path)
    pages = fill_in(layout, ballots[0], UNREAD_VOTES)
    whole = save_scans(pages, tmp_path / "whole", "b1")
    cut = save_scans([unframeable(pages[0])], tmp_path / "cut", "b1-cut")
    return UnreadBallot(layout, cut[0], whole[0], whole[1])


@pytest.fixture
def scans(services: Services, demo: CampaignInfo, box: BoxInfo, tmp_path: Path) -> list[Path]:
    """Three filled-in ballots (two pages each) as JPEG scans, in one folder."""
    _batch, layout, ballots = print_and_rasterize(services, demo.id, box.id, 3, tmp_path)
    files: list[Path] = []
    for number, (pages, votes) in enumerate(zip(ballots, VOTES, strict=True), 1):
        files += save_scans(fill_in(layout, pages, votes), tmp_path / "scans", f"b{number}")
    return files
