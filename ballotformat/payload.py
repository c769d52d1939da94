"""The QR payload of a ballot page: a fixed-width, signed string in QR alphanumeric mode.

Layout (34 characters, all from ``0-9A-Z``, so a version 2-M QR code holds it; capacity 38)::

    BD 2 CCCC LLL PP SSSSSS MMMMMMMMMMMMMMMM
    |  | |    |   |  |      `- HMAC-SHA256 over the first 18 characters, first 80 bits, base 36
    |  | |    |   |  `- serial, base 36 (up to 2,176,782,335)
    |  | |    |   `- page of the ballot, base 36 (1..1295)
    |  | |    `- layout version, base 36 (1..46,655)
    |  | `- campaign id, base 36 (1..1,679,615)
    |  `- payload format version, one base-36 digit
    `- magic: a BallotDesk ballot

Which key signs a page depends on the format version:

* version 2 (printed now): the key of the ballot box the serial was printed for,
  :func:`box_key` = HKDF-SHA256 of the campaign secret with the campaign and box in its ``info``.
  A station copy holds only its own boxes' keys, so it can sign nothing for another box;
* version 1 (printed before per-box keys): the campaign secret itself. Only a database holding
  the secret (the organiser's) can check it.

The codec knows neither boxes nor databases: the caller's :data:`KeyLookup` says which key
checks a page (see :class:`ballotformat.keys.BallotKeys`).

Decoding tells apart what the scanner must report differently: a code that is not ours or is
damaged (:class:`MalformedPayloadError`), one from a newer or older program
(:class:`UnsupportedFormatError`), one from a campaign this database does not know
(:class:`ForeignCampaignError`), one whose key this database does not hold
(:class:`KeyNotHeldError`) and one whose signature does not match
(:class:`ForgedPayloadError`).
"""

from __future__ import annotations

import hashlib
import hmac
from collections.abc import Callable
from dataclasses import dataclass

from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

MAGIC = "BD"
#: Signed with the campaign secret (ballots printed before per-box keys): still read.
CAMPAIGN_KEY_FORMAT = 1
#: Signed with the key of the serial's ballot box (:func:`box_key`): what is printed now.
BOX_KEY_FORMAT = 2
FORMAT_VERSION = BOX_KEY_FORMAT
SUPPORTED_FORMATS = frozenset({CAMPAIGN_KEY_FORMAT, BOX_KEY_FORMAT})
#: Length of a derived box key: SHA-256's output, HMAC-SHA256's block-sized key.
BOX_KEY_BYTES = 32
#: HKDF's ``info`` prefix: binds a derived key to its purpose (and so to nothing else).
BOX_KEY_INFO = b"ballotdesk/ballot-box-mac/v2:"
BASE36_DIGITS = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"
#: Width in base-36 digits of each field after the magic, in order.
FORMAT_VERSION_WIDTH = 1
CAMPAIGN_WIDTH = 4
LAYOUT_VERSION_WIDTH = 3
PAGE_WIDTH = 2
SERIAL_WIDTH = 6
MAC_BITS = 80
MAC_WIDTH = 16  # 36**16 > 2**80
SIGNED_LENGTH = (
    len(MAGIC) + FORMAT_VERSION_WIDTH + CAMPAIGN_WIDTH + LAYOUT_VERSION_WIDTH + PAGE_WIDTH
    + SERIAL_WIDTH
)
PAYLOAD_LENGTH = SIGNED_LENGTH + MAC_WIDTH
#: What a version 2 QR code at error level M holds in alphanumeric mode.
QR_V2M_ALPHANUMERIC_CAPACITY = 38

MAX_CAMPAIGN_ID = 36**CAMPAIGN_WIDTH - 1
MAX_LAYOUT_VERSION = 36**LAYOUT_VERSION_WIDTH - 1
MAX_PAGE = 36**PAGE_WIDTH - 1
MAX_SERIAL = 36**SERIAL_WIDTH - 1

#: ``(campaign id, serial, format version) →`` the key that checks the page: None for a
#: campaign this database does not hold; raises :class:`KeyNotHeldError` when the database
#: holds the campaign but not the key (or :class:`ForgedPayloadError` when no key can be right).
KeyLookup = Callable[[int, int, int], bytes | None]


class PayloadError(ValueError):
    """A QR payload that cannot be accepted as a ballot page of this database."""


class MalformedPayloadError(PayloadError):
    """Not a BallotDesk ballot code, or damaged: the scanner reports it as unreadable."""


class UnsupportedFormatError(PayloadError):
    """A BallotDesk code of another payload format version."""

    def __init__(self, version: int) -> None:
        self.version = version
        super().__init__(f"payload format version {version}, expected one of "
                         f"{sorted(SUPPORTED_FORMATS)}")


class ForeignCampaignError(PayloadError):
    """A well-formed code of a campaign that this database does not hold."""

    def __init__(self, campaign_id: int) -> None:
        self.campaign_id = campaign_id
        super().__init__(f"campaign {campaign_id} is not known here")


class KeyNotHeldError(PayloadError):
    """This database holds the campaign but not the key that checks this page: a station copy
    reading a ballot of another box, or of the old format (signed with the campaign secret)."""


class ForgedPayloadError(PayloadError):
    """The signature does not match: a forged, altered or foreign-signed ballot."""


def box_key(campaign_secret: bytes, campaign_id: int, box_id: int) -> bytes:
    """The MAC key of one ballot box (format 2), derived from the campaign secret: knowing it
    tells nothing of the secret or of any other box's key (HKDF-SHA256, RFC 5869)."""
    info = BOX_KEY_INFO + f"{campaign_id}:{box_id}".encode("ascii")
    return HKDF(hashes.SHA256(), BOX_KEY_BYTES, salt=None, info=info).derive(campaign_secret)


@dataclass(frozen=True)
class Payload:
    campaign_id: int
    layout_version: int
    page: int
    serial: int
    format_version: int = FORMAT_VERSION


def _base36(value: int, width: int) -> str:
    digits = []
    for _ in range(width):
        value, digit = divmod(value, 36)
        digits.append(BASE36_DIGITS[digit])
    if value:
        raise ValueError("value too large for its field")
    return "".join(reversed(digits))


def _int36(text: str) -> int:
    if any(char not in BASE36_DIGITS for char in text):
        raise MalformedPayloadError(f"not a base-36 field: {text!r}")
    return int(text, 36)


def _mac(secret: bytes, signed: str) -> str:
    digest = hmac.new(secret, signed.encode("ascii"), hashlib.sha256).digest()
    return _base36(int.from_bytes(digest[: MAC_BITS // 8], "big"), MAC_WIDTH)


def _check_range(name: str, value: int, maximum: int, minimum: int = 1) -> None:
    if not minimum <= value <= maximum:
        raise ValueError(f"{name} must be between {minimum} and {maximum}, not {value}")


def encode_payload(
    campaign_id: int, layout_version: int, page: int, serial: int, secret: bytes,
    format_version: int = FORMAT_VERSION,
) -> str:
    """The signed QR text of one ballot page; ``secret`` is the box's key (format 2) or the
    campaign secret (format 1, only to make old ballots in tests)."""
    if format_version not in SUPPORTED_FORMATS:
        raise UnsupportedFormatError(format_version)
    _check_range("campaign id", campaign_id, MAX_CAMPAIGN_ID)
    _check_range("layout version", layout_version, MAX_LAYOUT_VERSION)
    _check_range("page", page, MAX_PAGE)
    _check_range("serial", serial, MAX_SERIAL, minimum=0)
    signed = (
        MAGIC + _base36(format_version, FORMAT_VERSION_WIDTH)
        + _base36(campaign_id, CAMPAIGN_WIDTH) + _base36(layout_version, LAYOUT_VERSION_WIDTH)
        + _base36(page, PAGE_WIDTH) + _base36(serial, SERIAL_WIDTH)
    )
    return signed + _mac(secret, signed)


def decode_payload(text: str, key_for: KeyLookup) -> Payload:
    """Check and unpack a QR text; ``key_for`` returns None for unknown campaigns.

    Raises :class:`MalformedPayloadError`, :class:`UnsupportedFormatError`,
    :class:`ForeignCampaignError`, :class:`KeyNotHeldError` or :class:`ForgedPayloadError`.
    """
    if not text.startswith(MAGIC) or len(text) <= len(MAGIC):
        raise MalformedPayloadError("not a BallotDesk ballot code")
    cursor = len(MAGIC)
    version = _int36(text[cursor : cursor + FORMAT_VERSION_WIDTH])
    if version not in SUPPORTED_FORMATS:
        raise UnsupportedFormatError(version)
    if len(text) != PAYLOAD_LENGTH:
        raise MalformedPayloadError(f"{len(text)} characters, expected {PAYLOAD_LENGTH}")
    cursor += FORMAT_VERSION_WIDTH
    fields = []
    for width in (CAMPAIGN_WIDTH, LAYOUT_VERSION_WIDTH, PAGE_WIDTH, SERIAL_WIDTH):
        fields.append(_int36(text[cursor : cursor + width]))
        cursor += width
    mac = text[cursor:]
    if any(char not in BASE36_DIGITS for char in mac):
        raise MalformedPayloadError("signature is not base 36")
    campaign_id, layout_version, page, serial = fields
    key = key_for(campaign_id, serial, version)
    if key is None:
        raise ForeignCampaignError(campaign_id)
    if not hmac.compare_digest(mac, _mac(key, text[:SIGNED_LENGTH])):
        raise ForgedPayloadError("the signature does not match the key of this ballot")
    return Payload(campaign_id, layout_version, page, serial, version)
