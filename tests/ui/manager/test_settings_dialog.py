"""The manager's settings screen: saved all together with the audit, refusals at their box,
and the printer page's test page on a worker."""

from __future__ import annotations

import socket
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QCheckBox, QLabel, QLineEdit, QPlainTextEdit, QPushButton
from pytestqt.qtbot import QtBot
from till_helpers import _login, _open

from otop_pos.db import settings as settings_db
from otop_pos.db.store import Store
from otop_pos.domain.thai.thaidate import bangkok_date, utc_now
from otop_pos.operations import approvals
from otop_pos.operations.session import Session
from otop_pos.ui.settings.settings_dialog import SettingsDialog
from otop_pos.ui.texts.i18n import set_language
from otop_pos.ui.widgets.forms import BAD_BOX

pytestmark = pytest.mark.gui


@pytest.fixture(autouse=True)
def _thai() -> Iterator[None]:
    set_language("th")
    yield
    set_language("th")


def dialog_for(qtbot: QtBot, session: Session) -> SettingsDialog:
    dialog = SettingsDialog(session)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    qtbot.waitUntil(lambda: dialog.printer.worker is None)  # the printers looked for
    return dialog


def box(dialog: SettingsDialog, key: str):  # type: ignore[no-untyped-def]
    return dialog.boxes[key]


def test_save_applies_every_change_and_the_audit_shows_it(qtbot: QtBot, manager: Session) -> None:
    dialog = dialog_for(qtbot, manager)
    promptpay = box(dialog, "promptpay_id")
    assert isinstance(promptpay, QLineEdit)
    promptpay.setText("0812345678")
    blind = box(dialog, "blind_close")
    assert isinstance(blind, QCheckBox)
    blind.setChecked(True)
    header = box(dialog, "receipt_header")
    assert isinstance(header, QPlainTextEdit)
    header.setPlainText("เปิดทุกวัน 8:00-17:00")
    qtbot.mouseClick(dialog.findChild(QPushButton, "settingsSave"), Qt.MouseButton.LeftButton)
    saved = settings_db.load(manager.store)
    assert saved.promptpay_id == "081-234-5678" and saved.blind_close
    assert saved.receipt_header == "เปิดทุกวัน 8:00-17:00"
    assert "บันทึกแล้ว 3 รายการ" in dialog.findChild(QLabel, "settingsMessage").text()
    today = bangkok_date(utc_now())
    (entry,) = [e for e in approvals.audit_entries(manager, today, today)
                if e.action == "เปลี่ยนการตั้งค่า"]  # fmt: skip
    assert "promptpay_id: - → 081-234-5678" in entry.detail
    qtbot.mouseClick(dialog.findChild(QPushButton, "settingsSave"), Qt.MouseButton.LeftButton)
    assert "ไม่มีอะไรเปลี่ยน" in dialog.findChild(QLabel, "settingsMessage").text()


def test_a_refusal_is_shown_at_its_box_on_its_tab_and_nothing_is_saved(
    qtbot: QtBot, manager: Session
) -> None:
    before = settings_db.load(manager.store)
    dialog = dialog_for(qtbot, manager)
    dialog.tabs.setCurrentIndex(3)  # selling: the mistake is on another tab
    box(dialog, "promptpay_id").setText("0812345678")
    box(dialog, "pos_id").setText("")
    qtbot.mouseClick(dialog.findChild(QPushButton, "settingsSave"), Qt.MouseButton.LeftButton)
    error = dialog.findChild(QLabel, "settingError_pos_id")
    assert error.isVisible() and "รหัส POS" in error.text()
    assert dialog.tabs.currentIndex() == 0 and box(dialog, "pos_id").styleSheet() == BAD_BOX
    assert box(dialog, "promptpay_id").text() == "0812345678"  # what was typed stays
    assert settings_db.load(manager.store) == before  # all or nothing
    box(dialog, "pos_id").setText("POS01")
    box(dialog, "pos_id").textEdited.emit("POS01")
    assert not error.isVisible()


def test_the_test_page_to_a_closed_port_says_why(qtbot: QtBot, manager: Session) -> None:
    dialog = dialog_for(qtbot, manager)
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    page = dialog.printer
    network = page.findChild(QLineEdit, "printerNetwork")
    qtbot.keyClicks(network, f"127.0.0.1:{port}")
    assert page.radios["network"].isChecked()
    qtbot.mouseClick(page.findChild(QPushButton, "printerTest"), Qt.MouseButton.LeftButton)
    result = page.findChild(QLabel, "printerResult")
    qtbot.waitUntil(lambda: "ไม่รับการเชื่อมต่อ" in result.text(), timeout=10_000)
    assert f"127.0.0.1:{port}" in result.text()


def test_the_printer_page_saves_the_chosen_address_and_paper(
    qtbot: QtBot, manager: Session, tmp_path: Path
) -> None:
    dialog = dialog_for(qtbot, manager)
    page = dialog.printer
    qtbot.keyClicks(page.findChild(QLineEdit, "printerFile"), str(tmp_path / "printer.bin"))
    page.paper.setCurrentIndex(page.paper.findData(384))
    qtbot.mouseClick(page.findChild(QPushButton, "printerTest"), Qt.MouseButton.LeftButton)
    result = page.findChild(QLabel, "printerResult")
    qtbot.waitUntil(lambda: "ส่งหน้าทดสอบแล้ว" in result.text(), timeout=10_000)
    assert (tmp_path / "printer.bin").stat().st_size > 0
    qtbot.mouseClick(dialog.findChild(QPushButton, "settingsSave"), Qt.MouseButton.LeftButton)
    saved = settings_db.load(manager.store)
    assert saved.printer_uri == f"file:{tmp_path / 'printer.bin'}" and saved.paper_dots == 384


def test_the_manager_screen_opens_the_settings(qtbot: QtBot, store: Store) -> None:
    window = _open(qtbot, store)
    window.login.users.setCurrentRow(window.login.user_ids.index(1))  # the manager
    _login(qtbot, window, "9999")
    window.show_manager()
    button = window.findChild(QPushButton, "openSettings")
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    dialog = window.findChild(SettingsDialog, "settingsDialog")
    assert dialog is not None
    qtbot.waitUntil(dialog.isVisible)
    qtbot.waitUntil(lambda: dialog.printer.worker is None)
    dialog.reject()


def test_a_folder_is_typed_or_browsed_and_refused_on_its_own_tab(
    qtbot: QtBot, manager: Session, tmp_path: Path
) -> None:
    dialog = dialog_for(qtbot, manager)
    assert dialog.findChild(QPushButton, "settingBrowse_documents_dir") is not None
    box(dialog, "documents_dir").setText("documents")  # not a full path
    qtbot.mouseClick(dialog.findChild(QPushButton, "settingsSave"), Qt.MouseButton.LeftButton)
    error = dialog.findChild(QLabel, "settingError_documents_dir")
    assert dialog.tabs.currentIndex() == 2 and error.isVisible() and "ที่อยู่เต็ม" in error.text()
    box(dialog, "documents_dir").setText(str(tmp_path / "pdf"))
    qtbot.mouseClick(dialog.findChild(QPushButton, "settingsSave"), Qt.MouseButton.LeftButton)
    assert settings_db.load(manager.store).documents_dir == str(tmp_path / "pdf")
