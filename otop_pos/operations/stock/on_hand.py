"""Stock reads for the manager's screens: on hand, history, low stock, expiry.

Consigned and owned goods are always reported apart: consigned stock is
the producer's property held by the centre, owned stock is the centre's
money. A cashier may look too ("is there another one in the back?").
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

from otop_pos.db.stock import levels as stock_db
from otop_pos.domain.catalogue.categories import CATEGORIES
from otop_pos.domain.catalogue.units import amount_for, qty_shown
from otop_pos.domain.money import Money
from otop_pos.domain.staff.permissions import Permission
from otop_pos.domain.thai.thaidate import bangkok_date, utc_now
from otop_pos.operations.consignment.intake import OWNERSHIP_TH, producer
from otop_pos.operations.errors import FieldError
from otop_pos.operations.session import Session

ADJUST_REASONS = {"damaged": "ชำรุด", "expired": "หมดอายุ", "sample": "ตัวอย่าง", "lost": "สูญหาย"}
REASON_TH = {
    "sale": "ขาย",
    "void": "ยกเลิกบิล",
    "refund": "รับคืนจากลูกค้า",
    "intake": "รับเข้า",
    "return": "คืนผู้ผลิต",
    "count": "ตรวจนับ",
    "opening": "ยอดยกมา",
    **ADJUST_REASONS,
}
NEAR_EXPIRY_DAYS = 30


@dataclass(frozen=True)
class StockRow:
    product_id: int
    sku: str
    name_th: str
    category: str
    producer_code: str
    producer_name: str
    ownership: str  # 'consigned' | 'owned'
    price: Money
    on_hand: int  # pieces, or thousandths of a measured unit
    min_stock: int
    active: bool
    unit: str = "piece"

    @property
    def ownership_th(self) -> str:
        return OWNERSHIP_TH[self.ownership]

    @property
    def value(self) -> Money:
        """At today's selling price; nothing for a negative on hand."""
        return amount_for(self.price, max(self.on_hand, 0), self.unit)

    @property
    def on_hand_text(self) -> str:
        """'12' pieces, or '39.100 กก.' of a weighed product."""
        return qty_shown(self.on_hand, self.unit)

    @property
    def min_stock_text(self) -> str:
        return qty_shown(self.min_stock, self.unit)


@dataclass(frozen=True)
class ProducerStock:
    producer_code: str  # '' for the centre's own goods without a producer
    producer_name: str
    consigned_qty: int
    consigned_value: Money
    owned_qty: int
    owned_value: Money


@dataclass(frozen=True)
class Movement:
    occurred_at: str  # UTC ISO; show with thaidate.format_numeric(from_iso(...))
    reason: str
    reason_th: str
    qty: int
    balance: int
    doc_no: str
    note: str


@dataclass(frozen=True)
class ExpiringLot:
    product_id: int
    sku: str
    name_th: str
    producer_code: str
    intake_no: str
    lot: str
    expiry: date
    days_left: int  # negative: already expired
    qty: int  # probably still on the shelf
    unit: str = "piece"

    @property
    def qty_text(self) -> str:
        return qty_shown(self.qty, self.unit)


def _row(r: dict[str, Any]) -> StockRow:
    return StockRow(
        int(r["id"]),
        str(r["sku"]),
        str(r["name_th"]),
        str(r["category"]),
        str(r["producer_code"]),
        str(r["producer_name"]),
        str(r["ownership"]),
        Money(int(r["price_satang"])),
        int(r["on_hand"]),
        int(r["min_stock"]),
        bool(r["active"]),
        str(r["unit"]),
    )


def _category(category: str | None) -> str | None:
    if category and category not in CATEGORIES:
        raise FieldError(f'ไม่มีหมวดสินค้า "{category}"', f'No category "{category}".', "category")
    return category or None


def stock_on_hand(
    session: Session, producer_code: str | None = None, category: str | None = None, text: str = ""
) -> list[StockRow]:
    """On hand per product, each row saying whether it is consigned or owned."""
    session.require(Permission.VIEW_STOCK)
    pid = int(producer(session, producer_code)["id"]) if producer_code else None
    rows = stock_db.stock_rows(session.store, pid, _category(category), text.strip())
    return [_row(r) for r in rows]


def producer_stock(session: Session, producer_code: str | None = None) -> list[ProducerStock]:
    """Per producer: consigned pieces and value, owned pieces and value, never mixed."""
    session.require(Permission.VIEW_STOCK)
    code = str(producer(session, producer_code)["code"]) if producer_code else None
    out: dict[str, dict[str, Any]] = {}
    for r in stock_db.producer_totals(session.store):
        if code is not None and r["producer_code"] != code:
            continue
        name = r["producer_name"] or "ไม่ระบุผู้ผลิต"
        s = out.setdefault(r["producer_code"], {"name": name, "consigned": (0, 0), "owned": (0, 0)})
        s[r["ownership"]] = (int(r["qty"]), int(r["value_satang"]))
    return [
        ProducerStock(
            c,
            s["name"],
            s["consigned"][0],
            Money(s["consigned"][1]),
            s["owned"][0],
            Money(s["owned"][1]),
        )
        for c, s in out.items()
    ]


def history(session: Session, product_id: int, limit: int = 500) -> list[Movement]:
    """One product's movements, newest first, with the balance after each and its document."""
    session.require(Permission.VIEW_STOCK)
    return [
        Movement(
            r["occurred_at"],
            r["reason"],
            REASON_TH.get(r["reason"], r["reason"]),
            int(r["qty"]),
            int(r["balance"]),
            str(r["doc_no"]),
            str(r["note"]),
        )
        for r in stock_db.history(session.store, product_id, limit)
    ]


def low_stock(session: Session) -> list[StockRow]:
    """Active products with a minimum set (min_stock > 0) and on hand at or below it."""
    session.require(Permission.VIEW_STOCK)
    return [_row(r) for r in stock_db.low_stock(session.store)]


def remaining_newest_first(on_hand: int, lots: Sequence[int]) -> list[int]:
    """How much of each lot (newest first) is still here, if sales took the oldest first.

    Stock beyond all the lots is opening stock, older than any of them.
    """
    left = max(on_hand, 0)
    out = []
    for qty in lots:
        take = min(left, qty)
        out.append(take)
        left -= take
    return out


def near_expiry(
    session: Session,
    days: int = NEAR_EXPIRY_DAYS,
    now: datetime | None = None,
    category: str | None = None,
) -> list[ExpiringLot]:
    """Lots expired or expiring within ``days`` that are probably still on the shelf.

    Any product whose intake recorded an expiry date is watched (food, but
    also drinks and herbal goods) unless ``category`` narrows it; soonest first.
    """
    session.require(Permission.VIEW_STOCK)
    category = _category(category)
    today = bangkok_date(now or utc_now())
    last_day = today + timedelta(days=days)
    by_product: dict[int, list[dict[str, Any]]] = {}
    for r in stock_db.lots_expiring_by(session.store, last_day.isoformat()):
        if category is not None and r["category"] != category:
            continue
        by_product.setdefault(int(r["product_id"]), []).append(r)
    out = []
    for lines in by_product.values():
        kept = remaining_newest_first(int(lines[0]["on_hand"]), [int(r["qty"]) for r in lines])
        for r, qty in zip(lines, kept, strict=True):
            if qty <= 0 or r["expiry"] is None:
                continue
            expiry = date.fromisoformat(r["expiry"])
            if expiry > last_day:
                continue
            out.append(
                ExpiringLot(
                    int(r["product_id"]),
                    str(r["sku"]),
                    str(r["name_th"]),
                    str(r["producer_code"]),
                    str(r["intake_no"]),
                    str(r["lot"]),
                    expiry,
                    (expiry - today).days,
                    qty,
                    str(r["unit"]),
                )
            )
    return sorted(out, key=lambda x: (x.expiry, x.sku))
