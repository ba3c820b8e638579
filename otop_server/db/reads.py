"""What the province's office reads about its terminals: how far each is, what needs a look."""

from __future__ import annotations

from typing import Any

from sqlalchemy import func, select

from otop_server.db import tables
from otop_server.db.engine import Database


def terminals_overview(db: Database) -> list[dict[str, Any]]:
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
        return [dict(r) for r in conn.execute(query).mappings()]
