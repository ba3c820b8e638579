"""Opening, cash in/out and closing a shift through the real dialogs on a real database."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QLabel, QPushButton, QWidget
from pytestqt.qtbot import QtBot
from ui_shift_helpers import box, label, open_float, sell_two_teas, shown, till

from otop_pos.db import journal
from otop_pos.db.store import Store
from otop_pos.domain.money import Money
from otop_pos.operations import auth
from otop_pos.operations.session import Session
from otop_pos.operations.shifts import shifts
from otop_pos.ui.shifts.shift_dialogs import CashMoveDialog, CloseShiftDialog, OpenShiftDialog
from otop_pos.ui.till.till_menu import TillMenuDialog

pytestmark = pytest.mark.gui


def test_open_a_shift_by_typing_the_count(qtbot: QtBot, store: Store, host: QWidget) -> None:
    session = till(store)
    dialog = shown(qtbot, OpenShiftDialog(session, host))
    first = box(dialog, "count_100000")
    qtbot.waitUntil(first.hasFocus)
    qtbot.keyClicks(first, "1")
    qtbot.keyClick(first, Qt.Key.Key_Return)  # on to 500
    qtbot.keyClick(box(dialog, "count_50000"), Qt.Key.Key_Down)  # on to 100
    hundreds = box(dialog, "count_10000")
    qtbot.waitUntil(hundreds.hasFocus)
    qtbot.keyClicks(hundreds, "5")
    assert label(dialog, "countAmount_10000") == "500.00"
    assert "1,500.00" in label(dialog, "countTotal")
    with qtbot.waitSignal(dialog.opened):
        qtbot.keyClick(hundreds, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    state = shifts.current_state(session)
    assert state is not None and state.float_amount == Money.baht(1500)
    assert state.opened_by == "สมศรี" and journal.verify(store).ok


@pytest.mark.parametrize(("typed", "thai"), [("-2", "ติดลบไม่ได้"), ("5x", "ตัวเลขจำนวนเต็ม")])
def test_a_bad_count_is_refused_at_its_box(
    qtbot: QtBot, store: Store, host: QWidget, typed: str, thai: str
) -> None:
    session = till(store)
    dialog = shown(qtbot, OpenShiftDialog(session, host))
    qtbot.keyClicks(box(dialog, "count_10000"), typed)
    qtbot.mouseClick(dialog.findChild(QPushButton, "openShiftOk"), Qt.MouseButton.LeftButton)
    assert thai in label(dialog, "countAmount_10000")
    qtbot.waitUntil(box(dialog, "count_10000").hasFocus)
    assert dialog.isVisible() and shifts.current_state(session) is None


def test_cash_out_needs_a_reason(qtbot: QtBot, store: Store, host: QWidget) -> None:
    session = till(store)
    open_float(session)
    dialog = shown(qtbot, CashMoveDialog(session, "out", host))
    amount = box(dialog, "cashMoveAmount")
    qtbot.waitUntil(amount.hasFocus)
    qtbot.keyClicks(amount, "120")
    qtbot.keyClick(amount, Qt.Key.Key_Return)  # no reason yet: on to the reason box
    reason = box(dialog, "cashMoveReason")
    qtbot.waitUntil(reason.hasFocus)
    qtbot.keyClick(reason, Qt.Key.Key_Return)
    assert label(dialog, "cashMoveMessage") == "กรุณาใส่เหตุผล"
    assert reason.hasFocus() and dialog.isVisible()
    qtbot.mouseClick(dialog.findChild(QPushButton, "cashMoveQuick1"), Qt.MouseButton.LeftButton)
    assert reason.text() == "ค่าขนส่ง"
    with qtbot.waitSignal(dialog.moved):
        qtbot.keyClick(reason, Qt.Key.Key_Return)
    state = shifts.current_state(session)
    assert state is not None and state.cash_out == Money.baht(120)


def _close_dialog(qtbot: QtBot, session: Session, host: QWidget) -> CloseShiftDialog:
    dialog = shown(qtbot, CloseShiftDialog(session, host))
    assert isinstance(dialog, CloseShiftDialog)
    qtbot.waitUntil(box(dialog, "count_100000").hasFocus)
    return dialog


def test_close_with_a_shortage_needs_a_note(qtbot: QtBot, store: Store, host: QWidget) -> None:
    session = till(store)
    open_float(session)
    sell_two_teas(session)  # the drawer should hold 1,671.00
    dialog = _close_dialog(qtbot, session, host)
    assert label(dialog, "expected_cash") == "1,671.00"
    qtbot.keyClicks(box(dialog, "count_100000"), "1")
    qtbot.keyClicks(box(dialog, "count_10000"), "6")  # 1,600.00: 71.00 short
    assert label(dialog, "difference_cash") == "ขาด 71.00"
    assert "ขาด 71.00" in label(dialog, "closeShiftDiff")
    ok = dialog.findChild(QPushButton, "closeShiftOk")
    qtbot.mouseClick(ok, Qt.MouseButton.LeftButton)
    assert "หมายเหตุ" in label(dialog, "closeShiftMessage")
    note = box(dialog, "closeShiftNote")
    qtbot.waitUntil(note.hasFocus)
    assert dialog.result is None and shifts.current_state(session) is not None

    note.insert("ทอนเงินผิด")  # QTest cannot type Thai
    with qtbot.waitSignal(dialog.closed):
        qtbot.keyClick(note, Qt.Key.Key_Return)
    assert dialog.result is not None and dialog.result.over_short == Money(-7100)
    assert "เงินสด: ขาด 71.00" in label(dialog, "closeShiftResult")
    assert shifts.current_state(session) is None
    assert store.scalar("SELECT note FROM shifts") == "ทอนเงินผิด"
    qtbot.keyClick(note, Qt.Key.Key_Return)  # Enter now just closes
    qtbot.waitUntil(lambda: host.findChild(QDialog, "closeShiftDialog") is None)


def test_blind_close_shows_no_expected_amounts(qtbot: QtBot, store: Store, host: QWidget) -> None:
    session = till(store, blind_close=True)
    open_float(session)
    sell_two_teas(session)
    dialog = _close_dialog(qtbot, session, host)
    blind = dialog.findChild(QLabel, "closeShiftBlind")
    assert blind.isVisible() and "ไม่แสดงยอด" in blind.text()
    assert dialog.findChild(QLabel, "expected_cash") is None
    texts = " ".join(w.text() for w in dialog.findChildren(QLabel))
    assert "1,671.00" not in texts and "ขาด" not in texts
    assert box(dialog, "tender_card").isVisible()  # every tender can be counted
    qtbot.keyClicks(box(dialog, "count_100000"), "1")
    qtbot.keyClicks(box(dialog, "count_10000"), "6")
    qtbot.keyClicks(box(dialog, "count_5000"), "1")
    qtbot.keyClicks(box(dialog, "count_2000"), "1")
    qtbot.keyClicks(box(dialog, "count_100"), "1")  # 1,671.00 exactly
    with qtbot.waitSignal(dialog.closed):
        qtbot.keyClick(box(dialog, "closeShiftNote"), Qt.Key.Key_Return)
    result = label(dialog, "closeShiftResult")
    assert "ผู้จัดการ" in result and "ขาด" not in result and "เกิน" not in result
    assert dialog.result is not None and dialog.result.over_short == Money(0)


def test_the_manager_sees_the_expected_amounts_of_a_blind_shift(
    qtbot: QtBot, store: Store, host: QWidget
) -> None:
    session = till(store, blind_close=True)
    open_float(session)
    auth.logout(session)
    auth.login(session, 1, "9999")
    dialog = _close_dialog(qtbot, session, host)
    assert label(dialog, "expected_cash") == "1,500.00"
    assert not dialog.findChild(QLabel, "closeShiftBlind").isVisible()


def test_the_till_menu_follows_the_shift(qtbot: QtBot, store: Store, host: QWidget) -> None:
    session = till(store)
    menu = shown(qtbot, TillMenuDialog(session, host))
    buttons = {b.objectName(): b for b in menu.findChildren(QPushButton)}
    assert not buttons["menuCloseShift"].isEnabled()
    assert buttons["menuCloseShift"].toolTip() == "ยังไม่ได้เปิดกะ"
    assert not buttons["menuCashMove"].isEnabled()
    qtbot.keyClick(menu, Qt.Key.Key_3)  # close shift: nothing happens
    assert menu.isVisible()
    assert isinstance(menu, TillMenuDialog)
    qtbot.keyClick(menu, Qt.Key.Key_1)
    dialog = host.findChild(QDialog, "openShiftDialog")
    assert dialog is not None and not menu.isVisible()
    qtbot.waitExposed(dialog)
    qtbot.keyClicks(box(dialog, "count_100000"), "2")
    with qtbot.waitSignal(menu.shift_changed):
        qtbot.mouseClick(dialog.findChild(QPushButton, "openShiftOk"), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: host.findChild(QDialog, "tillMenu") is None)

    menu = shown(qtbot, TillMenuDialog(session, host))
    assert not menu.findChild(QPushButton, "menuOpenShift").isEnabled()
    assert "สมศรี" in menu.findChild(QPushButton, "menuOpenShift").toolTip()
    assert menu.findChild(QPushButton, "menuCloseShift").isEnabled()
    menu.reject()
