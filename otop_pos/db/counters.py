"""Document counters: each series numbered per terminal and period, never reused."""

from __future__ import annotations

from otop_pos.db.store import Store


def next_number(store: Store, terminal_id: str, series: str, period: str) -> int:
    """Take the next number of a series; runs inside the sale's transaction."""
    if not store.conn.in_transaction:
        raise RuntimeError("next_number must run inside Store.transaction()")
    row = store.conn.execute(
        "INSERT INTO doc_counters (terminal_id, series, period, last_no) VALUES (?, ?, ?, 1)"
        " ON CONFLICT(terminal_id, series, period) DO UPDATE SET last_no = last_no + 1"
        " RETURNING last_no",
        (terminal_id, series, period),
    ).fetchone()
    return int(row[0])
