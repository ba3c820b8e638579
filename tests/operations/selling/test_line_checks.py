"""The till asks before a big line or one beyond the stock on hand stays in the sale."""

from __future__ import annotations

from shift_helpers import SILK, TEA

from otop_pos.domain.money import Money
from otop_pos.domain.selling.cart import Cart
from otop_pos.operations import centre_settings
from otop_pos.operations.selling import cart as selling
from otop_pos.operations.selling.line_checks import line_confirmations
from otop_pos.operations.session import Session


def test_an_ordinary_line_asks_nothing(cashier: Session) -> None:
    cart = Cart()
    selling.scan(cashier, cart, TEA)
    assert line_confirmations(cashier, cart, 0) == []


def test_a_line_over_the_amount_asks_and_the_amount_is_a_setting(manager: Session) -> None:
    cart = Cart()
    selling.scan(manager, cart, f"7*{SILK}")  # 7 x 1,500 = 10,500 > 10,000
    (ask,) = line_confirmations(manager, cart, 0)
    assert "10,500.00 บาท เกิน 10,000.00 บาท" in ask.thai and "over 10,000.00" in ask.english
    centre_settings.update(manager, {"confirm_line": "20,000"})
    assert manager.settings.confirm_line_over == Money.baht(20000)
    assert line_confirmations(manager, cart, 0) == []


def test_more_than_on_hand_asks_counting_every_line_of_the_product(cashier: Session) -> None:
    cart = Cart()
    selling.scan(cashier, cart, f"30*{TEA}")  # 50 on hand
    selling.scan(cashier, cart, SILK)
    assert line_confirmations(cashier, cart, 0) == []
    selling.scan(cashier, cart, f"21*{TEA}")  # a second line: 51 of TEA in the cart
    (ask,) = line_confirmations(cashier, cart, 2)
    assert ask.thai.endswith("51 ชิ้น แต่ในสต็อกมี 50 ชิ้น")
