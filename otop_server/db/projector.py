"""The figures catch up with the entries: projected after a batch is acknowledged, not inside it.

A till's batch is acknowledged once its entries are stored and proven; the
sums follow a moment later on the server's own thread (and before every
report), so a province's tills never wait on the dashboard's arithmetic and
a projection fault can never refuse a batch. Each terminal's progress is a
row of its own, locked while it moves, so several server processes can catch
up at once without summing an entry twice: the sums move with their
progress in one transaction.
"""

from __future__ import annotations

import time
from typing import Any

from sqlalchemy import Connection, func, select
from sqlalchemy.dialects import postgresql, sqlite

from otop_server.db import figures, tables
from otop_server.db.engine import Database

STEP = 5000  # entries projected per transaction, over all the terminals behind


def catch_up(db: Database, centre: str | None = None) -> int:
    """Project every held entry not yet in the figures; how many were projected."""
    done = 0
    while (n := step(db, centre)) > 0:
        done += n
    return done


def step(db: Database, centre: str | None = None, budget_s: float | None = None) -> int:
    """One transaction: up to STEP entries, over as many terminals as are behind, with their
    progress. One commit for a round of a province's tills, not one for each.

    ``budget_s`` ends the round early (after at least one terminal) so that, on SQLite's
    single writer, batches waiting to be stored are never held up for long.
    """
    e, t = tables.entries, tables.terminals
    done = 0
    until = None if budget_s is None else time.monotonic() + budget_s
    with db.write() as conn:
        for terminal_id in _behind(conn, centre):
            after = _locked_progress(conn, terminal_id)
            if after is None:  # another server process is projecting this terminal now
                continue
            rows = [dict(r) for r in conn.execute(
                select(e).where(e.c.terminal_id == terminal_id, e.c.seq > after)
                .order_by(e.c.seq).limit(STEP - done)).mappings()]  # fmt: skip
            if not rows:
                continue
            terminal = (
                conn.execute(select(t).where(t.c.terminal_id == terminal_id)).mappings().one()
            )
            figures.project(conn, dict(terminal), rows)
            _set_progress(conn, terminal_id, int(rows[-1]["seq"]))
            done += len(rows)
            if done >= STEP or (until is not None and time.monotonic() > until):
                break
    return done


def _behind(conn: Connection, centre: str | None) -> list[str]:
    t, p = tables.terminals, tables.fig_progress
    query = (
        select(t.c.terminal_id).select_from(t.outerjoin(p, p.c.terminal_id == t.c.terminal_id))
        .where(func.coalesce(p.c.seq, 0) < t.c.acked_seq).order_by(t.c.terminal_id)
    )  # fmt: skip
    if centre is not None:
        query = query.where(t.c.centre == centre)
    return [str(r[0]) for r in conn.execute(query)]


def _locked_progress(conn: Connection, terminal_id: str) -> int | None:
    """The terminal's projected seq, its row locked for this transaction (None: taken)."""
    p = tables.fig_progress
    dialect: Any = postgresql if conn.dialect.name == "postgresql" else sqlite
    conn.execute(dialect.insert(p).values(terminal_id=terminal_id, seq=0).on_conflict_do_nothing())
    query = select(p.c.seq).where(p.c.terminal_id == terminal_id)
    if conn.dialect.name == "postgresql":
        query = query.with_for_update(skip_locked=True)  # SQLite has one writer anyway
    seq = conn.execute(query).scalar()
    return None if seq is None else int(seq)


def _set_progress(conn: Connection, terminal_id: str, seq: int) -> None:
    p = tables.fig_progress
    conn.execute(p.update().where(p.c.terminal_id == terminal_id).values(seq=seq))
