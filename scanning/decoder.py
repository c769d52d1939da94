"""The one place that knows QR decoder libraries: zxing-cpp first, pyzbar second.

Each backend is optional (an ImportError just leaves it out). ``decode_qr`` asks the backends in
order and returns the first one's codes, with each code's corner points in image pixels.
Measured (docs/benchmarks.md, MACHINE-NOTES): zxing-cpp read every damaged test page, ~0.1 ms
on a 150 dpi QR region; zbar failed on heavy noise and takes ~100 ms on a whole page, so it is
only the second choice.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import cache
from typing import Any

import numpy as np
from numpy.typing import NDArray

Gray = NDArray[np.uint8]
Point = tuple[float, float]


@dataclass(frozen=True)
class DecodedCode:
    text: str
    #: Corner points of the symbol in the decoded image's pixels (order as the backend gives).
    corners: tuple[Point, ...]
    backend: str

    @property
    def center(self) -> Point:
        xs = [p[0] for p in self.corners]
        ys = [p[1] for p in self.corners]
        return (sum(xs) / len(xs), sum(ys) / len(ys))


Backend = Callable[[Gray], list[DecodedCode]]


def _zxing_backend() -> Backend | None:
    try:
        import zxingcpp
    except ImportError:
        return None

    formats = zxingcpp.BarcodeFormats(zxingcpp.BarcodeFormat.QRCode)

    def read(image: Gray) -> list[DecodedCode]:
        codes = []
        for found in zxingcpp.read_barcodes(image, formats=formats):
            if not found.valid:
                continue
            pos = found.position
            corners = tuple((float(p.x), float(p.y)) for p in
                            (pos.top_left, pos.top_right, pos.bottom_right, pos.bottom_left))
            codes.append(DecodedCode(found.text, corners, "zxing-cpp"))
        return codes

    return read


def _pyzbar_backend() -> Backend | None:
    try:
        from pyzbar import pyzbar  # type: ignore[import-untyped]
    except ImportError:  # the module, or libzbar itself, is missing
        return None
    module: Any = pyzbar

    def read(image: Gray) -> list[DecodedCode]:
        height, width = image.shape[:2]
        found = module.decode((image.tobytes(), width, height), symbols=[module.ZBarSymbol.QRCODE])
        codes = []
        for symbol in found:
            try:
                text = symbol.data.decode("ascii")
            except UnicodeDecodeError:
                continue
            corners = tuple((float(p.x), float(p.y)) for p in symbol.polygon)
            codes.append(DecodedCode(text, corners, "pyzbar"))
        return codes

    return read


_FACTORIES: dict[str, Callable[[], Backend | None]] = {
    "zxing-cpp": _zxing_backend,
    "pyzbar": _pyzbar_backend,
}
#: Preference order.
BACKEND_NAMES = tuple(_FACTORIES)


@cache
def _backend(name: str) -> Backend | None:
    return _FACTORIES[name]()


def available_backends() -> tuple[str, ...]:
    """The names of the backends that import on this machine, in preference order."""
    return tuple(name for name in BACKEND_NAMES if _backend(name) is not None)


def decode_qr(image: Gray, backends: Sequence[str] | None = None) -> list[DecodedCode]:
    """QR codes in a grayscale image, from the first backend (in order) that finds any.

    ``backends`` restricts and orders the backends (tests, or a user setting); unknown or
    missing ones are skipped. An empty list means nothing was read.
    """
    contiguous = np.ascontiguousarray(image)
    for name in backends if backends is not None else BACKEND_NAMES:
        reader = _backend(name) if name in _FACTORIES else None
        if reader is None:
            continue
        codes = reader(contiguous)
        if codes:
            return codes
    return []
