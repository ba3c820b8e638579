"""PromptPay + cash, and co-payment, through the real payment dialog on a real database."""

from __future__ import annotations

from pathlib import Path

import pytest
import zxingcpp
from PIL import Image
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QLineEdit, QListWidget, QPushButton, QWidget
from pytestqt.qtbot import QtBot
from till_helpers import _login, _open, _payment_dialog, _scan

from otop_pos.db import journal
from otop_pos.db.selling import sales as sales_db
from otop_pos.db.store import Store
from otop_pos.domain.thai.promptpay import parse_emv, verify_crc

pytestmark = pytest.mark.gui


def _grab_qr(widget: QWidget, path: Path) -> str:
    widget.grab().save(str(path))
    found = zxingcpp.read_barcodes(Image.open(path))
    assert found, "no QR code found in the dialog"
    return str(found[0].text)


def test_promptpay_then_cash(qtbot: QtBot, store: Store, tmp_path: Path) -> None:
    printer = tmp_path / "printer.bin"
    window = _open(qtbot, store, printer_uri=f"file:{printer}", promptpay_id="0801234567")
    barcode = _login(qtbot, window)
    _scan(qtbot, barcode, "8850000000014")  # 1,500.00
    _scan(qtbot, barcode, "8850000000021")  # 85.50
    qtbot.keyClick(barcode, Qt.Key.Key_F12)
    dialog = _payment_dialog(qtbot, window)

    qtbot.keyClick(dialog.focusWidget(), Qt.Key.Key_F6)  # PromptPay
    amount = dialog.findChild(QLineEdit, "promptpayAmount")
    qtbot.waitUntil(amount.hasFocus)
    qtbot.keyClicks(amount, "1000")
    payload = _grab_qr(dialog.findChild(QWidget, "promptpayQR"), tmp_path / "qr.png")
    assert verify_crc(payload) and parse_emv(payload)["54"] == "1000.00"
    qtbot.mouseClick(dialog.findChild(QPushButton, "promptpayPrint"), Qt.MouseButton.LeftButton)
    assert printer.read_bytes().startswith(b"\x1b@") and b"\x1dv0" in printer.read_bytes()
    ref = dialog.findChild(QLineEdit, "promptpayRef")
    qtbot.keyClicks(ref, "BBL778899")
    qtbot.keyClick(ref, Qt.Key.Key_Return)  # Enter, pressed all day, never confirms the money
    assert dialog.findChild(QListWidget, "paidList").count() == 0
    assert "F11" in dialog.findChild(QLabel, "promptpayHint").text()
    qtbot.mouseClick(dialog.findChild(QPushButton, "confirmPayment"), Qt.MouseButton.LeftButton)
    assert dialog.findChild(QListWidget, "paidList").count() == 0  # nor does the generic OK
    qtbot.keyClick(ref, Qt.Key.Key_F11)  # the cashier saw the money arrive

    tendered = dialog.findChild(QLineEdit, "tenderedInput")
    qtbot.waitUntil(tendered.hasFocus)
    assert dialog.findChild(QListWidget, "paidList").count() == 1
    assert "585.50" in dialog.findChild(QLabel, "dueLabel").text()
    qtbot.keyClicks(tendered, "600")
    assert dialog.findChild(QLabel, "changeLabel").text() == "14.50"
    qtbot.keyClick(tendered, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not dialog.isVisible())

    receipt_no = sales_db.last_receipt_no(store, "T01")
    assert receipt_no is not None
    sale = sales_db.get_by_receipt(store, receipt_no)
    assert sale is not None
    assert [(p["tender"], p["amount_satang"], p["reference"]) for p in sale["payments"]] == [
        ("promptpay", 100000, "BBL778899"),
        ("cash", 58550, ""),
    ]
    assert sale["change_satang"] == 1450 and journal.verify(store).ok
    assert "14.50" in window.findChild(QLabel, "lastChangeLabel").text()


def test_copay_covers_the_whole_bill(qtbot: QtBot, store: Store, tmp_path: Path) -> None:
    window = _open(qtbot, store, printer_uri=f"file:{tmp_path / 'p.bin'}")
    barcode = _login(qtbot, window)
    _scan(qtbot, barcode, "4*8850000000021")  # 342.00
    qtbot.keyClick(barcode, Qt.Key.Key_F12)
    dialog = _payment_dialog(qtbot, window)
    qtbot.keyClick(dialog.focusWidget(), Qt.Key.Key_F9)  # co-payment
    amount = dialog.findChild(QLineEdit, "copayAmount")
    qtbot.waitUntil(amount.hasFocus)
    # Empty amount = the whole bill; the split is suggested (50 %, capped at 200).
    assert dialog.findChild(QLineEdit, "copayCustomer").text() == "171.00"
    assert dialog.findChild(QLineEdit, "copayGov").text() == "171.00"
    ref = dialog.findChild(QLineEdit, "copayRef")
    qtbot.keyClicks(ref, "PT-0001")
    qtbot.keyClick(ref, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not dialog.isVisible())

    receipt_no = sales_db.last_receipt_no(store, "T01")
    assert receipt_no is not None
    sale = sales_db.get_by_receipt(store, receipt_no)
    assert sale is not None
    (pay,) = sale["payments"]
    assert (pay["tender"], pay["customer_share_satang"], pay["government_share_satang"]) == (
        "copay",
        17100,
        17100,
    )
    assert pay["reference"] == "PT-0001" and sale["change_satang"] == 0


def test_a_share_larger_than_the_bill_is_refused_at_the_field(
    qtbot: QtBot, store: Store, tmp_path: Path
) -> None:
    window = _open(qtbot, store, printer_uri=f"file:{tmp_path / 'p.bin'}")
    barcode = _login(qtbot, window)
    _scan(qtbot, barcode, "8850000000021")  # 85.50
    qtbot.keyClick(barcode, Qt.Key.Key_F12)
    dialog = _payment_dialog(qtbot, window)
    qtbot.keyClick(dialog.focusWidget(), Qt.Key.Key_F9)
    gov = dialog.findChild(QLineEdit, "copayGov")
    qtbot.waitUntil(dialog.findChild(QLineEdit, "copayAmount").hasFocus)
    gov.setText("500")
    qtbot.keyClick(gov, Qt.Key.Key_Return)
    error = dialog.findChild(QLabel, "paymentError").text()
    assert "ส่วนที่ลูกค้าจ่ายรวมกับส่วนที่รัฐจ่าย" in error or "ยอดชำระเกิน" in error
    assert dialog.isVisible() and sales_db.count(store) == 0

    qtbot.keyClick(dialog.focusWidget(), Qt.Key.Key_F7)  # card with a bad last-4
    last4 = dialog.findChild(QLineEdit, "cardLast4")
    qtbot.waitUntil(dialog.findChild(QLineEdit, "cardAmount").hasFocus)
    qtbot.keyClicks(last4, "12")
    qtbot.keyClick(last4, Qt.Key.Key_Return)
    assert "4 หลัก" in dialog.findChild(QLabel, "paymentError").text()
    assert last4.hasFocus() and sales_db.count(store) == 0
