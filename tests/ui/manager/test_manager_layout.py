"""The manager screen's buttons stay where they are when a status text changes, and the
screen fits 1024x768 less a title bar and a task bar."""

from __future__ import annotations

import pytest
from helpers import MANAGER_PIN
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QLineEdit, QPushButton
from pytestqt.qtbot import QtBot
from till_helpers import _login, _open

from otop_pos.db.store import Store
from otop_pos.ui.main_window import MainWindow

pytestmark = pytest.mark.gui

LONG = "ตรวจบัญชีพบรายการที่ไม่ตรงกันในสมุดรายวัน ตั้งแต่ลำดับที่ 1024 " * 6


def _geometry(window: MainWindow) -> dict[str, tuple[int, int, int, int]]:
    screen = window.stack.currentWidget()
    return {
        b.objectName(): (*b.mapTo(window, b.rect().topLeft()).toTuple(), *b.size().toTuple())
        for b in screen.findChildren(QPushButton)
        if b.isVisible()
    }


@pytest.mark.parametrize("width", [1024, 1366])
def test_buttons_stay_when_status_texts_change(qtbot: QtBot, store: Store, width: int) -> None:
    window = _open(qtbot, store)
    pin = window.findChild(QLineEdit, "pinInput")
    qtbot.waitUntil(pin.hasFocus)
    qtbot.keyClick(pin, Qt.Key.Key_Down)  # from the cashier to the manager
    _login(qtbot, window, MANAGER_PIN)
    window.show_manager()
    window.resize(width, 698)
    qtbot.waitUntil(lambda: window.width() == width)
    assert window.minimumSizeHint().height() <= 698
    assert window.height() == 698
    before = _geometry(window)
    assert {"xReportButton", "zCloseButton", "reportRun", "exportReport"} <= before.keys()

    screen = window.stack.currentWidget()
    screen.findChild(QLabel, "dayCloseMessage").setText(LONG)
    screen._say(LONG, error=True)
    screen.findChild(QLabel, "reportRange").setText("แสดงรายงาน 1 มกราคม 2569 ถึง 31 ธันวาคม 2569")
    qtbot.wait(20)
    window.layout().activate()
    assert _geometry(window) == before
