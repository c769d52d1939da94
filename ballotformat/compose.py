"""The layout engine: a :class:`BallotSpec` in, a frozen, paginated :class:`Layout` out."""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from types import MappingProxyType

from ballotformat import geometry as g
from ballotformat.fonts import (
    FONT_ASCENT,
    FONT_DESCENT,
    PT_MM,
    ellipsize,
    fit_size,
    text_width_mm,
)
from ballotformat.grid import Cell, Grid, plan_grid
from ballotformat.messages import LANGUAGES
from ballotformat.model import (
    Layout,
    Line,
    Page,
    PhotoItem,
    QrRegion,
    SerialSlot,
    Target,
    TextItem,
    mm,
)
from ballotformat.spec import (
    PAPER_SIZES_MM,
    BallotSpec,
)
from ballotformat.texts import Wording, check_glyphs, serial_text


@dataclass
class _PageBody:
    targets: list[Target] = field(default_factory=list)
    texts: list[TextItem] = field(default_factory=list)
    lines: list[Line] = field(default_factory=list)
    photos: list[PhotoItem] = field(default_factory=list)


def _text(text: str, x: float, baseline: float, size: float, role: str,
          bold: bool = False) -> TextItem:
    return TextItem(text, mm(x), mm(baseline), size, mm(text_width_mm(text, size)), role, bold)


_TOKEN = re.compile(r"[A-Za-z0-9'’()\-.,;:!?/]+\s*|\s+|.")


def wrap(text: str, width_mm: float, size_pt: float) -> list[str]:
    """Greedy line breaking: between CJK characters anywhere, Latin words kept whole."""
    lines, current = [], ""
    for token in _TOKEN.findall(text):
        if current and text_width_mm((current + token).rstrip(), size_pt) > width_mm:
            lines.append(current.rstrip())
            current = token.lstrip()
        else:
            current += token
    if current.strip():
        lines.append(current.rstrip())
    return lines


@dataclass(frozen=True)
class _Header:
    qr: QrRegion
    serial: SerialSlot
    texts: tuple[TextItem, ...]
    right_mm: float  # right end of the text block left of the QR code
    box_baseline_mm: float
    bottom_mm: float  # where the body may begin


def _instruction_lines(words: Wording, width: float) -> list[tuple[str, float, bool]]:
    """The instructions wrapped to ``width``: (line, indent, bold); a numbered paragraph's
    further lines are indented under its text, the unnumbered heading is bold."""
    found = []
    for paragraph in words.instructions():
        numbered = paragraph[:2] in {f"{n}." for n in range(1, 10)}
        indent = text_width_mm(paragraph[:3], g.INSTRUCTIONS_PT) if numbered else 0.0
        found += [(line, indent if i else 0.0, not numbered) for i, line in
                  enumerate(wrap(paragraph, width - indent, g.INSTRUCTIONS_PT))]
    return found


def _header(spec: BallotSpec, words: Wording, width: float, qr_module_mm: float) -> _Header:
    """QR code top right (its modules level with the marks); title, box, instructions left."""
    left, right = g.SIDE_MARGIN_MM, width - g.SIDE_MARGIN_MM
    qr_side = (g.QR_MODULES + 2 * g.QR_QUIET_ZONE_MODULES) * qr_module_mm
    # The quiet zone may reach into the printer's unprinted margin: it is white paper anyway.
    qr_top = max(0.0, g.MARK_INSET_MM - g.QR_QUIET_ZONE_MODULES * qr_module_mm)
    # ...and its modules keep the top-right mark's clear zone, whatever the module size.
    qr_right = min(right, width - g.MARK_INSET_MM - g.MARK_MM - g.MARK_CLEAR_MM
                   + g.QR_QUIET_ZONE_MODULES * qr_module_mm)
    qr = QrRegion((mm(qr_right - qr_side), mm(qr_top), mm(qr_side), mm(qr_side)), qr_module_mm,
                  g.QR_VERSION, g.QR_ERROR_LEVEL, g.QR_MODULES, g.QR_QUIET_ZONE_MODULES)
    serial = SerialSlot(mm(qr_right - qr_side / 2), mm(qr_top + qr_side + g.SERIAL_GAP_MM),
                        g.SERIAL_PT, words.serial_template())
    header_right = qr_right - qr_side - g.HEADER_GAP_MM
    texts: list[TextItem] = []
    # The title sits between the top-left mark's clear zone and the QR code, centred.
    title_left = g.corner_keep_out_mm() + 1.0
    title_room = header_right - title_left
    title_size = fit_size(spec.title, title_room, g.TITLE_PT, g.TITLE_MIN_PT) or g.TITLE_MIN_PT
    title = ellipsize(spec.title, title_room, title_size)
    texts.append(_text(title, title_left + (title_room - text_width_mm(title, title_size)) / 2,
                       g.TITLE_BASELINE_MM, title_size, "title", bold=True))
    box_line = ellipsize(_box_line(spec, words), header_right - left - g.PAGE_LINE_ROOM_MM,
                         g.BOX_LINE_PT)
    texts.append(_text(box_line, left, g.BOX_LINE_BASELINE_MM, g.BOX_LINE_PT, "box", bold=True))
    top = g.BOX_LINE_BASELINE_MM + 1.5
    y = top
    for line, indent, bold in _instruction_lines(words, header_right - left):
        y += g.INSTRUCTIONS_PITCH_MM
        texts.append(_text(line, left + indent, y, g.INSTRUCTIONS_PT, "instructions", bold=bold))
    # The instructions take the room of the longest language's: the language moves nothing.
    lines = max(len(_instruction_lines(Wording(language), header_right - left))
                for language in LANGUAGES)
    y = top + lines * g.INSTRUCTIONS_PITCH_MM
    bottom = max(y + 2.0, serial.baseline_mm + 1.5) + g.BODY_GAP_MM
    return _Header(qr, serial, tuple(texts), header_right, g.BOX_LINE_BASELINE_MM, bottom)


def build_layout(spec: BallotSpec, layout_version: int = 1,
                 qr_module_mm: float = g.QR_MODULE_MM) -> Layout:
    """Lay out the ballot; raises ``MissingGlyphsError`` before anything is placed."""
    if qr_module_mm < g.QR_MIN_MODULE_MM:
        raise ValueError(f"QR modules must be at least {g.QR_MIN_MODULE_MM} mm")
    words = Wording(spec.language)
    headings = [words.heading(i, c.name, c.max_marks, cont)
                for i, c in enumerate(spec.categories, 1) for cont in (False, True)]
    check_glyphs(spec, [spec.title, _box_line(spec, words), *words.instructions(),
                        *headings, words.page_line(88, 88),
                        serial_text(words.serial_template(), 1234567890)])
    width, height = PAPER_SIZES_MM[spec.paper]
    left, right = g.SIDE_MARGIN_MM, width - g.SIDE_MARGIN_MM
    header = _header(spec, words, width, qr_module_mm)
    header_rule = Line(mm(left), mm(header.bottom_mm - 3.0), mm(right),
                       mm(header.bottom_mm - 3.0), g.HEADER_RULE_MM)
    bodies, photo_jpegs = _body(spec, words, left, right, header.bottom_mm,
                                height - g.MARK_INSET_MM - g.MARK_MM - g.MARK_CLEAR_MM)
    pages = []
    for number, body in enumerate(bodies, 1):
        page_line = words.page_line(number, len(bodies))
        page_w = text_width_mm(page_line, g.BOX_LINE_PT)
        texts = [*header.texts,
                 _text(page_line, header.right_mm - page_w, header.box_baseline_mm,
                       g.BOX_LINE_PT, "page", bold=True),
                 *body.texts,
                 _text(page_line, (width - text_width_mm(page_line, g.PAGE_PT)) / 2,
                       height - g.FOOTER_BASELINE_FROM_BOTTOM_MM, g.PAGE_PT, "page")]
        pages.append(Page(number, tuple(body.targets), tuple(texts),
                          (header_rule, *body.lines), tuple(body.photos)))
    return Layout(layout_version, spec.campaign_id, (width, height),
                  tuple((c.name, c.max_marks) for c in spec.categories),
                  g.registration_marks(width, height), header.qr, header.serial,
                  tuple(pages), MappingProxyType(photo_jpegs), round=spec.round)


def _box_line(spec: BallotSpec, words: Wording) -> str:
    return words.box_line(spec.box_name, spec.round, spec.ballot_kind)


def _body(spec: BallotSpec, words: Wording, left: float, right: float, top: float,
          bottom: float) -> tuple[list[_PageBody], dict[str, bytes]]:
    """Categories in order, row after row; a category that runs over repeats its heading."""
    bodies = [_PageBody()]
    photo_jpegs: dict[str, bytes] = {}
    y = top
    pitch = g.PHOTO_ROW_PITCH_MM if spec.show_photos else g.ROW_PITCH_MM
    for position, category in enumerate(spec.categories, 1):
        grid = plan_grid(category, right - left, spec.show_photos)
        for row in range(grid.rows):
            if row == 0 or y + pitch > bottom:
                if y + g.HEADING_BLOCK_MM + pitch > bottom:
                    bodies.append(_PageBody())
                    y = top
                heading = words.heading(position, category.name, category.max_marks, row > 0)
                bodies[-1].texts.append(_text(heading, left, y + 5.0, g.HEADING_PT, "heading",
                                              bold=True))
                bodies[-1].lines.append(Line(mm(left), mm(y + 7.0), mm(right), mm(y + 7.0),
                                             g.HEADING_RULE_MM))
                y += g.HEADING_BLOCK_MM
            for cell in grid.row_cells(row):
                _place_cell(bodies[-1], category.name, cell, grid, left, y, pitch,
                            photo_jpegs if spec.show_photos else None)
            y += pitch
        y += g.CATEGORY_GAP_MM
    return bodies, photo_jpegs


def _place_cell(body: _PageBody, category: str, cell: Cell, grid: Grid, left: float, y: float,
                pitch: float, photo_jpegs: dict[str, bytes] | None) -> None:
    """One candidate: the box, then (photo,) number, name and, below the name, the unit."""
    candidate = cell.candidate
    x = left + grid.column_x_mm(cell.column)
    top = y + (pitch - g.BOX_MM - 2.0) / 2
    body.targets.append(Target(category, candidate.number, candidate.name,
                               (mm(x), mm(top), g.BOX_MM, g.BOX_MM)))
    number_x = x + g.BOX_MM + g.BOX_TO_TEXT_MM
    if photo_jpegs is not None:
        if candidate.photo_jpeg is not None:
            sha = hashlib.sha256(candidate.photo_jpeg).hexdigest()
            photo_jpegs[sha] = candidate.photo_jpeg
            body.photos.append(PhotoItem(sha, (mm(number_x), mm(y + (pitch - g.PHOTO_H_MM) / 2),
                                               g.PHOTO_W_MM, g.PHOTO_H_MM)))
        number_x += g.PHOTO_W_MM + g.PHOTO_TO_TEXT_MM
    name_baseline = top + FONT_ASCENT * g.NAME_PT * PT_MM - 0.2
    unit_baseline = (name_baseline + FONT_DESCENT * cell.name_pt * PT_MM
                     + g.LINE_TO_NEXT_LINE_MM + FONT_ASCENT * cell.unit_pt * PT_MM)
    text_x = x + grid.text_x_mm
    body.texts.append(_text(candidate.number, number_x, name_baseline, g.NUMBER_PT, "number",
                            bold=True))
    body.texts.append(_text(cell.name, text_x, name_baseline, cell.name_pt, "name"))
    body.texts.append(_text(cell.unit, text_x, unit_baseline, cell.unit_pt, "unit"))
