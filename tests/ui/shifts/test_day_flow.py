"""A whole day through the real window: open a shift, sell, refund with the
manager's PIN, close the shift with a count, close the day and print the Z."""

from __future__ import annotations

from pathlib import Path

import pytest
from helpers import MANAGER_PIN
from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QSpinBox,
    QWidget,
)
from pytestqt.qtbot import QtBot
from till_helpers import _login, _open, _payment_dialog, _scan

from otop_pos.db.store import Store
from otop_pos.domain.money import Money
from otop_pos.ui.main_window import MainWindow
from otop_pos.ui.shifts.day_close_bar import DayCloseBar

pytestmark = pytest.mark.gui


def _dialog(qtbot: QtBot, parent: QWidget, name: str) -> QDialog:
    def visible() -> bool:
        found = [d for d in parent.findChildren(QDialog, name) if d.isVisible()]
        return bool(found)

    qtbot.waitUntil(visible)
    return next(d for d in parent.findChildren(QDialog, name) if d.isVisible())


def _type(qtbot: QtBot, box: QLineEdit, text: str) -> None:
    box.setFocus()
    box.selectAll()
    if text.isascii():
        qtbot.keyClicks(box, text)
    else:
        box.insert(text)  # QTest cannot type Thai


def _sell(
    qtbot: QtBot, window: MainWindow, barcode: QLineEdit, codes: list[str], cash: str
) -> None:
    for code in codes:
        _scan(qtbot, barcode, code)
    qtbot.keyClick(barcode, Qt.Key.Key_F12)
    dialog = _payment_dialog(qtbot, window)
    tendered = dialog.findChild(QLineEdit, "tenderedInput")
    qtbot.waitUntil(tendered.hasFocus)
    qtbot.keyClicks(tendered, cash)
    qtbot.keyClick(tendered, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not dialog.isVisible())
    qtbot.waitUntil(barcode.hasFocus)


def _menu(qtbot: QtBot, window: MainWindow, button: str) -> None:
    barcode = window.findChild(QLineEdit, "barcodeInput")
    qtbot.waitUntil(barcode.hasFocus)  # every dialog hands focus back to the scanner
    qtbot.keyClick(barcode, Qt.Key.Key_F3)
    menu = _dialog(qtbot, window, "tillMenu")
    target = menu.findChild(QPushButton, button)
    assert target.isEnabled(), target.toolTip()
    qtbot.mouseClick(target, Qt.MouseButton.LeftButton)


def test_a_day_from_float_to_z(qtbot: QtBot, store: Store, tmp_path: Path) -> None:
    printer = tmp_path / "printer.bin"
    window = _open(
        qtbot, store, require_shift=True, printer_uri=f"file:{printer}", documents_dir=str(tmp_path)
    )
    pin = window.findChild(QLineEdit, "pinInput")
    qtbot.waitUntil(pin.hasFocus)
    qtbot.keyClicks(pin, "1111")
    qtbot.keyClick(pin, Qt.Key.Key_Return)

    # 1. The cashier is asked for the float first: 1,000 + 5 x 100.
    opening = _dialog(qtbot, window, "openShiftDialog")
    _type(qtbot, opening.findChild(QLineEdit, "count_100000"), "1")
    _type(qtbot, opening.findChild(QLineEdit, "count_10000"), "5")
    qtbot.mouseClick(opening.findChild(QPushButton, "openShiftOk"), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not opening.isVisible())
    barcode = window.findChild(QLineEdit, "barcodeInput")
    qtbot.waitUntil(barcode.hasFocus)

    # 2. Two cash sales: 1,500.00 and 2 x 85.50.
    _sell(qtbot, window, barcode, ["8850000000014"], "2000")
    first = window.sale.last_receipt_no
    _sell(qtbot, window, barcode, ["2*8850000000021"], "200")
    assert first is not None

    # 3. A tea comes back from the second sale: the manager types the PIN.
    second = window.sale.last_receipt_no
    _menu(qtbot, window, "menuRefund")
    refund = _dialog(qtbot, window, "refundDialog")
    receipt = refund.findChild(QLineEdit, "refundReceipt")
    _type(qtbot, receipt, second or "")
    qtbot.keyClick(receipt, Qt.Key.Key_Return)
    refund.findChild(QSpinBox, "refundQty_1").setValue(1)
    reason = refund.findChild(QLineEdit, "refundReason")
    _type(qtbot, reason, "ลูกค้าซื้อเกิน")
    qtbot.keyClick(reason, Qt.Key.Key_Return)
    approval = _dialog(qtbot, refund, "approvalDialog")
    approval_pin = approval.findChild(QLineEdit, "approvalPin")
    qtbot.waitUntil(approval_pin.hasFocus)
    with qtbot.waitSignal(refund.refunded):
        qtbot.keyClicks(approval_pin, MANAGER_PIN)
        qtbot.keyClick(approval_pin, Qt.Key.Key_Return)
    assert refund.result is not None and refund.result.total == Money(8550)
    refund.close()

    # 4. Close the shift: the drawer holds 1,500 + 1,500 + 171 - 85.50 = 3,085.50.
    _menu(qtbot, window, "menuCloseShift")
    closing = _dialog(qtbot, window, "closeShiftDialog")
    for denom, pieces in (
        (100_000, "3"),
        (5_000, "1"),
        (2_000, "1"),
        (1_000, "1"),
        (500, "1"),
        (50, "1"),
    ):
        _type(qtbot, closing.findChild(QLineEdit, f"count_{denom}"), pieces)
    qtbot.mouseClick(closing.findChild(QPushButton, "closeShiftOk"), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: closing.result is not None)
    assert closing.result.over_short == Money(0)
    closing.close()
    printed_before_z = printer.stat().st_size  # receipts and the shift slip

    # 5. The manager logs in and closes the day from the manager screen.
    qtbot.mouseClick(window.findChild(QPushButton, "logoutButton"), Qt.MouseButton.LeftButton)
    pin = window.findChild(QLineEdit, "pinInput")
    qtbot.waitUntil(pin.hasFocus)
    qtbot.keyClick(pin, Qt.Key.Key_Down)  # from the cashier to the manager
    barcode = _login(qtbot, window, MANAGER_PIN)
    _menu(qtbot, window, "menuManager")
    bar = window.findChild(DayCloseBar, "dayCloseBar")
    qtbot.waitUntil(bar.isVisible)
    qtbot.mouseClick(bar.findChild(QPushButton, "zCloseButton"), Qt.MouseButton.LeftButton)
    confirm = next(b for b in bar.findChildren(QMessageBox, "zConfirm") if b.isVisible())
    assert confirm.defaultButton().text() == "ยังไม่ปิด"  # written out in Thai, No by default
    assert confirm.button(QMessageBox.StandardButton.Yes).text() == "ปิดยอด Z"
    with qtbot.waitSignal(bar.report_done):
        confirm.button(QMessageBox.StandardButton.Yes).click()

    z = bar.last
    assert z is not None and z.kind == "Z" and z.z_no == 1
    assert (z.figures.first_receipt, z.figures.last_receipt) == (first, second)
    assert z.figures.net == Money(150_000 + 17_100 - 8_550)
    assert {t.key: t.amount for t in z.figures.tenders} == {"cash": Money(158_550)}
    assert z.figures.refunds == Money(8_550) and z.figures.refunds_count == 1
    assert len(z.shifts) == 1 and z.shifts[0].expected_cash == Money(308_550)
    assert "Z 0001" in bar.findChild(QLabel, "dayCloseMessage").text()
    assert printer.stat().st_size > printed_before_z  # the Z went to the printer
    assert list(tmp_path.glob("Z-0001*.pdf"))
    backups = Path(window.session.store.path).parent / "backups"  # taken on the window's worker
    qtbot.waitUntil(lambda: any(backups.glob("*-z.sqlite")), timeout=30_000)
    assert QApplication.activeModalWidget() is None
