"""Handing goods back to their producer: one numbered return (RT) with its slip."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from otop_pos.db import counters
from otop_pos.db.projections import record
from otop_pos.domain.catalogue.units import is_measured, totals_text
from otop_pos.domain.numbering import format_doc_number, period_of
from otop_pos.domain.staff.permissions import Permission
from otop_pos.domain.thai.thaidate import to_iso, utc_now
from otop_pos.operations.consignment.intake import check_belongs, producer
from otop_pos.operations.errors import FieldError
from otop_pos.operations.session import Session
from otop_pos.operations.stock.write_offs import check_on_hand, checked_items

RETURN_SERIES = "producer_return"


@dataclass(frozen=True)
class ReturnedLine:
    product_id: int
    sku: str
    name_th: str
    qty: int  # pieces, or thousandths of a weighed product's unit
    ownership: str
    unit: str = "piece"


@dataclass(frozen=True)
class ReturnResult:
    return_no: str
    producer_code: str
    producer_name: str
    lines: tuple[ReturnedLine, ...]
    qty: int  # pieces (weighed lines are in ``total_text``)
    reason: str
    returned_at: str

    def total_text(self, lang: str = "th") -> str:
        return totals_text(((ln.qty, ln.unit) for ln in self.lines), lang)


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
    wanted, found = checked_items(session, items)
    for pid in wanted:
        check_belongs(found[pid], owner, f"item_{pid}")
    lines = tuple(
        ReturnedLine(
            pid,
            str(found[pid]["sku"]),
            str(found[pid]["name_th"]),
            qty,
            str(found[pid]["ownership"]),
            str(found[pid]["unit"]),
        )
        for pid, qty in wanted.items()
    )
    now = now or utc_now()
    store = session.store
    with store.transaction():
        check_on_hand(session, wanted, found)
        period = period_of(now)
        n = counters.next_number(store, session.terminal_id, RETURN_SERIES, period)
        return_no = format_doc_number(f"{session.settings.pos_id}-RT", period, n)
        record.record(
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
        sum(ln.qty for ln in lines if not is_measured(ln.unit)),
        why,
        to_iso(now),
    )
