"""Stock counts: a sheet in memory while people count, one journal entry when posted.

Counting takes time and the shop keeps selling, so what the system
expects is read again at posting: the variance is what was counted less
what the movements say now. Only lines someone actually counted are
posted; an uncounted line is not a count of zero.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from otop_pos.db import counters
from otop_pos.db.projections import record
from otop_pos.db.stock import levels as stock_db
from otop_pos.domain.catalogue.barcode import ScanError, parse_scan
from otop_pos.domain.catalogue.categories import CATEGORIES
from otop_pos.domain.catalogue.units import amount_for, is_measured, qty_text, unit_text
from otop_pos.domain.money import Money
from otop_pos.domain.numbering import format_doc_number, period_of
from otop_pos.domain.staff.permissions import Permission
from otop_pos.domain.stock.quantities import MAX_QTY, StockInputError, parse_count
from otop_pos.domain.thai.thaidate import to_iso, utc_now
from otop_pos.operations.approvals import Approval, authorize
from otop_pos.operations.consignment.intake import producer
from otop_pos.operations.errors import FieldError, OperationError
from otop_pos.operations.session import Session

COUNT_SERIES = "stock_count"
_THAI_DIGITS = str.maketrans("๐๑๒๓๔๕๖๗๘๙", "0123456789")


@dataclass
class CountLine:
    product_id: int
    sku: str
    name_th: str
    ownership: str
    price: Money
    expected: int  # on hand when the sheet was started; re-read at posting
    counted: int | None = None  # None: not counted yet
    unit: str = "piece"  # a weighed product is counted in thousandths (weighed, typed)


@dataclass
class CountSheet:
    scope: dict[str, str | None]  # {'producer': code or None, 'category': key or None}
    lines: dict[int, CountLine]  # by product id, in shelf order (producer, sku)
    started_at: str
    posted_no: str = ""
    scope_th: str = field(default="ทั้งร้าน")


@dataclass(frozen=True)
class Variance:
    product_id: int
    sku: str
    name_th: str
    expected: int
    counted: int
    difference: int  # counted - expected: negative is missing stock
    value: Money  # the difference at selling price
    unit: str = "piece"


def start_count(
    session: Session,
    producer_code: str | None = None,
    category: str | None = None,
    now: datetime | None = None,
) -> CountSheet:
    """A sheet for the whole store, one producer or one category (or both narrowed)."""
    session.require(Permission.VIEW_STOCK)
    if category and category not in CATEGORIES:
        raise FieldError(f'ไม่มีหมวดสินค้า "{category}"', f'No category "{category}".', "category")
    owner = producer(session, producer_code) if producer_code else None
    rows = stock_db.stock_rows(
        session.store, None if owner is None else int(owner["id"]), category or None
    )
    parts = []
    if owner is not None:
        parts.append(f"ผู้ผลิต {owner['code']} {owner['name']}")
    if category:
        parts.append(f"หมวด{CATEGORIES[category]}")
    scope_th = " ".join(parts) or "ทั้งร้าน"
    if not rows:
        raise OperationError(
            f"ไม่มีสินค้าให้นับใน{scope_th}", "There are no products in this scope to count."
        )
    lines = {
        int(r["id"]): CountLine(
            int(r["id"]),
            str(r["sku"]),
            str(r["name_th"]),
            str(r["ownership"]),
            Money(int(r["price_satang"])),
            int(r["on_hand"]),
            unit=str(r["unit"]),
        )
        for r in rows
    }
    scope = {
        "producer": None if owner is None else str(owner["code"]),
        "category": category or None,
    }
    return CountSheet(scope, lines, to_iso(now or utc_now()), scope_th=scope_th)


def _open(sheet: CountSheet) -> None:
    if sheet.posted_no:
        raise OperationError(
            f"ใบตรวจนับนี้บันทึกไปแล้ว (เลขที่ {sheet.posted_no}) กรุณาเริ่มการนับใหม่",
            f"This count was already posted as {sheet.posted_no}; start a new one.",
        )


def _line(sheet: CountSheet, product_id: int, what: str, fld: str) -> CountLine:
    line = sheet.lines.get(product_id)
    if line is None:
        raise FieldError(
            f"{what} ไม่อยู่ในรอบการนับนี้ (นับเฉพาะ{sheet.scope_th}) กรุณาแยกไว้นับรอบอื่น",
            f"{what} is not in this count's scope.",
            fld,
        )
    return line


def count_scan(session: Session, sheet: CountSheet, barcode: str) -> CountLine:
    """One more piece of the scanned product (barcode or SKU); '5*code' counts five, as at the till."""
    session.require(Permission.VIEW_STOCK)
    _open(sheet)
    try:
        scanned = parse_scan(barcode.translate(_THAI_DIGITS))
    except ScanError as exc:
        raise FieldError(str(exc), "The scan cannot be read.", "barcode") from exc
    typed = scanned.code
    p: dict[str, Any] | None = stock_db.product_by_code(session.store, typed)
    if p is None:
        raise FieldError(
            f'ไม่พบสินค้าบาร์โค้ดหรือรหัส "{typed}"',
            f'No product has the barcode or SKU "{typed}".',
            "barcode",
        )
    line = _line(sheet, int(p["id"]), f"สินค้า {p['sku']} {p['name_th']}", "barcode")
    measured = is_measured(line.unit)
    try:  # a weighed product's weight typed before its code ('12.5*code'), in grams
        qty = scanned.qty_in(measured, line.name_th)
    except ScanError as exc:
        raise FieldError(str(exc), "Count whole pieces.", "barcode") from exc
    if qty is None:
        raise FieldError(
            f"{line.sku} {line.name_th} ขายตามน้ำหนัก สแกนนับทีละชิ้นไม่ได้"
            f" กรุณาชั่งแล้วพิมพ์น้ำหนักรวมที่นับได้ (หน่วย {unit_text(line.unit)})"
            " หรือสแกนพร้อมน้ำหนัก เช่น 12.5*รหัสสินค้า",
            f"{line.sku} is sold by weight: weigh it and type the total (or 12.5*code).",
            "barcode",
        )
    top = MAX_QTY * (1000 if measured else 1)
    if (line.counted or 0) + qty > top:
        raise FieldError(
            f"นับ {line.sku} เกิน {qty_text(top, line.unit)}ไม่ได้", "Too many counted.", "barcode"
        )
    line.counted = (line.counted or 0) + qty
    return line


def set_counted(sheet: CountSheet, product_id: int, text: str | int) -> CountLine:
    """The typed count of one line (0 is a count; empty text clears the line)."""
    _open(sheet)
    line = _line(sheet, product_id, "สินค้าที่เลือก", f"count_{product_id}")
    if isinstance(text, str) and not text.strip():
        line.counted = None
        return line
    try:
        line.counted = parse_count(text, f"count_{product_id}", line.unit)
    except StockInputError as exc:
        raise FieldError(f"{line.sku} {line.name_th}: {exc.thai}", exc.english, exc.field) from exc
    return line


def variances(sheet: CountSheet) -> list[Variance]:
    """Counted lines that differ from what was expected, with the difference's value."""
    return [
        Variance(
            ln.product_id,
            ln.sku,
            ln.name_th,
            ln.expected,
            ln.counted,
            ln.counted - ln.expected,
            amount_for(ln.price, ln.counted - ln.expected, ln.unit),
            ln.unit,
        )
        for ln in sheet.lines.values()
        if ln.counted is not None and ln.counted != ln.expected
    ]


def post_count(
    session: Session,
    sheet: CountSheet,
    note: str = "",
    approval: Approval | None = None,
    now: datetime | None = None,
) -> str:
    """Post the counted lines: stock becomes what was counted; -> SC number."""
    user, manager = authorize(session, Permission.COUNT_STOCK, approval)
    _open(sheet)
    counted = [ln for ln in sheet.lines.values() if ln.counted is not None]
    if not counted:
        raise OperationError(
            "ยังไม่ได้นับสินค้าเลย กรุณาสแกนหรือใส่จำนวนที่นับได้ก่อนบันทึก",
            "Nothing has been counted yet.",
        )
    now = now or utc_now()
    store = session.store
    with store.transaction():
        have = stock_db.levels(store, [ln.product_id for ln in counted])
        period = period_of(now)
        n = counters.next_number(store, session.terminal_id, COUNT_SERIES, period)
        count_no = format_doc_number(f"{session.settings.pos_id}-SC", period, n)
        record.record(
            store,
            session.terminal_id,
            "stock_count",
            to_iso(now),
            user.id,
            {
                "count_no": count_no,
                "scope": sheet.scope,
                "note": note.strip(),
                "approved_by": manager.id,
                "started_at": sheet.started_at,
                "lines": [
                    {
                        "product_id": ln.product_id,
                        "sku": ln.sku,
                        "expected": have[ln.product_id],
                        "counted": ln.counted,
                    }
                    for ln in counted
                ],
            },
        )
    for ln in counted:
        ln.expected = have[ln.product_id]
    sheet.posted_no = count_no
    return count_no
