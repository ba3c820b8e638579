"""Sync 1: the server's ingest rate through `batches.receive`, in-process, with every check.

Several enrolled terminals each send 500-entry batches of a valid chain,
signed, round-robin, one after another on one thread: signature and nonce,
strict JSON, the batch's shape, the chain recomputed entry by entry, each
payload checked against its kind, the insert, the figures projection (still
the placeholder on main), the terminal's row and the signed checkpoint.
Bodies and headers are built before the clock starts. The floor is the same
rows inserted straight into a fresh `entries` table with SQLAlchemy's
executemany, one transaction per 500, with no checks at all.

Runs in a child process (`python -m bench.sync_ingest ARGS.json`) so its
memory and the PostgreSQL server's lifetime are its own.
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path
from typing import Any

from bench.common import Row, run_child

BATCH = 500


def _prepare(db: Any, terminals: int, entries: int) -> tuple[list[Any], list[list[dict[str, Any]]]]:
    from bench.sync_common import batch_body, batch_path, enrol_in_process, sale_template

    tills = enrol_in_process(db, terminals, sale_template())
    now = time.time()
    work, rows = [], []
    per_terminal = max(1, entries // (terminals * BATCH))
    for _ in range(per_terminal):
        for till in tills:
            batch = till.chain.take(BATCH)
            body = batch_body(till.terminal_id, batch)
            work.append((till.terminal_id, batch_path(till.terminal_id), till.signed(body, now),
                         body, now))  # fmt: skip
            rows.append([{"terminal_id": till.terminal_id, "received_at": "2026-11-29T00:00:00+00:00",
                          "problems": None, **e} for e in batch])  # fmt: skip
    return work, rows


def product(url: str, terminals: int, entries: int, profile: str = "") -> dict[str, Any]:
    from otop_server.db import keys, migrations, tables
    from otop_server.db.engine import Database
    from otop_server.operations import batches

    db = Database(url)
    try:
        migrations.migrate(db)
        key = keys.signing_key(db)
        work, _ = _prepare(db, terminals, entries)
        profiler = None
        if profile:
            from pyinstrument import Profiler

            profiler = Profiler(interval=0.0005)
            profiler.start()
        per_batch = []
        t0 = time.perf_counter()
        for tid, path, headers, body, now in work:
            t = time.perf_counter()
            answer = batches.receive(db, tid, path, headers, body, now, key)
            per_batch.append(time.perf_counter() - t)
            assert answer["stored"] == BATCH and not answer["flagged"], answer
        elapsed = time.perf_counter() - t0
        if profiler is not None:
            profiler.stop()
            Path(profile).write_text(profiler.output_text(unicode=True, show_all=False))
        with db.read() as conn:
            stored = conn.execute(tables.entries.select().with_only_columns(
                tables.entries.c.seq)).all()  # fmt: skip
        assert len(stored) == len(work) * BATCH, (len(stored), len(work))
    finally:
        db.dispose()
    from bench.common import summary_ms

    n = len(work) * BATCH
    return {"entries": n, "seconds": elapsed, "per_s": n / elapsed, "batch": summary_ms(per_batch)}


def floor(url: str, terminals: int, entries: int) -> dict[str, Any]:
    from otop_server.db import migrations, tables
    from otop_server.db.engine import Database

    db = Database(url)
    try:
        migrations.migrate(db)
        _, rows = _prepare(db, terminals, entries)
        t0 = time.perf_counter()
        for chunk in rows:
            with db.write() as conn:
                conn.execute(tables.entries.insert(), chunk)
        elapsed = time.perf_counter() - t0
    finally:
        db.dispose()
    n = sum(len(c) for c in rows)
    return {"entries": n, "seconds": elapsed, "per_s": n / elapsed}


def worker(args: dict[str, Any]) -> dict[str, Any]:
    from bench.sync_common import fresh_sqlite, postgres

    folder = Path(args["folder"])
    t, n = args["terminals"], args["entries"]
    out: dict[str, Any] = {"terminals": t, "batch": BATCH}
    if args.get("pg", True):
        with postgres(folder / "pg-ingest") as pg:
            out["postgres_version"] = pg.version()
            out["pg"] = product(pg.database("ingest"), t, n, args.get("profile_pg", ""))
            out["pg_floor"] = floor(pg.database("ingest_floor"), t, n)
    if args.get("sqlite", True):
        out["sqlite"] = product(
            fresh_sqlite(folder / "ingest.sqlite"), t, n, args.get("profile_sqlite", "")
        )
        out["sqlite_floor"] = floor(fresh_sqlite(folder / "ingest-floor.sqlite"), t, n)
    return out


def run(folder: Path, terminals: int, entries: int, log: Any,
        **extra: Any) -> tuple[list[Row], dict[str, Any]]:  # fmt: skip
    spec = folder / "sync-ingest.json"
    spec.write_text(json.dumps({"folder": str(folder), "terminals": terminals, "entries": entries,
                                **extra}))  # fmt: skip
    out = run_child(["-m", "bench.sync_ingest", str(spec)], timeout=3600)
    rows = []
    size = (
        f"{out.get('pg', out.get('sqlite', {})).get('entries', 0):,} entries, {terminals} terminals"
    )
    if "pg" in out:
        pg, fl = out["pg"], out["pg_floor"]
        log(f"  PostgreSQL: {pg['per_s']:,.0f}/s (floor {fl['per_s']:,.0f}/s)")
        rows.append(Row("sync ingest, PostgreSQL (entries/s)", pg["per_s"], fl["per_s"],
                        "entries/s", "min", 20_000, f"{size}, batches of {BATCH}"))  # fmt: skip
    if "sqlite" in out:
        sq, fl = out["sqlite"], out["sqlite_floor"]
        log(f"  SQLite: {sq['per_s']:,.0f}/s (floor {fl['per_s']:,.0f}/s)")
        rows.append(Row("sync ingest, SQLite (entries/s)", sq["per_s"], fl["per_s"], "entries/s",
                        note=size))  # fmt: skip
    return rows, out


def main() -> None:
    from bench.common import emit

    emit(worker(json.loads(Path(sys.argv[1]).read_text())))


if __name__ == "__main__":
    main()
