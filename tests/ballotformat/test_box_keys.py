"""Per-box ballot keys (format 2) and the campaign-secret format 1, as the reader checks them:
the organiser (holding the secret) and a station copy (holding its own boxes' keys only)."""

from __future__ import annotations

import pickle

import pytest

from ballotformat import (
    BallotKeys,
    ForgedPayloadError,
    KeyNotHeldError,
    Payload,
    box_key,
    decode_payload,
    encode_payload,
)
from ballotformat import payload as codec
from tests.ballotformat.support import SECRET

CAMPAIGN = 12
BOX_A, BOX_B = 3, 4
#: (campaign, first serial, count, box): serials 1-50 for box A, 51-80 for box B.
BATCHES = [(CAMPAIGN, 51, 30, BOX_B), (CAMPAIGN, 1, 50, BOX_A)]
ORGANISER = BallotKeys.of([CAMPAIGN], {CAMPAIGN: SECRET}, {}, BATCHES)
STATION_A = BallotKeys.of([CAMPAIGN], {CAMPAIGN: b""},
                          {(CAMPAIGN, BOX_A): box_key(SECRET, CAMPAIGN, BOX_A)}, BATCHES)


def test_box_keys_differ_per_box_and_campaign_and_are_not_the_secret() -> None:
    keys = {box_key(SECRET, c, b) for c in (CAMPAIGN, CAMPAIGN + 1) for b in (BOX_A, BOX_B)}
    assert len(keys) == 4
    assert SECRET not in keys
    assert all(len(k) == codec.BOX_KEY_BYTES for k in keys)
    assert box_key(SECRET, CAMPAIGN, BOX_A) == box_key(SECRET, CAMPAIGN, BOX_A)


def test_the_organiser_reads_both_formats_and_a_station_its_own_box_only() -> None:
    own = encode_payload(CAMPAIGN, 1, 1, 7, box_key(SECRET, CAMPAIGN, BOX_A))
    other = encode_payload(CAMPAIGN, 1, 1, 60, box_key(SECRET, CAMPAIGN, BOX_B))
    old = encode_payload(CAMPAIGN, 1, 2, 7, SECRET, format_version=codec.CAMPAIGN_KEY_FORMAT)
    assert old[2] == "1" and own[2] == "2"
    assert decode_payload(own, ORGANISER.key_for) == Payload(CAMPAIGN, 1, 1, 7, 2)
    assert decode_payload(other, ORGANISER.key_for) == Payload(CAMPAIGN, 1, 1, 60, 2)
    assert decode_payload(old, ORGANISER.key_for) == Payload(CAMPAIGN, 1, 2, 7, 1)
    assert decode_payload(own, STATION_A.key_for).serial == 7
    with pytest.raises(KeyNotHeldError, match="box 4"):
        decode_payload(other, STATION_A.key_for)
    with pytest.raises(KeyNotHeldError, match="old-format"):
        decode_payload(old, STATION_A.key_for)


def test_a_station_key_signs_nothing_for_another_box() -> None:
    """What a stolen station copy gives: box A's key. A ballot for box B's serial signed with
    it is forged where box B's key is (the organiser) and unverifiable at the station."""
    forged = encode_payload(CAMPAIGN, 1, 1, 60, STATION_A.box_keys[(CAMPAIGN, BOX_A)])
    with pytest.raises(ForgedPayloadError):
        decode_payload(forged, ORGANISER.key_for)
    with pytest.raises(KeyNotHeldError):
        decode_payload(forged, STATION_A.key_for)
    # Signed with the campaign secret under format 2 (no derivation): forged too.
    with pytest.raises(ForgedPayloadError):
        decode_payload(encode_payload(CAMPAIGN, 1, 1, 60, SECRET), ORGANISER.key_for)


def test_a_serial_no_batch_holds_is_forged_at_the_organiser_and_unknown_at_a_station() -> None:
    text = encode_payload(CAMPAIGN, 1, 1, 500, box_key(SECRET, CAMPAIGN, BOX_A))
    with pytest.raises(ForgedPayloadError, match="never printed"):
        decode_payload(text, ORGANISER.key_for)
    with pytest.raises(KeyNotHeldError, match="not printed in this copy"):
        decode_payload(text, STATION_A.key_for)


def test_batch_edges_pick_the_right_box() -> None:
    assert [ORGANISER.box_of(CAMPAIGN, s) for s in (0, 1, 50, 51, 80, 81)] == \
        [None, BOX_A, BOX_A, BOX_B, BOX_B, None]
    assert ORGANISER.box_of(CAMPAIGN + 1, 1) is None


def test_the_keys_travel_to_worker_processes() -> None:
    copy = pickle.loads(pickle.dumps(STATION_A))
    assert copy == STATION_A
    assert copy.key_for(CAMPAIGN, 7, 2) == box_key(SECRET, CAMPAIGN, BOX_A)
