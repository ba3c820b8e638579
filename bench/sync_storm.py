"""Sync 3: a reconnect storm, every till back at once with its backlog.

The tills are enrolled over HTTP by the load process, then all of them at
once send ``entries`` unsent entries each, in batches of at most 500 (the
till's outbox cap: 500 entries or 1 MB). Past its in-flight limit the server
answers 503 with Retry-After; the tills wait that long plus 0-1 s of jitter
and try again. Reported: the time until the last till's last batch is
acknowledged, the 503s, every other refusal (there must be none), and the
server's peak RSS (its workers included, sampled every 0.1 s).

The floor is the same entries through `batches.receive` in-process, one
batch after another on one thread, on a fresh database of the same engine:
the sum of the receive calls (the entries are built outside the clock).
"""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

from bench.common import Row
from bench.sync_common import Postgres, engine_database, load_against

LABEL = {"sqlite": "SQLite", "postgresql": "PostgreSQL"}


def in_process(database: str, tills: int, entries: int, size: int) -> dict[str, Any]:
    from bench.sync_common import batch_body, batch_path, enrol_in_process, sale_template
    from otop_server.db import keys, migrations
    from otop_server.db.engine import Database
    from otop_server.operations import batches

    db = Database(database)
    try:
        migrations.migrate(db)
        key = keys.signing_key(db)
        spent, stored = 0.0, 0
        for till in enrol_in_process(db, tills, sale_template()):
            for k in range(0, entries, size):
                batch = till.chain.take(min(size, entries - k))
                body, now = batch_body(till.terminal_id, batch), time.time()
                headers = till.signed(body, now)
                t0 = time.perf_counter()
                answer = batches.receive(db, till.terminal_id, batch_path(till.terminal_id),
                                         headers, body, now, key)  # fmt: skip
                spent += time.perf_counter() - t0
                stored += answer["stored"]
    finally:
        db.dispose()
    return {"seconds": spent, "stored": stored}


def run(folder: Path, engines: list[str], tills: int, entries: int, pg_workers: int,
        pg: Postgres | None, log: Any) -> tuple[list[Row], dict[str, Any]]:  # fmt: skip
    spec = {"storm_entries": entries, "storm_batch": 500, "deadline": 300.0, "max_attempts": 400,
            "period": 5.0, "duration": 0, "batch": 5}  # fmt: skip
    rows, details = [], {}
    for engine in engines:
        workers = 1 if engine == "sqlite" else pg_workers
        log(
            f"  {LABEL[engine]}: {tills} tills x {entries} entries at once, {workers} worker(s) ..."
        )
        database = engine_database(engine, "storm", folder, pg)
        out, rss = load_against(database, folder, tills, workers, ["enrol", "storm"], spec,
                                timeout=1200)  # fmt: skip
        s = out["storm"]
        log(f"  {LABEL[engine]}: floor, the same entries through batches.receive in-process ...")
        floor = in_process(engine_database(engine, "storm_floor", folder, pg), tills, entries, 500)
        out.update(server_peak_rss_mb=rss, workers=workers, floor=floor)
        details[engine] = out
        busy = s["statuses"].get("503", 0) + s["statuses"].get("429", 0)
        other = sum(v for k, v in s["statuses"].items() if k not in ("200", "503", "429"))
        other += s["retry_after_missing"]
        total = f"{tills} tills x {entries} entries, {workers} worker(s)"
        name = f"sync storm, {LABEL[engine]}"
        rows += [
            Row(
                f"{name}: drained (s)",
                s["drain_s"],
                floor["seconds"],
                "s",
                "max",
                60,
                f"{total}; {s['drained_tills']} of {tills} tills drained,"
                f" {s['entries_acked']:,} entries acknowledged",
            ),
            Row(f"{name}: 503/429 with Retry-After", busy, float("nan"), "answers"),
            Row(
                f"{name}: any other refusal",
                other,
                float("nan"),
                "answers",
                "max",
                0,
                "; ".join(s["failures"][:3]),
            ),
            Row(f"{name}: server peak RSS", rss, float("nan"), "MB"),
        ]
        log(f"    drained in {s['drain_s']:.1f} s (floor {floor['seconds']:.1f} s); statuses"
            f" {s['statuses']}; peak RSS {rss:.0f} MB")  # fmt: skip
    return rows, details
