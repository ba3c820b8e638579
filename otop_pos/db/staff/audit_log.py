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
