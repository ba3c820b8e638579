"""Thai 13-digit IDs (national ID, juristic tax ID) and head office/branch codes.

Buyers now ask for full tax invoices and e-Receipts with their tax ID (Easy
E-Receipt), so cashiers type these numbers under pressure: the check digit
catches most mistyped digits before they reach a tax document (never the
third digit, whose weight 11 vanishes modulo 11). People type
the printed form (0-9940-00165-31-5) and sometimes Thai digits, so both are
accepted.
"""

from __future__ import annotations

import re

TAX_ID_LENGTH = 13
BRANCH_LENGTH = 5
HEAD_OFFICE = "00000"
HEAD_OFFICE_LABEL = "สำนักงานใหญ่"
MAX_TYPED = 40  # '0-9940-00165-31-5' with room for spaces; a paste of a page is refused unread

_THAI_DIGITS = str.maketrans("๐๑๒๓๔๕๖๗๘๙", "0123456789")
_SEPARATORS_RE = re.compile(r"[\s\-‐‑‒–—]+")
_DIGITS_RE = re.compile(r"[0-9]+", re.ASCII)
# Words for the head office, compared after removing spaces and lower-casing.
_HEAD_OFFICE_WORDS = frozenset({"", HEAD_OFFICE_LABEL, "สนญ", "สนญ.", "headoffice", "ho", "hq"})
_BRANCH_PREFIX_RE = re.compile(r"^(?:สาขาที่|สาขา|branchno\.?|branch)", re.IGNORECASE)


class TaxIdError(ValueError):
    """A tax ID or branch that cannot be used; ``str()`` is Thai for the cashier."""

    def __init__(self, message: str, english: str = "") -> None:
        super().__init__(message)
        self.english = english or message


def clean_number(text: str) -> str:
    """Drop spaces and dashes and turn Thai digits into ASCII: '๐-๙๙๔๐ 00' -> '0994000'."""
    return _SEPARATORS_RE.sub("", text.translate(_THAI_DIGITS))


def _is_digits(text: str, length: int) -> bool:
    return len(text) == length and _DIGITS_RE.fullmatch(text) is not None


def taxid_check_digit(first12: str) -> int:
    """Revenue Department rule: (11 - sum(d[i] * (13 - i)) mod 11) mod 10."""
    if not isinstance(first12, str) or not _is_digits(first12, TAX_ID_LENGTH - 1):
        raise TaxIdError(
            "ต้องใช้ตัวเลข 12 หลักเพื่อคำนวณหลักตรวจสอบ",
            f"the check digit needs 12 digits: {first12!r}",
        )
    total = sum(int(d) * (TAX_ID_LENGTH - i) for i, d in enumerate(first12))
    return (11 - total % 11) % 10


def normalize_tax_id(text: str) -> str:
    """What was typed -> 13 ASCII digits, or ``TaxIdError`` saying what is wrong."""
    if not isinstance(text, str):
        raise TaxIdError("เลขประจำตัวผู้เสียภาษีไม่ถูกต้อง", "the tax ID must be text")
    if len(text) > MAX_TYPED:
        raise TaxIdError(
            f"เลขประจำตัวผู้เสียภาษียาวเกิน {MAX_TYPED} ตัวอักษร",
            f"the tax ID is over {MAX_TYPED} characters",
        )
    digits = clean_number(text)
    if not digits:
        raise TaxIdError("กรุณากรอกเลขประจำตัวผู้เสียภาษี 13 หลัก", "the tax ID is empty")
    if _DIGITS_RE.fullmatch(digits) is None:
        raise TaxIdError(
            "เลขประจำตัวผู้เสียภาษีต้องเป็นตัวเลขเท่านั้น",
            f"the tax ID may only contain digits: {text!r}",
        )
    if len(digits) != TAX_ID_LENGTH:
        raise TaxIdError(
            f"เลขประจำตัวผู้เสียภาษีต้องมี 13 หลัก (กรอกมา {len(digits)} หลัก)",
            f"the tax ID must have 13 digits, got {len(digits)}",
        )
    if taxid_check_digit(digits[:12]) != int(digits[12]):
        raise TaxIdError(
            "เลขประจำตัวผู้เสียภาษีไม่ถูกต้อง (หลักตรวจสอบผิด)",
            f"invalid tax ID (wrong check digit): {digits}",
        )
    return digits


def is_valid_tax_id(text: str) -> bool:
    """True when ``normalize_tax_id`` would accept ``text`` (dashes and Thai digits allowed)."""
    try:
        normalize_tax_id(text)
    except TaxIdError:
        return False
    return True


def format_tax_id(text: str) -> str:
    """The printed form 0-9940-00165-31-5 (groups 1-4-5-2-1)."""
    d = normalize_tax_id(text)
    return f"{d[0]}-{d[1:5]}-{d[5:10]}-{d[10:12]}-{d[12]}"


def branch_code(text: str) -> str:
    """Head office or branch -> five digits: 'สำนักงานใหญ่' -> '00000', '1' -> '00001'.

    Accepts what people write on forms ('สาขาที่ 3', 'สนญ.', 'Head office');
    an empty field means head office, which is what most sellers are.
    """
    if not isinstance(text, str) or len(text) > MAX_TYPED:
        raise TaxIdError("รหัสสาขาไม่ถูกต้อง", "the branch must be text of at most 40 characters")
    compact = re.sub(r"\s+", "", text.translate(_THAI_DIGITS)).lower()
    if compact in _HEAD_OFFICE_WORDS:
        return HEAD_OFFICE
    number = _BRANCH_PREFIX_RE.sub("", compact, count=1)
    if _DIGITS_RE.fullmatch(number) is None or len(number) > BRANCH_LENGTH:
        raise TaxIdError(
            "รหัสสาขาต้องเป็นตัวเลขไม่เกิน 5 หลัก หรือ 'สำนักงานใหญ่'",
            f"the branch must be up to 5 digits or 'head office': {text!r}",
        )
    return number.zfill(BRANCH_LENGTH)


def branch_label(code: str) -> str:
    """What a tax invoice prints (section 86/4): 'สำนักงานใหญ่' or 'สาขาที่ 00001'."""
    normalized = branch_code(code)
    return HEAD_OFFICE_LABEL if normalized == HEAD_OFFICE else f"สาขาที่ {normalized}"
