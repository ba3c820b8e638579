"""Projections of intake, return to producer, stock count, settlement and payout.

Producers are named by code in payloads (ids are local to one database);
every stock effect is a movement carrying the document number, so a
product's history reads like the paper trail it replaces.
"""

from __future__ import annotations

from otop_pos.db import journal
from otop_pos.db.projections.audit import audit
from otop_pos.db.projections.stock import movements
from otop_pos.db.store import Store


class ConsignmentProjectionError(ValueError):
    """An entry that contradicts the tables; the transaction is rolled back."""


def producer_id(store: Store, code: str) -> int:
    row = store.conn.execute("SELECT id FROM producers WHERE code = ?", (code,)).fetchone()
    if row is None:
        raise ConsignmentProjectionError(f"ไม่พบผู้ผลิตรหัส {code}")
    return int(row[0])


def goods_received(store: Store, entry: journal.Entry) -> None:
    p = entry.payload
    intake_id = store.conn.execute(
        "INSERT INTO intakes (terminal_id, seq, intake_no, producer_id, delivery_note,"
        " received_at, received_by, note) VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
        (
            entry.terminal_id,
            entry.seq,
            p["intake_no"],
            producer_id(store, p["producer_code"]),
            p["delivery_note"],
            entry.occurred_at,
            entry.user_id,
            p["note"],
        ),
    ).fetchone()[0]
    store.conn.executemany(
        "INSERT INTO intake_lines (intake_id, line_no, product_id, qty, ownership,"
        " unit_cost_satang, lot, expiry) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        [
            (
                intake_id,
                n,
                ln["product_id"],
                ln["qty"],
                ln["ownership"],
                ln["unit_cost"],
                ln["lot"],
                ln["expiry"],
            )
            for n, ln in enumerate(p["lines"], start=1)
        ],
    )
    movements(
        store,
        entry,
        [(ln["product_id"], ln["qty"], "intake") for ln in p["lines"]],
        p["intake_no"],
        p["delivery_note"],
    )


def producer_return(store: Store, entry: journal.Entry) -> None:
    p = entry.payload
    return_id = store.conn.execute(
        "INSERT INTO producer_returns (terminal_id, seq, return_no, producer_id, returned_at,"
        " returned_by, reason) VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id",
        (
            entry.terminal_id,
            entry.seq,
            p["return_no"],
            producer_id(store, p["producer_code"]),
            entry.occurred_at,
            entry.user_id,
            p["reason"],
        ),
    ).fetchone()[0]
    store.conn.executemany(
        "INSERT INTO producer_return_lines (return_id, line_no, product_id, qty, ownership)"
        " VALUES (?, ?, ?, ?, ?)",
        [
            (return_id, n, ln["product_id"], ln["qty"], ln["ownership"])
            for n, ln in enumerate(p["lines"], start=1)
        ],
    )
    movements(
        store,
        entry,
        [(ln["product_id"], -ln["qty"], "return") for ln in p["lines"]],
        p["return_no"],
        p["reason"],
    )


def owed(store: Store, producer: int) -> int:
    """Settled statements less payouts, in satang."""
    settled = store.conn.execute(
        "SELECT coalesce(sum(payable_satang), 0) FROM settlements WHERE producer_id = ?",
        (producer,),
    ).fetchone()[0]
    paid = store.conn.execute(
        "SELECT coalesce(sum(amount_satang), 0) FROM payouts WHERE producer_id = ?",
        (producer,),
    ).fetchone()[0]
    return int(settled) - int(paid)


def settlement(store: Store, entry: journal.Entry) -> None:
    p = entry.payload
    producer = producer_id(store, p["producer_code"])
    last = store.conn.execute(
        "SELECT max(period_to) FROM settlements WHERE producer_id = ?", (producer,)
    ).fetchone()[0]
    if last is not None and p["period_from"] <= last:
        raise ConsignmentProjectionError(
            f"ผู้ผลิต {p['producer_code']} ปิดยอดถึงวันที่ {last} แล้ว งวดใหม่ต้องเริ่มหลังวันนั้น"
        )
    journal.insert_copying(
        store,
        entry,
        "settlements",
        {
            "terminal_id": entry.terminal_id,
            "seq": entry.seq,
            "settlement_no": p["settlement_no"],
            "producer_id": producer,
            "period_from": p["period_from"],
            "period_to": p["period_to"],
            "payable_satang": p["statement"]["payable"],
            "settled_at": entry.occurred_at,
            "settled_by": entry.user_id,
        },
        {"covers": "covers", "figures": "statement"},
    )


def payout(store: Store, entry: journal.Entry) -> None:
    p = entry.payload
    producer = producer_id(store, p["producer_code"])
    if p["amount"] > owed(store, producer):
        raise ConsignmentProjectionError(f"ยอดจ่ายเกินยอดค้างจ่ายของผู้ผลิต {p['producer_code']}")
    store.conn.execute(
        "INSERT INTO payouts (terminal_id, seq, payout_no, producer_id, paid_at, paid_by,"
        " method, amount_satang, reference) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (
            entry.terminal_id,
            entry.seq,
            p["payout_no"],
            producer,
            entry.occurred_at,
            entry.user_id,
            p["method"],
            p["amount"],
            p["reference"],
        ),
    )
    audit(
        store,
        entry,
        "producer_payout",
        entry.user_id,
        {"payout_no": p["payout_no"], "producer": p["producer_code"], "amount": p["amount"]},
    )


TABLES = (
    "payouts",
    "settlements",
    "stock_count_lines",
    "stock_counts",
    "producer_return_lines",
    "producer_returns",
    "intake_lines",
    "intakes",
)
"""Cleared on a rebuild before the tables they point at."""
