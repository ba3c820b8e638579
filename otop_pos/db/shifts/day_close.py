"""Z reports (the day's close) read back, and where the next Z starts."""

from __future__ import annotations

from typing import Any

from otop_pos.db.store import Store


def last_z(store: Store, terminal_id: str) -> dict[str, Any] | None:
    row = store.one(
        "SELECT * FROM z_reports WHERE terminal_id = ? ORDER BY z_no DESC LIMIT 1", (terminal_id,)
    )
    return None if row is None else dict(row)


def z_by_no(store: Store, terminal_id: str, z_no: int) -> dict[str, Any] | None:
    row = store.one(
        "SELECT z.*, u.name AS closed_by_name FROM z_reports z"
        " LEFT JOIN users u ON u.id = z.closed_by WHERE z.terminal_id = ? AND z.z_no = ?",
        (terminal_id, z_no),
    )
    return None if row is None else dict(row)


def last_seq(store: Store, terminal_id: str) -> int:
    return int(
        store.scalar(
            "SELECT coalesce(max(seq), 0) FROM journal WHERE terminal_id = ?", (terminal_id,)
        )
    )
