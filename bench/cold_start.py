"""Benchmark 1 (and half of 5): cold start to scan-ready, in fresh processes.

Each sample is a new `python -c` process. The parent notes the monotonic
clock (system-wide on Linux) just before it spawns the child; the child
reports the clock when the window is ready, so interpreter start-up and
imports are included on both sides. Product and floor runs alternate so
background noise falls on both equally.
"""

from __future__ import annotations

import compileall
import time
from pathlib import Path
from typing import Any

import otop_pos
from bench.common import Row, median, run_child

# The till as a cashier starts it (as ui/app.run_app does): imports, the log,
# database, login screen shown,
# PIN typed and Enter (the same call the Enter key makes), barcode field focused.
APP = r"""
import sys, time
t0 = float(sys.argv[1]); db = sys.argv[2]; cashier_id = int(sys.argv[3])
from PySide6.QtWidgets import QApplication, QLineEdit
from otop_pos.operations.log_file import start_log
from otop_pos.operations.startup import check_books, open_session
from otop_pos.ui.app import build_window, install_excepthook
t_import = time.monotonic()
start_log(db)
install_excepthook()
app = QApplication(sys.argv[:1])
session = open_session(db)
check_books(session)
t_open = time.monotonic()
window = build_window(session)
t_build = time.monotonic()
window.show()
app.processEvents()
t_shown = time.monotonic()
window.login.users.setCurrentRow(window.login.user_ids.index(cashier_id))
window.login.pin.setText("1111")
window.login.submit()
t_login = time.monotonic()
app.processEvents()
barcode = window.findChild(QLineEdit, "barcodeInput")
deadline = time.monotonic() + 10
while QApplication.focusWidget() is not barcode and time.monotonic() < deadline:
    app.processEvents()
t_ready = time.monotonic()
from bench.common import emit, max_rss_mb
emit({
    "ready_s": t_ready - t0, "import_s": t_import - t0, "open_s": t_open - t_import,
    "build_s": t_build - t_open, "show_s": t_shown - t_build,
    "login_s": t_login - t_shown, "to_focus_s": t_ready - t_login,
    "focused": QApplication.focusWidget() is barcode, "cpu_s": time.process_time(),
    "max_rss_mb": max_rss_mb(),
})
"""

# The floor: the least a Qt window can cost on this machine.
FLOOR = r"""
import sys, time
t0 = float(sys.argv[1])
from PySide6.QtWidgets import QApplication, QMainWindow
app = QApplication(sys.argv[:1])
window = QMainWindow()
window.resize(1280, 800)
window.show()
app.processEvents()
t_ready = time.monotonic()
from bench.common import emit, max_rss_mb
emit({"ready_s": t_ready - t0, "cpu_s": time.process_time(), "max_rss_mb": max_rss_mb()})
"""


def _spawn(script: str, *args: str) -> dict[str, Any]:
    return run_child(["-c", script, repr(time.monotonic()), *args], timeout=120)


def bare_qt_rss_mb() -> float:
    """Peak RSS of a bare QApplication with an empty shown window (the RSS floor)."""
    return float(_spawn(FLOOR)["max_rss_mb"])


def compile_sources() -> None:
    """Write the app's bytecode, as an installed till has it (PySide6's is written by pip).

    Without this, a process started with PYTHONDONTWRITEBYTECODE compiles
    every module of the app from source on every start, and the floor does not.
    """
    compileall.compile_dir(Path(otop_pos.__file__).parent, quiet=1)


def open_a_shift(db: Path, cashier_id: int) -> None:
    """Mid-day, as most logins are: a shift is open, so login goes straight to selling."""
    from otop_pos.domain.shifts.cash_count import CashCount
    from otop_pos.operations import auth
    from otop_pos.operations.shifts import shifts
    from otop_pos.operations.startup import open_session

    session = open_session(db)
    try:
        auth.login(session, cashier_id, "1111")
        if shifts.current(session) is None:
            shifts.open_shift(session, CashCount.of({100_000: 1}))
    finally:
        session.store.close()


def run(db: Path, cashier_id: int, runs: int = 5) -> tuple[list[Row], dict[str, Any]]:
    compile_sources()
    app_runs: list[dict[str, Any]] = []
    floor_runs: list[dict[str, Any]] = []
    _spawn(FLOOR)  # one untimed start so both sides find Qt's files in the page cache
    for _ in range(runs):
        floor_runs.append(_spawn(FLOOR))
        app_runs.append(_spawn(APP, str(db), str(cashier_id)))
    app_ms = median([r["ready_s"] for r in app_runs]) * 1000
    floor_ms = median([r["ready_s"] for r in floor_runs]) * 1000
    app_rss = max(r["max_rss_mb"] for r in app_runs)
    floor_rss = max(r["max_rss_mb"] for r in floor_runs)
    phases = {
        key: median([r[key] for r in app_runs]) * 1000
        for key in ("import_s", "open_s", "build_s", "show_s", "login_s", "to_focus_s")
    }
    focused = all(r["focused"] for r in app_runs)
    rows = [
        Row(
            "cold start to scan-ready (median)",
            app_ms,
            floor_ms,
            "ms",
            "ratio",
            2.5,
            note="" if focused else "barcode field never got focus",
        ),
        Row(
            "cold start CPU time (median)",
            median([r["cpu_s"] for r in app_runs]) * 1000,
            median([r["cpu_s"] for r in floor_runs]) * 1000,
            "ms",  # user+system CPU of the child: less sensitive to other load than wall time
        ),
        Row("peak RSS, cold start process", app_rss, floor_rss, "MB", "max", 200),
    ]
    details = {
        "runs": runs,
        "app_runs": app_runs,
        "floor_runs": floor_runs,
        "app_phase_medians_ms": phases,
        "barcode_focused": focused,
    }
    return rows, details
