"""Quantities and expiry dates as staff type them when receiving or counting stock.

Delivery notes from producers are handwritten, often with Thai digits and
Buddhist-era years, so both are accepted; goods sold by weight are typed in
their unit with decimals and kept in thousandths; anything else is refused with a
Thai message that says what to type instead, before it reaches the journal.
"""

from __future__ import annotations

import re
from datetime import date

from otop_pos.domain.catalogue.units import QuantityError, is_measured, parse_quantity

MAX_QTY = 100_000
BE_OFFSET = 543
_THAI_DIGITS = str.maketrans("๐๑๒๓๔๕๖๗๘๙", "0123456789")
_INT_RE = re.compile(r"[+-]?(?:[0-9]{1,3}(?:,[0-9]{3})+|[0-9]+)", re.ASCII)
_DMY_RE = re.compile(r"([0-9]{1,2})\s*[/.\-]\s*([0-9]{1,2})\s*[/.\-]\s*([0-9]{4})", re.ASCII)
_ISO_RE = re.compile(r"([0-9]{4})-([0-9]{1,2})-([0-9]{1,2})", re.ASCII)
_EXPIRY_HINT = "กรุณาพิมพ์เป็น วัน/เดือน/ปี เช่น 31/12/2569"


MAX_TYPED = 12
"""Characters a typed quantity may have ("999,999" and far beyond; int() itself refuses
numbers of thousands of digits with an error no screen expects)."""
MAX_DATE_TYPED = 24  # ' 31 / 12 / 2569 ' with room for spaces


class StockInputError(QuantityError):
    """Typed text that is not a usable quantity or date; ``thai`` is for the counter."""


def _number(text: str | int, field: str) -> int:
    if isinstance(text, bool):
        raise StockInputError("จำนวนต้องเป็นตัวเลขจำนวนเต็ม", "Enter a whole number.", field)
    if isinstance(text, int):
        return text
    cleaned = str(text).translate(_THAI_DIGITS).strip().replace(" ", "")
    if not cleaned:
        raise StockInputError("กรุณาใส่จำนวน", "Enter a quantity.", field)
    if len(cleaned) > MAX_TYPED or not _INT_RE.fullmatch(cleaned):
        raise StockInputError(
            f'จำนวนต้องเป็นตัวเลขจำนวนเต็ม ("{str(text).strip()}" ใช้ไม่ได้)',
            f"Enter a whole number, not {str(text).strip()!r}.",
            field,
        )
    return int(cleaned.replace(",", ""))


def _not_absurd(n: int, field: str) -> int:
    if n > MAX_QTY:
        raise StockInputError(
            f"จำนวน {n:,} มากเกินไป (ไม่เกิน {MAX_QTY:,}) กรุณาตรวจสอบอีกครั้ง",
            f"{n:,} is too many (at most {MAX_QTY:,}); please check.",
            field,
        )
    return n


def _measured(text: str | int, unit: str, field: str, allow_zero: bool) -> int:
    """A weight or measure typed in its unit ('12.5' kg), in thousandths (12,500)."""
    try:
        return parse_quantity(
            str(text), unit, field=field, allow_zero=allow_zero, max_units=MAX_QTY
        )
    except QuantityError as exc:
        raise StockInputError(exc.thai, exc.english, field) from exc


def parse_qty(
    text: str | int, field: str = "qty", allow_zero: bool = False, unit: str = "piece"
) -> int:
    """A quantity received, returned or written off: a whole number above zero.

    For a product sold by weight or measure, its unit with decimals ('12.5'
    kg), returned in thousandths (12,500) as its stock is kept.
    """
    if is_measured(unit) and not isinstance(text, int):
        return _measured(text, unit, field, allow_zero)
    n = _number(text, field)
    if n < 0:
        raise StockInputError(
            "จำนวนติดลบไม่ได้ กรุณาใส่จำนวนชิ้นเป็นตัวเลขบวก",
            "The quantity cannot be negative.",
            field,
        )
    if n == 0 and not allow_zero:
        raise StockInputError("จำนวนต้องมากกว่าศูนย์", "The quantity must be at least 1.", field)
    return _not_absurd(n, field)


def parse_count(text: str | int, field: str = "counted", unit: str = "piece") -> int:
    """A counted quantity: zero is a real answer (the shelf is empty), negative is not."""
    if is_measured(unit) and not isinstance(text, int):
        if str(text).strip().startswith("-"):
            raise StockInputError(
                "จำนวนที่นับได้ติดลบไม่ได้ ถ้าไม่มีสินค้าบนชั้นให้ใส่ 0",
                "A count cannot be negative; enter 0 if there are none.",
                field,
            )
        return _measured(text, unit, field, True)
    n = _number(text, field)
    if n < 0:
        raise StockInputError(
            "จำนวนที่นับได้ติดลบไม่ได้ ถ้าไม่มีสินค้าบนชั้นให้ใส่ 0",
            "A count cannot be negative; enter 0 if there are none.",
            field,
        )
    return _not_absurd(n, field)


def _year(y: int, typed: str) -> int:
    if y > 2400:  # Buddhist era: 2569 is 2026
        y -= BE_OFFSET
    if not 2000 <= y <= 2199:
        raise StockInputError(
            f"ปีของวันหมดอายุ {typed} ไม่ถูกต้อง {_EXPIRY_HINT}",
            f"The year of {typed!r} is not plausible; type day/month/year, e.g. 31/12/2026.",
            "expiry",
        )
    return y


def parse_expiry(text: str | None) -> date | None:
    """'31/12/2569' (B.E.), '31/12/2026' or '2026-12-31' -> a date; empty -> None."""
    if text is None:
        return None
    cleaned = text.translate(_THAI_DIGITS).strip()
    if not cleaned:
        return None
    typed = text.strip()
    if len(typed) > MAX_DATE_TYPED:
        raise StockInputError(
            f"วันหมดอายุยาวเกิน {MAX_DATE_TYPED} ตัวอักษร {_EXPIRY_HINT}",
            f"The expiry date is over {MAX_DATE_TYPED} characters.",
            "expiry",
        )
    if m := _ISO_RE.fullmatch(cleaned):
        y, mo, d = int(m.group(1)), int(m.group(2)), int(m.group(3))
    elif m := _DMY_RE.fullmatch(cleaned):
        d, mo, y = int(m.group(1)), int(m.group(2)), int(m.group(3))
    else:
        raise StockInputError(
            f'อ่านวันหมดอายุ "{typed}" ไม่ได้ {_EXPIRY_HINT}',
            f"Cannot read the expiry date {typed!r}; type day/month/year, e.g. 31/12/2026.",
            "expiry",
        )
    y = _year(y, typed)
    try:
        return date(y, mo, d)
    except ValueError:
        raise StockInputError(
            f"วันหมดอายุ {typed} ไม่มีอยู่จริง {_EXPIRY_HINT}",
            f"{typed!r} is not a real date.",
            "expiry",
        ) from None


def format_expiry(d: date | None) -> str:
    """'31/12/2569': how an expiry date is shown and printed (B.E. year)."""
    return "" if d is None else f"{d.day:02d}/{d.month:02d}/{d.year + BE_OFFSET}"
