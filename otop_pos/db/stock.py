"""Stock on hand: always the sum of movements, never a stored quantity."""

from __future__ import annotations

from otop_pos.db.store import Store


def on_hand(store: Store, product_id: int) -> int:
    return int(
        store.scalar(
            "SELECT coalesce(sum(qty), 0) FROM stock_movements WHERE product_id = ?",
            (product_id,),
        )
    )


def on_hand_all(store: Store) -> dict[int, int]:
    return {
        int(r[0]): int(r[1])
        for r in store.query("SELECT product_id, sum(qty) FROM stock_movements GROUP BY product_id")
    }
