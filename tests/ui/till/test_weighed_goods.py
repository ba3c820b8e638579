"""Selling 0.450 kg of garlic at 130.00/kg at the till: typed, on the keypad, from a scale label."""

from __future__ import annotations

from pathlib import Path

import pytest
from helpers import make_centre
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QLabel, QLineEdit, QPushButton, QTableView
from pytestqt.qtbot import QtBot
from till_helpers import _login, _payment_dialog, _scan
from weighed_helpers import WEIGHT_LABEL, add_garlic

from otop_pos.db.selling import sales as sales_db
from otop_pos.db.stock import levels
from otop_pos.db.store import Store
from otop_pos.operations.selling import receipts
from otop_pos.operations.stock import on_hand
from otop_pos.printing.documents.receipt import build_receipt
from otop_pos.ui.app import build_window
from otop_pos.ui.main_window import MainWindow

pytestmark = pytest.mark.gui


def _till(qtbot: QtBot, store: Store, tmp_path: Path) -> tuple[MainWindow, int]:
    session = make_centre(store, printer_uri=f"file:{tmp_path / 'printer.bin'}")
    garlic = add_garlic(session)  # 40 kg on the shelf
    window = build_window(session)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    window.activateWindow()
    return window, garlic


def _weight_dialog(qtbot: QtBot, window: MainWindow) -> QDialog:
    def visible() -> bool:
        dialog = window.findChild(QDialog, "weightDialog")
        return dialog is not None and dialog.isVisible()

    qtbot.waitUntil(visible)
    return window.findChild(QDialog, "weightDialog")


def _rows(window: MainWindow) -> list[tuple[str, str, str]]:
    model = window.findChild(QTableView, "cartTable").model()
    return [tuple(model.index(r, c).data() for c in (2, 3, 4)) for r in range(model.rowCount())]


def test_garlic_by_typed_weight_and_by_scale_label(
    qtbot: QtBot, store: Store, tmp_path: Path
) -> None:
    window, garlic = _till(qtbot, store, tmp_path)
    barcode = _login(qtbot, window)

    # Scanned without a weight: the till asks for it; 0.45 typed is 0.450 kg, not 45 kg.
    _scan(qtbot, barcode, "QK07")
    dialog = _weight_dialog(qtbot, window)
    weight = dialog.findChild(QLineEdit, "weightInput")
    qtbot.waitUntil(weight.hasFocus)
    qtbot.keyClicks(weight, "0.45")
    amount = dialog.findChild(QLabel, "weightAmount").text()
    assert "0.450 กก." in amount and "58.50" in amount
    qtbot.keyClick(weight, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not dialog.isVisible())
    assert _rows(window) == [("0.450 กก.", "130.00/กก.", "58.50")]

    # A scale label: flag 20, item code 7, 00450 grams.
    qtbot.waitUntil(barcode.hasFocus)
    _scan(qtbot, barcode, WEIGHT_LABEL)
    assert _rows(window)[1] == ("0.450 กก.", "130.00/กก.", "58.50")
    assert window.findChild(QLabel, "totalLabel").text() == "117.00"
    assert "2 รายการ 2 ชิ้น" in window.sale.items_label.text()

    qtbot.keyClick(barcode, Qt.Key.Key_F12)
    pay = _payment_dialog(qtbot, window)
    qtbot.keyClick(pay.findChild(QLineEdit, "tenderedInput"), Qt.Key.Key_Return)  # exact cash
    qtbot.waitUntil(lambda: not pay.isVisible())

    receipt_no = sales_db.last_receipt_no(store, "T01")
    assert receipt_no is not None
    sale = sales_db.get_by_receipt(store, receipt_no)
    assert sale is not None
    assert [(ln["qty"], ln["unit"], ln["amount_satang"]) for ln in sale["lines"]] == [
        (450, "kg", 5850),
        (450, "kg", 5850),
    ]
    text = build_receipt(receipts.receipt_data(window.session, receipt_no)).plain_text()
    assert text.count("0.450 กก. x 130.00/กก.") == 2 and "117.00" in text
    assert (tmp_path / "printer.bin").read_bytes().count(b"\x1dv0") >= 1  # and it printed

    # Stock is kept in grams and shown in kilograms.
    assert levels.on_hand(store, garlic) == 40_000 - 900
    row = next(r for r in on_hand.stock_on_hand(window.session) if r.sku == "QK07")
    assert row.on_hand_text == "39.100 กก."


def test_the_keypad_in_grams_and_a_refused_weight(
    qtbot: QtBot, store: Store, tmp_path: Path
) -> None:
    window, _garlic = _till(qtbot, store, tmp_path)
    barcode = _login(qtbot, window)
    qtbot.mouseClick(window.findChild(QPushButton, "quickKey7"), Qt.MouseButton.LeftButton)
    dialog = _weight_dialog(qtbot, window)
    weight = dialog.findChild(QLineEdit, "weightInput")

    # 0.4505 kg is finer than a gram: refused beside the box, nothing added.
    for key in ("0", "Dot", "4", "5", "0", "5"):
        qtbot.mouseClick(
            dialog.findChild(QPushButton, f"weightKey{key}"), Qt.MouseButton.LeftButton
        )
    assert weight.text() == "0.4505"
    qtbot.mouseClick(dialog.findChild(QPushButton, "weightOk"), Qt.MouseButton.LeftButton)
    assert dialog.isVisible() and "ละเอียดเกินไป" in dialog.findChild(QLabel, "weightMessage").text()
    assert _rows(window) == []

    # In grams: 450.
    qtbot.mouseClick(dialog.findChild(QPushButton, "weightKeyClear"), Qt.MouseButton.LeftButton)
    qtbot.mouseClick(dialog.findChild(QPushButton, "weightUnitSmall"), Qt.MouseButton.LeftButton)
    for key in ("4", "5", "0"):
        qtbot.mouseClick(
            dialog.findChild(QPushButton, f"weightKey{key}"), Qt.MouseButton.LeftButton
        )
    assert "58.50" in dialog.findChild(QLabel, "weightAmount").text()
    qtbot.mouseClick(dialog.findChild(QPushButton, "weightOk"), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not dialog.isVisible())
    assert _rows(window) == [("0.450 กก.", "130.00/กก.", "58.50")]
    qtbot.waitUntil(barcode.hasFocus)

    # F4 weighs the line again; 0.45* before a scan needs no prompt.
    qtbot.keyClick(barcode, Qt.Key.Key_F4)
    again = _weight_dialog(qtbot, window)
    box = again.findChild(QLineEdit, "weightInput")
    assert box.text() == "0.450"
    box.setText("1.2")
    qtbot.keyClick(box, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not again.isVisible())
    assert _rows(window) == [("1.200 กก.", "130.00/กก.", "156.00")]
    qtbot.waitUntil(barcode.hasFocus)
    _scan(qtbot, barcode, "0.45*QK07")
    assert _rows(window)[1] == ("0.450 กก.", "130.00/กก.", "58.50")

    # A piece product refuses a decimal quantity, and says so.
    _scan(qtbot, barcode, "0.45*8850000000021")
    assert "ขายเป็นชิ้น" in window.findChild(QLabel, "messageLabel").text()
    assert len(_rows(window)) == 2
