"""What a cashier confirms before a line stays in the sale: a big amount, more than in stock.

A mistyped quantity (999 for 9) or a wrong quick key costs the centre or the
customer; the till asks before the line stays, it never changes what was
typed. The amount is a centre setting (``confirm_line`` in baht).
"""

from __future__ import annotations

from dataclasses import dataclass

from otop_pos.db.stock import levels
from otop_pos.domain.catalogue.units import QuantityError, Unit, parse_quantity, qty_text
from otop_pos.domain.selling.cart import Cart, CartError
from otop_pos.domain.staff.permissions import Permission
from otop_pos.operations.errors import FieldError
from otop_pos.operations.session import Session


@dataclass(frozen=True, slots=True)
class Confirm:
    """One reason to ask; ``thai`` and ``english`` are whole sentences for the dialog."""

    thai: str
    english: str


def line_confirmations(session: Session, cart: Cart, index: int) -> list[Confirm]:
    """Reasons to ask about the cart's line ``index`` (empty: nothing to ask)."""
    line = cart.lines[index]
    unit = line.product.unit
    asks: list[Confirm] = []
    limit = session.settings.confirm_line_over
    if line.amount > limit:
        asks.append(Confirm(
            f"{line.product.name_th} {qty_text(line.qty, unit)} เป็นเงิน {line.amount.format()} บาท"
            f" เกิน {limit.format()} บาท",
            f"{line.product.name_en or line.product.sku} x {qty_text(line.qty, unit, 'en')} is"
            f" {line.amount.format()} baht, over {limit.format()}.",
        ))  # fmt: skip
    in_cart = sum(ln.qty for ln in cart.lines if ln.product.product_id == line.product.product_id)
    on_hand = max(levels.on_hand(session.store, line.product.product_id), 0)
    if in_cart > on_hand:
        asks.append(Confirm(
            f"ขาย {line.product.name_th} {qty_text(in_cart, unit)}"
            f" แต่ในสต็อกมี {qty_text(on_hand, unit)}",
            f"Selling {qty_text(in_cart, unit, 'en')} of {line.product.sku}"
            f" with {qty_text(on_hand, unit, 'en')} in stock.",
        ))  # fmt: skip
    return asks


def type_qty(session: Session, cart: Cart, index: int, text: str) -> None:
    """A piece line's quantity as typed in its box: exactly what was typed, or refused."""
    session.require(Permission.SELL)
    try:
        qty = parse_quantity(text, Unit.PIECE)
        cart.set_qty(index, qty)
    except QuantityError as exc:
        raise FieldError(exc.thai, exc.english, "qty") from exc
    except CartError as exc:
        raise FieldError(str(exc), "The quantity was not taken.", "qty") from exc


def take_back(session: Session, cart: Cart, index: int, qty: int) -> None:
    """Undo what the cashier did not confirm: ``qty`` off the line, or the line when that is all."""
    session.require(Permission.SELL)
    line = cart.lines[index]
    if qty >= line.qty:
        cart.remove(index)
    else:
        cart.set_qty(index, line.qty - qty)
