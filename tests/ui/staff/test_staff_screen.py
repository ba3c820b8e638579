"""The staff screen and the own-PIN dialog through the real window, as a manager and a cashier use them."""

from __future__ import annotations

import pytest
from helpers import CASHIER_PIN, MANAGER_PIN
from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QWidget,
)
from pytestqt.qtbot import QtBot
from till_helpers import _login, _open

from otop_pos.db.store import Store
from otop_pos.operations import auth
from otop_pos.operations.errors import OperationError
from otop_pos.ui.main_window import MainWindow
from otop_pos.ui.staff.staff_screen import StaffScreen

pytestmark = pytest.mark.gui


def _dialog(qtbot: QtBot, parent: QWidget, name: str) -> QDialog:
    qtbot.waitUntil(lambda: any(d.isVisible() for d in parent.findChildren(QDialog, name)))
    return next(d for d in parent.findChildren(QDialog, name) if d.isVisible())


def _click(qtbot: QtBot, parent: QWidget, name: str) -> None:
    button = parent.findChild(QPushButton, name)
    assert button is not None and button.isEnabled(), name
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def _type(qtbot: QtBot, dialog: QWidget, name: str, text: str) -> None:
    box = dialog.findChild(QLineEdit, name)
    box.setFocus()
    box.selectAll()
    if text.isascii():
        qtbot.keyClicks(box, text)
    else:
        box.insert(text)  # QTest cannot type Thai


def _login_as(qtbot: QtBot, window: MainWindow, user_id: int, pin: str) -> QLineEdit:
    if window.stack.currentWidget() is not window.login:
        qtbot.mouseClick(window.findChild(QPushButton, "logoutButton"), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.stack.currentWidget() is window.login)
    window.login.users.setCurrentRow(window.login.user_ids.index(user_id))
    return _login(qtbot, window, pin)


def _staff_screen(qtbot: QtBot, window: MainWindow) -> StaffScreen:
    barcode = _login_as(qtbot, window, 1, MANAGER_PIN)
    qtbot.keyClick(barcode, Qt.Key.Key_F3)
    _click(qtbot, _dialog(qtbot, window, "tillMenu"), "menuManager")
    qtbot.waitUntil(lambda: window.findChild(QPushButton, "openStaff") is not None)
    _click(qtbot, window, "openStaff")
    screen = window.findChild(StaffScreen, "staffScreen")
    qtbot.waitUntil(lambda: screen is not None and screen.isVisible())
    return screen


def _rows(screen: StaffScreen) -> list[list[str]]:
    m = screen.model
    return [[m.item(r, c).text() for c in range(m.columnCount())] for r in range(m.rowCount())]


def test_a_manager_adds_a_cashier_who_logs_in_with_the_new_pin(qtbot: QtBot, store: Store) -> None:
    window = _open(qtbot, store)
    screen = _staff_screen(qtbot, window)
    assert [r[0] for r in _rows(screen)] == ["ประเสริฐ", "สมศรี"]
    _click(qtbot, screen, "staffAdd")
    form = _dialog(qtbot, screen, "addUser")
    _type(qtbot, form, "addUserName", "มานี มีนา")
    assert form.findChild(QComboBox, "addUserRole").currentText() == "พนักงานขาย"
    _type(qtbot, form, "addUserPin", "1234")
    _type(qtbot, form, "addUserPinAgain", "1243")
    _click(qtbot, form, "addUserOk")
    assert "ไม่ตรงกัน" in form.findChild(QLabel, "addUserMessage").text()
    _type(qtbot, form, "addUserPin", "1234")
    _type(qtbot, form, "addUserPinAgain", "1234")
    _click(qtbot, form, "addUserOk")
    message = form.findChild(QLabel, "addUserMessage").text()
    assert "เลขเรียง" in message and form.isVisible()  # refused, at the PIN box
    assert form.findChild(QLineEdit, "addUserPin").styleSheet()  # marked red
    assert form.findChild(QLineEdit, "addUserName").text() == "มานี มีนา"  # kept
    _type(qtbot, form, "addUserPin", "5082")
    _type(qtbot, form, "addUserPinAgain", "5082")
    _click(qtbot, form, "addUserOk")
    qtbot.waitUntil(lambda: not form.isVisible())
    assert screen.findChild(QLabel, "staffMessage").text() == "เพิ่ม มานี มีนา แล้ว"
    assert _rows(screen)[-1] == ["มานี มีนา", "พนักงานขาย", "ใช้งานอยู่", "-"]

    _click(qtbot, screen, "staffBack")
    _login_as(qtbot, window, 3, "5082")
    assert window.session.user is not None and window.session.user.name == "มานี มีนา"


def test_a_deactivated_cashier_cannot_log_in(qtbot: QtBot, store: Store) -> None:
    window = _open(qtbot, store)
    screen = _staff_screen(qtbot, window)
    screen.select(2)
    _click(qtbot, screen, "staffActive")
    confirm = next(b for b in screen.findChildren(QMessageBox, "staffConfirm") if b.isVisible())
    assert confirm.defaultButton().text() == "ไม่"
    confirm.button(QMessageBox.StandardButton.Yes).click()
    qtbot.waitUntil(lambda: _rows(screen)[1][2] == "ปิดการใช้งาน")
    assert screen.findChild(QPushButton, "staffActive").text() == "เปิดใช้งานอีกครั้ง"
    # the last manager cannot be deactivated: the refusal is said on the screen
    screen.select(1)
    _click(qtbot, screen, "staffActive")
    confirm = next(b for b in screen.findChildren(QMessageBox, "staffConfirm") if b.isVisible())
    confirm.button(QMessageBox.StandardButton.Yes).click()
    assert "อย่างน้อยหนึ่งคน" in screen.findChild(QLabel, "staffMessage").text()

    _click(qtbot, screen, "staffBack")
    qtbot.mouseClick(window.findChild(QPushButton, "managerBack"), Qt.MouseButton.LeftButton)
    qtbot.mouseClick(window.findChild(QPushButton, "logoutButton"), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.stack.currentWidget() is window.login)
    assert window.login.user_ids == [1]  # not offered at the login screen
    with pytest.raises(OperationError, match="ปิดการใช้งาน"):
        auth.login(window.session, 2, CASHIER_PIN)


def test_a_cashier_changes_their_own_pin(qtbot: QtBot, store: Store) -> None:
    window = _open(qtbot, store)
    barcode = _login_as(qtbot, window, 2, CASHIER_PIN)
    qtbot.keyClick(barcode, Qt.Key.Key_F3)
    menu = _dialog(qtbot, window, "tillMenu")
    qtbot.keyClick(menu, Qt.Key.Key_8)
    form = _dialog(qtbot, window, "ownPin")
    _type(qtbot, form, "ownPinOld", "0000")
    _type(qtbot, form, "ownPinNew", "5082")
    _type(qtbot, form, "ownPinAgain", "5082")
    _click(qtbot, form, "ownPinOk")
    assert "PIN เดิมไม่ถูกต้อง" in form.findChild(QLabel, "ownPinMessage").text()
    _type(qtbot, form, "ownPinOld", CASHIER_PIN)
    _type(qtbot, form, "ownPinNew", "5082")
    _type(qtbot, form, "ownPinAgain", "5082")
    _click(qtbot, form, "ownPinOk")
    assert "เปลี่ยนรหัส PIN แล้ว" in form.findChild(QLabel, "ownPinMessage").text()
    _click(qtbot, form, "ownPinOk")  # now it closes
    qtbot.waitUntil(lambda: not form.isVisible())
    _login_as(qtbot, window, 2, "5082")
    assert window.session.user is not None and window.session.user.id == 2
