"""A full tax invoice printed, saved as PDF and exported for e-Tax, from a real store."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path

import pypdfium2
import pytest
import zxingcpp
from lxml import etree

from otop_pos.domain.money import Money
from otop_pos.domain.selling.cart import Cart
from otop_pos.etax.pdfa import read_embedded
from otop_pos.operations.errors import OperationError
from otop_pos.operations.selling import cart as selling
from otop_pos.operations.selling import checkout, tax_documents, tax_invoices
from otop_pos.operations.selling.tax_invoices import Buyer
from otop_pos.operations.session import Session

SOLD = datetime(2026, 11, 20, 3, 0, tzinfo=UTC)
BUYER = Buyer("บริษัท ผ้าไทย จำกัด", "99 ถ.เทพา ต.เมืองใต้\nอ.เมือง จ.ศรีสะเกษ", "0994000165315",
              "0", "33000")  # fmt: skip
RAM = "{urn:etda:uncefact:data:standard:TaxInvoice_ReusableAggregateBusinessInformationEntity:2}"


def _invoice(session: Session) -> str:
    cart = Cart()
    selling.scan(session, cart, "8850000000014")
    selling.scan(session, cart, "2*8850000000021")
    receipt_no = checkout.complete_cash_sale(session, cart, Money.baht(2000), SOLD).receipt_no
    return tax_invoices.issue(session, receipt_no, BUYER)


def _etax_ready(session: Session, tmp_path: Path) -> Session:
    settings = replace(session.settings, province_code="33", district_code="3301",
                       sub_district_code="330101", postcode="33000", building_number="1",
                       documents_dir=str(tmp_path / "docs"))  # fmt: skip
    return Session(session.store, settings, session.user)


def test_print_then_pdf_is_a_copy(cashier: Session, tmp_path: Path) -> None:
    printer = tmp_path / "printer.bin"
    session = Session(cashier.store, replace(cashier.settings, printer_uri=f"file:{printer}"),
                      cashier.user)  # fmt: skip
    invoice_no = _invoice(session)
    first = tax_documents.print_tax_invoice(session, invoice_no)
    assert first.ok and not first.is_copy and printer.stat().st_size > 0
    saved = tax_documents.tax_invoice_pdf(session, invoice_no, tmp_path)
    assert saved.is_copy and saved.path.name == f"{invoice_no}-copy.pdf"
    text = pypdfium2.PdfDocument(saved.path.read_bytes())[0].get_textpage().get_text_range()
    assert "สำเนา" in text and "ใบกำกับภาษี" in text and "0-9940-00165-31-5" in text


def test_pdf_first_is_the_original_and_its_qr_holds_the_number(
    cashier: Session, tmp_path: Path
) -> None:
    invoice_no = _invoice(cashier)
    saved = tax_documents.tax_invoice_pdf(cashier, invoice_no, tmp_path)
    assert not saved.is_copy
    page = pypdfium2.PdfDocument(saved.path.read_bytes())[0]
    text = page.get_textpage().get_text_range()
    assert "ต้นฉบับ" in text and "บริษัท ผ้าไทย จำกัด" in text
    assert text.index("ใบกำกับภาษี") < text.index("บริษัท ผ้าไทย จำกัด") < text.index("รวมทั้งสิ้น")
    codes = {c.text for c in zxingcpp.read_barcodes(page.render(scale=3).to_pil())}
    assert invoice_no in codes
    again = tax_documents.tax_invoice_pdf(cashier, invoice_no, tmp_path)
    assert again.is_copy


def test_etax_export_carries_ids_and_totals(cashier: Session, tmp_path: Path) -> None:
    session = _etax_ready(cashier, tmp_path)
    invoice_no = _invoice(session)
    files = tax_documents.export_etax(session, invoice_no)
    assert not files.signed
    xml = files.xml.read_bytes()
    root = etree.fromstring(xml)
    assert root.findtext(f".//{RAM}GuidelineSpecifiedDocumentContextParameter/{RAM}ID") == (
        "ER3-2560"
    )
    assert root.findtext(f".//{RAM}TypeCode") == "388"
    ids = [e.text for e in root.iter(f"{RAM}ID") if e.get("schemeID") == "TXID"]
    seller = session.settings.tax_id + "00000"  # head office
    assert ids == [seller, "099400016531500000"]
    assert root.findtext(f".//{RAM}GrandTotalAmount") == "1671.00"
    assert root.findtext(f".//{RAM}TaxTotalAmount") == "109.32"
    assert read_embedded(files.pdf.read_bytes(), files.xml.name) == xml


def test_etax_without_address_codes_is_refused(cashier: Session) -> None:
    invoice_no = _invoice(cashier)
    with pytest.raises(OperationError, match="รหัสจังหวัด"):
        tax_documents.export_etax(cashier, invoice_no)
