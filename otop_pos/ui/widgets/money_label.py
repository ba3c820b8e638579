"""A label for a big amount (the total, the change) that never cuts it off.

Its font comes from the theme; when the amount is wider than the label (a
total of 10,000,000.00 in 56-pixel digits on a 1024-pixel screen), the font
shrinks just enough, never below half, and grows back for the next sale. The
label asks the layout for no width of its own, so a long amount can never
push the screen wider than the window.
"""

from __future__ import annotations

from PySide6.QtCore import QSize
from PySide6.QtGui import QFont, QFontMetrics, QResizeEvent
from PySide6.QtWidgets import QLabel, QWidget


class MoneyLabel(QLabel):
    def __init__(self, name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName(name)
        self._base = 0  # the theme's pixel size, read once polished

    def setText(self, text: str) -> None:  # type: ignore[override]
        super().setText(text)
        self._fit()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._fit()

    def minimumSizeHint(self) -> QSize:
        return QSize(0, super().minimumSizeHint().height())

    def _fit(self) -> None:
        if not self._base:
            self.ensurePolished()
            self._base = self.font().pixelSize()
        available = self.contentsRect().width()
        if self._base <= 0 or available <= 0:
            return
        size = self._base
        font = QFont(self.font())
        while size > self._base // 2:
            font.setPixelSize(size)
            if QFontMetrics(font).horizontalAdvance(self.text()) <= available:
                break
            size -= 2
        if size != self.font().pixelSize():
            self.setStyleSheet("" if size == self._base else f"font-size: {size}px;")
