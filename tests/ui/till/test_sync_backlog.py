"""The sale screen shows the provincial server's backlog; logout and quit warn when entries wait.

The states shown here take hours or a damaged file to arise for real (an
entry unsent for a day, a stopped upload), so these tests stand a
`SyncStatus` in for `sync_status` at the operations module, the one place
the screens read it. What is under test is the screens: where the line
sits, what it says, and when the warning appears. The real status against a
real server is in tests/ui/sync/ and tests/ui/manager/test_sync_dialog.py.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import replace
from datetime import timedelta

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QLineEdit, QMessageBox, QPushButton
from pytestqt.qtbot import QtBot
from till_helpers import _login, _open, _scan

from otop_pos.db.store import Store
from otop_pos.domain.thai.thaidate import to_iso, utc_now
from otop_pos.operations.sync import status as status_module
from otop_pos.operations.sync.status import SyncStatus
from otop_pos.ui.main_window import MainWindow
from otop_pos.ui.texts.i18n import set_language

pytestmark = pytest.mark.gui


@pytest.fixture(autouse=True)
def _thai() -> Iterator[None]:
    """The screens' language is process-wide: Thai before and after each test."""
    set_language("th")
    yield
    set_language("th")


class StandIn:
    """What `sync_status` answers; a test changes `.status` and counts the reads."""

    def __init__(self, status: SyncStatus) -> None:
        self.status = status
        self.reads = 0

    def __call__(self, _store: object) -> SyncStatus:
        self.reads += 1
        return self.status


NOT_ENROLLED = SyncStatus(
    enrolled=False, server_url="", terminal_id="", unsent=0, oldest_unsent_at=None,
    last_ack_at=None, acked_seq=0, state="not_enrolled", error_code=None, message_th=None,
    message_en=None, checkpoint=None,
)  # fmt: skip
"""Built here from the agreed fields, not taken from the interim status module."""


def _enrolled(unsent: int = 0, minutes: int = 0, **changes: object) -> SyncStatus:
    oldest = to_iso(utc_now() - timedelta(minutes=minutes)) if unsent else None
    fields: dict[str, object] = {
        "enrolled": True, "server_url": "https://otop.example", "terminal_id": "SSK01-POS01",
        "state": "idle", "unsent": unsent, "oldest_unsent_at": oldest,
        "last_ack_at": to_iso(utc_now()),
    }  # fmt: skip
    return replace(NOT_ENROLLED, **{**fields, **changes})  # type: ignore[arg-type]


@pytest.fixture
def stand_in(monkeypatch: pytest.MonkeyPatch) -> Callable[[SyncStatus], StandIn]:
    def use(status: SyncStatus) -> StandIn:
        fake = StandIn(status)
        monkeypatch.setattr(status_module, "sync_status", fake)
        return fake

    return use


def _label(window: MainWindow) -> QLabel:
    label = window.findChild(QLabel, "syncStatus")
    assert label is not None
    return label


def _question(qtbot: QtBot, window: MainWindow) -> QMessageBox:
    def shown() -> bool:
        box = window.findChild(QMessageBox, "unsentQuestion")
        return box is not None and box.isVisible()

    qtbot.waitUntil(shown)
    return window.findChild(QMessageBox, "unsentQuestion")


def _no_question(window: MainWindow) -> None:
    box = window.findChild(QMessageBox, "unsentQuestion")
    assert box is None or not box.isVisible()


def test_the_backlog_shows_in_the_top_row_without_taking_the_carts_height(
    qtbot: QtBot, store: Store, stand_in: Callable[[SyncStatus], StandIn]
) -> None:
    fake = stand_in(_enrolled(unsent=37, minutes=45))
    window = _open(qtbot, store)
    window.resize(1366, 768)
    barcode = _login(qtbot, window)
    label = _label(window)
    qtbot.waitUntil(lambda: "รอส่ง 37 รายการ" in label.text())
    assert "(45 นาที)" in label.text()
    assert label.property("severity") == "info"
    screen = window.sale
    logout = window.findChild(QPushButton, "logoutButton")
    top_of_label = label.mapTo(screen, label.rect().topLeft()).y()
    assert (
        label.mapTo(screen, label.rect().bottomLeft()).y()
        < barcode.mapTo(screen, barcode.rect().topLeft()).y()
    )
    assert abs(top_of_label - logout.mapTo(screen, logout.rect().topLeft()).y()) < logout.height()
    assert label.height() <= logout.height()  # the row is as tall as it was

    assert label.timer.isActive() and label.timer.interval() <= 5_000  # refreshed by itself
    fake.status = _enrolled(unsent=40, minutes=130)
    label.timer.timeout.emit()
    assert label.full_text.startswith("รอส่ง 40 รายการ")
    qtbot.waitUntil(lambda: "(2 ชม. 10 นาที)" in label.text())  # once the row has made room
    assert label.property("severity") == "warn"


def test_a_stopped_upload_is_an_alert_in_the_cores_words(
    qtbot: QtBot, store: Store, stand_in: Callable[[SyncStatus], StandIn]
) -> None:
    stand_in(_enrolled(unsent=2, minutes=5, state="stopped", error_code="fork",
                       message_th="ข้อมูลไม่ตรงกับเซิร์ฟเวอร์", message_en="Forked"))  # fmt: skip
    window = _open(qtbot, store)
    _login(qtbot, window)
    label = _label(window)
    qtbot.waitUntil(lambda: label.text().startswith("ข้อมูลไม่ตรงกับเซิร์ฟเวอร์"))
    assert label.property("severity") == "alert"
    assert "ข้อมูลไม่ตรงกับเซิร์ฟเวอร์" in label.toolTip()


def test_no_reads_while_another_screen_is_up(
    qtbot: QtBot, store: Store, stand_in: Callable[[SyncStatus], StandIn]
) -> None:
    stand_in(_enrolled())
    window = _open(qtbot, store)
    _login(qtbot, window)
    label = _label(window)
    assert label.timer.isActive()
    window.show_login()
    assert not label.timer.isActive()


def test_logout_with_unsent_entries_warns_and_enter_still_logs_out(
    qtbot: QtBot, store: Store, stand_in: Callable[[SyncStatus], StandIn]
) -> None:
    stand_in(_enrolled(unsent=3, minutes=10))
    window = _open(qtbot, store)
    barcode = _login(qtbot, window)
    qtbot.mouseClick(window.findChild(QPushButton, "logoutButton"), Qt.MouseButton.LeftButton)
    box = _question(qtbot, window)
    assert "ยังมี 3 รายการที่ยังไม่ได้ส่งไปเซิร์ฟเวอร์จังหวัด" in box.text()
    assert box.defaultButton() is box.button(QMessageBox.StandardButton.Yes)  # it warns, not traps
    assert window.stack.currentWidget() is window.sale  # nothing happens before the answer
    qtbot.keyClick(box, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.stack.currentWidget() is window.login)
    assert barcode is not None


def test_staying_keeps_the_cart_on_screen(
    qtbot: QtBot, store: Store, stand_in: Callable[[SyncStatus], StandIn]
) -> None:
    stand_in(_enrolled(unsent=3, minutes=10))
    window = _open(qtbot, store)
    barcode = _login(qtbot, window)
    _scan(qtbot, barcode, "8850000000014")
    window.sale._logout()
    box = _question(qtbot, window)
    box.button(QMessageBox.StandardButton.No).click()
    qtbot.waitUntil(lambda: not box.isVisible())
    assert window.stack.currentWidget() is window.sale
    assert len(window.sale.cart.lines) == 1  # not held behind the cashier's back


@pytest.mark.parametrize(
    "status",
    [_enrolled(unsent=0), replace(NOT_ENROLLED, unsent=5)],
    ids=["enrolled-all-sent", "not-enrolled"],
)
def test_logout_without_a_backlog_asks_nothing(
    qtbot: QtBot, store: Store, stand_in: Callable[[SyncStatus], StandIn], status: SyncStatus
) -> None:
    stand_in(status)
    window = _open(qtbot, store)
    _login(qtbot, window)
    window.sale._logout()
    assert window.stack.currentWidget() is window.login
    _no_question(window)


def test_quitting_with_unsent_entries_warns_then_quits(
    qtbot: QtBot, store: Store, stand_in: Callable[[SyncStatus], StandIn]
) -> None:
    stand_in(_enrolled(unsent=12, minutes=90))
    window = _open(qtbot, store)
    _login(qtbot, window)
    window.close()
    box = _question(qtbot, window)
    assert window.isVisible()
    assert "ยังมี 12 รายการ" in box.text() and "ปิดโปรแกรม" in box.text()
    box.button(QMessageBox.StandardButton.Yes).click()
    qtbot.waitUntil(lambda: not window.isVisible())


def test_quitting_with_everything_sent_just_quits(
    qtbot: QtBot, store: Store, stand_in: Callable[[SyncStatus], StandIn]
) -> None:
    stand_in(_enrolled(unsent=0))
    window = _open(qtbot, store)
    _login(qtbot, window)
    window.close()
    assert not window.isVisible()
    _no_question(window)


def test_the_english_screen_warns_in_english(
    qtbot: QtBot, store: Store, stand_in: Callable[[SyncStatus], StandIn]
) -> None:
    stand_in(_enrolled(unsent=3, minutes=10))
    window = _open(qtbot, store, lang="en")
    _login(qtbot, window)
    label = _label(window)
    qtbot.waitUntil(lambda: "3 waiting to send" in label.text())
    window.sale._logout()
    box = _question(qtbot, window)
    assert "3 entries have not reached the provincial server" in box.text()
    box.button(QMessageBox.StandardButton.No).click()
    assert isinstance(window.findChild(QLineEdit, "barcodeInput"), QLineEdit)
