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


def _lowest_sale_id(
    store: Store,
    w: Window,
    table: str = "sales",
    key: str = "id",
    time_col: str = "occurred_at",
    time_index: str = "sales_occurred",
) -> int:
    """No sale below this id can be taken: it was before and inside the last statement.

    The same bound for voids (`sale_voids`, keyed by sale id) and refunds
    (`refunds`, by refund id): each of these rows also carries its terminal,
    seq and time, and one taken now either happened after the last
    statement's end or was recorded after its covers. The time index is
    named: left to itself, SQLite answers min(id) by walking the table up
    from its first row (every sale before the period: 140 ms in 1.5M sales),
    where the index walks only the rows since the last statement (11 ms).
    """
    if w.last_end_iso is None:
        return 0
    lows = [
        store.scalar(
            f"SELECT min({key}) FROM {table} INDEXED BY {time_index} WHERE {time_col} >= ?",
            (w.last_end_iso,),
        )
    ]
    for t in terminals(store):
        last = w.last_covers.get(t, 0)
        lows.append(
            store.scalar(
                f"SELECT min({key}) FROM {table} WHERE terminal_id = ? AND seq > ?", (t, last)
            )
        )
    found = [int(x) for x in lows if x is not None]
    return min(found) if found else 1 << 62


def _producer_filter(alias: str, producer_ids: Sequence[int], params: list[Any]) -> str:
    params.append(json.dumps(list(producer_ids)))
    return f"{alias}.producer_id IN (SELECT value FROM json_each(?))"


def money_rows(
    store: Store, producer_ids: Sequence[int], w: Window
) -> dict[int, dict[tuple[int, str, int], Row]]:
    """Per producer: (product, ownership, rate) -> sold, refunded and earlier sums.

    Every read is bounded by ids: from the lowest that can still be taken
    (`_lowest_sale_id`) to, for sales, the highest sale before the period's
    end (a walk down from the newest sale). A batch (a quarter of the
    producers or more) reads the period's sales in id order with their lines
    beside them and keeps its producers' groups afterwards; a few producers
    read their own lines off `sale_lines_producer`. Sales of this period and
    of earlier ones are summed side by side, not grouped apart: the sort
    behind GROUP BY is most of the cost of a month's 370,000 lines. Voids
    and refunds are read from their own tables (few) and joined to lines.
    """
    out: dict[int, dict[tuple[int, str, int], Row]] = {}

    def row(pid: int, product: int, ownership: str, bp: int) -> Row:
        by = out.setdefault(pid, {})
        key = (product, ownership, bp)
        if key not in by:
            by[key] = Row(product, ownership, bp)
        return by[key]

    if not producer_ids:
        return out
    wanted = set(producer_ids)
    everyone = int(store.scalar("SELECT count(*) FROM producers") or 0)
    batch = len(wanted) * 4 >= everyone
    high = store.scalar(
        "SELECT id FROM sales WHERE +occurred_at < ? ORDER BY id DESC LIMIT 1", (w.end_iso,)
    )  # no sale above it is before the end: usually a short walk down from the newest
    cond, params = _condition("s", "occurred_at", w)
    now_ = "CASE WHEN s.occurred_at >= ? THEN sl.{} ELSE 0 END"
    params = [w.start_iso, w.start_iso, _lowest_sale_id(store, w), high or 0, *params]
    if batch:  # every line in the range; other producers' groups are dropped below
        source = (
            " FROM sales s CROSS JOIN sale_lines sl ON sl.sale_id = s.id"
            f" WHERE s.id BETWEEN ? AND ? AND {cond} AND sl.producer_id IS NOT NULL"
        )
    else:
        flt = _producer_filter("sl", producer_ids, params)
        source = (
            " FROM sale_lines sl JOIN sales s ON s.id = sl.sale_id"
            f" WHERE sl.sale_id BETWEEN ? AND ? AND {cond} AND {flt}"
        )
    threads = int(store.scalar("PRAGMA threads") or 0)
    try:  # a batch sorts ~370,000 lines a month: SQLite's sorter may use helper threads
        if batch:
            store.conn.execute("PRAGMA threads = 4")
        found = store.conn.execute(
            "SELECT sl.producer_id, sl.product_id, sl.ownership, sl.commission_bp,"
            f" sum({now_.format('qty')}), sum({now_.format('amount_satang')}),"
            f" sum(sl.qty), sum(sl.amount_satang){source} GROUP BY 1, 2, 3, 4",
            params,
        ).fetchall()
    finally:
        store.conn.execute(f"PRAGMA threads = {threads}")
    for r in found:
        if r[0] not in wanted:
            continue
        x = row(*r[:4])
        x.sold += r[4]
        x.sales += r[5]
        x.earlier += r[6] - r[4]
        x.earlier_amount += r[7] - r[5]
    cond, params = _condition("v", "voided_at", w)
    params = [
        w.start_iso,
        _lowest_sale_id(store, w, "sale_voids", "sale_id", "voided_at", "sale_voids_voided"),
        *params,
    ]
    flt = _producer_filter("sl", producer_ids, params)
    for r in store.conn.execute(
        "SELECT sl.producer_id, sl.product_id, sl.ownership, sl.commission_bp,"
        " s.occurred_at >= ?, sum(sl.qty), sum(sl.amount_satang)"
        " FROM sale_voids v CROSS JOIN sales s ON s.id = v.sale_id"
        " CROSS JOIN sale_lines sl ON sl.sale_id = v.sale_id"
        f" WHERE v.sale_id >= ? AND {cond} AND {flt} GROUP BY 1, 2, 3, 4, 5",
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
    params = [
        w.start_iso,
        _lowest_sale_id(store, w, "refunds", time_index="refunds_occurred"),
        *params,
    ]
    flt = _producer_filter("sl", producer_ids, params)
    for r in store.conn.execute(
        "SELECT sl.producer_id, sl.product_id, sl.ownership, sl.commission_bp,"
        " s.occurred_at >= ?, sum(rl.qty), sum(rl.amount_satang)"
        " FROM refunds f CROSS JOIN refund_lines rl ON rl.refund_id = f.id"
        " CROSS JOIN sales s ON s.id = f.sale_id"
        " CROSS JOIN sale_lines sl ON sl.sale_id = f.sale_id AND sl.line_no = rl.sale_line_no"
        f" WHERE f.id >= ? AND {cond} AND {flt} GROUP BY 1, 2, 3, 4, 5",
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
    """(Bangkok day, ownership, qty, amount) of a producer's sales, net of voids and refunds.

    Refunds are read from `refunds` by time (CROSS JOIN keeps that order): by
    the producer's lines instead, it would be every line they ever sold.
    """
    low = store.scalar(  # the index, not a walk up the table from its first sale
        "SELECT min(id) FROM sales INDEXED BY sales_occurred WHERE occurred_at >= ?", (start_iso,)
    )
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
        " -sum(rl.amount_satang) FROM refunds f CROSS JOIN refund_lines rl ON rl.refund_id = f.id"
        " CROSS JOIN sale_lines sl ON sl.sale_id = f.sale_id AND sl.line_no = rl.sale_line_no"
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
    products: dict[int, int] = {}
    levels: dict[int, int] = {}
    for pid, producer, qty in store.query(
        "SELECT p.id, p.producer_id, l.qty FROM products p"
        f" LEFT JOIN stock_levels l ON l.product_id = p.id WHERE {flt}",
        params,
    ):  # only these producers' levels: one producer's view must not read every product
        products[int(pid)] = int(producer)
        levels[int(pid)] = int(qty or 0)
    after = dict(
        store.query(  # by time: GROUP BY would otherwise pick the product index, a full scan
            "SELECT product_id, sum(qty) FROM stock_movements INDEXED BY stock_movements_time"
            " WHERE occurred_at >= ? GROUP BY product_id",
            (end_iso,),
        )
    )
    for pid, producer in products.items():
        on_hand = int(levels.get(pid, 0)) - int(after.get(pid, 0))
        if on_hand:
            out.setdefault(producer, {}).setdefault(pid, {})["on_hand"] = on_hand
    kept = [r for r in reasons(store) if r not in SALE_REASONS]
    params = [json.dumps(kept), start_iso, end_iso]
    flt = _producer_filter("p", producer_ids, params)
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
