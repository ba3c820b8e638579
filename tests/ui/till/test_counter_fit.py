"""The till fits the counter: from 1024x768 up nothing is off-screen, cart names wrap so
variants show their ends, and money is never cut. Real widgets on a real database; sizes
and text widths measured in the bundled font."""

from __future__ import annotations

import pytest
from PySide6.QtGui import QFontMetrics
from PySide6.QtWidgets import QLabel, QLineEdit, QPushButton, QWidget
from pytestqt.qtbot import QtBot
from till_helpers import _login, _open, _scan

from otop_pos.db.projections import record
from otop_pos.db.store import Store
from otop_pos.domain.thai.thaidate import to_iso, utc_now
from otop_pos.ui.main_window import MainWindow

pytestmark = pytest.mark.gui

SCREEN_LOSS = 70
"""A title bar and a task bar: what a maximised window loses of a 768-pixel screen."""
SHIRT = "เสื้อยืดผ้าฝ้ายย้อมครามลายดอกลำดวนศรีสะเกษ ไซซ์ "
RICE = "ข้าวหอมมะลิอินทรีย์ทุ่งกุลาร้องไห้ บรรจุถุงสุญญากาศ "


def _product(sku: str, name: str, price: int, barcode: str, quick_key: int | None) -> dict:
    return {
        "sku": sku, "name_th": name, "name_en": "", "category": "food", "stars": None,
        "producer_code": "P01", "price_satang": price, "vat_applicable": 1,
        "ownership": "owned", "quick_key": quick_key, "active": 1,
        "barcodes": [barcode] if barcode else [],
    }  # fmt: skip


def _counter(store: Store) -> None:
    """Variants that differ only at the end, a 9,999,999.00 line, and twelve quick keys."""
    products = [
        _product("TS", SHIRT + "S", 25000, "8850000001011", None),
        _product("TL", SHIRT + "L", 25000, "8850000001028", None),
        _product("R100", RICE + "100 กรัม", 4500, "8850000001035", None),
        _product("R250", RICE + "250 กรัม", 9500, "8850000001042", None),
        _product("GOLD", "ผ้าไหมยกทองโบราณ", 999_999_900, "8850000001059", None),
    ]
    products += [
        _product(f"QK{k}", f"ขนมไทยโบราณชุดที่ {k} (กล่อง)", 3500, "", k) for k in range(2, 13)
    ]
    now = to_iso(utc_now())
    with store.transaction():
        record.record(store, "T01", "product_upsert", now, None, {"products": products})


def _till(qtbot: QtBot, store: Store, size: tuple[int, int]) -> tuple[MainWindow, QLineEdit]:
    window = _open(qtbot, store, printer_uri="preview:")
    _counter(store)
    barcode = _login(qtbot, window)
    window.sale.refresh_quick_keys()
    for code in ("8850000001011", "8850000001028", "8850000001035", "8850000001042"):
        _scan(qtbot, barcode, code)
    width, height = size
    window.resize(width, height - SCREEN_LOSS)
    qtbot.waitUntil(lambda: window.sale.width() > 0 and window.width() == width)
    return window, barcode


def _inside(widget: QWidget, window: QWidget) -> bool:
    top_left = widget.mapTo(window, widget.rect().topLeft())
    bottom_right = widget.mapTo(window, widget.rect().bottomRight())
    return window.rect().contains(top_left) and window.rect().contains(bottom_right)


@pytest.mark.parametrize("size", [(1024, 768), (1366, 768)])
def test_nothing_off_screen(qtbot: QtBot, store: Store, size: tuple[int, int]) -> None:
    window, _barcode = _till(qtbot, store, size)
    assert window.minimumSizeHint().height() <= size[1] - SCREEN_LOSS
    assert window.height() == size[1] - SCREEN_LOSS  # the screen did not force it taller
    shown = [w for w in window.sale.findChildren(QPushButton) if w.isVisible()]
    shown += [w for w in window.sale.findChildren(QLabel) if w.isVisible()]
    names = {w.objectName() for w in shown}
    assert {"reprintButton", "quickKey12", "payButton", "menuButton", "totalLabel"} <= names
    outside = [w.objectName() or w.text() for w in shown if not _inside(w, window)]
    assert outside == []


@pytest.mark.parametrize("size", [(1024, 768), (1366, 768)])
def test_variant_names_wrap_and_show_their_ends(
    qtbot: QtBot, store: Store, size: tuple[int, int]
) -> None:
    window, _barcode = _till(qtbot, store, size)
    table = window.sale.table
    metrics = QFontMetrics(table.font())
    for row, end in enumerate(["S", "L", "100 กรัม", "250 กรัม"]):
        index = table.model().index(row, 1)
        name = index.data()
        assert name.endswith(end)
        cell = table.visualRect(index)
        assert metrics.horizontalAdvance(name) > cell.width()  # too long for one line
        shown = table.delegate.shown(name, cell.width() - 1 - 12, table.font(), True)
        assert shown.text() == name  # whole, not elided
        assert shown.size().width() <= cell.width() - 12
        assert shown.size().height() <= cell.height()  # every line inside the row
        assert cell.height() >= 2 * metrics.lineSpacing()
    for row in range(table.model().rowCount()):  # refitted after the window's resize
        assert table.rowHeight(row) == table.row_height(row)


@pytest.mark.parametrize("size", [(1024, 768), (1366, 768)])
def test_money_is_never_cut(qtbot: QtBot, store: Store, size: tuple[int, int]) -> None:
    window, barcode = _till(qtbot, store, size)
    _scan(qtbot, barcode, "8850000001059")  # 9,999,999.00 on one line
    for box in window.findChildren(QWidget):
        if box.objectName() == "lineConfirm" and box.isVisible():
            box.close()  # the big-line question: Yes keeps the line either way
    table = window.sale.table
    row = table.model().rowCount() - 1
    assert table.model().index(row, 4).data() == "9,999,999.00"
    metrics = QFontMetrics(table.font())
    for col in (2, 3, 4):
        text = table.model().index(row, col).data()
        assert metrics.horizontalAdvance(text) + 12 <= table.columnWidth(col), col
    total = window.findChild(QLabel, "totalLabel")
    assert total.text() == "10,000,639.00"
    qtbot.waitUntil(
        lambda: total.fontMetrics().horizontalAdvance(total.text()) <= total.contentsRect().width()
    )
    assert total.fontMetrics().height() >= 28  # shrunk to fit, still big
