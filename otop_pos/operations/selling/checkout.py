"""Completing a sale with any mix of tenders, in one transaction.

The number, the journal entry, the lines, every payment and the stock
movements are written together or not at all. Tender rules (only cash gives
change, only cash is rounded, co-payment shares add up) live in
``domain.selling.tenders``; here they become Thai messages for the cashier.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from otop_pos.db import counters
from otop_pos.db.catalogue import products
from otop_pos.db.projections import record
from otop_pos.db.store import Store
from otop_pos.domain.money import Money
from otop_pos.domain.numbering import format_doc_number, period_of
from otop_pos.domain.selling.cart import Cart
from otop_pos.domain.selling.cash import CashPayment, CashRounding
from otop_pos.domain.selling.tenders import PaymentError, Tender, Tendered, TenderKind, cover
from otop_pos.domain.staff.permissions import Permission
from otop_pos.domain.thai.thaidate import to_iso, utc_now
from otop_pos.domain.vat import DocumentVat, document_vat
from otop_pos.operations.errors import FieldError, OperationError
from otop_pos.operations.session import Session
from otop_pos.operations.shifts import shifts

RECEIPT_SERIES = "receipt"


class TenderRefused(FieldError):
    """A tender the cashier must correct; ``field`` names the input it is about."""


@dataclass(frozen=True)
class SaleResult:
    receipt_no: str
    seq: int
    occurred_at: str
    total: Money  # value of the goods; the cash rounding is in the tendered
    vat: Money
    tendered: Tendered

    @property
    def change(self) -> Money:
        return self.tendered.change

    @property
    def cash(self) -> CashPayment:
        """The cash side of the sale (what the change display needs)."""
        s = self.tendered
        due = s.cash_due - s.rounding
        return CashPayment(due, s.cash_due, s.rounding, s.cash_tendered, s.change)


def cash_rounding(session: Session) -> CashRounding:
    return CashRounding[session.settings.cash_rounding.upper()]


def line_payloads(cart: Cart) -> list[dict[str, object]]:
    out: list[dict[str, object]] = []
    for ln in cart.lines:
        line: dict[str, object] = {
            "product_id": ln.product.product_id,
            "sku": ln.product.sku,
            "name_th": ln.product.name_th,
            "qty": ln.qty,
            "unit_price": ln.unit_price.satang,
            "discount": ln.discount.satang,
            "amount": ln.amount.satang,
            "vatable": ln.product.vat_applicable,
        }
        if ln.product.unit != "piece":  # qty in thousandths; no key means pieces
            line["unit"] = ln.product.unit.value
        if ln.approved_by is not None:
            overridden = ln.unit_price != ln.product.unit_price
            line["approval"] = {
                "action": "price_override" if overridden else "discount",
                "approved_by": ln.approved_by,
                "list_price": ln.product.unit_price.satang,
            }
        out.append(line)
    return out


def with_terms(store: Store, lines: list[dict[str, object]]) -> list[dict[str, object]]:
    """Stamp each line with its producer, ownership and commission rate as sold."""
    terms = products.sale_terms(store, [int(str(ln["product_id"])) for ln in lines])
    for ln in lines:
        code, ownership, bp = terms.get(int(str(ln["product_id"])), (None, "consigned", 0))
        ln |= {"producer_code": code, "ownership": ownership, "commission_bp": bp}
    return lines


def sale_vat(session: Session, cart: Cart) -> DocumentVat:
    """VAT on the cart's VAT-able lines only (none when the centre is not registered)."""
    return document_vat(
        ((ln.amount, ln.product.vat_applicable) for ln in cart.lines),
        session.settings.vat_registered,
    )


def cover_sale(session: Session, total: Money, tenders: Sequence[Tender]) -> Tendered:
    """Check the tenders against the amount due, as the payment dialog shows it."""
    try:
        return cover(total, tenders, cash_rounding(session), session.settings.copay_cap)
    except PaymentError as exc:
        raise TenderRefused(str(exc), exc.english, exc.field) from exc


def _payment_payload(applied: Any, user_id: int, cap: Money) -> dict[str, object]:
    t: Tender = applied.tender
    out: dict[str, object] = {"tender": t.kind.value, "amount": applied.applied.satang}
    if t.reference.strip():
        out["reference"] = t.reference.strip()
    if t.kind is TenderKind.CARD:
        out |= {"approval_code": t.approval_code.strip().upper(), "card_last4": t.card_last4}
    if t.kind is TenderKind.COPAY:
        out |= {
            "scheme": t.scheme.strip(),
            "customer_share": t.customer_share.satang,
            "government_share": t.government_share.satang,
            "over_cap": t.government_share > cap,
        }
    if t.kind in (TenderKind.PROMPTPAY, TenderKind.TRANSFER):
        out["confirmed_by"] = user_id  # money that arrives unseen is only in when confirmed
    return out


def complete_sale(
    session: Session, cart: Cart, tenders: Sequence[Tender], now: datetime | None = None
) -> SaleResult:
    """Take payment for the cart: number, journal entry, lines, payments, stock."""
    user = session.require(Permission.SELL)
    if cart.is_empty:
        raise OperationError("ยังไม่มีรายการสินค้า", "The cart is empty.")
    tendered = cover_sale(session, cart.total, tenders)
    now = now or utc_now()
    vat = sale_vat(session, cart)
    cap = session.settings.copay_cap
    shift_seq = shifts.current_seq(session)
    store = session.store
    with store.transaction():
        period = period_of(now)
        n = counters.next_number(store, session.terminal_id, RECEIPT_SERIES, period)
        receipt_no = format_doc_number(session.settings.pos_id, period, n)
        entry = record.record(
            store,
            session.terminal_id,
            "sale",
            to_iso(now),
            user.id,
            {
                "receipt_no": receipt_no,
                "pos_id": session.settings.pos_id,
                "lines": with_terms(store, line_payloads(cart)),
                "total": cart.total.satang,
                "rounding": tendered.rounding.satang,
                "vat": vat.vat.satang,
                "vat_base": vat.base.satang,
                "exempt": vat.exempt.satang,
                "payments": [_payment_payload(a, user.id, cap) for a in tendered.applied],
                "tendered": tendered.cash_tendered.satang,
                "change": tendered.change.satang,
                "shift_seq": shift_seq,
            },
        )
    cart.clear()
    return SaleResult(
        receipt_no,
        entry.seq,
        entry.occurred_at,
        tendered.total,
        vat.vat,
        tendered,
    )


def complete_cash_sale(
    session: Session, cart: Cart, tendered: Money, now: datetime | None = None
) -> SaleResult:
    """The commonest sale: all cash (an empty field in the dialog means exact)."""
    try:
        tender = Tender(TenderKind.CASH, tendered)
    except PaymentError as exc:
        raise TenderRefused(str(exc), exc.english, exc.field) from exc
    return complete_sale(session, cart, [tender], now)
