"""The benchmark catalogue: generated once by the demo seed, cached, copied per run.

The cache lives at var/bench/catalogue-N.sqlite (var/ is git-ignored). Each
run works on copies in its own temporary folder under var/bench (the same
disk as the cache, so fsync costs are real, not those of a tmpfs), so one
run's sales never show up in the next run's numbers.
"""

from __future__ import annotations

import os
import random
import shutil
import sqlite3
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from bench.common import VAR


def cache_path(products: int) -> Path:
    return VAR / f"catalogue-{products}.sqlite"


def _remove(path: Path) -> None:
    for p in (path, Path(f"{path}-wal"), Path(f"{path}-shm")):
        p.unlink(missing_ok=True)


def _is_current(path: Path, products: int) -> bool:
    from otop_pos.db.schema import migrations

    try:
        conn = sqlite3.connect(f"file:{path}?immutable=1", uri=True)  # no -wal/-shm
        try:
            version = conn.execute("PRAGMA user_version").fetchone()[0]
            count = conn.execute("SELECT count(*) FROM products").fetchone()[0]
            cashiers = conn.execute("SELECT count(*) FROM users WHERE role = 'cashier'").fetchone()
        finally:
            conn.close()
    except sqlite3.Error:
        return False
    return version == migrations.LATEST and count >= products and cashiers[0] > 0


def ensure_catalogue(products: int, rebuild: bool, log: Callable[[str], None]) -> Path:
    """The cached catalogue of `products` products, generated if missing or stale."""
    path = cache_path(products)
    if not rebuild and path.exists() and _is_current(path, products):
        return path
    from otop_pos.db.store import open_store
    from otop_pos.demo.seed import ensure_demo_centre

    VAR.mkdir(parents=True, exist_ok=True)
    building = path.with_name(path.name + ".building")
    _remove(building)
    log(f"generating a {products:,}-product catalogue in {path} (once; it is cached) ...")
    started = time.perf_counter()
    store = open_store(building)
    ensure_demo_centre(store, products=products)
    store.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    store.close()
    _remove(path)
    os.replace(building, path)
    _remove(building)
    log(f"generated in {time.perf_counter() - started:.1f} s")
    return path


def run_folder() -> Path:
    VAR.mkdir(parents=True, exist_ok=True)
    return Path(tempfile.mkdtemp(prefix="run-", dir=VAR))


def copy_db(source: Path, folder: Path, name: str) -> Path:
    target = folder / name
    shutil.copyfile(source, target)
    return target


@dataclass(frozen=True)
class Samples:
    """What the benchmarks feed the product, read straight from the file."""

    barcodes: list[tuple[str, int]]  # (barcode, product id) of active products
    skus: list[str]
    product_ids: list[int]
    cashier_id: int
    terminal_id: str
    product_count: int


def read_samples(db: Path, count: int, seed: int = 20_241_121) -> Samples:
    rng = random.Random(seed)
    conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    try:
        rows = conn.execute(
            "SELECT b.barcode, b.product_id FROM barcodes b"
            " JOIN products p ON p.id = b.product_id WHERE p.active"
        ).fetchall()
        by_product: dict[int, str] = {}
        for code, pid in rows:
            by_product.setdefault(pid, code)  # one barcode per product: scans add new lines
        ids = sorted(by_product)
        chosen = rng.sample(ids, min(count, len(ids)))
        picked = rng.sample(ids, min(20, len(ids)))
        marks = ",".join("?" * len(picked))
        skus = [
            r[0]
            for r in conn.execute(
                f"SELECT sku FROM products WHERE active AND id IN ({marks})", picked
            )
        ]
        cashier = conn.execute(
            "SELECT id FROM users WHERE role = 'cashier' AND active ORDER BY id LIMIT 1"
        ).fetchone()[0]
        terminal = conn.execute("SELECT value FROM settings WHERE key = 'terminal_id'").fetchone()
        total = conn.execute("SELECT count(*) FROM products").fetchone()[0]
    finally:
        conn.close()
    return Samples(
        barcodes=[(by_product[i], i) for i in chosen],
        skus=skus,
        product_ids=ids,
        cashier_id=int(cashier),
        terminal_id=str(terminal[0]) if terminal else "T01",
        product_count=int(total),
    )
