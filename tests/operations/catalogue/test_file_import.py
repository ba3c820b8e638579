"""Importing the catalogue from CSV/Excel into a real SQLite file: all or nothing."""

from __future__ import annotations

import csv
import io
import tempfile
from pathlib import Path

import openpyxl
import pytest
from helpers import CASHIER_PIN, MANAGER_PIN, PRODUCERS
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from otop_pos.db import journal
from otop_pos.db.catalogue import products as catalog
from otop_pos.db.projections import record as projections
from otop_pos.db.settings import CentreSettings
from otop_pos.db.store import Store, open_store
from otop_pos.domain.catalogue.barcode import make_ean13
from otop_pos.domain.staff.permissions import Role
from otop_pos.domain.thai.thaidate import to_iso, utc_now
from otop_pos.files.table import clean_text
from otop_pos.operations import auth
from otop_pos.operations.catalogue.file_import import (
    ImportRejected,
    import_producers,
    import_products,
)
from otop_pos.operations.errors import OperationError
from otop_pos.operations.session import Session, User

HEADER = [
    "sku", "barcode", "name_th", "name_en", "category", "stars", "producer_code",
    "price", "vat", "ownership", "quick_key",
]  # fmt: skip


def row(sku: str, barcode: str = "", price: str = "100", qk: str = "", producer: str = "P01"):
    return [sku, barcode, f"สินค้า {sku}", f"Product {sku}", "household", "4", producer,
            price, "yes", "consigned", qk]  # fmt: skip


def write_csv(path: Path, rows: list[list[str]], header: list[str] = HEADER) -> Path:
    with path.open("w", encoding="utf-8-sig", newline="") as f:
        csv.writer(f).writerows([header, *rows])
    return path


def seq(store: Store) -> int:
    return journal.head(store, "T01")[0]


def test_cashier_is_refused_and_manager_imports(tmp_path: Path) -> None:
    store = open_store(tmp_path / "c.sqlite")
    session = Session.open(store)
    boss = auth.create_user(session, "ประเสริฐ", Role.MANAGER, MANAGER_PIN, allow_trivial=True)
    auth.login(session, boss, MANAGER_PIN)
    clerk = auth.create_user(session, "สมศรี", Role.CASHIER, CASHIER_PIN, allow_trivial=True)
    path = write_csv(tmp_path / "p.csv", [row("A1", producer="")])
    auth.login(session, clerk, CASHIER_PIN)
    with pytest.raises(OperationError) as err:
        import_products(session, path)
    assert "ไม่มีสิทธิ์" in err.value.thai and catalog.product_count(store) == 0
    auth.logout(session)
    with pytest.raises(OperationError):
        import_products(session, path)
    auth.login(session, boss, MANAGER_PIN)
    assert import_products(session, path).created == 1
    store.close()


def test_a_large_import_reports_its_progress_entry_by_entry(manager: Session) -> None:
    folder = Path(manager.store.path).parent
    rows = [row(f"B{n:04d}") for n in range(2_500)]
    told: list[tuple[int, int]] = []
    report = import_products(
        manager, write_csv(folder / "big.csv", rows), lambda d, t: told.append((d, t))
    )
    assert report.created == 2_500
    assert told == [(1_000, 2_500), (2_000, 2_500), (2_500, 2_500)]


def test_csv_import_creates_then_updates(manager: Session) -> None:
    store, folder = manager.store, Path(manager.store.path).parent
    before = catalog.product_count(store)
    rows = [row("N1", make_ean13("885123400001")), row("N2", qk="5"), row("N3", price="35.50")]
    report = import_products(manager, write_csv(folder / "p.csv", rows))
    assert (report.created, report.updated) == (3, 0)
    assert catalog.product_count(store) == before + 3
    assert catalog.by_barcode(store, make_ean13("885123400001")).sku == "N1"
    assert catalog.by_sku(store, "N3").unit_price.satang == 3550
    assert [k.product.sku for k in catalog.quick_keys(store) if k.key == 5] == ["N2"]
    rows[2][7] = "40"
    report = import_products(manager, write_csv(folder / "p.csv", rows))
    assert (report.created, report.updated) == (0, 3)
    assert catalog.by_sku(store, "N3").unit_price.satang == 4000
    assert journal.verify(store).ok


def test_xlsx_import(manager: Session) -> None:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(HEADER)
    sheet.append(["X1", int(make_ean13("885123400002")), "ผ้าไหม", "Silk", "ผ้าและเครื่องแต่งกาย",
                  5, "P01", 1290.5, "yes", "consigned", None])  # fmt: skip
    path = Path(manager.store.path).parent / "p.xlsx"
    book.save(path)
    assert import_products(manager, path).created == 1
    product = catalog.by_barcode(manager.store, make_ean13("885123400002"))
    assert product is not None and product.unit_price.satang == 129050
    assert catalog.search(manager.store, "ผ้าไหม")


def test_three_bad_rows_import_nothing(manager: Session) -> None:
    store = manager.store
    rows = [row(f"B{n}") for n in range(1, 11)]
    rows[1][7] = "abc"  # line 3: price
    rows[4][4] = "toys"  # line 6: category
    rows[7][1] = "8850000000015"  # line 9: check digit
    before, head = catalog.product_count(store), seq(store)
    with pytest.raises(ImportRejected) as err:
        import_products(manager, write_csv(Path(store.path).parent / "p.csv", rows))
    assert err.value.lines == [3, 6, 9]
    assert "แถว 3" in err.value.thai and "Line 9" in err.value.english
    assert (catalog.product_count(store), seq(store)) == (before, head)


def test_conflicts_with_the_database_are_reported_by_line(manager: Session) -> None:
    store, folder = manager.store, Path(manager.store.path).parent
    owned = make_ean13("885123400009")
    import_products(manager, write_csv(folder / "first.csv", [row("OWNER", owned)]))
    rows = [
        row("OK1"),
        row("C1", owned),  # line 3: OWNER's barcode
        row("C2", producer="NOPE"),  # line 4: unknown producer
        row("C3", qk="1"),  # line 5: TEAGLASS holds quick key 1
        row("C4", make_ean13("885123400010")),
    ]
    before, head = catalog.product_count(store), seq(store)
    with pytest.raises(ImportRejected) as err:
        import_products(manager, write_csv(folder / "p.csv", rows))
    assert [(e.line, e.column) for e in err.value.errors] == [
        (3, "barcode"), (4, "producer_code"), (5, "quick_key"),
    ]  # fmt: skip
    assert "OWNER" in err.value.errors[0].message_th
    assert "TEAGLASS" in err.value.errors[2].message_th
    assert (catalog.product_count(store), seq(store)) == (before, head)
    rows[1] = row("OWNER", owned)  # a product keeping its own barcode is fine
    del rows[2:4]
    assert import_products(manager, write_csv(folder / "p.csv", rows)).created == 2


def test_quick_keys_can_swap_within_one_file(manager: Session) -> None:
    path = Path(manager.store.path).parent / "p.csv"
    import_products(manager, write_csv(path, [row("K1", qk="2"), row("K2", qk="3")]))
    import_products(manager, write_csv(path, [row("K1", qk="3"), row("K2", qk="2")]))
    keys = {k.key: k.product.sku for k in catalog.quick_keys(manager.store)}
    assert (keys[2], keys[3]) == ("K2", "K1")


def test_absent_columns_keep_stored_values(manager: Session) -> None:
    path = write_csv(
        Path(manager.store.path).parent / "prices.csv",
        [["SILK01", "ผ้าไหมมัดหมี่ลายลูกแก้ว", "textile", "1,650"]],
        header=["sku", "name_th", "category", "price"],
    )
    assert import_products(manager, path).updated == 1
    stored = catalog.product_payloads(manager.store, ["SILK01"])["SILK01"]
    assert stored["price_satang"] == 165000 and stored["barcodes"] == ["8850000000014"]
    assert (stored["stars"], stored["producer_code"]) == (5, "P01")


def test_big_file_is_chunked_but_atomic(manager: Session, monkeypatch) -> None:
    store = manager.store
    rows = [row(f"M{n:05d}", make_ean13(f"2{n:011d}")) for n in range(2500)]
    path = write_csv(Path(store.path).parent / "big.csv", rows)
    before, head = catalog.product_count(store), seq(store)
    real, calls = projections.record, []

    def failing(*args, **kwargs):  # the third chunk hits a (simulated) disk error
        calls.append(1)
        if len(calls) == 3:
            raise OSError("disk full")
        return real(*args, **kwargs)

    monkeypatch.setattr(projections, "record", failing)
    with pytest.raises(OSError):
        import_products(manager, path)
    assert (catalog.product_count(store), seq(store)) == (before, head)
    monkeypatch.setattr(projections, "record", real)
    assert import_products(manager, path).created == 2500
    assert seq(store) == head + 3 and catalog.product_count(store) == before + 2500


def test_import_producers(manager: Session) -> None:
    path = Path(manager.store.path).parent / "producers.csv"
    path.write_text(
        "code,name,type,district,province,contact,commission_percent\n"
        "P01,กลุ่มทอผ้าไหมบ้านหนองบัว,community_enterprise,กันทรลักษ์,ศรีสะเกษ,,22.5\n"
        "P09,กลุ่มจักสานบ้านโนนสวาง,กลุ่ม,อำเภอพยุห์,ศรีสะเกษ,083-456-7129,20\n",
        encoding="utf-8",
    )
    report = import_producers(manager, path)
    assert (report.created, report.updated) == (1, 1)
    stored = catalog.producer_payloads(manager.store)
    assert stored["P01"]["commission_bp"] == 2250 and stored["P09"]["district"] == "พยุห์"
    products = write_csv(path.with_name("p.csv"), [row("W1", producer="P09")])
    assert import_products(manager, products).created == 1


def test_producer_import_needs_permission(cashier: Session, tmp_path: Path) -> None:
    path = tmp_path / "producers.csv"
    path.write_text("code,name\nP77,กลุ่ม\n", encoding="utf-8")
    with pytest.raises(OperationError):
        import_producers(cashier, path)


NAMES = st.text(min_size=1, max_size=40).map(clean_text).filter(bool)
SKUS = st.from_regex(r"[A-Za-z0-9][A-Za-z0-9._/-]{0,15}", fullmatch=True)
GENERATED = st.lists(
    st.tuples(
        SKUS,
        NAMES,
        st.one_of(st.just(""), NAMES),
        st.integers(0, 10**9),
        st.lists(st.integers(0, 10**12 - 1), max_size=3, unique=True),
        st.sampled_from(["food", "drink", "textile", "household", "herbal"]),
        st.one_of(st.none(), st.integers(1, 5)),
        st.booleans(),
    ),
    min_size=1,
    max_size=12,
    unique_by=(lambda t: t[0], lambda t: frozenset(t[4])),
)


def _price_text(satang: int, grouped: bool) -> str:
    return f"{satang // 100:,}.{satang % 100:02d}" if grouped else f"{satang / 100:.2f}"


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(products=GENERATED, as_xlsx=st.booleans())
def test_valid_rows_round_trip(products: list[tuple], as_xlsx: bool) -> None:
    codes = [[make_ean13(f"{n:012d}") for n in p[4]] for p in products]
    flat = [c for cs in codes for c in cs]
    if len(flat) != len(set(flat)):
        return  # the same barcode on two products is a refusal, tested elsewhere
    table = [
        [sku, "|".join(cs), th, en, cat, "" if stars is None else str(stars), "P01",
         _price_text(satang, n % 2 == 0), "yes" if vat else "no", "consigned", ""]
        for n, ((sku, th, en, satang, _, cat, stars, vat), cs) in enumerate(
            zip(products, codes, strict=True))
    ]  # fmt: skip
    with tempfile.TemporaryDirectory() as folder:
        store = open_store(Path(folder) / "c.sqlite")
        with store.transaction():
            projections.record(store, "T01", "producer_upsert", to_iso(utc_now()), None,
                               {"producers": PRODUCERS})  # fmt: skip
        session = Session(store, CentreSettings(), User(1, "ผู้จัดการ", Role.MANAGER))
        if as_xlsx:
            book = openpyxl.Workbook()
            for r, line in enumerate([HEADER, *table], start=1):
                for c, value in enumerate(line, start=1):
                    cell = book.active.cell(r, c, value)
                    cell.data_type = "s"  # a name like "=0" is text, not a formula
            path = Path(folder) / "p.xlsx"
            book.save(path)
        else:
            path = write_csv(Path(folder) / "p.csv", table)
        assert import_products(session, path).created == len(products)
        stored = catalog.product_payloads(store, [p[0] for p in products])
        for (sku, th, en, satang, _, cat, stars, vat), cs in zip(products, codes, strict=True):
            got = stored[sku]
            assert (got["name_th"], got["name_en"], got["price_satang"]) == (th, en, satang)
            assert sorted(got["barcodes"]) == sorted(cs)
            assert (got["category"], got["stars"], got["vat_applicable"]) == (cat, stars, vat)
        store.close()


def test_rejection_lists_lines_in_a_readable_message(manager: Session) -> None:
    rows = [row("R1", price="-1"), row("R2", price="")]
    with pytest.raises(ImportRejected) as err:
        import_products(manager, write_csv(Path(manager.store.path).parent / "p.csv", rows))
    lines = err.value.thai.splitlines()
    assert "ไม่ได้นำเข้า" in lines[0] and lines[1].startswith("- แถว 2:")
    assert lines[2] == "- แถว 3: ไม่ได้กรอกราคา"
    assert io.StringIO(err.value.english).readline().startswith("The file has 2 error(s)")
