"""Ballots: layout engine, QR payload codec and PDF output. No Qt, no database.

The database side (boxes, batches, stored layout versions) builds a :class:`BallotSpec` from the
registry, calls :func:`build_layout`, compares :attr:`Layout.fingerprint` with the stored
version's, and prints with :func:`render_batch`.
"""

from desktop.core.ballots.compose import build_layout
from desktop.core.ballots.keys import BallotKeys
from desktop.core.ballots.model import (
    Layout,
    Line,
    Page,
    PhotoItem,
    QrRegion,
    RegistrationMark,
    SerialSlot,
    Target,
    TextItem,
)
from desktop.core.ballots.payload import (
    FORMAT_VERSION,
    ForeignCampaignError,
    ForgedPayloadError,
    KeyLookup,
    KeyNotHeldError,
    MalformedPayloadError,
    Payload,
    PayloadError,
    UnsupportedFormatError,
    box_key,
    decode_payload,
    encode_payload,
)
from desktop.core.ballots.pdf import (
    RenderCancelledError,
    RenderResult,
    render_batch,
    render_preview,
)
from desktop.core.ballots.spec import (
    PAPER_SIZES_MM,
    BallotSpec,
    CandidateSpec,
    CategorySpec,
)
from desktop.core.ballots.texts import MissingGlyphsError
from desktop.core.enums import Paper

__all__ = [
    "FORMAT_VERSION", "PAPER_SIZES_MM", "BallotKeys", "BallotSpec", "CandidateSpec", "CategorySpec",
    "ForeignCampaignError", "ForgedPayloadError", "KeyLookup", "KeyNotHeldError", "Layout",
    "Line", "MalformedPayloadError",
    "MissingGlyphsError", "Page", "Paper", "Payload", "PayloadError", "PhotoItem",
    "QrRegion", "RegistrationMark", "RenderCancelledError", "RenderResult", "SerialSlot",
    "Target", "TextItem", "UnsupportedFormatError", "box_key", "build_layout", "decode_payload",
    "encode_payload", "render_batch", "render_preview",
]
