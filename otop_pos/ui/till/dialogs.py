"""Small dialogs of the sale screen: the key map and held sales."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QListWidget,
    QListWidgetItem,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from otop_pos.domain.thai.thaidate import format_numeric, format_numeric_en, from_iso
from otop_pos.operations.selling.cart import HeldSale
from otop_pos.ui.texts.i18n import KEYMAP, language, tr

if TYPE_CHECKING:  # Pillow loads with the first preview, not at start-up
    pass


class KeyMapDialog(QDialog):
    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.setObjectName("keyMapDialog")
        self.setWindowTitle(tr("keymap_title"))
        table = QTableWidget(len(KEYMAP), 2)
        table.setObjectName("keyMapTable")
        table.horizontalHeader().setVisible(False)
        table.verticalHeader().setVisible(False)
        for row, (key, th, en) in enumerate(KEYMAP):
            table.setItem(row, 0, QTableWidgetItem(key))
            table.setItem(row, 1, QTableWidgetItem(en if language() == "en" else th))
        table.resizeColumnsToContents()
        table.horizontalHeader().setStretchLastSection(True)
        layout = QVBoxLayout(self)
        layout.addWidget(table)
        self.resize(560, 560)


class HeldSalesDialog(QDialog):
    """Pick a held sale with the arrows and Enter."""

    def __init__(self, held: list[HeldSale], parent: QWidget) -> None:
        super().__init__(parent)
        self.setObjectName("heldSalesDialog")
        self.setWindowTitle(tr("held_title"))
        self.chosen: int | None = None
        self.list = QListWidget()
        self.list.setObjectName("heldList")
        for h in held:
            when = from_iso(h.held_at)
            time = format_numeric_en(when) if language() == "en" else format_numeric(when)
            text = tr(
                "held_row",
                label=h.label or f"#{h.id}",
                total=h.total.format(),
                items=h.item_count,
                time=time,
            )
            item = QListWidgetItem(text)
            item.setData(Qt.ItemDataRole.UserRole, h.id)
            self.list.addItem(item)
        if not held:
            self.list.addItem(tr("held_none"))
        self.list.setCurrentRow(0)
        self.list.itemActivated.connect(self._choose)
        layout = QVBoxLayout(self)
        layout.addWidget(self.list)
        self.resize(520, 360)

    def _choose(self, item: QListWidgetItem) -> None:
        held_id = item.data(Qt.ItemDataRole.UserRole)
        if held_id is not None:
            self.chosen = int(held_id)
            self.accept()
