"""Columns for one category: as many as the names allow, a long name spanning two or more.

Candidates run in number order, left to right, row after row. The column count is the one
that needs the fewest rows: short names get many columns; a category of long names gets few;
a single long name in a category of short ones spans two columns instead of widening all.
Names shrink from ``NAME_PT`` to ``NAME_MIN_PT`` and units from ``UNIT_PT`` to
``UNIT_MIN_PT`` before a cell takes another column; only text too long for the whole width
is cut with an ellipsis.
"""

from __future__ import annotations

from dataclasses import dataclass

from ballotformat import geometry as g
from ballotformat.fonts import ellipsize, fit_size, text_width_mm
from ballotformat.spec import CandidateSpec, CategorySpec, number_order


@dataclass(frozen=True)
class Cell:
    candidate: CandidateSpec
    row: int
    column: int
    span: int
    name: str  # as printed: the whole name unless it cannot fit the page width
    name_pt: float
    unit: str
    unit_pt: float


@dataclass(frozen=True)
class Grid:
    columns: int
    column_w_mm: float
    #: From a cell's left edge (its box) to its name and unit.
    text_x_mm: float
    rows: int
    cells: tuple[Cell, ...]

    def cell_w_mm(self, span: int) -> float:
        return span * self.column_w_mm + (span - 1) * g.COLUMN_GAP_MM

    def column_x_mm(self, column: int) -> float:
        return column * (self.column_w_mm + g.COLUMN_GAP_MM)

    def row_cells(self, row: int) -> list[Cell]:
        return [c for c in self.cells if c.row == row]


def _text_x_mm(candidates: list[CandidateSpec], photos: bool) -> float:
    number_w = max(text_width_mm(c.number, g.NUMBER_PT) for c in candidates)
    text_x = g.BOX_MM + g.BOX_TO_TEXT_MM + number_w + g.NUMBER_TO_NAME_MM
    return text_x + (g.PHOTO_W_MM + g.PHOTO_TO_TEXT_MM if photos else 0.0)


def _plan(candidates: list[CandidateSpec], columns: int, body_w: float, text_x: float) -> Grid:
    column_w = (body_w - (columns - 1) * g.COLUMN_GAP_MM) / columns
    cells: list[Cell] = []
    row = column = 0
    for candidate in candidates:
        for span in range(1, columns + 1):
            room = span * column_w + (span - 1) * g.COLUMN_GAP_MM - text_x
            name_pt = fit_size(candidate.name, room, g.NAME_PT, g.NAME_MIN_PT)
            unit_pt = fit_size(candidate.unit, room, g.UNIT_PT, g.UNIT_MIN_PT)
            if name_pt is not None and unit_pt is not None:
                break
        name_pt, unit_pt = name_pt or g.NAME_MIN_PT, unit_pt or g.UNIT_MIN_PT
        if column + span > columns:
            row, column = row + 1, 0
        cells.append(Cell(candidate, row, column, span,
                          ellipsize(candidate.name, room, name_pt), name_pt,
                          ellipsize(candidate.unit, room, unit_pt), unit_pt))
        column += span
    return Grid(columns, column_w, text_x, row + 1, tuple(cells))


def plan_grid(category: CategorySpec, body_w_mm: float, photos: bool) -> Grid:
    """The grid with the fewest rows; of equals, the one with fewer spanning cells, then wider
    columns."""
    candidates = sorted(category.candidates, key=number_order)
    text_x = _text_x_mm(candidates, photos)
    most = int((body_w_mm + g.COLUMN_GAP_MM) // (g.MIN_COLUMN_MM + g.COLUMN_GAP_MM))
    plans = [_plan(candidates, n, body_w_mm, text_x)
             for n in range(1, max(1, min(most, len(candidates))) + 1)]
    return min(plans, key=lambda p: (p.rows, sum(c.span > 1 for c in p.cells), p.columns))
