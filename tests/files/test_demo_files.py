"""The demo catalogue shipped in assets/demo is clean and looks like Sisaket."""

from __future__ import annotations

import re
from collections import Counter

from otop_pos.demo.seed import demo_dir
from otop_pos.domain.catalogue.barcode import is_valid_ean8, is_valid_ean13
from otop_pos.domain.catalogue.categories import CATEGORIES
from otop_pos.files.producer_file import read_producer_file
from otop_pos.files.product_file import read_product_file

PRODUCTS = demo_dir() / "products.csv"
PRODUCERS = demo_dir() / "producers.csv"


def test_products_parse_and_every_barcode_is_valid() -> None:
    rows = read_product_file(PRODUCTS)
    assert 80 <= len(rows) <= 120
    codes = [b for r in rows for b in r.barcodes]
    assert codes and all(is_valid_ean13(b) or is_valid_ean8(b) for b in codes)
    assert len(codes) == len(set(codes))
    assert any(b.startswith("885") for b in codes)  # producer-labelled
    assert any(b[:2] in {f"{n}" for n in range(20, 30)} for b in codes)  # centre-labelled
    assert any(len(r.barcodes) > 1 for r in rows)


def test_products_cover_the_otop_catalogue() -> None:
    rows = read_product_file(PRODUCTS)
    assert set(Counter(r.category for r in rows)) == set(CATEGORIES)
    assert {r.stars for r in rows} <= {None, 3, 4, 5}
    unbarcoded = [r for r in rows if not r.barcodes]
    assert unbarcoded and all(r.quick_key is not None for r in unbarcoded)
    assert sorted(r.quick_key for r in rows if r.quick_key) == list(range(1, 11))
    assert any(r.price.satang % 100 for r in rows)  # some prices with satang
    assert {r.vat for r in rows} == {True, False}
    assert Counter(r.ownership for r in rows).most_common(1)[0][0] == "consigned"
    producers = {p.code for p in read_producer_file(PRODUCERS)}
    assert {r.producer_code for r in rows if r.producer_code} <= producers


def test_producers_are_from_sisaket_and_neighbours() -> None:
    rows = read_producer_file(PRODUCERS)
    assert 22 <= len(rows) <= 26
    provinces = Counter(r.province for r in rows)
    assert provinces.most_common(1)[0][0] == "ศรีสะเกษ"
    assert {"สุรินทร์", "อุบลราชธานี"} <= set(provinces)
    assert len({r.district for r in rows if r.province == "ศรีสะเกษ"}) >= 8
    assert Counter(r.type for r in rows).most_common(1)[0][0] == "community_enterprise"
    assert all(1500 <= (r.commission_bp or 0) <= 3000 for r in rows)
    assert all(re.fullmatch(r"0\d{2}-\d{3}-\d{4}", r.contact) for r in rows)
