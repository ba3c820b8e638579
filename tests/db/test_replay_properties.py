"""Replay is exact over random days: any sequence of the till's actions, then a replay.

Hypothesis draws sequences of every kind of action through the real
operations (sales with VAT-exempt lines and split tenders, voids, refunds,
full tax invoices, price changes, a product handed to another producer,
intake, counts, write-offs, producer returns, settlements, payouts, shifts,
cash in and out, the drawer, Z) on a fresh file per example. Refusals are
part of a day and write nothing. Afterwards the journal replayed into a
scratch file must give every read table exactly, and so must `rebuild()`
on the file itself.
"""

from __future__ import annotations

import contextlib
import shutil
from collections.abc import Callable, Iterator
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from helpers import MANAGER_PIN, make_centre
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from otop_pos.db import journal
from otop_pos.db.projections import record, replay_check
from otop_pos.db.store import open_store
from otop_pos.domain.money import Money
from otop_pos.domain.selling.cart import Cart
from otop_pos.domain.selling.tenders import Tender, TenderKind
from otop_pos.domain.shifts.cash_count import CashCount
from otop_pos.domain.thai.thaidate import bangkok_date
from otop_pos.operations import auth
from otop_pos.operations.catalogue import barcode_labels, products
from otop_pos.operations.consignment import intake, payouts, producer_returns, statements
from otop_pos.operations.errors import OperationError
from otop_pos.operations.selling import cart as selling
from otop_pos.operations.selling import checkout, refunds, tax_invoices
from otop_pos.operations.session import Session
from otop_pos.operations.shifts import day_close, drawer, shifts
from otop_pos.operations.stock import counts, write_offs

START = datetime.fromisoformat("2026-03-02T03:00:00+00:00")  # 10:00 in Bangkok
SKUS = ("SILK01", "TEA01", "TEAGLASS", "RICE01")  # RICE01 is VAT-exempt (farm produce)
PRODUCERS = ("P01", "P02")
LINE_UNITS = ("piece",)
"""Units a sale line is drawn in. Weighed goods ("kg", "g", "l", "m", quantities in
thousandths) join here, and in `_sell`, when measured goods land in the till."""
BUYER = tax_invoices.Buyer(
    "บริษัท ศรีสะเกษค้าส่ง จำกัด", "1 ถนนเทพา ศรีสะเกษ", "0994000158378", postcode="33000"
)

sku = st.sampled_from(SKUS)
producer = st.sampled_from(PRODUCERS)
line = st.tuples(sku, st.integers(1, 3), st.sampled_from(LINE_UNITS))
SELL = st.tuples(st.just("sell"), st.lists(line, min_size=1, max_size=4), st.integers(0, 3))
OTHER = st.one_of(
    SELL,
    st.tuples(st.just("void"), st.integers(0, 9)),
    st.tuples(st.just("refund"), st.integers(0, 9), st.integers(1, 4), st.booleans()),
    st.tuples(st.just("tax_invoice"), st.integers(0, 9)),
    st.tuples(st.just("cart_void"), sku),
    st.tuples(st.just("price"), sku, st.integers(1_000, 200_000)),
    st.tuples(st.just("move"), sku, producer, st.sampled_from(["ฝากขาย", "ซื้อขาด"])),
    st.tuples(st.just("intake"), sku, st.integers(1, 30)),
    st.tuples(st.just("return"), sku, st.integers(1, 5)),
    st.tuples(st.just("write_off"), sku, st.integers(1, 3)),
    st.tuples(st.just("count"), producer, st.integers(-2, 2)),
    st.tuples(st.just("barcode"), sku),
    st.tuples(st.just("settle"), producer),
    st.tuples(st.just("payout"), producer, st.integers(1, 100)),
    st.tuples(st.just("cash_move"), st.sampled_from(["in", "out"]), st.integers(1, 500)),
    st.tuples(
        st.just("drawer"),
    ),
)
DAY = st.tuples(
    st.lists(SELL, min_size=1, max_size=5),  # the morning's sales
    st.lists(OTHER, min_size=1, max_size=10),  # then anything
    st.none() | st.tuples(producer, st.integers(1, 100)),  # settle and pay a producer
    st.booleans(),  # close the shift and the day (Z), or carry on tomorrow
)
DAYS = st.lists(DAY, min_size=1, max_size=3)
PROPERTY_SETTINGS = settings(
    max_examples=12,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The test centre plus a VAT-exempt product, built once; each example copies it."""
    path = tmp_path_factory.mktemp("template") / "centre.sqlite"
    store = open_store(path)
    session = make_centre(store)
    auth.login(session, 1, MANAGER_PIN)
    products.save_product(
        session,
        {"sku": "RICE01", "name_th": "ข้าวหอมมะลิ 1 กก.", "category": "food",
         "producer_code": "P01", "price": "65", "vat": "0"},
        new=True,
    )  # fmt: skip
    store.close()
    return path


@pytest.fixture
def fresh_centre(
    template: Path, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Callable[[], Session]]:
    opened = []

    def open_copy() -> Session:
        path = tmp_path_factory.mktemp("example") / "centre.sqlite"
        shutil.copy(template, path)
        store = open_store(path)
        opened.append(store)
        session = Session.open(store)
        auth.login(session, 1, MANAGER_PIN)
        return session

    yield open_copy
    for store in opened:
        store.close()


class Day:
    """The actions' shared state: the clock and the receipts sold so far."""

    def __init__(self, session: Session) -> None:
        self.session = session
        self.now = START
        self.receipts: list[str] = []

    def pid(self, sku: str) -> int:
        return int(self.session.store.scalar("SELECT id FROM products WHERE sku = ?", (sku,)))

    def receipt(self, i: int) -> str | None:
        return self.receipts[i % len(self.receipts)] if self.receipts else None

    def tick(self) -> datetime:
        self.now += timedelta(minutes=7)
        return self.now


def _sell(day: Day, lines: list[tuple[str, int, str]], tender: int) -> None:
    s = day.session
    cart = Cart()
    for sku, qty, _unit in lines:  # every unit is "piece" until weighed goods land
        selling.scan(s, cart, f"{qty}*{sku}" if qty > 1 else sku)
    total = cart.total
    half = Money(total.satang // 2)
    tenders = [
        [Tender(TenderKind.CASH, total + Money(2_000))],
        [Tender(TenderKind.CARD, total, approval_code="A1", card_last4="4242")],
        [Tender(TenderKind.PROMPTPAY, total, reference="PP")],
        [Tender(TenderKind.CASH, half), Tender(TenderKind.TRANSFER, total - half, reference="T")],
    ][tender]
    day.receipts.append(checkout.complete_sale(s, cart, tenders, day.tick()).receipt_no)


def _count(day: Day, code: str, delta: int) -> None:
    sheet = counts.start_count(day.session, producer_code=code, now=day.tick())
    for pid, ln in sheet.lines.items():
        counts.set_counted(sheet, pid, max(ln.expected + delta, 0))
    counts.post_count(day.session, sheet, "นับสุ่ม", now=day.now)


def _settle(day: Day, code: str) -> None:
    today = bangkok_date(day.now)
    statements.settle(day.session, today, today, [code], now=day.tick())


def _payout(day: Day, code: str, percent: int) -> None:
    store = day.session.store
    owed = payouts.owed(store, int(statements.require_producer(store, code)["id"]))
    amount = Money(owed.satang * percent // 100)
    if percent % 2:  # cash from the drawer, also a cash-out of the shift
        payouts.pay(day.session, code, amount, "cash", now=day.tick(), from_drawer=True)
    else:
        payouts.pay(day.session, code, amount, "transfer", "KTB 123", now=day.tick())


def _close(day: Day) -> None:
    """Count the drawer out (a baht short at most: the note explains) and close the day."""
    s = day.session
    state = shifts.state_of(s, shifts.current(s) or {})
    cash = max((state.expected or {}).get("cash", Money(0)).satang, 0)
    count = CashCount.of({100_000: cash // 100_000, 100: cash % 100_000 // 100})
    shifts.close_shift(s, count, note="นับแล้ว", now=day.tick())
    day_close.close_day(s, now=day.tick())


def _act(day: Day, action: tuple[Any, ...]) -> None:
    s, name, args = day.session, action[0], action[1:]
    if name == "sell":
        _sell(day, *args)
    elif name == "void" and day.receipt(args[0]):
        refunds.void_sale(s, str(day.receipt(args[0])), "ยกเลิก", now=day.tick())
    elif name == "refund" and day.receipt(args[0]):
        lines = s.store.scalar(
            "SELECT count(*) FROM sale_lines WHERE sale_id ="
            " (SELECT id FROM sales WHERE receipt_no = ?)",
            (day.receipt(args[0]),),
        )
        kind = "damaged" if args[2] else "restock"
        item = refunds.ReturnItem(1 + (args[1] - 1) % int(lines), 1, kind)
        refunds.refund(s, str(day.receipt(args[0])), [item], "คืน", now=day.tick())
    elif name == "tax_invoice" and day.receipt(args[0]):
        tax_invoices.issue(s, str(day.receipt(args[0])), BUYER, now=day.tick())
    elif name == "cart_void":
        cart = Cart()
        selling.scan(s, cart, args[0])
        selling.void_cart(s, cart)
    elif name == "price":
        products.save_product(s, {"sku": args[0], "price": Money(args[1]).format()})
    elif name == "move":
        products.save_product(s, {"sku": args[0], "producer_code": args[1], "ownership": args[2]})
    elif name == "intake":
        code = s.store.scalar(
            "SELECT r.code FROM products p JOIN producers r ON r.id = p.producer_id WHERE sku = ?",
            (args[0],),
        )
        line = intake.IntakeLine(day.pid(args[0]), args[1])
        intake.receive_goods(s, str(code), [line], now=day.tick())
    elif name == "return":
        code = s.store.scalar(
            "SELECT r.code FROM products p JOIN producers r ON r.id = p.producer_id WHERE sku = ?",
            (args[0],),
        )
        items = [(day.pid(args[0]), args[1])]
        producer_returns.return_to_producer(s, str(code), items, "ขายไม่ออก", now=day.tick())
    elif name == "write_off":
        write_offs.adjust_stock(s, "damaged", [(day.pid(args[0]), args[1])], now=day.tick())
    elif name == "count":
        _count(day, *args)
    elif name == "barcode":
        barcode_labels.assign_instore_barcode(s, day.pid(args[0]))
    elif name == "settle":
        _settle(day, *args)
    elif name == "payout":
        _payout(day, *args)
    elif name == "cash_move":
        shifts.cash_move(s, args[0], Money.baht(args[1]), "เงินทอน", now=day.tick())
    elif name == "drawer":
        drawer.open_drawer(s, "แลกเหรียญ", now=day.tick())


def _run(day: Day, actions: list[tuple[Any, ...]]) -> None:
    for action in actions:
        with contextlib.suppress(OperationError):  # a refusal writes nothing
            _act(day, action)


@PROPERTY_SETTINGS
@given(days=DAYS)
def test_any_days_replay_to_the_same_tables(
    fresh_centre: Callable[[], Session], days: list[Any]
) -> None:
    session = fresh_centre()
    day = Day(session)
    for sales, others, pay, close in days:
        if shifts.current(session) is None:
            shifts.open_shift(session, CashCount.of({100_000: 1}), now=day.tick())
        _run(day, sales)
        _run(day, others)
        if pay is not None:
            _run(day, [("settle", pay[0]), ("payout", *pay)])
        if close:
            _close(day)
        day.now += timedelta(days=1)
    store = session.store
    found = replay_check.check(store)
    assert found is None, found.describe()
    assert journal.verify(store).ok
    before = Path(store.path).with_suffix(".before.sqlite")
    store.conn.execute(f"VACUUM INTO '{before}'")
    record.rebuild(store)
    found = replay_check.compare(before, Path(store.path))
    assert found is None, found.describe()
