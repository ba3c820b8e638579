"""Talking to the provincial server in tests: real till entries, valid chains, a signed client.

- ``real_till_entries(dir)``: the journal of a real till (a centre made by the
  project's builders, a silk sale and a tea sale), as the outbox sends it.
- ``build_chain(templates, chain_id, count)``: ``count`` consecutive entries
  whose hashes the server recomputes, with the templates' real kinds and payloads.
- ``Api``: the app in-process (Starlette's TestClient) with a settable clock,
  enrolment, signed requests and a look at what the database holds.
"""

from __future__ import annotations

import base64
import json
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from sqlalchemy import func, select

from otop_pos.db.journal import GENESIS, entry_hash
from otop_pos.sync import checkpoints, signing
from otop_server.db import tables
from otop_server.db.engine import Database
from otop_server.operations import enrolment

CHAIN_ID = "T01"  # the till's journal terminal_id, hashed into every entry
CENTRE, POS_ID = "SSK01", "POS01"
TERMINAL = f"{CENTRE}-{POS_ID}"
START = 1_796_000_000.0  # 2026-12-07, the server's clock in tests


def real_till_entries(directory: Path) -> list[dict[str, Any]]:
    """A real till's journal (chain T01) exactly as its outbox uploads it."""
    from helpers import CASHIER_PIN, make_centre
    from shift_helpers import SILK, TEA, sell

    from otop_pos.db.store import open_store
    from otop_pos.db.sync import outbox
    from otop_pos.operations import auth

    store = open_store(directory / "till.sqlite")
    try:
        session = make_centre(store)
        auth.login(session, 2, CASHIER_PIN)
        sell(session, SILK)
        sell(session, TEA, TEA)
        return outbox.next_batch(store, CHAIN_ID, 0)
    finally:
        store.close()


def rehash(entries: Sequence[dict[str, Any]], chain_id: str = CHAIN_ID,
           prev: str = GENESIS) -> list[dict[str, Any]]:  # fmt: skip
    """The same entries with every prev_hash and hash made right from ``prev`` on."""
    out = []
    for e in entries:
        digest = entry_hash(prev, chain_id, e["seq"], e["kind"], e["occurred_at"], e["user_id"],
                            e["payload"])  # fmt: skip
        out.append({**e, "prev_hash": prev, "hash": digest})
        prev = digest
    return out


def build_chain(templates: Sequence[dict[str, Any]], count: int, chain_id: str = CHAIN_ID,
                start: int = 1, prev: str = GENESIS) -> list[dict[str, Any]]:  # fmt: skip
    """``count`` valid entries from seq ``start``: the templates' kinds and payloads in turn."""
    picked = [dict(templates[i % len(templates)], seq=start + i) for i in range(count)]
    return rehash(picked, chain_id, prev)


def batch(entries: Sequence[dict[str, Any]], terminal_id: str = TERMINAL,
          head: tuple[int, str] | None = None) -> dict[str, Any]:  # fmt: skip
    last = entries[-1]
    seq, digest = head or (last["seq"], last["hash"])
    return {"terminal_id": terminal_id, "from_seq": entries[0]["seq"], "to_seq": last["seq"],
            "head": {"seq": seq, "hash": digest}, "entries": list(entries)}  # fmt: skip


def dumps(value: Any) -> bytes:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":")).encode()


class Clock:
    """The server's clock, moved by the test."""

    def __init__(self, now: float = START) -> None:
        self.now = now

    def __call__(self) -> float:
        return self.now


class Api:
    """One server app in-process over ``database``: enrol, sign, upload, look inside."""

    def __init__(self, database: str, clock: Clock | None = None,
                 address: str = "10.0.0.7") -> None:  # fmt: skip
        from starlette.testclient import TestClient

        from otop_server.web.app import create_app

        self.database = database
        self.clock = clock or Clock()
        self.app = create_app(database, self.clock)
        self.client = TestClient(self.app, raise_server_exceptions=False, client=(address, 50000))
        self.terminal_id = TERMINAL
        self.secret = b""
        self.server_key = ""

    @property
    def db(self) -> Database:
        db: Database = self.app.state.server.db
        return db

    def close(self) -> None:
        self.client.close()
        self.db.dispose()

    # -- enrolment ---------------------------------------------------------------
    def code(self, centre: str = CENTRE, pos_id: str = POS_ID, ttl_s: int = 24 * 3600) -> str:
        return enrolment.make_code(self.db, centre, pos_id, self.clock(), ttl_s=ttl_s,
                                   name="ศูนย์ OTOP จังหวัดศรีสะเกษ", province="33",
                                   district="3301")  # fmt: skip

    def enrol_raw(self, code: str, pos_id: str = POS_ID, chain_id: str = CHAIN_ID,
                  first: str | None = None, **extra: Any) -> Any:  # fmt: skip
        body = {"code": code, "pos_id": pos_id, "chain_id": chain_id, "first_entry_hash": first,
                "client": "otop-pos test", **extra}  # fmt: skip
        return self.client.post("/v1/enrol", json=body)

    def enrol(self, first: str | None = None, chain_id: str = CHAIN_ID,
              pos_id: str = POS_ID) -> dict[str, Any]:  # fmt: skip
        r = self.enrol_raw(self.code(pos_id=pos_id), pos_id, chain_id, first)
        assert r.status_code == 201, r.text
        answer: dict[str, Any] = r.json()
        self.terminal_id = answer["terminal_id"]
        self.secret = base64.b64decode(answer["secret"])
        self.server_key = answer["server_key"]
        return answer

    # -- signed requests ---------------------------------------------------------
    def signed(self, method: str, path: str, body: bytes = b"", *, secret: bytes | None = None,
               terminal: str | None = None, at: float | None = None, nonce: str | None = None,
               headers: dict[str, str] | None = None) -> Any:  # fmt: skip
        sent = signing.signed_headers(
            terminal or self.terminal_id, self.secret if secret is None else secret, method,
            path, body, int(self.clock() if at is None else at), nonce,
        )  # fmt: skip
        sent.update(headers or {})
        if body:
            sent.setdefault("Content-Type", "application/json")
        return self.client.request(method, path, content=body, headers=sent)

    def upload_body(self, body: bytes, **kw: Any) -> Any:
        return self.signed("POST", f"/v1/terminals/{self.terminal_id}/batches", body, **kw)

    def upload(self, entries: Sequence[dict[str, Any]], head: tuple[int, str] | None = None,
               **kw: Any) -> Any:  # fmt: skip
        return self.upload_body(dumps(batch(entries, self.terminal_id, head)), **kw)

    def get(self, what: str, **kw: Any) -> Any:
        return self.signed("GET", f"/v1/terminals/{self.terminal_id}/{what}", **kw)

    def verified(self, cp: dict[str, Any]) -> checkpoints.Checkpoint:
        """A checkpoint from an answer, its Ed25519 signature checked with the enrolment key."""
        checkpoint = checkpoints.Checkpoint.from_dict(cp)
        checkpoints.verify(self.server_key, checkpoint)
        return checkpoint

    # -- what the database holds -------------------------------------------------
    def held(self) -> list[tuple[Any, ...]]:
        e = tables.entries
        with self.db.read() as conn:
            rows = conn.execute(select(e).order_by(e.c.terminal_id, e.c.seq)).all()
        return [tuple(r) for r in rows]

    def count(self, table: Any) -> int:
        with self.db.read() as conn:
            return int(conn.execute(select(func.count()).select_from(table)).scalar() or 0)

    def alerts(self) -> list[dict[str, Any]]:
        a = tables.alerts
        with self.db.read() as conn:
            return [dict(r) for r in conn.execute(select(a).order_by(a.c.id)).mappings()]


@contextmanager
def api(database: str, clock: Clock | None = None) -> Iterator[Api]:
    a = Api(database, clock)
    try:
        yield a
    finally:
        a.close()


def wait_until(predicate: Any, timeout: float = 10.0) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(0.02)
    return False
