"""What reading one page gives: a frozen result, and its JSON form for the CLI.

``PageResult.to_json_dict(file, page_index)`` is the agreed contract::

    {"file", "page_index", "status", "reasons", "serial", "layout_page",
     "marks": [{"category", "candidate", "state", "score"}],
     "categories": [{"category", "selected", "overvote"}]}
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Any

import numpy as np
from numpy.typing import NDArray

from scanning.decide import CategoryResult, TargetReading
from scanning.decoder import Point
from scanning.reasons import Reason, Status, status_for

#: Scores are written with this many decimals.
SCORE_DIGITS = 3


@dataclass(frozen=True)
class PageResult:
    status: Status
    #: Every reason found, in the order found (empty when accepted).
    reasons: tuple[Reason, ...]
    serial: int | None = None
    campaign_id: int | None = None
    layout_version: int | None = None
    #: The page of the ballot (1-based) as the QR code says.
    layout_page: int | None = None
    marks: tuple[TargetReading, ...] = ()
    categories: tuple[CategoryResult, ...] = ()
    #: The QR text as read (also when it was refused), for the review screen.
    qr_text: str | None = None
    #: "region" (the layout's QR area) or "whole_image" (the fallback pass), None if unread.
    qr_pass: str | None = None
    #: The QR symbol's corners in the image's pixels.
    qr_corners: tuple[Point, ...] | None = None
    #: Mark centres tl, tr, br, bl in the pixels of the image the pipeline worked on...
    corners: tuple[Point, ...] | None = None
    #: ...whose pixels are this many times the file's (a JPEG decoded at half size: 0.5).
    image_scale: float = 1.0
    #: Image pixels to page mm, row-major 3 × 3 (None when the page was not found).
    homography: tuple[float, ...] | None = None
    #: Annotated BGR image, only when asked for (``debug=True``).
    debug_image: NDArray[np.uint8] | None = field(default=None, compare=False, repr=False)

    @classmethod
    def refused(cls, *reasons: Reason, **known: Any) -> PageResult:
        return cls(status_for(reasons), tuple(reasons), **known)

    def with_reasons(self, *extra: Reason) -> PageResult:
        """The result with more reasons (e.g. DUPLICATE from the recording layer)."""
        reasons = self.reasons + tuple(r for r in extra if r not in self.reasons)
        return replace(self, reasons=reasons, status=status_for(reasons))

    def to_json_dict(self, file: str, page_index: int) -> dict[str, Any]:
        return {
            "file": file,
            "page_index": page_index,
            "status": self.status.value,
            "reasons": [r.value for r in self.reasons],
            "serial": self.serial,
            "layout_page": self.layout_page,
            "marks": [{"category": m.category, "candidate": m.candidate, "state": m.state.value,
                       "score": round(m.score, SCORE_DIGITS)} for m in self.marks],
            "categories": [{"category": c.category, "selected": list(c.selected),
                            "overvote": c.overvote} for c in self.categories],
        }
