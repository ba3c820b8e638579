"""Consignment documents read back by number: intakes, returns, payouts, settlements.

A slip is printed from what the journal projected, not from what the
screen held, so a reprint a month later shows exactly what was recorded.
"""

from __future__ import annotations

from typing import Any

from otop_pos.db.store import Store


def _with_lines(store: Store, head_sql: str, number: str, lines_sql: str) -> dict[str, Any] | None:
    """A document's head found by its number, with its lines (read by the head's id) in order."""
    row = store.one(head_sql, (number,))
    if row is None:
        return None
    out = dict(row)
    out["lines"] = [dict(r) for r in store.query(lines_sql, (out.pop("id"),))]
    return out


def intake_by_no(store: Store, intake_no: str) -> dict[str, Any] | None:
    """The intake with its producer, who received it, and its lines in order."""
    return _with_lines(
        store,
        "SELECT i.id, i.intake_no, i.delivery_note, i.received_at, i.note,"
        " p.code AS producer_code, p.name AS producer_name, u.name AS staff_name"
        " FROM intakes i JOIN producers p ON p.id = i.producer_id"
        " LEFT JOIN users u ON u.id = i.received_by WHERE i.intake_no = ?",
        intake_no,
        "SELECT l.line_no, pr.sku, pr.name_th, l.qty, l.ownership, l.unit_cost_satang,"
        " l.lot, l.expiry, pr.unit FROM intake_lines l JOIN products pr ON pr.id = l.product_id"
        " WHERE l.intake_id = ? ORDER BY l.line_no",
    )


def return_by_no(store: Store, return_no: str) -> dict[str, Any] | None:
    """The return with its producer, who gave the goods back, and its lines in order."""
    return _with_lines(
        store,
        "SELECT r.id, r.return_no, r.returned_at, r.reason,"
        " p.code AS producer_code, p.name AS producer_name, u.name AS staff_name"
        " FROM producer_returns r JOIN producers p ON p.id = r.producer_id"
        " LEFT JOIN users u ON u.id = r.returned_by WHERE r.return_no = ?",
        return_no,
        "SELECT l.line_no, pr.sku, pr.name_th, l.qty, l.ownership, pr.unit"
        " FROM producer_return_lines l JOIN products pr ON pr.id = l.product_id"
        " WHERE l.return_id = ? ORDER BY l.line_no",
    )


def payout_by_no(store: Store, payout_no: str) -> dict[str, Any] | None:
    """The payout with its producer's bank details and who paid it."""
    row = store.one(
        "SELECT y.payout_no, y.paid_at, y.method, y.amount_satang, y.reference,"
        " p.code AS producer_code, p.name AS producer_name, p.bank_name, p.bank_account,"
        " p.account_name, u.name AS paid_by FROM payouts y"
        " JOIN producers p ON p.id = y.producer_id LEFT JOIN users u ON u.id = y.paid_by"
        " WHERE y.payout_no = ?",
        (payout_no,),
    )
    return None if row is None else dict(row)


def settled_by(store: Store, settlement_no: str) -> str:
    """The name of the manager who settled the statement ('' if unknown)."""
    name = store.scalar(
        "SELECT u.name FROM settlements s JOIN users u ON u.id = s.settled_by"
        " WHERE s.settlement_no = ?",
        (settlement_no,),
    )
    return "" if name is None else str(name)
