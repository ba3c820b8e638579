"""Screenshots of selling by weight for docs/ (run under Xvfb at the till's 1366x768).

    xvfb-run -a -s "-screen 0 1366x768x24" .venv/bin/python tools/screenshots_weighed.py /tmp/w.sqlite

On a fresh demo centre: the cashier scans a tea, taps the garlic quick key
and types 0.45 in the weight prompt (shot), scans a scale label of 0.620 kg
of shallots, pays exact cash, and the receipt is saved as the printer would
print it.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from PySide6.QtCore import Qt, QTimer
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QDialog, QLineEdit, QPushButton

from otop_pos.db.store import open_store
from otop_pos.demo.seed import ensure_demo_centre
from otop_pos.domain.catalogue.barcode import make_ean13
from otop_pos.operations.selling import receipts
from otop_pos.operations.startup import open_session
from otop_pos.printing.documents.receipt import build_receipt
from otop_pos.printing.engine.raster import render_pil
from otop_pos.ui.app import build_window

OUT = Path("docs")
SHALLOTS_LABEL = make_ean13("200000600620")  # flag 20, scale code 6, 620 g


def shoot(name: str) -> None:
    QApplication.processEvents()
    subprocess.run(["import", "-window", "root", str(OUT / name)], check=True)
    print("saved", OUT / name)


def main(db: str) -> None:
    store = open_store(db)
    ensure_demo_centre(store)
    store.close()
    app = QApplication(sys.argv)
    session = open_session(db, printer="preview", lang="th")
    window = build_window(session)
    window.resize(1366, 768)
    window.move(0, 0)
    window.show()

    def barcode() -> QLineEdit:
        return window.findChild(QLineEdit, "barcodeInput")

    def step_login() -> None:
        pin = window.findChild(QLineEdit, "pinInput")
        QTest.keyClicks(pin, "1111")
        QTest.keyClick(pin, Qt.Key.Key_Return)
        QTimer.singleShot(600, step_float)

    def step_float() -> None:
        dialog = window.findChild(QDialog, "openShiftDialog")
        if dialog is not None and dialog.isVisible():
            dialog.findChild(QLineEdit, "count_100000").insert("2")
            dialog.findChild(QPushButton, "openShiftOk").click()
        QTimer.singleShot(500, step_scan)

    def step_scan() -> None:
        QTest.keyClicks(barcode(), "8859421000036")  # a tea, by the piece
        QTest.keyClick(barcode(), Qt.Key.Key_Return)
        QTest.keyClick(barcode(), Qt.Key.Key_7, Qt.KeyboardModifier.ControlModifier)  # garlic
        QTimer.singleShot(500, step_weigh)

    def step_weigh() -> None:
        dialog = window.findChild(QDialog, "weightDialog")
        QTest.keyClicks(dialog.findChild(QLineEdit, "weightInput"), "0.45")
        QTimer.singleShot(300, lambda: step_weigh_shot(dialog))

    def step_weigh_shot(dialog: QDialog) -> None:
        shoot("weight-prompt.png")
        QTest.keyClick(dialog.findChild(QLineEdit, "weightInput"), Qt.Key.Key_Return)
        QTimer.singleShot(400, step_label)

    def step_label() -> None:
        QTest.keyClicks(barcode(), SHALLOTS_LABEL)
        QTest.keyClick(barcode(), Qt.Key.Key_Return)
        QTimer.singleShot(400, step_cart)

    def step_cart() -> None:
        shoot("sale-weighed.png")
        QTest.keyClick(barcode(), Qt.Key.Key_F12)
        QTimer.singleShot(400, step_pay)

    def step_pay() -> None:
        dialog = window.findChild(QDialog, "paymentDialog")
        QTest.keyClick(dialog.findChild(QLineEdit, "tenderedInput"), Qt.Key.Key_Return)
        QTimer.singleShot(800, step_receipt)

    def step_receipt() -> None:
        no = window.sale.last_receipt_no
        assert no is not None
        render_pil(build_receipt(receipts.receipt_data(session, no))).save(
            OUT / "receipt-weighed.png"
        )
        print("saved", OUT / "receipt-weighed.png")
        app.quit()

    QTimer.singleShot(800, step_login)
    app.exec()


if __name__ == "__main__":
    main(sys.argv[1])
