"""The audit table: every change with who, when, what, before and after, as a hash chain.

Rows are only ever added, by :func:`record`, in the same transaction as the change. Each entry
carries the previous entry's hash (``prev_hash``) and its own (``hash``)::

    hash = sha256(canonical_json(id, at, actor, campaign_id, action, entity, entity_id,
                                 before, after) + prev_hash)

so an entry edited, inserted or deleted afterwards, even directly in the database, breaks the
chain (see :mod:`desktop.core.audit.log` for the check, docs/audit.md for the exact bytes).

An entry for a change to counted data names the rows it changed (``covers``); at the commit
their digests, as committed, join the entry's ``after`` (:mod:`desktop.core.audit.content`),
so the chain also proves what the tables held.

Appends take turns: when the caller's transaction commits, the one-row ``audit_head`` table
(last id, last hash) is locked, the transaction's entries get the next ids and hashes, and the
head moves, all in that transaction. Several stations writing to one PostgreSQL database
therefore never fork the chain (``prev_hash`` is also unique, so a fork could not even be
stored); SQLite lets one writer in at a time anyway.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import logging
from collections.abc import Iterable, Mapping
from enum import Enum
from typing import Any

from sqlalchemy import event, inspect, select, update
from sqlalchemy.orm import Session, SessionTransaction

from desktop.core.accounts import Actor, changed_since_sign_in
from desktop.core.audit.canonical import at_text, canonical_json
from desktop.core.store import Account, AuditEntry, AuditHead, Base, utcnow

log = logging.getLogger(__name__)

#: Columns that never reach the log (secrets and keys, password hashes; photos are blobs).
_NEVER_LOGGED = frozenset({"secret", "private_key", "password_hash", "image", "thumbnail"})
#: The ``prev_hash`` of the first entry.
GENESIS = "0" * 64
#: The one row of ``audit_head``.
HEAD_ID = 1
#: The fields an entry's hash covers, besides ``prev_hash``.
HASHED_FIELDS = ("id", "at", "actor", "campaign_id", "action", "entity", "entity_id",
                 "before", "after")
#: ``session.info`` key of the entries recorded, not yet chained: (transaction, entry, covers).
_PENDING_KEY = "audit_pending"


def _plain(value: Any) -> Any:
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, dt.datetime | dt.date):
        return value.isoformat()
    return value


def snapshot(obj: Base) -> dict[str, Any]:
    """The object's column values as JSON-ready data."""
    mapper = inspect(obj).mapper
    return {
        column.key: _plain(getattr(obj, column.key))
        for column in mapper.column_attrs
        if column.key not in _NEVER_LOGGED
    }


# -- hashing -------------------------------------------------------------------------------
def as_stored(value: dict[str, Any] | None) -> dict[str, Any] | None:
    """A JSON column's value as the database gives it back (tuples become lists, keys text)."""
    return None if value is None else dict(json.loads(json.dumps(value)))


def hashed_fields(entry: AuditEntry | Mapping[str, Any]) -> dict[str, Any]:
    """The fields an entry's hash covers, with ``at`` as text."""
    get = entry.get if isinstance(entry, Mapping) else lambda key: getattr(entry, key)
    fields = {key: get(key) for key in HASHED_FIELDS}
    at = fields["at"]
    fields["at"] = at_text(at) if isinstance(at, dt.datetime) else at
    return fields


def entry_hash(entry: AuditEntry | Mapping[str, Any], prev_hash: str) -> str:
    """SHA-256 (hex) of the entry's canonical JSON followed by ``prev_hash``, as UTF-8."""
    text = canonical_json(hashed_fields(entry)) + prev_hash
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


# -- appending -----------------------------------------------------------------------------
def _locked_head(session: Session) -> AuditHead:
    """The chain's head, locked until the session's transaction ends."""
    # Writing the row first takes the lock on every backend: a row lock on PostgreSQL, and on
    # SQLite the database's write lock (pysqlite reads outside a transaction until the first
    # write, so a plain SELECT could see a head that another station is about to move).
    session.execute(update(AuditHead).where(AuditHead.id == HEAD_ID)
                    .values(last_id=AuditHead.last_id))
    found = session.scalars(select(AuditHead).where(AuditHead.id == HEAD_ID).with_for_update()
                            .execution_options(populate_existing=True)).one_or_none()
    if found is None:  # only if someone removed it: continue from the last entry
        log.warning("audit_head is missing; continuing the chain from the last entry")
        last = session.execute(select(AuditEntry.id, AuditEntry.hash)
                               .order_by(AuditEntry.id.desc()).limit(1)).first()
        found = AuditHead(id=HEAD_ID, last_id=last.id if last else 0,
                          last_hash=last.hash if last else GENESIS)
        session.add(found)
    return found


def record(
    session: Session,
    *,
    actor: Actor,
    action: str,
    entity: str,
    entity_id: int | None,
    campaign_id: int | None,
    before: dict[str, Any] | None = None,
    after: dict[str, Any] | None = None,
    covers: Iterable[Base] = (),
) -> AuditEntry:
    """Add one entry in the caller's transaction (so it commits or rolls back with the change).

    ``covers``: the rows of counted data the change wrote or deleted (a sheet, a review
    decision, an online import…, see ``audit_content.KINDS``); the entry carries their digests
    as the transaction commits them.

    Refuses (:class:`~ballotformat.messages.RuleError`) an action the actor's role does not
    allow: every change is recorded here, so this check covers all of them (actors.py).

    The entry joins the chain when the transaction commits: then the head is locked, and the
    entries of the transaction get their ids, time and hashes in the order they were recorded.
    Locking last keeps the head locked only for the commit itself, and a transaction holding
    it waits for no other lock, so it takes part in no deadlock.
    """
    actor.require_action(action)
    _check_account(session, actor)
    if before is not None and after is not None:
        changed = {k for k in after if before.get(k) != after.get(k)}
        before = {k: v for k, v in before.items() if k in changed or k == "id"}
        after = {k: v for k, v in after.items() if k in changed or k == "id"}
    entry = AuditEntry(
        actor=actor.name,
        action=action,
        entity=entity,
        entity_id=None if entity_id is None else int(entity_id),
        campaign_id=None if campaign_id is None else int(campaign_id),
        before=as_stored(before),
        after=as_stored(after),
    )
    transaction = session.get_nested_transaction() or session.get_transaction() or session.begin()
    session.info.setdefault(_PENDING_KEY, []).append((transaction, entry, tuple(covers)))
    return entry


def _check_account(session: Session, actor: Actor) -> None:
    """The signed-in account must still be active with the role it signed in with: disabling
    someone or changing their role takes effect at their next change, on every station, not
    at their next sign-in. (An actor without an account is an in-process caller: the self-test,
    the tests; every window and command signs in to an account.)"""
    with session.no_autoflush:
        found = session.execute(select(Account.role, Account.active)
                                .where(Account.name == actor.name)).first()
    if found is not None and (not found.active or found.role is not actor.role):
        raise changed_since_sign_in(actor)


@event.listens_for(Session, "before_commit")
def _chain_pending(session: Session) -> None:
    """At the commit of the outermost transaction: the recorded entries join the chain."""
    if session.get_nested_transaction() is not None:
        return  # a savepoint is being released: its entries wait for the real commit
    pending: list[tuple[SessionTransaction, AuditEntry, tuple[Base, ...]]] = \
        session.info.pop(_PENDING_KEY, [])
    if not pending:
        return
    if any(covers for _t, _e, covers in pending):
        # Imported here: audit_content builds on this module's hashing helpers.
        from desktop.core.audit.content import DIGESTS_KEY, digests_of, row_key

        session.flush()  # the digests are of the rows as this commit leaves them
        every = digests_of(session, [row for _t, _e, covers in pending for row in covers])
        for _transaction, entry, covers in pending:
            if covers:
                mine: dict[str, dict[str, Any]] = {}
                for kind, key in map(row_key, covers):
                    mine.setdefault(kind, {})[key] = every[kind][key]
                entry.after = as_stored({**(entry.after or {}), DIGESTS_KEY: mine})
    head = _locked_head(session)
    for _transaction, entry, _covers in pending:
        entry.id, entry.at, entry.prev_hash = head.last_id + 1, utcnow(), head.last_hash
        entry.hash = entry_hash(entry, entry.prev_hash)
        head.last_id, head.last_hash = entry.id, entry.hash
        session.add(entry)


@event.listens_for(Session, "after_soft_rollback")
def _drop_rolled_back(session: Session, previous_transaction: SessionTransaction) -> None:
    """Entries recorded in a transaction (or savepoint) that was rolled back are forgotten."""
    pending = session.info.get(_PENDING_KEY)
    if pending:
        session.info[_PENDING_KEY] = [(t, e, c) for t, e, c in pending
                                      if not _inside(t, previous_transaction)]


def _inside(transaction: SessionTransaction | None, outer: SessionTransaction) -> bool:
    while transaction is not None:
        if transaction is outer:
            return True
        transaction = transaction.parent
    return False
