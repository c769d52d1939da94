"""Chinese line breaking for printed text (禁则): where a line of mixed Chinese text may end.

Rules (as in GB/T 15834 and every Chinese typesetter): no line starts with a closing mark
(，。、；：？！ ）》」』】”’ …), no line ends with an opening mark (（《「『【“‘), and a Latin
word or number (``2026``, ``BallotDesk``, ``482:5a27f21f``) is not cut unless it is wider
than a line. A break that would break a rule moves the last characters of the line down to
the next one. ReportLab's own CJK wrapping knows only Japanese and ASCII marks and lets
"；" or "”" start a line, so the notice breaks its lines here (:mod:`desktop.core.results.notice`).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

#: Marks that may not start a line (closing punctuation, full-width and ASCII).
CANNOT_START = frozenset("，。、；：？！）》」』】〕〉］｝”’…‥·%‰℃°,.;:?!)]}>")
#: Marks that may not end a line (opening punctuation).
CANNOT_END = frozenset("（《「『【〔〈［｛“‘([{<")
#: A run that stays whole: a Latin word or number with its inner marks, and the spaces after.
_WORD = re.compile(r"[0-9A-Za-z][0-9A-Za-z_.:/@#+\-]*\s*|\s+|.", re.DOTALL)


def units(text: str) -> list[str]:
    """``text`` cut into the pieces a line may break between."""
    return _WORD.findall(text)


def break_lines(text: str, widths: Sequence[float],
                width_of: Callable[[str], float]) -> list[str]:
    """``text`` broken into lines: line *i* at most ``widths[i]`` wide (the last width for
    every further line), measured by ``width_of``. A piece wider than a whole line is cut by
    character."""
    lines: list[str] = []
    line: list[str] = []
    used = 0.0

    def limit() -> float:
        return widths[min(len(lines), len(widths) - 1)]

    pieces = units(text)
    index = 0
    while index < len(pieces):
        piece = pieces[index]
        width = width_of(piece.rstrip())
        if width > limit() and len(piece) > 1:  # longer than a line: by character
            pieces[index:index + 1] = list(piece)
            continue
        if line and used + width > limit():
            carried = _carry(line, piece)
            lines.append("".join(line).rstrip())
            line = carried
            used = width_of("".join(line))
            if not line and piece.isspace():  # no line starts with a space
                index += 1
                continue
        line.append(piece)
        used += width_of(piece)
        index += 1
    if line:
        lines.append("".join(line).rstrip())
    return lines


def _carry(line: list[str], following: str) -> list[str]:
    """Take from the end of ``line`` the pieces that must move down with ``following`` (so the
    next line does not start with a closing mark and this one does not end with an opening
    mark); nothing when the whole line would move (then the rule gives way)."""
    carried: list[str] = []
    while line and (_first(carried[0] if carried else following) in CANNOT_START
                    or line[-1].rstrip()[-1:] in CANNOT_END):
        carried.insert(0, line.pop())
    if not line:
        line[:] = carried
        return []
    return carried


def _first(piece: str) -> str:
    return piece[:1]
