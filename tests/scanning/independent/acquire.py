"""How a marked sheet becomes an image file: an office scanner or a document camera.

Every acquisition returns the image and the 3 × 3 matrix taking paper pixels (``PAPER_DPI``) to
image pixels, so the truth can say what lies on the image (registration marks, QR code, boxes).
The settings are drawn first (:func:`choose`): they decide which pens and doubtful marks the
sheet may carry (a 1-bit thresholded scan wipes out light pencil, and then nobody could read it).
:func:`acquire` takes the marked sheet and the same sheet blank through the device with the same
random state, and :func:`encode` gives the bytes the device writes and the pixels they decode to:
the difference of the two decoded images is exactly what the marks left on the image.
"""

from __future__ import annotations

import io
import math
import random
from dataclasses import dataclass, field
from typing import Any

import cv2
import numpy as np
from PIL import Image as PilImage

from tests.scanning.independent.ballot import MM_PER_INCH, PAPER_DPI, PX_PER_MM

SCANNER_DPIS = ((150, 0.25), (200, 0.35), (300, 0.4))
SCANNER_FORMATS = (("jpeg-gray", 0.3), ("png-gray", 0.08), ("jpeg-colour", 0.2),
                   ("tiff-1bit", 0.12), ("tiff-dither", 0.08), ("pdf-jpeg", 0.22))
#: Skew (degrees, absolute) buckets: most feeds are nearly straight, a few are badly skewed.
SKEW_BUCKETS_DEG = (((0.0, 2.0), 0.7), ((2.0, 6.0), 0.25), ((6.0, 10.0), 0.05))
UPSIDE_DOWN_SHARE = 0.15
#: Scans whose edge touches or cuts a registration mark.
EDGE_CUT_SHARE = 0.15
SCAN_MARGIN_MM = (1.0, 12.0)
THRESHOLD_LEVELS = (135, 175)
#: A halftone scan maps this percentile of the page's levels (the paper) to white.
DITHER_WHITE_PERCENTILE = 80
CAMERA_FRAMES = (((1920, 1080), 0.3), ((2592, 1944), 0.25), ((3264, 2448), 0.25),
                 ((4000, 3000), 0.2))
#: Page height as a share of the frame's short side.
CAMERA_PAGE_SHARE = (0.72, 0.97)
PAGE_HEIGHT_MM = 297.0
CAMERA_TILT_SHARE = 0.045  # corner displacement (perspective) as a share of the page height
CAMERA_ROLL_DEG = 12.0
CORNER_OUT_SHARE = 0.2
CORNER_OUT_MM = (2.0, 22.0)
CAMERA_FORMATS = (("jpeg-colour", 0.6), ("png-colour", 0.2), ("jpeg-gray", 0.2))
TABLES_BGR = ((62, 98, 140), (92, 92, 92), (42, 42, 48), (196, 200, 200), (120, 140, 150))
BAYER_8 = np.array([[0, 32, 8, 40, 2, 34, 10, 42], [48, 16, 56, 24, 50, 18, 58, 26],
                    [12, 44, 4, 36, 14, 46, 6, 38], [60, 28, 52, 20, 62, 30, 54, 22],
                    [3, 35, 11, 43, 1, 33, 9, 41], [51, 19, 59, 27, 49, 17, 57, 25],
                    [15, 47, 7, 39, 13, 45, 5, 37], [63, 31, 55, 23, 61, 29, 53, 21]],
                   np.float32) / 64.0


def _weighted(rng: random.Random, options: tuple[tuple[Any, float], ...]) -> Any:
    return rng.choices([o for o, _ in options], [w for _, w in options])[0]


@dataclass
class Settings:
    device: str  # "scanner" or "camera"
    fmt: str
    values: dict[str, Any] = field(default_factory=dict)

    @property
    def one_bit_threshold(self) -> bool:
        return self.fmt == "tiff-1bit"

    @property
    def subsets(self) -> list[str]:
        tags = [self.device]
        if self.fmt.startswith("tiff"):
            tags.append("1-bit")
        if "colour" in self.fmt:
            tags.append("colour")
        if self.fmt.startswith("pdf"):
            tags.append("pdf")
        return tags

    @property
    def px_per_mm(self) -> float:
        """Image pixels per page millimetre (roughly, for a camera)."""
        if self.device == "scanner":
            return float(self.values["dpi"]) / MM_PER_INCH
        return float(self.values["page_share"] * self.values["frame"][1]) / PAGE_HEIGHT_MM

    @property
    def suffix(self) -> str:
        return {"jpeg": ".jpg", "png": ".png", "tiff": ".tif", "pdf": ".pdf"}[
            self.fmt.split("-")[0]]


def choose(device: str, rng: random.Random) -> Settings:
    if device == "scanner":
        low, high = _weighted(rng, SKEW_BUCKETS_DEG)
        v: dict[str, Any] = {
            "dpi": _weighted(rng, SCANNER_DPIS),
            "skew_deg": round(rng.choice((-1, 1)) * rng.uniform(low, high), 2),
            "upside_down": rng.random() < UPSIDE_DOWN_SHARE,
            "edge_cut": rng.choice(("left", "right", "top", "bottom"))
            if rng.random() < EDGE_CUT_SHARE else None,
            "blur_px": round(rng.uniform(0.0, 1.0), 2),
            "noise": round(rng.uniform(0.5, 4.0), 2),
            "tint": round(rng.uniform(0.86, 1.0), 3),
            "quality": rng.randint(55, 92),
            "threshold": rng.randint(*THRESHOLD_LEVELS),
            "lid": rng.choice((246, 238, 226, 40)) if rng.random() < 0.3 else 246,
        }
        return Settings(device, _weighted(rng, SCANNER_FORMATS), v)
    width, height = _weighted(rng, CAMERA_FRAMES)
    v = {
        "frame": [width, height],
        "page_share": round(rng.uniform(*CAMERA_PAGE_SHARE), 3),
        "roll_deg": round(rng.uniform(-CAMERA_ROLL_DEG, CAMERA_ROLL_DEG)
                          + (180 if rng.random() < UPSIDE_DOWN_SHARE else 0), 2),
        "corner_out": rng.randrange(4) if rng.random() < CORNER_OUT_SHARE else None,
        "blur_px": round(rng.uniform(0.3, 0.9) * width / 1920, 2),
        "noise": round(rng.uniform(1.5, 6.0), 2),
        "tint": round(rng.uniform(0.85, 1.0), 3),
        "quality": rng.randint(72, 93),
        "shadow": rng.random() < 0.6,
        "table": rng.randrange(len(TABLES_BGR)),
    }
    return Settings("camera", _weighted(rng, CAMERA_FORMATS), v)


def _tinted(paper: np.ndarray, tint: float) -> np.ndarray:
    """Paper that is not quite white: a little darker, a little yellow."""
    return cv2.multiply(paper, (tint * 0.96, tint * 0.985, tint, 0), dtype=cv2.CV_8U)


def _finish(image: np.ndarray, blur_px: float, noise: float, rng: random.Random) -> np.ndarray:
    """Lens or sensor blur, then sensor noise (the same on every channel, as a luminance)."""
    out = cv2.GaussianBlur(image, (0, 0), blur_px) if blur_px > 0.05 else image
    cv2.setRNGSeed(rng.getrandbits(31))
    grain = np.empty(out.shape[:2], np.int16)
    cv2.randn(grain, 0, noise)
    if out.ndim == 3:
        grain = cv2.merge([grain, grain, grain])
    return cv2.add(out, grain, dtype=cv2.CV_8U)


def acquire(paper: np.ndarray, blank: np.ndarray, settings: Settings, rng: random.Random
            ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The marked sheet ``paper`` and the same sheet ``blank`` through the device with the same
    random state (placement, light, blur, noise); (image, blank image, matrix). ``rng`` ends as
    after one acquisition. A 1-bit halftone's white point is set on the blank sheet's paper for
    both, so that a mark changes the image only where it lies."""
    shoot = _scan if settings.device == "scanner" else photograph
    state = rng.getstate()
    image, matrix = shoot(paper, settings, rng)
    after = rng.getstate()
    rng.setstate(state)
    plain, _ = shoot(blank, settings, rng)
    assert rng.getstate() == after
    if settings.fmt == "tiff-1bit":
        return image > settings.values["threshold"], plain > settings.values["threshold"], matrix
    if settings.fmt == "tiff-dither":  # the scanner sets its white point on the paper first
        white = float(np.percentile(plain[::8, ::8], DITHER_WHITE_PERCENTILE))
        return _dither(image, white), _dither(plain, white), matrix
    return image, plain, matrix


def _dither(image: np.ndarray, white: float) -> np.ndarray:
    image = cv2.convertScaleAbs(image, alpha=255.0 / max(white, 1.0))
    reps = (image.shape[0] // 8 + 1, image.shape[1] // 8 + 1)
    bayer = np.tile(BAYER_8, reps)[:image.shape[0], :image.shape[1]]
    return image.astype(np.float32) / 255.0 > bayer


def _scan(paper: np.ndarray, settings: Settings, rng: random.Random) -> tuple[np.ndarray,
                                                                              np.ndarray]:
    """A flatbed or feeder scan: rotated, shifted, maybe cut by the edge; (image before any
    1-bit step, matrix)."""
    v = settings.values
    scale = v["dpi"] / PAPER_DPI
    small = _tinted(cv2.resize(paper, None, fx=scale, fy=scale, interpolation=cv2.INTER_AREA),
                    v["tint"])
    angle = v["skew_deg"] + (180.0 if v["upside_down"] else 0.0)
    h, w = small.shape[:2]
    rot = cv2.getRotationMatrix2D((w / 2, h / 2), angle, 1.0)
    rotate = np.vstack([rot, [0, 0, 1]]) @ np.diag([scale, scale, 1.0])
    corners = _apply(rotate, [(0, 0), (paper.shape[1], 0), (0, paper.shape[0]),
                              (paper.shape[1], paper.shape[0])])
    px_mm = v["dpi"] / MM_PER_INCH
    lo = corners.min(axis=0) - [rng.uniform(*SCAN_MARGIN_MM) * px_mm for _ in range(2)]
    hi = corners.max(axis=0) + [rng.uniform(*SCAN_MARGIN_MM) * px_mm for _ in range(2)]
    if v["edge_cut"]:
        lo, hi = _cut_at_mark(rotate, paper.shape, v["edge_cut"], lo, hi, rng)
    move = np.array([[1, 0, -lo[0]], [0, 1, -lo[1]], [0, 0, 1]], np.float64)
    matrix = move @ rotate
    size = (int(hi[0] - lo[0]), int(hi[1] - lo[1]))
    lid = v["lid"]
    warped = cv2.warpAffine(small, (move @ np.vstack([rot, [0, 0, 1]]))[:2], size,
                            flags=cv2.INTER_LINEAR, borderMode=cv2.BORDER_CONSTANT,
                            borderValue=(lid, lid, lid))
    image = _finish(warped, v["blur_px"], v["noise"], rng)
    if "colour" not in settings.fmt:
        image = cv2.cvtColor(image, cv2.COLOR_BGR2GRAY)
    return image, matrix


def _cut_at_mark(rotate: np.ndarray, shape: tuple[int, ...], side: str, lo: np.ndarray,
                 hi: np.ndarray, rng: random.Random) -> tuple[np.ndarray, np.ndarray]:
    """Move the image's ``side`` edge so that it touches or cuts the outermost mark there."""
    from tests.scanning.independent.ballot import layout

    axis = 0 if side in ("left", "right") else 1
    sign = -1 if side in ("left", "top") else 1
    best: tuple[float, float] | None = None
    for mark in layout().registration_marks:
        x, y, w, h = mark.box_mm
        pts = _apply(rotate, [(px * PX_PER_MM, py * PX_PER_MM) for px, py in
                              ((x, y), (x + w, y), (x, y + h), (x + w, y + h))])[:, axis]
        outer, inner = (pts.min(), pts.max()) if sign < 0 else (pts.max(), pts.min())
        if best is None or sign * outer > sign * best[0]:
            best = (float(outer), float(inner))
    assert best is not None
    outer, inner = best
    edge = outer + rng.uniform(-0.12, 0.55) * (inner - outer)  # just outside up to half cut
    lo, hi = lo.copy(), hi.copy()
    if sign < 0:
        lo[axis] = edge
    else:
        hi[axis] = edge
    return lo, hi


def _apply(matrix: np.ndarray, points: list[tuple[float, float]]) -> np.ndarray:
    pts = np.asarray(points, np.float64).reshape(-1, 1, 2)
    return cv2.perspectiveTransform(pts, matrix).reshape(-1, 2)


def photograph(paper: np.ndarray, settings: Settings, rng: random.Random
               ) -> tuple[np.ndarray, np.ndarray]:
    """A document-camera photo: the sheet on a table, in perspective, under uneven light."""
    v = settings.values
    frame_w, frame_h = v["frame"]
    page_h, page_w = paper.shape[:2]
    height_px = v["page_share"] * frame_h
    scale = height_px / page_h
    small = _tinted(cv2.resize(paper, None, fx=scale * 1.15, fy=scale * 1.15,
                               interpolation=cv2.INTER_AREA), v["tint"])
    src_scale = np.diag([scale * 1.15, scale * 1.15, 1.0])
    half = np.array([page_w * scale / 2, page_h * scale / 2])
    roll = math.radians(v["roll_deg"])
    rot = np.array([[math.cos(roll), -math.sin(roll)], [math.sin(roll), math.cos(roll)]])
    centre = np.array([frame_w / 2 + rng.uniform(-0.08, 0.08) * frame_h,
                       frame_h / 2 + rng.uniform(-0.02, 0.02) * frame_h])
    unit = [(-1, -1), (1, -1), (1, 1), (-1, 1)]
    tilt = CAMERA_TILT_SHARE * height_px
    dest = np.array([centre + rot @ (half * u) + [rng.uniform(-tilt, tilt) for _ in range(2)]
                     for u in unit])
    if v["corner_out"] is not None:
        dest = _push_corner_out(dest, v["corner_out"], frame_w, frame_h, scale * PX_PER_MM, rng)
    src = np.array([(0, 0), (page_w, 0), (page_w, page_h), (0, page_h)], np.float64)
    matrix = cv2.getPerspectiveTransform(src.astype(np.float32), dest.astype(np.float32))
    to_small = np.linalg.inv(src_scale)
    warp = matrix.astype(np.float64) @ to_small
    scene = _table(frame_w, frame_h, TABLES_BGR[v["table"]], rng)
    cv2.warpPerspective(small, warp, (frame_w, frame_h), dst=scene, flags=cv2.INTER_LINEAR,
                        borderMode=cv2.BORDER_TRANSPARENT)
    gain = _light(frame_w, frame_h, v["shadow"], rng)
    scene = cv2.multiply(scene, cv2.merge([gain, gain, gain]), dtype=cv2.CV_8U, scale=1.0)
    image = _finish(scene, v["blur_px"], v["noise"], rng)
    if settings.fmt == "jpeg-gray":
        image = cv2.cvtColor(image, cv2.COLOR_BGR2GRAY)
    return image, matrix.astype(np.float64)


def _push_corner_out(dest: np.ndarray, corner: int, frame_w: int, frame_h: int,
                     px_per_mm: float, rng: random.Random) -> np.ndarray:
    """Shift the page so that page corner ``corner`` lies outside the frame."""
    x, y = dest[corner]
    out = rng.uniform(*CORNER_OUT_MM) * px_per_mm
    shifts = [(-x - out, 0.0), (frame_w - x + out, 0.0), (0.0, -y - out), (0.0, frame_h - y + out)]
    shift = min(shifts, key=lambda s: abs(s[0]) + abs(s[1]))
    return dest + np.array(shift)


#: The table and the light are drawn this many times smaller, then enlarged (they are smooth).
SMOOTH_SCALE = 8


def _table(width: int, height: int, bgr: tuple[int, int, int], rng: random.Random
           ) -> np.ndarray:
    gen = np.random.default_rng(rng.getrandbits(32))
    h, w = height // SMOOTH_SCALE + 1, width // SMOOTH_SCALE + 1
    low = cv2.resize(gen.normal(0, 1, (h // 8 + 2, w // 8 + 2)).astype(np.float32), (w, h),
                     interpolation=cv2.INTER_CUBIC)
    streaks = cv2.resize(gen.normal(0, 1, (h, 8)).astype(np.float32), (w, h))
    texture = 1.0 + 0.06 * low + 0.04 * streaks
    small = np.clip(np.asarray(bgr, np.float32)[None, None, :] * texture[..., None], 0, 255)
    return cv2.resize(small.astype(np.uint8), (width, height), interpolation=cv2.INTER_LINEAR)


def _light(width: int, height: int, shadow: bool, rng: random.Random) -> np.ndarray:
    """Gain over the frame: a tilt of the light, a vignette, maybe a soft shadow (an arm)."""
    h, w = height // SMOOTH_SCALE + 1, width // SMOOTH_SCALE + 1
    ys, xs = np.mgrid[0:h, 0:w].astype(np.float32)
    xs, ys = xs / w - 0.5, ys / h - 0.5
    gain = (rng.uniform(0.85, 1.05) + rng.uniform(-0.25, 0.25) * xs
            + rng.uniform(-0.25, 0.25) * ys - rng.uniform(0.1, 0.35) * (xs * xs + ys * ys))
    if shadow:
        angle = rng.uniform(0, 2 * math.pi)
        offset = rng.uniform(0.15, 0.45)
        side = xs * math.cos(angle) + ys * math.sin(angle) - offset
        softness = rng.uniform(0.02, 0.08)
        gain *= 1.0 - rng.uniform(0.25, 0.45) * (1.0 / (1.0 + np.exp(-side / softness)))
    gain = np.clip(gain, 0.35, 1.15).astype(np.float32)
    return cv2.resize(gain, (width, height), interpolation=cv2.INTER_LINEAR)


def encode(image: np.ndarray, settings: Settings) -> tuple[bytes, np.ndarray]:
    """The file as the device writes it (JPEG/PNG, 1-bit TIFF (CCITT G4), a JPEG page inside a
    PDF) and the pixels a reader decodes from it (8-bit; 0/255 for 1-bit)."""
    v = settings.values
    fmt = settings.fmt
    if fmt.startswith("tiff"):
        out = io.BytesIO()
        PilImage.fromarray(image).convert("1").save(out, format="TIFF", compression="group4",
                                                    dpi=(v["dpi"], v["dpi"]))
        return out.getvalue(), np.where(image, 255, 0).astype(np.uint8)
    if fmt.startswith("png"):
        ok, data = cv2.imencode(".png", image, [cv2.IMWRITE_PNG_COMPRESSION, 1])
        assert ok
        return data.tobytes(), image
    ok, data = cv2.imencode(".jpg", image, [cv2.IMWRITE_JPEG_QUALITY, v["quality"]])
    assert ok
    pixels = cv2.imdecode(data, cv2.IMREAD_UNCHANGED)
    if fmt.startswith("pdf"):
        return jpeg_page_pdf(data.tobytes(), image.shape[1], image.shape[0], image.ndim == 3,
                             v["dpi"]), pixels
    return data.tobytes(), pixels


def jpeg_page_pdf(jpeg: bytes, width: int, height: int, colour: bool, dpi: int) -> bytes:
    """A one-page PDF holding one JPEG image, the way scan-to-folder writes it."""
    w_pt, h_pt = width * 72 / dpi, height * 72 / dpi
    content = f"q {w_pt:.2f} 0 0 {h_pt:.2f} 0 0 cm /Im0 Do Q".encode()
    space = "/DeviceRGB" if colour else "/DeviceGray"
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 {w_pt:.2f} {h_pt:.2f}] "
        f"/Resources << /XObject << /Im0 4 0 R >> >> /Contents 5 0 R >>".encode(),
        f"<< /Type /XObject /Subtype /Image /Width {width} /Height {height} "
        f"/ColorSpace {space} /BitsPerComponent 8 /Filter /DCTDecode "
        f"/Length {len(jpeg)} >>\nstream\n".encode() + jpeg + b"\nendstream",
        f"<< /Length {len(content)} >>\nstream\n".encode() + content + b"\nendstream",
    ]
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += f"{number} 0 obj\n".encode() + body + b"\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    out += b"".join(f"{o:010d} 00000 n \n".encode() for o in offsets)
    out += f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n"\
        .encode()
    return bytes(out)
