"""The till's own record of checking its books, and the rows a sale's entry must have.

Where the till last proved its chain (per terminal, the last seq verified
and its hash), the problem it found and the one a manager acknowledged are
this terminal's state, kept in `settings` rows like its configuration: they
are not business events, and a copy of the database checks itself afresh.

`money_row_problem` is the start-up check of the read tables: for the
entries after a point, the sale, void, refund, cash and Z rows the X and Z
are computed from must say what their entries say, field by field and line
by line. It reads only those entries, so it stays fast; the whole of every
table is compared before each Z (`projections/replay_check.py`).
"""

from __future__ import annotations

import json
from typing import Any

from otop_pos.db.store import Store

POINT = "books.verified."
PROBLEM = "books.problem"
ACKNOWLEDGED = "books.acknowledged"


def points(store: Store) -> dict[str, tuple[int, str]]:
    """terminal -> (last seq verified, its hash)."""
    rows = store.query("SELECT key, value FROM settings WHERE key LIKE 'books.verified.%'")
    out = {}
    for key, value in rows:
        point = json.loads(value)
        out[key.removeprefix(POINT)] = (int(point["seq"]), str(point["hash"]))
    return out


def _put(store: Store, rows: list[tuple[str, str | None]]) -> None:
    with store.transaction():
        for key, value in rows:
            if value is None:
                store.conn.execute("DELETE FROM settings WHERE key = ?", (key,))
            else:
                store.conn.execute(
                    "INSERT INTO settings (key, value) VALUES (?, ?)"
                    " ON CONFLICT(key) DO UPDATE SET value = excluded.value",
                    (key, value),
                )


def save_points(store: Store, heads: dict[str, tuple[int, str]], at: str) -> None:
    _put(
        store,
        [
            (f"{POINT}{t}", json.dumps({"seq": seq, "hash": digest, "at": at}))
            for t, (seq, digest) in heads.items()
        ],
    )


def problem(store: Store) -> dict[str, Any] | None:
    raw = store.scalar("SELECT value FROM settings WHERE key = ?", (PROBLEM,))
    return None if raw is None else dict(json.loads(raw))


def save_problem(store: Store, found: dict[str, Any] | None) -> None:
    _put(store, [(PROBLEM, None if found is None else json.dumps(found, ensure_ascii=False))])


def acknowledged(store: Store) -> str | None:
    raw = store.scalar("SELECT value FROM settings WHERE key = ?", (ACKNOWLEDGED,))
    return None if raw is None else str(raw)


def save_acknowledged(store: Store, fingerprint: str) -> None:
    """Inside the caller's transaction, with the entry that records who acknowledged."""
    store.conn.execute(
        "INSERT INTO settings (key, value) VALUES (?, ?)"
        " ON CONFLICT(key) DO UPDATE SET value = excluded.value",
        (ACKNOWLEDGED, fingerprint),
    )


def _differs(pairs: list[tuple[str, str]]) -> str:
    return " OR ".join(f"{row} IS NOT {payload}" for row, payload in pairs)


def _p(path: str, source: str = "j.payload") -> str:
    return f"json_extract({source}, '$.{path}')"


def _lines_differ(
    table: str, key: str, parent: str, path: str, pairs: list[tuple[str, str]]
) -> str:
    """The entry's list and the table's rows under `parent` differ in count or any field."""
    fields = _differs([(f"r.{col}", _p(field, "e.value")) for col, field in pairs])
    return (
        f"(SELECT count(*) FROM {table} WHERE {key} = {parent})"
        f" IS NOT json_array_length(j.payload, '$.{path}')"
        f" OR EXISTS (SELECT 1 FROM json_each(j.payload, '$.{path}') e"
        f" LEFT JOIN {table} r ON r.{key} = {parent} AND r.line_no = e.key + 1"
        f" WHERE r.{key} IS NULL OR {fields})"
    )


SALE = (
    "SELECT j.seq, 'sales' FROM journal j"
    " LEFT JOIN sales s ON s.terminal_id = j.terminal_id AND s.seq = j.seq"
    " WHERE j.terminal_id = :t AND j.seq > :after AND j.kind = 'sale' AND (s.id IS NULL OR "
    + _differs(
        [
            ("s.receipt_no", _p("receipt_no")),
            ("s.occurred_at", "j.occurred_at"),
            ("s.cashier_id", "j.user_id"),
            ("s.total_satang", _p("total")),
            ("s.vat_satang", _p("vat")),
            ("s.rounding_satang", _p("rounding")),
            ("s.tendered_satang", _p("tendered")),
            ("s.change_satang", _p("change")),
            ("(s.status = 'voided')", "EXISTS (SELECT 1 FROM sale_voids v WHERE v.sale_id = s.id)"),
        ]
    )
    + " OR "
    + _lines_differ(
        "sale_lines",
        "sale_id",
        "s.id",
        "lines",
        [
            ("product_id", "product_id"),
            ("qty", "qty"),
            ("unit_price_satang", "unit_price"),
            ("discount_satang", "discount"),
            ("amount_satang", "amount"),
        ],
    )
    + " OR "
    + _lines_differ(
        "payments",
        "sale_id",
        "s.id",
        "payments",
        [("tender", "tender"), ("amount_satang", "amount")],
    )
    + ")"
)

VOID = (
    "SELECT j.seq, 'sale_voids' FROM journal j"
    " LEFT JOIN sale_voids v ON v.terminal_id = j.terminal_id AND v.seq = j.seq"
    " LEFT JOIN sales s ON s.id = v.sale_id"
    " WHERE j.terminal_id = :t AND j.seq > :after AND j.kind = 'sale_void' AND (v.sale_id IS NULL"
    " OR s.status IS NOT 'voided' OR "
    + _differs([("s.receipt_no", _p("receipt_no")), ("v.approved_by", _p("approved_by"))])
    + ")"
)

REFUND = (
    "SELECT j.seq, 'refunds' FROM journal j"
    " LEFT JOIN refunds r0 ON r0.terminal_id = j.terminal_id AND r0.seq = j.seq"
    " WHERE j.terminal_id = :t AND j.seq > :after AND j.kind = 'refund' AND (r0.id IS NULL OR "
    + _differs(
        [
            ("r0.refund_no", _p("refund_no")),
            ("r0.tender", _p("tender")),
            ("r0.total_satang", _p("total")),
            ("r0.vat_satang", _p("vat")),
            ("r0.approved_by", _p("approved_by")),
        ]
    )
    + " OR "
    + _lines_differ(
        "refund_lines",
        "refund_id",
        "r0.id",
        "lines",
        [("product_id", "product_id"), ("qty", "qty"), ("amount_satang", "amount")],
    )
    + ")"
)

CASH = (
    "SELECT j.seq, 'cash_moves' FROM journal j"
    " LEFT JOIN cash_moves c ON c.terminal_id = j.terminal_id AND c.seq = j.seq"
    " WHERE j.terminal_id = :t AND j.seq > :after AND j.kind = 'cash_move' AND (c.id IS NULL OR "
    + _differs([("c.direction", _p("direction")), ("c.amount_satang", _p("amount"))])
    + ")"
)

Z = (
    "SELECT j.seq, 'z_reports' FROM journal j"
    " LEFT JOIN z_reports z ON z.terminal_id = j.terminal_id AND z.seq = j.seq"
    " WHERE j.terminal_id = :t AND j.seq > :after AND j.kind = 'z_close' AND (z.id IS NULL OR "
    + _differs(
        [
            ("z.z_no", _p("z_no")),
            ("z.from_seq", _p("from_seq")),
            ("z.to_seq", _p("to_seq")),
            ("z.grand_total_satang", _p("grand_total")),
        ]
    )
    + ")"
)

UNWRITTEN = " UNION ALL ".join(
    f"SELECT x.seq, '{table}' FROM {table} x WHERE x.terminal_id = :t AND x.seq > :after"
    f" AND NOT EXISTS (SELECT 1 FROM journal j WHERE j.terminal_id = x.terminal_id"
    f" AND j.seq = x.seq AND j.kind = '{kind}')"
    for table, kind in (
        ("sales", "sale"),
        ("sale_voids", "sale_void"),
        ("refunds", "refund"),
        ("cash_moves", "cash_move"),
        ("z_reports", "z_close"),
    )
)
"""Rows of the money tables that no entry of their kind wrote."""


def money_row_problem(store: Store, terminal_id: str, after_seq: int) -> tuple[int, str] | None:
    """(seq, table) of the first entry after `after_seq` whose money rows are not as it says."""
    found = store.one(
        f"SELECT * FROM ({SALE} UNION ALL {VOID} UNION ALL {REFUND} UNION ALL {CASH}"
        f" UNION ALL {Z} UNION ALL {UNWRITTEN}) ORDER BY 1 LIMIT 1",
        {"t": terminal_id, "after": after_seq},
    )
    return None if found is None else (int(found[0]), str(found[1]))
