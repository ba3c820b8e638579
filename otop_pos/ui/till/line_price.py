"""F5 discount and Shift+F5 price override on the selected cart line.

The amount is asked first; a manager's PIN only when the rule needs one (a
discount over the centre's limit, any price override), so a small discount
costs the cashier one box and Enter.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import QInputDialog

from otop_pos.domain.staff.permissions import Permission
from otop_pos.operations.selling import line_prices
from otop_pos.ui.texts.i18n import tr

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
