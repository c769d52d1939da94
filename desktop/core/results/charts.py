"""The notice's bar chart per category, drawn with reportlab.graphics.

Two panels side by side, one row per candidate: paper ballots on the left, online votes on the
right, each on its own axis of votes (dozens of ballots and thousands of clicks cannot share
one). A paper bar is labelled with its votes and the share of the category's counted ballots
that chose the candidate ("14 票 · 48.3%": chosen on 14 of 29 ballots); an online bar with its
votes. The chart shows the top of the ranking, never cutting through a tie (see
:func:`charted`); candidates whose combined figure is zero are left to the annex.
"""

from __future__ import annotations

from typing import Any

from ballotformat.fonts import ellipsize, register_ballot_font
from desktop.core.results.combine import CandidateResult
from desktop.core.results.types import CategoryResult

MM = 72 / 25.4
CHART_WIDTH_MM = 170.0
CHART_ROW_MM = 5.0
CHART_BOTTOM_MM = 6.0  # the value axis labels
CHART_TOP_MM = 6.0  # the panel titles
CHART_LABEL_MM = 44.0
PANEL_GAP_MM = 8.0
BAR_LABEL_MM = 20.0  # room right of the longest bar for its label
CHART_FONT_PT = 7.5
#: The chart shows the winners and a few more: never more than the maximum, except that
#: candidates tied at the cut are shown together or not at all.
CHART_EXTRA_CANDIDATES = 3
CHART_MAX_CANDIDATES = 15
#: The value axis has at most this many steps (1, 2, 5, 10, 20, 50… votes each).
AXIS_STEPS = 5
PAPER_COLOUR = (0.18, 0.36, 0.62)
ONLINE_COLOUR = (0.86, 0.52, 0.16)
PERCENT = 100


def charted(category: CategoryResult) -> list[CandidateResult]:
    """The candidates the chart shows, from the top of the ranking: the winners and
    ``CHART_EXTRA_CANDIDATES`` more, up to ``CHART_MAX_CANDIDATES``; a tie at that cut is
    shown whole when it fits, else left out whole; a combined figure of zero is not shown."""
    ranked = [c for c in category.candidates if c.combined > 0]
    count = min(len(ranked), category.winners + CHART_EXTRA_CANDIDATES, CHART_MAX_CANDIDATES)
    if 0 < count < len(ranked) and ranked[count].combined == ranked[count - 1].combined:
        at_cut = ranked[count - 1].combined
        end = count
        while end < len(ranked) and ranked[end].combined == at_cut:
            end += 1
        start = count - 1
        while start > 0 and ranked[start - 1].combined == at_cut:
            start -= 1
        count = end if end <= CHART_MAX_CANDIDATES else start
    return ranked[:count]


def share_of_ballots(votes: int, ballots: int) -> float:
    """Percent of the counted ballots that chose the candidate."""
    return PERCENT * votes / ballots if ballots else 0.0


def paper_label(votes: int, ballots: int) -> str:
    """A paper bar's label: votes and the share of ballots ("14 票 · 48.3%")."""
    return f"{votes} 票 · {share_of_ballots(votes, ballots):.1f}%" if votes else ""


def online_label(votes: int) -> str:
    return f"{votes} 票" if votes else ""


def axis_step(top: int) -> int:
    """A round step (1, 2, 5, 10, 20, 50…) giving at most ``AXIS_STEPS`` steps up to ``top``."""
    step = 1
    while True:
        for factor in (1, 2, 5):
            if top <= step * factor * AXIS_STEPS:
                return step * factor
        step *= 10


def _panel(font: str, x: float, width: float, rows: int, values: list[int],
           labels: list[str], colour: tuple[float, float, float]) -> Any:
    from reportlab.graphics.charts.barcharts import HorizontalBarChart
    from reportlab.lib.colors import Color

    chart = HorizontalBarChart()
    chart.x, chart.y = x, CHART_BOTTOM_MM * MM
    chart.width, chart.height = width, rows * CHART_ROW_MM * MM
    chart.data = [values or [0]]
    top = max(values, default=0)
    step = axis_step(top)
    chart.valueAxis.valueMin = 0
    chart.valueAxis.valueMax = step * max(1, -(-top // step))
    chart.valueAxis.valueStep = step
    chart.valueAxis.labels.fontName = font
    chart.valueAxis.labels.fontSize = CHART_FONT_PT
    chart.valueAxis.labelTextFormat = "%d"
    chart.categoryAxis.categoryNames = [""] * max(rows, 1)
    chart.categoryAxis.labels.fontName = font
    chart.categoryAxis.visibleTicks = False
    chart.barLabelFormat = "values"
    chart.barLabelArray = [labels or [""]]
    chart.barLabels.fontName = font
    chart.barLabels.fontSize = CHART_FONT_PT - 1
    chart.barLabels.boxAnchor = "w"
    chart.barLabels.dx = 2
    chart.bars[0].fillColor = Color(*colour)
    chart.bars.strokeWidth = 0
    chart.barWidth = 1
    chart.groupSpacing = 0.6
    return chart


def bar_chart(category: CategoryResult) -> Any:
    """A Drawing (a platypus flowable) of :func:`charted`'s candidates; the online panel only
    when the category has online votes."""
    from reportlab.graphics.shapes import Drawing, String

    font = register_ballot_font()
    shown = charted(category)
    rows = max(len(shown), 1)
    height = (rows * CHART_ROW_MM + CHART_BOTTOM_MM + CHART_TOP_MM) * MM
    drawing = Drawing(CHART_WIDTH_MM * MM, height)
    drawing.initialFontName = font  # else the renderer starts with (non-embedded) Helvetica
    # The first row at the top: reportlab draws the first category at the bottom.
    shown.reverse()
    panels = [(f"纸质选票（有效票 {category.valid} 张；票数 · 占有效票比例）",
               [c.paper for c in shown], [paper_label(c.paper, category.valid) for c in shown],
               PAPER_COLOUR)]
    online_total = sum(c.online_total for c in category.candidates)
    if online_total:
        panels.append((f"网络投票（共 {online_total} 票）", [c.online_total for c in shown],
                       [online_label(c.online_total) for c in shown], ONLINE_COLOUR))
    left = CHART_LABEL_MM * MM
    width = ((CHART_WIDTH_MM - CHART_LABEL_MM - PANEL_GAP_MM * (len(panels) - 1)) / len(panels)
             - BAR_LABEL_MM) * MM
    for title, values, labels, colour in panels:
        drawing.add(_panel(font, left, width, rows, values, labels, colour))
        drawing.add(String(left, height - 4 * MM, title, fontName=font, fontSize=CHART_FONT_PT))
        left += width + (BAR_LABEL_MM + PANEL_GAP_MM) * MM
    for row, c in enumerate(shown):
        y = (CHART_BOTTOM_MM + (row + 0.5) * CHART_ROW_MM) * MM - CHART_FONT_PT / 3
        drawing.add(String(CHART_LABEL_MM * MM - 2 * MM, y,
                           ellipsize(f"{c.number} {c.name}", CHART_LABEL_MM - 4, CHART_FONT_PT),
                           fontName=font, fontSize=CHART_FONT_PT, textAnchor="end"))
    return drawing
