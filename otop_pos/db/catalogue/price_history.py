"""Reads of a product's price changes, written by the product projection.

The history is a projection of `product_upsert` entries (one row whenever the
price differs from the stored one), so it can be shown without replaying the
journal; the user's name is joined here because the edit dialog shows it.
"""

from __future__ import annotations

import sqlite3

from otop_pos.db.store import Store


def for_product(store: Store, product_id: int) -> list[sqlite3.Row]:
    """changed_at, old_price_satang (None when created), new_price_satang, user_name; newest first."""
    return store.query(
        "SELECT h.changed_at, h.old_price_satang, h.new_price_satang,"
        " coalesce(u.name, '') AS user_name"
        " FROM price_history h LEFT JOIN users u ON u.id = h.changed_by"
        " WHERE h.product_id = ? ORDER BY h.changed_at DESC, h.id DESC",
        (product_id,),
    )
