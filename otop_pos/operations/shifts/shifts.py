"""Opening and closing a shift, and cash in or out of the drawer during it.

One open shift per terminal (a unique index backs the check). Sales, voids
and refunds carry the shift they happened in, so the close can say what the
drawer and every other tender should hold.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from otop_pos.db.projections import record
from otop_pos.db.shifts import shifts as shifts_db
from otop_pos.domain.money import Money, MoneyError
from otop_pos.domain.shifts.cash_count import CashCount, CountError
from otop_pos.domain.shifts.drawer import (
    CASH,
    ShiftFlows,
    TenderFlow,
    TenderResult,
    over_short,
    reconcile,
)
from otop_pos.domain.staff.permissions import Permission
from otop_pos.domain.thai.thaidate import to_iso, utc_now
from otop_pos.operations.errors import FieldError, OperationError
from otop_pos.operations.session import Session

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class ShiftState:
    """An open shift as the till shows it; ``expected`` is None on a blind close."""

    id: int
    open_seq: int
    opened_at: str
    opened_by: str
    float_amount: Money
    blind: bool
    cash_in: Money
    cash_out: Money
    expected: dict[str, Money] | None


@dataclass(frozen=True)
class ShiftClose:
    shift_id: int
    seq: int
    results: tuple[TenderResult, ...]
    over_short: Money
    cash_count: CashCount
    blind: bool


def _count_error(exc: CountError) -> FieldError:
    return FieldError(str(exc), exc.english, f"count_{exc.field}")


def current(session: Session) -> dict[str, Any] | None:
    return shifts_db.open_shift(session.store, session.terminal_id)


def current_seq(session: Session) -> int | None:
    """The open shift's opening seq, for the payload of a sale, void or refund."""
    shift = current(session)
    if shift is None:
        if session.settings.require_shift:
            raise OperationError(
                "ยังไม่ได้เปิดกะ กรุณาเปิดกะและนับเงินทอนก่อนขาย",
                "No shift is open. Open a shift and count the float first.",
            )
        return None
    return int(shift["open_seq"])


def open_shift(
    session: Session, float_count: CashCount, blind: bool | None = None, now: datetime | None = None
) -> int:
    """Start a shift with a float counted by denomination; returns the shift id."""
    user = session.require(Permission.SHIFT)
    if current(session) is not None:
        raise OperationError(
            "มีกะที่เปิดอยู่แล้วที่เครื่องนี้ ต้องปิดกะเดิมก่อน",
            "A shift is already open on this till. Close it first.",
        )
    blind = session.settings.blind_close if blind is None else blind
    with session.store.transaction():
        entry = record.record(
            session.store,
            session.terminal_id,
            "shift_open",
            to_iso(now or utc_now()),
            user.id,
            {
                "float": float_count.total.satang,
                "float_count": float_count.as_dict(),
                "blind": blind,
            },
        )
    shift = current(session)
    assert shift is not None and shift["open_seq"] == entry.seq
    log.info("shift %s opened on %s by user %s (seq %s, float %s)", shift["id"],
             session.terminal_id, user.id, entry.seq, float_count.total.format())  # fmt: skip
    return int(shift["id"])


def parse_amount(text: str, field: str) -> Money:
    """A typed amount that must be above zero; the message names the box."""
    try:
        amount = Money.parse(text)
    except MoneyError as exc:
        raise FieldError(str(exc), f"Not an amount: {text.strip()!r}", field) from exc
    if amount.satang <= 0:
        raise FieldError("จำนวนเงินต้องมากกว่าศูนย์", "The amount must be above zero.", field)
    return amount


def cash_move(
    session: Session, direction: str, amount: Money, reason: str, now: datetime | None = None
) -> int:
    """Cash into the drawer (change from the bank) or out (paying a delivery)."""
    user = session.require(Permission.CASH_MOVE)
    shift = checked_cash_move(session, direction, amount, reason)
    with session.store.transaction():
        return record_cash_move(session, shift, direction, amount, reason, user.id, now)


def checked_cash_move(
    session: Session, direction: str, amount: Money, reason: str
) -> Mapping[str, Any]:
    """The open shift, if this movement is allowed; a Thai refusal otherwise."""
    if direction not in ("in", "out"):
        raise ValueError(direction)
    if amount.satang <= 0:
        raise FieldError("จำนวนเงินต้องมากกว่าศูนย์", "The amount must be above zero.", "amount")
    if not reason.strip():
        raise FieldError("กรุณาใส่เหตุผล", "Please give a reason.", "reason")
    shift = current(session)
    if shift is None:
        raise OperationError("ยังไม่ได้เปิดกะ", "No shift is open.")
    # On a blind shift the cashier may not learn the expected cash, and a refusal that
    # depends on it would tell them by probing amounts: the cash-out is taken as typed,
    # its audit row shows it, and the count at the close shows any difference.
    if direction == "out" and not _blind_for(session, shift):
        state = state_of(session, shift, blind_ok=True)
        assert state.expected is not None
        if amount > state.expected.get(CASH, Money(0)):
            raise FieldError(
                "นำเงินออกมากกว่าเงินสดที่ควรมีในลิ้นชักไม่ได้",
                "That is more cash than the drawer should hold.",
                "amount",
            )
    return shift


def _blind_for(session: Session, shift: Mapping[str, Any]) -> bool:
    """True when this shift's expected cash is hidden from the user at the till."""
    user = session.user
    return bool(shift["blind"]) and (user is None or user.role.value != "manager")


def record_cash_move(
    session: Session,
    shift: Mapping[str, Any],
    direction: str,
    amount: Money,
    reason: str,
    user_id: int,
    now: datetime | None = None,
) -> int:
    """Journal a checked movement; runs inside the caller's transaction."""
    entry = record.record(
        session.store,
        session.terminal_id,
        "cash_move",
        to_iso(now or utc_now()),
        user_id,
        {
            "shift_seq": shift["open_seq"],
            "direction": direction,
            "amount": amount.satang,
            "reason": reason.strip(),
        },
    )
    return entry.seq


def _flows(session: Session, shift: Mapping[str, Any]) -> ShiftFlows:
    moves = shifts_db.cash_moves(session.store, int(shift["id"]))
    return ShiftFlows(
        float_amount=Money(int(shift["float_satang"])),
        tenders={
            kind: TenderFlow(Money(f["sales"]), Money(f["voided"]), Money(f["refunded"]))
            for kind, f in shifts_db.tender_flows(session.store, int(shift["id"])).items()
        },
        cash_in=Money(sum(m["amount_satang"] for m in moves if m["direction"] == "in")),
        cash_out=Money(sum(m["amount_satang"] for m in moves if m["direction"] == "out")),
    )


def state_of(session: Session, shift: Mapping[str, Any], blind_ok: bool = False) -> ShiftState:
    flows = _flows(session, shift)
    blind = bool(shift["blind"])
    user = session.user
    hide = blind and not blind_ok and (user is None or user.role.value != "manager")
    return ShiftState(
        id=int(shift["id"]),
        open_seq=int(shift["open_seq"]),
        opened_at=str(shift["opened_at"]),
        opened_by=str(shift.get("opened_by_name") or ""),
        float_amount=flows.float_amount,
        blind=blind,
        cash_in=flows.cash_in,
        cash_out=flows.cash_out,
        expected=None if hide else flows.expected(),
    )


def current_state(session: Session) -> ShiftState | None:
    """The open shift with what each tender should hold (hidden on a blind close)."""
    session.require(Permission.SHIFT)
    shift = current(session)
    return None if shift is None else state_of(session, shift)


def parse_counted(boxes: Mapping[str, str]) -> dict[str, Money]:
    """Non-cash tenders' counted amounts (card batch, bank app); blank is zero."""
    out: dict[str, Money] = {}
    for kind, text in boxes.items():
        if not text.strip():
            out[kind] = Money(0)
            continue
        try:
            amount = Money.parse(text)
        except MoneyError as exc:
            raise FieldError(
                str(exc), f"Not an amount: {text.strip()!r}", f"tender_{kind}"
            ) from exc
        if amount.satang < 0:
            raise FieldError(
                "ยอดที่นับได้ติดลบไม่ได้", "A counted amount cannot be negative.", f"tender_{kind}"
            )
        out[kind] = amount
    return out


def close_shift(
    session: Session,
    cash_count: CashCount,
    counted_other: Mapping[str, Money] | None = None,
    note: str = "",
    now: datetime | None = None,
) -> ShiftClose:
    """Count the drawer (and the other tenders), record over/short; a difference needs a note."""
    user = session.require(Permission.SHIFT)
    shift = current(session)
    if shift is None:
        raise OperationError("ยังไม่ได้เปิดกะ", "No shift is open.")
    expected = _flows(session, shift).expected()
    counted = {kind: Money(0) for kind in expected}
    counted.update(counted_other or {})
    counted[CASH] = cash_count.total
    results = reconcile(expected, counted)
    difference = over_short(results)
    blind_for_user = bool(shift["blind"]) and user.role.value != "manager"
    # On a blind close the cashier must not learn the count is off; the manager explains it.
    if any(r.difference.satang for r in results) and not note.strip() and not blind_for_user:
        raise FieldError(
            "ยอดนับไม่ตรงกับยอดที่ควรมี กรุณาใส่หมายเหตุอธิบาย",
            "The count differs from the expected amount. Please explain in a note.",
            "note",
        )
    with session.store.transaction():
        entry = record.record(
            session.store,
            session.terminal_id,
            "shift_close",
            to_iso(now or utc_now()),
            user.id,
            {
                "shift_seq": shift["open_seq"],
                "expected": {r.tender: r.expected.satang for r in results},
                "counted": {r.tender: r.counted.satang for r in results},
                "cash_count": cash_count.as_dict(),
                "over_short": difference.satang,
                "note": note.strip(),
            },
        )
    log.info("shift %s closed on %s by user %s (seq %s, over/short %s)", shift["id"],
             session.terminal_id, user.id, entry.seq, difference.format())  # fmt: skip
    return ShiftClose(
        int(shift["id"]), entry.seq, tuple(results), difference, cash_count, bool(shift["blind"])
    )


def parse_count(boxes: Mapping[int, str]) -> CashCount:
    """The denomination boxes of a count dialog, with the bad box named."""
    try:
        return CashCount.parse(boxes)
    except CountError as exc:
        raise _count_error(exc) from exc


def closed_results(row: Mapping[str, Any]) -> list[TenderResult]:
    expected = {k: Money(v) for k, v in json.loads(row["expected"]).items()}
    counted = {k: Money(v) for k, v in json.loads(row["counted"]).items()}
    return reconcile(expected, counted)
