"""VAT on VAT-able lines only: farm produce is exempt (Revenue Code s.81(1)(a)).

The issue's vector: rice 65.00 and shallots 85.00 (exempt) with mulberry tea
25.00 is 175.00, of which 150.00 exempt, base 23.36 and VAT 1.64; it must
come out the same on the receipt, the full tax invoice, the Z, the credit
note of a refund and the e-Tax XML.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest
from helpers import CASHIER_PIN, MANAGER_PIN, make_centre
from lxml import etree

from otop_pos.db.projections import record
from otop_pos.db.store import Store
from otop_pos.domain.money import Money
from otop_pos.domain.selling.cart import Cart
from otop_pos.domain.staff.permissions import Permission
from otop_pos.domain.thai.thaidate import to_iso, utc_now
from otop_pos.domain.vat import EXEMPT_LABEL, VATABLE_BASE_LABEL
from otop_pos.operations import approvals, auth
from otop_pos.operations.selling import cart as selling
from otop_pos.operations.selling import (
    checkout,
    credit_notes,
    line_prices,
    receipts,
    refunds,
    tax_documents,
    tax_invoices,
)
from otop_pos.operations.selling.refunds import ReturnItem
from otop_pos.operations.selling.tax_invoices import Buyer
from otop_pos.operations.session import Session
from otop_pos.operations.shifts import day_close, day_documents
from otop_pos.printing.documents.credit_note import build_credit_note
from otop_pos.printing.documents.day_report import build_day_report
from otop_pos.printing.documents.receipt import build_receipt
from otop_pos.printing.documents.tax_invoice import build_tax_invoice
from otop_pos.printing.documents.tax_invoice_fields import tax_invoice_fields_present

RICE, SHALLOT, TEA = "8850000000058", "8850000000065", "8850000000072"
BUYER = Buyer("บริษัท ผ้าไทย จำกัด", "99 ถ.เทพา ต.เมืองใต้\nอ.เมือง จ.ศรีสะเกษ", "0994000165315",
              "0", "33000")  # fmt: skip
RAM = "{urn:etda:uncefact:data:standard:TaxInvoice_ReusableAggregateBusinessInformationEntity:2}"


def _product(sku: str, name: str, price: int, vat: bool, barcode: str) -> dict[str, object]:
    return {
        "sku": sku, "name_th": name, "name_en": "", "category": "food", "stars": None,
        "producer_code": "P02", "price_satang": price, "vat_applicable": int(vat),
        "ownership": "consigned", "quick_key": None, "active": 1, "barcodes": [barcode],
    }  # fmt: skip


def _add_farm_goods(store: Store) -> None:
    now = to_iso(utc_now())
    goods = [
        _product("RICE", "ข้าวหอมมะลิ 1 กก.", 6500, False, RICE),
        _product("SHALLOT", "หอมแดงศรีสะเกษ 1 กก.", 8500, False, SHALLOT),
        _product("TEA25", "ชาใบหม่อน ซอง", 2500, True, TEA),
    ]
    with store.transaction():
        record.record(store, "T01", "product_upsert", now, None, {"products": goods})


@pytest.fixture
def till(manager: Session) -> Session:
    """A manager at the till: sells, refunds and reads the X without asking anyone."""
    _add_farm_goods(manager.store)
    return Session(manager.store, replace(manager.settings, address="1 ถ.เทพา อ.เมือง"),
                   manager.user)  # fmt: skip


def _sell(session: Session, *codes: str, discounts: dict[int, Money] | None = None) -> str:
    cart = Cart()
    for code in codes:
        selling.scan(session, cart, code)
    for index, amount in (discounts or {}).items():
        line_prices.discount_line(session, cart, index, amount)
    return checkout.complete_cash_sale(session, cart, cart.total).receipt_no


def _sale_row(store: Store, receipt_no: str) -> tuple[int, int, int]:
    row = store.one(
        "SELECT total_satang, exempt_satang, vat_satang FROM sales WHERE receipt_no = ?",
        (receipt_no,),
    )
    assert row is not None
    return int(row[0]), int(row[1]), int(row[2])


def test_the_vector_rice_shallots_and_tea(till: Session) -> None:
    receipt_no = _sell(till, RICE, SHALLOT, TEA)
    assert _sale_row(till.store, receipt_no) == (17500, 15000, 164)
    data = receipts.receipt_data(till, receipt_no)
    assert (data.exempt, data.vat_base, data.vat) == (Money(15000), Money(2336), Money(164))
    text = build_receipt(data).plain_text()
    assert "ใบกำกับภาษีอย่างย่อ" in text
    assert f"{EXEMPT_LABEL[0]} (E)\n150.00" in text
    assert f"{VATABLE_BASE_LABEL[0]}\n23.36" in text and "ภาษีมูลค่าเพิ่ม\n1.64" in text
    assert "65.00 E" in text and "85.00 E" in text  # exempt lines are marked
    assert "25.00 E" not in text and "\n25.00\n" in text


def test_an_all_vatable_receipt_keeps_its_old_wording(till: Session) -> None:
    receipt_no = _sell(till, TEA, TEA)
    assert _sale_row(till.store, receipt_no) == (5000, 0, 327)
    text = build_receipt(receipts.receipt_data(till, receipt_no)).plain_text()
    assert EXEMPT_LABEL[0] not in text and " E\n" not in text
    assert "มูลค่าสินค้าก่อนภาษี\n46.73" in text


def test_a_discounted_mixed_cart_splits_after_the_discounts(till: Session) -> None:
    # rice 2 x 65 less 10 = 120 exempt; tea 3 x 25 less 5 = 70 with VAT: 70 x 7/107 = 4.58
    receipt_no = _sell(
        till, "2*" + RICE, "3*" + TEA, discounts={0: Money.baht(10), 1: Money.baht(5)}
    )
    assert _sale_row(till.store, receipt_no) == (19000, 12000, 458)
    data = receipts.receipt_data(till, receipt_no)
    assert data.exempt + data.vat_base + data.vat == data.total


def test_a_centre_outside_vat_prints_a_plain_receipt(store: Store) -> None:
    session = make_centre(store, vat_registered=False)
    _add_farm_goods(store)
    auth.login(session, 2, CASHIER_PIN)
    receipt_no = _sell(session, RICE, TEA)
    assert _sale_row(store, receipt_no) == (9000, 0, 0)
    text = build_receipt(receipts.receipt_data(session, receipt_no)).plain_text()
    assert "ใบเสร็จรับเงิน" in text and "ภาษีมูลค่าเพิ่ม" not in text and " E\n" not in text


def test_the_z_shows_exempt_base_and_vat_apart(till: Session) -> None:
    _sell(till, RICE, SHALLOT, TEA)
    _sell(till, TEA)
    report = day_close.x_report(till)
    f = report.figures
    # VAT is rounded once per sale: 1.64 + 1.64, not 7/107 of the day's 50.00
    assert (f.net, f.exempt, f.vat) == (Money(20000), Money(15000), Money(328))
    assert f.vat_base == Money(4672)
    lines = build_day_report(day_documents.report_data(till, report)).plain_text()
    assert f"{EXEMPT_LABEL[0]}\n150.00" in lines
    assert f"{VATABLE_BASE_LABEL[0]}\n46.72" in lines and "ภาษีมูลค่าเพิ่ม 7%\n3.28" in lines


def test_a_partial_refund_of_an_exempt_line_refunds_no_vat(till: Session) -> None:
    receipt_no = _sell(till, "2*" + RICE, TEA)
    ok = approvals.approve(till, MANAGER_PIN, Permission.REFUND)
    result = refunds.refund(till, receipt_no, [ReturnItem(1, 1)], "ข้าวชื้น", approval=ok)
    assert (result.total, result.vat) == (Money(6500), Money(0))
    row = till.store.one("SELECT exempt_satang, vat_satang FROM refunds")
    assert row is not None and tuple(row) == (6500, 0)
    f = day_close.x_report(till).figures
    assert (f.net, f.exempt, f.vat) == (Money(9000), Money(6500), Money(164))


def test_refunds_of_vatable_lines_in_parts_return_the_sales_vat_to_the_satang(
    till: Session,
) -> None:
    receipt_no = _sell(till, "3*" + TEA, RICE)  # VAT of 75.00 is 4.91
    assert _sale_row(till.store, receipt_no)[2] == 491
    refunded = []
    for _ in range(3):  # 25.00 each: 1.64 + 1.63 + 1.64, never 3 x 1.64
        ok = approvals.approve(till, MANAGER_PIN, Permission.REFUND)
        refunded.append(refunds.refund(till, receipt_no, [ReturnItem(1, 1)], "คืน", approval=ok))
    assert sum(r.vat.satang for r in refunded) == 491
    f = day_close.x_report(till).figures
    assert (f.net, f.exempt, f.vat) == (Money(6500), Money(6500), Money(0))


def test_the_full_tax_invoice_and_its_credit_note_carry_the_exempt_part(till: Session) -> None:
    receipt_no = _sell(till, RICE, SHALLOT, TEA)
    invoice_no = tax_invoices.issue(till, receipt_no, BUYER)
    data = tax_invoices.invoice_data(till, invoice_no)
    assert (data.exempt, data.vat_base, data.vat) == (Money(15000), Money(2336), Money(164))
    doc = build_tax_invoice(data)
    assert tax_invoice_fields_present(doc, data) == []
    text = doc.plain_text()
    assert f"{EXEMPT_LABEL[0]} (E)\n150.00\n{VATABLE_BASE_LABEL[0]}\n23.36" in text
    ok = approvals.approve(till, MANAGER_PIN, Permission.REFUND)
    refund = refunds.refund(
        till, receipt_no, [ReturnItem(1, 1), ReturnItem(3, 1)], "คืน", approval=ok
    )
    note = credit_notes.credit_note_data(till, refund.refund_no)
    assert (note.difference, note.difference_exempt) == (Money(9000), Money(6500))
    assert (note.difference_base, note.vat_on_difference) == (Money(2336), Money(164))
    note_text = build_credit_note(note).plain_text()
    assert "65.00 E" in note_text and "\n23.36\n" in note_text


def test_the_etax_xml_carries_exempt_lines_as_exempt(till: Session, tmp_path: Path) -> None:
    session = Session(
        till.store,
        replace(
            till.settings,
            province_code="33",
            district_code="3301",
            sub_district_code="330101",
            postcode="33000",
            building_number="1",
            documents_dir=str(tmp_path),
        ),
        till.user,
    )
    receipt_no = _sell(session, RICE, SHALLOT, TEA)
    invoice_no = tax_invoices.issue(session, receipt_no, BUYER)
    root = etree.fromstring(tax_documents.export_etax(session, invoice_no).xml.read_bytes())
    settle = root.find(f".//{RAM}ApplicableHeaderTradeSettlement")
    assert settle is not None
    taxes = [
        (t.findtext(f"{RAM}TypeCode"), t.findtext(f"{RAM}BasisAmount"),
         t.findtext(f"{RAM}CalculatedAmount"))
        for t in settle.findall(f"{RAM}ApplicableTradeTax")
    ]  # fmt: skip
    assert taxes == [("VAT", "23.36", "1.64"), ("FRE", "150.00", "0.00")]
    sums = settle.find(f"{RAM}SpecifiedTradeSettlementHeaderMonetarySummation")
    assert sums is not None
    assert sums.findtext(f"{RAM}TaxBasisTotalAmount") == "173.36"
    assert sums.findtext(f"{RAM}TaxTotalAmount") == "1.64"
    assert sums.findtext(f"{RAM}GrandTotalAmount") == "175.00"
    lines = [
        (item.findtext(f".//{RAM}ApplicableTradeTax/{RAM}TypeCode"),
         item.findtext(f".//{RAM}ApplicableTradeTax/{RAM}CalculatedRate"),
         item.findtext(f".//{RAM}NetLineTotalAmount"))
        for item in root.iter(f"{RAM}IncludedSupplyChainTradeLineItem")
    ]  # fmt: skip
    assert lines == [("FRE", "0", "65.00"), ("FRE", "0", "85.00"), ("VAT", "7", "23.36")]
