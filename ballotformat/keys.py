"""Which key checks a ballot page here, as plain (picklable) data: no database, no Qt.

The organiser's database holds each campaign's secret: it derives every box's key from it and
checks old-format pages with the secret itself. A station copy holds no secret, only the keys
of its own boxes (``box_key`` rows): it checks its boxes' pages and refuses the others as
:class:`~ballotformat.payload.KeyNotHeldError`, never as counted.

A format-2 page's box is the box of the print batch holding its serial, so a key can only sign
serials printed for its own box: signing another box's serial with it gives a wrong signature.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from ballotformat.payload import (
    CAMPAIGN_KEY_FORMAT,
    ForgedPayloadError,
    KeyNotHeldError,
    box_key,
)

#: A print batch as the reader needs it: (first serial, count, box id).
BatchRange = tuple[int, int, int]


@dataclass(frozen=True)
class BallotKeys:
    """Everything that checks ballot signatures in one database."""

    #: Campaigns this database holds (with or without their secret).
    campaigns: frozenset[int]
    #: Campaign secrets held here (the organiser's database; none in a station copy).
    secrets: Mapping[int, bytes] = field(default_factory=dict)
    #: Box keys held without the secret: (campaign id, box id) → key (a station copy).
    box_keys: Mapping[tuple[int, int], bytes] = field(default_factory=dict)
    #: Print batches per campaign, sorted by first serial.
    batches: Mapping[int, tuple[BatchRange, ...]] = field(default_factory=dict)
    #: Campaign → the one key checking every page of it, whatever its box or format (tools,
    #: benchmarks and tests that sign their ballots with one key, without a database).
    fixed: Mapping[int, bytes] = field(default_factory=dict)

    @classmethod
    def of(cls, campaigns: Iterable[int], secrets: Mapping[int, bytes | None],
           box_keys: Mapping[tuple[int, int], bytes],
           batches: Iterable[tuple[int, int, int, int]]) -> BallotKeys:
        """``batches``: (campaign id, first serial, count, box id) rows, in any order."""
        per_campaign: dict[int, list[BatchRange]] = {}
        for campaign_id, first, count, box_id in batches:
            per_campaign.setdefault(campaign_id, []).append((first, count, box_id))
        return cls(frozenset(campaigns),
                   {c: secret for c, secret in secrets.items() if secret},
                   dict(box_keys),
                   {c: tuple(sorted(rows)) for c, rows in per_campaign.items()})

    @classmethod
    def one_key(cls, keys: Mapping[int, bytes]) -> BallotKeys:
        """Campaigns whose every page is signed with one key (see :attr:`fixed`)."""
        return cls(frozenset(keys), fixed=dict(keys))

    def box_of(self, campaign_id: int, serial: int) -> int | None:
        """The box whose print batch holds ``serial``, None if no batch here does."""
        rows = self.batches.get(campaign_id, ())
        at = bisect.bisect_right(rows, (serial, float("inf"), float("inf"))) - 1
        if at >= 0:
            first, count, box_id = rows[at]
            if first <= serial < first + count:
                return box_id
        return None

    def key_for(self, campaign_id: int, serial: int, format_version: int) -> bytes | None:
        """The :data:`~ballotformat.payload.KeyLookup` of this database."""
        if campaign_id not in self.campaigns:
            return None
        if campaign_id in self.fixed:
            return self.fixed[campaign_id]
        secret = self.secrets.get(campaign_id)
        if format_version == CAMPAIGN_KEY_FORMAT:
            if secret is None:
                raise KeyNotHeldError("an old-format ballot: only the campaign secret checks "
                                      "it, and this database does not hold it")
            return secret
        box_id = self.box_of(campaign_id, serial)
        if box_id is None:
            if secret is not None:  # the organiser printed every serial there is
                raise ForgedPayloadError(f"serial {serial} was never printed")
            raise KeyNotHeldError(f"serial {serial} is not printed in this copy")
        if secret is not None:
            return box_key(secret, campaign_id, box_id)
        key = self.box_keys.get((campaign_id, box_id))
        if key is None:
            raise KeyNotHeldError(f"serial {serial} belongs to box {box_id}, whose key this "
                                  "database does not hold")
        return key
