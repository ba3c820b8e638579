"""The dialogs the sale screen opens by key: the F3 menu, the drawer with its reason and a
manager's approval, a past sale (F6), a full tax invoice (F7), the key map (F1).

A mixin of `SaleScreen`, kept apart so the screen's module holds scanning, paying and
printing; every dialog opens without a nested event loop and hands focus back to the
barcode field when it closes.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QDialog, QInputDialog

from otop_pos.domain.staff.permissions import Permission
from otop_pos.operations.session import Session
from otop_pos.ui.texts.i18n import tr
from otop_pos.ui.till.dialogs import KeyMapDialog


class SaleDialogs:
    """The screen provides the attributes and helpers named below."""

    session: Session
    last_receipt_no: str | None
    manager_requested: Signal

    if TYPE_CHECKING:  # SaleScreen's own

        def _say(self, text: str, level: str = "info") -> None: ...
        def _error(self, exc: BaseException) -> None: ...
        def focus_barcode(self) -> None: ...
        def shift_changed(self) -> None: ...
        def _print_shift_slip(self, closed: object) -> None: ...
        def _print_credit_note(self, refund: object) -> None: ...

    def open_menu(self) -> None:
        from otop_pos.ui.till.till_menu import TillMenuDialog

        menu = TillMenuDialog(self.session, self)  # type: ignore[arg-type]
        menu.manager_requested.connect(self.manager_requested.emit)
        menu.drawer_requested.connect(self.open_drawer)
        menu.shift_closed.connect(self._print_shift_slip)
        menu.refunded.connect(self._print_credit_note)
        menu.shift_changed.connect(self.shift_changed)
        menu.done.connect(self.focus_barcode)
        menu.open()

    def open_drawer(self) -> None:
        dialog = QInputDialog(self)  # type: ignore[arg-type]
        dialog.setObjectName("drawerReasonDialog")
        dialog.setLabelText(tr("drawer_reason"))
        dialog.textValueSelected.connect(self._drawer_with_reason)
        self._open(dialog)

    def _drawer_with_reason(self, reason: str) -> None:
        from otop_pos.operations.shifts import drawer
        from otop_pos.ui.staff.approval_dialog import request_approval

        def go(approval: object) -> None:
            try:
                drawer.open_drawer(self.session, reason, approval)  # type: ignore[arg-type]
            except Exception as exc:
                self._error(exc)
                return
            self._say(tr("drawer_opened"))

        dialog = request_approval(self, self.session, Permission.OPEN_DRAWER, go)  # type: ignore[arg-type]
        if dialog is not None:
            dialog.finished.connect(lambda _r: self.focus_barcode())

    def past_sale(self) -> None:
        from otop_pos.ui.manager.past_sale_dialog import PastSaleDialog

        self._open(PastSaleDialog(self.session, self))  # type: ignore[arg-type]

    def tax_invoice(self) -> None:
        from otop_pos.ui.till.tax_invoice_dialog import TaxInvoiceDialog

        self._open(TaxInvoiceDialog(self.session, self.last_receipt_no or "", self))  # type: ignore[arg-type]

    def _open(self, dialog: QDialog) -> None:
        dialog.finished.connect(lambda _r: self.focus_barcode())
        dialog.open()

    def show_keys(self) -> None:
        dialog = KeyMapDialog(self)  # type: ignore[arg-type]
        dialog.finished.connect(lambda _r: self.focus_barcode())
        dialog.open()
