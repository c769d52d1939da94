"""The zoom panel: an upright close-up of each box in question, with its number and name."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtGui import QBrush, QImage, QPixmap
from PySide6.QtWidgets import QAbstractItemView, QListView, QListWidget, QListWidgetItem, QWidget

from desktop.core.labels import label
from desktop.ui.i18n import arg
from desktop.ui.models.review_models import SheetTarget, TargetKey
from desktop.ui.pages.review_images import CROP_PX_PER_MM
from desktop.ui.sheet_view import OUTLINE_COLOURS

# Close-ups are shown at their natural size (17 × 11 mm around a 6 mm box).
ZOOM_ICON_SIZE = QSize(round(17 * CROP_PX_PER_MM), round(11 * CROP_PX_PER_MM))
ZOOM_TEXT_WIDTH_PX = 150
ZOOM_PANEL_WIDTH_PX = ZOOM_ICON_SIZE.width() + ZOOM_TEXT_WIDTH_PX + 40
ITEM_SPACING_PX = 3
KeyRole = Qt.ItemDataRole.UserRole + 1


class ZoomPanel(QListWidget):
    """One item per target in question, in ballot order; the current one is selected."""

    targetChosen = Signal(object)  # TargetKey

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setViewMode(QListView.ViewMode.ListMode)
        self.setWordWrap(True)
        self.setSpacing(ITEM_SPACING_PX)
        self.setIconSize(ZOOM_ICON_SIZE)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # the page's keys, not the list's
        self.setFixedWidth(ZOOM_PANEL_WIDTH_PX)
        self.currentItemChanged.connect(self._chosen)
        self._filling = False

    def set_targets(self, targets: Sequence[SheetTarget], crops: Mapping[TargetKey, QImage],
                    current: TargetKey | None) -> None:
        self._filling = True
        self.clear()
        width = ZOOM_PANEL_WIDTH_PX - 2 * ITEM_SPACING_PX - 24
        for target in targets:
            item = QListWidgetItem(self._text(target))
            crop = crops.get(target.key)
            if crop is not None:
                item.setIcon(QPixmap.fromImage(crop))
            item.setData(KeyRole, target.key)
            item.setForeground(QBrush(OUTLINE_COLOURS[target.outline].darker(130)))
            item.setToolTip(f"{target.target.category}\n{target.target.candidate} "
                            f"{target.target.name}")
            item.setSizeHint(QSize(width, ZOOM_ICON_SIZE.height() + 2 * ITEM_SPACING_PX))
            self.addItem(item)
        self._filling = False
        self.set_current(current)

    def _text(self, target: SheetTarget) -> str:
        state = label(target.state)
        if target.decided:
            state = arg(self.tr("%1 (decided by a person)"), state)
        return f"{target.target.candidate}  {target.target.name}\n{state}"

    def set_current(self, key: TargetKey | None) -> None:
        self._filling = True
        for row in range(self.count()):
            if self.item(row).data(KeyRole) == key:
                self.setCurrentRow(row)
                self.scrollToItem(self.item(row))
                break
        else:
            self.setCurrentRow(-1)
        self._filling = False

    def keys(self) -> list[TargetKey]:
        return [self.item(row).data(KeyRole) for row in range(self.count())]

    def _chosen(self, item: QListWidgetItem | None, _previous: QListWidgetItem | None) -> None:
        if item is not None and not self._filling:
            self.targetChosen.emit(item.data(KeyRole))
