"""Which documents were printed, so a reprint is always marked as a copy."""

from __future__ import annotations

from otop_pos.db.store import Store


def original_printed(store: Store, doc_no: str) -> bool:
    return bool(
        store.scalar(
            "SELECT 1 FROM print_log WHERE doc_no = ? AND ok AND NOT is_copy LIMIT 1", (doc_no,)
        )
    )


def log(
    store: Store,
    doc_no: str,
    printed_at: str,
    user_id: int | None,
    is_copy: bool,
    ok: bool,
    error: str,
) -> None:
    with store.transaction():
        store.conn.execute(
            "INSERT INTO print_log (doc_no, printed_at, user_id, is_copy, ok, error)"
            " VALUES (?, ?, ?, ?, ?, ?)",
            (doc_no, printed_at, user_id, is_copy, ok, error),
        )
