"""Read-side tables derived from journal entries.

`apply` runs in the same transaction as `journal.append`, so the tables and
the journal can never disagree; `rebuild` replays the journal from scratch,
which is also how a test proves the tables are only a projection.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from otop_pos.db import journal, shift_projections
from otop_pos.db.store import Store


class ProjectionError(ValueError):
    """An entry that cannot be applied; the transaction is rolled back."""


def _producer_upsert(store: Store, entry: journal.Entry) -> None:
    store.conn.executemany(
        "INSERT INTO producers (code, name, type, district, province, contact,"
        " commission_bp, active) VALUES (:code, :name, :type, :district, :province,"
        " :contact, :commission_bp, :active)"
        " ON CONFLICT(code) DO UPDATE SET name = excluded.name, type = excluded.type,"
        " district = excluded.district, province = excluded.province,"
        " contact = excluded.contact, commission_bp = excluded.commission_bp,"
        " active = excluded.active",
        entry.payload["producers"],
    )


def _product_upsert(store: Store, entry: journal.Entry) -> None:
    conn = store.conn
    producer_ids = {code: pid for pid, code in conn.execute("SELECT id, code FROM producers")}
    for p in entry.payload["products"]:
        code = p.get("producer_code") or None
        if code is not None and code not in producer_ids:
            raise ProjectionError(f"ไม่พบผู้ผลิตรหัส {code}")
        params = dict(p, producer_id=producer_ids.get(code) if code else None)
        product_id = conn.execute(
            "INSERT INTO products (sku, name_th, name_en, category, stars, producer_id,"
            " price_satang, vat_applicable, ownership, quick_key, active)"
            " VALUES (:sku, :name_th, :name_en, :category, :stars, :producer_id,"
            " :price_satang, :vat_applicable, :ownership, :quick_key, :active)"
            " ON CONFLICT(sku) DO UPDATE SET name_th = excluded.name_th,"
            " name_en = excluded.name_en, category = excluded.category,"
            " stars = excluded.stars, producer_id = excluded.producer_id,"
            " price_satang = excluded.price_satang,"
            " vat_applicable = excluded.vat_applicable, ownership = excluded.ownership,"
            " quick_key = excluded.quick_key, active = excluded.active"
            " RETURNING id",
            params,
        ).fetchone()[0]
        barcodes = p.get("barcodes", [])
        for code_ in barcodes:
            owner = conn.execute(
                "SELECT product_id FROM barcodes WHERE barcode = ?", (code_,)
            ).fetchone()
            if owner is not None and owner[0] != product_id:
                raise ProjectionError(f"บาร์โค้ด {code_} เป็นของสินค้าอื่นอยู่แล้ว")
        conn.execute("DELETE FROM barcodes WHERE product_id = ?", (product_id,))
        conn.executemany(
            "INSERT INTO barcodes (barcode, product_id) VALUES (?, ?)",
            [(b, product_id) for b in barcodes],
        )


def _barcode_assign(store: Store, entry: journal.Entry) -> None:
    """An in-store barcode printed for a product; replaying it again changes nothing."""
    p = entry.payload
    owner = store.conn.execute(
        "SELECT product_id FROM barcodes WHERE barcode = ?", (p["barcode"],)
    ).fetchone()
    if owner is not None and owner[0] != p["product_id"]:
        raise ProjectionError(f"บาร์โค้ด {p['barcode']} เป็นของสินค้าอื่นอยู่แล้ว")
    store.conn.execute(
        "INSERT OR IGNORE INTO barcodes (barcode, product_id) VALUES (?, ?)",
        (p["barcode"], p["product_id"]),
    )


def _stock_movements(
    store: Store, entry: journal.Entry, items: list[dict[str, Any]], reason: str, sign: int
) -> None:
    store.conn.executemany(
        "INSERT INTO stock_movements (product_id, qty, reason, terminal_id, seq, occurred_at)"
        " VALUES (?, ?, ?, ?, ?, ?)",
        [
            (
                i["product_id"],
                sign * i["qty"],
                reason,
                entry.terminal_id,
                entry.seq,
                entry.occurred_at,
            )
            for i in items
        ],
    )


def _stock_adjust(store: Store, entry: journal.Entry) -> None:
    _stock_movements(store, entry, entry.payload["items"], entry.payload["reason"], 1)


def _sale(store: Store, entry: journal.Entry) -> None:
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
            shift_projections.shift_id(store, entry.terminal_id, p.get("shift_seq")),
        ),
    ).fetchone()[0]
    conn.executemany(
        "INSERT INTO sale_lines (sale_id, line_no, product_id, name_th, qty,"
        " unit_price_satang, discount_satang, amount_satang) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
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
    _stock_movements(store, entry, p["lines"], "sale", -1)
    shift_projections.sale_approvals(store, entry)


def _tax_invoice(store: Store, entry: journal.Entry) -> None:
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


def _no_projection(store: Store, entry: journal.Entry) -> None:
    """Audit-only kinds (e.g. a cart voided before payment) change no table."""


HANDLERS: dict[str, Callable[[Store, journal.Entry], None]] = {
    "producer_upsert": _producer_upsert,
    "product_upsert": _product_upsert,
    "stock_adjust": _stock_adjust,
    "sale": _sale,
    "cart_void": _no_projection,
    "barcode_assign": _barcode_assign,
    "tax_invoice": _tax_invoice,
    **shift_projections.HANDLERS,
}

PROJECTED_TABLES = (
    *shift_projections.TABLES_BEFORE_SALES,
    "buyers",
    "tax_invoices",
    "payments",
    "sale_lines",
    "sales",
    "stock_movements",
    *shift_projections.TABLES_AFTER_SALES,
)


def apply(store: Store, entry: journal.Entry) -> None:
    try:
        handler = HANDLERS[entry.kind]
    except KeyError as exc:
        raise ProjectionError(f"unknown journal kind {entry.kind!r}") from exc
    handler(store, entry)


def record(
    store: Store,
    terminal_id: str,
    kind: str,
    occurred_at: str,
    user_id: int | None,
    payload: dict[str, Any],
) -> journal.Entry:
    """Append an entry and project it: the only way business data is written."""
    entry = journal.append(store, terminal_id, kind, occurred_at, user_id, payload)
    apply(store, entry)
    return entry


def rebuild(store: Store) -> int:
    """Clear the read-side tables and replay every journal entry in order."""
    with store.transaction():
        for table in PROJECTED_TABLES:
            store.conn.execute(f"DELETE FROM {table}")
        replayed = 0
        terminals = [r[0] for r in store.query("SELECT DISTINCT terminal_id FROM journal")]
        for terminal_id in sorted(terminals):
            for entry in journal.entries(store, terminal_id):
                if entry.kind in ("producer_upsert", "product_upsert"):
                    continue  # catalogue rows keep their ids; upserts are idempotent
                apply(store, entry)
                replayed += 1
        return replayed
