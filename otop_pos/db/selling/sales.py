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


def tender_totals(
    store: Store, start_iso: str, end_iso: str, terminal_id: str | None = None
) -> list[dict[str, Any]]:
    """Per tender, for completed sales in [start, end) (of one terminal, when named): count,
    amount, co-payment shares, and what customer refunds in the same range paid back by it."""
    where, params = "", [start_iso, end_iso]
    if terminal_id is not None:
        where, params = " AND terminal_id = ?", [start_iso, end_iso, terminal_id]
    return [
        dict(r)
        for r in store.query(
            "SELECT tender, sum(count) AS count, sum(amount_satang) AS amount_satang,"
            " sum(customer_share_satang) AS customer_share_satang,"
            " sum(government_share_satang) AS government_share_satang,"
            " sum(over_cap) AS over_cap, sum(refunded_satang) AS refunded_satang FROM ("
            " SELECT p.tender, count(*) AS count, sum(p.amount_satang) AS amount_satang,"
            " sum(p.customer_share_satang) AS customer_share_satang,"
            " sum(p.government_share_satang) AS government_share_satang,"
            " sum(p.over_cap) AS over_cap, 0 AS refunded_satang"
            " FROM payments p JOIN sales s ON s.id = p.sale_id"
            " WHERE s.occurred_at >= ? AND s.occurred_at < ? AND s.status = 'completed'"
            + where.replace("terminal_id", "s.terminal_id")
            + " GROUP BY p.tender"
            " UNION ALL SELECT r.tender, 0, 0, 0, 0, 0, sum(r.total_satang) FROM refunds r"
            " WHERE r.occurred_at >= ? AND r.occurred_at < ?"
            + where.replace("terminal_id", "r.terminal_id")
            + " GROUP BY r.tender)"
            " GROUP BY tender ORDER BY amount_satang DESC",
            params + params,
        )
    ]
