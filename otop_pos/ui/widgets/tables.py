"""Read-only report tables every screen shares: fitted columns, numbers right-aligned, shaded rows."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtGui import (
    QBrush,
    QColor,
    QFont,
    QStandardItem,
    QStandardItemModel,
)
from PySide6.QtWidgets import (
    QHeaderView,
    QTableView,
)

from otop_pos.operations.reports.exports import be_date
from otop_pos.ui.texts.i18n import language


# tables ----------------------------------------------------------------------
def be_text(day: date) -> str:
    """A date as the screen shows it: B.E. in Thai, ISO in English."""
    return be_date(day) if language() != "en" else day.isoformat()


def report_table(
    name: str, headers: list[str], stretch: int = 0
) -> tuple[QTableView, QStandardItemModel]:
    """A read-only table; column ``stretch`` takes the spare width, the others fit."""
    model = QStandardItemModel(0, len(headers))
    model.setHorizontalHeaderLabels(headers)
    view = QTableView()
    view.setObjectName(name)
    view.setModel(model)
    view.setEditTriggers(QTableView.EditTrigger.NoEditTriggers)
    view.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
    view.setAlternatingRowColors(True)
    view.setStyleSheet("QTableView { font-size: 14px; }")
    view.verticalHeader().hide()
    header = view.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    header.setSectionResizeMode(stretch, QHeaderView.ResizeMode.Stretch)
    return view, model


def refit(view: QTableView) -> None:
    """Size the columns to rows added while the table is on screen (Qt waits for a resize)."""
    view.horizontalHeader().resizeSections()


def cells(values: list[str], numeric_from: int) -> list[QStandardItem]:
    """One table row; columns from ``numeric_from`` on are right-aligned numbers."""
    items = []
    for i, value in enumerate(values):
        item = QStandardItem(value)
        if i == 0:
            item.setToolTip(value)  # a long producer name is cut in its column
        if i >= numeric_from:
            item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        items.append(item)
    return items


SECTION = QColor("#e8eef7")


TOTAL = QColor("#f6f8fa")


def shaded(items: list[QStandardItem], color: QColor) -> list[QStandardItem]:
    """A totals or section row: bold on a tint, never mistaken for a producer."""
    for item in items:
        font = QFont(item.font())
        font.setBold(True)
        item.setFont(font)
        item.setBackground(QBrush(color))
    return items
