"""The ballot format: layout engine, QR payload codec and PDF output. No Qt, no database.

The bottom layer: the printing side of the core and the reader (``scanning``) both import it,
and it imports neither (docs/architecture.md). Besides the ballot it holds what the ballot
needs of the application: the font file, the ``resources/`` folder and the message catalogue.

The database side (boxes, batches, stored layout versions) builds a :class:`BallotSpec` from the
registry, calls :func:`build_layout`, compares :attr:`Layout.fingerprint` with the stored
version's, and prints with :func:`render_batch`.

The names below are imported from their modules when first used (PEP 562): reading a stored
:class:`Layout` (the review queue, the tally) loads neither the PDF writer nor the QR codec
(docs/architecture.md, "What the command line imports").
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ballotformat import lazy

if TYPE_CHECKING:
    from ballotformat.compose import build_layout
    from ballotformat.keys import BallotKeys
    from ballotformat.model import (
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
    from ballotformat.payload import (
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
    from ballotformat.pdf import (
        RenderCancelledError,
        RenderResult,
        render_batch,
        render_preview,
    )
    from ballotformat.spec import (
        PAPER_SIZES_MM,
        BallotSpec,
        CandidateSpec,
        CategorySpec,
        Paper,
    )
    from ballotformat.texts import MissingGlyphsError

__getattr__ = lazy.exports(__name__, {
    "ballotformat.compose": ("build_layout",),
    "ballotformat.keys": ("BallotKeys",),
    "ballotformat.model": ("Layout", "Line", "Page", "PhotoItem", "QrRegion",
        "RegistrationMark", "SerialSlot", "Target", "TextItem"),
    "ballotformat.payload": (
        "FORMAT_VERSION", "ForeignCampaignError", "ForgedPayloadError", "KeyLookup",
        "KeyNotHeldError", "MalformedPayloadError", "Payload", "PayloadError",
        "UnsupportedFormatError", "box_key", "decode_payload", "encode_payload"),
    "ballotformat.pdf": ("RenderCancelledError", "RenderResult", "render_batch",
        "render_preview"),
    "ballotformat.spec": ("PAPER_SIZES_MM", "BallotSpec", "CandidateSpec",
        "CategorySpec", "Paper"),
    "ballotformat.texts": ("MissingGlyphsError",),
})

__all__ = [
    "FORMAT_VERSION", "PAPER_SIZES_MM", "BallotKeys", "BallotSpec", "CandidateSpec", "CategorySpec",
    "ForeignCampaignError", "ForgedPayloadError", "KeyLookup", "KeyNotHeldError", "Layout",
    "Line", "MalformedPayloadError",
    "MissingGlyphsError", "Page", "Paper", "Payload", "PayloadError", "PhotoItem",
    "QrRegion", "RegistrationMark", "RenderCancelledError", "RenderResult", "SerialSlot",
    "Target", "TextItem", "UnsupportedFormatError", "box_key", "build_layout", "decode_payload",
    "encode_payload", "render_batch", "render_preview",
]

