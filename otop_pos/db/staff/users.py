"""Users of the till: name, role, PIN hash and the lock-out counters."""

from __future__ import annotations

from dataclasses import dataclass

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


def create(store: Store, name: str, role: str, pin_hash: str) -> int:
    with store.transaction():
        cur = store.conn.execute(
            "INSERT INTO users (name, role, pin_hash) VALUES (?, ?, ?)", (name, role, pin_hash)
        )
        return int(cur.lastrowid or 0)


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
