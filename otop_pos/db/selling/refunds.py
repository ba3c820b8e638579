"""Customer refunds and voided sales, read back."""

from __future__ import annotations

from typing import Any

from otop_pos.db.store import Store


def voided(store: Store, sale_id: int) -> bool:
    return store.one("SELECT 1 FROM sale_voids WHERE sale_id = ?", (sale_id,)) is not None


def refunded_qty(store: Store, sale_id: int) -> dict[int, int]:
    """Quantity already returned per sale line number."""
    return {
        int(r[0]): int(r[1])
        for r in store.query(
            "SELECT rl.sale_line_no, sum(rl.qty) FROM refunds r"
            " JOIN refund_lines rl ON rl.refund_id = r.id WHERE r.sale_id = ?"
            " GROUP BY rl.sale_line_no",
            (sale_id,),
        )
    }


def refunds_of_sale(store: Store, sale_id: int) -> list[dict[str, Any]]:
    return [
        dict(r)
        for r in store.query("SELECT * FROM refunds WHERE sale_id = ? ORDER BY seq", (sale_id,))
    ]


def refund_by_no(store: Store, refund_no: str) -> dict[str, Any] | None:
    row = store.one(
        "SELECT r.*, s.receipt_no, u.name AS user_name, a.name AS approved_by_name"
        " FROM refunds r JOIN sales s ON s.id = r.sale_id"
        " LEFT JOIN users u ON u.id = r.user_id LEFT JOIN users a ON a.id = r.approved_by"
        " WHERE r.refund_no = ?",
        (refund_no,),
    )
    if row is None:
        return None
    out = dict(row)
    out["lines"] = [
        dict(r)
        for r in store.query(
            "SELECT rl.*, l.name_th, l.unit_price_satang, l.vatable, l.unit FROM refund_lines rl"
            " JOIN sale_lines l ON l.sale_id = ? AND l.line_no = rl.sale_line_no"
            " WHERE rl.refund_id = ? ORDER BY rl.line_no",
            (row["sale_id"], row["id"]),
        )
    ]
    return out


def refunded_before(store: Store, sale_id: int, seq: int) -> int:
    """Satang refunded on a sale by the refunds journalled before ``seq``."""
    return int(
        store.scalar(
            "SELECT coalesce(sum(total_satang), 0) FROM refunds WHERE sale_id = ? AND seq < ?",
            (sale_id, seq),
        )
    )


def refunded_tax(store: Store, sale_id: int) -> tuple[int, int]:
    """(VAT-able value, VAT) refunded on a sale so far, in satang."""
    row = store.one(
        "SELECT coalesce(sum(CASE WHEN l.vatable THEN rl.amount_satang END), 0),"
        " (SELECT coalesce(sum(vat_satang), 0) FROM refunds WHERE sale_id = ?)"
        " FROM refunds r JOIN refund_lines rl ON rl.refund_id = r.id"
        " JOIN sale_lines l ON l.sale_id = r.sale_id AND l.line_no = rl.sale_line_no"
        " WHERE r.sale_id = ?",
        (sale_id, sale_id),
    )
    assert row is not None
    return int(row[0]), int(row[1])
