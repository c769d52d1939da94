"""The layout engine: shape of the JSON, pagination, columns, spacing, clear zones, glyphs."""

from __future__ import annotations

import itertools
import json
from dataclasses import replace

import pytest

from ballotformat import (
    BallotSpec,
    CandidateSpec,
    CategorySpec,
    Layout,
    MissingGlyphsError,
    Paper,
    TextItem,
    build_layout,
)
from ballotformat import geometry as g
from ballotformat.font_file import ballot_font_path
from ballotformat.fonts import ELLIPSIS, FONT_ASCENT, FONT_DESCENT
from ballotformat.geometry import boxes_intersect, clear_zone
from ballotformat.model import Box
from desktop.core.printing.sample import sample_spec
from desktop.core.registry.candidates import format_number
from tests.ballotformat.support import tiny_jpeg

ALL_PAPERS = (Paper.A4, Paper.A3, Paper.LETTER)


def check_geometry(layout: Layout) -> None:
    """No two texts overlap, no text touches a box, nothing enters a mark's clear zone."""
    width, height = layout.page_size_mm
    zones = [clear_zone(m) for m in layout.registration_marks]
    for page in layout.pages:
        texts = [t.bbox_mm for t in page.texts]
        boxes = [t.box_mm for t in page.targets]
        for a, b in itertools.combinations(texts, 2):
            assert not boxes_intersect(a, b), (a, b)
        for text in page.texts:
            x, y, w, h = text.bbox_mm
            assert 0 <= x <= x + w <= width, text
            assert 0 <= y <= y + h <= height, text
            assert not any(boxes_intersect(text.bbox_mm, z) for z in zones), text
            assert not boxes_intersect(text.bbox_mm, layout.qr.box_mm), text
            for box in boxes:  # at least 2 mm of paper between a box and any text
                grown = (box[0] - 2, box[1], box[2] + 4, box[3])
                assert not boxes_intersect(text.bbox_mm, grown), (text, box)
        for a, b in itertools.combinations(boxes, 2):
            assert not boxes_intersect(a, b)
            gap_x = max(b[0] - (a[0] + a[2]), a[0] - (b[0] + b[2]))
            gap_y = max(b[1] - (a[1] + a[3]), a[1] - (b[1] + b[3]))
            assert max(gap_x, gap_y) >= 3.0, (a, b)  # room for a tick's tail
        for box in [*boxes, layout.qr.symbol_box_mm]:
            assert not any(boxes_intersect(box, z) for z in zones), box
        for photo in page.photos:
            assert not any(boxes_intersect(photo.box_mm, t) for t in texts)


def test_to_json_has_exactly_the_agreed_shape(layout_a4: Layout) -> None:
    data = json.loads(layout_a4.to_json())
    assert data["layout_version"] == 3
    assert data["page_size_mm"] == [210.0, 297.0]
    assert data["max_marks"] == {
        "十佳优良服务窗口": 10, "十佳优秀服务标兵": 10, "十佳优质服务品牌": 10}
    assert list(data["max_marks"]) == [name for name, _ in layout_a4.categories]
    assert [p["page"] for p in data["pages"]] == list(range(1, layout_a4.page_count + 1))
    for page in data["pages"]:
        for target in page["targets"]:
            assert set(target) == {"category", "candidate", "name", "box_mm"}
            assert isinstance(target["candidate"], str)
            assert len(target["box_mm"]) == 4
    first = data["pages"][0]["targets"][0]
    assert first["category"] == "十佳优良服务窗口"
    assert first["candidate"] == "01"
    # Additions for the scanner: marks, QR region, serial position.
    assert {m["corner"] for m in data["registration_marks"]} == {"tl", "tr", "bl", "br"}
    assert data["qr"]["module_mm"] >= 1.4
    assert data["qr"]["quiet_zone_modules"] == 4


def test_from_json_round_trips_and_keeps_the_fingerprint(layout_a4: Layout) -> None:
    again = Layout.from_json(layout_a4.to_json())
    assert again == layout_a4
    assert again.fingerprint == layout_a4.fingerprint
    assert again.to_json() == layout_a4.to_json()


def test_the_fingerprint_follows_what_is_printed_not_the_version_number() -> None:
    spec = sample_spec(categories=1, candidates_per_category=12)
    layout = build_layout(spec)
    assert build_layout(spec, layout_version=9).fingerprint == layout.fingerprint
    assert build_layout(spec).fingerprint == layout.fingerprint  # deterministic
    category = spec.categories[0]
    renamed = replace(category, candidates=(
        replace(category.candidates[0], name="改了名字"), *category.candidates[1:]))
    assert build_layout(replace(spec, categories=(renamed,))).fingerprint != layout.fingerprint
    assert build_layout(replace(spec, box_name="另一个投票箱")).fingerprint != layout.fingerprint
    assert len(layout.fingerprint) == 64


@pytest.mark.parametrize("paper", ALL_PAPERS)
def test_the_instructions_language_moves_nothing_that_is_read(paper: Paper) -> None:
    chinese = build_layout(sample_spec(paper=paper, language="zh_CN"))
    english = build_layout(sample_spec(paper=paper, language="en"))
    assert chinese.fingerprint != english.fingerprint  # other words are printed…
    assert chinese.reading_fingerprint == english.reading_fingerprint  # …read alike
    assert [t.box_mm for p in chinese.pages for t in p.targets] == [
        t.box_mm for p in english.pages for t in p.targets]
    spec = sample_spec(paper=paper)
    category = spec.categories[0]
    renamed = replace(category, candidates=(
        replace(category.candidates[0], name="改了名字"), *category.candidates[1:]))
    assert build_layout(replace(spec, categories=(renamed, *spec.categories[1:]))
                        ).reading_fingerprint != chinese.reading_fingerprint


@pytest.mark.parametrize("paper", ALL_PAPERS)
@pytest.mark.parametrize("language", ["zh_CN", "en"])
def test_3_categories_of_50_paginate_with_every_candidate_once_in_order(
    paper: Paper, language: str
) -> None:
    layout = build_layout(sample_spec(paper=paper, language=language))
    targets = [t for p in layout.pages for t in p.targets]
    expected = [(c.name, format_number(n)) for c in sample_spec().categories
                for n in range(1, 51)]
    assert [(t.category, t.candidate) for t in targets] == expected
    assert all(t.box_mm[2] >= 6.0 and t.box_mm[2] == t.box_mm[3] for t in targets)
    check_geometry(layout)


@pytest.mark.parametrize("module_mm", [1.0, 1.4, 1.7, 2.0])
def test_any_qr_module_size_keeps_clear_of_marks_and_text(module_mm: float) -> None:
    layout = build_layout(sample_spec(categories=1), qr_module_mm=module_mm)
    assert layout.qr.box_mm[2] == pytest.approx(33 * module_mm, abs=0.01)
    check_geometry(layout)


def test_qr_modules_below_1_mm_are_refused() -> None:
    with pytest.raises(ValueError, match=r"at least 1\.0 mm"):
        build_layout(sample_spec(categories=1), qr_module_mm=0.9)


def test_a4_takes_two_pages_and_a3_fewer() -> None:
    a4 = build_layout(sample_spec())
    a3 = build_layout(sample_spec(paper=Paper.A3))
    assert a4.page_count == 2
    assert a3.page_count < a4.page_count


def test_every_page_names_itself_and_repeats_a_running_category_heading() -> None:
    layout = build_layout(sample_spec())
    for page in layout.pages:
        page_texts = [t.text for t in page.texts if t.role == "page"]
        assert page_texts == [f"第 {page.page} 页 / 共 {layout.page_count} 页"] * 2
    headings = [t.text for p in layout.pages for t in p.texts if t.role == "heading"]
    assert headings[0] == "一、十佳优良服务窗口（选 10 名）"
    assert any(h.endswith("续上页）") for h in headings)


def test_header_says_how_to_vote() -> None:
    zh = " ".join(t.text for t in build_layout(sample_spec()).pages[0].texts)
    assert "√" in zh
    assert "○" in zh
    assert "×" in zh
    assert "作废" in zh
    assert "不影响其他奖项" in zh
    en = " ".join(t.text for t in build_layout(sample_spec(language="en")).pages[0].texts)
    assert "vote for at most 10" in en
    assert "void" in en
    assert "still count" in en


def one_category(names: list[tuple[str, str]], paper: Paper = Paper.A4) -> BallotSpec:
    people = tuple(CandidateSpec(format_number(i), n, u) for i, (n, u) in enumerate(names, 1))
    return BallotSpec(1, "测试", "一号箱", (CategorySpec("奖项", 3, people),), paper=paper)


def columns(layout: Layout) -> int:
    return len({t.box_mm[0] for t in layout.pages[0].targets})


def test_short_names_get_more_columns_than_long_units() -> None:
    short = build_layout(one_category([("张三", "青石街道")] * 20))
    long_units = build_layout(one_category([("张三", "县住房和城乡建设局城市建设档案馆")] * 20))
    long_names = build_layout(one_category([("县政务服务中心“一件事”集成办窗口", "县局")] * 20))
    assert columns(short) > columns(long_units) >= columns(long_names) >= 1
    for layout in (short, long_units, long_names):
        check_geometry(layout)


def test_one_long_name_spans_two_columns_instead_of_narrowing_the_category() -> None:
    names = [("县政务服务中心不动产登记窗口", "县政务服务中心")] * 14
    names.insert(4, ("县政务服务中心“一件事”集成办窗口暨帮办代办服务专区", "县政务服务中心"))
    layout = build_layout(one_category(names))
    targets = layout.pages[0].targets
    assert columns(layout) == 3
    assert [t.candidate for t in targets] == [format_number(n) for n in range(1, 16)]
    long_name = next(t for t in layout.pages[0].texts if "一件事" in t.text)
    assert not long_name.text.endswith(ELLIPSIS)
    assert long_name.x_mm + long_name.width_mm > targets[2].box_mm[0]  # into the 3rd column
    same_row = [t.candidate for t in targets if t.box_mm[1] == targets[4].box_mm[1]]
    assert same_row == ["04", "05"]  # 05 takes columns 2 and 3; 06 starts the next row
    check_geometry(layout)


def test_absurdly_long_units_are_shrunk_then_ellipsised_never_overlapping() -> None:
    unit = "县某某某某某某某某某某管理委员会办公室下属某某某某某某服务中心" * 4
    layout = build_layout(one_category([("王五", unit), ("赵六", "青石街道")]))
    units = [t for t in layout.pages[0].texts if t.role == "unit"]
    assert units[0].text.endswith(ELLIPSIS)
    assert units[0].size_pt == g.UNIT_MIN_PT
    assert units[1].text == "青石街道"
    check_geometry(layout)


def test_photos_get_their_own_room() -> None:
    spec = replace(sample_spec(categories=1, candidates_per_category=8), show_photos=True)
    category = spec.categories[0]
    with_photos = replace(category, candidates=tuple(
        replace(c, photo_jpeg=tiny_jpeg(i)) for i, c in enumerate(category.candidates)))
    layout = build_layout(replace(spec, categories=(with_photos,)))
    assert len(layout.pages[0].photos) == 8
    assert len(layout.photo_jpegs) == 8
    check_geometry(layout)


def test_missing_glyphs_are_reported_per_candidate() -> None:
    spec = one_category(
        [("张三", "青石街道"), ("李\U0001F600四", "柳湾镇"), ("王五", "\U000E0100")])
    with pytest.raises(MissingGlyphsError) as caught:
        build_layout(spec)
    texts = [m.text("zh_CN") for m in caught.value.messages]
    assert len(texts) == 2
    assert "02号“李\U0001F600四”" in texts[0]
    assert "姓名" in texts[0]
    assert "03号“王五”" in texts[1]
    assert "推荐单位" in texts[1]
    with pytest.raises(MissingGlyphsError, match="选票上的"):
        build_layout(replace(one_category([("张三", "x")]), title="\U0001F5F3 选票"))


def test_font_metrics_constants_match_the_font_file() -> None:
    from reportlab.pdfbase.ttfonts import TTFontFile

    face = TTFontFile(str(ballot_font_path()), subfontIndex=0)
    assert face.ascent / 1000 == pytest.approx(FONT_ASCENT, abs=0.001)
    assert -face.descent / 1000 == pytest.approx(FONT_DESCENT, abs=0.001)


def test_text_bbox_is_from_ascent_to_descent() -> None:
    item = TextItem("字", 10.0, 20.0, 10.0, 3.5, "name")
    x, y, w, h = item.bbox_mm
    assert (x, w) == (10.0, 3.5)
    assert y + h - 20.0 == pytest.approx(FONT_DESCENT * 10 * 25.4 / 72)
    assert 20.0 - y == pytest.approx(FONT_ASCENT * 10 * 25.4 / 72)


def test_marks_are_in_the_corners_and_the_top_left_one_is_larger() -> None:
    for paper in ALL_PAPERS:
        layout = build_layout(one_category([("张三", "青石街道")], paper))
        width, height = layout.page_size_mm
        marks: dict[str, Box] = {m.corner: m.box_mm for m in layout.registration_marks}
        assert marks["tl"][:2] == (g.MARK_INSET_MM, g.MARK_INSET_MM)
        assert marks["br"][0] + marks["br"][2] == pytest.approx(width - g.MARK_INSET_MM)
        assert marks["br"][1] + marks["br"][3] == pytest.approx(height - g.MARK_INSET_MM)
        assert marks["tl"][2] > marks["tr"][2] == marks["bl"][2] == marks["br"][2] >= 6.0
