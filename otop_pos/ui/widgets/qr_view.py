"""A QR code drawn as solid squares, as large as the space allows (PromptPay at the till and for payouts)."""

from __future__ import annotations

from PySide6.QtGui import QColor, QPainter, QPaintEvent
from PySide6.QtWidgets import QWidget


class QRView(QWidget):
    """A QR code drawn as solid squares, as large as the space allows."""

    def __init__(self) -> None:
        super().__init__()
        self.setObjectName("promptpayQR")
        self.matrix: list[list[bool]] = []
        self.setMinimumSize(240, 240)

    def set_data(self, data: str) -> None:
        from otop_pos.printing.engine.codes import qr_matrix

        self.matrix = qr_matrix(data) if data else []
        self.update()

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.fillRect(self.rect(), QColor("white"))
        n = len(self.matrix)
        if n:
            side = min(self.width(), self.height())
            cell = side // n
            x0 = (self.width() - cell * n) // 2
            y0 = (self.height() - cell * n) // 2
            for r, row in enumerate(self.matrix):
                for c, dark in enumerate(row):
                    if dark:
                        painter.fillRect(x0 + c * cell, y0 + r * cell, cell, cell, QColor("black"))
        painter.end()
