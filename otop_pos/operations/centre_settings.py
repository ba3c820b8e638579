"""A manager changes the centre's settings; each value is checked before anything is saved.

Payment and tax settings go on documents customers and the Revenue
Department rely on (the PromptPay ID money is sent to, the tax ID on every
invoice), so a bad value is refused with a Thai message naming the setting.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import fields, replace

from otop_pos.db import settings as settings_db
from otop_pos.db.settings import CentreSettings
from otop_pos.domain.catalogue.scale_labels import ScaleLabelError, parse_layouts
from otop_pos.domain.money import Money, MoneyError
from otop_pos.domain.staff.permissions import Permission
from otop_pos.domain.thai.taxid import TaxIdError, normalize_tax_id
from otop_pos.operations.errors import FieldError
from otop_pos.operations.selling.tenders import check_promptpay_id
from otop_pos.operations.session import Session


def _tax_id(text: str) -> str:
    try:
        return normalize_tax_id(text) if text.strip() else ""
    except TaxIdError as exc:
        raise FieldError(str(exc), exc.english, "tax_id") from exc


def _cap(text: str) -> str:
    try:
        cap = Money.parse(text)
    except MoneyError as exc:
        raise FieldError("วงเงินต่อวันต้องเป็นจำนวนเงิน เช่น 200", "Not an amount.", "copay_cap") from exc
    if cap.is_negative:
        raise FieldError("วงเงินต่อวันต้องไม่ติดลบ", "The cap must not be negative.", "copay_cap")
    return str(cap.satang)


def _confirm_over(text: str) -> str:
    try:
        amount = Money.parse(text)
    except MoneyError as exc:
        raise FieldError(
            "ยอดต่อรายการที่ต้องยืนยันต้องเป็นจำนวนเงิน เช่น 10,000", "Not an amount.", "confirm_line"
        ) from exc
    if amount.satang <= 0:
        raise FieldError("ยอดที่ต้องยืนยันต้องมากกว่าศูนย์", "Must be above zero.", "confirm_line")
    return str(amount.satang)


def _percent(text: str) -> str:
    if not text.strip().isdigit() or not 0 <= int(text) <= 100:
        raise FieldError("สัดส่วนที่รัฐจ่ายต้องเป็น 0-100", "Must be 0-100.", "copay_percent")
    return text.strip()


def _limit(text: str) -> str:
    if not text.strip().isdigit() or not 0 <= int(text) <= 100:
        raise FieldError(
            "เพดานส่วนลดต้องเป็นตัวเลข 0-100 (%)", "Must be 0-100 (%).", "discount_limit_percent"
        )
    return text.strip()


def _scale_labels(text: str) -> str:
    """The layouts, written out ('20IIIIIWWWWWC,21IIIIIPPPPPC'), so the setting reads one way."""
    try:
        return ",".join(layout.pattern for layout in parse_layouts(text))
    except ScaleLabelError as exc:
        raise FieldError(exc.thai, exc.english, "scale_labels") from exc


def _choice(key: str, allowed: tuple[str, ...]) -> Callable[[str], str]:
    def check(text: str) -> str:
        if text.strip() not in allowed:
            raise FieldError(f"{key} ต้องเป็น {' / '.join(allowed)}", f"{key}: {allowed}", key)
        return text.strip()

    return check


CHECKS: dict[str, Callable[[str], str]] = {
    "promptpay_id": lambda t: check_promptpay_id(t) if t.strip() else "",
    "tax_id": _tax_id,
    "copay_cap": _cap,
    "copay_percent": _percent,
    "copay_odd_satang": _choice("copay_odd_satang", ("customer", "government")),
    "cash_rounding": _choice("cash_rounding", ("none", "quarter", "baht")),
    "vat_registered": _choice("vat_registered", ("0", "1")),
    "require_shift": _choice("require_shift", ("0", "1")),
    "blind_close": _choice("blind_close", ("0", "1")),
    "discount_limit_percent": _limit,
    "confirm_line": _confirm_over,
    "scale_labels": _scale_labels,
}
RENAMED = {"copay_cap": "copay_cap_satang", "confirm_line": "confirm_line_satang"}


def update(session: Session, values: dict[str, str]) -> CentreSettings:
    """Check every value, then save them together; returns the new settings."""
    session.require(Permission.MANAGE_SETTINGS)
    known = {f.name: f for f in fields(CentreSettings)}
    changes: dict[str, object] = {}
    for key, raw in values.items():
        checked = CHECKS.get(key, lambda t: t)(raw)
        name = RENAMED.get(key, key)
        if name not in known:
            raise FieldError(f"ไม่มีการตั้งค่าชื่อ {key}", f"Unknown setting {key}.", key)
        kind = known[name].type
        changes[name] = (
            (checked == "1")
            if kind in (bool, "bool")
            else (int(checked) if kind in (int, "int") else checked)
        )
    new = replace(session.settings, **changes)  # type: ignore[arg-type]
    settings_db.save(session.store, new)
    session.settings = new
    return new
