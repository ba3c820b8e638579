"""X report (any time, no reset), Z report (closes the business day), day report.

A Z is closed only over books that check out (`operations/books.py`: the
whole chain and every read table) or a problem a manager acknowledged.
A Z covers the terminal's journal entries after the previous Z's own entry,
up to the last entry before it: seq ranges cannot overlap, so no sale is
ever in two Zs, and a second Z with nothing new is refused. The figures are
stored in the Z's journal entry; a reprint shows them as they were, marked
as a copy. Once the Z is committed the file is backed up
(`operations/backups/snapshots.py`); a backup that fails is logged and the
Z stands.
"""

from __future__ import annotations

import json
import logging
from dataclasses import dataclass, replace
from datetime import date, datetime

from otop_pos.db.projections import record
from otop_pos.db.reports.figures import Scope
from otop_pos.db.shifts import day_close
from otop_pos.db.shifts import shifts as shifts_db
from otop_pos.domain.money import Money
from otop_pos.domain.shifts.day_figures import Figures
from otop_pos.domain.shifts.drawer import CASH
from otop_pos.domain.staff.permissions import Permission
from otop_pos.domain.thai.thaidate import day_bounds, format_numeric, from_iso, to_iso, utc_now
from otop_pos.operations import books
from otop_pos.operations.backups import snapshots
from otop_pos.operations.errors import OperationError
from otop_pos.operations.reports.sales_report import figures
from otop_pos.operations.session import Session

BUSINESS_KINDS = ("sale", "sale_void", "refund", "shift_open", "cash_move", "shift_close")

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class ShiftSummary:
    label: str
    expected_cash: Money
    counted_cash: Money

    @property
    def difference(self) -> Money:
        return self.counted_cash - self.expected_cash


@dataclass(frozen=True)
class DayReport:
    kind: str  # 'X', 'Z' or 'DAY'
    figures: Figures
    period_start: str | None  # UTC ISO; None = the first entry of the terminal
    period_end: str
    printed_at: str
    z_no: int | None = None
    shifts: tuple[ShiftSummary, ...] = ()
    grand_total_before: Money | None = None
    grand_total_after: Money | None = None
    closed_by: str = ""
    is_copy: bool = False

    @property
    def doc_no(self) -> str:
        """The print log's name for this report (a Z is reprinted as a copy)."""
        return f"Z-{self.z_no:04d}" if self.z_no is not None else f"{self.kind}-{self.printed_at}"


def _pending(session: Session) -> tuple[int, int, dict[str, object] | None]:
    """(after_seq, upto_seq, last Z) of what the next Z would cover."""
    last = day_close.last_z(session.store, session.terminal_id)
    after = int(last["seq"]) if last else 0
    return after, day_close.last_seq(session.store, session.terminal_id), last


def _shifts(session: Session, after: int, upto: int) -> tuple[ShiftSummary, ...]:
    out = []
    for row in shifts_db.shifts_closed_in(session.store, session.terminal_id, after, upto):
        expected = json.loads(row["expected"]).get(CASH, 0)
        counted = json.loads(row["counted"]).get(CASH, 0)
        opened = format_numeric(from_iso(row["opened_at"]))
        closed = format_numeric(from_iso(row["closed_at"]))[-5:]
        label = f"{row['opened_by_name'] or ''} {opened}-{closed}".strip()
        out.append(ShiftSummary(label, Money(int(expected)), Money(int(counted))))
    return tuple(out)


def _build(session: Session, kind: str, now: datetime) -> tuple[DayReport, int, int]:
    after, upto, last = _pending(session)
    scope = Scope(terminal_id=session.terminal_id, after_seq=after, upto_seq=upto)
    figs = figures(session.store, scope, session.lang)
    before = Money(int(last["grand_total_satang"])) if last else Money(0)  # type: ignore[call-overload]
    report = DayReport(
        kind=kind,
        figures=figs,
        period_start=day_close.first_entry_time(session.store, session.terminal_id, after),
        period_end=to_iso(now),
        printed_at=to_iso(now),
        shifts=_shifts(session, after, upto),
        grand_total_before=before,
        grand_total_after=before + figs.net,
        closed_by=session.user.name if session.user else "",
    )
    return report, after, upto


def x_report(session: Session, now: datetime | None = None) -> DayReport:
    """What the next Z would show, now; nothing is closed or reset."""
    session.require(Permission.VIEW_REPORTS)
    return _build(session, "X", now or utc_now())[0]


def close_day(session: Session, now: datetime | None = None, *, backup: bool = True) -> DayReport:
    """Close the business day: the next Z number over every entry since the last Z.

    ``backup=False`` leaves the backup that follows a Z to the caller: the window takes it
    on a worker (a large centre's file takes a minute to copy and check).
    """
    user = session.require(Permission.CLOSE_DAY)
    if shifts_db.open_shift(session.store, session.terminal_id) is not None:
        raise OperationError(
            "ยังมีกะที่เปิดอยู่ กรุณาปิดกะและนับเงินก่อนปิดยอดประจำวัน",
            "A shift is still open. Close it and count the drawer before the Z.",
        )
    now = now or utc_now()
    books.require_books(session, now)  # the chain and every table, or a manager's say-so
    store = session.store
    with store.transaction():
        report, after, upto = _build(session, "Z", now)
        if not day_close.entries_since(store, session.terminal_id, after, BUSINESS_KINDS):
            raise OperationError(
                "ไม่มีรายการใหม่ตั้งแต่การปิดยอด Z ครั้งก่อน จึงปิดยอดซ้ำไม่ได้",
                "Nothing has happened since the last Z; a second Z is refused.",
            )
        last = day_close.last_z(store, session.terminal_id)
        z_no = (int(last["z_no"]) if last else 0) + 1
        report = replace(report, z_no=z_no)
        record.record(
            store,
            session.terminal_id,
            "z_close",
            to_iso(now),
            user.id,
            {
                "z_no": z_no,
                "from_seq": after + 1,
                "to_seq": upto,
                "period_start": report.period_start,
                "figures": report.figures.as_dict(),
                "shifts": [
                    [s.label, s.expected_cash.satang, s.counted_cash.satang] for s in report.shifts
                ],
                "grand_total_before": report.grand_total_before.satang,  # type: ignore[union-attr]
                "grand_total": report.grand_total_after.satang,  # type: ignore[union-attr]
            },
        )
    log.info("Z %s closed on %s by user %s (seqs %s to %s)", z_no, session.terminal_id, user.id,
             after + 1, upto)  # fmt: skip
    if backup:
        snapshots.quietly(store, "z")  # after the commit; a failed backup never undoes the Z
    return report


def z_numbers(session: Session) -> list[int]:
    session.require(Permission.VIEW_REPORTS)
    return day_close.z_numbers(session.store, session.terminal_id)


def stored_z(session: Session, z_no: int, is_copy: bool = True) -> DayReport:
    """A Z exactly as it was closed (for a reprint, marked as a copy)."""
    session.require(Permission.VIEW_REPORTS)
    row = day_close.z_by_no(session.store, session.terminal_id, z_no)
    if row is None:
        raise OperationError(f"ไม่พบรายงาน Z เลขที่ {z_no}", f"There is no Z number {z_no}.")
    p = json.loads(day_close.z_payload(session.store, session.terminal_id, int(row["seq"])))
    return DayReport(
        kind="Z",
        figures=Figures.from_dict(p["figures"]),
        period_start=p.get("period_start"),
        period_end=str(row["closed_at"]),
        printed_at=str(row["closed_at"]),
        z_no=z_no,
        shifts=tuple(ShiftSummary(s[0], Money(s[1]), Money(s[2])) for s in p.get("shifts", [])),
        grand_total_before=Money(int(p["grand_total_before"])),
        grand_total_after=Money(int(p["grand_total"])),
        closed_by=str(row["closed_by_name"] or ""),
        is_copy=is_copy,
    )


def day_report(session: Session, day: date, now: datetime | None = None) -> DayReport:
    """One Bangkok calendar day across every terminal in this database."""
    session.require(Permission.VIEW_REPORTS)
    start, end = day_bounds(day)
    figs = figures(session.store, Scope(start_iso=start, end_iso=end), session.lang)
    return DayReport("DAY", figs, start, end, to_iso(now or utc_now()))
