"""The PromptPay slip: its QR reads back to the exact payload, printed and as PDF."""

from __future__ import annotations

import pypdfium2
import zxingcpp

from otop_pos.domain.money import Money
from otop_pos.domain.thai.promptpay import parse_emv, promptpay_payload, verify_crc
from otop_pos.printing.documents.promptpay_slip import build_promptpay_slip
from otop_pos.printing.engine.document import WIDTH_58MM, WIDTH_80MM
from otop_pos.printing.engine.pdf import render_pdf
from otop_pos.printing.engine.raster import render_pil

PAYLOAD = promptpay_payload("0801234567", Money.parse("456.25"))


def _decoded(image: object) -> list[str]:
    return [r.text for r in zxingcpp.read_barcodes(image)]


def test_reference_payload_reads_back_from_the_receipt_image() -> None:
    assert PAYLOAD == (
        "00020101021229370016A000000677010111011300668012345675802TH53037645406456.256304483D"
    )
    for width in (WIDTH_80MM, WIDTH_58MM):
        doc = build_promptpay_slip("ศูนย์ OTOP จังหวัดศรีสะเกษ", Money.parse("456.25"), PAYLOAD,
                                   width_dots=width)  # fmt: skip
        assert _decoded(render_pil(doc).convert("L")) == [PAYLOAD]
        assert "456.25 บาท" in doc.plain_text() and "ไม่ใช่ใบเสร็จ" in doc.plain_text()


def test_reference_payload_reads_back_from_the_pdf_page_image() -> None:
    doc = build_promptpay_slip("ศูนย์ OTOP", Money.parse("456.25"), PAYLOAD)
    for page in ("roll", "a4"):
        pdf = pypdfium2.PdfDocument(render_pdf(doc, page))
        found = _decoded(pdf[0].render(scale=3).to_pil())
        assert found == [PAYLOAD] and verify_crc(found[0])
        assert parse_emv(found[0])["54"] == "456.25"
