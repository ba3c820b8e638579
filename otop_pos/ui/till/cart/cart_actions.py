"""What the cashier does to the cart in progress: remove a line, change its quantity or
weight, hold it, resume a held one, void it.

A mixin of `SaleScreen`, kept apart so the screen's module holds scanning, paying and
printing; each method calls one operation of `operations/selling/cart.py` and shows a
refusal under the barcode field.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QDialog, QPushButton

from otop_pos.domain.catalogue.units import is_measured
from otop_pos.domain.selling.cart import Cart, ProductRef
from otop_pos.operations.selling import cart
from otop_pos.operations.session import Session
from otop_pos.ui.texts.i18n import tr
from otop_pos.ui.till.cart.cart_model import CartModel
from otop_pos.ui.till.dialogs import HeldSalesDialog
from otop_pos.ui.till.line_edits import ask_qty, confirm_line
from otop_pos.ui.widgets.forms import ask_yes_no, refusal_text

if TYPE_CHECKING:
    from otop_pos.ui.till.weight_dialog import WeightDialog

log = logging.getLogger(__name__)


class CartActions:
    """The cart's actions; the screen provides the attributes and helpers named below."""

    session: Session
    cart: Cart
    model: CartModel
    hold_button: QPushButton

    if TYPE_CHECKING:  # SaleScreen's own

        def _say(self, text: str, level: str = "info") -> None: ...
        def _error(self, exc: BaseException) -> None: ...
        def _after_change(self, row: int | None = None) -> None: ...
        def _added(self, added: cart.Added | cart.Weigh) -> None: ...
        def _open(self, dialog: QDialog) -> None: ...
        def _selected_row(self) -> int | None: ...
        def focus_barcode(self) -> None: ...

    def ask_weight(self, product: ProductRef, row: int | None = None) -> None:
        """The weight prompt for a new weighed line, or (``row``) to weigh a line again."""
        from otop_pos.ui.till.weight_dialog import WeightDialog

        qty = None if row is None else self.cart.lines[row].qty
        dialog = WeightDialog(product, self, qty)  # type: ignore[arg-type]
        dialog.accepted.connect(lambda: self._weighed(dialog, row))
        self._open(dialog)

    def _weighed(self, dialog: WeightDialog, row: int | None) -> None:
        try:
            if row is not None:
                before = self.cart.lines[row].qty
                cart.set_weight(self.session, self.cart, row, dialog.text(), dialog.small)
                self._after_change(row)
                if self.cart.lines[row].qty > before:
                    confirm_line(self, row, self.cart.lines[row].qty - before)  # type: ignore[arg-type]
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
        ask_qty(self, row)  # type: ignore[arg-type]

    def hold(self) -> None:
        try:
            cart.hold(self.session, self.cart)
        except Exception as exc:
            self._error(exc)
            return
        self._after_change()
        self._say(tr("held_now", n=self.show_held_count()))

    def hold_for_close(self) -> bool:
        """Hold the cart as the till closes (window, logout, SIGTERM); False if it could not be."""
        try:
            cart.hold(self.session, self.cart, tr("held_on_quit"))
        except Exception as exc:
            log.exception("cart not held on closing")
            self._say(tr("quit_hold_failed", why=refusal_text(exc)), "error")
            return False
        self.model.refresh()
        return True

    def show_held_count(self) -> int:
        """The hold key says how many bills wait: 'พักบิล (F8) · 2'."""
        try:
            n = len(cart.held_sales(self.session))
        except Exception:
            log.exception("held sales not counted")
            n = 0
        self.hold_button.setText(tr("hold_count", n=n) if n else tr("hold"))
        self.hold_button.setAccessibleName(self.hold_button.text())
        return n

    def resume(self) -> None:
        dialog = HeldSalesDialog(cart.held_sales(self.session), self)  # type: ignore[arg-type]
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
        self.show_held_count()

    def void(self) -> None:
        if self.cart.is_empty:
            return
        box = ask_yes_no(self, "voidConfirm", tr("void"), tr("void_confirm"), tr("void_yes"),  # type: ignore[arg-type]
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
