"""What a voter draws on one page, and what a careful person reads from it.

Every drawing is an :class:`Element`: strokes with one pen, owned by a target (its own mark)
or by none (an underline, a margin note). After drawing, the page's truth follows from where
the ink lies, measured against every printed box:

- a box with its own clear mark (√ ×  ○, a fill) is ``marked``, whatever else crosses it;
- a box with its own doubtful mark (a dot, a rubbed-out mark, a light smudge, a half-hearted
  tiny tick) or crossed by ink from outside (a neighbour's tail, an underline running through
  it) with no mark of its own is ``ambiguous``;
- every other box is ``empty``: ink near it (an underline under the name, a margin note, a tick
  tail leaving its own box) keeps at least ``CLEAR_MM`` away from its border.

Ink that would come between (touching a border, grazing in less than ``CROSS_MIN_MM``) is drawn
again elsewhere: the truth never rests on a hair's breadth.
"""

from __future__ import annotations

import math
import random
from dataclasses import dataclass, field

import numpy as np

from ballotformat import Layout, Page, Target
from tests.scanning.independent import ink
from tests.scanning.independent.ink import Pen, Stroke

MARKED, AMBIGUOUS, EMPTY = "marked", "ambiguous", "empty"
#: A drawn mark (clear or doubtful) that the acquisition lost: nothing of it is seen on the
#: image (set by the generator from the image, never by the plan; see :mod:`.visible`).
UNSEEN = "unseen"
#: Ink from outside a box must reach this far inside the border to count as crossing it.
CROSS_MIN_MM = 1.2
#: Ink near a box it does not cross keeps this far from the border.
CLEAR_MM = 1.0
#: Writing keeps this far from the registration marks and the QR code.
PRINTED_CODE_CLEAR_MM = 5.0
#: Share of pages with something a careful person would look at twice.
DOUBTFUL_PAGE_SHARE = 0.35
#: Share of pages with ink near boxes but in none (underlines, notes).
NEAR_INK_PAGE_SHARE = 0.5
TRIES = 6
#: Doubtful marks are drawn with pens at least this dense (a light pencil's dot would vanish).
DOUBT_MIN_DENSITY = 0.5
#: A pencil dot is pressed out a little wider (the grain eats a small one).
PENCIL_DOT_EXTRA_MM = 0.2
#: The smallest dot, in image pixels: smaller ones a person could not see on the image.
MIN_DOT_PX = 3.0

CLEAR_KINDS = ("tick", "tick", "tick", "big_tick", "cross", "circle", "fill")
DOUBTFUL_KINDS = ("dot", "erased", "smudge", "tiny_tick", "underline_through", "tail_into",
                  "scribble_through")
#: Doubtful marks that a 1-bit (thresholded) scan would wipe out: not drawn for such scans.
FAINT_KINDS = frozenset({"erased", "smudge"})
NEAR_KINDS = ("underline_clear", "margin_note", "circled_name")


@dataclass
class Element:
    kind: str
    pen: Pen
    strokes: list[Stroke]
    #: The target whose mark this is (``category|number``), None for stray ink.
    owner: str | None = None
    #: MARKED or AMBIGUOUS for its owner.
    effect: str = MARKED
    fade: float = 1.0
    smear_mm: float = 0.0


@dataclass
class PagePlan:
    elements: list[Element] = field(default_factory=list)
    truth: dict[str, str] = field(default_factory=dict)
    drawn: dict[str, str] = field(default_factory=dict)


def key(target: Target) -> str:
    return f"{target.category}|{target.candidate}"


def _centre(box: tuple[float, float, float, float]) -> tuple[float, float]:
    return box[0] + box[2] / 2, box[1] + box[3] / 2


def _place(shape: list[tuple[float, float]], size: float, angle_deg: float,
           at: tuple[float, float]) -> list[tuple[float, float]]:
    a = math.radians(angle_deg)
    c, s = math.cos(a), math.sin(a)
    return [(at[0] + size * (x * c - y * s), at[1] + size * (x * s + y * c)) for x, y in shape]


def _tick_path(size: float, angle: float, at: tuple[float, float], rng: random.Random,
               arm: float = 1.0) -> list[list[tuple[float, float]]]:
    """A √: a short arm down, then a long arm up to the right (one stroke or two)."""
    bottom = (rng.uniform(-0.12, 0.0), rng.uniform(0.25, 0.35))
    short = (rng.uniform(-0.42, -0.3), rng.uniform(-0.05, 0.1))
    long_ = (bottom[0] + 0.55 * arm, bottom[1] - 0.85 * arm)
    bend = ((bottom[0] + long_[0]) / 2 + rng.uniform(-0.05, 0.05),
            (bottom[1] + long_[1]) / 2 + rng.uniform(0.0, 0.08))
    path = _place([short, bottom, bend, long_], size, angle, at)
    if rng.random() < 0.25:
        return [path[:2], path[1:]]
    return [path]


def _ellipse(rx: float, ry: float, at: tuple[float, float], rng: random.Random,
             sweep_deg: float) -> list[tuple[float, float]]:
    start = rng.uniform(0, 2 * math.pi)
    ts = np.linspace(start, start + math.radians(sweep_deg), 48)
    wobble = 1 + 0.06 * np.sin(ts * rng.uniform(1.5, 3.5) + rng.uniform(0, 6))
    return [(at[0] + rx * w * math.cos(t), at[1] + ry * w * math.sin(t))
            for t, w in zip(ts, wobble, strict=True)]


def _zigzag(box: tuple[float, float, float, float], passes: int, rng: random.Random,
            inset: float) -> list[tuple[float, float]]:
    x, y, w, h = box
    pts = []
    for i in range(passes):
        yy = y + inset + (h - 2 * inset) * i / max(passes - 1, 1) + rng.uniform(-0.2, 0.2)
        left = x + inset + rng.uniform(-0.3, 0.4)
        right = x + w - inset + rng.uniform(-0.4, 0.3)
        pts += [(left, yy), (right, yy + rng.uniform(-0.3, 0.3))] if i % 2 == 0 else \
            [(right, yy), (left, yy + rng.uniform(-0.3, 0.3))]
    return pts


def _name_of(page: Page, target: Target) -> tuple[float, float, float]:
    """The candidate's name beside the box: left x, baseline, width (mm)."""
    x, y, w, h = target.box_mm
    names = [t for t in page.texts if t.role == "name" and t.x_mm > x + w
             and abs(t.baseline_mm - (y + 0.42 * h)) < 1.5]
    text = min(names, key=lambda t: t.x_mm) if names else None
    if text is None:
        return x + w + 8.0, y + 0.42 * h, 20.0
    return text.x_mm, text.baseline_mm, text.width_mm


def clear_mark(kind: str, target: Target, pen: Pen, rng: random.Random) -> Element:
    box = target.box_mm
    cx, cy = _centre(box)
    at = (cx + rng.uniform(-0.5, 0.5), cy + rng.uniform(-0.5, 0.5))
    if kind == "tick":
        paths = _tick_path(rng.uniform(3.5, 6.5), rng.uniform(-20, 25), at, rng)
    elif kind == "big_tick":  # its long arm leaves the box at the top right
        paths = _tick_path(rng.uniform(6.5, 9.5), rng.uniform(-15, 15),
                           (cx - 0.6, cy + 0.4), rng, arm=rng.uniform(1.0, 1.25))
    elif kind == "cross":
        size = rng.uniform(3.5, 6.5) / 2
        tilt = rng.uniform(-15, 15)
        paths = [_place([(-1, -1), (1, 1)], size * rng.uniform(0.9, 1.1), tilt, at),
                 _place([(1, -1), (-1, 1)], size * rng.uniform(0.9, 1.1), tilt, at)]
    elif kind == "circle":  # inside the box: a ○ on the border line would hide in it
        r = rng.uniform(1.4, 2.3)
        at = (cx + rng.uniform(-0.3, 0.3), cy + rng.uniform(-0.3, 0.3))
        paths = [_ellipse(r * rng.uniform(0.85, 1.1), r, at, rng, rng.uniform(330, 400))]
    else:  # fill: a scribble over the whole box
        paths = [_zigzag(box, rng.randint(6, 12), rng, rng.uniform(0.6, 1.2))]
    strokes = [ink.stroke(pen, path, rng) for path in paths]
    return Element(kind, pen, strokes, key(target), MARKED)


def doubtful_mark(kind: str, page: Page, target: Target, pen: Pen, rng: random.Random,
                  below: Target | None, image_px_per_mm: float) -> Element:
    """Something in or across ``target``'s box that a careful person looks at twice."""
    box = target.box_mm
    cx, cy = _centre(box)
    at = (cx + rng.uniform(-1.2, 1.2), cy + rng.uniform(-1.2, 1.2))
    if pen.density[1] < DOUBT_MIN_DENSITY:  # a light pencil's dot or residue would not show
        pen = ink.PENS["pencil_hb"]
    if kind == "dot":
        smallest = max(0.05, (MIN_DOT_PX / image_px_per_mm - pen.width_mm[1]) / 2)
        r = rng.uniform(smallest, max(smallest, 0.25) + 0.1)  # with the pen's width: a blob
        r += PENCIL_DOT_EXTRA_MM if pen.grain else 0.0
        path = _ellipse(r, r * rng.uniform(0.7, 1.0), at, rng, 360)
        return Element(kind, pen, [ink.stroke(pen, path, rng, 1.0, 0.9)], key(target), AMBIGUOUS)
    if kind == "tiny_tick":
        paths = _tick_path(rng.uniform(1.2, 2.0), rng.uniform(-20, 20), at, rng)
        return Element(kind, pen, [ink.stroke(pen, p, rng) for p in paths], key(target),
                       AMBIGUOUS)
    if kind == "erased":
        paths = _tick_path(rng.uniform(3.5, 6.0), rng.uniform(-20, 20), (cx, cy), rng)
        return Element(kind, pen, [ink.stroke(pen, p, rng) for p in paths], key(target),
                       AMBIGUOUS, fade=rng.uniform(0.22, 0.4), smear_mm=rng.uniform(0.15, 0.35))
    if kind == "smudge":
        r = rng.uniform(1.2, 2.2)
        paths = [_zigzag((at[0] - r, at[1] - r * 0.7, 2 * r, 1.4 * r), 5, rng, 0.2)]
        strokes = [ink.stroke(pen, p, rng) for p in paths]
        return Element(kind, ink.PENS["pencil_2b"], strokes, key(target), AMBIGUOUS,
                       fade=rng.uniform(0.4, 0.6), smear_mm=rng.uniform(0.3, 0.5))
    if kind == "underline_through":  # an underline of the name that starts left of the box
        left, base, width = _name_of(page, target)
        yy = cy + rng.uniform(-1.2, 1.8)
        path = [(box[0] - rng.uniform(0.5, 2.0), yy), (left + width * rng.uniform(0.4, 1.0),
                                                       yy + rng.uniform(-0.6, 0.6))]
        return Element(kind, pen, [ink.stroke(pen, path, rng, 1.0, 0.6)], None, AMBIGUOUS)
    if kind == "tail_into" and below is not None:  # the box below's tick runs up into this one
        bx, by = _centre(below.box_mm)
        reach = rng.uniform(1.7, 3.5)  # mm into this box past its bottom border
        top = box[1] + box[3] - reach
        paths = [[(bx - 2.0, by + 0.2), (bx - 0.6, by + 2.0),
                  (bx + (by + 2.0 - top) * rng.uniform(0.12, 0.28), top)]]
        strokes = [ink.stroke(pen, p, rng) for p in paths]
        return Element(kind, pen, strokes, key(below), MARKED)
    # scribble_through: a doodle from the name across the box
    left, base, _width = _name_of(page, target)
    pts = [(left + rng.uniform(2, 6), base - rng.uniform(0, 3))]
    pts += [(cx + rng.uniform(-1.5, 1.5), cy + rng.uniform(-1.5, 1.5)) for _ in range(3)]
    pts.append((box[0] - rng.uniform(0.5, 2.5), cy + rng.uniform(-2.5, 2.5)))
    return Element("scribble_through", pen, [ink.stroke(pen, pts, rng)], None, AMBIGUOUS)


def near_ink(kind: str, layout: Layout, page: Page, rng: random.Random, pen: Pen) -> Element:
    """Ink that stays clear of every box: an underline, a note in the margin, a circled name."""
    target = rng.choice(page.targets)
    left, base, width = _name_of(page, target)
    if kind == "underline_clear":
        yy = base + rng.uniform(0.6, 1.3)
        path = [(left + rng.uniform(-0.3, 1.0), yy),
                (left + width * rng.uniform(0.6, 1.05), yy + rng.uniform(-0.4, 0.4))]
        return Element(kind, pen, [ink.stroke(pen, path, rng, 1.0, 0.6)], None, EMPTY)
    if kind == "circled_name":
        at = (left + width / 2, base - 1.3)
        path = _ellipse(width / 2 + rng.uniform(0.5, 1.5), rng.uniform(2.4, 3.0), at, rng,
                        rng.uniform(340, 380))
        return Element(kind, pen, [ink.stroke(pen, path, rng)], None, EMPTY)
    width_mm, height_mm = layout.page_size_mm
    x = rng.choice((rng.uniform(0.5, 4.0), rng.uniform(width_mm - 9.0, width_mm - 6.0)))
    y = rng.uniform(70, height_mm - 40)
    pts = [(x + rng.uniform(0, 3.5), y + i * rng.uniform(0.8, 1.6)) for i in range(12)]
    return Element("margin_note", pen, [ink.stroke(pen, pts, rng)], None, EMPTY)


def _reach(element: Element, box: tuple[float, float, float, float]) -> float:
    """How far the ink reaches into ``box`` (mm; negative: its gap outside the border)."""
    best = -math.inf
    x, y, w, h = box
    for s in element.strokes:
        px, py = s.points_mm[:, 0], s.points_mm[:, 1]
        inside = np.minimum.reduce([px - x, x + w - px, py - y, y + h - py])
        ox = np.maximum.reduce([x - px, np.zeros_like(px), px - x - w])
        oy = np.maximum.reduce([y - py, np.zeros_like(py), py - y - h])
        signed = np.where(inside > 0, inside, -np.hypot(ox, oy))
        best = max(best, float((signed + s.half_width_mm).max()))
    return best


def _touches(element: Element, page: Page, layout: Layout) -> dict[str, float] | None:
    """Reach into each foreign box; None when some ink comes between clear and crossing or
    near a registration mark or the QR code."""
    reaches = {}
    for target in page.targets:
        if key(target) == element.owner:
            continue
        r = _reach(element, target.box_mm)
        if -CLEAR_MM < r < CROSS_MIN_MM:
            return None
        if r >= CROSS_MIN_MM:
            reaches[key(target)] = r
    guarded = [m.box_mm for m in layout.registration_marks] + [layout.qr.box_mm]
    if any(_reach(element, b) > -PRINTED_CODE_CLEAR_MM for b in guarded):
        return None
    width, height = layout.page_size_mm
    if any(((s.points_mm < 0.5) | (s.points_mm > (width - 0.5, height - 0.5))).any()
           for s in element.strokes):
        return None
    return reaches


def plan_page(layout: Layout, page: Page, votes: set[str], pens: list[Pen],
              rng: random.Random, faint_ok: bool, image_px_per_mm: float) -> PagePlan:
    """The marks on one page: ``votes`` (keys) get clear marks; then doubtful and stray ink."""
    plan = PagePlan(truth={key(t): EMPTY for t in page.targets})
    crossed: set[str] = set()
    by_key = {key(t): t for t in page.targets}

    def pen() -> Pen:
        return pens[0] if rng.random() < 0.85 else rng.choice(pens)

    def accept(element: Element, allow_crossing: bool) -> bool:
        reaches = _touches(element, page, layout)
        if reaches is None or (reaches and not allow_crossing):
            return False
        if any(plan.truth[k] == MARKED for k in reaches) and element.owner is None:
            return False  # stray ink over a vote: keep the doubt on empty boxes only
        plan.elements.append(element)
        crossed.update(reaches)
        if element.owner is not None:
            plan.truth[element.owner] = element.effect
            plan.drawn[element.owner] = f"{element.kind}/{element.pen.name}"
        return True

    for k in sorted(votes):
        target = by_key[k]
        for _ in range(TRIES):
            if accept(clear_mark(rng.choice(CLEAR_KINDS), target, pen(), rng), False):
                break
        else:
            accept(clear_mark("tick", target, pen(), rng), True)
    if rng.random() < DOUBTFUL_PAGE_SHARE:
        kinds = [k for k in DOUBTFUL_KINDS if faint_ok or k not in FAINT_KINDS]
        for _ in range(rng.randint(1, 3)):
            free = [t for t in page.targets if plan.truth[key(t)] == EMPTY and key(t) not in
                    crossed]
            if not free:
                break
            target = rng.choice(free)
            kind = rng.choice(kinds)
            below = _box_below(page, target)
            if kind == "tail_into" and (below is None or plan.truth[key(below)] != EMPTY):
                kind = "dot"
            for _ in range(TRIES):
                element = doubtful_mark(kind, page, target, pen(), rng, below, image_px_per_mm)
                if accept(element, True):
                    if element.owner != key(target) and key(target) not in crossed:
                        continue  # the stray ink missed the box it was meant for: try again
                    break
    if rng.random() < NEAR_INK_PAGE_SHARE:
        for _ in range(rng.randint(1, 3)):
            kind = rng.choice(NEAR_KINDS)
            for _ in range(TRIES):
                if accept(near_ink(kind, layout, page, rng, pen()), False):
                    break
    for k in crossed:
        if plan.truth[k] == EMPTY:
            plan.truth[k] = AMBIGUOUS
            plan.drawn[k] = "crossed"
    return plan


def _box_below(page: Page, target: Target) -> Target | None:
    x, y, _w, h = target.box_mm
    return next((t for t in page.targets if abs(t.box_mm[0] - x) < 0.5
                 and 0 < t.box_mm[1] - y < 2 * h), None)
