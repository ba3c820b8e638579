"""The manager sees what the till found wrong with its books, and acknowledges it to close the Z."""

from __future__ import annotations

from pathlib import Path

import pytest
from helpers import MANAGER_PIN, make_centre
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QLineEdit, QMessageBox, QPushButton
from pytestqt.qtbot import QtBot
from shift_helpers import SILK, sell
from till_helpers import _login, _open

from otop_pos.db.store import Store
from otop_pos.operations import auth, books
from otop_pos.operations.session import Session
from otop_pos.ui.shifts.day_close_bar import DayCloseBar

pytestmark = pytest.mark.gui


def _bar(qtbot: QtBot, session: Session) -> DayCloseBar:
    bar = DayCloseBar(session)
    qtbot.addWidget(bar)
    bar.show()
    qtbot.waitExposed(bar)
    return bar


def _ask_z(qtbot: QtBot, bar: DayCloseBar) -> None:
    qtbot.mouseClick(bar.findChild(QPushButton, "zCloseButton"), Qt.MouseButton.LeftButton)
    confirm = next(b for b in bar.findChildren(QMessageBox, "zConfirm") if b.isVisible())
    confirm.button(QMessageBox.StandardButton.Yes).click()


def test_a_refused_z_names_the_entry_and_closes_once_acknowledged(
    qtbot: QtBot, store: Store, tmp_path: Path
) -> None:
    session = make_centre(store, printer_uri=f"file:{tmp_path / 'p.bin'}",
                          documents_dir=str(tmp_path))  # fmt: skip
    auth.login(session, 1, MANAGER_PIN)
    sale = sell(session, SILK)
    store.conn.execute("UPDATE sales SET total_satang = 1 WHERE seq = ?", (sale.seq,))
    bar = _bar(qtbot, session)
    acknowledge = bar.findChild(QPushButton, "booksAcknowledgeButton")
    message = bar.findChild(QLabel, "dayCloseMessage")
    assert not acknowledge.isVisible()

    _ask_z(qtbot, bar)
    qtbot.waitUntil(acknowledge.isVisible)
    assert f"ลำดับที่ {sale.seq}" in message.text() and bar.last is None

    qtbot.mouseClick(acknowledge, Qt.MouseButton.LeftButton)  # a manager is logged in
    qtbot.waitUntil(lambda: not acknowledge.isVisible())
    assert "รับทราบแล้ว" in message.text()
    with qtbot.waitSignal(bar.report_done):
        _ask_z(qtbot, bar)
    assert bar.last is not None and bar.last.z_no == 1


def test_what_start_up_found_greets_the_manager(qtbot: QtBot, store: Store) -> None:
    window = _open(qtbot, store)
    session = window.session
    auth.login(session, 1, MANAGER_PIN)
    sale = sell(session, SILK)
    auth.logout(session)
    store.conn.execute("UPDATE payments SET amount_satang = 1 WHERE sale_id = 1")
    found = books.check_at_start(session)  # what run_app does before the window opens
    assert found is not None and found.seq == sale.seq

    pin = window.findChild(QLineEdit, "pinInput")
    qtbot.waitUntil(pin.hasFocus)
    qtbot.keyClick(pin, Qt.Key.Key_Down)  # from the cashier to the manager
    _login(qtbot, window, MANAGER_PIN)
    assert f"ลำดับที่ {sale.seq}" in window.sale.message.text()
    bar = _bar(qtbot, session)
    assert bar.findChild(QPushButton, "booksAcknowledgeButton").isVisible()


def test_the_manager_checks_every_table_without_the_screen_waiting(
    qtbot: QtBot, manager: Session
) -> None:
    sale = sell(manager, SILK)
    bar = _bar(qtbot, manager)
    button = bar.findChild(QPushButton, "booksFullCheckButton")
    message = bar.findChild(QLabel, "dayCloseMessage")
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    assert not button.isEnabled()  # running on its own thread and connection
    qtbot.waitUntil(lambda: "ทุกตารางตรงกับบันทึกรายการ" in message.text(), timeout=20_000)
    assert button.isEnabled() and not bar.acknowledge.isVisible()

    manager.store.conn.execute(
        "UPDATE sale_lines SET amount_satang = 1 WHERE sale_id ="
        " (SELECT id FROM sales WHERE seq = ?)",
        (sale.seq,),
    )
    manager.store.conn.commit()
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "sale_lines" in message.text(), timeout=20_000)
    assert f"ลำดับที่ {sale.seq}" in message.text() and bar.acknowledge.isVisible()
    assert books.open_problem(manager) is not None
