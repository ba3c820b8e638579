"""Producer reads, and the PIN a producer uses at the self-service screen.

PINs are not journal events: like the staff PINs they are local secrets,
never synced to the provincial server.
"""

from __future__ import annotations

from typing import Any

from otop_pos.db.store import Store


def by_code(store: Store, code: str) -> dict[str, Any] | None:
    row = store.one("SELECT * FROM producers WHERE code = ?", (code.strip().upper(),))
    if row is None:  # codes are kept as typed; try the exact text too
        row = store.one("SELECT * FROM producers WHERE code = ?", (code.strip(),))
    return None if row is None else dict(row)


def by_id(store: Store, producer_id: int) -> dict[str, Any] | None:
    row = store.one("SELECT * FROM producers WHERE id = ?", (producer_id,))
    return None if row is None else dict(row)


def all_producers(store: Store, active_only: bool = False) -> list[dict[str, Any]]:
    where = "WHERE active" if active_only else ""
    return [dict(r) for r in store.query(f"SELECT * FROM producers {where} ORDER BY code")]


def pin_of(store: Store, producer_id: int) -> dict[str, Any] | None:
    row = store.one("SELECT * FROM producer_pins WHERE producer_id = ?", (producer_id,))
    return None if row is None else dict(row)


def set_pin(store: Store, producer_id: int, pin_hash: str) -> None:
    with store.transaction():
        store.conn.execute(
            "INSERT INTO producer_pins (producer_id, pin_hash) VALUES (?, ?)"
            " ON CONFLICT(producer_id) DO UPDATE SET pin_hash = excluded.pin_hash,"
            " failed_attempts = 0, locked_until = NULL",
            (producer_id, pin_hash),
        )


def set_pin_lock(store: Store, producer_id: int, failed: int, locked_until: str | None) -> None:
    with store.transaction():
        store.conn.execute(
            "UPDATE producer_pins SET failed_attempts = ?, locked_until = ? WHERE producer_id = ?",
            (failed, locked_until, producer_id),
        )
