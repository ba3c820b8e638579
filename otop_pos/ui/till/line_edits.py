"""What the cashier does to the selected cart line: F4 quantity, F5 discount, Shift+F5 price.

The amount is asked first; a manager's PIN only when the rule needs one (a
discount over the centre's limit, any price override), so a small discount
costs the cashier one box and Enter. The quantity box takes text, not a
clamped spin box: what was typed is taken exactly or refused with the reason,
and the box opens again with the same text. A line over the centre's amount
or beyond the stock on hand is asked about once; "No" takes back what was
just added.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import QInputDialog, QMessageBox

from otop_pos.domain.staff.permissions import Permission
from otop_pos.operations.selling import line_checks, line_prices
from otop_pos.ui.texts.i18n import language, tr

if TYPE_CHECKING:
    from otop_pos.ui.till.sale_screen import SaleScreen

ACTIONS = {
    "discount": (line_prices.discount_line, Permission.DISCOUNT, "discountDialog"),
    "price": (line_prices.override_price, Permission.PRICE_OVERRIDE, "priceDialog"),
}


def ask_line_amount(screen: SaleScreen, what: str) -> None:
    row = screen.table.selected_row()
    if row is None:
        screen._say(tr("select_line"), "error")
        return
    dialog = QInputDialog(screen)
    dialog.setObjectName(ACTIONS[what][2])
    dialog.setLabelText(tr(f"{what}_prompt"))
    dialog.textValueSelected.connect(lambda text: _apply(screen, row, text, what))
    screen._open(dialog)


def _apply(screen: SaleScreen, row: int, text: str, what: str) -> None:
    from otop_pos.ui.staff.approval_dialog import request_approval

    action, permission, _name = ACTIONS[what]
    try:
        amount = line_prices.parse_price(text, what)
    except Exception as exc:
        screen._error(exc)
        return

    def go(approval: object) -> None:
        try:
            action(screen.session, screen.cart, row, amount, approval)  # type: ignore[arg-type]
        except Exception as exc:
            screen._error(exc)
            return
        screen._after_change(row)

    cart = screen.cart
    if what == "discount" and not line_prices.needs_approval(screen.session, cart, row, amount):
        go(None)
    else:
        dialog = request_approval(screen, screen.session, permission, go)
        if dialog is not None:
            dialog.finished.connect(lambda _r: screen.focus_barcode())


def ask_qty(screen: SaleScreen, row: int, text: str | None = None) -> None:
    """The quantity box of a piece line, holding ``text`` when it was refused."""
    dialog = QInputDialog(screen)
    dialog.setObjectName("qtyDialog")
    dialog.setInputMode(QInputDialog.InputMode.TextInput)
    dialog.setLabelText(tr("qty_prompt"))
    dialog.setTextValue(str(screen.cart.lines[row].qty) if text is None else text)
    dialog.textValueSelected.connect(lambda typed: _typed(screen, row, typed))
    screen._open(dialog)


def _typed(screen: SaleScreen, row: int, text: str) -> None:
    before = screen.cart.lines[row].qty
    try:
        line_checks.type_qty(screen.session, screen.cart, row, text)
    except Exception as exc:
        screen._error(exc)
        ask_qty(screen, row, text)  # the same text again, to correct
        return
    screen._after_change(row)
    added = screen.cart.lines[row].qty - before
    if added > 0:
        confirm_line(screen, row, added)


def confirm_line(screen: SaleScreen, row: int, added: int) -> None:
    """Ask before a line over the centre's amount, or beyond stock, stays; No takes ``added`` back."""
    asks = line_checks.line_confirmations(screen.session, screen.cart, row)
    if not asks:
        return
    reasons = "\n".join(a.english if language() == "en" else a.thai for a in asks)
    box = QMessageBox(
        QMessageBox.Icon.Warning,
        tr("confirm_line_title"),
        f"{reasons}\n\n{tr('confirm_line_keep')}",
        QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
        screen,
    )
    box.setObjectName("confirmLine")
    box.setDefaultButton(QMessageBox.StandardButton.No)  # a stray Enter from the scanner undoes
    box.rejected.connect(lambda: _take_back(screen, row, added))
    screen._open(box)


def _take_back(screen: SaleScreen, row: int, added: int) -> None:
    try:
        line_checks.take_back(screen.session, screen.cart, row, added)
    except Exception as exc:
        screen._error(exc)
        return
    screen._say(tr("confirm_line_taken_back"))
    screen._after_change(min(row, len(screen.cart.lines) - 1) if screen.cart.lines else None)
