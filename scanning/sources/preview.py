"""The live preview's overlay: the page outline and its marks drawn on a camera frame.

Pure OpenCV on a copy of the frame, so the GUI only converts the result to a QImage. Colours
follow the capture state: amber while the page settles, green once it is taken or held.
"""

from __future__ import annotations

import cv2
import numpy as np

from scanning.sources.base import Image
from scanning.sources.capture import CaptureState, CaptureStep, PageSighting

#: BGR colours.
SETTLING_BGR = (0, 170, 255)
TAKEN_BGR = (60, 200, 60)
MARK_BGR = (255, 120, 0)
OUTLINE_WIDTH_PX = 3
MARK_RADIUS_PX = 9
#: Frames this much larger than 1080 lines get proportionally thicker strokes.
REFERENCE_HEIGHT_PX = 1080

_TAKEN_STATES = (CaptureState.CAPTURED, CaptureState.HOLDING)


def draw_overlay(frame: Image, sighting: PageSighting, step: CaptureStep | None = None) -> Image:
    """A BGR copy of ``frame`` with the outline and the four marks (top-left ringed twice)."""
    picture: Image = np.ascontiguousarray(
        cv2.cvtColor(frame, cv2.COLOR_GRAY2BGR) if frame.ndim == 2 else frame.copy(), np.uint8)
    if sighting.corners is None:
        return picture
    scale = max(1.0, picture.shape[0] / REFERENCE_HEIGHT_PX)
    width = round(OUTLINE_WIDTH_PX * scale)
    radius = round(MARK_RADIUS_PX * scale)
    taken = step is not None and step.state in _TAKEN_STATES
    colour = TAKEN_BGR if taken else SETTLING_BGR
    points = np.round(np.array(sighting.corners, np.float64)).astype(np.int32)
    cv2.polylines(picture, [points.reshape(-1, 1, 2)], True, colour, width, cv2.LINE_AA)
    for index, (x, y) in enumerate(points):
        centre = (int(x), int(y))
        cv2.circle(picture, centre, radius, MARK_BGR, width, cv2.LINE_AA)
        if index == 0:  # the orientation mark
            cv2.circle(picture, centre, 2 * radius, MARK_BGR, width, cv2.LINE_AA)
    return picture
