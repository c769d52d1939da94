"""Ink against the paper and the printed blank, through the real pipeline on printed sheets.

Each test draws one kind of ink the way voters leave it and checks the state the reader gives
it: light pencil and colour ballpoint are votes, a line through a box, a dot and a light wash go
to a person, nothing depends on the other marks, and a black-and-white scan says it is one.
"""

from __future__ import annotations

import random

import cv2
import numpy as np
import pytest

from ballotformat import Layout
from scanning import MarkState, ReadContext, Reason, Status, interpret_image
from scanning.result import PageResult
from tests.scanning import pens
from tests.scanning.corpus import camera, print_sheets, scan

SERIAL = 5151
Colour = tuple[int, int, int]


@pytest.fixture(scope="module")
def blank(layout: Layout) -> np.ndarray:
    return print_sheets(layout, [SERIAL])[0]


def read(image: np.ndarray, context: ReadContext) -> PageResult:
    return interpret_image(image, context.key_for, context.layout_for)


def states(result: PageResult) -> dict[str, MarkState]:
    return {f"{m.category}|{m.candidate}": m.state for m in result.marks}


def key(layout: Layout, index: int) -> str:
    target = layout.pages[0].targets[index]
    return f"{target.category}|{target.candidate}"


def box(layout: Layout, index: int) -> pens.Box:
    return layout.pages[0].targets[index].box_mm


def polyline(image: np.ndarray, points: list[pens.Pt], width_mm: float,
             colour: int | Colour) -> None:
    pts = np.array([pens._fp(p) for p in points], np.int32).reshape(-1, 1, 2)
    cv2.polylines(image, [pts], False, colour, max(1, round(width_mm * pens.PX_PER_MM)),
                  cv2.LINE_AA, pens.SHIFT)


def tick_points(b: pens.Box, overshoot: float = 0.0) -> list[pens.Pt]:
    """√ inside the box; ``overshoot`` (mm) runs the long arm out past the top-right corner."""
    x, y, w, h = b
    return [(x + 0.2 * w, y + 0.5 * h), (x + 0.42 * w, y + 0.8 * h),
            (x + 0.88 * w + overshoot, y + 0.15 * h - overshoot)]


def zigzag(image: np.ndarray, b: pens.Box, passes: int, inset_mm: float, width_mm: float,
           grey: int) -> None:
    """A pencil fill: strokes to and fro down the box, ``inset_mm`` inside its border."""
    x, y, w, h = b
    points = [(x + inset_mm + (w - 2 * inset_mm) * (i % 2),
               y + inset_mm + (h - 2 * inset_mm) * i / passes) for i in range(passes + 1)]
    polyline(image, points, width_mm, grey)


def blot(image: np.ndarray, b: pens.Box, radii: tuple[float, float], grey: int,
         blur_mm: float) -> np.ndarray:
    """``image`` with a smooth grey ellipse over the box (radii as shares of its sides),
    its edge blurred ``blur_mm``: graphite rubbed soft."""
    layer = np.full_like(image, 255)
    x, y, w, h = b
    cv2.ellipse(layer, pens._fp((x + w / 2, y + h / 2)),
                (round(radii[0] * w * pens.PX_PER_MM * 16),
                 round(radii[1] * h * pens.PX_PER_MM * 16)),
                0, 0, 360, grey, -1, cv2.LINE_AA, pens.SHIFT)
    return np.minimum(image, cv2.GaussianBlur(layer, (0, 0), blur_mm * pens.PX_PER_MM))


def test_light_pencil_ticks_are_votes(blank: np.ndarray, layout: Layout,
                                      context: ReadContext) -> None:
    """Grey 175–195 on white: a quarter as dark as ink, plain to the eye; read on a noisy,
    slightly turned scan."""
    image = blank.copy()
    for index, grey in ((0, 175), (1, 185), (2, 195)):
        polyline(image, tick_points(box(layout, index)), 0.3, grey)
    result = read(scan(image, random.Random(3), 1.2, False), context)
    got = states(result)
    assert [got[key(layout, i)] for i in range(3)] == [MarkState.MARKED] * 3
    assert result.status is Status.ACCEPTED


def test_blue_and_red_ballpoint_in_a_colour_scan_are_votes(
        blank: np.ndarray, layout: Layout, context: ReadContext) -> None:
    """Light red gel (BGR 170, 170, 255) is as light as pencil in luminance; the darkest
    channel keeps it as dark as it looks."""
    image = cv2.cvtColor(blank, cv2.COLOR_GRAY2BGR)
    polyline(image, tick_points(box(layout, 0)), 0.4, (170, 170, 255))
    polyline(image, tick_points(box(layout, 1)), 0.4, (255, 160, 150))
    got = states(read(image, context))
    assert got[key(layout, 0)] is MarkState.MARKED
    assert got[key(layout, 1)] is MarkState.MARKED


def test_a_line_through_a_box_goes_to_a_person_a_tick_running_out_is_a_vote(
        blank: np.ndarray, layout: Layout, context: ReadContext) -> None:
    image = blank.copy()
    x, y, w, h = box(layout, 0)
    polyline(image, [(x - 4, y + 0.6 * h), (x + w + 25, y + 0.7 * h)], 0.5, 20)  # underline
    polyline(image, tick_points(box(layout, 1), overshoot=2.5), 0.5, 20)
    got = states(read(image, context))
    assert got[key(layout, 0)] is MarkState.AMBIGUOUS
    assert got[key(layout, 1)] is MarkState.MARKED


def test_a_dot_and_a_light_wash_go_to_a_person_a_dark_fill_is_a_vote(
        blank: np.ndarray, layout: Layout, context: ReadContext) -> None:
    image = blank.copy()
    x, y, w, h = box(layout, 0)
    cv2.circle(image, pens._fp((x + w / 2, y + h / 2)), round(0.4 * pens.PX_PER_MM * 16), 30,
               -1, cv2.LINE_AA, pens.SHIFT)
    for index, grey in ((1, 215), (2, 60)):
        bx, by, bw, bh = box(layout, index)
        top_left = (round((bx + 0.5) * pens.PX_PER_MM), round((by + 0.5) * pens.PX_PER_MM))
        bottom_right = (round((bx + bw - 0.5) * pens.PX_PER_MM),
                        round((by + bh - 0.5) * pens.PX_PER_MM))
        cv2.rectangle(image, top_left, bottom_right, grey, -1)
    got = states(read(image, context))
    assert got[key(layout, 0)] is MarkState.AMBIGUOUS
    assert got[key(layout, 1)] is MarkState.AMBIGUOUS
    assert got[key(layout, 2)] is MarkState.MARKED


@pytest.mark.parametrize(("fill", "smudge", "seed", "angle"), [
    # Light grey over most of the box: strokes with edges, and the same grey rubbed soft (its
    # edges fade over ~1 mm), as a finger leaves graphite.
    ((6, 0.6, 0.4, 180), ((0.32, 0.28), 170, 0.45), 5, 0.8),
    # Both cover most of the box at the same grey: dense pencil strokes (the grain has edges)
    # and a smooth blot (a smudge of graphite rubbed over the box).
    ((12, 0.4, 0.3, 175), ((0.45, 0.42), 175, 0.4), 8, 0.6),
    # A very light pencil fill of few strokes (grey 218): its edges rise 1.1-1.2/mm, less
    # than a fill of darker strokes, more than any smudge.
    ((5, 0.5, 0.42, 218), ((0.32, 0.28), 170, 0.45), 5, 0.8),
], ids=["light fill, soft smudge", "dense fill, smooth blot", "very light fill, soft smudge"])
def test_a_pencil_fill_is_a_vote_a_smudge_of_the_same_grey_goes_to_a_person(
        blank: np.ndarray, layout: Layout, context: ReadContext,
        fill: tuple[int, float, float, int], smudge: tuple[tuple[float, float], int, float],
        seed: int, angle: float) -> None:
    image = blank.copy()
    passes, inset, width, grey = fill
    zigzag(image, box(layout, 0), passes=passes, inset_mm=inset, width_mm=width, grey=grey)
    radii, smudge_grey, blur = smudge
    image = blot(image, box(layout, 1), radii, grey=smudge_grey, blur_mm=blur)
    got = states(read(scan(image, random.Random(seed), angle, False), context))
    assert got[key(layout, 0)] is MarkState.MARKED
    assert got[key(layout, 1)] is MarkState.AMBIGUOUS


def test_very_light_pencil_strokes_are_votes_their_rubbed_out_ghost_goes_to_a_person(
        blank: np.ndarray, layout: Layout, context: ReadContext) -> None:
    """Grey 215 on white (a sixth as dark as ink): a tick and a circle drawn with a light
    pencil keep sharp edges and are votes, though their grey rim is large beside the stroke;
    the same grey rubbed soft over a tick (a finger's smear, ~0.5 mm blur) goes to a person."""
    image = blank.copy()
    polyline(image, tick_points(box(layout, 0)), 0.3, 215)
    x, y, w, h = box(layout, 1)
    cv2.ellipse(image, pens._fp((x + w / 2, y + h / 2)),
                (round(0.36 * w * pens.PX_PER_MM * 16), round(0.32 * h * pens.PX_PER_MM * 16)),
                0, 0, 360, 215, max(1, round(0.3 * pens.PX_PER_MM)), cv2.LINE_AA, pens.SHIFT)
    ghost = np.full_like(image, 255)
    polyline(ghost, tick_points(box(layout, 2)), 0.5, 185)
    image = np.minimum(image, cv2.GaussianBlur(ghost, (0, 0), 0.5 * pens.PX_PER_MM))
    got = states(read(scan(image, random.Random(7), 0.9, False), context))
    assert [got[key(layout, i)] for i in range(3)] == [
        MarkState.MARKED, MarkState.MARKED, MarkState.AMBIGUOUS]


@pytest.mark.parametrize(("core", "ends", "width"), [(190, 230, 0.35), (185, 232, 0.35),
                                                     (195, 230, 0.3)])
def test_a_light_tick_whose_ends_fade_is_a_vote(
        blank: np.ndarray, layout: Layout, context: ReadContext, core: int, ends: int,
        width: float) -> None:
    """A light pencil tick pressed only around its vertex: its dark core spans under 2.6 mm
    (a dot's reach), its paler ends carry it across the box, and its edges are a stroke's."""
    image = blank.copy()
    x, y, w, h = box(layout, 0)
    start, vertex, end = tick_points(box(layout, 0))
    pressed = ((x + 0.3 * w, y + 0.64 * h), (x + 0.58 * w, y + 0.57 * h))
    polyline(image, [start, pressed[0]], width, ends)
    polyline(image, [pressed[1], end], width, ends)
    polyline(image, [pressed[0], vertex, pressed[1]], width, core)
    result = read(scan(image, random.Random(3), 1.0, False), context)
    assert states(result)[key(layout, 0)] is MarkState.MARKED
    assert result.status is Status.ACCEPTED


def test_no_state_depends_on_the_other_marks(blank: np.ndarray, layout: Layout,
                                             context: ReadContext) -> None:
    """The same light tick reads the same on a page with nothing else and on one where every
    other box of the page is filled."""
    alone = blank.copy()
    polyline(alone, tick_points(box(layout, 0)), 0.3, 185)
    crowded = alone.copy()
    for index in range(1, len(layout.pages[0].targets)):
        pens.fill(crowded, box(layout, index), random.Random(index))
    first = read(alone, context).marks[0]
    second = read(crowded, context).marks[0]
    assert first.state is second.state is MarkState.MARKED
    assert second.score == pytest.approx(first.score, abs=0.02)


def test_a_black_and_white_scan_is_read_and_says_so(blank: np.ndarray, layout: Layout,
                                                    context: ReadContext) -> None:
    image = blank.copy()
    polyline(image, tick_points(box(layout, 0)), 0.5, 20)
    bilevel = np.where(scan(image, random.Random(5), 0.8, False) < 128, 0, 255).astype(np.uint8)
    result = read(bilevel, context)
    assert Reason.BILEVEL_SCAN in result.reasons
    assert result.status is Status.ACCEPTED  # a note, not a reason to review
    assert states(result)[key(layout, 0)] is MarkState.MARKED
    assert Reason.BILEVEL_SCAN not in read(image, context).reasons


#: An 8 × 8 ordered-dither (Bayer) matrix, as office scanners halftone a grey page to 1 bit.
BAYER = np.array([[0, 32, 8, 40, 2, 34, 10, 42], [48, 16, 56, 24, 50, 18, 58, 26],
                  [12, 44, 4, 36, 14, 46, 6, 38], [60, 28, 52, 20, 62, 30, 54, 22],
                  [3, 35, 11, 43, 1, 33, 9, 41], [51, 19, 59, 27, 49, 17, 57, 25],
                  [15, 47, 7, 39, 13, 45, 5, 37], [63, 31, 55, 23, 61, 29, 53, 21]]) / 64.0


def dithered(image: np.ndarray, dpi: float) -> np.ndarray:
    """``image`` scanned at ``dpi`` to 1 bit by ordered dithering, the paper set to white (its
    80th percentile, as a scanner's white point): the paper's grain becomes sparse dots."""
    small = cv2.resize(image, None, fx=dpi / pens.RASTER_DPI, fy=dpi / pens.RASTER_DPI,
                       interpolation=cv2.INTER_AREA).astype(np.float32)
    level = np.clip(small / np.percentile(small[::8, ::8], 80), 0.0, 1.0)
    tiles = np.tile(BAYER, (level.shape[0] // 8 + 1, level.shape[1] // 8 + 1))
    return np.where(level > tiles[:level.shape[0], :level.shape[1]], 255, 0).astype(np.uint8)


def test_a_dithered_light_pencil_tick_is_never_read_empty(
        blank: np.ndarray, layout: Layout, context: ReadContext) -> None:
    """A light pencil tick on a dithered black-and-white scan (150 dpi) is a line of dots
    closer together than the paper's; smoothed, it is fainter than the paper's speckle (two of
    these four read empty before the dots were counted). It goes to a person (or is a vote),
    never an empty box; blank boxes beside it stay empty."""
    image = blank.copy()
    for index in range(4):  # grey 215 on white: a sixth as dark as ink, 0.35 mm wide
        polyline(image, tick_points(box(layout, index)), 0.35, 215)
    result = read(dithered(scan(image, random.Random(11), 0.7, False), 150), context)
    got = states(result)
    assert Reason.BILEVEL_SCAN in result.reasons
    assert all(got[key(layout, i)] is not MarkState.EMPTY for i in range(4)), got
    assert all(got[key(layout, i)] is MarkState.EMPTY
               for i in range(4, len(layout.pages[0].targets)))


def test_a_stroke_from_the_name_or_the_box_below_goes_to_a_person_a_big_tick_is_a_vote(
        blank: np.ndarray, layout: Layout, context: ReadContext) -> None:
    """Ink that came into a box from outside: a doodle drawn from the candidate's name into
    the box, bending about in it like a tick (not straight, not flat) and out on the left;
    the tick of the box below, whose long arm runs up into this one. A person looks at both.
    A big tick whose long arm leaves at the top right, and a tick in the box below, are
    votes."""
    image = blank.copy()
    x, y, w, h = box(layout, 0)
    polyline(image, [(x + w + 5.0, y + 0.4 * h), (x + 0.8 * w, y + 0.3 * h),
                     (x + 0.3 * w, y + 0.75 * h), (x + 0.6 * w, y + 0.8 * h),
                     (x - 1.5, y + 0.55 * h)], 0.4, 40)
    polyline(image, tick_points(box(layout, 1), overshoot=3.0), 0.45, 30)
    bx, by, bw, bh = box(layout, 5)  # below box 2: its long arm reaches 2.5 mm into box 2
    polyline(image, [(bx + 0.15 * bw, by + 0.45 * bh), (bx + 0.4 * bw, by + 0.8 * bh),
                     (bx + 0.75 * bw, by - 3.0 - 2.5)], 0.45, 30)
    got = states(read(scan(image, random.Random(4), 0.7, False), context))
    assert got[key(layout, 0)] is MarkState.AMBIGUOUS
    assert got[key(layout, 1)] is MarkState.MARKED
    assert got[key(layout, 2)] is MarkState.AMBIGUOUS
    assert got[key(layout, 5)] is MarkState.MARKED


def test_a_very_light_tick_on_a_photo_is_never_read_empty(
        blank: np.ndarray, layout: Layout, context: ReadContext) -> None:
    """Pencil ticks of grey 230 and 238 on white (a tenth and a fifteenth as dark as ink),
    photographed by an 8 MP document camera and saved as JPEG: on the noisy photo no pixel
    of the lighter one stands above the paper's noise (it was read empty), but smoothed it is
    a stroke across the box. Both go to a person (or are votes); the blank boxes stay empty."""
    image = blank.copy()
    for index, grey in ((0, 230), (1, 238)):
        polyline(image, tick_points(box(layout, index)), 0.3, grey)
    photo = camera(image, random.Random(1), (3264, 2448))
    photo = cv2.imdecode(cv2.imencode(".jpg", photo, [cv2.IMWRITE_JPEG_QUALITY, 80])[1],
                         cv2.IMREAD_GRAYSCALE)
    got = states(read(photo, context))
    assert all(got[key(layout, i)] is not MarkState.EMPTY for i in range(2)), got
    assert all(got[key(layout, i)] is MarkState.EMPTY
               for i in range(2, len(layout.pages[0].targets)))


def test_a_light_tick_whose_short_arm_left_no_trace_is_a_vote(
        blank: np.ndarray, layout: Layout, context: ReadContext) -> None:
    """A light pencil tick (grey 180) pressed only on its long arm: the ink in the box is one
    straight stroke, but one that stays inside the box and stands across it (a ruled line or
    a tail passes through the outline and is thin). A vote; a ruled line through the box
    beside it still goes to a person."""
    image = blank.copy()
    x, y, w, h = box(layout, 0)
    polyline(image, [(x + 0.3 * w, y + 0.75 * h), (x + 0.75 * w, y + 0.3 * h)], 0.35, 180)
    x, y, w, h = box(layout, 1)
    polyline(image, [(x - 3.0, y + 0.55 * h), (x + w + 3.0, y + 0.45 * h)], 0.3, 40)
    got = states(read(scan(image, random.Random(6), 0.6, False), context))
    assert got[key(layout, 0)] is MarkState.MARKED
    assert got[key(layout, 1)] is MarkState.AMBIGUOUS
