"""A touch-only till: log in, open the shift, sell, pay cash and close, all by tapping.

Every digit and Enter below is a mouse click on a keypad button; no key is
typed on a keyboard, so a till with only a touch screen can do a whole day.
"""

from __future__ import annotations

import pytest
from helpers import MANAGER_PIN
from PySide6.QtCore import Qt
from PySide6.QtGui import QIntValidator
from PySide6.QtWidgets import QDialog, QHBoxLayout, QLabel, QLineEdit, QPushButton, QWidget
from pytestqt.qtbot import QtBot
from till_helpers import _open

from otop_pos.db.selling import sales as sales_db
from otop_pos.db.store import Store
from otop_pos.domain.money import Money
from otop_pos.domain.staff.permissions import Permission
from otop_pos.operations.shifts import shifts
from otop_pos.ui.main_window import MainWindow
from otop_pos.ui.staff.approval_dialog import ManagerApprovalDialog
from otop_pos.ui.widgets.keypad import KEY_SIZE, Keypad

pytestmark = pytest.mark.gui


def tap(qtbot: QtBot, where: QWidget, name: str) -> None:
    button = where.findChild(QPushButton, name)
    assert button is not None, name
    assert button.isVisible() and button.isEnabled(), name
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def tap_keys(qtbot: QtBot, where: QWidget, keypad: str, keys: list[str]) -> None:
    names = {"00": "DoubleZero", ".": "Point", "back": "Back", "clear": "Clear", "enter": "Enter"}
    for key in keys:
        tap(qtbot, where, f"{keypad}Key{names.get(key, key)}")


def dialog(qtbot: QtBot, window: MainWindow, name: str) -> QDialog:
    def shown() -> QDialog | None:
        return next((d for d in window.findChildren(QDialog, name) if d.isVisible()), None)

    qtbot.waitUntil(lambda: shown() is not None)
    found = shown()
    assert found is not None
    qtbot.waitExposed(found)
    return found


def test_a_touch_only_day_log_in_open_sell_pay_and_close(qtbot: QtBot, store: Store) -> None:
    window = _open(qtbot, store, require_shift=True)
    pin = window.findChild(QLineEdit, "pinInput")
    keypad = window.findChild(QWidget, "loginKeypad")
    assert keypad.findChild(QPushButton, "loginKeypadKey7").height() >= KEY_SIZE
    assert not keypad.findChild(QPushButton, "loginKeypadKeyPoint").isEnabled()  # a PIN: digits
    tap_keys(qtbot, window, "loginKeypad", ["1", "1", "1", "9", "back"])
    assert pin.text() == "111"
    tap_keys(qtbot, window, "loginKeypad", ["clear", "1", "1", "1", "1", "enter"])
    barcode = window.findChild(QLineEdit, "barcodeInput")
    qtbot.waitUntil(barcode.isVisible)
    assert window.session.user is not None and window.session.user.id == 2  # the cashier

    opening = dialog(qtbot, window, "openShiftDialog")  # asked at once: a float of 1,000
    tap_keys(qtbot, opening, "openShiftKeypad", ["1", "enter"])
    assert opening.findChild(QLineEdit, "count_100000").text() == "1"
    assert opening.focusWidget() is opening.findChild(QLineEdit, "count_50000")  # Enter moved on
    tap(qtbot, opening, "openShiftOk")
    qtbot.waitUntil(lambda: not opening.isVisible())
    state = shifts.current_state(window.session)
    assert state is not None and state.float_amount == Money.baht(1000)

    tap(qtbot, window, "quickKey1")  # a glass of tea, 25.00
    tap(qtbot, window, "payButton")
    paying = dialog(qtbot, window, "paymentDialog")
    tap_keys(qtbot, paying, "paymentKeypad", ["1", "00"])
    assert paying.findChild(QLineEdit, "tenderedInput").text() == "100"
    assert paying.findChild(QLabel, "changeLabel").text() == "75.00"
    tap_keys(qtbot, paying, "paymentKeypad", ["enter"])
    qtbot.waitUntil(lambda: not paying.isVisible())
    receipt_no = sales_db.last_receipt_no(store, "T01")
    assert receipt_no is not None
    sale = sales_db.get_by_receipt(store, receipt_no)
    assert sale is not None and sale["change_satang"] == 7500

    tap(qtbot, window, "menuButton")  # 1,025.00 in the drawer: 1,000 + 20 + 5
    tap(qtbot, dialog(qtbot, window, "tillMenu"), "menuCloseShift")
    closing = dialog(qtbot, window, "closeShiftDialog")
    tap_keys(qtbot, closing, "closeShiftKeypad",
             ["1", "enter", "enter", "enter", "enter", "1", "enter", "enter", "1"])  # fmt: skip
    assert closing.findChild(QLineEdit, "count_2000").text() == "1"
    assert closing.findChild(QLineEdit, "count_500").text() == "1"
    assert closing.findChild(QLabel, "closeShiftCashCounted").text() == "1,025.00"
    tap(qtbot, closing, "closeShiftOk")
    assert shifts.current_state(window.session) is None
    assert "ตรง" in closing.findChild(QLabel, "closeShiftResult").text()


def test_a_manager_approves_by_keypad(qtbot: QtBot, cashier: object) -> None:
    approval = ManagerApprovalDialog(cashier, Permission.VOID_SALE)  # type: ignore[arg-type]
    qtbot.addWidget(approval)
    approval.open()
    qtbot.waitExposed(approval)
    tap_keys(qtbot, approval, "approvalKeypad", ["1", "2", "3", "4", "enter"])  # wrong: cleared
    assert approval.approval is None and approval.findChild(QLineEdit, "approvalPin").text() == ""
    with qtbot.waitSignal(approval.approved):
        tap_keys(qtbot, approval, "approvalKeypad", [*MANAGER_PIN, "enter"])
    assert approval.approval is not None


def test_the_keypad_types_as_a_keyboard_would_within_the_box_limits(qtbot: QtBot) -> None:
    host = QWidget()
    box, other = QLineEdit(), QLineEdit()
    box.setMaxLength(4)
    box.setValidator(QIntValidator(0, 9999))
    pad = Keypad(name="pad")
    row = QHBoxLayout(host)
    for widget in (box, other, pad):
        row.addWidget(widget)
    qtbot.addWidget(host)
    host.show()
    qtbot.waitExposed(host)
    box.setFocus()
    entered: list[str] = []
    box.returnPressed.connect(lambda: entered.append(box.text()))
    tap_keys(qtbot, host, "pad", ["1", ".", "00", "9", "9"])
    assert box.text() == "1009"  # the point refused by the validator, the fifth digit by the limit
    tap_keys(qtbot, host, "pad", ["back", "enter"])
    assert entered == ["100"]
    other.setFocus()  # the keypad follows the focus within its window
    tap_keys(qtbot, host, "pad", ["5", "."])
    assert other.text() == "5." and box.text() == "100"
    assert all(not b.hasFocus() for b in pad.buttons.values())
