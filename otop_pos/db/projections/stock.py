"""Projections of stock: counts, write-offs and the movement writer every projection uses."""

from __future__ import annotations

import json

from otop_pos.db import journal
from otop_pos.db.projections.audit import audit
from otop_pos.db.store import Store


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


def stock_count(store: Store, entry: journal.Entry) -> None:
    p = entry.payload
    count_id = store.conn.execute(
        "INSERT INTO stock_counts (terminal_id, seq, count_no, scope, posted_at, posted_by,"
        " note) VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id",
        (
            entry.terminal_id,
            entry.seq,
            p["count_no"],
            json.dumps(p["scope"], ensure_ascii=False, sort_keys=True),
            entry.occurred_at,
            entry.user_id,
            p["note"],
        ),
    ).fetchone()[0]
    store.conn.executemany(
        "INSERT INTO stock_count_lines (count_id, product_id, expected, counted)"
        " VALUES (?, ?, ?, ?)",
        [(count_id, ln["product_id"], ln["expected"], ln["counted"]) for ln in p["lines"]],
    )
    movements(
        store,
        entry,
        [(ln["product_id"], ln["counted"] - ln["expected"], "count") for ln in p["lines"]],
        p["count_no"],
        p["note"],
    )
    audit(
        store,
        entry,
        "stock_count",
        p["approved_by"],
        {
            "count_no": p["count_no"],
            "lines": len(p["lines"]),
            "variance": sum(abs(ln["counted"] - ln["expected"]) for ln in p["lines"]),
        },
    )


def stock_adjust(store: Store, entry: journal.Entry) -> None:
    """Opening stock, and write-offs with a reason (damaged, expired, sample, lost)."""
    p = entry.payload
    reason = p["reason"]
    movements(
        store,
        entry,
        [(i["product_id"], i["qty"], reason) for i in p["items"]],
        p["adjust_no"],
        p["note"],
    )
    if "approved_by" in p:
        audit(
            store,
            entry,
            "stock_adjust",
            p["approved_by"],
            {"adjust_no": p["adjust_no"], "reason": reason, "note": p["note"]},
        )
