"""Every size, resolution and threshold of the reading pipeline, as named data with units.

docs/scanning.md says why each value is what it is; tests/scanning/ measures them on the
synthetic corpus. Ratios are fractions (0..1) of an area or of the local paper white.
"""

from __future__ import annotations

from dataclasses import dataclass

MM_PER_INCH = 25.4

# -- loading ---------------------------------------------------------------------------------
#: A JPEG is decoded at 1/2, 1/4 or 1/8 size (libjpeg's DCT scaling, much faster) as long as
#: its long side keeps at least this many pixels: ~150 dpi for A4 (297 mm).
MIN_LOAD_LONG_SIDE_PX = 1700

#: A black-and-white scan is told by sampling every this many pixels each way...
BILEVEL_SAMPLE_STEP = 7
#: ...and finding at most this share of them neither black nor white.
BILEVEL_MAX_GREY_SHARE = 0.002
#: A black-and-white scan is smoothed this much (mm on an A4 page, as a Gaussian's sigma)
#: before reading: a dithered grey paper tint becomes light grey instead of specks of "ink".
BILEVEL_SMOOTHING_MM = 0.35
#: Long side of the paper the smoothing assumes (A4, mm).
BILEVEL_PAGE_LONG_SIDE_MM = 297.0

# -- finding the registration marks ------------------------------------------------------------
#: The mark search works on a copy whose long side is about this (75-95 dpi for a full page).
SEARCH_LONG_SIDE_PX = 1000
#: The paper-white map is a max filter over blocks this large (in search pixels), larger than
#: the 10 mm orientation mark, so a mark's centre still sees paper.
SEARCH_WHITE_BLOCK_PX = 48
#: A search pixel is ink below this fraction of its local paper white.
SEARCH_INK_LEVEL = 0.55
#: Smallest mark side in search pixels (6 mm at ~25 dpi: a page filling a third of a frame).
MIN_MARK_SIDE_PX = 5
#: A mark's bounding box ratio (perspective allowed) and the ink in its convex hull.
MARK_ASPECT_RANGE = (0.6, 1.67)
MIN_MARK_SOLIDITY = 0.85
#: Around a mark, a ring this wide (times the mark's side) must be paper: at most this share
#: of it ink (5 mm are kept clear around every mark; half a 6 mm mark is 3 mm).
MARK_CLEAR_RING = 0.5
MAX_MARK_RING_INK = 0.03
#: A mark's centre is its darkness-weighted centroid; darkness counts below this of paper.
MARK_EDGE_LEVEL = 0.9
#: Of the solid squares found, only the largest this many are combined into pages.
MAX_MARK_CANDIDATES = 12
#: tl mark area over the median of the other three (100:36 printed, about 2.8).
ORIENTATION_AREA_RATIO_RANGE = (1.7, 5.0)
#: Four marks of about one size (largest over median at most this) still make a page whose
#: orientation the QR code settles (the top-left mark blotted out or covered).
UNORIENTED_MAX_AREA_RATIO = 1.5
#: The three small marks' largest over smallest area (perspective makes them differ).
MAX_SMALL_MARK_AREA_SPREAD = 2.6
#: Mapped onto the page, the three small marks' areas agree within this factor.
MAPPED_MARK_AREA_SPREAD = 1.8
#: Small mark side over the mean distance between mark centres (A3 0.018 .. Letter 0.025).
MARK_TO_PAGE_RATIO_RANGE = (0.010, 0.040)

# -- page geometry -----------------------------------------------------------------------------
#: Targets and the QR region are read on a page warped to this resolution.
READ_DPI = 150.0
#: The region pass reads a square this large at the top right, left of the top-right mark:
#: every layout's QR code with its quiet zone (46.2 mm at 1.4 mm modules) fits.
QR_SEARCH_SIDE_MM = 56.0
#: A decoded QR code (whole-image pass) must lie within this of the layout's QR region.
QR_POSITION_TOLERANCE_MM = 12.0
#: The targets' bounding box is grown by this before warping (border search, paper white).
TARGET_REGION_GROW_MM = 3.0
#: A flat image's mark rectangle aspect may differ from the layout's by this fraction.
PAGE_ASPECT_TOLERANCE = 0.05
#: Opposite sides of the mark quadrilateral equal within this fraction: a flat scan.
FLAT_SIDE_TOLERANCE = 0.01

# -- verifying the fit (scanning/register.py) ---------------------------------------------------
#: The box grid is looked for on a page warped to this resolution (0.35 mm outlines are
#: 1.4 px wide at 100 dpi: still found, at less than half the pixels of 150 dpi).
FIT_DPI = 100.0
#: Searches for every box outline around where the fit puts it: first this far (a fit from
#: the QR code and three marks, a slightly wrong mark centre), then close (mm).
FIT_SEARCH_MM = (2.5, 1.0)
#: A box outline counts as found when its two borders on each axis are at least this dark
#: on average (fraction of the paper white; printed 0.35 mm lines, blurred by the scan).
MIN_OUTLINE_DARKNESS = 0.12
#: RANSAC: an outline within this of where the corrected fit puts it agrees with it (mm).
FIT_INLIER_MM = 0.5
#: The fit needs at least this many agreeing points (box outlines and QR corners).
MIN_FIT_POINTS = 8
#: A verified fit: at least this share of the page's boxes found where it puts them...
MIN_BOXES_FOUND_SHARE = 0.9
#: ...with at most this root mean square residual (mm). Above: the page is misregistered.
MAX_FIT_RMS_MM = 0.35
#: A fit that finds fewer boxes than this share has not located the page at all (cut in
#: half, another sheet): page not found, rather than misregistered.
MIN_LOCATED_SHARE = 0.5
#: A registration mark is looked for this far (mm) from where the QR code's corners (and the
#: marks found so far) put it, plus this share of its distance from the code, at most the
#: last: the fit from a 40 mm symbol errs more the farther it reaches...
CODE_MARK_SEARCH_MM = 6.0
CODE_MARK_SEARCH_GROWTH = 0.15
CODE_MARK_SEARCH_MAX_MM = 30.0
#: ...and its side must match the printed side within this fraction.
MARK_SIDE_TOLERANCE = 0.35


# -- targets -------------------------------------------------------------------------------------
@dataclass(frozen=True)
class MarkThresholds:
    """How a target's ink is classified. Scores are fractions of the inner area."""

    #: The box is shrunk by this on every side: the printed 0.35 mm border and its blur
    #: stay outside the measured area, with ~0.4 mm to spare for misregistration.
    inner_margin_mm: float = 0.7
    #: The box border is looked for this far around where the homography puts it.
    align_search_mm: float = 1.0
    #: Paper white is the brightest level within this distance (max filter), measured per page.
    white_radius_mm: float = 5.0
    #: Ink is judged against the paper around the box, in units of the page's own printed
    #: outline darkness (what a full black line looks like on this image: a blurred photo's
    #: lines are lighter). A pixel is ink from this share of it...
    ink_contrast: float = 0.12
    #: ...and light ink (pencil grey, a rubbed-out mark) from this share.
    faint_contrast: float = 0.07
    #: In any case a pixel must stand this far above the paper's noise (fraction of white).
    min_contrast: float = 0.06
    #: The outline darkness used is at least this (a page whose outlines vanished).
    min_outline_darkness: float = 0.2
    #: The blank paper beside each box (the noise sample, the crossing test) spans this (mm).
    outside_ring_mm: float = 1.0
    #: Between the inner area and the strip outside the outline where a crossing stroke is
    #: looked for: the outline and its blur (mm beyond the inner margin).
    outline_clear_mm: float = 0.6
    #: Ink passing through the outline at places this far apart (mm) enters and leaves the
    #: box...
    through_span_mm: float = 3.0
    #: ...and if its bounding box is no thicker than this (mm) it is a doodle across the box
    #: (ticks and crosses that overrun the outline stand taller).
    doodle_mm: float = 2.2
    #: One straight stroke that stays inside the box (it passes through no outline) and whose
    #: bounding box is at least this thick (mm) is a slash drawn in the box, or a tick whose
    #: other arm is too faint to count: a mark. Ruled lines, an underline's end, a tail are
    #: thinner (tuning seeds 1000-1099: doubtful straight strokes at most 0.68 mm; ticks read
    #: straight 1.35-3.4 mm).
    slash_breadth_mm: float = 1.2
    #: Ink passing through the outline whose bounding box is at most this thick (mm) is a
    #: stroke along the row (an underline, a wavy scribble), not a tick (ticks stand ≥ 2 mm).
    flat_mm: float = 1.6
    #: Ink below this share of the inner area is nothing (a speck of noise).
    marginal: float = 0.008
    #: Ink from this share on is a mark if it spans at least ``min_extent_mm``...
    definite: float = 0.05
    #: ...the larger side of the ink's bounding box: a tick or cross spans the box, a dot not.
    #: A light sharp stroke (light, ``light_stroke_sharpness``) is measured with its paler
    #: ends (``TargetInk.faint_extent_mm``): a light tick pressed only at its vertex has a
    #: dark core of 2.0–2.5 mm. Tiny ticks and dots are dark-penned (their pale edge adds
    #: nothing), rubbed-out marks and smudges are soft (< 1.4/mm).
    min_extent_mm: float = 2.6
    #: Ink lighter than this share of the printed outline's darkness is light (pencil, a
    #: rubbed-out mark, a grey smudge)...
    dark_strength: float = 0.38
    #: ...and light ink over this share of the box is a wash, not a stroke: a person looks.
    #: Light strokes (pencil ticks) and dark fills are marks.
    wash_share: float = 0.4
    #: Ink lighter than this share of the outline's darkness is very light...
    faint_strength: float = 0.2
    #: ...and over this share of the box, more than a light stroke covers, it is a haze (a
    #: shadow's edge on a photo), not a pencil tick.
    haze_share: float = 0.18
    #: Light ink whose edges rise at least this sharply (per mm, ``TargetInk.sharpness``) is
    #: strokes, not a wash or a haze: a pencil or ballpoint fill scribbled over the box. On
    #: the tuning corpus (seeds 1000–1099) rubbed smudges reach 1.01/mm and camera shadows
    #: 0.88/mm; light pencil fills of few strokes measure from 1.14/mm (1.2 sent three of them
    #: to review). 1.1 keeps a tenth above the sharpest smudge.
    stroke_sharpness: float = 1.1
    #: Light ink whose edges rise at least this sharply is a pencil or pen stroke even where
    #: it is faint and thin: a light tick spans the box with this little ink above the ink
    #: level (``light_definite``), and a light circle or cross is not a rubbed-out smear. On
    #: the tuning corpus (seeds 1000–1099) light pencil strokes measure 1.4–2.6/mm, rubbed-out
    #: marks 0.7–1.3/mm, smudges 0.5–1.1/mm.
    light_stroke_sharpness: float = 1.4
    #: The ink share a sharp light stroke needs to span the box (a light pencil tick 3 mm long
    #: puts 1.4–5% of the box above the ink level; dots and tiny ticks stay under
    #: ``min_extent_mm``).
    light_definite: float = 0.012
    #: Light ink covering at least this share of the box, at least ``fill_strength`` dark and
    #: with the pencil grain of strokes (``fill_sharpness``) is a pencil fill, not a wash: a
    #: voter covered the box. Tuning corpus: HB fills cover 0.66–0.92 of it at strength
    #: 0.27–0.37 and sharpness 0.92–1.17/mm; its smudges cover up to 0.59 at 0.49–1.06/mm;
    #: the project's own corpus's smooth smudges cover up to 0.73 at 0.53–0.73/mm.
    fill_share: float = 0.65
    fill_strength: float = 0.25
    fill_sharpness: float = 0.85
    #: Light ink whose faint share is at least this...
    smear_share: float = 0.12
    #: ...and this many times its ink share is a haze, not a stroke: a rubbed-out mark (a
    #: crisp pencil or pen stroke adds less than a tenth to its ink with its grey edge).
    diffuse_ratio: float = 1.25
    #: Light ink over this share with little real ink: a smudge, a rubbed-out mark: ask.
    faint_marginal: float = 0.02
    #: On a black-and-white scan, a box whose densest 0.5 mm square (``TargetInk.dots``) is
    #: this much blacker than its paper holds ink: a person looks. A dithered light pencil
    #: tick smoothed is fainter than the paper's speckle; its dots are closer together than the
    #: paper's. Tuning seeds (1200–1299 made as dithered scans): blank boxes ≤ 0.16 (2 of
    #: 6,431 from 0.14: two paper dots side by side), marks 1st percentile 0.15; 41 of 47
    #: votes read empty there reach it. A 1-bit thresholded page's blank boxes measure 0.
    dot_marginal: float = 0.12
    #: The very light ink measure (``TargetInk.trace``): the residual smoothed this much (mm,
    #: a Gaussian's sigma: about a pencil line's width)...
    trace_smoothing_mm: float = 0.3
    #: ...stands this share of the outline's darkness above the smoothed paper's noise.
    trace_contrast: float = 0.015
    #: Very light ink (``TargetInk.trace``) over this share of the box, spanning at least
    #: ``min_extent_mm``, is a stroke too faint to tell (a light pencil tick on a noisy
    #: photo): a person looks. Light pencil votes read empty on the forced photo seeds
    #: (2001-2079 odd) measure 0.047-0.185; blank boxes of seeds 1000-1099 up to 0.045.
    trace_marginal: float = 0.05
    #: Ink leaving the box through its right side towards the name, or through its bottom
    #: side towards the box below, running on for this long (mm, beyond the outline's blur:
    #: the strip measured is 1.0 mm at 150 dpi)...
    run_out_mm: float = 0.9
    #: ...and crossing that strip no steeper than this (mm across per mm out) came from
    #: outside: a stroke from the name, a tail from the box below. A person looks. Tuning
    #: seeds 1000-1099: such strokes 0-0.4, ticks and crosses leaving the box 0.4-0.9.
    run_slope_max: float = 0.35


DEFAULT_THRESHOLDS = MarkThresholds()

# -- camera frames -------------------------------------------------------------------------------
#: ``analyse_frame`` looks for marks on a copy with this long side (1080p: half size).
FRAME_SEARCH_LONG_SIDE_PX = 960
#: Its QR region is warped at this resolution (1.4 mm modules: 8 px).
FRAME_QR_DPI = 150.0
