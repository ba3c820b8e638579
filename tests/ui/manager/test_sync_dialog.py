"""The manager's sync dialog: enrolment on a worker, a refusal under its box, the status, retry.

`enrol_till`, `retry_after_stop` and the uploader come from the till-sync
branch, not in this tree: these tests put small stand-ins where the dialog
imports them (operations/sync/enrol.py and running.py) and stand a
`SyncStatus` in for `sync_status`. What is under test is the dialog.
"""

from __future__ import annotations

import sys
import threading
import types
from collections.abc import Iterator
from dataclasses import replace
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QLineEdit, QPushButton
from pytestqt.qtbot import QtBot
from till_helpers import _login, _open

from otop_pos.db.store import Store
from otop_pos.domain.thai.thaidate import to_iso, utc_now
from otop_pos.operations import sync as sync_package
from otop_pos.operations.errors import FieldError, OperationError
from otop_pos.operations.session import Session
from otop_pos.operations.sync import status as status_module
from otop_pos.operations.sync.status import SyncStatus
from otop_pos.ui.manager.sync_dialog import SyncDialog
from otop_pos.ui.texts.i18n import set_language
from otop_pos.ui.widgets.forms import BAD_BOX
from otop_pos.ui.widgets.sync_status import SyncLink

pytestmark = pytest.mark.gui


@pytest.fixture(autouse=True)
def _thai() -> Iterator[None]:
    """The screens' language is process-wide: Thai before and after each test."""
    set_language("th")
    yield
    set_language("th")


NOT_ENROLLED = SyncStatus(
    enrolled=False, server_url="", terminal_id="", unsent=0, oldest_unsent_at=None,
    last_ack_at=None, acked_seq=0, state="not_enrolled", error_code=None, message_th=None,
    message_en=None, checkpoint=None,
)  # fmt: skip
ENROLLED = replace(NOT_ENROLLED, enrolled=True, server_url="https://otop.example",
                   terminal_id="SSK01-POS01", state="idle", unsent=7, acked_seq=120,
                   oldest_unsent_at=to_iso(utc_now()), last_ack_at=to_iso(utc_now()))  # fmt: skip
REFUSED_TH = "รหัสลงทะเบียนนี้ใช้ไปแล้ว"


class Core:
    """Stands in for operations/sync/enrol.py and running.py, and for sync_status."""

    def __init__(self) -> None:
        self.status = NOT_ENROLLED
        self.refusal: OperationError | None = None
        self.calls: list[tuple[str, str, bool]] = []  # (url, code, on the GUI thread?)
        self.retried = 0
        self.woken = 0

    def sync_status(self, _store: object) -> SyncStatus:
        return self.status

    def enrol_till(self, store: Any, url: str, code: str) -> SyncStatus:
        self.calls.append((url, code, threading.current_thread() is threading.main_thread()))
        store.path  # noqa: B018  (a store it was given, open)
        if self.refusal is not None:
            raise self.refusal
        self.status = ENROLLED
        return ENROLLED

    def start_uploader(self, _db_path: object) -> Any:
        return types.SimpleNamespace(wake=self.wake, stop=lambda timeout=5.0: None)

    def wake(self) -> None:
        self.woken += 1

    def retry_after_stop(self, _store: object) -> None:
        self.retried += 1
        self.status = replace(self.status, state="idle", error_code=None, message_th=None)


@pytest.fixture
def core(monkeypatch: pytest.MonkeyPatch) -> Core:
    fake = Core()
    monkeypatch.setattr(status_module, "sync_status", fake.sync_status)
    for name in ("enrol", "running"):
        module = types.ModuleType(f"otop_pos.operations.sync.{name}")
        for attr in ("enrol_till", "start_uploader", "retry_after_stop"):
            setattr(module, attr, getattr(fake, attr))
        monkeypatch.setitem(sys.modules, module.__name__, module)
        monkeypatch.setattr(sync_package, name, module, raising=False)
    return fake


def _dialog(qtbot: QtBot, session: Session) -> SyncDialog:
    dialog = SyncDialog(session, SyncLink(session))
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    return dialog


def _box(dialog: SyncDialog, name: str) -> QLineEdit:
    box = dialog.findChild(QLineEdit, name)
    assert box is not None, name
    return box


def _text(dialog: SyncDialog, name: str) -> str:
    label = dialog.findChild(QLabel, name)
    assert label is not None, name
    return label.text()


def _enrol(qtbot: QtBot, dialog: SyncDialog, url: str, code: str) -> None:
    _box(dialog, "syncUrl").setText(url)
    _box(dialog, "syncCode").setText(code)
    qtbot.mouseClick(dialog.findChild(QPushButton, "syncEnrol"), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.worker is None)


def test_enrolling_runs_off_the_gui_thread_and_shows_the_terminal(
    qtbot: QtBot, manager: Session, core: Core
) -> None:
    dialog = _dialog(qtbot, manager)
    assert _text(dialog, "syncState") == "ยังไม่ได้ลงทะเบียน"
    assert not dialog.findChild(QPushButton, "syncSendNow").isEnabled()
    _enrol(qtbot, dialog, " https://otop.example ", "7k3m q9px-2hdw")
    assert core.calls == [("https://otop.example", "7K3M-Q9PX-2HDW", False)]
    assert "SSK01-POS01" in _text(dialog, "syncMessage")
    assert _text(dialog, "syncTerminal") == "SSK01-POS01"
    assert _text(dialog, "syncUnsent") == "7"
    assert dialog.link.uploader is not None  # started once enrolled
    qtbot.mouseClick(dialog.findChild(QPushButton, "syncSendNow"), Qt.MouseButton.LeftButton)
    assert core.woken == 1


def test_a_refusal_about_the_code_shows_under_the_code_and_keeps_what_was_typed(
    qtbot: QtBot, manager: Session, core: Core
) -> None:
    core.refusal = FieldError(REFUSED_TH, "This code was used already.", "code")
    dialog = _dialog(qtbot, manager)
    _enrol(qtbot, dialog, "https://otop.example", "7K3M-Q9PX-2HDW")
    assert _text(dialog, "syncCodeError") == REFUSED_TH
    assert _text(dialog, "syncUrlError") == ""
    assert _box(dialog, "syncCode").styleSheet() == BAD_BOX
    assert _box(dialog, "syncCode").text() == "7K3M-Q9PX-2HDW"
    assert _box(dialog, "syncUrl").text() == "https://otop.example"
    assert dialog.link.uploader is None


def test_a_refusal_about_the_address_shows_under_the_address(
    qtbot: QtBot, manager: Session, core: Core
) -> None:
    core.refusal = FieldError("ติดต่อเซิร์ฟเวอร์ไม่ได้", "The server does not answer.", "url")
    dialog = _dialog(qtbot, manager)
    _enrol(qtbot, dialog, "https://nowhere.example", "7K3M-Q9PX-2HDW")
    assert _text(dialog, "syncUrlError") == "ติดต่อเซิร์ฟเวอร์ไม่ได้"
    assert _text(dialog, "syncCodeError") == ""


def test_a_plain_refusal_shows_under_the_code(qtbot: QtBot, manager: Session, core: Core) -> None:
    core.refusal = OperationError(REFUSED_TH, "This code was used already.")
    dialog = _dialog(qtbot, manager)
    _enrol(qtbot, dialog, "https://otop.example", "7K3M-Q9PX-2HDW")
    assert _text(dialog, "syncCodeError") == REFUSED_TH


def test_a_mistyped_code_is_marked_before_anything_is_sent(
    qtbot: QtBot, manager: Session, core: Core
) -> None:
    dialog = _dialog(qtbot, manager)
    _enrol(qtbot, dialog, "https://otop.example", "7K3M-Q9PX-2HD")
    assert "12" in _text(dialog, "syncCodeError")
    _enrol(qtbot, dialog, "", "7K3M-Q9PX-2HDW")
    assert _text(dialog, "syncUrlError") == "กรุณาใส่ที่อยู่เซิร์ฟเวอร์"
    assert core.calls == []


def test_a_cashier_may_look_but_not_enrol(qtbot: QtBot, cashier: Session, core: Core) -> None:
    dialog = _dialog(qtbot, cashier)
    _enrol(qtbot, dialog, "https://otop.example", "7K3M-Q9PX-2HDW")
    assert core.calls == []
    assert _text(dialog, "syncMessage")  # the refusal, in Thai


def test_a_stopped_upload_shows_why_and_try_again_clears_it(
    qtbot: QtBot, manager: Session, core: Core
) -> None:
    core.status = replace(ENROLLED, state="stopped", error_code="fork",
                          message_th="ข้อมูลไม่ตรงกับเซิร์ฟเวอร์", message_en="Forked")  # fmt: skip
    dialog = _dialog(qtbot, manager)
    retry = dialog.findChild(QPushButton, "syncRetry")
    assert retry.isVisible()
    assert _text(dialog, "syncError") == "ข้อมูลไม่ตรงกับเซิร์ฟเวอร์"
    assert _text(dialog, "syncState") == "หยุดส่ง"
    assert not dialog.findChild(QPushButton, "syncSendNow").isEnabled()
    qtbot.mouseClick(retry, Qt.MouseButton.LeftButton)
    assert core.retried == 1 and core.woken == 1
    assert not retry.isVisible()
    assert _text(dialog, "syncError") == "–"


def test_the_manager_screen_opens_it(qtbot: QtBot, store: Store, core: Core) -> None:
    window = _open(qtbot, store)
    _login(qtbot, window)
    window.show_manager()
    qtbot.mouseClick(window.findChild(QPushButton, "openSync"), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: (d := window.findChild(SyncDialog, "syncDialog")) is not None
                    and d.isVisible())  # fmt: skip
    window.findChild(SyncDialog, "syncDialog").reject()
