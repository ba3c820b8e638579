"""Search-as-you-type: results drop down under the search field."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QLineEdit, QListWidget, QListWidgetItem, QWidget

from otop_pos.domain.catalogue.units import price_suffix
from otop_pos.domain.selling.cart import ProductRef
from otop_pos.ui.texts.i18n import language, tr

DEBOUNCE_MS = 120


class SearchBox(QLineEdit):
    """The search field; `picked` fires with a product id on Enter or click."""

    picked = Signal(int)
    cancelled = Signal()

    def __init__(self, search: Callable[[str], list[ProductRef]], host: QWidget) -> None:
        super().__init__(host)
        self._host = host
        self.setObjectName("searchInput")
        self.setAccessibleName(tr("search_placeholder"))
        self.setPlaceholderText(tr("search_placeholder"))
        self._search = search
        self.results = QListWidget(host)  # an overlay child: never steals the keyboard
        self.results.setObjectName("searchResults")
        self.results.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.results.itemClicked.connect(self._pick_item)
        self.results.hide()
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(DEBOUNCE_MS)
        self._timer.timeout.connect(self.run_search)
        self.textEdited.connect(lambda _t: self._timer.start())
        self.returnPressed.connect(self._pick_current)

    def run_search(self) -> None:
        self._timer.stop()
        query = self.text().strip()
        self.results.clear()
        if not query:
            self.results.hide()
            return
        products = self._search(query)
        for p in products:
            name = (p.name_en or p.name_th) if language() == "en" else p.name_th
            price = p.unit_price.format() + price_suffix(p.unit, language())  # '130.00/กก.'
            item = QListWidgetItem(f"{name}    {price}    [{p.sku}]")
            item.setData(Qt.ItemDataRole.UserRole, p.product_id)
            self.results.addItem(item)
        if not products:
            self.results.addItem(tr("no_results"))
        self.results.setCurrentRow(0)
        self._place()
        self.results.show()
        self.results.raise_()

    def _place(self) -> None:
        origin = self.mapTo(self._host, self.rect().bottomLeft())
        self.results.setGeometry(origin.x(), origin.y(), max(self.width(), 560), 320)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = event.key()
        if self.results.isVisible() and key in (Qt.Key.Key_Down, Qt.Key.Key_Up):
            row = self.results.currentRow() + (1 if key == Qt.Key.Key_Down else -1)
            self.results.setCurrentRow(max(0, min(row, self.results.count() - 1)))
            return
        if key == Qt.Key.Key_Escape:
            self.close_results()
            self.cancelled.emit()
            return
        super().keyPressEvent(event)

    def _pick_current(self) -> None:
        if self._timer.isActive() or not self.results.isVisible():
            self.run_search()
        item = self.results.currentItem()
        if item is not None:
            self._pick_item(item)

    def _pick_item(self, item: QListWidgetItem) -> None:
        product_id = item.data(Qt.ItemDataRole.UserRole)
        if product_id is None:
            return
        self.close_results()
        self.clear()
        self.picked.emit(int(product_id))

    def close_results(self) -> None:
        self._timer.stop()
        self.results.hide()
