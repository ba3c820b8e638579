"""Stock written off (damaged, expired, lost), with a manager's approval.

Removing stock is refused beyond what is on hand, checked inside the
write transaction so a sale on another till cannot slip in between. Goods
handed back to their producer are `consignment/producer_returns`; the
reads are `on_hand`, counts `counts`.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any

from otop_pos.db import counters
from otop_pos.db.projections import record
from otop_pos.db.stock import levels as stock_db
from otop_pos.domain.catalogue.units import per_unit, qty_text
from otop_pos.domain.numbering import format_doc_number, period_of
from otop_pos.domain.staff.permissions import Permission
from otop_pos.domain.stock.quantities import MAX_QTY
from otop_pos.domain.thai.thaidate import to_iso, utc_now
from otop_pos.operations.approvals import Approval, authorize
from otop_pos.operations.consignment.intake import quantity_rule
from otop_pos.operations.errors import FieldError
from otop_pos.operations.session import Session
from otop_pos.operations.stock.on_hand import (
    ADJUST_REASONS,
)

ADJUST_SERIES = "stock_adjust"


def checked_items(
    session: Session, items: Sequence[tuple[int, int]]
) -> tuple[dict[int, int], dict[int, dict[str, Any]]]:
    """Merge repeated products and check each quantity and product."""
    if not items:
        raise FieldError(
            "ยังไม่มีรายการสินค้า กรุณาเลือกสินค้าอย่างน้อย 1 รายการ",
            "Choose at least one product.",
            "items",
        )
    found = stock_db.products(session.store, [pid for pid, _qty in items])
    wanted: dict[int, int] = {}
    for pid, qty in items:
        if pid not in found:
            raise FieldError("ไม่พบสินค้าที่เลือก", f"No product {pid}.", f"item_{pid}")
        unit = found[pid]["unit"]  # pieces, or thousandths of a weighed product's unit
        top = MAX_QTY * per_unit(unit)
        if not isinstance(qty, int) or isinstance(qty, bool) or not 0 < qty <= top:
            raise FieldError(
                quantity_rule(unit),
                f"Each quantity must be more than 0 and at most {qty_text(top, unit, 'en')}.",
                f"item_{pid}",
            )
        wanted[pid] = wanted.get(pid, 0) + qty
    return wanted, found


def check_on_hand(session: Session, wanted: dict[int, int], found: dict[int, Any]) -> None:
    """Inside the transaction, so a sale on another till cannot slip in between."""
    have = stock_db.levels(session.store, wanted)
    for pid, qty in wanted.items():
        if qty > have[pid]:
            p = found[pid]
            unit = p["unit"]
            raise FieldError(
                f"สินค้า {p['sku']} {p['name_th']} มีอยู่ {qty_text(have[pid], unit)}"
                f" นำออก {qty_text(qty, unit)}ไม่ได้ กรุณาตรวจนับสต็อกก่อนถ้ายอดไม่ตรง",
                f"{p['sku']}: only {qty_text(have[pid], unit, 'en')} on hand,"
                f" cannot remove {qty_text(qty, unit, 'en')}.",
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
    wanted, found = checked_items(session, items)
    now = now or utc_now()
    store = session.store
    with store.transaction():
        check_on_hand(session, wanted, found)
        period = period_of(now)
        n = counters.next_number(store, session.terminal_id, ADJUST_SERIES, period)
        adjust_no = format_doc_number(f"{session.settings.pos_id}-AJ", period, n)
        record.record(
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
