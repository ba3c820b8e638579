"""What the province's office reads about its terminals: how far each is, what needs a look."""

from __future__ import annotations

from typing import Any

from sqlalchemy import func, select

from otop_server.db import tables
from otop_server.db.engine import Database


def terminals_overview(db: Database) -> list[dict[str, Any]]:
    """Every terminal: acknowledged seq, last contact, flagged entries, alerts and the latest."""
    t, e, a = tables.terminals, tables.entries, tables.alerts
    flagged = (
        select(func.count()).select_from(e)
        .where(e.c.terminal_id == t.c.terminal_id, e.c.problems.is_not(None))
        .scalar_subquery()
    )  # fmt: skip
    alerts = (
        select(func.count()).select_from(a).where(a.c.terminal_id == t.c.terminal_id)
        .scalar_subquery()
    )  # fmt: skip
    query = select(
        t.c.terminal_id, t.c.centre, t.c.pos_id, t.c.acked_seq, t.c.last_contact_at,
        flagged.label("flagged"), alerts.label("alerts"),
    ).order_by(t.c.terminal_id)  # fmt: skip
    with db.read() as conn:
        rows = [dict(r) for r in conn.execute(query).mappings()]
        latest = conn.execute(
            select(a.c.terminal_id, a.c.kind, a.c.seq, a.c.at).order_by(a.c.id)
            .where(a.c.id.in_(select(func.max(a.c.id)).group_by(a.c.terminal_id)))
        ).all()  # fmt: skip
    last = {tid: {"kind": kind, "seq": int(seq), "at": at} for tid, kind, seq, at in latest}
    for row in rows:  # what needs a look: a fork, a till behind, a broken chain
        row["latest_alert"] = last.get(row["terminal_id"])
    return rows
