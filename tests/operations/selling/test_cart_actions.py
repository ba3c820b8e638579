"""The cashier's operations against a real SQLite file."""

from __future__ import annotations

import pytest
from helpers import CASHIER_PIN, make_centre

from otop_pos.db import journal
from otop_pos.db.selling import sales as sales_db
from otop_pos.db.stock import levels
from otop_pos.db.store import Store
from otop_pos.domain.money import Money
from otop_pos.domain.selling.cart import Cart
from otop_pos.operations import auth
from otop_pos.operations.errors import OperationError
from otop_pos.operations.selling import cart as selling
from otop_pos.operations.selling import checkout
from otop_pos.operations.session import Session


def test_scan_adds_by_any_barcode_and_quantity_prefix(cashier: Session) -> None:
    cart = Cart()
    selling.scan(cashier, cart, "8850000000014")
    added = selling.scan(cashier, cart, "3*8850000000038")  # second barcode of TEA01
    assert added.product.sku == "TEA01"
    assert [(ln.product.sku, ln.qty) for ln in cart.lines] == [("SILK01", 1), ("TEA01", 3)]
    assert cart.total == Money.parse("1500") + Money.parse("85.50") * 3


def test_unknown_barcode_adds_nothing_with_a_thai_message(cashier: Session) -> None:
    cart = Cart()
    with pytest.raises(OperationError) as err:
        selling.scan(cashier, cart, "8859999999999")
    assert "ไม่พบสินค้า" in err.value.thai and "8859999999999" in err.value.thai
    assert cart.is_empty


def test_inactive_product_is_not_sold(cashier: Session) -> None:
    with pytest.raises(OperationError):
        selling.scan(cashier, Cart(), "8850000000045")


def test_not_logged_in_is_refused(centre: Session) -> None:
    with pytest.raises(OperationError) as err:
        selling.scan(centre, Cart(), "8850000000014")
    assert "เข้าสู่ระบบ" in err.value.thai


def test_complete_cash_sale_writes_everything_in_one_entry(cashier: Session) -> None:
    store = cashier.store
    cart = Cart()
    selling.scan(cashier, cart, "2*8850000000021")
    selling.scan(cashier, cart, "8850000000014")
    before = levels.on_hand(store, 2)
    result = checkout.complete_cash_sale(cashier, cart, Money.baht(2000))
    assert cart.is_empty
    assert result.cash.change == Money.baht(2000) - Money.parse("1671.00")
    sale = sales_db.get_by_receipt(store, result.receipt_no)
    assert sale is not None
    assert sale["total_satang"] == 167100
    assert sale["vat_satang"] == 10932  # 1671.00 * 7/107 = 109.317... -> 109.32
    assert [ln["qty"] for ln in sale["lines"]] == [2, 1]
    assert sale["payments"][0]["tender"] == "cash"
    assert levels.on_hand(store, 2) == before - 2
    assert journal.verify(store).ok
    assert result.receipt_no.startswith("POS01-")


def test_receipt_numbers_are_sequential_per_terminal(cashier: Session) -> None:
    numbers = []
    for _ in range(3):
        cart = Cart()
        selling.scan(cashier, cart, "8850000000021")
        numbers.append(checkout.complete_cash_sale(cashier, cart, Money.baht(100)).receipt_no)
    assert [int(n[-4:]) for n in numbers] == [1, 2, 3]


def test_short_tender_commits_nothing(cashier: Session) -> None:
    cart = Cart()
    selling.scan(cashier, cart, "8850000000014")
    with pytest.raises(OperationError) as err:
        checkout.complete_cash_sale(cashier, cart, Money.baht(1000))
    assert "ไม่พอ" in err.value.thai
    assert sales_db.count(cashier.store) == 0
    assert not cart.is_empty


def test_cash_rounding_setting_applies(store: Store) -> None:
    session = make_centre(store, cash_rounding="baht")
    auth.login(session, 2, CASHIER_PIN)
    cart = Cart()
    selling.scan(session, cart, "8850000000021")  # 85.50 -> 85.00 (half in the customer's favour)
    result = checkout.complete_cash_sale(session, cart, Money.baht(100))
    assert result.cash.change == Money.baht(15)
    sale = sales_db.get_by_receipt(store, result.receipt_no)
    assert sale is not None
    assert (sale["total_satang"], sale["rounding_satang"]) == (8550, -50)
    assert sale["payments"][0]["amount_satang"] == 8500


def test_hold_and_resume(cashier: Session) -> None:
    cart = Cart()
    selling.scan(cashier, cart, "8850000000014")
    held_id = selling.hold(cashier, cart, "ลูกค้าเสื้อแดง")
    assert cart.is_empty
    [held] = selling.held_sales(cashier)
    assert held.total == Money.baht(1500) and held.label == "ลูกค้าเสื้อแดง"
    cart = selling.resume(cashier, cart, held_id)
    assert cart.lines[0].product.sku == "SILK01"
    assert selling.held_sales(cashier) == []


def test_resume_refused_when_cart_not_empty(cashier: Session) -> None:
    cart = Cart()
    selling.scan(cashier, cart, "8850000000014")
    held_id = selling.hold(cashier, cart)
    selling.scan(cashier, cart, "8850000000021")
    with pytest.raises(OperationError):
        selling.resume(cashier, cart, held_id)
    assert len(selling.held_sales(cashier)) == 1


def test_void_cart_is_journalled_but_sells_nothing(cashier: Session) -> None:
    cart = Cart()
    selling.scan(cashier, cart, "8850000000014")
    selling.void_cart(cashier, cart)
    assert cart.is_empty
    assert sales_db.count(cashier.store) == 0
    kinds = [e.kind for e in journal.entries(cashier.store, "T01")]
    assert kinds[-1] == "cart_void"


def test_quick_keys_and_search(cashier: Session) -> None:
    keys = selling.quick_keys(cashier)
    assert [(k.key, k.product.sku) for k in keys] == [(1, "TEAGLASS")]
    assert {p.sku for p in selling.search(cashier, "ใบหม่อน")} == {"TEA01", "TEAGLASS"}
    assert {p.sku for p in selling.search(cashier, "mulberry")} == {"TEA01", "TEAGLASS"}
    assert {p.sku for p in selling.search(cashier, "ชา")} == {"TEA01", "TEAGLASS"}
    assert {p.sku for p in selling.search(cashier, "Mu")} == {"SILK01", "TEA01"}
    assert {p.sku for p in selling.search(cashier, "หนองบัว")} == {"SILK01"}
    assert selling.search(cashier, "เลิกขาย") == []
