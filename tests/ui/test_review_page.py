"""The review page on real scans: queue order, the sheet with its boxes, keyboard decisions,
tallies following, rejection with a reason, reopening."""

from __future__ import annotations

from pathlib import Path

import cv2
import numpy as np
import pytest
from PIL import Image as PilImage
from PySide6.QtCore import Qt
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from desktop.core.printing.boxes import BoxInfo
from desktop.core.records.recording import Recorder, archive_root
from desktop.core.records.review import Review
from desktop.core.records.scanjob import scan_paths
from desktop.core.registry.service import CampaignInfo
from desktop.core.results.tally import paper_tally
from desktop.core.services import Services
from desktop.ui.context import CampaignContext
from desktop.ui.dialogs.review_dialogs import RejectDialog
from desktop.ui.models import ObjectRole
from desktop.ui.models.review_models import Outline, QueueModel, SheetTarget, sheet_targets
from desktop.ui.pages.review_images import (
    CROP_MARGIN_MM,
    CROP_MARGIN_Y_MM,
    CROP_PX_PER_MM,
    load_picture,
)
from desktop.ui.pages.review_page import ReviewPage
from scanning.decide import MarkState
from scanning.reasons import Reason
from tests.ballot_files import BRANDS, STAFF, VOTES, WINDOWS
from tests.conftest import REVIEWER
from tests.ui.conftest import when_modal


@pytest.fixture
def recorded(services: Services, demo: CampaignInfo, box: BoxInfo, scans: list[Path],
             tmp_path: Path) -> list[Path]:
    """The three scanned ballots and a photocopy of the second page of the first."""
    copy = tmp_path / "copy.jpg"
    cv2.imwrite(str(copy), cv2.imread(str(scans[1]), cv2.IMREAD_GRAYSCALE),
                [cv2.IMWRITE_JPEG_QUALITY, 75])
    paths = [*scans, copy]
    list(scan_paths(Recorder(services.db, services.actor), paths, workers=1))
    return paths


def open_page(qtbot: QtBot, services: Services, campaign_id: int) -> ReviewPage:
    page = ReviewPage(CampaignContext(services, campaign_id))
    qtbot.addWidget(page)
    page.resize(1280, 760)
    page.show()
    settle(qtbot, page)
    return page


def activate(qtbot: QtBot, page: ReviewPage) -> None:
    """Shortcuts work in the active window (offscreen, none is active after a dialog)."""
    if QApplication.activeWindow() is not page:
        page.activateWindow()
        qtbot.waitUntil(lambda: QApplication.activeWindow() is page)


def settle(qtbot: QtBot, page: ReviewPage) -> None:
    qtbot.waitUntil(lambda: not page.controller.busy, timeout=15_000)


def press(qtbot: QtBot, page: ReviewPage, *keys: Qt.Key) -> None:
    for key in keys:
        activate(qtbot, page)
        qtbot.keyClick(page.focusWidget() or page, key)
        settle(qtbot, page)


def queue(page: ReviewPage) -> list[tuple[Reason, ...]]:
    model = page.queue_model
    return [model.data(model.index(row, 0), ObjectRole).reasons for row in range(model.rowCount())]


def test_queue_in_order_and_the_sheet_with_its_boxes(
    qtbot: QtBot, services: Services, demo: CampaignInfo, recorded: list[Path]
) -> None:
    page = open_page(qtbot, services, demo.id)
    assert queue(page) == [(Reason.DUPLICATE,), (Reason.OVERVOTE,)]
    assert page.queue_box.title() == "待审核 (2)"
    model = page.queue_model
    assert model.data(model.index(0, QueueModel.COL_REASONS)) == "重复的票号（已计入过）"
    assert model.data(model.index(1, QueueModel.COL_SHEET)).endswith("第 1 页")
    assert model.data(model.index(0, QueueModel.COL_SOURCE)) == "copy.jpg"

    page.select_row(1)
    settle(qtbot, page)
    state = page.controller.state
    assert state is not None and state.reasons == (Reason.OVERVOTE,)
    view = page.sheet_view
    assert view.pixmap_item is not None and not view.pixmap_item.pixmap().isNull()
    assert "超过规定人数" in page.reasons_label.text()
    # Every target of the overvoted category outlined; the eleven ticks in question.
    questioned = page.controller.targets.questioned
    ticked = [f"{n:02d}" for n in range(1, 12)]
    assert [t.target.candidate for t in questioned] == ticked
    assert {key[0] for key in view.outline_items} == {WINDOWS}
    for number in ticked:
        item = view.outline_items[(WINDOWS, number)]
        assert item.data(0) == Outline.MARKED.value
        box = item.polygon().boundingRect()
        assert view.pixmap_item.boundingRect().contains(box) and box.width() > 20
    assert view.outline_items[(WINDOWS, "12")].data(0) == Outline.EMPTY.value
    assert page.zoom.count() == 11
    assert not page.zoom.item(0).icon().isNull()
    assert page.controller.current == (WINDOWS, "01")


def test_keyboard_unmarks_a_slip_accepts_rejects_and_reopens(
    qtbot: QtBot, services: Services, demo: CampaignInfo, recorded: list[Path]
) -> None:
    page = open_page(qtbot, services, demo.id)
    press(qtbot, page, Qt.Key.Key_Space)  # next sheet: the overvote
    assert page.controller.state is not None
    assert page.controller.state.reasons == (Reason.OVERVOTE,)
    assert paper_tally(services.db, demo.id).categories[WINDOWS].pending == 1

    # The eleventh "mark" is a slip: go down to it and say it is not marked.
    press(qtbot, page, *[Qt.Key.Key_J] * 9, Qt.Key.Key_Down)
    assert page.controller.current == (WINDOWS, "11")
    press(qtbot, page, Qt.Key.Key_K, Qt.Key.Key_J, Qt.Key.Key_E)
    state = page.controller.state
    assert state is not None
    assert state.states[(WINDOWS, "11")] is MarkState.EMPTY
    assert (WINDOWS, "11") in state.decided
    assert page.sheet_view.outline_items[(WINDOWS, "11")].data(0) == Outline.DECIDED.value
    assert len(queue(page)) == 2, "an overvote waits for the sheet to be accepted"

    press(qtbot, page, Qt.Key.Key_A)
    assert queue(page) == [(Reason.DUPLICATE,)]
    windows = paper_tally(services.db, demo.id).categories[WINDOWS]
    assert (windows.pending, windows.void, windows.valid) == (0, 0, 3)
    assert windows.votes["10"] == 1 and windows.votes["11"] == 0
    assert "按 U" in page.settled_label.text()

    # The duplicate: R asks for a reason; OK stays off until there is one.
    def give_reason(dialog: QWidget) -> None:
        assert isinstance(dialog, RejectDialog)
        assert not dialog.buttons.buttons()[0].isEnabled()
        dialog.set_reason("复印件")
        dialog.accept()

    assert page.controller.state is not None
    duplicate = page.controller.state.sheet_id
    when_modal(give_reason)
    press(qtbot, page, Qt.Key.Key_R)
    assert queue(page) == []
    assert page.stack.currentWidget() is page.empty_label
    assert page.empty_label.text() == "没有待审核的选票"
    assert paper_tally(services.db, demo.id).ballots == 3

    # U reopens the duplicate: a new decision, the rejection stays in the record.
    press(qtbot, page, Qt.Key.Key_U)
    assert queue(page) == [(Reason.DUPLICATE,)]
    assert page.controller.state is not None
    assert page.controller.state.sheet_id == duplicate
    press(qtbot, page, Qt.Key.Key_U)
    assert queue(page) == [(Reason.DUPLICATE,), (Reason.OVERVOTE,)]
    assert Review(services.db, services.actor).queue(demo.id)[0].sheet_id == duplicate


def test_rejecting_needs_a_reason(
    qtbot: QtBot, services: Services, demo: CampaignInfo, recorded: list[Path]
) -> None:
    page = open_page(qtbot, services, demo.id)
    when_modal(lambda dialog: dialog.reject())
    press(qtbot, page, Qt.Key.Key_R)
    assert len(queue(page)) == 2
    dialog = RejectDialog("000001 · 第 2 页")
    dialog.set_reason("   ")
    dialog.accept()
    assert dialog.result() == 0 and dialog.reason() == ""


def test_questioned_targets_follow_the_decisions(
    services: Services, demo: CampaignInfo, recorded: list[Path]
) -> None:
    """Without a window: once the slip is unmarked, the category stays in question."""
    from desktop.core.records.review import Decision

    review = Review(services.db, REVIEWER)
    overvoted = review.queue(demo.id)[1]
    layout = services.printing.stored_layout(demo.id, overvoted.layout_version or 0)
    after = review.decide(demo.id, overvoted.sheet_id, Decision.EMPTY, [(WINDOWS, "11")])
    targets = sheet_targets(after, layout)
    assert [t.target.candidate for t in targets.questioned] == VOTES[2][WINDOWS]
    slip = targets.questioned[-1]
    assert isinstance(slip, SheetTarget) and slip.outline is Outline.DECIDED
    # A duplicate is held as a whole: what it would count is shown (ballot 1, page 2).
    duplicate = sheet_targets(review.queue(demo.id)[0], layout)
    assert [t.key for t in duplicate.questioned] == [(STAFF, "40"), (BRANDS, "10")]


def ink_in_box(crop: QImage, box_mm: float) -> float:
    """The dark share inside a close-up's box (its printed border left out)."""
    gray = crop.convertToFormat(QImage.Format.Format_Grayscale8)
    inset = round(1.2 * CROP_PX_PER_MM)
    left, top = round(CROP_MARGIN_MM * CROP_PX_PER_MM), round(CROP_MARGIN_Y_MM * CROP_PX_PER_MM)
    side = round(box_mm * CROP_PX_PER_MM)
    values = [gray.pixelColor(x, y).value()
              for y in range(top + inset, top + side - inset)
              for x in range(left + inset, left + side - inset)]
    return sum(1 for v in values if v < 128) / len(values)


def test_pictures_of_jpeg_pdf_and_tiff_pages(
    services: Services, demo: CampaignInfo, box: BoxInfo, scans: list[Path], tmp_path: Path
) -> None:
    """Ballot 1 as JPEGs, ballot 2 as a scan-to-PDF, ballot 3 as a two-page TIFF: every box
    lands on its tick (the page inside the file, the reader's scale, the PDF's resolution)."""
    pages = [PilImage.open(path) for path in scans]
    pdf, tiff = tmp_path / "scan.pdf", tmp_path / "scan.tif"
    pages[2].save(pdf, save_all=True, append_images=[pages[3]], resolution=300)
    pages[4].save(tiff, save_all=True, append_images=[pages[5]], compression="tiff_lzw")
    list(scan_paths(Recorder(services.db, services.actor), [*scans[:2], pdf, tiff], workers=1))
    review = Review(services.db, services.actor)
    sheets = [review.sheet(demo.id, sheet_id) for sheet_id in range(1, 7)]
    assert [(s.serial, s.page, s.page_index) for s in sheets] == [
        (1, 1, 0), (1, 2, 0), (2, 1, 0), (2, 2, 1), (3, 1, 0), (3, 2, 1)]
    layout = services.printing.stored_layout(demo.id, 1)
    assert layout is not None
    for sheet in sheets:
        assert sheet.page is not None and sheet.serial is not None
        targets = layout.pages[sheet.page - 1].targets
        picture = load_picture(archive_root(services.db), sheet, targets)
        assert picture.image is not None and not picture.image.isNull()
        votes = VOTES[sheet.serial - 1]
        for target in targets:
            key = (target.category, target.candidate)
            for x, y in picture.boxes[key]:
                assert 0 <= x < picture.image.width() and 0 <= y < picture.image.height()
            ink = ink_in_box(picture.crops[key], target.box_mm[2])
            ticked = target.candidate in votes.get(target.category, ())
            assert (ink > 0.05) == ticked, (sheet.archive_path, key, ink)


def test_an_unreadable_page_shows_just_its_image(
    qtbot: QtBot, services: Services, demo: CampaignInfo, box: BoxInfo, tmp_path: Path
) -> None:
    """No page found, no code: first in the queue, the picture without boxes; R settles it."""
    blank = tmp_path / "not-a-ballot.png"
    image = np.full((1754, 1240), 235, np.uint8)
    cv2.putText(image, "minutes of the meeting", (100, 300), cv2.FONT_HERSHEY_SIMPLEX, 2, 0, 3)
    cv2.imwrite(str(blank), image)
    list(scan_paths(Recorder(services.db, services.actor), [blank], workers=1))
    page = open_page(qtbot, services, demo.id)
    assert len(queue(page)) == 1
    state = page.controller.state
    assert state is not None and state.homography is None
    assert page.sheet_view.pixmap_item is not None and page.sheet_view.outline_items == {}
    assert page.zoom.count() == 0
    assert not page.mark_button.isEnabled() and page.reject_button.isEnabled()
    assert "图像 " in page.queue_model.data(page.queue_model.index(0, QueueModel.COL_SHEET))

    def give_reason(dialog: QWidget) -> None:
        assert isinstance(dialog, RejectDialog)
        dialog.set_reason("不是选票")
        dialog.accept()

    when_modal(give_reason)
    press(qtbot, page, Qt.Key.Key_R)
    assert queue(page) == []


def test_the_copies_side_by_side_and_the_one_chosen_counts(
    qtbot: QtBot, services: Services, demo: CampaignInfo, recorded: list[Path]
) -> None:
    from desktop.ui.dialogs.copies_dialog import CopiesDialog

    page = open_page(qtbot, services, demo.id)
    page.select_row(0)  # the photocopy of ballot 1, page 2: held as the duplicate
    settle(qtbot, page)
    duplicate = page.controller.state
    assert duplicate is not None and duplicate.reasons == (Reason.DUPLICATE,)
    assert page.compare_button.isEnabled()
    seen: list[CopiesDialog] = []

    def choose_the_copy(dialog: QWidget) -> None:
        assert isinstance(dialog, CopiesDialog)
        seen.append(dialog)
        assert [c.sheet_id for c in dialog.copies][1] == duplicate.sheet_id
        assert [c.counted for c in dialog.copies] == [True, False]
        assert all(view.pixmap_item is not None for view in dialog.views)
        assert not dialog.choose_buttons[0].isEnabled(), "the counted one is counted already"
        dialog.reason.setText("原件污损，以复印件为准")
        dialog.choose_buttons[1].click()

    when_modal(choose_the_copy)
    page.compare_button.click()
    settle(qtbot, page)
    assert seen, "the side-by-side dialog opened"
    review = Review(services.db, services.actor)
    assert review.sheet(demo.id, duplicate.sheet_id).counted
    assert [st.counted for st in review.copies(demo.id, duplicate.sheet_id)] == [True, False]
    assert review.copies(demo.id, duplicate.sheet_id)[0].sheet_id == duplicate.sheet_id
    assert queue(page) == [(Reason.OVERVOTE,)]
