"""Resuming a batch is cheap: a file recorded before is recognised by the hash of its bytes
and never decoded again; and the temporary files killed archive writes left are removed at the
start of the next batch, never one another station may still be writing."""

from __future__ import annotations

import os
import time
from pathlib import Path
from typing import Any

import cv2
import pytest

from desktop.core.printing.boxes import BoxInfo
from desktop.core.records.recording import (
    STALE_TEMP_AGE_S,
    Recorder,
    archive_file,
    remove_stale_temporaries,
)
from desktop.core.records.scanjob import scan_paths
from desktop.core.registry.service import CampaignInfo
from desktop.core.services import Services

pytestmark = pytest.mark.both_backends


class CountingDecoder:
    """``cv2.imdecode`` that counts its calls (and decodes as before)."""

    def __init__(self) -> None:
        self.calls = 0
        self.decode = cv2.imdecode

    def __call__(self, *args: Any) -> Any:
        self.calls += 1
        return self.decode(*args)


def test_a_rerun_decodes_only_what_was_not_recorded(
    services: Services, demo: CampaignInfo, box: BoxInfo, scans: list[Path],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    recorder = Recorder(services.db, services.actor, station="站点一")
    first = list(scan_paths(recorder, scans[:4], workers=1))  # killed after four pages
    assert all(o.recorded for o in first)
    decoder = CountingDecoder()
    monkeypatch.setattr(cv2, "imdecode", decoder)
    again = list(scan_paths(recorder, [scans[0].parent], workers=1))
    assert decoder.calls == 2, "only the two pages not recorded yet are decoded"
    assert [o.message.code for o in again[:4]] == ["already_recorded"] * 4
    assert [o.sheet_id for o in again[:4]] == [o.sheet_id for o in first]
    assert [o.result.serial for o in again] == [1, 1, 2, 2, 3, 3]
    assert all(o.recorded for o in again[4:])
    decoder.calls = 0
    once_more = list(scan_paths(recorder, [scans[0].parent], workers=1))
    assert decoder.calls == 0
    assert [o.message.code for o in once_more] == ["already_recorded"] * 6


def test_stale_temporary_files_are_removed_fresh_ones_kept(tmp_path: Path) -> None:
    archive = tmp_path / "archive"
    kept = archive_file(archive, "ab" + "0" * 62 + ".jpg", b"an archived scan")
    folder = kept.parent
    killed_old = folder / "tmpk2j4_8x1"  # what an earlier version's killed write left
    killed_new = folder / ".partial-q8w7e6"
    in_progress = folder / ".partial-now123"  # another station writing at this moment
    for path in (killed_old, killed_new, in_progress):
        path.write_bytes(b"half a scan")
    hour_ago = time.time() - STALE_TEMP_AGE_S - 60
    for path in (killed_old, killed_new):
        os.utime(path, (hour_ago, hour_ago))
    assert remove_stale_temporaries(archive) == 2
    assert sorted(p.name for p in folder.iterdir()) == sorted([kept.name, in_progress.name])
    assert kept.read_bytes() == b"an archived scan"
    assert remove_stale_temporaries(tmp_path / "no archive yet") == 0


def test_a_batch_starts_by_tidying_the_archive_at_most_hourly(
    services: Services, demo: CampaignInfo, box: BoxInfo, scans: list[Path]
) -> None:
    recorder = Recorder(services.db, services.actor, station="站点一")
    list(scan_paths(recorder, scans[:1], workers=1))
    (folder,) = [p for p in recorder.archive.iterdir() if p.is_dir()]
    assert not [p for p in folder.iterdir() if p.name.startswith((".partial-", "tmp"))], \
        "a write that finished leaves no temporary file"
    left = folder / ".partial-killed"
    left.write_bytes(b"half")
    old = time.time() - 2 * STALE_TEMP_AGE_S
    os.utime(left, (old, old))
    list(scan_paths(recorder, scans[1:2], workers=1))
    assert left.exists(), "swept less than an hour ago: the archive is not listed again"
    swept = recorder.tidied_marker()
    os.utime(swept, (old, old))
    list(scan_paths(recorder, scans[2:3], workers=1))
    assert not left.exists()
    assert time.time() - swept.stat().st_mtime < STALE_TEMP_AGE_S, "the sweep is noted"
