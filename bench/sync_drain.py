"""Sync 4: a till's backlog drained by the real uploader, and the till's scans while it drains.

A copy of the benchmark catalogue is the till. It enrols with a server on
127.0.0.1 (`otop-pos server run`, uvicorn) through the till's own
`enrol_till`, and its catalogue's journal entries are sent first with
`send_now` (outside the clock). Then ``backlog`` sale entries are appended
to its journal (one bulk transaction, a valid chain on from its head, the
same sale payloads as the other sync benchmarks) and:

- drain: a child process starts the till's `Uploader` (its own thread and
  connection, `otop_pos/operations/sync/running.py`) and the clock runs
  until its status shows nothing unsent. Floor: the same rows inserted
  straight into a fresh server database's `entries` table (executemany, 500
  a transaction, no checks).
- scan while draining: the scan benchmark's child (`bench/scan.py`), on a
  second such till, starts the uploader right before its timed scans, so
  the backlog drains on the uploader's thread while the cashier scans.
"""

from __future__ import annotations

import json
import os
import sys
import time
from pathlib import Path
from typing import Any

from bench.common import Row, run_child

DEADLINE_S = 600


def _append_backlog(store: Any, count: int) -> tuple[int, int]:
    """``count`` sales after the till's journal head; (first seq, last seq)."""
    from bench.sync_common import Chain, sale_template
    from otop_pos.db import journal
    from otop_pos.db import settings as settings_db

    settings = settings_db.load(store)
    chain_id = settings.terminal_id
    seq, prev = journal.head(store, chain_id)
    chain = Chain(chain_id, settings.pos_id, sale_template(settings.pos_id), seq, prev)
    first = seq + 1
    conn = store.conn
    conn.execute("BEGIN IMMEDIATE")
    try:
        for k in range(0, count, 10_000):
            rows = chain.take(min(10_000, count - k))
            conn.executemany(
                "INSERT INTO journal (terminal_id, seq, kind, occurred_at, user_id, payload,"
                " prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                [(chain_id, e["seq"], e["kind"], e["occurred_at"], e["user_id"], e["payload"],
                  e["prev_hash"], e["hash"]) for e in rows],
            )  # fmt: skip
        conn.execute("COMMIT")
    except BaseException:
        conn.execute("ROLLBACK")
        raise
    return first, chain.seq


def prepare_till(till_db: Path, url: str, code: str, backlog: int) -> dict[str, Any]:
    """Enrol the till, send what its journal already holds, then append the backlog."""
    from otop_pos.db.store import open_store
    from otop_pos.demo.seed import DEMO_USERS
    from otop_pos.domain.staff.permissions import Role
    from otop_pos.operations import auth
    from otop_pos.operations.session import Session
    from otop_pos.operations.sync.enrol import enrol_till
    from otop_pos.operations.sync.running import send_now

    store = open_store(till_db)
    try:
        manager = Session.open(store)  # the demo centre's manager enrols it, as at a real till
        pin = next(p for _name, role, p in DEMO_USERS if role is Role.MANAGER)
        who = next(u.id for u in auth.list_users(manager) if u.role is Role.MANAGER)
        auth.login(manager, who, pin)
        enrol_till(manager, url, code)
        t0 = time.perf_counter()
        for _ in range(200):  # bounded: the catalogue's entries go in ~1 MB batches
            done = send_now(store)
            if done.status.unsent == 0 or done.outcome in ("stopped", "not_enrolled"):
                break
            time.sleep(1.0 if done.outcome == "waiting" else 0)
        status = send_now(store).status
        if status.unsent or status.state == "stopped":
            raise RuntimeError(f"the catalogue's entries did not go: {status}")
        catch_up = time.perf_counter() - t0
        first, last = _append_backlog(store, backlog)
        return {"catalogue_entries": status.acked_seq, "catalogue_catch_up_s": catch_up,
                "first_seq": first, "last_seq": last}  # fmt: skip
    finally:
        store.close()


def drain(till_db: str, last_seq: int) -> dict[str, Any]:
    """The child: the real uploader on its thread, timed until nothing is unsent."""
    from otop_pos.operations.sync.running import Uploader

    uploader = Uploader()
    t0 = time.perf_counter()
    uploader.start(Path(till_db))
    try:
        status = uploader.status()
        while time.perf_counter() - t0 < DEADLINE_S:
            status = uploader.status()
            if status.acked_seq >= last_seq or status.state == "stopped":
                break
            time.sleep(0.01)
        elapsed = time.perf_counter() - t0
    finally:
        stopped = uploader.stop(10)
    return {"seconds": elapsed, "acked_seq": status.acked_seq, "state": status.state,
            "error": status.error_code, "unsent": status.unsent, "stopped_cleanly": stopped}  # fmt: skip


def scan_while_draining(db: str, codes_file: str, cashier_id: int, last_seq: int) -> dict[str, Any]:
    """The child: bench/scan.py's scans with the uploader started right before them."""
    from bench import scan
    from otop_pos.operations.sync.running import Uploader

    uploader = Uploader()

    def during() -> Any:
        t0 = time.perf_counter()
        uploader.start(Path(db))
        start_seq = uploader.status().acked_seq

        def finish() -> dict[str, Any]:
            status = uploader.status()
            seconds = time.perf_counter() - t0
            stopped = uploader.stop(10)
            return {"uploader": {"acked_at_start": start_seq, "acked_after_scans": status.acked_seq,
                                 "last_seq": last_seq, "state": status.state,
                                 "error": status.error_code, "seconds": seconds,
                                 "draining_throughout": status.acked_seq < last_seq,
                                 "stopped_cleanly": stopped}}  # fmt: skip

        return finish

    return scan.worker(db, codes_file, cashier_id, during=during)


def floor(database: str, till_db: Path, first: int, last: int) -> dict[str, Any]:
    """The backlog's rows inserted straight into a fresh server database, 500 a transaction."""
    import sqlite3

    from otop_server.db import migrations, tables
    from otop_server.db.engine import Database

    conn = sqlite3.connect(f"file:{till_db}?mode=ro", uri=True)
    try:
        cols = "seq, kind, occurred_at, user_id, payload, prev_hash, hash"
        rows = [dict(zip(cols.split(", "), r, strict=True)) | {"terminal_id": "BNC01-POS01",
                "received_at": "2026-11-29T00:00:00+00:00", "problems": None}
                for r in conn.execute(f"SELECT {cols} FROM journal WHERE seq BETWEEN ? AND ?"
                                      " ORDER BY seq", (first, last))]  # fmt: skip
    finally:
        conn.close()
    db = Database(database)
    try:
        migrations.migrate(db)
        t0 = time.perf_counter()
        for k in range(0, len(rows), 500):
            with db.write() as c:
                c.execute(tables.entries.insert(), rows[k : k + 500])
        elapsed = time.perf_counter() - t0
    finally:
        db.dispose()
    return {"seconds": elapsed, "entries": len(rows)}


def _till(source: Path, folder: Path, name: str, engine: str, pg: Any, backlog: int,
          log: Any) -> tuple[Any, Path, dict[str, Any]]:  # fmt: skip
    """A till copy enrolled with a fresh server that holds its catalogue's entries."""
    from bench.catalogue import copy_db
    from bench.sync_common import engine_database
    from otop_pos.db import settings as settings_db
    from otop_pos.db.store import open_store
    from tests.server_helpers import start_server

    till_db = copy_db(source, folder, f"{name}-till.sqlite")
    store = open_store(till_db)
    try:
        pos_id = settings_db.load(store).pos_id
    finally:
        store.close()
    database = engine_database(engine, name, folder, pg)
    code = _code_for(database, pos_id)
    server = start_server(database, folder, workers=1 if engine == "sqlite" else 2)
    try:
        prep = prepare_till(till_db, server.url, code, backlog)
    except BaseException:
        server.stop()
        raise
    log(f"  {name}: {prep['catalogue_entries']} catalogue entries sent first"
        f" ({prep['catalogue_catch_up_s']:.1f} s), {backlog:,} entries appended")  # fmt: skip
    return server, till_db, prep


def _apart(server: Any) -> None:
    """The server on the last CPU, the till on the others, as when the province is elsewhere.

    On one machine the loopback server's ingest would otherwise take the CPU the
    till's scans need, which no till at a counter ever shares with the province.
    """
    cpus = sorted(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else []
    if len(cpus) < 2:
        return
    import psutil

    root = psutil.Process(server.process.pid)
    for proc in [root, *root.children(recursive=True)]:
        proc.cpu_affinity([cpus[-1]])
    os.environ["BENCH_TILL_CPUS"] = ",".join(str(c) for c in cpus[:-1])


def _code_for(database: str, pos_id: str) -> str:
    from bench.sync_common import CENTRE
    from otop_server.db import migrations
    from otop_server.db.engine import Database
    from otop_server.operations.enrolment import make_code

    db = Database(database)
    try:
        migrations.migrate(db)
        return make_code(db, CENTRE, pos_id, time.time())
    finally:
        db.dispose()


def run(source: Path, folder: Path, backlog: int, engine: str, pg: Any, barcodes: Any,
        cashier_id: int, log: Any) -> tuple[list[Row], dict[str, Any]]:  # fmt: skip
    from bench.sync_common import engine_database

    label = {"sqlite": "SQLite", "postgresql": "PostgreSQL"}[engine]
    rows, details = [], {"engine": engine, "backlog": backlog}
    server, till_db, prep = _till(source, folder, "drain", engine, pg, backlog, log)
    try:
        out = run_child(["-m", "bench.sync_drain", "drain", str(till_db),
                         str(prep["last_seq"])], timeout=DEADLINE_S + 120)  # fmt: skip
    finally:
        server.stop()
    fl = floor(engine_database(engine, "drain_floor", folder, pg), till_db, prep["first_seq"],
               prep["last_seq"])  # fmt: skip
    details["drain"] = {**prep, **out, "floor": fl}
    ok = out["acked_seq"] >= prep["last_seq"]
    note = (f"{backlog:,} entries, real Uploader over loopback, {label} server, 1 till"
            + ("" if ok else f"; NOT drained: acked {out['acked_seq']}, {out['state']}"
               f" {out['error']}"))  # fmt: skip
    rows.append(Row(f"sync backlog drained by the uploader, {label}", out["seconds"] if ok else
                    float("nan"), fl["seconds"], "s", "max", 30, note))  # fmt: skip
    log(f"  drained {backlog:,} in {out['seconds']:.1f} s (floor {fl['seconds']:.1f} s), {out}")

    if barcodes is not None:
        server, till_db, prep = _till(source, folder, "drain_scan", engine, pg, backlog, log)
        _apart(server)
        try:
            codes_file = folder / "drain-scan-codes.json"
            codes_file.write_text(json.dumps(barcodes))
            idle = run_child(["-m", "bench.scan", str(till_db), str(codes_file), str(cashier_id)])
            out = run_child(["-m", "bench.sync_drain", "scan", str(till_db), str(codes_file),
                             str(cashier_id), str(prep["last_seq"])])  # fmt: skip
        finally:
            os.environ.pop("BENCH_TILL_CPUS", None)
            server.stop()
        out.pop("scan_samples_ms", None)
        idle.pop("scan_samples_ms", None)
        details["scan_while_draining"] = out
        details["scan_uploader_idle"] = idle
        up = out["uploader"]
        note = (
            f"uploader acknowledged seq {up['acked_at_start']:,} -> {up['acked_after_scans']:,}"
            f" of {up['last_seq']:,} during the scans"
            + ("" if up["draining_throughout"] else " (drained before the scans ended)")
        )
        scan, fl = out["scan"], out["floor"]
        rows += [
            Row("scan -> line shown p99 while draining", scan["p99_ms"], fl["p99_ms"], "ms", "max",
                10, note),
            Row("scan -> line shown p50 while draining", scan["p50_ms"], fl["p50_ms"], "ms"),
            Row("scan -> line shown p99, same till, backlog waiting, no uploader",
                idle["scan"]["p99_ms"], idle["floor"]["p99_ms"], "ms"),
        ]  # fmt: skip
        log(f"  scans while draining: p99 {scan['p99_ms']:.1f} ms (no uploader:"
            f" {idle['scan']['p99_ms']:.1f} ms); {note}")  # fmt: skip
    return rows, details


def main() -> None:
    import os

    from bench.common import emit

    mode = sys.argv[1]
    if mode == "drain":
        emit(drain(sys.argv[2], int(sys.argv[3])))
    else:
        emit(scan_while_draining(sys.argv[2], sys.argv[3], int(sys.argv[4]), int(sys.argv[5])))
        sys.stderr.flush()
        os._exit(0)  # as bench/scan.py: PySide6 may crash at teardown, after the result is out


if __name__ == "__main__":
    main()
