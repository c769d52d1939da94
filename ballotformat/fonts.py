"""The ballot font for reportlab: registration, measuring, fitting text into a width."""

from __future__ import annotations

from functools import cache

from ballotformat.font_file import BALLOT_FONT_NAME, BALLOT_FONT_SUBFONT_INDEX, ballot_font_path

PT_MM = 25.4 / 72
#: Ascent and descent of WenQuanYi Micro Hei as fractions of the font size (a test re-reads
#: them from the font file), for text bounding boxes without loading the font.
FONT_ASCENT = 0.765
FONT_DESCENT = 0.241
ELLIPSIS = "…"


@cache
def register_ballot_font() -> str:
    """Register the CJK TrueType font with reportlab once; returns its reportlab name."""
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    font = TTFont(BALLOT_FONT_NAME, str(ballot_font_path()),
                  subfontIndex=BALLOT_FONT_SUBFONT_INDEX)
    pdfmetrics.registerFont(font)
    return BALLOT_FONT_NAME


def text_width_mm(text: str, size_pt: float) -> float:
    from reportlab.pdfbase.pdfmetrics import stringWidth

    return float(stringWidth(text, register_ballot_font(), size_pt)) * PT_MM


def fit_size(text: str, width_mm: float, size_pt: float, min_size_pt: float) -> float | None:
    """The largest size from ``size_pt`` down to ``min_size_pt`` (0.5 pt steps) that fits."""
    width_at_one = text_width_mm(text, 1.0)
    size = size_pt
    while size >= min_size_pt - 1e-9:
        if width_at_one * size <= width_mm:
            return size
        size -= 0.5
    return None


def ellipsize(text: str, width_mm: float, size_pt: float) -> str:
    """``text`` cut at the end with an ellipsis so that it fits ``width_mm``."""
    if text_width_mm(text, size_pt) <= width_mm:
        return text
    for end in range(len(text) - 1, 0, -1):
        candidate = text[:end].rstrip() + ELLIPSIS
        if text_width_mm(candidate, size_pt) <= width_mm:
            return candidate
    return ELLIPSIS
