"""Opening a shift with nothing in the drawer is asked about first; a counted float is not."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox, QPushButton, QWidget
from pytestqt.qtbot import QtBot
from ui_shift_helpers import box, shown, till

from otop_pos.db.store import Store
from otop_pos.domain.money import Money
from otop_pos.operations.shifts import shifts
from otop_pos.ui.shifts.shift_dialogs import OpenShiftDialog

pytestmark = pytest.mark.gui


def click(where: QWidget, name: str, qtbot: QtBot) -> None:
    button = where.findChild(QPushButton, name)
    assert button is not None, name
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def test_a_zero_float_asks_and_no_goes_back_to_the_count(
    qtbot: QtBot, host: QWidget, store: Store
) -> None:
    session = till(store)
    dialog = shown(qtbot, OpenShiftDialog(session, host))
    click(dialog, "openShiftOk", qtbot)
    question = dialog.zero_question
    assert isinstance(question, QMessageBox) and question.isVisible()
    assert "0 บาท" in question.text()
    assert question.defaultButton() is question.button(QMessageBox.StandardButton.No)
    assert shifts.current(session) is None  # nothing opened while it asks
    qtbot.mouseClick(question.button(QMessageBox.StandardButton.No), Qt.MouseButton.LeftButton)
    assert shifts.current(session) is None and dialog.isVisible()
    assert dialog.focusWidget() is box(dialog, "count_100000")  # back to counting

    click(dialog, "openShiftOk", qtbot)
    question = dialog.zero_question
    assert question is not None
    with qtbot.waitSignal(dialog.opened):
        qtbot.mouseClick(question.button(QMessageBox.StandardButton.Yes), Qt.MouseButton.LeftButton)
    state = shifts.current_state(session)
    assert state is not None and state.float_amount == Money(0)


def test_a_counted_float_opens_without_a_question(
    qtbot: QtBot, host: QWidget, store: Store
) -> None:
    session = till(store)
    dialog = shown(qtbot, OpenShiftDialog(session, host))
    box(dialog, "count_10000").setText("5")
    with qtbot.waitSignal(dialog.opened):
        click(dialog, "openShiftOk", qtbot)
    assert dialog.zero_question is None
    state = shifts.current_state(session)
    assert state is not None and state.float_amount == Money.baht(500)
