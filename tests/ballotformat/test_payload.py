"""The QR payload codec: fits a version 2-M code, round-trips, and rejects tampering by kind."""

from __future__ import annotations

import random
import string

import pytest
import segno

from ballotformat import payload as codec
from ballotformat.payload import (
    ForeignCampaignError,
    ForgedPayloadError,
    MalformedPayloadError,
    Payload,
    UnsupportedFormatError,
    decode_payload,
    encode_payload,
)
from tests.ballotformat.support import OTHER_SECRET, SECRET

QR_ALPHANUMERIC = set(string.digits + string.ascii_uppercase + " $%*+-./:")
EXAMPLES = 2000


def known(campaign_id: int, _serial: int, _format_version: int) -> bytes | None:
    return SECRET if campaign_id < 10_000 else None


def random_fields(rng: random.Random) -> tuple[int, int, int, int]:
    return (rng.randint(1, 9_999), rng.randint(1, codec.MAX_LAYOUT_VERSION),
            rng.randint(1, codec.MAX_PAGE), rng.randint(0, codec.MAX_SERIAL))


def test_the_longest_payload_fits_a_version_2_m_qr_code_in_alphanumeric_mode() -> None:
    text = encode_payload(codec.MAX_CAMPAIGN_ID, codec.MAX_LAYOUT_VERSION, codec.MAX_PAGE,
                          codec.MAX_SERIAL, SECRET)
    assert len(text) == codec.PAYLOAD_LENGTH <= codec.QR_V2M_ALPHANUMERIC_CAPACITY
    assert set(text) <= QR_ALPHANUMERIC
    code = segno.make_qr(text, error="m", boost_error=False)  # segno picks the smallest
    assert code.designator == "2-M"
    assert codec.MAC_BITS >= 64
    assert 36**codec.MAC_WIDTH >= 2**codec.MAC_BITS


def test_random_payloads_round_trip_with_a_fixed_length() -> None:
    rng = random.Random(36)
    for _ in range(EXAMPLES):
        campaign, version, page, serial = random_fields(rng)
        text = encode_payload(campaign, version, page, serial, SECRET)
        assert len(text) == codec.PAYLOAD_LENGTH
        assert set(text) <= QR_ALPHANUMERIC
        assert decode_payload(text, known) == Payload(campaign, version, page, serial)


def test_every_single_character_change_is_rejected() -> None:
    rng = random.Random(7)
    for _ in range(200):
        text = encode_payload(*random_fields(rng), secret=SECRET)
        position = rng.randrange(len(text))
        replacement = rng.choice(sorted(QR_ALPHANUMERIC - {text[position]}))
        changed = text[:position] + replacement + text[position + 1:]
        with pytest.raises(codec.PayloadError):
            decode_payload(changed, known)


def test_a_changed_field_is_forged_and_a_changed_magic_is_malformed() -> None:
    text = encode_payload(12, 3, 1, 4711, SECRET)
    serial_digit = codec.SIGNED_LENGTH - 1
    bumped = "1" if text[serial_digit] != "1" else "2"
    with pytest.raises(ForgedPayloadError):
        decode_payload(text[:serial_digit] + bumped + text[serial_digit + 1:], known)
    with pytest.raises(ForgedPayloadError):
        decode_payload(text[:-1] + ("0" if text[-1] != "0" else "1"), known)
    with pytest.raises(MalformedPayloadError):
        decode_payload("X" + text[1:], known)
    with pytest.raises(MalformedPayloadError):
        decode_payload(text[:-3] + "a$%", known)


def test_a_code_signed_with_another_secret_is_forged() -> None:
    forged = encode_payload(12, 3, 1, 4711, OTHER_SECRET)
    with pytest.raises(ForgedPayloadError):
        decode_payload(forged, known)


def test_an_unknown_campaign_is_foreign_not_forged() -> None:
    text = encode_payload(20_000, 1, 1, 1, OTHER_SECRET)
    with pytest.raises(ForeignCampaignError) as caught:
        decode_payload(text, known)
    assert caught.value.campaign_id == 20_000


def test_another_format_version_is_reported_as_such() -> None:
    text = encode_payload(12, 3, 1, 4711, SECRET)
    with pytest.raises(UnsupportedFormatError) as caught:
        decode_payload(text[:2] + "3" + text[3:], known)
    assert caught.value.version == 3
    with pytest.raises(UnsupportedFormatError):
        decode_payload("BD9SOMETHINGELSE", known)


@pytest.mark.parametrize("text", ["", "BD", "BD1", "HTTP://EXAMPLE.COM", "BD1" + "0" * 40,
                                  "bd10001001010000072WKJRLW9BMOGVCPZ"])
def test_garbage_is_malformed(text: str) -> None:
    with pytest.raises(MalformedPayloadError):
        decode_payload(text, known)


@pytest.mark.parametrize(("fields", "message"), [
    ((0, 1, 1, 1), "campaign"), ((1, 0, 1, 1), "layout"), ((1, 1, 0, 1), "page"),
    ((1, 1, 1, -1), "serial"), ((1, 1, 1, codec.MAX_SERIAL + 1), "serial"),
    ((codec.MAX_CAMPAIGN_ID + 1, 1, 1, 1), "campaign"),
])
def test_out_of_range_fields_are_refused_when_encoding(
    fields: tuple[int, int, int, int], message: str
) -> None:
    with pytest.raises(ValueError, match=message):
        encode_payload(*fields, secret=SECRET)
