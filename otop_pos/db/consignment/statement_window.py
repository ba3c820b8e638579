"""Which journal entries a consignment statement takes.

A statement takes the journal entries that happened before its end and were
recorded before it (`covers`: each terminal's last seq at settlement time),
minus what the producer's previous statement already took. A refund made
after a settlement, or a sale from a till that synced late, is therefore
never lost and never changes a settled statement: it falls into the next
one, in the "earlier periods" column because its sale is from before that
statement's start.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import timedelta
from typing import Any

from otop_pos.db.store import Store
from otop_pos.domain.thai.thaidate import BANGKOK, from_iso, to_iso


@dataclass(frozen=True)
class Window:
    start_iso: str  # the period's first moment (UTC ISO)
    end_iso: str  # exclusive
    covers: dict[str, int]  # terminal -> last seq taken
    last_end_iso: str | None = None  # the previous statement's end, if any
    last_covers: dict[str, int] = field(default_factory=dict)


def distinct(store: Store, table: str, column: str) -> list[str]:
    """Every value of an indexed column, by skipping along its index (no full scan)."""
    rows = store.query(
        f"WITH RECURSIVE t(v) AS (SELECT min({column}) FROM {table} UNION ALL"
        f" SELECT (SELECT min({column}) FROM {table} WHERE {column} > t.v) FROM t"
        " WHERE t.v IS NOT NULL) SELECT v FROM t WHERE v IS NOT NULL"
    )
    return [str(r[0]) for r in rows]


def _day(iso: str) -> str:
    return from_iso(iso).astimezone(BANGKOK).date().isoformat()


def sale_ids(store: Store, a: str | None, b: str | None) -> tuple[int, int] | None:
    """Bounds on the ids of the sales made in [a, b) (None: unbounded), from `sale_days`.

    Every such sale's id is inside them; so may be a few others, which the
    caller's own time condition drops. None when no sale was made then.
    """
    conds, params = ["1"], []
    if a is not None:
        conds.append("day >= ?")
        params.append(_day(a))
    if b is not None:
        conds.append("day <= ?")
        params.append(_day(to_iso(from_iso(b) - timedelta(microseconds=1))))
    lo, hi = store.conn.execute(
        f"SELECT min(first_id), max(last_id) FROM sale_days WHERE {' AND '.join(conds)}", params
    ).fetchone()
    return None if lo is None else (int(lo), int(hi))


def terminals(store: Store) -> list[str]:
    """Every terminal in the journal (its primary key starts with the terminal)."""
    return distinct(store, "journal", "terminal_id")


def heads(store: Store) -> dict[str, int]:
    """Each terminal's last seq: what a statement made now covers."""
    out: dict[str, int] = {}
    for t in terminals(store):
        out[t] = int(store.scalar("SELECT max(seq) FROM journal WHERE terminal_id = ?", (t,)) or 0)
    return out


def covered(alias: str, covers: dict[str, int], params: list[Any]) -> str:
    if not covers:
        return "0"
    whens = []
    for terminal, seq in sorted(covers.items()):
        whens.append(f"WHEN ? THEN {alias}.seq <= ?")
        params += [terminal, seq]
    return f"(CASE {alias}.terminal_id {' '.join(whens)} ELSE 0 END)"


def condition(alias: str, time_col: str, w: Window) -> tuple[str, list[Any]]:
    params: list[Any] = [w.end_iso]
    sql = f"{alias}.{time_col} < ? AND " + covered(alias, w.covers, params)
    if w.last_end_iso is not None:
        params.append(w.last_end_iso)
        sql += f" AND NOT ({alias}.{time_col} < ? AND " + covered(alias, w.last_covers, params)
        sql += ")"
    return sql, params


def lowest_id(
    store: Store,
    w: Window,
    table: str = "sales",
    key: str = "id",
    time_col: str = "occurred_at",
    time_index: str = "sales_occurred",
) -> int:
    """No sale below this id can be taken: it was before and inside the last statement.

    The same bound for voids (`sale_voids`, keyed by sale id) and refunds
    (`refunds`, by refund id): each of these rows also carries its terminal,
    seq and time, and one taken now either happened after the last
    statement's end or was recorded after its covers. The time index is
    named: left to itself, SQLite answers min(id) by walking the table up
    from its first row (every sale before the period: 140 ms in 1.5M sales),
    where the index walks only the rows since the last statement (11 ms).
    """
    if w.last_end_iso is None:
        return 0
    lows = [
        store.scalar(
            f"SELECT min({key}) FROM {table} INDEXED BY {time_index} WHERE {time_col} >= ?",
            (w.last_end_iso,),
        )
    ]
    for t in terminals(store):
        last = w.last_covers.get(t, 0)
        lows.append(
            store.scalar(
                f"SELECT min({key}) FROM {table} WHERE terminal_id = ? AND seq > ?", (t, last)
            )
        )
    found = [int(x) for x in lows if x is not None]
    return min(found) if found else 1 << 62


def producer_filter(alias: str, producer_ids: Sequence[int], params: list[Any]) -> str:
    params.append(json.dumps(list(producer_ids)))
    return f"{alias}.producer_id IN (SELECT value FROM json_each(?))"


def covers_all(store: Store, covers: dict[str, int]) -> bool:
    """Does `covers` take every entry recorded so far, as a statement made now does?"""
    return all(covers.get(t, -1) >= seq for t, seq in heads(store).items())
