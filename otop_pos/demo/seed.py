"""A ready-to-sell demo centre: ศูนย์ OTOP จังหวัดศรีสะเกษ.

Training, screenshots and benchmarks need a realistic shop on a fresh file.
Everything is written through journal entries, exactly like a real import,
so the demo also exercises the journal, the projections and sync. One
transaction: an interrupted seed leaves an empty file, never half a shop.
"""

from __future__ import annotations

import random
import sys
from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import Any

from otop_pos.db import settings as settings_db
from otop_pos.db.catalogue import products as catalog
from otop_pos.db.settings import CentreSettings
from otop_pos.db.staff import users as users_db
from otop_pos.db.store import Store
from otop_pos.demo.synthetic import synthetic_products
from otop_pos.domain.catalogue.units import MILLI
from otop_pos.domain.staff.permissions import Role
from otop_pos.domain.staff.pins import hash_pin
from otop_pos.domain.thai.thaidate import to_iso, utc_now
from otop_pos.files.producer_file import producer_payload, read_producer_file
from otop_pos.files.product_file import ProductRow, product_payload, read_product_file
from otop_pos.operations.catalogue.file_import import record_chunks

SEED = 20210206  # the Sisaket centre opened on 6 February 2021
CHUNK = 2000
TAX_ID = "0994000165315"

DEMO_SETTINGS = CentreSettings(
    centre_name="ศูนย์ OTOP จังหวัดศรีสะเกษ",
    branch="สำนักงานใหญ่",
    address="99 ถนนเทพา ตำบลเมืองใต้ อำเภอเมืองศรีสะเกษ จังหวัดศรีสะเกษ 33000",
    tax_id=TAX_ID,
    vat_registered=True,
    pos_id="POS01",
    terminal_id="T01",
    promptpay_id="0994000165315",  # the centre's tax ID as its PromptPay ID
    postcode="33000",
    building_number="99",
    street="เทพา",
    province_code="33",
    district_code="3301",
    sub_district_code="330101",
)
DEMO_USERS = (
    ("สมศรี ใจดี", Role.CASHIER, "1111"),
    ("ประเสริฐ ผู้จัดการ", Role.MANAGER, "9999"),
)

Progress = Callable[[str, int, int], None]
Write = Callable[..., None]


def thai_tax_id_check_digit(first12: str) -> int:
    """Revenue Department rule: (11 - sum(d[i] * (13 - i)) mod 11) mod 10."""
    total = sum(int(d) * (13 - i) for i, d in enumerate(first12))
    return (11 - total % 11) % 10


def demo_dir() -> Path:
    """assets/demo beside the package, or inside a PyInstaller bundle."""
    bundled = getattr(sys, "_MEIPASS", None)
    if bundled:
        return Path(bundled) / "assets" / "demo"
    return Path(__file__).resolve().parents[2] / "assets" / "demo"


def _opening_stock(store: Store, rng: random.Random, write: Write, progress: Progress) -> None:
    """Every product starts with 20-200 on the shelf (pieces or kg), as after a first count."""
    ids = sorted(catalog.sku_ids(store).items(), key=lambda item: item[1])
    measured = catalog.measured_skus(store)  # kept in grams
    items = [
        {
            "product_id": pid,
            "sku": sku,
            "qty": rng.randint(20, 200) * (MILLI if sku in measured else 1),
        }
        for sku, pid in ids
    ]
    for start in range(0, len(items), CHUNK):
        part = items[start : start + CHUNK]
        write("stock_adjust", "items", part, {"reason": "opening"})
        progress("stock", start + len(part), len(items))


def _producers_by_category(rows: list[ProductRow]) -> dict[str, list[str]]:
    """Synthetic products go to producers who already make that kind of goods."""
    makers: dict[str, list[str]] = {}
    for r in rows:
        if r.producer_code and r.producer_code not in makers.setdefault(r.category, []):
            makers[r.category].append(r.producer_code)
    return makers


def ensure_demo_centre(
    store: Store, products: int | None = None, progress: Progress | None = None
) -> bool:
    """Create the demo centre on an uninitialised store; False if it already exists.

    `products` larger than the demo file adds synthetic products up to that
    count (benchmarks use 200 000). `progress(stage, done, total)` is called
    as products and opening stock are written.
    """
    report: Progress = progress or (lambda stage, done, total: None)
    if settings_db.is_initialised(store):
        return False
    folder = demo_dir()
    producers = read_producer_file(folder / "producers.csv")
    rows = read_product_file(folder / "products.csv")
    users = [(name, role, hash_pin(pin)) for name, role, pin in DEMO_USERS]
    rng = random.Random(SEED)
    write = partial(_write_chunks, store, DEMO_SETTINGS.terminal_id, to_iso(utc_now()))
    with store.transaction():
        if settings_db.is_initialised(store):  # another process won the race
            return False
        settings_db.save(store, DEMO_SETTINGS)
        for name, role, pin_hash in users:  # demo PINs (1111, 9999) are trivial on purpose
            users_db.add(store, DEMO_SETTINGS.terminal_id, to_iso(utc_now()), None, name,
                         role.value, pin_hash)  # fmt: skip
        write("producer_upsert", "producers", [producer_payload(p) for p in producers])
        write("product_upsert", "products", [product_payload(r) for r in rows])
        extra, done = (products or 0) - len(rows), 0
        for batch in synthetic_products(rng, max(extra, 0), _producers_by_category(rows), CHUNK):
            write("product_upsert", "products", batch)
            done += len(batch)
            report("products", done, extra)
        _opening_stock(store, rng, write, report)
    return True


def _write_chunks(
    store: Store,
    terminal_id: str,
    now: str,
    kind: str,
    key: str,
    items: list[dict[str, Any]],
    extra: dict[str, Any] | None = None,
) -> None:
    """System entries (no user) of at most CHUNK items each."""
    record_chunks(store, terminal_id, kind, key, items, now, None, CHUNK, extra)
