"""Full tax invoices for earlier sales, against a real SQLite file."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime

import pytest

from otop_pos.db import journal
from otop_pos.db.projections import record as projections
from otop_pos.domain.money import Money
from otop_pos.domain.selling.cart import Cart
from otop_pos.operations.errors import FieldError, OperationError
from otop_pos.operations.selling import cart as selling
from otop_pos.operations.selling import checkout, tax_invoices
from otop_pos.operations.selling.tax_invoices import Buyer
from otop_pos.operations.session import Session

SOLD = datetime(2026, 11, 20, 3, 0, tzinfo=UTC)
ASKED = datetime(2026, 11, 21, 3, 0, tzinfo=UTC)
COMPANY = Buyer("บริษัท ผ้าไทย จำกัด", "99 ถ.เทพา ต.เมืองใต้ อ.เมือง จ.ศรีสะเกษ", "0994000165315",
                "1", "33000")  # fmt: skip


def _sale(session: Session) -> str:
    cart = Cart()
    selling.scan(session, cart, "8850000000014")
    return checkout.complete_cash_sale(session, cart, Money.baht(1500), SOLD).receipt_no


def test_issue_numbers_its_own_series_and_remembers_the_buyer(cashier: Session) -> None:
    receipt_no = _sale(cashier)
    invoice_no = tax_invoices.issue(cashier, f"  {receipt_no.lower()} ", COMPANY, ASKED)
    assert invoice_no == "POS01-TI-69110001"
    record = tax_invoices.invoice_record(cashier, invoice_no)
    assert (record["receipt_no"], record["buyer_tax_id"], record["buyer_branch"]) == (
        receipt_no,
        "0994000165315",
        "00001",
    )
    found = tax_invoices.find_buyers(cashier, "ผ้าไทย")
    assert [b.tax_id for b in found] == ["0994000165315"]
    assert tax_invoices.find_buyers(cashier, "09940001") == found
    assert journal.verify(cashier.store).ok


def test_a_second_request_is_refused_and_names_the_first(cashier: Session) -> None:
    receipt_no = _sale(cashier)
    first = tax_invoices.issue(cashier, receipt_no, COMPANY, ASKED)
    with pytest.raises(FieldError) as info:
        tax_invoices.issue(cashier, receipt_no, COMPANY, ASKED)
    assert first in info.value.thai and "สำเนา" in info.value.thai


@pytest.mark.parametrize(
    ("buyer", "field", "words"),
    [
        (replace(COMPANY, tax_id="0994000165316"), "tax_id", "หลักตรวจสอบ"),
        (replace(COMPANY, tax_id=""), "tax_id", "13 หลัก"),
        (replace(COMPANY, name="  "), "name", "ชื่อผู้ซื้อ"),
        (replace(COMPANY, address=""), "address", "ที่อยู่"),
        (replace(COMPANY, branch="สาขาเหนือ"), "branch", "สาขา"),
        (replace(COMPANY, postcode="3300"), "postcode", "5 หลัก"),
        (replace(COMPANY, postcode=""), "postcode", "5 หลัก"),
    ],
)
def test_bad_buyer_is_refused_at_the_field_and_nothing_is_written(
    cashier: Session, buyer: Buyer, field: str, words: str
) -> None:
    receipt_no = _sale(cashier)
    head = journal.head(cashier.store, cashier.terminal_id)
    with pytest.raises(FieldError) as info:
        tax_invoices.issue(cashier, receipt_no, buyer, ASKED)
    assert info.value.field == field and words in info.value.thai
    assert journal.head(cashier.store, cashier.terminal_id) == head
    assert tax_invoices.find_buyers(cashier, "ผ้าไทย") == []


def test_a_person_without_tax_id_may_have_one(cashier: Session) -> None:
    person = Buyer("นางสมหญิง รักไทย", "12 ม.3 ต.โพธิ์ อ.เมือง จ.ศรีสะเกษ", postcode="33000",
                   is_person=True)  # fmt: skip
    invoice_no = tax_invoices.issue(cashier, _sale(cashier), person, ASKED)
    assert tax_invoices.invoice_record(cashier, invoice_no)["buyer_tax_id"] == ""


def test_unknown_receipt_and_non_vat_centre_are_refused(cashier: Session) -> None:
    with pytest.raises(FieldError, match="ไม่พบใบเสร็จ"):
        tax_invoices.issue(cashier, "POS01-69119999", COMPANY, ASKED)
    receipt_no = _sale(cashier)
    plain = Session(cashier.store, replace(cashier.settings, vat_registered=False), cashier.user)
    with pytest.raises(OperationError, match="ไม่ได้จดทะเบียนภาษีมูลค่าเพิ่ม"):
        tax_invoices.issue(plain, receipt_no, COMPANY, ASKED)


def test_rebuild_reproduces_invoices_and_buyers(cashier: Session) -> None:
    tax_invoices.issue(cashier, _sale(cashier), COMPANY, ASKED)
    store = cashier.store
    before = [tuple(r) for r in store.query("SELECT * FROM tax_invoices")]
    buyers = [tuple(r) for r in store.query("SELECT name, tax_id, branch FROM buyers")]
    projections.rebuild(store)
    assert [tuple(r) for r in store.query("SELECT * FROM tax_invoices")] == before
    assert [tuple(r) for r in store.query("SELECT name, tax_id, branch FROM buyers")] == buyers
