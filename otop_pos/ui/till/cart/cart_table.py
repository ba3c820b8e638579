"""The cart table: columns sized for their widest value, names wrapped, shaped text cached.

Every scan appends a row, and Qt then repaints the whole viewport; laying out
Thai text (itemizing, shaping, line breaking) for every visible cell on every
repaint was most of a scan's time. The delegate keeps each cell's shaped text
(QStaticText) and redraws it without laying it out again.

A product's name wraps onto as many lines as it needs, so names that differ
only at the end (100 g and 250 g, shirt sizes S, M and L) both show their ends;
each row is as tall as its name, measured once when the row comes or the
column's width changes. The number columns are as wide as their widest value
(9,999,999.00 in the amount) in the table's own font, so money is never cut.
"""

from __future__ import annotations

import math

from PySide6.QtCore import (
    QAbstractItemModel,
    QModelIndex,
    QPersistentModelIndex,
    QPointF,
    Qt,
    QTimer,
)
from PySide6.QtGui import (
    QFont,
    QFontMetrics,
    QPainter,
    QPalette,
    QResizeEvent,
    QStaticText,
    QTextOption,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
    QWidget,
)

_Index = QModelIndex | QPersistentModelIndex
WRAP_ANYWHERE = QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere
_PAD = 6
_CACHE_LIMIT = 2000
NAME_COLUMN = 1
WIDEST = ((0, "999"), (2, "99.999 กก."), (3, "99,999.00/กก."), (4, "9,999,999.00"))
"""The widest text each fixed column must show whole (the name column takes the rest)."""


def column_widths(font: QFont) -> dict[int, int]:
    """Each fixed column's width in ``font``: its widest text, the padding and a little air."""
    metrics = QFontMetrics(font)
    return {col: metrics.horizontalAdvance(text) + 2 * _PAD + 4 for col, text in WIDEST}


class CachedTextDelegate(QStyledItemDelegate):
    """Paints each cell from a cache of shaped texts: names wrapped, the rest on one line."""

    def __init__(self, parent: QTableView) -> None:
        super().__init__(parent)
        self._texts: dict[tuple[str, int, str, bool], QStaticText] = {}

    def shown(self, text: str, width: int, font: QFont, wrap: bool) -> QStaticText:
        """The text as painted in a cell ``width`` wide (without padding): wrapped or elided."""
        key = (text, width, font.key(), wrap)
        cached = self._texts.get(key)
        if cached is None:
            if len(self._texts) > _CACHE_LIMIT:
                self._texts.clear()
            if wrap:  # at a space, or anywhere in a word too long for the line
                cached = QStaticText(text)
                cached.setTextWidth(width)
                wrapping = QTextOption()
                wrapping.setWrapMode(WRAP_ANYWHERE)
                cached.setTextOption(wrapping)
            else:
                elided = QFontMetrics(font).elidedText(text, Qt.TextElideMode.ElideRight, width)
                cached = QStaticText(elided)
            cached.setTextFormat(Qt.TextFormat.PlainText)
            cached.prepare(font=font)
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
        width = max(rect.width() - 2 * _PAD, 1)
        static = self.shown(str(text), width, option.font, index.column() == NAME_COLUMN)
        size = static.size()
        right = index.data(Qt.ItemDataRole.TextAlignmentRole) is not None
        x = rect.right() - _PAD - size.width() if right else rect.left() + _PAD
        y = rect.top() + max((rect.height() - size.height()) / 2, 0)
        painter.save()
        painter.setPen(palette.color(role))
        painter.setFont(option.font)  # type: ignore[attr-defined]
        painter.drawStaticText(QPointF(x, y), static)
        painter.restore()


class CartTable(QTableView):
    """Rows of the cart; never takes focus, so the barcode field keeps it."""

    def __init__(self, model: QAbstractItemModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._fitted_font = ""
        self._name_width = -1
        self.delegate = CachedTextDelegate(self)
        self.setObjectName("cartTable")
        self.setModel(model)
        self.setItemDelegate(self.delegate)
        self.setWordWrap(True)
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
        header.setSectionResizeMode(NAME_COLUMN, QHeaderView.ResizeMode.Stretch)
        for col, _text in WIDEST:
            header.setSectionResizeMode(col, QHeaderView.ResizeMode.Fixed)
        header.sectionResized.connect(self._column_resized)
        model.rowsInserted.connect(lambda _p, first, last: self._fit_rows(first, last))
        model.dataChanged.connect(lambda top, bottom: self._fit_rows(top.row(), bottom.row()))
        model.modelReset.connect(lambda: self._fit_rows(0, self.model().rowCount() - 1))

    def _fit_columns(self) -> None:
        """Size the number columns for the font the style sheet gave the table."""
        key = self.font().key()
        if key == self._fitted_font:
            return
        self._fitted_font = key
        for col, width in column_widths(self.font()).items():
            self.horizontalHeader().resizeSection(col, width)
        self._fit_rows(0, self.model().rowCount() - 1)

    def row_height(self, row: int, name_width: int | None = None) -> int:
        """One line of the font, or as many as the row's name wraps onto (in a name column
        ``name_width`` wide: while the header resizes, it still answers the old width)."""
        grid = 1 if self.showGrid() else 0  # the view paints a cell one pixel short of it
        one_line = QFontMetrics(self.font()).height() + 2 * _PAD + grid
        text = self.model().index(row, NAME_COLUMN).data() or ""
        column = self.columnWidth(NAME_COLUMN) if name_width is None else name_width
        width = max(column - grid - 2 * _PAD, 1)
        static = self.delegate.shown(str(text), width, self.font(), True)
        return max(one_line, math.ceil(static.size().height()) + 2 * _PAD + grid)

    def _fit_rows(self, first: int, last: int, name_width: int | None = None) -> None:
        self._fit_columns()
        header = self.verticalHeader()
        for row in range(max(first, 0), min(last, self.model().rowCount() - 1) + 1):
            height = self.row_height(row, name_width)
            if header.sectionSize(row) != height:
                header.resizeSection(row, height)

    def _column_resized(self, col: int, _old: int, new: int) -> None:
        if col == NAME_COLUMN and new != self._name_width:
            self._name_width = new
            self._refit_all(new)

    def resizeEvent(self, event: QResizeEvent) -> None:
        self._fit_columns()
        super().resizeEvent(event)

    def updateGeometries(self) -> None:
        """After Qt lays out the header: a name column of a new width refits every row."""
        super().updateGeometries()
        width = self.columnWidth(NAME_COLUMN)
        if self.model() is not None and width != self._name_width:
            self._name_width = width
            self._refit_all(width)

    def _refit_all(self, name_width: int) -> None:
        """Every row for a new name width; the selected line stays in view."""
        self._fit_rows(0, self.model().rowCount() - 1, name_width)
        QTimer.singleShot(0, self, self._selected_in_view)  # once the scroll range follows

    def _selected_in_view(self) -> None:
        row = self.selected_row()
        if row is not None:
            self.scrollTo(self.model().index(row, 0))

    def select(self, row: int) -> None:
        """Select a row and bring it into view (one repaint when nothing moved)."""
        model = self.model()
        if 0 <= row < model.rowCount():
            self.selectRow(row)
            self.scrollTo(model.index(row, 0))

    def selected_row(self) -> int | None:
        rows = self.selectionModel().selectedRows()
        return rows[0].row() if rows else None
