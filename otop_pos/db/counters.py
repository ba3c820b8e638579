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


def terminal_has_numbers(store: Store, terminal_id: str) -> bool:
    """Whether a terminal has taken any document number (its series would start again)."""
    return (
        store.one("SELECT 1 FROM doc_counters WHERE terminal_id = ? LIMIT 1", (terminal_id,))
        is not None
    )


def receipt_terminals(store: Store, pos_id: str) -> list[str]:
    """The terminals whose receipts are numbered under this POS ID ('POS01-69110001').

    ``pos_id`` is letters and digits only (checked before), so it is safe in a GLOB.
    """
    rows = store.query(
        "SELECT DISTINCT terminal_id FROM sales WHERE receipt_no GLOB ?",
        (f"{pos_id}-[0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9]*",),
    )
    return sorted(str(r[0]) for r in rows)
