"""Barcode labels for goods that came without one, and the codes they carry.

An in-store code is business data (the till must find the product by it on
every terminal, and after a rebuild), so assigning one is a journal event,
``barcode_assign``, like any other catalogue change. Printing a label is not.
"""

from __future__ import annotations

from collections.abc import Sequence

from otop_pos.db.catalogue import barcodes as labels_db
from otop_pos.db.catalogue import products as catalog
from otop_pos.db.projections import record
from otop_pos.db.store import Store
from otop_pos.domain.catalogue.barcode import is_valid_ean13
from otop_pos.domain.catalogue.instore import (
    DEFAULT_PREFIX,
    MAX_COPIES,
    InstoreCodeError,
    Label,
    LabelError,
    Symbology,
    check_prefix,
    next_instore,
)
from otop_pos.domain.catalogue.units import price_suffix
from otop_pos.domain.money import Money
from otop_pos.domain.selling.cart import ProductRef
from otop_pos.domain.staff.permissions import Permission
from otop_pos.domain.thai.thaidate import to_iso, utc_now
from otop_pos.operations.errors import OperationError
from otop_pos.operations.session import Session


def price_text(price: Money) -> str:
    """'฿1,290.00': the baht sign in front is shorter than 'บาท' on a small sticker."""
    return f"฿{price.format()}"


def _product(store: Store, product_id: int) -> ProductRef:
    """The product, if it exists and is on sale; a code for a withdrawn one is useless."""
    active = labels_db.is_active(store, product_id)
    product = catalog.by_id(store, product_id) if active is not None else None
    if product is None:
        raise OperationError(f"ไม่พบสินค้ารหัส {product_id}", f"No product with id {product_id}.")
    if not active:
        raise OperationError(
            f"สินค้า {product.name_th} เลิกขายแล้ว ไม่ได้ออกบาร์โค้ดหรือฉลาก",
            f"{product.name_en or product.sku} is no longer sold; no barcode or label was made.",
        )
    return product


def _prefix(prefix: str) -> str:
    try:
        return check_prefix(prefix)
    except InstoreCodeError as exc:
        raise OperationError(str(exc), f"In-store prefix must be 20-29, not {prefix!r}.") from exc


def _assign(session: Session, user_id: int, product_id: int, prefix: str) -> str:
    """Journal the next free code for the product (caller holds the transaction)."""
    store = session.store
    try:
        code = next_instore(labels_db.instore_codes(store, prefix), prefix)
    except InstoreCodeError as exc:
        raise OperationError(str(exc), f"No in-store numbers left with prefix {prefix}.") from exc
    payload = {"product_id": product_id, "barcode": code}
    record.record(store, session.terminal_id, "barcode_assign", to_iso(utc_now()), user_id, payload)
    return code


def assign_instore_barcode(session: Session, product_id: int, prefix: str = DEFAULT_PREFIX) -> str:
    """Give a product a new in-store EAN-13 (manager only); the product keeps its others."""
    user = session.require(Permission.MANAGE_PRODUCTS)
    _prefix(prefix)
    store = session.store
    with store.transaction():
        _product(store, product_id)
        return _assign(session, user.id, product_id, prefix)


def _pick(codes: list[str]) -> str:
    """A product's label code: its first EAN-13, else its first code of any kind."""
    return next((c for c in codes if is_valid_ean13(c)), codes[0])


def _label(product: ProductRef, code: str, copies: int, lang: str, by_sku: bool) -> Label:
    name = (product.name_en or product.name_th) if lang == "en" else product.name_th
    symbology: Symbology = "ean13" if not by_sku and is_valid_ean13(code) else "code128"
    try:
        price = price_text(product.unit_price) + price_suffix(product.unit)
        return Label(code, symbology, name, price, product.sku, copies)
    except LabelError as exc:
        raise OperationError(
            f"{product.name_th}: {exc}", f"{product.sku}: cannot print a label for {code!r}."
        ) from exc


def labels_for(
    session: Session,
    items: Sequence[tuple[int, int]],
    lang: str = "th",
    *,
    by_sku: bool = False,
    prefix: str = DEFAULT_PREFIX,
) -> list[Label]:
    """Labels for (product_id, copies) pairs, in order.

    A product without a barcode first gets an in-store code (a journal
    event, manager only), all in one transaction: a refused list assigns
    nothing. ``by_sku`` prints Code 128 of the SKU instead; the till finds
    products by SKU too.
    """
    session.require(Permission.SELL)
    store = session.store
    for _pid, copies in items:
        if not isinstance(copies, int) or isinstance(copies, bool) or not 1 <= copies <= MAX_COPIES:
            raise OperationError(
                f"จำนวนดวงต้องอยู่ระหว่าง 1 ถึง {MAX_COPIES}", f"Copies must be 1 to {MAX_COPIES}."
            )
    products = [_product(store, pid) for pid, _copies in items]
    codes = {p.product_id: labels_db.barcodes_of(store, p.product_id) for p in products}
    if by_sku:
        codes = {p.product_id: [p.sku] for p in products}

    def build(p: ProductRef, copies: int) -> Label:
        return _label(p, _pick(codes[p.product_id]), copies, lang, by_sku)

    # Labels that need no new code are built first, so a bad one refuses the lot.
    pairs = list(zip(products, [n for _, n in items], strict=True))
    ready = [build(p, n) if codes[p.product_id] else None for p, n in pairs]
    missing = [pid for pid, found in codes.items() if not found]
    if missing:
        user = session.require(Permission.MANAGE_PRODUCTS)
        _prefix(prefix)
        with store.transaction():
            for pid in missing:  # read again under the write lock: another till may have assigned
                _product(store, pid)
                codes[pid] = labels_db.barcodes_of(store, pid) or [
                    _assign(session, user.id, pid, prefix)
                ]
    return [label or build(p, n) for label, (p, n) in zip(ready, pairs, strict=True)]


def product_id_for_sku(session: Session, sku: str) -> int:
    """The product a label list names by SKU (the form managers type)."""
    from otop_pos.db.catalogue import products as catalog

    product = catalog.by_sku(session.store, sku.strip())
    if product is None:
        raise OperationError(f"ไม่พบสินค้ารหัส {sku}", f"No product with SKU {sku}.")
    return product.product_id
