"""Benchmark 2 (and half of 5): scan -> line shown, in a process of its own.

The parent writes the barcodes to a file and starts `python -m bench.scan`,
so the peak RSS it reports is the till's alone (not the catalogue
generator's or the other benchmarks'). Inside, the floor runs first, before
the app's theme exists: a bare shown QLineEdit, setText + processEvents.
Then the till is built on the 200k database, the cashier logs in, and each
scan is timed from setText through scan_entered() until the cart model
holds the line and processEvents() has returned (layout and paint
included). The cart is cleared every 50 scans, outside the timing.
"""

from __future__ import annotations

import json
import os
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from bench.common import Row, run_child, summary_ms

WARMUP = 10
CLEAR_EVERY = 50


def _floor(app: Any, codes: list[str]) -> list[float]:
    from PySide6.QtWidgets import QLineEdit

    edit = QLineEdit()
    edit.show()
    app.processEvents()
    samples = []
    for i, code in enumerate([*codes[:WARMUP], *codes]):
        t0 = time.perf_counter()
        edit.setText(code)
        app.processEvents()
        if i >= WARMUP:
            samples.append(time.perf_counter() - t0)
    edit.close()
    edit.deleteLater()
    app.processEvents()
    return samples


def worker(
    db: str,
    codes_file: str,
    cashier_id: int,
    during: Callable[[], Callable[[], dict[str, Any]]] | None = None,
) -> dict[str, Any]:
    """The scans; ``during`` (sync 4) starts something right before them and its finisher,
    called right after them, adds to the result."""
    from PySide6.QtWidgets import QApplication

    from bench.common import max_rss_mb
    from otop_pos.operations import auth
    from otop_pos.operations.startup import open_session
    from otop_pos.ui.app import build_window

    if os.environ.get("BENCH_TILL_CPUS"):  # sync 4: the till kept off the server's CPU
        os.sched_setaffinity(0, {int(c) for c in os.environ["BENCH_TILL_CPUS"].split(",")})
    pairs: list[tuple[str, int]] = [tuple(p) for p in json.loads(Path(codes_file).read_text())]
    app = QApplication(sys.argv[:1])
    floor = _floor(app, [c for c, _ in pairs])
    rss_before_window = max_rss_mb()

    session = open_session(db)
    window = build_window(session)
    window.sync.start = lambda: False  # the window's own uploader stays off: `during` decides
    window.show()
    auth.login(session, cashier_id, "1111")
    window.show_sale()
    app.processEvents()
    sale = window.sale
    samples: list[float] = []
    handler: list[float] = []  # scan_entered() alone: lookup, cart, model, labels
    by_lines: dict[str, list[float]] = {"1-10": [], "11-25": [], "26-50": []}
    missing = 0
    finish = during() if during is not None else None
    for i, (code, pid) in enumerate([*pairs[:WARMUP], *pairs]):
        if i == WARMUP or (i > WARMUP and (i - WARMUP) % CLEAR_EVERY == 0):
            sale.cart.clear()
            sale.model.set_cart(sale.cart)
            app.processEvents()
        t0 = time.perf_counter()
        sale.barcode.setText(code)
        sale.scan_entered()
        shown = sale.model.rowCount() == len(sale.cart.lines) and any(
            line.product.product_id == pid for line in sale.cart.lines
        )
        t1 = time.perf_counter()
        app.processEvents()
        elapsed = time.perf_counter() - t0
        if i >= WARMUP:
            samples.append(elapsed)
            handler.append(t1 - t0)
            n = len(sale.cart.lines)
            by_lines["1-10" if n <= 10 else "11-25" if n <= 25 else "26-50"].append(elapsed)
            missing += not shown
    extra = finish() if finish is not None else {}
    import psutil

    return {
        "scan": summary_ms(samples),
        "floor": summary_ms(floor),
        "scan_entered_only": summary_ms(handler),
        "events_and_paint_p50_ms": summary_ms(
            [a - b for a, b in zip(samples, handler, strict=True)]
        )["p50_ms"],
        "p50_ms_by_cart_lines": {k: summary_ms(v)["p50_ms"] for k, v in by_lines.items()},
        "scan_samples_ms": [s * 1000 for s in samples],
        "lines_missing": missing,
        "max_rss_mb": max_rss_mb(),
        "rss_now_mb": psutil.Process().memory_info().rss / 2**20,
        "max_rss_before_window_mb": rss_before_window,
        "message": sale.message.text(),
        **extra,
    }


def run(
    db: Path, barcodes: list[tuple[str, int]], cashier_id: int, folder: Path
) -> tuple[list[Row], dict[str, Any]]:
    from bench.cold_start import bare_qt_rss_mb

    codes_file = folder / "scan-codes.json"
    codes_file.write_text(json.dumps(barcodes))
    out = run_child(["-m", "bench.scan", str(db), str(codes_file), str(cashier_id)])
    out["bare_qt_rss_mb"] = bare_qt_rss_mb()
    scan, floor = out["scan"], out["floor"]
    note = f"{out['lines_missing']} scans did not show a line" if out["lines_missing"] else ""
    rows = [
        Row("scan -> line shown p50", scan["p50_ms"], floor["p50_ms"], "ms", note=note),
        Row("scan -> line shown p99", scan["p99_ms"], floor["p99_ms"], "ms", "max", 10, note),
        Row("peak RSS, scan process", out["max_rss_mb"], out["bare_qt_rss_mb"], "MB", "max", 200),
    ]
    return rows, out


def main() -> None:
    from bench.common import emit

    db, codes_file, cashier = sys.argv[1:4]
    emit(worker(db, codes_file, int(cashier)))
    sys.stderr.flush()
    # Skip interpreter teardown: PySide6 6.12 can crash while garbage-collecting
    # widgets at exit ("none_dealloc"), after the result is already out.
    os._exit(0)


if __name__ == "__main__":
    main()
