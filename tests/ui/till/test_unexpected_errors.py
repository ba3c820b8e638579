"""A bug behind a screen: one plain sentence for the cashier, the traceback in the log.

The fault is injected into the operation the sale screen calls (`cart.scan`);
what is under test is the screen's handling and the window app's excepthook,
both writing to the real log file beside the real database.
"""

from __future__ import annotations

import gc
import logging
import sys
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QLabel, QMessageBox, QTableView
from pytestqt.qtbot import QtBot
from till_helpers import _login, _open, _scan

from otop_pos.db.store import Store
from otop_pos.operations.errors import GENERIC, OperationError
from otop_pos.operations.log_file import start_log, stop_log
from otop_pos.operations.selling import cart
from otop_pos.ui.app import install_excepthook
from otop_pos.ui.texts.i18n import set_language

pytestmark = pytest.mark.gui

REFUSAL_TH = "สินค้านี้งดขายชั่วคราว"


@pytest.fixture
def log_file(db_path: Path) -> Iterator[Path]:
    path = start_log(db_path)
    assert path is not None
    yield path
    stop_log()


def _log_text(path: Path) -> str:
    for handler in logging.getLogger().handlers:
        handler.flush()
    return path.read_text(encoding="utf-8")


def test_a_bug_in_a_scan_shows_the_plain_sentence_and_logs_the_traceback(
    qtbot: QtBot, store: Store, log_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    window = _open(qtbot, store)
    barcode = _login(qtbot, window)
    message = window.findChild(QLabel, "messageLabel")

    def misses_a_key(*_args: object) -> object:
        return {"qty": 1}["product"]

    def divides_by_zero(*_args: object) -> object:
        return 1 / 0

    monkeypatch.setattr(cart, "scan", divides_by_zero)
    _scan(qtbot, barcode, "8850000000014")
    assert message.text() == GENERIC["th"]
    assert message.property("level") == "error"
    assert barcode.hasFocus() and barcode.text() == ""
    text = _log_text(log_file)
    assert "unexpected ZeroDivisionError" in text
    assert "Traceback (most recent call last)" in text and "divides_by_zero" in text

    # The same bug with the screen in English says it in English.
    set_language("en")
    try:
        monkeypatch.setattr(cart, "scan", misses_a_key)
        _scan(qtbot, barcode, "8850000000014")
        assert message.text() == GENERIC["en"]
    finally:
        set_language("th")
    assert "unexpected KeyError" in _log_text(log_file)


def test_a_refusal_keeps_its_thai_words_and_writes_no_traceback(
    qtbot: QtBot, store: Store, log_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    window = _open(qtbot, store)
    barcode = _login(qtbot, window)
    before = _log_text(log_file)

    def refuses(*_args: object) -> object:
        raise OperationError(REFUSAL_TH, "This product is off sale for now.")

    monkeypatch.setattr(cart, "scan", refuses)
    _scan(qtbot, barcode, "8850000000014")
    assert window.findChild(QLabel, "messageLabel").text() == REFUSAL_TH
    assert window.findChild(QTableView, "cartTable").model().rowCount() == 0
    after = _log_text(log_file)
    assert after.startswith(before)
    assert "Traceback" not in after[len(before) :] and "unexpected" not in after


@pytest.mark.qt_no_exception_capture
def test_an_exception_no_slot_caught_is_logged_and_shown(
    qtbot: QtBot, store: Store, log_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)  # both restored after the test
    monkeypatch.setattr(threading, "excepthook", threading.excepthook)
    install_excepthook()
    window = _open(qtbot, store)  # the active window the box opens over
    window.prepare_sale()  # its module loader thread done: only this test's thread runs below

    def slot_with_a_bug() -> None:
        raise KeyError("not_a_column")

    QTimer.singleShot(0, slot_with_a_bug)

    def shown() -> QMessageBox | None:
        boxes = [w for w in QApplication.topLevelWidgets() if isinstance(w, QMessageBox)]
        return next((b for b in boxes if b.objectName() == "unexpectedError" and b.isVisible()),
                    None)  # fmt: skip

    qtbot.waitUntil(lambda: shown() is not None)
    box = shown()
    assert box is not None and box.text() == GENERIC["th"]
    text = _log_text(log_file)
    assert "CRITICAL" in text and "uncaught KeyError" in text and "slot_with_a_bug" in text
    box.close()
    gc.collect()  # here, on the GUI thread, not in the thread below

    worker = threading.Thread(target=lambda: 1 / 0, name="loader-test")
    worker.start()
    worker.join()
    assert "uncaught ZeroDivisionError in thread loader-test" in _log_text(log_file)
