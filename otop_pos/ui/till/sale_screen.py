"""The cashier's sale screen: scan, see the total, pay, print, scan again.

Only the barcode and search fields take focus, so a scanner (a keyboard
typing digits and Enter) lands in the barcode field whenever the screen is
idle. Each action calls one operation; refusals show under the field.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QInputDialog,
    QWidget,
)

from otop_pos.domain.catalogue.units import is_measured
from otop_pos.domain.selling.cart import Cart, ProductRef
from otop_pos.domain.staff.permissions import Permission
from otop_pos.operations import books
from otop_pos.operations.selling import cart
from otop_pos.operations.session import Session
from otop_pos.operations.shifts import shifts
from otop_pos.ui.texts.i18n import language, tr
from otop_pos.ui.till.cart_model import CartModel
from otop_pos.ui.till.dialogs import HeldSalesDialog, KeyMapDialog
from otop_pos.ui.till.line_edits import ask_line_amount, ask_qty, confirm_line
from otop_pos.ui.till.sale_layout import build_sale_layout
from otop_pos.ui.till.sale_widgets import fill_quick_keys
from otop_pos.ui.widgets.forms import ask_yes_no, refusal_text
from otop_pos.ui.widgets.sync_status import unsent_question

if TYPE_CHECKING:
    from otop_pos.ui.till.payment_dialog import PaymentDialog
    from otop_pos.ui.till.weight_dialog import WeightDialog


def load_dialogs() -> None:
    """Import the dialogs' and paying's modules; run after the first frame (MainWindow.show_sale).

    Scanning needs none of them, so the till is scan-ready before they load.
    """
    from otop_pos.operations.selling import checkout, receipts  # noqa: F401
    from otop_pos.ui.till import payment_dialog, tax_invoice_dialog, weight_dialog  # noqa: F401


class SaleScreen(QWidget):
    logout_requested = Signal()
    manager_requested = Signal()
    sale_completed = Signal(str)

    def __init__(self, session: Session) -> None:
        super().__init__()
        self.setObjectName("saleScreen")
        self.session = session
        self.cart = Cart()
        self.model = CartModel(self.cart)
        self.last_receipt_no: str | None = None
        build_sale_layout(self)
        self._shortcuts()
        self.refresh_quick_keys()
        self._update_totals()

    def _shortcuts(self) -> None:
        context = Qt.ShortcutContext.WidgetWithChildrenShortcut
        for key, slot in [
            ("F1", self.show_keys),
            ("F2", self.focus_search),
            ("F3", self.open_menu),
            ("F4", self.change_qty),
            ("F5", lambda: ask_line_amount(self, "discount")),
            ("Shift+F5", lambda: ask_line_amount(self, "price")),
            ("F6", self.past_sale),
            ("F7", self.tax_invoice),
            ("F8", self.hold),
            ("F9", self.resume),
            ("F10", self.void),
            ("F11", self.reprint_last),
            ("F12", self.pay),
            ("Escape", self.focus_barcode),
        ]:
            QShortcut(QKeySequence(key), self, slot, context=context)

    def refresh_quick_keys(self) -> None:
        fill_quick_keys(self.quick_grid, cart.quick_keys(self.session), self._add_product)

    # state -----------------------------------------------------------------
    def on_login(self) -> None:
        user = self.session.user
        self.cashier_label.setText(tr("cashier", name=user.name if user else ""))
        self.focus_barcode()
        cashier = user is not None and user.role.value == "cashier"  # a manager may just be closing
        if not cashier and user is not None:
            found = books.open_problem(self.session)  # the till's own books, for the manager
            if found is not None:
                problem = found.english if language() == "en" else found.thai
                self._say(tr("books_problem", problem=problem), "error")
        if cashier and self.session.settings.require_shift and shifts.current(self.session) is None:
            from otop_pos.ui.shifts.shift_dialogs import OpenShiftDialog  # the first thing to do

            self._open(OpenShiftDialog(self.session, self))

    def open_menu(self) -> None:
        from otop_pos.ui.till.till_menu import TillMenuDialog

        menu = TillMenuDialog(self.session, self)
        menu.manager_requested.connect(self.manager_requested.emit)
        menu.drawer_requested.connect(self.open_drawer)
        menu.shift_closed.connect(self._print_shift_slip)
        menu.refunded.connect(self._print_credit_note)
        menu.done.connect(self.focus_barcode)
        menu.open()

    def open_drawer(self) -> None:
        dialog = QInputDialog(self)
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

        dialog = request_approval(self, self.session, Permission.OPEN_DRAWER, go)
        if dialog is not None:
            dialog.finished.connect(lambda _r: self.focus_barcode())

    def _print_shift_slip(self, closed: object) -> None:
        from otop_pos.operations.shifts import day_documents

        try:  # the shift is closed: a fault here is news, never a refusal
            result = day_documents.print_shift_slip(self.session, closed)  # type: ignore[arg-type]
        except Exception as exc:
            self._say(
                tr("not_printed_doc", why=refusal_text(exc, "printing a shift slip")), "error"
            )
            return
        ok = result.ok
        self._say(
            tr("slip_printed") if ok else tr("not_printed_doc", why=result.message),
            "info" if ok else "error",
        )

    def _print_credit_note(self, refund: object) -> None:
        from otop_pos.operations.selling import credit_notes

        no = getattr(refund, "credit_note_no", None)
        if not no:
            return
        try:  # the refund is saved: a fault here is news, never a refusal
            result = credit_notes.print_credit_note(self.session, refund.refund_no)  # type: ignore[attr-defined]
        except Exception as exc:
            self._say(
                tr("not_printed_doc", why=refusal_text(exc, "printing a credit note")), "error"
            )
            return
        self._say(tr("credit_printed", no=no) if result.ok else tr("not_printed_doc", why=result.message),
                  "info" if result.ok else "error")  # fmt: skip

    def focus_barcode(self) -> None:
        self.search.close_results()
        self.window().activateWindow()  # a closed dialog may leave no window active
        self.barcode.setFocus()

    def focus_search(self) -> None:
        self.search.setFocus()
        self.search.selectAll()

    def showEvent(self, event: object) -> None:
        super().showEvent(event)  # type: ignore[arg-type]
        self.focus_barcode()

    def _say(self, text: str, level: str = "info") -> None:
        if self.message.property("level") != level:  # re-polishing costs a relayout
            self.message.setProperty("level", level)
            self.message.style().unpolish(self.message)
            self.message.style().polish(self.message)
        self.message.setText(text)

    def _error(self, exc: BaseException) -> None:
        """A refusal in its own words; a bug as the plain 'recorded' sentence (and logged)."""
        self._say(refusal_text(exc), "error")
        QApplication.beep()

    def _update_totals(self, changed_row: int | None = None) -> None:
        self.model.refresh(changed_row)
        self.total_label.setText(self.cart.total.format())
        pieces = self.cart.item_count  # a weighed line is one item
        self.items_label.setText(tr("items", lines=len(self.cart.lines), pieces=pieces))

    def _select(self, row: int) -> None:
        self.table.select(row)

    def _selected_row(self) -> int | None:
        return self.table.selected_row()

    def _move_selection(self, step: int) -> None:
        current = self._selected_row()
        self._select((len(self.cart.lines) - 1) if current is None else current + step)

    def _after_change(self, row: int | None = None) -> None:
        self._update_totals(row)
        if row is not None:
            self._select(row)
        self.focus_barcode()

    # actions ---------------------------------------------------------------
    def scan_entered(self) -> None:
        text = self.barcode.text()
        if not text.strip():
            return
        self.barcode.clear()
        try:
            added = cart.scan(self.session, self.cart, text)
        except Exception as exc:
            self._error(exc)
            return
        self.last_change.setText(" ")
        self._added(added)

    def _added(self, added: cart.Added | cart.Weigh) -> None:
        if isinstance(added, cart.Weigh):  # sold by weight: ask it first
            self.ask_weight(added.product)
            return
        name = added.product.name_en if language() == "en" else added.product.name_th
        self._say(tr("added", name=name, qty=added.qty_text(language())))
        self._after_change(added.index)
        confirm_line(self, added.index, added.qty)

    def _add_product(self, product_id: int) -> None:
        try:
            added = cart.add_product(self.session, self.cart, product_id)
        except Exception as exc:
            self._error(exc)
            return
        self._added(added)

    def ask_weight(self, product: ProductRef, row: int | None = None) -> None:
        """The weight prompt for a new weighed line, or (``row``) to weigh a line again."""
        from otop_pos.ui.till.weight_dialog import WeightDialog

        qty = None if row is None else self.cart.lines[row].qty
        dialog = WeightDialog(product, self, qty)
        dialog.accepted.connect(lambda: self._weighed(dialog, row))
        self._open(dialog)

    def _weighed(self, dialog: WeightDialog, row: int | None) -> None:
        try:
            if row is not None:
                before = self.cart.lines[row].qty
                cart.set_weight(self.session, self.cart, row, dialog.text(), dialog.small)
                self._after_change(row)
                if self.cart.lines[row].qty > before:
                    confirm_line(self, row, self.cart.lines[row].qty - before)
                return
            pid = dialog.product.product_id
            added = cart.add_weighed(self.session, self.cart, pid, dialog.text(), dialog.small)
        except Exception as exc:
            self._error(exc)
            return
        self._added(added)

    def remove_selected(self) -> None:
        row = self._selected_row()
        if row is None:
            self._say(tr("select_line"), "error")
            return
        try:
            cart.remove_line(self.session, self.cart, row)
        except Exception as exc:
            self._error(exc)
            return
        self._after_change(min(row, len(self.cart.lines) - 1))

    def change_qty(self) -> None:
        row = self._selected_row()
        if row is None:
            self._say(tr("select_line"), "error")
            return
        if is_measured(self.cart.lines[row].product.unit):
            self.ask_weight(self.cart.lines[row].product, row)
            return
        ask_qty(self, row)

    def hold(self) -> None:
        try:
            cart.hold(self.session, self.cart)
        except Exception as exc:
            self._error(exc)
            return
        self._after_change()

    def resume(self) -> None:
        dialog = HeldSalesDialog(cart.held_sales(self.session), self)
        dialog.accepted.connect(lambda: self._resume(dialog.chosen))
        dialog.finished.connect(lambda _r: self.focus_barcode())
        dialog.open()

    def _resume(self, held_id: int | None) -> None:
        if held_id is None:
            return
        try:
            self.cart = cart.resume(self.session, self.cart, held_id)
        except Exception as exc:
            self._error(exc)
            return
        self.model.set_cart(self.cart)
        self._after_change(len(self.cart.lines) - 1)

    def void(self) -> None:
        if self.cart.is_empty:
            return
        box = ask_yes_no(self, "voidConfirm", tr("void"), tr("void_confirm"), tr("void_yes"),
                         tr("void_no"))  # fmt: skip
        box.accepted.connect(self._void_confirmed)
        box.finished.connect(lambda _r: self.focus_barcode())
        box.open()

    def _void_confirmed(self) -> None:
        try:
            cart.void_cart(self.session, self.cart)
        except Exception as exc:
            self._error(exc)
            return
        self._after_change()

    def past_sale(self) -> None:
        from otop_pos.ui.manager.past_sale_dialog import PastSaleDialog

        self._open(PastSaleDialog(self.session, self))

    def tax_invoice(self) -> None:
        from otop_pos.ui.till.tax_invoice_dialog import TaxInvoiceDialog

        self._open(TaxInvoiceDialog(self.session, self.last_receipt_no or "", self))

    def _open(self, dialog: QDialog) -> None:
        dialog.finished.connect(lambda _r: self.focus_barcode())
        dialog.open()

    def show_keys(self) -> None:
        dialog = KeyMapDialog(self)
        dialog.finished.connect(lambda _r: self.focus_barcode())
        dialog.open()

    def pay(self) -> None:
        if self.cart.is_empty:
            self._say(tr("cart_empty"), "error")
            return
        from otop_pos.ui.till.payment_dialog import PaymentDialog

        dialog = PaymentDialog(self.cart.total, self.session, self)
        dialog.accepted.connect(lambda: self._complete(dialog))
        dialog.finished.connect(lambda _r: self.focus_barcode())
        dialog.open()

    def _complete(self, dialog: PaymentDialog) -> None:
        try:
            from otop_pos.operations.selling import checkout  # loaded after the first frame

            result = checkout.complete_sale(self.session, self.cart, dialog.tenders)
        except Exception as exc:
            self._error(exc)
            return
        self.last_receipt_no = result.receipt_no
        self._update_totals()
        self.last_change.setText(tr("last_change", amount=result.cash.change.format()))
        self._say(tr("sale_done", no=result.receipt_no))
        self._print(result.receipt_no, open_drawer=True)
        self.sale_completed.emit(result.receipt_no)
        self.focus_barcode()

    def _print(self, receipt_no: str, open_drawer: bool = False) -> None:
        from otop_pos.ui.widgets.print_queue import print_receipt  # sent on a printing thread

        print_receipt(self, receipt_no, open_drawer)

    def reprint_last(self) -> None:
        if self.last_receipt_no:
            self._print(self.last_receipt_no)
        self.focus_barcode()

    def _logout(self) -> None:
        """Warn first when entries have not reached the provincial server (Enter still leaves)."""
        box = unsent_question(self, self.session, "logout")
        if box is None:
            self._logout_now()
            return
        box.accepted.connect(self._logout_now)
        box.rejected.connect(self.focus_barcode)
        box.open()

    def _logout_now(self) -> None:
        if not self.cart.is_empty:
            self.hold()
        self.logout_requested.emit()
