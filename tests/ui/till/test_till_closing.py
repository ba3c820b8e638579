"""Closing cleanly: the window, a logout or SIGTERM with a cart in progress holds it (it is
in the held list after a restart); with the shift open, closing asks first."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest
from helpers import CASHIER_PIN
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QLineEdit, QMessageBox, QPushButton
from pytestqt.qtbot import QtBot
from till_helpers import _login, _open, _scan
from ui_shift_helpers import open_float

from otop_pos.db.store import Store, open_store
from otop_pos.domain.money import Money
from otop_pos.operations import auth
from otop_pos.operations.selling import cart
from otop_pos.operations.session import Session
from otop_pos.operations.shifts import shifts
from otop_pos.ui.app import build_window, install_sigterm

pytestmark = pytest.mark.gui


def _held_after_restart(db_path: Path) -> list[cart.HeldSale]:
    """The held list as a new session on the same file sees it."""
    store = open_store(db_path)
    try:
        session = Session.open(store)
        auth.login(session, 2, CASHIER_PIN)
        return cart.held_sales(session)
    finally:
        store.close()


def test_closed_window_cart_comes_back_held(qtbot: QtBot, store: Store, db_path: Path) -> None:
    window = _open(qtbot, store)
    barcode = _login(qtbot, window)
    _scan(qtbot, barcode, "8850000000014")
    _scan(qtbot, barcode, "2*8850000000021")

    assert window.close()
    assert not window.isVisible()

    held = _held_after_restart(db_path)
    assert [(h.total, h.item_count) for h in held] == [(Money(150_000 + 17_100), 3)]

    # A new window on the same file: the hold key counts it, F9 brings it back.
    session = Session.open(open_store(db_path))
    again = build_window(session)
    qtbot.addWidget(again)
    again.show()
    qtbot.waitExposed(again)
    barcode = _login(qtbot, again)
    hold_key = again.findChild(QPushButton, "holdButton")
    assert hold_key.text() == "พักบิล (F8) · 1"
    again.sale._resume(held[0].id)
    assert again.sale.model.rowCount() == 2
    assert hold_key.text() == "พักบิล (F8)"
    session.store.close()


def test_logout_holds_the_cart(qtbot: QtBot, store: Store, db_path: Path) -> None:
    window = _open(qtbot, store)
    barcode = _login(qtbot, window)
    _scan(qtbot, barcode, "8850000000014")
    qtbot.mouseClick(window.findChild(QPushButton, "logoutButton"), Qt.MouseButton.LeftButton)
    pin = window.findChild(QLineEdit, "pinInput")
    qtbot.waitUntil(pin.isVisible)
    assert [h.total for h in _held_after_restart(db_path)] == [Money(150_000)]


def _question(qtbot: QtBot, window: object) -> QMessageBox:
    def shown() -> QMessageBox | None:
        found = [b for b in window.findChildren(QMessageBox, "shiftOpenQuestion")  # type: ignore[attr-defined]
                 if b.isVisible()]  # fmt: skip
        return found[0] if found else None

    qtbot.waitUntil(lambda: shown() is not None)
    box = shown()
    assert box is not None
    return box


def test_open_shift_asks_before_quitting(qtbot: QtBot, store: Store, db_path: Path) -> None:
    window = _open(qtbot, store, require_shift=True)
    auth.login(window.session, 2, CASHIER_PIN)
    open_float(window.session)
    auth.logout(window.session)
    barcode = _login(qtbot, window)
    _scan(qtbot, barcode, "8850000000014")

    window.close()  # asks; Cancel (the default) stays
    box = _question(qtbot, window)
    texts = sorted(b.text() for b in box.buttons())
    assert texts == sorted(["ปิดกะตอนนี้", "ปล่อยกะไว้ แล้วออก", "ยกเลิก ไม่ออก"])  # in Thai
    assert box.defaultButton().text() == "ยกเลิก ไม่ออก"
    assert "สมศรี" in box.text()
    box.defaultButton().click()
    qtbot.wait(50)
    assert window.isVisible()
    assert len(window.sale.cart.lines) == 1  # still on the screen, not held
    assert _held_after_restart(db_path) == []

    window.close()  # asked again; leave the shift open and quit
    box = _question(qtbot, window)
    next(b for b in box.buttons() if b.text() == "ปล่อยกะไว้ แล้วออก").click()
    qtbot.waitUntil(lambda: not window.isVisible())
    assert [h.total for h in _held_after_restart(db_path)] == [Money(150_000)]
    assert shifts.current(window.session) is not None  # left open, as asked


def test_close_shift_now_counts_then_quits(qtbot: QtBot, store: Store) -> None:
    window = _open(qtbot, store, require_shift=True)
    auth.login(window.session, 2, CASHIER_PIN)
    open_float(window.session)  # 1,500.00
    auth.logout(window.session)
    _login(qtbot, window)
    window.close()
    box = _question(qtbot, window)
    next(b for b in box.buttons() if b.text() == "ปิดกะตอนนี้").click()

    def counting() -> list[QDialog]:
        return [d for d in window.findChildren(QDialog, "closeShiftDialog") if d.isVisible()]

    qtbot.waitUntil(lambda: bool(counting()))
    closing = counting()[0]
    closing.findChild(QLineEdit, "count_100000").setText("1")
    closing.findChild(QLineEdit, "count_10000").setText("5")
    ok = closing.findChild(QPushButton, "closeShiftOk")
    qtbot.mouseClick(ok, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: closing.result is not None)
    assert window.isVisible()  # the result is read first
    assert shifts.current(window.session) is None
    qtbot.mouseClick(ok, Qt.MouseButton.LeftButton)  # OK: done
    qtbot.waitUntil(lambda: not window.isVisible())


def test_sigterm_holds_the_cart(qtbot: QtBot, store: Store, db_path: Path) -> None:
    """A real SIGTERM to this process with the handler `run_app` installs."""
    window = _open(qtbot, store)
    barcode = _login(qtbot, window)
    _scan(qtbot, barcode, "8850000000021")
    before = signal.getsignal(signal.SIGTERM)
    try:
        install_sigterm(window, quit_app=False)
        os.kill(os.getpid(), signal.SIGTERM)
        qtbot.waitUntil(lambda: not window.isVisible(), timeout=3000)
    finally:
        signal.signal(signal.SIGTERM, before)
    assert [h.total for h in _held_after_restart(db_path)] == [Money(8_550)]


@pytest.mark.skipif(sys.platform == "win32", reason="SIGTERM is a POSIX signal")
def test_sigterm_to_a_till_process(tmp_path: Path) -> None:
    """The till in its own process, its event loop running: SIGTERM ends it with the cart held
    and the store closed (no -wal file left behind)."""
    db = tmp_path / "till.sqlite"
    script = Path(__file__).with_name("sigterm_till.py")
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    proc = subprocess.Popen([sys.executable, str(script), str(db)], stdout=subprocess.PIPE,
                            text=True, env=env)  # fmt: skip
    try:
        assert proc.stdout is not None
        assert proc.stdout.readline().strip() == "ready"
        proc.send_signal(signal.SIGTERM)
        assert proc.wait(timeout=20) == 0
    finally:
        if proc.poll() is None:
            proc.kill()
    assert not Path(f"{db}-wal").exists() or Path(f"{db}-wal").stat().st_size == 0
    held = _held_after_restart(db)
    assert [(h.total, h.item_count) for h in held] == [(Money(150_000 + 17_100), 3)]
