"""Widgets of the sale screen that keep the cashier's hands on the keyboard."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeyEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import QGridLayout, QLineEdit, QPushButton, QWidget

from otop_pos.domain.catalogue.barcode import MAX_SCAN_LEN
from otop_pos.domain.catalogue.units import is_measured, unit_text
from otop_pos.operations.selling.cart import QuickKey
from otop_pos.ui.texts.i18n import language


class BarcodeInput(QLineEdit):
    """The scan field; arrows and Delete act on the cart so hands never leave the keys."""

    navigate = Signal(int)
    delete_line = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setMaxLength(MAX_SCAN_LEN)  # a pasted page stops here, not in the parser

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Up:
            self.navigate.emit(-1)
        elif event.key() == Qt.Key.Key_Down:
            self.navigate.emit(1)
        elif event.key() == Qt.Key.Key_Delete and not self.text():
            self.delete_line.emit()
        else:
            super().keyPressEvent(event)


def two_lines(name: str, width: int = 16) -> str:
    """A quick-key label: the name on up to two lines, broken at spaces."""
    words, lines = name.split(), [""]
    for word in words:
        if lines[-1] and len(lines[-1]) + 1 + len(word) > width and len(lines) < 2:
            lines.append(word)
        else:
            lines[-1] = f"{lines[-1]} {word}".strip()
    return "\n".join(line if len(line) <= width + 4 else line[: width + 2] + "…" for line in lines)


def button(text: str, name: str) -> QPushButton:
    button = QPushButton(text)
    button.setObjectName(name)
    button.setAccessibleName(text)
    button.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # focus stays in the barcode field
    return button


def fill_quick_keys(
    grid: QGridLayout, keys: Sequence[QuickKey], add: Callable[[int], None]
) -> None:
    """Quick keys for unbarcoded goods (tea by the glass): click or Ctrl+1..9."""
    while grid.count():
        item = grid.takeAt(0)
        if item.widget():
            item.widget().deleteLater()
    for i, qk in enumerate(keys[:12]):
        name = (
            qk.product.name_en if language() == "en" and qk.product.name_en else qk.product.name_th
        )
        price = qk.product.unit_price.format()
        if is_measured(qk.product.unit):  # '130.00/กก.': the price of a kilogram, weighed next
            price += f"/{unit_text(qk.product.unit, language())}"
        b = button(f"{two_lines(name)}\n{price}", f"quickKey{qk.key}")
        b.setProperty("class", "quickKey")
        b.setToolTip(f"{name}  Ctrl+{qk.key}" if qk.key <= 9 else name)
        b.clicked.connect(lambda _=False, pid=qk.product.product_id: add(pid))
        grid.addWidget(b, i // 3, i % 3)
        if qk.key <= 9:
            QShortcut(
                QKeySequence(f"Ctrl+{qk.key}"),
                b,
                b.click,
                context=Qt.ShortcutContext.WindowShortcut,
            )
