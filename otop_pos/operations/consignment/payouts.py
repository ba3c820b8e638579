"""Paying producers what settled statements owe them: cash, transfer or PromptPay."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from otop_pos.db import counters
from otop_pos.db.consignment import accounts as settle_db
from otop_pos.db.projections import record
from otop_pos.db.store import Store
from otop_pos.domain.money import Money
from otop_pos.domain.numbering import format_doc_number, period_of
from otop_pos.domain.staff.permissions import Permission
from otop_pos.domain.thai.promptpay import PromptPayError, parse_promptpay_id, promptpay_payload
from otop_pos.domain.thai.thaidate import to_iso, utc_now
from otop_pos.operations.consignment.statements import producers_for, require_producer
from otop_pos.operations.errors import FieldError
from otop_pos.operations.session import Session
from otop_pos.operations.shifts import shifts

PAYOUT_SERIES = "payout"


METHODS = ("cash", "transfer", "promptpay")


METHOD_TH = {"cash": "เงินสด", "transfer": "โอนเข้าบัญชี", "promptpay": "พร้อมเพย์"}


def owed(store: Store, producer_id: int) -> Money:
    """Settled and not yet paid (negative: refunds the producer owes back)."""
    return Money(settle_db.balances(store, [producer_id]).get(producer_id, 0))


@dataclass(frozen=True)
class Payout:
    payout_no: str
    producer_code: str
    producer_name: str
    method: str
    amount: Money
    remaining: Money
    reference: str
    paid_at: str
    qr_payload: str = ""  # PromptPay: for the manager's phone to scan and pay


def promptpay_for(producer: dict[str, Any], amount: Money) -> str:
    try:
        return promptpay_payload(parse_promptpay_id(str(producer["promptpay_id"])), amount)
    except PromptPayError as exc:
        raise FieldError(
            f"ผู้ผลิต {producer['code']} ยังไม่มีพร้อมเพย์ที่ถูกต้อง ({exc})",
            f"Producer {producer['code']} has no valid PromptPay ID.",
            "method",
        ) from exc


def pay(
    session: Session,
    producer_code: str,
    amount: Money,
    method: str,
    reference: str = "",
    now: datetime | None = None,
    from_drawer: bool = False,
) -> Payout:
    """Record money paid to a producer against settled statements.

    Cash taken from the till's drawer (`from_drawer`) is also a cash-out of
    the open shift, in the same transaction, so the drawer still balances.
    """
    user = session.require(Permission.PAY_PRODUCERS)
    store = session.store
    producer = producers_for(store, [producer_code])[0]
    if method not in METHODS:
        raise FieldError("กรุณาเลือกวิธีจ่ายเงิน", "Choose how the producer is paid.", "method")
    if amount.satang <= 0:
        raise FieldError("ยอดจ่ายต้องมากกว่าศูนย์", "The amount must be above zero.", "amount")
    qr = promptpay_for(producer, amount) if method == "promptpay" else ""
    now = now or utc_now()
    why = f"จ่ายผู้ผลิต {producer['code']} {producer['name']}"
    shift = None
    if from_drawer and method == "cash":
        shift = shifts.checked_cash_move(session, "out", amount, why)
    with store.transaction():
        due = owed(store, int(producer["id"]))
        if amount > due:
            raise FieldError(
                f"ยอดจ่าย {amount} บาท มากกว่ายอดค้างจ่าย {due} บาท"
                " (ยอดที่ยังไม่ปิดงวดต้องปิดยอดก่อนจึงจะจ่ายได้)",
                f"{amount} is more than the {due} owed (settle the period before paying it).",
                "amount",
            )
        period = period_of(now)
        n = counters.next_number(store, session.terminal_id, PAYOUT_SERIES, period)
        payout_no = format_doc_number(f"{session.settings.pos_id}-PY", period, n)
        record.record(
            store,
            session.terminal_id,
            "payout",
            to_iso(now),
            user.id,
            {
                "payout_no": payout_no,
                "producer_code": producer["code"],
                "method": method,
                "amount": amount.satang,
                "reference": reference.strip(),
            },
        )
        if shift is not None:
            shifts.record_cash_move(
                session, shift, "out", amount, f"{why} {payout_no}", user.id, now
            )
    return Payout(
        payout_no,
        str(producer["code"]),
        str(producer["name"]),
        method,
        amount,
        due - amount,
        reference.strip(),
        to_iso(now),
        qr,
    )


def payout_qr(session: Session, producer_code: str, amount: Money) -> str:
    """The PromptPay QR the manager's phone scans to pay the producer, before recording it."""
    session.require(Permission.PAY_PRODUCERS)
    return promptpay_for(require_producer(session.store, producer_code), amount)
