"""Selling helpers for the shift, return and day-close tests."""

from __future__ import annotations

from datetime import datetime

from otop_pos.domain.money import Money
from otop_pos.domain.selling.cart import Cart
from otop_pos.domain.selling.tenders import Tender, TenderKind
from otop_pos.operations.selling import cart as selling
from otop_pos.operations.selling import checkout
from otop_pos.operations.selling.checkout import SaleResult
from otop_pos.operations.session import Session

SILK = "8850000000014"  # 1,500.00, textile, producer P01
TEA = "8850000000021"  # 85.50, drink, producer P02


def sell(
    session: Session, *codes: str, tenders: list[Tender] | None = None, now: datetime | None = None
) -> SaleResult:
    """Scan the codes and pay: exact cash unless tenders are given."""
    cart = Cart()
    for code in codes:
        selling.scan(session, cart, code)
    if tenders is None:
        return checkout.complete_cash_sale(session, cart, cart.total, now)
    return checkout.complete_sale(session, cart, tenders, now)


def cash(amount: Money) -> Tender:
    return Tender(TenderKind.CASH, amount)


def card(amount: Money) -> Tender:
    return Tender(TenderKind.CARD, amount, approval_code="A1B2C3", card_last4="4242")


def promptpay(amount: Money) -> Tender:
    return Tender(TenderKind.PROMPTPAY, amount, reference="PP1")
