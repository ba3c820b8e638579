"""The cashier's sale screen: scan, see the total, pay, print, scan again.

Only the barcode and search fields take focus, so a scanner (a keyboard
typing digits and Enter) lands in the barcode field whenever the screen is
idle. Each action calls one operation; refusals show under the field.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QResizeEvent, QShortcut
from PySide6.QtWidgets import (
    QApplication,
    QWidget,
)

from otop_pos.domain.selling.cart import Cart
from otop_pos.operations import books
from otop_pos.operations.selling import cart
from otop_pos.operations.session import Session
from otop_pos.operations.shifts import shifts
from otop_pos.ui.texts.i18n import language, tr
from otop_pos.ui.till.cart.cart_actions import CartActions
from otop_pos.ui.till.cart.cart_model import CartModel
from otop_pos.ui.till.line_edits import ask_line_amount, confirm_line
from otop_pos.ui.till.sale_dialogs import SaleDialogs
from otop_pos.ui.till.sale_layout import build_sale_layout, preview_width
from otop_pos.ui.till.sale_widgets import fill_quick_keys
from otop_pos.ui.widgets.forms import refusal_text
from otop_pos.ui.widgets.sync_status import unsent_question

if TYPE_CHECKING:
    from collections.abc import Callable

    from otop_pos.operations.printing import PrintJob, PrintResult
    from otop_pos.ui.till.payment_dialog import PaymentDialog


def load_dialogs() -> None:
    """Import the dialogs' and paying's modules; run after the first frame (MainWindow.show_sale).

    Scanning needs none of them, so the till is scan-ready before they load.
    """
    from otop_pos.operations.selling import checkout, receipts  # noqa: F401
    from otop_pos.ui.till import payment_dialog, tax_invoice_dialog, weight_dialog  # noqa: F401


class SaleScreen(CartActions, SaleDialogs, QWidget):
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
        self.clear_messages()  # the last person's refusals and change are not this one's
        self.show_held_count()
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

            dialog = OpenShiftDialog(self.session, self)
            dialog.opened.connect(lambda _id: self.shift_changed())
            self._open(dialog)

    def _print_shift_slip(self, closed: object) -> None:
        from otop_pos.operations.shifts import day_documents
        from otop_pos.ui.widgets.print_queue import print_document  # sent on a printing thread

        def done(result: PrintResult) -> None:
            ok = result.ok
            self._say(tr("slip_printed") if ok else tr("not_printed_doc", why=result.message),
                      "info" if ok else "error")  # fmt: skip

        print_document(self, lambda: day_documents.shift_slip_job(self.session, closed),  # type: ignore[arg-type]
                       done, "printing a shift slip")  # fmt: skip

    def print_later(self, make_job: Callable[[], PrintJob], doc_no: str, what: str) -> None:
        """A document for the counter's printer (a full tax invoice), sent on the printing
        thread; whether it printed is said here, as the dialog may be gone by then."""
        from otop_pos.ui.widgets.print_queue import print_document

        def done(result: PrintResult) -> None:
            self._say(tr("doc_printed", no=doc_no) if result.ok
                      else tr("not_printed_doc", why=result.message),
                      "info" if result.ok else "error")  # fmt: skip

        print_document(self, make_job, done, what)

    def _print_credit_note(self, refund: object) -> None:
        from otop_pos.operations.selling import credit_notes
        from otop_pos.ui.widgets.print_queue import print_document  # sent on a printing thread

        no = getattr(refund, "credit_note_no", None)
        if not no:
            return

        def done(result: PrintResult) -> None:
            self._say(tr("credit_printed", no=no) if result.ok
                      else tr("not_printed_doc", why=result.message),
                      "info" if result.ok else "error")  # fmt: skip

        print_document(self, lambda: credit_notes.credit_note_job(self.session, refund.refund_no),  # type: ignore[attr-defined]
                       done, "printing a credit note")  # fmt: skip

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

    def clear_messages(self) -> None:
        """Forget what was said to the last person: a refusal, the last sale's change."""
        self._say(" ")
        self.last_change.setText(" ")

    def shift_changed(self) -> None:
        """A shift opened or closed: a refusal said before ("no shift open") no longer applies."""
        if self.message.property("level") == "error":
            self._say(" ")

    def resizeEvent(self, event: QResizeEvent) -> None:
        """On a narrow screen the on-screen receipt gives its room to the cart."""
        super().resizeEvent(event)
        width = preview_width(event.size().width()) if self.preview_wanted else 0
        if width and width != self.preview.width():
            self.preview.setFixedWidth(width)
        if self.preview.isVisibleTo(self) != bool(width):
            self.preview.setVisible(bool(width))

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
        self.last_change.setText(" ")  # the next customer: the last one's change is gone
        try:
            added = cart.scan(self.session, self.cart, text)
        except Exception as exc:
            self._error(exc)
            return
        self._added(added)

    def _added(self, added: cart.Added | cart.Weigh) -> None:
        self.last_change.setText(" ")  # also a quick key or a search pick
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
            if not self.cart.is_empty:  # not held: the refusal shows, nobody leaves
                return
        self.clear_messages()
        self.logout_requested.emit()
