"""The ballot font: the CJK TrueType font shipped in resources/fonts and embedded in every PDF."""

from __future__ import annotations

from functools import cache
from pathlib import Path

from ballotformat.resources import resources_dir

#: WenQuanYi Micro Hei (Apache-2.0): TrueType outlines, so reportlab can embed a subset.
BALLOT_FONT_FILE = "wqy-microhei.ttc"
BALLOT_FONT_SUBFONT_INDEX = 0
BALLOT_FONT_NAME = "BallotDeskCJK"


def ballot_font_path() -> Path:
    return resources_dir() / "fonts" / BALLOT_FONT_FILE


@cache
def _ballot_font_codepoints() -> frozenset[int]:
    from reportlab.pdfbase.ttfonts import TTFontFile

    face = TTFontFile(str(ballot_font_path()), subfontIndex=BALLOT_FONT_SUBFONT_INDEX)
    return frozenset(face.charToGlyph)


def missing_glyphs(text: str) -> list[str]:
    """Characters of ``text`` the ballot font cannot draw, in order, without repeats.

    White space is not drawn, so it never counts as missing.
    """
    known = _ballot_font_codepoints()
    missing: list[str] = []
    for char in text:
        if not char.isspace() and ord(char) not in known and char not in missing:
            missing.append(char)
    return missing
