"""One producer's month through the real window: goods in, sold at the till, counted
with a loss, settled, paid, and the producer's own view shows nothing owed.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from helpers import MANAGER_PIN, make_centre
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QLabel, QLineEdit, QPushButton, QWidget
from pytestqt.qtbot import QtBot

from otop_pos.db import journal
from otop_pos.db.store import Store
from otop_pos.domain.money import Money
from otop_pos.domain.thai.thaidate import bangkok_date, utc_now
from otop_pos.ui.app import build_window
from otop_pos.ui.main_window import MainWindow

pytestmark = pytest.mark.gui
SILK = "8850000000014"  # SILK01, 1,500.00, consigned by P01 at 20 %


def click(window: QWidget, name: str) -> None:
    button = window.findChild(QPushButton, name)
    assert button is not None, name
    assert button.isEnabled(), name
    button.click()


def current(window: MainWindow) -> QWidget:
    return window.stack.currentWidget()


def test_intake_sale_count_settle_pay_then_the_producer_is_owed_nothing(
    qtbot: QtBot, store: Store, tmp_path: Path
) -> None:
    printer = tmp_path / "printer.bin"
    session = make_centre(store, printer_uri=f"file:{printer}", documents_dir=str(tmp_path))
    window = build_window(session)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    window.activateWindow()

    # The manager logs in and opens the back office from the manager screen.
    window.login.users.setCurrentRow(window.login.user_ids.index(1))
    pin = window.findChild(QLineEdit, "pinInput")
    qtbot.keyClicks(pin, MANAGER_PIN)
    qtbot.keyClick(pin, Qt.Key.Key_Return)
    barcode = window.findChild(QLineEdit, "barcodeInput")
    qtbot.waitUntil(lambda: current(window) is window.sale)
    window.show_manager()
    click(current(window), "openBackOffice")
    office = current(window)
    assert office.objectName() == "backOffice"

    # Goods in: P01 delivers 10 silks against delivery note DN-77, lot L-2569.
    intake = office.page("intake")
    intake.set_producer("P01")
    intake.findChild(QLineEdit, "intakeDeliveryNote").setText("DN-77")
    assert intake.scan(SILK)
    intake.set_cell(0, "qty", "10")
    intake.set_cell(0, "lot", "L-2569")
    received = intake.save()
    assert received is not None and received.qty == 10
    assert printer.exists()  # the intake slip went to the printer for both to sign

    # The till sells three silks: scan, F12, Enter (exact cash).
    click(office, "backOfficeBack")  # back office -> manager screen
    click(current(window), "managerBack")  # manager screen -> till
    qtbot.waitUntil(lambda: current(window) is window.sale)
    qtbot.waitUntil(barcode.hasFocus)
    qtbot.keyClicks(barcode, f"3*{SILK}")
    qtbot.keyClick(barcode, Qt.Key.Key_Return)
    assert window.findChild(QLabel, "totalLabel").text() == "4,500.00"
    qtbot.keyClick(barcode, Qt.Key.Key_F12)
    qtbot.waitUntil(lambda: (d := window.findChild(QDialog, "paymentDialog")) is not None
                    and d.isVisible())  # fmt: skip
    dialog = window.findChild(QDialog, "paymentDialog")
    tendered = dialog.findChild(QLineEdit, "tenderedInput")
    qtbot.waitUntil(tendered.hasFocus)
    qtbot.keyClick(tendered, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not dialog.isVisible())

    # Count P01's goods: the system expects 50 + 10 - 3 = 57; the shelf has 56.
    window.show_back_office()
    count = office.page("count")
    combo = count.findChild(QWidget, "countProducer")
    combo.setCurrentIndex(combo.findData("P01"))
    assert count.start()
    silk_id = int(store.scalar("SELECT id FROM products WHERE sku = 'SILK01'"))
    count.set_count(silk_id, "56")
    assert "1" in count.findChild(QLabel, "countSummary").text()
    assert count.post() is None  # a manager posts without asking anyone
    assert count.last_count_no

    # Settle P01 for today, print the statement, pay it all by transfer.
    today = bangkok_date(utc_now())
    tab = office.page("settlement")
    tab.set_range(today, today)
    assert tab.show_figures()
    tab.select("P01")
    preview = tab.selected()
    assert preview is not None
    silk = next(ln for ln in preview.lines if ln.sku == "SILK01")
    # adjusted: the centre's opening stock of 50 (entered today), less the one the count missed
    assert (silk.received, silk.sold, silk.adjusted) == (10, 3, 50 - 1)
    assert silk.on_hand == 56
    assert preview.payable == Money(360000)  # 4,500.00 less 20 %
    result = tab.settle(["P01"])
    assert result is not None and result.settled[0].payable == Money(360000)
    settled_no = result.settled[0].settlement_no
    tab.select("P01")
    click(tab, "settlePrint")
    pay = tab.ask_pay()
    assert pay is not None
    pay.choose("transfer")
    pay.findChild(QLineEdit, "payoutReference").setText("KTB 0099")
    assert pay.parse_amount() == Money(360000)  # everything owed, by default
    click(pay, "payoutOk")
    qtbot.waitUntil(lambda: not pay.isVisible())

    # The manager opens P01's own view for them: nothing is owed any more.
    click(tab, "settleOpenView")
    view = current(window)
    assert view.objectName() != "backOffice"
    owed = view.findChild(QLabel, "producerOwed")
    assert owed is not None and owed.text().startswith("0.00")
    assert "3,600.00" in view.findChild(QLabel, "producerLastPayout").text()
    assert store.scalar("SELECT count(*) FROM settlements WHERE settlement_no = ?", (settled_no,))
    assert journal.verify(store).ok
