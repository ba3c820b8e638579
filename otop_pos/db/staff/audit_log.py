"""The audit log: who asked, who approved, what was done."""

from __future__ import annotations

from typing import Any

from otop_pos.db.store import Store


def audit_log(store: Store, start_iso: str, end_iso: str) -> list[dict[str, Any]]:
    return [
        dict(r)
        for r in store.query(
            "SELECT a.*, u.name AS asked_by_name, m.name AS approved_by_name FROM audit_log a"
            " LEFT JOIN users u ON u.id = a.asked_by LEFT JOIN users m ON m.id = a.approved_by"
            " WHERE a.occurred_at >= ? AND a.occurred_at < ? ORDER BY a.occurred_at, a.id",
            (start_iso, end_iso),
        )
    ]


def approval_refusals(store: Store, terminal_id: str, since_iso: str) -> list[str]:
    """When a PIN typed for an approval on this terminal was not a manager's, oldest first."""
    return [
        str(r[0])
        for r in store.query(
            "SELECT occurred_at FROM audit_log WHERE terminal_id = ?"
            " AND action = 'approval_refused' AND occurred_at > ? ORDER BY occurred_at, id",
            (terminal_id, since_iso),
        )
    ]


def last_approval(store: Store, terminal_id: str, since_iso: str) -> str | None:
    """The time of this terminal's latest action a manager approved for someone else, if
    after ``since_iso`` (the bound keeps the read on the time index)."""
    r = store.one(
        "SELECT max(occurred_at) FROM audit_log WHERE occurred_at > ? AND terminal_id = ?"
        " AND approved_by IS NOT NULL AND approved_by IS NOT asked_by",
        (since_iso, terminal_id),
    )
    return None if r is None or r[0] is None else str(r[0])
