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

from typing import Any

from sqlalchemy import Connection, func, select
from sqlalchemy.dialects import postgresql, sqlite

from otop_server.db import figures, tables
from otop_server.db.engine import Database

STEP = 2000  # entries projected per transaction


def behind(db: Database, centre: str | None = None) -> list[str]:
    """Terminals with entries held but not yet in the figures."""
    t, p = tables.terminals, tables.fig_progress
    query = (
        select(t.c.terminal_id).select_from(t.outerjoin(p, p.c.terminal_id == t.c.terminal_id))
        .where(func.coalesce(p.c.seq, 0) < t.c.acked_seq).order_by(t.c.terminal_id)
    )  # fmt: skip
    if centre is not None:
        query = query.where(t.c.centre == centre)
    with db.read() as conn:
        return [str(r[0]) for r in conn.execute(query)]


def catch_up(db: Database, centre: str | None = None) -> int:
    """Project every held entry not yet in the figures; how many were projected."""
    done = 0
    for terminal_id in behind(db, centre):
        while (n := step(db, terminal_id)) > 0:
            done += n
    return done


def step(db: Database, terminal_id: str) -> int:
    """One transaction: the next STEP entries of a terminal into its figures, with its progress."""
    e, t = tables.entries, tables.terminals
    with db.write() as conn:
        after = _locked_progress(conn, terminal_id)
        rows = [dict(r) for r in conn.execute(
            select(e).where(e.c.terminal_id == terminal_id, e.c.seq > after)
            .order_by(e.c.seq).limit(STEP)).mappings()]  # fmt: skip
        if not rows:
            return 0
        terminal = conn.execute(select(t).where(t.c.terminal_id == terminal_id)).mappings().one()
        figures.project(conn, dict(terminal), rows)
        _set_progress(conn, terminal_id, int(rows[-1]["seq"]))
    return len(rows)


def _locked_progress(conn: Connection, terminal_id: str) -> int:
    p = tables.fig_progress
    dialect: Any = postgresql if conn.dialect.name == "postgresql" else sqlite
    conn.execute(dialect.insert(p).values(terminal_id=terminal_id, seq=0).on_conflict_do_nothing())
    query = select(p.c.seq).where(p.c.terminal_id == terminal_id)
    if conn.dialect.name == "postgresql":
        query = query.with_for_update()  # a second process waits, then reads the moved seq
    return int(conn.execute(query).scalar_one())


def _set_progress(conn: Connection, terminal_id: str, seq: int) -> None:
    p = tables.fig_progress
    conn.execute(p.update().where(p.c.terminal_id == terminal_id).values(seq=seq))


def reset(conn: Connection) -> None:
    """Nothing projected: for a rebuild, inside its transaction."""
    conn.execute(tables.fig_progress.delete())
