"""A sheet's archived image, where its targets lie on it, and an upright close-up of each.

Runs off the GUI thread (no widget is touched): the archived file is decoded at a size fit for
the screen, the reader's homography (its pixels → page mm) is turned into page mm → displayed
pixels, and every target of the page gets a crop warped straight from the image, so a sheet
scanned upside down or photographed at an angle shows its boxes upright in the zoom panel.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import cv2
import numpy as np
from PIL import Image as PilImage
from PySide6.QtGui import QImage

from ballotformat.model import Target
from desktop.core.records import SheetState
from desktop.ui.models.review_models import TargetKey
from desktop.ui.pdf_images import PDF_UNITS_PER_INCH, open_pdf
from scanning.sources.pdf import RENDER_DPI as READER_PDF_DPI

#: The image is decoded at a whole fraction of its size while its long side stays this long
#: (about 150 dpi on A4: sharp when fitted to the window, light to keep).
DISPLAY_MIN_LONG_SIDE_PX = 1700
#: A scan-to-PDF page is rendered at this resolution for the screen.
PDF_DISPLAY_DPI = 150
#: Around a target in its close-up: a margin, the box and its number printed to its right
#: (the name, which may be long, is written beside the close-up from the layout).
CROP_MARGIN_MM = 3.0
CROP_MARGIN_Y_MM = 2.5
CROP_RIGHT_MM = 8.0
#: Close-ups are drawn at this many pixels per mm (a 6 mm box is 48 px wide).
CROP_PX_PER_MM = 8.0
_REDUCED_COLOR = ((8, cv2.IMREAD_REDUCED_COLOR_8), (4, cv2.IMREAD_REDUCED_COLOR_4),
                  (2, cv2.IMREAD_REDUCED_COLOR_2))

Point = tuple[float, float]


@dataclass(frozen=True)
class SheetPicture:
    """What the sheet view shows for one sheet; ``image`` is None when the file cannot be shown."""

    sheet_id: int
    image: QImage | None
    #: Each target's box as four points in the image's pixels (tl, tr, br, bl on the page).
    boxes: dict[TargetKey, tuple[Point, ...]] = field(default_factory=dict)
    #: An upright close-up of each target.
    crops: dict[TargetKey, QImage] = field(default_factory=dict)
    #: Displayed pixels per pixel of the page as the reader decodes the file.
    display_per_file: float = 1.0


def load_picture(archive: Path, state: SheetState, targets: Sequence[Target]) -> SheetPicture:
    """The sheet's picture; the targets are mapped only when the reader found the page."""
    pixels, file_to_display = _load(archive / state.archive_path, state.archive_path,
                                    state.page_index)
    if pixels is None:
        return SheetPicture(state.sheet_id, None)
    image = _qimage(pixels)
    if state.homography is None:
        return SheetPicture(state.sheet_id, image, display_per_file=file_to_display)
    display_to_mm = _display_to_mm(state.homography, state.image_scale, file_to_display)
    boxes = target_boxes(display_to_mm, targets)
    crops = {(t.category, t.candidate): _qimage(_crop(pixels, display_to_mm, t.box_mm))
             for t in targets}
    return SheetPicture(state.sheet_id, image, boxes, crops, file_to_display)


def _display_to_mm(homography: Sequence[float], image_scale: float,
                   file_to_display: float) -> np.ndarray:
    """Displayed pixels → page mm, from the reader's homography (its pixels → page mm)."""
    reader_to_mm = np.array(homography, np.float64).reshape(3, 3)
    # File pixels = reader pixels / image_scale; displayed = file pixels · file_to_display.
    display_per_reader = file_to_display / image_scale
    return reader_to_mm @ np.diag([1 / display_per_reader, 1 / display_per_reader, 1])


def aligned_boxes(picture: SheetPicture, homography: Sequence[float], image_scale: float,
                  targets: Iterable[Target]) -> dict[TargetKey, tuple[Point, ...]]:
    """Where the targets lie on the picture by a reading's homography (a hand alignment)."""
    return target_boxes(_display_to_mm(homography, image_scale, picture.display_per_file),
                        targets)


def target_boxes(display_to_mm: np.ndarray, targets: Iterable[Target]
                 ) -> dict[TargetKey, tuple[Point, ...]]:
    mm_to_display = np.linalg.inv(display_to_mm)
    boxes = {}
    for target in targets:
        x, y, w, h = target.box_mm
        corners = np.array([[[x, y], [x + w, y], [x + w, y + h], [x, y + h]]], np.float64)
        mapped = cv2.perspectiveTransform(corners, mm_to_display)[0]
        boxes[(target.category, target.candidate)] = tuple((float(px), float(py))
                                                           for px, py in mapped)
    return boxes


def crop_box_mm(box_mm: tuple[float, float, float, float]) -> tuple[float, float, float, float]:
    x, y, w, h = box_mm
    return (x - CROP_MARGIN_MM, y - CROP_MARGIN_Y_MM, w + CROP_MARGIN_MM + CROP_RIGHT_MM,
            h + 2 * CROP_MARGIN_Y_MM)


def _crop(pixels: np.ndarray, display_to_mm: np.ndarray,
          box_mm: tuple[float, float, float, float]) -> np.ndarray:
    x, y, w, h = crop_box_mm(box_mm)
    mm_to_crop = np.array([[CROP_PX_PER_MM, 0, -x * CROP_PX_PER_MM],
                           [0, CROP_PX_PER_MM, -y * CROP_PX_PER_MM], [0, 0, 1]], np.float64)
    size = (round(w * CROP_PX_PER_MM), round(h * CROP_PX_PER_MM))
    return cv2.warpPerspective(pixels, mm_to_crop @ display_to_mm, size,
                               flags=cv2.INTER_LINEAR, borderMode=cv2.BORDER_CONSTANT,
                               borderValue=(255, 255, 255))


def _load(path: Path, name: str, page_index: int) -> tuple[np.ndarray | None, float]:
    """BGR pixels for the screen and how many of them one of the reader's file pixels is."""
    suffix = Path(name).suffix.casefold()
    try:
        if suffix == ".pdf":
            return _pdf_page(path, page_index), PDF_DISPLAY_DPI / READER_PDF_DPI
        if suffix in (".tif", ".tiff"):
            return _tiff_page(path, page_index), 1.0
        return _image(path)
    except (OSError, ValueError, SyntaxError, EOFError, IndexError):
        return None, 1.0


def _image(path: Path) -> tuple[np.ndarray | None, float]:
    with PilImage.open(path) as header:  # the size, without decoding
        long_side = max(header.size)
    for factor, flag in _REDUCED_COLOR:
        if long_side // factor >= DISPLAY_MIN_LONG_SIDE_PX:
            return cv2.imread(str(path), flag), 1.0 / factor
    return cv2.imread(str(path), cv2.IMREAD_COLOR), 1.0


def _tiff_page(path: Path, page_index: int) -> np.ndarray:
    with PilImage.open(path) as document:
        document.seek(page_index)
        rgb = np.asarray(document.convert("RGB"), np.uint8)
    return cv2.cvtColor(rgb, cv2.COLOR_RGB2BGR)


def _pdf_page(path: Path, page_index: int) -> np.ndarray:
    with open_pdf(path) as document:
        page = document[page_index]
        bitmap = page.render(scale=PDF_DISPLAY_DPI / PDF_UNITS_PER_INCH)
        pixels = np.array(bitmap.to_numpy(), np.uint8)  # BGR(A), a copy before closing
    return pixels[:, :, :3] if pixels.ndim == 3 else cv2.cvtColor(pixels, cv2.COLOR_GRAY2BGR)


def _qimage(pixels: np.ndarray) -> QImage:
    """A QImage that owns a copy of the BGR or grey pixels."""
    if pixels.ndim == 2:
        pixels = cv2.cvtColor(pixels, cv2.COLOR_GRAY2BGR)
    rgb = np.ascontiguousarray(cv2.cvtColor(pixels, cv2.COLOR_BGR2RGB))
    height, width = rgb.shape[:2]
    return QImage(rgb.data, width, height, width * 3, QImage.Format.Format_RGB888).copy()
