"""The producer's own view: their stock, sales and what the centre owes them.

Every function here takes a `ProducerAccess`, never a producer code: the
only way to get one is the producer's own PIN or a manager picking them, so
no call can reach another producer's figures. Five wrong PINs lock that
producer for five minutes.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from otop_pos.db.catalogue import producers as producers_db
from otop_pos.db.consignment import accounts as settle_db
from otop_pos.db.consignment import statement_stock, statement_sums
from otop_pos.db.store import Store
from otop_pos.domain.catalogue.units import is_measured, qty_shown, unit_text
from otop_pos.domain.consignment.statement import CONSIGNED, Statement
from otop_pos.domain.money import Money
from otop_pos.domain.staff.permissions import Permission
from otop_pos.domain.staff.pins import LoginPolicy, verify_pin
from otop_pos.domain.thai.thaidate import bangkok_date, day_bounds, from_iso, to_iso, utc_now
from otop_pos.operations.consignment import payouts
from otop_pos.operations.consignment import statements as settlement
from otop_pos.operations.errors import OperationError
from otop_pos.operations.printing import PrintResult
from otop_pos.operations.session import Session

POLICY = LoginPolicy(max_attempts=5, lock_seconds=300)
SALES_DAYS = 30


@dataclass(frozen=True)
class ProducerAccess:
    producer_id: int
    code: str
    name: str
    manager_id: int | None = None  # set when a manager opened the view for the producer


def _refused() -> OperationError:
    return OperationError("รหัสผู้ผลิตหรือ PIN ไม่ถูกต้อง", "The producer code or PIN is not right.")


def producer_login(
    store: Store, code: str, pin: str, now: datetime | None = None
) -> ProducerAccess:
    """A producer at the kiosk: their code and PIN."""
    now = now or utc_now()
    producer = producers_db.by_code(store, code) if code.strip() else None
    secret = producers_db.pin_of(store, int(producer["id"])) if producer else None
    if producer is None or secret is None or not producer["active"]:
        raise _refused()
    pid = int(producer["id"])
    locked_until = from_iso(secret["locked_until"]) if secret["locked_until"] else None
    if POLICY.is_locked(locked_until, now):
        minutes = -(-POLICY.seconds_left(locked_until, now) // 60)
        raise OperationError(
            f"ใส่ PIN ผิดหลายครั้ง รหัสผู้ผลิตนี้ถูกล็อก ลองใหม่ในอีก {minutes} นาที หรือให้ผู้จัดการเปิดให้",
            f"Too many wrong PINs; this producer is locked for {minutes} more minute(s).",
        )
    if not verify_pin(pin, str(secret["pin_hash"])):
        failed, until = POLICY.after_failure(int(secret["failed_attempts"]), now)
        producers_db.set_pin_lock(store, pid, failed, to_iso(until) if until else None)
        if until is not None:
            raise OperationError(
                "ใส่ PIN ผิด 5 ครั้ง รหัสผู้ผลิตนี้ถูกล็อก 5 นาที หรือให้ผู้จัดการเปิดให้",
                "Five wrong PINs: this producer is locked for 5 minutes.",
            )
        left = POLICY.max_attempts - failed
        raise OperationError(f"PIN ไม่ถูกต้อง (เหลืออีก {left} ครั้ง)", f"Wrong PIN ({left} tries left).")
    if secret["failed_attempts"] or secret["locked_until"]:
        producers_db.set_pin_lock(store, pid, 0, None)
    return ProducerAccess(pid, str(producer["code"]), str(producer["name"]))


def manager_picks(session: Session, code: str) -> ProducerAccess:
    """A manager opens the view for a producer standing at the counter."""
    user = session.require(Permission.MANAGE_PRODUCERS)
    producer = settlement.require_producer(session.store, code)
    return ProducerAccess(
        int(producer["id"]), str(producer["code"]), str(producer["name"]), user.id
    )


@dataclass(frozen=True)
class StockLine:
    sku: str
    name: str
    ownership: str
    on_hand: int  # pieces, or thousandths of a weighed product's unit
    price: Money
    unit: str = "piece"

    @property
    def on_hand_text(self) -> str:
        return qty_shown(self.on_hand, self.unit)

    @property
    def price_text(self) -> str:
        """'130.00/กก.' for a weighed product: its price per unit."""
        per = f"/{unit_text(self.unit)}" if is_measured(self.unit) else ""
        return self.price.format() + per


@dataclass(frozen=True)
class DaySales:
    day: date
    qty: int
    amount: Money


@dataclass(frozen=True)
class Overview:
    access: ProducerAccess
    stock: tuple[StockLine, ...]
    sales: tuple[DaySales, ...]  # consigned goods, last SALES_DAYS days, newest first
    settled_owed: Money  # settled statements not yet paid
    pending: Statement  # since the last settled period, not yet settled
    statements: tuple[dict[str, object], ...]
    last_payout: dict[str, object] | None

    @property
    def owed(self) -> Money:
        """What the centre owes now: settled and unpaid, plus sales not yet settled."""
        return self.settled_owed + self.pending.payable


def pending_statement(store: Store, access: ProducerAccess, today: date) -> Statement:
    """From the day after the last settled period up to today, not settled."""
    producer = {"id": access.producer_id, "code": access.code, "name": access.name}
    last = settle_db.last_settlements(store, [access.producer_id]).get(access.producer_id)
    if last is not None:
        start = date.fromisoformat(last["period_to"]) + timedelta(days=1)
    else:
        first = statement_sums.first_activity(store, access.producer_id)
        start = bangkok_date(from_iso(first)) if first else today
    start = min(start, today)
    return settlement.statements(store, [producer], start, today)[access.producer_id]


def overview(store: Store, access: ProducerAccess, now: datetime | None = None) -> Overview:
    today = bangkok_date(now or utc_now())
    stock = tuple(
        StockLine(str(r["sku"]), str(r["name_th"]), str(r["ownership"]), int(r["on_hand"]),
                  Money(int(r["price_satang"])), str(r["unit"]))
        for r in statement_stock.producer_stock(store, access.producer_id)
    )  # fmt: skip
    start, _ = day_bounds(today - timedelta(days=SALES_DAYS - 1))
    _, end = day_bounds(today)
    sales = tuple(
        DaySales(date.fromisoformat(d), q, Money(a))
        for d, o, q, a in reversed(
            statement_sums.daily_sales(store, access.producer_id, start, end)
        )
        if o == CONSIGNED
    )
    return Overview(
        access,
        stock,
        sales,
        payouts.owed(store, access.producer_id),
        pending_statement(store, access, today),
        tuple(settle_db.of_producer(store, access.producer_id)),
        settle_db.last_payout(store, access.producer_id),
    )


def past_statement(store: Store, access: ProducerAccess, settlement_no: str) -> Statement:
    """A settled statement of this producer only."""
    row = settle_db.by_no(store, settlement_no)
    if row is None or int(row["producer_id"]) != access.producer_id:
        raise OperationError(
            f"ไม่พบใบแจ้งยอดเลขที่ {settlement_no} ของ {access.name}",
            f"There is no statement {settlement_no} for {access.code}.",
        )
    return Statement.from_dict(row["figures"])


def print_statement(
    session: Session, access: ProducerAccess, settlement_no: str = "", now: datetime | None = None
) -> PrintResult:
    """The producer prints their own statement (a past one, or the pending draft)."""
    from otop_pos.operations.consignment import documents

    if settlement_no:
        statement = past_statement(session.store, access, settlement_no)
    else:
        statement = pending_statement(session.store, access, bangkok_date(now or utc_now()))
    return documents.print_statement_for_producer(session, statement)
