"""What a database file is: sound, a centre's, whose, and where its journal ends.

Read through a read-only connection, so checking a backup (or a file someone
brings on a USB stick) never changes it. ``problem`` is None for a sound
centre's file, else one of "unreadable", "damaged", "not_centre", "too_new"
or "chain"; the operations layer words it for the person.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass, field
from pathlib import Path

from otop_pos.db import journal
from otop_pos.db.schema.migrations import LATEST
from otop_pos.db.store import Store


@dataclass(frozen=True)
class LastEntry:
    terminal_id: str
    seq: int
    kind: str
    occurred_at: str  # UTC ISO as stored


@dataclass(frozen=True)
class FileFacts:
    path: Path
    problem: str | None = None
    detail: str = ""
    centre_name: str = ""
    tax_id: str = ""
    terminal_id: str = ""
    schema: int = 0
    chains: dict[str, str] = field(default_factory=dict)  # terminal -> hash of its seq 1
    last: LastEntry | None = None  # the last entry of this file's own terminal
    entries: int = 0


def _settings(conn: sqlite3.Connection) -> dict[str, str]:
    return {str(k): str(v) for k, v in conn.execute("SELECT key, value FROM settings")}


def _read(conn: sqlite3.Connection, path: Path) -> FileFacts:
    result = conn.execute("PRAGMA integrity_check").fetchall()
    if [tuple(r) for r in result] != [("ok",)]:
        return FileFacts(path, "damaged", "; ".join(str(r[0]) for r in result[:5]))
    schema = int(conn.execute("PRAGMA user_version").fetchone()[0])
    tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    if not {"settings", "journal"} <= tables:
        return FileFacts(path, "not_centre", "no settings or journal table", schema=schema)
    values = _settings(conn)
    if "centre_name" not in values:
        return FileFacts(path, "not_centre", "no centre settings", schema=schema)
    facts = {
        "centre_name": values.get("centre_name", ""),
        "tax_id": values.get("tax_id", ""),
        "terminal_id": values.get("terminal_id", "T01"),
        "schema": schema,
    }
    if schema > LATEST:
        return FileFacts(path, "too_new", f"schema {schema} > {LATEST}", **facts)  # type: ignore[arg-type]
    store = Store(conn, str(path))
    checked = journal.verify(store)
    problem, detail = (None, "") if checked.ok else ("chain", chain_break(checked))
    chains = {
        str(t): str(h)
        for t, h in conn.execute("SELECT terminal_id, hash FROM journal WHERE seq = 1")
    }
    row = conn.execute(
        "SELECT terminal_id, seq, kind, occurred_at FROM journal WHERE terminal_id = ?"
        " ORDER BY seq DESC LIMIT 1",
        (facts["terminal_id"],),
    ).fetchone()
    last = None if row is None else LastEntry(str(row[0]), int(row[1]), str(row[2]), str(row[3]))
    return FileFacts(
        path, problem, detail, chains=chains, last=last, entries=checked.checked,
        **facts,  # type: ignore[arg-type]
    )  # fmt: skip


def chain_break(checked: journal.VerifyResult) -> str:
    """Where and why a chain breaks, as `FileFacts.detail` says it (so two can be compared)."""
    return f"{checked.terminal_id} seq {checked.broken_seq}: {checked.reason}"


def inspect(path: Path) -> FileFacts:
    """Check a file read-only: integrity, that it is a centre's, its chain, whose it is."""
    path = Path(path)
    if not path.is_file():
        return FileFacts(path, "unreadable", "no such file")
    try:
        conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    except sqlite3.Error as exc:
        return FileFacts(path, "unreadable", str(exc))
    try:
        return _read(conn, path)
    except sqlite3.DatabaseError as exc:
        text = str(exc).lower()
        kind = "not_centre" if "not a database" in text else "damaged"
        return FileFacts(path, kind, str(exc))
    finally:
        conn.close()
