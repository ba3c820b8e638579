"""Properties of a cash sale over random carts, on a fresh database file per example."""

from __future__ import annotations

import shutil
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import replace
from pathlib import Path

import pytest
from durability_checks import check_store, table_counts
from helpers import CASHIER_PIN, make_centre
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from otop_pos.db import journal
from otop_pos.db import settings as settings_db
from otop_pos.db.selling import sales as sales_db
from otop_pos.db.stock import levels
from otop_pos.db.store import open_store
from otop_pos.domain.money import Money
from otop_pos.domain.selling.cart import Cart
from otop_pos.operations import auth
from otop_pos.operations.errors import OperationError
from otop_pos.operations.selling import cart as selling
from otop_pos.operations.selling import checkout
from otop_pos.operations.session import Session

PRICES = {"8850000000014": 150_000, "8850000000021": 8_550, "8850000000038": 8_550}
SKU = {"8850000000014": "SILK01", "8850000000021": "TEA01", "8850000000038": "TEA01"}
STEPS = {"none": 1, "quarter": 25, "baht": 100}

items = st.lists(
    st.tuples(st.sampled_from(sorted(PRICES)), st.integers(1, 20)), min_size=1, max_size=6
)
roundings = st.sampled_from(sorted(STEPS))
PROPERTY_SETTINGS = settings(
    max_examples=30,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One centre built once; each example gets its own copy of the closed file."""
    path = tmp_path_factory.mktemp("template") / "centre.sqlite"
    store = open_store(path)
    make_centre(store)
    store.close()
    return path


@pytest.fixture
def fresh_till(
    template: Path, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Callable[[str], Session]]:
    opened = []

    def open_copy(rounding: str) -> Session:
        path = tmp_path_factory.mktemp("example") / "centre.sqlite"
        shutil.copy(template, path)
        store = open_store(path)
        opened.append(store)
        saved = settings_db.load(store)
        settings_db.save(store, replace(saved, cash_rounding=rounding))
        session = Session.open(store)
        auth.login(session, 2, CASHIER_PIN)
        return session

    yield open_copy
    for store in opened:
        store.close()


def _fill(session: Session, picks: list[tuple[str, int]]) -> Cart:
    cart = Cart()
    for code, qty in picks:
        selling.scan(session, cart, code if qty == 1 else f"{qty}*{code}")
    return cart


def _expected_total(picks: list[tuple[str, int]]) -> int:
    return sum(PRICES[code] * qty for code, qty in picks)


def _round_cash(satang: int, step: int) -> int:
    """Nearest step; an exact half goes down (the customer's favour)."""
    below = satang - satang % step
    return below + step if 2 * (satang - below) > step else below


def _vat_half_up(total: int) -> int:
    return (total * 7 * 2 + 107) // (107 * 2)


@PROPERTY_SETTINGS
@given(picks=items, rounding=roundings, extra=st.integers(0, 200_000))
def test_a_paid_sale_adds_up(
    fresh_till: Callable[[str], Session], picks: list[tuple[str, int]], rounding: str, extra: int
) -> None:
    session = fresh_till(rounding)
    store = session.store
    cart = _fill(session, picks)
    total = _expected_total(picks)
    assert cart.total.satang == total
    due = _round_cash(total, STEPS[rounding])
    tendered = due + extra
    stock_before = levels.on_hand_all(store)

    result = checkout.complete_cash_sale(session, cart, Money(tendered))

    assert cart.is_empty
    sale = sales_db.get_by_receipt(store, result.receipt_no)
    assert sale is not None
    assert sale["total_satang"] == total == sum(ln["amount_satang"] for ln in sale["lines"])
    assert result.total.satang == total
    paid = sum(p["amount_satang"] for p in sale["payments"])
    assert paid == due == total + sale["rounding_satang"]
    assert abs(sale["rounding_satang"]) * 2 <= STEPS[rounding]
    assert sale["change_satang"] == tendered - paid == result.cash.change.satang
    assert sale["tendered_satang"] == tendered
    assert sale["vat_satang"] == _vat_half_up(total) == result.vat.satang
    sold = Counter[str]()
    for code, qty in picks:
        sold[SKU[code]] += qty
    ids = {r["sku"]: r["id"] for r in store.query("SELECT id, sku FROM products")}
    assert (
        Counter(
            {
                sku: sum(ln["qty"] for ln in sale["lines"] if ln["product_id"] == ids[sku])
                for sku in sold
            }
        )
        == sold
    )
    after = levels.on_hand_all(store)
    for sku, qty in sold.items():
        assert after[ids[sku]] == stock_before[ids[sku]] - qty
    assert journal.verify(store).ok
    check_store(store)


@PROPERTY_SETTINGS
@given(picks=items, rounding=roundings, data=st.data())
def test_short_tender_is_refused_and_writes_nothing(
    fresh_till: Callable[[str], Session],
    picks: list[tuple[str, int]],
    rounding: str,
    data: st.DataObject,
) -> None:
    session = fresh_till(rounding)
    store = session.store
    cart = _fill(session, picks)
    due = _round_cash(_expected_total(picks), STEPS[rounding])
    tendered = data.draw(st.integers(0, due - 1), label="tendered")
    counts = table_counts(store)
    snapshot = cart.to_dict()

    with pytest.raises(OperationError) as err:
        checkout.complete_cash_sale(session, cart, Money(tendered))

    assert "ไม่พอ" in err.value.thai
    assert cart.to_dict() == snapshot
    assert table_counts(store) == counts
    assert journal.verify(store).ok
    # ... and the exact amount is then accepted, with receipt number 1.
    result = checkout.complete_cash_sale(session, cart, Money(due))
    assert result.receipt_no.endswith("0001") and result.cash.change == Money(0)
