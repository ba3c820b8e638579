"""Credit note (s.86/10): every field the law asks for is printed, and a gap is caught."""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Callable
from pathlib import Path

import pypdfium2
import pytest
import zxingcpp
from PIL import ImageOps
from test_document_types import assert_in_reading_order
from test_tax_invoice import BUYER_ID_PRINTED, COMPANY, PERSON, SELLER, SELLER_ID_PRINTED

from otop_pos.domain.money import Money, sum_money
from otop_pos.domain.thai.bahttext import baht_text
from otop_pos.domain.vat import split_vat_inclusive
from otop_pos.printing.documents import credit_note
from otop_pos.printing.documents.credit_note import (
    CREDIT_NOTE_FIELDS,
    CreditNoteData,
    build_credit_note,
    credit_note_fields_present,
)
from otop_pos.printing.documents.receipt import ReceiptLine
from otop_pos.printing.engine.document import WIDTH_58MM, WIDTH_80MM, Block, Document, Row, Text
from otop_pos.printing.engine.pdf import Page, render_pdf
from otop_pos.printing.engine.raster import render_pil

RETURNED = (
    ReceiptLine("น้ำพริกปลาย่าง", 1, Money(6500), Money(6500)),
    ReceiptLine("ก๋วยเตี๋ยวเรือกึ่งสำเร็จรูป", 2, Money(3500), Money(7000)),
)
REASON = "สินค้าชำรุดระหว่างขนส่ง ลูกค้านำมาคืน"


def note_data(lines: tuple[ReceiptLine, ...] = RETURNED, **changes: object) -> CreditNoteData:
    """Two items returned from invoice POS01-TI-69110001 (3,211.51); ``changes`` replace any field."""
    difference = sum_money(line.amount for line in lines)
    split = split_vat_inclusive(difference)
    original = Money.parse("3211.51")
    data = CreditNoteData(
        seller=SELLER,
        buyer=COMPANY,
        credit_note_no="POS01-CN-69110001",
        date_text="22 พฤศจิกายน 2569",
        original_invoice_no="POS01-TI-69110001",
        original_date_text="21 พฤศจิกายน 2569",
        lines=lines,
        original_value=original,
        correct_value=original - difference,
        difference=difference,
        difference_base=split.base,
        vat_on_difference=split.vat,
        amount_words=baht_text(difference),
        reason=REASON,
        issued_by="สมหญิง ใจดี",
    )
    return dataclasses.replace(data, **changes)  # type: ignore[arg-type]


def test_sample_amounts() -> None:
    data = note_data()
    assert data.difference == Money.parse("135.00")
    assert (data.difference_base, data.vat_on_difference) == (Money(12617), Money(883))
    assert data.correct_value == Money.parse("3076.51")


@pytest.mark.parametrize("width", [WIDTH_80MM, WIDTH_58MM])
@pytest.mark.parametrize("lang", ["th", "en"])
def test_complete_note_carries_every_field(width: int, lang: str) -> None:
    data = note_data(lang=lang)
    doc = build_credit_note(data, width)
    assert credit_note_fields_present(doc, data) == []
    texts = doc.texts()
    assert texts[0] == "ใบลดหนี้"
    title = doc.blocks[0]
    assert isinstance(title, Row | Text) and title.size == "xlarge" and title.bold
    plain = doc.plain_text()
    for needed in (
        SELLER.name,
        "จังหวัดขอนแก่น 40000",
        SELLER_ID_PRINTED,
        "POS01-CN-69110001",
        "22 พฤศจิกายน 2569",
        COMPANY.name,
        "กรุงเทพมหานคร 10500",
        BUYER_ID_PRINTED,
        "POS01-TI-69110001",
        "21 พฤศจิกายน 2569",
        "น้ำพริกปลาย่าง",
        "3,211.51",
        "3,076.51",
        "126.17",
        "8.83",
        "135.00",
        "(หนึ่งร้อยสามสิบห้าบาทถ้วน)",
        REASON,
        "สมหญิง ใจดี",
        "ต้นฉบับ",
    ):
        assert needed in plain, needed
    sign = [t for t in texts if t.startswith("ผู้ออกใบลดหนี้")]
    assert len(sign) == 1 and re.search(r" \.{20,}$", sign[0])  # a dotted line to sign on


def test_fields_in_reading_order() -> None:
    doc = build_credit_note(note_data())
    rows = [(b.left, b.right) for b in doc.blocks if isinstance(b, Row)]
    assert rows[rows.index(("ใบกำกับภาษีเดิมเลขที่", "POS01-TI-69110001")) :][:2] == [
        ("ใบกำกับภาษีเดิมเลขที่", "POS01-TI-69110001"),
        ("ลงวันที่", "21 พฤศจิกายน 2569"),
    ]
    for row in (
        ("มูลค่าตามใบกำกับภาษีเดิม (รวมภาษี)", "3,211.51"),
        ("มูลค่าที่ถูกต้อง (รวมภาษี)", "3,076.51"),
        ("ผลต่าง (ก่อนภาษี)", "126.17"),
        ("ภาษีมูลค่าเพิ่ม 7% ของผลต่าง", "8.83"),
        ("รวมลดหนี้ทั้งสิ้น", "135.00"),
    ):
        assert row in rows, row
    assert_in_reading_order(
        doc.plain_text(),
        (
            "ใบลดหนี้",
            SELLER.name,
            "เลขที่",
            "POS01-CN-69110001",
            "ผู้ซื้อ",
            "ชื่อ " + COMPANY.name,
            "ใบกำกับภาษีเดิมเลขที่",
            "น้ำพริกปลาย่าง",
            "ก๋วยเตี๋ยวเรือกึ่งสำเร็จรูป",
            "มูลค่าตามใบกำกับภาษีเดิม",
            "มูลค่าที่ถูกต้อง",
            "ผลต่าง (ก่อนภาษี)",
            "ภาษีมูลค่าเพิ่ม 7% ของผลต่าง",
            "รวมลดหนี้ทั้งสิ้น",
            "เหตุผลในการลดหนี้",
            REASON,
            "ผู้ออกใบลดหนี้",
        ),
    )


def _drop(pred: Callable[[Block], bool]) -> Callable[[Document], Document]:
    def edit(doc: Document) -> Document:
        hits = [i for i, b in enumerate(doc.blocks) if pred(b)]
        assert hits, "the test's block is not in the document"
        return Document(tuple(b for i, b in enumerate(doc.blocks) if i != hits[0]), doc.width_dots)

    return edit


def _text(s: str) -> Callable[[Block], bool]:
    return lambda b: isinstance(b, Text) and s in b.text


def _row(right: str) -> Callable[[Block], bool]:
    return lambda b: isinstance(b, Row) and b.right == right


# field -> how to take just that field out of a finished note
REMOVALS: dict[str, Callable[[Document], Document]] = {
    "คำว่า ใบลดหนี้": _drop(lambda b: isinstance(b, Row) and b.left == "ใบลดหนี้"),
    "ชื่อผู้ออกใบลดหนี้": _drop(lambda b: isinstance(b, Text) and b.text == SELLER.name),
    "ที่อยู่ผู้ออกใบลดหนี้": _drop(_text("จังหวัดขอนแก่น 40000")),
    "เลขประจำตัวผู้เสียภาษีผู้ออกใบลดหนี้": _drop(_text(SELLER_ID_PRINTED)),
    "สำนักงานใหญ่/สาขาผู้ออกใบลดหนี้": _drop(_text("สำนักงานใหญ่")),
    "เลขที่ใบลดหนี้": _drop(_row("POS01-CN-69110001")),
    "วันที่ออกใบลดหนี้": _drop(_row("22 พฤศจิกายน 2569")),
    "ชื่อผู้ซื้อ": _drop(_text(COMPANY.name)),
    "ที่อยู่ผู้ซื้อ": _drop(_text("กรุงเทพมหานคร 10500")),
    "เลขประจำตัวผู้เสียภาษีผู้ซื้อ": _drop(_text(BUYER_ID_PRINTED)),
    "เลขที่ใบกำกับภาษีเดิม": _drop(_row("POS01-TI-69110001")),
    "มูลค่าสินค้าตามใบกำกับภาษีเดิม": _drop(_row("3,211.51")),
    "มูลค่าสินค้าที่ถูกต้อง": _drop(_row("3,076.51")),
    "ผลต่าง": _drop(_row("126.17")),
    "ภาษีมูลค่าเพิ่มของผลต่าง": _drop(_row("8.83")),
    "เหตุผลในการลดหนี้": _drop(lambda b: isinstance(b, Text) and b.text == REASON),
}


def test_every_field_has_a_removal_test() -> None:
    assert list(CREDIT_NOTE_FIELDS) == list(REMOVALS)


@pytest.mark.parametrize("field", list(REMOVALS))
def test_removing_any_field_is_detected(field: str) -> None:
    data = note_data()
    doc = build_credit_note(data)
    assert credit_note_fields_present(doc, data) == []
    assert credit_note_fields_present(REMOVALS[field](doc), data) == [field]


def test_blanked_field_is_detected() -> None:
    data = note_data()
    doc = build_credit_note(data)
    blanked = tuple(
        dataclasses.replace(b, right="") if isinstance(b, Row) and b.right == "135.00" else b
        for b in doc.blocks
    )
    assert credit_note_fields_present(Document(blanked, doc.width_dots), data) == ["ผลต่าง"]
    other = note_data(original_invoice_no="POS01-TI-69110002", reason="ลูกค้าเปลี่ยนใจ")
    assert credit_note_fields_present(doc, other) == [
        "เลขที่ใบกำกับภาษีเดิม",
        "เหตุผลในการลดหนี้",
    ]


def test_person_without_tax_id_needs_no_tax_id_line() -> None:
    data = note_data(buyer=PERSON)
    doc = build_credit_note(data)
    assert credit_note_fields_present(doc, data) == []
    assert doc.plain_text().count("เลขประจำตัวผู้เสียภาษี") == 1  # the seller's only


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"difference": Money(13400)}, "ผลต่าง"),
        ({"vat_on_difference": Money(884)}, "บวกภาษีมูลค่าเพิ่ม"),
        ({"correct_value": Money.parse("3211.51"), "difference": Money(0)}, "มากกว่าศูนย์"),
        ({"reason": "  "}, "เหตุผล"),
        ({"original_invoice_no": ""}, "ใบกำกับภาษีเดิม"),
        ({"lines": ()}, "รายการสินค้า"),
        ({"credit_note_no": ""}, "เลขที่และวันที่"),
        ({"buyer": dataclasses.replace(COMPANY, tax_id="0105556012340")}, "ผู้ซื้อไม่ถูกต้อง"),
        ({"seller": dataclasses.replace(SELLER, tax_id="")}, "ผู้ขายไม่ถูกต้อง"),
        ({"buyer": dataclasses.replace(COMPANY, address="")}, "ที่อยู่ผู้ซื้อ"),
        ({"lang": "fr"}, "lang"),
    ],
)
def test_invalid_notes_are_refused(changes: dict[str, object], message: str) -> None:
    with pytest.raises(ValueError, match=re.escape(message)):
        note_data(**changes)


def test_copy_says_copy_and_never_original() -> None:
    copy_doc = build_credit_note(note_data(is_copy=True))
    texts = copy_doc.texts()
    assert "สำเนา" in texts and "ต้นฉบับ" not in texts
    mark = next(b for b in copy_doc.blocks if isinstance(b, Row) and b.right == "สำเนา")
    assert mark.size == "xlarge" and mark.bold
    en = build_credit_note(note_data(is_copy=True, lang="en"), WIDTH_58MM).texts()
    assert "สำเนา / Copy" in en and "(Credit note)" in en
    assert not any("ต้นฉบับ" in t for t in en)


@pytest.mark.parametrize("width", [WIDTH_80MM, WIDTH_58MM])
def test_renders_to_an_image_with_a_scannable_qr(width: int, qapp: object) -> None:
    img = render_pil(build_credit_note(note_data(), width))
    assert img.mode == "1" and img.width == width
    box = ImageOps.invert(img.convert("L")).getbbox()
    assert box is not None and box[0] > 0 and box[2] < width
    found = zxingcpp.read_barcodes(img.convert("L"))
    assert [r.text for r in found] == ["POS01-CN-69110001"]


@pytest.mark.parametrize("page", ["roll", "a4"])
def test_pdf_text_has_the_thai_title(page: Page) -> None:
    pdf = pypdfium2.PdfDocument(render_pdf(build_credit_note(note_data()), page))
    assert len(pdf) == 1
    text = "\n".join(p.get_textpage().get_text_range() for p in pdf)
    assert_in_reading_order(text, ("ใบลดหนี้", "POS01-CN-69110001", "POS01-TI-69110001", REASON))
    assert "135.00" in text and "8.83" in text


def test_module_stays_small() -> None:
    assert len(Path(credit_note.__file__).read_text(encoding="utf-8").splitlines()) < 400
