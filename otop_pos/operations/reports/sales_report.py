"""Sales figures for X, Z and day reports and the manager screen.

A long range is read one month at a time so the caller can show progress
(the manager screen runs this on a worker thread with its own connection)
and each query stays on the occurred_at index.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta
from typing import Any

from otop_pos.db.reports import figures as reports_db
from otop_pos.db.reports.figures import Scope
from otop_pos.db.store import Store, open_store
from otop_pos.domain.catalogue.categories import category_name
from otop_pos.domain.money import Money
from otop_pos.domain.selling.tenders import tender_name
from otop_pos.domain.shifts.day_figures import Breakdown, Figures, merge
from otop_pos.domain.staff.permissions import Permission
from otop_pos.domain.thai.thaidate import day_bounds
from otop_pos.operations.errors import OperationError
from otop_pos.operations.session import Session

Progress = Callable[[int, int], None]
"""Called with (done, total) after each chunk of a long report."""


def _rows(rows: list[dict[str, Any]], label: Callable[[dict[str, Any]], str]) -> list[Breakdown]:
    return [
        Breakdown(str(r["key"]), label(r), int(r["count"] or 0), Money(int(r["amount"] or 0)))
        for r in rows
    ]


def figures(store: Store, scope: Scope, lang: str = "th", hours: bool = False) -> Figures:
    """Every figure of one scope; the breakdowns add up to the net."""
    t = reports_db.totals(store, scope)
    categories, producers = reports_db.by_category_and_producer(store, scope)
    return Figures(
        sales_count=t["sales_count"],
        first_receipt=t["first_receipt"],
        last_receipt=t["last_receipt"],
        gross=Money(t["gross"]),
        discounts=Money(t["discounts"]),
        voids=Money(t["voids"]),
        voids_count=t["voids_count"],
        refunds=Money(t["refunds"]),
        refunds_count=t["refunds_count"],
        net=Money(t["net"]),
        vat=Money(t["vat"]),
        exempt=Money(t["exempt"]),
        rounding=Money(t["rounding"]),
        tenders=tuple(
            _rows(reports_db.by_tender(store, scope), lambda r: tender_name(r["key"], lang))
        ),
        categories=merge(
            Breakdown(g["key"], category_name(g["key"], lang), g["count"], Money(g["amount"]))
            for g in categories
        ),
        producers=merge(
            Breakdown(
                g["key"],
                g["label"] or ("ไม่ระบุผู้ผลิต" if lang != "en" else "No producer"),
                g["count"],
                Money(g["amount"]),
            )
            for g in producers
        ),
        cashiers=tuple(_rows(reports_db.by_cashier(store, scope), lambda r: r["label"])),
        hours=tuple(_rows(reports_db.by_time(store, scope, "hour"), lambda r: f"{r['key']}:00"))
        if hours
        else (),
    )


def _months(start: date, end: date) -> list[tuple[date, date]]:
    """[start, end] inclusive, cut at month boundaries."""
    chunks = []
    cur = start
    while cur <= end:
        nxt = (cur.replace(day=1) + timedelta(days=32)).replace(day=1)
        last = min(end, nxt - timedelta(days=1))
        chunks.append((cur, last))
        cur = last + timedelta(days=1)
    return chunks


def _combine(parts: list[Figures]) -> Figures:
    if not parts:
        return Figures()
    with_sales = [p for p in parts if p.sales_count]
    return Figures(
        sales_count=sum(p.sales_count for p in parts),
        first_receipt=with_sales[0].first_receipt if with_sales else None,
        last_receipt=with_sales[-1].last_receipt if with_sales else None,
        gross=Money(sum(p.gross.satang for p in parts)),
        discounts=Money(sum(p.discounts.satang for p in parts)),
        voids=Money(sum(p.voids.satang for p in parts)),
        voids_count=sum(p.voids_count for p in parts),
        refunds=Money(sum(p.refunds.satang for p in parts)),
        refunds_count=sum(p.refunds_count for p in parts),
        net=Money(sum(p.net.satang for p in parts)),
        vat=Money(sum(p.vat.satang for p in parts)),
        exempt=Money(sum(p.exempt.satang for p in parts)),
        rounding=Money(sum(p.rounding.satang for p in parts)),
        tenders=merge(b for p in parts for b in p.tenders),
        categories=merge(b for p in parts for b in p.categories),
        producers=merge(b for p in parts for b in p.producers),
        cashiers=merge(b for p in parts for b in p.cashiers),
        hours=tuple(sorted(merge(b for p in parts for b in p.hours), key=lambda b: b.key)),
    )


def check_range(start: date, end: date) -> None:
    if end < start:
        raise OperationError("วันที่สิ้นสุดต้องไม่ก่อนวันที่เริ่มต้น", "The end date is before the start date.")


def range_figures(
    store: Store,
    start: date,
    end: date,
    lang: str = "th",
    progress: Progress | None = None,
    cancelled: Callable[[], bool] = lambda: False,
) -> tuple[Figures, tuple[Breakdown, ...]]:
    """Figures for Bangkok dates [start, end] and the net per day, month by month."""
    check_range(start, end)
    chunks = _months(start, end)
    parts: list[Figures] = []
    days: list[Breakdown] = []
    for i, (a, b) in enumerate(chunks, start=1):
        if cancelled():
            break
        scope = Scope(start_iso=day_bounds(a)[0], end_iso=day_bounds(b)[1])
        parts.append(figures(store, scope, lang, hours=True))
        days += _rows(reports_db.by_time(store, scope, "day"), lambda r: str(r["key"]))
        if progress is not None:
            progress(i, len(chunks))
    return _combine(parts), tuple(days)


def sales_report(
    session: Session,
    start: date,
    end: date,
    progress: Progress | None = None,
    cancelled: Callable[[], bool] = lambda: False,
) -> tuple[Figures, tuple[Breakdown, ...]]:
    """The manager's report for Bangkok dates [start, end] (managers only).

    Safe to call from a worker thread: it reads through its own read-only
    connection, opened and closed in the calling thread.
    """
    session.require(Permission.VIEW_REPORTS)
    check_range(start, end)
    reader = open_store(session.store.path, read_only=True)
    try:
        return range_figures(reader, start, end, session.lang, progress, cancelled)
    finally:
        reader.close()
