"""Sale reads: a sale by its receipt number, the last receipt, counts and tender totals."""

from __future__ import annotations

from typing import Any

from otop_pos.db.store import Store


def get_by_receipt(store: Store, receipt_no: str) -> dict[str, Any] | None:
    sale = store.one(
        "SELECT s.*, u.name AS cashier_name FROM sales s"
        " LEFT JOIN users u ON u.id = s.cashier_id WHERE s.receipt_no = ?",
        (receipt_no,),
    )
    if sale is None:
        return None
    result = dict(sale)
    result["lines"] = [
        dict(r)
        for r in store.query(
            "SELECT * FROM sale_lines WHERE sale_id = ? ORDER BY line_no", (sale["id"],)
        )
    ]
    result["payments"] = [
        dict(r)
        for r in store.query(
            "SELECT * FROM payments WHERE sale_id = ? ORDER BY line_no", (sale["id"],)
        )
    ]
    return result


def last_receipt_no(store: Store, terminal_id: str) -> str | None:
    value = store.scalar(
        "SELECT receipt_no FROM sales WHERE terminal_id = ? ORDER BY seq DESC LIMIT 1",
        (terminal_id,),
    )
    return None if value is None else str(value)


def count(store: Store) -> int:
    return int(store.scalar("SELECT count(*) FROM sales"))


def tender_totals(store: Store, start_iso: str, end_iso: str) -> list[dict[str, Any]]:
    """Per tender, for completed sales in [start, end): count, amount, co-payment shares."""
    return [
        dict(r)
        for r in store.query(
            "SELECT p.tender, count(*) AS count, sum(p.amount_satang) AS amount_satang,"
            " sum(p.customer_share_satang) AS customer_share_satang,"
            " sum(p.government_share_satang) AS government_share_satang,"
            " sum(p.over_cap) AS over_cap"
            " FROM payments p JOIN sales s ON s.id = p.sale_id"
            " WHERE s.occurred_at >= ? AND s.occurred_at < ? AND s.status = 'completed'"
            " GROUP BY p.tender ORDER BY amount_satang DESC",
            (start_iso, end_iso),
        )
    ]
