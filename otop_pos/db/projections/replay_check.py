"""Proof that the read tables follow from the journal: replay it into a scratch file, compare.

The scratch file gets a fresh schema, the journal and the users' ids (sales
point at cashiers; no PIN hash is copied), and the whole journal is replayed
into it with the same handlers the till uses. Then every derived table is
compared with the live one, row by row on its primary key, and the first
difference is named: table, key, the columns that differ, and the entry
that wrote the row when the row says. Nothing is written to the live file.
"""

from __future__ import annotations

import sqlite3
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from otop_pos.db.projections import record
from otop_pos.db.store import Store, open_store

CHECKED_TABLES = (
    "producers",
    "products",
    "barcodes",
    "price_history",
    "product_search",
    "shifts",
    "cash_moves",
    "sales",
    "sale_lines",
    "payments",
    "tax_invoices",
    "buyers",
    "sale_voids",
    "refunds",
    "refund_lines",
    "z_reports",
    "stock_movements",
    "stock_levels",
    "stock_month_sums",
    "sale_month_sums",
    "sale_days",
    "intakes",
    "intake_lines",
    "producer_returns",
    "producer_return_lines",
    "stock_counts",
    "stock_count_lines",
    "settlements",
    "payouts",
    "audit_log",
)
"""Every derived table, in the order they are compared (the first difference is named)."""

USER_COLUMNS = ("id", "name", "role", "active")
"""The users table is the terminal's own (PIN hashes, lock-outs), but these columns follow
the staff entries; they are compared after every derived table."""

PARENTS = {
    "sale_lines": ("sales", "sale_id"),
    "payments": ("sales", "sale_id"),
    "refund_lines": ("refunds", "refund_id"),
    "intake_lines": ("intakes", "intake_id"),
    "producer_return_lines": ("producer_returns", "return_id"),
    "stock_count_lines": ("stock_counts", "count_id"),
}
"""Rows that name their entry through the row they belong to."""


@dataclass(frozen=True)
class Difference:
    """The first row where the live tables and the journal's replay disagree."""

    table: str
    key: dict[str, Any]
    live: dict[str, Any] | None  # None: the journal has a row the live table lacks
    replayed: dict[str, Any] | None  # None: a live row the journal never wrote
    entry: tuple[str, int] | None = None  # (terminal, seq) of the entry behind the row
    reason: str = ""  # set when the entry itself could not be replayed

    @property
    def columns(self) -> list[str]:
        """The columns that differ (all of them when a row is missing on one side)."""
        if self.live is None or self.replayed is None:
            return list((self.live or self.replayed or {}).keys())
        return [c for c in self.live if self.live[c] != self.replayed.get(c)]

    def describe(self) -> str:
        """One line for the log and the command's output, in English."""
        where = f" (journal entry {self.entry[0]}/{self.entry[1]})" if self.entry else ""
        if self.reason:
            return f"journal{where} cannot be replayed: {self.reason}"
        key = ", ".join(f"{k}={v!r}" for k, v in self.key.items())
        if self.live is None:
            what = "is missing from the live table"
        elif self.replayed is None:
            what = "is in the live table but the journal never wrote it"
        else:
            what = "differs: " + "; ".join(
                f"{c} live {self.live[c]!r} journal {self.replayed.get(c)!r}" for c in self.columns
            )
        return f"table {self.table} row {key}{where} {what}"

    def thai(self) -> str:
        """The same for the manager, in Thai."""
        where = f" (รายการบันทึกเครื่อง {self.entry[0]} ลำดับที่ {self.entry[1]})" if self.entry else ""
        if self.reason:
            return f"รายการบันทึก{where} นำมาสร้างตารางใหม่ไม่ได้: {self.reason}"
        key = ", ".join(f"{k}={v}" for k, v in self.key.items())
        if self.live is None:
            what = "หายไปจากตาราง"
        elif self.replayed is None:
            what = "ไม่มีในบันทึกรายการ (journal) แต่มีในตาราง"
        else:
            what = "ไม่ตรงกับบันทึกรายการ ช่อง " + ", ".join(self.columns)
        return f"ตาราง {self.table} แถว {key}{where} {what}"


Progress = Callable[[str], None]


def check(store: Store, progress: Progress | None = None) -> Difference | None:
    """Replay the journal into a scratch file and compare; None when every table matches."""
    say = progress or (lambda stage: None)
    with tempfile.TemporaryDirectory(prefix="otop-replay-") as folder:
        scratch_path = Path(folder) / "replay.sqlite"
        say("replay")
        try:
            replay_into(store, scratch_path)
        except record.ReplayError as exc:
            e = exc.entry
            key = {"terminal_id": e.terminal_id, "seq": e.seq}
            return Difference("journal", key, None, None, (e.terminal_id, e.seq), exc.reason)
        say("compare")
        return compare(Path(store.path), scratch_path)


def replay_into(store: Store, scratch_path: Path) -> int:
    """A fresh schema at `scratch_path` with the journal of `store` replayed into it."""
    scratch = open_store(scratch_path)
    try:
        scratch.conn.execute("PRAGMA journal_mode = OFF")  # a scratch file: no crash safety
        scratch.conn.execute("PRAGMA synchronous = OFF")
        scratch.conn.execute("ATTACH DATABASE ? AS live", (str(Path(store.path).resolve()),))
        with scratch.transaction():
            scratch.conn.execute(
                "INSERT INTO users (id, name, role, pin_hash, active)"
                " SELECT id, name, role, '', active FROM live.users"
            )
            scratch.conn.execute("INSERT INTO journal SELECT * FROM live.journal")
        scratch.conn.execute("DETACH DATABASE live")
        with scratch.transaction():
            replayed = record.replay(scratch)
        _drop_unrecorded_users(scratch)
        return replayed
    finally:
        scratch.close()


def _drop_unrecorded_users(scratch: Store) -> None:
    """Once users are journalled, a user no entry added is not the journal's: drop it.

    A centre from before the staff kinds has no user entry until the till
    first starts (`operations/staff/users.record_existing_users`); its users
    are copied and compared with themselves. Rows that point at a dropped
    user stay (foreign keys off on the scratch file): the users table names it.
    """
    if not scratch.one("SELECT 1 FROM journal WHERE kind = 'user_added' LIMIT 1"):
        return
    scratch.conn.execute("PRAGMA foreign_keys = OFF")
    with scratch.transaction():
        scratch.conn.execute(
            "DELETE FROM users WHERE id NOT IN (SELECT json_extract(payload, '$.user_id')"
            " FROM journal WHERE kind = 'user_added')"
        )


def _uri(path: str | Path) -> str:
    return Path(path).resolve().as_posix().replace("?", "%3f").replace("#", "%23")


def compare(live_path: Path, replayed_path: Path) -> Difference | None:
    """The first row, table by table in CHECKED_TABLES order, that differs."""
    conn = sqlite3.connect(f"file:{_uri(replayed_path)}?mode=ro", uri=True)
    try:
        conn.row_factory = sqlite3.Row
        conn.execute("ATTACH DATABASE ? AS live", (f"file:{_uri(live_path)}?mode=ro",))
        for table in CHECKED_TABLES:
            found = _first_difference(conn, table)
            if found is not None:
                return found
        return _first_difference(conn, "users", USER_COLUMNS)
    finally:
        conn.close()


def _key_columns(conn: sqlite3.Connection, table: str) -> list[str]:
    info = conn.execute(f"PRAGMA main.table_info({table})").fetchall()
    keys = [r["name"] for r in sorted(info, key=lambda r: r["pk"]) if r["pk"]]
    return keys or ["rowid"]


def _columns(conn: sqlite3.Connection, table: str) -> list[str]:
    """The table's columns on both sides: a file of an older schema lacks the newest."""
    live = {r["name"] for r in conn.execute(f"PRAGMA live.table_info({table})")}
    return [
        r["name"] for r in conn.execute(f"PRAGMA main.table_info({table})") if r["name"] in live
    ]


def _first_difference(
    conn: sqlite3.Connection, table: str, only: tuple[str, ...] = ()
) -> Difference | None:
    keys = _key_columns(conn, table)
    cols = list(dict.fromkeys([*keys, *(only or _columns(conn, table))]))
    listed = ", ".join(cols)
    key_list = ", ".join(keys)
    row = conn.execute(
        f"SELECT {key_list} FROM (SELECT {listed} FROM live.{table}"
        f" EXCEPT SELECT {listed} FROM main.{table})"
        f" UNION SELECT {key_list} FROM (SELECT {listed} FROM main.{table}"
        f" EXCEPT SELECT {listed} FROM live.{table}) ORDER BY {key_list} LIMIT 1"
    ).fetchone()
    if row is None:
        return None
    key = {k: row[i] for i, k in enumerate(keys)}
    where = " AND ".join(f"{k} IS ?" for k in keys)
    sides = []
    for schema in ("live", "main"):
        found = conn.execute(
            f"SELECT {listed} FROM {schema}.{table} WHERE {where}", list(key.values())
        ).fetchone()
        sides.append(None if found is None else dict(zip(cols, found, strict=True)))
    live, replayed = sides
    return Difference(table, key, live, replayed, _entry(conn, table, live or replayed or {}))


def _entry(conn: sqlite3.Connection, table: str, row: dict[str, Any]) -> tuple[str, int] | None:
    """The journal entry that wrote the row, when the row (or its parent) names it."""
    if table in PARENTS:
        parent, column = PARENTS[table]
        found = conn.execute(
            f"SELECT terminal_id, seq FROM live.{parent} WHERE id = ?"
            f" UNION ALL SELECT terminal_id, seq FROM main.{parent} WHERE id = ? LIMIT 1",
            (row.get(column), row.get(column)),
        ).fetchone()
        return None if found is None else (str(found[0]), int(found[1]))
    if table == "shifts" and "open_seq" in row:
        return str(row["terminal_id"]), int(row["open_seq"])
    if row.get("terminal_id") is not None and row.get("seq") is not None:
        return str(row["terminal_id"]), int(row["seq"])
    return None
