"""Reads for consignment statements: what each producer sold, got back and holds.

A statement takes the journal entries that happened before its end and were
recorded before it (`covers`: each terminal's last seq at settlement time),
minus what the producer's previous statement already took. A refund made
after a settlement, or a sale from a till that synced late, is therefore
never lost and never changes a settled statement: it falls into the next
one, in the "earlier periods" column because its sale is from before that
statement's start.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from otop_pos.db.store import Store


@dataclass(frozen=True)
class Window:
    start_iso: str  # the period's first moment (UTC ISO)
    end_iso: str  # exclusive
    covers: dict[str, int]  # terminal -> last seq taken
    last_end_iso: str | None = None  # the previous statement's end, if any
    last_covers: dict[str, int] = field(default_factory=dict)


@dataclass
class Row:
    """Signed sums for one product, ownership and rate."""

    product_id: int
    ownership: str
    commission_bp: int
    sold: int = 0
    sales: int = 0
    refunded: int = 0
    refunds: int = 0
    earlier: int = 0
    earlier_amount: int = 0


def terminals(store: Store) -> list[str]:
    """Every terminal in the journal, by skipping along its primary key."""
    rows = store.query(
        "WITH RECURSIVE t(id) AS (SELECT min(terminal_id) FROM journal UNION ALL"
        " SELECT (SELECT min(terminal_id) FROM journal WHERE terminal_id > t.id) FROM t"
        " WHERE t.id IS NOT NULL) SELECT id FROM t WHERE id IS NOT NULL"
    )
    return [str(r[0]) for r in rows]


def heads(store: Store) -> dict[str, int]:
    """Each terminal's last seq: what a statement made now covers."""
    out: dict[str, int] = {}
    for t in terminals(store):
        out[t] = int(store.scalar("SELECT max(seq) FROM journal WHERE terminal_id = ?", (t,)) or 0)
    return out


def _covered(alias: str, covers: dict[str, int], params: list[Any]) -> str:
    if not covers:
        return "0"
    whens = []
    for terminal, seq in sorted(covers.items()):
        whens.append(f"WHEN ? THEN {alias}.seq <= ?")
        params += [terminal, seq]
    return f"(CASE {alias}.terminal_id {' '.join(whens)} ELSE 0 END)"


def _condition(alias: str, time_col: str, w: Window) -> tuple[str, list[Any]]:
    params: list[Any] = [w.end_iso]
    sql = f"{alias}.{time_col} < ? AND " + _covered(alias, w.covers, params)
    if w.last_end_iso is not None:
        params.append(w.last_end_iso)
        sql += f" AND NOT ({alias}.{time_col} < ? AND " + _covered(alias, w.last_covers, params)
        sql += ")"
    return sql, params


def _lowest_sale_id(store: Store, w: Window) -> int:
    """No sale below this id can be taken: it was before and inside the last statement."""
    if w.last_end_iso is None:
        return 0
    lows = [store.scalar("SELECT min(id) FROM sales WHERE occurred_at >= ?", (w.last_end_iso,))]
    for t in terminals(store):
        last = w.last_covers.get(t, 0)
        lows.append(
            store.scalar("SELECT min(id) FROM sales WHERE terminal_id = ? AND seq > ?", (t, last))
        )
    found = [int(x) for x in lows if x is not None]
    return min(found) if found else 1 << 62


def _producer_filter(alias: str, producer_ids: Sequence[int], params: list[Any]) -> str:
    params.append(json.dumps(list(producer_ids)))
    return f"{alias}.producer_id IN (SELECT value FROM json_each(?))"


def money_rows(
    store: Store, producer_ids: Sequence[int], w: Window
) -> dict[int, dict[tuple[int, str, int], Row]]:
    """Per producer: (product, ownership, rate) -> sold, refunded and earlier sums."""
    out: dict[int, dict[tuple[int, str, int], Row]] = {}

    def row(pid: int, product: int, ownership: str, bp: int) -> Row:
        by = out.setdefault(pid, {})
        key = (product, ownership, bp)
        if key not in by:
            by[key] = Row(product, ownership, bp)
        return by[key]

    cond, params = _condition("s", "occurred_at", w)
    params = [w.start_iso, _lowest_sale_id(store, w), *params]
    flt = _producer_filter("sl", producer_ids, params)
    for r in store.conn.execute(
        "SELECT sl.producer_id, sl.product_id, sl.ownership, sl.commission_bp,"
        " s.occurred_at >= ? AS now_, sum(sl.qty), sum(sl.amount_satang)"
        " FROM sale_lines sl JOIN sales s ON s.id = sl.sale_id"
        f" WHERE sl.sale_id >= ? AND {cond} AND {flt} GROUP BY 1, 2, 3, 4, 5",
        params,
    ):
        x = row(*r[:4])
        if r[4]:
            x.sold += r[5]
            x.sales += r[6]
        else:
            x.earlier += r[5]
            x.earlier_amount += r[6]
    cond, params = _condition("v", "voided_at", w)
    params = [w.start_iso, *params]
    flt = _producer_filter("sl", producer_ids, params)
    for r in store.conn.execute(
        "SELECT sl.producer_id, sl.product_id, sl.ownership, sl.commission_bp,"
        " s.occurred_at >= ?, sum(sl.qty), sum(sl.amount_satang)"
        " FROM sale_voids v JOIN sales s ON s.id = v.sale_id"
        " JOIN sale_lines sl ON sl.sale_id = v.sale_id"
        f" WHERE {cond} AND {flt} GROUP BY 1, 2, 3, 4, 5",
        params,
    ):
        x = row(*r[:4])
        if r[4]:
            x.sold -= r[5]
            x.sales -= r[6]
        else:
            x.earlier -= r[5]
            x.earlier_amount -= r[6]
    cond, params = _condition("f", "occurred_at", w)
    params = [w.start_iso, *params]
    flt = _producer_filter("sl", producer_ids, params)
    for r in store.conn.execute(
        "SELECT sl.producer_id, sl.product_id, sl.ownership, sl.commission_bp,"
        " s.occurred_at >= ?, sum(rl.qty), sum(rl.amount_satang)"
        " FROM refunds f JOIN refund_lines rl ON rl.refund_id = f.id"
        " JOIN sales s ON s.id = f.sale_id"
        " JOIN sale_lines sl ON sl.sale_id = f.sale_id AND sl.line_no = rl.sale_line_no"
        f" WHERE {cond} AND {flt} GROUP BY 1, 2, 3, 4, 5",
        params,
    ):
        x = row(*r[:4])
        if r[4]:
            x.refunded += r[5]
            x.refunds += r[6]
        else:
            x.earlier -= r[5]
            x.earlier_amount -= r[6]
    return out


STOCK_COLUMNS = {"intake": "received", "return": "returned"}
SALE_REASONS = ("sale", "void", "refund")


def reasons(store: Store) -> list[str]:
    """Every movement reason in use, by skipping along the reason index."""
    rows = store.query(
        "WITH RECURSIVE t(r) AS (SELECT min(reason) FROM stock_movements UNION ALL"
        " SELECT (SELECT min(reason) FROM stock_movements WHERE reason > t.r) FROM t"
        " WHERE t.r IS NOT NULL) SELECT r FROM t WHERE r IS NOT NULL"
    )
    return [str(r[0]) for r in rows]


def daily_sales(
    store: Store, producer_id: int, start_iso: str, end_iso: str
) -> list[tuple[str, str, int, int]]:
    """(Bangkok day, ownership, qty, amount) of a producer's sales, net of voids and refunds."""
    low = store.scalar("SELECT min(id) FROM sales WHERE occurred_at >= ?", (start_iso,))
    if low is None:
        return []
    day = "date(s.occurred_at, '+7 hours')"
    rows = store.query(
        f"SELECT {day}, sl.ownership, sum(sl.qty), sum(sl.amount_satang)"
        " FROM sale_lines sl JOIN sales s ON s.id = sl.sale_id"
        " WHERE sl.producer_id = ? AND sl.sale_id >= ? AND s.occurred_at >= ?"
        " AND s.occurred_at < ? AND s.status = 'completed' GROUP BY 1, 2"
        " UNION ALL"
        " SELECT date(f.occurred_at, '+7 hours'), sl.ownership, -sum(rl.qty),"
        " -sum(rl.amount_satang) FROM refunds f JOIN refund_lines rl ON rl.refund_id = f.id"
        " JOIN sale_lines sl ON sl.sale_id = f.sale_id AND sl.line_no = rl.sale_line_no"
        " WHERE sl.producer_id = ? AND f.occurred_at >= ? AND f.occurred_at < ? GROUP BY 1, 2",
        (producer_id, int(low), start_iso, end_iso, producer_id, start_iso, end_iso),
    )
    merged: dict[tuple[str, str], list[int]] = {}
    for d, ownership, qty, amount in rows:
        acc = merged.setdefault((str(d), str(ownership)), [0, 0])
        acc[0] += int(qty)
        acc[1] += int(amount)
    return [(d, o, q, a) for (d, o), (q, a) in sorted(merged.items())]


def stock_rows(
    store: Store, producer_ids: Sequence[int], start_iso: str, end_iso: str
) -> dict[int, dict[int, dict[str, int]]]:
    """Per producer and product: received, returned, adjusted in the period; on hand at its end."""
    out: dict[int, dict[int, dict[str, int]]] = {}
    params: list[Any] = []
    flt = _producer_filter("p", producer_ids, params)
    products = {
        int(r[0]): int(r[1])
        for r in store.query(f"SELECT p.id, p.producer_id FROM products p WHERE {flt}", params)
    }
    after = dict(
        store.query(
            "SELECT product_id, sum(qty) FROM stock_movements WHERE occurred_at >= ?"
            " GROUP BY product_id",
            (end_iso,),
        )
    )
    levels = dict(store.query("SELECT product_id, qty FROM stock_levels"))
    for pid, producer in products.items():
        on_hand = int(levels.get(pid, 0)) - int(after.get(pid, 0))
        if on_hand:
            out.setdefault(producer, {}).setdefault(pid, {})["on_hand"] = on_hand
    kept = [r for r in reasons(store) if r not in SALE_REASONS]
    for product_id, reason, qty in store.query(
        "SELECT product_id, reason, sum(qty) FROM stock_movements"
        " WHERE reason IN (SELECT value FROM json_each(?))"
        " AND occurred_at >= ? AND occurred_at < ? GROUP BY product_id, reason",
        (json.dumps(kept), start_iso, end_iso),
    ):
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


def producer_stock(store: Store, producer_id: int) -> list[dict[str, Any]]:
    """A producer's active products with their stock on hand now."""
    return [
        dict(r)
        for r in store.query(
            "SELECT p.sku, p.name_th, p.ownership, p.price_satang,"
            " coalesce(l.qty, 0) AS on_hand FROM products p"
            " LEFT JOIN stock_levels l ON l.product_id = p.id"
            " WHERE p.producer_id = ? AND (p.active OR coalesce(l.qty, 0) != 0)"
            " ORDER BY p.ownership, p.sku",
            (producer_id,),
        )
    ]


def first_activity(store: Store, producer_id: int) -> str | None:
    """The UTC time of a producer's first sale or intake, if any."""
    sale = store.scalar(
        "SELECT s.occurred_at FROM sales s WHERE s.id ="
        " (SELECT min(sale_id) FROM sale_lines WHERE producer_id = ?)",
        (producer_id,),
    )
    intake = store.scalar(
        "SELECT min(received_at) FROM intakes WHERE producer_id = ?", (producer_id,)
    )
    found = [t for t in (sale, intake) if t]
    return min(found) if found else None
