"""The notice's bar chart per category: paper vs online, drawn with reportlab.graphics.

Paper and online votes differ by orders of magnitude (dozens of ballots, thousands of clicks),
so each bar is the candidate's share of its channel's votes in the category (%): both channels
on one axis, and the table beside it gives the votes themselves.
"""

from __future__ import annotations

from typing import Any

from desktop.core.ballots.fonts import ellipsize, register_ballot_font
from desktop.core.results_types import CategoryResult

MM = 72 / 25.4
CHART_WIDTH_MM = 170.0
CHART_ROW_MM = 7.0
CHART_BOTTOM_MM = 15.0  # value axis labels and the caption
CHART_TOP_MM = 9.0  # the legend
AXIS_STEP_PERCENT = 10
CHART_LABEL_MM = 46.0
CHART_FONT_PT = 7.5
#: The chart shows the first candidates of the ranking: the winners and a few more.
CHART_EXTRA_CANDIDATES = 3
CHART_MAX_CANDIDATES = 15
PAPER_COLOUR = (0.18, 0.36, 0.62)
ONLINE_COLOUR = (0.86, 0.52, 0.16)
PERCENT = 100


def _share(value: int, total: int) -> float:
    return PERCENT * value / total if total else 0.0


def _percent_label(value: float) -> str:
    return f"{value:.1f}%" if value else ""


def _legend(font: str, x: float, y: float, paper_total: int, online_total: int) -> Any:
    from reportlab.graphics.charts.legends import Legend
    from reportlab.lib.colors import Color

    legend = Legend()
    legend.fontName = font
    legend.fontSize = CHART_FONT_PT
    legend.alignment = "right"
    legend.columnMaximum = 1
    legend.x, legend.y = x, y
    legend.colorNamePairs = [
        (Color(*PAPER_COLOUR), f"纸质选票（共 {paper_total} 票）"),
        (Color(*ONLINE_COLOUR), f"网络投票（共 {online_total} 票）")]
    return legend


def charted(category: CategoryResult) -> int:
    """How many candidates (from the top of the ranking) the chart shows."""
    return min(len(category.candidates), category.winners + CHART_EXTRA_CANDIDATES,
               CHART_MAX_CANDIDATES)


def bar_chart(category: CategoryResult) -> Any:
    """A Drawing (a platypus flowable): horizontal bars, paper and online, top of the ranking."""
    from reportlab.graphics.charts.barcharts import HorizontalBarChart
    from reportlab.graphics.shapes import Drawing, String
    from reportlab.lib.colors import Color

    font = register_ballot_font()
    shown = list(category.candidates[:charted(category)])
    paper_total = sum(c.paper for c in category.candidates)
    online_total = sum(c.online_total for c in category.candidates)
    rows = max(len(shown), 1)
    height = (rows * CHART_ROW_MM + CHART_BOTTOM_MM + CHART_TOP_MM) * MM
    drawing = Drawing(CHART_WIDTH_MM * MM, height)
    drawing.initialFontName = font  # else the renderer starts with (non-embedded) Helvetica
    chart = HorizontalBarChart()
    chart.x = CHART_LABEL_MM * MM
    chart.y = (CHART_BOTTOM_MM - 3) * MM
    chart.width = (CHART_WIDTH_MM - CHART_LABEL_MM - 6) * MM
    chart.height = rows * CHART_ROW_MM * MM
    # The first row at the top: reportlab draws the first category at the bottom.
    shown.reverse()
    chart.data = [[_share(c.paper, paper_total) for c in shown] or [0],
                  [_share(c.online_total, online_total) for c in shown] or [0]]
    label_width = CHART_LABEL_MM - 4
    chart.categoryAxis.categoryNames = [
        ellipsize(f"{c.number} {c.name}", label_width, CHART_FONT_PT) for c in shown] or [""]
    chart.categoryAxis.labels.fontName = font
    chart.categoryAxis.labels.fontSize = CHART_FONT_PT
    chart.categoryAxis.labels.boxAnchor = "e"
    chart.valueAxis.labels.fontName = font
    chart.valueAxis.labels.fontSize = CHART_FONT_PT
    chart.valueAxis.valueMin = 0
    top = max((v for series in chart.data for v in series), default=0)
    chart.valueAxis.valueMax = min(PERCENT, AXIS_STEP_PERCENT * (int(top // AXIS_STEP_PERCENT) + 1))
    chart.valueAxis.valueStep = AXIS_STEP_PERCENT
    chart.barLabelFormat = _percent_label
    chart.barLabels.fontName = font
    chart.barLabels.fontSize = CHART_FONT_PT - 1
    chart.barLabels.boxAnchor = "w"
    chart.barLabels.dx = 2
    chart.valueAxis.labelTextFormat = "%d%%"
    chart.bars[0].fillColor = Color(*PAPER_COLOUR)
    chart.bars[1].fillColor = Color(*ONLINE_COLOUR)
    chart.bars.strokeWidth = 0
    chart.barSpacing = 0.5
    chart.groupSpacing = 3
    drawing.add(chart)
    drawing.add(_legend(font, chart.x, height - 3 * MM, paper_total, online_total))
    drawing.add(String(chart.x + chart.width, 0.5 * MM,
                       "占本奖项该渠道总票数的百分比（%）", fontName=font,
                       fontSize=CHART_FONT_PT, textAnchor="end"))
    return drawing
