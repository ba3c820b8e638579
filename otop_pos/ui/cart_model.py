"""The cart as a Qt table model; the view never touches the Cart directly."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

from otop_pos.domain.cart import Cart
from otop_pos.ui.i18n import language, tr

_Index = QModelIndex | QPersistentModelIndex
COLUMNS = ("col_no", "col_name", "col_qty", "col_price", "col_amount")
_RIGHT = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)


class CartModel(QAbstractTableModel):
    def __init__(self, cart: Cart) -> None:
        super().__init__()
        self.cart = cart
        self._rows = len(cart.lines)

    def set_cart(self, cart: Cart) -> None:
        self.beginResetModel()
        self.cart = cart
        self._rows = len(cart.lines)
        self.endResetModel()

    def refresh(self, changed_row: int | None = None) -> None:
        """Tell the view what changed: appended rows, one row in place, or everything."""
        rows = len(self.cart.lines)
        if rows > self._rows:
            self.beginInsertRows(QModelIndex(), self._rows, rows - 1)
            self._rows = rows
            self.endInsertRows()
        elif rows < self._rows or changed_row is None:
            self.beginResetModel()
            self._rows = rows
            self.endResetModel()
        elif 0 <= changed_row < rows:
            last = len(COLUMNS) - 1
            self.dataChanged.emit(self.index(changed_row, 0), self.index(changed_row, last))

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else self._rows

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(COLUMNS)

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.row() >= len(self.cart.lines):
            return None
        col = index.column()
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return None if col == 1 else _RIGHT
        if role not in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return None
        line = self.cart.lines[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            if col == 0:
                return str(index.row() + 1)
            if col == 1:
                name = line.product.name_en if language() == "en" else line.product.name_th
                return name or line.product.name_th
            if col == 2:
                return str(line.qty)
            if col == 3:
                return line.unit_price.format()
            return line.amount.format()
        if col == 1:
            return f"{line.product.sku}  {line.product.name_th}"
        return None

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return tr(COLUMNS[section])
        return None
