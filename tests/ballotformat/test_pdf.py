"""Print, rasterize at 300 dpi, read back: QR codes, marks, boxes, fonts, progress and cancel."""

from __future__ import annotations

import io
import re
from dataclasses import replace
from pathlib import Path

import numpy as np
import pypdfium2 as pdfium
import pytest
import zxingcpp

from ballotformat import (
    ForgedPayloadError,
    Layout,
    RenderCancelledError,
    build_layout,
    decode_payload,
    render_batch,
    render_preview,
)
from ballotformat import geometry as g
from ballotformat.geometry import clear_zone
from ballotformat.payload import SIGNED_LENGTH
from desktop.core.printing.sample import sample_spec
from tests.ballotformat.support import (
    CAMPAIGN_ID,
    DARK,
    LAYOUT_VERSION,
    OTHER_SECRET,
    PX_PER_MM,
    SECRET,
    SERIALS,
    WHITE,
    PrintedBatch,
    crop,
    px,
    rasterize,
    tiny_jpeg,
)

QR_SEARCH_MARGIN_MM = 3.0


def read_qr(image: np.ndarray, layout: Layout) -> zxingcpp.Barcode:
    """The one QR code inside the layout's QR region (as the scanner reads it)."""
    x, y, w, h = layout.qr.box_mm
    margin = QR_SEARCH_MARGIN_MM
    region = crop(image, (max(0, x - margin), max(0, y - margin), w + 2 * margin, h + 2 * margin))
    found = zxingcpp.read_barcodes(region, formats=zxingcpp.BarcodeFormat.QRCode)
    assert len(found) == 1
    return found[0]


def secrets(campaign_id: int, _serial: int, _format_version: int) -> bytes | None:
    return SECRET if campaign_id == CAMPAIGN_ID else None


def test_every_page_carries_a_valid_signed_code_for_its_page_and_serial(
    printed: PrintedBatch,
) -> None:
    layout = printed.layout
    assert len(printed.pages) == len(SERIALS) * layout.page_count
    seen = set()
    for index, image in enumerate(printed.pages):
        text = read_qr(image, layout).text
        payload = decode_payload(text, secrets)
        serial, page = SERIALS[index // layout.page_count], index % layout.page_count + 1
        assert (payload.campaign_id, payload.layout_version) == (CAMPAIGN_ID, LAYOUT_VERSION)
        assert (payload.serial, payload.page) == (serial, page)
        seen.add((payload.serial, payload.page))
        digit = SIGNED_LENGTH - 1  # the serial's last digit
        tampered = text[:digit] + ("1" if text[digit] != "1" else "2") + text[digit + 1:]
        with pytest.raises(ForgedPayloadError):
            decode_payload(tampered, secrets)
        with pytest.raises(ForgedPayloadError):
            decode_payload(text, lambda *_: OTHER_SECRET)
    assert len(seen) == len(printed.pages)


def test_the_whole_page_holds_exactly_one_qr_code(printed: PrintedBatch) -> None:
    found = zxingcpp.read_barcodes(printed.pages[0])
    assert [b.format for b in found] == [zxingcpp.BarcodeFormat.QRCode]


def test_qr_modules_measure_at_least_1_4_mm_and_sit_where_the_layout_says(
    printed: PrintedBatch,
) -> None:
    layout = printed.layout
    code = read_qr(printed.pages[0], layout)
    position = code.position
    side_px = ((position.top_right.x - position.top_left.x)
               + (position.bottom_left.y - position.top_left.y)) / 2
    module_mm = side_px / layout.qr.modules / PX_PER_MM
    assert module_mm >= 1.4 - 0.02
    x, _y, w, _h = layout.qr.symbol_box_mm
    margin = QR_SEARCH_MARGIN_MM
    left_mm = position.top_left.x / PX_PER_MM + max(0.0, layout.qr.box_mm[0] - margin)
    assert abs(left_mm - x) < 0.3
    assert abs(side_px / PX_PER_MM - w) < 0.5
    quiet = crop(printed.pages[0], layout.qr.box_mm)
    inner = px(layout.qr.quiet_zone_modules * layout.qr.module_mm) - 2
    for band in (quiet[:inner], quiet[-inner:], quiet[:, :inner], quiet[:, -inner:]):
        assert band.min() >= WHITE  # the quiet zone is clear


def test_qr_modules_abut_without_seams(printed: PrintedBatch) -> None:
    """Inside the 7x7 finder pattern's 3x3 core every pixel is solid black."""
    x, y, _w, _h = printed.layout.qr.symbol_box_mm
    module = printed.layout.qr.module_mm
    core = crop(printed.pages[0], (x + 2 * module, y + 2 * module, 3 * module, 3 * module), 0.1)
    assert core.max() < DARK // 2


def test_marks_are_solid_and_their_clear_zones_white(printed: PrintedBatch) -> None:
    for image in printed.pages[:2]:
        for mark in printed.layout.registration_marks:
            assert crop(image, mark.box_mm, 0.3).max() < DARK
            x, y, w, h = clear_zone(mark)
            zone = crop(image, (x, y, w, h)).copy()
            inner = 5.0 - 0.3
            zone[px(inner): -px(inner), px(inner): -px(inner)] = 255
            assert zone.min() >= WHITE, mark.corner


def test_boxes_have_dark_borders_and_white_insides(printed: PrintedBatch) -> None:
    layout = printed.layout
    for page, image in zip(layout.pages, printed.pages, strict=False):
        for target in page.targets:
            x, y, w, h = target.box_mm
            assert crop(image, target.box_mm, g.BOX_BORDER_MM + 0.25).min() >= WHITE
            for edge in ((x, y - 0.1, w, 0.2), (x, y + h - 0.1, w, 0.2),
                         (x - 0.1, y, 0.2, h), (x + w - 0.1, y, 0.2, h)):
                assert np.median(crop(image, edge)) < DARK, target
            # 2 mm of white to the right of the box before the number starts.
            assert crop(image, (x + w + 0.4, y, 1.6, h)).min() >= WHITE


def test_serial_digits_are_printed_beside_the_qr_code(printed: PrintedBatch) -> None:
    document = pdfium.PdfDocument(printed.pdf)
    try:
        for index in range(len(document)):
            text = document[index].get_textpage().get_text_range()
            serial = SERIALS[index // printed.layout.page_count]
            assert f"票号 {serial:06d}" in text
    finally:
        document.close()


def test_every_name_is_drawn_with_the_embedded_subset_font(printed: PrintedBatch) -> None:
    layout = printed.layout
    document = pdfium.PdfDocument(printed.pdf)
    try:
        for page in layout.pages:
            text = document[page.page - 1].get_textpage().get_text_range()
            for target in page.targets:
                assert target.name in text
    finally:
        document.close()
    assert b"/FontFile2" in printed.pdf
    fonts = set(re.findall(rb"/BaseFont /([^\s/]+)", printed.pdf))
    assert fonts
    assert all(re.fullmatch(rb"[A-Z]{6}\+WenQuanYiMicroHei-0", f) for f in fonts)
    assert len(re.findall(rb"/FontFile2", printed.pdf)) == len(fonts)  # each subset embedded


def test_the_static_page_is_one_form_xobject_reused_by_every_ballot(printed: PrintedBatch) -> None:
    forms = re.findall(rb"/Subtype /Form", printed.pdf)
    assert len(forms) == printed.layout.page_count
    one = io.BytesIO()
    render_batch(printed.layout, [1], SECRET, one)
    per_ballot = (len(printed.pdf) - len(one.getvalue())) / (len(SERIALS) - 1)
    assert per_ballot < 3_000  # bytes: QR code and serial only


def test_progress_is_reported_and_cancel_leaves_no_file(layout_a4: Layout, tmp_path: Path) -> None:
    calls: list[tuple[int, int]] = []
    out = tmp_path / "ballots.pdf"
    result = render_batch(layout_a4, [5, 6, 7], SECRET, out,
                          progress=lambda done, total: calls.append((done, total)))
    assert calls == [(1, 3), (2, 3), (3, 3)]
    assert (result.ballots, result.pages) == (3, 3 * layout_a4.page_count)
    assert out.stat().st_size == result.bytes_written
    cancelled = tmp_path / "cancelled.pdf"
    with pytest.raises(RenderCancelledError):
        render_batch(layout_a4, [1, 2, 3], SECRET, cancelled,
                     progress=lambda d, _t: calls.append((d, -1)), cancel=lambda: len(calls) > 4)
    assert not cancelled.exists()


def test_duplicate_serials_are_refused(layout_a4: Layout) -> None:
    with pytest.raises(ValueError, match="unique"):
        render_batch(layout_a4, [1, 1], SECRET, io.BytesIO())


def test_a_preview_never_validates_as_a_ballot(layout_a4: Layout) -> None:
    pages = rasterize(render_preview(layout_a4), dpi=150)
    assert len(pages) == layout_a4.page_count
    text = zxingcpp.read_barcodes(pages[0])[0].text
    with pytest.raises(ForgedPayloadError):
        decode_payload(text, secrets)


def test_a_stored_layout_prints_the_same_from_json(layout_a4: Layout) -> None:
    again = Layout.from_json(layout_a4.to_json())
    first, second = io.BytesIO(), io.BytesIO()
    render_batch(layout_a4, [9], SECRET, first)
    render_batch(again, [9], SECRET, second)
    assert first.getvalue() == second.getvalue()


def test_photos_are_printed(tmp_path: Path) -> None:
    spec = replace(sample_spec(categories=1, candidates_per_category=4), show_photos=True)
    category = spec.categories[0]
    spec = replace(spec, categories=(replace(category, candidates=tuple(
        replace(c, photo_jpeg=tiny_jpeg(i)) for i, c in enumerate(category.candidates))),))
    layout = build_layout(spec)
    image = rasterize(render_preview(layout))[0]
    for photo in layout.pages[0].photos:
        assert crop(image, photo.box_mm, 1.0).mean() < 200  # coloured, not blank paper
    with pytest.raises(ValueError, match="photo"):
        render_batch(Layout.from_json(layout.to_json()), [1], SECRET, io.BytesIO())
