"""End to end: a till enrolled with the province sells through its window, and the server agrees.

A real provincial server (uvicorn subprocess, SQLite), a real till file,
the cashier's keyboard path through the real window (PIN, scans, F12,
cash), the till's own uploader thread sending in the background, and then
the centre's day as the server reports it (`otop-pos server report`) equal
to the till's own day report (`otop-pos report day`), figure for figure.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from helpers import MANAGER_PIN
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QLineEdit
from pytestqt.qtbot import QtBot
from server_helpers import ROOT, RunningServer, running_server, server_cli
from till_helpers import _login, _open, _payment_dialog, _scan

from otop_pos.db import journal
from otop_pos.db.store import Store
from otop_pos.domain.thai.thaidate import bangkok_date, utc_now
from otop_pos.operations import auth
from otop_pos.operations.session import Session
from otop_pos.operations.sync import enrol, running
from otop_pos.operations.sync.status import sync_status

pytestmark = pytest.mark.gui


@pytest.fixture
def province(tmp_path: Path) -> Iterator[RunningServer]:
    folder = tmp_path / "province"
    folder.mkdir()
    with running_server(str(folder / "province.sqlite"), folder) as server:
        yield server


def _sell_cash(qtbot: QtBot, window: Any, barcode: QLineEdit, codes: list[str],
               cash: str) -> None:  # fmt: skip
    for code in codes:
        _scan(qtbot, barcode, code)
    qtbot.keyClick(barcode, Qt.Key.Key_F12)
    dialog = _payment_dialog(qtbot, window)
    tendered = dialog.findChild(QLineEdit, "tenderedInput")
    qtbot.waitUntil(tendered.hasFocus)
    qtbot.keyClicks(tendered, cash)
    qtbot.keyClick(tendered, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not dialog.isVisible())
    qtbot.waitUntil(lambda: window.findChild(QLabel, "totalLabel").text() == "0.00")
    qtbot.waitUntil(barcode.hasFocus)


def _env() -> dict[str, str]:
    return {**os.environ, "PYTHONPATH": str(ROOT) + os.pathsep + os.environ.get("PYTHONPATH", "")}


def _till_day(db: Path, day: str) -> dict[str, Any]:
    done = subprocess.run(
        [sys.executable, "-m", "otop_pos.cli.main", "report", "day", "--date", day, "--json",
         "--db", str(db), "--user", "1", "--pin", MANAGER_PIN],
        capture_output=True, text=True, timeout=120, cwd=ROOT, env=_env(),
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    figures: dict[str, Any] = json.loads(done.stdout)["figures"]
    return {k: v for k, v in figures.items() if k not in ("cashiers", "hours")}


def test_a_till_sells_through_its_window_and_the_province_sees_the_same_day(
    qtbot: QtBot, store: Store, province: RunningServer
) -> None:
    window = _open(qtbot, store)
    manager = Session.open(store)
    auth.login(manager, 1, MANAGER_PIN)
    code = province.enrol_code("SSK01", "POS01", name="ศูนย์ OTOP จังหวัดศรีสะเกษ",
                               province="33", district="3301")  # fmt: skip
    enrolled = enrol.enrol_till(manager, province.url, code)
    assert enrolled.terminal_id == "SSK01-POS01" and enrolled.unsent > 0

    barcode = _login(qtbot, window)
    _sell_cash(qtbot, window, barcode, ["8850000000014", "2*8850000000021"], "2000")
    _sell_cash(qtbot, window, barcode, ["8850000000038"], "100")
    _sell_cash(qtbot, window, barcode, ["3*8850000000021", "8850000000014"], "5000")

    uploader = running.start_uploader(Path(store.path))
    assert uploader is not None
    try:
        uploader.wake()
        qtbot.waitUntil(lambda: sync_status(store).unsent == 0, timeout=30_000)
    finally:
        assert uploader.stop(10)
    head_seq, head_hash = journal.head(store, "T01")
    status = sync_status(store)
    assert (status.acked_seq, status.state) == (head_seq, "idle")
    assert status.checkpoint is not None and status.checkpoint["hash"] == head_hash

    day = bangkok_date(utc_now()).isoformat()
    server = json.loads(server_cli("report", "--centre", "SSK01", "--date", day, "--json",
                                   database=province.database))  # fmt: skip
    till = _till_day(Path(store.path), day)
    assert till["sales_count"] == 3
    assert {k: v for k, v in server["figures"].items() if k != "districts"} == till
