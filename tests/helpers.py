"""Test helpers shared by the suites: a small centre built through real operations."""

from __future__ import annotations

from otop_pos.db import settings as settings_db
from otop_pos.db.projections import record
from otop_pos.db.settings import CentreSettings
from otop_pos.db.store import Store
from otop_pos.domain.staff.permissions import Role
from otop_pos.domain.thai.thaidate import to_iso, utc_now
from otop_pos.operations import auth
from otop_pos.operations.session import Session

CASHIER_PIN = "1111"
MANAGER_PIN = "9999"

PRODUCERS = [
    {
        "code": "P01",
        "name": "กลุ่มทอผ้าไหมบ้านหนองบัว",
        "type": "community_enterprise",
        "district": "กันทรลักษ์",
        "province": "ศรีสะเกษ",
        "contact": "",
        "commission_bp": 2000,
        "active": 1,
    },
    {
        "code": "P02",
        "name": "วิสาหกิจชุมชนชาใบหม่อน",
        "type": "community_enterprise",
        "district": "ขุขันธ์",
        "province": "ศรีสะเกษ",
        "contact": "",
        "commission_bp": 1500,
        "active": 1,
    },
]

PRODUCTS = [
    {
        "sku": "SILK01",
        "name_th": "ผ้าไหมมัดหมี่ลายลูกแก้ว",
        "name_en": "Mudmee silk, Luk Kaew",
        "category": "textile",
        "stars": 5,
        "producer_code": "P01",
        "price_satang": 150000,
        "vat_applicable": 1,
        "ownership": "consigned",
        "quick_key": None,
        "active": 1,
        "barcodes": ["8850000000014"],
    },
    {
        "sku": "TEA01",
        "name_th": "ชาใบหม่อนอบแห้ง 50 กรัม",
        "name_en": "Mulberry leaf tea 50 g",
        "category": "drink",
        "stars": 4,
        "producer_code": "P02",
        "price_satang": 8550,
        "vat_applicable": 1,
        "ownership": "consigned",
        "quick_key": None,
        "active": 1,
        "barcodes": ["8850000000021", "8850000000038"],
    },
    {
        "sku": "TEAGLASS",
        "name_th": "ชาใบหม่อนเย็น (แก้ว)",
        "name_en": "Iced mulberry tea (glass)",
        "category": "drink",
        "stars": None,
        "producer_code": "P02",
        "price_satang": 2500,
        "vat_applicable": 1,
        "ownership": "owned",
        "quick_key": 1,
        "active": 1,
        "barcodes": [],
    },
    {
        "sku": "OLD01",
        "name_th": "สินค้าเลิกขาย",
        "name_en": "Discontinued",
        "category": "household",
        "stars": None,
        "producer_code": None,
        "price_satang": 1000,
        "vat_applicable": 1,
        "ownership": "owned",
        "quick_key": None,
        "active": 0,
        "barcodes": ["8850000000045"],
    },
]


def seed_catalogue(store: Store) -> None:
    now = to_iso(utc_now())
    with store.transaction():
        record.record(store, "T01", "producer_upsert", now, None, {"producers": PRODUCERS})
        record.record(store, "T01", "product_upsert", now, None, {"products": PRODUCTS})
        ids = {r["sku"]: r["id"] for r in store.query("SELECT id, sku FROM products")}
        record.record(
            store,
            "T01",
            "stock_adjust",
            now,
            None,
            {
                "reason": "opening",
                "items": [{"product_id": i, "sku": s, "qty": 50} for s, i in ids.items()],
            },
        )


def make_centre(store: Store, **overrides: object) -> Session:
    """A centre for tests; sales need no open shift unless a test asks for it."""
    overrides.setdefault("require_shift", False)
    overrides.setdefault("vat_registered", True)
    settings = CentreSettings(
        centre_name="ศูนย์ OTOP จังหวัดศรีสะเกษ",
        tax_id="0994000158378",
        **overrides,  # type: ignore[arg-type]
    )
    settings_db.save(store, settings)
    session = Session.open(store)
    auth.create_user(session, "ประเสริฐ", Role.MANAGER, MANAGER_PIN, allow_trivial=True)
    manager = auth.login(session, 1, MANAGER_PIN)
    auth.create_user(session, "สมศรี", Role.CASHIER, CASHIER_PIN, allow_trivial=True)
    auth.logout(session)
    assert manager.role is Role.MANAGER
    seed_catalogue(store)
    return session
