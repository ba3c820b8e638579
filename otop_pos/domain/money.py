"""Money as integer satang: floats never touch an amount a customer pays."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

SATANG_PER_BAHT = 100

# ASCII digits only: Python's \d and int() also take Arabic-Indic or full-width
# digits, which a cashier never means as a price.
_AMOUNT_RE = re.compile(r"^\s*(-)?\s*([0-9]{1,3}(?:,[0-9]{3})+|[0-9]+)?(?:\.([0-9]{0,2}))?\s*$")
MAX_TYPED = 24
"""Characters an amount may have when typed ("-100,000,000.00" with room to spare)."""
MAX_BAHT = 10_000_000_000_000
"""Ten trillion baht: far beyond any amount a centre handles, and far inside what SQLite
stores exactly (2**63 satang) and what a float holds exactly (2**53); fields at the till
check their own, smaller bounds."""


class MoneyError(ValueError):
    """An amount that cannot be read; the message is Thai for the cashier."""


@dataclass(frozen=True, order=True, slots=True)
class Money:
    """An amount in satang (1/100 baht)."""

    satang: int

    def __post_init__(self) -> None:
        if not isinstance(self.satang, int) or isinstance(self.satang, bool):
            raise TypeError("Money needs an integer number of satang")

    # construction -------------------------------------------------------
    @classmethod
    def zero(cls) -> Money:
        return cls(0)

    @classmethod
    def baht(cls, baht: int) -> Money:
        return cls(baht * SATANG_PER_BAHT)

    @classmethod
    def parse(cls, text: str | int | Decimal) -> Money:
        """Read what a person typed: '1,234.50', '20', '.25', '-3.5'."""
        if isinstance(text, bool):
            raise MoneyError("จำนวนเงินไม่ถูกต้อง")
        if isinstance(text, int):
            return _bounded(cls.baht(text))
        if isinstance(text, Decimal):
            try:
                q = (text * SATANG_PER_BAHT).to_integral_value()
            except InvalidOperation as exc:
                raise MoneyError("จำนวนเงินไม่ถูกต้อง") from exc
            if q != text * SATANG_PER_BAHT:
                raise MoneyError("จำนวนเงินมีทศนิยมเกิน 2 ตำแหน่ง")
            return _bounded(cls(int(q)))
        if not isinstance(text, str):
            raise MoneyError("จำนวนเงินไม่ถูกต้อง")
        if len(text) > MAX_TYPED:
            raise MoneyError(f"จำนวนเงินยาวเกิน {MAX_TYPED} ตัวอักษร")
        m = _AMOUNT_RE.match(text.replace("฿", ""))
        if not m or (m.group(2) is None and not m.group(3)):
            raise MoneyError(f"จำนวนเงินไม่ถูกต้อง: {text.strip()!r}")
        sign, whole, frac = m.groups()
        baht = int((whole or "0").replace(",", ""))
        sat = int((frac or "").ljust(2, "0"))
        value = baht * SATANG_PER_BAHT + sat
        return _bounded(cls(-value if sign else value))

    # arithmetic ---------------------------------------------------------
    def __add__(self, other: Money) -> Money:
        if not isinstance(other, Money):
            return NotImplemented
        return Money(self.satang + other.satang)

    def __sub__(self, other: Money) -> Money:
        if not isinstance(other, Money):
            return NotImplemented
        return Money(self.satang - other.satang)

    def __neg__(self) -> Money:
        return Money(-self.satang)

    def __abs__(self) -> Money:
        return Money(abs(self.satang))

    def __mul__(self, qty: int) -> Money:
        if not isinstance(qty, int) or isinstance(qty, bool):
            return NotImplemented
        return Money(self.satang * qty)

    __rmul__ = __mul__

    def __bool__(self) -> bool:
        return self.satang != 0

    @property
    def is_negative(self) -> bool:
        return self.satang < 0

    def to_decimal(self) -> Decimal:
        return Decimal(self.satang) / SATANG_PER_BAHT

    # display ------------------------------------------------------------
    def format(self, grouping: bool = True) -> str:
        """Thai display: 1,234.50 (no currency sign)."""
        sign = "-" if self.satang < 0 else ""
        baht, sat = divmod(abs(self.satang), SATANG_PER_BAHT)
        whole = f"{baht:,}" if grouping else str(baht)
        return f"{sign}{whole}.{sat:02d}"

    def __str__(self) -> str:
        return self.format()


def sum_money(items: Iterable[Money]) -> Money:
    """Sum an iterable of Money (sum() would start from int 0)."""
    total = 0
    for m in items:
        total += m.satang
    return Money(total)


def _bounded(amount: Money) -> Money:
    if abs(amount.satang) > MAX_BAHT * SATANG_PER_BAHT:
        raise MoneyError(f"จำนวนเงินเกิน {MAX_BAHT:,} บาท กรุณาตรวจสอบ")
    return amount
