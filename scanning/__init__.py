"""Ballot image pipeline: find the page, read the QR code, measure and classify the marks.

No Qt, no database: functions over images and layout data (docs/scanning.md).

The names below are imported from their modules when first used (PEP 562), so that a light
module such as :mod:`scanning.reasons` or :mod:`scanning.decide` can be imported without
OpenCV and NumPy: the command line reads the reasons and mark states of recorded sheets
without reading images (docs/architecture.md, "What the command line imports").
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ballotformat import lazy

if TYPE_CHECKING:
    from scanning.batch import ReadContext, default_workers, interpret_files, read_one
    from scanning.decide import CategoryResult, MarkState, TargetReading
    from scanning.decoder import DecodedCode, available_backends, decode_qr
    from scanning.frame import FrameAnalysis, analyse_frame
    from scanning.interpret import interpret_file, interpret_image, load_gray
    from scanning.reasons import NOTES, REJECTING, Reason, Status, status_for
    from scanning.result import PageResult
    from scanning.thresholds import DEFAULT_THRESHOLDS, MarkThresholds

__getattr__ = lazy.exports(__name__, {
    "scanning.batch": ("ReadContext", "default_workers", "interpret_files", "read_one"),
    "scanning.decide": ("CategoryResult", "MarkState", "TargetReading"),
    "scanning.decoder": ("DecodedCode", "available_backends", "decode_qr"),
    "scanning.frame": ("FrameAnalysis", "analyse_frame"),
    "scanning.interpret": ("interpret_file", "interpret_image", "load_gray"),
    "scanning.reasons": ("NOTES", "REJECTING", "Reason", "Status", "status_for"),
    "scanning.result": ("PageResult",),
    "scanning.thresholds": ("DEFAULT_THRESHOLDS", "MarkThresholds"),
})

__all__ = [
    "DEFAULT_THRESHOLDS", "NOTES", "REJECTING", "CategoryResult", "DecodedCode", "FrameAnalysis",
    "MarkState", "MarkThresholds", "PageResult", "ReadContext", "Reason", "Status",
    "TargetReading", "analyse_frame", "available_backends", "decode_qr", "default_workers",
    "interpret_file", "interpret_files", "interpret_image", "load_gray", "read_one", "status_for",
]

