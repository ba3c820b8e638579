"""Projections of voided sales and customer refunds."""

from __future__ import annotations

from otop_pos.db import journal
from otop_pos.db.projections.audit import audit
from otop_pos.db.projections.shifts import ShiftProjectionError, shift_id
from otop_pos.db.projections.stock import movements
from otop_pos.db.store import Store


def sold_id(store: Store, receipt_no: str) -> int:
    row = store.conn.execute("SELECT id FROM sales WHERE receipt_no = ?", (receipt_no,)).fetchone()
    if row is None:
        raise ShiftProjectionError(f"ไม่พบใบเสร็จเลขที่ {receipt_no}")
    return int(row[0])


def sale_void(store: Store, entry: journal.Entry) -> None:
    p = entry.payload
    sale_id = sold_id(store, p["receipt_no"])
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
    sale_id = sold_id(store, p["receipt_no"])
    refund_id = store.conn.execute(
        "INSERT INTO refunds (terminal_id, seq, refund_no, sale_id, occurred_at, user_id,"
        " approved_by, shift_id, tender, total_satang, vat_satang, exempt_satang, reason,"
        " credit_note_no) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
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
            p.get("exempt", 0),
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
