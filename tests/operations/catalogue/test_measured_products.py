"""A product's unit and scale code through the form, the files and the journal."""

from __future__ import annotations

from pathlib import Path

import pytest

from otop_pos.db import journal
from otop_pos.db.catalogue import products as catalog
from otop_pos.db.projections import record
from otop_pos.domain.catalogue.units import Unit
from otop_pos.operations.catalogue.file_export import export_products
from otop_pos.operations.catalogue.file_import import ImportRejected, import_products
from otop_pos.operations.catalogue.products import product_detail, save_product
from otop_pos.operations.errors import FieldError
from otop_pos.operations.session import Session

GARLIC = {
    "sku": "GARLIC",
    "name_th": "กระเทียมศรีสะเกษ ชั่งขาย",
    "category": "food",
    "producer_code": "P01",
    "price": "130.00",
    "vat": "0",
    "unit": "กก.",
    "scale_code": "7",
    "min_stock": "2.5",
}


def test_a_weighed_product_is_saved_with_its_unit_and_scale_code(manager: Session) -> None:
    save_product(manager, GARLIC, new=True)
    stored = catalog.product_payloads(manager.store, ["GARLIC"])["GARLIC"]
    assert (stored["unit"], stored["scale_code"], stored["min_stock"]) == ("kg", 7, 2500)
    detail = product_detail(manager, "GARLIC")
    assert (detail["unit"], detail["scale_code"], detail["min_stock"]) == ("kg", "7", "2.500")
    found = catalog.by_scale_code(manager.store, 7)
    assert found is not None and found.sku == "GARLIC" and found.unit is Unit.KG
    entry = journal.entries(manager.store, "T01")[-1]
    assert entry.payload["products"][0]["unit"] == "kg"
    before = journal.head(manager.store, "T01")
    save_product(manager, detail)  # the form read back and saved: nothing changes
    assert journal.head(manager.store, "T01") == before


def test_a_piece_product_keeps_the_payload_it_always_had(manager: Session) -> None:
    bag = {**GARLIC, "sku": "BAG", "unit": "ชิ้น", "scale_code": "", "min_stock": "3"}
    save_product(manager, bag, new=True)
    stored = catalog.product_payloads(manager.store, ["BAG"])["BAG"]
    assert "unit" not in stored and "scale_code" not in stored
    assert journal.entries(manager.store, "T01")[-1].payload["products"][0].keys() == stored.keys()


@pytest.mark.parametrize(
    ("change", "field", "says"),
    [
        ({"unit": "ชิ้น", "min_stock": ""}, "scale_code", "ขายตามน้ำหนัก"),
        ({"unit": "stone"}, "unit", "หน่วยขาย"),
        ({"min_stock": "2.5005"}, "min_stock", "ละเอียดเกินไป"),
    ],
)
def test_bad_unit_boxes_are_named(manager: Session, change: dict, field: str, says: str) -> None:
    with pytest.raises(FieldError, match=says) as caught:
        save_product(manager, {**GARLIC, **change}, new=True)
    assert caught.value.field == field


def test_one_scale_code_names_one_product(manager: Session) -> None:
    save_product(manager, GARLIC, new=True)
    with pytest.raises(FieldError, match="GARLIC") as caught:
        save_product(manager, {**GARLIC, "sku": "SHALLOT"}, new=True)
    assert caught.value.field == "scale_code"


def _move_stock(session: Session, sku: str, qty: int) -> None:
    pid = catalog.sku_id(session.store, sku)
    with session.store.transaction():
        record.record(
            session.store, "T01", "stock_adjust", "2026-01-05T03:00:00+00:00", None,
            {"reason": "opening", "items": [{"product_id": pid, "sku": sku, "qty": qty}]},
        )  # fmt: skip


def test_the_unit_is_fixed_once_stock_has_moved(manager: Session) -> None:
    save_product(manager, {**GARLIC, "unit": "ชิ้น", "scale_code": "", "min_stock": ""}, new=True)
    save_product(manager, {"sku": "GARLIC", "unit": "kg", "scale_code": "7"})  # nothing moved yet
    _move_stock(manager, "GARLIC", 40_000)  # 40 kg
    with pytest.raises(FieldError, match="เปลี่ยนหน่วย") as caught:
        save_product(manager, {"sku": "GARLIC", "unit": "g"})
    assert caught.value.field == "unit"
    save_product(manager, {"sku": "GARLIC", "price": "125.00"})  # the rest may change
    assert catalog.by_scale_code(manager.store, 7).unit_price.format() == "125.00"  # type: ignore[union-attr]


def test_export_then_import_keeps_units_and_scale_codes(manager: Session, tmp_path: Path) -> None:
    save_product(manager, GARLIC, new=True)
    before = catalog.product_payloads(manager.store, list(catalog.sku_ids(manager.store)))
    for name in ("products.csv", "products.xlsx"):
        export_products(manager, tmp_path / name)
        import_products(manager, tmp_path / name)
        after = catalog.product_payloads(manager.store, list(catalog.sku_ids(manager.store)))
        assert after == before
    text = (tmp_path / "products.csv").read_text(encoding="utf-8-sig")
    assert "unit,scale_code" in text.splitlines()[0] and ",2.500,kg,7" in text


def test_a_file_without_unit_columns_keeps_the_stored_unit(
    manager: Session, tmp_path: Path
) -> None:
    save_product(manager, GARLIC, new=True)
    path = tmp_path / "prices.csv"
    path.write_text("sku,name_th,category,price,min_stock\nGARLIC,กระเทียม,food,140,5\n", "utf-8")
    import_products(manager, path)
    stored = catalog.product_payloads(manager.store, ["GARLIC"])["GARLIC"]
    assert (stored["unit"], stored["scale_code"], stored["price_satang"]) == ("kg", 7, 14000)
    assert stored["min_stock"] == 5000  # 5 kg


def test_a_file_may_not_change_the_unit_of_goods_that_moved(
    manager: Session, tmp_path: Path
) -> None:
    path = tmp_path / "units.csv"
    header = "sku,name_th,category,price,unit,scale_code\n"
    path.write_text(header + "SILK01,ผ้าไหม,textile,1500,m,\nNEWKG,ถั่ว,food,90,kg,7\n", "utf-8")
    with pytest.raises(ImportRejected) as caught:
        import_products(manager, path)  # SILK01 has opening stock in pieces
    assert caught.value.lines == [2]
    assert "เปลี่ยนหน่วยของสินค้า SILK01" in caught.value.errors[0].message_th
    assert catalog.by_scale_code(manager.store, 7) is None  # all or nothing
    path.write_text(header + "NEWKG,ถั่ว,food,90,kg,7\nNEWKG2,งา,food,90,kg,7\n", "utf-8")
    with pytest.raises(ImportRejected) as caught:
        import_products(manager, path)
    assert caught.value.lines == [3]  # one scale code, two products


def test_labels_say_what_the_price_is_for(manager: Session, tmp_path: Path) -> None:
    import pypdfium2

    from otop_pos.operations.catalogue.barcode_labels import labels_for
    from otop_pos.operations.catalogue.shelf_labels import shelf_labels_pdf

    save_product(manager, GARLIC, new=True)
    pid = catalog.sku_id(manager.store, "GARLIC")
    assert pid is not None
    [label] = labels_for(manager, [(pid, 1)])
    assert label.price_text == "฿130.00/กก."
    assert shelf_labels_pdf(manager, ["GARLIC"], tmp_path / "shelf.pdf") == 1
    text = pypdfium2.PdfDocument(tmp_path / "shelf.pdf")[0].get_textpage().get_text_range()
    assert "130/กก." in text
