"""Signed checkpoints of sync protocol v1: "terminal T's chain up to seq S ends in hash H".

The server signs one with every acknowledgement (Ed25519); the till keeps
the latest, prints it on the Z and checks it against its own chain, so a
journal restored from an old backup or cut short is seen on both sides
(docs/sync-protocol.md, "Checkpoints" and "Truncation and rollback").
"""

from __future__ import annotations

import base64
import binascii
from dataclasses import dataclass
from typing import Any

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey

from otop_pos.db import journal
from otop_pos.db.store import Store

HEADER = "otop-checkpoint/v1"


class CheckpointError(ValueError):
    """A checkpoint that cannot be trusted or that this till's chain contradicts."""

    def __init__(self, code: str, english: str) -> None:
        super().__init__(english)
        self.code = code


@dataclass(frozen=True, slots=True)
class Checkpoint:
    terminal_id: str
    seq: int
    hash: str
    at: str
    signature: str = ""  # base64 of the 64-byte Ed25519 signature

    def signed_bytes(self) -> bytes:
        """The five lines the server signs (no trailing newline)."""
        return "\n".join((HEADER, self.terminal_id, str(self.seq), self.hash, self.at)).encode()

    def as_dict(self) -> dict[str, Any]:
        return {"terminal_id": self.terminal_id, "seq": self.seq, "hash": self.hash,
                "at": self.at, "signature": self.signature}  # fmt: skip

    @classmethod
    def from_dict(cls, d: Any) -> Checkpoint:
        """A checkpoint from a response body; anything else is ``bad_checkpoint``."""
        try:
            cp = cls(str(d["terminal_id"]), d["seq"], str(d["hash"]), str(d["at"]),
                     str(d["signature"]))  # fmt: skip
        except (KeyError, TypeError) as exc:
            raise CheckpointError("bad_checkpoint", "a checkpoint field is missing") from exc
        if not isinstance(cp.seq, int) or isinstance(cp.seq, bool) or cp.seq < 0:
            raise CheckpointError("bad_checkpoint", "seq must be a whole number")
        return cp


def sign(private_key: Ed25519PrivateKey, cp: Checkpoint) -> Checkpoint:
    """The server's side: the same checkpoint with its signature."""
    raw = private_key.sign(cp.signed_bytes())
    return Checkpoint(cp.terminal_id, cp.seq, cp.hash, cp.at, base64.b64encode(raw).decode())


def public_key_text(private_key: Ed25519PrivateKey) -> str:
    """What enrolment gives the till: base64 of the 32-byte public key."""
    from cryptography.hazmat.primitives import serialization

    raw = private_key.public_key().public_bytes(
        serialization.Encoding.Raw, serialization.PublicFormat.Raw
    )
    return base64.b64encode(raw).decode()


def verify(server_key: str, cp: Checkpoint) -> None:
    """The till's side: signed by the server it enrolled with, or ``bad_signature``."""
    try:
        key = Ed25519PublicKey.from_public_bytes(base64.b64decode(server_key, validate=True))
        key.verify(base64.b64decode(cp.signature, validate=True), cp.signed_bytes())
    except (InvalidSignature, ValueError, binascii.Error) as exc:
        raise CheckpointError("bad_signature", "the checkpoint is not the server's") from exc


def against_chain(store: Store, cp: Checkpoint, chain_id: str | None = None) -> None:
    """The server holds seq..S of this chain: the till must still have them, unchanged.

    ``chain_id`` is the journal's terminal id when the server names the till
    otherwise (it does: "SSK01-POS01" for the journal's "T01").
    """
    chain = chain_id or cp.terminal_id
    seq, _head = journal.head(store, chain)
    if seq < cp.seq:
        raise CheckpointError(
            "behind", f"the server holds seq {cp.seq} of {cp.terminal_id}; this till ends at {seq}"
        )
    if journal.hash_at(store, chain, cp.seq) != cp.hash:
        raise CheckpointError(
            "behind", f"seq {cp.seq} of {cp.terminal_id} is not what the server holds"
        )
