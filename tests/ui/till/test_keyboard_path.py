"""The cashier's keyboard path, driven through real widgets on a real database."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QLineEdit, QPushButton, QTableView
from pytestqt.qtbot import QtBot
from till_helpers import _login, _open, _payment_dialog, _scan

from otop_pos.db import journal
from otop_pos.db.selling import sales as sales_db
from otop_pos.db.store import Store

pytestmark = pytest.mark.gui


def test_pin_scan_f12_cash_enter(qtbot: QtBot, store: Store, tmp_path: Path) -> None:
    printer = tmp_path / "printer.bin"
    window = _open(qtbot, store, printer_uri=f"file:{printer}")
    barcode = _login(qtbot, window)

    _scan(qtbot, barcode, "8850000000014")
    _scan(qtbot, barcode, "2*8850000000021")
    _scan(qtbot, barcode, "8850000000038")  # the tea's second barcode: merges into its line
    table = window.findChild(QTableView, "cartTable")
    assert table.model().rowCount() == 2
    assert table.model().index(1, 2).data() == "3"
    assert window.findChild(QLabel, "totalLabel").text() == "1,756.50"

    qtbot.keyClick(barcode, Qt.Key.Key_F12)
    dialog = _payment_dialog(qtbot, window)
    tendered = dialog.findChild(QLineEdit, "tenderedInput")
    qtbot.waitUntil(tendered.hasFocus)
    qtbot.keyClicks(tendered, "2000")
    assert dialog.findChild(QLabel, "changeLabel").text() == "243.50"
    qtbot.keyClick(tendered, Qt.Key.Key_Return)

    qtbot.waitUntil(lambda: not dialog.isVisible())
    assert "243.50" in window.findChild(QLabel, "lastChangeLabel").text()
    qtbot.waitUntil(barcode.hasFocus)
    assert window.findChild(QLabel, "totalLabel").text() == "0.00"

    # The database holds exactly this sale, chained in the journal.
    assert sales_db.count(store) == 1
    receipt_no = sales_db.last_receipt_no(store, "T01")
    assert receipt_no is not None
    sale = sales_db.get_by_receipt(store, receipt_no)
    assert sale is not None
    assert [(ln["qty"], ln["amount_satang"]) for ln in sale["lines"]] == [(1, 150000), (3, 25650)]
    assert (sale["tendered_satang"], sale["change_satang"]) == (200000, 24350)
    assert journal.verify(store).ok

    # The receipt went to the printer as a raster image, then a cut and a drawer kick.
    data = printer.read_bytes()
    assert data.count(b"\x1dv0") >= 1
    assert data.index(b"\x1dv0") < data.rindex(b"\x1dV")
    assert b"\x1bp" in data
    assert not window.findChild(QLabel, "notPrintedLabel").isVisible()


def test_unknown_barcode_shows_message_and_adds_nothing(qtbot: QtBot, store: Store) -> None:
    window = _open(qtbot, store)
    barcode = _login(qtbot, window)
    _scan(qtbot, barcode, "1234567890128")
    message = window.findChild(QLabel, "messageLabel").text()
    assert "ไม่พบสินค้า" in message and "1234567890128" in message
    assert window.findChild(QTableView, "cartTable").model().rowCount() == 0
    assert barcode.hasFocus() and barcode.text() == ""


def test_printer_off_keeps_the_sale_and_offers_reprint(
    qtbot: QtBot, store: Store, tmp_path: Path
) -> None:
    window = _open(qtbot, store, printer_uri="tcp:127.0.0.1:9")  # nothing listens on port 9
    barcode = _login(qtbot, window)
    _scan(qtbot, barcode, "8850000000021")
    qtbot.keyClick(barcode, Qt.Key.Key_F12)
    dialog = _payment_dialog(qtbot, window)
    qtbot.keyClick(dialog.findChild(QLineEdit, "tenderedInput"), Qt.Key.Key_Return)  # exact
    label = window.findChild(QLabel, "notPrintedLabel")
    qtbot.waitUntil(label.isVisible)
    assert "ไม่ได้พิมพ์" in label.text()
    assert sales_db.count(store) == 1
    qtbot.waitUntil(barcode.hasFocus)

    # The printer is back: the reprint prints the original, since none was printed yet.
    printer = tmp_path / "printer.bin"
    window.session.settings = replace(window.session.settings, printer_uri=f"file:{printer}")
    qtbot.mouseClick(window.findChild(QPushButton, "reprintButton"), Qt.MouseButton.LeftButton)
    assert not label.isVisible()
    assert b"\x1dv0" in printer.read_bytes()
    assert "สำเนา" not in window.findChild(QLabel, "messageLabel").text()


def test_wrong_pin_stays_on_login(qtbot: QtBot, store: Store) -> None:
    window = _open(qtbot, store)
    pin_input = window.findChild(QLineEdit, "pinInput")
    qtbot.keyClicks(pin_input, "0000")
    qtbot.keyClick(pin_input, Qt.Key.Key_Return)
    assert "PIN" in window.findChild(QLabel, "loginMessage").text()
    assert window.stack.currentWidget() is window.login
