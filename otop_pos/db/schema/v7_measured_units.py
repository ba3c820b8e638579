"""Schema 7: products sold by weight or measure, and the scale labels that name them.

`products.unit` is 'piece' or a measured unit ('kg', 'g', 'l', 'm'); every
product of an older file is a piece, and its stock, counted in pieces, stays
exactly as it was. A measured product's quantities (stock movements, sale,
refund, intake, return and count lines) are thousandths of its unit, so the
unit is fixed once anything has moved (the catalogue operations refuse to
change it). `products.scale_code` is the item code a shop scale prints in
its labels. `sale_lines.unit` is the unit a line was sold in, from the sale's
journal entry, so a receipt reads the same whatever happens to the product.

Each column is added only if missing: the step applies after a schema 6 that
may or may not have run first, and again after a partial downgrade in tests.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from otop_pos.db.store import Store

UNITS = "('piece', 'kg', 'g', 'l', 'm')"
COLUMNS = (
    ("products", "unit", f"TEXT NOT NULL DEFAULT 'piece' CHECK (unit IN {UNITS})"),
    ("products", "scale_code", "INTEGER CHECK (scale_code IS NULL OR scale_code >= 0)"),
    ("sale_lines", "unit", f"TEXT NOT NULL DEFAULT 'piece' CHECK (unit IN {UNITS})"),
)
INDEXES = (
    "CREATE UNIQUE INDEX IF NOT EXISTS products_scale_code ON products(scale_code)"
    " WHERE scale_code IS NOT NULL",
)


def apply(store: Store) -> None:
    conn = store.conn
    for table, column, definition in COLUMNS:
        have = {str(r[1]) for r in conn.execute(f"PRAGMA table_info({table})")}
        if column not in have:
            conn.execute(f"ALTER TABLE {table} ADD COLUMN {column} {definition}")
    for sql in INDEXES:
        conn.execute(sql)
