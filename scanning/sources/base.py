"""What every acquisition source yields: images with a stable origin, or problems.

A source is a plain generator of :data:`Acquired` items. One bad page, file or sheet becomes an
:class:`AcquisitionProblem` in the stream and the source goes on with the next one whenever it
can, so a batch never stops on the first error and nothing already read is lost.

Images carry the bytes to archive and their SHA-256:

* files: the original file's bytes (shared by every page of a multi-page TIFF or PDF, so the
  archive stores the file once; ``origin.page`` says which page);
* scanners: a lossless PNG of the sheet as the scanner delivered it;
* cameras: a JPEG of the captured frame (frames are JPEG from the camera already).
"""

from __future__ import annotations

import hashlib
import math
import os
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

import cv2
import numpy as np
import numpy.typing as npt
from PIL import Image as PilImage

from scanning.sources.messages import ProblemCode, problem_text

#: An 8-bit image: grey ``(h, w)`` or BGR ``(h, w, 3)``, OpenCV's conventions.
Image = npt.NDArray[np.uint8]
#: Asked between pages, sheets, polls and frames; true stops the source cleanly.
Cancel = Callable[[], bool]

PNG_MEDIA_TYPE = "image/png"
JPEG_MEDIA_TYPE = "image/jpeg"
#: zlib level for archived scanner sheets. Measured on an A4 ballot at 300 dpi: level 1 takes
#: ~50 ms and 250-450 KB; level 6 saves ~15 % of the bytes for ~35 % more time.
ARCHIVE_PNG_COMPRESSION = 1
#: JPEG quality for archived camera captures (camera frames are JPEG-compressed already).
ARCHIVE_JPEG_QUALITY = 92
#: Largest page image read, in pixels (width × height), checked from the file's header before
#: anything is decoded. The largest page a counting team scans is A3 (297 × 420 mm) at
#: 1200 dpi, the finest setting office scanners offer: 14032 × 19843 = 278.4 million pixels;
#: the rest is a scanner's overscan (a few mm around the sheet). Decoded, such a page takes
#: 300 MB in grey, 900 MB in colour; a 20000 × 20000 image (400 million) is refused.
MAX_PAGE_PIXELS = 300_000_000
# OpenCV's own limit (its default is 2^30 pixels), for what it decodes without Pillow having
# read the header first; read once, at its first decode, so set before any.
os.environ.setdefault("OPENCV_IO_MAX_IMAGE_PIXELS", str(MAX_PAGE_PIXELS))
# Pillow reads the headers (and TIFF pages). It warns above its MAX_IMAGE_PIXELS and refuses
# twice that; set to ours, so that every page we read passes it (its default, 89 million, would
# refuse an A3 page at 1200 dpi) and sizes above ours are still measured, then refused by us.
PilImage.MAX_IMAGE_PIXELS = MAX_PAGE_PIXELS


def never_cancel() -> bool:
    return False


def session_stamp() -> str:
    """When a scanner batch or camera session began (local time, ISO 8601, seconds)."""
    return datetime.now().astimezone().isoformat(timespec="seconds")


@dataclass(frozen=True)
class FileOrigin:
    """Page ``page`` (0-based) of an image file or PDF; single images have page 0."""

    path: Path
    page: int = 0

    def describe(self) -> str:
        return f"{self.path} #{self.page + 1}"


@dataclass(frozen=True)
class ScannerOrigin:
    """Sheet ``sheet`` (1-based, in feeding order) of the batch begun at ``session``."""

    device: str
    sheet: int
    session: str

    def describe(self) -> str:
        return f"{self.device} {self.session} #{self.sheet}"


@dataclass(frozen=True)
class CameraOrigin:
    """Frame ``frame`` (0-based, counted by us) of the camera session begun at ``session``."""

    camera: str
    frame: int
    session: str

    def describe(self) -> str:
        return f"{self.camera} {self.session} #{self.frame}"


Origin = FileOrigin | ScannerOrigin | CameraOrigin


@dataclass(frozen=True, eq=False)
class AcquiredImage:
    """One page image, decoded, with the bytes to archive and where it came from."""

    origin: Origin
    image: Image
    #: What to archive: see the module docstring. ``sha256`` is the hex digest of these bytes.
    data: bytes
    media_type: str
    sha256: str
    #: Pixels per inch when known (file metadata, the PDF render, the scanner's setting).
    dpi: float | None = None


@dataclass(frozen=True)
class AcquisitionProblem:
    """A page, file or sheet that could not be acquired, and why.

    ``params`` fill the message templates (:func:`scanning.sources.messages.problem_text`);
    ``detail`` is the library's own words (for the log and "copy details"), never shown alone.
    ``ends_source`` is true when the source stopped because of it (a jam, a lost camera).
    """

    code: ProblemCode
    params: Mapping[str, str | int] = field(default_factory=dict)
    origin: Origin | None = None
    detail: str = ""
    ends_source: bool = False

    def text(self, language: str | None = None) -> str:
        return problem_text(self, language)


Acquired = AcquiredImage | AcquisitionProblem


@dataclass(frozen=True)
class RecordedBefore:
    """A single-image file whose bytes the caller has recorded already (see
    ``files.read_paths``'s ``recorded``): hashed, not decoded."""

    origin: FileOrigin
    sha256: str


#: Asked with a single-image file's SHA-256 (hex) before it is decoded: recorded already?
Recorded = Callable[[str], bool]


class AcquisitionError(Exception):
    """Raised by the non-generator calls (opening a scanner, listing devices)."""

    def __init__(self, problem: AcquisitionProblem) -> None:
        self.problem = problem
        super().__init__(f"{problem.code}: {problem.detail}")


def too_large(origin: FileOrigin, pixels: float) -> AcquisitionProblem:
    """A page over :data:`MAX_PAGE_PIXELS`, refused before it is decoded (``pixels`` infinite:
    more than twice that, which Pillow will not even open to say how much)."""
    limit = MAX_PAGE_PIXELS / 1e6
    shown = f"{pixels / 1e6:.0f}" if math.isfinite(pixels) else f"> {2 * limit:.0f}"
    return AcquisitionProblem(ProblemCode.IMAGE_TOO_LARGE,
                              {"path": str(origin.path), "megapixels": shown,
                               "limit": f"{limit:.0f}"}, origin, f"{pixels} pixels")


def sha256_hex(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def encoded_image(origin: Origin, image: Image, media_type: str,
                  dpi: float | None = None) -> AcquiredImage:
    """An image that has no file of its own (scanner sheet, camera frame), encoded to archive."""
    if media_type == PNG_MEDIA_TYPE:
        ok, buffer = cv2.imencode(".png", image, [cv2.IMWRITE_PNG_COMPRESSION,
                                                  ARCHIVE_PNG_COMPRESSION])
    elif media_type == JPEG_MEDIA_TYPE:
        ok, buffer = cv2.imencode(".jpg", image, [cv2.IMWRITE_JPEG_QUALITY, ARCHIVE_JPEG_QUALITY])
    else:
        raise ValueError(f"cannot archive as {media_type}")
    if not ok:
        raise ValueError(f"OpenCV could not encode a {image.shape} image as {media_type}")
    data = buffer.tobytes()
    return AcquiredImage(origin, image, data, media_type, sha256_hex(data), dpi)
