"""Every document the till prints, on paper and in PDF: Thai reads back in order, QR scans.

Document types: plain receipt (centre not VAT registered), abbreviated tax
invoice (s.86/6), full tax invoice (s.86/4) and the reprinted copies. Each is
rendered to the thermal raster at 80 and 58 mm and to roll and A4 PDF.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from collections.abc import Callable
from dataclasses import dataclass

import pypdfium2
import pytest
import zxingcpp
from PIL import Image, ImageOps
from reportlab.lib.units import mm
from test_tax_invoice import BUYER_ID_PRINTED, COMPANY, LINES, NOTE, SELLER, invoice_data

from otop_pos.printing.documents.receipt import VAT_INCLUDED, build_receipt
from otop_pos.printing.documents.sample_receipt import sample_receipt_data
from otop_pos.printing.documents.tax_invoice import build_tax_invoice
from otop_pos.printing.documents.tax_invoice_fields import tax_invoice_fields_present
from otop_pos.printing.engine.document import WIDTH_58MM, WIDTH_80MM, Document, ItemLine, Row
from otop_pos.printing.engine.pdf import Page, render_pdf
from otop_pos.printing.engine.raster import render_pil

pytestmark = pytest.mark.usefixtures("qapp")

VAT_WORDS = ("ภาษี", "VAT", "POS ID")  # none may appear on a plain receipt


@dataclass(frozen=True)
class Kind:
    """A document type: how to build it, what it must say in order, what it must not say."""

    build: Callable[[int], Document]
    number: str  # what its QR holds
    in_order: tuple[str, ...]
    never: tuple[str, ...] = ()


def _receipt(vat: bool, copy: bool = False) -> Kind:
    data = sample_receipt_data(vat_registered=vat, is_copy=copy)
    head = (data.centre_name, "สำนักงานใหญ่", "POS ID", data.pos_id) if vat else (data.centre_name,)
    mark = ("สำเนา",) if copy else ()
    title = ("ใบกำกับภาษีอย่างย่อ", VAT_INCLUDED) if vat else ("ใบเสร็จรับเงิน",)
    tail = ("รวมทั้งสิ้น", data.total.format())
    tail += ("มูลค่าสินค้าก่อนภาษี", "ภาษีมูลค่าเพิ่ม") if vat else ()
    return Kind(
        lambda width: build_receipt(data, width),
        data.receipt_no,
        (*head, *mark, *title, "เลขที่", data.receipt_no, *(ln.name for ln in data.lines), *tail),
        ("ต้นฉบับ",) + (() if vat else VAT_WORDS) + (() if copy else ("สำเนา",)),
    )


def _invoice(copy: bool = False) -> Kind:
    data = invoice_data(is_copy=copy)
    in_order = (
        "ใบกำกับภาษี",
        "สำเนา" if copy else "ต้นฉบับ",
        SELLER.name,
        "99 ถนนมิตรภาพ ตำบลในเมือง อำเภอเมือง",
        "เลขประจำตัวผู้เสียภาษี 0-9940-00165-31-5",
        "สำนักงานใหญ่",
        "POS ID E051234567890001",
        "เลขที่",
        data.invoice_no,
        "วันที่",
        "21 พฤศจิกายน 2569",
        "ผู้ซื้อ",
        "ชื่อ " + COMPANY.name,
        "188/9 หมู่ 4 ถนนเจริญกรุง",
        "เลขประจำตัวผู้เสียภาษี " + BUYER_ID_PRINTED,
        "สาขาที่ 00001",
        *(text for ln in LINES for text in (ln.name, ln.amount.format())),
        "มูลค่าสินค้า",
        "3,001.41",
        "ภาษีมูลค่าเพิ่ม 7%",
        "210.10",
        "รวมทั้งสิ้น",
        "3,211.51",
        "(สามพันสองร้อยสิบเอ็ดบาทห้าสิบเอ็ดสตางค์)",
        NOTE,
        "ผู้ออกเอกสาร",
        "สมหญิง ใจดี",
        "ผู้รับเงิน / ผู้ออกใบกำกับภาษี",
    )
    never = ("ต้นฉบับ", "ใบเสร็จรับเงิน") if copy else ("สำเนา", "ใบเสร็จรับเงิน")
    return Kind(lambda width: build_tax_invoice(data, width), data.invoice_no, in_order, never)


KINDS: dict[str, Kind] = {
    "plain-receipt": _receipt(vat=False),
    "abbreviated-tax-invoice": _receipt(vat=True),
    "abbreviated-copy": _receipt(vat=True, copy=True),
    "full-tax-invoice": _invoice(),
    "full-tax-invoice-copy": _invoice(copy=True),
}
WIDTHS = [WIDTH_80MM, WIDTH_58MM]
PAGES: list[Page] = ["roll", "a4"]


def _squash(text: str) -> str:
    """Without whitespace: wrapped lines and column gaps differ between extractors."""
    return re.sub(r"\s+", "", text)


def assert_in_reading_order(text: str, needles: tuple[str, ...]) -> None:
    """Each needle occurs at a larger index than the one before it."""
    text, pos = _squash(text), 0
    for needle in needles:
        found = text.find(_squash(needle), pos)
        assert found >= 0, f"{needle!r} missing or out of order after …{text[:pos][-50:]!r}"
        pos = found + len(_squash(needle))


def _pdfium_text(pdf: bytes) -> str:
    return "\n".join(page.get_textpage().get_text_range() for page in pypdfium2.PdfDocument(pdf))


def _qr_texts(img: Image.Image) -> list[str]:
    found = zxingcpp.read_barcodes(img.convert("L"))
    return [r.text for r in found if r.format == zxingcpp.BarcodeFormat.QRCode]


def test_reading_order_helper_fails_when_it_should() -> None:
    assert_in_reading_order("ก ข\nค", ("ก", "ขค"))
    with pytest.raises(AssertionError):
        assert_in_reading_order("ก ข ค", ("ค", "ก"))
    with pytest.raises(AssertionError):
        assert_in_reading_order("ก ข ค", ("ง",))


@pytest.mark.parametrize("kind", list(KINDS))
def test_document_words(kind: str) -> None:
    k = KINDS[kind]
    doc = k.build(WIDTH_80MM)
    assert_in_reading_order("\n".join(doc.texts()), k.in_order)
    plain = doc.plain_text()
    for word in k.never:
        assert word not in plain, word


def test_full_invoices_are_complete() -> None:
    for copy in (False, True):
        data = invoice_data(is_copy=copy)
        for width in WIDTHS:
            assert tax_invoice_fields_present(build_tax_invoice(data, width), data) == []


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("kind", list(KINDS))
def test_receipt_image_scans_back(kind: str, width: int) -> None:
    k = KINDS[kind]
    img = render_pil(k.build(width))
    assert img.mode == "1" and img.width == width
    assert _qr_texts(img) == [k.number]
    box = ImageOps.invert(img.convert("L")).getbbox()
    assert box is not None and box[0] > 0 and box[2] < width  # nothing cut at the sides


@pytest.mark.parametrize("page", PAGES)
@pytest.mark.parametrize("kind", list(KINDS))
def test_pdf_reads_back_in_order_and_scans(kind: str, page: Page) -> None:
    k = KINDS[kind]
    pdf = render_pdf(k.build(WIDTH_80MM), page, title=k.number)
    text = _pdfium_text(pdf)
    assert_in_reading_order(text, k.in_order)
    for word in k.never:
        assert word not in text, word
    doc = pypdfium2.PdfDocument(pdf)
    assert len(doc) == 1  # a short invoice keeps to one A4 page
    assert _qr_texts(doc[0].render(scale=3).to_pil()) == [k.number]


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils not installed")
@pytest.mark.parametrize("page", PAGES)
@pytest.mark.parametrize("kind", list(KINDS))
def test_pdftotext_layout_reads_the_same_order(kind: str, page: Page) -> None:
    k = KINDS[kind]
    pdf = render_pdf(k.build(WIDTH_80MM), page)
    out = subprocess.run(
        ["pdftotext", "-layout", "-", "-"], input=pdf, capture_output=True, check=True, timeout=60
    ).stdout.decode()
    assert_in_reading_order(out, k.in_order)
    for word in k.never:
        assert word not in out, word


@pytest.mark.parametrize("kind", ["full-tax-invoice", "abbreviated-tax-invoice"])
def test_amounts_are_flush_right_on_the_roll_pdf(kind: str) -> None:
    doc = KINDS[kind].build(WIDTH_80MM)
    page = pypdfium2.PdfDocument(render_pdf(doc))[0]
    w, _h = page.get_size()
    tp = page.get_textpage()
    text, pos = tp.get_text_range(), 0
    amounts = [
        b.right if isinstance(b, Row) else b.amount_text
        for b in doc.blocks
        if isinstance(b, Row | ItemLine) and (b.right if isinstance(b, Row) else b.amount_text)
    ]
    amounts = [a for a in amounts if re.fullmatch(r"-?[\d,]+\.\d\d", a)]
    assert len(amounts) >= 6
    for amount in amounts:
        pos = text.index(amount, pos) + len(amount)
        assert tp.get_charbox(pos - 1)[2] == pytest.approx(w - 4 * mm, abs=1.5), amount


def test_copy_stamp_on_the_invoice_pdf() -> None:
    data = invoice_data(is_copy=True)
    pdf = render_pdf(build_tax_invoice(data), "a4", stamp="สำเนา")
    text = _pdfium_text(pdf)
    assert text.count("สำเนา") >= 2 and "ต้นฉบับ" not in text  # the mark and the stamp
