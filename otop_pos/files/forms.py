"""Reading the values a manager typed into a producer or product form.

The same rules as the files (shared `checks`, the same text cleaning and
choice lists), but a form stops at the first bad box and names it, so the
dialog can put the cursor there. Values may be text or, from a checkbox, a
bool; what comes back is the stored form.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import TypeVar

from otop_pos.files.checks import CheckError
from otop_pos.files.fields import YES_NO
from otop_pos.files.table import clean_text

T = TypeVar("T")


class FormError(CheckError):
    """One refused box; ``field`` is its key in the form."""

    def __init__(self, thai: str, english: str, field: str) -> None:
        super().__init__(thai, english)
        self.field = field


def as_text(value: object) -> str:
    """A form value as text: a checkbox's bool is '1' or '0', nothing is ''."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "1" if value else "0"
    return str(value)


class Form:
    """Typed getters over {field: value}; `labels` gives each field's Thai name."""

    def __init__(self, values: Mapping[str, object], labels: Mapping[str, str]) -> None:
        self.values = values
        self.labels = labels

    def label(self, field: str) -> str:
        return self.labels.get(field, field)

    def raw(self, field: str) -> str:
        return as_text(self.values.get(field)).strip()

    def text(self, field: str, *, required: bool = False, max_len: int = 200) -> str:
        value = clean_text(as_text(self.values.get(field)))
        if required and not value:
            raise FormError(f"กรุณากรอก{self.label(field)}", f"{field} is empty", field)
        if len(value) > max_len:
            raise FormError(
                f"{self.label(field)}ยาวเกิน {max_len} ตัวอักษร",
                f"{field} is longer than {max_len} characters",
                field,
            )
        return value

    def flag(self, field: str, default: bool) -> bool:
        value = self.values.get(field)
        if isinstance(value, bool):
            return value
        text = self.raw(field).lower()
        if not text:
            return default
        if text not in YES_NO:
            raise FormError(
                f'{self.label(field)} "{text[:40]}" ไม่ถูกต้อง (ใช้ 1/0 หรือ ใช่/ไม่)',
                f"{field} {text[:40]!r} is not yes or no",
                field,
            )
        return YES_NO[text]

    def choice(self, field: str, mapping: Mapping[str, str], allowed_th: str) -> str:
        text = self.raw(field)
        if not text:
            raise FormError(f"กรุณาเลือก{self.label(field)}", f"{field} is empty", field)
        found = mapping.get(clean_text(text).lower().replace(" ", ""))
        if found is None:
            raise FormError(
                f'{self.label(field)} "{text[:40]}" ไม่ถูกต้อง (ใช้ได้: {allowed_th})',
                f"{field} {text[:40]!r} is not one of {sorted(set(mapping.values()))}",
                field,
            )
        return found

    def number(self, field: str, low: int, high: int, suffix: str = "") -> int | None:
        """A whole number in [low, high]; blank -> None."""
        text = self.raw(field).removesuffix(suffix).strip() if suffix else self.raw(field)
        if not text:
            return None
        if not (text.isascii() and text.isdigit()) or not low <= int(text) <= high:
            raise FormError(
                f"{self.label(field)}ต้องเป็นเลข {low} ถึง {high} (กรอกมา {text[:40]})",
                f"{field} must be a whole number from {low} to {high}, not {text[:40]!r}",
                field,
            )
        return int(text)

    def checked(self, field: str, check: Callable[[str], T]) -> T:
        try:
            return check(self.raw(field))
        except CheckError as exc:
            raise FormError(exc.thai, exc.english, field) from exc
