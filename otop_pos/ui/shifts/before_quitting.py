"""What the till asks before it closes: entries not yet sent, then a shift still open.

Each question is a window-modal box; its answer closes the window again, and
a question already answered is not asked twice in one attempt. Cancelling
any of them starts the next attempt from the top. The main window asks
`pending()` in its close event and does the rest (hold the cart, stop the
uploader and the backup timer, checkpoint).
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, QTimer
from PySide6.QtWidgets import QWidget

from otop_pos.operations.session import Session
from otop_pos.ui.shifts.quit_question import shift_open_question
from otop_pos.ui.widgets.sync_status import unsent_question


class BeforeQuitting(QObject):
    """The questions of one window; ``quiet`` (SIGTERM, a restore) skips them all."""

    def __init__(
        self, window: QWidget, session: Session, slip_printer: Callable[[], object | None]
    ) -> None:
        super().__init__(window)
        self.window = window
        self.session = session
        self.slip_printer = slip_printer  # the sale screen's shift-slip printer, once built
        self.answered: set[str] = set()
        self.quiet = False

    def pending(self) -> bool:
        """True while a question is on screen: the close waits for its answer."""
        if self.quiet:
            return False
        for name, ask in (("unsent", self._ask_unsent), ("shift", self._ask_shift)):
            if name not in self.answered and ask():
                return True
        return False

    def start_over(self) -> None:
        self.answered.clear()

    def _answer(self, name: str) -> None:
        self.answered.add(name)
        QTimer.singleShot(0, self.window, self.window.close)  # after the box has gone

    def _ask_unsent(self) -> bool:
        box = unsent_question(self.window, self.session, "quit")
        if box is None:
            return False
        box.accepted.connect(lambda: self._answer("unsent"))
        box.rejected.connect(self.start_over)
        box.open()
        return True

    def _ask_shift(self) -> bool:
        box = shift_open_question(self.window, self.session)
        if box is None:
            return False
        box.leave_open.connect(lambda: self._answer("shift"))
        box.close_shift.connect(self._close_shift_then_quit)
        box.cancelled.connect(self.start_over)
        box.open()
        return True

    def _close_shift_then_quit(self) -> None:
        from otop_pos.ui.shifts.shift_dialogs import CloseShiftDialog

        dialog = CloseShiftDialog(self.session, self.window)
        print_slip = self.slip_printer()
        if print_slip is not None:  # the shift slip, as the menu's close prints it
            dialog.closed.connect(print_slip)
        dialog.finished.connect(lambda _r: self._shift_dialog_done(dialog.result is not None))
        dialog.open()

    def _shift_dialog_done(self, closed: bool) -> None:
        """Quit once the count's result has been read (the dialog's OK); stay if it was left."""
        if closed:
            self._answer("shift")
        else:
            self.start_over()
