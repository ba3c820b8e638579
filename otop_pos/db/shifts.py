"""Shift, cash movement, void, refund and Z reads."""

from __future__ import annotations

from typing import Any

from otop_pos.db.store import Store


def open_shift(store: Store, terminal_id: str) -> dict[str, Any] | None:
    row = store.one(
        "SELECT sh.*, u.name AS opened_by_name FROM shifts sh"
        " LEFT JOIN users u ON u.id = sh.opened_by"
        " WHERE sh.terminal_id = ? AND sh.close_seq IS NULL",
        (terminal_id,),
    )
    return None if row is None else dict(row)


def shift_by_id(store: Store, shift_id: int) -> dict[str, Any] | None:
    row = store.one(
        "SELECT sh.*, u.name AS opened_by_name, c.name AS closed_by_name FROM shifts sh"
        " LEFT JOIN users u ON u.id = sh.opened_by LEFT JOIN users c ON c.id = sh.closed_by"
        " WHERE sh.id = ?",
        (shift_id,),
    )
    return None if row is None else dict(row)


def shifts_closed_in(store: Store, terminal_id: str, after_seq: int, upto_seq: int) -> list[Any]:
    return store.query(
        "SELECT sh.*, u.name AS opened_by_name FROM shifts sh"
        " LEFT JOIN users u ON u.id = sh.opened_by"
        " WHERE sh.terminal_id = ? AND sh.close_seq > ? AND sh.close_seq <= ? ORDER BY sh.id",
        (terminal_id, after_seq, upto_seq),
    )


def tender_flows(store: Store, shift_id: int) -> dict[str, dict[str, int]]:
    """Per tender: money kept from sales, handed back by voids, paid out by refunds."""
    flows: dict[str, dict[str, int]] = {}

    def add(kind: str, rows: list[Any]) -> None:
        for tender, amount in rows:
            flows.setdefault(tender, {"sales": 0, "voided": 0, "refunded": 0})[kind] += int(
                amount or 0
            )

    add(
        "sales",
        store.query(
            "SELECT p.tender, sum(p.amount_satang) FROM sales s"
            " JOIN payments p ON p.sale_id = s.id WHERE s.shift_id = ? GROUP BY p.tender",
            (shift_id,),
        ),
    )
    add(
        "voided",
        store.query(
            "SELECT p.tender, sum(p.amount_satang) FROM sale_voids v"
            " JOIN payments p ON p.sale_id = v.sale_id WHERE v.shift_id = ? GROUP BY p.tender",
            (shift_id,),
        ),
    )
    add(
        "refunded",
        store.query(
            "SELECT tender, sum(total_satang) FROM refunds WHERE shift_id = ? GROUP BY tender",
            (shift_id,),
        ),
    )
    return flows


def cash_moves(store: Store, shift_id: int) -> list[dict[str, Any]]:
    return [
        dict(r)
        for r in store.query(
            "SELECT * FROM cash_moves WHERE shift_id = ? ORDER BY seq", (shift_id,)
        )
    ]


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
            "SELECT rl.*, l.name_th, l.unit_price_satang FROM refund_lines rl"
            " JOIN sale_lines l ON l.sale_id = ? AND l.line_no = rl.sale_line_no"
            " WHERE rl.refund_id = ? ORDER BY rl.line_no",
            (row["sale_id"], row["id"]),
        )
    ]
    return out


def last_z(store: Store, terminal_id: str) -> dict[str, Any] | None:
    row = store.one(
        "SELECT * FROM z_reports WHERE terminal_id = ? ORDER BY z_no DESC LIMIT 1", (terminal_id,)
    )
    return None if row is None else dict(row)


def z_by_no(store: Store, terminal_id: str, z_no: int) -> dict[str, Any] | None:
    row = store.one(
        "SELECT z.*, u.name AS closed_by_name FROM z_reports z"
        " LEFT JOIN users u ON u.id = z.closed_by WHERE z.terminal_id = ? AND z.z_no = ?",
        (terminal_id, z_no),
    )
    return None if row is None else dict(row)


def last_seq(store: Store, terminal_id: str) -> int:
    return int(
        store.scalar(
            "SELECT coalesce(max(seq), 0) FROM journal WHERE terminal_id = ?", (terminal_id,)
        )
    )


def audit_log(store: Store, start_iso: str, end_iso: str) -> list[dict[str, Any]]:
    return [
        dict(r)
        for r in store.query(
            "SELECT a.*, u.name AS asked_by_name, m.name AS approved_by_name FROM audit_log a"
            " LEFT JOIN users u ON u.id = a.asked_by LEFT JOIN users m ON m.id = a.approved_by"
            " WHERE a.occurred_at >= ? AND a.occurred_at < ? ORDER BY a.occurred_at, a.id",
            (start_iso, end_iso),
        )
    ]
