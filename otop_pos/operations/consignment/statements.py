"""Producer statements: preview any period, settle (lock) it, pay what is owed.

`statements` only reads, so the CLI and the producer's own screen show the
same figures a settlement would freeze. `settle` checks every producer
before it writes anything: one overlapping period refuses the whole batch.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass, fields, replace
from datetime import date, datetime
from typing import Any

from otop_pos.db import counters
from otop_pos.db.catalogue import producers as producers_db
from otop_pos.db.consignment import accounts as settle_db
from otop_pos.db.consignment import statement_stock, statement_sums, statement_window
from otop_pos.db.projections import record
from otop_pos.db.store import Store
from otop_pos.domain.consignment.statement import CONSIGNED, ProductLine, Statement, merge_rates
from otop_pos.domain.money import Money
from otop_pos.domain.numbering import format_doc_number, period_of
from otop_pos.domain.staff.permissions import Permission
from otop_pos.domain.thai.thaidate import bangkok_date, day_bounds, to_iso, utc_now
from otop_pos.operations.errors import FieldError, OperationError
from otop_pos.operations.session import Session

SETTLEMENT_SERIES = "settlement"


def _th_date(d: date | str) -> str:
    d = date.fromisoformat(d) if isinstance(d, str) else d
    return f"{d.day}/{d.month}/{d.year + 543}"


_FIELDS = tuple(f.name for f in fields(ProductLine))[4:14]  # received .. earlier_amount
_AT = {name: i for i, name in enumerate(_FIELDS)}


def _lines(
    money: dict[tuple[int, str, int], statement_sums.Row],
    stock: dict[int, dict[str, int]],
    names: dict[int, tuple[str, str, str]],
    units: dict[int, str],
) -> tuple[tuple[ProductLine, ...], list[tuple[int, Money]]]:
    """Product lines from plain integer sums: a month-end batch builds tens of thousands."""
    acc: dict[tuple[int, str], list[int]] = {}
    rates: list[tuple[int, Money]] = []
    for (pid, ownership, bp), r in money.items():
        a = acc.get((pid, ownership)) or acc.setdefault((pid, ownership), [0] * len(_FIELDS))
        a[1] += r.sold
        a[2] += r.refunded
        a[3] += r.earlier
        a[7] += r.sales
        a[8] += r.refunds
        a[9] += r.earlier_amount
        if ownership == CONSIGNED:
            rates.append((bp, Money(r.sales - r.refunds + r.earlier_amount)))
    for pid, sums in stock.items():
        key = (pid, names.get(pid, ("", "", CONSIGNED))[2])
        a = acc.get(key) or acc.setdefault(key, [0] * len(_FIELDS))
        for name, value in sums.items():
            a[_AT[name]] += value
    lines = []
    for (pid, ownership), a in acc.items():
        sku, name, _ = names.get(pid, ("", "", ownership))
        money_ = (Money(a[7]), Money(a[8]), Money(a[9]))
        unit = units.get(pid, "piece")
        lines.append(ProductLine(pid, sku, name, ownership, *a[:7], *money_, unit))
    lines.sort(key=lambda ln: (ln.ownership != CONSIGNED, ln.sku))
    return tuple(lines), rates


def statements(
    store: Store,
    producers: Sequence[dict[str, Any]],
    period_from: date,
    period_to: date,
    covers: dict[str, int] | None = None,
) -> dict[int, Statement]:
    """Each producer's statement for the period, as settling now would freeze it."""
    covers = statement_window.heads(store) if covers is None else covers
    ids = [int(p["id"]) for p in producers]
    last = settle_db.last_settlements(store, ids)
    opening = settle_db.balances(store, ids)
    start_iso, end_iso = day_bounds(period_from)[0], day_bounds(period_to)[1]
    groups: dict[str, list[int]] = {}
    for pid in ids:
        prev = last.get(pid)
        groups.setdefault(json.dumps(prev, sort_keys=True), []).append(pid)
    money: dict[int, dict[tuple[int, str, int], statement_sums.Row]] = {}
    for key, pids in groups.items():
        prev = json.loads(key)
        window = statement_window.Window(
            start_iso,
            end_iso,
            covers,
            None if prev is None else day_bounds(date.fromisoformat(prev["period_to"]))[1],
            {} if prev is None else prev["covers"],
        )
        money.update(statement_sums.money_rows(store, pids, window))
    stock = statement_stock.stock_rows(store, ids, start_iso, end_iso)
    wanted = {k[0] for m in money.values() for k in m} | {p for s in stock.values() for p in s}
    names = statement_stock.product_names(store, wanted)
    units = statement_stock.measured_units(store, wanted)  # kilograms, not pieces
    out: dict[int, Statement] = {}
    for p in producers:
        pid = int(p["id"])
        lines, rates = _lines(money.get(pid, {}), stock.get(pid, {}), names, units)
        out[pid] = Statement(
            str(p["code"]),
            str(p["name"]),
            period_from.isoformat(),
            period_to.isoformat(),
            lines,
            merge_rates(rates),
            Money(opening.get(pid, 0)),
        )
    return out


def producer_statements(
    session: Session, codes: Sequence[str] | None, period_from: date, period_to: date
) -> tuple[list[dict[str, Any]], dict[int, Statement]]:
    """The producers asked for (all when None) and their statements: a report (VIEW_REPORTS)."""
    session.require(Permission.VIEW_REPORTS)
    producers = producers_for(session.store, codes)
    return producers, statements(session.store, producers, period_from, period_to)


def check_period(period_from: date, period_to: date, today: date) -> None:
    if period_from > period_to:
        raise FieldError(
            "วันเริ่มงวดต้องไม่อยู่หลังวันสิ้นงวด",
            "The period must start on or before its last day.",
            "period_from",
        )
    if period_to > today:
        raise FieldError(
            "ปิดยอดล่วงหน้าไม่ได้ วันสิ้นงวดต้องไม่เกินวันนี้",
            "A period cannot end after today.",
            "period_to",
        )


def producers_for(store: Store, codes: Sequence[str] | None) -> list[dict[str, Any]]:
    """The named producers (all must exist), or every producer."""
    if codes is None:
        return producers_db.all_producers(store)
    found = []
    for code in codes:
        p = producers_db.by_code(store, code)
        if p is None:
            raise FieldError(f'ไม่พบผู้ผลิตรหัส "{code}"', f'There is no producer "{code}".', "producer")
        found.append(p)
    return found


def _check_overlaps(store: Store, producers: list[dict[str, Any]], period_from: date) -> None:
    last = settle_db.last_settlements(store, [int(p["id"]) for p in producers])
    for p in producers:
        prev = last.get(int(p["id"]))
        if prev is not None and date.fromisoformat(prev["period_to"]) >= period_from:
            raise FieldError(
                f"ผู้ผลิต {p['code']} {p['name']} ปิดยอดถึงวันที่ {_th_date(prev['period_to'])}"
                " แล้ว งวดที่ปิดแล้วแก้ไขไม่ได้ กรุณาเริ่มงวดใหม่หลังวันนั้น",
                f"Producer {p['code']} is settled up to {prev['period_to']}; start the new"
                " period after that day.",
                "period_from",
            )


@dataclass(frozen=True)
class BatchResult:
    settled: tuple[Statement, ...]
    skipped: tuple[str, ...]  # producer codes with nothing to settle

    @property
    def payable(self) -> Money:
        return sum((s.payable for s in self.settled), Money(0))

    @property
    def commission(self) -> Money:
        return sum((s.commission for s in self.settled), Money(0))

    @property
    def gross(self) -> Money:
        return sum((s.net_sales for s in self.settled), Money(0))


def settle(
    session: Session,
    period_from: date,
    period_to: date,
    codes: Sequence[str] | None = None,
    now: datetime | None = None,
) -> BatchResult:
    """Freeze and lock the period for the named producers (or all who have anything)."""
    user = session.require(Permission.SETTLE_PRODUCERS)
    now = now or utc_now()
    check_period(period_from, period_to, bangkok_date(now))
    store = session.store
    producers = producers_for(store, codes)
    _check_overlaps(store, producers, period_from)
    settled: list[Statement] = []
    skipped: list[str] = []
    with store.transaction():
        covers = statement_window.heads(store)
        found = statements(store, producers, period_from, period_to, covers)
        period = period_of(now)
        for p in producers:
            st = found[int(p["id"])]
            if codes is None and st.is_empty:
                skipped.append(str(p["code"]))
                continue
            n = counters.next_number(store, session.terminal_id, SETTLEMENT_SERIES, period)
            st = replace(
                st,
                settlement_no=format_doc_number(f"{session.settings.pos_id}-ST", period, n),
                settled_at=to_iso(now),
            )
            record.record(
                store,
                session.terminal_id,
                "settlement",
                to_iso(now),
                user.id,
                {
                    "settlement_no": st.settlement_no,
                    "producer_code": st.producer_code,
                    "period_from": st.period_from,
                    "period_to": st.period_to,
                    "covers": covers,
                    "statement": st.as_dict(),
                },
            )
            settled.append(st)
    return BatchResult(tuple(settled), tuple(skipped))


def settled_statement(store: Store, settlement_no: str) -> Statement | None:
    row = settle_db.by_no(store, settlement_no)
    return None if row is None else Statement.from_dict(row["figures"])


def require_producer(store: Store, code: str) -> dict[str, Any]:
    p = producers_db.by_code(store, code)
    if p is None:
        raise OperationError(f'ไม่พบผู้ผลิตรหัส "{code}"', f'There is no producer "{code}".')
    return p


def producer_rows(session: Session) -> list[dict[str, Any]]:
    """Producers for pickers: code, name, active, what is owed now (settled, unpaid)."""
    session.require(Permission.VIEW_STOCK)
    rows = producers_db.all_producers(session.store)
    owed_by = settle_db.balances(session.store, [int(p["id"]) for p in rows])
    return [
        {"code": p["code"], "name": p["name"], "active": bool(p["active"]),
         "owed": Money(owed_by.get(int(p["id"]), 0)), "promptpay_id": p["promptpay_id"],
         "bank_account": p["bank_account"]}
        for p in rows
    ]  # fmt: skip
