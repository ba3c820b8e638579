"""Shelf-edge price cards: they read back, scan, stay inside their card, refuse bad lists."""

from __future__ import annotations

import re
from pathlib import Path

import pypdfium2
import pytest
import zxingcpp
from PIL import Image, ImageOps

from otop_pos.domain.catalogue.barcode import make_ean13
from otop_pos.domain.money import Money
from otop_pos.operations.catalogue.producers import save_producer
from otop_pos.operations.catalogue.products import save_product
from otop_pos.operations.catalogue.shelf_labels import (
    shelf_labels_pdf,
    shelf_price_text,
)
from otop_pos.operations.errors import OperationError
from otop_pos.operations.session import Session
from otop_pos.printing.documents.shelf_labels import GRID

SCALE = 4
MM = 72 / 25.4
LONG = "ก๋วยเตี๋ยวเส้นจันท์อบแห้ง ที่ น้ำ ปั้น สูตรดั้งเดิมของกลุ่มแม่บ้าน" * 3


def render(path: Path) -> list[tuple[str, Image.Image]]:
    doc = pypdfium2.PdfDocument(path.read_bytes())
    return [(p.get_textpage().get_text_range(), p.render(scale=SCALE).to_pil()) for p in doc]


def inked(img: Image.Image, box_mm: tuple[float, float, float, float]) -> bool:
    box = tuple(round(v * MM * SCALE) for v in box_mm)
    dark = ImageOps.invert(img.crop(box).convert("L")).point(lambda v: 255 if v > 96 else 0)
    return dark.getbbox() is not None


def add_goods(session: Session, count: int) -> list[str]:
    save_producer(session, {
        "code": "P03", "name": "วิสาหกิจชุมชนกลุ่มแม่บ้านเกษตรกรบ้านโพธิ์ศรี",
        "type": "sme", "commission_percent": "10",
    })  # fmt: skip
    skus = [f"N{n:02d}" for n in range(count)]
    for n, sku in enumerate(skus):
        save_product(session, {
            "sku": sku, "name_th": LONG if n == 0 else f"น้ำพริกปลาร้าบอง สูตร {n}",
            "category": "food", "producer_code": "P03", "price": f"{89.75 + n:.2f}",
            "stars": str(1 + n % 5), "barcodes": make_ean13(f"8851234{n:05d}"),
        })  # fmt: skip
    return skus


def test_cards_read_back_scan_and_stay_in_their_card(manager: Session) -> None:
    add_goods(manager, 1)
    path = Path(manager.store.path).parent / "shelf.pdf"
    assert shelf_labels_pdf(manager, ["SILK01", "TEA01", "N00"], path) == 3
    [(text, img)] = render(path)
    flat = re.sub(r"\s+", " ", text)
    for expected in ("ผ้าไหมมัดหมี่ลายลูกแก้ว", "฿1,500", "฿85.50", "฿89.75", "กลุ่มทอผ้าไหมบ้านหนองบัว"):
        assert expected in flat, expected
    assert "…" in flat and "วิสาหกิจชุมชนกลุ่มแม่บ้าน" in flat  # the long name was cut
    found = {b.text for b in zxingcpp.read_barcodes(img)}
    assert make_ean13("885123400000") in found and "8850000000014" in found  # EAN, Code 128
    right, _bottom = GRID.extent
    assert not inked(img, (right + 0.5, 0, 210, 297))
    assert not inked(img, (0, GRID.top + 2 * GRID.label_h + 0.5, 210, 297))  # rows 3-5 empty


def test_a_producers_goods_fill_two_sheets(manager: Session) -> None:
    skus = add_goods(manager, 11)
    path = Path(manager.store.path).parent / "shelf.pdf"
    assert shelf_labels_pdf(manager, "p03", path) == 11
    pages = render(path)
    assert len(pages) == 2 and "N10" in pages[1][0] and skus[0] in pages[0][0]


def test_refusals_write_nothing(manager: Session) -> None:
    path = Path(manager.store.path).parent / "shelf.pdf"
    cases = [
        (["SILK01", "NOPE", "GONE"], "ไม่พบสินค้ารหัส GONE, NOPE"),
        (["OLD01"], "เลิกขายแล้ว"),
        ([], "ไม่ได้เลือกสินค้า"),
        ("P99", "ไม่มีสินค้าที่ขายอยู่"),
    ]
    for chosen, thai in cases:
        with pytest.raises(OperationError) as err:
            shelf_labels_pdf(manager, chosen, path)
        assert thai in err.value.thai
    assert not path.exists()


def test_price_text_drops_zero_satang() -> None:
    assert shelf_price_text(Money(129000)) == "฿1,290"
    assert shelf_price_text(Money(8975)) == "฿89.75"
