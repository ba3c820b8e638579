"""Projections of the catalogue: producers, products, their prices and barcodes."""

from __future__ import annotations

from otop_pos.db import journal
from otop_pos.db.projections.errors import ProjectionError
from otop_pos.db.store import Store
from otop_pos.domain.journal import catalogue as declared

PRODUCER_COLUMNS = tuple(f.name for f in declared.PRODUCER.fields)
"""Every producer column an entry carries: the declaration fills what old entries lack."""


def producer_upsert(store: Store, entry: journal.Entry) -> None:
    cols = ", ".join(PRODUCER_COLUMNS)
    names = ", ".join(f":{c}" for c in PRODUCER_COLUMNS)
    sets = ", ".join(f"{c} = excluded.{c}" for c in PRODUCER_COLUMNS if c != "code")
    store.conn.executemany(
        f"INSERT INTO producers ({cols}) VALUES ({names}) ON CONFLICT(code) DO UPDATE SET {sets}",
        entry.payload["producers"],
    )


def product_upsert(store: Store, entry: journal.Entry) -> None:
    conn = store.conn
    producer_ids = {code: pid for pid, code in conn.execute("SELECT id, code FROM producers")}
    for p in entry.payload["products"]:
        code = p["producer_code"] or None
        if code is not None and code not in producer_ids:
            raise ProjectionError(f"ไม่พบผู้ผลิตรหัส {code}")
        params = dict(p, producer_id=producer_ids.get(code) if code else None)
        old = conn.execute(
            "SELECT price_satang FROM products WHERE sku = ?", (p["sku"],)
        ).fetchone()
        product_id = conn.execute(
            "INSERT INTO products (sku, name_th, name_en, category, stars, producer_id,"
            " price_satang, vat_applicable, ownership, quick_key, active, commission_bp,"
            " min_stock, unit, scale_code)"
            " VALUES (:sku, :name_th, :name_en, :category, :stars, :producer_id,"
            " :price_satang, :vat_applicable, :ownership, :quick_key, :active,"
            " :commission_bp, :min_stock, :unit, :scale_code)"
            " ON CONFLICT(sku) DO UPDATE SET name_th = excluded.name_th,"
            " name_en = excluded.name_en, category = excluded.category,"
            " stars = excluded.stars, producer_id = excluded.producer_id,"
            " price_satang = excluded.price_satang,"
            " vat_applicable = excluded.vat_applicable, ownership = excluded.ownership,"
            " quick_key = excluded.quick_key, active = excluded.active,"
            " commission_bp = excluded.commission_bp, min_stock = excluded.min_stock,"
            " unit = excluded.unit, scale_code = excluded.scale_code"
            " RETURNING id",
            params,
        ).fetchone()[0]
        if old is None or old[0] != p["price_satang"]:
            price_history(store, entry, product_id, old and old[0], p["price_satang"])
        barcodes = p["barcodes"]
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


def price_history(
    store: Store, entry: journal.Entry, product_id: int, old: int | None, new: int
) -> None:
    store.conn.execute(
        "INSERT INTO price_history (product_id, old_price_satang, new_price_satang, changed_at,"
        " changed_by, terminal_id, seq) VALUES (?, ?, ?, ?, ?, ?, ?)",
        (product_id, old, new, entry.occurred_at, entry.user_id, entry.terminal_id, entry.seq),
    )


def barcode_assign(store: Store, entry: journal.Entry) -> None:
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
