"""Voiding a completed sale and refunding goods against the original receipt.

A void takes back the whole sale before its Z; after the Z, or for part of
a sale, the goods come back as a refund with its own number, and a sale that
had a full tax invoice gets a credit note (ใบลดหนี้, s.86/10). Both need a
manager and both are journal entries: nothing is ever edited in place.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from otop_pos.db import counters
from otop_pos.db.projections import record
from otop_pos.db.selling import refunds
from otop_pos.db.selling import sales as sales_db
from otop_pos.db.selling import tax_invoices as tax_invoices_db
from otop_pos.db.shifts import day_close
from otop_pos.domain.catalogue.units import is_measured, qty_text
from otop_pos.domain.money import Money
from otop_pos.domain.numbering import format_doc_number, period_of
from otop_pos.domain.staff.permissions import Permission
from otop_pos.domain.thai.thaidate import to_iso, utc_now
from otop_pos.domain.vat import split_vat_inclusive
from otop_pos.operations.approvals import Approval, authorize
from otop_pos.operations.errors import FieldError
from otop_pos.operations.selling.receipts import receipt_number
from otop_pos.operations.session import Session
from otop_pos.operations.shifts import shifts

REFUND_SERIES = "refund"
CREDIT_SERIES = "credit_note"
DISPOSITIONS = ("restock", "damaged")


@dataclass(frozen=True)
class ReturnItem:
    """Return ``qty`` of the sale's line ``line_no``; damaged goods are written off."""

    line_no: int
    qty: int
    disposition: str = "restock"


@dataclass(frozen=True)
class RefundResult:
    refund_no: str
    credit_note_no: str | None
    total: Money
    vat: Money
    tender: str
    seq: int


def _sale(session: Session, text: str) -> dict[str, Any]:
    receipt_no = receipt_number(text)
    sale = sales_db.get_by_receipt(session.store, receipt_no)
    if sale is None:
        raise FieldError(
            f"ไม่พบใบเสร็จเลขที่ {receipt_no}", f"No receipt numbered {receipt_no}.", "receipt"
        )
    return sale


def _reason(reason: str) -> str:
    if not reason.strip():
        raise FieldError("กรุณาใส่เหตุผล", "Please give a reason.", "reason")
    return reason.strip()


def void_sale(
    session: Session,
    receipt: str,
    reason: str,
    approval: Approval | None = None,
    now: datetime | None = None,
) -> int:
    """Cancel a whole completed sale before its Z: money back, goods back to stock."""
    user, manager = authorize(session, Permission.VOID_SALE, approval)
    sale = _sale(session, receipt)
    no = sale["receipt_no"]
    if sale["status"] == "voided":
        raise FieldError(f"ใบเสร็จ {no} ถูกยกเลิกไปแล้ว", f"Receipt {no} is already void.", "receipt")
    last_z = day_close.last_z(session.store, sale["terminal_id"])
    if last_z is not None and sale["seq"] <= last_z["to_seq"]:
        raise FieldError(
            f"ใบเสร็จ {no} ปิดยอด Z ไปแล้ว ยกเลิกไม่ได้ กรุณาใช้การคืนสินค้า",
            f"Receipt {no} is in a closed Z. Use a refund instead.",
            "receipt",
        )
    if refunds.refunds_of_sale(session.store, sale["id"]):
        raise FieldError(
            f"ใบเสร็จ {no} มีการคืนสินค้าแล้ว ยกเลิกทั้งบิลไม่ได้",
            f"Receipt {no} already has a refund; it cannot be voided.",
            "receipt",
        )
    if tax_invoices_db.number_for_receipt(session.store, no):
        raise FieldError(
            f"ใบเสร็จ {no} ออกใบกำกับภาษีเต็มรูปแล้ว กรุณาคืนสินค้าและออกใบลดหนี้",
            f"Receipt {no} has a full tax invoice. Refund it with a credit note.",
            "receipt",
        )
    why = _reason(reason)
    shift_seq = shifts.current_seq(session)
    with session.store.transaction():
        entry = record.record(
            session.store,
            session.terminal_id,
            "sale_void",
            to_iso(now or utc_now()),
            user.id,
            {
                "receipt_no": no,
                "total": sale["total_satang"],
                "reason": why,
                "approved_by": manager.id,
                "shift_seq": shift_seq,
                "lines": [
                    {"product_id": ln["product_id"], "qty": ln["qty"]} for ln in sale["lines"]
                ],
            },
        )
    return entry.seq


def refundable(session: Session, receipt: str) -> dict[str, Any]:
    """The sale with how much of each line can still be returned (for the refund dialog)."""
    session.require(Permission.SELL)
    sale = _sale(session, receipt)
    done = refunds.refunded_qty(session.store, sale["id"])
    for ln in sale["lines"]:
        ln["returned"] = done.get(ln["line_no"], 0)
        ln["returnable"] = ln["qty"] - ln["returned"]
    sale["invoice_no"] = tax_invoices_db.number_for_receipt(session.store, sale["receipt_no"])
    return sale


def line_refund_amount(line: dict[str, Any], already: int, qty: int) -> int:
    """The line's paid amount for ``qty`` more units; the last unit takes any odd satang."""
    amount, sold = int(line["amount_satang"]), int(line["qty"])
    return amount * (already + qty) // sold - amount * already // sold


def _lines(sale: dict[str, Any], items: Sequence[ReturnItem]) -> list[dict[str, Any]]:
    if not items:
        raise FieldError("กรุณาเลือกสินค้าที่จะคืน", "Choose the items to return.", "items")
    by_no = {ln["line_no"]: ln for ln in sale["lines"]}
    done = dict(sale["_done"])
    out = []
    for item in items:
        line = by_no.get(item.line_no)
        if line is None:
            raise FieldError(
                f"ไม่มีรายการที่ {item.line_no} ในใบเสร็จนี้",
                f"The receipt has no line {item.line_no}.",
                f"line_{item.line_no}",
            )
        if item.disposition not in DISPOSITIONS:
            raise ValueError(item.disposition)
        already = done.get(item.line_no, 0)
        left = line["qty"] - already
        if not isinstance(item.qty, int) or item.qty <= 0 or item.qty > left:
            unit = line.get("unit") or "piece"  # a weighed line's qty is in grams
            sold, back, most = (qty_text(n, unit) for n in (line["qty"], already, left))
            raise FieldError(
                f"{line['name_th']}: คืนได้ไม่เกิน {most} (ขาย {sold} คืนแล้ว {back})"
                if is_measured(unit)
                else f"{line['name_th']}: คืนได้ 1 ถึง {left} ชิ้น (ขาย {line['qty']} คืนแล้ว {already})",
                f"{line['name_th']}: return 1 to {left} (sold {line['qty']}, returned {already}).",
                f"line_{item.line_no}",
            )
        out.append(
            {
                "sale_line_no": item.line_no,
                "product_id": line["product_id"],
                "qty": item.qty,
                "amount": line_refund_amount(line, already, item.qty),
                "vatable": bool(line["vatable"]),
                "disposition": item.disposition,
            }
        )
        done[item.line_no] = already + item.qty
    return out


def refund_vat(session: Session, sale: dict[str, Any], lines: list[dict[str, Any]]) -> Money:
    """The VAT of the returned VAT-able lines, counted on the sale's returns so far.

    VAT of everything returned up to now less the VAT already refunded: the
    returns of a whole sale, in any number of parts, refund its VAT to the satang.
    """
    if not sale["vat_satang"]:
        return Money(0)
    vatable_before, vat_before = refunds.refunded_tax(session.store, sale["id"])
    vatable_now = sum(int(ln["amount"]) for ln in lines if ln["vatable"])
    if not vatable_now:
        return Money(0)
    return split_vat_inclusive(Money(vatable_before + vatable_now)).vat - Money(vat_before)


def refund(
    session: Session,
    receipt: str,
    items: Sequence[ReturnItem],
    reason: str,
    tender: str = "cash",
    approval: Approval | None = None,
    now: datetime | None = None,
) -> RefundResult:
    """Return goods against the original receipt; money goes back by ``tender``."""
    user, manager = authorize(session, Permission.REFUND, approval)
    sale = _sale(session, receipt)
    no = sale["receipt_no"]
    if sale["status"] == "voided":
        raise FieldError(
            f"ใบเสร็จ {no} ถูกยกเลิกแล้ว คืนสินค้าไม่ได้",
            f"Receipt {no} is void; nothing can be returned.",
            "receipt",
        )
    used = {p["tender"] for p in sale["payments"]}
    if tender != "cash" and tender not in used:
        raise FieldError(
            "คืนเงินได้เป็นเงินสด หรือทางเดียวกับที่ลูกค้าจ่าย",
            "Refund in cash or by a tender the customer paid with.",
            "tender",
        )
    sale["_done"] = refunds.refunded_qty(session.store, sale["id"])
    lines = _lines(sale, items)
    why = _reason(reason)
    total = Money(sum(int(ln["amount"]) for ln in lines))
    vat = refund_vat(session, sale, lines)
    shift_seq = shifts.current_seq(session)
    invoice_no = tax_invoices_db.number_for_receipt(session.store, no)
    now = now or utc_now()
    store = session.store
    with store.transaction():
        period = period_of(now)
        pos = session.settings.pos_id
        n = counters.next_number(store, session.terminal_id, REFUND_SERIES, period)
        refund_no = format_doc_number(f"{pos}-RF", period, n)
        credit_no = None
        if invoice_no:
            c = counters.next_number(store, session.terminal_id, CREDIT_SERIES, period)
            credit_no = format_doc_number(f"{pos}-CN", period, c)
        entry = record.record(
            store,
            session.terminal_id,
            "refund",
            to_iso(now),
            user.id,
            {
                "refund_no": refund_no,
                "receipt_no": no,
                "invoice_no": invoice_no,
                "credit_note_no": credit_no,
                "tender": tender,
                "total": total.satang,
                "vat": vat.satang,
                "exempt": sum(int(ln["amount"]) for ln in lines if not ln["vatable"]),
                "reason": why,
                "approved_by": manager.id,
                "shift_seq": shift_seq,
                "lines": lines,
            },
        )
    return RefundResult(refund_no, credit_no, total, vat, tender, entry.seq)
