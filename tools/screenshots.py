"""Screenshots for docs/: the real app in a real X window (run under Xvfb).

    xvfb-run -s "-screen 0 1280x800x24" .venv/bin/python tools/screenshots.py var/demo.sqlite

Logs in the demo cashier, scans Thai items through the barcode field, pays by
cash with the keyboard, and captures the whole X screen with ImageMagick's
`import` at each step (not a Qt grab: this is what a person would see).
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from PySide6.QtCore import Qt, QTimer
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QDialog, QLineEdit, QPushButton

from otop_pos.operations.startup import open_session
from otop_pos.ui.app import build_window

OUT = Path("docs")


def shoot(name: str) -> None:
    QApplication.processEvents()
    subprocess.run(["import", "-window", "root", str(OUT / name)], check=True)
    print("saved", OUT / name)


def main(db: str, lang: str = "th") -> None:
    app = QApplication(sys.argv)
    session = open_session(db, printer="preview", lang=lang)
    window = build_window(session)
    window.resize(1280, 800)
    window.move(0, 0)
    window.show()
    suffix = "" if lang == "th" else "-en"
    barcodes = sys.argv[3:] or ["8859415000011", "8859411000015", "8859416000027"]

    def step_login() -> None:
        shoot(f"login{suffix}.png")
        pin = window.findChild(QLineEdit, "pinInput")
        QTest.keyClicks(pin, "1111")
        QTest.keyClick(pin, Qt.Key.Key_Return)
        QTimer.singleShot(500, step_float)

    def step_float() -> None:
        dialog = window.findChild(QDialog, "openShiftDialog")
        if dialog is None or not dialog.isVisible():  # a shift is already open
            step_scan()
            return
        for denom, pieces in ((100_000, "2"), (10_000, "5"), (2_000, "10"), (1_000, "10")):
            dialog.findChild(QLineEdit, f"count_{denom}").insert(pieces)
        QTimer.singleShot(300, lambda: step_float_shot(dialog))

    def step_float_shot(dialog: QDialog) -> None:
        shoot(f"open-shift{suffix}.png")
        dialog.findChild(QPushButton, "openShiftOk").click()
        QTimer.singleShot(400, step_scan)

    def step_scan() -> None:
        barcode = window.findChild(QLineEdit, "barcodeInput")
        for code in barcodes:
            QTest.keyClicks(barcode, code)
            QTest.keyClick(barcode, Qt.Key.Key_Return)
        QTest.keyClick(barcode, Qt.Key.Key_1, Qt.KeyboardModifier.ControlModifier)
        QTimer.singleShot(300, step_cart)

    def step_cart() -> None:
        shoot(f"sale-screen{suffix}.png")
        QTest.keyClick(window.findChild(QLineEdit, "barcodeInput"), Qt.Key.Key_F12)
        QTimer.singleShot(300, step_pay)

    def step_pay() -> None:
        dialog = window.findChild(QDialog, "paymentDialog")
        tendered = dialog.findChild(QLineEdit, "tenderedInput")
        QTest.keyClicks(tendered, "10000")
        QTimer.singleShot(200, lambda: step_paid(tendered))

    def step_paid(tendered: QLineEdit) -> None:
        shoot(f"payment{suffix}.png")
        QTest.keyClick(tendered, Qt.Key.Key_Return)
        QTimer.singleShot(500, step_done)

    def step_done() -> None:
        shoot(f"sale-done{suffix}.png")
        barcode = window.findChild(QLineEdit, "barcodeInput")
        for code in barcodes[:2]:
            QTest.keyClicks(barcode, code)
            QTest.keyClick(barcode, Qt.Key.Key_Return)
        QTest.keyClick(barcode, Qt.Key.Key_F12)
        QTimer.singleShot(300, step_promptpay)

    def step_promptpay() -> None:
        dialog = window.findChild(QDialog, "paymentDialog")
        QTest.keyClick(dialog.focusWidget(), Qt.Key.Key_F6)
        amount = dialog.findChild(QLineEdit, "promptpayAmount")
        QTest.keyClicks(amount, "500")
        QTimer.singleShot(300, lambda: step_promptpay_shot(dialog))

    def step_promptpay_shot(dialog: QDialog) -> None:
        shoot(f"payment-promptpay{suffix}.png")
        ref = dialog.findChild(QLineEdit, "promptpayRef")
        QTest.keyClicks(ref, "KBANK20261121")
        QTest.keyClick(ref, Qt.Key.Key_Return)
        QTimer.singleShot(300, lambda: step_split(dialog))

    def step_split(dialog: QDialog) -> None:
        tendered = dialog.findChild(QLineEdit, "tenderedInput")
        QTest.keyClicks(tendered, "9000")
        QTimer.singleShot(200, lambda: step_split_shot(tendered))

    def step_split_shot(tendered: QLineEdit) -> None:
        shoot(f"payment-split{suffix}.png")
        QTest.keyClick(tendered, Qt.Key.Key_Return)
        QTimer.singleShot(500, step_invoice)

    def step_invoice() -> None:
        QTest.keyClick(window.findChild(QLineEdit, "barcodeInput"), Qt.Key.Key_F7)
        QTimer.singleShot(300, step_invoice_fill)

    def step_invoice_fill() -> None:
        dialog = window.findChild(QDialog, "taxInvoiceDialog")
        values = {"invoice_name": "บริษัท ผ้าไหมศรีสะเกษ จำกัด", "invoice_tax_id": "0994000165315",
                  "invoice_branch": "", "invoice_address": "12 ถนนขุขันธ์ ตำบลเมืองเหนือ อำเภอเมือง",
                  "invoice_postcode": "33000"}  # fmt: skip
        for name, value in values.items():
            dialog.findChild(QLineEdit, name).insert(value)
        QTest.keyClick(dialog.findChild(QLineEdit, "invoice_postcode"), Qt.Key.Key_Return)
        QTimer.singleShot(600, step_invoice_shot)

    def step_invoice_shot() -> None:
        shoot(f"tax-invoice-dialog{suffix}.png")
        app.quit()

    QTimer.singleShot(800, step_login)
    app.exec()


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2] if len(sys.argv) > 2 else "th")
