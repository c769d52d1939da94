"""Candidate photos: any common image format in, a normalised JPEG and a thumbnail out."""

from __future__ import annotations

import hashlib
import io
from dataclasses import dataclass

from PIL import Image, ImageOps, UnidentifiedImageError

#: Longest edge kept of a photo: enough for a printed ballot thumbnail and the 公示 notice.
PHOTO_MAX_EDGE_PX = 1200
#: Longest edge of the thumbnail shown in tables.
THUMBNAIL_EDGE_PX = 96
JPEG_QUALITY = 88
#: File name filter for open dialogs: what Pillow reads in every install.
PHOTO_SUFFIXES = (".jpg", ".jpeg", ".png", ".bmp", ".gif", ".tif", ".tiff", ".webp")


class PhotoError(ValueError):
    """The bytes are not an image Pillow can decode."""


@dataclass(frozen=True)
class NormalisedPhoto:
    image: bytes
    thumbnail: bytes
    sha256: str


def _jpeg(image: Image.Image) -> bytes:
    out = io.BytesIO()
    image.save(out, "JPEG", quality=JPEG_QUALITY, optimize=True)
    return out.getvalue()


def normalise_photo(data: bytes) -> NormalisedPhoto:
    """Decode, honour the camera's EXIF rotation, shrink, and re-encode as JPEG."""
    try:
        with Image.open(io.BytesIO(data)) as opened:
            opened.load()
            image = ImageOps.exif_transpose(opened).convert("RGB")
    except (UnidentifiedImageError, OSError, ValueError, Image.DecompressionBombError) as exc:
        raise PhotoError(str(exc)) from exc
    image.thumbnail((PHOTO_MAX_EDGE_PX, PHOTO_MAX_EDGE_PX))
    full = _jpeg(image)
    image.thumbnail((THUMBNAIL_EDGE_PX, THUMBNAIL_EDGE_PX))
    return NormalisedPhoto(full, _jpeg(image), hashlib.sha256(full).hexdigest())
