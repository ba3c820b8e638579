"""An on-screen number keypad, so a touch-only till can log in, take cash and count.

It types into a line edit the way a keyboard would: digits through
``QLineEdit.insert`` (so the box's validator and length limit still apply,
and a selected text is typed over), backspace and clear on the box itself,
and Enter as a real key event, so whatever the box does on Enter
(``returnPressed``, a count grid moving to the next box) happens as if the
key had been pressed. Its buttons never take the focus: the box keeps it.

With a fixed target it types there; without one it types into the line
edit that has the focus in its own window (the count grid's boxes, the
payment dialog's amount boxes), or last had it. Like the login screen it sits on, building
it touches no ``Qt`` enum (see ``ui/staff/login_screen.py``): the login's
first frame stays quick; the key event is made when Enter is first pressed.
"""

from __future__ import annotations

from PySide6 import QtCore
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QApplication,
    QGridLayout,
    QLineEdit,
    QPushButton,
    QSizePolicy,
    QWidget,
)

from otop_pos.ui.texts.touch import touch_text

KEY_SIZE = 56  # the smallest comfortable fingertip target, in pixels
# qproperty-focusPolicy rather than setFocusPolicy(Qt.FocusPolicy.NoFocus): no Qt enum
KEY_STYLE = (
    f"font-size: 22px; font-weight: bold; min-width: {KEY_SIZE}px; min-height: {KEY_SIZE}px;"
    " qproperty-focusPolicy: NoFocus;"
)
ENTER_STYLE = KEY_STYLE + " font-size: 20px; background: #1a7f37; color: white;"

# (key, row, column, rows, columns): digits as on a phone-less keypad, 7 8 9 on top
LAYOUT = (
    ("7", 0, 0, 1, 1), ("8", 0, 1, 1, 1), ("9", 0, 2, 1, 1), ("back", 0, 3, 1, 1),
    ("4", 1, 0, 1, 1), ("5", 1, 1, 1, 1), ("6", 1, 2, 1, 1), ("clear", 1, 3, 1, 1),
    ("1", 2, 0, 1, 1), ("2", 2, 1, 1, 1), ("3", 2, 2, 1, 1), ("enter", 2, 3, 2, 1),
    ("0", 3, 0, 1, 1), ("00", 3, 1, 1, 1), (".", 3, 2, 1, 1),
)  # fmt: skip
NAMES = {"00": "DoubleZero", ".": "Point", "back": "Back", "clear": "Clear", "enter": "Enter"}
FACES = {"back": "⌫", "clear": "C"}


class Keypad(QWidget):
    """0-9, 00, point, backspace, clear and Enter; buttons named ``<name>Key<face>``."""

    def __init__(
        self,
        target: QLineEdit | None = None,
        *,
        name: str = "keypad",
        point: bool = True,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName(name)
        self.setAccessibleName(touch_text("keypad"))
        self._fixed = target
        self._followed: QLineEdit | None = None
        self.buttons: dict[str, QPushButton] = {}
        fixed = QSizePolicy.Policy.Fixed  # its own size: never stretched, never squeezed
        self.setSizePolicy(fixed, fixed)
        grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setSpacing(6)
        for key, row, col, rows, cols in LAYOUT:
            button = self._button(key, name)
            button.setEnabled(point or key != ".")
            grid.addWidget(button, row, col, rows, cols)

    def _button(self, key: str, name: str) -> QPushButton:
        face = FACES.get(key, touch_text("enter") if key == "enter" else key)
        button = QPushButton(face)
        button.setObjectName(f"{name}Key{NAMES.get(key, key)}")
        button.setAccessibleName(touch_text(key) if key in NAMES else key)
        button.setAutoDefault(False)
        button.setStyleSheet(ENTER_STYLE if key == "enter" else KEY_STYLE)
        if key == "enter":  # two rows tall, as on a keypad
            button.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Expanding)
        button.clicked.connect(lambda _=False, k=key: self.press(k))
        self.buttons[key] = button
        return button

    # the box typed into ---------------------------------------------------------
    def set_target(self, box: QLineEdit | None) -> None:
        self._fixed = box

    def target(self) -> QLineEdit | None:
        """The fixed box, else this window's focused line edit (even while another is active)."""
        if self._fixed is not None:
            return self._fixed
        focused = self.window().focusWidget()
        if isinstance(focused, QLineEdit):
            self._followed = focused
        return self._followed

    # typing -------------------------------------------------------------------
    def press(self, key: str) -> None:
        box = self.target()
        if box is None or not box.isEnabled():
            return
        if not box.hasFocus():
            box.setFocus()
        if key == "enter":
            qt, kinds = QtCore.Qt, (QtCore.QEvent.Type.KeyPress, QtCore.QEvent.Type.KeyRelease)
            for kind in kinds:  # as a keyboard's Enter: returnPressed, a grid's next box
                event = QKeyEvent(kind, qt.Key.Key_Return, qt.KeyboardModifier.NoModifier, "\r")
                QApplication.sendEvent(box, event)
        elif box.isReadOnly():
            return
        elif key == "back":
            box.backspace()
        elif key == "clear":
            box.clear()
        else:
            box.insert(key)
