"""Receiving goods from a producer: one delivery, one numbered intake (RC).

Every line is checked against the producer before anything is written: a
product of another producer slipping into this delivery would put stock,
and later money, on the wrong producer's statement.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from otop_pos.db import counters
from otop_pos.db.catalogue import producers as producers_db
from otop_pos.db.projections import record
from otop_pos.db.stock import levels as stock_db
from otop_pos.domain.catalogue.units import is_measured, per_unit, qty_text, totals_text
from otop_pos.domain.money import Money
from otop_pos.domain.numbering import format_doc_number, period_of
from otop_pos.domain.staff.permissions import Permission
from otop_pos.domain.stock.quantities import MAX_QTY, format_expiry
from otop_pos.domain.thai.thaidate import bangkok_date, to_iso, utc_now
from otop_pos.operations.errors import FieldError
from otop_pos.operations.session import Session

INTAKE_SERIES = "intake"
OWNERSHIP_TH = {"consigned": "ฝากขาย", "owned": "ซื้อขาด"}
MAX_LOT = 40
_THAI_DIGITS = str.maketrans("๐๑๒๓๔๕๖๗๘๙", "0123456789")


@dataclass(frozen=True)
class IntakeLine:
    """``qty`` of a product (pieces, or thousandths of its unit); ``unit_cost`` is what the
    centre paid (owned goods only)."""

    product_id: int
    qty: int
    lot: str = ""
    expiry: date | None = None
    unit_cost: Money | None = None


@dataclass(frozen=True)
class IntakeProduct:
    product_id: int
    sku: str
    name_th: str
    category: str
    ownership: str
    price: Money
    producer_code: str
    on_hand: int
    unit: str = "piece"


@dataclass(frozen=True)
class ReceivedLine:
    product_id: int
    sku: str
    name_th: str
    qty: int
    ownership: str
    unit_cost: Money | None
    lot: str
    expiry: date | None
    unit: str = "piece"


@dataclass(frozen=True)
class IntakeResult:
    intake_no: str
    producer_code: str
    lines: tuple[ReceivedLine, ...]
    qty: int  # pieces (weighed lines are in ``total_text``)
    received_at: str

    def total_text(self, lang: str = "th") -> str:
        """'12 ชิ้น + 20.000 กก.': what came in, per unit."""
        return totals_text(((ln.qty, ln.unit) for ln in self.lines), lang)


def producer(session: Session, code: str, *, active: bool = False) -> dict[str, Any]:
    """The producer with this code; with ``active``, refuse one that is switched off."""
    found = producers_db.by_code(session.store, code)
    if found is None:
        raise FieldError(
            f'ไม่พบผู้ผลิตรหัส "{code.strip()}" กรุณาตรวจสอบรหัสผู้ผลิต',
            f'There is no producer "{code.strip()}".',
            "producer",
        )
    if active and not found["active"]:
        raise FieldError(
            f"ผู้ผลิต {found['code']} {found['name']} ถูกปิดการใช้งาน รับสินค้าเข้าไม่ได้"
            " (เปิดใช้งานผู้ผลิตก่อน ถ้ายังส่งสินค้าอยู่)",
            f"Producer {found['code']} is inactive; goods cannot be received from them.",
            "producer",
        )
    return found


def check_belongs(p: dict[str, Any], owner: dict[str, Any], field: str = "product") -> None:
    """Refuse a product that is not this producer's, naming both producers."""
    if p["producer_id"] == owner["id"]:
        return
    if not p["producer_code"]:
        raise FieldError(
            f"สินค้า {p['sku']} {p['name_th']} ไม่ได้ผูกกับผู้ผลิตรายใด"
            f" ไม่ใช่สินค้าของ {owner['code']} {owner['name']}",
            f"{p['sku']} has no producer; it is not {owner['code']}'s.",
            field,
        )
    raise FieldError(
        f"สินค้า {p['sku']} {p['name_th']} เป็นของผู้ผลิต {p['producer_code']}"
        f" {p['producer_name']} ไม่ใช่ของ {owner['code']} {owner['name']}"
        " กรุณาแยกรับในใบรับของผู้ผลิตรายนั้น",
        f"{p['sku']} belongs to {p['producer_code']}, not {owner['code']}.",
        field,
    )


def _check_active(p: dict[str, Any], field: str) -> None:
    if not p["active"]:
        raise FieldError(
            f"สินค้า {p['sku']} {p['name_th']} ถูกปิดการใช้งาน รับเข้าไม่ได้ (เปิดใช้งานสินค้าก่อน ถ้ายังขายอยู่)",
            f"{p['sku']} is inactive; it cannot be received.",
            field,
        )


def _product(p: dict[str, Any]) -> IntakeProduct:
    return IntakeProduct(
        int(p["id"]),
        str(p["sku"]),
        str(p["name_th"]),
        str(p["category"]),
        str(p["ownership"]),
        Money(int(p["price_satang"])),
        str(p["producer_code"]),
        int(p["on_hand"]),
        str(p["unit"]),
    )


def find_for_intake(session: Session, producer_code: str, code: str) -> IntakeProduct:
    """A scanned barcode or typed SKU, if this producer's delivery may contain it."""
    session.require(Permission.RECEIVE_GOODS)
    owner = producer(session, producer_code)
    typed = code.strip().translate(_THAI_DIGITS)
    p = stock_db.product_by_code(session.store, typed) if typed else None
    if p is None:
        raise FieldError(
            f'ไม่พบสินค้าบาร์โค้ดหรือรหัส "{code.strip()}"',
            f'No product has the barcode or SKU "{code.strip()}".',
            "code",
        )
    check_belongs(p, owner, "code")
    _check_active(p, "code")
    return _product(p)


def products_of(session: Session, producer_code: str) -> list[IntakeProduct]:
    """The producer's active products, for picking those without a barcode."""
    session.require(Permission.RECEIVE_GOODS)
    owner = producer(session, producer_code)
    return [_product(p) for p in stock_db.products_of(session.store, int(owner["id"]))]


def quantity_rule(unit: str) -> str:
    """What a stock quantity must be, in Thai: whole pieces, or a weight up to the limit."""
    if is_measured(unit):
        return f"จำนวนต้องมากกว่า 0 และไม่เกิน {qty_text(MAX_QTY * per_unit(unit), unit)}"
    return f"จำนวนต้องเป็นจำนวนเต็ม 1 ถึง {MAX_QTY:,} ชิ้น"


def _line(n: int, line: IntakeLine, p: dict[str, Any] | None, today: date) -> ReceivedLine:
    field = f"line_{n}"
    if p is None:
        raise FieldError(f"รายการที่ {n}: ไม่พบสินค้า", f"Line {n}: no such product.", field)
    what = f"รายการที่ {n} {p['sku']} {p['name_th']}"
    top = MAX_QTY * per_unit(p["unit"])  # a weighed product's qty is in thousandths
    if not isinstance(line.qty, int) or isinstance(line.qty, bool) or not 0 < line.qty <= top:
        raise FieldError(
            f"{what}: {quantity_rule(p['unit'])}",
            f"Line {n}: the quantity must be more than 0 and at most {qty_text(top, p['unit'], 'en')}.",
            field,
        )
    if line.expiry is not None and line.expiry < today:
        raise FieldError(
            f"{what}: วันหมดอายุ {format_expiry(line.expiry)} ผ่านไปแล้ว"
            " ไม่ควรรับสินค้าหมดอายุเข้าร้าน กรุณาตรวจสอบวันที่",
            f"Line {n}: the expiry date has passed.",
            field,
        )
    lot = line.lot.strip()
    if len(lot) > MAX_LOT:
        raise FieldError(
            f"{what}: เลขล็อตยาวเกิน {MAX_LOT} ตัวอักษร",
            f"Line {n}: the lot is longer than {MAX_LOT} characters.",
            field,
        )
    owned = p["ownership"] == "owned"
    if owned and line.unit_cost is not None and line.unit_cost.satang < 0:
        raise FieldError(
            f"{what}: ต้นทุนต่อชิ้นติดลบไม่ได้", f"Line {n}: the cost cannot be negative.", field
        )
    return ReceivedLine(
        int(p["id"]),
        str(p["sku"]),
        str(p["name_th"]),
        line.qty,
        str(p["ownership"]),
        line.unit_cost if owned else None,  # consigned goods cost the centre nothing
        lot,
        line.expiry,
        str(p["unit"]),
    )


def receive_goods(
    session: Session,
    producer_code: str,
    lines: Sequence[IntakeLine],
    delivery_note: str = "",
    note: str = "",
    now: datetime | None = None,
) -> IntakeResult:
    """Record one delivery: a numbered intake, its lines (lot, expiry) and the stock in."""
    user = session.require(Permission.RECEIVE_GOODS)
    owner = producer(session, producer_code, active=True)
    if not lines:
        raise FieldError(
            "ยังไม่มีรายการสินค้า กรุณาสแกนหรือเลือกสินค้าที่รับเข้าอย่างน้อย 1 รายการ",
            "Add at least one product to the delivery.",
            "lines",
        )
    now = now or utc_now()
    found = stock_db.products(session.store, [ln.product_id for ln in lines])
    received: list[ReceivedLine] = []
    for n, line in enumerate(lines, start=1):
        p = found.get(line.product_id)
        if p is not None:
            check_belongs(p, owner, f"line_{n}")
            _check_active(p, f"line_{n}")
        received.append(_line(n, line, p, bangkok_date(now)))
    store = session.store
    with store.transaction():
        period = period_of(now)
        n = counters.next_number(store, session.terminal_id, INTAKE_SERIES, period)
        intake_no = format_doc_number(f"{session.settings.pos_id}-RC", period, n)
        record.record(
            store,
            session.terminal_id,
            "goods_received",
            to_iso(now),
            user.id,
            {
                "intake_no": intake_no,
                "producer_code": owner["code"],
                "delivery_note": delivery_note.strip(),
                "note": note.strip(),
                "lines": [
                    {
                        "product_id": ln.product_id,
                        "sku": ln.sku,
                        "name_th": ln.name_th,
                        "qty": ln.qty,
                        "ownership": ln.ownership,
                        "unit_cost": None if ln.unit_cost is None else ln.unit_cost.satang,
                        "lot": ln.lot,
                        "expiry": None if ln.expiry is None else ln.expiry.isoformat(),
                    }
                    for ln in received
                ],
            },
        )
    return IntakeResult(
        intake_no,
        str(owner["code"]),
        tuple(received),
        sum(ln.qty for ln in received if not is_measured(ln.unit)),
        to_iso(now),
    )
