"""VAT split of a VAT-inclusive amount.

Shelf prices in Thailand include VAT, so the tax is taken *out* of the
gross: VAT = gross x rate / (100 + rate), rounded half-up to the satang once
per document (not per line), as the Revenue Department examples do
(536.00 -> base 500.93, VAT 35.07). Integer arithmetic only: a float here
would move a satang now and then.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from otop_pos.domain.money import Money

VAT_RATE_PERCENT = 7
# Wording on every document that has VAT-exempt goods beside VAT-able ones (Thai, English).
EXEMPT_LABEL = ("มูลค่าสินค้าที่ได้รับยกเว้นภาษีมูลค่าเพิ่ม", "VAT-exempt goods")
VATABLE_BASE_LABEL = ("มูลค่าสินค้าที่ต้องเสียภาษี", "VAT-able goods before VAT")
EXEMPT_MARK = "E"  # beside an exempt line's amount, as Thai receipts mark them


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


@dataclass(frozen=True, slots=True)
class DocumentVat:
    """A document's total in three parts: ``exempt + base + vat == total`` always.

    Unprocessed farm produce (rice, shallots, garlic) is exempt under Revenue
    Code s.81(1)(a); only the VAT-able part of a bill carries tax, split once
    per document. A centre that is not VAT registered charges none: its whole
    total is the base and nothing is exempt.
    """

    total: Money
    exempt: Money
    base: Money
    vat: Money

    @property
    def vatable(self) -> Money:
        """The VAT-able part, VAT included."""
        return self.base + self.vat


def document_vat(
    amounts: Iterable[tuple[Money, bool]],
    registered: bool = True,
    rate_percent: int = VAT_RATE_PERCENT,
) -> DocumentVat:
    """Split a document given each line's (net amount, carries VAT)."""
    total = vatable = 0
    for amount, carries_vat in amounts:
        total += amount.satang
        if carries_vat:
            vatable += amount.satang
    if not registered:
        return DocumentVat(Money(total), Money(0), Money(total), Money(0))
    split = split_vat_inclusive(Money(vatable), rate_percent)
    return DocumentVat(Money(total), Money(total - vatable), split.base, split.vat)
