"""The drawer count grid: pieces per note and coin, row amounts and the total live.

Counting is done box by box with the keyboard: Enter or Down moves to the
next box with its text selected, so the manager types over it at once. The
amounts come from the count operation, so the grid and the shift agree.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QGridLayout,
    QLabel,
    QLineEdit,
    QWidget,
)

from otop_pos.domain.shifts.cash_count import DENOMINATIONS, denomination_label
from otop_pos.operations.errors import OperationError, user_message
from otop_pos.operations.shifts import shifts
from otop_pos.ui.texts.i18n import language, tr
from otop_pos.ui.widgets.forms import BOX_HEIGHT, ERROR_TEXT, focus_box, mark_box


class CountWidget(QWidget):
    """One row per denomination: name, pieces box (``count_<satang>``), row amount."""

    total_changed = Signal(object)  # Money, or None while a box is wrong
    submitted = Signal()  # Enter on the last box

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("countWidget")
        self.inputs: dict[int, QLineEdit] = {}
        self.amounts: dict[int, QLabel] = {}
        grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setHorizontalSpacing(12)
        grid.setVerticalSpacing(4)
        for col, key in enumerate(("count_denomination", "count_pieces", "count_amount")):
            head = QLabel(tr(key))
            head.setStyleSheet("font-weight: bold; color: #57606a;")
            if col == 2:
                head.setAlignment(Qt.AlignmentFlag.AlignRight)
            grid.addWidget(head, 0, col)
        for row, satang in enumerate(DENOMINATIONS, start=1):
            name = denomination_label(satang, language())
            label = QLabel(name)
            box = QLineEdit()
            box.setObjectName(f"count_{satang}")
            box.setAccessibleName(tr("count_pieces_of", name=name))
            box.setAlignment(Qt.AlignmentFlag.AlignRight)
            box.setPlaceholderText("0")
            box.setFixedWidth(110)
            box.setMinimumHeight(BOX_HEIGHT)
            box.setInputMethodHints(Qt.InputMethodHint.ImhDigitsOnly)
            box.textChanged.connect(self._refresh)
            box.installEventFilter(self)
            label.setBuddy(box)
            amount = QLabel("0.00")
            amount.setObjectName(f"countAmount_{satang}")
            amount.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            amount.setWordWrap(True)
            amount.setMinimumWidth(220)
            grid.addWidget(label, row, 0)
            grid.addWidget(box, row, 1)
            grid.addWidget(amount, row, 2)
            self.inputs[satang] = box
            self.amounts[satang] = amount
        self.total = QLabel()
        self.total.setObjectName("countTotal")
        self.total.setAlignment(Qt.AlignmentFlag.AlignRight)
        self.total.setStyleSheet("font-size: 26px; font-weight: bold; color: #0b3d91;")
        grid.addWidget(self.total, len(DENOMINATIONS) + 1, 0, 1, 3)
        grid.setColumnStretch(2, 1)
        self._refresh()

    def boxes(self) -> dict[int, str]:
        """What is typed, by denomination in satang (for ``shifts.parse_count``)."""
        return {satang: box.text() for satang, box in self.inputs.items()}

    def first(self) -> QLineEdit:
        return self.inputs[DENOMINATIONS[0]]

    def start(self) -> None:
        focus_box(self.first())

    def set_enabled_boxes(self, enabled: bool) -> None:
        for box in self.inputs.values():
            box.setReadOnly(not enabled)

    def mark_error(self, field: str, message: str = "") -> None:
        """Point at the box a refusal names (``count_<satang>``) and put the reason beside it."""
        satang = int(field.removeprefix("count_")) if field.startswith("count_") else 0
        box = self.inputs.get(satang)
        if box is None:
            return
        mark_box(box, True)
        if message:
            self._row(satang, message, error=True)
        focus_box(box)

    # live amounts ------------------------------------------------------------
    def _row(self, satang: int, text: str, error: bool) -> None:
        label = self.amounts[satang]
        label.setText(text)
        label.setStyleSheet(ERROR_TEXT if error else "")
        mark_box(self.inputs[satang], error)

    def _refresh(self) -> None:
        bad = False
        for satang, box in self.inputs.items():
            try:
                amount = shifts.parse_count({satang: box.text()}).total
            except OperationError as exc:
                self._row(satang, user_message(exc, language()), error=True)
                bad = True
            else:
                self._row(satang, amount.format(), error=False)
        total = None if bad else shifts.parse_count(self.boxes()).total
        self.total.setText(tr("count_total", amount="—" if total is None else total.format()))
        self.total_changed.emit(total)

    # keyboard ----------------------------------------------------------------
    def _move(self, box: QLineEdit, step: int) -> None:
        order = list(self.inputs.values())
        i = order.index(box) + step
        if 0 <= i < len(order):
            focus_box(order[i])
        elif step > 0:
            self.submitted.emit()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Up/Down/Enter walk the boxes; Enter on the last one submits the count."""
        if (
            event.type() == QEvent.Type.KeyPress
            and isinstance(event, QKeyEvent)
            and isinstance(watched, QLineEdit)
        ):
            key = event.key()
            if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                self._move(watched, 1)
                return True
            if key == Qt.Key.Key_Down:
                if watched is not self.inputs[DENOMINATIONS[-1]]:
                    self._move(watched, 1)
                return True
            if key == Qt.Key.Key_Up:
                self._move(watched, -1)
                return True
        return super().eventFilter(watched, event)
