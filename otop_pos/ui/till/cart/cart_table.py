"""The cart table: fixed columns and a text-caching delegate.

Every scan appends a row, and Qt then repaints the whole viewport; laying out
Thai text (itemizing, shaping, line breaking) for every visible cell on every
repaint was most of a scan's time. The delegate keeps each cell's shaped text
(QStaticText) and redraws it without laying it out again.
"""

from __future__ import annotations

from PySide6.QtCore import QAbstractItemModel, QModelIndex, QPersistentModelIndex, QPointF, Qt
from PySide6.QtGui import QFontMetrics, QPainter, QPalette, QStaticText
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
)

_Index = QModelIndex | QPersistentModelIndex
_PAD = 6
_CACHE_LIMIT = 2000
COLUMN_WIDTHS = ((0, 36), (2, 104), (3, 124), (4, 110))  # 0.450 กก. and 130.00/กก. fit
"""Fixed widths: resizing to contents would re-measure every row on each scan."""


class CachedTextDelegate(QStyledItemDelegate):
    """Paints one line of text per cell from a cache of shaped texts."""

    def __init__(self, parent: QTableView) -> None:
        super().__init__(parent)
        self._texts: dict[tuple[str, int, str], QStaticText] = {}

    def _static(self, text: str, width: int, option: QStyleOptionViewItem) -> QStaticText:
        key = (text, width, option.font.key())
        cached = self._texts.get(key)
        if cached is None:
            if len(self._texts) > _CACHE_LIMIT:
                self._texts.clear()
            shown = QFontMetrics(option.font).elidedText(text, Qt.TextElideMode.ElideRight, width)
            cached = QStaticText(shown)
            cached.setTextFormat(Qt.TextFormat.PlainText)
            cached.prepare(font=option.font)
            self._texts[key] = cached
        return cached

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: _Index) -> None:
        rect = option.rect  # type: ignore[attr-defined]
        selected = bool(option.state & QStyle.StateFlag.State_Selected)  # type: ignore[attr-defined]
        palette = option.palette  # type: ignore[attr-defined]
        if selected:
            painter.fillRect(rect, palette.highlight())
        role = QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text
        text = index.data(Qt.ItemDataRole.DisplayRole) or ""
        static = self._static(str(text), max(rect.width() - 2 * _PAD, 1), option)
        size = static.size()
        right = index.data(Qt.ItemDataRole.TextAlignmentRole) is not None
        x = rect.right() - _PAD - size.width() if right else rect.left() + _PAD
        y = rect.top() + (rect.height() - size.height()) / 2
        painter.save()
        painter.setPen(palette.color(role))
        painter.setFont(option.font)  # type: ignore[attr-defined]
        painter.drawStaticText(QPointF(x, y), static)
        painter.restore()


class CartTable(QTableView):
    """Rows of the cart; never takes focus, so the barcode field keeps it."""

    def __init__(self, model: QAbstractItemModel) -> None:
        super().__init__()
        self.setObjectName("cartTable")
        self.setModel(model)
        self.setItemDelegate(CachedTextDelegate(self))
        self.setWordWrap(False)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        # No scroll bars: repainting one cost a third of every scan once the cart
        # outgrew the view. The newest line is always scrolled into view, the
        # arrow keys move through the lines and the wheel or a finger scrolls.
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.verticalHeader().setVisible(False)
        self.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        header = self.horizontalHeader()
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        for col, width in COLUMN_WIDTHS:
            header.setSectionResizeMode(col, QHeaderView.ResizeMode.Fixed)
            header.resizeSection(col, width)

    def select(self, row: int) -> None:
        """Select a row and bring it into view (one repaint when nothing moved)."""
        model = self.model()
        if 0 <= row < model.rowCount():
            self.selectRow(row)
            self.scrollTo(model.index(row, 0))

    def selected_row(self) -> int | None:
        rows = self.selectionModel().selectedRows()
        return rows[0].row() if rows else None
