"""Receipt wording, checked on the Document (no pixels needed)."""

from __future__ import annotations

import dataclasses

import pytest

from otop_pos.domain.money import Money
from otop_pos.printing.documents.receipt import (
    TAX_INVOICE_TH,
    VAT_INCLUDED,
    ReceiptData,
    ReceiptLine,
    build_receipt,
)
from otop_pos.printing.engine.document import (
    WIDTH_58MM,
    Document,
    ItemLine,
    QRCode,
    Row,
    Rule,
    Spacer,
    Text,
)

VAT_WORDS = ("ใบกำกับภาษี", "ภาษีมูลค่าเพิ่ม", "VAT")


def test_vat_receipt_has_required_words(vat_data: ReceiptData) -> None:
    doc = build_receipt(vat_data)
    text = doc.plain_text()
    for needed in (
        vat_data.centre_name,
        "สำนักงานใหญ่",
        vat_data.address,
        f"เลขประจำตัวผู้เสียภาษี {vat_data.tax_id}",
        vat_data.pos_id,
        TAX_INVOICE_TH,
        VAT_INCLUDED,
        vat_data.receipt_no,
        vat_data.date_text,
        vat_data.cashier_name,
        "มูลค่าสินค้าก่อนภาษี",
        "ภาษีมูลค่าเพิ่ม",
        "ขอบคุณที่อุดหนุนสินค้า OTOP",
    ):
        assert needed in text
    assert vat_data.vat is not None and vat_data.vat_base is not None
    assert vat_data.vat.format() in text and vat_data.vat_base.format() in text
    title = next(b for b in doc.blocks if isinstance(b, Text) and b.text == TAX_INVOICE_TH)
    assert title.bold and title.size in ("large", "xlarge")
    assert "ใบเสร็จรับเงิน" not in text


def test_plain_receipt_has_no_vat_wording(plain_data: ReceiptData) -> None:
    text = build_receipt(plain_data).plain_text()
    assert "ใบเสร็จรับเงิน" in text
    for word in VAT_WORDS:
        assert word not in text


def test_plain_receipt_ignores_stray_vat_amounts(plain_data: ReceiptData) -> None:
    data = dataclasses.replace(plain_data, vat=Money(100), vat_base=Money(1000))
    assert "ภาษีมูลค่าเพิ่ม" not in build_receipt(data).plain_text()


def test_english_labels_keep_the_legal_thai_title(vat_data: ReceiptData) -> None:
    text = build_receipt(dataclasses.replace(vat_data, lang="en")).plain_text()
    assert TAX_INVOICE_TH in text
    assert "VAT included" in text
    assert "TOTAL" in text and "Change" in text and "Cashier" in text
    assert "รวมทั้งสิ้น" not in text


def test_total_and_change_are_emphasised(vat_data: ReceiptData) -> None:
    rows = {b.left: b for b in build_receipt(vat_data).blocks if isinstance(b, Row)}
    assert rows["รวมทั้งสิ้น"].right == vat_data.total.format()
    assert rows["รวมทั้งสิ้น"].bold and rows["รวมทั้งสิ้น"].size == "large"
    assert vat_data.change is not None
    assert rows["เงินทอน"].right == vat_data.change.format() and rows["เงินทอน"].bold
    assert rows["รับเงินสด"].right == "3,000.00"
    assert rows["เงินสด"].right == vat_data.total.format()
    assert rows["จำนวน"].right == "6 รายการ 12 ชิ้น"


def test_rounding_shown_only_when_non_zero(vat_data: ReceiptData) -> None:
    assert vat_data.rounding == Money(-10)
    rows = {b.left: b.right for b in build_receipt(vat_data).blocks if isinstance(b, Row)}
    assert rows["ปัดเศษ"] == "-0.10"
    none = dataclasses.replace(vat_data, rounding=Money(0))
    assert "ปัดเศษ" not in build_receipt(none).plain_text()


def test_item_detail_only_for_multiples_and_discounts(vat_data: ReceiptData) -> None:
    items = {b.name: b for b in build_receipt(vat_data).blocks if isinstance(b, ItemLine)}
    assert len(items) == len(vat_data.lines)
    assert items["ชาใบหม่อน"].detail is None
    assert items["น้ำพริกเผา"].detail == "2 x 65.00"
    assert items["น้ำพริกเผา"].amount_text == "130.00"
    assert items["ยาหม่องสมุนไพรน้ำมันเหลือง"].detail == "3 x 45.20  ส่วนลด -10.00"
    one_discounted = ReceiptLine("ชา", 1, Money(5000), Money(4500), Money(500))
    data = dataclasses.replace(vat_data, lines=(one_discounted,))
    item = next(b for b in build_receipt(data).blocks if isinstance(b, ItemLine))
    assert item.detail == "1 x 50.00  ส่วนลด -5.00"


def test_copy_is_marked_prominently(vat_data: ReceiptData) -> None:
    doc = build_receipt(dataclasses.replace(vat_data, is_copy=True))
    mark = next(b for b in doc.blocks if isinstance(b, Text) and b.text == "สำเนา")
    assert mark.size == "xlarge" and mark.bold
    assert "สำเนา" not in build_receipt(vat_data).plain_text()


def test_receipt_number_code_at_the_bottom(vat_data: ReceiptData) -> None:
    doc = build_receipt(vat_data, WIDTH_58MM)
    assert doc.width_dots == WIDTH_58MM
    codes = [b for b in doc.blocks if isinstance(b, QRCode)]
    assert [c.data for c in codes] == [vat_data.receipt_no]
    assert doc.blocks.index(codes[0]) > len(doc.blocks) - 4


def test_custom_footer_and_empty_optional_fields(plain_data: ReceiptData) -> None:
    data = dataclasses.replace(plain_data, footer="แล้วพบกันใหม่", address="", tax_id="")
    text = build_receipt(data).plain_text()
    assert "แล้วพบกันใหม่" in text
    assert "เลขประจำตัวผู้เสียภาษี" not in text


def test_document_validates_its_blocks() -> None:
    with pytest.raises(ValueError):
        Text("x", align="middle")  # type: ignore[arg-type]
    with pytest.raises(ValueError):
        Row("a", "b", size="huge")  # type: ignore[arg-type]
    with pytest.raises(ValueError):
        Rule("*")  # type: ignore[arg-type]
    with pytest.raises(ValueError):
        Spacer(-1)
    with pytest.raises(ValueError):
        QRCode("")
    with pytest.raises(ValueError):
        Document((), width_dots=50)
    with pytest.raises(ValueError):
        dataclasses.replace(sample := _minimal(), lang="fr")  # type: ignore[arg-type]
    assert sample.lang == "th"


def _minimal() -> ReceiptData:
    return ReceiptData(
        centre_name="ศูนย์",
        branch="",
        address="",
        tax_id="",
        vat_registered=False,
        pos_id="",
        receipt_no="R1",
        date_text="01/01/2568 09:00",
        cashier_name="ก",
        lines=(),
        total=Money(0),
    )
