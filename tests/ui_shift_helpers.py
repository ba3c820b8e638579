"""Driving the shift dialogs: a till with a float, two teas sold, boxes and labels found by name."""

from __future__ import annotations

from helpers import CASHIER_PIN, make_centre
from PySide6.QtWidgets import QDialog, QLabel, QLineEdit, QWidget
from pytestqt.qtbot import QtBot

from otop_pos.db.store import Store
from otop_pos.domain.money import Money
from otop_pos.domain.selling.cart import Cart
from otop_pos.operations import auth
from otop_pos.operations.selling import cart as selling
from otop_pos.operations.selling import checkout
from otop_pos.operations.session import Session
from otop_pos.operations.shifts import shifts


def till(store: Store, **settings: object) -> Session:
    """A centre that needs an open shift to sell, with the cashier logged in."""
    session = make_centre(store, require_shift=True, **settings)
    auth.login(session, 2, CASHIER_PIN)
    return session


def shown(qtbot: QtBot, dialog: QDialog) -> QDialog:
    dialog.open()
    qtbot.waitExposed(dialog)
    return dialog


def box(dialog: QWidget, name: str) -> QLineEdit:
    found = dialog.findChild(QLineEdit, name)
    assert found is not None, name
    return found


def label(dialog: QWidget, name: str) -> str:
    found = dialog.findChild(QLabel, name)
    assert found is not None, name
    return found.text()


def open_float(session: Session, thousands: int = 1, hundreds: int = 5) -> None:
    shifts.open_shift(session, shifts.parse_count({100000: str(thousands), 10000: str(hundreds)}))


def sell_two_teas(session: Session) -> str:
    """171.00 in cash (2 x 85.50)."""
    cart = Cart()
    selling.scan(session, cart, "2*8850000000021")
    return checkout.complete_cash_sale(session, cart, Money.baht(200)).receipt_no
