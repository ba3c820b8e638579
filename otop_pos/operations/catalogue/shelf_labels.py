"""Shelf-edge price cards for chosen products, or for all of one producer's goods.

Printing writes nothing to the journal: a card only shows what is stored.
Withdrawn products are refused (a card for goods no longer sold misleads),
and unknown SKUs are named all at once so the list can be fixed in one go.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from otop_pos.db.catalogue import products
from otop_pos.domain.catalogue.instore import LabelError
from otop_pos.domain.catalogue.units import price_suffix
from otop_pos.domain.money import Money
from otop_pos.domain.staff.permissions import Permission
from otop_pos.operations.errors import OperationError
from otop_pos.operations.session import Session
from otop_pos.printing.documents.shelf_labels import ShelfLabel, shelf_label_pdf
from otop_pos.printing.engine.files import write_atomic


def shelf_price_text(price: Money) -> str:
    """'฿1,290' for whole baht (as shelves show it), '฿89.75' otherwise."""
    text = price.format()
    return f"฿{text.removesuffix('.00')}"


def _cards(session: Session, skus_or_producer: Sequence[str] | str) -> list[ShelfLabel]:
    store = session.store
    if isinstance(skus_or_producer, str):
        code = skus_or_producer.strip()
        rows = products.shelf_rows(store, producer_code=code)
        if not rows:
            rows = products.shelf_rows(store, producer_code=code.upper())
        if not rows:
            raise OperationError(
                f"ผู้ผลิตรหัส {code} ไม่มีสินค้าที่ขายอยู่ ไม่มีป้ายให้พิมพ์",
                f"Producer {code} has no products on sale.",
            )
    else:
        skus = [s.strip() for s in skus_or_producer if s.strip()]
        rows = products.shelf_rows(store, skus=skus)
        missing = sorted(set(skus) - {str(r["sku"]) for r in rows})
        if missing or not skus:
            raise OperationError(
                f"ไม่พบสินค้ารหัส {', '.join(missing)}" if missing else "ไม่ได้เลือกสินค้า",
                f"No product with SKU {', '.join(missing)}." if missing else "No products chosen.",
            )
        withdrawn = [str(r["sku"]) for r in rows if not r["active"]]
        if withdrawn:
            raise OperationError(
                f"สินค้า {', '.join(withdrawn)} เลิกขายแล้ว ไม่ได้พิมพ์ป้ายราคา",
                f"{', '.join(withdrawn)} no longer sold; no shelf labels were made.",
            )
    return [
        ShelfLabel(
            name_th=str(r["name_th"]),
            price_text=shelf_price_text(Money(int(r["price_satang"]))) + price_suffix(r["unit"]),
            sku=str(r["sku"]),
            name_en=str(r["name_en"] or ""),
            producer=str(r["producer_name"]),
            stars=None if r["stars"] is None else int(r["stars"]),
            barcode=str(r["ean13"] or r["any_code"] or r["sku"]),
        )
        for r in rows
    ]


def shelf_labels_pdf(
    session: Session, skus_or_producer: Sequence[str] | str, path: str | Path
) -> int:
    """Write an A4 PDF of shelf cards: a list of SKUs, or a producer code for all their goods.

    Returns the number of cards.
    """
    session.require(Permission.SELL)
    cards = _cards(session, skus_or_producer)
    try:
        data = shelf_label_pdf(cards)
    except LabelError as exc:
        raise OperationError(str(exc), f"Shelf labels cannot be made: {exc}") from exc
    try:
        write_atomic(path, data)
    except OSError as exc:
        name = Path(path).name
        raise OperationError(
            f"บันทึกไฟล์ {name} ไม่ได้ ({exc.strerror or exc})",
            f"Cannot write {name} ({exc.strerror or exc}).",
        ) from exc
    return len(cards)
