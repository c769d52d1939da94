"""Recording scans: printed → ticked → scanned files through the real pipeline, each sheet once."""

from __future__ import annotations

import logging
import shutil
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import cv2
import pytest
from sqlalchemy import func, select

from desktop.core.accounts.actors import Actor
from desktop.core.demo import create_demo
from desktop.core.enums import Role
from desktop.core.printing.boxes import BoxInfo
from desktop.core.records.recording import Recorder
from desktop.core.records.scanjob import ScanCounts, interpret_paths, scan_items, scan_paths
from desktop.core.registry.service import CampaignInfo
from desktop.core.results.tally import paper_tally
from desktop.core.services import Services
from desktop.core.store.models import Sheet
from scanning.reasons import Reason, Status
from scanning.sources import AcquiredImage, AcquisitionProblem, read_paths
from tests.ballot_files import (
    BRANDS,
    STAFF,
    VOTES,
    WINDOWS,
    fill_in,
    print_and_rasterize,
    save_scans,
)

pytestmark = pytest.mark.both_backends


def recorder(services: Services) -> Recorder:
    return Recorder(services.db, services.actor, station="站点一")


def sheets(services: Services, counted: bool | None = None) -> int:
    with services.db.transaction() as s:
        query = select(func.count()).select_from(Sheet)
        if counted is not None:
            query = query.where(Sheet.counted_key.is_not(None) if counted
                                else Sheet.counted_key.is_(None))
        return s.scalar(query) or 0


def test_a_folder_is_read_and_every_page_recorded_once(
    services: Services, demo: CampaignInfo, box: BoxInfo, scans: list[Path],
    caplog: pytest.LogCaptureFixture,
) -> None:
    counts = ScanCounts()
    with caplog.at_level(logging.INFO, logger="desktop.core.records"):
        outcomes = list(scan_paths(recorder(services), [scans[0].parent], workers=2,
                                   on_outcome=counts.add))
    recorded = [m for m in caplog.messages if m.startswith("recorded ")]
    assert sum(int(m.split()[1]) for m in recorded) == 6
    assert all(m.endswith("0 not (-)") for m in recorded)
    assert [o.recorded for o in outcomes] == [True] * 6
    third_ballot_page_one = outcomes[4]
    assert third_ballot_page_one.result.reasons == (Reason.OVERVOTE,)
    assert third_ballot_page_one.result.status is Status.REVIEW
    assert (counts.accepted, counts.review, counts.rejected) == (5, 1, 0)
    assert {o.box_id for o in outcomes} == {box.id}
    # The overvoted page is the counted sheet of its serial and page, held for review.
    assert sheets(services, counted=True) == 6

    again = list(scan_paths(recorder(services), scans, workers=1))
    assert [o.message.code for o in again] == ["already_recorded"] * 6
    assert sheets(services) == 6


def test_the_tally_matches_what_was_ticked(
    services: Services, demo: CampaignInfo, box: BoxInfo, scans: list[Path]
) -> None:
    list(scan_paths(recorder(services), scans[:4], workers=1))  # ballots 1 and 2
    result = paper_tally(services.db, demo.id)
    windows, staff, brands = (result.categories[n] for n in (WINDOWS, STAFF, BRANDS))
    assert {k: v for k, v in windows.votes.items() if v} == {"01": 1, "02": 2, "03": 1}
    assert {k: v for k, v in staff.votes.items() if v} == {"05": 2, "40": 1}
    assert {k: v for k, v in brands.votes.items() if v} == {"10": 1}
    assert (windows.valid, brands.valid, brands.blank) == (2, 2, 1)
    assert result.ballots == 2
    assert result.boxes[box.id][WINDOWS].votes["02"] == 2
    lines, _total = services.boxes.reconciliation(demo.id)
    assert lines[0].returned == 2


def test_an_overvote_voids_only_its_category(
    services: Services, demo: CampaignInfo, scans: list[Path]
) -> None:
    list(scan_paths(recorder(services), scans[4:], workers=1))  # ballot 3 only
    result = paper_tally(services.db, demo.id)
    # Page 1 (11 windows ticked) waits for review: its categories are pending, page 2 counts.
    assert result.categories[WINDOWS].pending == 1
    assert result.categories[BRANDS].votes["10"] == 1
    assert result.categories[BRANDS].votes["11"] == 1


def test_a_photocopy_or_second_scan_is_caught_and_never_counted(
    services: Services, demo: CampaignInfo, scans: list[Path], tmp_path: Path
) -> None:
    list(scan_paths(recorder(services), scans[:2], workers=1))
    copy = tmp_path / "copy.jpg"
    cv2.imwrite(str(copy), cv2.imread(str(scans[0]), cv2.IMREAD_GRAYSCALE),
                [cv2.IMWRITE_JPEG_QUALITY, 70])
    (outcome,) = scan_paths(recorder(services), [copy], workers=1)
    assert not outcome.recorded
    assert outcome.message.code == "duplicate_sheet"
    assert Reason.DUPLICATE in outcome.result.reasons
    assert sheets(services, counted=True) == 2
    assert paper_tally(services.db, demo.id).ballots == 1


def test_a_ballot_of_another_database_is_refused(
    services: Services, tmp_path: Path, scans: list[Path]
) -> None:
    other = Services.open(f"sqlite:///{tmp_path / 'other.sqlite3'}", Actor("别处", Role.ORGANISER))
    campaign = create_demo(other)
    box = other.boxes.add_box(campaign.id, "别处的箱")
    _batch, layout, ballots = print_and_rasterize(other, campaign.id, box.id, 1, tmp_path)
    foreign = save_scans(fill_in(layout, ballots[0], VOTES[0]), tmp_path / "foreign", "f")
    outcomes = list(scan_paths(recorder(services), foreign, workers=1))
    assert all(o.result.status is Status.REJECTED for o in outcomes)
    assert all(Reason.BAD_HMAC in o.result.reasons for o in outcomes), \
        "same campaign id, another secret: the signature does not match"
    assert sheets(services, counted=True) == 0


def test_a_killed_batch_resumes_with_nothing_lost_or_counted_twice(
    services: Services, demo: CampaignInfo, scans: list[Path]
) -> None:
    taken = 0

    def stop_after_three() -> bool:
        return taken >= 3

    def count(_outcome: object) -> None:
        nonlocal taken
        taken += 1

    # Two pages a transaction: the outcomes, and so the cancel, come a group at a time.
    first = list(scan_paths(recorder(services), scans, workers=1, cancel=stop_after_three,
                            on_outcome=count, group_pages=2))
    assert 0 < len(first) < len(scans)
    resumed = list(scan_paths(recorder(services), scans, workers=2))
    codes = [o.message.code for o in resumed]
    assert codes[:len(first)] == ["already_recorded"] * len(first)
    assert "already_recorded" not in codes[len(first):]
    assert sheets(services) == len(scans)
    assert sheets(services, counted=True) == len(scans)


def test_broken_files_are_reported_and_the_rest_recorded(
    services: Services, demo: CampaignInfo, scans: list[Path], tmp_path: Path
) -> None:
    broken = tmp_path / "broken.jpg"
    broken.write_bytes(scans[0].read_bytes()[:2000])
    text = tmp_path / "notes.png"
    text.write_text("这不是图片", encoding="utf-8")
    outcomes = list(scan_paths(recorder(services), [broken, text, scans[0]], workers=1))
    assert [o.recorded for o in outcomes] == [False, False, True]
    assert outcomes[0].message.code.startswith("source_")
    assert "不是图" in outcomes[1].message.text("zh_CN") or "not" in outcomes[1].message.text("en")
    assert broken.exists(), "nothing lost: the input is left as it was"


def test_interpret_records_nothing(services: Services, demo: CampaignInfo,
                                   scans: list[Path], tmp_path: Path) -> None:
    pdf_copy = tmp_path / "again"
    shutil.copytree(scans[0].parent, pdf_copy)
    outcomes = list(interpret_paths(recorder(services), sorted(pdf_copy.iterdir())))
    assert len(outcomes) == 6
    assert sum(o.result.status is Status.ACCEPTED for o in outcomes) == 5
    assert sheets(services) == 0
    data = outcomes[0].to_json_dict(with_recording=False)
    assert set(data) == {"file", "page_index", "status", "reasons", "serial", "layout_page",
                         "marks", "categories"}


def test_ballots_printed_after_a_batch_began_are_still_read(
    services: Services, demo: CampaignInfo, box: BoxInfo, tmp_path: Path
) -> None:
    """A long camera session: the campaign data is read at the start, a new layout version is
    printed meanwhile, and its ballots must not be refused as unknown."""
    _batch, layout, ballots = print_and_rasterize(services, demo.id, box.id, 1, tmp_path)
    first = save_scans(fill_in(layout, ballots[0], VOTES[1]), tmp_path / "v1", "a")
    later: list[Path] = []

    def items() -> Iterator[AcquiredImage | AcquisitionProblem]:
        yield from read_paths(first[:1])
        shortlisted = services.candidates.list(demo.id)[0]
        services.candidates.update(shortlisted.id, replace(shortlisted.fields,
                                                           name=shortlisted.name + "（新）"),
                                   accept_warnings=True)
        _b, new_layout, new = print_and_rasterize(services, demo.id, box.id, 1, tmp_path / "n")
        assert new_layout.layout_version == 2
        later.extend(save_scans(fill_in(new_layout, new[0], VOTES[1]), tmp_path / "v2", "b"))
        yield from read_paths(later[:1])

    outcomes = list(scan_items(recorder(services), items(), workers=1))
    assert [o.recorded for o in outcomes] == [True, True]
    assert outcomes[1].result.layout_version == 2


def test_a_file_deep_in_long_folder_names_is_recorded(
    services: Services, demo: CampaignInfo, scans: list[Path], tmp_path: Path
) -> None:
    """Sheet.source keeps the end of a path wider than its column (PostgreSQL would refuse
    the whole sheet; SQLite would store it)."""
    deep = tmp_path.joinpath(*["long-folder-name-" * 14] * 3)
    deep.mkdir(parents=True)
    copy = deep / "第一张.jpg"
    shutil.copy(scans[0], copy)
    (outcome,) = scan_paths(recorder(services), [copy], workers=1)
    assert outcome.recorded
    assert outcome.source == str(copy)
    with services.db.transaction() as s:
        stored = s.get_one(Sheet, outcome.sheet_id).source
    assert len(stored) == 500
    assert stored.endswith("/第一张.jpg")
