"""The product catalogue tab and its edit form, driven like a manager on a real database."""

from __future__ import annotations

from pathlib import Path

import pytest
from helpers import MANAGER_PIN, make_centre
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QLabel, QLineEdit, QPushButton, QWidget
from pytestqt.qtbot import QtBot

from otop_pos.db.store import Store
from otop_pos.domain.thai.thaidate import BE_OFFSET, bangkok_date, utc_now
from otop_pos.operations import auth
from otop_pos.operations.catalogue import products
from otop_pos.operations.session import Session
from otop_pos.ui.back_office.product_form import ProductForm
from otop_pos.ui.back_office.products_tab import ProductsTab

pytestmark = pytest.mark.gui


@pytest.fixture
def session(store: Store) -> Session:
    s = make_centre(store)
    auth.login(s, 1, MANAGER_PIN)
    return s


@pytest.fixture
def tab(qtbot: QtBot, session: Session) -> ProductsTab:
    widget = ProductsTab(session)
    widget.resize(1280, 700)
    qtbot.addWidget(widget)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def journal_rows(store: Store) -> int:
    return int(store.scalar("SELECT count(*) FROM journal"))


def child(parent: QWidget, cls: type, name: str):  # type: ignore[no-untyped-def]
    found = parent.findChild(cls, name)
    assert found is not None, name
    return found


def box(form: QWidget, key: str) -> QLineEdit:
    return child(form, QLineEdit, f"product_{key}")  # type: ignore[no-any-return]


def save(qtbot: QtBot, form: QWidget) -> None:
    qtbot.mouseClick(child(form, QPushButton, "productFormOk"), Qt.MouseButton.LeftButton)


def history(form: ProductForm) -> list[list[str]]:
    model = form.history_model
    return [[model.item(r, c).text() for c in range(4)] for r in range(model.rowCount())]


def row_of(tab: ProductsTab, sku: str) -> list[str]:
    return next(r for r in tab.table_rows() if r[0] == sku)


def test_the_table_shows_the_catalogue_in_thai(tab: ProductsTab) -> None:
    assert [r[0] for r in tab.table_rows()] == ["OLD01", "SILK01", "TEA01", "TEAGLASS"]
    assert row_of(tab, "SILK01") == [
        "SILK01", "ผ้าไหมมัดหมี่ลายลูกแก้ว", "ผ้าและเครื่องแต่งกาย", "P01 กลุ่มทอผ้าไหมบ้านหนองบัว",
        "1,500.00", "ตามผู้ผลิต", "0", "ฝากขาย", "ใช้งาน",
    ]  # fmt: skip
    assert row_of(tab, "TEAGLASS")[7] == "ซื้อขาด"
    assert row_of(tab, "OLD01")[-1] == "ปิดใช้งาน"
    tab.search.setText("8850000000038")  # TEA01's second barcode, as a scanner types it
    assert [r[0] for r in tab.table_rows()] == ["TEA01"]
    tab.search.setText("mulberry")
    assert [r[0] for r in tab.table_rows()] == ["TEA01", "TEAGLASS"]
    assert child(tab, QLabel, "productCount").text() == "สินค้า 2 จาก 4 รายการ"


def test_two_price_changes_show_in_the_history_at_once(qtbot: QtBot, tab: ProductsTab) -> None:
    tab.select_sku("TEA01")
    qtbot.mouseClick(child(tab, QPushButton, "productEdit"), Qt.MouseButton.LeftButton)
    form = tab.form
    assert isinstance(form, ProductForm)
    qtbot.waitExposed(form)
    assert box(form, "price").text() == "85.50"
    assert box(form, "sku").isReadOnly()
    first = history(form)
    box(form, "price").setText("89")
    save(qtbot, form)
    assert form.isVisible()  # stays open to show the history
    assert box(form, "price").text() == "89.00"
    box(form, "price").setText("1,290.00 บาท")
    qtbot.keyClick(box(form, "price"), Qt.Key.Key_Return)
    rows = history(form)
    assert len(rows) == len(first) + 2
    year = str(bangkok_date(utc_now()).year + BE_OFFSET)
    assert rows[0][1:] == ["89.00", "1,290.00", "ประเสริฐ"] and year in rows[0][0]
    assert rows[1][1:] == ["85.50", "89.00", "ประเสริฐ"] and year in rows[1][0]
    assert "TEA01" in child(form, QLabel, "productFormMessage").text()
    assert row_of(tab, "TEA01")[4] == "1,290.00"  # the tab behind is re-read too
    assert products.product_detail(tab.session, "TEA01")["price"] == "1,290.00"


def test_a_bad_price_is_refused_at_its_box(qtbot: QtBot, tab: ProductsTab, store: Store) -> None:
    tab.select_sku("SILK01")
    form = tab.edit_selected()
    assert form is not None
    before, shown = journal_rows(store), history(form)
    box(form, "price").setText("abc")
    save(qtbot, form)
    error = child(form, QLabel, "product_price_error")
    assert error.isVisible() and "ราคาขาย" in error.text()
    assert box(form, "price").text() == "abc" and form.focusWidget() is box(form, "price")
    assert journal_rows(store) == before and history(form) == shown
    assert products.product_detail(tab.session, "SILK01")["price"] == "1,500.00"


def test_add_a_product_with_and_without_a_commission_override(
    qtbot: QtBot, tab: ProductsTab
) -> None:
    form = tab.add_product()
    qtbot.waitExposed(form)
    box(form, "sku").setText("SOAP01")
    box(form, "name_th").setText("สบู่สมุนไพรขมิ้นชัน")
    box(form, "price").setText("65")
    box(form, "barcodes").setText("8859999000018")
    box(form, "min_stock").setText("12")
    category = child(form, QComboBox, "product_category")
    category.setCurrentIndex(category.findData("herbal"))
    producer = child(form, QComboBox, "product_producer_code")
    producer.setCurrentIndex(producer.findData("P02"))
    assert "15%" in box(form, "commission_percent").placeholderText()
    save(qtbot, form)
    assert not form.is_new and box(form, "sku").isReadOnly()
    assert history(form)[0][1:3] == ["(ราคาแรก)", "65.00"]
    assert row_of(tab, "SOAP01") == [
        "SOAP01", "สบู่สมุนไพรขมิ้นชัน", "สมุนไพรที่ไม่ใช่อาหาร", "P02 วิสาหกิจชุมชนชาใบหม่อน",
        "65.00", "ตามผู้ผลิต", "12", "ฝากขาย", "ใช้งาน",
    ]  # fmt: skip
    box(form, "commission_percent").setText("10")
    save(qtbot, form)
    assert row_of(tab, "SOAP01")[5] == "10"
    assert products.product_detail(tab.session, "SOAP01")["commission_percent"] == "10"


def test_a_taken_sku_is_refused(qtbot: QtBot, tab: ProductsTab, store: Store) -> None:
    before = journal_rows(store)
    form = tab.add_product()
    box(form, "sku").setText("SILK01")
    box(form, "name_th").setText("ทับของเดิม")
    box(form, "price").setText("1")
    save(qtbot, form)
    assert "SILK01" in child(form, QLabel, "product_sku_error").text()
    assert journal_rows(store) == before


@pytest.mark.parametrize("suffix", [".csv", ".xlsx"])
def test_export_then_import_leaves_the_table_unchanged(
    tab: ProductsTab, tmp_path: Path, suffix: str
) -> None:
    before = tab.table_rows()
    path = tmp_path / f"products{suffix}"
    assert tab.export_to(path) == 4
    report = tab.import_from(path)
    assert report is not None and report.updated == 4 and report.created == 0
    assert tab.table_rows() == before
    assert "นำเข้า" in child(tab, QLabel, "productMessage").text()


def test_the_import_button_works_beside_the_window(
    tab: ProductsTab, tmp_path: Path, store: Store, qtbot
) -> None:
    """On its own thread and connection: the tab's buttons wait, then the table is re-read."""
    before, rows = journal_rows(store), tab.table_rows()
    path = tmp_path / "products.xlsx"
    buttons = tab.findChildren(QPushButton)
    enabled = [b.isEnabled() for b in buttons]
    with qtbot.waitSignal(tab.start_export(path).finished, timeout=20_000):
        assert not any(b.isEnabled() for b in buttons)
    assert path.exists() and "ส่งออก 4 รายการ" in child(tab, QLabel, "productMessage").text()
    worker = tab.start_import(path)
    assert any(enabled) and not any(b.isEnabled() for b in buttons)
    with qtbot.waitSignal(worker.finished, timeout=20_000):
        pass
    assert [b.isEnabled() for b in buttons] == enabled
    assert "ปรับปรุง 4" in child(tab, QLabel, "productMessage").text()
    assert journal_rows(store) == before + 1 and tab.table_rows() == rows


def test_a_file_with_bad_rows_names_them_and_imports_nothing(
    tab: ProductsTab, tmp_path: Path, store: Store
) -> None:
    path = tmp_path / "bad.csv"
    path.write_text(
        "sku,name_th,category,price\n"
        "NEW01,สินค้าใหม่,food,10.00\n"
        "NEW02,ราคาผิด,food,abc\n"
        "NEW03,หมวดผิด,cars,5\n",
        encoding="utf-8",
    )
    before, rows = journal_rows(store), tab.table_rows()
    assert tab.import_from(path) is None
    text = child(tab, QLabel, "productMessage").text()
    assert "แถวที่มีปัญหา: 3, 4" in text and "แถว 3" in text
    assert journal_rows(store) == before and tab.table_rows() == rows


def test_price_labels_for_the_selected_products(tab: ProductsTab, tmp_path: Path) -> None:
    assert tab.price_labels_to(tmp_path / "none.pdf") is None  # nothing selected yet
    tab.select_sku("SILK01")
    tab.select_sku("TEAGLASS", add=True)  # no barcode: it gets an in-store one
    assert tab.selected_skus() == ["SILK01", "TEAGLASS"]
    saved = tab.price_labels_to(tmp_path / "labels.pdf")
    assert saved is not None and saved.read_bytes().startswith(b"%PDF")
    assert products.product_detail(tab.session, "TEAGLASS")["barcodes"].startswith("29")


def test_shelf_labels_for_the_selected_products(tab: ProductsTab, tmp_path: Path) -> None:
    import pypdfium2

    assert child(tab, QPushButton, "productShelfLabels").isEnabled()
    tab.select_sku("SILK01")
    saved = tab.shelf_labels_to(tmp_path / "shelf.pdf")
    assert saved is not None and saved.read_bytes().startswith(b"%PDF")
    text = pypdfium2.PdfDocument(saved)[0].get_textpage().get_text_range()
    assert "1,500" in text


def test_a_weighed_product_with_its_unit_and_scale_code(qtbot: QtBot, tab: ProductsTab) -> None:
    form = tab.add_product()
    qtbot.waitExposed(form)
    box(form, "sku").setText("GARLIC")
    box(form, "name_th").setText("กระเทียมศรีสะเกษ ชั่งขาย")
    box(form, "price").setText("130")
    box(form, "min_stock").setText("2.5")
    box(form, "scale_code").setText("7")
    unit = child(form, QComboBox, "product_unit")
    assert unit.currentData() == "piece"
    unit.setCurrentIndex(unit.findData("kg"))
    assert "กก." in unit.currentText()
    save(qtbot, form)
    assert not form.is_new
    row = row_of(tab, "GARLIC")
    assert (row[4], row[6]) == ("130.00/กก.", "2.500 กก.")
    detail = products.product_detail(tab.session, "GARLIC")
    assert (detail["unit"], detail["scale_code"]) == ("kg", "7")


def test_a_scale_code_on_a_piece_product_is_refused_at_its_box(
    qtbot: QtBot, tab: ProductsTab, store: Store
) -> None:
    before = journal_rows(store)
    form = tab.add_product()
    box(form, "sku").setText("BAG01")
    box(form, "name_th").setText("ถุงผ้า")
    box(form, "price").setText("20")
    box(form, "scale_code").setText("9")
    save(qtbot, form)
    assert "ขายตามน้ำหนัก" in child(form, QLabel, "product_scale_code_error").text()
    assert journal_rows(store) == before
