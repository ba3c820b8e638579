"""Sync 2: a province's steady load, acknowledgement latency on SQLite and on PostgreSQL.

`otop-pos server run` (uvicorn) on 127.0.0.1: one worker on SQLite, as many
as asked on PostgreSQL. Enrolment codes are made in-process before the
server starts; the separate load process (`bench/sync_load.py`, asyncio and
one httpx pool) enrols every till over HTTP, then runs the floor (each till
calls GET /v1/health on the batch schedule) and the load itself (each till
sends a signed batch of 5 new entries every 5 s, starts staggered, for 60 s).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from bench.common import Row
from bench.sync_common import Postgres, engine_database, load_against

LABEL = {"sqlite": "SQLite", "postgresql": "PostgreSQL"}


def run(folder: Path, engines: list[str], tills: int, duration: float, pg_workers: int,
        pg: Postgres | None, log: Any) -> tuple[list[Row], dict[str, Any]]:  # fmt: skip
    spec = {"period": 5.0, "duration": duration, "batch": 5, "deadline": 60.0,
            "max_attempts": 20}  # fmt: skip
    rows, details = [], {}
    for engine in engines:
        workers = 1 if engine == "sqlite" else pg_workers
        log(f"  {LABEL[engine]}: {tills} tills, {workers} worker(s), {duration:.0f} s + floor ...")
        database = engine_database(engine, "steady", folder, pg)
        out, rss = load_against(database, folder, tills, workers, ["enrol", "health", "steady"],
                                spec, timeout=4 * duration + 600)  # fmt: skip
        out["server_peak_rss_mb"], out["workers"] = rss, workers
        details[engine] = out
        s, h = out["steady"], out["health"]
        refused = sum(v for k, v in s["statuses"].items() if k != "200")
        note = (f"{tills} tills x 5 entries every 5 s for {duration:.0f} s, {workers} worker(s);"
                f" {s['latency']['n']} batches acknowledged, {refused} answers other than 200,"
                f" {s['failure_count']} failed")  # fmt: skip
        name = f"sync steady ack, {LABEL[engine]}"
        lat, fl = s["latency"], h["latency"]
        rows += [
            Row(f"{name} p50", lat["p50_ms"], fl["p50_ms"], "ms"),
            Row(f"{name} p99", lat["p99_ms"], fl["p99_ms"], "ms", "max", 500, note),
            Row(f"{name} max", lat["max_ms"], fl["max_ms"], "ms"),
        ]
        log(f"    p50 {lat['p50_ms']:.1f} ms, p99 {lat['p99_ms']:.1f} ms, max {lat['max_ms']:.1f}"
            f" ms (health p99 {fl['p99_ms']:.1f} ms); {dict(s['statuses'])}")  # fmt: skip
    return rows, details
