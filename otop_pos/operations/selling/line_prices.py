"""Line discounts and price overrides at the till.

A discount up to the centre's limit (a percent of the line) is the
cashier's call; above it, and for any price override, a manager approves.
The approval rides on the cart line into the sale's journal entry, and from
there into the audit log.
"""

from __future__ import annotations

from otop_pos.domain.money import Money, MoneyError
from otop_pos.domain.selling.cart import Cart, CartError
from otop_pos.domain.staff.permissions import Permission
from otop_pos.operations.approvals import Approval, authorize
from otop_pos.operations.errors import FieldError
from otop_pos.operations.session import Session


def parse_price(text: str, field: str) -> Money:
    try:
        amount = Money.parse(text)
    except MoneyError as exc:
        raise FieldError(str(exc), f"Not an amount: {text.strip()!r}", field) from exc
    if amount.is_negative:
        raise FieldError("จำนวนเงินติดลบไม่ได้", "The amount cannot be negative.", field)
    return amount


def needs_approval(session: Session, cart: Cart, index: int, discount: Money) -> bool:
    """True when this discount is over the limit for the line."""
    line = cart.lines[index]
    limit = line.gross.satang * session.settings.discount_limit_percent // 100
    return discount.satang > limit


def discount_line(
    session: Session, cart: Cart, index: int, discount: Money, approval: Approval | None = None
) -> None:
    """Give a discount on one line (baht off the line's total)."""
    session.require(Permission.SELL)
    approved_by = None
    if needs_approval(session, cart, index, discount):
        _user, manager = authorize(session, Permission.DISCOUNT, approval)
        approved_by = manager.id
    try:
        cart.set_line_discount(index, discount, approved_by)
    except CartError as exc:
        raise FieldError(
            str(exc), "That discount is not possible for this line.", "discount"
        ) from exc


def override_price(
    session: Session, cart: Cart, index: int, price: Money, approval: Approval | None = None
) -> None:
    """Sell one line at another unit price than the list price (always approved)."""
    session.require(Permission.SELL)
    _user, manager = authorize(session, Permission.PRICE_OVERRIDE, approval)
    try:
        cart.set_unit_price(index, price, manager.id)
    except CartError as exc:
        raise FieldError(str(exc), "That price is not possible for this line.", "price") from exc
