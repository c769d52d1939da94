"""Decide what the measured ink means: each target's state, then each category's outcome.

Rules (thresholds in :class:`scanning.thresholds.MarkThresholds`, reasons in docs/scanning.md):
- a target is MARKED when its ink covers ``definite`` of the inner area (``light_definite``
  for a sharp-edged light stroke) and spans ``min_extent_mm`` (a tick, cross or circle
  crosses the box; a dot does not), unless :func:`classify` finds it is not a mark;
- AMBIGUOUS when it has ``marginal`` ink that is not a mark, ``faint_marginal`` light ink
  (faint pencil, a rubbed-out mark), ``trace_marginal`` very light ink spanning the box (seen
  on the box smoothed), or on a black-and-white scan dots ``dot_marginal`` denser than its
  paper: never silently empty;
- EMPTY otherwise.
A category with more marks than it allows is void on this page (nothing selected, OVERVOTE);
the other categories still count.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # annotations only: the mark states are read without OpenCV (scanning/__init__)
    from ballotformat import Layout, Page
    from scanning.measure import TargetInk
    from scanning.thresholds import MarkThresholds


class MarkState(StrEnum):
    MARKED = "marked"
    EMPTY = "empty"
    AMBIGUOUS = "ambiguous"


@dataclass(frozen=True)
class TargetReading:
    category: str
    #: The candidate's number as printed (and as in the layout JSON), e.g. "07".
    candidate: str
    state: MarkState
    #: The ink share the decision rests on (0..1), as shown on the debug image.
    score: float
    faint: float
    extent_mm: float
    box_mm: tuple[float, float, float, float]
    shift_mm: tuple[float, float]


@dataclass(frozen=True)
class CategoryResult:
    category: str
    max_marks: int
    #: Candidates that count (empty when the category is overvoted).
    selected: tuple[str, ...]
    #: Candidates with a clear mark, counted or not.
    marked: tuple[str, ...]
    ambiguous: tuple[str, ...]
    overvote: bool
    #: Fewer marks than allowed (a blank category is an undervote too).
    undervote: bool
    #: No mark and nothing ambiguous.
    blank: bool
    #: The category has targets on other pages too: the recording layer adds up the pages
    #: before it judges an overvote across the whole ballot.
    spans_pages: bool


def classify(ink: TargetInk, t: MarkThresholds) -> MarkState:
    """Ink spanning the box is a mark, unless

    - it is one straight stroke (a ruled line, a neighbour's tail, a slip of the pen; a tick,
      a cross and a circle are not straight; a straight stroke standing across the box that
      passes through no outline is a slash or a tick whose short arm left no trace), ink that
      runs out of the box along the row towards the name or the box below (a stroke that
      came from outside), or a stroke passing through the outline that is
      flat (an underline, a wavy line along the names), or ink entering and leaving the box
      far apart that stays low (a doodle across it);
    - light ink washes over much of the box (a grey smudge; a fill is a mark when it is dark,
      covers the box, or is made of sharp-edged strokes; a light tick when it is a stroke), or
      very light ink with soft edges covers more than a stroke does (a shadow's edge, a haze);
    - light ink with soft edges is mostly a faint haze around a little darker ink (a
      rubbed-out mark; a light pencil stroke has sharp edges, and a sharp light stroke spans
      the box with less ink than a dark one).
    Any other ink goes to a person, and so do the denser dots of a black-and-white scan
    (``dots``: a dithered light stroke the smoothing took for paper); no ink is empty."""
    strokes = ink.sharpness >= t.stroke_sharpness
    light_strokes = ink.sharpness >= t.light_stroke_sharpness
    light = ink.strength < t.dark_strength
    # A light stroke's ends fade: its paler ink says how far it reaches.
    reach = ink.faint_extent_mm if light and light_strokes else ink.extent_mm
    spans = reach >= t.min_extent_mm and (
        ink.ink >= t.definite or (light_strokes and ink.ink >= t.light_definite))
    slash = ink.crossing_mm < 0 and ink.breadth_mm >= t.slash_breadth_mm
    through = ((ink.straight and not slash)
               or (ink.crossing_mm >= 0 and ink.breadth_mm <= t.flat_mm)
               or (ink.crossing_mm >= t.through_span_mm and ink.breadth_mm <= t.doodle_mm)
               or (ink.runs_out_mm >= t.run_out_mm and ink.run_slope <= t.run_slope_max))
    fill = (ink.ink >= t.fill_share and ink.strength >= t.fill_strength
            and ink.sharpness >= t.fill_sharpness)
    wash = light and ink.ink >= t.wash_share and not strokes and not fill
    haze = ink.strength < t.faint_strength and ink.ink >= t.haze_share and not strokes
    smear = (light and ink.faint >= t.smear_share and ink.faint >= t.diffuse_ratio * ink.ink
             and not light_strokes)
    if spans and not through and not wash and not haze and not smear:
        return MarkState.MARKED
    if ink.ink >= t.marginal or ink.faint >= t.faint_marginal or ink.dots >= t.dot_marginal \
            or (ink.trace >= t.trace_marginal and ink.trace_extent_mm >= t.min_extent_mm):
        return MarkState.AMBIGUOUS
    return MarkState.EMPTY


def read_targets(page: Page, inks: Sequence[TargetInk], t: MarkThresholds
                 ) -> tuple[TargetReading, ...]:
    return tuple(
        TargetReading(target.category, target.candidate, classify(ink, t), round(ink.ink, 4),
                      round(ink.faint, 4), round(ink.extent_mm, 2), target.box_mm,
                      (round(ink.shift_mm[0], 2), round(ink.shift_mm[1], 2)))
        for target, ink in zip(page.targets, inks, strict=True)
    )


def categories_of(layout: Layout, page: Page, readings: Sequence[TargetReading]
                  ) -> tuple[CategoryResult, ...]:
    """Per category on this page, in ballot order."""
    elsewhere = {t.category for p in layout.pages if p.page != page.page for t in p.targets}
    results = []
    for category, max_marks in layout.categories:
        mine = [r for r in readings if r.category == category]
        if not mine:
            continue
        marked = tuple(r.candidate for r in mine if r.state is MarkState.MARKED)
        ambiguous = tuple(r.candidate for r in mine if r.state is MarkState.AMBIGUOUS)
        overvote = len(marked) > max_marks
        results.append(CategoryResult(
            category, max_marks, () if overvote else marked, marked, ambiguous, overvote,
            len(marked) < max_marks, not marked and not ambiguous, category in elsewhere))
    return tuple(results)
