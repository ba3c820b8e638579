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


def line_terms(store: Store, lines: list[dict[str, Any]]) -> list[tuple[Any, str, int]]:
    """(producer id, ownership, commission rate) of each line, as stamped when it was sold.

    The entry is the truth: a product later handed to another producer or
    rate leaves this sale where it was. Lines written before the till stamped
    them read the catalogue as the journal left it at that point (a rebuild
    replays the catalogue in order, so that is the catalogue of the sale).
    """
    codes = {ln["producer_code"] for ln in lines if ln.get("producer_code")}
    ids = dict(
        store.conn.execute(
            f"SELECT code, id FROM producers WHERE code IN ({', '.join('?' * len(codes))})",
            sorted(codes),
        ).fetchall()
    )
    unstamped = sorted({int(ln["product_id"]) for ln in lines if "producer_code" not in ln})
    now = {}
    if unstamped:
        rows = store.conn.execute(
            "SELECT p.id, p.producer_id, p.ownership,"
            " coalesce(p.commission_bp, r.commission_bp, 0)"
            " FROM products p LEFT JOIN producers r ON r.id = p.producer_id"
            f" WHERE p.id IN ({', '.join('?' * len(unstamped))})",
            unstamped,
        )
        now = {int(r[0]): (r[1], str(r[2]), int(r[3])) for r in rows}
    out: list[tuple[Any, str, int]] = []
    for ln in lines:
        code = ln.get("producer_code")
        if code and code not in ids:
            raise ProjectionError(f"ไม่พบผู้ผลิตรหัส {code}")
        fallback = now.get(int(ln["product_id"]), (None, "consigned", 0))
        producer = (ids[code] if code else None) if "producer_code" in ln else fallback[0]
        out.append(
            (
                producer,
                ln.get("ownership") or fallback[1],
                int(ln.get("commission_bp", fallback[2])),
            )
        )
    return out


def sale(store: Store, entry: journal.Entry) -> None:
    p = entry.payload
    conn = store.conn
    sale_id = conn.execute(
        "INSERT INTO sales (terminal_id, seq, receipt_no, occurred_at, cashier_id,"
        " total_satang, vat_satang, exempt_satang, rounding_satang, tendered_satang,"
        " change_satang, shift_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
        (
            entry.terminal_id,
            entry.seq,
            p["receipt_no"],
            entry.occurred_at,
            entry.user_id,
            p["total"],
            p["vat"],
            p.get("exempt", 0),  # sales before schema 6 were taxed on every line
            p["rounding"],
            p["tendered"],
            p["change"],
            shifts.shift_id(store, entry.terminal_id, p.get("shift_seq")),
        ),
    ).fetchone()[0]
    terms = line_terms(store, p["lines"])
    conn.executemany(
        "INSERT INTO sale_lines (sale_id, line_no, product_id, name_th, qty,"
        " unit_price_satang, discount_satang, amount_satang, producer_id, ownership,"
        " commission_bp, vatable) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
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
                *terms[n - 1],
                int(ln.get("vatable", True)),
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
