"""The cashier's actions on the sale in progress, one function per action.

The cart lives in memory (it is not business data until it is paid); a sale
becomes a journal entry only when it completes, in one transaction with its
number, lines, payments and stock movements.
"""

from __future__ import annotations

import json
from dataclasses import dataclass

from otop_pos.db.catalogue import products
from otop_pos.db.selling import held as held_db
from otop_pos.domain.catalogue.barcode import ScanError, Scanned, parse_scan
from otop_pos.domain.catalogue.scale_labels import (
    ScaleLabelError,
    decode,
    parse_layouts,
    weight_for_price,
)
from otop_pos.domain.catalogue.units import (
    QuantityError,
    Unit,
    is_measured,
    parse_quantity,
    qty_text,
    unit_text,
)
from otop_pos.domain.money import Money
from otop_pos.domain.selling.cart import Cart, CartError, ProductRef
from otop_pos.domain.staff.permissions import Permission
from otop_pos.domain.thai.thaidate import to_iso, utc_now
from otop_pos.operations.errors import FieldError, OperationError
from otop_pos.operations.session import Session

QuickKey = products.QuickKey  # what quick_keys returns; named here because ui/ never imports db/


@dataclass(frozen=True)
class Added:
    index: int
    product: ProductRef
    qty: int  # pieces, or thousandths of a measured unit

    def qty_text(self, lang: str = "th") -> str:
        """'x3' for pieces, '0.450 กก.' for a weighed line."""
        unit = self.product.unit
        return qty_text(self.qty, unit, lang) if is_measured(unit) else f"x{self.qty}"


@dataclass(frozen=True)
class Weigh:
    """A product sold by weight or measure, found without its quantity: ask for it."""

    product: ProductRef


def _cart_call(fn, *args):  # type: ignore[no-untyped-def]
    try:
        return fn(*args)
    except QuantityError as exc:
        raise FieldError(exc.thai, exc.english, exc.field) from exc
    except (CartError, ScanError, ScaleLabelError) as exc:
        raise OperationError(str(exc), getattr(exc, "english", None)) from exc


def _add(cart: Cart, product: ProductRef, scanned: Scanned) -> Added | Weigh:
    """The typed quantity in the product's unit; a measured product without one is weighed."""
    try:
        qty = scanned.qty_in(is_measured(product.unit), product.name_th)
    except ScanError as exc:
        raise OperationError(
            str(exc),
            f"{product.name_en or product.sku} is sold by the piece: type a whole number"
            " (decimals are for goods sold by weight).",
        ) from exc
    if qty is None:
        return Weigh(product)
    return Added(_cart_call(cart.add, product, qty), product, qty)


def scan(session: Session, cart: Cart, text: str) -> Added | Weigh:
    """A scanned (or typed) barcode, SKU or scale label, with an optional `3*` or `0.45*`."""
    session.require(Permission.SELL)
    scanned = _cart_call(parse_scan, text)
    code = scanned.code
    product = products.by_barcode(session.store, code) or products.by_sku(session.store, code)
    if product is not None:
        return _add(cart, product, scanned)
    label = _from_label(session, cart, scanned)
    if label is not None:
        return label
    raise OperationError(
        f"ไม่พบสินค้ารหัส {code} ในระบบ ไม่ได้เพิ่มรายการ",
        f"No product with code {code}. Nothing was added.",
    )


def _from_label(session: Session, cart: Cart, scanned: Scanned) -> Added | None:
    """A scale label of one of the centre's layouts; None when the code is not one."""
    layouts = _cart_call(parse_layouts, session.settings.scale_labels)
    label = _cart_call(decode, scanned.code, layouts)
    if label is None:
        return None
    if scanned.milli is not None:
        raise OperationError(
            "ฉลากตาชั่งบอกน้ำหนักหรือราคาอยู่แล้ว ไม่ต้องใส่จำนวนก่อนสแกน",
            "A scale label carries its weight or price; scan it without a quantity.",
        )
    product = products.by_scale_code(session.store, label.item)
    if product is None or not is_measured(product.unit):
        raise OperationError(
            f"ฉลากตาชั่ง {label.code}: ไม่พบสินค้าชั่งน้ำหนักรหัสตาชั่ง {label.item}"
            " (ตั้งรหัสสินค้าในตาชั่งที่หน้าสินค้า) ไม่ได้เพิ่มรายการ",
            f"Scale label {label.code}: no product sold by weight has scale code {label.item}."
            " Nothing was added.",
        )
    qty = label.weight
    if label.price is not None:
        qty = weight_for_price(label.price, product.unit_price)
        if qty is None:
            per = unit_text(product.unit)
            raise OperationError(
                f"ราคาบนฉลาก {label.price.format()} บาท ไม่ตรงกับราคา"
                f" {product.unit_price.format()} บาท/{per} ของ {product.name_th} ในระบบ"
                " (ราคาในตาชั่งไม่ตรงกับร้าน) กรุณาพิมพ์น้ำหนักแทน เช่น 0.45*รหัสสินค้า",
                f"The label's price {label.price.format()} does not match"
                f" {product.unit_price.format()} per {unit_text(product.unit, 'en')};"
                " type the weight instead.",
            )
    assert qty is not None
    return Added(_cart_call(cart.add, product, qty), product, qty)


def add_product(
    session: Session, cart: Cart, product_id: int, qty: int | None = None
) -> Added | Weigh:
    """A product picked from search results or a quick key (one piece, or weigh it).

    A ``qty`` given is in the product's unit: pieces, or thousandths of a kg.
    """
    session.require(Permission.SELL)
    product = products.by_id(session.store, product_id)
    if product is None:
        raise OperationError("ไม่พบสินค้านี้", "Product not found.")
    if qty is None:
        return _add(cart, product, Scanned(product.sku))
    return Added(_cart_call(cart.add, product, qty), product, qty)


def read_weight(product: ProductRef, text: str, small: bool = False) -> int:
    """What the weight prompt holds, in the product's stored unit (raises OperationError)."""
    unit = product.unit
    return int(_cart_call(lambda: parse_quantity(text, unit, field="weight", small=small)))


def add_weighed(
    session: Session, cart: Cart, product_id: int, text: str, small: bool = False
) -> Added:
    """A weighed product with the weight typed ('0.45', '450 g'; ``small``: a bare 450 is grams)."""
    session.require(Permission.SELL)
    product = products.by_id(session.store, product_id)
    if product is None:
        raise OperationError("ไม่พบสินค้านี้", "Product not found.")
    qty = read_weight(product, text, small)
    return Added(_cart_call(cart.add, product, qty), product, qty)


def set_weight(session: Session, cart: Cart, index: int, text: str, small: bool = False) -> None:
    """A weighed line's weight typed again (F4 on the line)."""
    session.require(Permission.SELL)
    line = _cart_call(lambda: cart.lines[index] if 0 <= index < len(cart.lines) else None)
    if line is None or line.product.unit == Unit.PIECE:
        raise OperationError("เลือกรายการสินค้าชั่งน้ำหนัก", "Choose a line sold by weight.")
    _cart_call(cart.set_qty, index, read_weight(line.product, text, small))


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
    from otop_pos.db.projections import record  # not needed to scan: the till starts sooner
    from otop_pos.operations.selling.checkout import line_payloads

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
