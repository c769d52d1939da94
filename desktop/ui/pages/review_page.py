"""The review page (view): the queue on the left; on the right the sheet with the targets in
question outlined, a close-up of each (for an unread page: the tick list of its candidates), the
buttons and the keys. What the keys do is in
:mod:`desktop.ui.pages.review_controller`; the key map in :mod:`desktop.ui.pages.review_keys`.
"""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QItemSelectionModel, Qt
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSplitter,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from desktop.core.enums import Decision, Permission
from desktop.core.labels import label, label_list
from desktop.core.records import SheetState
from desktop.ui.context import CampaignContext
from desktop.ui.i18n import arg
from desktop.ui.models import ObjectRole
from desktop.ui.models.review_models import (
    Outline,
    QueueModel,
    SheetTargets,
    TargetKey,
    sheet_label,
)
from desktop.ui.pages.base import Page
from desktop.ui.pages.review_controller import ReviewController
from desktop.ui.pages.review_images import SheetPicture
from desktop.ui.pages.review_keys import install_keys, key_hint
from desktop.ui.pages.review_ticks import TickPanel
from desktop.ui.pages.review_zoom import ZoomPanel
from desktop.ui.sheet_view import OUTLINE_COLOURS, OutlineSpec, SheetView
from desktop.ui.tables import list_table
from scanning.decide import MarkState
from scanning.reasons import Reason

QUEUE_MIN_WIDTH_PX = 330
SOURCE_COLUMN_WIDTH_PX = 90  # reasons and source in full: the line above the sheet
HINT_STYLE = "color: #555555;"
EMPTY_STYLE = "font-size: 18px; color: #2e7d32;"
REASONS_STYLE = "font-size: 15px; font-weight: bold; color: #b71c1c;"


class ReviewPage(Page):
    nav_icon = "review"  # resources/icons/nav/review.svg
    nav_text = QT_TRANSLATE_NOOP("Navigation", "Review")

    def __init__(self, context: CampaignContext, parent: QWidget | None = None) -> None:
        super().__init__(context, parent)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.queue_model = QueueModel(self)
        self.sheet_view = SheetView()
        self.zoom = ZoomPanel()
        self.ticks = TickPanel()
        self.controller = ReviewController(self, context)
        self._shown_sheet: int | None = None  # the sheet whose picture is on screen
        #: The unread sheet (and its decisions) whose ticks are in the list.
        self._ticks_of: tuple[int, frozenset[TargetKey], Decision | None] | None = None
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(self._build_queue())
        splitter.addWidget(self._build_sheet())
        splitter.setStretchFactor(0, 2)
        splitter.setStretchFactor(1, 5)
        QVBoxLayout(self).addWidget(splitter)
        self.may_review = context.guard(Permission.REVIEW, *self.buttons, *self.ticks.buttons)
        install_keys(self, self.controller)
        self.watch_campaign()

    def _build_queue(self) -> QGroupBox:
        self.queue_table = list_table(self.queue_model, QueueModel.COL_REASONS)
        self.queue_table.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # ↑/↓ move through targets
        header = self.queue_table.horizontalHeader()
        header.setSectionResizeMode(QueueModel.COL_SOURCE, QHeaderView.ResizeMode.Interactive)
        header.resizeSection(QueueModel.COL_SOURCE, SOURCE_COLUMN_WIDTH_PX)
        self.queue_table.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.queue_table.selectionModel().selectionChanged.connect(self._row_chosen)
        self.settled_label = QLabel()
        self.settled_label.setWordWrap(True)
        self.settled_label.setStyleSheet(HINT_STYLE)
        self.queue_box = QGroupBox()
        self.queue_box.setMinimumWidth(QUEUE_MIN_WIDTH_PX)
        layout = QVBoxLayout(self.queue_box)
        layout.addWidget(self.queue_table)
        layout.addWidget(self.settled_label)
        return self.queue_box

    def _build_sheet(self) -> QStackedWidget:
        self.reasons_label = QLabel()
        self.reasons_label.setStyleSheet(REASONS_STYLE)
        self.reasons_label.setWordWrap(True)
        self.sheet_info = QLabel()
        self.sheet_info.setStyleSheet(HINT_STYLE)
        self.sheet_info.setWordWrap(True)
        self.zoom.targetChosen.connect(self.controller.choose_target)
        self.ticks.targetChosen.connect(self.controller.choose_target)
        self.ticks.save_button.clicked.connect(self.controller.save_ticks)
        self.ticks.align_button.clicked.connect(self.controller.start_align)
        self.ticks.no_votes_button.clicked.connect(self.controller.no_votes)
        self.sheet_view.pointPicked.connect(self.controller.point_picked)
        self.ticks.hide()
        pictures = QHBoxLayout()
        pictures.addWidget(self.sheet_view, 1)
        pictures.addWidget(self.zoom)
        pictures.addWidget(self.ticks)
        self.keys_label = QLabel(key_hint())
        self.keys_label.setWordWrap(True)
        self.keys_label.setStyleSheet(HINT_STYLE)
        sheet = QWidget()
        layout = QVBoxLayout(sheet)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.reasons_label)
        layout.addWidget(self.sheet_info)
        layout.addLayout(pictures, 1)
        layout.addLayout(self._build_buttons())
        layout.addWidget(self.keys_label)
        self.empty_label = QLabel(self.tr("No ballots waiting for review"))
        self.empty_label.setStyleSheet(EMPTY_STYLE)
        self.empty_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.stack = QStackedWidget()
        self.stack.addWidget(sheet)
        self.stack.addWidget(self.empty_label)
        return self.stack

    def _build_buttons(self) -> QHBoxLayout:
        c = self.controller
        actions = (
            (f"{label(Decision.MARKED)} (M)", lambda: c.decide_target(Decision.MARKED)),
            (f"{label(Decision.EMPTY)} (E)", lambda: c.decide_target(Decision.EMPTY)),
            (self.tr("Accept sheet (A)"), c.accept),
            (self.tr("Reject… (R)"), c.reject),
            (self.tr("Reopen last (U)"), c.reopen),
            (self.tr("Compare copies…"), c.compare),
        )
        row = QHBoxLayout()
        self.buttons: list[QPushButton] = []
        for text, slot in actions:
            button = QPushButton(text)
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            button.clicked.connect(slot)
            row.addWidget(button)
            self.buttons.append(button)
        self.mark_button, self.empty_button, self.accept_button, self.reject_button, \
            self.reopen_button, self.compare_button = self.buttons
        row.addStretch()
        self.legend = QLabel(_legend())
        row.addWidget(self.legend)
        return row

    # -- state ---------------------------------------------------------------------------------
    def refresh(self) -> None:
        self.setEnabled(self.context.campaign_id is not None)
        self.controller.reload()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.setFocus()  # the keys work as soon as the page is shown

    def show_queue(self, queue: list[SheetState]) -> None:
        self.queue_model.set_rows(queue)
        self.queue_box.setTitle(arg(self.tr("Waiting for review (%1)"), len(queue)))
        self.stack.setCurrentIndex(0 if queue else 1)

    def selected_row(self) -> int:
        rows = self.queue_table.selectionModel().selectedRows()
        return rows[0].row() if rows else -1

    def select_row(self, row: int, clamp: bool = False) -> None:
        count = self.queue_model.rowCount()
        if clamp:
            row = max(0, min(row, count - 1))
        if not 0 <= row < count:
            self.queue_table.clearSelection()
            self.controller.show_sheet(None)
            return
        index = self.queue_model.index(row, 0)
        self.queue_table.selectionModel().select(
            index, QItemSelectionModel.SelectionFlag.ClearAndSelect
            | QItemSelectionModel.SelectionFlag.Rows)
        self.queue_table.setCurrentIndex(index)
        self.queue_table.scrollTo(index)

    def _row_chosen(self) -> None:
        row = self.selected_row()
        if row >= 0:
            self.controller.show_sheet(self.queue_model.data(self.queue_model.index(row, 0),
                                                             ObjectRole), row)

    def show_sheet(self, state: SheetState | None, targets: SheetTargets,
                   current: TargetKey | None, picture: SheetPicture | None) -> None:
        has_targets = bool(targets.questioned) and self.may_review
        for button in (self.mark_button, self.empty_button):
            button.setEnabled(has_targets)
        for button in (self.accept_button, self.reject_button):
            button.setEnabled(state is not None and self.may_review)
        self.compare_button.setEnabled(state is not None and self.may_review
                                       and Reason.DUPLICATE in state.reasons)
        unread = state is not None and state.unread
        for button in self.ticks.buttons:
            button.setEnabled(unread and self.may_review)
        self.zoom.setVisible(not unread)
        self.ticks.setVisible(unread)
        if state is not None and unread:
            self._show_ticks(state, targets)
        if state is None:
            self.reasons_label.clear()
            self.sheet_info.clear()
            self.sheet_view.set_image(None)
            self._shown_sheet = None
            self.zoom.set_targets((), {}, None)
            return
        self.reasons_label.setText(label_list(state.reasons).text())
        self.sheet_info.setText(self._info(state, picture))
        if picture is None or picture.sheet_id != state.sheet_id:
            self.sheet_view.set_image(None)
            self._shown_sheet = None
            self.zoom.set_targets((), {}, None)
            return
        if self._shown_sheet != state.sheet_id:
            self.sheet_view.set_image(picture.image)
            self._shown_sheet = state.sheet_id
        # An unread page's boxes not yet decided show the ticks in the list (not saved yet).
        ticked = self.ticks.ticked() if unread else set()
        self.sheet_view.set_outlines(
            OutlineSpec(t.key, picture.boxes[t.key],
                        Outline.MARKED if t.key in ticked and not t.decided else t.outline,
                        t.decided and t.state is MarkState.MARKED)
            for t in targets.outlined if t.key in picture.boxes)
        self.zoom.set_targets(targets.questioned, picture.crops, current)
        self.show_current(current)

    def _show_ticks(self, state: SheetState, targets: SheetTargets) -> None:
        """The page's candidates, ticked as decided; kept while the reviewer ticks (until the
        sheet or its decisions change)."""
        shown = (state.sheet_id, state.decided, state.verdict)
        if shown != self._ticks_of:
            self._ticks_of = shown
            self.ticks.set_targets(targets.outlined, self.controller.limits(state))
            self.ticks.set_prompt("")

    def _info(self, state: SheetState, picture: SheetPicture | None) -> str:
        parts = [sheet_label(state), label(state.status)]
        if picture is None:
            parts.append(self.tr("Loading the image…"))
        elif picture.image is None:
            parts.append(self.tr("The archived image cannot be shown."))
        elif state.unread and not picture.boxes:
            parts.append(self.tr("The marks were not read: tick the candidates in the list, or "
                                 "press G and click the four corner marks to read the page."))
        elif state.homography is None and not picture.boxes:
            parts.append(self.tr("The page was not found on the image: no boxes to show."))
        parts.append(state.source)
        return " · ".join(parts)

    def show_current(self, key: TargetKey | None) -> None:
        self.sheet_view.set_current(key)
        self.zoom.set_current(key)
        self.ticks.set_current(key)

    def show_settled(self, state: SheetState | None) -> None:
        if state is None:
            self.settled_label.clear()
            return
        verdict = self.tr("rejected") if state.rejected else self.tr("accepted")
        self.settled_label.setText(arg(self.tr("Last settled: %1, %2. Press U to reopen it."),
                                       sheet_label(state), verdict))


def _legend() -> str:
    names = {Outline.UNCLEAR: label(MarkState.AMBIGUOUS), Outline.MARKED: label(MarkState.MARKED),
             Outline.EMPTY: label(MarkState.EMPTY),
             Outline.DECIDED: QCoreApplication.translate("ReviewPage", "decided by a person")}
    return "  ".join(f'<span style="color:{OUTLINE_COLOURS[o].name()}">■</span> {names[o]}'
                     for o in Outline)
