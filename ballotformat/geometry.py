"""Named sizes of the ballot furniture (marks, QR code, margins, type sizes), in mm and pt.

docs/ballot-format.md describes the same geometry for the scanning side.
"""

from __future__ import annotations

from ballotformat.model import Box, RegistrationMark, mm

# -- registration marks: solid black squares, the top-left one larger for orientation -------
MARK_INSET_MM = 6.0  # paper edge to the mark's outer edge (inside every printer's margin)
MARK_MM = 6.0
ORIENTATION_MARK_MM = 10.0  # the top-left mark
MARK_CLEAR_MM = 5.0  # white paper kept around every mark

# -- QR code ------------------------------------------------------------------------------
QR_VERSION = 2
QR_ERROR_LEVEL = "M"
QR_MODULES = 17 + 4 * QR_VERSION  # 25 modules a side for version 2
QR_QUIET_ZONE_MODULES = 4
QR_MODULE_MM = 1.4  # 1.0 mm is the least a flatbed reads; 1.4 mm suits a 720p camera
QR_MIN_MODULE_MM = 1.0

# -- page frame -----------------------------------------------------------------------------
SIDE_MARGIN_MM = 12.0
HEADER_GAP_MM = 4.0  # between the header's left block and the QR region
BODY_GAP_MM = 5.0  # between the header and the first category
FOOTER_BASELINE_FROM_BOTTOM_MM = 8.5

# -- type sizes (pt) and line pitches (mm) --------------------------------------------------
TITLE_PT = 17.0
TITLE_MIN_PT = 11.0
TITLE_BASELINE_MM = 15.0
BOX_LINE_PT = 11.0
BOX_LINE_BASELINE_MM = 26.5  # below the top-left mark's clear zone (21 mm)
INSTRUCTIONS_PT = 8.0
INSTRUCTIONS_PITCH_MM = 4.0
SERIAL_PT = 9.0
SERIAL_GAP_MM = 3.5  # QR region's bottom to the serial's baseline
PAGE_PT = 9.0
HEADING_PT = 11.0
HEADING_BLOCK_MM = 8.5
HEADING_RULE_MM = 0.25
HEADER_RULE_MM = 0.3
PAGE_LINE_ROOM_MM = 40.0  # kept free at the right of the box line for the page number
NUMBER_PT = 10.0
NAME_PT = 10.0
NAME_MIN_PT = 8.5
UNIT_PT = 7.5
UNIT_MIN_PT = 6.5

# -- candidate cells ------------------------------------------------------------------------
BOX_MM = 6.0  # the square to mark
BOX_BORDER_MM = 0.35
BOX_TO_TEXT_MM = 2.5  # no name touches its box
NUMBER_TO_NAME_MM = 1.5
COLUMN_GAP_MM = 5.0  # from one column's longest text to the next column's box
MIN_COLUMN_MM = 30.0
ROW_PITCH_MM = 9.0  # 3 mm of paper between boxes stacked in a column
PHOTO_W_MM = 10.5
PHOTO_H_MM = 14.0
PHOTO_ROW_PITCH_MM = 16.0
PHOTO_TO_TEXT_MM = 2.0
CATEGORY_GAP_MM = 4.0
LINE_TO_NEXT_LINE_MM = 0.65  # name block to unit line


def registration_marks(width_mm: float, height_mm: float) -> tuple[RegistrationMark, ...]:
    def square(corner: str, size: float) -> RegistrationMark:
        x = MARK_INSET_MM if corner[1] == "l" else width_mm - MARK_INSET_MM - size
        y = MARK_INSET_MM if corner[0] == "t" else height_mm - MARK_INSET_MM - size
        return RegistrationMark(corner, (mm(x), mm(y), size, size))

    return (square("tl", ORIENTATION_MARK_MM), square("tr", MARK_MM),
            square("bl", MARK_MM), square("br", MARK_MM))


def clear_zone(mark: RegistrationMark) -> Box:
    x, y, w, h = mark.box_mm
    return (x - MARK_CLEAR_MM, y - MARK_CLEAR_MM, w + 2 * MARK_CLEAR_MM, h + 2 * MARK_CLEAR_MM)


def corner_keep_out_mm() -> float:
    """Distance from the top edge below which text is clear of the top-left mark's zone."""
    return MARK_INSET_MM + ORIENTATION_MARK_MM + MARK_CLEAR_MM


def boxes_intersect(a: Box, b: Box) -> bool:
    return a[0] < b[0] + b[2] and b[0] < a[0] + a[2] and a[1] < b[1] + b[3] and b[1] < a[1] + a[3]
