"""The producer list (groups, single owners, SMEs) as a manager keeps it in Excel.

Same all-or-nothing rule as products: producers are referenced by products
and settlements, so a half-imported list would leave products pointing at
producers that do not exist.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from otop_pos.files import checks
from otop_pos.files.fields import Cells, shown
from otop_pos.files.table import ProductFileError, RowError, read_table

REQUIRED = ("code", "name")
# every column the reader knows, in the order an export writes them
ALL_COLUMNS = (
    "code", "name", "type", "district", "province", "contact", "commission_percent", "active",
    "reg_no", "tax_id", "bank_name", "bank_account", "account_name", "promptpay_id",
    "vat_registered",
)  # fmt: skip
TYPES: dict[str, str] = {
    "community_enterprise": "วิสาหกิจชุมชน / กลุ่มผู้ผลิตชุมชน",
    "single_owner": "ผู้ผลิตชุมชนรายเดียว",
    "sme": "ผู้ประกอบการ SME",
}
TYPE_INPUT = {
    **{code: code for code in TYPES},
    **dict.fromkeys(
        ("วิสาหกิจชุมชน", "กลุ่ม", "กลุ่มผู้ผลิตชุมชน", "กลุ่มผู้ผลิต", "community", "group"),
        "community_enterprise",
    ),
    **dict.fromkeys(
        ("ผู้ผลิตรายเดียว", "ผู้ผลิตชุมชนรายเดียว", "รายเดียว", "รายเดี่ยว", "single"),
        "single_owner",
    ),
    **dict.fromkeys(("เอสเอ็มอี", "smes", "ผู้ประกอบการsme"), "sme"),
}
LABELS = {
    "code": "รหัสผู้ผลิต", "name": "ชื่อผู้ผลิต", "type": "ประเภทผู้ผลิต",
    "district": "อำเภอ", "province": "จังหวัด", "contact": "ช่องทางติดต่อ",
    "commission_percent": "ค่าคอมมิชชั่น (%)", "active": "สถานะใช้งาน",
    "reg_no": "เลขทะเบียนผู้ผลิต", "tax_id": "เลขประจำตัวผู้เสียภาษี", "bank_name": "ธนาคาร",
    "bank_account": "เลขที่บัญชี", "account_name": "ชื่อบัญชี", "promptpay_id": "พร้อมเพย์",
    "vat_registered": "จดทะเบียนภาษีมูลค่าเพิ่ม",
}  # fmt: skip
ALIASES = {
    "รหัสผู้ผลิต": "code", "producer_code": "code", "ชื่อผู้ผลิต": "name",
    "ประเภท": "type", "ประเภทผู้ผลิต": "type", "อำเภอ": "district",
    "จังหวัด": "province", "ติดต่อ": "contact", "โทรศัพท์": "contact", "phone": "contact",
    "commission": "commission_percent", "ค่าคอมมิชชั่น": "commission_percent",
    "ใช้งาน": "active", "สถานะใช้งาน": "active", "ค่าคอมมิชชั่น_(%)": "commission_percent",
    "ค่าคอมมิชชั่น(%)": "commission_percent", "ช่องทางติดต่อ": "contact",
    "เลขทะเบียน": "reg_no", "เลขทะเบียนผู้ผลิต": "reg_no", "registration_no": "reg_no",
    "เลขทะเบียนวิสาหกิจชุมชน": "reg_no", "ทะเบียนวิสาหกิจชุมชน": "reg_no",
    "เลขประจำตัวผู้เสียภาษี": "tax_id", "เลขผู้เสียภาษี": "tax_id", "taxid": "tax_id",
    "เลขประจำตัวผู้เสียภาษีอากร": "tax_id", "ธนาคาร": "bank_name", "ชื่อธนาคาร": "bank_name",
    "bank": "bank_name", "เลขที่บัญชี": "bank_account", "เลขบัญชี": "bank_account",
    "เลขที่บัญชีธนาคาร": "bank_account", "account_no": "bank_account",
    "account_number": "bank_account", "ชื่อบัญชี": "account_name", "พร้อมเพย์": "promptpay_id",
    "promptpay": "promptpay_id", "เลขพร้อมเพย์": "promptpay_id",
    "จดทะเบียนภาษีมูลค่าเพิ่ม": "vat_registered", "จด_vat": "vat_registered",
    "จดvat": "vat_registered", "vat": "vat_registered",
}  # fmt: skip
CODE_RE = re.compile(r"[A-Za-z0-9][A-Za-z0-9._/-]{0,39}", re.ASCII)


@dataclass(frozen=True)
class ProducerRow:
    code: str
    name: str
    type: str = "community_enterprise"
    district: str = ""
    province: str = ""
    contact: str = ""
    commission_bp: int | None = None  # None: not given (new producers get 0)
    active: bool = True
    reg_no: str = ""
    tax_id: str = ""  # 13 digits
    bank_name: str = ""
    bank_account: str = ""
    account_name: str = ""
    promptpay_id: str = ""  # display form, e.g. 081-234-5678
    vat_registered: bool = False
    line: int = field(default=0, compare=False)


@dataclass(frozen=True)
class ProducerTable:
    rows: list[ProducerRow]
    columns: frozenset[str]


DISTRICT_PREFIXES = ("อำเภอ", "อ.")
PROVINCE_PREFIXES = ("จังหวัด", "จ.")


def place(text: str, prefixes: tuple[str, ...]) -> str:
    """'อำเภอกันทรลักษ์' and 'อ.กันทรลักษ์' -> 'กันทรลักษ์' so reports group them.

    Applying it twice changes nothing more, so an exported list imports back as it was.
    """
    found = True
    while found:
        found = False
        for prefix in prefixes:
            if text.startswith(prefix) and len(text[len(prefix) :].strip()) > 0:
                text, found = text[len(prefix) :].strip(), True
    return text


def _row(cells: Cells) -> ProducerRow:
    code = cells.text("code", required=True, max_len=40)
    if code and not CODE_RE.fullmatch(code):
        cells.error(
            "code",
            f'รหัสผู้ผลิต "{shown(code)}" ใช้ได้เฉพาะตัวอักษรอังกฤษ ตัวเลข และ . _ / - ไม่มีช่องว่าง',
            f'code "{shown(code)}" may only use letters, digits and . _ / - (no spaces)',
        )
    return ProducerRow(
        code=code,
        name=cells.text("name", required=True),
        type=cells.choice("type", TYPE_INPUT, "community_enterprise"),
        district=place(cells.text("district", max_len=80), DISTRICT_PREFIXES),
        province=place(cells.text("province", max_len=80), PROVINCE_PREFIXES),
        contact=cells.text("contact"),
        commission_bp=cells.percent_bp("commission_percent"),
        active=cells.flag("active", True),
        reg_no=cells.text("reg_no", max_len=60),
        tax_id=cells.checked("tax_id", checks.tax_id, ""),
        bank_name=cells.text("bank_name", max_len=80),
        bank_account=cells.checked("bank_account", checks.bank_account, ""),
        account_name=cells.text("account_name"),
        promptpay_id=cells.checked("promptpay_id", checks.promptpay_id, ""),
        vat_registered=cells.flag("vat_registered", False),
        line=cells.line,
    )


def read_producer_table(path: str | Path) -> ProducerTable:
    table = read_table(path, ALIASES)
    missing = [c for c in REQUIRED if c not in table.columns]
    if missing:
        raise ProductFileError(
            [
                RowError(
                    1,
                    c,
                    f'แถว 1: ไม่พบคอลัมน์ "{c}" ({LABELS[c]}) ในแถวหัวตาราง',
                    f'Line 1: the header has no "{c}" column',
                )
                for c in missing
            ],
            "ไฟล์ผู้ผลิต",
        )
    errors: list[RowError] = []
    rows = [_row(Cells(line, cells, errors, LABELS)) for line, cells in table.rows]
    first_line: dict[str, int] = {}
    for row in rows:
        first = first_line.setdefault(row.code, row.line)
        if row.code and first != row.line:
            errors.append(
                RowError(
                    row.line,
                    "code",
                    f'แถว {row.line}: รหัสผู้ผลิต "{row.code}" ซ้ำกับแถว {first}',
                    f'Line {row.line}: code "{row.code}" repeats line {first}',
                )
            )
    if errors:
        errors.sort(key=lambda e: e.line)
        raise ProductFileError(errors, "ไฟล์ผู้ผลิต")
    return ProducerTable(rows, frozenset(table.columns))


def read_producer_file(path: str | Path) -> list[ProducerRow]:
    return read_producer_table(path).rows


def producer_payload(row: ProducerRow) -> dict[str, Any]:
    """The 'producer_upsert' journal form of a row."""
    return {
        "code": row.code,
        "name": row.name,
        "type": row.type,
        "district": row.district,
        "province": row.province,
        "contact": row.contact,
        "commission_bp": row.commission_bp or 0,
        "active": row.active,
        "reg_no": row.reg_no,
        "tax_id": row.tax_id,
        "bank_name": row.bank_name,
        "bank_account": row.bank_account,
        "account_name": row.account_name,
        "promptpay_id": row.promptpay_id,
        "vat_registered": row.vat_registered,
    }
