"""A weighed line on the receipt and the full tax invoice: '0.450 กก.', counted as one item."""

from __future__ import annotations

import dataclasses

from otop_pos.domain.money import Money, sum_money
from otop_pos.domain.thai.bahttext import baht_text
from otop_pos.domain.vat import split_vat_inclusive
from otop_pos.printing.documents.receipt import ReceiptData, ReceiptLine, build_receipt, shown_qty
from otop_pos.printing.documents.sample_receipt import sample_receipt_data
from otop_pos.printing.documents.tax_invoice import (
    InvoiceParty,
    TaxInvoiceData,
    build_tax_invoice,
)
from otop_pos.printing.documents.tax_invoice_fields import tax_invoice_fields_present
from otop_pos.printing.engine.document import WIDTH_58MM, ItemLine
from otop_pos.printing.engine.raster import render_pil

GARLIC = ReceiptLine("กระเทียมศรีสะเกษ ชั่งขาย (กิโลกรัม)", 450, Money(13000), Money(5850), unit="kg")
TEA = ReceiptLine("ชาใบหม่อนอบแห้ง 50 กรัม", 2, Money(8550), Money(17100))


def _receipt(lang: str = "th") -> ReceiptData:
    data = sample_receipt_data(vat_registered=True)
    return dataclasses.replace(data, lines=(GARLIC, TEA), total=Money(22950), lang=lang)  # type: ignore[arg-type]


def test_the_receipt_says_the_weight_and_the_price_per_kilogram() -> None:
    doc = build_receipt(_receipt())
    item = next(b for b in doc.blocks if isinstance(b, ItemLine) and b.name == GARLIC.name)
    assert (item.qty_text, item.amount_text) == ("1", "58.50")
    assert item.detail == "0.450 กก. x 130.00/กก."
    assert "2 รายการ 3 ชิ้น" in doc.plain_text()  # one bag of garlic, two teas


def test_in_english_too() -> None:
    text = build_receipt(_receipt("en")).plain_text()
    assert "0.450 kg x 130.00/kg" in text and "2 lines, 3 pcs" in text


def test_a_weighed_line_renders_on_58_mm_paper() -> None:
    image = render_pil(build_receipt(_receipt(), width_dots=WIDTH_58MM))
    assert image.width == WIDTH_58MM and image.height > 300


def test_the_full_tax_invoice_prints_the_quantity_with_its_unit() -> None:
    lines = (GARLIC, TEA)
    total = sum_money(ln.amount for ln in lines)
    split = split_vat_inclusive(total)
    data = TaxInvoiceData(
        seller=InvoiceParty("ศูนย์ OTOP จังหวัดศรีสะเกษ", "99 ถนนเทพา\nศรีสะเกษ 33000", "0994000165315",
                            "สำนักงานใหญ่"),
        buyer=InvoiceParty("นางสาวก๋วยเตี๋ยว น้ำใจดี", "12 หมู่ 3 ตำบลบ้านเป็ด\nขอนแก่น 40000"),
        invoice_no="POS01-TI-69110001", date_text="21 พฤศจิกายน 2569", lines=lines, total=total,
        vat_base=split.base, vat=split.vat, amount_words=baht_text(total),
        replaces_no="POS01-69110042", replaces_date_text="20 พฤศจิกายน 2569",
        pos_id="E051234567890001", issued_by="สมหญิง ใจดี",
    )  # fmt: skip
    doc = build_tax_invoice(data)
    assert tax_invoice_fields_present(doc, data) == []
    item = next(b for b in doc.blocks if isinstance(b, ItemLine) and b.name == GARLIC.name)
    assert item.qty_text == "0.450 กก." == shown_qty(GARLIC)
    assert shown_qty(TEA) == "2"
