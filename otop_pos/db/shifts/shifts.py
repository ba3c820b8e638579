"""Shift and cash movement reads: the open shift, closed shifts, tender flows, cash in and out."""

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
