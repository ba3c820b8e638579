"""Projections of sales and full tax invoices."""

from __future__ import annotations

from typing import Any

from otop_pos.db import journal
from otop_pos.db.projections import audit, shifts, stock
from otop_pos.db.projections.errors import ProjectionError
from otop_pos.db.store import Store


def stock_movements(
    store: Store, entry: journal.Entry, items: list[dict[str, Any]], reason: str, sign: int
) -> None:
    stock.movements(store, entry, [(i["product_id"], sign * i["qty"], reason) for i in items])


def line_owners(store: Store, lines: list[dict[str, Any]]) -> dict[int, tuple[Any, str, int]]:
    """product id -> (producer id, ownership, commission rate) as sold.

    The till puts ownership and rate in the payload; older entries fall back
    to the product as it is now.
    """
    ids = sorted({int(ln["product_id"]) for ln in lines})
    rows = store.conn.execute(
        "SELECT p.id, p.producer_id, p.ownership, coalesce(p.commission_bp, r.commission_bp, 0)"
        " FROM products p LEFT JOIN producers r ON r.id = p.producer_id"
        f" WHERE p.id IN ({', '.join('?' * len(ids))})",
        ids,
    )
    return {int(r[0]): (r[1], str(r[2]), int(r[3])) for r in rows}


def sale(store: Store, entry: journal.Entry) -> None:
    p = entry.payload
    conn = store.conn
    sale_id = conn.execute(
        "INSERT INTO sales (terminal_id, seq, receipt_no, occurred_at, cashier_id,"
        " total_satang, vat_satang, rounding_satang, tendered_satang, change_satang, shift_id)"
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
        (
            entry.terminal_id,
            entry.seq,
            p["receipt_no"],
            entry.occurred_at,
            entry.user_id,
            p["total"],
            p["vat"],
            p["rounding"],
            p["tendered"],
            p["change"],
            shifts.shift_id(store, entry.terminal_id, p.get("shift_seq")),
        ),
    ).fetchone()[0]
    owners = line_owners(store, p["lines"])
    unknown = (None, "consigned", 0)
    conn.executemany(
        "INSERT INTO sale_lines (sale_id, line_no, product_id, name_th, qty,"
        " unit_price_satang, discount_satang, amount_satang, producer_id, ownership,"
        " commission_bp) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [
            (
                sale_id,
                n,
                ln["product_id"],
                ln["name_th"],
                ln["qty"],
                ln["unit_price"],
                ln["discount"],
                ln["amount"],
                owners.get(ln["product_id"], unknown)[0],
                ln.get("ownership") or owners.get(ln["product_id"], unknown)[1],
                ln.get("commission_bp", owners.get(ln["product_id"], unknown)[2]),
            )
            for n, ln in enumerate(p["lines"], start=1)
        ],
    )
    conn.executemany(
        "INSERT INTO payments (sale_id, line_no, tender, amount_satang, reference,"
        " approval_code, card_last4, scheme, customer_share_satang,"
        " government_share_satang, over_cap, confirmed_by)"
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [
            (
                sale_id,
                n,
                t["tender"],
                t["amount"],
                t.get("reference", ""),
                t.get("approval_code", ""),
                t.get("card_last4", ""),
                t.get("scheme", ""),
                t.get("customer_share", 0),
                t.get("government_share", 0),
                int(t.get("over_cap", False)),
                t.get("confirmed_by"),
            )
            for n, t in enumerate(p["payments"], start=1)
        ],
    )
    stock_movements(store, entry, p["lines"], "sale", -1)
    stamp_units(store, sale_id, p["lines"])
    audit.sale_approvals(store, entry)


def stamp_units(store: Store, sale_id: int, lines: list[dict[str, Any]]) -> None:
    """The unit of each weighed line (qty in thousandths); a line without one is pieces."""
    store.conn.executemany(
        "UPDATE sale_lines SET unit = ? WHERE sale_id = ? AND line_no = ?",
        [
            (ln["unit"], sale_id, n)
            for n, ln in enumerate(lines, start=1)
            if ln.get("unit", "piece") != "piece"
        ],
    )


def tax_invoice(store: Store, entry: journal.Entry) -> None:
    """A full tax invoice for an earlier sale; its buyer is remembered for next time."""
    p = entry.payload
    b = p["buyer"]
    sale = store.conn.execute(
        "SELECT id FROM sales WHERE receipt_no = ?", (p["receipt_no"],)
    ).fetchone()
    if sale is None:
        raise ProjectionError(f"ไม่พบใบเสร็จเลขที่ {p['receipt_no']}")
    store.conn.execute(
        "INSERT INTO tax_invoices (terminal_id, seq, invoice_no, sale_id, issued_at, issued_by,"
        " buyer_name, buyer_tax_id, buyer_branch, buyer_address, buyer_postcode,"
        " buyer_is_person) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (
            entry.terminal_id,
            entry.seq,
            p["invoice_no"],
            sale[0],
            entry.occurred_at,
            entry.user_id,
            b["name"],
            b["tax_id"],
            b["branch"],
            b["address"],
            b["postcode"],
            int(b["is_person"]),
        ),
    )
    store.conn.execute(
        "INSERT INTO buyers (name, tax_id, branch, address, postcode, is_person, last_used)"
        " VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT(tax_id, branch, name) DO UPDATE SET"
        " address = excluded.address, postcode = excluded.postcode,"
        " is_person = excluded.is_person, last_used = excluded.last_used",
        (
            b["name"],
            b["tax_id"],
            b["branch"],
            b["address"],
            b["postcode"],
            int(b["is_person"]),
            entry.occurred_at,
        ),
    )
