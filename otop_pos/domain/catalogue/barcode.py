"""Barcodes and what a keyboard-wedge scanner types into the sale screen.

A USB scanner is a keyboard: it sends key presses, not characters. When the
PC's Thai (Kedmanee) layout is active, the digit keys type the Thai
characters of the unshifted number row instead of digits, a daily problem
at Thai counters. ``normalize_scan`` maps them back.
"""

from __future__ import annotations

import re
import unicodedata

from otop_pos.domain.selling.cart import MAX_QTY


class ScanError(ValueError):
    """Input in the barcode field that cannot be used; Thai message."""


# Kedmanee unshifted number row, keys 1..9 and 0.
KEDMANEE_DIGITS = {
    "ๅ": "1",
    "/": "2",
    "-": "3",
    "ภ": "4",
    "ถ": "5",
    "ุ": "6",
    "ึ": "7",
    "ค": "8",
    "ต": "9",
    "จ": "0",
}
_KEDMANEE_TABLE = str.maketrans(KEDMANEE_DIGITS)
_THAI_KEYS = frozenset(k for k in KEDMANEE_DIGITS if not k.isascii())
_ASCII_DIGITS = frozenset("0123456789")
_DIGIT_KEYS = frozenset(KEDMANEE_DIGITS) | _ASCII_DIGITS

# '*' and '×' always separate a quantity; '๕' is Shift+8 (the '*' key) in
# Kedmanee. 'x' (and 'ป', the x key in Kedmanee) only after a numeric prefix,
# so a typed SKU such as 'BOX1' is left alone.
_QTY_SEPARATORS = frozenset("*×๕")
_SOFT_SEPARATORS = frozenset("xXป")
MAX_CODE_LEN = 64
MAX_SCAN_LEN = 80  # a quantity, its separator and a code, with stray spaces
_DIGITS_RE = re.compile(r"[0-9]+", re.ASCII)


def _gtin_check(data: str) -> int:
    """GS1 check digit: weights 3,1,3,... from the rightmost data digit."""
    total = sum(int(d) * (3 if i % 2 == 0 else 1) for i, d in enumerate(reversed(data)))
    return (10 - total % 10) % 10


def _digits(text: object, length: int) -> bool:
    return isinstance(text, str) and len(text) == length and _DIGITS_RE.fullmatch(text) is not None


def ean13_check_digit(first12: str) -> int:
    """Check digit for the first 12 digits of an EAN-13."""
    if not _digits(first12, 12):
        raise ValueError(f"EAN-13 needs 12 digits before the check digit: {first12!r}")
    return _gtin_check(first12)


def make_ean13(first12: str) -> str:
    """12 digits -> the full 13-digit code (e.g. for in-store labels)."""
    return first12 + str(ean13_check_digit(first12))


def is_valid_ean13(code: str) -> bool:
    return _digits(code, 13) and _gtin_check(code[:12]) == int(code[12])


def is_valid_ean8(code: str) -> bool:
    return _digits(code, 8) and _gtin_check(code[:7]) == int(code[7])


def _strip(text: str) -> str:
    """Drop whitespace and control/format characters (CR, TAB, BOM, ZWSP...)."""
    return "".join(
        ch for ch in text if not ch.isspace() and unicodedata.category(ch)[0] not in "CZ"
    )


def normalize_scan(text: str) -> str:
    """Clean scanner input and undo the Kedmanee layout on digit keys.

    The Thai characters are mapped only when every character is a digit key
    and the text is not plain ASCII digits with '-' or '/': a Thai-layout
    scan never types ASCII digits, so '12-34' typed in the English layout
    keeps its hyphen while 'ๅ/-ภ' becomes '1234'.
    """
    cleaned = _strip(text)
    chars = set(cleaned)
    if chars and chars <= _DIGIT_KEYS and (chars & _THAI_KEYS or not chars & _ASCII_DIGITS):
        return cleaned.translate(_KEDMANEE_TABLE)
    return cleaned


def _split_qty(cleaned: str) -> tuple[str, str] | None:
    for i, ch in enumerate(cleaned):
        if ch in _QTY_SEPARATORS:
            return cleaned[:i], cleaned[i + 1 :]
        if ch in _SOFT_SEPARATORS:
            prefix = normalize_scan(cleaned[:i])
            if prefix and _DIGITS_RE.fullmatch(prefix):
                return cleaned[:i], cleaned[i + 1 :]
    return None


def _parse_qty(text: str) -> int:
    digits = normalize_scan(text)
    if not digits:
        raise ScanError("ใส่จำนวนก่อนเครื่องหมาย * เช่น 3*รหัสสินค้า")
    if not _DIGITS_RE.fullmatch(digits):
        raise ScanError(f"จำนวนต้องเป็นตัวเลข: {text!r}")
    significant = digits.lstrip("0")
    # Length first: int() of thousands of digits would itself raise.
    if len(significant) > len(str(MAX_QTY)) or not 1 <= int(significant or "0") <= MAX_QTY:
        raise ScanError(f"จำนวนต้องอยู่ระหว่าง 1 ถึง {MAX_QTY:,}")
    return int(significant)


def parse_scan_input(text: str) -> tuple[int, str]:
    """'3*8850000000001' -> (3, '8850000000001'); no prefix means quantity 1.

    '3x...' works too, as do the same keys typed in the Thai layout.
    Raises only ``ScanError``, whatever is typed.
    """
    if not isinstance(text, str):
        raise ScanError("ข้อมูลจากเครื่องสแกนไม่ถูกต้อง")
    if len(text) > MAX_SCAN_LEN:  # before any work: a pasted page must not hold the till
        raise ScanError(f"ข้อมูลที่สแกนยาวเกิน {MAX_SCAN_LEN} ตัวอักษร")
    cleaned = _strip(text)
    if not cleaned:
        raise ScanError("ไม่มีรหัสสินค้า กรุณาสแกนหรือพิมพ์รหัส")
    split = _split_qty(cleaned)
    if split is None:
        qty, raw_code = 1, cleaned
    else:
        qty, raw_code = _parse_qty(split[0]), split[1]
    code = normalize_scan(raw_code)
    if not code:
        raise ScanError("ไม่มีรหัสสินค้าหลังจำนวน")
    if _QTY_SEPARATORS & set(code):
        raise ScanError("ใส่จำนวนได้ครั้งเดียว เช่น 3*รหัสสินค้า")
    if len(code) > MAX_CODE_LEN:
        raise ScanError(f"รหัสสินค้ายาวเกิน {MAX_CODE_LEN} ตัวอักษร")
    return qty, code
