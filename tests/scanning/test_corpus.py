"""The quality bars, measured on the whole synthetic corpus (tests/scanning/corpus.py)."""

from __future__ import annotations

from scanning import PageResult, Reason, Status
from tests.scanning.corpus import (
    AMBIGUOUS_SHEETS,
    CLEAR_SHEETS,
    OVERVOTE_SHEETS,
    SECRET,
    Sample,
)
from tests.scanning.evaluate import tally

#: At most this share of sheets with only clear marks may go to review.
MAX_CLEAR_REVIEW_SHARE = 0.01


def test_corpus_has_every_kind_of_sheet(corpus: list[Sample]) -> None:
    assert len(corpus) == CLEAR_SHEETS + AMBIGUOUS_SHEETS + OVERVOTE_SHEETS
    drawn = {kind for sample in corpus for kind in sample.drawn.values()}
    assert drawn >= {"tick", "cross", "circle", "fill", "faint", "dot", "smudge",
                     "overflow_tick"}
    distortions = {sample.distortion for sample in corpus}
    assert {"scan_upside_down", "scan_rotated", "camera_8mp", "camera_1080p"} <= distortions
    assert SECRET  # the corpus is signed with the test campaign's secret


def test_every_sheet_is_found_and_its_code_verified(corpus: list[Sample],
                                                    corpus_results: list[PageResult]) -> None:
    for sample, result in zip(corpus, corpus_results, strict=True):
        assert result.serial == sample.serial, (sample.name, result.reasons)
        assert result.status is not Status.REJECTED, (sample.name, result.reasons)
        assert Reason.PAGE_NOT_FOUND not in result.reasons, sample.name
        assert result.layout_page == 1


def test_no_confident_wrong_read(corpus: list[Sample], corpus_results: list[PageResult]) -> None:
    t = tally(corpus, corpus_results)
    print(t.summary())
    assert t.targets == len(corpus) * 36
    assert t.confident_wrong == []
    assert t.not_read == []


def test_no_clear_mark_is_misread_even_on_review_sheets(
        corpus: list[Sample], corpus_results: list[PageResult]) -> None:
    assert tally(corpus, corpus_results).wrong_in_review == []


def test_every_deliberately_ambiguous_mark_goes_to_review(
        corpus: list[Sample], corpus_results: list[PageResult]) -> None:
    t = tally(corpus, corpus_results)
    assert t.ambiguous_drawn >= AMBIGUOUS_SHEETS
    assert t.ambiguous_missed == []
    assert t.faint_read_empty == []
    for sample, result in zip(corpus, corpus_results, strict=True):
        if any(states == ["ambiguous"] for states in sample.truth.values()):
            assert result.status is Status.REVIEW
            assert Reason.AMBIGUOUS_MARK in result.reasons


def test_sheets_with_only_clear_marks_are_accepted(
        corpus: list[Sample], corpus_results: list[PageResult]) -> None:
    t = tally(corpus, corpus_results)
    assert t.clear_sheets >= CLEAR_SHEETS
    assert len(t.clear_sheets_in_review) <= MAX_CLEAR_REVIEW_SHARE * t.clear_sheets, \
        t.clear_sheets_in_review


def test_overvote_voids_only_its_category(corpus: list[Sample],
                                          corpus_results: list[PageResult]) -> None:
    t = tally(corpus, corpus_results)
    assert t.overvote_wrong == []
    overvoted = [(s, r) for s, r in zip(corpus, corpus_results, strict=True) if s.overvoted]
    assert len(overvoted) == OVERVOTE_SHEETS
    for sample, result in overvoted:
        assert result.status is Status.REVIEW
        for category in result.categories:
            if category.category in sample.overvoted:
                assert category.overvote and category.selected == ()
                assert len(category.marked) == category.max_marks + 1
            else:
                assert not category.overvote
                expected = sorted(k.split("|")[1] for k, v in sample.truth.items()
                                  if v == ["marked"] and k.startswith(category.category + "|"))
                assert sorted(category.selected) == expected


def test_upside_down_rotated_and_photographed_pages_read(
        corpus: list[Sample], corpus_results: list[PageResult]) -> None:
    for kind in ("scan_upside_down", "scan_rotated", "camera_8mp", "camera_5mp",
                 "camera_1080p"):
        pairs = [(s, r) for s, r in zip(corpus, corpus_results, strict=True)
                 if s.distortion == kind]
        assert pairs
        for sample, result in pairs:
            marked = {f"{m.category}|{m.candidate}" for m in result.marks
                      if m.state.value == "marked"}
            wanted = {k for k, v in sample.truth.items() if v == ["marked"]}
            faint = {k for k, v in sample.truth.items() if "marked" in v and len(v) > 1}
            assert wanted <= marked <= wanted | faint, sample.name


def test_the_layout_region_pass_reads_the_code(corpus_results: list[PageResult]) -> None:
    assert {r.qr_pass for r in corpus_results} == {"region"}
