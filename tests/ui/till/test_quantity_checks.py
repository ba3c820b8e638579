"""F4 takes exactly the quantity typed; a big or out-of-stock line is asked about once."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QInputDialog, QLabel, QMessageBox
from pytestqt.qtbot import QtBot
from test_line_edits import _visible
from till_helpers import _login, _open, _scan

from otop_pos.db.store import Store

pytestmark = pytest.mark.gui

SILK, TEA = "8850000000014", "8850000000021"  # 1,500.00 and 85.50; 50 of each on hand


def _message(window: object) -> str:
    return window.findChild(QLabel, "messageLabel").text()  # type: ignore[attr-defined]


def test_the_quantity_box_takes_what_was_typed_or_says_why_not(qtbot: QtBot, store: Store) -> None:
    window = _open(qtbot, store)
    barcode = _login(qtbot, window)
    _scan(qtbot, barcode, TEA)
    lines = window.sale.cart.lines
    qtbot.keyClick(barcode, Qt.Key.Key_F4)
    ask = _visible(qtbot, window, QInputDialog, "qtyDialog")
    assert ask.textValue() == "1"
    ask.setTextValue("99999999")  # a spin box used to make this 9999 without a word
    ask.accept()
    qtbot.waitUntil(lambda: "ไม่เกิน 9,999 ชิ้น" in _message(window))
    again = _visible(qtbot, window, QInputDialog, "qtyDialog")
    assert again.textValue() == "99999999" and window.sale.cart.lines[0].qty == 1
    again.setTextValue("1.5")
    again.accept()
    qtbot.waitUntil(lambda: "สินค้านี้ขายเป็นชิ้น ใส่จำนวนเต็ม" in _message(window))
    third = _visible(qtbot, window, QInputDialog, "qtyDialog")
    third.setTextValue("๓")  # Thai digits, as some keyboards type them
    third.accept()
    qtbot.waitUntil(lambda: window.sale.cart.lines[0].qty == 3)
    assert len(lines) == 1


def test_a_big_line_is_asked_about_and_no_takes_it_back(qtbot: QtBot, store: Store) -> None:
    window = _open(qtbot, store)
    barcode = _login(qtbot, window)
    _scan(qtbot, barcode, "7*" + SILK)  # 10,500.00, over the centre's 10,000.00
    box = _visible(qtbot, window, QMessageBox, "confirmLine")
    assert "10,500.00 บาท เกิน 10,000.00 บาท" in box.text()
    assert box.defaultButton() is box.button(QMessageBox.StandardButton.No)
    box.button(QMessageBox.StandardButton.No).click()
    qtbot.waitUntil(lambda: not window.sale.cart.lines)
    assert "เอาจำนวนที่เพิ่งใส่ออกแล้ว" in _message(window)

    _scan(qtbot, barcode, "6*" + SILK)  # 9,000.00: nothing to ask
    _scan(qtbot, barcode, SILK)  # now 10,500.00 on the line: asked; Yes keeps it
    box = _visible(qtbot, window, QMessageBox, "confirmLine")
    box.button(QMessageBox.StandardButton.Yes).click()
    qtbot.waitUntil(lambda: not box.isVisible())
    assert [ln.qty for ln in window.sale.cart.lines] == [7]


def test_more_than_on_hand_is_asked_about_and_no_keeps_what_was_there(
    qtbot: QtBot, store: Store
) -> None:
    window = _open(qtbot, store)
    barcode = _login(qtbot, window)
    _scan(qtbot, barcode, "48*" + TEA)
    _scan(qtbot, barcode, "3*" + TEA)  # 51 of 50 on hand
    box = _visible(qtbot, window, QMessageBox, "confirmLine")
    assert "51 ชิ้น แต่ในสต็อกมี 50 ชิ้น" in box.text()
    box.button(QMessageBox.StandardButton.No).click()
    qtbot.waitUntil(lambda: [ln.qty for ln in window.sale.cart.lines] == [48])
