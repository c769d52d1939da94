"""Reading an unread page by hand alignment: a person points at the four registration marks of
an archived sheet, and the reader measures its boxes through them.

What comes back is only a proposal: the review page shows it, and nothing counts until the
person records it as decisions (:meth:`desktop.core.records.review.Review.decide_page`).
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from ballotformat import Layout
from ballotformat.messages import RuleError, error, register
from desktop.core.records.review import SheetState
from scanning.decoder import Point
from scanning.interpret import read_with_corners
from scanning.result import PageResult
from scanning.sources import AcquisitionProblem, read_file

register({
    "align_image_unreadable": (
        "无法读取第 {sheet} 号图像的存档文件（{path}）。",
        "The archived file of sheet {sheet} cannot be read ({path}).",
    ),
    "align_no_layout": (
        "第 {sheet} 号图像的选票版式未知，无法按定位标记读取。",
        "The ballot layout of sheet {sheet} is unknown: it cannot be read by its marks.",
    ),
})

#: The registration marks a person points at, in this order (tl, tr, br, bl).
CORNERS = ("tl", "tr", "br", "bl")


def read_pointed(archive: Path, state: SheetState, layout: Layout | None,
                 corners: Sequence[Point]) -> PageResult:
    """Read the sheet's archived page through the mark centres ``corners`` (tl, tr, br, bl in
    the pixels of the page as the reader decodes the file)."""
    if layout is None or state.page is None:
        raise RuleError([error("align_no_layout", sheet=state.sheet_id)])
    path = archive / state.archive_path
    for index, item in enumerate(read_file(path)):
        if isinstance(item, AcquisitionProblem):
            break
        if index == state.page_index:
            return read_with_corners(item.image, corners, layout, state.page)
    raise RuleError([error("align_image_unreadable", sheet=state.sheet_id,
                           path=state.archive_path)])
