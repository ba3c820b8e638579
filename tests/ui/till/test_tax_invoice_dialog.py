"""A full tax invoice for an earlier sale, through the real dialog (F7) on a real database."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pypdfium2
import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QLabel, QLineEdit, QListWidget
from pytestqt.qtbot import QtBot
from till_helpers import _login, _open

from otop_pos.db import journal
from otop_pos.db.store import Store
from otop_pos.domain.money import Money
from otop_pos.domain.selling.cart import Cart
from otop_pos.operations.selling import cart as selling
from otop_pos.operations.selling import checkout, tax_invoices
from otop_pos.ui.main_window import MainWindow

pytestmark = pytest.mark.gui
YESTERDAY = datetime(2026, 11, 20, 3, 0, tzinfo=UTC)


def _earlier_sale(window: MainWindow) -> str:
    session = window.sale.session
    cart = Cart()
    selling.scan(session, cart, "8850000000014")
    return checkout.complete_cash_sale(session, cart, Money.baht(1500), YESTERDAY).receipt_no


def _dialog(qtbot: QtBot, window: MainWindow) -> QDialog:
    def shown() -> bool:
        d = window.findChild(QDialog, "taxInvoiceDialog")
        return d is not None and d.isVisible()

    qtbot.waitUntil(shown)
    return window.findChild(QDialog, "taxInvoiceDialog")


def _type(qtbot: QtBot, dialog: QDialog, name: str, text: str) -> QLineEdit:
    box = dialog.findChild(QLineEdit, name)
    box.clear()
    if text.isascii():
        qtbot.keyClicks(box, text)
    else:  # QTest cannot synthesise Thai key presses; an input method would insert it
        box.insert(text)
    return box


def test_issue_for_an_earlier_sale_then_reuse_the_buyer(
    qtbot: QtBot, store: Store, tmp_path: Path
) -> None:
    window = _open(qtbot, store, printer_uri=f"file:{tmp_path / 'p.bin'}",
                   documents_dir=str(tmp_path / "docs"))  # fmt: skip
    barcode = _login(qtbot, window)
    first, second = _earlier_sale(window), _earlier_sale(window)

    qtbot.keyClick(barcode, Qt.Key.Key_F7)
    dialog = _dialog(qtbot, window)
    _type(qtbot, dialog, "invoice_receipt", first)
    _type(qtbot, dialog, "invoice_name", "บริษัท ผ้าไทย จำกัด")
    _type(qtbot, dialog, "invoice_tax_id", "0994000165316")  # wrong check digit
    _type(qtbot, dialog, "invoice_address", "99 ถ.เทพา อ.เมือง จ.ศรีสะเกษ")
    postcode = _type(qtbot, dialog, "invoice_postcode", "33000")
    qtbot.keyClick(postcode, Qt.Key.Key_Return)
    assert "หลักตรวจสอบ" in dialog.findChild(QLabel, "invoiceMessage").text()
    tax_box = dialog.findChild(QLineEdit, "invoice_tax_id")
    qtbot.waitUntil(tax_box.hasFocus)
    assert tax_invoices.find_buyers(window.sale.session, "ผ้าไทย") == []

    _type(qtbot, dialog, "invoice_tax_id", "0994000165315")
    qtbot.keyClick(tax_box, Qt.Key.Key_Return)
    message = dialog.findChild(QLabel, "invoiceMessage").text()
    assert "POS01-TI-" in message and ".pdf" in message
    number = message.split("เลขที่ ")[1].split()[0]
    pdf = tmp_path / "docs" / f"{number}-copy.pdf"  # the slip printed first is the original
    assert str(pdf) in message
    text = pypdfium2.PdfDocument(pdf.read_bytes())[0].get_textpage().get_text_range()
    assert "บริษัท ผ้าไทย จำกัด" in text and first in text
    dialog.reject()
    qtbot.waitUntil(lambda: window.findChild(QDialog, "taxInvoiceDialog") is None)

    # The next visit: the buyer is found by tax ID and fills the form.
    qtbot.keyClick(barcode, Qt.Key.Key_F7)
    dialog = _dialog(qtbot, window)
    _type(qtbot, dialog, "invoice_receipt", second)
    search = _type(qtbot, dialog, "buyerSearch", "099400")
    results = dialog.findChild(QListWidget, "buyerResults")
    qtbot.waitUntil(lambda: results.count() == 1)
    qtbot.keyClick(search, Qt.Key.Key_Return)
    assert dialog.findChild(QLineEdit, "invoice_name").text() == "บริษัท ผ้าไทย จำกัด"
    qtbot.keyClick(dialog.findChild(QLineEdit, "invoice_receipt"), Qt.Key.Key_Return)
    assert "POS01-TI-" in dialog.findChild(QLabel, "invoiceMessage").text()
    assert store.scalar("SELECT count(*) FROM tax_invoices") == 2
    assert journal.verify(store).ok
