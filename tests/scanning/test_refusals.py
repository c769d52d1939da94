"""Pages that must not count as read: forged, foreign, unknown, unreadable, not a page; and the
fallbacks that keep real ballots readable (whole-image QR pass, orientation by the QR code)."""

from __future__ import annotations

from pathlib import Path

import cv2
import numpy as np
import pytest

from ballotformat import Layout, encode_payload
from scanning import MarkState, ReadContext, Reason, Status, interpret_file, interpret_image
from scanning import page as pg
from scanning.marks import search_marks
from tests.scanning import pens
from tests.scanning.corpus import (
    CAMPAIGN_ID,
    LAYOUT_VERSION,
    OTHER_SECRET,
    SECRET,
    paste_qr,
    print_sheets,
)

SERIAL = 4242


@pytest.fixture(scope="module")
def sheet(layout: Layout) -> np.ndarray:
    image = print_sheets(layout, [SERIAL])[0]
    target = layout.pages[0].targets[0]
    import random

    pens.tick(image, target.box_mm, random.Random(1))
    return image


def read(image: np.ndarray, context: ReadContext) -> object:
    return interpret_image(image, context.key_for, context.layout_for)


def test_a_clean_sheet_is_accepted(sheet: np.ndarray, context: ReadContext) -> None:
    result = interpret_image(sheet, context.key_for, context.layout_for)
    assert result.status is Status.ACCEPTED and result.reasons == ()
    assert (result.serial, result.campaign_id, result.layout_version, result.layout_page) == (
        SERIAL, CAMPAIGN_ID, LAYOUT_VERSION, 1)
    assert [m.candidate for m in result.marks if m.state.value == "marked"] == ["01"]


def test_a_ballot_signed_with_another_secret_is_forged(layout: Layout,
                                                       context: ReadContext) -> None:
    forged = print_sheets(layout, [SERIAL], OTHER_SECRET)[0]
    result = interpret_image(forged, context.key_for, context.layout_for)
    assert result.status is Status.REJECTED and result.reasons == (Reason.BAD_HMAC,)
    assert result.serial is None and result.marks == ()


@pytest.mark.parametrize("position", [4, 9, 12, 25])
def test_one_changed_character_is_forged(sheet: np.ndarray, layout: Layout,
                                         context: ReadContext, position: int) -> None:
    text = encode_payload(CAMPAIGN_ID, LAYOUT_VERSION, 1, SERIAL, SECRET)
    changed = text[:position] + ("1" if text[position] != "1" else "2") + text[position + 1:]
    image = sheet.copy()
    paste_qr(image, layout, changed)
    result = interpret_image(image, context.key_for, context.layout_for)
    assert result.status is Status.REJECTED
    assert result.reasons in ((Reason.BAD_HMAC,), (Reason.FOREIGN_CAMPAIGN,))
    assert result.qr_text == changed


@pytest.mark.parametrize(("text", "reason"), [
    (encode_payload(99, LAYOUT_VERSION, 1, SERIAL, SECRET), Reason.FOREIGN_CAMPAIGN),
    (encode_payload(CAMPAIGN_ID, 9, 1, SERIAL, SECRET), Reason.UNKNOWN_LAYOUT),
    (encode_payload(CAMPAIGN_ID, LAYOUT_VERSION, 2, SERIAL, SECRET), Reason.UNKNOWN_LAYOUT),
    ("BD3" + "0" * 31, Reason.UNSUPPORTED_FORMAT),
    ("HELLO WORLD", Reason.CODE_UNREADABLE),
])
def test_codes_that_are_not_a_page_of_ours_are_rejected(
        sheet: np.ndarray, layout: Layout, context: ReadContext, text: str,
        reason: Reason) -> None:
    image = sheet.copy()
    paste_qr(image, layout, text)
    result = interpret_image(image, context.key_for, context.layout_for)
    assert result.status is Status.REJECTED
    assert result.reasons == (reason,)


def test_a_blank_image_is_rejected(context: ReadContext) -> None:
    blank = np.full((3508, 2480), 240, np.uint8)
    result = interpret_image(blank, context.key_for, context.layout_for)
    assert result.status is Status.REJECTED
    assert result.reasons == (Reason.PAGE_NOT_FOUND, Reason.CODE_UNREADABLE)


def test_a_page_whose_bottom_marks_are_cut_off_is_located_from_the_code_and_boxes(
        sheet: np.ndarray, context: ReadContext) -> None:
    """Both bottom marks gone: the QR code's corners and the two top marks give a first fit,
    the printed box grid verifies it, and the page reads as the whole page does."""
    whole = interpret_image(sheet, context.key_for, context.layout_for)
    cut = sheet[: round(280 * pens.PX_PER_MM)]
    result = interpret_image(cut, context.key_for, context.layout_for)
    assert Reason.PAGE_NOT_FOUND not in result.reasons
    assert Reason.MISREGISTERED not in result.reasons
    assert result.serial == SERIAL and result.qr_pass == "whole_image"
    assert [(m.candidate, m.state) for m in result.marks] == [
        (m.candidate, m.state) for m in whole.marks]


def test_a_page_cut_in_half_goes_to_review_unread(sheet: np.ndarray,
                                                   context: ReadContext) -> None:
    """Only the top third survives (the code and the two top marks): nothing to fit the far
    end of the page to, so it is not read; the code verified, so a person reviews it."""
    cut = sheet[: round(90 * pens.PX_PER_MM)]
    result = interpret_image(cut, context.key_for, context.layout_for)
    assert result.status is Status.REVIEW
    assert Reason.PAGE_NOT_FOUND in result.reasons or Reason.MISREGISTERED in result.reasons
    assert result.serial == SERIAL
    assert all(m.state is MarkState.AMBIGUOUS for m in result.marks)


def test_a_file_that_is_not_an_image_is_rejected(tmp_path: Path, context: ReadContext) -> None:
    path = tmp_path / "scan.jpg"
    path.write_bytes(b"not a jpeg")
    result = interpret_file(path, context.key_for, context.layout_for)
    assert result.status is Status.REJECTED and result.reasons == (Reason.IMAGE_UNREADABLE,)


def test_a_page_stretched_out_of_its_proportions_is_wrong_size(
        sheet: np.ndarray, context: ReadContext) -> None:
    height, width = sheet.shape
    stretched = cv2.resize(sheet, (width, round(height * 0.9)), interpolation=cv2.INTER_AREA)
    result = interpret_image(stretched, context.key_for, context.layout_for)
    assert Reason.WRONG_PAGE_SIZE in result.reasons
    assert result.status is Status.REVIEW


def test_the_whole_image_pass_reads_a_code_outside_the_region(
        sheet: np.ndarray, context: ReadContext, monkeypatch: pytest.MonkeyPatch) -> None:
    """A layout region that misses the code (curled paper, another QR size): the fallback."""
    monkeypatch.setattr(pg, "qr_search_box", lambda size: (60.0, 150.0, 40.0, 40.0))
    result = interpret_image(sheet, context.key_for, context.layout_for)
    assert result.qr_pass == "whole_image"
    assert result.status is Status.ACCEPTED and result.serial == SERIAL


def test_the_code_settles_orientation_when_the_big_mark_is_lost(
        sheet: np.ndarray, layout: Layout, context: ReadContext) -> None:
    """A blot of white-out over the 10 mm mark leaves a 6 mm one: four equal marks."""
    image = np.ascontiguousarray(np.rot90(sheet.copy(), 2))
    k = pens.PX_PER_MM
    height, width = image.shape
    x, y, w, h = next(m.box_mm for m in layout.registration_marks if m.corner == "tl")
    # after a half turn the top-left mark sits at the bottom right
    right, bottom = width - round(x * k), height - round(y * k)
    image[bottom - round(h * k): bottom - round(6 * k), right - round(w * k): right] = 255
    image[bottom - round(h * k): bottom, right - round(w * k): right - round(6 * k)] = 255
    result = interpret_image(image, context.key_for, context.layout_for)
    assert result.qr_pass == "whole_image"
    assert result.status is Status.ACCEPTED, result.reasons
    assert [m.candidate for m in result.marks if m.state.value == "marked"] == ["01"]


def test_the_pyzbar_backend_alone_reads_the_code(sheet: np.ndarray, context: ReadContext) -> None:
    result = interpret_image(sheet, context.key_for, context.layout_for,
                             backends=("no-such-decoder", "pyzbar"))
    assert result.status is Status.ACCEPTED and result.serial == SERIAL


def test_without_any_decoder_the_code_is_unreadable(sheet: np.ndarray,
                                                    context: ReadContext) -> None:
    result = interpret_image(sheet, context.key_for, context.layout_for,
                             backends=())
    assert result.status is Status.REJECTED and result.reasons == (Reason.CODE_UNREADABLE,)


def test_the_marks_of_a_turned_page_on_a_striped_table_are_found(
        sheet: np.ndarray, layout: Layout) -> None:
    """A photo of a page turned 8° on a wood-grain table (dark stripes up to its edges): every
    mark keeps its clear ring on the paper, so all four are found where they are printed.
    The 10 mm corner mark's ring (5 mm) nearly reaches the paper's edge 6 mm away; measured
    from the turned mark's upright box it reached past it (ring ink 4.5% here, 2.9% now)."""
    k = 7.2 / pens.PX_PER_MM  # photo pixels per printed pixel: a 3264 px frame
    height, width = sheet.shape
    turn = np.float32(np.radians(8.0))
    rot = np.array([[np.cos(turn), -np.sin(turn)], [np.sin(turn), np.cos(turn)]], np.float32)
    frame = (round(2.3 * width * k), round(1.25 * height * k))
    matrix = np.hstack([rot * k, [[frame[0] / 2], [frame[1] / 2]]]).astype(np.float32)
    matrix[:, 2] -= matrix[:, :2] @ np.array([width / 2, height / 2], np.float32)
    page = cv2.warpAffine(sheet, matrix, frame, borderValue=0)
    mask = cv2.warpAffine(np.full_like(sheet, 255), matrix, frame, borderValue=0)
    rows = np.arange(frame[1])[:, None] + 0.3 * np.arange(frame[0])[None, :]
    table = np.where((rows // 12) % 3 != 0, 70, 175).astype(np.uint8)
    photo = np.where(mask > 128, page, table).astype(np.uint8)
    found, _ = search_marks(photo)
    assert found is not None and found.oriented
    centres = pg.mark_centres_mm(layout.registration_marks)
    expected = [matrix[:, :2] @ (np.array(c) * pens.PX_PER_MM) + matrix[:, 2] for c in centres]
    assert np.abs(np.array(found.corners) - np.array(expected)).max() < 0.5 * 7.2


def test_boxes_off_the_image_are_unclear_never_empty(sheet: np.ndarray, layout: Layout,
                                                      context: ReadContext) -> None:
    """A page cut below its last rows of boxes (a photo's corner out of frame): the boxes that
    are not on the image, a ticked one among them, are unclear and the page goes to a person;
    the boxes on the image read as on the whole page."""
    page = layout.pages[0]
    last = max(t.box_mm[1] for t in page.targets)
    ticked = next(t for t in page.targets if t.box_mm[1] == last)
    image = sheet.copy()
    import random

    pens.tick(image, ticked.box_mm, random.Random(2))
    whole = read(image, context)
    cut_mm = last - 4.0
    result = read(image[: round(cut_mm * pens.PX_PER_MM)], context)
    assert result.status is Status.REVIEW
    assert Reason.TARGETS_OFF_IMAGE in result.reasons
    by_target = {(m.category, m.candidate): m.state for m in result.marks}
    assert by_target[(ticked.category, ticked.candidate)] is MarkState.AMBIGUOUS
    on_image = {(t.category, t.candidate) for t in page.targets
                if t.box_mm[1] + t.box_mm[3] + 2.0 < cut_mm}
    off_image = set(by_target) - on_image
    assert on_image and off_image
    assert all(by_target[k] is MarkState.AMBIGUOUS for k in off_image)
    assert {k: by_target[k] for k in on_image} == {
        (m.category, m.candidate): m.state for m in whole.marks
        if (m.category, m.candidate) in on_image}
