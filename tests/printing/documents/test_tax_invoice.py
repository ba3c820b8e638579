"""Full tax invoice (s.86/4): every field the law asks for is printed, and a gap is caught."""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Callable
from pathlib import Path

import pytest

from otop_pos.domain.money import Money, sum_money
from otop_pos.domain.thai.bahttext import baht_text
from otop_pos.domain.thai.taxid import branch_label
from otop_pos.domain.vat import split_vat_inclusive
from otop_pos.printing.documents import tax_invoice
from otop_pos.printing.documents.receipt import ReceiptLine
from otop_pos.printing.documents.tax_invoice import (
    InvoiceParty,
    TaxInvoiceData,
    build_tax_invoice,
)
from otop_pos.printing.documents.tax_invoice_fields import (
    SECTION_86_4_FIELDS,
    tax_invoice_fields_present,
)
from otop_pos.printing.engine.document import (
    WIDTH_58MM,
    WIDTH_80MM,
    Block,
    Document,
    ItemLine,
    QRCode,
    Row,
    Text,
)

SELLER_ID, SELLER_ID_PRINTED = "0994000165315", "0-9940-00165-31-5"
BUYER_ID, BUYER_ID_PRINTED = "0105556012341", "0-1055-56012-34-1"  # check digit 1
NOTE = "ยกเลิกและออกใบกำกับภาษีฉบับใหม่แทนใบกำกับภาษีอย่างย่อ เลขที่ POS01-69110042 ลงวันที่ 20 พฤศจิกายน 2569"
NOTE_LINES = NOTE.replace(" เลขที่", "\nเลขที่")  # printed as two lines, split before เลขที่
# Stacked marks (น้ำ ย่าง หมี่ ก๋วยเตี๋ยว) and a line discount; the total is 3,211.51.
LINES = (
    ReceiptLine("ผ้าไหมมัดหมี่ลายลูกแก้ว ทอมือ บ้านเขวา", 1, Money(285000), Money(285000)),
    ReceiptLine("น้ำพริกปลาย่าง", 3, Money(6500), Money(19500)),
    ReceiptLine("ก๋วยเตี๋ยวเรือกึ่งสำเร็จรูป", 4, Money(3500), Money(14000)),
    ReceiptLine("ยาหม่องสมุนไพรน้ำมันเหลือง", 1, Money(3651), Money(2651), Money(1000)),
)
SELLER = InvoiceParty(
    "ศูนย์จำหน่ายสินค้า OTOP จังหวัดขอนแก่น",
    "99 ถนนมิตรภาพ ตำบลในเมือง อำเภอเมือง\nจังหวัดขอนแก่น 40000",
    SELLER_ID,
    branch_label("00000"),
)
COMPANY = InvoiceParty(
    "บริษัท ผ้าไหมมัดหมี่ไทย จำกัด",
    "188/9 หมู่ 4 ถนนเจริญกรุง แขวงบางรัก เขตบางรัก\nกรุงเทพมหานคร 10500",
    BUYER_ID,
    branch_label("1"),
)
PERSON = InvoiceParty("นางสาวก๋วยเตี๋ยว น้ำใจดี", "12 หมู่ 3 ตำบลบ้านเป็ด\nขอนแก่น 40000")


def invoice_data(lines: tuple[ReceiptLine, ...] = LINES, **changes: object) -> TaxInvoiceData:
    """A full invoice for a company buyer; ``changes`` replace any field."""
    total = sum_money(line.amount for line in lines)
    split = split_vat_inclusive(total)
    data = TaxInvoiceData(
        seller=SELLER,
        buyer=COMPANY,
        invoice_no="POS01-TI-69110001",
        date_text="21 พฤศจิกายน 2569",
        lines=lines,
        total=total,
        vat_base=split.base,
        vat=split.vat,
        amount_words=baht_text(total),
        replaces_no="POS01-69110042",
        replaces_date_text="20 พฤศจิกายน 2569",
        pos_id="E051234567890001",
        issued_by="สมหญิง ใจดี",
    )
    return dataclasses.replace(data, **changes)  # type: ignore[arg-type]


def _texts(doc: Document) -> list[str]:
    return doc.texts()


def _block_texts(block: Block) -> list[str]:
    return Document((block,)).texts()


def _index_after(texts: list[str], needle: str, start: int) -> int:
    """Index of the first text at or after start containing needle."""
    for i in range(start, len(texts)):
        if needle in texts[i]:
            return i
    raise AssertionError(f"{needle!r} missing after position {start}: {texts[start : start + 5]}")


def test_sample_total_is_the_reference_vector() -> None:
    data = invoice_data()
    assert data.total == Money.parse("3211.51")
    assert (data.vat_base, data.vat) == (Money.parse("3001.41"), Money.parse("210.10"))


@pytest.mark.parametrize("width", [WIDTH_80MM, WIDTH_58MM])
@pytest.mark.parametrize("lang", ["th", "en"])
def test_full_invoice_carries_every_section_86_4_field(width: int, lang: str) -> None:
    data = invoice_data(lang=lang)
    doc = build_tax_invoice(data, width)
    assert doc.width_dots == width
    assert tax_invoice_fields_present(doc, data) == []
    # The same facts, spelled out here rather than through the module's helpers.
    texts = _texts(doc)
    assert texts[0] == "ใบกำกับภาษี"  # first, and in the largest bold type
    title = doc.blocks[0]
    assert isinstance(title, Row | Text) and title.size == "xlarge" and title.bold
    plain = doc.plain_text()
    for needed in (
        SELLER.name,
        "99 ถนนมิตรภาพ ตำบลในเมือง อำเภอเมือง",
        "จังหวัดขอนแก่น 40000",
        SELLER_ID_PRINTED,
        "สำนักงานใหญ่",
        "E051234567890001",
        "POS01-TI-69110001",
        "21 พฤศจิกายน 2569",
        COMPANY.name,
        "188/9 หมู่ 4 ถนนเจริญกรุง แขวงบางรัก เขตบางรัก",
        "กรุงเทพมหานคร 10500",
        BUYER_ID_PRINTED,
        "สาขาที่ 00001",
        "3,001.41",
        "210.10",
        "3,211.51",
        "(สามพันสองร้อยสิบเอ็ดบาทห้าสิบเอ็ดสตางค์)",
        NOTE_LINES,
        "สมหญิง ใจดี",
    ):
        assert needed in plain, needed
    sign = [t for t in texts if t.startswith("ผู้รับเงิน / ผู้ออกใบกำกับภาษี")]
    assert len(sign) == 1 and re.search(r" \.{20,}$", sign[0])  # a dotted line to sign on
    # VAT on its own row, apart from the value of the goods
    rows = {b.left: b.right for b in doc.blocks if isinstance(b, Row)}
    vat_label = next(k for k in rows if k.startswith("ภาษีมูลค่าเพิ่ม 7%"))
    base_label = next(k for k in rows if k.startswith("มูลค่าสินค้า"))
    assert (rows[base_label], rows[vat_label]) == ("3,001.41", "210.10")
    items = [b for b in doc.blocks if isinstance(b, ItemLine) and b.qty_text]
    assert [(i.name, i.qty_text, i.amount_text) for i in items] == [
        ("ผ้าไหมมัดหมี่ลายลูกแก้ว ทอมือ บ้านเขวา", "1", "2,850.00"),
        ("น้ำพริกปลาย่าง", "3", "195.00"),
        ("ก๋วยเตี๋ยวเรือกึ่งสำเร็จรูป", "4", "140.00"),
        ("ยาหม่องสมุนไพรน้ำมันเหลือง", "1", "26.51"),
    ]
    # Unit price where it differs from the amount (as on the receipt), with the discount.
    assert [i.detail for i in items] == [
        None,
        "3 x 65.00",
        "4 x 35.00",
        "1 x 36.51  ส่วนลด -10.00" if lang == "th" else "1 x 36.51  ส่วนลด / discount -10.00",
    ]
    if lang == "en":
        assert "(Tax invoice)" in texts[:3]


def test_fields_in_reading_order() -> None:
    texts = _texts(build_tax_invoice(invoice_data()))
    pos = 0
    for needle in (
        "ใบกำกับภาษี",
        "ต้นฉบับ",
        SELLER.name,
        "99 ถนนมิตรภาพ",
        "เลขประจำตัวผู้เสียภาษี " + SELLER_ID_PRINTED,
        "สำนักงานใหญ่",
        "POS ID E051234567890001",
        "เลขที่",
        "POS01-TI-69110001",
        "วันที่",
        "21 พฤศจิกายน 2569",
        "ผู้ซื้อ",
        "ชื่อ " + COMPANY.name,
        "188/9",
        "เลขประจำตัวผู้เสียภาษี " + BUYER_ID_PRINTED,
        "สาขาที่ 00001",
        *(line.name for line in LINES),
        "มูลค่าสินค้า",
        "ภาษีมูลค่าเพิ่ม 7%",
        "รวมทั้งสิ้น",
        "3,211.51",
        "(สามพันสองร้อยสิบเอ็ดบาทห้าสิบเอ็ดสตางค์)",
        *NOTE_LINES.split("\n"),
        "ผู้ออกเอกสาร",
        "ผู้รับเงิน / ผู้ออกใบกำกับภาษี",
    ):
        pos = _index_after(texts, needle, pos) + 1


def test_qr_of_the_invoice_number_comes_last() -> None:
    doc = build_tax_invoice(invoice_data())
    assert doc.blocks[-1] == QRCode("POS01-TI-69110001")
    assert sum(isinstance(b, QRCode) for b in doc.blocks) == 1


def _drop(pred: Callable[[Block], bool], which: int = 0) -> Callable[[Document], Document]:
    """Remove the which-th block (0 first, -1 last) that pred picks."""

    def edit(doc: Document) -> Document:
        hits = [i for i, b in enumerate(doc.blocks) if pred(b)]
        assert hits, "the test's block is not in the document"
        gone = hits[which]
        return Document(tuple(b for i, b in enumerate(doc.blocks) if i != gone), doc.width_dots)

    return edit


def _text_has(s: str) -> Callable[[Block], bool]:
    return lambda b: isinstance(b, Text) and s in b.text


def _row_right(s: str) -> Callable[[Block], bool]:
    return lambda b: isinstance(b, Row) and b.right == s


def _blank_item(item: str, **blank: str) -> Callable[[Document], Document]:
    def edit(doc: Document) -> Document:
        blocks = tuple(
            dataclasses.replace(b, **blank) if isinstance(b, ItemLine) and b.name == item else b
            for b in doc.blocks
        )
        assert blocks != doc.blocks
        return Document(blocks, doc.width_dots)

    return edit


HEAD = "สำนักงานใหญ่"
# field -> how to take just that field out of a finished document. The buyer is at
# head office too here, so the two 'สำนักงานใหญ่' lines must be told apart by place.
REMOVALS: dict[str, Callable[[Document], Document]] = {
    "คำว่า ใบกำกับภาษี": _drop(lambda b: _block_texts(b)[:1] == ["ใบกำกับภาษี"]),
    "ชื่อผู้ขาย": _drop(lambda b: isinstance(b, Text) and b.text == SELLER.name),
    "ที่อยู่ผู้ขาย": _drop(_text_has("จังหวัดขอนแก่น 40000")),
    "เลขประจำตัวผู้เสียภาษีผู้ขาย": _drop(_text_has(SELLER_ID_PRINTED)),
    "สำนักงานใหญ่/สาขาผู้ขาย": _drop(lambda b: isinstance(b, Text) and b.text == HEAD, 0),
    "ชื่อผู้ซื้อ": _drop(_text_has(COMPANY.name)),
    "ที่อยู่ผู้ซื้อ": _drop(_text_has("กรุงเทพมหานคร 10500")),
    "เลขประจำตัวผู้เสียภาษีผู้ซื้อ": _drop(_text_has(BUYER_ID_PRINTED)),
    "สำนักงานใหญ่/สาขาผู้ซื้อ": _drop(lambda b: isinstance(b, Text) and b.text == HEAD, -1),
    "เลขที่ใบกำกับภาษี": _drop(_row_right("POS01-TI-69110001")),
    "ชื่อสินค้า": _blank_item("น้ำพริกปลาย่าง", name=""),
    "จำนวนสินค้า": _blank_item("น้ำพริกปลาย่าง", qty_text=""),
    "มูลค่าสินค้าแต่ละรายการ": _blank_item("น้ำพริกปลาย่าง", amount_text=""),
    "ภาษีมูลค่าเพิ่มแยกจากมูลค่าสินค้า": _drop(_row_right("210.10")),
    "วันที่ออกใบกำกับภาษี": _drop(_row_right("21 พฤศจิกายน 2569")),
}


def test_every_field_has_a_removal_test() -> None:
    assert [name for name, _where in SECTION_86_4_FIELDS] == list(REMOVALS)
    assert len(SECTION_86_4_FIELDS) == 15


@pytest.mark.parametrize("field", list(REMOVALS))
def test_removing_any_field_is_detected(field: str) -> None:
    data = invoice_data(buyer=dataclasses.replace(COMPANY, branch=HEAD))
    doc = build_tax_invoice(data)
    assert tax_invoice_fields_present(doc, data) == []
    missing = tax_invoice_fields_present(REMOVALS[field](doc), data)
    assert field in missing
    # Only that field, and those that are read together with it: a goods line is
    # read as name, qty, value; a branch is read under its tax ID.
    extra = {
        "ชื่อสินค้า": ["จำนวนสินค้า", "มูลค่าสินค้าแต่ละรายการ"],
        "จำนวนสินค้า": ["มูลค่าสินค้าแต่ละรายการ"],
        "เลขประจำตัวผู้เสียภาษีผู้ซื้อ": ["สำนักงานใหญ่/สาขาผู้ซื้อ"],
    }.get(field, [])
    assert missing == [f for f in REMOVALS if f == field or f in extra]


def test_company_printed_without_its_tax_id_is_detected() -> None:
    data = invoice_data()
    without = build_tax_invoice(invoice_data(buyer=dataclasses.replace(COMPANY, tax_id="")))
    assert BUYER_ID_PRINTED not in without.plain_text()
    assert tax_invoice_fields_present(without, data) == [
        "เลขประจำตัวผู้เสียภาษีผู้ซื้อ",
        "สำนักงานใหญ่/สาขาผู้ซื้อ",
    ]
    no_branch = build_tax_invoice(invoice_data(buyer=dataclasses.replace(COMPANY, branch="")))
    assert tax_invoice_fields_present(no_branch, data) == ["สำนักงานใหญ่/สาขาผู้ซื้อ"]


def test_other_buyer_or_seller_data_is_detected() -> None:
    data = invoice_data()
    other_buyer = dataclasses.replace(COMPANY, name="บริษัท อื่น จำกัด", address="1 ถนนอื่น")
    doc = build_tax_invoice(invoice_data(buyer=other_buyer))
    assert tax_invoice_fields_present(doc, data) == ["ชื่อผู้ซื้อ", "ที่อยู่ผู้ซื้อ"]
    doc = build_tax_invoice(invoice_data(lines=LINES[:3]))
    assert "ชื่อสินค้า" in tax_invoice_fields_present(doc, data)
    no_address = invoice_data(seller=dataclasses.replace(SELLER, address=""))
    assert tax_invoice_fields_present(build_tax_invoice(no_address), no_address) == ["ที่อยู่ผู้ขาย"]


def test_a_goods_line_without_a_name_is_not_complete() -> None:
    nameless = (*LINES[:3], dataclasses.replace(LINES[3], name=""))
    data = invoice_data(lines=nameless)
    missing = tax_invoice_fields_present(build_tax_invoice(data), data)
    assert missing == ["ชื่อสินค้า", "จำนวนสินค้า", "มูลค่าสินค้าแต่ละรายการ"]


def test_person_without_tax_id_needs_no_tax_id_line() -> None:
    data = invoice_data(buyer=PERSON)
    doc = build_tax_invoice(data)
    assert tax_invoice_fields_present(doc, data) == []
    plain = doc.plain_text()
    assert "ชื่อ นางสาวก๋วยเตี๋ยว น้ำใจดี" in plain and "12 หมู่ 3 ตำบลบ้านเป็ด" in plain
    assert plain.count("เลขประจำตัวผู้เสียภาษี") == 1  # the seller's only


@pytest.mark.parametrize(
    ("amount", "words"),
    [
        ("21", "ยี่สิบเอ็ดบาทถ้วน"),
        ("101", "หนึ่งร้อยเอ็ดบาทถ้วน"),
        ("3211.51", "สามพันสองร้อยสิบเอ็ดบาทห้าสิบเอ็ดสตางค์"),
        ("21000000", "ยี่สิบเอ็ดล้านบาทถ้วน"),
        ("0.25", "ยี่สิบห้าสตางค์"),
        ("40010.10", "สี่หมื่นสิบบาทสิบสตางค์"),
        ("63147.89", "หกหมื่นสามพันหนึ่งร้อยสี่สิบเจ็ดบาทแปดสิบเก้าสตางค์"),
        ("1000001", "หนึ่งล้านเอ็ดบาทถ้วน"),
    ],
)
def test_amount_in_words_reference_vectors(amount: str, words: str) -> None:
    total = Money.parse(amount)
    data = invoice_data(lines=(ReceiptLine("ผ้าไหมมัดหมี่", 1, total, total),))
    doc = build_tax_invoice(data)
    assert f"({words})" in doc.texts()
    assert total.format() in doc.texts()


@pytest.mark.parametrize(
    ("tax_id", "why"),
    [
        ("0105556012340", "check digit"),
        ("010555601234", "12 digits"),
        ("01055560123411", "14 digits"),
        ("010555601234x", "a letter"),
    ],
)
def test_bad_buyer_tax_id_is_refused_in_thai(tax_id: str, why: str) -> None:
    with pytest.raises(ValueError, match="เลขประจำตัวผู้เสียภาษีของผู้ซื้อไม่ถูกต้อง"):
        invoice_data(buyer=dataclasses.replace(COMPANY, tax_id=tax_id))


def test_printed_forms_of_a_good_tax_id_are_accepted() -> None:
    for typed in (BUYER_ID_PRINTED, "๐๑๐๕๕๕๖๐๑๒๓๔๑"):
        doc = build_tax_invoice(invoice_data(buyer=dataclasses.replace(COMPANY, tax_id=typed)))
        assert BUYER_ID_PRINTED in doc.plain_text()


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"buyer": dataclasses.replace(COMPANY, name="  ")}, "ชื่อผู้ซื้อ"),
        ({"buyer": dataclasses.replace(COMPANY, address="")}, "ที่อยู่ผู้ซื้อ"),
        ({"vat": Money(21011)}, "ไม่เท่ากับมูลค่าสินค้า"),
        ({"seller": dataclasses.replace(SELLER, tax_id="")}, "ผู้ขายไม่ถูกต้อง"),
        ({"seller": dataclasses.replace(SELLER, branch="")}, "สาขาของผู้ขาย"),
        ({"lines": ()}, "รายการสินค้า"),
        ({"invoice_no": ""}, "เลขที่"),
        ({"date_text": " "}, "วันที่"),
    ],
)
def test_invalid_invoices_are_refused(changes: dict[str, object], message: str) -> None:
    with pytest.raises(ValueError, match=message):
        invoice_data(**changes)


def test_copy_says_copy_and_never_original() -> None:
    original = _texts(build_tax_invoice(invoice_data()))
    assert "ต้นฉบับ" in original and "สำเนา" not in original
    copy_doc = build_tax_invoice(invoice_data(is_copy=True))
    copy = _texts(copy_doc)
    assert "สำเนา" in copy and not any("ต้นฉบับ" in t for t in copy)
    mark = next(b for b in copy_doc.blocks if "สำเนา" in _block_texts(b))
    assert isinstance(mark, Row | Text) and mark.size == "xlarge" and mark.bold  # prominent
    for width in (WIDTH_80MM, WIDTH_58MM):  # also where English moves it to its own line
        en_doc = build_tax_invoice(invoice_data(is_copy=True, lang="en"), width)
        mark = next(b for b in en_doc.blocks if "สำเนา / Copy" in _block_texts(b))
        assert isinstance(mark, Row | Text) and mark.size == "xlarge" and mark.bold
    copy_en = _texts(build_tax_invoice(invoice_data(is_copy=True, lang="en")))
    assert "สำเนา / Copy" in copy_en and not any("ต้นฉบับ" in t for t in copy_en)


def test_date_written_with_its_own_label_is_not_doubled() -> None:
    doc = build_tax_invoice(invoice_data(date_text="วันที่ 21 พฤศจิกายน พ.ศ. 2569 เวลา 14:05 น."))
    rows = [(b.left, b.right) for b in doc.blocks if isinstance(b, Row)]
    assert ("วันที่", "21 พฤศจิกายน พ.ศ. 2569 เวลา 14:05 น.") in rows


def test_module_stays_small() -> None:
    assert len(Path(tax_invoice.__file__).read_text(encoding="utf-8").splitlines()) < 300
