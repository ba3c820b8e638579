"""Stock reads: on hand, movement history, alerts and the lots behind expiry dates.

On hand is the sum of movements; `stock_levels` caches that sum through a
trigger, so these reads never add up millions of movement rows. The
history is the one place that reads the movements themselves.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import Any

from otop_pos.db.store import Store

_PRODUCT = (
    "p.id, p.sku, p.name_th, p.name_en, p.category, p.ownership, p.price_satang, p.active,"
    " p.min_stock, p.producer_id, p.unit, coalesce(r.code, '') AS producer_code,"
    " coalesce(r.name, '') AS producer_name, coalesce(s.qty, 0) AS on_hand"
)
_FROM = (
    " FROM products p LEFT JOIN producers r ON r.id = p.producer_id"
    " LEFT JOIN stock_levels s ON s.product_id = p.id"
)


def on_hand(store: Store, product_id: int) -> int:
    return int(
        store.scalar(
            "SELECT coalesce((SELECT qty FROM stock_levels WHERE product_id = ?), 0)",
            (product_id,),
        )
    )


def on_hand_all(store: Store) -> dict[int, int]:
    return {int(r[0]): int(r[1]) for r in store.query("SELECT product_id, qty FROM stock_levels")}


def levels(store: Store, product_ids: Iterable[int]) -> dict[int, int]:
    """product id -> on hand for these products (0 for one never moved)."""
    ids = sorted(set(product_ids))
    found = dict(
        store.query(
            "SELECT product_id, qty FROM stock_levels"
            " WHERE product_id IN (SELECT value FROM json_each(?))",
            (json.dumps(ids),),
        )
    )
    return {pid: int(found.get(pid, 0)) for pid in ids}


def product_by_code(store: Store, code: str) -> dict[str, Any] | None:
    """A product by barcode, else by SKU, active or not (the caller says why it cannot be used)."""
    row = store.one(
        f"SELECT {_PRODUCT}{_FROM} WHERE p.id = (SELECT product_id FROM barcodes WHERE barcode = ?)",
        (code,),
    )
    if row is None:
        row = store.one(f"SELECT {_PRODUCT}{_FROM} WHERE p.sku = ?", (code,))
    return None if row is None else dict(row)


def products(store: Store, product_ids: Iterable[int]) -> dict[int, dict[str, Any]]:
    """product id -> product with producer and on hand; unknown ids are left out."""
    rows = store.query(
        f"SELECT {_PRODUCT}{_FROM} WHERE p.id IN (SELECT value FROM json_each(?))",
        (json.dumps(sorted(set(product_ids))),),
    )
    return {int(r["id"]): dict(r) for r in rows}


def stock_rows(
    store: Store,
    producer_id: int | None = None,
    category: str | None = None,
    text: str = "",
    include_unassigned: bool = True,
) -> list[dict[str, Any]]:
    """Products with their on hand: active ones, and inactive ones still holding stock.

    ``text`` matches the Thai or English name, the SKU or a barcode.
    """
    where = ["(p.active OR coalesce(s.qty, 0) != 0)"]
    params: list[Any] = []
    if producer_id is not None:
        where.append("p.producer_id = ?")
        params.append(producer_id)
    elif not include_unassigned:
        where.append("p.producer_id IS NOT NULL")
    if category:
        where.append("p.category = ?")
        params.append(category)
    for word in text.split():
        where.append(
            "(instr(p.name_th, ?) OR instr(lower(p.name_en), ?) OR instr(lower(p.sku), ?)"
            " OR EXISTS (SELECT 1 FROM barcodes b WHERE b.product_id = p.id AND b.barcode = ?))"
        )
        params += [word, word.lower(), word.lower(), word]
    return [
        dict(r)
        for r in store.query(
            f"SELECT {_PRODUCT}{_FROM} WHERE {' AND '.join(where)}"
            " ORDER BY producer_code, p.ownership, p.sku",
            params,
        )
    ]


def producer_totals(store: Store) -> list[dict[str, Any]]:
    """Per producer and ownership: pieces and their value at today's selling price.

    A negative on hand (sold before the intake was keyed) counts as none:
    it is a paperwork gap, not goods on the shelf. Weighed goods (kept in
    thousandths) add their value, rounded half up per product, but no pieces.
    """
    here = "max(coalesce(s.qty, 0), 0)"
    return [
        dict(r)
        for r in store.query(
            "SELECT coalesce(r.code, '') AS producer_code, coalesce(r.name, '') AS producer_name,"
            f" p.ownership, sum(CASE WHEN p.unit = 'piece' THEN {here} ELSE 0 END) AS qty,"
            f" sum(CASE WHEN p.unit = 'piece' THEN {here} * p.price_satang"
            f" ELSE ({here} * p.price_satang + 500) / 1000 END) AS value_satang,"
            " count(*) AS products"
            f"{_FROM} WHERE p.active OR coalesce(s.qty, 0) != 0"
            " GROUP BY p.producer_id, p.ownership ORDER BY producer_code, p.ownership"
        )
    ]


def history(store: Store, product_id: int, limit: int = 500) -> list[dict[str, Any]]:
    """Movements of one product, newest first, with the balance after each.

    Sales, voids and refunds carry no document number of their own: the
    receipt or refund number comes from the entry that made the movement.
    """
    return [
        dict(r)
        for r in store.query(
            "SELECT m.id, m.occurred_at, m.reason, m.qty, m.note, m.terminal_id, m.seq,"
            " sum(m.qty) OVER (ORDER BY m.occurred_at, m.id ROWS UNBOUNDED PRECEDING)"
            " AS balance,"
            " coalesce(nullif(m.doc_no, ''), s.receipt_no, vs.receipt_no, f.refund_no, '')"
            " AS doc_no"
            " FROM stock_movements m"
            " LEFT JOIN sales s ON s.terminal_id = m.terminal_id AND s.seq = m.seq"
            " LEFT JOIN sale_voids v ON v.terminal_id = m.terminal_id AND v.seq = m.seq"
            " LEFT JOIN sales vs ON vs.id = v.sale_id"
            " LEFT JOIN refunds f ON f.terminal_id = m.terminal_id AND f.seq = m.seq"
            " WHERE m.product_id = ? ORDER BY m.occurred_at DESC, m.id DESC LIMIT ?",
            (product_id, limit),
        )
    ]


def low_stock(store: Store) -> list[dict[str, Any]]:
    """Active products with a minimum set and no more than that left."""
    return [
        dict(r)
        for r in store.query(
            f"SELECT {_PRODUCT}{_FROM} WHERE p.active AND p.min_stock > 0"
            " AND coalesce(s.qty, 0) <= p.min_stock ORDER BY producer_code, p.sku"
        )
    ]


def lots_expiring_by(store: Store, last_day: str) -> list[dict[str, Any]]:
    """Every intake line of the products in stock that have a lot expiring by ``last_day``.

    All their lines are returned, newest delivery first, because which lots
    are still on the shelf depends on the later deliveries too.
    """
    return [
        dict(r)
        for r in store.query(
            "WITH hit AS (SELECT DISTINCT l.product_id FROM intake_lines l"
            "  JOIN stock_levels s ON s.product_id = l.product_id AND s.qty > 0"
            "  WHERE l.expiry IS NOT NULL AND l.expiry <= ?)"
            " SELECT l.product_id, l.qty, l.lot, l.expiry, l.line_no, i.intake_no,"
            " i.received_at, p.sku, p.name_th, p.category, p.unit,"
            " coalesce(r.code, '') AS producer_code,"
            " coalesce(s.qty, 0) AS on_hand"
            " FROM intake_lines l JOIN intakes i ON i.id = l.intake_id"
            " JOIN products p ON p.id = l.product_id"
            " LEFT JOIN producers r ON r.id = p.producer_id"
            " LEFT JOIN stock_levels s ON s.product_id = p.id"
            " WHERE l.product_id IN (SELECT product_id FROM hit)"
            " ORDER BY l.product_id, i.received_at DESC, i.id DESC, l.line_no DESC",
            (last_day,),
        )
    ]


def products_of(store: Store, producer_id: int, active_only: bool = True) -> list[dict[str, Any]]:
    """One producer's products by Thai name, for picking at intake or return."""
    flag = " AND p.active" if active_only else ""
    return [
        dict(r)
        for r in store.query(
            f"SELECT {_PRODUCT}{_FROM} WHERE p.producer_id = ?{flag} ORDER BY p.name_th",
            (producer_id,),
        )
    ]
