"""The customer's screen shows a QR the customer's phone can read, and the amount."""

from __future__ import annotations

from pathlib import Path

import pytest
import zxingcpp
from PIL import Image
from pytestqt.qtbot import QtBot

from otop_pos.domain.money import Money
from otop_pos.domain.thai.promptpay import promptpay_payload
from otop_pos.ui.till.customer_display import CustomerDisplay, customer_display

pytestmark = pytest.mark.gui


def test_qr_and_amount_then_cleared(qtbot: QtBot, tmp_path: Path) -> None:
    display = CustomerDisplay()
    qtbot.addWidget(display)
    display.resize(800, 600)
    display.show()
    payload = promptpay_payload("0801234567", Money.parse("456.25"))
    display.show_qr(payload, Money.parse("456.25"))
    display.grab().save(str(tmp_path / "customer.png"))
    assert [r.text for r in zxingcpp.read_barcodes(Image.open(tmp_path / "customer.png"))] == [
        payload
    ]
    assert display.amount.text() == "456.25 บาท"
    display.clear()
    display.grab().save(str(tmp_path / "empty.png"))
    assert zxingcpp.read_barcodes(Image.open(tmp_path / "empty.png")) == []


def test_one_screen_means_no_customer_display(qtbot: QtBot) -> None:
    assert customer_display() is None  # offscreen has a single screen
