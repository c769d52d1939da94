"""The secrets a database holds, taken out of copies and sealed with a passphrase.

The secrets are what lets someone make countable ballots or sign as this installation: each
campaign's secret (``campaign.secret``), the box keys a station copy holds (``box_key``) and
this installation's Ed25519 private key (``station_identity.private_key``). Password hashes are
not among them (scrypt, and a restored organiser must be able to sign in); a station copy
leaves out the accounts it does not need instead (stations.py).

A backup keeps them sealed (``secrets.sealed``) or leaves them out; its database holds them
blank (an empty value). Sealing: a key from the passphrase by scrypt
(:data:`SCRYPT_N`, :data:`SCRYPT_R`, :data:`SCRYPT_P`, a random salt), then AES-256-GCM with a
random nonce; a wrong passphrase or an altered file fails the GCM tag and is refused whole.
"""

from __future__ import annotations

import hashlib
import json
import os
from dataclasses import dataclass, field
from typing import Any

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from sqlalchemy import Connection, delete, insert, select, update

from ballotformat.messages import RuleError, error, register
from desktop.core.store.models import BoxKey, Campaign, StationIdentity

register({
    "sealed_passphrase_wrong": (
        "口令不正确（或密钥文件已被改动）：未恢复任何内容。",
        "Wrong passphrase (or the sealed secrets were altered): nothing was restored.",
    ),
    "sealed_passphrase_empty": ("口令不能为空。", "The passphrase cannot be empty."),
    "sealed_file_damaged": (
        "密钥文件“{file}”不是 BallotDesk 封存的密钥，未恢复任何内容。",
        "“{file}” is not a file of secrets sealed by BallotDesk; nothing was restored.",
    ),
})

#: What a sealed file starts with (and its format version).
SEAL_MAGIC = b"BDSEAL1\n"
SALT_BYTES = 16
NONCE_BYTES = 12  # AES-GCM's standard nonce
KEY_BYTES = 32  # AES-256
#: scrypt cost: 2**15 × 8 × 128 B = 32 MiB and about 0.1 s per try, so guessing a passphrase
#: costs that much per guess; sealing and unsealing happen once per backup and restore.
SCRYPT_N, SCRYPT_R, SCRYPT_P = 2**15, 8, 1
#: hashlib.scrypt refuses more than 32 MiB by default; the cost above needs a little more.
SCRYPT_MAXMEM_BYTES = 64 * 1024 * 1024


def _key(passphrase: str, salt: bytes) -> bytes:
    return hashlib.scrypt(passphrase.encode("utf-8"), salt=salt, n=SCRYPT_N, r=SCRYPT_R,
                          p=SCRYPT_P, maxmem=SCRYPT_MAXMEM_BYTES, dklen=KEY_BYTES)


def check_passphrase(passphrase: str) -> None:
    """Refuse a passphrase that seals nothing (before a backup starts)."""
    if not passphrase:
        raise RuleError([error("sealed_passphrase_empty")])


def seal(data: bytes, passphrase: str) -> bytes:
    check_passphrase(passphrase)
    salt, nonce = os.urandom(SALT_BYTES), os.urandom(NONCE_BYTES)
    return SEAL_MAGIC + salt + nonce + AESGCM(_key(passphrase, salt)).encrypt(
        nonce, data, SEAL_MAGIC)


def unseal(blob: bytes, passphrase: str, name: str) -> bytes:
    """The sealed bytes, or a RuleError: not a sealed file, or the wrong passphrase."""
    head = len(SEAL_MAGIC)
    if not blob.startswith(SEAL_MAGIC) or len(blob) < head + SALT_BYTES + NONCE_BYTES:
        raise RuleError([error("sealed_file_damaged", file=name)])
    salt = blob[head:head + SALT_BYTES]
    nonce = blob[head + SALT_BYTES:head + SALT_BYTES + NONCE_BYTES]
    try:
        return AESGCM(_key(passphrase, salt)).decrypt(
            nonce, blob[head + SALT_BYTES + NONCE_BYTES:], SEAL_MAGIC)
    except InvalidTag:
        raise RuleError([error("sealed_passphrase_wrong")]) from None


@dataclass(frozen=True)
class Secrets:
    """The secrets of one database, as plain data."""

    #: campaign id → secret (campaigns whose secret is held).
    campaigns: dict[int, bytes] = field(default_factory=dict)
    #: (campaign id, box id) → key.
    box_keys: dict[tuple[int, int], bytes] = field(default_factory=dict)
    #: station_identity id → private key.
    station_keys: dict[int, bytes] = field(default_factory=dict)

    def to_json(self) -> bytes:
        data = {"campaigns": {str(c): k.hex() for c, k in self.campaigns.items()},
                "box_keys": [[c, b, k.hex()] for (c, b), k in self.box_keys.items()],
                "station_keys": {str(i): k.hex() for i, k in self.station_keys.items()}}
        return json.dumps(data).encode("utf-8")

    @classmethod
    def from_json(cls, raw: bytes, name: str) -> Secrets:
        try:
            data: dict[str, Any] = json.loads(raw)
            return cls({int(c): bytes.fromhex(k) for c, k in data["campaigns"].items()},
                       {(int(c), int(b)): bytes.fromhex(k) for c, b, k in data["box_keys"]},
                       {int(i): bytes.fromhex(k) for i, k in data["station_keys"].items()})
        except (ValueError, KeyError, TypeError) as exc:
            raise RuleError([error("sealed_file_damaged", file=name)]) from exc


def read_secrets(connection: Connection) -> Secrets:
    return Secrets(
        {c: k for c, k in connection.execute(select(Campaign.id, Campaign.secret)) if k},
        {(c, b): k for c, b, k in connection.execute(
            select(BoxKey.campaign_id, BoxKey.box_id, BoxKey.key))},
        {i: k for i, k in connection.execute(
            select(StationIdentity.id, StationIdentity.private_key)) if k})


def blank_secrets(connection: Connection) -> None:
    """Every secret of the database emptied (the rows stay: they hold what is not secret).
    A SQLite file still has the old bytes in its free pages until it is vacuumed."""
    connection.execute(update(Campaign).values(secret=b""))
    connection.execute(delete(BoxKey))
    connection.execute(update(StationIdentity).values(private_key=b""))


def write_secrets(connection: Connection, secrets: Secrets) -> None:
    """Put sealed secrets back into a database restored with them blank."""
    for campaign_id, secret in secrets.campaigns.items():
        connection.execute(update(Campaign).where(Campaign.id == campaign_id)
                           .values(secret=secret))
    if secrets.box_keys:
        connection.execute(insert(BoxKey), [
            {"campaign_id": c, "box_id": b, "key": k} for (c, b), k in secrets.box_keys.items()])
    for identity_id, key in secrets.station_keys.items():
        connection.execute(update(StationIdentity).where(StationIdentity.id == identity_id)
                           .values(private_key=key))


def drop_blank_station_keys(connection: Connection) -> None:
    """A station key whose private half was left out cannot sign: the station makes a new
    one on first use (and the organiser registers that)."""
    connection.execute(delete(StationIdentity).where(StationIdentity.private_key == b""))
