"""Z reports (the day's close) read back, and where the next Z starts."""

from __future__ import annotations

from typing import Any

from otop_pos.db.store import Store


def last_z(store: Store, terminal_id: str) -> dict[str, Any] | None:
    row = store.one(
        "SELECT * FROM z_reports WHERE terminal_id = ? ORDER BY z_no DESC LIMIT 1", (terminal_id,)
    )
    return None if row is None else dict(row)


def last_z_seq(store: Store, terminal_id: str) -> int:
    """The journal seq of the terminal's last Z (0 before the first): a Z covers what follows."""
    last = last_z(store, terminal_id)
    return int(last["seq"]) if last else 0


def z_by_no(store: Store, terminal_id: str, z_no: int) -> dict[str, Any] | None:
    row = store.one(
        "SELECT z.*, u.name AS closed_by_name FROM z_reports z"
        " LEFT JOIN users u ON u.id = z.closed_by WHERE z.terminal_id = ? AND z.z_no = ?",
        (terminal_id, z_no),
    )
    return None if row is None else dict(row)


def last_seq(store: Store, terminal_id: str) -> int:
    return int(
        store.scalar(
            "SELECT coalesce(max(seq), 0) FROM journal WHERE terminal_id = ?", (terminal_id,)
        )
    )


def z_numbers(store: Store, terminal_id: str) -> list[int]:
    """Every Z of the terminal, newest first."""
    rows = store.query(
        "SELECT z_no FROM z_reports WHERE terminal_id = ? ORDER BY z_no DESC", (terminal_id,)
    )
    return [int(r[0]) for r in rows]


def first_entry_time(store: Store, terminal_id: str, after_seq: int) -> str | None:
    """When the first entry after ``after_seq`` happened: where a day's period starts."""
    row = store.one(
        "SELECT occurred_at FROM journal WHERE terminal_id = ? AND seq > ? ORDER BY seq LIMIT 1",
        (terminal_id, after_seq),
    )
    return None if row is None else str(row[0])


def entries_since(store: Store, terminal_id: str, after_seq: int, kinds: tuple[str, ...]) -> int:
    """How many entries of ``kinds`` came after ``after_seq``: a Z with none is refused."""
    return int(
        store.scalar(
            "SELECT count(*) FROM journal WHERE terminal_id = ? AND seq > ? AND kind IN"
            f" ({', '.join('?' * len(kinds))})",
            (terminal_id, after_seq, *kinds),
        )
    )


def z_payload(store: Store, terminal_id: str, seq: int) -> str:
    """The JSON a Z was closed with, from its own journal entry."""
    row = store.one(
        "SELECT payload FROM journal WHERE terminal_id = ? AND seq = ?", (terminal_id, seq)
    )
    assert row is not None, f"no journal entry {terminal_id}/{seq}"
    return str(row[0])
