"""A receipt as the printer would print it, shown on screen (the preview printer, a past sale)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import (
    QLabel,
    QScrollArea,
)

if TYPE_CHECKING:  # Pillow loads with the first preview, not at start-up
    from PIL.Image import Image


def receipt_pixmap(image: Image) -> QPixmap:
    from PIL.ImageQt import ImageQt

    return QPixmap.fromImage(ImageQt(image.convert("L")))


class ReceiptPreview(QScrollArea):
    """The last receipt as the printer would print it ('preview' printer)."""

    def __init__(self) -> None:
        super().__init__()
        self.setObjectName("receiptPreview")
        self.label = QLabel()
        self.label.setAlignment(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop)
        self.setWidget(self.label)
        self.setWidgetResizable(True)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)

    def show_image(self, image: Image | None) -> None:
        if image is None:
            self.label.clear()
            return
        width = self.width() - self.verticalScrollBar().sizeHint().width() - 4
        pixmap = receipt_pixmap(image)
        self.label.setPixmap(
            pixmap.scaledToWidth(width, Qt.TransformationMode.SmoothTransformation)
        )
