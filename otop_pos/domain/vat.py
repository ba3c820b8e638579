"""VAT split of a VAT-inclusive amount.

Shelf prices in Thailand include VAT, so the tax is taken *out* of the
gross: VAT = gross x rate / (100 + rate), rounded half-up to the satang once
per document (not per line), as the Revenue Department examples do
(536.00 -> base 500.93, VAT 35.07). Integer arithmetic only: a float here
would move a satang now and then.
"""

from __future__ import annotations

from dataclasses import dataclass

from otop_pos.domain.money import Money

VAT_RATE_PERCENT = 7


@dataclass(frozen=True, slots=True)
class VatSplit:
    """A gross amount and its two parts; ``base + vat == gross`` always."""

    gross: Money
    base: Money
    vat: Money


def _div_half_up(numerator: int, denominator: int) -> int:
    """Round numerator/denominator half away from zero (both may be signed)."""
    if denominator <= 0:
        raise ValueError("denominator must be positive")
    magnitude = (2 * abs(numerator) + denominator) // (2 * denominator)
    return -magnitude if numerator < 0 else magnitude


def split_vat_inclusive(gross: Money, rate_percent: int = VAT_RATE_PERCENT) -> VatSplit:
    """Split a VAT-inclusive ``gross`` into base and VAT.

    A refund (negative gross) splits as the mirror image of the sale, so a
    sale and its full refund cancel to the satang.
    """
    if not isinstance(rate_percent, int) or isinstance(rate_percent, bool):
        raise TypeError("rate_percent must be an int")
    if rate_percent < 0:
        raise ValueError("อัตราภาษีต้องไม่ติดลบ")
    vat = _div_half_up(gross.satang * rate_percent, 100 + rate_percent)
    return VatSplit(gross=gross, base=Money(gross.satang - vat), vat=Money(vat))
