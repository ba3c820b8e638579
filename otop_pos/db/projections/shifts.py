"""Projections of the shift, cash movement, drawer, day-close (Z) and books-acknowledged kinds.

Like every projection these run inside the journal transaction; the audit
log rows are written by the same handlers, so an approval can never be
missing from the log while its effect is in the tables.
"""

from __future__ import annotations

import json

from otop_pos.db import journal
from otop_pos.db.projections.audit import audit
from otop_pos.db.store import Store


class ShiftProjectionError(ValueError):
    """An entry that contradicts the tables; the transaction is rolled back."""


def shift_id(store: Store, terminal_id: str, shift_seq: int | None) -> int | None:
    """Shifts are named in payloads by their opening entry's seq, which a replay keeps."""
    if shift_seq is None:
        return None
    row = store.conn.execute(
        "SELECT id FROM shifts WHERE terminal_id = ? AND open_seq = ?", (terminal_id, shift_seq)
    ).fetchone()
    if row is None:
        raise ShiftProjectionError(f"ไม่พบกะที่เปิดด้วยรายการ {shift_seq}")
    return int(row[0])


def shift_open(store: Store, entry: journal.Entry) -> None:
    p = entry.payload
    store.conn.execute(
        "INSERT INTO shifts (terminal_id, open_seq, opened_at, opened_by, float_satang,"
        " float_count, blind) VALUES (?, ?, ?, ?, ?, ?, ?)",
        (
            entry.terminal_id,
            entry.seq,
            entry.occurred_at,
            entry.user_id,
            p["float"],
            json.dumps(p["float_count"], sort_keys=True),
            int(p["blind"]),
        ),
    )


def cash_move(store: Store, entry: journal.Entry) -> None:
    p = entry.payload
    store.conn.execute(
        "INSERT INTO cash_moves (shift_id, terminal_id, seq, occurred_at, user_id, direction,"
        " amount_satang, reason) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        (
            shift_id(store, entry.terminal_id, p["shift_seq"]),
            entry.terminal_id,
            entry.seq,
            entry.occurred_at,
            entry.user_id,
            p["direction"],
            p["amount"],
            p["reason"],
        ),
    )
    audit(
        store, entry, f"cash_{p['direction']}", None, {"amount": p["amount"], "reason": p["reason"]}
    )


def shift_close(store: Store, entry: journal.Entry) -> None:
    p = entry.payload
    done = store.conn.execute(
        "UPDATE shifts SET close_seq = ?, closed_at = ?, closed_by = ?, expected = ?,"
        " counted = ?, cash_count = ?, over_short_satang = ?, note = ?"
        " WHERE id = ? AND close_seq IS NULL",
        (
            entry.seq,
            entry.occurred_at,
            entry.user_id,
            json.dumps(p["expected"], sort_keys=True),
            json.dumps(p["counted"], sort_keys=True),
            json.dumps(p["cash_count"], sort_keys=True),
            p["over_short"],
            p["note"],
            shift_id(store, entry.terminal_id, p["shift_seq"]),
        ),
    ).rowcount
    if done != 1:
        raise ShiftProjectionError("กะนี้ปิดไปแล้ว")
    if p["over_short"]:
        audit(
            store,
            entry,
            "shift_over_short",
            None,
            {"shift_seq": p["shift_seq"], "over_short": p["over_short"], "note": p["note"]},
        )


def z_close(store: Store, entry: journal.Entry) -> None:
    p = entry.payload
    journal.insert_copying(
        store,
        entry,
        "z_reports",
        {
            "terminal_id": entry.terminal_id,
            "z_no": p["z_no"],
            "seq": entry.seq,
            "closed_at": entry.occurred_at,
            "closed_by": entry.user_id,
            "from_seq": p["from_seq"],
            "to_seq": p["to_seq"],
            "grand_total_satang": p["grand_total"],
        },
        {"figures": "figures"},
    )


def drawer_open(store: Store, entry: journal.Entry) -> None:
    p = entry.payload
    audit(store, entry, "open_drawer", p["approved_by"], {"reason": p["reason"]})


def books_acknowledged(store: Store, entry: journal.Entry) -> None:
    """Only the audit row: who let a Z go on over books that did not check out."""
    p = entry.payload
    detail = {"problem": p["problem"], "terminal_id": p["terminal_id"], "seq": p["seq"]}
    audit(store, entry, "books_acknowledged", p["approved_by"], detail)


TABLES_BEFORE_SALES = ("audit_log", "z_reports", "refund_lines", "refunds", "sale_voids")
"""Cleared before the sales tables on a rebuild (they point at sales)."""
TABLES_AFTER_SALES = ("cash_moves", "shifts")
"""Cleared after the sales tables (sales point at shifts)."""
