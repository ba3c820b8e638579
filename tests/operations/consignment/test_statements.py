"""Settlement arithmetic on real sales, refunds, voids and intakes in a real SQLite file.

Events are placed on chosen Bangkok days (October 2026) so the periods are
exact; the expected figures are worked out by hand in each test.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest
from helpers import MANAGER_PIN, make_centre
from shift_helpers import SILK, TEA, sell

from otop_pos.db import journal
from otop_pos.db.projections import record
from otop_pos.db.store import Store, open_store
from otop_pos.domain.money import Money
from otop_pos.domain.selling.cart import Cart
from otop_pos.domain.thai.thaidate import to_iso
from otop_pos.operations import auth
from otop_pos.operations.consignment import payouts, statements
from otop_pos.operations.errors import OperationError
from otop_pos.operations.selling import cart as selling
from otop_pos.operations.selling import checkout, refunds
from otop_pos.operations.session import Session

OCT = [date(2026, 10, d) for d in range(1, 32)]


def at(day: date, hour: int = 10) -> datetime:
    """A Bangkok wall-clock time on `day` (UTC+7)."""
    return datetime(day.year, day.month, day.day, hour, tzinfo=UTC) - timedelta(hours=7)


@pytest.fixture
def centre(tmp_path) -> tuple[Store, Session]:
    store = open_store(tmp_path / "centre.sqlite")
    session = make_centre(store)
    auth.login(session, 1, MANAGER_PIN)
    return store, session


def statement(store: Store, code: str, start: date, end: date):
    found = statements.statements(store, statements.producers_for(store, [code]), start, end)
    return next(iter(found.values()))


def line(st, sku: str):
    return next(ln for ln in st.lines if ln.sku == sku)


def receive(store: Store, code: str, product_id: int, qty: int, when: datetime) -> None:
    with store.transaction():
        record.record(
            store,
            "T01",
            "goods_received",
            to_iso(when),
            1,
            {
                "intake_no": f"RC-{when:%d%H}-{product_id}",
                "producer_code": code,
                "lines": [{"product_id": product_id, "qty": qty, "ownership": "consigned"}],
            },
        )


def pid(store: Store, sku: str) -> int:
    return int(store.scalar("SELECT id FROM products WHERE sku = ?", (sku,)))


def test_partial_refund_reduces_sales_and_commission(centre) -> None:
    store, session = centre
    sale = sell(session, SILK, SILK, SILK, now=at(OCT[2]))
    refunds.refund(
        session, sale.receipt_no, [refunds.ReturnItem(1, 1)], "ลูกค้าเปลี่ยนใจ", now=at(OCT[4])
    )
    st = statement(store, "P01", OCT[0], OCT[30])
    silk = line(st, "SILK01")
    assert (silk.sold, silk.refunded, silk.net_qty) == (3, 1, 2)
    assert silk.sales == Money(450000) and silk.refunds == Money(150000)
    assert st.net_sales == Money(300000)
    assert st.commission == Money(60000)  # 20 % of 3,000.00
    assert st.payable == Money(240000)


def test_refund_after_settlement_rolls_into_next_period(centre) -> None:
    store, session = centre
    sale = sell(session, SILK, SILK, now=at(OCT[2]))
    done = statements.settle(session, OCT[0], OCT[30], ["P01"], now=at(date(2026, 11, 1)))
    settled = done.settled[0]
    assert settled.payable == Money(240000)
    refunds.refund(session, sale.receipt_no, [refunds.ReturnItem(1, 1)], "ชำรุด",
                   now=at(date(2026, 11, 3)))  # fmt: skip
    # the settled statement is frozen exactly as it was
    frozen = statements.settled_statement(store, settled.settlement_no)
    assert frozen is not None and frozen.payable == Money(240000)
    nov = statement(store, "P01", date(2026, 11, 1), date(2026, 11, 30))
    silk = line(nov, "SILK01")
    assert (silk.sold, silk.refunded, silk.earlier) == (0, 0, -1)
    assert silk.earlier_amount == Money(-150000)
    assert nov.commission == Money(-30000)  # the commission on the refunded piece comes back
    assert nov.payable == Money(-120000)
    assert nov.opening_balance == Money(240000)
    assert nov.closing_balance == Money(120000)


def test_sale_recorded_after_settlement_but_dated_inside_it_is_not_lost(centre) -> None:
    store, session = centre
    sell(session, SILK, now=at(OCT[9]))
    statements.settle(session, OCT[0], OCT[30], ["P01"], now=at(date(2026, 11, 1)))
    # a till that was offline syncs a sale from 30 October after the settlement
    sell(session, SILK, now=at(OCT[29]))
    nov = statement(store, "P01", date(2026, 11, 1), date(2026, 11, 30))
    silk = line(nov, "SILK01")
    assert (silk.sold, silk.earlier, silk.earlier_amount) == (0, 1, Money(150000))
    assert nov.payable == Money(120000)


def test_commission_override_per_product(centre) -> None:
    store, session = centre
    tea = store.one("SELECT * FROM products WHERE sku = 'TEA01'")
    payload = dict(tea) | {"producer_code": "P02", "barcodes": [TEA], "commission_bp": 1000}
    for key in ("id", "producer_id"):
        payload.pop(key)
    with store.transaction():
        record.record(store, "T01", "product_upsert", to_iso(at(OCT[0])), 1,
                           {"products": [payload]})  # fmt: skip
    sell(session, TEA, TEA, now=at(OCT[3]))  # 171.00 at 10 %
    st = statement(store, "P02", OCT[0], OCT[30])
    assert [(r.commission_bp, r.net) for r in st.rates] == [(1000, Money(17100))]
    assert st.commission == Money(1710)
    assert st.payable == Money(15390)


def test_rate_change_mid_period_keeps_the_rate_each_sale_was_made_at(centre) -> None:
    store, session = centre
    sell(session, TEA, now=at(OCT[3]))  # 85.50 at the producer's 15 %
    with store.transaction():
        record.record(store, "T01", "producer_upsert", to_iso(at(OCT[10])), 1,
                           {"producers": [{"code": "P02", "name": "วิสาหกิจชุมชนชาใบหม่อน",
                                           "type": "community_enterprise",
                                           "commission_bp": 2500}]})  # fmt: skip
    sell(session, TEA, now=at(OCT[12]))  # 85.50 at 25 %
    st = statement(store, "P02", OCT[0], OCT[30])
    assert [(r.commission_bp, r.net) for r in st.rates] == [
        (1500, Money(8550)),
        (2500, Money(8550)),
    ]
    # 12.825 -> 12.83 and 21.375 -> 21.38, each rate rounded once, half up
    assert st.commission == Money(1283 + 2138)


def test_owned_goods_are_shown_but_never_payable(centre) -> None:
    store, session = centre
    cart = Cart()
    selling.scan(session, cart, TEA)
    glass = store.one("SELECT id FROM products WHERE sku = 'TEAGLASS'")
    assert glass is not None
    selling.add_product(session, cart, glass[0], 2)  # 2 x 25.00, bought outright
    checkout.complete_cash_sale(session, cart, cart.total, at(OCT[5]))
    st = statement(store, "P02", OCT[0], OCT[30])
    consigned = st.total("consigned")
    owned = st.total("owned")
    assert consigned.sales == Money(8550)
    assert st.net_sales == Money(8550)
    assert st.payable == Money(8550) - Money(1283)
    assert line(st, "TEAGLASS").ownership == "owned"
    assert (owned.sold, owned.sales) == (2, Money(5000))


def test_goods_received_mid_period_and_stock_at_period_end(centre) -> None:
    store, session = centre
    silk = pid(store, "SILK01")
    receive(store, "P01", silk, 10, at(OCT[14]))  # inside October
    receive(store, "P01", silk, 5, at(date(2026, 11, 2)))  # after it
    sell(session, SILK, SILK, now=at(OCT[20]))
    sell(session, SILK, now=at(date(2026, 11, 3)))
    st = statement(store, "P01", OCT[0], OCT[30])
    ln = line(st, "SILK01")
    assert ln.received == 10
    assert ln.sold == 2
    # on hand now: 50 opening (today) + 10 + 5 - 2 - 1; the opening stock is dated today,
    # after October, so at 31 October the shelf held 10 - 2
    assert ln.on_hand == 8
    assert statement(store, "P01", OCT[0], OCT[13]).lines == ()


def test_void_in_period_cancels_the_sale(centre) -> None:
    store, session = centre
    sale = sell(session, SILK, SILK, now=at(OCT[6]))
    refunds.void_sale(session, sale.receipt_no, "สแกนซ้ำ", now=at(OCT[6], 11))
    st = statement(store, "P01", OCT[0], OCT[30])
    assert line(st, "SILK01").sold == 0
    assert st.payable == Money(0)


def test_batch_settle_locks_each_period_and_refuses_overlaps(centre) -> None:
    store, session = centre
    sell(session, SILK, now=at(OCT[1]))
    sell(session, TEA, now=at(OCT[2]))
    result = statements.settle(session, OCT[0], OCT[30], now=at(date(2026, 11, 1)))
    assert [s.producer_code for s in result.settled] == ["P01", "P02"]
    assert result.payable == Money(120000 + 8550 - 1283)
    entries = store.scalar("SELECT count(*) FROM journal")
    with pytest.raises(OperationError) as err:
        statements.settle(session, OCT[20], date(2026, 11, 5), now=at(date(2026, 11, 6)))
    assert "ปิดยอดถึงวันที่ 31/10/2569 แล้ว" in err.value.thai
    assert store.scalar("SELECT count(*) FROM journal") == entries


def test_payout_cannot_exceed_what_is_owed(centre) -> None:
    store, session = centre
    sell(session, SILK, now=at(OCT[1]))
    statements.settle(session, OCT[0], OCT[30], ["P01"], now=at(date(2026, 11, 1)))
    entries = store.scalar("SELECT count(*) FROM journal")
    with pytest.raises(OperationError) as err:
        payouts.pay(session, "P01", Money(120001), "cash")
    assert "มากกว่ายอดค้างจ่าย 1,200.00" in err.value.thai
    assert store.scalar("SELECT count(*) FROM journal") == entries
    paid = payouts.pay(session, "P01", Money(100000), "transfer", "KBANK 123")
    assert paid.remaining == Money(20000)
    assert payouts.owed(store, paid_producer(store)) == Money(20000)


def paid_producer(store: Store) -> int:
    return int(store.scalar("SELECT id FROM producers WHERE code = 'P01'"))


def test_settlements_are_a_projection_of_the_journal(centre) -> None:
    store, session = centre
    sale = sell(session, SILK, SILK, now=at(OCT[1]))
    statements.settle(session, OCT[0], OCT[30], now=at(date(2026, 11, 1)))
    refunds.refund(session, sale.receipt_no, [refunds.ReturnItem(1, 1)], "x",
                   now=at(date(2026, 11, 2)))  # fmt: skip
    payouts.pay(session, "P01", Money(240000), "cash")
    before = [tuple(r) for r in store.query("SELECT * FROM settlements ORDER BY id")]
    paid = [tuple(r) for r in store.query("SELECT * FROM payouts ORDER BY id")]
    nov = statement(store, "P01", date(2026, 11, 1), date(2026, 11, 30))
    record.rebuild(store)
    assert [tuple(r) for r in store.query("SELECT * FROM settlements ORDER BY id")] == before
    assert [tuple(r) for r in store.query("SELECT * FROM payouts ORDER BY id")] == paid
    assert statement(store, "P01", date(2026, 11, 1), date(2026, 11, 30)) == nov
    assert journal.verify(store).ok


def test_future_and_reversed_periods_are_refused(centre) -> None:
    _, session = centre
    with pytest.raises(OperationError):
        statements.settle(session, OCT[10], OCT[5], now=at(date(2026, 11, 1)))
    with pytest.raises(OperationError):
        statements.settle(session, OCT[0], date(2026, 11, 30), now=at(date(2026, 11, 1)))


def test_a_cashier_cannot_settle_or_pay(centre) -> None:
    _, session = centre
    auth.login(session, 2, "1111")
    with pytest.raises(OperationError):
        statements.settle(session, OCT[0], OCT[30], now=at(date(2026, 11, 1)))
    with pytest.raises(OperationError):
        payouts.pay(session, "P01", Money(100), "cash")


def test_cli_prints_the_same_figures_without_settling(centre, tmp_path) -> None:
    import json
    import subprocess
    import sys

    store, session = centre
    sale = sell(session, SILK, SILK, TEA, now=at(OCT[2]))
    refunds.refund(session, sale.receipt_no, [refunds.ReturnItem(1, 1)], "x", now=at(OCT[3]))
    entries = store.scalar("SELECT count(*) FROM journal")
    db = store.conn.execute("PRAGMA database_list").fetchone()[2]
    cmd = [sys.executable, "-m", "otop_pos.cli.main", "settlement", "--from", "2026-10-01",
           "--to", "2026-10-31", "--user", "1", "--pin", MANAGER_PIN, "--json", "--db", db]  # fmt: skip
    out = subprocess.run(cmd, capture_output=True, text=True, timeout=60, check=True)
    figures = {s["producer_code"]: s for s in json.loads(out.stdout)["statements"]}
    assert figures["P01"]["payable"] == 120000  # one silk net, less 20 %
    assert figures["P02"]["payable"] == 8550 - 1283
    assert figures == {
        st.producer_code: st.as_dict()
        for st in statements.statements(
            store, statements.producers_for(store, None), OCT[0], OCT[30]
        ).values()
    }
    assert store.scalar("SELECT count(*) FROM journal") == entries  # nothing settled
    one = subprocess.run([*cmd[:-3], "--producer", "P02", "--db", db], capture_output=True,
                         text=True, timeout=60, check=True)  # fmt: skip
    assert "P02" in one.stdout and "P01" not in one.stdout
    bad = subprocess.run([*cmd[:4], "--to", "31/10/2569", "--db", db], capture_output=True,
                         text=True, timeout=60)  # fmt: skip
    assert bad.returncode == 2 and "วันที่ไม่ถูกต้อง" in bad.stderr


def test_cash_paid_from_the_drawer_is_a_cash_out_of_the_open_shift(tmp_path) -> None:
    from otop_pos.domain.shifts.cash_count import CashCount
    from otop_pos.operations.shifts import shifts

    store = open_store(tmp_path / "drawer.sqlite")
    session = make_centre(store, require_shift=True)
    auth.login(session, 1, MANAGER_PIN)
    shifts.open_shift(session, CashCount.of({100000: 2}))
    sell(session, SILK, SILK)
    from otop_pos.domain.thai.thaidate import bangkok_date, utc_now

    day = bangkok_date(utc_now())
    statements.settle(session, day, day, ["P01"])
    entries = store.scalar("SELECT count(*) FROM journal")
    with pytest.raises(OperationError) as err:  # the drawer holds 2,000 float + 3,000 sales
        payouts.pay(session, "P01", Money(500001), "cash", from_drawer=True)
    assert "ลิ้นชัก" in err.value.thai
    assert store.scalar("SELECT count(*) FROM journal") == entries
    payouts.pay(session, "P01", Money(240000), "cash", from_drawer=True)
    state = shifts.current_state(session)
    assert state.expected is not None
    assert state.expected["cash"] == Money(200000 + 300000 - 240000)
