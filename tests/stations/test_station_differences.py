"""Station-import conflicts list only what reads differently: a target one side holds no state
for reads as empty there, so "未划 → 未划" (empty → empty) is never a difference."""

from __future__ import annotations

from desktop.core.stations.merge import _differences
from desktop.core.store.models import MarkTargets, ReviewDecision, Sheet, StoredMark, pack_marks
from scanning.reasons import Reason, Status

WINDOWS = "十佳优良服务窗口"


def sheet(marks: dict[str, str], decisions: tuple[tuple[str | None, str], ...] = (),
          reasons: tuple[Reason, ...] = ()) -> Sheet:
    made = Sheet(campaign_id=1, serial=7, layout_version=1, page=1, counted_key="1:7:1",
                 status=(Status.REVIEW if reasons else Status.ACCEPTED).value,
                 reasons=[r.value for r in reasons], source="", archive_path="", page_index=0,
                 homography=None, image_scale=1.0)
    targets, made.mark_states, made.mark_scores = pack_marks(
        [StoredMark(WINDOWS, number, state, 0.0) for number, state in marks.items()])
    made.mark_targets = MarkTargets(targets=targets) if targets else None
    made.decisions = [ReviewDecision(category=WINDOWS if number else None, candidate=number,
                                     decision=decision, reason="", operator="复核员")
                      for number, decision in decisions]
    return made


def test_a_target_missing_on_one_side_and_empty_on_the_other_is_no_difference() -> None:
    here = sheet({"01": "empty", "02": "marked", "03": "empty"})
    # The station's page was not read; a person decided 01 and 02 and settled it as having no
    # other votes: it holds those two, nothing for 03.
    there = sheet({}, decisions=(("01", "empty"), ("02", "marked"), (None, "accept")),
                  reasons=(Reason.PAGE_NOT_FOUND,))
    assert _differences(here, there) == ()
    assert _differences(there, here) == ()


def test_a_real_difference_is_still_listed_once() -> None:
    here = sheet({"01": "empty", "02": "marked"})
    there = sheet({"01": "marked"})
    found = _differences(here, there)
    assert [(d.candidate, d.here, d.package) for d in found] == [
        ("01", "empty", "marked"), ("02", "marked", "empty")]
    assert all(d.here != d.package for d in found)
