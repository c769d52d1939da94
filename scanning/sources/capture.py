"""Auto-capture from a camera: take a sheet when it lies still, once.

:class:`AutoCapture` is a small pure state machine fed one :class:`PageSighting` per frame (the
page's four corners in frame pixels when its outline was found, and the QR serial when it was
read). It captures when the corners have moved less than ``max_corner_motion_px`` over the last
``steady_frames`` frames and, with ``require_serial``, a serial was read among them. After a
capture it holds: nothing more is taken until the page has been out of view for
``rearm_after_absent_frames`` frames in a row or a different serial is read (the next sheet laid
on top). So the same sheet is never taken twice from consecutive frames; a sheet taken away and
brought back later is taken again, and the reading pipeline's duplicate-serial check decides.

The frame analysis is injected (:data:`Analyse`), so this module knows nothing of how marks or
codes are found; the desktop adapts ``scanning.analyse_frame`` to a :class:`PageSighting`.
"""

from __future__ import annotations

import math
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from enum import StrEnum

from scanning.sources.base import (
    JPEG_MEDIA_TYPE,
    Acquired,
    AcquiredImage,
    AcquisitionProblem,
    Image,
    encoded_image,
)
from scanning.sources.camera import CameraFrame

Point = tuple[float, float]
#: The page's corners in frame pixels, always in the same page order (tl, tr, br, bl).
Corners = tuple[Point, Point, Point, Point]

#: Largest movement of any corner over the steady window, in frame pixels (1080p frames: a
#: hand-held sheet wobbles by 10 px and more, one lying on the desk by 1–2 px of noise).
MAX_CORNER_MOTION_PX = 4.0
#: Frames the page must lie still before it is taken (0.2 s at 30 frames/s).
STEADY_FRAMES = 6
#: Frames in a row without a page before the next capture is allowed; hands passing over a
#: corner hide it for a frame or two.
REARM_AFTER_ABSENT_FRAMES = 5


@dataclass(frozen=True)
class PageSighting:
    corners: Corners | None
    serial: str | None = None


NO_PAGE = PageSighting(None)
Analyse = Callable[[Image], PageSighting]


@dataclass(frozen=True)
class CaptureSettings:
    max_corner_motion_px: float = MAX_CORNER_MOTION_PX
    steady_frames: int = STEADY_FRAMES
    rearm_after_absent_frames: int = REARM_AFTER_ABSENT_FRAMES
    #: Wait for the QR serial; False when the analysis does not read codes.
    require_serial: bool = True


class CaptureState(StrEnum):
    SEARCHING = "searching"  # no page in view
    SETTLING = "settling"  # a page, still moving (or not long enough in view)
    WAITING_FOR_SERIAL = "waiting_for_serial"  # still, but its code not read yet
    CAPTURED = "captured"  # this frame is taken
    HOLDING = "holding"  # taken; waiting for it to leave or for another sheet


@dataclass(frozen=True)
class CaptureStep:
    state: CaptureState
    #: Largest corner movement over the current window (px), for a steadiness indicator.
    motion_px: float | None = None
    serial: str | None = None

    @property
    def captured(self) -> bool:
        return self.state is CaptureState.CAPTURED


@dataclass(frozen=True)
class _Held:
    serial: str | None


class AutoCapture:
    def __init__(self, settings: CaptureSettings | None = None) -> None:
        self.settings = settings or CaptureSettings()
        self._window: deque[PageSighting] = deque(maxlen=self.settings.steady_frames)
        self._held: _Held | None = None
        self._absent = 0

    def reset(self) -> None:
        self._window.clear()
        self._held = None
        self._absent = 0

    def feed(self, sighting: PageSighting) -> CaptureStep:
        settings = self.settings
        if sighting.corners is None:
            self._window.clear()
            self._absent += 1
            if self._held is not None and self._absent >= settings.rearm_after_absent_frames:
                self._held = None
            return CaptureStep(CaptureState.HOLDING if self._held else CaptureState.SEARCHING)
        self._absent = 0
        if self._held is not None:
            held = self._held.serial
            if held is None or sighting.serial is None or sighting.serial == held:
                return CaptureStep(CaptureState.HOLDING, serial=held)
            self._held = None  # another sheet was laid on the one taken
        self._window.append(sighting)
        motion = _motion_px(self._window)
        serial = next((s.serial for s in reversed(self._window) if s.serial), None)
        if len(self._window) < settings.steady_frames or motion > settings.max_corner_motion_px:
            return CaptureStep(CaptureState.SETTLING, motion, serial)
        if settings.require_serial and serial is None:
            return CaptureStep(CaptureState.WAITING_FOR_SERIAL, motion, serial)
        self._held = _Held(serial)
        self._window.clear()
        return CaptureStep(CaptureState.CAPTURED, motion, serial)


def _motion_px(window: Iterable[PageSighting]) -> float:
    """How far any corner in the window lies from where it is in the latest frame."""
    sightings = [s.corners for s in window if s.corners is not None]
    latest = sightings[-1]
    return max((math.dist(point, now) for corners in sightings
                for point, now in zip(corners, latest, strict=True)), default=0.0)


@dataclass(frozen=True)
class CaptureEvent:
    """One analysed frame, for a live preview; ``image`` is set on the frame taken."""

    frame: CameraFrame
    sighting: PageSighting
    step: CaptureStep
    image: AcquiredImage | None = None


def auto_capture(frames: Iterable[CameraFrame | AcquisitionProblem], analyse: Analyse,
                 settings: CaptureSettings | None = None
                 ) -> Iterator[CaptureEvent | AcquisitionProblem]:
    """Analyse every frame and take sheets; problems from the camera pass through."""
    machine = AutoCapture(settings)
    for frame in frames:
        if isinstance(frame, AcquisitionProblem):
            yield frame
            continue
        sighting = analyse(frame.image)
        step = machine.feed(sighting)
        image = (encoded_image(frame.origin, frame.image, JPEG_MEDIA_TYPE)
                 if step.captured else None)
        yield CaptureEvent(frame, sighting, step, image)


def captured_sheets(events: Iterable[CaptureEvent | AcquisitionProblem]) -> Iterator[Acquired]:
    """Only what was taken (and the problems): the same stream as every other source."""
    for event in events:
        if isinstance(event, AcquisitionProblem):
            yield event
        elif event.image is not None:
            yield event.image
