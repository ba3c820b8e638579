"""Checks shared by the e-Tax dataclasses: Thai messages for the cashier, English for logs."""

from __future__ import annotations

import re
from datetime import datetime
from zoneinfo import ZoneInfo

from otop_pos.domain.money import Money

BANGKOK = ZoneInfo("Asia/Bangkok")

_DIGITS = re.compile(r"[0-9]+", re.ASCII)
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


class EtaxError(ValueError):
    """A document that cannot be filed; ``str()`` is Thai, ``.english`` for logs."""

    def __init__(self, message: str, english: str) -> None:
        super().__init__(message)
        self.english = english


def digits(text: object, n: int) -> bool:
    return isinstance(text, str) and len(text) == n and _DIGITS.fullmatch(text) is not None


def tax_id_ok(tax_id: str) -> bool:
    """13 digits with the Revenue Department check digit (catches one mistyped digit)."""
    if not digits(tax_id, 13):
        return False
    total = sum(int(d) * (13 - i) for i, d in enumerate(tax_id[:12]))
    return (11 - total % 11) % 10 == int(tax_id[12])


def text(value: object, what_th: str, what_en: str, limit: int = 256) -> str:
    if not isinstance(value, str) or not value.strip():
        raise EtaxError(f"กรุณาระบุ{what_th}", f"{what_en} is empty")
    if len(value) > limit or _CONTROL.search(value):
        raise EtaxError(f"{what_th}ไม่ถูกต้อง", f"{what_en} is too long or has control characters")
    return value.strip()


def satang(value: object, what: str) -> int:
    """An amount in satang: an int or a Money, never a float, never negative."""
    if isinstance(value, Money):
        value = value.satang
    if not isinstance(value, int) or isinstance(value, bool):
        raise EtaxError(f"จำนวนเงินไม่ถูกต้อง ({what})", f"{what} must be integer satang")
    if value < 0:
        raise EtaxError(f"จำนวนเงินติดลบไม่ได้ ({what})", f"{what} must not be negative")
    return value


def aware(value: object, what: str) -> datetime:
    if not isinstance(value, datetime) or value.utcoffset() is None:
        raise EtaxError(f"วันเวลาต้องระบุเขตเวลา ({what})", f"{what} must be an aware datetime")
    return value.astimezone(BANGKOK)


def set_field(obj: object, name: str, value: object) -> None:
    object.__setattr__(obj, name, value)
