"""A zoomable picture of a scanned sheet with its targets outlined.

The picture fills the view until the user zooms (Ctrl + wheel, or :meth:`zoom_by`); outlines
are items over the pixmap, coloured by what the reader or a person made of each target, and the
current target is drawn thicker and kept in sight. In picking mode (:meth:`set_picking`) a left
click on the picture is a point (``pointPicked``, in the picture's pixels) instead of a drag.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from PySide6.QtCore import QPointF, QRectF, Qt, Signal
from PySide6.QtGui import (
    QBrush,
    QColor,
    QFont,
    QImage,
    QMouseEvent,
    QPainter,
    QPen,
    QPixmap,
    QPolygonF,
    QResizeEvent,
    QWheelEvent,
)
from PySide6.QtWidgets import (
    QFrame,
    QGraphicsPixmapItem,
    QGraphicsPolygonItem,
    QGraphicsScene,
    QGraphicsSimpleTextItem,
    QGraphicsView,
    QWidget,
)

from desktop.ui.models.review_models import Outline, TargetKey

#: Outline colours (the legend on the review page uses the same).
OUTLINE_COLOURS = {
    Outline.UNCLEAR: QColor("#ff8f00"),
    Outline.MARKED: QColor("#2e7d32"),
    Outline.EMPTY: QColor("#9e9e9e"),
    Outline.DECIDED: QColor("#1565c0"),
}
#: Pen widths in screen pixels (cosmetic: the same at every zoom).
OUTLINE_WIDTH_PX = 2.0
CURRENT_WIDTH_PX = 4.5
FILL_ALPHA = 60
ZOOM_STEP = 1.25
MAX_ZOOM = 12.0
TICK = "✓"
#: A picked point: a cross this many screen pixels across, in this colour.
PICK_MARKER_PX = 14.0
PICK_COLOUR = QColor("#d81b60")


@dataclass(frozen=True)
class OutlineSpec:
    key: TargetKey
    points: Sequence[tuple[float, float]]
    outline: Outline
    #: A person decided the target marked: a tick beside the blue box.
    ticked: bool = False


class SheetView(QGraphicsView):
    pointPicked = Signal(float, float)  # picture pixels, in picking mode

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setScene(QGraphicsScene(self))
        self.setRenderHints(QPainter.RenderHint.Antialiasing
                            | QPainter.RenderHint.SmoothPixmapTransform)
        self.setDragMode(QGraphicsView.DragMode.ScrollHandDrag)
        self.setTransformationAnchor(QGraphicsView.ViewportAnchor.AnchorUnderMouse)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setBackgroundBrush(QColor("#e0e0e0"))
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # the page's keys, not scrolling
        self.pixmap_item: QGraphicsPixmapItem | None = None
        #: The outline items by target, for the current picture.
        self.outline_items: dict[TargetKey, QGraphicsPolygonItem] = {}
        self._ticks: list[QGraphicsSimpleTextItem] = []
        self._current: TargetKey | None = None
        self._fitted = True
        self._picking = False
        self._markers: list[QGraphicsSimpleTextItem] = []

    # -- content -------------------------------------------------------------------------------
    def set_image(self, image: QImage | None) -> None:
        """A new sheet: the picture (None: nothing to show), fitted to the view."""
        self.scene().clear()
        self.outline_items, self._ticks, self._current = {}, [], None
        self._markers = []
        self.pixmap_item = None
        if image is not None and not image.isNull():
            self.pixmap_item = self.scene().addPixmap(QPixmap.fromImage(image))
            self.pixmap_item.setTransformationMode(Qt.TransformationMode.SmoothTransformation)
            self.scene().setSceneRect(QRectF(self.pixmap_item.boundingRect()))
        self.fit()

    def set_outlines(self, outlines: Iterable[OutlineSpec]) -> None:
        for item in [*self.outline_items.values(), *self._ticks]:
            self.scene().removeItem(item)
        self.outline_items, self._ticks = {}, []
        if self.pixmap_item is None:
            return
        for spec in outlines:
            colour = OUTLINE_COLOURS[spec.outline]
            polygon = QPolygonF([QPointF(x, y) for x, y in spec.points])
            item = self.scene().addPolygon(polygon)
            item.setData(0, spec.outline.value)
            fill = QColor(colour)
            fill.setAlpha(FILL_ALPHA if spec.outline is not Outline.EMPTY else 0)
            item.setBrush(QBrush(fill))
            self.outline_items[spec.key] = item
            if spec.ticked:
                self._ticks.append(self._tick(polygon, colour))
        self._style_outlines()

    def _tick(self, polygon: QPolygonF, colour: QColor) -> QGraphicsSimpleTextItem:
        box = polygon.boundingRect()
        tick = self.scene().addSimpleText(TICK)
        font = QFont()
        font.setBold(True)
        font.setPixelSize(max(8, round(box.height() * 1.2)))
        tick.setFont(font)
        tick.setBrush(colour)
        tick.setPos(box.left() - tick.boundingRect().width() - box.width() * 0.15,
                    box.center().y() - tick.boundingRect().height() / 2)
        return tick

    def set_current(self, key: TargetKey | None) -> None:
        """Draw ``key``'s outline thicker and scroll it into sight."""
        self._current = key
        self._style_outlines()
        item = self.outline_items.get(key) if key is not None else None
        if item is not None:
            box = item.boundingRect()
            margin = max(box.width(), box.height()) * 3
            self.ensureVisible(box.adjusted(-margin, -margin, margin, margin))

    def _style_outlines(self) -> None:
        for key, item in self.outline_items.items():
            colour = OUTLINE_COLOURS[Outline(item.data(0))]
            current = key == self._current
            pen = QPen(colour, CURRENT_WIDTH_PX if current else OUTLINE_WIDTH_PX)
            pen.setCosmetic(True)
            item.setPen(pen)
            item.setZValue(2 if current else 1)

    # -- picking points -------------------------------------------------------------------------
    def set_picking(self, on: bool) -> None:
        """Clicks become points (crosshair cursor, no dragging); off: the markers go too."""
        self._picking = on
        self.setDragMode(QGraphicsView.DragMode.NoDrag if on
                         else QGraphicsView.DragMode.ScrollHandDrag)
        self.viewport().setCursor(Qt.CursorShape.CrossCursor if on
                                  else Qt.CursorShape.OpenHandCursor)
        if not on:
            for marker in self._markers:
                self.scene().removeItem(marker)
            self._markers = []

    @property
    def picking(self) -> bool:
        return self._picking

    def mousePressEvent(self, event: QMouseEvent) -> None:
        if (self._picking and self.pixmap_item is not None
                and event.button() == Qt.MouseButton.LeftButton):
            point = self.mapToScene(event.position().toPoint())
            self._add_marker(point)
            self.pointPicked.emit(point.x(), point.y())
            event.accept()
            return
        super().mousePressEvent(event)

    def _add_marker(self, point: QPointF) -> None:
        marker = self.scene().addSimpleText("+")
        font = QFont()
        font.setBold(True)
        font.setPixelSize(round(PICK_MARKER_PX * 2))
        marker.setFont(font)
        marker.setBrush(PICK_COLOUR)
        marker.setFlag(marker.GraphicsItemFlag.ItemIgnoresTransformations)
        box = marker.boundingRect()
        marker.setPos(point)
        marker.setTransformOriginPoint(box.center())
        marker.setTransform(marker.transform().translate(-box.width() / 2, -box.height() / 2))
        marker.setZValue(3)
        self._markers.append(marker)

    # -- zoom ----------------------------------------------------------------------------------
    def fit(self) -> None:
        self._fitted = True
        if self.pixmap_item is not None:
            self.fitInView(self.pixmap_item, Qt.AspectRatioMode.KeepAspectRatio)
        else:
            self.resetTransform()

    def zoom_by(self, factor: float) -> None:
        if self.pixmap_item is None:
            return
        fitted = self.pixmap_item.boundingRect()
        view = self.viewport().rect()
        fit_scale = min(view.width() / max(fitted.width(), 1),
                        view.height() / max(fitted.height(), 1))
        scale = self.transform().m11() * factor
        if scale <= fit_scale:
            self.fit()
            return
        if scale / fit_scale <= MAX_ZOOM:
            self._fitted = False
            self.scale(factor, factor)
            if self._current in self.outline_items:
                self.centerOn(self.outline_items[self._current])

    def wheelEvent(self, event: QWheelEvent) -> None:
        if event.modifiers() & Qt.KeyboardModifier.ControlModifier:
            self.zoom_by(ZOOM_STEP if event.angleDelta().y() > 0 else 1 / ZOOM_STEP)
            event.accept()
            return
        super().wheelEvent(event)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        if self._fitted:
            self.fit()
