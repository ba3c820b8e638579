"""What a cashier confirms before a line stays in the sale: a big amount, more than in stock.

A mistyped quantity (999 for 9) or a wrong quick key costs the centre or the
customer; the till asks before the line stays, it never changes what was
typed. The amount is a centre setting (``confirm_line`` in baht).
"""

from __future__ import annotations

from dataclasses import dataclass

from otop_pos.db.stock import levels
from otop_pos.domain.selling.cart import Cart
from otop_pos.operations.session import Session


@dataclass(frozen=True, slots=True)
class Confirm:
    """One reason to ask; ``thai`` and ``english`` are whole sentences for the dialog."""

    thai: str
    english: str


def line_confirmations(session: Session, cart: Cart, index: int) -> list[Confirm]:
    """Reasons to ask about the cart's line ``index`` (empty: nothing to ask)."""
    line = cart.lines[index]
    asks: list[Confirm] = []
    limit = session.settings.confirm_line_over
    if line.amount > limit:
        asks.append(Confirm(
            f"{line.product.name_th} {line.qty:,} ชิ้น เป็นเงิน {line.amount.format()} บาท"
            f" เกิน {limit.format()} บาท",
            f"{line.product.name_en or line.product.sku} x {line.qty:,} is"
            f" {line.amount.format()} baht, over {limit.format()}.",
        ))  # fmt: skip
    in_cart = sum(ln.qty for ln in cart.lines if ln.product.product_id == line.product.product_id)
    on_hand = levels.on_hand(session.store, line.product.product_id)
    if in_cart > on_hand:
        asks.append(Confirm(
            f"ขาย {line.product.name_th} {in_cart:,} ชิ้น แต่ในสต็อกมี {max(on_hand, 0):,} ชิ้น",
            f"Selling {in_cart:,} of {line.product.sku} with {max(on_hand, 0):,} in stock.",
        ))  # fmt: skip
    return asks
