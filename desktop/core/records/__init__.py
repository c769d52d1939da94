"""Scanning records and review: scanned sheets read and recorded once (``Recorder``), the
scanning jobs of files, scanners and cameras, the packed marks, and the review queue.

What the command line, the window and the other packages may use is imported from here
(``from desktop.core.records import …``); the modules beside this file are its inside, which
ruff's banned-API rule keeps everyone else out of (docs/architecture.md). The names are
imported from their modules on first use, so that importing the package costs nothing.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ballotformat import lazy

if TYPE_CHECKING:
    from desktop.core.records.recording import (
        RECORD_ATTEMPTS,
        Recorder,
        RecordOutcome,
        archive_root,
        default_station,
        past_round,
        read_context,
    )
    from desktop.core.records.review import (
        Review,
        SheetState,
        counted_key_of,
        sheet_state,
        sheet_states,
    )
    from desktop.core.records.review_align import CORNERS, read_pointed
    from desktop.core.records.scanjob import (
        RecordingLine,
        ScanCounts,
        count_files,
        divert_problems,
        interpret_paths,
        problem_message,
        scan_live,
        scan_paths,
        scan_scanner,
    )
    from desktop.core.records.sheet_marks import (
        IDS_PER_QUERY,
        SheetRow,
        TargetLists,
        misfit,
        returned_serials,
        sheet_rows,
        store_marks,
    )

__getattr__ = lazy.exports(__name__, {
    "desktop.core.records.recording": ("RECORD_ATTEMPTS", "RecordOutcome", "Recorder",
        "archive_root", "default_station", "past_round", "read_context"),
    "desktop.core.records.review": ("Review", "SheetState", "counted_key_of", "sheet_state",
        "sheet_states"),
    "desktop.core.records.review_align": ("CORNERS", "read_pointed"),
    "desktop.core.records.scanjob": ("RecordingLine", "ScanCounts", "count_files",
        "divert_problems", "interpret_paths", "problem_message", "scan_live", "scan_paths",
        "scan_scanner"),
    "desktop.core.records.sheet_marks": ("IDS_PER_QUERY", "SheetRow", "TargetLists", "misfit",
        "returned_serials", "sheet_rows", "store_marks"),
})

__all__ = [
    "CORNERS", "IDS_PER_QUERY", "RECORD_ATTEMPTS", "RecordOutcome", "Recorder", "RecordingLine",
    "Review", "ScanCounts", "SheetRow", "SheetState", "TargetLists", "archive_root", "count_files",
    "counted_key_of", "default_station", "divert_problems", "interpret_paths", "misfit",
    "past_round", "problem_message", "read_context", "read_pointed", "returned_serials",
    "scan_live", "scan_paths", "scan_scanner", "sheet_rows", "sheet_state", "sheet_states",
    "store_marks",
]
