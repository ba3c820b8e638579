"""Benchmark 10: month-end settlement of 500 producers, and a producer's own view.

Both run on a copy of a cached history database (bench/history.py): 1.5M
past sales of 500 producers' goods, their intakes and returns, every
producer already settled up to the end of the month before the measured
one, then 5,000 sales of today. The measured month is the last full calendar
month before the build day (`history.measured_month`): a normal month-end,
where each statement starts where the producer's previous one ended.

A statement has a line for every product of the producer that sold, moved
or is on hand, so its cost follows the products per producer. The figures
with targets use a 10,000-product catalogue (`--settlement-products`; 20
products per producer on average, the biggest ~150: a provincial centre
carries a few thousand); the same sales on the 200,000-product catalogue
that the day close uses (400 per producer, the biggest ~2,900) are run once
more, fewer times, as a stress case.

Settlement, logged in as the manager:
- `settlement.statements(store, all producers, month)`: the read side, the
  figures settling would freeze, 1 + 5 runs;
- `settlement.settle(session, month)` inside an outer transaction that is
  rolled back afterwards (settle's own transaction joins it), 3 runs: all it
  does (checks, statements, numbering, 500 journal entries and settlement
  rows) except the commit, so it can be repeated on one copy;
- `settlement.settle` once for real, commit included.
Floor: `SELECT producer_id, sum(qty), sum(amount_satang) FROM sale_lines
WHERE sale_id >= ? AND sale_id < ? GROUP BY producer_id` over the month's
sale ids: one plain pass over every line sold in the month, what a
settlement had to read before the month sums of schema 5 (it now reads the
month's sums and only part-months line by line), kept as this machine's
yardstick. It alternates with the statements and the rolled-back settles on
the same connection.

Producer view: `producer_view.manager_picks(session, code)` +
`producer_view.overview(store, access)` (stock on hand, 30 days of sales,
settled-but-unpaid, the pending statement since the last settlement, past
statements), for 5 producers from the biggest to the smallest, 1 warm-up +
5 opens each, both before the month-end settlement (the pending statement
then covers the whole unsettled month and this month so far) and after it
(the normal mid-month case: this month so far). Floor: `SELECT sum(qty),
sum(amount_satang) FROM sale_lines WHERE producer_id = ? AND sale_id >= ?`,
the same producer's 30 days of lines read off the index the view uses,
alternating open by open.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from bench.catalogue import copy_db
from bench.common import Row, median, percentile, summary_ms

SETTLE_TARGET_MS = 1000
VIEW_TARGET_MS = 100
STATEMENT_RUNS, SETTLE_RUNS, WARMUP = 5, 3, 1
VIEW_OPENS = 5  # per producer, after one warm-up open
VIEW_RANKS = (0.0, 0.25, 0.5, 0.75, 1.0)  # biggest .. smallest seller of the month

MONTH_FLOOR = (
    "SELECT producer_id, sum(qty), sum(amount_satang) FROM sale_lines"
    " WHERE sale_id >= ? AND sale_id < ? GROUP BY producer_id"
)
VIEW_FLOOR = (
    "SELECT sum(qty), sum(amount_satang) FROM sale_lines WHERE producer_id = ? AND sale_id >= ?"
)


class _Rollback(Exception):
    """Raised after a timed settle to undo it."""


def _timed(fn: Callable[..., Any], *args: Any) -> tuple[float, Any]:
    t0 = time.perf_counter()
    result = fn(*args)
    return time.perf_counter() - t0, result


def _first_id(store: Any, iso: str) -> int:
    found = store.scalar(
        "SELECT min(id) FROM sales INDEXED BY sales_occurred WHERE occurred_at >= ?", (iso,)
    )
    return int(found) if found is not None else int(store.scalar("SELECT max(id) + 1 FROM sales"))


def _alternate(
    runs: int, warmup: int, timed: Callable[[], Any], floor: Callable[[], Any]
) -> tuple[list[float], list[float]]:
    """`timed` and `floor` in turn (which goes first alternates); warm-up rounds dropped."""
    out: list[float] = []
    floors: list[float] = []
    for i in range(warmup + runs):
        for side in (0, 1) if i % 2 else (1, 0):
            took, _ = _timed(floor if side else timed)
            if i >= warmup:
                (floors if side else out).append(took)
    return out, floors


def _settle_rolled_back(session: Any, start: date, end: date) -> float:
    from otop_pos.operations.consignment import statements

    store = session.store
    took = 0.0
    try:
        with store.transaction():
            took, done = _timed(statements.settle, session, start, end)
            assert len(done.settled) > 0
            raise _Rollback
    except _Rollback:
        pass
    return took


def _month(
    session: Any, start: date, end: date, first: dict[str, Any], label: str, full: bool
) -> tuple[list[Row], dict[str, Any]]:
    from otop_pos.domain.thai.thaidate import day_bounds
    from otop_pos.operations.consignment import statements

    store, conn = session.store, session.store.conn
    producers = statements.producers_for(store, None)
    lo = _first_id(store, day_bounds(start)[0])
    hi = _first_id(store, day_bounds(end)[1])
    lines = conn.execute(
        "SELECT count(*) FROM sale_lines WHERE sale_id >= ? AND sale_id < ?", (lo, hi)
    ).fetchone()[0]

    def floor() -> Any:
        return conn.execute(MONTH_FLOOR, (lo, hi)).fetchall()

    found: dict[int, Any] = {}

    def read() -> None:
        found.update(statements.statements(store, producers, start, end))

    read_s, read_floor = _alternate(
        STATEMENT_RUNS if full else 1, WARMUP if full else 0, read, floor
    )
    settle_s: list[float] = []  # settle itself: the rollback after it is not timed
    settle_floor: list[float] = []
    for i in range(SETTLE_RUNS if full else 0):
        if i % 2:
            settle_floor.append(_timed(floor)[0])
        settle_s.append(_settle_rolled_back(session, start, end))
        if not i % 2:
            settle_floor.append(_timed(floor)[0])
    real_s, done = _timed(statements.settle, session, start, end)
    statement_lines = sum(len(s.lines) for s in found.values())
    f50 = median(read_floor + settle_floor) * 1000
    month = f"{start}..{end}"
    size = f"{hi - lo:,} sales, {lines:,} lines, {len(producers)} producers"
    first_note = (
        f"the first settlement at build ({first.get('settled_from')}..{first.get('settled_to')},"
        f" the whole history) took {first.get('first_settlement_seconds', float('nan')):.1f} s"
    )
    name = f"settle {len(producers)} producers x 1 month, {label}"
    about = f"{month}: {size}; {statement_lines:,} statement lines; {first_note}"
    rows = [
        Row(
            f"{name}, real commit (once)",
            real_s * 1000,
            f50,
            "ms",
            "max",
            SETTLE_TARGET_MS,
            f"{len(done.settled)} settled, {len(done.skipped)} with nothing to settle"
            + ("" if full else f"; {about}"),
        ),
        Row(
            f"{name}, statements (median)" if full else f"{name}, statements (once)",
            median(read_s) * 1000,
            median(read_floor) * 1000,
            "ms",
        ),
    ]
    if settle_s:
        rows.insert(
            0,
            Row(
                f"{name} (median, rolled back)",
                median(settle_s) * 1000,
                f50,
                "ms",
                "max",
                SETTLE_TARGET_MS,
                about,
            ),
        )
    details = {
        "month": [start.isoformat(), end.isoformat()],
        "sale_ids": [lo, hi],
        "sale_lines": lines,
        "producers": len(producers),
        "statement_lines": statement_lines,
        "statements": summary_ms(read_s),
        "settle_rolled_back": summary_ms(settle_s) if settle_s else None,
        "settle_real_ms": real_s * 1000,
        "floor": summary_ms(read_floor + settle_floor),
        "settled": len(done.settled),
        "skipped": len(done.skipped),
        "first_settlement": first,
    }
    return rows, details


def _view_producers(store: Any, start_iso: str) -> list[tuple[str, int]]:
    """(code, lines sold since start) of producers from the biggest seller to the smallest."""
    low = _first_id(store, start_iso)
    sold = store.query(
        "SELECT r.code, count(sl.producer_id) FROM producers r"
        " LEFT JOIN sale_lines sl ON sl.producer_id = r.id AND sl.sale_id >= ?"
        " GROUP BY r.id ORDER BY 2 DESC, r.code",
        (low,),
    )
    picks = [sold[round(q * (len(sold) - 1))] for q in VIEW_RANKS]
    return [(str(r[0]), int(r[1])) for r in picks]


def _views(
    session: Any, picks: list[tuple[str, int]], label: str, opens: int
) -> tuple[list[Row], dict[str, Any]]:
    from otop_pos.db.catalogue import producers as producers_db
    from otop_pos.domain.thai.thaidate import bangkok_date, day_bounds, utc_now
    from otop_pos.operations.consignment import producer_view

    store, conn = session.store, session.store.conn
    today = bangkok_date(utc_now())
    low = _first_id(store, day_bounds(today - timedelta(days=producer_view.SALES_DAYS - 1))[0])
    timed: list[float] = []
    floor: list[float] = []
    shown: dict[str, Any] = {}
    for code, sold in picks:
        pid = int(producers_db.by_code(store, code)["id"])  # type: ignore[index]

        def open_view(code: str = code) -> Any:
            access = producer_view.manager_picks(session, code)
            return producer_view.overview(store, access)

        def floor_query(pid: int = pid) -> Any:
            return conn.execute(VIEW_FLOOR, (pid, low)).fetchone()

        t, f = _alternate(opens, WARMUP, open_view, floor_query)
        timed += t
        floor += f
        view = open_view()
        shown[code] = {
            "lines_sold_since_measured_month": sold,
            "stock_lines": len(view.stock),
            "sales_days": len(view.sales),
            "pending": [view.pending.period_from, view.pending.period_to],
            "pending_lines": len(view.pending.lines),
            "statements": len(view.statements),
            "p50_ms": median(t) * 1000,
        }
    sizes = ", ".join(f"{c} {s['stock_lines']} products" for c, s in shown.items())
    first = next(iter(shown.values()))
    note = (
        f"{len(picks)} producers x {opens} opens, biggest first ({sizes});"
        f" pending {first['pending'][0]}..{first['pending'][1]}"
    )
    name = f"producer view open, {label}"
    rows = [
        Row(f"{name} p50", median(timed) * 1000, median(floor) * 1000, "ms", "max",
            VIEW_TARGET_MS, note),
        Row(f"{name} p95", percentile(timed, 95) * 1000, percentile(floor, 95) * 1000, "ms",
            "max", VIEW_TARGET_MS),
    ]  # fmt: skip
    return rows, {"opens": summary_ms(timed), "floor": summary_ms(floor), "producers": shown}


def _scenario(
    history_db: Path, folder: Path, log: Callable[[str], None], full: bool
) -> tuple[list[Row], dict[str, Any]]:
    from bench.history import MANAGER_PIN, measured_month, read_info
    from otop_pos.domain.thai.thaidate import day_bounds
    from otop_pos.operations import auth
    from otop_pos.operations.startup import open_session

    info = read_info(history_db)
    label = f"{info['products']:,} products"
    t0 = time.perf_counter()
    db = copy_db(history_db, folder, f"settlement-{info['products']}.sqlite")
    with open(db, "rb+") as f:  # else the first checkpoint (in the real settle) writes the copy
        os.fsync(f.fileno())
    took = time.perf_counter() - t0
    log(f"settlement, {label}: copied {db.stat().st_size / 1e6:,.0f} MB in {took:.1f} s")
    session = open_session(db)
    rows: list[Row] = []
    details: dict[str, Any] = {"history": info}
    first = {k: v for k, v in info.items() if k.startswith(("settled_", "first_settlement"))}
    try:
        manager = session.store.scalar(
            "SELECT min(id) FROM users WHERE role = 'manager' AND active"
        )
        auth.login(session, int(manager), MANAGER_PIN)
        start, end = measured_month(date.fromisoformat(info["today"]))
        picks = _view_producers(session.store, day_bounds(start)[0])
        if not full:
            picks = picks[:1] + picks[len(picks) // 2 : len(picks) // 2 + 1]
        if full:
            log(f"settlement, {label}: producer view before the month-end ...")
            r, details["view_before"] = _views(
                session, picks, f"{label}, month unsettled", VIEW_OPENS
            )
            rows += r
        log(f"settlement, {label}: {start}..{end} for every producer ...")
        r, details["month"] = _month(session, start, end, first, label, full)
        rows += r
        log(f"settlement, {label}: producer view after the month-end ...")
        r, details["view_after"] = _views(session, picks, f"{label}, mid-month", VIEW_OPENS)
        rows += r
    finally:
        session.store.close()
    return rows, details


def run(
    history_db: Path,
    folder: Path,
    log: Callable[[str], None] = print,
    stress_db: Path | None = None,
) -> tuple[list[Row], dict[str, Any]]:
    """The targets on `history_db`; `stress_db` (a bigger catalogue) once more, fewer runs."""
    rows, details = _scenario(history_db, folder, log, full=True)
    if stress_db is not None:
        r, details["stress"] = _scenario(stress_db, folder, log, full=False)
        rows += r
    return rows, details
