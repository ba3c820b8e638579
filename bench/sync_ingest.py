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


def _ingest_part(url: str, work: list[Any], gate: Any, out: Any) -> None:
    """One server process's share: its terminals' batches, after every process is ready."""
    from otop_server.db import keys
    from otop_server.db.engine import Database
    from otop_server.operations import batches

    db = Database(url)
    key = keys.signing_key(db)
    gate.wait(60)
    for tid, path, headers, body, now in work:
        answer = batches.receive(db, tid, path, headers, body, now, key)
        assert answer["stored"] == BATCH and not answer["flagged"], answer
    out.put(time.perf_counter())
    db.dispose()


def _parallel(url: str, jobs: list[list[Any]], target: Any) -> float:
    """Seconds from all processes' start to the last one's end (fork: the work is inherited)."""
    import multiprocessing

    ctx = multiprocessing.get_context("fork")
    gate, out = ctx.Barrier(len(jobs) + 1), ctx.Queue()
    procs = [ctx.Process(target=target, args=(url, job, gate, out)) for job in jobs]
    for p in procs:
        p.start()
    gate.wait(60)
    t0 = time.perf_counter()
    ends = [out.get(timeout=600) for _ in procs]
    for p in procs:
        p.join(60)
        assert p.exitcode == 0, p.exitcode
    return max(ends) - t0


def product_processes(url: str, terminals: int, entries: int, processes: int) -> dict[str, Any]:
    """The server as deployed on PostgreSQL with several workers: terminals split among
    processes, each batch through `batches.receive` with every check."""
    from otop_server.db import keys, migrations, tables
    from otop_server.db.engine import Database

    db = Database(url)
    migrations.migrate(db)
    keys.signing_key(db)
    work, _ = _prepare(db, terminals, entries)
    db.dispose()  # nothing of the parent's engine crosses the fork
    by_terminal: dict[str, list[Any]] = {}
    for item in work:
        by_terminal.setdefault(item[0], []).append(item)
    jobs: list[list[Any]] = [[] for _ in range(processes)]
    for i, items in enumerate(by_terminal.values()):
        jobs[i % processes] += items
    elapsed = _parallel(url, jobs, _ingest_part)
    db = Database(url)
    with db.read() as conn:
        stored = len(conn.execute(tables.entries.select().with_only_columns(
            tables.entries.c.seq)).all())  # fmt: skip
    db.dispose()
    assert stored == len(work) * BATCH, (stored, len(work))
    return {"entries": stored, "seconds": elapsed, "per_s": stored / elapsed,
            "processes": processes}  # fmt: skip


def _floor_part(url: str, chunks: list[Any], gate: Any, out: Any) -> None:
    from otop_server.db import tables
    from otop_server.db.engine import Database

    db = Database(url)
    gate.wait(60)
    for chunk in chunks:
        with db.write() as conn:
            conn.execute(tables.entries.insert(), chunk)
    out.put(time.perf_counter())
    db.dispose()


def floor_processes(url: str, terminals: int, entries: int, processes: int) -> dict[str, Any]:
    """The same rows inserted straight into `entries` by as many processes, no checks."""
    from otop_server.db import migrations
    from otop_server.db.engine import Database

    db = Database(url)
    migrations.migrate(db)
    _, rows = _prepare(db, terminals, entries)
    db.dispose()
    jobs: list[list[Any]] = [[] for _ in range(processes)]
    for i, chunk in enumerate(rows):
        jobs[i % processes].append(chunk)
    elapsed = _parallel(url, jobs, _floor_part)
    n = sum(len(c) for c in rows)
    return {"entries": n, "seconds": elapsed, "per_s": n / elapsed, "processes": processes}


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
            workers = args.get("processes", 2)
            out["pg_workers"] = product_processes(pg.database("ingest_w"), t, n, workers)
            out["pg_workers_floor"] = floor_processes(pg.database("ingest_wf"), t, n, workers)
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
        rows.append(Row("sync ingest, PostgreSQL, 1 process (entries/s)", pg["per_s"],
                        fl["per_s"], "entries/s", note=f"{size}, batches of {BATCH}"))  # fmt: skip
        pw, fw = out["pg_workers"], out["pg_workers_floor"]
        log(f"  PostgreSQL, {pw['processes']} processes: {pw['per_s']:,.0f}/s"
            f" (floor {fw['per_s']:,.0f}/s)")  # fmt: skip
        rows.append(Row(f"sync ingest, PostgreSQL, {pw['processes']} workers (entries/s)",
                        pw["per_s"], fw["per_s"], "entries/s", "min", 20_000,
                        f"{size}, as `server run --workers {pw['processes']}`"))  # fmt: skip
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
