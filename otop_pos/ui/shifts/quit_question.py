"""The question before the till closes with its shift still open: close it now, leave it
open and quit, or cancel (the default, so a stray Enter from the scanner never quits)."""

from __future__ import annotations

import logging

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QMessageBox, QWidget

from otop_pos.domain.staff.permissions import Permission
from otop_pos.operations.session import Session
from otop_pos.operations.shifts import shifts
from otop_pos.ui.texts.i18n import tr

log = logging.getLogger(__name__)


class ShiftOpenQuestion(QMessageBox):
    """Asks once; says what was chosen by a signal. The caller connects and opens it."""

    close_shift = Signal()
    leave_open = Signal()
    cancelled = Signal()

    def __init__(self, parent: QWidget, opened_by: str, may_close: bool) -> None:
        text = tr("quit_shift_text" if may_close else "quit_shift_login", name=opened_by)
        super().__init__(QMessageBox.Icon.Question, tr("quit_shift_title"), text,
                         QMessageBox.StandardButton.NoButton, parent)  # fmt: skip
        self.setObjectName("shiftOpenQuestion")
        self.close_button = None
        if may_close:
            self.close_button = self.addButton(tr("quit_close_shift"), self.ButtonRole.AcceptRole)
            self.close_button.setObjectName("quitCloseShift")
        self.leave_button = self.addButton(tr("quit_leave_shift"), self.ButtonRole.DestructiveRole)
        self.leave_button.setObjectName("quitLeaveShift")
        self.cancel_button = self.addButton(tr("quit_cancel"), self.ButtonRole.RejectRole)
        self.cancel_button.setObjectName("quitCancel")
        self.setDefaultButton(self.cancel_button)
        self.setEscapeButton(self.cancel_button)
        self.buttonClicked.connect(self._chosen)

    def _chosen(self, button: object) -> None:
        if button is self.close_button:
            self.close_shift.emit()
        elif button is self.leave_button:
            self.leave_open.emit()
        else:
            self.cancelled.emit()


def shift_open_question(parent: QWidget, session: Session) -> ShiftOpenQuestion | None:
    """The question when this till has a shift open; None when none is (or it cannot be read:
    a fault here never stands between the person and the door)."""
    try:  # whether a shift is open asks no permission: the door is for everyone
        shift = shifts.current(session)
    except Exception:
        log.exception("shift not read before quitting")
        return None
    if shift is None:
        return None
    may_close = True
    try:
        session.require(Permission.SHIFT)
    except Exception:  # nobody logged in (the login screen), or not allowed
        may_close = False
    return ShiftOpenQuestion(parent, str(shift.get("opened_by_name") or ""), may_close)
