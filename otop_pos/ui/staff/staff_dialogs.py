"""The staff screen's forms (add, rename, a new PIN) and any user's own PIN change.

A PIN is typed twice, and the two must match before anything is asked of
the operation, which then judges the PIN itself (4-8 digits, not 1111 or
1234). A refusal shows under the form and marks the box it is about; what
was typed stays, except the PIN boxes, which are cleared to be typed again.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from otop_pos.domain.staff.permissions import Role
from otop_pos.operations.errors import FieldError, OperationError
from otop_pos.operations.session import Session
from otop_pos.operations.staff import pins, users
from otop_pos.operations.staff.users import StaffMember
from otop_pos.ui.texts.i18n import tr
from otop_pos.ui.widgets.forms import (
    BOX_HEIGHT,
    action_row,
    finish_button,
    mark_box,
    message_label,
    say,
    show_refusal,
    title_label,
)


def pin_box(name: str, caption: str) -> QLineEdit:
    box = QLineEdit()
    box.setObjectName(name)
    box.setAccessibleName(caption)
    box.setEchoMode(QLineEdit.EchoMode.Password)
    box.setMaxLength(8)
    box.setInputMethodHints(Qt.InputMethodHint.ImhDigitsOnly | Qt.InputMethodHint.ImhSensitiveData)
    box.setMinimumHeight(BOX_HEIGHT)
    box.setStyleSheet("font-size: 22px;")
    return box


def text_box(name: str, caption: str, text: str = "") -> QLineEdit:
    box = QLineEdit(text)
    box.setObjectName(name)
    box.setAccessibleName(caption)
    box.setMinimumHeight(BOX_HEIGHT)
    return box


def role_text(role: Role) -> str:
    return tr(f"sf_role_{Role(role).value}")


class StaffForm(QDialog):
    """A form with named boxes, a message line and Cancel / Save; ``act`` does the work."""

    saved = Signal(str)  # what was done, for the screen's message line

    def __init__(self, name: str, title: str, parent: QWidget | None) -> None:
        super().__init__(parent)
        self.setObjectName(name)
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.setWindowTitle(title)
        self.boxes: dict[str, QWidget] = {}
        self.form = QFormLayout()
        self.message = message_label(f"{name}Message")
        self.message.setStyleSheet("font-weight: bold;")
        actions, self.ok, self.cancel = action_row(self, tr("sf_save"), f"{name}Ok", self.confirm)
        layout = QVBoxLayout(self)
        layout.addWidget(title_label(title))
        layout.addLayout(self.form)
        layout.addWidget(self.message)
        layout.addLayout(actions)
        self.setMinimumWidth(520)

    def add_box(self, field: str, caption: str, box: QWidget) -> QWidget:
        self.boxes[field] = box
        self.form.addRow(caption, box)
        if isinstance(box, QLineEdit):
            box.returnPressed.connect(self._next_or_confirm)
        return box

    def _next_or_confirm(self) -> None:
        boxes = [b for b in self.boxes.values() if isinstance(b, QLineEdit)]
        empty = [b for b in boxes if not b.text()]
        (empty[0].setFocus if empty else self.confirm)()

    def pins_match(self, pin: str = "pin", again: str = "pin_again") -> bool:
        first, second = self.boxes[pin], self.boxes[again]
        assert isinstance(first, QLineEdit) and isinstance(second, QLineEdit)
        if first.text() == second.text():
            return True
        self.refuse(FieldError(tr("sf_pin_mismatch"), tr("sf_pin_mismatch"), pin))
        mark_box(second, True)
        return False

    def refuse(self, exc: OperationError) -> None:
        for box in self.boxes.values():
            mark_box(box, False)
        for field, box in self.boxes.items():  # a PIN is typed again, never kept on screen
            if "pin" in field and isinstance(box, QLineEdit):
                box.clear()
        show_refusal(exc, self.message, self.boxes)

    def run(self, act: Callable[[], str], stay: bool = False) -> None:
        """Do it; close on success, or with ``stay`` say so here and leave a Close button."""
        try:
            done = act()
        except OperationError as exc:
            self.refuse(exc)
            return
        self.saved.emit(done)
        if not stay:
            self.accept()
            return
        for box in self.boxes.values():
            box.setEnabled(False)
        say(self.message, done)
        finish_button(self.ok, self.cancel)
        self.ok.clicked.disconnect()
        self.ok.clicked.connect(self.accept)

    def confirm(self) -> None:  # pragma: no cover - every form overrides it
        raise NotImplementedError


class AddUserDialog(StaffForm):
    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__("addUser", tr("sf_add_title"), parent)
        self.session = session
        self.user_id: int | None = None
        self.name = self.add_box("name", tr("sf_name"), text_box("addUserName", tr("sf_name")))
        self.role = QComboBox()
        self.role.setObjectName("addUserRole")
        self.role.setAccessibleName(tr("sf_role"))
        self.role.setMinimumHeight(BOX_HEIGHT)
        for role in (Role.CASHIER, Role.MANAGER):
            self.role.addItem(role_text(role), role)
        self.add_box("role", tr("sf_role"), self.role)
        self.add_box("pin", tr("sf_pin"), pin_box("addUserPin", tr("sf_pin")))
        self.add_box(
            "pin_again", tr("sf_pin_again"), pin_box("addUserPinAgain", tr("sf_pin_again"))
        )
        rule = QLabel(tr("sf_pin_rule"))
        rule.setWordWrap(True)
        rule.setStyleSheet("color: #57606a;")
        self.form.addRow("", rule)
        self.name.setFocus()

    def confirm(self) -> None:
        if not self.pins_match():
            return
        name, pin = self.name.text(), self.boxes["pin"].text()  # type: ignore[attr-defined]
        role = Role(self.role.currentData())

        def act() -> str:
            self.user_id = users.add_user(self.session, name, role, pin)
            return tr("sf_added", name=" ".join(name.split()))

        self.run(act)


class RenameDialog(StaffForm):
    def __init__(
        self, session: Session, member: StaffMember, parent: QWidget | None = None
    ) -> None:
        super().__init__("renameUser", tr("sf_rename_title"), parent)
        self.session, self.member = session, member
        self.name = self.add_box("name", tr("sf_name"),
                                 text_box("renameUserName", tr("sf_name"), member.name))  # fmt: skip
        self.name.setFocus()

    def confirm(self) -> None:
        name = self.name.text()  # type: ignore[attr-defined]

        def act() -> str:
            users.rename_user(self.session, self.member.id, name)
            return tr("sf_renamed", name=" ".join(name.split()))

        self.run(act)


class ResetPinDialog(StaffForm):
    def __init__(
        self, session: Session, member: StaffMember, parent: QWidget | None = None
    ) -> None:
        super().__init__("resetPin", tr("sf_reset_title", name=member.name), parent)
        self.session, self.member = session, member
        self.add_box("pin", tr("sf_pin"), pin_box("resetPinNew", tr("sf_pin")))
        self.add_box("pin_again", tr("sf_pin_again"), pin_box("resetPinAgain", tr("sf_pin_again")))
        self.boxes["pin"].setFocus()

    def confirm(self) -> None:
        if not self.pins_match():
            return
        pin = self.boxes["pin"].text()  # type: ignore[attr-defined]

        def act() -> str:
            pins.reset_pin(self.session, self.member.id, pin)
            return tr("sf_pin_done", name=self.member.name)

        self.run(act)


class ChangeOwnPinDialog(StaffForm):
    """Any logged-in user: the current PIN, then the new one twice."""

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__("ownPin", tr("sf_own_title"), parent)
        self.session = session
        self.add_box("old_pin", tr("sf_old_pin"), pin_box("ownPinOld", tr("sf_old_pin")))
        self.add_box("pin", tr("sf_new_pin"), pin_box("ownPinNew", tr("sf_new_pin")))
        self.add_box("pin_again", tr("sf_pin_again"), pin_box("ownPinAgain", tr("sf_pin_again")))
        self.boxes["old_pin"].setFocus()

    def confirm(self) -> None:
        if not self.pins_match():
            return
        old = self.boxes["old_pin"].text()  # type: ignore[attr-defined]
        new = self.boxes["pin"].text()  # type: ignore[attr-defined]

        def act() -> str:
            pins.change_own_pin(self.session, old, new)
            return tr("sf_own_done")

        self.run(act, stay=True)
