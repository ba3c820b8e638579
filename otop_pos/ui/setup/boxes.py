"""The wizard's boxes by field name: what they hold as a `CentreForm`, and a refusal at its box.

Every page adds its rows here, so the whole form is read in one place and a
refusal from the operation (`FieldError.field`) finds its box and the line
under it, whichever page it is on.
"""

from __future__ import annotations

from dataclasses import fields

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from otop_pos.operations.errors import FieldError, user_message
from otop_pos.operations.setup.centre import CentreForm
from otop_pos.ui.texts.i18n import language
from otop_pos.ui.widgets.forms import BOX_HEIGHT, ERROR_TEXT, focus_box, mark_box

_FORM_FIELDS = {f.name for f in fields(CentreForm)}


class SetupBoxes:
    """Every box of the wizard by its field name, and the error line under its row."""

    def __init__(self) -> None:
        self.boxes: dict[str, QLineEdit] = {}
        self.checks: dict[str, QCheckBox] = {}
        self.errors: dict[str, QLabel] = {}
        self.values: dict[str, str] = {}  # fields set by choices rather than boxes (lang)

    def line(self, name: str, placeholder: str = "", password: bool = False) -> QLineEdit:
        box = QLineEdit()
        box.setObjectName(f"setup_{name}")
        box.setAccessibleName(placeholder or name)
        box.setPlaceholderText(placeholder)
        box.setMinimumHeight(BOX_HEIGHT)
        if password:
            box.setEchoMode(QLineEdit.EchoMode.Password)
            box.setMaxLength(8)
        box.textEdited.connect(lambda _text, b=box: mark_box(b, False))
        self.boxes[name] = box
        return box

    def check(self, name: str, text: str) -> QCheckBox:
        box = QCheckBox(text)
        box.setObjectName(f"setup_{name}")
        self.checks[name] = box
        return box

    def row(self, form: QFormLayout, label: str, *parts: QWidget) -> None:
        """One labelled row: its boxes side by side, and one error line under them."""
        holder = QWidget()
        column = QVBoxLayout(holder)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(2)
        line = QHBoxLayout()
        for part in parts:
            line.addWidget(part, 1)
        column.addLayout(line)
        error = QLabel("")
        error.setWordWrap(True)
        error.setStyleSheet(ERROR_TEXT)
        error.hide()
        column.addWidget(error)
        for name, box in [*self.boxes.items(), *self.checks.items()]:
            if box in parts:
                error.setObjectName(f"setupError_{name}")
                self.errors[name] = error
        caption = QLabel(label)
        caption.setFixedHeight(BOX_HEIGHT)  # level with the box, not with its error line
        caption.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        form.addRow(caption, holder)

    def form(self) -> CentreForm:
        values: dict[str, object] = {n: b.text() for n, b in self.boxes.items()}
        values.update({n: b.isChecked() for n, b in self.checks.items()})
        values.update(self.values)
        return CentreForm(**{k: v for k, v in values.items() if k in _FORM_FIELDS})  # type: ignore[arg-type]

    def clear(self, names: tuple[str, ...]) -> None:
        for name in names:
            if name in self.boxes:
                mark_box(self.boxes[name], False)
            if name in self.errors:
                self.errors[name].hide()

    def show(self, exc: FieldError) -> bool:
        """The refusal under its box, the box red and focused; False if no box has that name."""
        error = self.errors.get(exc.field)
        if error is None:
            return False
        error.setText(user_message(exc, language()))
        error.show()
        box = self.boxes.get(exc.field)
        if box is not None:
            mark_box(box, True)
            focus_box(box)
        return True
