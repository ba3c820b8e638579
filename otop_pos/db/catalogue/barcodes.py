"""Reads for barcode labels: a product's barcodes and the in-store codes in use."""

from __future__ import annotations

from otop_pos.db.store import Store


def instore_codes(store: Store, prefix: str) -> set[str]:
    """Every 13-character barcode starting with ``prefix`` (a range scan on the key)."""
    rows = store.query(
        "SELECT barcode FROM barcodes WHERE barcode >= ? AND barcode < ? AND length(barcode) = 13",
        (prefix, prefix + "\x7f"),
    )
    return {str(r[0]) for r in rows}


def barcodes_of(store: Store, product_id: int) -> list[str]:
    """A product's barcodes, sorted so 'the first one' is the same every time."""
    rows = store.query(
        "SELECT barcode FROM barcodes WHERE product_id = ? ORDER BY barcode", (product_id,)
    )
    return [str(r[0]) for r in rows]


def is_active(store: Store, product_id: int) -> bool | None:
    """True/False for a product on sale or withdrawn; None when there is no such id."""
    value = store.scalar("SELECT active FROM products WHERE id = ?", (product_id,))
    return None if value is None else bool(value)
