"""The till menu: the less frequent cashier and manager actions, one digit each.

Digits rather than F-keys: the sale screen already uses F1-F12, and a digit
is what a tired cashier finds first. Each choice closes the menu and opens
its dialog under the menu's parent; the menu lives on until that dialog
closes, so its signals still tell the sale screen what changed.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QDialog, QGridLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from otop_pos.operations.errors import OperationError, user_message
from otop_pos.operations.session import Session
from otop_pos.operations.shifts import shifts
from otop_pos.ui.shifts.shift_dialogs import CashMoveDialog, CloseShiftDialog, OpenShiftDialog
from otop_pos.ui.texts.i18n import language, tr
from otop_pos.ui.till.refund_dialogs import RefundDialog, VoidSaleDialog
from otop_pos.ui.widgets.forms import big_button

ACTIONS = (
    ("menuOpenShift", "menu_open_shift"),
    ("menuCashMove", "menu_cash_move"),
    ("menuCloseShift", "menu_close_shift"),
    ("menuVoid", "menu_void"),
    ("menuRefund", "menu_refund"),
    ("menuDrawer", "menu_drawer"),
    ("menuManager", "menu_manager"),
    ("menuChangePin", "menu_change_pin"),
)


class TillMenuDialog(QDialog):
    """Big buttons 1-8; a button that cannot apply now is disabled and says why."""

    drawer_requested = Signal()
    manager_requested = Signal()
    shift_changed = Signal()  # a shift was opened or closed, or cash moved in or out
    sale_changed = Signal()  # a sale was voided or refunded
    shift_closed = Signal(object)  # the ShiftClose, for the shift slip
    refunded = Signal(object)  # the RefundResult, for the credit note
    done = Signal()  # the menu, or the dialog chosen from it, has closed

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("tillMenu")
        self.setWindowTitle(tr("menu_title"))
        self.session = session
        self.child: QDialog | None = None
        self.finished.connect(self._closed)
        slots = (self.open_shift, self.cash_move, self.close_shift, self.void_sale,
                 self.refund, self.drawer, self.manager, self.change_pin)  # fmt: skip
        self.buttons: dict[str, QPushButton] = {}
        grid = QGridLayout()
        grid.setSpacing(12)
        for i, ((name, key), slot) in enumerate(zip(ACTIONS, slots, strict=True)):
            b = big_button(f"{i + 1}   {tr(key)}", name, slot)
            b.setMinimumSize(260, 76)
            b.setStyleSheet("font-size: 20px; text-align: left; padding-left: 18px;")
            grid.addWidget(b, i // 2, i % 2)
            self.buttons[name] = b
        hint = QLabel(tr("menu_hint"))
        hint.setStyleSheet("color: #57606a;")
        close = big_button(tr("close"), "menuClose", self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(grid)
        layout.addWidget(hint)
        layout.addWidget(close)
        self._enable()

    def _enable(self) -> None:
        """Shift actions follow whether a shift is open on this till."""
        try:
            state = shifts.current_state(self.session)
        except OperationError as exc:
            why = user_message(exc, language())
            for name in ("menuOpenShift", "menuCashMove", "menuCloseShift"):
                self._disable(name, why)
            return
        if state is None:
            self._disable("menuCashMove", tr("shift_none_open"))
            self._disable("menuCloseShift", tr("shift_none_open"))
        else:
            self._disable("menuOpenShift", tr("menu_shift_already", name=state.opened_by))

    def _disable(self, name: str, why: str) -> None:
        """Disabled, with the reason on the button too: a touch screen shows no tooltips."""
        button = self.buttons[name]
        button.setEnabled(False)
        button.setToolTip(why)
        button.setText(f"{button.text()}\n      {why}")

    def keyPressEvent(self, event: QKeyEvent) -> None:
        """1-8 press the matching button (if it applies now)."""
        digit = event.key() - Qt.Key.Key_1
        held = event.modifiers() & (
            Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier
        )
        if 0 <= digit < len(ACTIONS) and held == Qt.KeyboardModifier.NoModifier:
            button = self.buttons[ACTIONS[digit][0]]
            if button.isEnabled():
                button.click()
            return
        super().keyPressEvent(event)

    # actions -----------------------------------------------------------------
    def _launch(self, dialog: QDialog) -> QDialog:
        self.child = dialog
        dialog.finished.connect(lambda _r: self.done.emit())
        dialog.destroyed.connect(self.deleteLater)
        self.accept()
        dialog.open()
        return dialog

    def _closed(self) -> None:
        if self.child is None:  # closed without choosing: nothing else keeps the menu
            self.done.emit()
            self.deleteLater()

    def open_shift(self) -> None:
        dialog = OpenShiftDialog(self.session, self.parentWidget())
        dialog.opened.connect(lambda _id: self.shift_changed.emit())
        self._launch(dialog)

    def cash_move(self) -> None:
        dialog = CashMoveDialog(self.session, parent=self.parentWidget())
        dialog.moved.connect(lambda _seq: self.shift_changed.emit())
        self._launch(dialog)

    def close_shift(self) -> None:
        dialog = CloseShiftDialog(self.session, self.parentWidget())
        dialog.closed.connect(lambda _result: self.shift_changed.emit())
        dialog.closed.connect(self.shift_closed.emit)
        self._launch(dialog)

    def void_sale(self) -> None:
        dialog = VoidSaleDialog(self.session, parent=self.parentWidget())
        dialog.voided.connect(lambda _seq: self.sale_changed.emit())
        self._launch(dialog)

    def refund(self) -> None:
        dialog = RefundDialog(self.session, parent=self.parentWidget())
        dialog.refunded.connect(lambda _result: self.sale_changed.emit())
        dialog.refunded.connect(self.refunded.emit)
        self._launch(dialog)

    def drawer(self) -> None:
        self.accept()
        self.drawer_requested.emit()

    def change_pin(self) -> None:
        from otop_pos.ui.staff.staff_dialogs import ChangeOwnPinDialog

        self._launch(ChangeOwnPinDialog(self.session, self.parentWidget()))

    def manager(self) -> None:
        self.accept()
        self.manager_requested.emit()
