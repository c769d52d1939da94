"""A small horizontal bar chart drawn with QPainter (QtCharts is not shipped with
PySide6-Essentials).

One row per item (a candidate), one bar per series (paper, online). Each bar's length is the
item's share of its series' total, as in the notice: paper and online differ by orders of
magnitude, so raw lengths would hide one of them. The figure itself is written after the bar.
Labels are drawn with the widget's font, which is the app's Chinese UI font.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFont, QFontMetrics, QPainter, QPaintEvent
from PySide6.QtWidgets import QSizePolicy, QWidget

ROW_GAP_PX = 6
BAR_HEIGHT_PX = 9
LABEL_MAX_WIDTH_PX = 140
VALUE_WIDTH_PX = 46
VALUE_MIN_PX = 9
MARGIN_PX = 8
LEGEND_HEIGHT_PX = 22
GRID_COLOUR = QColor("#dddddd")
TEXT_COLOUR = QColor("#333333")


@dataclass(frozen=True)
class Series:
    name: str
    colour: QColor
    values: tuple[int, ...]
    #: The whole channel's total (all candidates, not only those drawn); default: the sum.
    channel_total: int | None = None

    @property
    def total(self) -> int:
        return sum(self.values) if self.channel_total is None else self.channel_total


@dataclass(frozen=True)
class Bar:
    """One drawn bar: the item, the series, the figure and the share drawn (0…1)."""

    item: str
    series: str
    value: int
    share: float


class BarChart(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.items: tuple[str, ...] = ()
        self.series: tuple[Series, ...] = ()
        self.empty_text = ""
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setMinimumHeight(120)

    def set_data(self, items: list[str], series: list[Series], empty_text: str = "") -> None:
        self.items, self.series, self.empty_text = tuple(items), tuple(series), empty_text
        self.updateGeometry()
        self.update()

    def bars(self) -> list[Bar]:
        """What is drawn, in drawing order (for tests and tooltips)."""
        largest = max((max(s.values, default=0) / s.total for s in self.series if s.total),
                      default=0.0)
        bars = []
        for row, item in enumerate(self.items):
            for s in self.series:
                value = s.values[row] if row < len(s.values) else 0
                share = value / s.total / largest if s.total and largest else 0.0
                bars.append(Bar(item, s.name, value, share))
        return bars

    def sizeHint(self) -> QSize:
        row = BAR_HEIGHT_PX * max(len(self.series), 1) + ROW_GAP_PX
        return QSize(360, LEGEND_HEIGHT_PX + 2 * MARGIN_PX + row * max(len(self.items), 3))

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.fillRect(self.rect(), Qt.GlobalColor.white)
        metrics = QFontMetrics(self.font())
        if not any(s.total for s in self.series):
            painter.setPen(TEXT_COLOUR)
            painter.drawText(self.rect(), Qt.AlignmentFlag.AlignCenter, self.empty_text)
            painter.end()
            return
        self._legend(painter, metrics)
        label_width = min(LABEL_MAX_WIDTH_PX, max(
            (metrics.horizontalAdvance(item) for item in self.items), default=0) + 6)
        left = MARGIN_PX + label_width
        width = max(self.width() - left - VALUE_WIDTH_PX - MARGIN_PX, 10)
        top = LEGEND_HEIGHT_PX + MARGIN_PX
        row_height = max((self.height() - top - MARGIN_PX) / max(len(self.items), 1),
                         float(metrics.height()))
        bar_height = min(BAR_HEIGHT_PX * 2.0, (row_height - ROW_GAP_PX) / max(len(self.series),
                                                                               1))
        painter.setPen(GRID_COLOUR)
        painter.drawLine(left, top, left, int(top + row_height * len(self.items)))
        value_font = QFont(self.font())
        value_font.setPixelSize(max(int(bar_height) + 1, VALUE_MIN_PX))
        bars = iter(self.bars())
        for row, item in enumerate(self.items):
            y = top + row * row_height
            block = bar_height * len(self.series)
            painter.setPen(TEXT_COLOUR)
            text = metrics.elidedText(item, Qt.TextElideMode.ElideRight, label_width - 6)
            painter.drawText(QRectF(MARGIN_PX, y, label_width - 6, block),
                             Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter, text)
            for index, s in enumerate(self.series):
                bar = next(bars)
                rect = QRectF(left, y + index * bar_height, max(width * bar.share, 1.0),
                              bar_height - 1)
                painter.fillRect(rect, s.colour)
                painter.setPen(TEXT_COLOUR)
                painter.setFont(value_font)
                centre = rect.center().y()
                painter.drawText(QRectF(rect.right() + 3, centre - bar_height, VALUE_WIDTH_PX,
                                        2 * bar_height), Qt.AlignmentFlag.AlignVCenter,
                                 str(bar.value))
                painter.setFont(self.font())
        painter.end()

    def _legend(self, painter: QPainter, metrics: QFontMetrics) -> None:
        x = float(MARGIN_PX)
        for s in self.series:
            painter.fillRect(QRectF(x, MARGIN_PX / 2 + 4, 12, 12), s.colour)
            painter.setPen(TEXT_COLOUR)
            painter.drawText(QRectF(x + 16, MARGIN_PX / 2, 400, LEGEND_HEIGHT_PX - 4),
                             Qt.AlignmentFlag.AlignVCenter, s.name)
            x += 16 + metrics.horizontalAdvance(s.name) + 18
