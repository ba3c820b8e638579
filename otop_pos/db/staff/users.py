"""Users of the till: name, role, PIN hash and the lock-out counters."""

from __future__ import annotations

from dataclasses import dataclass

from otop_pos.db.projections import record
from otop_pos.db.store import Store


@dataclass(frozen=True)
class UserRow:
    id: int
    name: str
    role: str
    pin_hash: str
    failed_attempts: int
    locked_until: str | None
    active: bool


def _row(r: object) -> UserRow:
    return UserRow(
        r["id"],
        r["name"],
        r["role"],
        r["pin_hash"],  # type: ignore[index]
        r["failed_attempts"],
        r["locked_until"],
        bool(r["active"]),
    )  # type: ignore[index]


def add(
    store: Store,
    terminal_id: str,
    occurred_at: str,
    by: int | None,
    name: str,
    role: str,
    pin_hash: str,
) -> int:
    """A new user: its `user_added` entry, projected, and its PIN hash beside it. -> its id.

    Checks nothing (`operations/staff/users.py` does); the demo centre uses it directly.
    """
    with store.transaction():
        user_id = next_id(store)
        payload = {"user_id": user_id, "name": name, "role": role}
        record.record(store, terminal_id, "user_added", occurred_at, by, payload)
        set_pin_hash(store, user_id, pin_hash)
        return user_id


def next_id(store: Store) -> int:
    """The id a new user gets; the caller holds the transaction that records it."""
    return int(store.conn.execute("SELECT coalesce(max(id), 0) + 1 FROM users").fetchone()[0])


def set_pin_hash(store: Store, user_id: int, pin_hash: str) -> None:
    """Beside the user's journal entry, in its transaction: hashes never enter the journal."""
    store.conn.execute(
        "UPDATE users SET pin_hash = ?, failed_attempts = 0, locked_until = NULL WHERE id = ?",
        (pin_hash, user_id),
    )


def list_all(store: Store) -> list[UserRow]:
    """Every user, deactivated ones too (the staff screen lists them to reactivate)."""
    return [_row(r) for r in store.query("SELECT * FROM users ORDER BY active DESC, id")]


def recorded_ids(store: Store, terminal_id: str) -> set[int]:
    """Users this terminal's journal has a `user_added` entry for."""
    return {
        int(r[0])
        for r in store.query(
            "SELECT json_extract(payload, '$.user_id') FROM journal"
            " WHERE terminal_id = ? AND kind = 'user_added'",
            (terminal_id,),
        )
    }


def get(store: Store, user_id: int) -> UserRow | None:
    r = store.one("SELECT * FROM users WHERE id = ?", (user_id,))
    return None if r is None else _row(r)


def list_active(store: Store) -> list[UserRow]:
    return [_row(r) for r in store.query("SELECT * FROM users WHERE active ORDER BY role, id")]


def set_lock_state(store: Store, user_id: int, failed: int, locked_until: str | None) -> None:
    with store.transaction():
        store.conn.execute(
            "UPDATE users SET failed_attempts = ?, locked_until = ? WHERE id = ?",
            (failed, locked_until, user_id),
        )
