"""Tenders and how a set of them covers a sale.

Customers pay by cash, PromptPay QR, card on the bank's own terminal, bank
transfer and government co-payment (คนละครึ่ง and its successors), and may
split a bill across any of these. Only cash can be more than what is left to
pay (the rest is change), and only the cash part is rounded: a QR, card or
transfer pays the exact satang.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from enum import Enum

from otop_pos.domain.money import Money, sum_money
from otop_pos.domain.selling.cash import MAX_CHANGE, CashRounding, round_cash

ZERO = Money(0)


class TenderKind(Enum):
    CASH = "cash"
    PROMPTPAY = "promptpay"
    CARD = "card"
    TRANSFER = "transfer"
    COPAY = "copay"


class PaymentError(ValueError):
    """A tender that cannot be accepted; Thai for the cashier, with the field it is about."""

    def __init__(self, thai: str, english: str, field: str = "amount") -> None:
        super().__init__(thai)
        self.english = english
        self.field = field


@dataclass(frozen=True, slots=True)
class Tender:
    """One way the customer paid part of the bill.

    ``amount`` is what the tender contributes (for cash: what was handed
    over). A co-payment's amount is its two shares together.
    """

    kind: TenderKind
    amount: Money
    reference: str = ""
    approval_code: str = ""
    card_last4: str = ""
    scheme: str = ""
    customer_share: Money = ZERO
    government_share: Money = ZERO

    def __post_init__(self) -> None:
        if self.amount.is_negative:
            raise PaymentError("จำนวนเงินที่รับต้องไม่ติดลบ", "The amount must not be negative.", "amount")
        # Cash may be 0.00: a bill of 0.10 rounded to the baht is paid with nothing.
        if not self.amount and self.kind is not TenderKind.CASH:
            raise PaymentError(
                "จำนวนเงินต้องมากกว่า 0", "The amount must be more than zero.", "amount"
            )
        if self.kind is TenderKind.CARD:
            last4 = self.card_last4
            if not (last4.isascii() and last4.isdigit() and len(last4) == 4):
                raise PaymentError(
                    "กรุณากรอกเลขท้ายบัตร 4 หลัก",
                    "Enter the card's last four digits.",
                    "card_last4",
                )
            code = self.approval_code.strip()
            if not code or not code.isalnum() or len(code) > 12:
                raise PaymentError(
                    "กรุณากรอกรหัสอนุมัติจากเครื่องรูดบัตร",
                    "Enter the approval code from the card terminal.",
                    "approval_code",
                )
        if self.kind is TenderKind.TRANSFER and not self.reference.strip():
            raise PaymentError(
                "กรุณากรอกเลขอ้างอิงการโอนเงิน", "Enter the transfer reference.", "reference"
            )
        if self.kind is TenderKind.COPAY:
            _check_copay(self)


def _check_copay(t: Tender) -> None:
    if t.customer_share.is_negative or t.government_share.is_negative:
        raise PaymentError(
            "ส่วนที่ลูกค้าจ่ายและส่วนที่รัฐจ่ายต้องไม่ติดลบ",
            "Shares must not be negative.",
            "government_share",
        )
    if t.customer_share + t.government_share != t.amount:
        raise PaymentError(
            "ส่วนที่ลูกค้าจ่ายรวมกับส่วนที่รัฐจ่ายต้องเท่ากับยอดของโครงการ",
            "The customer's and the government's shares must add up to the amount.",
            "government_share",
        )
    if not t.scheme.strip():
        raise PaymentError("กรุณาระบุชื่อโครงการ", "Enter the scheme's name.", "scheme")


@dataclass(frozen=True, slots=True)
class CopaySplit:
    customer: Money
    government: Money
    over_cap: bool


def copay_split(
    amount: Money, cap: Money, government_percent: int = 50, odd_satang_to: str = "customer"
) -> CopaySplit:
    """Split a co-payment: the government pays its percent up to the daily cap.

    The rule for an odd satang is not public, so it is a setting: by default
    the customer pays it. ``over_cap`` says the cap cut the government's share.
    """
    if amount.satang <= 0:
        raise PaymentError("จำนวนเงินต้องมากกว่า 0", "The amount must be more than zero.")
    if not 0 <= government_percent <= 100:
        raise PaymentError(
            "สัดส่วนที่รัฐจ่ายต้องอยู่ระหว่าง 0-100%",
            "The government's percent must be 0-100.",
            "government_share",
        )
    whole, odd = divmod(amount.satang * government_percent, 100)
    gov = whole + (1 if odd and odd_satang_to == "government" else 0)
    over = gov > cap.satang
    gov = min(gov, cap.satang)
    return CopaySplit(Money(amount.satang - gov), Money(gov), over)


@dataclass(frozen=True, slots=True)
class AppliedTender:
    """A tender as it lands on the sale: cash shows the rounded amount it paid."""

    tender: Tender
    applied: Money


@dataclass(frozen=True, slots=True)
class Tendered:
    """How the tenders paid ``total``: what cash covered, the rounding and the change."""

    total: Money
    applied: tuple[AppliedTender, ...]
    cash_due: Money
    cash_tendered: Money
    rounding: Money
    change: Money
    over_cap: bool = False
    by_kind: dict[str, Money] = field(default_factory=dict)

    @property
    def paid(self) -> Money:
        """What the customer paid in all: the total plus the cash rounding."""
        return self.total + self.rounding


def remaining_due(total: Money, tenders: Sequence[Tender]) -> Money:
    """What is still to pay after the non-cash tenders (never below zero)."""
    other = sum_money(t.amount for t in tenders if t.kind is not TenderKind.CASH)
    return max(total - other, ZERO)


def cover(
    total: Money,
    tenders: Sequence[Tender],
    rounding: CashRounding = CashRounding.NONE,
    copay_cap: Money | None = None,
) -> Tendered:
    """Check the tenders cover ``total`` exactly (cash may be over: change) or raise."""
    if total.is_negative:
        raise PaymentError("ยอดที่ต้องชำระติดลบ ใช้การคืนเงินแทน", "Use a refund instead.")
    if not tenders:
        raise PaymentError("ยังไม่ได้รับชำระเงิน", "No payment has been entered.")
    cash = [t for t in tenders if t.kind is TenderKind.CASH]
    other = [t for t in tenders if t.kind is not TenderKind.CASH]
    other_sum = sum_money(t.amount for t in other)
    if other_sum > total:
        raise PaymentError(
            f"ยอดชำระเกินยอดที่ต้องชำระ {(other_sum - total).format()} บาท มีเพียงเงินสดที่ทอนได้",
            f"Payments exceed the amount due by {(other_sum - total).format()};"
            " only cash can give change.",
        )
    left = total - other_sum
    cash_due = round_cash(left, rounding) if cash else left
    cash_tendered = sum_money(t.amount for t in cash)
    if cash_tendered < cash_due:
        short = cash_due - cash_tendered
        raise PaymentError(
            f"รับเงินไม่พอ ขาดอีก {short.format()} บาท",
            f"Not enough: {short.format()} still to pay.",
        )
    if cash_tendered - cash_due > MAX_CHANGE:
        raise PaymentError(
            f"เงินทอนเกิน {MAX_CHANGE.format()} บาท กรุณาตรวจสอบจำนวนเงินที่รับ",
            f"Change over {MAX_CHANGE.format()}: please check the cash received.",
        )
    if cash and not left.satang:
        raise PaymentError("ชำระครบแล้ว ไม่ต้องรับเงินสด", "Already paid in full; no cash is needed.")
    applied = [AppliedTender(t, t.amount) for t in other]
    # All the cash lands as one payment of the rounded amount it covered.
    if cash:
        applied.append(AppliedTender(_merge_cash(cash), cash_due))
    by_kind: dict[str, Money] = {}
    for a in applied:
        by_kind[a.tender.kind.value] = by_kind.get(a.tender.kind.value, ZERO) + a.applied
    over_cap = copay_cap is not None and any(
        t.government_share > copay_cap for t in other if t.kind is TenderKind.COPAY
    )
    return Tendered(
        total=total,
        applied=tuple(applied),
        cash_due=cash_due,
        cash_tendered=cash_tendered,
        rounding=cash_due - left if cash else ZERO,
        change=cash_tendered - cash_due,
        over_cap=over_cap,
        by_kind=by_kind,
    )


def _merge_cash(cash: Sequence[Tender]) -> Tender:
    if len(cash) == 1:
        return cash[0]
    return Tender(TenderKind.CASH, sum_money(t.amount for t in cash))


TENDER_NAMES = {
    "th": {
        "cash": "เงินสด",
        "promptpay": "พร้อมเพย์",
        "card": "บัตร",
        "transfer": "โอนเงิน",
        "copay": "โครงการรัฐร่วมจ่าย",
    },
    "en": {
        "cash": "Cash",
        "promptpay": "PromptPay",
        "card": "Card",
        "transfer": "Bank transfer",
        "copay": "Co-payment",
    },
}


def tender_name(kind: str, lang: str = "th") -> str:
    return TENDER_NAMES["en" if lang == "en" else "th"].get(kind, kind)
