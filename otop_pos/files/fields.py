"""Cell validators that collect errors instead of stopping at the first one.

A manager fixing a 500-row file wants every problem in one report, not one
per attempt, so each check records a `RowError` and returns a placeholder.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from decimal import Decimal
from typing import TypeVar

from otop_pos.domain.money import Money
from otop_pos.files.checks import CheckError
from otop_pos.files.table import RowError, clean_text

T = TypeVar("T")
MAX_PRICE = Money.baht(10_000_000)
_INT_RE = re.compile(r"[+]?\d{1,6}(?:\.0*)?", re.ASCII)

YES_NO: dict[str, bool] = {
    **dict.fromkeys(("yes", "y", "true", "1", "vat", "ใช่", "มี", "มีภาษี", "คิดภาษี"), True),
    **dict.fromkeys(
        ("no", "n", "false", "0", "ไม่", "ไม่ใช่", "ไม่มี", "ไม่มีภาษี", "ยกเว้น", "ยกเว้นภาษี"),
        False,
    ),
}


def shown(value: str, limit: int = 40) -> str:
    """A cell value quoted in a message, cut so one bad cell cannot flood it."""
    return value if len(value) <= limit else value[: limit - 1] + "…"


class Cells:
    """One data row: typed getters that record problems in `errors`."""

    def __init__(
        self, line: int, row: dict[str, str], errors: list[RowError], labels: dict[str, str]
    ) -> None:
        self.line = line
        self.row = row
        self.errors = errors
        self.labels = labels
        self.ok = True

    def label(self, column: str) -> str:
        return self.labels.get(column, column)

    def error(self, column: str, th: str, en: str) -> None:
        self.ok = False
        self.errors.append(
            RowError(self.line, column, f"แถว {self.line}: {th}", f"Line {self.line}: {en}")
        )

    def raw(self, column: str) -> str:
        return self.row.get(column, "").strip()

    def checked(self, column: str, check: Callable[[str], T], default: T) -> T:
        """A value through one of the shared `checks`, its refusal recorded for this row."""
        try:
            return check(self.raw(column))
        except CheckError as exc:
            self.error(column, exc.thai, exc.english)
            return default

    def text(self, column: str, *, required: bool = False, max_len: int = 200) -> str:
        value = clean_text(self.row.get(column, ""))
        if required and not value:
            self.error(column, f"ไม่ได้กรอก{self.label(column)}", f"{column} is empty")
        elif len(value) > max_len:
            self.error(
                column,
                f"{self.label(column)}ยาวเกิน {max_len} ตัวอักษร",
                f"{column} is longer than {max_len} characters",
            )
        return value

    def choice(self, column: str, mapping: dict[str, str], default: str) -> str:
        value = self.raw(column)
        if not value:
            return default
        found = mapping.get(clean_text(value).lower().replace(" ", ""))
        if found is None:
            allowed = ", ".join(sorted(set(mapping.values())))
            self.error(
                column,
                f'{self.label(column)} "{shown(value)}" ไม่ถูกต้อง (ใช้ได้: {allowed})',
                f'{column} "{shown(value)}" is not valid (allowed: {allowed})',
            )
            return default
        return found

    def flag(self, column: str, default: bool) -> bool:
        value = self.raw(column).lower()
        if not value:
            return default
        if value not in YES_NO:
            self.error(
                column,
                f'{self.label(column)} "{shown(value)}" ไม่ถูกต้อง (ใช้ yes หรือ no)',
                f'{column} "{shown(value)}" is not valid (use yes or no)',
            )
            return default
        return YES_NO[value]

    def int_in(self, column: str, low: int, high: int, suffix: str = "") -> int | None:
        value = self.raw(column)
        if suffix and value.endswith(suffix):
            value = value[: -len(suffix)].strip()
        if not value:
            return None
        number = int(value.split(".")[0]) if _INT_RE.fullmatch(value) else None
        if number is None or not low <= number <= high:
            self.error(
                column,
                f'{self.label(column)} "{shown(value)}" ต้องเป็นเลข {low} ถึง {high}',
                f'{column} "{shown(value)}" must be a whole number from {low} to {high}',
            )
            return None
        return number

    def money(self, column: str) -> Money:
        value = self.raw(column)
        text = value.removesuffix("บาท").strip()
        try:
            amount = Money.parse(text)
        except (ValueError, TypeError, ArithmeticError):
            self.error(
                column,
                f'{self.label(column)} "{shown(value)}" ไม่ถูกต้อง',
                f'{column} "{shown(value)}" is not a valid amount',
            )
            return Money(0)
        if amount.is_negative or amount > MAX_PRICE:
            self.error(
                column,
                f'{self.label(column)} "{shown(value)}" ต้องไม่ติดลบและไม่เกิน {MAX_PRICE} บาท',
                f'{column} "{shown(value)}" must be between 0 and {MAX_PRICE} baht',
            )
            return Money(0)
        return amount

    def percent_bp(self, column: str) -> int | None:
        """'17.5' (or '17.5%') -> 1750 basis points; 0 to 100 with 2 decimals."""
        value = self.raw(column).removesuffix("%").strip()
        if not value:
            return None
        try:
            number = Decimal(value)
            bp = number * 100
            valid = number.is_finite() and bp == bp.to_integral_value() and 0 <= number <= 100
        except (ArithmeticError, ValueError):
            valid = False
        if not valid:
            self.error(
                column,
                f'{self.label(column)} "{shown(value)}" ต้องเป็นร้อยละ 0 ถึง 100',
                f'{column} "{shown(value)}" must be a percentage from 0 to 100',
            )
            return None
        return int(bp)
