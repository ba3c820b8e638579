"""Stock write-offs and returns to producers; one import for every stock action.

Removing stock is refused beyond what is on hand, checked inside the
write transaction so a sale on another till cannot slip in between. The
reads live in `stock_reads` and counts in `stock_count`; both are
re-exported here so the screens need only this module.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from otop_pos.db import projections
from otop_pos.db import sales as sales_db
from otop_pos.db import stock as stock_db
from otop_pos.domain.numbering import format_doc_number, period_of
from otop_pos.domain.permissions import Permission
from otop_pos.domain.stock_input import MAX_QTY
from otop_pos.domain.thaidate import to_iso, utc_now
from otop_pos.operations.approvals import Approval, authorize
from otop_pos.operations.errors import FieldError
from otop_pos.operations.intake import check_belongs, producer
from otop_pos.operations.session import Session
from otop_pos.operations.stock_count import (  # noqa: F401  (re-exported)
    CATEGORIES,
    CountLine,
    CountSheet,
    Variance,
    count_scan,
    post_count,
    set_counted,
    start_count,
    variances,
)
from otop_pos.operations.stock_reads import (  # noqa: F401  (re-exported)
    ADJUST_REASONS,
    NEAR_EXPIRY_DAYS,
    REASON_TH,
    ExpiringLot,
    Movement,
    ProducerStock,
    StockRow,
    history,
    low_stock,
    near_expiry,
    producer_stock,
    remaining_newest_first,
    stock_on_hand,
)

ADJUST_SERIES = "stock_adjust"
RETURN_SERIES = "producer_return"


def _items(
    session: Session, items: Sequence[tuple[int, int]]
) -> tuple[dict[int, int], dict[int, dict[str, Any]]]:
    """Merge repeated products and check each quantity and product."""
    if not items:
        raise FieldError(
            "ยังไม่มีรายการสินค้า กรุณาเลือกสินค้าอย่างน้อย 1 รายการ",
            "Choose at least one product.",
            "items",
        )
    wanted: dict[int, int] = {}
    for pid, qty in items:
        if not isinstance(qty, int) or isinstance(qty, bool) or not 0 < qty <= MAX_QTY:
            raise FieldError(
                f"จำนวนต้องเป็นจำนวนเต็ม 1 ถึง {MAX_QTY:,} ชิ้น",
                f"Each quantity must be 1 to {MAX_QTY:,}.",
                f"item_{pid}",
            )
        wanted[pid] = wanted.get(pid, 0) + qty
    found = stock_db.products(session.store, wanted)
    for pid in wanted:
        if pid not in found:
            raise FieldError("ไม่พบสินค้าที่เลือก", f"No product {pid}.", f"item_{pid}")
    return wanted, found


def _check_on_hand(session: Session, wanted: dict[int, int], found: dict[int, Any]) -> None:
    """Inside the transaction, so a sale on another till cannot slip in between."""
    have = stock_db.levels(session.store, wanted)
    for pid, qty in wanted.items():
        if qty > have[pid]:
            p = found[pid]
            raise FieldError(
                f"สินค้า {p['sku']} {p['name_th']} มีอยู่ {have[pid]:,} ชิ้น"
                f" นำออก {qty:,} ชิ้นไม่ได้ กรุณาตรวจนับสต็อกก่อนถ้ายอดไม่ตรง",
                f"{p['sku']}: only {have[pid]} on hand, cannot remove {qty}.",
                f"item_{pid}",
            )


def adjust_stock(
    session: Session,
    reason: str,
    items: Sequence[tuple[int, int]],
    note: str = "",
    approval: Approval | None = None,
    now: datetime | None = None,
) -> str:
    """Write off (product id, pieces) as damaged, expired, sample or lost; -> AJ number."""
    user, manager = authorize(session, Permission.ADJUST_STOCK, approval)
    if reason not in ADJUST_REASONS:
        raise FieldError(
            "กรุณาเลือกเหตุผล: ชำรุด หมดอายุ ตัวอย่าง หรือสูญหาย",
            "Choose a reason: damaged, expired, sample or lost.",
            "reason",
        )
    if reason == "lost" and not note.strip():
        raise FieldError("สินค้าสูญหายต้องใส่หมายเหตุ เช่น พบว่าหายเมื่อไร", "Say what happened.", "note")
    wanted, found = _items(session, items)
    now = now or utc_now()
    store = session.store
    with store.transaction():
        _check_on_hand(session, wanted, found)
        period = period_of(now)
        n = sales_db.next_number(store, session.terminal_id, ADJUST_SERIES, period)
        adjust_no = format_doc_number(f"{session.settings.pos_id}-AJ", period, n)
        projections.record(
            store,
            session.terminal_id,
            "stock_adjust",
            to_iso(now),
            user.id,
            {
                "reason": reason,
                "note": note.strip(),
                "adjust_no": adjust_no,
                "approved_by": manager.id,
                "items": [
                    {"product_id": pid, "sku": found[pid]["sku"], "qty": -qty}
                    for pid, qty in wanted.items()
                ],
            },
        )
    return adjust_no


@dataclass(frozen=True)
class ReturnedLine:
    product_id: int
    sku: str
    name_th: str
    qty: int
    ownership: str


@dataclass(frozen=True)
class ReturnResult:
    return_no: str
    producer_code: str
    producer_name: str
    lines: tuple[ReturnedLine, ...]
    qty: int
    reason: str
    returned_at: str


def return_to_producer(
    session: Session,
    producer_code: str,
    items: Sequence[tuple[int, int]],
    reason: str,
    now: datetime | None = None,
) -> ReturnResult:
    """Hand (product id, pieces) back to their producer (unsold, faulty, recalled): RT."""
    user = session.require(Permission.RETURN_TO_PRODUCER)
    owner = producer(session, producer_code)  # an inactive producer still takes goods back
    why = reason.strip()
    if not why:
        raise FieldError("กรุณาใส่เหตุผลที่คืนสินค้า เช่น ขายไม่ออก ชำรุด", "Give a reason.", "reason")
    wanted, found = _items(session, items)
    for pid in wanted:
        check_belongs(found[pid], owner, f"item_{pid}")
    lines = tuple(
        ReturnedLine(
            pid,
            str(found[pid]["sku"]),
            str(found[pid]["name_th"]),
            qty,
            str(found[pid]["ownership"]),
        )
        for pid, qty in wanted.items()
    )
    now = now or utc_now()
    store = session.store
    with store.transaction():
        _check_on_hand(session, wanted, found)
        period = period_of(now)
        n = sales_db.next_number(store, session.terminal_id, RETURN_SERIES, period)
        return_no = format_doc_number(f"{session.settings.pos_id}-RT", period, n)
        projections.record(
            store,
            session.terminal_id,
            "producer_return",
            to_iso(now),
            user.id,
            {
                "return_no": return_no,
                "producer_code": owner["code"],
                "reason": why,
                "lines": [
                    {
                        "product_id": ln.product_id,
                        "sku": ln.sku,
                        "name_th": ln.name_th,
                        "qty": ln.qty,
                        "ownership": ln.ownership,
                    }
                    for ln in lines
                ],
            },
        )
    return ReturnResult(
        return_no,
        str(owner["code"]),
        str(owner["name"]),
        lines,
        sum(ln.qty for ln in lines),
        why,
        to_iso(now),
    )
