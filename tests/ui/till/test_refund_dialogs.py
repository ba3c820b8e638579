"""Voids and refunds through the real dialogs, with a manager's PIN, on a real database."""

from __future__ import annotations

import pytest
from helpers import MANAGER_PIN
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QCheckBox, QComboBox, QDialog, QLabel, QPushButton, QSpinBox, QWidget
from pytestqt.qtbot import QtBot
from ui_shift_helpers import box, label, open_float, sell_two_teas, shown, till
from weighed_helpers import add_garlic

from otop_pos.db import journal
from otop_pos.db.store import Store
from otop_pos.domain.money import Money
from otop_pos.domain.selling.cart import Cart
from otop_pos.domain.staff.permissions import Permission
from otop_pos.operations import approvals, auth
from otop_pos.operations.selling import cart as selling
from otop_pos.operations.selling import checkout, refunds
from otop_pos.operations.selling.refunds import ReturnItem
from otop_pos.operations.session import Session
from otop_pos.ui.staff.approval_dialog import needs_approval
from otop_pos.ui.till.refund_dialogs import RefundDialog, VoidSaleDialog
from otop_pos.ui.till.till_menu import TillMenuDialog

pytestmark = pytest.mark.gui


def _approval(qtbot: QtBot, parent: QWidget) -> QDialog:
    def visible() -> bool:
        d = parent.findChild(QDialog, "approvalDialog")
        return d is not None and d.isVisible()

    qtbot.waitUntil(visible)
    return parent.findChild(QDialog, "approvalDialog")


def _pin(qtbot: QtBot, dialog: QDialog, pin: str) -> None:
    field = box(dialog, "approvalPin")
    qtbot.waitUntil(field.hasFocus)
    qtbot.keyClicks(field, pin)
    qtbot.keyClick(field, Qt.Key.Key_Return)


def _sale_with_silk(session: Session) -> str:
    """Line 1: 2 x tea at 85.50; line 2: 1 x silk at 1,500.00."""
    cart = Cart()
    selling.scan(session, cart, "2*8850000000021")
    selling.scan(session, cart, "8850000000014")
    return checkout.complete_cash_sale(session, cart, Money.baht(2000)).receipt_no


def test_void_by_a_cashier_needs_the_managers_pin(
    qtbot: QtBot, store: Store, host: QWidget
) -> None:
    session = till(store)
    open_float(session)
    receipt = sell_two_teas(session)
    assert needs_approval(session, Permission.VOID_SALE)
    dialog = shown(qtbot, VoidSaleDialog(session, parent=host))
    field = box(dialog, "voidReceipt")
    qtbot.waitUntil(field.hasFocus)
    qtbot.keyClicks(field, receipt.lower())  # a scanner may send lower case
    qtbot.keyClick(field, Qt.Key.Key_Return)
    assert "171.00" in label(dialog, "voidSummary")
    reason = box(dialog, "voidReason")
    qtbot.waitUntil(reason.hasFocus)
    reason.insert("คิดเงินผิด")
    qtbot.keyClick(reason, Qt.Key.Key_Return)

    approval = _approval(qtbot, dialog)
    assert "ยกเลิกบิลขาย" in label(approval, "approvalAction")
    _pin(qtbot, approval, "1111")  # the cashier's own PIN
    assert "ไม่ใช่ของผู้จัดการ" in label(approval, "approvalMessage")
    assert refunds.refundable(session, receipt)["status"] == "completed"
    with qtbot.waitSignal(dialog.voided):
        _pin(qtbot, approval, MANAGER_PIN)
    assert refunds.refundable(session, receipt)["status"] == "voided"
    assert receipt in label(dialog, "voidMessage")
    assert store.scalar("SELECT approved_by FROM sale_voids") == 1
    assert journal.verify(store).ok


def test_void_cancelled_at_the_pin_changes_nothing(
    qtbot: QtBot, store: Store, host: QWidget
) -> None:
    session = till(store)
    open_float(session)
    receipt = sell_two_teas(session)
    dialog = shown(qtbot, VoidSaleDialog(session, receipt, host))
    box(dialog, "voidReason").insert("ลูกค้าเปลี่ยนใจ")
    qtbot.mouseClick(dialog.findChild(QPushButton, "voidOk"), Qt.MouseButton.LeftButton)
    approval = _approval(qtbot, dialog)
    qtbot.keyClick(box(approval, "approvalPin"), Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: dialog.findChild(QDialog, "approvalDialog") is None)
    assert dialog.isVisible() and dialog.seq is None
    assert refunds.refundable(session, receipt)["status"] == "completed"


def test_refund_one_of_two_damaged(qtbot: QtBot, store: Store, host: QWidget) -> None:
    session = till(store)
    open_float(session)
    receipt = _sale_with_silk(session)
    dialog = shown(qtbot, RefundDialog(session, parent=host))
    assert isinstance(dialog, RefundDialog)
    field = box(dialog, "refundReceipt")
    qtbot.keyClicks(field, receipt)
    qtbot.keyClick(field, Qt.Key.Key_Return)
    tea = dialog.findChild(QSpinBox, "refundQty_1")
    assert tea.maximum() == 2 and dialog.findChild(QSpinBox, "refundQty_2").maximum() == 1
    qtbot.waitUntil(tea.hasFocus)
    qtbot.keyClicks(tea, "1")
    qtbot.keyClick(tea, Qt.Key.Key_Return)  # on to the silk's box
    dialog.findChild(QCheckBox, "refundDamaged_1").setChecked(True)
    assert label(dialog, "refundTotal") == "คืนเงิน 85.50 บาท"
    tender = dialog.findChild(QComboBox, "refundTender")
    assert [tender.itemData(i) for i in range(tender.count())] == ["cash"]
    reason = box(dialog, "refundReason")
    reason.insert("สินค้าชำรุด")
    qtbot.keyClick(reason, Qt.Key.Key_Return)
    approval = _approval(qtbot, dialog)
    with qtbot.waitSignal(dialog.refunded):
        _pin(qtbot, approval, MANAGER_PIN)

    assert dialog.result is not None and dialog.result.total == Money(8550)
    assert dialog.result.credit_note_no is None
    assert dialog.result.refund_no in label(dialog, "refundMessage")
    rows = store.query("SELECT sale_line_no, qty, disposition FROM refund_lines")
    assert [tuple(r) for r in rows] == [(1, 1, "damaged")]
    assert refunds.refundable(session, receipt)["lines"][0]["returnable"] == 1
    assert journal.verify(store).ok


def test_no_more_can_be_returned_than_was_sold(qtbot: QtBot, store: Store, host: QWidget) -> None:
    session = till(store)
    open_float(session)
    receipt = _sale_with_silk(session)
    auth.logout(session)
    auth.login(session, 1, MANAGER_PIN)  # a manager needs no second PIN
    assert not needs_approval(session, Permission.REFUND)
    dialog = shown(qtbot, RefundDialog(session, receipt, host))
    tea = dialog.findChild(QSpinBox, "refundQty_1")
    qtbot.waitUntil(tea.hasFocus)
    qtbot.keyClicks(tea, "5")
    assert tea.value() <= 2  # the box cannot go past what is returnable

    # Meanwhile one tea comes back at another till: now only one is left.
    approval = approvals.approve(session, MANAGER_PIN, Permission.REFUND)
    refunds.refund(session, receipt, [ReturnItem(1, 1)], "เปลี่ยนใจ", approval=approval)
    tea.setValue(2)
    box(dialog, "refundReason").insert("เปลี่ยนใจ")
    qtbot.mouseClick(dialog.findChild(QPushButton, "refundOk"), Qt.MouseButton.LeftButton)
    assert "คืนได้ 1 ถึง 1 ชิ้น" in label(dialog, "refundMessage")
    qtbot.waitUntil(tea.hasFocus)
    assert dialog.result is None

    again = shown(qtbot, RefundDialog(session, receipt, host))
    assert again.findChild(QSpinBox, "refundQty_1").maximum() == 1
    again.reject()


@pytest.mark.parametrize(
    ("key", "name"),
    [
        (Qt.Key.Key_1, "openShiftDialog"),
        (Qt.Key.Key_4, "voidSaleDialog"),
        (Qt.Key.Key_5, "refundDialog"),
    ],
)
def test_the_till_menu_opens_each_dialog(
    qtbot: QtBot, store: Store, host: QWidget, key: Qt.Key, name: str
) -> None:
    menu = shown(qtbot, TillMenuDialog(till(store), host))
    qtbot.keyClick(menu, key)
    dialog = host.findChild(QDialog, name)
    assert dialog is not None
    qtbot.waitExposed(dialog)
    dialog.reject()
    qtbot.waitUntil(lambda: host.findChild(QDialog, "tillMenu") is None)


@pytest.mark.parametrize(
    ("button", "name"), [("menuCashMove", "cashMoveDialog"), ("menuCloseShift", "closeShiftDialog")]
)
def test_the_till_menu_opens_the_shift_dialogs(
    qtbot: QtBot, store: Store, host: QWidget, button: str, name: str
) -> None:
    session = till(store)
    open_float(session)
    menu = shown(qtbot, TillMenuDialog(session, host))
    qtbot.mouseClick(menu.findChild(QPushButton, button), Qt.MouseButton.LeftButton)
    dialog = host.findChild(QDialog, name)
    assert dialog is not None
    qtbot.waitExposed(dialog)
    dialog.reject()


@pytest.mark.parametrize(
    ("button", "signal"), [("menuDrawer", "drawer_requested"), ("menuManager", "manager_requested")]
)
def test_the_till_menu_asks_the_sale_screen(
    qtbot: QtBot, store: Store, host: QWidget, button: str, signal: str
) -> None:
    menu = shown(qtbot, TillMenuDialog(till(store), host))
    with qtbot.waitSignal(getattr(menu, signal)):
        qtbot.mouseClick(menu.findChild(QPushButton, button), Qt.MouseButton.LeftButton)
    assert not menu.isVisible()


def test_the_till_menu_reports_a_refund(qtbot: QtBot, store: Store, host: QWidget) -> None:
    session = till(store)
    open_float(session)
    receipt = sell_two_teas(session)
    auth.logout(session)
    auth.login(session, 1, MANAGER_PIN)
    menu = shown(qtbot, TillMenuDialog(session, host))
    assert isinstance(menu, TillMenuDialog)
    qtbot.keyClick(menu, Qt.Key.Key_5)
    dialog = host.findChild(QDialog, "refundDialog")
    qtbot.keyClicks(box(dialog, "refundReceipt"), receipt)
    qtbot.keyClick(box(dialog, "refundReceipt"), Qt.Key.Key_Return)
    dialog.findChild(QSpinBox, "refundQty_1").setValue(2)
    box(dialog, "refundReason").insert("ไม่ต้องการแล้ว")
    with qtbot.waitSignal(menu.sale_changed):
        qtbot.keyClick(box(dialog, "refundReason"), Qt.Key.Key_Return)
    assert "171.00" in label(dialog, "refundMessage")
    assert isinstance(dialog.findChild(QLabel, "refundTotal"), QLabel)


def test_editing_the_receipt_drops_the_lines_shown(
    qtbot: QtBot, store: Store, host: QWidget
) -> None:
    session = till(store)
    open_float(session)
    receipt = sell_two_teas(session)
    auth.logout(session)
    auth.login(session, 1, MANAGER_PIN)
    dialog = shown(qtbot, RefundDialog(session, receipt, host))
    dialog.findChild(QSpinBox, "refundQty_1").setValue(1)
    field = box(dialog, "refundReceipt")
    field.setFocus()
    qtbot.keyClicks(field, "9")  # now another receipt's number
    qtbot.waitUntil(lambda: dialog.findChild(QSpinBox, "refundQty_1") is None)
    assert label(dialog, "refundTotal") == "คืนเงิน 0.00 บาท"
    qtbot.mouseClick(dialog.findChild(QPushButton, "refundOk"), Qt.MouseButton.LeftButton)
    assert "ไม่พบใบเสร็จ" in label(dialog, "refundMessage")
    assert store.scalar("SELECT count(*) FROM refunds") == 0


def test_a_weighed_line_is_returned_in_grams(qtbot: QtBot, store: Store, host: QWidget) -> None:
    session = till(store)
    open_float(session)
    add_garlic(session)
    cart = Cart()
    selling.scan(session, cart, "0.45*QK07")
    receipt = checkout.complete_cash_sale(session, cart, Money.baht(100)).receipt_no
    dialog = shown(qtbot, RefundDialog(session, receipt, host))
    garlic = dialog.findChild(QSpinBox, "refundQty_1")
    assert (garlic.maximum(), garlic.suffix()) == (450, " กรัม")
    assert [w.text() for w in dialog.findChildren(QLabel) if w.text() == "0.450 กก."]
    garlic.setValue(200)
    assert label(dialog, "refundAmount_1") == "26.00"  # 200 g of the 58.50 paid for 450 g
    assert dialog.items() == [ReturnItem(1, 200)]
