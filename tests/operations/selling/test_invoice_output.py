"""A full tax invoice's seller address, a many-page e-Tax PDF/A-3 and its output folder."""

from __future__ import annotations

from pathlib import Path

import pikepdf
import pypdfium2
from helpers import MANAGER_PIN

from otop_pos.cli.main import main
from otop_pos.domain.selling.cart import Cart
from otop_pos.etax.pdfa import read_embedded
from otop_pos.operations import centre_settings
from otop_pos.operations.selling import cart as selling
from otop_pos.operations.selling import checkout, tax_documents, tax_invoices
from otop_pos.operations.selling.tax_invoices import Buyer, invoice_data, with_postcode
from otop_pos.operations.session import Session
from otop_pos.printing.documents.tax_invoice import build_tax_invoice

ADDRESS = "99 ถนนเทพา ตำบลเมืองใต้ อำเภอเมืองศรีสะเกษ จังหวัดศรีสะเกษ 33000"
BUYER = Buyer("บริษัท ผ้าไทย จำกัด", "1 ถ.เทพา ต.เมืองใต้\nอ.เมือง จ.ศรีสะเกษ", "0994000165315",
              "0", "33000")  # fmt: skip


def _etax_centre(manager: Session) -> Session:
    new = centre_settings.update(manager, {
        "address": ADDRESS, "postcode": "33000", "province_code": "33", "district_code": "3301",
        "sub_district_code": "330101", "building_number": "99",
    })  # fmt: skip
    return Session(manager.store, new, manager.user)


def _invoice(session: Session, lines: int) -> str:
    cart = Cart()
    for i in range(lines):  # two products in turn: every scan is a line of its own
        selling.scan(session, cart, "8850000000014" if i % 2 else "8850000000021")
    receipt_no = checkout.complete_cash_sale(session, cart, cart.total).receipt_no
    return tax_invoices.issue(session, receipt_no, BUYER)


def test_the_sellers_postcode_is_printed_once(manager: Session) -> None:
    session = _etax_centre(manager)
    invoice_no = _invoice(session, 2)
    text = build_tax_invoice(invoice_data(session, invoice_no)).plain_text()
    assert text.count("33000") == 2  # the seller's address once, the buyer's postcode once
    assert ADDRESS in text


def test_a_postcode_kept_apart_still_prints() -> None:
    assert with_postcode("1 ถนนเทพา", "33000") == "1 ถนนเทพา\n33000"
    assert with_postcode("1 ถนนเทพา 33000", "33000") == "1 ถนนเทพา 33000"
    assert with_postcode("1 ถนนเทพา 33000", "") == "1 ถนนเทพา 33000"
    assert with_postcode("", "33000") == "33000"
    assert with_postcode("ซอย 33000/1", "33000") == "ซอย 33000/1\n33000"


def test_etax_of_a_sixty_line_invoice_is_a_pdfa3_of_several_pages(
    manager: Session, tmp_path: Path
) -> None:
    session = _etax_centre(manager)
    invoice_no = _invoice(session, 60)
    files = tax_documents.export_etax(session, invoice_no, tmp_path)
    data = files.pdf.read_bytes()
    pages = pypdfium2.PdfDocument(data)
    assert len(pages) >= 2
    last = pages[len(pages) - 1].get_textpage().get_text_range()
    assert "รวมทั้งสิ้น" in last
    assert "ใบกำกับภาษี" in pages[0].get_textpage().get_text_range()
    with pikepdf.open(files.pdf) as pdf:
        for page in pdf.pages:  # every font a page selects is one the page carries
            fonts = page.obj.Resources.Font
            used = {
                str(ops[0]) for ops, op in pikepdf.parse_content_stream(page) if str(op) == "Tf"
            }
            assert used <= {str(k) for k in fonts}
    assert read_embedded(data, files.xml.name) == files.xml.read_bytes()


def test_etax_command_makes_a_missing_output_folder(manager: Session, tmp_path: Path) -> None:
    session = _etax_centre(manager)
    invoice_no = _invoice(session, 3)
    db = str(session.store.path)
    session.store.close()
    out = tmp_path / "ไม่มี" / "e-tax"
    assert main(["etax", invoice_no, "--db", db, "--pin", MANAGER_PIN, "--out", str(out)]) == 0
    assert (out / f"{invoice_no}.xml").read_bytes().startswith(b"<?xml")
    assert (out / f"{invoice_no}-etax.pdf").read_bytes().startswith(b"%PDF")


def test_an_output_folder_that_cannot_be_made_is_named_in_thai(
    manager: Session, tmp_path: Path, capsys
) -> None:  # type: ignore[no-untyped-def]
    session = _etax_centre(manager)
    invoice_no = _invoice(session, 1)
    db = str(session.store.path)
    session.store.close()
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    out = blocker / "e-tax"
    assert main(["etax", invoice_no, "--db", db, "--pin", MANAGER_PIN, "--out", str(out)]) == 1
    err = capsys.readouterr().err
    assert "สร้างโฟลเดอร์สำหรับบันทึกเอกสารไม่ได้" in err and str(out) in err
