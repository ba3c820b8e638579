"""Benchmark 4: completing a 3-line cash sale, against a raw SQLite transaction.

The product side calls `complete_cash_sale` on one copy of the catalogue.
The floor, on a second copy with the same pragmas (WAL, synchronous=FULL,
foreign keys on), writes the same rows with plain sqlite3 in one
BEGIN IMMEDIATE ... COMMIT: counter upsert, 1 journal row with a payload of
the same shape, 1 sale, 3 sale lines, 1 payment, 3 stock movements. Its
parameters are prepared before the clock starts; what remains is the
irreducible cost of those writes and the commit's fsync. Product and floor
sales alternate.
"""

from __future__ import annotations

import hashlib
import json
import random
import sqlite3
import time
from pathlib import Path
from typing import Any

from bench.common import Row, median, summary_ms

SALES = 200
WARMUP = 5
LINES = 3


def _carts(store: Any, product_ids: list[int], count: int) -> list[Any]:
    from otop_pos.db.catalogue import products
    from otop_pos.domain.selling.cart import Cart

    rng = random.Random(11)
    carts = []
    for _ in range(count):
        cart = Cart()
        for pid in rng.sample(product_ids, LINES):
            product = products.by_id(store, pid)
            assert product is not None
            cart.add(product, rng.randint(1, 3))
        carts.append(cart)
    return carts


def _tendered(total: int) -> int:
    return (total // 10_000 + 1) * 10_000  # the next 100-baht note above the total


def _floor_params(cart: Any, terminal: str, n: int) -> dict[str, Any]:
    lines = [
        {
            "product_id": ln.product.product_id,
            "sku": ln.product.sku,
            "name_th": ln.product.name_th,
            "qty": ln.qty,
            "unit_price": ln.unit_price.satang,
            "discount": ln.discount.satang,
            "amount": ln.amount.satang,
        }
        for ln in cart.lines
    ]
    total = cart.total.satang
    payload = {
        "receipt_no": f"POS01-FLOOR-{n:06d}",
        "pos_id": "POS01",
        "lines": lines,
        "total": total,
        "rounding": 0,
        "vat": total * 7 // 107,
        "vat_base": total - total * 7 // 107,
        "payments": [{"tender": "cash", "amount": total}],
        "tendered": _tendered(total),
        "change": _tendered(total) - total,
    }
    text = json.dumps(payload, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return {"payload": payload, "json": text, "hash": hashlib.sha256(text.encode()).hexdigest()}


def _floor_sale(conn: sqlite3.Connection, terminal: str, seq: int, at: str, p: dict) -> None:
    pl = p["payload"]
    conn.execute("BEGIN IMMEDIATE")
    conn.execute(
        "INSERT INTO doc_counters (terminal_id, series, period, last_no) VALUES (?, ?, ?, 1)"
        " ON CONFLICT(terminal_id, series, period) DO UPDATE SET last_no = last_no + 1"
        " RETURNING last_no",
        (terminal, "floor", "2568"),
    ).fetchone()
    conn.execute(
        "INSERT INTO journal (terminal_id, seq, kind, occurred_at, user_id, payload,"
        " prev_hash, hash) VALUES (?, ?, 'sale', ?, 1, ?, ?, ?)",
        (terminal, seq, at, p["json"], p["hash"], p["hash"]),
    )
    sale_id = conn.execute(
        "INSERT INTO sales (terminal_id, seq, receipt_no, occurred_at, cashier_id,"
        " total_satang, vat_satang, rounding_satang, tendered_satang, change_satang)"
        " VALUES (?, ?, ?, ?, 1, ?, ?, 0, ?, ?) RETURNING id",
        (terminal, seq, pl["receipt_no"], at, pl["total"], pl["vat"], pl["tendered"], pl["change"]),
    ).fetchone()[0]
    conn.executemany(
        "INSERT INTO sale_lines (sale_id, line_no, product_id, name_th, qty,"
        " unit_price_satang, discount_satang, amount_satang) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        [
            (
                sale_id,
                n,
                ln["product_id"],
                ln["name_th"],
                ln["qty"],
                ln["unit_price"],
                0,
                ln["amount"],
            )
            for n, ln in enumerate(pl["lines"], start=1)
        ],
    )
    conn.execute(
        "INSERT INTO payments (sale_id, line_no, tender, amount_satang, reference)"
        " VALUES (?, 1, 'cash', ?, '')",
        (sale_id, pl["total"]),
    )
    conn.executemany(
        "INSERT INTO stock_movements (product_id, qty, reason, terminal_id, seq, occurred_at)"
        " VALUES (?, ?, 'sale', ?, ?, ?)",
        [(ln["product_id"], -ln["qty"], terminal, seq, at) for ln in pl["lines"]],
    )
    conn.execute("COMMIT")


def run(
    product_db: Path, floor_db: Path, product_ids: list[int], cashier_id: int
) -> tuple[list[Row], dict[str, Any]]:
    from otop_pos.domain.money import Money
    from otop_pos.operations import auth
    from otop_pos.operations.selling import checkout
    from otop_pos.operations.startup import open_session

    session = open_session(product_db)
    auth.login(session, cashier_id, "1111")
    terminal = session.terminal_id
    carts = _carts(session.store, product_ids, WARMUP + SALES)
    params = [_floor_params(c, terminal, n) for n, c in enumerate(carts)]
    tendered = [Money(_tendered(c.total.satang)) for c in carts]

    conn = sqlite3.connect(floor_db, isolation_level=None)
    for pragma in ("busy_timeout = 5000", "foreign_keys = ON", "journal_mode = WAL"):
        conn.execute(f"PRAGMA {pragma}")
    conn.execute("PRAGMA synchronous = FULL")
    seq = conn.execute(
        "SELECT coalesce(max(seq), 0) FROM journal WHERE terminal_id = ?", (terminal,)
    ).fetchone()[0]
    timed: list[float] = []
    floor: list[float] = []
    try:
        for i, cart in enumerate(carts):
            at = time.strftime("%Y-%m-%dT%H:%M:%S.000000+00:00", time.gmtime())
            seq += 1
            # Alternate which side goes first, so neither always follows the other's fsync.
            for side in (0, 1) if i % 2 else (1, 0):
                t0 = time.perf_counter()
                if side:
                    _floor_sale(conn, terminal, seq, at, params[i])
                else:
                    checkout.complete_cash_sale(session, cart, tendered[i])
                elapsed = time.perf_counter() - t0
                if i >= WARMUP:
                    (floor if side else timed).append(elapsed)
    finally:
        conn.close()
        session.store.close()
    s, f = summary_ms(timed), summary_ms(floor)
    row = Row("sale commit, 3 lines (median)", median(timed) * 1000, median(floor) * 1000, "ms")
    row.target_kind, row.target = "ratio", 2
    return [row], {"sales": SALES, "commit": s, "floor": f}
