"""Document scanners through SANE (python-sane, the optional ``scanner`` extra).

Open a device, choose its document feeder, grey and 300 dpi when it has them, then read sheet
after sheet until the feeder is empty. A jam, an open cover or a lost connection ends the batch
with one :class:`AcquisitionProblem` that says which sheet; the sheets before it were yielded
already. Each sheet is archived as a lossless PNG.

SANE facts this relies on (sane-backends 1.1, python-sane 2.9): errors arrive as ``_sane.error``
whose only content is ``sane_strstatus()``'s English text (not translated), so the status is
recovered from that text; the configuration (``SANE_CONFIG_DIR``, ``dll.conf``) is read once per
process by the first ``sane_init()``, later ``sane_exit()``/``sane_init()`` pairs do not re-read
it; an unknown device name gives "Invalid argument". SANE calls must come from one thread at a
time; run a batch in one worker thread.
"""

from __future__ import annotations

import importlib
import logging
import re
import threading
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from types import ModuleType
from typing import Any

import numpy as np

from scanning.sources.base import (
    PNG_MEDIA_TYPE,
    Acquired,
    AcquisitionError,
    AcquisitionProblem,
    Cancel,
    Image,
    ScannerOrigin,
    encoded_image,
    never_cancel,
    session_stamp,
)
from scanning.sources.messages import ProblemCode

log = logging.getLogger(__name__)

RESOLUTION_DPI = 300
BITS_PER_SAMPLE = 8
_FEEDER_SOURCE = re.compile(r"adf|feeder|automatic", re.IGNORECASE)
_DUPLEX_SOURCE = re.compile(r"duplex|back|rear", re.IGNORECASE)
_GREY_MODE = re.compile(r"gr[ae]y", re.IGNORECASE)
#: Words for a kind of source, for when a device's own source names are not known by heart.
SOURCE_FEEDER = frozenset({"adf", "feeder"})
SOURCE_DUPLEX = frozenset({"duplex"})
SOURCE_GLASS = frozenset({"flatbed", "glass"})

#: sane_strstatus() texts (sanei/sane_strstatus.c) -> what they mean for a batch.
STATUS_TEXTS: Mapping[str, ProblemCode] = {
    "Document feeder out of documents": ProblemCode.FEEDER_EMPTY,
    "Document feeder jammed": ProblemCode.FEEDER_JAMMED,
    "Scanner cover is open": ProblemCode.COVER_OPEN,
    "Error during device I/O": ProblemCode.SCANNER_IO_ERROR,
    "Out of memory": ProblemCode.SCANNER_NO_MEMORY,
    "Operation was canceled": ProblemCode.SCANNER_CANCELLED,
    "Operation was cancelled": ProblemCode.SCANNER_CANCELLED,
    "Device busy": ProblemCode.SCANNER_BUSY,
    "Access to resource has been denied": ProblemCode.SCANNER_ACCESS_DENIED,
}
_END_OF_FILE = "End of file reached"
#: What sane_open() says about a device name nobody knows: "Invalid argument" the first time,
#: "Operation not supported" afterwards (the dll backend remembers the backend failed to load).
_UNKNOWN_DEVICE = frozenset({"Invalid argument", "Operation not supported"})

_init_lock = threading.Lock()
#: Holds True once sane_init() succeeded in this process.
_initialised: list[bool] = []


@dataclass(frozen=True)
class ScannerInfo:
    device: str  # what SaneScanner.open() takes, e.g. "fujitsu:fi-7160:12345"
    vendor: str
    model: str
    kind: str  # "sheetfed scanner", "flatbed scanner", "virtual device", ...

    @property
    def label(self) -> str:
        return f"{self.vendor} {self.model}".strip() or self.device


@dataclass(frozen=True)
class ScannerSettings:
    resolution_dpi: int = RESOLUTION_DPI
    #: Use the document feeder when the device has one; otherwise one sheet from the glass.
    feeder: bool = True
    #: Prefer a duplex feeder source (both sides, two images per sheet) when there is one.
    duplex: bool = False
    #: Backend options by python-sane name (dashes as underscores), set last, e.g.
    #: ``{"swdeskew": True}``; the pnm test backend takes ``{"filename": "x.ppm"}``.
    options: Mapping[str, Any] = field(default_factory=dict)
    #: A source by the device's name for it ("ADF Front", any case) or by kind ("ADF",
    #: "duplex", "flatbed"); empty: chosen by ``feeder`` and ``duplex``.
    source: str = ""


def parse_options(text: str) -> dict[str, str | int]:
    """Scanner options as ``name=value; name=value`` (python-sane names; numbers as numbers).
    Raises ValueError on a part without ``=``."""
    options: dict[str, str | int] = {}
    for part in (p.strip() for p in text.split(";")):
        if not part:
            continue
        name, equals, value = part.partition("=")
        if not equals or not name.strip():
            raise ValueError(part)
        value = value.strip()
        options[name.strip().replace("-", "_")] = int(value) if value.isdigit() else value
    return options


def settings_from_options(options: Mapping[str, str | int], duplex: bool = False,
                          ) -> ScannerSettings:
    """Settings from written options: ``source`` and ``resolution`` become the settings of
    that name (so ``source=ADF`` picks the feeder as the settings do), the rest stay backend
    options. Raises ValueError when the resolution is not a positive whole number."""
    rest = dict(options)
    source = str(rest.pop("source", ""))
    resolution = rest.pop("resolution", RESOLUTION_DPI)
    if not isinstance(resolution, int) or resolution < 1:
        raise ValueError(f"resolution={resolution}")
    return ScannerSettings(resolution_dpi=resolution, duplex=duplex, options=rest, source=source)


def load_sane() -> ModuleType:
    """python-sane, initialised once per process; AcquisitionError when it cannot be."""
    try:
        sane = importlib.import_module("sane")  # untyped; absent without the scanner extra
    except ImportError as error:
        raise AcquisitionError(AcquisitionProblem(
            ProblemCode.SCANNER_SUPPORT_MISSING, detail=str(error), ends_source=True)) from error
    with _init_lock:
        if not _initialised:
            try:
                sane.init()
            except Exception as error:
                raise AcquisitionError(AcquisitionProblem(
                    ProblemCode.SCANNER_INIT_FAILED, {"error": str(error)}, detail=str(error),
                    ends_source=True)) from error
            _initialised.append(True)
    return sane


def list_scanners() -> list[ScannerInfo]:
    """Every device SANE finds (network backends may take a few seconds)."""
    sane = load_sane()
    try:
        devices = sane.get_devices()
    except Exception as error:
        raise AcquisitionError(AcquisitionProblem(
            ProblemCode.SCANNER_INIT_FAILED, {"error": str(error)}, detail=str(error),
            ends_source=True)) from error
    return [ScannerInfo(str(name), str(vendor), str(model), str(kind))
            for name, vendor, model, kind in devices]


def _problem_code(error: Exception, default: ProblemCode) -> ProblemCode:
    return STATUS_TEXTS.get(str(error), default)


class SaneScanner:
    """One open device. ``with SaneScanner.open(name) as scanner: for item in scanner.sheets()``."""

    def __init__(self, device: str, handle: Any, settings: ScannerSettings) -> None:
        self.device = device
        self.settings = settings
        self._handle = handle
        #: The source chosen ("ADF Front", "Flatbed", ...), None when the device has no choice.
        self.source: str | None = None
        self.uses_feeder = False
        self.resolution_dpi: float | None = None
        #: Options that could not be set, with the reason: shown in the log, not fatal.
        self.refused: dict[str, str] = {}
        self._configure()

    @classmethod
    def open(cls, device: str, settings: ScannerSettings | None = None) -> SaneScanner:
        sane = load_sane()
        try:
            handle = sane.open(device)
        except Exception as error:
            code = _problem_code(error, ProblemCode.SCANNER_OPEN_FAILED)
            if str(error) in _UNKNOWN_DEVICE:
                code = ProblemCode.SCANNER_NOT_FOUND
            raise AcquisitionError(AcquisitionProblem(
                code, {"device": device, "error": str(error)}, detail=str(error),
                ends_source=True)) from error
        try:
            return cls(device, handle, settings or ScannerSettings())
        except BaseException:
            handle.close()
            raise

    def __enter__(self) -> SaneScanner:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        try:
            self._handle.cancel()
        except Exception:
            log.debug("cancel before close failed", exc_info=True)
        self._handle.close()

    def option_names(self) -> list[str]:
        return [name for name in self._handle.optlist if name]

    def set_option(self, name: str, value: Any) -> bool:
        """Set one option if the device has it active and settable; False (logged) if not."""
        option = self._handle.opt.get(name)
        if option is None:
            self.refused[name] = "no such option"
            return False
        if not (option.is_active() and option.is_settable()):
            self.refused[name] = "inactive or read-only"
            return False
        try:
            setattr(self._handle, name, value)
        except Exception as error:
            self.refused[name] = str(error)
            log.warning("%s: option %s=%r refused: %s", self.device, name, value, error)
            return False
        return True

    def _choices(self, name: str) -> list[Any]:
        option = self._handle.opt.get(name)
        constraint = getattr(option, "constraint", None)
        return list(constraint) if isinstance(constraint, list) else []

    def _configure(self) -> None:
        settings = self.settings
        sources = [str(s) for s in self._choices("source")]
        feeders = [s for s in sources if _FEEDER_SOURCE.search(s)]
        if settings.source:
            self._choose_source(settings.source, sources, feeders)
        elif settings.feeder and feeders:
            duplex = [s for s in feeders if _DUPLEX_SOURCE.search(s)]
            simplex = [s for s in feeders if s not in duplex]
            wanted = (duplex or simplex) if settings.duplex else (simplex or duplex)
            if self.set_option("source", wanted[0]):
                self.source, self.uses_feeder = wanted[0], True
        elif sources:
            plain = [s for s in sources if s not in feeders] or sources
            if self.set_option("source", plain[0]):
                self.source = plain[0]
        greys = [str(m) for m in self._choices("mode") if _GREY_MODE.search(str(m))]
        if greys:
            self.set_option("mode", greys[0])
        if BITS_PER_SAMPLE in self._choices("depth"):
            self.set_option("depth", BITS_PER_SAMPLE)
        self._set_resolution(settings.resolution_dpi)
        for name, value in settings.options.items():
            self.set_option(name, value)

    def _choose_source(self, wanted: str, sources: list[str], feeders: list[str]) -> None:
        """The source asked for by name or kind; AcquisitionError when the device has none."""
        word = wanted.strip().lower()
        if not sources and word in SOURCE_GLASS:
            return  # a device without a choice of source scans from its glass
        named = [s for s in sources if s.lower() == word]
        duplex = [s for s in feeders if _DUPLEX_SOURCE.search(s)]
        if named:
            matches = named
        elif word in SOURCE_FEEDER:
            matches = [s for s in feeders if s not in duplex] or feeders
        elif word in SOURCE_DUPLEX:
            matches = duplex
        elif word in SOURCE_GLASS:
            matches = [s for s in sources if s not in feeders]
        else:
            matches = []
        if not matches:
            raise AcquisitionError(AcquisitionProblem(
                ProblemCode.SCANNER_SOURCE_UNKNOWN,
                {"device": self.device, "source": wanted, "sources": ", ".join(sources) or "-"},
                detail=wanted, ends_source=True))
        if self.set_option("source", matches[0]):
            self.source = matches[0]
            self.uses_feeder = matches[0] in feeders

    def _set_resolution(self, dpi: int) -> None:
        option = self._handle.opt.get("resolution")
        if option is None:
            return
        constraint = option.constraint
        target: float = dpi
        if isinstance(constraint, list) and constraint:
            target = min((float(c) for c in constraint if isinstance(c, int | float)),
                         key=lambda c: (abs(c - dpi), -c), default=float(dpi))
        elif isinstance(constraint, tuple) and len(constraint) == 3:
            low, high, _step = constraint
            target = min(max(float(dpi), float(low)), float(high))
        value: float | int = int(target) if option.type == _sane_type("TYPE_INT") else target
        if self.set_option("resolution", value):
            try:
                self.resolution_dpi = float(self._handle.resolution)
            except Exception:
                self.resolution_dpi = float(value)

    def sheets(self, cancel: Cancel = never_cancel) -> Iterator[Acquired]:
        """Sheet after sheet until the feeder is empty (one sheet without a feeder)."""
        session = session_stamp()
        sheet = 0
        while not cancel():
            sheet += 1
            origin = ScannerOrigin(self.device, sheet, session)
            try:
                self._handle.start()
                # no_cancel: between feeder pages, sane_cancel() would end the batch.
                data, width, height, samples, sample_bytes = self._handle.dev.snap(True, True,
                                                                                   None)
            except Exception as error:
                yield from self._stopped(error, origin, scanned=sheet - 1)
                return
            image = _to_image(data, width, height, samples, sample_bytes)
            if image is None:
                yield AcquisitionProblem(
                    ProblemCode.SCANNER_BAD_IMAGE,
                    {"sheet": sheet, "error": f"{width}x{height}x{samples}"}, origin,
                    f"{len(data)} bytes, {samples} samples of {sample_bytes} bytes")
            else:
                yield encoded_image(origin, image, PNG_MEDIA_TYPE, self.resolution_dpi)
            if not self.uses_feeder:
                return

    def _stopped(self, error: Exception, origin: ScannerOrigin,
                 scanned: int) -> Iterator[Acquired]:
        text = str(error)
        code = _problem_code(error, ProblemCode.SCANNER_FAILED)
        if code is ProblemCode.FEEDER_EMPTY or (text == _END_OF_FILE and scanned > 0):
            if scanned == 0:  # nothing was loaded: worth saying; after a batch it is the end
                yield AcquisitionProblem(code, {"device": self.device}, origin, text,
                                         ends_source=True)
            return
        params: dict[str, str | int] = {"device": self.device, "sheet": origin.sheet,
                                        "scanned": scanned, "error": text}
        yield AcquisitionProblem(code, params, origin, text, ends_source=True)


def _sane_type(name: str) -> int:
    return int(getattr(importlib.import_module("_sane"), name))


def _to_image(data: bytes | bytearray, width: int, height: int, samples: int,
              sample_bytes: int) -> Image | None:
    """python-sane's raw buffer as 8-bit grey or BGR; None when it makes no image."""
    dtype = {1: np.uint8, 2: np.uint16}.get(sample_bytes)
    if dtype is None or samples not in (1, 3) or width <= 0 or height <= 0:
        return None
    pixels = np.frombuffer(data, dtype)
    if pixels.size != width * height * samples:
        return None
    pixels = pixels.reshape(height, width, samples)
    if dtype is np.uint16:
        pixels = pixels >> 8
    if samples == 1:
        return np.ascontiguousarray(pixels[:, :, 0], dtype=np.uint8)
    return np.ascontiguousarray(pixels[:, :, ::-1], dtype=np.uint8)  # RGB -> BGR


def scan_sheets(device: str, settings: ScannerSettings | None = None,
                cancel: Cancel = never_cancel) -> Iterator[Acquired]:
    """Open ``device``, yield its sheets, close it; failing to open is one problem."""
    try:
        scanner = SaneScanner.open(device, settings)
    except AcquisitionError as error:
        yield error.problem
        return
    with scanner:
        yield from scanner.sheets(cancel)
