"""Discounts over the limit, price overrides and the drawer: approved and logged."""

from __future__ import annotations

from pathlib import Path

import pytest
from helpers import CASHIER_PIN, MANAGER_PIN, make_centre
from shift_helpers import SILK, TEA

from otop_pos.db.store import Store
from otop_pos.domain.money import Money
from otop_pos.domain.selling.cart import Cart
from otop_pos.domain.staff.permissions import Permission
from otop_pos.operations import approvals, auth
from otop_pos.operations.errors import FieldError, OperationError
from otop_pos.operations.selling import cart as selling
from otop_pos.operations.selling import checkout, line_prices
from otop_pos.operations.session import Session
from otop_pos.operations.shifts import drawer


def _cart(session: Session, code: str) -> Cart:
    cart = Cart()
    selling.scan(session, cart, code)
    return cart


def test_small_discount_needs_no_manager(cashier: Session) -> None:
    cart = _cart(cashier, SILK)  # 1,500.00; the limit is 10 %
    line_prices.discount_line(cashier, cart, 0, Money.baht(150))
    assert cart.total == Money.baht(1350) and cart.lines[0].approved_by is None


def test_big_discount_and_price_override_go_to_the_audit_log(cashier: Session) -> None:
    cart = _cart(cashier, SILK)
    with pytest.raises(OperationError, match="ต้องให้ผู้จัดการอนุมัติ"):
        line_prices.discount_line(cashier, cart, 0, Money.baht(300))
    ok = approvals.approve(cashier, MANAGER_PIN, Permission.DISCOUNT)
    line_prices.discount_line(cashier, cart, 0, Money.baht(300), ok)
    selling.scan(cashier, cart, TEA)
    with pytest.raises(OperationError):
        line_prices.override_price(cashier, cart, 1, Money.baht(80))
    price_ok = approvals.approve(cashier, MANAGER_PIN, Permission.PRICE_OVERRIDE)
    line_prices.override_price(cashier, cart, 1, Money.baht(80), price_ok)
    sale = checkout.complete_cash_sale(cashier, cart, cart.total)
    rows = cashier.store.query(
        "SELECT action, asked_by, approved_by, detail FROM audit_log"
        " WHERE action NOT LIKE 'user_%' ORDER BY id"  # the centre's users were added first
    )
    assert [(r[0], r[1], r[2]) for r in rows] == [("discount", 2, 1), ("price_override", 2, 1)]
    assert sale.receipt_no in rows[0][3] and '"list_price": 8550' in rows[1][3]


def test_a_discount_bigger_than_the_line_is_refused(manager: Session) -> None:
    cart = _cart(manager, TEA)
    with pytest.raises(FieldError) as err:
        line_prices.discount_line(manager, cart, 0, Money.baht(100))
    assert err.value.field == "discount" and cart.total == Money(8550)


def test_opening_the_drawer_is_approved_and_kicks_it(store: Store, tmp_path: Path) -> None:
    printer = tmp_path / "printer.bin"
    session = make_centre(store, printer_uri=f"file:{printer}")
    auth.login(session, 2, CASHIER_PIN)
    with pytest.raises(OperationError, match="ต้องให้ผู้จัดการอนุมัติ"):
        drawer.open_drawer(session, "แลกเงิน")
    assert not printer.exists()
    ok = approvals.approve(session, MANAGER_PIN, Permission.OPEN_DRAWER)
    drawer.open_drawer(session, "แลกเงิน", ok)
    assert printer.read_bytes().startswith(b"\x1bp")  # ESC p: the drawer pulse, nothing printed
    row = store.one("SELECT action, approved_by FROM audit_log WHERE action NOT LIKE 'user_%'")
    assert row is not None and tuple(row) == ("open_drawer", 1)
