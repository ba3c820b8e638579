"""Garlic by the kilogram on the stock, intake and count tabs, driven like a manager."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QLabel, QLineEdit, QPushButton, QTableView
from pytestqt.qtbot import QtBot
from weighed_helpers import add_garlic

from otop_pos.db.stock import levels
from otop_pos.operations.session import Session
from otop_pos.ui.back_office.count_tab import COL as COUNT_COL
from otop_pos.ui.back_office.count_tab import CountTab
from otop_pos.ui.back_office.intake_tab import IntakeTab
from otop_pos.ui.back_office.stock_tab import StockTab

pytestmark = pytest.mark.gui


def _shown(qtbot: QtBot, tab):  # type: ignore[no-untyped-def]
    qtbot.addWidget(tab)
    tab.resize(1280, 760)
    tab.show()
    qtbot.waitExposed(tab)
    tab.activateWindow()
    qtbot.waitUntil(tab.isActiveWindow)
    return tab


def _rows(tab: StockTab, name: str) -> list[list[str]]:
    model = tab.findChild(QTableView, name).model()
    return [
        [model.index(r, c).data() or "" for c in range(model.columnCount())]
        for r in range(model.rowCount())
    ]


def test_stock_on_hand_and_its_history_in_kilograms(qtbot: QtBot, manager: Session) -> None:
    add_garlic(manager)
    tab = _shown(qtbot, StockTab(manager))
    row = next(r for r in _rows(tab, "stockTable") if r[0] == "QK07")
    assert row[3:6] == ["40.000 กก.", "", "130.00/กก."] and row[6] == "5,200.00"
    group = next(r[1] for r in _rows(tab, "stockTable") if r[0] == "P01")
    assert "ฝากขาย 50 ชิ้น + 40.000 กก." in group  # never 40,050 of anything
    assert tab.select(next(r.product_id for r in tab.rows if r and r.sku == "QK07"))
    tab.show_history()
    assert "40.000 กก." in tab.findChild(QLabel, "stockHistoryTitle").text()
    assert _rows(tab, "stockHistory")[0][2:4] == ["+40.000 กก.", "40.000 กก."]


def test_receive_a_weight_typed_on_the_intake_tab(qtbot: QtBot, manager: Session) -> None:
    garlic = add_garlic(manager)
    tab = _shown(qtbot, IntakeTab(manager))
    tab.set_producer("P01")
    box = tab.findChild(QLineEdit, "intakeScan")
    box.setFocus()
    qtbot.keyClicks(box, "QK07")
    qtbot.keyClick(box, Qt.Key.Key_Return)
    assert tab.cell(0, "qty") == "" and "[กก.]" in tab.cell(0, "name")  # the weight is typed
    tab.set_cell(0, "qty", "12.5")
    assert "12.500 กก." in tab.findChild(QLabel, "intakeTotals").text()
    tab.set_cell(0, "qty", "12.5005")
    assert "ละเอียดเกินไป" in tab.findChild(QLabel, "intakeMessage").text()
    tab.set_cell(0, "qty", "12.5")
    with qtbot.waitSignal(tab.received) as got:
        qtbot.mouseClick(tab.findChild(QPushButton, "intakeSave"), Qt.MouseButton.LeftButton)
    assert got.args[0].total_text() == "12.500 กก."
    assert "12.500 กก." in tab.findChild(QLabel, "intakeMessage").text()
    assert levels.on_hand(manager.store, garlic) == 52_500
    tab.set_producer("P01")
    box.setFocus()
    qtbot.keyClicks(box, "2.25*QK07")  # a weight typed before the code, as at the till
    qtbot.keyClick(box, Qt.Key.Key_Return)
    assert tab.cell(0, "qty") == "2.250"


def test_count_a_weight_on_the_count_tab(qtbot: QtBot, manager: Session) -> None:
    garlic = add_garlic(manager)
    tab = _shown(qtbot, CountTab(manager))
    combo = tab.findChild(QComboBox, "countProducer")
    combo.setCurrentIndex(combo.findData("P01"))
    qtbot.mouseClick(tab.findChild(QPushButton, "countStart"), Qt.MouseButton.LeftButton)
    row = next(r for r in range(tab.table.rowCount()) if tab.table.item(r, 0).text() == "QK07")
    tab.table.item(row, COUNT_COL["counted"]).setText("39.1")
    texts = {k: tab.table.item(row, c).text() for k, c in COUNT_COL.items()}
    assert (texts["expected"], texts["counted"], texts["diff"]) == (
        "40.000 กก.",
        "39.100",
        "-0.900",
    )
    assert texts["value"] == "-117.00"
    box = tab.findChild(QLineEdit, "countScan")
    box.setFocus()
    qtbot.keyClicks(box, "QK07")
    qtbot.keyClick(box, Qt.Key.Key_Return)
    assert "ขายตามน้ำหนัก" in tab.findChild(QLabel, "countMessage").text()
    qtbot.mouseClick(tab.findChild(QPushButton, "countPost"), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: levels.on_hand(manager.store, garlic) == 39_100)
