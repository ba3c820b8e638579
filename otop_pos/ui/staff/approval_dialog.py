"""A manager's PIN typed at the cashier's till, for one action.

The flow never blocks in a nested event loop: ``request_approval`` runs its
callback at once when the user may act alone, or when the manager's PIN is
accepted; a cancelled approval simply never calls it. The operation checks
the approval again, so this dialog is a convenience, not the guard.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from otop_pos.domain.staff.permissions import ACTION_TH, Permission, can
from otop_pos.operations import approvals
from otop_pos.operations.approvals import Approval
from otop_pos.operations.session import Session
from otop_pos.ui.texts.i18n import language, tr
from otop_pos.ui.widgets.forms import ERROR_TEXT, focus_box, mark_box, refusal_text
from otop_pos.ui.widgets.keypad import Keypad


def needs_approval(session: Session, permission: Permission) -> bool:
    """True when the logged-in user may not do ``permission`` alone."""
    user = session.user
    return user is not None and not can(user.role, permission)


def action_name(permission: Permission) -> str:
    if language() == "en":
        return permission.value.replace("_", " ").capitalize()
    return ACTION_TH.get(permission, permission.value)


class ManagerApprovalDialog(QDialog):
    """PIN box; Enter asks ``approvals.approve``; on success ``.approval`` is set."""

    approved = Signal(object)  # Approval

    def __init__(self, session: Session, permission: Permission, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("approvalDialog")
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.setWindowTitle(tr("approval_title"))
        self.session = session
        self.permission = permission
        self.approval: Approval | None = None

        what = QLabel(tr("approval_for", action=action_name(permission)))
        what.setObjectName("approvalAction")
        what.setWordWrap(True)
        what.setStyleSheet("font-size: 20px; font-weight: bold;")
        self.pin = QLineEdit()
        self.pin.setObjectName("approvalPin")
        self.pin.setAccessibleName(tr("approval_pin"))
        self.pin.setPlaceholderText(tr("approval_pin"))
        self.pin.setEchoMode(QLineEdit.EchoMode.Password)
        self.pin.setInputMethodHints(
            Qt.InputMethodHint.ImhDigitsOnly | Qt.InputMethodHint.ImhSensitiveData
        )
        self.pin.setStyleSheet("font-size: 28px;")
        self.pin.returnPressed.connect(self.confirm)
        self.message = QLabel("")
        self.message.setObjectName("approvalMessage")
        self.message.setWordWrap(True)
        self.message.setStyleSheet(ERROR_TEXT)

        ok = QPushButton(tr("approval_ok"))
        ok.setObjectName("approvalOk")
        ok.clicked.connect(self.confirm)
        cancel = QPushButton(tr("cancel"))
        cancel.setObjectName("approvalCancel")
        cancel.clicked.connect(self.reject)
        actions = QHBoxLayout()
        for b in (cancel, ok):
            b.setAutoDefault(False)
            b.setMinimumHeight(52)
            b.setAccessibleName(b.text())
            actions.addWidget(b)

        layout = QVBoxLayout(self)
        layout.addWidget(what)
        layout.addWidget(QLabel(tr("approval_pin")))
        layout.addWidget(self.pin)
        layout.addWidget(self.message)
        self.keypad = Keypad(self.pin, name="approvalKeypad", point=False)
        layout.addWidget(self.keypad)
        layout.addLayout(actions)
        self.setMinimumWidth(420)
        self.pin.setFocus()

    def confirm(self) -> None:
        try:
            approval = approvals.approve(self.session, self.pin.text(), self.permission)
        except Exception as exc:  # a wrong PIN, or approvals locked for a minute
            self.message.setText(refusal_text(exc))
            mark_box(self.pin, True)
            self.pin.clear()
            focus_box(self.pin)
            return
        self.approval = approval
        self.approved.emit(approval)
        self.accept()


def request_approval(
    parent: QWidget,
    session: Session,
    permission: Permission,
    then: Callable[[Approval | None], None],
) -> ManagerApprovalDialog | None:
    """Call ``then(approval)``: at once with None if no approval is needed, else once approved.

    Returns the open dialog (or None), so a test or the caller can reach it.
    """
    if not needs_approval(session, permission):
        then(None)
        return None
    dialog = ManagerApprovalDialog(session, permission, parent)
    dialog.approved.connect(then)
    dialog.open()
    return dialog
