"""Cash tender: rounding of the amount due, change, and quick-cash buttons.

Thai shops often do not handle 25-satang coins, so the shop chooses how cash
is rounded (a setting). Only cash is rounded; QR, card and transfer pay the
exact amount.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum

from otop_pos.domain.money import Money


class TenderError(ValueError):
    """A payment that cannot be accepted; the message is Thai for the cashier."""


class CashRounding(Enum):
    """Cash rounding step, the value in satang."""

    NONE = 1
    QUARTER = 25
    BAHT = 100

    @property
    def step(self) -> Money:
        return Money(self.value)


QUICK_NOTES = (Money.baht(100), Money.baht(500), Money.baht(1000))
MAX_CHANGE = Money.baht(10_000)
"""More change than this is a typing slip (an extra zero), never a customer's note."""


def round_cash(amount: Money, rounding: CashRounding) -> Money:
    """Round ``amount`` to the nearest multiple of the rounding step.

    Design choice (no Thai rule was found): an exact half goes *down*,
    towards minus infinity, which is always in the customer's favour: a
    sale of 10.50 with BAHT rounding is paid as 10.00, and a cash refund of
    -10.50 pays out 11.00. Amounts off the half go to the nearest step.
    """
    step = rounding.value
    q, r = divmod(amount.satang, step)
    if 2 * r > step:
        q += 1
    return Money(q * step)


@dataclass(frozen=True, slots=True)
class CashPayment:
    """The result of a cash tender; ``change`` is what goes back to the customer.

    ``rounding_adjustment`` is rounded minus exact (negative when the
    customer paid less); it is a stored field so it travels with the sale.
    """

    due: Money
    rounded_due: Money
    rounding_adjustment: Money
    tendered: Money
    change: Money

    def __post_init__(self) -> None:
        if (
            self.rounding_adjustment != self.rounded_due - self.due
            or self.change != self.tendered - self.rounded_due
        ):
            raise ValueError("inconsistent cash payment")


def _check_due(due: Money) -> None:
    if due.is_negative:
        raise TenderError("ยอดที่ต้องชำระติดลบ ใช้การคืนเงินแทน")


def pay_cash(due: Money, tendered: Money, rounding: CashRounding) -> CashPayment:
    """Accept ``tendered`` cash against ``due``, or raise ``TenderError``."""
    _check_due(due)
    if tendered.is_negative:
        raise TenderError("จำนวนเงินที่รับต้องไม่ติดลบ")
    rounded = round_cash(due, rounding)
    if tendered < rounded:
        short = rounded - tendered
        raise TenderError(f"รับเงินไม่พอ ขาดอีก {short.format()} บาท")
    if tendered - rounded > MAX_CHANGE:
        raise TenderError(f"เงินทอนเกิน {MAX_CHANGE.format()} บาท กรุณาตรวจสอบจำนวนเงินที่รับ")
    return CashPayment(
        due=due,
        rounded_due=rounded,
        rounding_adjustment=rounded - due,
        tendered=tendered,
        change=tendered - rounded,
    )


def quick_cash_amounts(due: Money, rounding: CashRounding = CashRounding.NONE) -> list[Money]:
    """Amounts for the payment dialog's buttons: exact, then the next 100, 500, 1000.

    "Next" is the smallest multiple of that note covering the amount due, so a
    bill of 85.50 offers 100/500/1000 and one of 4,373 offers 4,400/4,500/5,000:
    what customers actually hand over. No duplicates (500.00 gives [500, 1000]).
    """
    _check_due(due)
    exact = round_cash(due, rounding)
    amounts = [exact]
    for note in QUICK_NOTES:
        step = note.satang
        covering = Money(-(-exact.satang // step) * step) if exact.satang else note
        if covering not in amounts:
            amounts.append(covering)
    return amounts
