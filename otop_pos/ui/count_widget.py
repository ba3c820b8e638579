"""The drawer count grid: pieces per note and coin, row amounts and the total live.

Counting is done box by box with the keyboard: Enter or Down moves to the
next box with its text selected, so the manager types over it at once. The
amounts come from the count operation, so the grid and the shift agree.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractSpinBox,
    QDialog,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QWidget,
)

from otop_pos.domain.cash_count import DENOMINATIONS, denomination_label
from otop_pos.operations import shifts
from otop_pos.operations.errors import OperationError, user_message
from otop_pos.ui.i18n import language, tr

BAD_BOX = "border: 2px solid #a40e26; background: #fff0f0;"
ERROR_TEXT = "color: #a40e26; font-weight: bold;"
OK_STYLE = "background: #1a7f37; color: white; font-weight: bold;"
BOX_HEIGHT = 40  # a box never squeezed below its text, however small the screen


def mark_box(box: QWidget, bad: bool) -> None:
    """A red border on the box a refusal is about (cleared once it is retyped)."""
    box.setStyleSheet(BAD_BOX if bad else "")


def focus_box(box: QWidget) -> None:
    """Focus with the text selected, so what is typed next replaces it."""
    box.setFocus()
    if isinstance(box, (QLineEdit, QAbstractSpinBox)):
        box.selectAll()


# Form helpers shared by the till dialogs (shift, returns, approval) ----------
def big_button(text: str, name: str, slot: Callable[[], object]) -> QPushButton:
    """A touch-sized button; never the default, so Enter stays with the focused box."""
    button = QPushButton(text)
    button.setObjectName(name)
    button.setAccessibleName(text)
    button.setAutoDefault(False)
    button.setMinimumHeight(52)
    button.clicked.connect(lambda _=False: slot())
    return button


def action_row(dialog: QDialog, ok_text: str, ok_name: str, on_ok: Callable[[], object]
               ) -> tuple[QHBoxLayout, QPushButton, QPushButton]:  # fmt: skip
    """Cancel (Esc) on the left, the green confirm button on the right."""
    cancel = big_button(tr("cancel"), ok_name.removesuffix("Ok") + "Cancel", dialog.reject)
    ok = big_button(ok_text, ok_name, on_ok)
    ok.setStyleSheet(OK_STYLE)
    row = QHBoxLayout()
    row.addWidget(cancel)
    row.addWidget(ok, 1)
    return row, ok, cancel


def finish_button(ok: QPushButton, cancel: QPushButton) -> None:
    """After the action is done the confirm button just closes; Enter presses it."""
    ok.setText(tr("close_done"))
    ok.setAccessibleName(ok.text())
    ok.setDefault(True)
    ok.setFocus()
    cancel.hide()


def title_label(text: str) -> QLabel:
    label = QLabel(text)
    label.setStyleSheet("font-size: 20px; font-weight: bold;")
    label.setWordWrap(True)
    return label


def amount_box(name: str, accessible: str) -> QLineEdit:
    """A right-aligned money box for a counted amount."""
    box = QLineEdit()
    box.setObjectName(name)
    box.setAccessibleName(accessible)
    box.setAlignment(Qt.AlignmentFlag.AlignRight)
    box.setPlaceholderText("0.00")
    box.setFixedWidth(130)
    box.setMinimumHeight(BOX_HEIGHT)
    return box


def message_label(name: str) -> QLabel:
    label = QLabel("")
    label.setObjectName(name)
    label.setAccessibleName(name)
    label.setWordWrap(True)
    return label


def say(label: QLabel, text: str, error: bool = False) -> None:
    label.setText(text)
    label.setStyleSheet(ERROR_TEXT if error else "color: #1a5d2b; font-weight: bold;")


def show_refusal(exc: OperationError, message: QLabel, boxes: Mapping[str, QWidget]) -> None:
    """The refusal's text under the form; the box it names (if any) red and focused."""
    say(message, user_message(exc, language()), error=True)
    box = boxes.get(getattr(exc, "field", ""))
    if box is not None:
        mark_box(box, True)
        focus_box(box)


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
