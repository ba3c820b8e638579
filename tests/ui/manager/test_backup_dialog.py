"""The manager's backup dialog: a backup on a worker with progress, the second folder's
warning, a restore checked, asked about, swapped, and the restart it asks for."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from helpers import MANAGER_PIN, make_centre
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QListWidget, QProgressBar, QPushButton
from pytestqt.qtbot import QtBot
from shift_helpers import TEA, sell

from otop_pos.db.store import open_store
from otop_pos.operations import auth, centre_settings
from otop_pos.operations.backups import snapshots
from otop_pos.operations.session import Session
from otop_pos.ui.manager.backup_dialog import BackupDialog
from otop_pos.ui.texts.i18n import set_language

pytestmark = pytest.mark.gui


@pytest.fixture(autouse=True)
def _thai() -> Iterator[None]:
    set_language("th")
    yield
    set_language("th")


def _dialog(qtbot: QtBot, session: Session, let_go: list[int] | None = None) -> BackupDialog:
    calls = let_go if let_go is not None else []
    dialog = BackupDialog(session, lambda: calls.append(1))
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    return dialog


def _text(dialog: BackupDialog, name: str) -> str:
    label = dialog.findChild(QLabel, name)
    assert label is not None, name
    return label.text()


def test_back_up_now_shows_progress_the_file_and_the_missing_second_folder(
    qtbot: QtBot, manager: Session, tmp_path: Path
) -> None:
    centre_settings.update(manager, {"backup_dir2": str(tmp_path / "usb")})
    dialog = _dialog(qtbot, manager)
    assert "ไม่พบโฟลเดอร์สำรองที่สอง" in _text(dialog, "backupSecond")
    assert _text(dialog, "backupNewest") == "ยังไม่เคยสำรอง"
    seen: list[int] = []
    dialog.progress.valueChanged.connect(seen.append)
    with qtbot.waitSignal(dialog.backed_up, timeout=20_000) as done:
        qtbot.mouseClick(dialog.findChild(QPushButton, "backupNow"), Qt.MouseButton.LeftButton)
    result = done.args[0]
    assert result.path.exists()
    assert dialog.findChild(QProgressBar, "backupProgress").value() == 100
    assert seen and seen[-1] == 100
    message = _text(dialog, "backupMessage")
    assert result.path.name in message and "ไม่พบโฟลเดอร์สำรองที่สอง" in message
    files = dialog.findChild(QListWidget, "backupFiles")
    assert files.count() == 1 and result.path.name in files.item(0).text()
    assert "ยังไม่ได้สำรองวันนี้" not in _text(dialog, "backupNewest")


def test_a_cashier_is_told_before_anything_runs(qtbot: QtBot, cashier: Session) -> None:
    dialog = _dialog(qtbot, cashier)
    dialog.back_up()
    assert dialog.worker is None
    assert "ตั้งค่าระบบ" in _text(dialog, "backupMessage")


def test_restore_asks_then_swaps_and_asks_for_a_restart(
    qtbot: QtBot, manager: Session, db_path: Path
) -> None:
    sell(manager, TEA)
    taken = snapshots.backup_now(manager).path
    sell(manager, TEA)
    sell(manager, TEA)
    let_go: list[int] = []
    dialog = _dialog(qtbot, manager, let_go)
    dialog.restore_file(taken)
    qtbot.waitUntil(lambda: getattr(dialog, "confirm", None) is not None, timeout=20_000)
    question = dialog.confirm.text()
    assert "ลำดับที่" in question and "2 รายการ" in question and "เซิร์ฟเวอร์จังหวัด" in question
    yes = dialog.confirm.findChild(QPushButton, "backupConfirmYes")
    with qtbot.waitSignal(dialog.restart_needed, timeout=30_000) as restarted:
        qtbot.waitUntil(lambda: getattr(dialog, "restored_box", None) is not None or
                        yes.isVisible(), timeout=5_000)  # fmt: skip
        qtbot.mouseClick(yes, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: getattr(dialog, "restored_box", None) is not None,
                        timeout=30_000)  # fmt: skip
        assert "โปรแกรมจะปิดลง" in dialog.restored_box.text()
        dialog.restored_box.findChild(QPushButton, "backupRestoredOk").click()
    assert let_go == [1], "the uploader and the workers were stopped before the swap"
    assert restarted.args[0].plan.lost == 2
    assert manager.user is None
    assert manager.store.scalar("SELECT count(*) FROM sales") == 1


def test_a_foreign_file_is_refused_in_the_dialog(
    qtbot: QtBot, manager: Session, tmp_path: Path
) -> None:
    other = tmp_path / "other.sqlite"
    store = open_store(other)
    try:
        make_centre(store)  # same centre and terminal name, another till's chain
    finally:
        store.close()
    dialog = _dialog(qtbot, manager)
    dialog.restore_file(other)
    qtbot.waitUntil(lambda: dialog.worker is None, timeout=20_000)
    assert "เริ่มต้นต่าง" in _text(dialog, "backupMessage")
    assert getattr(dialog, "confirm", None) is None
    auth.login(manager, 1, MANAGER_PIN)


def test_a_swap_refused_while_another_program_has_the_file_keeps_the_till_going(
    qtbot: QtBot, manager: Session, db_path: Path
) -> None:
    sell(manager, TEA)
    taken = snapshots.backup_now(manager).path
    sell(manager, TEA)
    resumed: list[int] = []
    dialog = BackupDialog(manager, lambda: None, None, lambda: resumed.append(1))
    qtbot.addWidget(dialog)
    dialog.show()
    other = open_store(db_path)  # a second till window on the same file
    try:
        dialog.restore_file(taken)
        qtbot.waitUntil(lambda: getattr(dialog, "confirm", None) is not None, timeout=20_000)
        dialog.confirm.findChild(QPushButton, "backupConfirmYes").click()
        qtbot.waitUntil(lambda: resumed == [1], timeout=30_000)
    finally:
        other.close()
    assert "เปิดฐานข้อมูลนี้อยู่" in _text(dialog, "backupMessage")
    assert manager.store.scalar("SELECT count(*) FROM sales") == 2, "the old file stays"


def test_a_failed_automatic_backup_and_a_day_without_one_turn_the_button_red(
    qtbot: QtBot, manager: Session, db_path: Path
) -> None:
    from PySide6.QtWidgets import QPushButton as Button

    from otop_pos.ui.manager.backup_dialog import flag_button

    button = Button("backups")
    qtbot.addWidget(button)
    flag_button(button, manager)
    assert button.toolTip() == "ยังไม่ได้สำรองข้อมูลวันนี้"
    (db_path.parent / "backups").write_text("a file where the folder should be")
    assert snapshots.quietly(manager.store, "daily") is None
    flag_button(button, manager)
    assert "การสำรองข้อมูลอัตโนมัติ (daily) ไม่สำเร็จ" in button.toolTip()
    assert "a40e26" in button.styleSheet()
    dialog = _dialog(qtbot, manager)
    assert "ไม่สำเร็จ" in _text(dialog, "backupMessage")
    (db_path.parent / "backups").unlink()
    assert snapshots.quietly(manager.store, "daily") is not None
    flag_button(button, manager)
    assert button.toolTip() == "" and button.styleSheet() == ""


def test_the_second_folder_is_set_on_the_settings_screen(
    qtbot: QtBot, manager: Session, tmp_path: Path
) -> None:
    from PySide6.QtWidgets import QLineEdit

    from otop_pos.db import settings as settings_db
    from otop_pos.ui.settings.settings_dialog import SettingsDialog

    settings = SettingsDialog(manager)
    qtbot.addWidget(settings)
    settings.show()
    qtbot.waitUntil(lambda: settings.printer.worker is None)
    box = settings.boxes["backup_dir2"]
    assert isinstance(box, QLineEdit)
    usb = tmp_path / "usb"
    usb.mkdir()
    box.setText(str(usb))
    qtbot.mouseClick(settings.findChild(QPushButton, "settingsSave"), Qt.MouseButton.LeftButton)
    assert settings_db.load(manager.store).backup_dir2 == str(usb)
    done = snapshots.backup_now(manager)
    assert [p.parent for p in done.copies] == [usb]
