"""Benchmark 3: catalogue search, top 50, against a primary-key lookup.

Queries come in classes (Thai, English, SKU). Each class gets ITERATIONS
calls of `otop_pos.db.catalogue.products.search(store, q, 50)`, cycling through its
queries; every call alternates with a floor call, a `SELECT * FROM products
WHERE id = ?` on the same connection, so both see the same cache state.
Per-query figures are kept too: a class's p99 is usually one query's fault.
"""

from __future__ import annotations

import random
import time
from pathlib import Path
from typing import Any

from bench.common import Row, summary_ms

ITERATIONS = 200
WARMUP = 2  # calls per query before timing (first use of each FTS segment)

THAI = [
    "ผ้าไหม",
    "ชาใบหม่อน",
    "มัดหมี่",
    "ทุเรียน",
    "หอมแดง",
    "ตะกร้า",
    "สบู่",
    "ยาหม่อง",
    "ผ้",  # 2 characters: the prefix fallback, not FTS
    "ชา",
]
ENGLISH = ["silk", "mulberry tea", "basket", "durian", "soap", "balm", "si"]


def run(db: Path, skus: list[str], product_ids: list[int]) -> tuple[list[Row], dict[str, Any]]:
    from otop_pos.db.catalogue import products
    from otop_pos.db.store import open_store

    store = open_store(db)
    rng = random.Random(7)
    classes = {"thai": THAI, "english": ENGLISH, "sku": skus[:10]}
    rows: list[Row] = []
    short: list[float] = []  # queries under 3 characters: the prefix fallback
    fts: list[float] = []  # 3+ characters: FTS5 trigram MATCH
    details: dict[str, Any] = {"per_query": {}, "classes": {}}
    try:
        for name, queries in classes.items():
            for q in queries:
                for _ in range(WARMUP):
                    products.search(store, q, 50)
            timed: list[float] = []
            floor: list[float] = []
            per_query: dict[str, list[float]] = {q: [] for q in queries}
            hits: dict[str, int] = {}
            for i in range(ITERATIONS):
                q = queries[i % len(queries)]
                pid = rng.choice(product_ids)
                t0 = time.perf_counter()
                store.conn.execute("SELECT * FROM products WHERE id = ?", (pid,)).fetchall()
                t1 = time.perf_counter()
                found = products.search(store, q, 50)
                t2 = time.perf_counter()
                floor.append(t1 - t0)
                timed.append(t2 - t1)
                per_query[q].append(t2 - t1)
                hits[q] = len(found)
            s, f = summary_ms(timed), summary_ms(floor)
            details["classes"][name] = {"search": s, "floor": f}
            for q, samples in per_query.items():
                details["per_query"][q] = {"class": name, "hits": hits[q], **summary_ms(samples)}
                (short if len(q) < 3 else fts).extend(samples)
            label = "SKU" if name == "sku" else name.capitalize()
            rows.append(Row(f"search {label} top-50 p50", s["p50_ms"], f["p50_ms"], "ms"))
            rows.append(Row(f"search {label} top-50 p99", s["p99_ms"], f["p99_ms"], "ms", "max", 5))
        floor_p99 = max(details["classes"][c]["floor"]["p99_ms"] for c in classes)
        for label, samples in (("3+ chars (FTS)", fts), ("under 3 chars (prefix)", short)):
            p99 = summary_ms(samples)["p99_ms"]
            rows.append(Row(f"search {label} p99", p99, floor_p99, "ms", "max", 5))
    finally:
        store.close()
    return rows, details
