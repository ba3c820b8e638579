"""A manager opens a past sale by scanning its receipt's QR (F6); a cashier is refused."""

from __future__ import annotations

from pathlib import Path

import pytest
import zxingcpp
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QLabel, QLineEdit, QListWidget, QWidget
from pytestqt.qtbot import QtBot
from till_helpers import _login, _open, _payment_dialog, _scan

from otop_pos.db.store import Store
from otop_pos.operations.selling import receipts
from otop_pos.printing.documents.receipt import build_receipt
from otop_pos.printing.engine.raster import render_pil

pytestmark = pytest.mark.gui


def _sell_one(qtbot: QtBot, window: QWidget, barcode: QLineEdit) -> None:
    _scan(qtbot, barcode, "8850000000021")
    qtbot.keyClick(barcode, Qt.Key.Key_F12)
    dialog = _payment_dialog(qtbot, window)
    qtbot.keyClick(dialog.findChild(QLineEdit, "tenderedInput"), Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.findChild(QDialog, "paymentDialog") is None)


def test_manager_scans_a_receipt_qr_to_open_the_sale(
    qtbot: QtBot, store: Store, tmp_path: Path
) -> None:
    window = _open(qtbot, store, printer_uri=f"file:{tmp_path / 'p.bin'}")
    users = window.findChild(QListWidget, "userList")
    manager = next(i for i in range(users.count()) if "ผู้จัดการ" in users.item(i).text())
    users.setCurrentRow(manager)
    barcode = _login(qtbot, window, "9999")
    _sell_one(qtbot, window, barcode)
    receipt_no = window.sale.last_receipt_no
    # What the scanner reads off the printed receipt's QR:
    image = render_pil(build_receipt(receipts.receipt_data(window.sale.session, receipt_no)))
    scanned = [r.text for r in zxingcpp.read_barcodes(image.convert("L"))]
    assert scanned == [receipt_no]

    qtbot.keyClick(barcode, Qt.Key.Key_F6)
    qtbot.waitUntil(lambda: window.findChild(QDialog, "pastSaleDialog") is not None)
    dialog = window.findChild(QDialog, "pastSaleDialog")
    box = dialog.findChild(QLineEdit, "pastSaleInput")
    qtbot.keyClicks(box, scanned[0])
    qtbot.keyClick(box, Qt.Key.Key_Return)
    assert receipt_no in dialog.findChild(QLabel, "pastSaleMessage").text()
    preview = dialog.findChild(QWidget, "receiptPreview")
    assert preview.label.pixmap() is not None and not preview.label.pixmap().isNull()


def test_a_cashier_cannot_open_past_sales(qtbot: QtBot, store: Store, tmp_path: Path) -> None:
    window = _open(qtbot, store, printer_uri=f"file:{tmp_path / 'p.bin'}")
    barcode = _login(qtbot, window)
    _sell_one(qtbot, window, barcode)
    qtbot.keyClick(barcode, Qt.Key.Key_F6)
    qtbot.waitUntil(lambda: window.findChild(QDialog, "pastSaleDialog") is not None)
    dialog = window.findChild(QDialog, "pastSaleDialog")
    box = dialog.findChild(QLineEdit, "pastSaleInput")
    qtbot.keyClicks(box, window.sale.last_receipt_no)
    qtbot.keyClick(box, Qt.Key.Key_Return)
    assert "ไม่มีสิทธิ์" in dialog.findChild(QLabel, "pastSaleMessage").text()
