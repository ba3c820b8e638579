"""Checks shared by the catalogue files and the manager's edit forms.

A value typed into a form and the same value read from a spreadsheet must be
accepted, refused and normalised alike; otherwise an export would not import
back unchanged. Each check returns the stored form or raises `CheckError`
with a Thai message that does not name a row (the caller adds row or field).
"""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation

from otop_pos.domain.catalogue.units import QuantityError, is_measured, parse_quantity
from otop_pos.domain.thai.promptpay import PromptPayError, parse_promptpay_id
from otop_pos.domain.thai.taxid import TaxIdError, normalize_tax_id

COMMISSION_RANGE_TH = "ค่าคอมมิชชั่นต้องอยู่ระหว่าง 0 ถึง 100%"
MAX_MIN_STOCK = 999_999
_BANK_ACCOUNT_RE = re.compile(r"\d(?:[\d-]*\d)?", re.ASCII)
_WHOLE_RE = re.compile(r"\+?(\d{1,7})(?:\.0*)?", re.ASCII)
_THAI_DIGITS = str.maketrans("๐๑๒๓๔๕๖๗๘๙", "0123456789")


class CheckError(ValueError):
    """A refused value; ``thai`` is for the manager, ``english`` for the log."""

    def __init__(self, thai: str, english: str) -> None:
        super().__init__(thai)
        self.thai = thai
        self.english = english


def commission_bp(text: str) -> int | None:
    """'15', '12.5', '12.5%' -> basis points (1500, 1250); blank -> None."""
    value = text.strip().translate(_THAI_DIGITS).removesuffix("%").strip()
    if not value:
        return None
    try:
        number = Decimal(value)
        finite = number.is_finite()
    except (InvalidOperation, ValueError):
        finite = False
    if not finite:
        raise CheckError(
            f'ค่าคอมมิชชั่น "{text.strip()}" ไม่ใช่ตัวเลข ({COMMISSION_RANGE_TH})',
            f"commission {text.strip()!r} is not a number (0 to 100 %)",
        )
    if not 0 <= number <= 100:
        raise CheckError(
            f"{COMMISSION_RANGE_TH} (กรอกมา {value}%)",
            f"commission must be between 0 and 100 %, not {value}",
        )
    bp = number * 100
    if bp != bp.to_integral_value():
        raise CheckError(
            "ค่าคอมมิชชั่นมีทศนิยมได้ไม่เกิน 2 ตำแหน่ง เช่น 12.5 หรือ 12.75",
            f"commission {value} has more than two decimals",
        )
    return int(bp)


def percent_text(bp: int | None) -> str:
    """1250 -> '12.5', 1500 -> '15', None -> '' (what a manager would type)."""
    if bp is None:
        return ""
    text = format(Decimal(bp) / 100, "f")
    return text.rstrip("0").rstrip(".") if "." in text else text


def tax_id(text: str) -> str:
    """A 13-digit tax ID (dashes, spaces and Thai digits accepted); blank -> ''."""
    if not text.strip():
        return ""
    try:
        return normalize_tax_id(text)
    except TaxIdError as exc:
        raise CheckError(str(exc), exc.english) from exc


def promptpay_id(text: str) -> str:
    """A PromptPay mobile, 13-digit ID or e-wallet, kept in its display form; blank -> ''."""
    if not text.strip():
        return ""
    try:
        return parse_promptpay_id(text.strip()).display
    except PromptPayError as exc:
        raise CheckError(str(exc), exc.english) from exc


def bank_account(text: str) -> str:
    """Digits and dashes only, as printed in the passbook ('123-4-56789-0'); blank -> ''."""
    value = text.strip().translate(_THAI_DIGITS).replace(" ", "")
    if not value:
        return ""
    if not _BANK_ACCOUNT_RE.fullmatch(value) or len(value) > 30:
        raise CheckError(
            f'เลขที่บัญชีธนาคาร "{text.strip()[:40]}" ต้องเป็นตัวเลขและขีด (-) เท่านั้น',
            f"bank account {text.strip()[:40]!r} may only contain digits and dashes",
        )
    return value


def min_stock(text: str, unit: str = "piece") -> int:
    """A whole number of pieces, 0 to 999,999; blank -> 0.

    A measured product's minimum is typed in its unit ('2.5' kg) and kept,
    like its stock, in thousandths (2,500).
    """
    value = text.strip().translate(_THAI_DIGITS).replace(",", "")
    if not value:
        return 0
    if is_measured(unit):
        try:
            return parse_quantity(value, unit, allow_zero=True, max_units=MAX_MIN_STOCK)
        except QuantityError as exc:
            raise CheckError(f"จำนวนขั้นต่ำ: {exc.thai}", f"minimum stock: {exc.english}") from exc
    match = _WHOLE_RE.fullmatch(value)  # Excel may give '12.0' for 12
    if match is None or int(match[1]) > MAX_MIN_STOCK:
        raise CheckError(
            f'จำนวนขั้นต่ำ "{text.strip()[:40]}" ต้องเป็นจำนวนเต็ม 0 ถึง {MAX_MIN_STOCK:,}',
            f"minimum stock {text.strip()[:40]!r} must be a whole number from 0 to {MAX_MIN_STOCK}",
        )
    return int(match[1])
