"""Editing stored marks with plain SQL, the way someone with the database file or the server's
password would (no BallotDesk code): a sheet's marks are packed in its row (models.py)."""

from __future__ import annotations

import json

from sqlalchemy import Connection, text

CODES = {"marked": "x", "empty": ".", "ambiguous": "?"}


def set_states(connection: Connection, candidate: str, old: str, new: str,
               sheet_id: int | None = None, first_only: bool = False) -> list[int]:
    """Every target numbered ``candidate`` stored ``old`` becomes ``new`` (on ``sheet_id``
    only, or on the first sheet that has one); returns the sheets edited."""
    rows = connection.execute(text(
        "SELECT s.id, t.targets, s.mark_states FROM sheet s JOIN mark_targets t "
        "ON t.id = s.mark_targets_id" + (" WHERE s.id = :s" if sheet_id is not None else "")
        + " ORDER BY s.id"), {"s": sheet_id}).all()
    edited = []
    for row_id, targets, states in rows:
        pairs = json.loads(targets) if isinstance(targets, str) else targets
        changed = "".join(CODES[new] if number == candidate and code == CODES[old] else code
                          for (_category, number), code in zip(pairs, states, strict=True))
        if changed != states:
            connection.execute(text("UPDATE sheet SET mark_states = :m WHERE id = :s"),
                               {"m": changed, "s": row_id})
            edited.append(row_id)
            if first_only:
                break
    return edited


def targets_of(connection: Connection, sheet_id: int) -> list[tuple[str, str, str]]:
    """(category, candidate, state) of each stored target of a sheet, in the stored order."""
    row = connection.execute(text(
        "SELECT t.targets, s.mark_states FROM sheet s JOIN mark_targets t "
        "ON t.id = s.mark_targets_id WHERE s.id = :s"), {"s": sheet_id}).one()
    pairs = json.loads(row[0]) if isinstance(row[0], str) else row[0]
    states = {code: state for state, code in CODES.items()}
    return [(category, number, states[code])
            for (category, number), code in zip(pairs, row[1], strict=True)]


def set_state_at(connection: Connection, sheet_id: int, index: int, state: str) -> None:
    """The target at ``index`` (in the stored order) of a sheet becomes ``state``."""
    (states,) = connection.execute(text("SELECT mark_states FROM sheet WHERE id = :s"),
                                   {"s": sheet_id}).one()
    connection.execute(text("UPDATE sheet SET mark_states = :m WHERE id = :s"),
                       {"m": states[:index] + CODES[state] + states[index + 1:], "s": sheet_id})
