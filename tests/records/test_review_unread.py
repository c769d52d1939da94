"""Pages whose code verified but whose marks were not read: reviewed against their layout page,
never settled by themselves or by a bare ``accept``, and replaced by a clean rescan.

The unread page is real: a printed, ticked, rasterized page cut below its top 30% (the QR code
and the two top marks survive, so the code verifies but the page cannot be framed).
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import cv2
import pytest
from sqlalchemy import event, select
from sqlalchemy.orm import Session

from ballotformat.messages import RuleError
from desktop.core.records.recording import Recorder, RecordOutcome, archive_root, read_context
from desktop.core.records.review import Decision, Review
from desktop.core.records.review_align import read_pointed
from desktop.core.records.scanjob import scan_paths
from desktop.core.registry.service import CampaignInfo
from desktop.core.results.tally import paper_tally
from desktop.core.services import Services
from desktop.core.store.db import Database
from desktop.core.store.models import AuditEntry, Sheet
from scanning.batch import read_one
from scanning.decide import MarkState
from scanning.reasons import Reason, Status
from scanning.sources import AcquiredImage, read_paths
from tests.ballot_files import (
    BRANDS,
    STAFF,
    UNREAD_VOTES,
    WINDOWS,
    UnreadBallot,
    mark_centres_px,
)
from tests.conftest import REVIEWER, Cli

pytestmark = pytest.mark.both_backends

Key = tuple[str, str]


def record(services: Services, paths: list[Path]) -> list[RecordOutcome]:
    return list(scan_paths(Recorder(services.db, services.actor), paths, workers=1))


@pytest.fixture
def review(services: Services) -> Review:
    return Review(services.db, REVIEWER)


def page_targets(ballot: UnreadBallot, page: int) -> set[Key]:
    return {(t.category, t.candidate) for t in ballot.layout.pages[page - 1].targets}


def ticked(ballot: UnreadBallot, page: int) -> set[Key]:
    return {key for key in page_targets(ballot, page) if key[1] in UNREAD_VOTES[key[0]]}


def test_an_unread_page_is_decided_target_by_target(
    services: Services, demo: CampaignInfo, unread_ballot: UnreadBallot, review: Review,
    cli: Cli,
) -> None:
    cut, page_2 = record(services, [unread_ballot.cut_page_1, unread_ballot.page_2])
    assert cut.result.reasons == (Reason.PAGE_NOT_FOUND,)
    assert cut.result.serial == page_2.result.serial and cut.recorded
    assert cut.sheet_id is not None
    sheet = cut.sheet_id
    state = review.sheet(demo.id, sheet)
    targets = page_targets(unread_ballot, 1)
    assert state.unread and set(state.undecided) == targets and len(targets) > 70
    before = paper_tally(services.db, demo.id).categories
    assert (before[WINDOWS].pending, before[STAFF].pending) == (1, 1)
    assert (before[BRANDS].valid, before[BRANDS].votes["11"]) == (1, 1), "page 2 counts"

    # The core: the three ticks of page 1. The CLI: every other box empty but one.
    marked = ticked(unread_ballot, 1)
    review.decide(demo.id, sheet, Decision.MARKED, sorted(marked))
    rest = sorted(targets - marked)
    last = rest.pop()
    decided = cli.json("review", "decide", str(sheet), "empty",
                       *[f"--target={c}:{n}" for c, n in rest])
    assert decided["settled"] is False and decided["unread"] is True
    assert decided["unclear"] == [f"{last[0]}:{last[1]}"]
    assert [q.sheet_id for q in review.queue(demo.id)] == [sheet], "one box is undecided"
    assert paper_tally(services.db, demo.id).categories[WINDOWS].pending == 1

    after = cli.json("review", "decide", str(sheet), "empty", "--target", f"{last[0]}:{last[1]}")
    assert after["settled"] is True
    assert review.queue(demo.id) == []
    counts = paper_tally(services.db, demo.id).categories
    assert {n: v for n, v in counts[WINDOWS].votes.items() if v} == {"01": 1, "03": 1}
    # STAFF spans both pages: 05 decided by a person on page 1, 40 read on page 2.
    assert {n: v for n, v in counts[STAFF].votes.items() if v} == {"05": 1, "40": 1}
    assert all(c.pending == 0 and c.valid == 1 for c in counts.values())


def test_accept_is_refused_until_the_page_is_decided_or_has_no_votes(
    services: Services, demo: CampaignInfo, unread_ballot: UnreadBallot, review: Review,
    cli: Cli,
) -> None:
    (cut,) = record(services, [unread_ballot.cut_page_1])
    assert cut.sheet_id is not None
    sheet = cut.sheet_id
    with pytest.raises(RuleError) as refused:
        review.decide(demo.id, sheet, Decision.ACCEPT)
    assert refused.value.messages[0].code == "accept_unread"
    assert f"{WINDOWS} 01" in refused.value.messages[0].text("zh_CN")
    assert cli("--lang", "en", "review", "decide", str(sheet), "accept") == 1
    assert "undecided" in cli.err and "no votes" in cli.err

    # "No votes" is refused while a box stands marked, recorded once none does.
    review.decide(demo.id, sheet, Decision.MARKED, [(WINDOWS, "02")])
    with pytest.raises(RuleError) as marked:
        review.decide(demo.id, sheet, Decision.NO_VOTES)
    assert marked.value.messages[0].code == "no_votes_but_marked"
    review.decide(demo.id, sheet, Decision.EMPTY, [(WINDOWS, "02")])
    assert cli.json("review", "decide", str(sheet), "no-votes")["settled"] is True
    state = review.sheet(demo.id, sheet)
    assert state.verdict is Decision.NO_VOTES and not state.undecided
    assert set(state.states.values()) == {MarkState.EMPTY}
    assert review.queue(demo.id) == []
    assert [h.decision for h in review.history(demo.id, sheet)] == [
        Decision.MARKED, Decision.EMPTY, Decision.NO_VOTES]
    with services.db.transaction() as s:
        actions = list(s.scalars(select(AuditEntry.action).where(AuditEntry.entity_id == sheet,
                                                                 AuditEntry.entity == "sheet")))
    assert "review.no_votes" in actions
    windows = paper_tally(services.db, demo.id).categories[WINDOWS]
    assert (windows.blank, windows.pending) == (1, 0)

    # Reopening takes the declaration back: every box but the one decided is unread again.
    review.decide(demo.id, sheet, Decision.REOPEN)
    assert set(review.sheet(demo.id, sheet).undecided) == (page_targets(unread_ballot, 1)
                                                            - {(WINDOWS, "02")})
    assert [q.sheet_id for q in review.queue(demo.id)] == [sheet]


def sheet_rows(services: Services) -> list[tuple[int, str | None, list[str]]]:
    with services.db.transaction() as s:
        return [(row.id, row.counted_key, row.reasons)
                for row in s.scalars(select(Sheet).order_by(Sheet.id))]


def test_a_clean_rescan_takes_the_place_of_an_unread_page(
    services: Services, demo: CampaignInfo, unread_ballot: UnreadBallot, review: Review
) -> None:
    (cut,) = record(services, [unread_ballot.cut_page_1])
    (rescan,) = record(services, [unread_ballot.whole_page_1])
    assert rescan.result.status is Status.ACCEPTED, rescan.result.reasons
    assert rescan.message.code == "sheet_replaces_unread" and rescan.recorded
    (old_id, old_key, _), (new_id, new_key, new_reasons) = sheet_rows(services)
    assert (old_id, new_id) == (cut.sheet_id, rescan.sheet_id)
    assert old_key is None and new_key is not None and new_reasons == []
    old = review.sheet(demo.id, old_id)
    assert old.settled and old.verdict is Decision.SUPERSEDED and not old.counted
    assert review.history(demo.id, old_id)[0].reason == f"#{new_id}"
    assert review.queue(demo.id) == []
    with services.db.transaction() as s:
        entry = s.scalar(select(AuditEntry).where(AuditEntry.action == "review.superseded"))
        assert entry is not None and entry.entity_id == old_id
    counts = paper_tally(services.db, demo.id).categories
    assert {n: v for n, v in counts[WINDOWS].votes.items() if v} == {"01": 1, "03": 1}
    with pytest.raises(RuleError):  # a person cannot write the system's decision
        review.decide(demo.id, new_id, Decision.SUPERSEDED)

    # A second copy now meets a counted reading: a duplicate for review, as always.
    copy = unread_ballot.whole_page_1.with_name("copy.jpg")
    cv2.imwrite(str(copy), cv2.imread(str(unread_ballot.whole_page_1)),
                [cv2.IMWRITE_JPEG_QUALITY, 80])
    (duplicate,) = record(services, [copy])
    assert duplicate.result.reasons == (Reason.DUPLICATE,) and not duplicate.recorded


def test_a_rescan_is_a_duplicate_once_a_person_decided_on_the_unread_page(
    services: Services, demo: CampaignInfo, unread_ballot: UnreadBallot, review: Review
) -> None:
    (cut,) = record(services, [unread_ballot.cut_page_1])
    assert cut.sheet_id is not None
    review.decide(demo.id, cut.sheet_id, Decision.MARKED, [(WINDOWS, "01")])
    (rescan,) = record(services, [unread_ballot.whole_page_1])
    assert not rescan.recorded and rescan.result.reasons == (Reason.DUPLICATE,)
    (old_id, old_key, _), (_new_id, new_key, _) = sheet_rows(services)
    assert old_key is not None and new_key is None
    assert {q.sheet_id for q in review.queue(demo.id)} == {old_id, rescan.sheet_id}


@pytest.mark.postgresql_only
def test_a_decision_committed_while_a_rescan_is_recorded_keeps_the_page(
    services: Services, db_url: str, demo: CampaignInfo, unread_ballot: UnreadBallot
) -> None:
    """The rescan read the unread sheet with no decision; a reviewer's decision on it commits
    before the rescan writes: the rescan must see it and be a duplicate. (On SQLite writers are
    serialized: the reviewer would wait for the rescan's transaction.)"""
    (cut,) = record(services, [unread_ballot.cut_page_1])
    assert cut.sheet_id is not None
    reviewer = Database.open(db_url)
    started: list[bool] = []

    def decide_first(_session: Session, _context: object, _instances: object) -> None:
        if not started:  # the rescan's first write; the reviewer's own flush passes through
            started.append(True)
            Review(reviewer, REVIEWER).decide(demo.id, cut.sheet_id or 0, Decision.MARKED,
                                              [(WINDOWS, "01")])

    event.listen(Session, "before_flush", decide_first)
    try:
        (rescan,) = record(services, [unread_ballot.whole_page_1])
    finally:
        event.remove(Session, "before_flush", decide_first)
        reviewer.dispose()
    assert rescan.message.code == "duplicate_sheet" and not rescan.recorded
    (old_id, old_key, _), (_new, new_key, _) = sheet_rows(services)
    assert old_id == cut.sheet_id and old_key is not None and new_key is None


def test_a_misregistered_page_shows_every_box_unsure_and_reads_by_hand(
    services: Services, demo: CampaignInfo, unread_ballot: UnreadBallot, review: Review
) -> None:
    """The reader's misregistered result (its agreed form: every target unclear) recorded for a
    real page; a person points at the four marks and the page reads as it was ticked."""
    outcome = record_misregistered(services, unread_ballot.whole_page_1)
    assert outcome.sheet_id is not None
    state = review.sheet(demo.id, outcome.sheet_id)
    assert state.unread and set(state.undecided) == page_targets(unread_ballot, 1)
    with pytest.raises(RuleError):
        review.decide(demo.id, outcome.sheet_id, Decision.ACCEPT)

    # The reviewer points at the marks of the archived image (the core of the GUI's align).
    read = read_pointed(archive_root(services.db), state, unread_ballot.layout,
                        mark_centres_px(unread_ballot.layout))
    assert read.homography is not None and read.layout_page == 1
    assert {(m.category, m.candidate) for m in read.marks
            if m.state is MarkState.MARKED} == ticked(unread_ballot, 1)


def record_misregistered(services: Services, path: Path) -> RecordOutcome:
    """Read a real page, then record the reader's misregistered form of it (the agreed one:
    status review, every target of the page unclear, the code and the fit kept)."""
    read = read_one(path, read_context(services.db))
    assert read.status is Status.ACCEPTED
    misregistered = replace(read, status=Status.REVIEW, reasons=(Reason.MISREGISTERED,),
                            marks=tuple(replace(m, state=MarkState.AMBIGUOUS)
                                        for m in read.marks))
    (item,) = read_paths([path])
    assert isinstance(item, AcquiredImage)
    return Recorder(services.db, services.actor).record(item, misregistered)
