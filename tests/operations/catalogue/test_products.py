"""The product form: create, edit, refuse bad input, price history."""

from __future__ import annotations

import pytest

from otop_pos.db import journal
from otop_pos.db.catalogue import products as catalog
from otop_pos.domain.catalogue.barcode import make_ean13
from otop_pos.domain.catalogue.instore import instore_ean13
from otop_pos.domain.money import Money
from otop_pos.operations.catalogue.producers import save_producer
from otop_pos.operations.catalogue.products import (
    price_history,
    product_detail,
    save_product,
)
from otop_pos.operations.errors import FieldError, OperationError
from otop_pos.operations.session import Session

EAN = make_ean13("885123400001")
INSTORE = instore_ean13(7)
TEA_CODE = make_ean13("885123400002")  # given to TEA01 by the tests that need it
NEW = {
    "sku": "BASKET01",
    "name_th": "ตะกร้าสานผักตบชวา ทรงกลม",
    "name_en": "Water hyacinth basket",
    "category": "ของใช้ ของตกแต่ง ของที่ระลึก",
    "stars": "4",
    "producer_code": "p01",
    "price": "1,290.00",
    "commission_percent": "12.5",
    "min_stock": "3",
    "ownership": "ฝากขาย",
    "vat": "1",
    "barcodes": f"{EAN}, {INSTORE}",
    "quick_key": "7",
    "active": True,
}


def head(session: Session) -> int:
    return journal.head(session.store, session.terminal_id)[0]


def stored(session: Session, sku: str) -> dict[str, object]:
    return catalog.product_payloads(session.store, [sku])[sku]


def pid(session: Session, sku: str) -> int:
    return int(product_detail(session, sku)["product_id"])


def test_create_stores_the_whole_product(manager: Session) -> None:
    before = head(manager)
    assert save_product(manager, NEW) == "BASKET01"
    assert head(manager) == before + 1
    assert stored(manager, "BASKET01") == {
        "sku": "BASKET01", "name_th": "ตะกร้าสานผักตบชวา ทรงกลม",
        "name_en": "Water hyacinth basket", "category": "household", "stars": 4,
        "producer_code": "P01", "price_satang": 129000, "vat_applicable": True,
        "ownership": "consigned", "quick_key": 7, "active": True, "barcodes": [INSTORE, EAN],
        "commission_bp": 1250, "min_stock": 3,
    }  # fmt: skip
    assert catalog.by_barcode(manager.store, INSTORE).sku == "BASKET01"
    [created] = price_history(manager, pid(manager, "BASKET01"))
    assert (created.old, created.new, created.changed_by) == (None, Money(129000), "ประเสริฐ")


def test_price_history_after_two_changes_newest_first(manager: Session) -> None:
    save_product(manager, NEW)
    save_product(manager, {"sku": "BASKET01", "price": "1,350"})
    save_product(manager, {"sku": "BASKET01", "price": "1350.00"})  # same price: no row
    save_product(manager, {"sku": "BASKET01", "price": "990.50 บาท"})
    rows = price_history(manager, pid(manager, "BASKET01"))
    assert [(r.old, r.new) for r in rows] == [
        (Money(135000), Money(99050)),
        (Money(129000), Money(135000)),
        (None, Money(129000)),
    ]
    assert {r.changed_by for r in rows} == {"ประเสริฐ"}
    assert rows[0].changed_at >= rows[1].changed_at >= rows[2].changed_at
    silk = price_history(manager, pid(manager, "SILK01"))
    assert [(r.old, r.changed_by) for r in silk] == [(None, "")]  # seeded without a user


def test_edit_keeps_what_the_form_does_not_send(manager: Session) -> None:
    save_product(manager, NEW)
    save_product(manager, {"sku": "BASKET01", "name_th": "ตะกร้าสานผักตบชวา ทรงเหลี่ยม"})
    after = stored(manager, "BASKET01")
    assert after["name_th"] == "ตะกร้าสานผักตบชวา ทรงเหลี่ยม"
    assert (after["barcodes"], after["commission_bp"], after["min_stock"]) == (
        [INSTORE, EAN], 1250, 3,
    )  # fmt: skip
    before = head(manager)
    save_product(manager, product_detail(manager, "BASKET01"))  # unchanged: no entry
    assert head(manager) == before


def test_commission_override_and_the_producers_rate(manager: Session) -> None:
    save_product(manager, NEW)
    product = pid(manager, "BASKET01")
    assert catalog.sale_terms(manager.store, [product])[product] == ("P01", "consigned", 1250)
    save_product(manager, {"sku": "BASKET01", "commission_percent": ""})
    assert stored(manager, "BASKET01")["commission_bp"] is None
    assert catalog.sale_terms(manager.store, [product])[product][2] == 2000  # P01's 20 %
    save_producer(manager, {"code": "P01", "commission_percent": "22"})
    assert catalog.sale_terms(manager.store, [product])[product][2] == 2200


BAD = [
    ({"commission_percent": "101"}, "commission_percent", "ค่าคอมมิชชั่นต้องอยู่ระหว่าง 0 ถึง 100%"),
    ({"commission_percent": "-1"}, "commission_percent", "ค่าคอมมิชชั่นต้องอยู่ระหว่าง 0 ถึง 100%"),
    ({"commission_percent": "abc"}, "commission_percent", "ค่าคอมมิชชั่นต้องอยู่ระหว่าง 0 ถึง 100%"),
    ({"price": "abc"}, "price", "ราคาขาย"),
    ({"price": "-5"}, "price", "ติดลบ"),
    ({"price": "12.345"}, "price", "ราคาขาย"),
    ({"price": ""}, "price", "กรุณากรอกราคาขาย"),
    ({"name_th": ""}, "name_th", "กรุณากรอกชื่อสินค้าภาษาไทย"),
    ({"category": "ของกิน"}, "category", "หมวดสินค้า"),
    ({"stars": "6"}, "stars", "1 ถึง 5"),
    ({"producer_code": "NOPE"}, "producer_code", "ไม่พบผู้ผลิตรหัส"),
    ({"barcodes": make_ean13("885123400001")[:-1] + "0"}, "barcodes", "เลขตรวจสอบ"),
    ({"barcodes": "12345"}, "barcodes", "8, 12 หรือ 13 หลัก"),
    ({"barcodes": f"{EAN} {TEA_CODE}"}, "barcodes", f"{TEA_CODE} เป็นของสินค้า TEA01"),
    ({"quick_key": "1"}, "quick_key", "เป็นของสินค้า TEAGLASS"),
    ({"quick_key": "100"}, "quick_key", "1 ถึง 99"),
    ({"min_stock": "-1"}, "min_stock", "จำนวนขั้นต่ำ"),
    ({"min_stock": "1.5"}, "min_stock", "จำนวนเต็ม"),
    ({"ownership": "เช่า"}, "ownership", "ฝากขาย, ซื้อขาด"),
    ({"vat": "maybe"}, "vat", "ภาษีมูลค่าเพิ่ม"),
    ({"sku": "A B"}, "sku", "ไม่มีช่องว่าง"),
    ({"sku": ""}, "sku", "กรุณากรอกรหัสสินค้า"),
]


@pytest.mark.parametrize(("change", "field", "thai"), BAD)
@pytest.mark.parametrize("sku", ["SILK01", "NEW01"])  # an edit and a new product
def test_bad_input_names_the_field_and_writes_nothing(
    manager: Session, change: dict[str, str], field: str, thai: str, sku: str
) -> None:
    save_product(manager, {"sku": "TEA01", "barcodes": f"8850000000021 {TEA_CODE}"})
    skus = list(catalog.sku_ids(manager.store))
    before, products = head(manager), catalog.product_payloads(manager.store, skus)
    if sku == "SILK01" and field == "sku":
        return  # these change the SKU itself; covered by the new-product case
    with pytest.raises(FieldError) as err:
        save_product(manager, NEW | {"sku": sku} | change)
    assert (err.value.field, thai in err.value.thai) == (field, True), err.value.thai
    assert head(manager) == before
    assert catalog.product_payloads(manager.store, skus) == products
    assert catalog.sku_id(manager.store, "NEW01") is None


def test_a_barcode_the_product_already_has_is_kept_unquestioned(manager: Session) -> None:
    # SILK01 was seeded with 8850000000014, whose check digit is wrong: the
    # till scans it anyway, so an edit must not be refused for it.
    save_product(manager, {"sku": "SILK01", "barcodes": f"8850000000014 {EAN}"})
    assert stored(manager, "SILK01")["barcodes"] == ["8850000000014", EAN]
    with pytest.raises(FieldError):  # but a new product may not take that code
        save_product(manager, NEW | {"barcodes": "8850000000014"})


def test_a_quick_key_and_barcode_can_move_when_released_first(manager: Session) -> None:
    save_product(manager, {"sku": "TEAGLASS", "quick_key": ""})
    save_product(manager, {"sku": "TEA01", "barcodes": f"8850000000021 {TEA_CODE}"})
    with pytest.raises(FieldError):
        save_product(manager, NEW | {"quick_key": "1", "barcodes": TEA_CODE})
    save_product(manager, {"sku": "TEA01", "barcodes": "8850000000021"})
    save_product(manager, NEW | {"quick_key": "1", "barcodes": TEA_CODE})
    assert [k.product.sku for k in catalog.quick_keys(manager.store) if k.key == 1] == ["BASKET01"]
    assert catalog.by_barcode(manager.store, TEA_CODE).sku == "BASKET01"


def test_deactivate_and_detail_of_a_withdrawn_product(manager: Session) -> None:
    save_product(manager, {"sku": "TEA01", "active": "0"})
    assert catalog.by_sku(manager.store, "TEA01") is None
    detail = product_detail(manager, "OLD01")
    assert (detail["active"], detail["price"], detail["producer_code"]) == ("0", "10.00", "")
    with pytest.raises(OperationError) as err:
        product_detail(manager, "NOPE")
    assert "ไม่พบสินค้ารหัส NOPE" in err.value.thai


def test_cashier_may_not_edit_products_or_see_history(cashier: Session) -> None:
    before = head(cashier)
    for action in (
        lambda: save_product(cashier, NEW),
        lambda: product_detail(cashier, "SILK01"),
        lambda: price_history(cashier, 1),
    ):
        with pytest.raises(OperationError) as err:
            action()
        assert "ไม่มีสิทธิ์" in err.value.thai
    assert head(cashier) == before


def test_the_add_form_refuses_an_existing_sku(manager: Session) -> None:
    before = head(manager)
    with pytest.raises(FieldError) as err:
        save_product(manager, {"sku": "SILK01", "name_th": "ซ้ำ"}, new=True)
    assert err.value.field == "sku" and "มีสินค้ารหัส SILK01 อยู่แล้ว" in err.value.thai
    assert head(manager) == before
