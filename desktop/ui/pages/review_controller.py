"""What the review page does: the queue, the sheet on screen, and the decisions.

The queue and the sheet pictures load in the background (a busy campaign has thousands of
sheets); a decision is one short transaction through :class:`Review`, made on the GUI thread so
the next key press already sees it. Each decision is announced with ``context.changed()`` so
tallies elsewhere follow, and the queue reloads: a sheet that left it gives its place to the
next one. Sheets settled here are remembered, newest last, so U can reopen them.

An unread page (its code verified, its marks not read) is decided from the tick list: M and E
tick and untick the current candidate, S saves the ticks as decisions, V records "no votes on
this page". G aligns it by hand: the reviewer clicks the four registration marks (Esc cancels),
the reader measures the boxes through them in the background, and its reading becomes the ticks
shown; nothing is recorded until the reviewer saves.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from typing import TYPE_CHECKING, Protocol

import shiboken6
from PySide6.QtCore import QObject

from ballotformat import Layout
from ballotformat.model import Target
from desktop.core.enums import Decision
from desktop.core.records import CORNERS, SheetState, read_pointed
from desktop.ui.background import run_in_background
from desktop.ui.context import CampaignContext
from desktop.ui.dialogs.copies_dialog import CopiesDialog
from desktop.ui.dialogs.review_dialogs import RejectDialog
from desktop.ui.feedback import background_failure, run_checked
from desktop.ui.models.review_models import SheetTargets, TargetKey, sheet_label, sheet_targets
from desktop.ui.pages.base import PageView
from desktop.ui.pages.review_images import SheetPicture, aligned_boxes, load_picture
from scanning.decide import MarkState
from scanning.result import PageResult

if TYPE_CHECKING:
    from desktop.core.records import SheetState
    from desktop.ui.models.review_models import SheetTargets, TargetKey
    from desktop.ui.pages.review_images import SheetPicture
    from desktop.ui.pages.review_ticks import TickPanel
    from desktop.ui.sheet_view import SheetView

#: Pictures kept in memory (the sheet on screen and the ones just left).
PICTURE_CACHE_SIZE = 3


class ReviewView(PageView, Protocol):
    """What the controller asks of the review page (ReviewPage implements it)."""

    sheet_view: SheetView
    ticks: TickPanel
    #: The signed-in person may decide (the buttons are enabled).
    may_review: bool

    def show_queue(self, queue: list[SheetState]) -> None: ...
    def selected_row(self) -> int: ...
    def select_row(self, row: int, clamp: bool = False) -> None: ...
    def show_sheet(self, state: SheetState | None, targets: SheetTargets,
                   current: TargetKey | None, picture: SheetPicture | None) -> None: ...
    def show_current(self, key: TargetKey | None) -> None: ...
    def show_settled(self, state: SheetState | None) -> None: ...


class ReviewController(QObject):
    def __init__(self, page: ReviewView, context: CampaignContext) -> None:
        super().__init__(page.widget())
        self.page = page
        #: What dialogs and messages open over.
        self.widget = page.widget()
        self.context = context
        self.review = context.services.review
        self.state: SheetState | None = None
        self.targets = SheetTargets((), ())
        self.current: TargetKey | None = None
        #: Sheets settled on this page, newest last (U reopens the newest).
        self.settled: list[SheetState] = []
        self._layouts: dict[tuple[int, int], Layout | None] = {}
        self._pictures: dict[int, SheetPicture] = {}
        self._loading_queue = False
        self._queue_stale = False
        self._loading_pictures: set[int] = set()
        #: After the queue reloads: the sheet to show, else the row to fall back on.
        self._follow: int | None = None
        self._row_hint = 0
        #: The marks clicked so far in align mode (file pixels), None when not aligning.
        self._corners: list[tuple[float, float]] | None = None
        self._aligning = False  # the reader is reading through the clicked marks

    @property
    def busy(self) -> bool:
        return (self._loading_queue or self._queue_stale or bool(self._loading_pictures)
                or self._aligning)

    # -- the queue -----------------------------------------------------------------------------
    def reload(self) -> None:
        campaign_id = self.context.campaign_id
        if campaign_id is None:
            self.page.show_queue([])
            return
        if self._loading_queue:
            self._queue_stale = True
            return
        self._loading_queue, self._queue_stale = True, False
        if self.state is not None and self._follow is None:
            self._follow = self.state.sheet_id
        run_in_background(lambda: self.review.queue(campaign_id), self._queue_loaded,
                          self._queue_failed)

    def _queue_loaded(self, queue: list[SheetState]) -> None:
        if not shiboken6.isValid(self.widget):
            return
        self._loading_queue = False
        if self._queue_stale:
            self.reload()
            return
        follow, self._follow = self._follow, None
        self.page.show_queue(queue)
        rows = [state.sheet_id for state in queue]
        row = rows.index(follow) if follow in rows else min(self._row_hint, len(rows) - 1)
        self.page.select_row(row)  # → show_sheet, or the empty state for -1

    def _queue_failed(self, exc: Exception) -> None:
        if shiboken6.isValid(self.widget):
            self._loading_queue = self._queue_stale = False
            background_failure(self.widget)(exc)

    # -- the sheet on screen -------------------------------------------------------------------
    def show_sheet(self, state: SheetState | None, row: int = 0) -> None:
        same_sheet = (state is not None and self.state is not None
                      and state.sheet_id == self.state.sheet_id)
        if not same_sheet:
            self.cancel_align()
        self.state, self._row_hint = state, max(row, 0)
        if state is None:
            self.targets, self.current = SheetTargets((), ()), None
            self.page.show_sheet(None, self.targets, None, None)
            return
        self.targets = sheet_targets(state, self._layout(state))
        keys = [t.key for t in self.targets.questioned]
        if not same_sheet or self.current not in keys:
            self.current = keys[0] if keys else None
        picture = self._pictures.get(state.sheet_id)
        self.page.show_sheet(state, self.targets, self.current, picture)
        if picture is None and state.sheet_id not in self._loading_pictures:
            self._load_picture(state)

    def _layout(self, state: SheetState) -> Layout | None:
        campaign_id = self.context.campaign_id
        if campaign_id is None or state.layout_version is None:
            return None
        key = (campaign_id, state.layout_version)
        if key not in self._layouts:
            self._layouts[key] = self.context.services.printing.stored_layout(*key)
        return self._layouts[key]

    def limits(self, state: SheetState) -> dict[str, int]:
        layout = self._layout(state)
        return layout.max_marks if layout is not None else {}

    def _page_targets(self, state: SheetState) -> tuple[Target, ...]:
        layout = self._layout(state)
        page = state.page or 0
        return (layout.pages[page - 1].targets
                if layout is not None and 1 <= page <= layout.page_count else ())

    def _load_picture(self, state: SheetState) -> None:
        targets = self._page_targets(state)
        archive = self.context.services.archive()
        sheet_id = state.sheet_id
        self._loading_pictures.add(sheet_id)
        run_in_background(lambda: load_picture(archive, state, targets), self._picture_loaded,
                          lambda exc: self._picture_failed(sheet_id, exc))

    def _picture_loaded(self, picture: SheetPicture) -> None:
        if not shiboken6.isValid(self.widget):
            return
        self._loading_pictures.discard(picture.sheet_id)
        self._pictures[picture.sheet_id] = picture
        while len(self._pictures) > PICTURE_CACHE_SIZE:
            del self._pictures[next(iter(self._pictures))]
        if self.state is not None and self.state.sheet_id == picture.sheet_id:
            self.page.show_sheet(self.state, self.targets, self.current, picture)

    def _picture_failed(self, sheet_id: int, exc: Exception) -> None:
        if shiboken6.isValid(self.widget):
            self._loading_pictures.discard(sheet_id)
            background_failure(self.widget)(exc)

    # -- moving --------------------------------------------------------------------------------
    def move_target(self, step: int) -> None:
        keys = [t.key for t in self.targets.questioned]
        if not keys:
            return
        index = keys.index(self.current) if self.current in keys else -step
        self.choose_target(keys[max(0, min(len(keys) - 1, index + step))])

    def choose_target(self, key: TargetKey) -> None:
        self.current = key
        self.page.show_current(key)

    def next_sheet(self, step: int = 1) -> None:
        self.page.select_row(self.page.selected_row() + step, clamp=True)

    # -- decisions -----------------------------------------------------------------------------
    def decide_target(self, decision: Decision) -> None:
        """Decide the current target; on an unread page, tick or untick it (saved with S)."""
        state, key = self.state, self.current
        if state is None or key is None:
            return
        if state.unread:
            self.page.ticks.set_ticked(key, decision is Decision.MARKED)
            self.page.show_sheet(state, self.targets, key, self._pictures.get(state.sheet_id))
            self.move_target(1)
        elif self._decide(state, decision, [key]) is not None:
            self.move_target(1)

    def save_ticks(self) -> None:
        """Record the tick list of an unread page: ticked marked, the others empty."""
        state, campaign_id = self.state, self.context.campaign_id
        if state is None or not state.unread or campaign_id is None:
            return
        ticked = self.page.ticks.ticked()
        self.cancel_align()
        self._apply(state, lambda: self.review.decide_page(campaign_id, state.sheet_id, ticked))

    def no_votes(self) -> None:
        if self.state is not None:
            self._decide(self.state, Decision.NO_VOTES)

    # -- aligning an unread page by hand -------------------------------------------------------
    def start_align(self) -> None:
        state = self.state
        picture = self._pictures.get(state.sheet_id) if state is not None else None
        if state is None or not state.unread or picture is None or picture.image is None:
            return
        self._corners = []
        self.page.sheet_view.set_picking(True)
        self.page.ticks.prompt_corner(0)

    def cancel_align(self) -> None:
        if self._corners is not None:
            self._corners = None
            self.page.sheet_view.set_picking(False)
            self.page.ticks.set_prompt("")

    def point_picked(self, x: float, y: float) -> None:
        state = self.state
        picture = self._pictures.get(state.sheet_id) if state is not None else None
        if self._corners is None or state is None or picture is None:
            return
        self._corners.append((x / picture.display_per_file, y / picture.display_per_file))
        if len(self._corners) < len(CORNERS):
            self.page.ticks.prompt_corner(len(self._corners))
            return
        corners, self._corners = self._corners, None
        self.page.sheet_view.set_picking(False)
        self.page.ticks.prompt_reading()
        archive, layout = self.context.services.archive(), self._layout(state)
        self._aligning = True
        run_in_background(lambda: read_pointed(archive, state, layout, corners),
                          lambda result: self._aligned(state, result), self._align_failed)

    def _aligned(self, state: SheetState, result: PageResult) -> None:
        if not shiboken6.isValid(self.widget):
            return
        self._aligning = False
        if self.state is None or self.state.sheet_id != state.sheet_id:
            return
        if result.homography is None:
            self.page.ticks.prompt_unreadable()
            return
        marked = {(m.category, m.candidate) for m in result.marks
                  if m.state is MarkState.MARKED}
        unsure = {(m.category, m.candidate) for m in result.marks
                  if m.state is MarkState.AMBIGUOUS}
        self.page.ticks.show_reading(marked, unsure)
        self.page.ticks.prompt_read(len(marked), len(unsure))
        picture = self._pictures.get(state.sheet_id)
        if picture is not None:
            boxes = aligned_boxes(picture, result.homography, result.image_scale,
                                  self._page_targets(state))
            self._pictures[state.sheet_id] = replace(picture, boxes=boxes)
            self.page.show_sheet(self.state, self.targets, self.current,
                                 self._pictures[state.sheet_id])

    def _align_failed(self, exc: Exception) -> None:
        if shiboken6.isValid(self.widget):
            self._aligning = False
            self.page.ticks.set_prompt("")
            background_failure(self.widget)(exc)

    def accept(self) -> None:
        if self.state is not None:
            self._decide(self.state, Decision.ACCEPT)

    def reject(self) -> None:
        state = self.state
        if state is None:
            return
        dialog = RejectDialog(sheet_label(state), parent=self.widget)
        if dialog.exec():
            self._decide(state, Decision.REJECT, reason=dialog.reason())

    def reopen(self) -> None:
        """Reopen the sheet settled last on this page (a new decision; nothing is erased)."""
        if not self.settled:
            return
        state = self.settled.pop()
        self._follow = state.sheet_id  # shown again once the queue holds it
        if self._decide(state, Decision.REOPEN) is None:
            self.settled.append(state)

    def compare(self) -> None:
        """The copies of the sheet's serial and page side by side; count the one chosen."""
        state, campaign_id = self.state, self.context.campaign_id
        if state is None or campaign_id is None:
            return
        copies = run_checked(self.widget, lambda: self.review.copies(campaign_id, state.sheet_id))
        if not copies:
            return
        dialog = CopiesDialog(copies, self.context.services.archive(),
                              self.page.may_review, parent=self.widget)
        if dialog.exec() and dialog.chosen is not None:
            chosen, reason = dialog.chosen, dialog.reason.text()
            self._apply(state, lambda: self.review.prefer(campaign_id, chosen, reason))

    def _decide(self, state: SheetState, decision: Decision,
                targets: list[TargetKey] | None = None, reason: str = "") -> SheetState | None:
        campaign_id = self.context.campaign_id
        if campaign_id is None:
            return None
        return self._apply(state, lambda: self.review.decide(
            campaign_id, state.sheet_id, decision, targets or [], reason))

    def _apply(self, state: SheetState, action: Callable[[], SheetState]) -> SheetState | None:
        after = run_checked(self.widget, action)
        if after is None:
            return None
        if after.settled and not state.settled:
            self.settled.append(after)
        if not after.settled:
            self.show_sheet(after, self._row_hint)
        self.page.show_settled(self.settled[-1] if self.settled else None)
        self.context.changed()  # tallies elsewhere follow; the queue reloads
        return after

