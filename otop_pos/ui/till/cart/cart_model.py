"""The cart as a Qt table model; the view never touches the Cart directly.

A QStandardItemModel keeps the display strings in C++, so painting the table
never calls back into Python for each cell and role (that cost half of every
scan's repaint). The model is told what changed after each cart operation.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QStandardItem, QStandardItemModel

from otop_pos.domain.catalogue.units import is_measured, qty_text, unit_text
from otop_pos.domain.selling.cart import Cart, CartLine
from otop_pos.ui.texts.i18n import language, tr

COLUMNS = ("col_no", "col_name", "col_qty", "col_price", "col_amount")
_RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
_FLAGS = Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemIsEnabled


def _texts(row: int, line: CartLine) -> tuple[str, ...]:
    product = line.product
    lang = language()
    name = (product.name_en if lang == "en" else product.name_th) or product.name_th
    if is_measured(product.unit):  # '0.450 กก.' at '130.00/กก.'
        qty = qty_text(line.qty, product.unit, lang)
        price = f"{line.unit_price.format()}/{unit_text(product.unit, lang)}"
    else:
        qty, price = str(line.qty), line.unit_price.format()
    return (str(row + 1), name, qty, price, line.amount.format())


class CartModel(QStandardItemModel):
    def __init__(self, cart: Cart) -> None:
        super().__init__(0, len(COLUMNS))
        self.setHorizontalHeaderLabels([tr(c) for c in COLUMNS])
        self.cart = cart
        self._rebuild()

    def set_cart(self, cart: Cart) -> None:
        self.cart = cart
        self._rebuild()

    def refresh(self, changed_row: int | None = None) -> None:
        """Tell the view what changed: appended rows, one row in place, or everything."""
        rows, have = len(self.cart.lines), self.rowCount()
        if rows < have or changed_row is None:
            self._rebuild()
            return
        if changed_row < have:
            self._update_row(changed_row)
        for row in range(have, rows):
            self.appendRow(self._new_row(row))

    def _new_row(self, row: int) -> list[QStandardItem]:
        line = self.cart.lines[row]
        items = []
        for col, text in enumerate(_texts(row, line)):
            item = QStandardItem(text)
            item.setFlags(_FLAGS)
            if col == 1:
                item.setToolTip(f"{line.product.sku}  {line.product.name_th}")
            else:
                item.setTextAlignment(_RIGHT)
            items.append(item)
        return items

    def _update_row(self, row: int) -> None:
        for col, text in enumerate(_texts(row, self.cart.lines[row])):
            item = self.item(row, col)
            if item is not None and item.text() != text:
                item.setText(text)

    def _rebuild(self) -> None:
        self.setHorizontalHeaderLabels([tr(c) for c in COLUMNS])
        self.setRowCount(0)
        for row in range(len(self.cart.lines)):
            self.appendRow(self._new_row(row))
