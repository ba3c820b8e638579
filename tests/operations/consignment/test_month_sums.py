"""Month sums of sales (schema 5): kept true by triggers, and statements read from them
agree with the sale-by-sale reading on every kind of period, late till and boundary.
"""

from __future__ import annotations

import random
from datetime import UTC, date, datetime, timedelta

import pytest
from shift_helpers import SILK, TEA, sell

from otop_pos.db import journal
from otop_pos.db.consignment import months, statement_stock, statement_window
from otop_pos.db.consignment import statement_sums as consignment
from otop_pos.db.projections import record
from otop_pos.db.schema.v5_month_sums import DAY_OF, MONTH_OF, MOVED_IN
from otop_pos.db.store import Store, open_store
from otop_pos.domain.thai.thaidate import day_bounds, to_iso
from otop_pos.operations.session import Session


def bkk(y: int, m: int, d: int, hour: int = 10, us: int = 0) -> datetime:
    """A Bangkok wall-clock time as an aware UTC datetime."""
    return datetime(y, m, d, hour, tzinfo=UTC) - timedelta(hours=7) + timedelta(microseconds=us)


def start_of(d: date) -> str:
    return day_bounds(d)[0]


def as_set(store: Store, sql: str) -> set[tuple]:
    return {tuple(r) for r in store.query(sql)}


def stored(store: Store) -> set[tuple]:
    return as_set(
        store,
        "SELECT month, producer_id, product_id, ownership, commission_bp, qty, amount_satang"
        " FROM sale_month_sums WHERE qty != 0 OR amount_satang != 0",
    )


def from_lines(store: Store) -> set[tuple]:
    return as_set(
        store,
        f"SELECT {MONTH_OF}, l.producer_id, l.product_id, l.ownership, l.commission_bp,"
        " sum(l.qty), sum(l.amount_satang) FROM sale_lines l JOIN sales s ON s.id = l.sale_id"
        " WHERE l.producer_id IS NOT NULL GROUP BY 1, 2, 3, 4, 5",
    )


def test_whole_months_and_edges() -> None:
    oct1, nov1, dec1 = (
        start_of(date(2026, 10, 1)),
        start_of(date(2026, 11, 1)),
        start_of(date(2026, 12, 1)),
    )
    oct15, dec10 = start_of(date(2026, 10, 15)), start_of(date(2026, 12, 10))
    assert months.whole_months(oct1, nov1) == (("2026-10", "2026-11"), [])
    assert months.whole_months(oct15, dec10) == (
        ("2026-11", "2026-12"),
        [(oct15, nov1), (dec1, dec10)],
    )
    assert months.whole_months(None, oct15) == ((None, "2026-10"), [(oct1, oct15)])
    assert months.whole_months(oct15, start_of(date(2026, 10, 20))) == (
        None,
        [(oct15, start_of(date(2026, 10, 20)))],
    )
    assert months.whole_months(oct15, nov1) == (None, [(oct15, nov1)])
    new_year = start_of(date(2027, 1, 1))
    assert months.whole_months(dec1, new_year) == (("2026-12", "2027-01"), [])
    assert months.whole_months(start_of(date(2026, 12, 2)), start_of(date(2027, 2, 1))) == (
        ("2027-01", "2027-02"),
        [(start_of(date(2026, 12, 2)), new_year)],
    )


def test_open_ended_spans() -> None:
    oct1, oct15, nov1 = (start_of(date(2026, m, d)) for m, d in ((10, 1), (10, 15), (11, 1)))
    assert months.whole_months(oct15, None) == (("2026-11", None), [(oct15, nov1)])
    assert months.whole_months(oct1, None) == (("2026-10", None), [])
    assert months.whole_months(None, None) == ((None, None), [])
    params: list = []
    assert months.month_range("m", ("2026-11", None), params) == "1 AND m.month >= ?"
    assert params == ["2026-11"]


def stock_sums(store: Store) -> set[tuple]:
    return as_set(store, "SELECT product_id, month, qty FROM stock_month_sums WHERE qty != 0")


def stock_from_movements(store: Store) -> set[tuple]:
    return as_set(
        store,
        f"SELECT product_id, {MOVED_IN}, sum(qty) FROM stock_movements GROUP BY 1, 2"
        " HAVING sum(qty) != 0",
    )


def days(store: Store) -> set[tuple]:
    return as_set(store, "SELECT day, first_id, last_id FROM sale_days")


def days_from_sales(store: Store) -> set[tuple]:
    return as_set(store, f"SELECT {DAY_OF}, min(id), max(id) FROM sales s GROUP BY 1")


def test_a_sale_in_the_last_instant_of_a_month_counts_in_that_month(manager) -> None:
    store, session = manager.store, manager
    sell(session, SILK, now=bkk(2026, 10, 31, 23, 3_599_999_900))  # 23:59:59.9999 Bangkok
    sell(session, SILK, TEA, now=bkk(2026, 11, 1, 0))
    silk = int(store.scalar("SELECT id FROM products WHERE sku = 'SILK01'"))
    tea = int(store.scalar("SELECT id FROM products WHERE sku = 'TEA01'"))
    found = sorted((r[0], r[2], r[5]) for r in stored(store))
    assert found == sorted([("2026-10", silk, 1), ("2026-11", silk, 1), ("2026-11", tea, 1)])
    assert stored(store) == from_lines(store)
    assert (silk, "2026-10", -1) in stock_sums(store)  # the one sold in the last instant
    assert stock_sums(store) == stock_from_movements(store)
    assert days(store) == days_from_sales(store)
    assert {r[0] for r in days(store)} >= {"2026-10-31", "2026-11-01"}
    p01 = int(store.scalar("SELECT id FROM producers WHERE code = 'P01'"))
    by_day = consignment.daily_sales(
        store, p01, start_of(date(2026, 10, 31)), start_of(date(2026, 11, 2))
    )
    assert [(d, q) for d, _, q, _ in by_day] == [("2026-10-31", 1), ("2026-11-01", 1)]


def test_the_sums_follow_every_writer_rebuild_and_upgrade(manager) -> None:
    store, session = manager.store, manager
    for day in (3, 17, 30):
        sell(session, SILK, SILK, TEA, now=bkk(2026, 9, day))
        sell(session, TEA, now=bkk(2026, 10, day))
    assert stored(store) == from_lines(store) and len(stored(store)) == 3  # Sep: silk, tea
    assert stock_sums(store) == stock_from_movements(store)
    assert days(store) == days_from_sales(store) and len(days(store)) == 6
    before, stock_before = stored(store), stock_sums(store)
    record.rebuild(store)
    assert stored(store) == before and stock_sums(store) == stock_before
    assert days(store) == days_from_sales(store)
    with store.transaction():  # back to schema 4: no sums, the old indexes, no VAT split
        for sql in (
            "ALTER TABLE sales DROP COLUMN exempt_satang",
            "ALTER TABLE sale_lines DROP COLUMN vatable",
            "ALTER TABLE refunds DROP COLUMN exempt_satang",
            "DROP TRIGGER sale_month_sums_ai",
            "DROP TRIGGER sale_month_sums_ad",
            "DROP TABLE sale_month_sums",
            "DROP TRIGGER stock_month_sums_ai",
            "DROP TRIGGER stock_month_sums_ad",
            "DROP TABLE stock_month_sums",
            "DROP TRIGGER sale_days_ai",
            "DROP TABLE sale_days",
            "CREATE INDEX refunds_entry ON refunds(terminal_id, seq)",
            "DROP INDEX stock_movements_product",
            "CREATE INDEX stock_movements_product ON stock_movements(product_id)",
            "PRAGMA user_version = 4",
        ):
            store.conn.execute(sql)
    path = store.path
    store.close()
    upgraded = open_store(path)
    try:
        assert stored(upgraded) == before and stock_sums(upgraded) == stock_before
        assert days(upgraded) == days_from_sales(upgraded)
    finally:
        upgraded.close()


def _template(store: Store, session: Session, code: str) -> dict:
    sell(session, code, now=bkk(2026, 1, 5))
    entry = [e for e in journal.entries(store, "T01") if e.kind == "sale"][-1]
    payload = dict(entry.payload)
    payload["shift_seq"] = None  # no shift on the other terminals
    return payload


def _record(store: Store, terminal: str, when: datetime, payload: dict, n: int, bp: int) -> None:
    lines = [dict(ln, commission_bp=bp) for ln in payload["lines"]]
    with store.transaction():
        record.record(
            store, terminal, "sale", to_iso(when), 1,
            dict(payload, receipt_no=f"{terminal}-R{n:05d}", lines=lines),
        )  # fmt: skip


def _rows(store: Store, ids: list[int], window: statement_window.Window) -> dict:
    return consignment.money_rows(store, ids, window)


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_month_sums_agree_with_reading_sale_by_sale(manager, monkeypatch, seed: int) -> None:
    """Random sales from Aug to Jan on two tills, recorded out of time order, half of
    them after a settlement; every window read both ways gives the same sums."""
    store, session = manager.store, manager
    rng = random.Random(seed)
    templates = [_template(store, session, SILK), _template(store, session, TEA)]
    first_day = date(2026, 8, 20)
    sales = []
    for n in range(120):
        day = first_day + timedelta(days=rng.randrange(150))
        when = bkk(day.year, day.month, day.day, rng.choice([0, 9, 16, 23]))
        if rng.random() < 0.1:  # the first or last instant of a Bangkok day
            when = bkk(day.year, day.month, day.day, 0) + rng.choice(
                [timedelta(0), timedelta(days=1, microseconds=-1)]
            )
        sales.append((rng.choice(["T01", "T02"]), when, rng.choice(templates), n))
    for terminal, when, payload, n in sales[:60]:
        _record(store, terminal, when, payload, n, rng.choice([2000, 1500]))
    last_covers = statement_window.heads(store)
    for terminal, when, payload, n in sales[60:]:
        _record(store, terminal, when, payload, n, rng.choice([2000, 1500]))
    covers = statement_window.heads(store)
    ids = [int(r[0]) for r in store.query("SELECT id FROM producers")]
    d = date
    windows = [  # (start, end, the last statement's end or None)
        (d(2026, 10, 1), d(2026, 11, 1), d(2026, 10, 1)),
        (d(2026, 10, 1), d(2026, 11, 1), None),
        (d(2026, 10, 10), d(2026, 12, 1), d(2026, 10, 10)),
        (d(2026, 10, 10), d(2026, 12, 1), d(2026, 9, 15)),
        (d(2026, 9, 1), d(2027, 1, 1), d(2026, 9, 1)),
        (d(2026, 11, 3), d(2026, 11, 20), d(2026, 11, 1)),
        (d(2026, 12, 1), d(2027, 1, 16), d(2026, 11, 25)),
        (d(2026, 10, 1), d(2026, 10, 31), d(2026, 11, 1)),  # a preview before the last end
    ]
    for start, end, last in windows:
        w = statement_window.Window(
            start_of(start), start_of(end), covers,
            None if last is None else start_of(last), {} if last is None else last_covers,
        )  # fmt: skip
        for few in (ids, ids[:1]):
            fast = _rows(store, few, w)
            with monkeypatch.context() as m:
                m.setattr(consignment, "covers_all", lambda *_: False)
                slow = _rows(store, few, w)
            assert fast == slow, (start, end, last, len(few))
        ends = {  # on hand at the end: level minus month sums and part-month since
            pid: qty
            for pid, qty in store.query(
                "SELECT product_id, sum(qty) FROM stock_movements WHERE occurred_at < ? AND"
                " product_id IN (SELECT id FROM products WHERE producer_id IS NOT NULL)"
                " GROUP BY 1 HAVING sum(qty) != 0",
                (w.end_iso,),
            )
        }
        bounds = statement_window.sale_ids(store, w.start_iso, w.end_iso)
        inside = store.query(
            "SELECT min(id), max(id) FROM sales WHERE occurred_at >= ? AND occurred_at < ?",
            (w.start_iso, w.end_iso),
        )[0]
        assert bounds is not None and bounds[0] <= inside[0] <= inside[1] <= bounds[1]
        stock = statement_stock.stock_rows(store, ids, w.start_iso, w.end_iso)
        on_hand = {
            p: v["on_hand"] for by in stock.values() for p, v in by.items() if "on_hand" in v
        }
        assert on_hand == ends, end
    assert any(months.whole_months(start_of(a), start_of(b))[0] for a, b, _ in windows)
