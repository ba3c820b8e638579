"""The entries after the last acknowledged seq, as the wire carries them.

There is no second copy of what is waiting to go: the journal is the outbox
(docs/sync-protocol.md, "Uploading a batch"). A batch's entries are read
with their payload as the stored text, so the server recomputes each hash
byte for byte, and a batch stops at a count and a size so one big entry (a
month's settlement) never makes a request the server refuses.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from otop_pos.db.store import Store

MAX_ENTRIES = 500
MAX_BYTES = 1_000_000  # under the server's 1 MiB limit, with room for the envelope


@dataclass(frozen=True, slots=True)
class Backlog:
    """What the sale screen shows: how many entries wait, and since when."""

    unsent: int
    oldest_unsent_at: str | None  # occurred_at of the first entry not yet acknowledged


def backlog(store: Store, terminal_id: str, acknowledged_seq: int) -> Backlog:
    """Two index lookups whatever the backlog: a chain's seqs run 1, 2, 3... (journal.append),
    so what waits is the head's seq less the acknowledged one (a count would read every row)."""
    head = store.scalar(
        "SELECT seq FROM journal WHERE terminal_id = ? ORDER BY seq DESC LIMIT 1", (terminal_id,)
    )
    unsent = max(0, int(head or 0) - acknowledged_seq)
    oldest = None
    if unsent:
        oldest = store.scalar(
            "SELECT occurred_at FROM journal WHERE terminal_id = ? AND seq = ?",
            (terminal_id, acknowledged_seq + 1),
        )
    return Backlog(unsent, oldest)


def next_batch(
    store: Store,
    terminal_id: str,
    acknowledged_seq: int,
    max_entries: int = MAX_ENTRIES,
    max_bytes: int = MAX_BYTES,
) -> list[dict[str, Any]]:
    """The consecutive entries after ``acknowledged_seq``, capped by count and payload bytes.

    The first entry always goes, whatever its size: the server answers 413
    and the uploader says so, rather than the queue standing still unseen.
    """
    rows = store.conn.execute(
        "SELECT seq, kind, occurred_at, user_id, payload, prev_hash, hash FROM journal"
        " WHERE terminal_id = ? AND seq > ? ORDER BY seq LIMIT ?",
        (terminal_id, acknowledged_seq, max_entries),
    )
    out: list[dict[str, Any]] = []
    size = 0
    for seq, kind, occurred_at, user_id, payload, prev_hash, digest in rows:
        size += len(payload.encode("utf-8")) + 300  # the entry's other fields and quoting
        if out and size > max_bytes:
            break
        out.append({"seq": seq, "kind": kind, "occurred_at": occurred_at, "user_id": user_id,
                    "payload": payload, "prev_hash": prev_hash, "hash": digest})  # fmt: skip
    return out
