"""A message goes when it no longer applies, and the hold key counts the held bills."""

from __future__ import annotations

import pytest
from helpers import MANAGER_PIN
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QLabel, QLineEdit, QListWidget, QPushButton
from pytestqt.qtbot import QtBot
from till_helpers import _login, _open, _payment_dialog, _scan

from otop_pos.db.store import Store
from otop_pos.ui.main_window import MainWindow

pytestmark = pytest.mark.gui


def _message(window: MainWindow) -> QLabel:
    return window.findChild(QLabel, "messageLabel")


def _visible_dialog(qtbot: QtBot, window: MainWindow, name: str) -> QDialog:
    def found() -> list[QDialog]:
        return [d for d in window.findChildren(QDialog, name) if d.isVisible()]

    qtbot.waitUntil(lambda: bool(found()))
    return found()[0]


def test_cashiers_refusal_not_shown_to_the_next_person(qtbot: QtBot, store: Store) -> None:
    window = _open(qtbot, store)
    barcode = _login(qtbot, window)
    qtbot.keyClick(barcode, Qt.Key.Key_F8)  # nothing to hold: refused
    assert "ไม่มีรายการให้พักไว้" in _message(window).text()
    qtbot.mouseClick(window.findChild(QPushButton, "logoutButton"), Qt.MouseButton.LeftButton)
    pin = window.findChild(QLineEdit, "pinInput")
    qtbot.waitUntil(pin.hasFocus)
    qtbot.keyClick(pin, Qt.Key.Key_Down)  # from the cashier to the manager
    _login(qtbot, window, MANAGER_PIN)
    assert _message(window).text().strip() == ""


def test_no_shift_refusal_goes_when_the_shift_opens(qtbot: QtBot, store: Store) -> None:
    window = _open(qtbot, store, require_shift=True)
    pin = window.findChild(QLineEdit, "pinInput")
    qtbot.waitUntil(pin.hasFocus)
    qtbot.keyClicks(pin, "1111")
    qtbot.keyClick(pin, Qt.Key.Key_Return)
    _visible_dialog(qtbot, window, "openShiftDialog").reject()  # not now
    barcode = window.findChild(QLineEdit, "barcodeInput")
    qtbot.waitUntil(barcode.hasFocus)
    _scan(qtbot, barcode, "8850000000021")
    qtbot.keyClick(barcode, Qt.Key.Key_F12)
    payment = _payment_dialog(qtbot, window)
    tendered = payment.findChild(QLineEdit, "tenderedInput")
    qtbot.waitUntil(tendered.hasFocus)
    qtbot.keyClicks(tendered, "100")
    qtbot.keyClick(tendered, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: "ยังไม่ได้เปิดกะ" in _message(window).text())

    window.sale.open_menu()  # F3, open the shift
    menu = _visible_dialog(qtbot, window, "tillMenu")
    menu.findChild(QPushButton, "menuOpenShift").click()
    opening = _visible_dialog(qtbot, window, "openShiftDialog")
    box = opening.findChild(QLineEdit, "count_100000")
    box.setText("1")
    opening.confirm()
    qtbot.waitUntil(lambda: not opening.isVisible())
    assert _message(window).text().strip() == ""


def test_last_change_goes_at_the_next_item(qtbot: QtBot, store: Store) -> None:
    window = _open(qtbot, store)
    barcode = _login(qtbot, window)
    change = window.findChild(QLabel, "lastChangeLabel")
    for next_item in ("quick key", "scan"):
        _scan(qtbot, barcode, "8850000000021")
        qtbot.keyClick(barcode, Qt.Key.Key_F12)
        payment = _payment_dialog(qtbot, window)
        tendered = payment.findChild(QLineEdit, "tenderedInput")
        qtbot.waitUntil(tendered.hasFocus)
        qtbot.keyClicks(tendered, "100")
        qtbot.keyClick(tendered, Qt.Key.Key_Return)
        qtbot.waitUntil(lambda: "14.50" in change.text())
        qtbot.waitUntil(barcode.hasFocus)
        if next_item == "quick key":
            qtbot.mouseClick(window.findChild(QPushButton, "quickKey1"), Qt.MouseButton.LeftButton)
        else:
            _scan(qtbot, barcode, "8850000000014")
        assert change.text().strip() == "", next_item
        window.sale.cart.clear()
        window.sale._update_totals()


def test_hold_key_counts_the_held_bills(qtbot: QtBot, store: Store) -> None:
    window = _open(qtbot, store)
    barcode = _login(qtbot, window)
    hold = window.findChild(QPushButton, "holdButton")
    assert hold.text() == "พักบิล (F8)"
    for n, code in enumerate(("8850000000014", "8850000000021"), start=1):
        _scan(qtbot, barcode, code)
        qtbot.keyClick(barcode, Qt.Key.Key_F8)
        assert hold.text() == f"พักบิล (F8) · {n}"
        assert f"พักอยู่ {n} บิล" in _message(window).text()
    qtbot.keyClick(barcode, Qt.Key.Key_F9)
    held = _visible_dialog(qtbot, window, "heldSalesDialog")
    qtbot.keyClick(held.findChild(QListWidget, "heldList"), Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: hold.text() == "พักบิล (F8) · 1")
