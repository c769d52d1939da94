"""The notice's paragraph: ReportLab's Paragraph, its lines broken by the Chinese rules of
:mod:`desktop.core.results.linebreak` for the width it is given (imported only when a PDF is
made)."""

from __future__ import annotations

from typing import Any
from xml.sax.saxutils import escape

from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Paragraph

from desktop.core.results.linebreak import break_lines


class ChineseParagraph(Paragraph):  # type: ignore[misc]
    """A paragraph of plain text (no markup) whose lines follow the Chinese rules: broken anew
    for each width it is laid out in; its parts after a page break keep their lines."""

    def __init__(self, text: str | None, style: Any, bulletText: Any = None,  # noqa: N803
                 frags: Any = None, **extra: Any) -> None:
        self.plain = text if frags is None else None
        self.broken_for: float | None = None
        super().__init__(None if text is None else escape(text), style, bulletText, frags,
                         **extra)

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:  # noqa: N803
        if self.plain is not None and self.broken_for != availWidth:
            style = self.style
            inner = availWidth - style.leftIndent - style.rightIndent
            lines = break_lines(self.plain, (inner - style.firstLineIndent, inner),
                                lambda s: stringWidth(s, style.fontName, style.fontSize))
            plain = self.plain
            Paragraph.__init__(self, "<br/>".join(escape(line) for line in lines), style)
            self.plain, self.broken_for = plain, availWidth
        size: tuple[float, float] = super().wrap(availWidth, availHeight)
        return size
