"""The product file a manager edits in Excel: parse, validate, report by row.

All-or-nothing: a catalogue half imported is worse than none (the till
would sell at a mix of old and new prices), so any bad row refuses the file
and the report lists every problem with the row number Excel shows.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from otop_pos.domain.catalogue.barcode import is_valid_ean8, is_valid_ean13
from otop_pos.domain.catalogue.categories import CATEGORIES
from otop_pos.domain.catalogue.units import Unit, is_measured
from otop_pos.domain.money import Money
from otop_pos.files import checks
from otop_pos.files.fields import Cells, shown
from otop_pos.files.table import ProductFileError, RowError, read_table

COLUMNS = (
    "sku", "barcode", "name_th", "name_en", "category", "stars", "producer_code",
    "price", "vat", "ownership", "quick_key",
)  # fmt: skip
# every column the reader knows, in the order an export writes them
ALL_COLUMNS = (*COLUMNS, "active", "commission_percent", "min_stock", "unit", "scale_code")
REQUIRED = ("sku", "name_th", "category", "price")

CATEGORY_INPUT: dict[str, str] = {
    **{code: code for code in CATEGORIES},
    **{th.replace(" ", ""): code for code, th in CATEGORIES.items()},
    "drinks": "drink", "beverage": "drink", "beverages": "drink",
    "textiles": "textile", "clothing": "textile", "souvenir": "household",
    "souvenirs": "household", "herbs": "herbal",
}  # fmt: skip
UNIT_INPUT: dict[str, str] = {
    **dict.fromkeys(("piece", "pieces", "pcs", "pc", "ชิ้น", "อัน"), Unit.PIECE.value),
    **dict.fromkeys(("kg", "kgs", "กก.", "กก", "กิโลกรัม", "กิโล"), Unit.KG.value),
    **dict.fromkeys(("g", "gram", "grams", "ก.", "กรัม"), Unit.G.value),
    **dict.fromkeys(("l", "litre", "liter", "ล.", "ลิตร"), Unit.L.value),
    **dict.fromkeys(("m", "metre", "meter", "ม.", "เมตร"), Unit.M.value),
}
MAX_SCALE_CODE = 999_999
OWNERSHIP_INPUT = {
    "consigned": "consigned",
    "ฝากขาย": "consigned",
    "owned": "owned",
    "ซื้อขาด": "owned",
}

LABELS = {
    "sku": "รหัสสินค้า", "barcode": "บาร์โค้ด", "name_th": "ชื่อสินค้าภาษาไทย",
    "name_en": "ชื่อสินค้าภาษาอังกฤษ", "category": "หมวดสินค้า", "stars": "ระดับดาว",
    "producer_code": "รหัสผู้ผลิต", "price": "ราคา", "vat": "ภาษีมูลค่าเพิ่ม",
    "ownership": "ประเภทการรับสินค้า", "quick_key": "ปุ่มลัด", "active": "สถานะใช้งาน",
    "commission_percent": "ค่าคอมมิชชั่นเฉพาะสินค้า (%)", "min_stock": "จำนวนขั้นต่ำในสต็อก",
    "unit": "หน่วยขาย", "scale_code": "รหัสสินค้าในตาชั่ง",
}  # fmt: skip
ALIASES = {
    "รหัสสินค้า": "sku", "บาร์โค้ด": "barcode", "barcodes": "barcode",
    "ชื่อสินค้า": "name_th", "ชื่อภาษาไทย": "name_th", "ชื่อภาษาอังกฤษ": "name_en",
    "หมวด": "category", "หมวดสินค้า": "category", "ดาว": "stars", "ระดับดาว": "stars",
    "รหัสผู้ผลิต": "producer_code", "producer": "producer_code", "ราคา": "price",
    "ราคาขาย": "price", "price_baht": "price", "ภาษีมูลค่าเพิ่ม": "vat",
    "vat_applicable": "vat", "ปุ่มลัด": "quick_key", "ใช้งาน": "active",
    "สถานะใช้งาน": "active", "ประเภทการรับสินค้า": "ownership", "ชื่อสินค้าภาษาไทย": "name_th",
    "ชื่อสินค้าภาษาอังกฤษ": "name_en", "commission": "commission_percent",
    "commission_%": "commission_percent", "ค่าคอมมิชชั่น": "commission_percent",
    "ค่าคอมมิชชั่น(%)": "commission_percent", "ค่าคอมมิชชั่น_(%)": "commission_percent",
    "ค่าคอมมิชชั่นเฉพาะสินค้า": "commission_percent",
    "ค่าคอมมิชชั่นเฉพาะสินค้า_(%)": "commission_percent", "min_qty": "min_stock",
    "reorder_level": "min_stock", "สต็อกขั้นต่ำ": "min_stock", "จำนวนขั้นต่ำ": "min_stock",
    "จำนวนขั้นต่ำในสต็อก": "min_stock", "จุดสั่งซื้อ": "min_stock", "หน่วย": "unit",
    "หน่วยขาย": "unit", "หน่วยนับ": "unit", "รหัสตาชั่ง": "scale_code",
    "รหัสสินค้าในตาชั่ง": "scale_code", "plu": "scale_code",
}  # fmt: skip

SKU_RE = re.compile(r"[A-Za-z0-9][A-Za-z0-9._/-]{0,39}", re.ASCII)
_SCIENTIFIC_RE = re.compile(r"\d+(?:[.,]\d+)?[eE][+]?\d+")
SPLIT_RE = re.compile(r"[|;,\s]+")


@dataclass(frozen=True)
class ProductRow:
    """One valid row, typed; `line` is the Excel row it came from."""

    sku: str
    name_th: str
    category: str
    price: Money
    name_en: str = ""
    barcodes: tuple[str, ...] = ()
    stars: int | None = None
    producer_code: str | None = None
    vat: bool = True
    ownership: str = "consigned"
    quick_key: int | None = None
    active: bool = True
    commission_bp: int | None = None  # None: the producer's rate
    min_stock: int = 0  # pieces, or thousandths of a measured unit
    unit: str = Unit.PIECE.value
    scale_code: int | None = None  # the item code in a scale's labels
    line: int = field(default=0, compare=False)


@dataclass(frozen=True)
class ProductTable:
    rows: list[ProductRow]
    columns: frozenset[str]  # which optional columns the file actually has


def is_valid_barcode(code: str) -> bool:
    """EAN-13, EAN-8 or UPC-A (12 digits) with a correct check digit."""
    if len(code) == 12:
        return is_valid_ean13("0" + code)
    return is_valid_ean13(code) or is_valid_ean8(code)


def barcode_problem(code: str) -> tuple[str, str] | None:
    """(Thai, English) saying why `code` cannot be a product barcode, or None if it can."""
    if _SCIENTIFIC_RE.fullmatch(code):
        return (
            f'บาร์โค้ด "{shown(code)}" ถูก Excel แปลงเป็นเลขยกกำลัง'
            " กรุณาจัดรูปแบบคอลัมน์บาร์โค้ดเป็นข้อความแล้วพิมพ์ใหม่",
            f'barcode "{shown(code)}" was turned into a scientific number by Excel;'
            " format the column as text",
        )
    if not (code.isascii() and code.isdigit() and len(code) in (8, 12, 13)):
        return (
            f'บาร์โค้ด "{shown(code)}" ต้องเป็นตัวเลข 8, 12 หรือ 13 หลัก (EAN-8, UPC-A, EAN-13)',
            f'barcode "{shown(code)}" must be 8, 12 or 13 digits (EAN-8, UPC-A, EAN-13)',
        )
    if not is_valid_barcode(code):
        return (
            f'บาร์โค้ด "{code}" เลขตรวจสอบ (หลักสุดท้าย) ไม่ถูกต้อง',
            f'barcode "{code}" has a wrong check digit',
        )
    return None


def split_barcodes(text: str) -> list[str]:
    """The codes in one cell or form box, separated by commas, spaces, | or ;."""
    return [c for c in SPLIT_RE.split(text.strip()) if c]


def _barcodes(cells: Cells, sku: str, held: Mapping[str, str]) -> tuple[str, ...]:
    """The row's codes; one the product already holds is kept unquestioned.

    A code the till already scans for this product (from the province, or
    from before check digits were checked) must not make the centre's own
    export refuse to import back.
    """
    found: list[str] = []
    for code in split_barcodes(cells.raw("barcode")):
        problem = None if held.get(code) == sku else barcode_problem(code)
        if problem is not None:
            cells.error("barcode", *problem)
        elif code not in found:
            found.append(code)
    return tuple(found)


def _row(cells: Cells, held: Mapping[str, str]) -> ProductRow:
    sku = cells.text("sku", required=True, max_len=40)
    if sku and not SKU_RE.fullmatch(sku):
        cells.error(
            "sku",
            f'รหัสสินค้า "{shown(sku)}" ใช้ได้เฉพาะตัวอักษรอังกฤษ ตัวเลข และ . _ / - ไม่มีช่องว่าง',
            f'sku "{shown(sku)}" may only use letters, digits and . _ / - (no spaces)',
        )
    name_th = cells.text("name_th", required=True)
    category = cells.raw("category")
    if not category:
        cells.error("category", "ไม่ได้กรอกหมวดสินค้า", "category is empty")
    else:
        category = cells.choice("category", CATEGORY_INPUT, "food")
    price = Money(0)
    if cells.raw("price"):
        price = cells.money("price")
    else:
        cells.error("price", "ไม่ได้กรอกราคา", "price is empty")
    unit = cells.choice("unit", UNIT_INPUT, Unit.PIECE.value)
    scale_code = cells.int_in("scale_code", 1, MAX_SCALE_CODE)
    if scale_code is not None and not is_measured(unit):
        cells.error(
            "scale_code",
            "รหัสสินค้าในตาชั่งใช้กับสินค้าที่ขายตามน้ำหนักหรือปริมาณเท่านั้น (ใส่หน่วย เช่น กก.)",
            "a scale code needs a measured unit (e.g. kg)",
        )
    return ProductRow(
        sku=sku,
        name_th=name_th,
        category=category,
        price=price,
        name_en=cells.text("name_en"),
        barcodes=_barcodes(cells, sku, held),
        stars=cells.int_in("stars", 1, 5, suffix="ดาว"),
        producer_code=cells.text("producer_code", max_len=40) or None,
        vat=cells.flag("vat", True),
        ownership=cells.choice("ownership", OWNERSHIP_INPUT, "consigned"),
        quick_key=cells.int_in("quick_key", 1, 99),
        active=cells.flag("active", True),
        commission_bp=cells.checked("commission_percent", checks.commission_bp, None),
        min_stock=cells.checked("min_stock", lambda t: checks.min_stock(t, unit), 0),
        unit=unit,
        scale_code=scale_code,
        line=cells.line,
    )


def _check_unique(rows: list[ProductRow], errors: list[RowError]) -> None:
    """The same sku, barcode, quick key or scale code twice in one file is always a mistake."""
    seen: dict[tuple[str, str], int] = {}
    for row in rows:
        keys = [("sku", row.sku)] + [("barcode", b) for b in row.barcodes]
        if row.quick_key is not None:
            keys.append(("quick_key", str(row.quick_key)))
        if row.scale_code is not None:
            keys.append(("scale_code", str(row.scale_code)))
        for column, value in keys:
            first = seen.setdefault((column, value), row.line)
            if first != row.line:
                errors.append(
                    RowError(
                        row.line,
                        column,
                        f'แถว {row.line}: {LABELS[column]} "{shown(value)}" ซ้ำกับแถว {first}',
                        f'Line {row.line}: {column} "{shown(value)}" repeats line {first}',
                    )
                )


def read_product_table(path: str | Path, held: Mapping[str, str] | None = None) -> ProductTable:
    """Rows plus the set of columns present (an absent column keeps DB values).

    `held` maps barcode -> SKU of codes already in the store (see `_barcodes`).
    """
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
            ]
        )
    errors: list[RowError] = []
    rows = [_row(Cells(line, cells, errors, LABELS), held or {}) for line, cells in table.rows]
    _check_unique([r for r in rows if r.sku], errors)
    if errors:
        errors.sort(key=lambda e: e.line)
        raise ProductFileError(errors)
    return ProductTable(rows, frozenset(table.columns))


def read_product_file(path: str | Path) -> list[ProductRow]:
    """Every row of a valid file, or ProductFileError listing all problems."""
    return read_product_table(path).rows


def product_payload(row: ProductRow) -> dict[str, Any]:
    """The 'product_upsert' journal form of a row; unit and scale code only when set."""
    payload: dict[str, Any] = {
        "sku": row.sku,
        "name_th": row.name_th,
        "name_en": row.name_en,
        "category": row.category,
        "stars": row.stars,
        "producer_code": row.producer_code,
        "price_satang": row.price.satang,
        "vat_applicable": row.vat,
        "ownership": row.ownership,
        "quick_key": row.quick_key,
        "active": row.active,
        "barcodes": list(row.barcodes),
        "commission_bp": row.commission_bp,
        "min_stock": row.min_stock,
    }
    if row.unit != Unit.PIECE.value:
        payload["unit"] = row.unit
    if row.scale_code is not None:
        payload["scale_code"] = row.scale_code
    return payload
