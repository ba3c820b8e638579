"""The cashier's actions on the sale in progress, one function per action.

The cart lives in memory (it is not business data until it is paid); a sale
becomes a journal entry only when it completes, in one transaction with its
number, lines, payments and stock movements.
"""

from __future__ import annotations

import json
from dataclasses import dataclass

from otop_pos.db.catalogue import products
from otop_pos.db.projections import record
from otop_pos.db.selling import held as held_db
from otop_pos.domain.catalogue.barcode import ScanError, parse_scan_input
from otop_pos.domain.money import Money
from otop_pos.domain.selling.cart import Cart, CartError, ProductRef
from otop_pos.domain.staff.permissions import Permission
from otop_pos.domain.thai.thaidate import to_iso, utc_now
from otop_pos.operations.errors import OperationError
from otop_pos.operations.selling.checkout import line_payloads
from otop_pos.operations.session import Session

QuickKey = products.QuickKey  # what quick_keys returns; named here because ui/ never imports db/


@dataclass(frozen=True)
class Added:
    index: int
    product: ProductRef
    qty: int


def _cart_call(fn, *args):  # type: ignore[no-untyped-def]
    try:
        return fn(*args)
    except (CartError, ScanError) as exc:
        raise OperationError(str(exc), getattr(exc, "english", None)) from exc


def scan(session: Session, cart: Cart, text: str) -> Added:
    """A scanned (or typed) barcode or SKU, with an optional `3*` quantity prefix."""
    session.require(Permission.SELL)
    qty, code = _cart_call(parse_scan_input, text)
    product = products.by_barcode(session.store, code) or products.by_sku(session.store, code)
    if product is None:
        raise OperationError(
            f"ไม่พบสินค้ารหัส {code} ในระบบ ไม่ได้เพิ่มรายการ",
            f"No product with code {code}. Nothing was added.",
        )
    return Added(_cart_call(cart.add, product, qty), product, qty)


def add_product(session: Session, cart: Cart, product_id: int, qty: int = 1) -> Added:
    """A product picked from search results or a quick key."""
    session.require(Permission.SELL)
    product = products.by_id(session.store, product_id)
    if product is None:
        raise OperationError("ไม่พบสินค้านี้", "Product not found.")
    return Added(_cart_call(cart.add, product, qty), product, qty)


def search(session: Session, query: str, limit: int = 50) -> list[ProductRef]:
    return products.search(session.store, query.strip(), limit)


def quick_keys(session: Session) -> list[QuickKey]:
    return products.quick_keys(session.store)


def change_qty(session: Session, cart: Cart, index: int, qty: int) -> None:
    session.require(Permission.SELL)
    _cart_call(cart.set_qty, index, qty)


def remove_line(session: Session, cart: Cart, index: int) -> None:
    session.require(Permission.VOID_CART)
    _cart_call(cart.remove, index)


def void_cart(session: Session, cart: Cart) -> None:
    """Abandon the sale in progress; the attempt stays in the journal for audit."""
    user = session.require(Permission.VOID_CART)
    if cart.is_empty:
        return
    with session.store.transaction():
        record.record(
            session.store,
            session.terminal_id,
            "cart_void",
            to_iso(utc_now()),
            user.id,
            {"lines": line_payloads(cart), "total": cart.total.satang},
        )
    cart.clear()


@dataclass(frozen=True)
class HeldSale:
    id: int
    label: str
    held_at: str
    user_id: int
    total: Money
    item_count: int


def hold(session: Session, cart: Cart, label: str = "") -> int:
    """Park the cart (a customer fetching more goods) and start a fresh one."""
    user = session.require(Permission.HOLD_SALE)
    if cart.is_empty:
        raise OperationError("ไม่มีรายการให้พักไว้", "There is nothing to hold.")
    held_id = held_db.insert(
        session.store,
        session.terminal_id,
        user.id,
        to_iso(utc_now()),
        label,
        json.dumps(cart.to_dict(), ensure_ascii=False),
    )
    cart.clear()
    return held_id


def held_sales(session: Session) -> list[HeldSale]:
    result = []
    for r in held_db.list_for(session.store, session.terminal_id):
        cart = Cart.from_dict(json.loads(str(r["cart"])))
        result.append(
            HeldSale(
                int(r["id"]),
                str(r["label"]),
                str(r["held_at"]),
                int(r["user_id"]),
                cart.total,
                cart.item_count,
            )
        )
    return result


def resume(session: Session, cart: Cart, held_id: int) -> Cart:
    """Bring a held sale back; the current cart must be empty so nothing is lost."""
    session.require(Permission.HOLD_SALE)
    if not cart.is_empty:
        raise OperationError(
            "กรุณาชำระเงินหรือพักรายการปัจจุบันก่อนเรียกรายการที่พักไว้",
            "Finish or hold the current sale before resuming another.",
        )
    cart_json = held_db.take(session.store, held_id)
    if cart_json is None:
        raise OperationError("ไม่พบรายการที่พักไว้", "Held sale not found.")
    return Cart.from_dict(json.loads(cart_json))
