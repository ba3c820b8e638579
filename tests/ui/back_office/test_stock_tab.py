"""The stock tab on a real database: on hand apart by ownership, alerts, history, write-offs
and returns to producers."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from helpers import CASHIER_PIN, MANAGER_PIN, PRODUCTS
from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QGroupBox,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QWidget,
)
from pytestqt.qtbot import QtBot

from otop_pos.db.projections import record
from otop_pos.domain.stock.quantities import format_expiry
from otop_pos.domain.thai.thaidate import bangkok_date, to_iso, utc_now
from otop_pos.operations import auth
from otop_pos.operations.consignment import intake
from otop_pos.operations.session import Session
from otop_pos.operations.stock import on_hand
from otop_pos.ui.back_office.stock_dialogs import ProducerReturnDialog, WriteOffDialog
from otop_pos.ui.back_office.stock_tab import StockTab

pytestmark = pytest.mark.gui


def journal_rows(session: Session) -> int:
    return int(session.store.scalar("SELECT count(*) FROM journal"))


def row_of(session: Session, sku: str) -> on_hand.StockRow:
    return next(r for r in on_hand.stock_on_hand(session) if r.sku == sku)


def set_min_stock(session: Session, sku: str, minimum: int) -> None:
    product = next(p for p in PRODUCTS if p["sku"] == sku) | {"min_stock": minimum}
    with session.store.transaction():
        record.record(session.store, "T01", "product_upsert", to_iso(utc_now()), None,
                           {"products": [product]})  # fmt: skip


def receive_expiring(session: Session, sku: str, qty: int, days: int) -> str:
    expiry = bangkok_date(utc_now()) + timedelta(days=days)
    line = intake.IntakeLine(row_of(session, sku).product_id, qty, "LOT-A", expiry)
    code = row_of(session, sku).producer_code
    return intake.receive_goods(session, code, [line]).intake_no


def shown(qtbot: QtBot, session: Session) -> StockTab:
    tab = StockTab(session)
    qtbot.addWidget(tab)
    tab.resize(1280, 760)
    tab.show()
    qtbot.waitExposed(tab)
    tab.activateWindow()
    qtbot.waitUntil(tab.isActiveWindow)
    return tab


def opened(qtbot: QtBot, dialog: QDialog) -> None:
    qtbot.waitExposed(dialog)
    qtbot.waitUntil(dialog.isActiveWindow)


def table(tab: QWidget, name: str) -> list[list[str]]:
    model = tab.findChild(QTableView, name).model()
    return [
        [model.index(r, c).data() or "" for c in range(model.columnCount())]
        for r in range(model.rowCount())
    ]


def message(widget: QWidget, name: str) -> str:
    return widget.findChild(QLabel, name).text()


def click(qtbot: QtBot, widget: QWidget, name: str) -> None:
    qtbot.mouseClick(widget.findChild(QPushButton, name), Qt.MouseButton.LeftButton)


def approve(qtbot: QtBot, parent: QWidget, pin: str) -> None:
    def visible() -> bool:
        d = parent.findChild(QDialog, "approvalDialog")
        return d is not None and d.isVisible()

    qtbot.waitUntil(visible)
    box = parent.findChild(QDialog, "approvalDialog").findChild(QLineEdit, "approvalPin")
    qtbot.waitUntil(box.hasFocus)
    qtbot.keyClicks(box, pin)
    qtbot.keyClick(box, Qt.Key.Key_Return)


def test_on_hand_by_producer_with_ownership_apart_and_the_alerts(
    qtbot: QtBot, manager: Session
) -> None:
    set_min_stock(manager, "TEA01", 60)
    intake_no = receive_expiring(manager, "SILK01", 4, days=10)
    tab = shown(qtbot, manager)
    rows = table(tab, "stockTable")
    p02 = next(r[1] for r in rows if r[0] == "P02")  # the producer's line, across the columns
    assert p02.startswith("วิสาหกิจชุมชนชาใบหม่อน")
    assert "ฝากขาย 50 ชิ้น (4,275.00 บาท)" in p02 and "ซื้อขาด 50 ชิ้น (1,250.00 บาท)" in p02
    assert "ฝากขาย 54 ชิ้น" in next(r[1] for r in rows if r[0] == "P01")
    tea = next(r for r in rows if r[0] == "TEA01")
    assert tea[2:5] == ["ฝากขาย", "50", "60"]
    assert next(r for r in rows if r[0] == "TEAGLASS")[2] == "ซื้อขาด"
    assert "ฝากขาย 104 ชิ้น" in message(tab, "stockTotals")
    assert tab.findChild(QGroupBox, "stockLowBox").title() == "สินค้าใกล้หมด (1)"
    assert table(tab, "stockLowTable") == [["TEA01", "ชาใบหม่อนอบแห้ง 50 กรัม", "50", "60"]]
    assert tab.findChild(QGroupBox, "stockExpiryBox").title() == "ใกล้หมดอายุ/หมดอายุ (1)"
    [lot] = table(tab, "stockExpiryTable")
    expiry = format_expiry(bangkok_date(utc_now()) + timedelta(days=10))  # 31/12/2569, B.E.
    assert lot[:2] == ["SILK01", "ผ้าไหมมัดหมี่ลายลูกแก้ว"]
    assert lot[2:] == ["LOT-A", expiry, "อีก 10 วัน", "4"]

    # clicking the alert selects the product and shows its movements, newest first
    tab.findChild(QTableView, "stockExpiryTable").clicked.emit(tab.expiry_model.index(0, 0))
    assert tab.selected() is not None and tab.selected().sku == "SILK01"
    history = table(tab, "stockHistory")
    assert [h[1:5] for h in history] == [
        ["รับเข้า", "+4", "54", intake_no],
        ["ยอดยกมา", "+50", "50", ""],
    ]
    assert history[0][0].split()[0].endswith(str(bangkok_date(utc_now()).year + 543))
    assert "SILK01" in message(tab, "stockHistoryTitle")


def test_filters_and_a_scanned_barcode(qtbot: QtBot, manager: Session) -> None:
    tab = shown(qtbot, manager)
    producer = tab.findChild(QComboBox, "stockProducer")
    producer.setCurrentIndex(producer.findData("P02"))
    skus = [r[0] for r in table(tab, "stockTable") if not r[0].startswith("P0")]
    assert skus == ["TEA01", "TEAGLASS"]
    spans = [tab.table.columnSpan(row, 1) for row in range(tab.model.rowCount())]
    assert spans == [6, 1, 1]  # the old producer lines' spans do not linger
    producer.setCurrentIndex(0)
    category = tab.findChild(QComboBox, "stockCategory")
    category.setCurrentIndex(category.findData("textile"))
    assert [r[0] for r in table(tab, "stockTable")] == ["P01", "SILK01"]
    category.setCurrentIndex(0)
    search = tab.findChild(QLineEdit, "stockSearch")
    search.setFocus()
    qtbot.keyClicks(search, "8850000000038")  # TEA01's second barcode
    qtbot.keyClick(search, Qt.Key.Key_Return)
    assert tab.selected() is not None and tab.selected().sku == "TEA01"
    assert tab.history_model.rowCount() == 1


def test_a_cashiers_write_off_needs_the_managers_pin(qtbot: QtBot, centre: Session) -> None:
    auth.login(centre, 2, CASHIER_PIN)
    tab = shown(qtbot, centre)
    click(qtbot, tab, "stockAdjust")
    assert "เลือกสินค้า" in message(tab, "stockMessage")
    assert tab.select(row_of(centre, "TEA01").product_id)
    click(qtbot, tab, "stockAdjust")
    dialog = tab.adjust_dialog
    assert isinstance(dialog, WriteOffDialog)
    opened(qtbot, dialog)
    reason = dialog.findChild(QComboBox, "adjustReason")
    reason.setCurrentIndex(reason.findData("damaged"))
    qty = dialog.findChild(QLineEdit, "adjustQty")
    qtbot.waitUntil(qty.hasFocus)
    rows = journal_rows(centre)

    qty.insert("สอง")  # not a number: refused before any manager is asked
    click(qtbot, dialog, "adjustOk")
    assert "ตัวเลขจำนวนเต็ม" in message(dialog, "adjustMessage")
    assert dialog.findChild(QDialog, "approvalDialog") is None

    qty.clear()
    qtbot.keyClicks(qty, "2")
    dialog.findChild(QLineEdit, "adjustNote").insert("ขวดแตกตอนจัดชั้น")
    with qtbot.waitSignal(dialog.adjusted) as got:
        click(qtbot, dialog, "adjustOk")
        approve(qtbot, dialog, MANAGER_PIN)
    adjust_no = got.args[0]
    assert adjust_no.startswith("POS01-AJ-") and journal_rows(centre) == rows + 1
    assert row_of(centre, "TEA01").on_hand == 48
    assert adjust_no in message(tab, "stockMessage")
    [latest, *_] = table(tab, "stockHistory")
    assert latest[1:5] == ["ชำรุด", "-2", "48", adjust_no]


def test_more_than_on_hand_is_refused_beside_the_quantity(qtbot: QtBot, manager: Session) -> None:
    tab = shown(qtbot, manager)
    tab.select(row_of(manager, "SILK01").product_id)
    dialog = tab.ask_adjust()
    assert dialog is not None
    opened(qtbot, dialog)
    dialog.reason.setCurrentIndex(dialog.reason.findData("lost"))
    dialog.qty.setText("51")
    dialog.note.setText("หาไม่พบ")
    rows = journal_rows(manager)
    dialog.confirm()  # a manager needs nobody's PIN
    assert "มีอยู่ 50 ชิ้น" in message(dialog, "adjustMessage")
    assert dialog.qty.hasFocus() and journal_rows(manager) == rows


def test_return_to_producer_prints_the_slip_and_saves_the_pdf(
    qtbot: QtBot, manager: Session
) -> None:
    tab = shown(qtbot, manager)
    tea = row_of(manager, "TEA01")
    tab.select(tea.product_id)
    click(qtbot, tab, "stockReturn")
    dialog = tab.return_dialog
    assert isinstance(dialog, ProducerReturnDialog)
    opened(qtbot, dialog)
    assert dialog.findChild(QComboBox, "returnProducer").currentData() == "P02"
    assert set(dialog.boxes) == {tea.product_id, row_of(manager, "TEAGLASS").product_id}
    qty = dialog.findChild(QLineEdit, f"returnQty_{tea.product_id}")
    rows = journal_rows(manager)
    qty.insert("-1")
    click(qtbot, dialog, "returnOk")
    assert "ติดลบไม่ได้" in message(dialog, "returnMessage") and journal_rows(manager) == rows
    qty.clear()
    qty.insert("3")
    click(qtbot, dialog, "returnOk")
    assert "เหตุผล" in message(dialog, "returnMessage") and journal_rows(manager) == rows
    assert dialog.findChild(QLineEdit, "returnReason").hasFocus()
    click(qtbot, dialog, "returnQuick0")  # ขายไม่ออก
    dialog.findChild(QCheckBox, "returnSavePdf").setChecked(True)
    with qtbot.waitSignal(dialog.returned) as got:
        click(qtbot, dialog, "returnOk")
    result: Any = got.args[0]
    assert result.return_no.startswith("POS01-RT-") and result.reason == "ขายไม่ออก"
    assert row_of(manager, "TEA01").on_hand == 47
    text = message(dialog, "returnMessage")
    assert f"พิมพ์เอกสาร {result.return_no} แล้ว" in text and "บันทึก PDF" in text
    folder = Path(manager.store.path).parent / "documents"
    assert list(folder.glob(f"{result.return_no}*.pdf"))
    assert result.return_no in message(tab, "stockMessage")
    assert table(tab, "stockHistory")[0][1:5] == ["คืนผู้ผลิต", "-3", "47", result.return_no]
