"""Driving the till as a cashier does: log in, scan, open the payment dialog."""

from __future__ import annotations

from helpers import make_centre
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QLineEdit
from pytestqt.qtbot import QtBot

from otop_pos.db.store import Store
from otop_pos.ui.app import build_window
from otop_pos.ui.main_window import MainWindow


def _open(qtbot: QtBot, store: Store, **settings: object) -> MainWindow:
    session = make_centre(store, **settings)
    window = build_window(session)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    window.activateWindow()
    return window


def _login(qtbot: QtBot, window: MainWindow, pin: str = "1111") -> QLineEdit:
    pin_input = window.findChild(QLineEdit, "pinInput")
    qtbot.waitUntil(pin_input.hasFocus)
    qtbot.keyClicks(pin_input, pin)
    qtbot.keyClick(pin_input, Qt.Key.Key_Return)
    barcode = window.findChild(QLineEdit, "barcodeInput")
    qtbot.waitUntil(barcode.hasFocus)
    return barcode


def _scan(qtbot: QtBot, barcode: QLineEdit, code: str) -> None:
    qtbot.keyClicks(barcode, code)
    qtbot.keyClick(barcode, Qt.Key.Key_Return)


def _payment_dialog(qtbot: QtBot, window: MainWindow) -> QDialog:
    def visible() -> bool:
        dialog = window.findChild(QDialog, "paymentDialog")
        return dialog is not None and dialog.isVisible()

    qtbot.waitUntil(visible)
    return window.findChild(QDialog, "paymentDialog")
