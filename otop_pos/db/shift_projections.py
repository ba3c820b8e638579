"""Projections of the shift, return and day-close journal kinds.

Like every projection these run inside the journal transaction; the audit
log rows are written by the same handlers, so an approval can never be
missing from the log while its effect is in the tables.
"""

from __future__ import annotations

import json
from typing import Any

from otop_pos.db import journal
from otop_pos.db.store import Store


class ShiftProjectionError(ValueError):
    """An entry that contradicts the tables; the transaction is rolled back."""


def audit(
    store: Store, entry: journal.Entry, action: str, approved_by: int | None, detail: dict[str, Any]
) -> None:
    store.conn.execute(
        "INSERT INTO audit_log (terminal_id, seq, occurred_at, action, asked_by, approved_by,"
        " detail) VALUES (?, ?, ?, ?, ?, ?, ?)",
        (
            entry.terminal_id,
            entry.seq,
            entry.occurred_at,
            action,
            entry.user_id,
            approved_by,
            json.dumps(detail, ensure_ascii=False, sort_keys=True),
        ),
    )


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


def movements(
    store: Store,
    entry: journal.Entry,
    rows: list[tuple[int, int, str]],
    doc_no: str = "",
    note: str = "",
) -> None:
    """Stock movements of one entry, each with its document number; zero rows are skipped."""
    store.conn.executemany(
        "INSERT INTO stock_movements (product_id, qty, reason, terminal_id, seq, occurred_at,"
        " doc_no, note) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        [
            (pid, qty, why, entry.terminal_id, entry.seq, entry.occurred_at, doc_no, note)
            for pid, qty, why in rows
            if qty
        ],
    )


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
            int(p.get("blind", False)),
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
            p.get("note", ""),
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
            {"shift_seq": p["shift_seq"], "over_short": p["over_short"], "note": p.get("note", "")},
        )


def _sale_id(store: Store, receipt_no: str) -> int:
    row = store.conn.execute("SELECT id FROM sales WHERE receipt_no = ?", (receipt_no,)).fetchone()
    if row is None:
        raise ShiftProjectionError(f"ไม่พบใบเสร็จเลขที่ {receipt_no}")
    return int(row[0])


def sale_void(store: Store, entry: journal.Entry) -> None:
    p = entry.payload
    sale_id = _sale_id(store, p["receipt_no"])
    done = store.conn.execute(
        "UPDATE sales SET status = 'voided' WHERE id = ? AND status = 'completed'", (sale_id,)
    ).rowcount
    if done != 1:
        raise ShiftProjectionError(f"ใบเสร็จ {p['receipt_no']} ถูกยกเลิกไปแล้ว")
    store.conn.execute(
        "INSERT INTO sale_voids (sale_id, terminal_id, seq, voided_at, voided_by, approved_by,"
        " shift_id, reason) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        (
            sale_id,
            entry.terminal_id,
            entry.seq,
            entry.occurred_at,
            entry.user_id,
            p["approved_by"],
            shift_id(store, entry.terminal_id, p.get("shift_seq")),
            p["reason"],
        ),
    )
    movements(store, entry, [(ln["product_id"], ln["qty"], "void") for ln in p["lines"]])
    audit(
        store,
        entry,
        "void_sale",
        p["approved_by"],
        {"receipt_no": p["receipt_no"], "total": p["total"], "reason": p["reason"]},
    )


def refund(store: Store, entry: journal.Entry) -> None:
    p = entry.payload
    sale_id = _sale_id(store, p["receipt_no"])
    refund_id = store.conn.execute(
        "INSERT INTO refunds (terminal_id, seq, refund_no, sale_id, occurred_at, user_id,"
        " approved_by, shift_id, tender, total_satang, vat_satang, reason, credit_note_no)"
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
        (
            entry.terminal_id,
            entry.seq,
            p["refund_no"],
            sale_id,
            entry.occurred_at,
            entry.user_id,
            p["approved_by"],
            shift_id(store, entry.terminal_id, p.get("shift_seq")),
            p["tender"],
            p["total"],
            p["vat"],
            p["reason"],
            p.get("credit_note_no"),
        ),
    ).fetchone()[0]
    store.conn.executemany(
        "INSERT INTO refund_lines (refund_id, line_no, sale_line_no, product_id, qty,"
        " amount_satang, disposition) VALUES (?, ?, ?, ?, ?, ?, ?)",
        [
            (
                refund_id,
                n,
                ln["sale_line_no"],
                ln["product_id"],
                ln["qty"],
                ln["amount"],
                ln["disposition"],
            )
            for n, ln in enumerate(p["lines"], start=1)
        ],
    )
    moves: list[tuple[int, int, str]] = []
    for ln in p["lines"]:
        moves.append((ln["product_id"], ln["qty"], "refund"))
        if ln["disposition"] == "damaged":  # back in, then written off: both show in history
            moves.append((ln["product_id"], -ln["qty"], "damaged"))
    movements(store, entry, moves)
    audit(
        store,
        entry,
        "refund",
        p["approved_by"],
        {
            "refund_no": p["refund_no"],
            "receipt_no": p["receipt_no"],
            "total": p["total"],
            "reason": p["reason"],
            "credit_note_no": p.get("credit_note_no"),
        },
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


def sale_approvals(store: Store, entry: journal.Entry) -> None:
    """Discounts over the limit and price overrides on a sale's lines, into the log."""
    for ln in entry.payload["lines"]:
        approval = ln.get("approval")
        if approval:
            audit(
                store,
                entry,
                approval["action"],
                approval["approved_by"],
                {
                    "receipt_no": entry.payload["receipt_no"],
                    "sku": ln.get("sku", ""),
                    "name": ln["name_th"],
                    "list_price": approval.get("list_price"),
                    "unit_price": ln["unit_price"],
                    "discount": ln["discount"],
                },
            )


HANDLERS = {
    "shift_open": shift_open,
    "cash_move": cash_move,
    "shift_close": shift_close,
    "sale_void": sale_void,
    "refund": refund,
    "z_close": z_close,
    "drawer_open": drawer_open,
}

TABLES_BEFORE_SALES = ("audit_log", "z_reports", "refund_lines", "refunds", "sale_voids")
"""Cleared before the sales tables on a rebuild (they point at sales)."""
TABLES_AFTER_SALES = ("cash_moves", "shifts")
"""Cleared after the sales tables (sales point at shifts)."""
