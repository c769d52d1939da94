"""Acquisition sources: where ballot images come from. No Qt, no database.

Every source is a generator of :data:`Acquired` items, an :class:`AcquiredImage` (decoded
pixels, the bytes to archive and their SHA-256, a stable origin) or an
:class:`AcquisitionProblem` (a :class:`ProblemCode`, parameters, the library's detail), so one
bad page never stops a batch:

* :func:`read_paths` / :func:`read_file`: PNG, JPEG, BMP, multi-page TIFF and PDF files, folders
  walked in name order;
* :class:`WatchedFolder`: scan-to-folder, each file read once the scanner has finished it;
* :func:`scan_sheets` / :class:`SaneScanner`: SANE scanners with a feeder (python-sane optional);
* :class:`CameraSource` + :func:`auto_capture`: webcams and document cameras, taking a sheet
  when it lies still, once.

Problem texts in Chinese and English: :func:`problem_text`. See docs/acquisition.md.
"""

from scanning.sources.base import (
    Acquired,
    AcquiredImage,
    AcquisitionError,
    AcquisitionProblem,
    CameraOrigin,
    Cancel,
    FileOrigin,
    Image,
    Origin,
    Recorded,
    RecordedBefore,
    ScannerOrigin,
)
from scanning.sources.camera import CameraFrame, CameraSource
from scanning.sources.capture import (
    NO_PAGE,
    Analyse,
    AutoCapture,
    CaptureEvent,
    CaptureSettings,
    CaptureState,
    CaptureStep,
    Corners,
    PageSighting,
    auto_capture,
    captured_sheets,
)
from scanning.sources.files import read_file, read_folder, read_paths, sniff
from scanning.sources.folder import WatchedFolder
from scanning.sources.messages import CATALOG, ProblemCode, problem_text
from scanning.sources.pdf import read_pdf
from scanning.sources.preview import draw_overlay
from scanning.sources.sane_source import (
    SaneScanner,
    ScannerInfo,
    ScannerSettings,
    list_scanners,
    parse_options,
    scan_sheets,
    settings_from_options,
)

__all__ = [
    "CATALOG", "NO_PAGE", "Acquired", "AcquiredImage", "AcquisitionError", "AcquisitionProblem",
    "Analyse", "AutoCapture", "CameraFrame", "CameraOrigin", "CameraSource", "Cancel",
    "CaptureEvent", "CaptureSettings", "CaptureState", "CaptureStep", "Corners", "FileOrigin",
    "Image", "Origin", "PageSighting", "ProblemCode", "Recorded", "RecordedBefore",
    "SaneScanner", "ScannerInfo",
    "ScannerOrigin", "ScannerSettings", "WatchedFolder", "auto_capture", "captured_sheets",
    "draw_overlay", "list_scanners", "parse_options", "problem_text", "read_file",
    "read_folder", "read_paths", "read_pdf", "scan_sheets", "settings_from_options", "sniff",
]
