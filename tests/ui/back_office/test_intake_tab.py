"""Receiving a delivery through the intake tab on a real database: scan, type, save, refuse."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest
from helpers import PRODUCERS
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QCheckBox, QComboBox, QLabel, QLineEdit, QPushButton
from pytestqt.qtbot import QtBot

from otop_pos.db.projections import record
from otop_pos.db.store import Store
from otop_pos.domain.stock.quantities import format_expiry
from otop_pos.domain.thai.thaidate import bangkok_date, to_iso, utc_now
from otop_pos.operations.session import Session
from otop_pos.operations.stock import on_hand as stock_reads
from otop_pos.ui.back_office.intake_tab import COL, IntakeTab

pytestmark = pytest.mark.gui
SILK_BARCODE, TEA_BARCODE = "8850000000014", "8850000000021"


def journal_rows(store: Store) -> int:
    return int(store.scalar("SELECT count(*) FROM journal"))


def on_hand(session: Session, sku: str) -> int:
    return next(r.on_hand for r in stock_reads.stock_on_hand(session) if r.sku == sku)


def product_id(session: Session, sku: str) -> int:
    return next(r.product_id for r in stock_reads.stock_on_hand(session) if r.sku == sku)


def shown(qtbot: QtBot, session: Session) -> IntakeTab:
    tab = IntakeTab(session)
    qtbot.addWidget(tab)
    tab.resize(1280, 760)
    tab.show()
    qtbot.waitExposed(tab)
    tab.activateWindow()
    qtbot.waitUntil(tab.isActiveWindow)  # focus checks need the window active
    return tab


def scan(qtbot: QtBot, tab: IntakeTab, code: str) -> None:
    """What a keyboard-wedge scanner does: digits, then Enter, into the focused box."""
    box = tab.findChild(QLineEdit, "intakeScan")
    box.setFocus()
    qtbot.keyClicks(box, code)
    qtbot.keyClick(box, Qt.Key.Key_Return)


def message(tab: IntakeTab) -> str:
    return tab.findChild(QLabel, "intakeMessage").text()


def save(qtbot: QtBot, tab: IntakeTab) -> None:
    qtbot.mouseClick(tab.findChild(QPushButton, "intakeSave"), Qt.MouseButton.LeftButton)


def test_scan_twice_type_quantity_lot_and_expiry_then_save(qtbot: QtBot, manager: Session) -> None:
    documents = Path(manager.store.path).parent / "documents"  # the default: beside the database
    tab = shown(qtbot, manager)
    producer = tab.findChild(QComboBox, "intakeProducer")
    assert producer.findData("P01") >= 0 and producer.findData("P02") >= 0
    tab.set_producer("P01")
    tab.findChild(QLineEdit, "intakeDeliveryNote").insert("ใบส่งของ 45/2569")
    scan(qtbot, tab, SILK_BARCODE)
    scan(qtbot, tab, SILK_BARCODE)
    assert tab.table.rowCount() == 1 and tab.cell(0, "qty") == "2"  # the second scan adds one
    assert tab.cell(0, "ownership") == "ฝากขาย"
    assert not tab.table.item(0, COL["cost"]).flags() & Qt.ItemFlag.ItemIsEditable
    tab.set_cell(0, "qty", "12")
    tab.set_cell(0, "lot", "L-6901")
    expiry = bangkok_date(utc_now()) + timedelta(days=400)
    tab.set_cell(0, "expiry", format_expiry(expiry))  # B.E., as on the delivery note
    assert "12 ชิ้น" in tab.findChild(QLabel, "intakeTotals").text()
    tab.findChild(QCheckBox, "intakeOptPdf").setChecked(True)
    before = on_hand(manager, "SILK01")

    with qtbot.waitSignal(tab.received) as got:
        save(qtbot, tab)

    result = got.args[0]
    assert result.intake_no.startswith("POS01-RC-") and result.qty == 12
    assert result.intake_no in message(tab) and "ใบส่งของ" not in message(tab)
    assert list(documents.glob(f"{result.intake_no}*.pdf"))  # the slip's PDF
    assert on_hand(manager, "SILK01") == before + 12
    moves = stock_reads.history(manager, product_id(manager, "SILK01"))
    assert (moves[0].reason, moves[0].qty, moves[0].doc_no) == ("intake", 12, result.intake_no)
    [lot] = stock_reads.near_expiry(manager, days=500)
    assert (lot.lot, lot.expiry, lot.qty) == ("L-6901", expiry, 12)
    # cleared for the next delivery, the last one still at hand for a reprint
    assert tab.table.rowCount() == 0 and tab.producer_code() == ""
    assert tab.findChild(QLineEdit, "intakeDeliveryNote").text() == ""
    assert result.intake_no in tab.findChild(QLabel, "intakeLast").text()
    again = tab.findChild(QPushButton, "intakeReprint")
    assert again.isEnabled()
    qtbot.mouseClick(again, Qt.MouseButton.LeftButton)
    assert result.intake_no in message(tab)


def test_owned_goods_take_a_cost_and_picking_from_the_list(qtbot: QtBot, manager: Session) -> None:
    tab = shown(qtbot, manager)
    tab.set_producer("P02")
    pick = tab.findChild(QComboBox, "intakePick")
    assert pick.count() == 2  # TEA01 and TEAGLASS
    pick.setCurrentIndex(pick.findText("TEAGLASS", Qt.MatchFlag.MatchStartsWith))
    qtbot.mouseClick(tab.findChild(QPushButton, "intakePickAdd"), Qt.MouseButton.LeftButton)
    assert tab.cell(0, "ownership") == "ซื้อขาด"
    tab.set_cell(0, "qty", "๒๔")  # Thai digits, as handwritten
    tab.set_cell(0, "cost", "12.50")
    scan(qtbot, tab, "5*" + TEA_BARCODE)
    assert tab.cell(1, "qty") == "5"
    scan(qtbot, tab, "2*3*" + TEA_BARCODE)  # read as the till reads it: refused, nothing added
    assert "ใส่จำนวนได้ครั้งเดียว" in message(tab) and tab.cell(1, "qty") == "5"
    tab.findChild(QLineEdit, "intakeScan").clear()
    scan(qtbot, tab, "2x " + TEA_BARCODE)
    assert tab.cell(1, "qty") == "7"
    scan(qtbot, tab, "2x " + TEA_BARCODE)
    assert tab.cell(1, "qty") == "9"
    tab.set_cell(1, "qty", "5")
    tab.findChild(QCheckBox, "intakeOptLabels").setChecked(True)  # A4 sheet, 24 a page
    with qtbot.waitSignal(tab.received) as got:
        save(qtbot, tab)
    result = got.args[0]
    glass, tea = result.lines
    assert (glass.sku, glass.qty, glass.unit_cost.satang) == ("TEAGLASS", 24, 1250)
    assert (tea.sku, tea.qty, tea.unit_cost) == ("TEA01", 5, None)
    sheet = Path(manager.store.path).parent / "documents" / f"{result.intake_no}-labels.pdf"
    assert sheet.read_bytes().startswith(b"%PDF") and str(sheet) in message(tab)
    target = tab.findChild(QComboBox, "intakeLabelTarget")
    target.setCurrentIndex(target.findData("printer"))  # the preview printer of the tests
    qtbot.mouseClick(tab.findChild(QPushButton, "intakeReLabels"), Qt.MouseButton.LeftButton)
    assert "พิมพ์ฉลาก 29 ดวงแล้ว" in message(tab)


def test_another_producers_product_is_refused_at_the_scan_box(
    qtbot: QtBot, manager: Session
) -> None:
    tab = shown(qtbot, manager)
    rows = journal_rows(manager.store)
    scan(qtbot, tab, SILK_BARCODE)
    assert "เลือกผู้ผลิต" in message(tab)  # no producer yet
    tab.set_producer("P01")
    box = tab.findChild(QLineEdit, "intakeScan")
    box.clear()
    scan(qtbot, tab, TEA_BARCODE)
    assert "เป็นของผู้ผลิต P02" in message(tab) and "ไม่ใช่ของ P01" in message(tab)
    assert box.text() == TEA_BARCODE and box.hasFocus()  # kept, to check against the box
    assert tab.table.rowCount() == 0
    save(qtbot, tab)
    assert "ยังไม่มีรายการสินค้า" in message(tab)
    assert journal_rows(manager.store) == rows


@pytest.mark.parametrize(
    ("column", "text", "says"),
    [
        ("qty", "สองชิ้น", "จำนวนต้องเป็นตัวเลขจำนวนเต็ม"),
        ("qty", "-3", "ติดลบไม่ได้"),
        ("qty", "0", "มากกว่าศูนย์"),
        ("expiry", "32/13/2569", "วันหมดอายุ"),
        ("expiry", "01/01/2560", "ผ่านไปแล้ว"),  # refused by the operation, at the same cell
    ],
)
def test_a_bad_cell_is_refused_there_and_nothing_is_recorded(
    qtbot: QtBot, manager: Session, column: str, text: str, says: str
) -> None:
    tab = shown(qtbot, manager)
    tab.set_producer("P01")
    scan(qtbot, tab, SILK_BARCODE)
    rows, before = journal_rows(manager.store), on_hand(manager, "SILK01")
    tab.set_cell(0, column, text)
    save(qtbot, tab)
    assert says in message(tab) and "รายการที่ 1 SILK01" in message(tab)
    assert tab.table.currentRow() == 0 and tab.table.currentColumn() == COL[column]
    assert says in tab.table.item(0, COL[column]).toolTip()
    assert tab.cell(0, column) == text  # the typed text stays, to be corrected
    assert journal_rows(manager.store) == rows and on_hand(manager, "SILK01") == before
    tab.set_cell(0, column, "3" if column == "qty" else "")
    with qtbot.waitSignal(tab.received):
        save(qtbot, tab)


def test_an_inactive_producer_is_refused_at_the_producer_box(
    qtbot: QtBot, manager: Session
) -> None:
    tab = shown(qtbot, manager)
    tab.set_producer("P01")
    scan(qtbot, tab, SILK_BARCODE)
    p01 = dict(PRODUCERS[0], active=0)
    with manager.store.transaction():
        record.record(manager.store, "T01", "producer_upsert", to_iso(utc_now()), None,
                           {"producers": [p01]})  # fmt: skip
    rows = journal_rows(manager.store)
    save(qtbot, tab)
    assert "ถูกปิดการใช้งาน" in message(tab)
    assert tab.findChild(QComboBox, "intakeProducer").hasFocus()
    assert journal_rows(manager.store) == rows and tab.table.rowCount() == 1


def test_remove_line_and_ctrl_s(qtbot: QtBot, manager: Session) -> None:
    tab = shown(qtbot, manager)
    tab.set_producer("P02")
    scan(qtbot, tab, TEA_BARCODE)
    pick = tab.findChild(QComboBox, "intakePick")
    pick.setCurrentIndex(pick.findText("TEAGLASS", Qt.MatchFlag.MatchStartsWith))
    tab.add_picked()
    assert [p.sku for p in tab.lines] == ["TEA01", "TEAGLASS"]
    tab.table.setCurrentCell(0, COL["sku"])
    qtbot.mouseClick(tab.findChild(QPushButton, "intakeRemove"), Qt.MouseButton.LeftButton)
    assert [p.sku for p in tab.lines] == ["TEAGLASS"] and tab.table.rowCount() == 1
    box = tab.findChild(QLineEdit, "intakeScan")
    box.setFocus()
    qtbot.waitUntil(box.hasFocus)
    with qtbot.waitSignal(tab.received) as got:
        qtbot.keyClick(box, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert [ln.sku for ln in got.args[0].lines] == ["TEAGLASS"]
