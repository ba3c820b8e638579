"""The manager's sync dialog against a real provincial server: enrolment on a worker, a
refusal under its box, the status, a stop and "try again".

The server is a real uvicorn subprocess on loopback (tests/server_helpers.py);
enrolment, the uploader and the status are the till's own (operations/sync/).
"""

from __future__ import annotations

import base64
import itertools
import os
from collections.abc import Iterator

import pytest
from helpers import make_centre
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QLineEdit, QPushButton
from pytestqt.qtbot import QtBot
from server_helpers import RunningServer, free_port, running_server
from shift_helpers import TEA, sell
from sync_helpers import manager_of
from till_helpers import _login, _open

from otop_pos.db import journal
from otop_pos.db.store import Store, open_store
from otop_pos.operations.session import Session
from otop_pos.operations.sync import enrol, running
from otop_pos.operations.sync.status import sync_status
from otop_pos.ui.manager.sync_dialog import SyncDialog
from otop_pos.ui.texts.i18n import set_language
from otop_pos.ui.widgets.forms import BAD_BOX
from otop_pos.ui.widgets.sync_status import SyncLink

pytestmark = pytest.mark.gui
_centres = itertools.count(1)


@pytest.fixture(autouse=True)
def _thai() -> Iterator[None]:
    """The screens' language is process-wide: Thai before and after each test."""
    set_language("th")
    yield
    set_language("th")


@pytest.fixture(scope="module")
def province(tmp_path_factory: pytest.TempPathFactory) -> Iterator[RunningServer]:
    folder = tmp_path_factory.mktemp("province")
    with running_server(str(folder / "province.sqlite"), folder) as server:
        yield server


@pytest.fixture
def code(province: RunningServer) -> str:
    """A fresh code for POS01 of a centre of this test's own."""
    return province.enrol_code(f"DLG{next(_centres):02d}", "POS01")


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
    qtbot.waitUntil(lambda: dialog.worker is None, timeout=20_000)


def test_enrolling_shows_the_terminal_and_starts_the_uploader(
    qtbot: QtBot, manager: Session, province: RunningServer, code: str
) -> None:
    dialog = _dialog(qtbot, manager)
    assert _text(dialog, "syncState") == "ยังไม่ได้ลงทะเบียน"
    assert not dialog.findChild(QPushButton, "syncSendNow").isEnabled()
    _enrol(qtbot, dialog, f" {province.url} ", code.lower().replace("-", " "))
    terminal = sync_status(manager.store).terminal_id
    assert terminal.endswith("-POS01")
    assert terminal in _text(dialog, "syncMessage")
    assert _text(dialog, "syncTerminal") == terminal
    assert dialog.link.uploader is not None  # started once enrolled
    qtbot.mouseClick(dialog.findChild(QPushButton, "syncSendNow"), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: sync_status(manager.store).unsent == 0, timeout=20_000)
    assert sync_status(manager.store).acked_seq == journal.head(manager.store, "T01")[0]
    dialog.link.stop()


def test_a_used_code_is_refused_under_the_code_and_what_was_typed_stays(
    qtbot: QtBot, manager: Session, province: RunningServer, code: str, tmp_path: object
) -> None:
    first = open_store(tmp_path / "first.sqlite")  # type: ignore[operator]
    try:  # the code is spent by another till first
        enrol.enrol_till(manager_of(make_centre(first)), province.url, code)
    finally:
        first.close()
    dialog = _dialog(qtbot, manager)
    _enrol(qtbot, dialog, province.url, code)
    assert "ใช้ไปแล้ว" in _text(dialog, "syncCodeError")
    assert _text(dialog, "syncUrlError") == ""
    assert _box(dialog, "syncCode").text() == code
    assert _box(dialog, "syncUrl").text() == province.url
    assert dialog.link.uploader is None
    assert not sync_status(manager.store).enrolled


def test_an_address_that_is_not_https_is_refused_under_the_address(
    qtbot: QtBot, manager: Session, code: str
) -> None:
    dialog = _dialog(qtbot, manager)
    _enrol(qtbot, dialog, "http://otop.example.go.th", code)  # plain http off loopback
    assert _text(dialog, "syncUrlError")
    assert _box(dialog, "syncUrl").styleSheet() == BAD_BOX
    assert _text(dialog, "syncCodeError") == ""


def test_a_server_that_does_not_answer_says_so(qtbot: QtBot, manager: Session,
                                               code: str) -> None:  # fmt: skip
    dialog = _dialog(qtbot, manager)
    _enrol(qtbot, dialog, f"http://127.0.0.1:{free_port()}", code)  # nothing listens
    shown = _text(dialog, "syncCodeError") + _text(dialog, "syncUrlError")
    assert shown and not sync_status(manager.store).enrolled


def test_a_mistyped_code_is_marked_before_anything_is_sent(
    qtbot: QtBot, manager: Session, province: RunningServer, code: str
) -> None:
    dialog = _dialog(qtbot, manager)
    _enrol(qtbot, dialog, province.url, code[:-1])
    assert "12" in _text(dialog, "syncCodeError")
    _enrol(qtbot, dialog, "", code)
    assert _text(dialog, "syncUrlError") == "กรุณาใส่ที่อยู่เซิร์ฟเวอร์"
    assert not sync_status(manager.store).enrolled
    _enrol(qtbot, dialog, province.url, code)  # the code was never sent: it still works
    assert sync_status(manager.store).enrolled
    dialog.link.stop()


def test_a_cashier_may_look_but_not_enrol(qtbot: QtBot, cashier: Session,
                                          province: RunningServer, code: str) -> None:  # fmt: skip
    dialog = _dialog(qtbot, cashier)
    _enrol(qtbot, dialog, province.url, code)
    assert _text(dialog, "syncMessage")  # the refusal, in Thai
    assert not sync_status(cashier.store).enrolled


def test_a_stopped_upload_shows_why_and_try_again_starts_it(
    qtbot: QtBot, manager: Session, province: RunningServer, code: str
) -> None:
    dialog = _dialog(qtbot, manager)
    _enrol(qtbot, dialog, province.url, code)
    dialog.link.stop()
    sell(manager, TEA)
    with manager.store.transaction():  # a damaged file: the secret is not the server's
        manager.store.conn.execute("UPDATE sync_state SET secret = ?",
                                   (base64.b64encode(os.urandom(32)).decode(),))  # fmt: skip
    assert running.send_now(manager.store).outcome == "stopped"
    dialog.close()
    dialog = _dialog(qtbot, manager)
    retry = dialog.findChild(QPushButton, "syncRetry")
    assert retry.isVisible()
    assert "ลงทะเบียน" in _text(dialog, "syncError")
    assert _text(dialog, "syncState") == "หยุดส่ง"
    assert not dialog.findChild(QPushButton, "syncSendNow").isEnabled()
    qtbot.mouseClick(retry, Qt.MouseButton.LeftButton)
    assert dialog.link.uploader is not None  # started again; the server refuses again
    qtbot.waitUntil(lambda: sync_status(manager.store).state == "stopped", timeout=20_000)
    dialog.link.stop()


def test_the_manager_screen_opens_it(qtbot: QtBot, store: Store) -> None:
    window = _open(qtbot, store)
    _login(qtbot, window)
    window.show_manager()
    qtbot.mouseClick(window.findChild(QPushButton, "openSync"), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: (d := window.findChild(SyncDialog, "syncDialog")) is not None
                    and d.isVisible())  # fmt: skip
    window.findChild(SyncDialog, "syncDialog").reject()
