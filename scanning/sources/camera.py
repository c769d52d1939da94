"""Webcams and document cameras (高拍仪, which are webcams to the computer) through OpenCV.

``CameraSource(0)`` opens the first camera; ``CameraSource("desk.avi")`` plays a video file or an
image sequence (``"frame_%03d.png"``) through the very same ``cv2.VideoCapture`` calls, which is
how the tests drive this module. Frames are numbered by us from 0, strictly increasing (camera
drivers' own positions are unreliable). A live camera that stops delivering frames for
``MAX_FAILED_READS`` reads in a row is reported lost; a file simply ends.

Document cameras deliver 1080p at a useful rate only as MJPG (uncompressed YUYV over USB 2 gives
about 5 frames/s), so MJPG is asked for before the resolution.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import cv2
import numpy as np

from scanning.sources.base import (
    AcquisitionProblem,
    CameraOrigin,
    Cancel,
    Image,
    never_cancel,
    session_stamp,
)
from scanning.sources.messages import ProblemCode

REQUESTED_WIDTH_PX = 1920
REQUESTED_HEIGHT_PX = 1080
REQUESTED_FOURCC = "MJPG"
#: Failed reads in a row after which a live camera counts as lost (about 2 s at 30 frames/s).
MAX_FAILED_READS = 60
#: Pause after a failed read of a live camera, before trying again.
FAILED_READ_PAUSE_S = 0.03


@dataclass(frozen=True)
class CameraFrame:
    origin: CameraOrigin
    image: Image  # BGR as the camera gives it (grey for grey video)

    @property
    def number(self) -> int:
        return self.origin.frame


class CameraSource:
    """One camera or video; :meth:`frames` opens it and closes it when the loop ends."""

    def __init__(self, camera: int | str | Path, width_px: int = REQUESTED_WIDTH_PX,
                 height_px: int = REQUESTED_HEIGHT_PX, api_preference: int = cv2.CAP_ANY) -> None:
        self.camera = camera
        self.width_px = width_px
        self.height_px = height_px
        self.api_preference = api_preference
        #: The size the camera actually delivers, known once it is open.
        self.frame_size: tuple[int, int] | None = None

    @property
    def is_live(self) -> bool:
        return isinstance(self.camera, int)

    @property
    def label(self) -> str:
        return f"camera {self.camera}" if self.is_live else str(self.camera)

    def _open(self) -> cv2.VideoCapture | None:
        if isinstance(self.camera, int):
            capture = cv2.VideoCapture(self.camera, self.api_preference)
            if capture.isOpened():
                capture.set(cv2.CAP_PROP_FOURCC, cv2.VideoWriter.fourcc(*REQUESTED_FOURCC))
                capture.set(cv2.CAP_PROP_FRAME_WIDTH, self.width_px)
                capture.set(cv2.CAP_PROP_FRAME_HEIGHT, self.height_px)
        else:
            capture = cv2.VideoCapture(str(self.camera), self.api_preference)
        if not capture.isOpened():
            capture.release()
            return None
        self.frame_size = (int(capture.get(cv2.CAP_PROP_FRAME_WIDTH)),
                           int(capture.get(cv2.CAP_PROP_FRAME_HEIGHT)))
        return capture

    def frames(self, cancel: Cancel = never_cancel) -> Iterator[CameraFrame | AcquisitionProblem]:
        session = session_stamp()
        capture = self._open()
        if capture is None:
            yield AcquisitionProblem(ProblemCode.CAMERA_OPEN_FAILED, {"camera": self.label},
                                     detail=f"cv2.VideoCapture({self.camera!r}) did not open",
                                     ends_source=True)
            return
        number = 0
        failed = 0
        try:
            while not cancel():
                ok, image = capture.read()
                if not ok or image is None:
                    if not self.is_live:
                        return  # the end of a video file
                    failed += 1
                    if failed >= MAX_FAILED_READS:
                        yield AcquisitionProblem(
                            ProblemCode.CAMERA_LOST, {"camera": self.label, "frame": number},
                            detail=f"{failed} failed reads in a row", ends_source=True)
                        return
                    time.sleep(FAILED_READ_PAUSE_S)
                    continue
                failed = 0
                origin = CameraOrigin(self.label, number, session)
                yield CameraFrame(origin, np.ascontiguousarray(image, dtype=np.uint8))
                number += 1
        finally:
            capture.release()
