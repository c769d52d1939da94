"""The review page on unread pages: the tick list of the page's candidates and the hand alignment
by the four registration marks, driven from the keyboard and the mouse."""

from __future__ import annotations

import os
from pathlib import Path

from PySide6.QtCore import QPointF, Qt
from PySide6.QtWidgets import QMessageBox, QWidget
from pytestqt.qtbot import QtBot

from desktop.core.records.recording import Recorder
from desktop.core.records.review import Review
from desktop.core.records.scanjob import scan_paths
from desktop.core.registry.service import CampaignInfo
from desktop.core.results.tally import paper_tally
from desktop.core.services import Services
from desktop.ui.models.review_models import Outline
from desktop.ui.pages.review_page import ReviewPage
from scanning.reasons import Reason
from tests.ballot_files import STAFF, WINDOWS, UnreadBallot, mark_centres_px
from tests.records.test_review_unread import record_misregistered, ticked
from tests.ui.conftest import when_modal
from tests.ui.test_review_page import open_page, press, queue, settle

#: Set to a folder to keep the screenshots (``widget.grab()``) for a look.
SCREENSHOTS_ENV_VAR = "BALLOTDESK_TEST_SCREENSHOTS"


def screenshot(page: ReviewPage, name: str) -> None:
    picture = page.grab()
    assert not picture.isNull()
    folder = os.environ.get(SCREENSHOTS_ENV_VAR)
    if folder:
        picture.save(str(Path(folder) / f"{name}.png"))


def votes(services: Services, campaign_id: int, category: str) -> dict[str, int]:
    counts = paper_tally(services.db, campaign_id).categories[category]
    return {n: v for n, v in counts.votes.items() if v}


def test_the_tick_list_of_an_unread_page(
    qtbot: QtBot, services: Services, demo: CampaignInfo, unread_ballot: UnreadBallot
) -> None:
    list(scan_paths(Recorder(services.db, services.actor),
                    [unread_ballot.cut_page_1, unread_ballot.page_2], workers=1))
    page = open_page(qtbot, services, demo.id)
    assert queue(page) == [(Reason.PAGE_NOT_FOUND,)]
    state = page.controller.state
    assert state is not None and state.unread
    assert page.ticks.isVisible() and not page.zoom.isVisible()
    tree = page.ticks.tree
    groups = [tree.topLevelItem(i) for i in range(tree.topLevelItemCount())]
    assert [g.text(0) for g in groups] == [f"{WINDOWS}（最多 10 项）", f"{STAFF}（最多 10 项）"]
    assert [g.childCount() for g in groups] == [46, 30]
    assert page.ticks.ticked() == set()
    screenshot(page, "review-unread-ticks-empty")

    # M ticks and moves on, J moves; a click in the list chooses; nothing is recorded yet.
    press(qtbot, page, Qt.Key.Key_M, Qt.Key.Key_J, Qt.Key.Key_M)
    staff_05 = groups[1].child(4)
    tree.setCurrentItem(staff_05)
    assert page.controller.current == (STAFF, "05")
    # 05 ticked; 06 ticked by a slip, then unticked with E.
    press(qtbot, page, Qt.Key.Key_M, Qt.Key.Key_M, Qt.Key.Key_K, Qt.Key.Key_E)
    assert page.ticks.ticked() == ticked(unread_ballot, 1)
    review = Review(services.db, services.actor)
    assert review.sheet(demo.id, state.sheet_id).decided == frozenset()
    assert paper_tally(services.db, demo.id).categories[WINDOWS].pending == 1
    screenshot(page, "review-unread-ticks")

    press(qtbot, page, Qt.Key.Key_S)  # saved: ticked marked, the others empty → settled
    assert queue(page) == []
    assert votes(services, demo.id, WINDOWS) == {"01": 1, "03": 1}
    assert votes(services, demo.id, STAFF) == {"05": 1, "40": 1}


def click_at(qtbot: QtBot, page: ReviewPage, x: float, y: float) -> None:
    view = page.sheet_view
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton,
                     pos=view.mapFromScene(QPointF(x, y)))


def test_aligning_a_misregistered_page_by_its_four_marks(
    qtbot: QtBot, services: Services, demo: CampaignInfo, unread_ballot: UnreadBallot
) -> None:
    outcome = record_misregistered(services, unread_ballot.whole_page_1)
    page = open_page(qtbot, services, demo.id)
    state = page.controller.state
    assert state is not None and state.sheet_id == outcome.sheet_id and state.unread
    picture = page.controller._pictures[state.sheet_id]
    marks = [(x * picture.display_per_file, y * picture.display_per_file)
             for x, y in mark_centres_px(unread_ballot.layout)]

    # G starts, the prompt names the mark to click; Esc cancels half-way.
    press(qtbot, page, Qt.Key.Key_G)
    assert page.sheet_view.picking and "左上" in page.ticks.prompt.text()
    click_at(qtbot, page, *marks[0])
    assert "右上" in page.ticks.prompt.text()
    press(qtbot, page, Qt.Key.Key_Escape)
    assert not page.sheet_view.picking and page.ticks.prompt.text() == ""

    press(qtbot, page, Qt.Key.Key_G)
    for x, y in marks:
        click_at(qtbot, page, x, y)
    settle(qtbot, page)
    assert not page.sheet_view.picking
    assert page.ticks.ticked() == ticked(unread_ballot, 1)
    outlines = page.sheet_view.outline_items
    assert len(outlines) == 76, "the boxes where the alignment puts them"
    assert {k for k, item in outlines.items() if item.data(0) == Outline.MARKED.value} \
        == ticked(unread_ballot, 1), "the proposed ticks outlined as marked"
    review = Review(services.db, services.actor)
    assert review.sheet(demo.id, state.sheet_id).decided == frozenset(), "a proposal only"
    assert paper_tally(services.db, demo.id).categories[WINDOWS].pending == 1
    screenshot(page, "review-unread-aligned")

    press(qtbot, page, Qt.Key.Key_S)
    assert queue(page) == []
    assert votes(services, demo.id, WINDOWS) == {"01": 1, "03": 1}


def test_accept_is_refused_and_no_votes_settles_an_unread_page(
    qtbot: QtBot, services: Services, demo: CampaignInfo, unread_ballot: UnreadBallot
) -> None:
    list(scan_paths(Recorder(services.db, services.actor), [unread_ballot.cut_page_1],
                    workers=1))
    page = open_page(qtbot, services, demo.id)
    refusals: list[str] = []

    def read_and_close(dialog: QWidget) -> None:
        assert isinstance(dialog, QMessageBox)
        refusals.append(dialog.text())
        dialog.accept()

    when_modal(read_and_close)
    press(qtbot, page, Qt.Key.Key_A)
    qtbot.waitUntil(lambda: bool(refusals))
    assert "没有人工判定" in refusals[0] and "本页无选票记号" in refusals[0]
    assert queue(page) == [(Reason.PAGE_NOT_FOUND,)]

    press(qtbot, page, Qt.Key.Key_V)
    assert queue(page) == []
    windows = paper_tally(services.db, demo.id).categories[WINDOWS]
    assert (windows.pending, windows.blank) == (0, 1)
