"""The demo centre: a realistic Sisaket shop on a fresh file, created once."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from otop_pos.db import journal
from otop_pos.db import settings as settings_db
from otop_pos.db.catalogue import products as catalog
from otop_pos.db.settings import CentreSettings
from otop_pos.db.stock import levels
from otop_pos.db.store import Store, open_store
from otop_pos.demo.seed import DEMO_SETTINGS, demo_dir, ensure_demo_centre, thai_tax_id_check_digit
from otop_pos.domain.catalogue.barcode import is_valid_ean13
from otop_pos.domain.staff.permissions import Role
from otop_pos.files.product_file import read_product_file
from otop_pos.operations import auth
from otop_pos.operations.session import Session

DEMO_PRODUCTS = len(read_product_file(demo_dir() / "products.csv"))


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Store]:
    store = open_store(tmp_path_factory.mktemp("demo") / "demo.sqlite")
    assert ensure_demo_centre(store) is True
    yield store
    store.close()


def test_settings_describe_a_vat_registered_sisaket_centre(demo: Store) -> None:
    s = settings_db.load(demo)
    assert s == DEMO_SETTINGS and s.vat_registered
    assert s.centre_name == "ศูนย์ OTOP จังหวัดศรีสะเกษ" and "33000" in s.address
    assert len(s.tax_id) == 13 and s.tax_id.isdigit()
    assert thai_tax_id_check_digit(s.tax_id[:12]) == int(s.tax_id[12])


def test_tax_id_rule_on_a_known_number() -> None:
    # 0994000158378 (used by the test helpers): 12 digits -> check digit 8
    assert thai_tax_id_check_digit("099400015837") == 8


def test_producers_come_from_many_districts(demo: Store) -> None:
    producers = catalog.producer_payloads(demo)
    assert len(producers) >= 20
    assert len({p["district"] for p in producers.values()}) >= 8
    assert {p["type"] for p in producers.values()} == {
        "community_enterprise",
        "single_owner",
        "sme",
    }


def test_catalogue_has_all_five_categories_quick_keys_and_scannable_barcodes(demo: Store) -> None:
    skus = list(catalog.sku_ids(demo))
    products = catalog.product_payloads(demo, skus)
    assert {p["category"] for p in products.values()} == {
        "food", "drink", "textile", "household", "herbal",
    }  # fmt: skip
    keys = catalog.quick_keys(demo)
    assert len(keys) >= 8 and all(1 <= k.key <= 12 for k in keys)
    assert catalog.by_barcode(demo, "8859411000015").sku == "TX001"
    assert catalog.search(demo, "ทุเรียน") and catalog.search(demo, "silk")


def test_every_product_has_opening_stock(demo: Store) -> None:
    on_hand = levels.on_hand_all(demo)
    ids = catalog.sku_ids(demo)
    assert set(on_hand) == set(ids.values())
    weighed = {ids[sku] for sku in catalog.measured_skus(demo)}
    assert all(20 <= qty <= 200 for pid, qty in on_hand.items() if pid not in weighed)
    assert weighed and all(20_000 <= on_hand[pid] <= 200_000 for pid in weighed)  # grams


def test_the_demo_sells_garlic_and_shallots_by_the_kilogram(demo: Store) -> None:
    garlic = catalog.by_scale_code(demo, 7)
    assert garlic is not None and garlic.sku == "QK07" and garlic.unit == "kg"
    assert catalog.measured_skus(demo) == {"QK05", "QK06", "QK07"}
    keys = {k.product.sku: k.product.unit for k in catalog.quick_keys(demo)}
    assert keys["QK07"] == "kg" and keys["QK01"] == "piece"


@pytest.mark.parametrize(("name", "pin", "role"), [
    ("สมศรี ใจดี", "1111", Role.CASHIER), ("ประเสริฐ ผู้จัดการ", "9999", Role.MANAGER),
])  # fmt: skip
def test_demo_users_log_in(demo: Store, name: str, pin: str, role: Role) -> None:
    session = Session.open(demo)
    user = next(u for u in auth.list_users(session) if u.name == name)
    assert auth.login(session, user.id, pin).role is role


def test_journal_verifies_and_second_call_does_nothing(demo: Store) -> None:
    assert journal.verify(demo).ok
    head = journal.head(demo, "T01")
    count = catalog.product_count(demo)
    assert ensure_demo_centre(demo) is False
    assert ensure_demo_centre(demo, products=5000) is False
    assert journal.head(demo, "T01") == head and catalog.product_count(demo) == count


def test_existing_centre_is_left_alone(store: Store) -> None:
    settings_db.save(store, CentreSettings(centre_name="ศูนย์ OTOP อื่น"))
    assert ensure_demo_centre(store) is False
    assert catalog.product_count(store) == 0


def test_scaled_seed_gives_exactly_n_products(tmp_path: Path) -> None:
    store = open_store(tmp_path / "big.sqlite")
    stages: list[str] = []
    assert ensure_demo_centre(store, products=3000, progress=lambda s, d, t: stages.append(s))
    assert catalog.product_count(store) == 3000
    assert {"products", "stock"} <= set(stages)
    assert len(catalog.search(store, "ผ้าไหม")) > 0
    synthetic = catalog.by_sku(store, "SYN000001")
    assert synthetic is not None and synthetic.unit_price.satang > 0
    barcodes = [b for b, sku in catalog.existing_barcodes(store).items() if sku.startswith("SYN")]
    assert len(barcodes) == len(set(barcodes)) == 3000 - DEMO_PRODUCTS
    assert all(is_valid_ean13(b) and b.startswith("200") for b in barcodes)
    assert len(levels.on_hand_all(store)) == 3000 and journal.verify(store).ok
    store.close()


def test_synthetic_products_are_deterministic(tmp_path: Path) -> None:
    def names(path: Path) -> list[tuple[str, int]]:
        store = open_store(path)
        ensure_demo_centre(store, products=400)
        refs = [catalog.by_sku(store, f"SYN{n:06d}") for n in (1, 50, 288)]
        store.close()
        return [(r.name_th, r.unit_price.satang) for r in refs if r is not None]

    first = names(tmp_path / "a.sqlite")
    assert len(first) == 3 and first == names(tmp_path / "b.sqlite")


def test_small_n_keeps_just_the_demo_file(tmp_path: Path) -> None:
    store = open_store(tmp_path / "small.sqlite")
    ensure_demo_centre(store, products=10)
    assert catalog.product_count(store) == DEMO_PRODUCTS
    store.close()
