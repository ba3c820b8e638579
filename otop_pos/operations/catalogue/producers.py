"""The manager's producer register: create, edit, deactivate, PIN, list.

An edit is the stored producer overlaid with the boxes the form sends, then
checked as a whole and journalled as one complete 'producer_upsert' (the
projection fills a missing key with its default, so a partial payload would
erase bank details). Checks are the import file's (files/checks.py), so a
producer saved here exports and imports back unchanged.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

from otop_pos.db.catalogue import producers as producers_db
from otop_pos.db.catalogue import products as catalog
from otop_pos.db.projections import record
from otop_pos.domain.staff.permissions import Permission
from otop_pos.domain.staff.pins import PinError, hash_pin, validate_pin
from otop_pos.domain.thai.thaidate import to_iso, utc_now
from otop_pos.files import checks
from otop_pos.files.forms import Form, FormError
from otop_pos.files.producer_file import (
    DISTRICT_PREFIXES,
    PROVINCE_PREFIXES,
    TYPE_INPUT,
    TYPES,
    place,
)
from otop_pos.operations.errors import FieldError, OperationError
from otop_pos.operations.session import Session

FIELDS = (
    "code", "name", "type", "district", "province", "contact", "reg_no", "tax_id",
    "bank_name", "bank_account", "account_name", "promptpay_id", "commission_percent",
    "vat_registered", "active",
)  # fmt: skip
LABELS = {
    "code": "รหัสผู้ผลิต", "name": "ชื่อผู้ผลิต", "type": "ประเภทผู้ผลิต", "district": "อำเภอ",
    "province": "จังหวัด", "contact": "ช่องทางติดต่อ", "reg_no": "เลขทะเบียนผู้ผลิต",
    "tax_id": "เลขประจำตัวผู้เสียภาษี", "bank_name": "ชื่อธนาคาร", "bank_account": "เลขที่บัญชี",
    "account_name": "ชื่อบัญชี", "promptpay_id": "พร้อมเพย์",
    "commission_percent": "ค่าคอมมิชชั่น (%)", "vat_registered": "การจดทะเบียนภาษีมูลค่าเพิ่ม",
    "active": "สถานะใช้งาน",
}  # fmt: skip
NEW_CODE_RE = re.compile(r"[A-Za-z0-9-]{1,20}", re.ASCII)
_TYPES_TH = ", ".join(TYPES.values())


@contextmanager
def field_errors() -> Iterator[None]:
    """A refused box from the shared form reader, as the operations' FieldError."""
    try:
        yield
    except FormError as exc:
        raise FieldError(exc.thai, exc.english, exc.field) from exc


def reject_unknown_fields(form: Mapping[str, object], known: tuple[str, ...]) -> None:
    extra = sorted(set(form) - set(known))
    if extra:  # a typo in a dialog must not silently drop what the manager typed
        raise ValueError(f"unknown form fields: {extra}")


def producer_form(stored: Mapping[str, Any]) -> dict[str, str]:
    """A stored producer as the texts its edit form shows (and `save_producer` reads)."""
    form = {f: str(stored.get(f) or "") for f in FIELDS if f in stored}
    form["commission_percent"] = checks.percent_text(int(stored.get("commission_bp") or 0))
    form["vat_registered"] = "1" if stored.get("vat_registered") else "0"
    form["active"] = "1" if stored.get("active", True) else "0"
    return form


def _payload(code: str, values: Mapping[str, object]) -> dict[str, Any]:
    form = Form(values, LABELS)
    name = form.text("name", required=True)
    commission = form.checked("commission_percent", checks.commission_bp)
    if commission is None:
        raise FormError(
            f"กรุณากรอกค่าคอมมิชชั่น ({checks.COMMISSION_RANGE_TH})",
            "commission is empty",
            "commission_percent",
        )
    payload: dict[str, Any] = {
        "code": code,
        "name": name,
        "type": form.choice("type", TYPE_INPUT, _TYPES_TH),
        "district": place(form.text("district", max_len=80), DISTRICT_PREFIXES),
        "province": place(form.text("province", max_len=80), PROVINCE_PREFIXES),
        "contact": form.text("contact"),
        "commission_bp": commission,
        "active": form.flag("active", True),
        "reg_no": form.text("reg_no", max_len=60),
        "tax_id": form.checked("tax_id", checks.tax_id),
        "bank_name": form.text("bank_name", max_len=80),
        "bank_account": form.checked("bank_account", checks.bank_account),
        "account_name": form.text("account_name"),
        "promptpay_id": form.checked("promptpay_id", checks.promptpay_id),
        "vat_registered": form.flag("vat_registered", False),
    }
    if payload["vat_registered"] and not payload["tax_id"]:
        raise FormError(
            "ผู้ผลิตที่จดทะเบียนภาษีมูลค่าเพิ่มต้องมีเลขประจำตัวผู้เสียภาษี 13 หลัก",
            "a VAT-registered producer needs a tax ID",
            "tax_id",
        )
    return payload


def _stored(session: Session, code: str) -> dict[str, Any] | None:
    """The producer with this code as typed, or upper-cased ('p01' finds P01)."""
    stored = catalog.producer_payloads(session.store)
    return stored.get(code) or stored.get(code.upper())


def save_producer(session: Session, form: Mapping[str, object], new: bool = False) -> str:
    """Create the producer, or change the boxes given for an existing code; its code.

    `new` is the add form: an existing code is refused rather than quietly edited.
    """
    user = session.require(Permission.MANAGE_PRODUCERS)
    reject_unknown_fields(form, FIELDS)
    code = str(form.get("code") or "").strip()
    if not code:
        raise FieldError("กรุณากรอกรหัสผู้ผลิต", "The producer code is empty.", "code")
    store = session.store
    with store.transaction():
        stored = _stored(session, code)
        if new and stored is not None:
            raise FieldError(
                f"มีผู้ผลิตรหัส {code} อยู่แล้ว ถ้าจะแก้ไขให้เลือกในตารางแล้วกด แก้ไข",
                f"Producer {code} already exists; pick it in the table and press Edit",
                "code",
            )
        if stored is None and not NEW_CODE_RE.fullmatch(code):
            raise FieldError(
                f'รหัสผู้ผลิต "{code[:40]}" ใช้ได้เฉพาะตัวอักษรอังกฤษ ตัวเลข และ - ไม่เกิน 20 ตัว',
                "A producer code is 1 to 20 letters, digits or dashes.",
                "code",
            )
        values: dict[str, object] = {"active": True, "vat_registered": False}
        values |= producer_form(stored) if stored else {}
        values |= {k: v for k, v in form.items() if k != "code"}
        code = str(stored["code"]) if stored else code
        with field_errors():
            payload = _payload(code, values)
        if payload != stored:  # saving an unchanged form adds nothing to the journal
            record.record(
                store,
                session.terminal_id,
                "producer_upsert",
                to_iso(utc_now()),
                user.id,
                {"producers": [payload]},
            )
    return code


def _existing(session: Session, code: str) -> dict[str, Any]:
    stored = _stored(session, code.strip())
    if stored is None:
        raise OperationError(f"ไม่พบผู้ผลิตรหัส {code}", f"No producer with code {code}.")
    return stored


def deactivate_producer(session: Session, code: str) -> None:
    """Stop using a producer (history and settlements stay); reactivate with `save_producer`."""
    session.require(Permission.MANAGE_PRODUCERS)
    save_producer(session, {"code": _existing(session, code)["code"], "active": False})


def reactivate_producer(session: Session, code: str) -> None:
    session.require(Permission.MANAGE_PRODUCERS)
    save_producer(session, {"code": _existing(session, code)["code"], "active": True})


def producer_detail(session: Session, code: str) -> dict[str, str]:
    """The stored producer as the texts of its edit form."""
    session.require(Permission.MANAGE_PRODUCERS)
    return producer_form(_existing(session, code))


def set_producer_pin(session: Session, code: str, pin: str) -> None:
    """Give a producer the PIN for the self-service screen (stored hashed, never journalled)."""
    session.require(Permission.MANAGE_PRODUCERS)
    producer = producers_db.by_code(session.store, _existing(session, code)["code"])
    assert producer is not None
    try:  # the kiosk shows what the centre owes them: the staff's rule, not just the format
        validate_pin(pin, allow_trivial=False)
    except PinError as exc:
        raise FieldError(str(exc), exc.english, "pin") from exc
    producers_db.set_pin(session.store, int(producer["id"]), hash_pin(pin))


@dataclass(frozen=True)
class ProducerListRow:
    """One line of the manager's producer table."""

    code: str
    name: str
    type: str
    type_th: str
    district: str
    province: str
    contact: str
    commission_percent: str
    vat_registered: bool
    active: bool
    products: int  # active products
    has_payout_details: bool  # a bank account or PromptPay to pay them by
    has_pin: bool


def producer_list(session: Session, include_inactive: bool = True) -> list[ProducerListRow]:
    """Every producer by code, for the register table."""
    session.require(Permission.MANAGE_PRODUCERS)
    rows = catalog.producer_rows(session.store)
    return [
        ProducerListRow(
            code=str(r["code"]),
            name=str(r["name"]),
            type=str(r["type"]),
            type_th=TYPES.get(str(r["type"]), str(r["type"])),
            district=str(r["district"]),
            province=str(r["province"]),
            contact=str(r["contact"]),
            commission_percent=checks.percent_text(int(str(r["commission_bp"]))),
            vat_registered=bool(r["vat_registered"]),
            active=bool(r["active"]),
            products=int(str(r["products"])),
            has_payout_details=bool(r["bank_account"] or r["promptpay_id"]),
            has_pin=bool(r["has_pin"]),
        )
        for r in rows
        if include_inactive or r["active"]
    ]
