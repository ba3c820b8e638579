"""A manager changes the centre's settings; each value is checked before anything is saved.

Payment and tax settings go on documents customers and the Revenue
Department rely on (the PromptPay ID money is sent to, the tax ID on every
invoice), so a bad value is refused with a Thai message naming the setting.
Values that would stop the till are refused too: document numbers are the
POS ID's (`POS01-69110001`) but counted per terminal (`db/counters.py`), so
a new terminal id under the same POS ID would number from 1 again and
collide, and the journal's chain is per terminal. `CHECKS` is the one place
a single value is checked (the first-run wizard uses it as well); `update`
adds what depends on the store, and records who changed what
(`settings_changed`, shown in the audit log).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import fields, replace

from otop_pos.db import counters, journal
from otop_pos.db import settings as settings_db
from otop_pos.db.projections import record
from otop_pos.db.settings import CentreSettings
from otop_pos.domain.catalogue.scale_labels import ScaleLabelError, parse_layouts
from otop_pos.domain.money import Money, MoneyError
from otop_pos.domain.staff.permissions import Permission
from otop_pos.domain.thai.taxid import TaxIdError, branch_code, branch_label, normalize_tax_id
from otop_pos.domain.thai.thaidate import to_iso, utc_now
from otop_pos.operations import setting_values as values_
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


def _branch(text: str) -> str:
    """Kept as the tax invoice prints it ('สาขาที่ 00002'), as the first-run wizard keeps it."""
    try:
        return branch_label(branch_code(text))
    except TaxIdError as exc:
        raise FieldError(str(exc), exc.english, "branch") from exc


CHECKS: dict[str, Callable[[str], str]] = {
    "promptpay_id": lambda t: check_promptpay_id(t) if t.strip() else "",
    "tax_id": _tax_id,
    "branch": _branch,
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
    **values_.CHECKS,
}
RENAMED = {"copay_cap": "copay_cap_satang", "confirm_line": "confirm_line_satang"}


def check(values: dict[str, str]) -> dict[str, object]:
    """Each value checked and converted to its setting's type, by setting name."""
    known = {f.name: f for f in fields(CentreSettings)}
    changes: dict[str, object] = {}
    for key, raw in values.items():
        name = RENAMED.get(key, key)
        if name not in known:
            raise FieldError(f"ไม่มีการตั้งค่าชื่อ {key}", f"Unknown setting {key}.", key)
        checked = CHECKS.get(key, lambda t: t)(raw)
        kind = known[name].type
        changes[name] = (
            (checked == "1")
            if kind in (bool, "bool")
            else (int(checked) if kind in (int, "int") else checked)
        )
    return changes


def update(session: Session, values: dict[str, str]) -> CentreSettings:
    """Check every value, then save them together with their audit entry; returns the new settings.

    All or nothing: one refused value leaves every setting as it was.
    """
    user = session.require(Permission.MANAGE_SETTINGS)
    changes = check(values)
    store = session.store
    with store.transaction():
        old = settings_db.load(store)
        new = replace(old, **changes)  # type: ignore[arg-type]
        values_.check_together(new)
        _check_numbering(session, old, new)
        before, after = settings_db.as_text(old), settings_db.as_text(new)
        changed = [
            {"key": k, "old": before[k], "new": after[k]} for k in after if before[k] != after[k]
        ]
        if changed:
            settings_db.save(store, new)
            record.record(
                store, new.terminal_id, "settings_changed", to_iso(utc_now()), user.id,
                {"changes": changed},
            )  # fmt: skip
    # the session keeps this run's own overrides (open_session's printer, language)
    session.settings = replace(session.settings, **changes)  # type: ignore[arg-type]
    return new


def _check_numbering(session: Session, old: CentreSettings, new: CentreSettings) -> None:
    """Refuse a terminal id or POS ID under which the next document number is already taken."""
    store = session.store
    if new.terminal_id != old.terminal_id:
        own = journal.head(store, old.terminal_id)[0]
        if own or counters.terminal_has_numbers(store, old.terminal_id):
            raise FieldError(
                f"เปลี่ยนรหัสเครื่องไม่ได้: เครื่อง {old.terminal_id} มีรายการบันทึกแล้ว {own:,} รายการ"
                " (สายบันทึกและเลขที่เอกสารผูกกับรหัสเครื่อง จะทำให้ขายไม่ได้)",
                f"The terminal id cannot change: {old.terminal_id} has {own:,} journal entries"
                " (the chain and document numbers belong to it; selling would fail).",
                "terminal_id",
            )
        if journal.head(store, new.terminal_id)[0] or counters.terminal_has_numbers(
            store, new.terminal_id
        ):
            raise FieldError(
                f"รหัสเครื่อง {new.terminal_id} เป็นของเครื่องอื่นในฐานข้อมูลนี้แล้ว",
                f"Terminal id {new.terminal_id} already belongs to another till in this database.",
                "terminal_id",
            )
    others = [t for t in counters.receipt_terminals(store, new.pos_id) if t != new.terminal_id]
    if new.pos_id != old.pos_id and others:
        raise FieldError(
            f"เลขที่ใบเสร็จของรหัส POS {new.pos_id} เป็นของเครื่อง {', '.join(others)} แล้ว"
            " ใช้ซ้ำจะได้เลขที่ซ้ำกัน",
            f"POS ID {new.pos_id} already numbers the receipts of {', '.join(others)}.",
            "pos_id",
        )
