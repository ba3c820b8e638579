"""Checks of the settings that identify the till, its documents, its printer and its files.

Each check takes what was typed and returns the value to store, or raises a
`FieldError` naming the setting. A value here is one the till cannot work
with: an empty or odd POS ID makes every document number fail, a printer
address the printer code cannot read makes every receipt fail, a documents
folder that cannot be written makes every PDF fail. They join the other
checks in `operations/centre_settings.py` `CHECKS`, the one table of checks.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from otop_pos.operations.errors import FieldError

if TYPE_CHECKING:
    from otop_pos.db.settings import CentreSettings

POS_ID = re.compile(r"[A-Za-z0-9]{1,16}", re.ASCII)
"""As the provincial server enrols a till (letters and digits, at most 16)."""
TERMINAL_ID = re.compile(r"[A-Za-z0-9_-]{1,32}", re.ASCII)
"""The journal chain's name, as the server takes it."""
INVOICE_PREFIX = re.compile(r"[A-Za-z0-9][A-Za-z0-9_-]{0,23}", re.ASCII)
PAPER_DOTS = ("384", "576")  # 58 mm and 80 mm paper
LANGS = ("th", "en")


def _pos_id(text: str) -> str:
    value = text.strip()
    if not POS_ID.fullmatch(value):
        raise FieldError(
            "รหัส POS ต้องเป็นตัวอักษรอังกฤษหรือตัวเลข 1-16 ตัว (ตามที่ลงทะเบียนกับกรมสรรพากร) เช่น POS01 ห้ามว่าง",
            "The POS ID must be 1-16 letters or digits, e.g. POS01.",
            "pos_id",
        )
    return value


def _terminal_id(text: str) -> str:
    value = text.strip()
    if not TERMINAL_ID.fullmatch(value):
        raise FieldError(
            "รหัสเครื่องต้องเป็นตัวอักษรอังกฤษ ตัวเลข - หรือ _ 1-32 ตัว เช่น T01",
            "The terminal id must be 1-32 letters, digits, - or _, e.g. T01.",
            "terminal_id",
        )
    return value


def _invoice_prefix(text: str) -> str:
    value = text.strip()
    if value and not INVOICE_PREFIX.fullmatch(value):
        raise FieldError(
            "คำนำหน้าเลขที่ใบกำกับภาษีต้องเป็นตัวอักษรอังกฤษ ตัวเลข - หรือ _ ไม่เกิน 24 ตัว"
            " (เว้นว่างได้ จะใช้ <รหัส POS>-TI)",
            "The invoice prefix must be up to 24 letters, digits, - or _ (empty: <POS ID>-TI).",
            "invoice_prefix",
        )
    return value


def _printer_uri(text: str) -> str:
    from otop_pos.printing.engine.devices import PrinterConfigError, parse_printer_uri

    try:
        return parse_printer_uri(text).uri
    except PrinterConfigError as exc:
        raise FieldError(
            str(exc), f"Not a printer address (preview, file:, tcp:, usb:, serial:): {text!r}",
            "printer_uri",
        ) from exc  # fmt: skip


def _one_of(key: str, allowed: tuple[str, ...], thai: str) -> Callable[[str], str]:
    def check(text: str) -> str:
        if text.strip() not in allowed:
            raise FieldError(thai, f"{key} must be one of {' / '.join(allowed)}.", key)
        return text.strip()

    return check


def _folder(text: str) -> str:
    """'' (beside the database) or a full path to a folder this user can write into."""
    value = text.strip()
    if not value:
        return ""
    path = Path(value).expanduser()
    if not path.is_absolute():
        raise FieldError(
            "โฟลเดอร์เอกสารต้องเป็นที่อยู่เต็ม เช่น /home/otop/เอกสาร (หรือเว้นว่าง)",
            "The documents folder must be a full path (or empty).",
            "documents_dir",
        )
    probe = path
    while not probe.exists() and probe != probe.parent:
        probe = probe.parent
    if probe == path and not path.is_dir():
        raise FieldError(
            f"{path} เป็นไฟล์ ไม่ใช่โฟลเดอร์",
            f"{path} is a file, not a folder.",
            "documents_dir",
        )
    if not probe.is_dir() or not os.access(probe, os.W_OK | os.X_OK):
        raise FieldError(
            f"เขียนไฟล์ลงโฟลเดอร์ {probe} ไม่ได้ (ไม่มีสิทธิ์หรือเป็นสื่อที่อ่านได้อย่างเดียว)",
            f"Cannot write into {probe} (no permission or read-only).",
            "documents_dir",
        )
    return str(path)


def _certificate(text: str) -> str:
    """The path of the signing certificate; its password is never a setting."""
    value = text.strip()
    if value and not Path(value).expanduser().is_file():
        raise FieldError(
            f"ไม่พบไฟล์ใบรับรอง {value}", f"No certificate file at {value}.", "etax_p12_path"
        )
    return str(Path(value).expanduser()) if value else ""


def _text(
    key: str, thai_name: str, most: int, lines: int = 1, needed: bool = False
) -> Callable[[str], str]:
    def check(text: str) -> str:
        value = "\n".join(line.rstrip() for line in text.strip().splitlines())
        if needed and not value:
            raise FieldError(f"ต้องกรอก{thai_name}", f"{key} must not be empty.", key)
        if len(value) > most or value.count("\n") >= lines:
            raise FieldError(
                f"{thai_name}ยาวเกินไป (ไม่เกิน {most} ตัวอักษร {lines} บรรทัด)",
                f"{key}: at most {most} characters on {lines} line(s).",
                key,
            )
        return value

    return check


def _digits(key: str, thai_name: str, length: int) -> Callable[[str], str]:
    def check(text: str) -> str:
        value = text.strip()
        if value and not (value.isascii() and value.isdigit() and len(value) == length):
            raise FieldError(
                f"{thai_name}ต้องเป็นตัวเลข {length} หลัก (หรือเว้นว่าง)",
                f"{key} must be {length} digits (or empty).",
                key,
            )
        return value

    return check


CHECKS: dict[str, Callable[[str], str]] = {
    "pos_id": _pos_id,
    "terminal_id": _terminal_id,
    "invoice_prefix": _invoice_prefix,
    "printer_uri": _printer_uri,
    "paper_dots": _one_of(
        "paper_dots", PAPER_DOTS, "ความกว้างกระดาษต้องเป็น 384 (58 มม.) หรือ 576 (80 มม.) จุด"
    ),
    "lang": _one_of("lang", LANGS, "ภาษาต้องเป็น th หรือ en"),
    "documents_dir": _folder,
    "etax_p12_path": _certificate,
    "centre_name": _text("centre_name", "ชื่อศูนย์", 120, needed=True),
    "centre_name_en": _text("centre_name_en", "ชื่อศูนย์ภาษาอังกฤษ", 120),
    "address": _text("address", "ที่อยู่", 300, lines=3),
    "building_number": _text("building_number", "เลขที่", 40),
    "street": _text("street", "ถนน", 120),
    "receipt_header": _text("receipt_header", "ข้อความหัวใบเสร็จ", 300, lines=4),
    "receipt_footer": _text("receipt_footer", "ข้อความท้ายใบเสร็จ", 300, lines=4),
    "copay_scheme": _text("copay_scheme", "ชื่อโครงการ", 60),
    "postcode": _digits("postcode", "รหัสไปรษณีย์", 5),
    "province_code": _digits("province_code", "รหัสจังหวัด", 2),
    "district_code": _digits("district_code", "รหัสอำเภอ", 4),
    "sub_district_code": _digits("sub_district_code", "รหัสตำบล", 6),
}


def check_together(s: CentreSettings) -> None:
    """What one value cannot say alone: the invoice series apart from the receipts, codes nested."""
    if s.invoice_prefix and s.invoice_prefix == s.pos_id:
        raise FieldError(
            "คำนำหน้าใบกำกับภาษีต้องไม่ซ้ำกับรหัส POS (เลขที่จะซ้ำกับใบเสร็จ)",
            "The invoice prefix must differ from the POS ID (numbers would repeat the receipts').",
            "invoice_prefix",
        )
    if s.vat_registered and not s.tax_id:
        raise FieldError(
            "ศูนย์ที่จดทะเบียนภาษีมูลค่าเพิ่มต้องมีเลขประจำตัวผู้เสียภาษี (พิมพ์บนใบกำกับภาษีทุกใบ)",
            "A VAT-registered centre needs its tax ID (every tax invoice carries it).",
            "tax_id",
        )
    nested = (
        ("district_code", s.district_code, s.province_code, "รหัสอำเภอต้องขึ้นต้นด้วยรหัสจังหวัด"),
        ("sub_district_code", s.sub_district_code, s.district_code,
         "รหัสตำบลต้องขึ้นต้นด้วยรหัสอำเภอ"),
    )  # fmt: skip
    for key, code, parent, thai in nested:
        if code and parent and not code.startswith(parent):
            raise FieldError(f"{thai} ({parent})", f"{key} must start with {parent}.", key)
