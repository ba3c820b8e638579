"""Carts parked while a customer fetches one more thing."""

from __future__ import annotations

from otop_pos.db.store import Store


def insert(
    store: Store, terminal_id: str, user_id: int, held_at: str, label: str, cart_json: str
) -> int:
    with store.transaction():
        row = store.conn.execute(
            "INSERT INTO held_sales (terminal_id, user_id, held_at, label, cart)"
            " VALUES (?, ?, ?, ?, ?) RETURNING id",
            (terminal_id, user_id, held_at, label, cart_json),
        ).fetchone()
    return int(row[0])


def list_for(store: Store, terminal_id: str) -> list[dict[str, object]]:
    return [
        dict(r)
        for r in store.query(
            "SELECT id, label, held_at, user_id, cart FROM held_sales WHERE terminal_id = ?"
            " ORDER BY id",
            (terminal_id,),
        )
    ]


def take(store: Store, held_id: int) -> str | None:
    """Remove a held cart and return its JSON (None when already taken)."""
    with store.transaction():
        row = store.one("SELECT cart FROM held_sales WHERE id = ?", (held_id,))
        if row is None:
            return None
        store.conn.execute("DELETE FROM held_sales WHERE id = ?", (held_id,))
    return str(row[0])
