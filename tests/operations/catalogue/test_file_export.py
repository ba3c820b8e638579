"""Exporting the catalogue: exactly the importer's columns, so export -> import changes nothing."""

from __future__ import annotations

import csv
import io
import tempfile
from pathlib import Path

import openpyxl
import pytest
from helpers import PRODUCERS, PRODUCTS
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from otop_pos.db import journal
from otop_pos.db.catalogue import products as catalog
from otop_pos.db.projections import record
from otop_pos.db.settings import CentreSettings
from otop_pos.db.store import Store, open_store
from otop_pos.domain.catalogue.barcode import make_ean13
from otop_pos.domain.staff.permissions import Role
from otop_pos.domain.thai.thaidate import to_iso, utc_now
from otop_pos.files.producer_file import ALL_COLUMNS as PRODUCER_COLUMNS
from otop_pos.files.product_file import ALL_COLUMNS as PRODUCT_COLUMNS
from otop_pos.files.table import clean_text
from otop_pos.operations.catalogue.file_export import export_producers, export_products
from otop_pos.operations.catalogue.file_import import import_producers, import_products
from otop_pos.operations.catalogue.producers import save_producer
from otop_pos.operations.catalogue.products import (
    price_history,
    product_detail,
    save_product,
)
from otop_pos.operations.errors import OperationError
from otop_pos.operations.session import Session, User

FORMATS = [".csv", ".xlsx"]


def fill(session: Session) -> None:
    """Thai text, payout details, overrides, several barcodes, formula-like text."""
    save_producer(session, {
        "code": "P10", "name": "กลุ่มจักสานผักตบชวาบ้านโนนสวาง (ก๋วยเตี๋ยว น้ำ ปั้น)",
        "type": "ผู้ผลิตรายเดียว", "district": "อ.พยุห์", "province": "ศรีสะเกษ",
        "contact": "+66 81 234 5678", "reg_no": "3-33-14-03/1-0007",
        "tax_id": "0994000158378", "bank_name": "ธ.ก.ส.", "bank_account": "020-1-23456-7",
        "account_name": "นางบุญมา ศรีสุข", "promptpay_id": "0994000158378",
        "commission_percent": "17.25", "vat_registered": "1",
    })  # fmt: skip
    save_producer(session, {"code": "P02", "active": "0", "contact": "=HYPERLINK(1)"})
    save_product(session, {
        "sku": "BASKET01", "name_th": "ตะกร้าสาน ที่ น้ำ ปั้น ก๋วยเตี๋ยว", "name_en": "-Basket",
        "category": "household", "stars": "4", "producer_code": "P10", "price": "1,290.50",
        "commission_percent": "12.5", "min_stock": "3", "ownership": "owned", "vat": "0",
        "barcodes": f"{make_ean13('885123400001')} {make_ean13('290000000007')} 12345670",
        "quick_key": "7",
    })  # fmt: skip
    save_product(session, {"sku": "TEA01", "commission_percent": "0", "min_stock": "12"})
    save_product(session, {"sku": "SILK01", "name_en": "@silk", "stars": ""})


def snapshot(store: Store) -> tuple[object, ...]:
    skus = list(catalog.sku_ids(store))
    history = store.scalar("SELECT count(*) FROM price_history")
    return catalog.product_payloads(store, skus), catalog.producer_payloads(store), history


def read_back(path: Path) -> list[list[str]]:
    if path.suffix == ".csv":
        return list(csv.reader(io.StringIO(path.read_bytes().decode("utf-8-sig"))))
    sheet = openpyxl.load_workbook(path).active
    return [["" if v is None else str(v) for v in row] for row in sheet.iter_rows(values_only=True)]


@pytest.mark.parametrize("suffix", FORMATS)
def test_export_then_import_changes_nothing(manager: Session, suffix: str) -> None:
    fill(manager)
    folder = Path(manager.store.path).parent
    before = snapshot(manager.store)
    assert export_producers(manager, folder / f"producers{suffix}") == 3
    assert export_products(manager, folder / f"products{suffix}") == 5
    assert read_back(folder / f"producers{suffix}")[0] == list(PRODUCER_COLUMNS)
    assert read_back(folder / f"products{suffix}")[0] == list(PRODUCT_COLUMNS)
    assert import_producers(manager, folder / f"producers{suffix}").updated == 3
    assert import_products(manager, folder / f"products{suffix}").updated == 5
    assert snapshot(manager.store) == before
    products = before[0]
    assert (
        products["BASKET01"]["commission_bp"] == 1250 and len(products["BASKET01"]["barcodes"]) == 3
    )
    assert before[1]["P02"]["contact"] == "=HYPERLINK(1)"


def test_csv_is_utf8_with_bom_and_formulas_do_not_run(manager: Session) -> None:
    fill(manager)
    path = Path(manager.store.path).parent / "producers.csv"
    export_producers(manager, path)
    data = path.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf") and "กลุ่มจักสาน".encode() in data
    rows = {r[0]: r for r in read_back(path)}
    assert not rows["P02"][5].startswith("=") and rows["P02"][5].endswith("=HYPERLINK(1)")
    assert not rows["P10"][5].startswith("+")
    assert rows["P10"][6] == "17.25" and rows["P10"][13] == "0-9940-00158-37-8"


def test_xlsx_keeps_codes_as_text_and_prices_as_numbers(manager: Session) -> None:
    fill(manager)
    path = Path(manager.store.path).parent / "products.xlsx"
    export_products(manager, path)
    sheet = openpyxl.load_workbook(path).active
    header = [c.value for c in sheet[1]]
    rows = {r[0].value: r for r in sheet.iter_rows(min_row=2)}
    basket = rows["BASKET01"]
    barcode = basket[header.index("barcode")]
    assert barcode.data_type == "s" and "2900000000070" in barcode.value
    assert float(basket[header.index("price")].value) == 1290.5
    assert float(basket[header.index("commission_percent")].value) == 12.5
    assert rows["TEA01"][header.index("commission_percent")].value == 0
    assert rows["SILK01"][header.index("commission_percent")].value is None
    assert rows["SILK01"][header.index("name_en")].data_type == "s"


def test_a_price_edited_in_excel_imports_with_history(manager: Session) -> None:
    path = Path(manager.store.path).parent / "products.xlsx"
    export_products(manager, path)
    book = openpyxl.load_workbook(path)
    sheet = book.active
    price_col = [c.value for c in sheet[1]].index("price") + 1
    for row in sheet.iter_rows(min_row=2):
        if row[0].value == "TEA01":
            sheet.cell(row[0].row, price_col, 89.75)
    book.save(path)
    assert import_products(manager, path).updated == 4
    product = int(product_detail(manager, "TEA01")["product_id"])
    newest = price_history(manager, product)[0]
    assert (newest.old.satang, newest.new.satang, newest.changed_by) == (8550, 8975, "ประเสริฐ")


def test_import_without_the_new_columns_keeps_overrides(manager: Session) -> None:
    fill(manager)
    path = Path(manager.store.path).parent / "prices.csv"
    path.write_text("sku,name_th,category,price\nBASKET01,ตะกร้าสาน,household,1300\n", "utf-8")
    import_products(manager, path)
    after = catalog.product_payloads(manager.store, ["BASKET01"])["BASKET01"]
    assert (after["commission_bp"], after["min_stock"], after["price_satang"]) == (1250, 3, 130000)
    path.write_text(
        "sku,name_th,category,price,ค่าคอมมิชชั่น (%),สต็อกขั้นต่ำ\nBASKET01,ตะกร้าสาน,household,1300,,5\n",
        "utf-8",
    )
    import_products(manager, path)
    after = catalog.product_payloads(manager.store, ["BASKET01"])["BASKET01"]
    assert (after["commission_bp"], after["min_stock"]) == (None, 5)  # blank: producer's rate


def test_refusals(manager: Session) -> None:
    folder = Path(manager.store.path).parent
    with pytest.raises(OperationError) as err:
        export_products(manager, folder / "products.pdf")
    assert ".csv หรือ .xlsx" in err.value.thai
    with pytest.raises(OperationError) as err:
        export_producers(manager, folder / "missing" / "producers.csv")
    assert "บันทึกไฟล์ producers.csv ไม่ได้" in err.value.thai
    assert not (folder / "missing").exists() and not list(folder.glob(".products*"))
    manager.user = User(2, "สมศรี", Role.CASHIER)
    for export in (export_products, export_producers):
        with pytest.raises(OperationError) as err:
            export(manager, folder / "x.csv")
        assert "ไม่มีสิทธิ์" in err.value.thai
    assert not (folder / "x.csv").exists()


TEXT = (
    st.text(
        alphabet=st.sampled_from("กขคงจญฐณดตถทนบปผพฟมยรลวสหอฮะาำิีึืุูเแโใไ่้๊๋็์ั ABCxyz019=+-@'\",;|.\t"),
        min_size=1,
        max_size=30,
    )
    .map(clean_text)
    .filter(bool)
)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    names=st.lists(TEXT, min_size=1, max_size=5),
    contact=TEXT,
    commission=st.integers(0, 10000),
    override=st.one_of(st.none(), st.integers(0, 10000)),
    suffix=st.sampled_from(FORMATS),
)
def test_generated_catalogues_round_trip(
    names: list[str], contact: str, commission: int, override: int | None, suffix: str
) -> None:
    with tempfile.TemporaryDirectory() as folder:
        store = open_store(Path(folder) / "c.sqlite")
        producers = [dict(PRODUCERS[0], contact=contact, commission_bp=commission)]
        products = [
            dict(PRODUCTS[0], sku=f"G{n}", name_th=name, name_en=name, commission_bp=override,
                 barcodes=[make_ean13(f"885000{n:06d}")])
            for n, name in enumerate(names)
        ]  # fmt: skip
        with store.transaction():
            now = to_iso(utc_now())
            record.record(store, "T01", "producer_upsert", now, None, {"producers": producers})
            record.record(store, "T01", "product_upsert", now, None, {"products": products})
        session = Session(store, CentreSettings(), User(1, "ผู้จัดการ", Role.MANAGER))
        before = snapshot(store)
        export_producers(session, Path(folder) / f"r{suffix}")
        export_products(session, Path(folder) / f"p{suffix}")
        import_producers(session, Path(folder) / f"r{suffix}")
        import_products(session, Path(folder) / f"p{suffix}")
        assert snapshot(store) == before
        assert journal.head(store, "T01")[0] == 4
        store.close()
