"""The tick list of an unread page: every candidate of the page by category, with a checkbox.

Shown beside the sheet instead of the close-ups when the reader could not read the page's marks.
The reviewer ticks the candidates marked on paper (or lets a hand alignment propose the ticks)
and saves: ticked → marked, every other → empty. The ticks are only a proposal until saved.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QBrush, QColor, QFont
from PySide6.QtWidgets import (
    QAbstractItemView,
    QLabel,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop.ui.i18n import arg
from desktop.ui.models.review_models import Outline, SheetTarget, TargetKey
from desktop.ui.sheet_view import OUTLINE_COLOURS
from scanning.decide import MarkState

TICK_PANEL_WIDTH_PX = 330
PROMPT_STYLE = "font-size: 14px; font-weight: bold; color: #ad1457;"
HINT_STYLE = "color: #555555;"
KeyRole = Qt.ItemDataRole.UserRole + 1
UNSURE_ALPHA = 70


class TickPanel(QWidget):
    targetChosen = Signal(object)  # TargetKey

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setFixedWidth(TICK_PANEL_WIDTH_PX)
        self.hint = QLabel(self.tr("The marks of this page were not read. Tick the candidates "
                                   "marked on the paper, then save: the others are recorded "
                                   "as not marked."))
        self.hint.setWordWrap(True)
        self.hint.setStyleSheet(HINT_STYLE)
        self.prompt = QLabel()
        self.prompt.setWordWrap(True)
        self.prompt.setStyleSheet(PROMPT_STYLE)
        self.tree = QTreeWidget()
        self.tree.setHeaderHidden(True)
        self.tree.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # the page's keys, not the tree's
        self.tree.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.tree.currentItemChanged.connect(self._chosen)
        self.save_button = QPushButton(self.tr("Save ticks (S)"))
        self.align_button = QPushButton(self.tr("Align by the four marks (G)"))
        self.no_votes_button = QPushButton(self.tr("No votes on this page (V)"))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.hint)
        layout.addWidget(self.prompt)
        layout.addWidget(self.tree, 1)
        for button in (self.save_button, self.align_button, self.no_votes_button):
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            layout.addWidget(button)
        self._items: dict[TargetKey, QTreeWidgetItem] = {}

    @property
    def buttons(self) -> tuple[QPushButton, ...]:
        return (self.save_button, self.align_button, self.no_votes_button)

    def set_targets(self, targets: Sequence[SheetTarget], limits: Mapping[str, int]) -> None:
        """The page's candidates; ticked are those a person decided marked."""
        self.tree.clear()
        self._items = {}
        groups: dict[str, QTreeWidgetItem] = {}
        bold = QFont()
        bold.setBold(True)
        for target in targets:
            category = target.target.category
            if category not in groups:
                group = QTreeWidgetItem([arg(self.tr("%1 (at most %2)"), category,
                                             limits.get(category, 0))])
                group.setFont(0, bold)
                group.setFlags(Qt.ItemFlag.ItemIsEnabled)
                self.tree.addTopLevelItem(group)
                groups[category] = group
            item = QTreeWidgetItem([f"{target.target.candidate}  {target.target.name}"])
            item.setData(0, KeyRole, target.key)
            item.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
                          | Qt.ItemFlag.ItemIsUserCheckable)
            groups[category].addChild(item)
            self._items[target.key] = item
        self.tree.expandAll()
        self.show_reading({t.key for t in targets if t.decided and t.state is MarkState.MARKED},
                          ())

    def show_reading(self, ticked: Iterable[TargetKey], unsure: Iterable[TargetKey]) -> None:
        """Tick exactly ``ticked``; shade the ``unsure`` ones (a hand alignment's unclear)."""
        marked, doubtful = set(ticked), set(unsure)
        shade = QColor(OUTLINE_COLOURS[Outline.UNCLEAR])
        shade.setAlpha(UNSURE_ALPHA)
        for key, item in self._items.items():
            item.setCheckState(0, Qt.CheckState.Checked if key in marked
                               else Qt.CheckState.Unchecked)
            item.setBackground(0, QBrush(shade) if key in doubtful else QBrush())

    def ticked(self) -> set[TargetKey]:
        return {key for key, item in self._items.items()
                if item.checkState(0) is Qt.CheckState.Checked}

    def set_ticked(self, key: TargetKey, on: bool) -> None:
        item = self._items.get(key)
        if item is not None:
            item.setCheckState(0, Qt.CheckState.Checked if on else Qt.CheckState.Unchecked)

    def set_current(self, key: TargetKey | None) -> None:
        item = self._items.get(key) if key is not None else None
        self.tree.blockSignals(True)
        # Qt takes no item to clear the current one; PySide6's stub does not say so.
        self.tree.setCurrentItem(item)  # type: ignore[arg-type]
        self.tree.blockSignals(False)
        if item is not None:
            self.tree.scrollToItem(item)

    def prompt_corner(self, done: int) -> None:
        """Which registration mark to click next (``done`` of four clicked)."""
        names = (self.tr("top-left"), self.tr("top-right"), self.tr("bottom-right"),
                 self.tr("bottom-left"))
        self.set_prompt(arg(self.tr("Align (%1/4): click the centre of the %2 registration "
                                    "mark. Esc cancels."), done + 1, names[done]))

    def prompt_reading(self) -> None:
        self.set_prompt(self.tr("Reading the page through the four marks…"))

    def prompt_unreadable(self) -> None:
        self.set_prompt(self.tr("The page could not be read through these points."))

    def prompt_read(self, marked: int, unsure: int) -> None:
        self.set_prompt(arg(self.tr("Read through your four points: %1 marked, %2 unclear "
                                    "(shaded). Check the ticks, then save (S): nothing counts "
                                    "before."), marked, unsure))

    def set_prompt(self, text: str) -> None:
        self.prompt.setText(text)
        self.prompt.setVisible(bool(text))

    def _chosen(self, item: QTreeWidgetItem | None) -> None:
        key = item.data(0, KeyRole) if item is not None else None
        if key is not None:
            self.targetChosen.emit(tuple(key))
