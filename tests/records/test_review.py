"""The review queue on real scans: order, per-target and per-sheet decisions, tallies update."""

from __future__ import annotations

from pathlib import Path

import cv2
import pytest

from ballotformat.messages import RuleError
from desktop.core.printing.boxes import BoxInfo
from desktop.core.records.recording import Recorder
from desktop.core.records.review import Decision, Review
from desktop.core.records.scanjob import scan_paths
from desktop.core.registry.service import CampaignInfo
from desktop.core.results.tally import paper_tally
from desktop.core.services import Services
from scanning.decide import MarkState
from scanning.reasons import Reason
from tests.ballot_files import BRANDS, WINDOWS
from tests.conftest import REVIEWER

pytestmark = pytest.mark.both_backends


def record(services: Services, paths: list[Path]) -> None:
    list(scan_paths(Recorder(services.db, services.actor), paths, workers=1))


@pytest.fixture
def review(services: Services) -> Review:
    return Review(services.db, REVIEWER)


def test_queue_order_and_an_overvote_settled(
    services: Services, demo: CampaignInfo, box: BoxInfo, scans: list[Path], review: Review,
    tmp_path: Path,
) -> None:
    copy = tmp_path / "copy.jpg"
    cv2.imwrite(str(copy), cv2.imread(str(scans[1]), cv2.IMREAD_GRAYSCALE),
                [cv2.IMWRITE_JPEG_QUALITY, 75])
    record(services, [*scans, copy])
    queue = review.queue(demo.id)
    assert [q.reasons for q in queue] == [(Reason.DUPLICATE,), (Reason.OVERVOTE,)]
    overvoted = queue[1]
    assert paper_tally(services.db, demo.id).categories[WINDOWS].pending == 1

    # A reviewer finds one of the eleven "marks" is a slip: unmarks it, then accepts the sheet.
    review.decide(demo.id, overvoted.sheet_id, Decision.EMPTY, [(WINDOWS, "11")])
    state = review.decide(demo.id, overvoted.sheet_id, Decision.ACCEPT)
    assert state.settled
    assert state.states[(WINDOWS, "11")] is MarkState.EMPTY
    windows = paper_tally(services.db, demo.id).categories[WINDOWS]
    assert (windows.pending, windows.void, windows.valid) == (0, 0, 3)
    assert windows.votes["10"] == 1
    assert windows.votes["11"] == 0

    # Undone only by a newer decision: reopen, mark again, accept → the category is void.
    review.decide(demo.id, overvoted.sheet_id, Decision.REOPEN)
    assert [q.sheet_id for q in review.queue(demo.id)][-1] == overvoted.sheet_id
    review.decide(demo.id, overvoted.sheet_id, Decision.MARKED, [(WINDOWS, "11")])
    review.decide(demo.id, overvoted.sheet_id, Decision.ACCEPT)
    windows = paper_tally(services.db, demo.id).categories[WINDOWS]
    assert (windows.void, windows.valid) == (1, 2)

    # The duplicate is rejected with a reason and leaves the queue; it never counted.
    with pytest.raises(RuleError):
        review.decide(demo.id, queue[0].sheet_id, Decision.REJECT)
    review.decide(demo.id, queue[0].sheet_id, Decision.REJECT, reason="复印件")
    assert review.queue(demo.id) == []
    history = review.history(demo.id, overvoted.sheet_id)
    assert [h.decision for h in history] == [Decision.EMPTY, Decision.ACCEPT, Decision.REOPEN,
                                             Decision.MARKED, Decision.ACCEPT]
    assert {h.operator for h in history} == {"复核员"}
    assert history[0].candidate == "11"
    assert paper_tally(services.db, demo.id).ballots == 3


def test_rejecting_a_counted_sheet_voids_its_categories(
    services: Services, demo: CampaignInfo, scans: list[Path], review: Review
) -> None:
    record(services, scans[:2])
    first = review.sheet(demo.id, 1)
    review.decide(demo.id, first.sheet_id, Decision.REJECT, reason="选票被涂改")
    result = paper_tally(services.db, demo.id)
    assert result.categories[WINDOWS].void == 1
    assert result.categories[WINDOWS].votes["01"] == 0
    assert result.categories[BRANDS].void == 0, "page 2 holds the brands and still counts"


def test_decisions_name_real_targets(
    services: Services, demo: CampaignInfo, scans: list[Path], review: Review
) -> None:
    record(services, scans[:1])
    with pytest.raises(RuleError) as exc:
        review.decide(demo.id, 1, Decision.MARKED, [(WINDOWS, "99")])
    assert exc.value.messages[0].code == "target_not_on_sheet"
    with pytest.raises(RuleError) as exc:
        review.decide(demo.id, 999, Decision.ACCEPT)
    assert exc.value.messages[0].code == "sheet_not_found"
