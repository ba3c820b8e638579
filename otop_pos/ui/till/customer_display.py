"""The customer-facing screen: the PromptPay QR and amount, when a second screen exists.

Many counters have a small second monitor facing the customer; the QR is
far easier to scan there than on the cashier's screen turned around. With
one screen, nothing is shown and the QR stays in the payment dialog.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from otop_pos.domain.money import Money
from otop_pos.ui.texts.i18n import tr
from otop_pos.ui.widgets.qr_view import QRView


class CustomerDisplay(QWidget):
    def __init__(self) -> None:
        super().__init__(None, Qt.WindowType.FramelessWindowHint)
        self.setObjectName("customerDisplay")
        self.setStyleSheet("background: white;")
        self.amount = QLabel()
        self.amount.setObjectName("customerAmount")
        self.amount.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.amount.setStyleSheet("font-size: 56px; font-weight: bold; color: #0b3d91;")
        self.qr = QRView()
        self.caption = QLabel(tr("customer_scan"))
        self.caption.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.caption.setStyleSheet("font-size: 28px;")
        layout = QVBoxLayout(self)
        layout.addWidget(self.amount)
        layout.addWidget(self.qr, 1)
        layout.addWidget(self.caption)

    def show_qr(self, payload: str, amount: Money) -> None:
        self.amount.setText(f"{amount.format()} บาท")
        self.qr.set_data(payload)

    def clear(self) -> None:
        self.qr.set_data("")
        self.amount.setText("")


_display: CustomerDisplay | None = None


def customer_display() -> CustomerDisplay | None:
    """The display on the second screen, or None when there is only one screen."""
    global _display
    screens = QGuiApplication.screens()
    if len(screens) < 2:
        return None
    if _display is None:
        _display = CustomerDisplay()
        _display.setGeometry(screens[1].geometry())
        _display.showFullScreen()
    return _display
