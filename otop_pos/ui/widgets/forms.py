"""Form pieces every screen shares: boxes marked bad, big buttons, messages, refusals."""

from __future__ import annotations

from collections.abc import Callable, Mapping

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractSpinBox,
    QDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QWidget,
)

from otop_pos.operations.errors import OperationError, describe, user_message
from otop_pos.ui.texts.i18n import language, tr

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


def refusal_text(exc: BaseException, doing: str = "") -> str:
    """What a screen shows for a failed action, in its language: a refusal, a full disk or a
    printer that is off in its own words; a bug as one plain sentence, its traceback logged."""
    return describe(exc, language(), doing)


def show_refusal(exc: OperationError, message: QLabel, boxes: Mapping[str, QWidget]) -> None:
    """The refusal's text under the form; the box it names (if any) red and focused."""
    say(message, user_message(exc, language()), error=True)
    box = boxes.get(getattr(exc, "field", ""))
    if box is not None:
        mark_box(box, True)
        focus_box(box)


def ask_yes_no(
    parent: QWidget, name: str, title: str, text: str, yes: str, no: str,
    icon: QMessageBox.Icon = QMessageBox.Icon.Question,
) -> QMessageBox:  # fmt: skip
    """A question with its answers written out (clearer than Qt's ใช่/ไม่ใช่); No by default,
    so a stray Enter from the scanner never says yes. The caller connects and opens it."""
    buttons = QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No
    box = QMessageBox(icon, title, text, buttons, parent)
    box.setObjectName(name)
    box.button(QMessageBox.StandardButton.Yes).setText(yes)
    box.button(QMessageBox.StandardButton.No).setText(no)
    box.setDefaultButton(QMessageBox.StandardButton.No)
    return box
