"""Finding the page on photos the first mark search misses (scanning/interpret.py, the second
search at the image's own resolution), on pages of the independent corpus read through the
real pipeline.

The pages are TUNING seeds of the independent generator where the reader of the previous
commit lost the page (``page_not_found`` or ``misregistered`` though the four marks and the QR
code are on the image): regressions for the class found there, not a sample for figures (those
are the check and benchmark seeds').
"""

from __future__ import annotations

from pathlib import Path

import pytest

from scanning import interpret_file
from scanning.reasons import Reason, Status
from tests.scanning.independent import ballot, generate
from tests.scanning.independent.generate import PageTruth
from tests.scanning.independent.voter import EMPTY, MARKED

pytestmark = pytest.mark.slow

#: (seed, page): 1080p colour photos, rolled 8.8°, whose bottom-right mark is 8 x 9 px on the
#: shrunk search copy and fails the solidity test by a pixel.
LOST_BEFORE = [(1051, 1)]


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, PageTruth]]:
    folder = tmp_path_factory.mktemp("page-finding")
    truths = generate.generate(sorted({seed for seed, _ in LOST_BEFORE}), folder)
    return folder, {t.file: t for t in truths}


@pytest.mark.parametrize(("seed", "page"), LOST_BEFORE)
def test_a_photo_whose_marks_the_shrunk_copy_misses_is_found_and_read(
        corpus: tuple[Path, dict[str, PageTruth]], seed: int, page: int) -> None:
    folder, truths = corpus
    truth = next(t for t in truths.values() if t.seed == seed and t.layout_page == page)
    assert truth.device == "camera" and truth.marks_and_qr_visible
    context = ballot.read_context()
    result = interpret_file(folder / truth.file, context.key_for, context.layout_for)
    assert result.status is not Status.REJECTED, result.reasons
    assert Reason.PAGE_NOT_FOUND not in result.reasons
    assert Reason.MISREGISTERED not in result.reasons
    assert result.layout_page == page
    read = {f"{m.category}|{m.candidate}": m.state.value for m in result.marks}
    assert read.keys() == truth.targets.keys()
    wrong = [(k, state, read[k]) for k, state in truth.targets.items()
             if (state, read[k]) in ((MARKED, EMPTY), (EMPTY, MARKED))]
    assert not wrong, wrong
    assert any(state == MARKED for state in read.values())
