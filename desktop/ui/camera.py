"""Camera frames for the scan page: the capture adapter and frame → QImage for the preview.

Everything here runs on the camera's worker thread and touches no widget: a ``QImage`` (unlike
a ``QPixmap``) may be made off the GUI thread and sent through a queued signal.
"""

from __future__ import annotations

import cv2
import numpy as np
from PySide6.QtGui import QImage

import scanning
from scanning.sources import CaptureStep, Image, PageSighting, draw_overlay

#: The preview is drawn at most this wide: a 1080p frame is scaled down in the worker, so the
#: GUI thread only paints a small picture.
PREVIEW_MAX_WIDTH_PX = 960


def analyse_sighting(image: Image) -> PageSighting:
    """The adapter auto-capture needs: page corners and the raw QR text (compared only for
    equality, so the next sheet laid on top of the last is seen as another sheet)."""
    found = scanning.analyse_frame(image, read_code=True)
    return PageSighting(found.corners, found.qr_text)


def to_qimage(image: Image) -> QImage:
    """A deep copy of an 8-bit grey or BGR array as a QImage (independent of the array)."""
    picture = np.ascontiguousarray(image)
    height, width = picture.shape[:2]
    if picture.ndim == 2:
        return QImage(picture.data, width, height, picture.strides[0],
                      QImage.Format.Format_Grayscale8).copy()
    return QImage(picture.data, width, height, picture.strides[0],
                  QImage.Format.Format_BGR888).copy()


def preview_image(frame: Image, sighting: PageSighting, step: CaptureStep | None,
                  max_width_px: int = PREVIEW_MAX_WIDTH_PX) -> QImage:
    """The frame scaled down to at most ``max_width_px`` with the page outline and its marks
    (``draw_overlay``: amber while settling, green once taken)."""
    height, width = frame.shape[:2]
    scale = min(1.0, max_width_px / width)
    if scale < 1.0:
        frame = np.asarray(cv2.resize(frame, (round(width * scale), round(height * scale)),
                                      interpolation=cv2.INTER_AREA), np.uint8)
        if sighting.corners is not None:
            tl, tr, br, bl = ((x * scale, y * scale) for x, y in sighting.corners)
            sighting = PageSighting((tl, tr, br, bl), sighting.serial)
    return to_qimage(draw_overlay(frame, sighting, step))
