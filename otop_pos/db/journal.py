"""The per-terminal, hash-chained journal: the single source of truth.

hash = sha256(prev_hash + canonical JSON of the entry). Editing or deleting
any entry breaks the chain from that seq on, which `verify` (and the
provincial server) detect. Entries are only ever appended.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any

from otop_pos.db.store import Store

GENESIS = "0" * 64


def canonical_json(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"))


@dataclass(frozen=True)
class Entry:
    terminal_id: str
    seq: int
    kind: str
    occurred_at: str
    user_id: int | None
    payload: dict[str, Any]
    prev_hash: str
    hash: str


def entry_hash(
    prev_hash: str,
    terminal_id: str,
    seq: int,
    kind: str,
    occurred_at: str,
    user_id: int | None,
    payload_json: str,
) -> str:
    # The canonical JSON of the whole entry (keys in sorted order), written out around the
    # payload's own canonical text rather than decoding and re-encoding it; the provincial
    # server recomputes every hash it is sent, so this is kept to string joins.
    user = "null" if user_id is None else str(int(user_id))
    body = (
        f'{{"kind":{_text(kind)},"occurred_at":{_text(occurred_at)},"payload":{payload_json},'
        f'"seq":{int(seq)},"terminal_id":{_text(terminal_id)},"user_id":{user}}}'
    )
    return hashlib.sha256((prev_hash + body).encode("utf-8")).hexdigest()


_text = json.encoder.encode_basestring  # what canonical_json writes for a str (ensure_ascii off)


def terminal_ids(store: Store) -> list[str]:
    """Every terminal with entries, one index seek each (DISTINCT would read every row)."""
    rows = store.query(
        "WITH RECURSIVE t(id) AS (SELECT min(terminal_id) FROM journal UNION ALL"
        " SELECT (SELECT min(terminal_id) FROM journal WHERE terminal_id > t.id) FROM t"
        " WHERE t.id IS NOT NULL) SELECT id FROM t WHERE id IS NOT NULL"
    )
    return [str(r[0]) for r in rows]


def head(store: Store, terminal_id: str) -> tuple[int, str]:
    """The last (seq, hash) of a terminal's chain, (0, GENESIS) when empty."""
    row = store.one(
        "SELECT seq, hash FROM journal WHERE terminal_id = ? ORDER BY seq DESC LIMIT 1",
        (terminal_id,),
    )
    return (0, GENESIS) if row is None else (int(row[0]), str(row[1]))


def hash_at(store: Store, terminal_id: str, seq: int) -> str | None:
    """The hash of one entry (GENESIS for seq 0), None when the terminal has no such seq."""
    if seq == 0:
        return GENESIS
    value = store.scalar(
        "SELECT hash FROM journal WHERE terminal_id = ? AND seq = ?", (terminal_id, seq)
    )
    return None if value is None else str(value)


def append(
    store: Store,
    terminal_id: str,
    kind: str,
    occurred_at: str,
    user_id: int | None,
    payload: dict[str, Any],
) -> Entry:
    """Append one entry; must run inside the caller's transaction."""
    if not store.conn.in_transaction:
        raise RuntimeError("journal.append must run inside Store.transaction()")
    last_seq, prev = head(store, terminal_id)
    seq = last_seq + 1
    payload_json = canonical_json(payload)
    digest = entry_hash(prev, terminal_id, seq, kind, occurred_at, user_id, payload_json)
    store.conn.execute(
        "INSERT INTO journal (terminal_id, seq, kind, occurred_at, user_id, payload,"
        " prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        (terminal_id, seq, kind, occurred_at, user_id, payload_json, prev, digest),
    )
    return Entry(terminal_id, seq, kind, occurred_at, user_id, payload, prev, digest)


def insert_copying(
    store: Store, entry: Entry, table: str, values: dict[str, Any], copied: dict[str, str]
) -> None:
    """Insert a read-side row whose `copied` columns are parts of the entry's stored payload.

    SQLite copies the JSON text (`json_extract`), so a big part (a statement,
    a Z's figures) is not encoded a second time. The entry must be in the
    journal already, as it is while its projection runs.
    """
    names = [*values, *copied]
    picks = ["?"] * len(values) + ["json_extract(payload, ?)"] * len(copied)
    done = store.conn.execute(
        f"INSERT INTO {table} ({', '.join(names)}) SELECT {', '.join(picks)}"
        " FROM journal WHERE terminal_id = ? AND seq = ?",
        [*values.values(), *(f"$.{k}" for k in copied.values()), entry.terminal_id, entry.seq],
    )
    if done.rowcount != 1:
        raise LookupError(f"journal entry {entry.terminal_id}/{entry.seq} is not stored")


def stream(store: Store, terminal_id: str, after_seq: int = 0) -> Iterator[Entry]:
    """A terminal's entries after `after_seq`, one at a time (a whole journal never in memory)."""
    cur = store.conn.execute(
        "SELECT terminal_id, seq, kind, occurred_at, user_id, payload, prev_hash, hash"
        " FROM journal WHERE terminal_id = ? AND seq > ? ORDER BY seq",
        (terminal_id, after_seq),
    )
    for row in cur:
        yield Entry(*row[:5], json.loads(row[5]), row[6], row[7])


def entries(store: Store, terminal_id: str, after_seq: int = 0) -> list[Entry]:
    rows = store.query(
        "SELECT * FROM journal WHERE terminal_id = ? AND seq > ? ORDER BY seq",
        (terminal_id, after_seq),
    )
    return [
        Entry(
            r["terminal_id"],
            r["seq"],
            r["kind"],
            r["occurred_at"],
            r["user_id"],
            json.loads(r["payload"]),
            r["prev_hash"],
            r["hash"],
        )
        for r in rows
    ]


@dataclass(frozen=True)
class VerifyResult:
    ok: bool
    checked: int
    terminal_id: str | None = None
    broken_seq: int | None = None
    reason: str = ""
    heads: dict[str, tuple[int, str]] = field(default_factory=dict)  # terminal -> (seq, hash)


def verify(store: Store, since: Mapping[str, tuple[int, str]] | None = None) -> VerifyResult:
    """Walk every terminal's chain; report the first broken seq.

    `since` (terminal -> (seq, hash) verified earlier) checks only what came
    after: the entry at that seq must still carry that hash, and the chain
    goes on from it. On success `heads` is where each chain now ends.
    """
    since = since or {}
    checked = 0
    heads: dict[str, tuple[int, str]] = {}
    terminals = set(terminal_ids(store))
    for terminal_id in sorted(terminals | set(since)):
        start, prev = since.get(terminal_id, (0, GENESIS))
        if start:
            row = store.one(
                "SELECT hash FROM journal WHERE terminal_id = ? AND seq = ?", (terminal_id, start)
            )
            if row is None or row[0] != prev:
                gone = row is None
                reason = f"the entry verified earlier {'is gone' if gone else 'has changed'}"
                return VerifyResult(False, checked, terminal_id, start, reason)
        expected_seq = start + 1
        cur = store.conn.execute(
            "SELECT seq, kind, occurred_at, user_id, payload, prev_hash, hash"
            " FROM journal WHERE terminal_id = ? AND seq > ? ORDER BY seq",
            (terminal_id, start),
        )
        for seq, kind, occurred_at, user_id, payload_json, prev_hash, digest in cur:
            checked += 1
            reason = ""
            if seq != expected_seq:
                reason = f"missing seq {expected_seq} (next found is {seq})"
                seq = expected_seq
            elif prev_hash != prev:
                reason = "prev_hash does not match the previous entry"
            else:
                try:
                    actual = entry_hash(
                        prev, terminal_id, seq, kind, occurred_at, user_id, payload_json
                    )
                except ValueError:
                    actual = ""
                if actual != digest:
                    reason = "hash does not match the entry's content"
            if reason:
                return VerifyResult(False, checked, terminal_id, seq, reason)
            expected_seq, prev = seq + 1, digest
        heads[terminal_id] = (expected_seq - 1, prev)
    return VerifyResult(True, checked, heads=heads)
