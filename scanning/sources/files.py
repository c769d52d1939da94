"""Image files and folders of them: PNG, JPEG, BMP, (multi-page) TIFF and PDF.

The type is told by the file's first bytes, not its name, so a JPEG saved as ``.png`` is read
and a text file named ``.png`` is reported. Every file that cannot be read becomes one
:class:`AcquisitionProblem` and the batch goes on. Folders are walked in natural name order
(``scan2`` before ``scan10``), subfolders included; hidden, temporary and system files are
passed over without a word, other files that are not images are reported.

An image's size is read from its header before it is decoded, and a page of more than
:data:`MAX_PAGE_PIXELS` is refused (:data:`ProblemCode.IMAGE_TOO_LARGE`) without decoding it.
Whatever else goes wrong while one file is read (an exception of a decoder, memory running out)
becomes that file's :data:`ProblemCode.FILE_FAILED`: :func:`read_bytes` is the one guard.

Resuming a batch: given ``recorded``, a single-image file (PNG, JPEG, BMP) is hashed first and,
when its SHA-256 is one the caller has recorded, answered as :class:`RecordedBefore` without
being decoded (hashing costs a few ms per MB, decoding 20–80 ms a page). A multi-page TIFF or
PDF is still read page by page: its pages are recorded one by one, so a killed batch may hold
some of them.
"""

from __future__ import annotations

import io
import logging
import math
import os
import re
import warnings
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from typing import overload

import cv2
import numpy as np
from PIL import Image as PilImage

from scanning.sources.base import (
    MAX_PAGE_PIXELS,
    Acquired,
    AcquiredImage,
    AcquisitionProblem,
    Cancel,
    FileOrigin,
    Image,
    Recorded,
    RecordedBefore,
    never_cancel,
    sha256_hex,
    too_large,
)
from scanning.sources.messages import ProblemCode
from scanning.sources.pdf import is_pdf, read_pdf

log = logging.getLogger(__name__)

class FileKind(StrEnum):
    PNG = "image/png"
    JPEG = "image/jpeg"
    BMP = "image/bmp"
    TIFF = "image/tiff"
    PDF = "application/pdf"


#: Names read when walking a folder; anything else there (not hidden or temporary) is reported.
IMAGE_SUFFIXES = frozenset({".png", ".jpg", ".jpeg", ".jpe", ".bmp", ".tif", ".tiff", ".pdf"})
#: Files a scanner or a copy is still writing, and the clutter of desktops: never reported.
TEMPORARY_SUFFIXES = frozenset({".tmp", ".temp", ".part", ".partial", ".crdownload", ".lock"})
SYSTEM_NAMES = frozenset({"thumbs.db", "desktop.ini", ".ds_store"})
#: How far from the end an image's closing marker may lie (some writers pad files).
END_MARKER_WINDOW_BYTES = 64
#: Bytes looked at to tell a text file from binary data.
TEXT_SNIFF_BYTES = 512
_PNG_END = b"IEND"
_JPEG_END = b"\xff\xd9"
_BMP_SIZE_FIELD = slice(2, 6)


def sniff(data: bytes) -> FileKind | None:
    """The file's kind from its first bytes, or None when it is none we read."""
    if data.startswith(b"\x89PNG\r\n\x1a\n"):
        return FileKind.PNG
    if data.startswith(b"\xff\xd8\xff"):
        return FileKind.JPEG
    if data.startswith(b"BM") and len(data) > _BMP_SIZE_FIELD.stop:
        return FileKind.BMP
    if data[:4] in (b"II*\x00", b"MM\x00*", b"II+\x00", b"MM\x00+"):
        return FileKind.TIFF
    if is_pdf(data):
        return FileKind.PDF
    return None


def natural_key(path: Path) -> tuple[tuple[int, int | str], ...]:
    """Sort key: case-folded name with runs of digits compared as numbers."""
    parts = re.split(r"(\d+)", path.name.casefold())
    return tuple((0, int(part)) if part.isdigit() else (1, part) for part in parts if part)


def is_ignored(path: Path) -> bool:
    """Hidden, temporary or system files: a folder walk passes over them silently."""
    name = path.name.casefold()
    return (name.startswith((".", "~$")) or name.endswith("~") or name in SYSTEM_NAMES
            or path.suffix.casefold() in TEMPORARY_SUFFIXES)


def read_paths(paths: Iterable[Path], cancel: Cancel = never_cancel,
               recorded: Recorded | None = None) -> Iterator[Acquired | RecordedBefore]:
    """Every page of every file named, folders walked; ``cancel`` is asked between files;
    ``recorded``: see the module docstring."""
    for path in paths:
        if cancel():
            return
        if path.is_dir():
            yield from read_folder(path, cancel, recorded)
        else:
            yield from read_file(path, recorded)


def read_folder(folder: Path, cancel: Cancel = never_cancel, recorded: Recorded | None = None
                ) -> Iterator[Acquired | RecordedBefore]:
    for item in walk_folder(folder):
        if cancel():
            return
        if isinstance(item, AcquisitionProblem):
            yield item
        elif item.suffix.casefold() in IMAGE_SUFFIXES:
            yield from read_file(item, recorded)
        else:
            yield AcquisitionProblem(ProblemCode.FILE_NOT_IMAGE, {"path": str(item)},
                                     FileOrigin(item))


def walk_folder(folder: Path) -> Iterator[Path | AcquisitionProblem]:
    """Files under ``folder`` in natural name order, each folder's files before its subfolders."""
    try:
        entries = sorted(folder.iterdir(), key=natural_key)
    except FileNotFoundError as error:
        yield AcquisitionProblem(ProblemCode.FOLDER_NOT_FOUND, {"path": str(folder)},
                                 detail=str(error))
        return
    except OSError as error:
        yield AcquisitionProblem(ProblemCode.FOLDER_UNREADABLE, {"path": str(folder)},
                                 detail=str(error))
        return
    visible = [entry for entry in entries if not is_ignored(entry)]
    yield from (entry for entry in visible if not entry.is_dir())
    for entry in visible:
        if entry.is_dir():
            yield from walk_folder(entry)


@overload
def read_file(path: Path) -> Iterator[Acquired]: ...
@overload
def read_file(path: Path, recorded: Recorded | None) -> Iterator[Acquired | RecordedBefore]: ...


def read_file(path: Path, recorded: Recorded | None = None
              ) -> Iterator[Acquired | RecordedBefore]:
    """Every page of one file: one for PNG, JPEG and BMP, each page of a TIFF or PDF."""
    shown = {"path": str(path)}
    try:
        data = path.read_bytes()
    except FileNotFoundError as error:
        yield AcquisitionProblem(ProblemCode.FILE_NOT_FOUND, shown, FileOrigin(path), str(error))
        return
    except OSError as error:
        yield AcquisitionProblem(ProblemCode.FILE_UNREADABLE, shown, FileOrigin(path),
                                 str(error))
        return
    yield from read_bytes(path, data, recorded)


@overload
def read_bytes(path: Path, data: bytes) -> Iterator[Acquired]: ...
@overload
def read_bytes(path: Path, data: bytes, recorded: Recorded | None
               ) -> Iterator[Acquired | RecordedBefore]: ...


def read_bytes(path: Path, data: bytes, recorded: Recorded | None = None
               ) -> Iterator[Acquired | RecordedBefore]:
    """Like :func:`read_file` for bytes already read (``path`` is where they came from).

    The pages read before a failure are yielded; the failure itself, whatever it is, becomes
    one problem for this file and the batch goes on with the next."""
    try:
        yield from _read_bytes(path, data, recorded)
    except Exception as error:  # one file's failure, of any kind, is its own
        log.exception("reading %s failed", path)
        yield AcquisitionProblem(ProblemCode.FILE_FAILED,
                                 {"path": str(path), "error": type(error).__name__},
                                 FileOrigin(path), f"{type(error).__name__}: {error}")


def _read_bytes(path: Path, data: bytes, recorded: Recorded | None
                ) -> Iterator[Acquired | RecordedBefore]:
    shown = {"path": str(path)}
    if not data:
        yield AcquisitionProblem(ProblemCode.FILE_EMPTY, shown, FileOrigin(path))
        return
    kind = sniff(data)
    if kind is None:
        # Binary data under an image's name is a damaged image; text or another name is not one.
        damaged = path.suffix.casefold() in IMAGE_SUFFIXES and not _is_text(data)
        yield AcquisitionProblem(ProblemCode.IMAGE_CORRUPT if damaged else
                                 ProblemCode.FILE_NOT_IMAGE, shown, FileOrigin(path),
                                 f"unknown content, first bytes {data[:8]!r}")
    elif kind is FileKind.PDF:
        yield from read_pdf(path, data)
    elif kind is FileKind.TIFF:
        yield from _read_tiff(path, data)
    else:
        digest = sha256_hex(data)
        if recorded is not None and recorded(digest):
            yield RecordedBefore(FileOrigin(path), digest)
        else:
            yield _read_single(path, data, kind, digest)


def _read_single(path: Path, data: bytes, kind: FileKind, digest: str) -> Acquired:
    header = read_header(data)
    if header is not None and header.pixels > MAX_PAGE_PIXELS:
        return too_large(FileOrigin(path), header.pixels)
    # OpenCV applies EXIF orientation, keeps grey files grey and refuses truncated data.
    image = cv2.imdecode(np.frombuffer(data, np.uint8), cv2.IMREAD_ANYCOLOR)
    if image is None:
        code = (ProblemCode.IMAGE_TRUNCATED if _looks_truncated(data, kind)
                else ProblemCode.IMAGE_CORRUPT)
        return AcquisitionProblem(code, {"path": str(path)}, FileOrigin(path),
                                  f"OpenCV could not decode this {kind.name} file")
    return AcquiredImage(FileOrigin(path), _as_image(image), data, kind.value, digest,
                         header.dpi if header is not None else None)


def _is_text(data: bytes) -> bool:
    try:
        data[:TEXT_SNIFF_BYTES].decode("utf-8")
    except UnicodeDecodeError as error:
        return error.start > TEXT_SNIFF_BYTES - 4  # a character cut at the window's end
    return True


def _looks_truncated(data: bytes, kind: FileKind) -> bool:
    tail = data[-END_MARKER_WINDOW_BYTES:]
    if kind is FileKind.PNG:
        return _PNG_END not in tail
    if kind is FileKind.JPEG:
        return _JPEG_END not in tail
    if kind is FileKind.BMP:
        return int.from_bytes(data[_BMP_SIZE_FIELD], "little") > len(data)
    return False


def _read_tiff(path: Path, data: bytes) -> Iterator[Acquired]:
    """Pillow, page by page, so one damaged page does not cost the others."""
    digest = sha256_hex(data)
    shown = {"path": str(path)}
    header = read_header(data)
    if header is not None and not math.isfinite(header.pixels):
        yield too_large(FileOrigin(path), header.pixels)
        return
    dpi = header.dpi if header is not None else None
    try:
        with warnings.catch_warnings():  # a page over the limit is refused below, page by page
            warnings.simplefilter("ignore", PilImage.DecompressionBombWarning)
            document = PilImage.open(io.BytesIO(data))
        count = int(getattr(document, "n_frames", 1))
    except (OSError, ValueError, SyntaxError, EOFError) as error:
        yield AcquisitionProblem(ProblemCode.IMAGE_CORRUPT, shown, FileOrigin(path), str(error))
        return
    with document:
        for index in range(count):
            origin = FileOrigin(path, index)
            try:
                document.seek(index)
            except (OSError, ValueError, SyntaxError, EOFError) as error:
                # The page directories form a chain: past a broken link nothing can be reached.
                yield AcquisitionProblem(ProblemCode.PAGE_CORRUPT, {**shown, "page": index + 1},
                                         origin, f"cannot reach page: {error}")
                return
            width, height = document.size
            if width * height > MAX_PAGE_PIXELS:
                yield too_large(origin, width * height)
                continue
            try:
                document.load()
                pixels = _pil_pixels(document)
            except (OSError, ValueError, SyntaxError, EOFError) as error:
                yield AcquisitionProblem(ProblemCode.PAGE_CORRUPT, {**shown, "page": index + 1},
                                         origin, str(error))
                continue
            yield AcquiredImage(origin, pixels, data, FileKind.TIFF.value, digest, dpi)


def _pil_pixels(page: PilImage.Image) -> Image:
    if page.mode.startswith("I;16"):
        wide = np.asarray(page, dtype=np.uint16)
        return np.ascontiguousarray(wide >> 8, dtype=np.uint8)
    if page.mode in ("1", "L", "LA", "I", "F"):
        return np.asarray(page.convert("L"), dtype=np.uint8).copy()
    rgb = np.asarray(page.convert("RGB"), dtype=np.uint8)
    return _as_image(cv2.cvtColor(rgb, cv2.COLOR_RGB2BGR))


def _as_image(array: np.ndarray) -> Image:
    """8-bit grey or BGR: drop an alpha channel, squeeze a single channel."""
    if array.ndim == 3 and array.shape[2] == 4:
        array = cv2.cvtColor(array, cv2.COLOR_BGRA2BGR)
    if array.ndim == 3 and array.shape[2] == 1:
        array = array[:, :, 0]
    return np.ascontiguousarray(array, dtype=np.uint8)


@dataclass(frozen=True)
class Header:
    """What a file's header says, read by Pillow without decoding the pixels."""

    #: Width × height of the (first) page; infinite when Pillow refuses to open something that
    #: large (more than twice the limit, see base.py).
    pixels: float
    #: Horizontal resolution, when the header gives one.
    dpi: float | None


def read_header(data: bytes) -> Header | None:
    """The header, or None when Pillow cannot read it (then OpenCV, bounded by
    OPENCV_IO_MAX_IMAGE_PIXELS, decides whether the file is an image)."""
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", PilImage.DecompressionBombWarning)
            with PilImage.open(io.BytesIO(data)) as header:
                width, height = header.size
                dpi = header.info.get("dpi")
    except PilImage.DecompressionBombError:
        return Header(math.inf, None)
    except (OSError, ValueError, SyntaxError, EOFError):
        return None
    stated = float(dpi[0]) if isinstance(dpi, tuple) and dpi and float(dpi[0]) > 1 else None
    return Header(width * height, stated)


def file_size(path: Path) -> int | None:
    """Size in bytes, or None when the file is gone or unreadable (for the watched folder)."""
    try:
        return os.stat(path).st_size
    except OSError:
        return None
