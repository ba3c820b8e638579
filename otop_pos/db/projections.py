"""Read-side tables derived from journal entries.

`apply` runs in the same transaction as `journal.append`, so the tables and
the journal can never disagree; `rebuild` replays the journal from scratch,
which is also how a test proves the tables are only a projection.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from otop_pos.db import consignment_projections, journal, shift_projections
from otop_pos.db.store import Store


class ProjectionError(ValueError):
    """An entry that cannot be applied; the transaction is rolled back."""


PRODUCER_DEFAULTS: dict[str, Any] = {
    "district": "", "province": "", "contact": "", "commission_bp": 0, "active": True,
    "reg_no": "", "tax_id": "", "bank_name": "", "bank_account": "", "account_name": "",
    "promptpay_id": "", "vat_registered": False,
}  # fmt: skip
_PRODUCER_COLUMNS = ("code", "name", "type", *PRODUCER_DEFAULTS)


def _producer_upsert(store: Store, entry: journal.Entry) -> None:
    cols = ", ".join(_PRODUCER_COLUMNS)
    names = ", ".join(f":{c}" for c in _PRODUCER_COLUMNS)
    sets = ", ".join(f"{c} = excluded.{c}" for c in _PRODUCER_COLUMNS if c != "code")
    store.conn.executemany(
        f"INSERT INTO producers ({cols}) VALUES ({names}) ON CONFLICT(code) DO UPDATE SET {sets}",
        [PRODUCER_DEFAULTS | p for p in entry.payload["producers"]],
    )


def _product_upsert(store: Store, entry: journal.Entry) -> None:
    conn = store.conn
    producer_ids = {code: pid for pid, code in conn.execute("SELECT id, code FROM producers")}
    for p in entry.payload["products"]:
        code = p.get("producer_code") or None
        if code is not None and code not in producer_ids:
            raise ProjectionError(f"ไม่พบผู้ผลิตรหัส {code}")
        params = {"commission_bp": None, "min_stock": 0} | dict(
            p, producer_id=producer_ids.get(code) if code else None
        )
        old = conn.execute(
            "SELECT price_satang FROM products WHERE sku = ?", (p["sku"],)
        ).fetchone()
        product_id = conn.execute(
            "INSERT INTO products (sku, name_th, name_en, category, stars, producer_id,"
            " price_satang, vat_applicable, ownership, quick_key, active, commission_bp,"
            " min_stock)"
            " VALUES (:sku, :name_th, :name_en, :category, :stars, :producer_id,"
            " :price_satang, :vat_applicable, :ownership, :quick_key, :active,"
            " :commission_bp, :min_stock)"
            " ON CONFLICT(sku) DO UPDATE SET name_th = excluded.name_th,"
            " name_en = excluded.name_en, category = excluded.category,"
            " stars = excluded.stars, producer_id = excluded.producer_id,"
            " price_satang = excluded.price_satang,"
            " vat_applicable = excluded.vat_applicable, ownership = excluded.ownership,"
            " quick_key = excluded.quick_key, active = excluded.active,"
            " commission_bp = excluded.commission_bp, min_stock = excluded.min_stock"
            " RETURNING id",
            params,
        ).fetchone()[0]
        if old is None or old[0] != p["price_satang"]:
            _price_history(store, entry, product_id, old and old[0], p["price_satang"])
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


def _price_history(
    store: Store, entry: journal.Entry, product_id: int, old: int | None, new: int
) -> None:
    store.conn.execute(
        "INSERT INTO price_history (product_id, old_price_satang, new_price_satang, changed_at,"
        " changed_by, terminal_id, seq) VALUES (?, ?, ?, ?, ?, ?, ?)",
        (product_id, old, new, entry.occurred_at, entry.user_id, entry.terminal_id, entry.seq),
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
    shift_projections.movements(
        store, entry, [(i["product_id"], sign * i["qty"], reason) for i in items]
    )


def _line_owners(store: Store, lines: list[dict[str, Any]]) -> dict[int, tuple[Any, str, int]]:
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
    owners = _line_owners(store, p["lines"])
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
    "sale": _sale,
    "cart_void": _no_projection,
    "barcode_assign": _barcode_assign,
    "tax_invoice": _tax_invoice,
    **shift_projections.HANDLERS,
    **consignment_projections.HANDLERS,
}

PROJECTED_TABLES = (
    *consignment_projections.TABLES,
    *shift_projections.TABLES_BEFORE_SALES,
    "buyers",
    "tax_invoices",
    "payments",
    "sale_month_sums",
    "sale_lines",
    "sale_days",
    "sales",
    "stock_month_sums",
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
