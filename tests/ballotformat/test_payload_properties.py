"""Property tests (hypothesis) for the QR payload codec: every valid payload round-trips, and
no text that is not exactly what was signed decodes — whatever it is, it raises a PayloadError
(never another exception, never a wrong payload)."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from ballotformat import payload as codec
from ballotformat.payload import Payload, PayloadError, decode_payload, encode_payload
from tests.ballotformat.support import OTHER_SECRET, SECRET

ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ $%*+-./:"
fields = st.tuples(
    st.integers(1, codec.MAX_CAMPAIGN_ID), st.integers(1, codec.MAX_LAYOUT_VERSION),
    st.integers(1, codec.MAX_PAGE), st.integers(0, codec.MAX_SERIAL))


def ours(_campaign_id: int, _serial: int, _format_version: int) -> bytes:
    return SECRET


@given(fields)
def test_every_valid_payload_round_trips(values: tuple[int, int, int, int]) -> None:
    text = encode_payload(*values, secret=SECRET)
    assert len(text) == codec.PAYLOAD_LENGTH
    assert decode_payload(text, ours) == Payload(*values)


@given(fields, st.data())
def test_any_change_to_a_signed_payload_is_refused(values: tuple[int, int, int, int],
                                                   data: st.DataObject) -> None:
    text = encode_payload(*values, secret=SECRET)
    position = data.draw(st.integers(0, len(text) - 1))
    replacement = data.draw(st.sampled_from(ALPHABET).filter(lambda c: c != text[position]))
    tampered = text[:position] + replacement + text[position + 1:]
    try:
        decoded = decode_payload(tampered, ours)
    except PayloadError:
        return
    raise AssertionError(f"{tampered!r} decoded to {decoded}")


@given(st.text(max_size=60))
@settings(max_examples=300)
def test_arbitrary_text_never_decodes_and_never_crashes(text: str) -> None:
    try:
        decoded = decode_payload(text, ours)
    except PayloadError:
        return
    # Only a text signed with our secret may decode; random text cannot carry a valid MAC.
    assert encode_payload(decoded.campaign_id, decoded.layout_version, decoded.page,
                          decoded.serial, SECRET) == text


@given(fields)
def test_another_key_is_a_forgery(values: tuple[int, int, int, int]) -> None:
    text = encode_payload(*values, secret=OTHER_SECRET)
    try:
        decode_payload(text, ours)
    except codec.ForgedPayloadError:
        return
    raise AssertionError("a payload signed with another key decoded")
