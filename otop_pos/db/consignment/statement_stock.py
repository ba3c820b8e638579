"""Stock reads for statements and the producer's view: what moved and what is on hand.

On hand at a period's end is today's level (`stock_levels`) minus what moved
since: the whole months since from `stock_month_sums`, the rest of the end's
month off `stock_movements_product` (product, time, qty), product by
product, so nothing is sorted and no movement before the end is touched.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from typing import Any

from otop_pos.db.consignment.months import month_range, whole_months
from otop_pos.db.consignment.statement_window import distinct, producer_filter
from otop_pos.db.store import Store

STOCK_COLUMNS = {"intake": "received", "return": "returned"}
SALE_REASONS = ("sale", "void", "refund")


def reasons(store: Store) -> list[str]:
    """Every movement reason in use, off the reason index."""
    return distinct(store, "stock_movements", "reason")


def stock_rows(
    store: Store, producer_ids: Sequence[int], start_iso: str, end_iso: str
) -> dict[int, dict[int, dict[str, int]]]:
    """Per producer and product: received, returned, adjusted in the period; on hand at its end."""
    out: dict[int, dict[int, dict[str, int]]] = {}
    params: list[Any] = []
    months, edges = whole_months(end_iso, None)
    moved = ["0"]
    for x, y in edges:  # the rest of the end's month, off the product index
        moved.append(
            "coalesce((SELECT sum(m.qty) FROM stock_movements m WHERE m.product_id = p.id"
            " AND m.occurred_at >= ? AND m.occurred_at < ?), 0)"
        )
        params += [x, y]
    if months is not None:  # the whole months since, summed
        within = month_range("s", months, params)
        moved.append(
            "coalesce((SELECT sum(s.qty) FROM stock_month_sums s"
            f" WHERE s.product_id = p.id AND {within}), 0)"
        )
    flt = producer_filter("p", producer_ids, params)
    products: dict[int, int] = {}
    for pid, producer, level, after in store.query(
        f"SELECT p.id, p.producer_id, l.qty, {' + '.join(moved)} FROM products p"
        f" LEFT JOIN stock_levels l ON l.product_id = p.id WHERE {flt}",
        params,
    ):  # only these producers' products: one producer's view must not read every product
        products[int(pid)] = int(producer)
        on_hand = int(level or 0) - int(after or 0)
        if on_hand:
            out.setdefault(int(producer), {}).setdefault(int(pid), {})["on_hand"] = on_hand
    kept = [r for r in reasons(store) if r not in SALE_REASONS]
    params = [json.dumps(kept), start_iso, end_iso]
    flt = producer_filter("p", producer_ids, params)
    for product_id, reason, qty in store.query(  # the period's intakes, returns, counts
        "SELECT m.product_id, m.reason, sum(m.qty)"
        " FROM stock_movements m INDEXED BY stock_movements_reason"
        " WHERE m.reason IN (SELECT value FROM json_each(?))"
        " AND m.occurred_at >= ? AND m.occurred_at < ?"
        f" AND m.product_id IN (SELECT p.id FROM products p WHERE {flt})"
        " GROUP BY 1, 2",
        params,
    ):  # only these producers' products: one producer's view must not sum everyone's
        producer = products.get(int(product_id))
        if producer is None:
            continue
        column = STOCK_COLUMNS.get(reason, "adjusted")
        sums = out.setdefault(producer, {}).setdefault(int(product_id), {})
        sign = -1 if column == "returned" else 1
        sums[column] = sums.get(column, 0) + sign * int(qty)
    return out


def product_names(store: Store, product_ids: Iterable[int]) -> dict[int, tuple[str, str, str]]:
    """product id -> (sku, Thai name, current ownership)."""
    ids = json.dumps(sorted(set(product_ids)))
    return {
        int(r[0]): (str(r[1]), str(r[2]), str(r[3]))
        for r in store.query(
            "SELECT id, sku, name_th, ownership FROM products"
            " WHERE id IN (SELECT value FROM json_each(?))",
            (ids,),
        )
    }


def measured_units(store: Store, product_ids: Iterable[int]) -> dict[int, str]:
    """product id -> unit, for those of these products sold by weight or measure."""
    ids = json.dumps(sorted(set(product_ids)))
    return {
        int(r[0]): str(r[1])
        for r in store.query(
            "SELECT id, unit FROM products WHERE unit != 'piece'"
            " AND id IN (SELECT value FROM json_each(?))",
            (ids,),
        )
    }


def producer_stock(store: Store, producer_id: int) -> list[dict[str, Any]]:
    """A producer's active products with their stock on hand now."""
    return [
        dict(r)
        for r in store.query(
            "SELECT p.sku, p.name_th, p.ownership, p.price_satang, p.unit,"
            " coalesce(l.qty, 0) AS on_hand FROM products p"
            " LEFT JOIN stock_levels l ON l.product_id = p.id"
            " WHERE p.producer_id = ? AND (p.active OR coalesce(l.qty, 0) != 0)"
            " ORDER BY p.ownership, p.sku",
            (producer_id,),
        )
    ]
