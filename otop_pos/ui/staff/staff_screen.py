"""The manager's staff screen: who may use the till, in which role, and their PINs.

A table of every user (deactivated ones too, so they can come back) with
the actions beside it. Each action calls one operation in
`operations/staff/`, which checks the permission and writes the journal
entry; this screen only asks, confirms what cannot be undone at a glance
(deactivating, changing a role) and shows the result or the refusal.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QDialog, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from otop_pos.domain.staff.permissions import Role
from otop_pos.operations.errors import OperationError
from otop_pos.operations.session import Session
from otop_pos.operations.staff import pins, users
from otop_pos.operations.staff.users import StaffMember
from otop_pos.ui.staff.staff_dialogs import AddUserDialog, RenameDialog, ResetPinDialog, role_text
from otop_pos.ui.texts.i18n import tr
from otop_pos.ui.widgets.forms import ask_yes_no, big_button, message_label, refusal_text, say
from otop_pos.ui.widgets.tables import cells, refit, report_table

ACTIONS = (
    ("staffAdd", "sf_add"),
    ("staffRename", "sf_rename"),
    ("staffRole", "sf_make_manager"),
    ("staffActive", "sf_deactivate"),
    ("staffResetPin", "sf_reset_pin"),
    ("staffUnlock", "sf_unlock"),
)


class StaffScreen(QWidget):
    back_requested = Signal()
    changed = Signal()  # a user was added or changed (the login screen reloads its list)

    def __init__(self, session: Session) -> None:
        super().__init__()
        self.setObjectName("staffScreen")
        self.session = session
        self.members: list[StaffMember] = []
        self.dialog: QDialog | None = None  # the open form or question, for tests
        back = big_button(tr("sf_back"), "staffBack", self.back_requested.emit)
        title = QLabel(tr("sf_title"))
        title.setStyleSheet("font-size: 20px; font-weight: bold;")
        top = QHBoxLayout()
        top.addWidget(back)
        top.addWidget(title, 1)
        headers = [tr("sf_name"), tr("sf_role"), tr("sf_status"), tr("sf_lock")]
        self.table, self.model = report_table("staffTable", headers, stretch=0)
        self.table.setStyleSheet("QTableView { font-size: 16px; }")
        self.table.verticalHeader().setDefaultSectionSize(40)
        self.table.selectionModel().selectionChanged.connect(lambda *_: self._enable())
        self.table.doubleClicked.connect(lambda _i: self.rename())
        self.buttons: dict[str, QPushButton] = {}
        slots: tuple[Callable[[], object], ...] = (self.add, self.rename, self.toggle_role,
                                                   self.toggle_active, self.reset_pin, self.unlock)  # fmt: skip
        side = QVBoxLayout()
        for (name, key), slot in zip(ACTIONS, slots, strict=True):
            self.buttons[name] = b = big_button(tr(key), name, slot)
            b.setMinimumWidth(220)
            side.addWidget(b)
        side.addStretch(1)
        hint = QLabel(tr("sf_hint"))
        hint.setWordWrap(True)
        hint.setStyleSheet("color: #57606a;")
        self.message = message_label("staffMessage")
        body = QHBoxLayout()
        body.addWidget(self.table, 1)
        body.addLayout(side)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(hint)  # at the top: a short screen never cuts it off
        layout.addWidget(self.message)
        layout.addLayout(body, 1)
        context = Qt.ShortcutContext.WidgetWithChildrenShortcut
        QShortcut(QKeySequence("Escape"), self, self.back_requested.emit, context=context)
        self.reload()

    # the table -----------------------------------------------------------------
    def reload(self, keep: int | None = None) -> None:
        """Read the users again; ``keep`` selects that user afterwards."""
        keep = keep if keep is not None else (m.id if (m := self.selected()) else None)
        try:
            self.members = users.staff(self.session)
        except OperationError as exc:
            self.members = []
            say(self.message, refusal_text(exc), error=True)
        self.model.removeRows(0, self.model.rowCount())
        for m in self.members:
            status = tr("sf_active") if m.active else tr("sf_inactive")
            lock = tr("sf_locked", s=m.locked_seconds) if m.locked else tr("sf_not_locked")
            self.model.appendRow(cells([m.name, role_text(m.role), status, lock], 99))
        refit(self.table)
        rows = [i for i, m in enumerate(self.members) if m.id == keep]
        self.table.selectRow(rows[0] if rows else 0)
        self._enable()

    def selected(self) -> StaffMember | None:
        rows = self.table.selectionModel().selectedRows() if self.members else []
        return self.members[rows[0].row()] if rows else None

    def select(self, user_id: int) -> None:
        for i, m in enumerate(self.members):
            if m.id == user_id:
                self.table.selectRow(i)

    def _enable(self) -> None:
        m = self.selected()
        for name in ("staffRename", "staffRole", "staffActive", "staffResetPin", "staffUnlock"):
            self.buttons[name].setEnabled(m is not None)
        if m is None:
            return
        role_key = "sf_make_cashier" if m.role is Role.MANAGER else "sf_make_manager"
        self.buttons["staffRole"].setText(tr(role_key))
        self.buttons["staffActive"].setText(tr("sf_deactivate" if m.active else "sf_reactivate"))
        self.buttons["staffUnlock"].setEnabled(m.locked)
        for b in self.buttons.values():
            b.setAccessibleName(b.text())

    # actions -------------------------------------------------------------------
    def _done(self, text: str, keep: int | None = None) -> None:
        say(self.message, text)
        self.reload(keep)
        self.changed.emit()

    def _open(self, dialog: QDialog) -> QDialog:
        self.dialog = dialog
        dialog.open()
        return dialog

    def _do(self, act: Callable[[], str], keep: int) -> None:
        try:
            text = act()
        except OperationError as exc:
            say(self.message, refusal_text(exc), error=True)
            return
        self._done(text, keep)

    def add(self) -> None:
        dialog = AddUserDialog(self.session, self)
        dialog.saved.connect(lambda text: self._done(text, dialog.user_id))
        self._open(dialog)

    def rename(self) -> None:
        if (m := self.selected()) is not None:
            dialog = RenameDialog(self.session, m, self)
            dialog.saved.connect(lambda text: self._done(text, m.id))
            self._open(dialog)

    def reset_pin(self) -> None:
        if (m := self.selected()) is not None:
            dialog = ResetPinDialog(self.session, m, self)
            dialog.saved.connect(lambda text: self._done(text, m.id))
            self._open(dialog)

    def _confirm(self, text: str, then: Callable[[], None]) -> None:
        box = ask_yes_no(
            self, "staffConfirm", tr("sf_confirm_title"), text, tr("sf_yes"), tr("sf_no")
        )
        box.accepted.connect(then)
        self.dialog = box
        box.open()

    def toggle_role(self) -> None:
        if (m := self.selected()) is None:
            return
        role = Role.CASHIER if m.role is Role.MANAGER else Role.MANAGER

        def act() -> str:
            users.set_role(self.session, m.id, role)
            return tr("sf_role_done", name=m.name, role=role_text(role))

        self._confirm(tr("sf_confirm_role", name=m.name, role=role_text(role)),
                      lambda: self._do(act, m.id))  # fmt: skip

    def toggle_active(self) -> None:
        if (m := self.selected()) is None:
            return

        def act() -> str:
            users.set_active(self.session, m.id, not m.active)
            return tr("sf_reactivated" if not m.active else "sf_deactivated", name=m.name)

        if m.active:
            self._confirm(tr("sf_confirm_deactivate", name=m.name), lambda: self._do(act, m.id))
        else:
            self._do(act, m.id)

    def unlock(self) -> None:
        if (m := self.selected()) is None:
            return

        def act() -> str:
            pins.unlock_user(self.session, m.id)
            return tr("sf_unlocked", name=m.name)

        self._do(act, m.id)
