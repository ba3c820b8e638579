"""The till's sync state (schema 8's `sync_state` row): enrolment, acknowledgement, what it does.

Kept apart from the journal and from `settings`: it is written by the
uploader's own thread in short transactions of its own, never inside a
sale's. Every write after enrolment names the enrolment's `generation`, so
an answer that arrives after the manager enrolled again changes nothing.
The secret is read only by the code that signs requests; `SyncState` keeps
it out of its repr so no log line or traceback can show it.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

from otop_pos.db.store import Store

STATES = ("idle", "sending", "waiting", "stopped")


@dataclass(frozen=True, slots=True)
class SyncState:
    generation: int
    server_url: str
    terminal_id: str  # the server's id for this till, e.g. "SSK01-POS01"
    chain_id: str  # the journal's terminal id this enrolment uploads, e.g. "T01"
    secret: str = field(repr=False)  # base64 of the 32-byte HMAC key
    server_key: str = ""  # base64 of the server's Ed25519 public key
    centre: dict[str, Any] = field(default_factory=dict)
    enrolled_at: str = ""
    acked_seq: int = 0
    acked_hash: str = ""
    last_ack_at: str | None = None
    checkpoint: dict[str, Any] | None = None
    state: str = "idle"
    error_code: str | None = None
    message_th: str | None = None
    message_en: str | None = None
    changed_at: str = ""


def load(store: Store) -> SyncState | None:
    """The enrolment and its progress, or None before this till was enrolled."""
    row = store.one("SELECT * FROM sync_state WHERE id = 1")
    if row is None:
        return None
    return SyncState(
        generation=int(row["generation"]),
        server_url=row["server_url"],
        terminal_id=row["terminal_id"],
        chain_id=row["chain_id"],
        secret=row["secret"],
        server_key=row["server_key"],
        centre=json.loads(row["centre"] or "{}"),
        enrolled_at=row["enrolled_at"],
        acked_seq=int(row["acked_seq"]),
        acked_hash=row["acked_hash"],
        last_ack_at=row["last_ack_at"],
        checkpoint=json.loads(row["checkpoint"]) if row["checkpoint"] else None,
        state=row["state"],
        error_code=row["error_code"],
        message_th=row["message_th"],
        message_en=row["message_en"],
        changed_at=row["changed_at"],
    )


def save_enrolment(store: Store, *, server_url: str, terminal_id: str, chain_id: str,
                   secret: str, server_key: str, centre: dict[str, Any], acked_seq: int,
                   acked_hash: str, at: str) -> int:  # fmt: skip
    """A new enrolment replaces the old one whole; its generation, one more than before."""
    with store.transaction():
        before = store.scalar("SELECT generation FROM sync_state WHERE id = 1")
        generation = int(before or 0) + 1
        store.conn.execute("DELETE FROM sync_state WHERE id = 1")
        store.conn.execute(
            "INSERT INTO sync_state (id, generation, server_url, terminal_id, chain_id, secret,"
            " server_key, centre, enrolled_at, acked_seq, acked_hash, state, changed_at)"
            " VALUES (1, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'idle', ?)",
            (generation, server_url, terminal_id, chain_id, secret, server_key,
             json.dumps(centre, ensure_ascii=False, sort_keys=True), at, acked_seq,
             acked_hash, at),
        )  # fmt: skip
    return generation


def record_ack(store: Store, generation: int, seq: int, digest: str, at: str,
               checkpoint: dict[str, Any] | None) -> bool:  # fmt: skip
    """The server holds the chain up to ``seq``: the outbox starts after it. False if re-enrolled."""
    with store.transaction():
        done = store.conn.execute(
            "UPDATE sync_state SET acked_seq = ?, acked_hash = ?, last_ack_at = ?,"
            " checkpoint = coalesce(?, checkpoint), changed_at = ?"
            " WHERE id = 1 AND generation = ?",
            (seq, digest, at, json.dumps(checkpoint, sort_keys=True) if checkpoint else None,
             at, generation),
        )  # fmt: skip
    return done.rowcount == 1


def move_ack(store: Store, generation: int, seq: int, digest: str, at: str) -> bool:
    """Send again from after ``seq`` (the server asked for it: a gap); no acknowledgement time."""
    with store.transaction():
        done = store.conn.execute(
            "UPDATE sync_state SET acked_seq = ?, acked_hash = ?, changed_at = ?"
            " WHERE id = 1 AND generation = ?",
            (seq, digest, at, generation),
        )
    return done.rowcount == 1


def set_state(store: Store, generation: int, state: str, at: str, error_code: str | None = None,
              message_th: str | None = None, message_en: str | None = None) -> bool:  # fmt: skip
    """What the uploader is doing and, when it waits or stopped, why (in Thai and English)."""
    if state not in STATES:
        raise ValueError(f"unknown sync state {state!r}")
    with store.transaction():
        done = store.conn.execute(
            "UPDATE sync_state SET state = ?, error_code = ?, message_th = ?, message_en = ?,"
            " changed_at = ? WHERE id = 1 AND generation = ?",
            (state, error_code, message_th, message_en, at, generation),
        )
    return done.rowcount == 1
