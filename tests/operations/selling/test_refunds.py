"""Voids, refunds and credit notes: manager approval, limits, stock, numbering."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest
from helpers import CASHIER_PIN, MANAGER_PIN, make_centre
from shift_helpers import SILK, TEA, card, sell

from otop_pos.db.store import Store
from otop_pos.domain.money import Money
from otop_pos.domain.staff.permissions import Permission
from otop_pos.domain.thai.thaidate import utc_now
from otop_pos.operations import approvals, auth
from otop_pos.operations.errors import FieldError, OperationError
from otop_pos.operations.selling import credit_notes, refunds, tax_invoices
from otop_pos.operations.session import Session
from otop_pos.operations.shifts import day_close
from otop_pos.printing.documents.credit_note import build_credit_note, credit_note_fields_present


def _journal(store: Store) -> int:
    return int(store.scalar("SELECT count(*) FROM journal"))


def _stock(store: Store, barcode: str) -> int:
    return int(
        store.scalar(
            "SELECT coalesce(sum(m.qty), 0) FROM stock_movements m"
            " JOIN barcodes b ON b.product_id = m.product_id WHERE b.barcode = ?",
            (barcode,),
        )
    )


def test_a_cashier_cannot_void_without_a_manager(cashier: Session) -> None:
    sale = sell(cashier, TEA)
    before = _journal(cashier.store)
    with pytest.raises(OperationError, match="ต้องให้ผู้จัดการอนุมัติ"):
        refunds.void_sale(cashier, sale.receipt_no, "ผิด")
    with pytest.raises(FieldError, match="ไม่ใช่ของผู้จัดการ"):
        approvals.approve(cashier, CASHIER_PIN, Permission.VOID_SALE)
    wrong_kind = approvals.approve(cashier, MANAGER_PIN, Permission.REFUND)
    with pytest.raises(OperationError, match="ต้องให้ผู้จัดการอนุมัติ"):
        refunds.void_sale(cashier, sale.receipt_no, "ผิด", wrong_kind)
    assert _journal(cashier.store) == before + 1  # only the wrong PIN, as approval_refused
    kind = cashier.store.scalar("SELECT kind FROM journal ORDER BY seq DESC LIMIT 1")
    assert kind == "approval_refused"


def test_void_puts_goods_back_and_is_audited(cashier: Session) -> None:
    stock = _stock(cashier.store, TEA)
    sale = sell(cashier, TEA, TEA)
    ok = approvals.approve(cashier, MANAGER_PIN, Permission.VOID_SALE)
    refunds.void_sale(cashier, sale.receipt_no, "ลูกค้ายกเลิก", ok)
    assert _stock(cashier.store, TEA) == stock
    row = cashier.store.one(
        "SELECT action, asked_by, approved_by FROM audit_log WHERE action = 'void_sale'"
    )
    assert row is not None and tuple(row) == ("void_sale", 2, 1)
    with pytest.raises(FieldError, match="ถูกยกเลิกไปแล้ว"):
        refunds.void_sale(cashier, sale.receipt_no, "อีกครั้ง", ok)


def test_no_void_after_the_z(manager: Session) -> None:
    sale = sell(manager, TEA)
    day_close.close_day(manager)
    with pytest.raises(FieldError, match="ปิดยอด Z ไปแล้ว"):
        refunds.void_sale(manager, sale.receipt_no, "ช้าไป")


def test_five_wrong_manager_pins_lock_approvals(cashier: Session) -> None:
    now = utc_now()
    for _ in range(5):
        with pytest.raises(FieldError):
            approvals.approve(cashier, "0000", Permission.REFUND, now)
    with pytest.raises(FieldError, match="รอ"):
        approvals.approve(cashier, MANAGER_PIN, Permission.REFUND, now)
    later = now + timedelta(seconds=61)
    assert approvals.approve(cashier, MANAGER_PIN, Permission.REFUND, later).manager.id == 1


def test_partial_refunds_add_up_to_the_line_and_no_more(manager: Session) -> None:
    sale = sell(manager, TEA, TEA, TEA)  # one line: 3 x 85.50 = 256.50
    first = refunds.refund(manager, sale.receipt_no, [refunds.ReturnItem(1, 2)], "คืน 2")
    second = refunds.refund(manager, sale.receipt_no, [refunds.ReturnItem(1, 1)], "คืน 1")
    assert first.total + second.total == Money(25650)
    assert first.refund_no != second.refund_no and first.refund_no.startswith("POS01-RF-")
    before = _journal(manager.store)
    with pytest.raises(FieldError, match="คืนได้ 1 ถึง 0 ชิ้น") as err:
        refunds.refund(manager, sale.receipt_no, [refunds.ReturnItem(1, 1)], "เกิน")
    assert err.value.field == "line_1" and _journal(manager.store) == before


def test_refund_more_than_sold_in_one_go_is_refused(manager: Session) -> None:
    sale = sell(manager, TEA)
    with pytest.raises(FieldError, match="คืนได้ 1 ถึง 1 ชิ้น"):
        refunds.refund(manager, sale.receipt_no, [refunds.ReturnItem(1, 2)], "เกิน")


def test_refund_of_a_voided_sale_is_refused(manager: Session) -> None:
    sale = sell(manager, TEA)
    refunds.void_sale(manager, sale.receipt_no, "ผิด")
    with pytest.raises(FieldError, match="ถูกยกเลิกแล้ว คืนสินค้าไม่ได้"):
        refunds.refund(manager, sale.receipt_no, [refunds.ReturnItem(1, 1)], "คืน")


def test_damaged_goods_come_back_and_are_written_off(manager: Session) -> None:
    stock_silk, stock_tea = _stock(manager.store, SILK), _stock(manager.store, TEA)
    sale = sell(manager, SILK, TEA)
    refunds.refund(
        manager,
        sale.receipt_no,
        [refunds.ReturnItem(1, 1, "damaged"), refunds.ReturnItem(2, 1, "restock")],
        "ผ้าขาด",
    )
    assert _stock(manager.store, SILK) == stock_silk - 1  # sold, back, written off
    assert _stock(manager.store, TEA) == stock_tea
    reasons = [
        r[0]
        for r in manager.store.query("SELECT reason FROM stock_movements ORDER BY id DESC LIMIT 3")
    ]
    assert sorted(reasons) == ["damaged", "refund", "refund"]


def test_refund_tender_must_be_cash_or_one_the_customer_used(manager: Session) -> None:
    sale = sell(manager, TEA, tenders=[card(Money(8550))])
    with pytest.raises(FieldError) as err:
        refunds.refund(manager, sale.receipt_no, [refunds.ReturnItem(1, 1)], "คืน", "promptpay")
    assert err.value.field == "tender"
    result = refunds.refund(manager, sale.receipt_no, [refunds.ReturnItem(1, 1)], "คืน", "card")
    assert result.tender == "card"


def test_unknown_receipt_and_empty_reason_are_refused(manager: Session) -> None:
    with pytest.raises(FieldError) as err:
        refunds.refund(manager, "POS01-69119999", [refunds.ReturnItem(1, 1)], "คืน")
    assert err.value.field == "receipt"
    sale = sell(manager, TEA)
    with pytest.raises(FieldError) as err:
        refunds.refund(manager, sale.receipt_no, [refunds.ReturnItem(1, 1)], " ")
    assert err.value.field == "reason"


def test_refund_of_a_tax_invoice_sale_issues_a_credit_note(store: Store, tmp_path: Path) -> None:
    manager = make_centre(store, address="99 ถ.เทพา ต.เมืองใต้ อ.เมือง จ.ศรีสะเกษ", postcode="33000")
    auth.login(manager, 1, MANAGER_PIN)
    sale = sell(manager, SILK, TEA)
    buyer = tax_invoices.Buyer(
        name="บริษัท ผ้าไทย จำกัด",
        tax_id="0994000165315",
        branch="00000",
        address="1 ถนนสุขุมวิท กรุงเทพมหานคร",
        postcode="10110",
    )
    invoice_no = tax_invoices.issue(manager, sale.receipt_no, buyer)
    with pytest.raises(FieldError, match="ใบลดหนี้"):
        refunds.void_sale(manager, sale.receipt_no, "ผิด")
    result = refunds.refund(manager, sale.receipt_no, [refunds.ReturnItem(2, 1)], "สินค้าหมดอายุ")
    assert result.credit_note_no is not None and result.credit_note_no.startswith("POS01-CN-")
    data = credit_notes.credit_note_data(manager, result.refund_no)
    assert data.original_invoice_no == invoice_no
    assert data.original_value == Money(158_550)
    assert data.difference == Money(8550) and data.correct_value == Money(150_000)
    assert data.difference_base + data.vat_on_difference == data.difference
    doc = build_credit_note(data)
    assert credit_note_fields_present(doc, data) == []
    assert "ใบลดหนี้" in doc.plain_text() and "สินค้าหมดอายุ" in doc.plain_text()
    pdf = credit_notes.credit_note_pdf(manager, result.refund_no, tmp_path)
    assert pdf.path.exists() and pdf.path.read_bytes().startswith(b"%PDF")
