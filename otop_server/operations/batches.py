"""A batch of a till's journal, kept exactly once: the protocol's "Uploading a batch", in its order.

Everything new in a batch is stored in one transaction or nothing is. Held
entries are compared, never rewritten: the same hash is acknowledged again,
another hash is a fork. Each new entry's hash is recomputed from the text the
till stored, so the server holds a chain it has proven itself.
"""

from __future__ import annotations

import itertools
import json
import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from sqlalchemy import Connection, select

from otop_pos.db.journal import entry_hash
from otop_pos.sync import checkpoints
from otop_server.db import tables
from otop_server.db.engine import Database
from otop_server.db.entries import insert as insert_entries
from otop_server.operations import access, payloads
from otop_server.operations.errors import ApiError
from otop_server.operations.timefmt import iso
from otop_server.operations.wire import is_int, read_json, storable

MAX_ENTRIES = 500
HASH_RE = re.compile(r"[0-9a-f]{64}", re.ASCII)
ENTRY_FIELDS = {"seq", "kind", "occurred_at", "user_id", "payload", "prev_hash", "hash"}
BATCH_FIELDS = {"terminal_id", "from_seq", "to_seq", "head", "entries"}


@dataclass(frozen=True, slots=True)
class Entry:
    seq: int
    kind: str
    occurred_at: str
    user_id: int | None
    payload: str
    prev_hash: str
    hash: str


@dataclass(frozen=True, slots=True)
class Batch:
    terminal_id: str
    head_seq: int
    head_hash: str
    entries: tuple[Entry, ...]


def _bad(detail: str, field: str) -> ApiError:
    return ApiError(400, "bad_batch", detail, field=field)


def _text(value: Any, field: str, limit: int, escapes: bool = True) -> str:
    if not isinstance(value, str) or len(value) > limit or (escapes and not storable(value)):
        raise _bad(f"{field} must be text of at most {limit} characters", field)
    return value


def _hash(value: Any, field: str) -> str:
    if not isinstance(value, str) or not HASH_RE.fullmatch(value):
        raise _bad(f"{field} must be 64 lowercase hex characters", field)
    return value


# A NUL or a lone surrogate can only reach a JSON string as a \u escape (strict JSON refuses
# raw control characters), so a body without such an escape skips the per-string check.
_RISKY_ESCAPE = re.compile(rb"\\u(?:0000|[dD][89a-fA-F])")


def parse(data: Any, escapes: bool = True) -> Batch:
    """The batch's shape (step 1), or 400 bad_batch naming the field.

    ``escapes`` False says the body held no escape that could make a string unstorable.
    """
    if not isinstance(data, dict):
        raise _bad("the body must be an object", "")
    unknown = set(data) - BATCH_FIELDS
    if unknown or BATCH_FIELDS - set(data):
        raise _bad(f"fields must be exactly {sorted(BATCH_FIELDS)}", sorted(unknown or
                   BATCH_FIELDS - set(data))[0])  # fmt: skip
    terminal_id = _text(data["terminal_id"], "terminal_id", 64)
    head = data["head"]
    if not isinstance(head, dict) or set(head) != {"seq", "hash"} or not is_int(head["seq"]):
        raise _bad("head must be {seq, hash}", "head")
    raw = data["entries"]
    if not isinstance(raw, list) or not 1 <= len(raw) <= MAX_ENTRIES:
        raise _bad(f"entries must hold 1 to {MAX_ENTRIES} entries", "entries")
    out: list[Entry] = []
    for i, e in enumerate(raw):
        name = f"entries[{i}]"
        if not isinstance(e, dict) or set(e) != ENTRY_FIELDS:
            raise _bad(f"each entry has exactly {sorted(ENTRY_FIELDS)}", name)
        if not is_int(e["seq"], 1):
            raise _bad("seq must be a whole number from 1", f"{name}.seq")
        user = e["user_id"]
        if user is not None and not is_int(user):
            raise _bad("user_id must be a whole number or null", f"{name}.user_id")
        out.append(Entry(
            e["seq"], _text(e["kind"], f"{name}.kind", 64, escapes),
            _text(e["occurred_at"], f"{name}.occurred_at", 64, escapes), user,
            _text(e["payload"], f"{name}.payload", 1 << 20, escapes),
            _hash(e["prev_hash"], f"{name}.prev_hash"), _hash(e["hash"], f"{name}.hash"),
        ))  # fmt: skip
    for before, after in itertools.pairwise(out):
        if after.seq != before.seq + 1:
            raise _bad(f"seq {after.seq} does not follow {before.seq}", "entries")
    if data["from_seq"] != out[0].seq or data["to_seq"] != out[-1].seq:
        raise _bad("from_seq and to_seq must be the first and last entries' seq", "from_seq")
    if head["seq"] < out[-1].seq:
        raise _bad("head.seq is before the batch's last entry", "head")
    return Batch(terminal_id, head["seq"], _hash(head["hash"], "head.hash"), tuple(out))


def receive(db: Database, path_terminal: str, path: str, headers: Mapping[str, str],
            body: bytes, now: float, key: Ed25519PrivateKey) -> dict[str, Any]:  # fmt: skip
    """The whole of one POST .../batches: the 200 body, or an ApiError to answer."""
    signed = access.signed_by(headers)
    if signed.terminal_id != path_terminal:
        raise ApiError(400, "terminal_mismatch", "the header and the path name other terminals")
    admitted = False
    try:
        with db.write() as conn:
            terminal = access.admit(conn, signed, "POST", path, body, now, lock=True)
            admitted = True
            batch = parse(read_json(body), escapes=_RISKY_ESCAPE.search(body) is not None)
            if batch.terminal_id != path_terminal:
                raise ApiError(400, "terminal_mismatch", "the body names another terminal")
            return _store(conn, terminal, batch, now, key)
    except ApiError as refused:
        if admitted:  # the refusal rolled back: keep its nonce and its alerts all the same
            with db.write() as conn:
                access.admit_nonce_only(conn, signed, now)
                for alert in refused.alerts:
                    conn.execute(tables.alerts.insert().values(**alert))
        raise


def _alert(terminal_id: str, kind: str, seq: int, now: float, **detail: Any) -> dict[str, Any]:
    return {"terminal_id": terminal_id, "kind": kind, "seq": seq,
            "detail": json.dumps(detail, sort_keys=True), "at": iso(now)}  # fmt: skip


def _store(conn: Connection, terminal: dict[str, Any], batch: Batch, now: float,
           key: Ed25519PrivateKey) -> dict[str, Any]:  # fmt: skip
    tid = terminal["terminal_id"]
    acked_seq, acked_hash = int(terminal["acked_seq"]), str(terminal["acked_hash"])
    if batch.head_seq < acked_seq:
        refused = ApiError(409, "behind", f"the server holds seq {acked_seq}",
                           held_seq=acked_seq, checkpoint=_checkpoint(key, tid, acked_seq,
                                                                      acked_hash, now))  # fmt: skip
        refused.alerts.append(_alert(tid, "behind", acked_seq, now, head_seq=batch.head_seq))
        raise refused
    held = [e for e in batch.entries if e.seq <= acked_seq]
    if held:
        _compare_held(conn, tid, held, now)
    new = [e for e in batch.entries if e.seq > acked_seq]
    flagged: list[dict[str, Any]] = []
    if new:
        if new[0].seq != acked_seq + 1:
            raise ApiError(409, "gap", f"expected seq {acked_seq + 1}", expected_seq=acked_seq + 1)
        if new[0].prev_hash != acked_hash:
            refused = ApiError(409, "fork", f"seq {new[0].seq} does not follow the held chain",
                               seq=acked_seq, held_hash=acked_hash,
                               sent_hash=new[0].prev_hash)  # fmt: skip
            refused.alerts.append(_alert(tid, "fork", acked_seq, now, held_hash=acked_hash,
                                         sent_hash=new[0].prev_hash))  # fmt: skip
            raise refused
        _check_chain(terminal["chain_id"], acked_hash, new, tid, now)
        rows, flagged = _rows(tid, new, now)
        insert_entries(conn, rows)
        acked_seq, acked_hash = new[-1].seq, new[-1].hash
    conn.execute(tables.terminals.update().where(tables.terminals.c.terminal_id == tid).values(
        acked_seq=acked_seq, acked_hash=acked_hash, last_contact_at=iso(now)))  # fmt: skip
    return {
        "acknowledged": {"seq": acked_seq, "hash": acked_hash},
        "stored": len(new),
        "already_held": len(held),
        "flagged": flagged,
        "checkpoint": _checkpoint(key, tid, acked_seq, acked_hash, now),
    }


def _compare_held(conn: Connection, tid: str, held: list[Entry], now: float) -> None:
    e = tables.entries
    have = dict(conn.execute(select(e.c.seq, e.c.hash).where(
        e.c.terminal_id == tid, e.c.seq.between(held[0].seq, held[-1].seq))).all())  # fmt: skip
    for entry in held:
        if have.get(entry.seq) != entry.hash:
            refused = ApiError(409, "fork", f"seq {entry.seq} differs from the entry held",
                               seq=entry.seq, held_hash=have.get(entry.seq),
                               sent_hash=entry.hash)  # fmt: skip
            refused.alerts.append(
                _alert(
                    tid, "fork", entry.seq, now, held_hash=have.get(entry.seq), sent_hash=entry.hash
                )
            )
            raise refused


def _check_chain(chain_id: str, prev: str, new: list[Entry], tid: str, now: float) -> None:
    for e in new:
        if e.prev_hash != prev:
            reason = "prev_hash is not the previous entry's hash"
        elif entry_hash(prev, chain_id, e.seq, e.kind, e.occurred_at, e.user_id,
                        e.payload) != e.hash:  # fmt: skip
            reason = "hash does not match the entry"
        else:
            prev = e.hash
            continue
        refused = ApiError(422, "broken_chain", f"seq {e.seq}: {reason}", seq=e.seq,
                           reason=reason)  # fmt: skip
        refused.alerts.append(_alert(tid, "broken_chain", e.seq, now, reason=reason))
        raise refused


def _rows(tid: str, new: list[Entry], now: float) -> tuple[list[dict[str, Any]],
                                                          list[dict[str, Any]]]:  # fmt: skip
    rows, flagged = [], []
    received = iso(now)
    for e in new:
        found = payloads.problems(e.kind, e.payload)
        if found:
            flagged.append({"seq": e.seq, "problems": found})
        rows.append(
            {
                "terminal_id": tid,
                "seq": e.seq,
                "kind": e.kind,
                "occurred_at": e.occurred_at,
                "user_id": e.user_id,
                "payload": e.payload,
                "prev_hash": e.prev_hash,
                "hash": e.hash,
                "received_at": received,
                "problems": json.dumps(found, ensure_ascii=False) if found else None,
            }
        )
    return rows, flagged


def _checkpoint(key: Ed25519PrivateKey, tid: str, seq: int, digest: str,
                now: float) -> dict[str, Any]:  # fmt: skip
    cp = checkpoints.Checkpoint(tid, seq, digest, iso(now))
    return checkpoints.sign(key, cp).as_dict()


def latest_checkpoint(terminal: dict[str, Any], now: float,
                      key: Ed25519PrivateKey) -> dict[str, Any]:  # fmt: skip
    return _checkpoint(key, terminal["terminal_id"], int(terminal["acked_seq"]),
                       str(terminal["acked_hash"]), now)  # fmt: skip
