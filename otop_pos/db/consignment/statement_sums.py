"""Sums for consignment statements: what each producer sold, had voided and refunded.

Which entries a statement takes is `statement_window`'s business. A
statement made now takes whole time spans; whole Bangkok months of those
come summed from `sale_month_sums` (schema 5), the part-months line by line.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from otop_pos.db.consignment.months import month_range, whole_months
from otop_pos.db.consignment.statement_stock import measured_units
from otop_pos.db.consignment.statement_window import (
    Window,
    condition,
    covered,
    covers_all,
    lowest_id,
    producer_filter,
    sale_ids,
    terminals,
)
from otop_pos.db.store import Store


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


def _span_lines(
    store: Store, producer_ids: Sequence[int], batch: bool, a: str, b: str
) -> list[Any]:
    """(producer, product, ownership, rate, qty, amount) of the sales made in [a, b)."""
    ids = sale_ids(store, a, b)
    if ids is None:
        return []
    lo, hi = ids
    params: list[Any] = [lo, hi, a, b]
    if batch:  # every line in the range; other producers' groups are dropped by the caller
        source = (
            " FROM sales s CROSS JOIN sale_lines sl ON sl.sale_id = s.id WHERE s.id BETWEEN ? AND ?"
            " AND s.occurred_at >= ? AND s.occurred_at < ? AND sl.producer_id IS NOT NULL"
        )
    else:  # a few producers read their own lines off their index
        source = (
            " FROM sale_lines sl JOIN sales s ON s.id = sl.sale_id WHERE sl.sale_id BETWEEN ? AND ?"
            " AND s.occurred_at >= ? AND s.occurred_at < ? AND "
            + producer_filter("sl", producer_ids, params)
        )
    return store.conn.execute(
        "SELECT sl.producer_id, sl.product_id, sl.ownership, sl.commission_bp,"
        f" sum(sl.qty), sum(sl.amount_satang){source} GROUP BY 1, 2, 3, 4",
        params,
    ).fetchall()


def span_sales(
    store: Store, producer_ids: Sequence[int], batch: bool, a: str | None, b: str
) -> list[Any]:
    """What sold in [a, b) (a None: since the beginning): month sums, lines at the edges."""
    months, edges = whole_months(a, b)
    rows: list[Any] = []
    if months is not None:
        params: list[Any] = []
        within = month_range("m", months, params)
        flt = producer_filter("m", producer_ids, params)
        rows += store.conn.execute(
            "SELECT m.producer_id, m.product_id, m.ownership, m.commission_bp, sum(m.qty),"
            f" sum(m.amount_satang) FROM sale_month_sums m WHERE {within} AND {flt}"
            " GROUP BY 1, 2, 3, 4",
            params,
        ).fetchall()
    for x, y in edges:
        rows += _span_lines(store, producer_ids, batch, x, y)
    return rows


def late_sales(store: Store, producer_ids: Sequence[int], w: Window) -> list[Any]:
    """Sales from before the last statement's end that it did not take: recorded after it.

    Rows are (producer, product, ownership, rate, made in the period, qty,
    amount). Only sales recorded since the last statement are read.
    """
    if w.last_end_iso is None:
        return []
    lows = [
        store.scalar("SELECT min(id) FROM sales WHERE terminal_id = ? AND seq > ?", (t, seq))
        for t, seq in [(t, w.last_covers.get(t, 0)) for t in terminals(store)]
    ]
    found = [int(x) for x in lows if x is not None]
    if not found:
        return []
    params: list[Any] = [w.start_iso, min(found), min(w.last_end_iso, w.end_iso)]
    taken = covered("s", w.last_covers, params)
    flt = producer_filter("sl", producer_ids, params)
    return store.conn.execute(
        "SELECT sl.producer_id, sl.product_id, sl.ownership, sl.commission_bp,"
        " s.occurred_at >= ?, sum(sl.qty), sum(sl.amount_satang)"
        " FROM sales s CROSS JOIN sale_lines sl ON sl.sale_id = s.id"
        f" WHERE s.id >= ? AND +s.occurred_at < ? AND NOT {taken} AND {flt} GROUP BY 1, 2, 3, 4, 5",
        params,
    ).fetchall()


def _spans(w: Window) -> list[tuple[bool, str | None, str]]:
    """(in the period?, from, to) time spans a statement made now takes whole."""
    last, start, end = w.last_end_iso, w.start_iso, w.end_iso
    if last is None:
        spans = [(False, None, min(start, end)), (True, start, end)]
    else:
        spans = [(False, last, min(start, end)), (True, max(last, start), end)]
    return [(now, a, b) for now, a, b in spans if a is None or a < b]


def _sales_by_covers(
    store: Store, producer_ids: Sequence[int], batch: bool, w: Window
) -> list[Any]:
    """Sales taken by a statement with older covers, sale by sale (a past statement again).

    Rows are (producer, product, ownership, rate, qty in the period, amount
    in the period, qty, amount).
    """
    high = store.scalar(
        "SELECT id FROM sales WHERE +occurred_at < ? ORDER BY id DESC LIMIT 1", (w.end_iso,)
    )  # no sale above it is before the end: usually a short walk down from the newest
    cond, params = condition("s", "occurred_at", w)
    now_ = "CASE WHEN s.occurred_at >= ? THEN sl.{} ELSE 0 END"
    params = [w.start_iso, w.start_iso, lowest_id(store, w), high or 0, *params]
    if batch:
        source = (
            " FROM sales s CROSS JOIN sale_lines sl ON sl.sale_id = s.id"
            f" WHERE s.id BETWEEN ? AND ? AND {cond} AND sl.producer_id IS NOT NULL"
        )
    else:
        flt = producer_filter("sl", producer_ids, params)
        source = (
            " FROM sale_lines sl JOIN sales s ON s.id = sl.sale_id"
            f" WHERE sl.sale_id BETWEEN ? AND ? AND {cond} AND {flt}"
        )
    return store.conn.execute(
        "SELECT sl.producer_id, sl.product_id, sl.ownership, sl.commission_bp,"
        f" sum({now_.format('qty')}), sum({now_.format('amount_satang')}),"
        f" sum(sl.qty), sum(sl.amount_satang){source} GROUP BY 1, 2, 3, 4",
        params,
    ).fetchall()


def money_rows(
    store: Store, producer_ids: Sequence[int], w: Window
) -> dict[int, dict[tuple[int, str, int], Row]]:
    """Per producer: (product, ownership, rate) -> sold, refunded and earlier sums.

    A statement made now takes every sale of its spans (`_spans`): whole
    months come summed from `sale_month_sums`, part-months line by line,
    plus the late ones (`late_sales`). Older covers (a statement as it was
    at some past moment) go sale by sale. A batch (a quarter of the
    producers or more) reads every producer's lines and keeps its own; a few
    producers read their own lines off `sale_lines_producer`. Voids and
    refunds are read from their own tables (few) and joined to lines.
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
    batch = len(wanted) * 4 >= int(store.scalar("SELECT count(*) FROM producers") or 0)
    found: list[tuple[Any, ...]] = []  # producer, product, ownership, rate, in period?, qty, amount
    if covers_all(store, w.covers):
        for now, a, b in _spans(w):
            found += [(*r[:4], now, *r[4:]) for r in span_sales(store, producer_ids, batch, a, b)]
        found += late_sales(store, producer_ids, w)
    else:
        for r in _sales_by_covers(store, producer_ids, batch, w):
            found += [(*r[:4], True, r[4], r[5]), (*r[:4], False, r[6] - r[4], r[7] - r[5])]
    for r in found:
        if r[0] not in wanted:
            continue
        x = row(*r[:4])
        if r[4]:
            x.sold += r[5]
            x.sales += r[6]
        else:
            x.earlier += r[5]
            x.earlier_amount += r[6]
    cond, params = condition("v", "voided_at", w)
    params = [
        w.start_iso,
        lowest_id(store, w, "sale_voids", "sale_id", "voided_at", "sale_voids_voided"),
        *params,
    ]
    flt = producer_filter("sl", producer_ids, params)
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
    cond, params = condition("f", "occurred_at", w)
    params = [
        w.start_iso,
        lowest_id(store, w, "refunds", time_index="refunds_occurred"),
        *params,
    ]
    flt = producer_filter("sl", producer_ids, params)
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


_DAY = "date(substr({}.occurred_at, 1, 19), '+7 hours')"  # whole seconds: SQLite rounds to ms


def daily_sales(
    store: Store, producer_id: int, start_iso: str, end_iso: str
) -> list[tuple[str, str, int, int]]:
    """(Bangkok day, ownership, qty, amount) of a producer's sales, net of voids and refunds.

    Refunds are read from `refunds` by time (CROSS JOIN keeps that order): by
    the producer's lines instead, it would be every line they ever sold. The
    qty is pieces, a weighed line counting as one (as on the receipt): grams
    never add to pieces.
    """
    lo, hi = sale_ids(store, start_iso, end_iso) or (0, -1)
    rows = store.query(
        f"SELECT {_DAY.format('s')}, sl.ownership, sl.product_id, sum(sl.qty), count(*),"
        " sum(sl.amount_satang) FROM sale_lines sl JOIN sales s ON s.id = sl.sale_id"
        " WHERE sl.producer_id = ? AND sl.sale_id BETWEEN ? AND ? AND s.occurred_at >= ?"
        " AND s.occurred_at < ? AND s.status = 'completed' GROUP BY 1, 2, 3"
        " UNION ALL"
        f" SELECT {_DAY.format('f')}, sl.ownership, sl.product_id, -sum(rl.qty), 0,"
        " -sum(rl.amount_satang) FROM refunds f CROSS JOIN refund_lines rl ON rl.refund_id = f.id"
        " CROSS JOIN sale_lines sl ON sl.sale_id = f.sale_id AND sl.line_no = rl.sale_line_no"
        " WHERE sl.producer_id = ? AND f.occurred_at >= ? AND f.occurred_at < ? GROUP BY 1, 2, 3",
        (producer_id, lo, hi, start_iso, end_iso, producer_id, start_iso, end_iso),
    )
    weighed = measured_units(store, {int(r[2]) for r in rows})
    merged: dict[tuple[str, str], list[int]] = {}
    for d, ownership, product_id, qty, lines, amount in rows:
        acc = merged.setdefault((str(d), str(ownership)), [0, 0])
        acc[0] += int(lines if int(product_id) in weighed else qty)
        acc[1] += int(amount)
    return [(d, o, q, a) for (d, o), (q, a) in sorted(merged.items())]


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
