"""Full tax invoices and the buyers remembered for them."""

from __future__ import annotations

from typing import Any

from otop_pos.db.store import Store


def by_number(store: Store, invoice_no: str) -> dict[str, Any] | None:
    row = store.one(
        "SELECT t.*, s.receipt_no, s.occurred_at AS sold_at, u.name AS issued_by_name"
        " FROM tax_invoices t JOIN sales s ON s.id = t.sale_id"
        " LEFT JOIN users u ON u.id = t.issued_by WHERE t.invoice_no = ?",
        (invoice_no,),
    )
    return None if row is None else dict(row)


def number_for_receipt(store: Store, receipt_no: str) -> str | None:
    value = store.scalar(
        "SELECT t.invoice_no FROM tax_invoices t JOIN sales s ON s.id = t.sale_id"
        " WHERE s.receipt_no = ?",
        (receipt_no,),
    )
    return None if value is None else str(value)


def find_buyers(store: Store, text: str, limit: int = 10) -> list[dict[str, Any]]:
    """Buyers whose name contains ``text`` or whose tax ID starts with it, latest first."""
    digits = "".join(c for c in text if c.isdigit())
    return [
        dict(r)
        for r in store.query(
            "SELECT * FROM buyers WHERE name LIKE '%' || ? || '%'"
            " OR (? != '' AND tax_id LIKE ? || '%') ORDER BY last_used DESC LIMIT ?",
            (text.strip(), digits, digits, limit),
        )
    ]


def number_for_sale(store: Store, sale_id: int) -> str | None:
    """The full tax invoice issued for a sale, if one was."""
    found = store.scalar("SELECT invoice_no FROM tax_invoices WHERE sale_id = ?", (sale_id,))
    return None if found is None else str(found)
