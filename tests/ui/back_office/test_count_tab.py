"""Counting stock through the count tab on a real database: scans, typed counts, variances,
posting (with a manager's PIN for a cashier) and refusals that post nothing."""

from __future__ import annotations

import pytest
from helpers import CASHIER_PIN, MANAGER_PIN
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QCheckBox, QComboBox, QDialog, QLabel, QLineEdit, QPushButton
from pytestqt.qtbot import QtBot

from otop_pos.operations import auth
from otop_pos.operations.session import Session
from otop_pos.operations.stock import on_hand
from otop_pos.ui.back_office.count_tab import COL, CountTab

pytestmark = pytest.mark.gui
SILK, TEA = "8850000000014", "8850000000021"


def journal_rows(session: Session) -> int:
    return int(session.store.scalar("SELECT count(*) FROM journal"))


def row_of(session: Session, sku: str) -> on_hand.StockRow:
    return next(r for r in on_hand.stock_on_hand(session) if r.sku == sku)


def shown(qtbot: QtBot, session: Session) -> CountTab:
    tab = CountTab(session)
    qtbot.addWidget(tab)
    tab.resize(1280, 760)
    tab.show()
    qtbot.waitExposed(tab)
    tab.activateWindow()
    qtbot.waitUntil(tab.isActiveWindow)
    return tab


def start(qtbot: QtBot, tab: CountTab, producer: str = "") -> None:
    combo = tab.findChild(QComboBox, "countProducer")
    combo.setCurrentIndex(combo.findData(producer))
    qtbot.mouseClick(tab.findChild(QPushButton, "countStart"), Qt.MouseButton.LeftButton)


def scan(qtbot: QtBot, tab: CountTab, code: str, times: int = 1) -> None:
    box = tab.findChild(QLineEdit, "countScan")
    for _ in range(times):
        box.setFocus()
        qtbot.keyClicks(box, code)
        qtbot.keyClick(box, Qt.Key.Key_Return)


def message(tab: CountTab) -> str:
    return tab.findChild(QLabel, "countMessage").text()


def cells(tab: CountTab, sku: str) -> dict[str, str]:
    row = next(
        r for r in range(tab.table.rowCount()) if tab.table.item(r, COL["sku"]).text() == sku
    )
    return {key: tab.table.item(row, col).text() for key, col in COL.items()}


def post(qtbot: QtBot, tab: CountTab) -> None:
    qtbot.mouseClick(tab.findChild(QPushButton, "countPost"), Qt.MouseButton.LeftButton)


def test_scans_and_a_typed_count_show_the_variance_then_post(
    qtbot: QtBot, manager: Session
) -> None:
    tab = shown(qtbot, manager)
    blind = tab.findChild(QCheckBox, "countBlind")
    assert not blind.isChecked() and blind.isEnabled()  # a manager sees the expected figures
    start(qtbot, tab, "P02")
    assert tab.table.rowCount() == 2 and "P02" in tab.findChild(QLabel, "countScopeLabel").text()
    assert tab.findChild(QLineEdit, "countScan").hasFocus()  # ready for the scanner
    scan(qtbot, tab, TEA, times=3)
    assert cells(tab, "TEA01") == {"sku": "TEA01", "name": "ชาใบหม่อนอบแห้ง 50 กรัม",
                                   "expected": "50", "counted": "3", "diff": "-47",
                                   "value": "-4,018.50"}  # fmt: skip
    assert "นับได้ 3 ชิ้น" in message(tab)
    tab.set_count(row_of(manager, "TEAGLASS").product_id, "52")
    assert cells(tab, "TEAGLASS")["diff"] == "+2"
    summary = tab.findChild(QLabel, "countSummary").text()
    assert "ต่างจากระบบ 2 รายการ" in summary and "-3,968.50" in summary
    assert "นับแล้ว 2 จาก 2 รายการ" in summary

    scan(qtbot, tab, SILK)  # another producer's silk is not in this count
    assert "ไม่อยู่ในรอบการนับนี้" in message(tab) and cells(tab, "TEA01")["counted"] == "3"

    tab.findChild(QLineEdit, "countNote").insert("นับชั้นชาทั้งหมด")
    with qtbot.waitSignal(tab.posted) as got:
        post(qtbot, tab)
    count_no = got.args[0]
    assert count_no.startswith("POS01-SC-") and count_no in message(tab)
    assert "ต่างจากระบบ 2 รายการ" in message(tab)
    assert row_of(manager, "TEA01").on_hand == 3 and row_of(manager, "TEAGLASS").on_hand == 52
    assert row_of(manager, "SILK01").on_hand == 50
    assert tab.table.rowCount() == 0 and tab.sheet is None  # cleared for the next count
    moves = on_hand.history(manager, row_of(manager, "TEA01").product_id)
    assert (moves[0].reason, moves[0].qty, moves[0].doc_no) == ("count", -47, count_no)


@pytest.mark.parametrize(
    ("typed", "says"),
    [("สิบ", "ตัวเลขจำนวนเต็ม"), ("-4", "ติดลบไม่ได้"), ("1.5", "ตัวเลขจำนวนเต็ม")],
)
def test_a_bad_typed_count_is_refused_at_its_cell_and_nothing_is_posted(
    qtbot: QtBot, manager: Session, typed: str, says: str
) -> None:
    tab = shown(qtbot, manager)
    start(qtbot, tab)  # the whole store
    assert tab.table.rowCount() == 4
    silk = row_of(manager, "SILK01").product_id
    tab.set_count(silk, "48")
    tab.set_count(silk, typed)
    assert says in message(tab) and message(tab).startswith("SILK01")
    row = tab.row_of[silk]
    item = tab.table.item(row, COL["counted"])
    assert item.text() == typed and says in item.toolTip()  # kept, to be corrected
    assert tab.table.currentRow() == row and tab.table.currentColumn() == COL["counted"]
    rows = journal_rows(manager)
    post(qtbot, tab)
    assert "แก้ช่องที่เป็นสีแดงก่อน" in message(tab)
    assert journal_rows(manager) == rows and row_of(manager, "SILK01").on_hand == 50
    tab.set_count(silk, "49")
    with qtbot.waitSignal(tab.posted):
        post(qtbot, tab)
    assert row_of(manager, "SILK01").on_hand == 49
    assert row_of(manager, "TEA01").on_hand == 50  # not counted: not a count of zero


def test_a_cashier_counts_blind_and_a_manager_approves(qtbot: QtBot, centre: Session) -> None:
    auth.login(centre, 2, CASHIER_PIN)
    tab = shown(qtbot, centre)
    blind = tab.findChild(QCheckBox, "countBlind")
    assert blind.isChecked() and not blind.isEnabled()
    start(qtbot, tab, "P01")
    assert tab.table.isColumnHidden(COL["expected"]) and tab.table.isColumnHidden(COL["diff"])
    scan(qtbot, tab, SILK, times=2)
    assert cells(tab, "SILK01")["expected"] == "" and cells(tab, "SILK01")["counted"] == "2"
    assert "ต่างจากระบบ" not in tab.findChild(QLabel, "countSummary").text()
    rows = journal_rows(centre)
    post(qtbot, tab)
    approval = tab.approval_dialog
    assert approval is not None
    qtbot.waitExposed(approval)
    pin = approval.findChild(QLineEdit, "approvalPin")
    qtbot.waitUntil(pin.hasFocus)
    qtbot.keyClick(pin, Qt.Key.Key_Escape)  # no manager at hand: nothing posted
    qtbot.waitUntil(lambda: tab.findChild(QDialog, "approvalDialog") is None)
    assert journal_rows(centre) == rows and tab.sheet is not None

    post(qtbot, tab)
    approval = tab.approval_dialog
    qtbot.waitExposed(approval)
    pin = approval.findChild(QLineEdit, "approvalPin")
    qtbot.waitUntil(pin.hasFocus)
    with qtbot.waitSignal(tab.posted):
        qtbot.keyClicks(pin, MANAGER_PIN)
        qtbot.keyClick(pin, Qt.Key.Key_Return)
    assert row_of(centre, "SILK01").on_hand == 2
    assert "ต่างจากระบบ" not in message(tab)  # the cashier is not told the variance


def test_starting_again_over_counts_asks_twice(qtbot: QtBot, manager: Session) -> None:
    tab = shown(qtbot, manager)
    start(qtbot, tab, "P01")
    scan(qtbot, tab, SILK)
    start(qtbot, tab, "P02")
    assert (
        "อีกครั้ง" in message(tab) and tab.sheet is not None and tab.sheet.scope["producer"] == "P01"
    )
    start(qtbot, tab, "P02")
    assert tab.sheet is not None and tab.sheet.scope["producer"] == "P02"
    qtbot.mouseClick(tab.findChild(QPushButton, "countCancel"), Qt.MouseButton.LeftButton)
    assert tab.sheet is None and tab.table.rowCount() == 0
