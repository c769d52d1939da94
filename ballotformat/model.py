"""The frozen layout: everything printed on each page and where, in mm from the TOP-LEFT.

A :class:`Layout` is what gets stored as a layout version and what the scanner reads: its JSON
(:meth:`Layout.to_json`) carries the targets, registration marks and QR region, and also every
static text and line, so a stored version can be printed again exactly as it was.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from types import MappingProxyType
from typing import Any

Box = tuple[float, float, float, float]  # x, y, width, height in mm from the top-left corner

#: Coordinates are rounded to 1/100 mm so the JSON (and the fingerprint) is stable.
MM_DIGITS = 2


def mm(value: float) -> float:
    return round(value, MM_DIGITS)


def _box(values: Any) -> Box:
    x, y, w, h = (float(v) for v in values)
    return (x, y, w, h)


@dataclass(frozen=True)
class Target:
    """A box to mark beside one candidate."""

    category: str
    candidate: str
    name: str
    box_mm: Box


@dataclass(frozen=True)
class TextItem:
    """One run of text; ``x_mm`` is its left end, ``baseline_mm`` its baseline from the top."""

    text: str
    x_mm: float
    baseline_mm: float
    size_pt: float
    width_mm: float
    #: What the text is (title, instructions, heading, number, name, unit, page...).
    role: str
    bold: bool = False

    @property
    def bbox_mm(self) -> Box:
        """The ink box: ascent and descent of the ballot font, measured width."""
        from ballotformat.fonts import FONT_ASCENT, FONT_DESCENT, PT_MM

        height_mm = self.size_pt * PT_MM
        top = self.baseline_mm - FONT_ASCENT * height_mm
        return (self.x_mm, top, self.width_mm, (FONT_ASCENT + FONT_DESCENT) * height_mm)


@dataclass(frozen=True)
class Line:
    x1_mm: float
    y1_mm: float
    x2_mm: float
    y2_mm: float
    width_mm: float


@dataclass(frozen=True)
class PhotoItem:
    sha256: str
    box_mm: Box


@dataclass(frozen=True)
class RegistrationMark:
    """A solid black square; ``corner`` is tl/tr/bl/br. The tl one is larger (orientation)."""

    corner: str
    box_mm: Box


@dataclass(frozen=True)
class QrRegion:
    """Where the QR code goes: ``box_mm`` includes the quiet zone."""

    box_mm: Box
    module_mm: float
    version: int
    error_level: str
    modules: int
    quiet_zone_modules: int

    @property
    def symbol_box_mm(self) -> Box:
        """The dark-module area: ``box_mm`` without the quiet zone."""
        x, y, w, h = self.box_mm
        quiet = self.quiet_zone_modules * self.module_mm
        return (mm(x + quiet), mm(y + quiet), mm(w - 2 * quiet), mm(h - 2 * quiet))


@dataclass(frozen=True)
class SerialSlot:
    """Where the human-readable serial goes: centred on ``center_x_mm``."""

    center_x_mm: float
    baseline_mm: float
    size_pt: float
    #: ``str.format`` template with ``{serial}``.
    template: str


@dataclass(frozen=True)
class Page:
    page: int
    targets: tuple[Target, ...]
    texts: tuple[TextItem, ...]
    lines: tuple[Line, ...] = ()
    photos: tuple[PhotoItem, ...] = ()


@dataclass(frozen=True)
class Layout:
    layout_version: int
    campaign_id: int
    page_size_mm: tuple[float, float]
    #: Category names and their maximum marks, in ballot order.
    categories: tuple[tuple[str, int], ...]
    registration_marks: tuple[RegistrationMark, ...]
    qr: QrRegion
    serial: SerialSlot
    pages: tuple[Page, ...]
    #: JPEG bytes of the photos by SHA-256; not part of the JSON (the registry keeps them).
    photo_jpegs: Mapping[str, bytes] = field(
        default_factory=lambda: MappingProxyType({}), repr=False, compare=False
    )
    #: The campaign round it is printed for. In the JSON only after the first round: a layout
    #: stored before rounds existed (no such key) is the first round's, and a first round's
    #: layout, its JSON and fingerprint are what they always were.
    round: int = 1

    @property
    def max_marks(self) -> dict[str, int]:
        return dict(self.categories)

    @property
    def page_count(self) -> int:
        return len(self.pages)

    @property
    def fingerprint(self) -> str:
        """SHA-256 of what is printed and where (the layout version itself left out)."""
        content = self.to_dict()
        del content["layout_version"]
        canonical = json.dumps(content, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
        return hashlib.sha256(canonical.encode("utf-8")).hexdigest()

    @property
    def reading_fingerprint(self) -> str:
        """SHA-256 of what reading a ballot relies on: the paper, the categories and their
        limits, every target (category, candidate, name, box), the marks and the QR code; not
        the words around them. Two layouts with the same one read alike: ballots whose
        instructions are in another language are the same version."""
        content = self.to_dict()
        for key in ("layout_version", "serial"):
            del content[key]
        content["pages"] = [{"page": p["page"], "targets": p["targets"]}
                            for p in content["pages"]]
        canonical = json.dumps(content, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
        return hashlib.sha256(canonical.encode("utf-8")).hexdigest()

    def with_version(self, layout_version: int) -> Layout:
        return replace(self, layout_version=layout_version)

    def to_dict(self) -> dict[str, Any]:
        return {
            "layout_version": self.layout_version,
            "page_size_mm": list(self.page_size_mm),
            "max_marks": self.max_marks,
            "pages": [
                {
                    "page": p.page,
                    "targets": [
                        {"category": t.category, "candidate": t.candidate, "name": t.name,
                         "box_mm": list(t.box_mm)}
                        for t in p.targets
                    ],
                    "texts": [
                        {"text": t.text, "x_mm": t.x_mm, "baseline_mm": t.baseline_mm,
                         "size_pt": t.size_pt, "width_mm": t.width_mm, "role": t.role,
                         "bold": t.bold}
                        for t in p.texts
                    ],
                    "lines": [[ln.x1_mm, ln.y1_mm, ln.x2_mm, ln.y2_mm, ln.width_mm]
                              for ln in p.lines],
                    "photos": [{"sha256": ph.sha256, "box_mm": list(ph.box_mm)}
                               for ph in p.photos],
                }
                for p in self.pages
            ],
            "campaign_id": self.campaign_id,
            "registration_marks": [
                {"corner": m.corner, "box_mm": list(m.box_mm)} for m in self.registration_marks
            ],
            "qr": {
                "box_mm": list(self.qr.box_mm), "module_mm": self.qr.module_mm,
                "version": self.qr.version, "error_level": self.qr.error_level,
                "modules": self.qr.modules, "quiet_zone_modules": self.qr.quiet_zone_modules,
            },
            "serial": {
                "center_x_mm": self.serial.center_x_mm, "baseline_mm": self.serial.baseline_mm,
                "size_pt": self.serial.size_pt, "template": self.serial.template,
            },
        } | ({"round": self.round} if self.round != 1 else {})

    def to_json(self) -> str:
        return json.dumps(self.to_dict(), ensure_ascii=False)

    @classmethod
    def from_json(cls, text: str, photo_jpegs: Mapping[str, bytes] | None = None) -> Layout:
        data = json.loads(text)
        qr, serial = data["qr"], data["serial"]
        return cls(
            layout_version=int(data["layout_version"]),
            campaign_id=int(data["campaign_id"]),
            page_size_mm=(float(data["page_size_mm"][0]), float(data["page_size_mm"][1])),
            categories=tuple((str(k), int(v)) for k, v in data["max_marks"].items()),
            registration_marks=tuple(
                RegistrationMark(m["corner"], _box(m["box_mm"]))
                for m in data["registration_marks"]
            ),
            qr=QrRegion(_box(qr["box_mm"]), float(qr["module_mm"]), int(qr["version"]),
                        str(qr["error_level"]), int(qr["modules"]),
                        int(qr["quiet_zone_modules"])),
            serial=SerialSlot(float(serial["center_x_mm"]), float(serial["baseline_mm"]),
                              float(serial["size_pt"]), str(serial["template"])),
            pages=tuple(
                Page(
                    page=int(p["page"]),
                    targets=tuple(Target(t["category"], t["candidate"], t["name"],
                                         _box(t["box_mm"])) for t in p["targets"]),
                    texts=tuple(TextItem(t["text"], float(t["x_mm"]), float(t["baseline_mm"]),
                                         float(t["size_pt"]), float(t["width_mm"]), t["role"],
                                         bool(t["bold"])) for t in p.get("texts", ())),
                    lines=tuple(Line(*(float(v) for v in ln)) for ln in p.get("lines", ())),
                    photos=tuple(PhotoItem(ph["sha256"], _box(ph["box_mm"]))
                                 for ph in p.get("photos", ())),
                )
                for p in data["pages"]
            ),
            photo_jpegs=MappingProxyType(dict(photo_jpegs or {})),
            round=int(data.get("round", 1)),
        )
