"""F5 discount and Shift+F5 price override through the sale screen."""

from __future__ import annotations

import pytest
from helpers import MANAGER_PIN
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QInputDialog, QLabel, QLineEdit
from pytestqt.qtbot import QtBot
from till_helpers import _login, _open, _scan

from otop_pos.db.store import Store

pytestmark = pytest.mark.gui


def _visible(qtbot: QtBot, parent: object, cls: type, name: str) -> QDialog:
    def shown() -> bool:
        return any(d.isVisible() for d in parent.findChildren(cls, name))  # type: ignore[attr-defined]

    qtbot.waitUntil(shown)
    return next(d for d in parent.findChildren(cls, name) if d.isVisible())  # type: ignore[attr-defined]


def test_small_discount_alone_big_one_with_the_managers_pin(qtbot: QtBot, store: Store) -> None:
    window = _open(qtbot, store)
    barcode = _login(qtbot, window)
    _scan(qtbot, barcode, "8850000000014")  # 1,500.00; the limit is 10 %
    total = window.findChild(QLabel, "totalLabel")

    qtbot.keyClick(barcode, Qt.Key.Key_F5)
    ask = _visible(qtbot, window, QInputDialog, "discountDialog")
    ask.setTextValue("100")
    ask.accept()
    qtbot.waitUntil(lambda: total.text() == "1,400.00")

    qtbot.keyClick(barcode, Qt.Key.Key_F5)
    ask = _visible(qtbot, window, QInputDialog, "discountDialog")
    ask.setTextValue("500")
    ask.accept()
    approval = _visible(qtbot, window, QDialog, "approvalDialog")
    pin = approval.findChild(QLineEdit, "approvalPin")
    qtbot.waitUntil(pin.hasFocus)
    qtbot.keyClicks(pin, MANAGER_PIN)
    qtbot.keyClick(pin, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: total.text() == "1,000.00")
    assert window.sale.cart.lines[0].approved_by == 1
    qtbot.waitUntil(barcode.hasFocus)  # back to the scanner after the PIN

    qtbot.keyClick(barcode, Qt.Key.Key_F5, Qt.KeyboardModifier.ShiftModifier)
    ask = _visible(qtbot, window, QInputDialog, "priceDialog")
    ask.setTextValue("abc")
    ask.accept()
    assert "จำนวนเงินไม่ถูกต้อง" in window.findChild(QLabel, "messageLabel").text()
    assert total.text() == "1,000.00"
