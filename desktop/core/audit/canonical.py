"""The texts audit digests and entry hashes are computed over: a moment, a JSON value.

Below the chain (``entries``), the content digests (``content``) and the packed marks
(``records.sheet_marks``), which all hash the same texts; it imports none of them.
"""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

#: ``at`` in the hashed text: UTC, always six digits of microseconds.
AT_FORMAT = "%Y-%m-%dT%H:%M:%S.%fZ"


def at_text(at: dt.datetime) -> str:
    """A moment as hashed: UTC with microseconds (a naive value is taken as UTC)."""
    if at.tzinfo is not None:
        at = at.astimezone(dt.UTC)
    return at.strftime(AT_FORMAT)


def canonical_json(value: Any) -> str:
    """The one text of a JSON value: sorted keys, no spaces, characters as they are."""
    return json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
