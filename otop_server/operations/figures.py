"""The office's figures, complete: the projection caught up with every held entry, then read."""

from __future__ import annotations

import contextlib
import logging
import os
import threading
from datetime import date
from typing import Any

from otop_server.db import figures, projector
from otop_server.db.engine import Database

log = logging.getLogger(__name__)

ROUND_S = 0.02  # one projection transaction of the server's thread, at most about this long
BREATH_S = 0.005  # between two of them


def centre_day(db: Database, centre: str, day: str | date, lang: str = "th") -> dict[str, Any]:
    """A centre's day as the server holds it: every acknowledged entry summed."""
    projector.catch_up(db, centre)
    return figures.day_report(db, centre, day, lang)


def province_day(db: Database, day: str | date) -> list[dict[str, Any]]:
    projector.catch_up(db)
    return figures.province_day(db, day)


class Projecting:
    """The server's own thread that brings the figures up to the entries after each batch."""

    def __init__(self, db: Database, idle_s: float = 2.0, gap_s: float = 5.0) -> None:
        self.db = db
        self.idle_s = idle_s
        # Batches arriving meanwhile are summed together: a till sending every few seconds
        # costs one visit of its terminal per gap, not one per batch. Reports catch up first,
        # so the gap delays only the dashboard's freshness.
        self.gap_s = gap_s
        self._wake = threading.Event()
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name="figures", daemon=True)

    def start(self) -> None:
        self._thread.start()

    def wake(self) -> None:
        self._wake.set()

    def stop(self, timeout: float = 5.0) -> None:
        self._stop.set()
        self._wake.set()
        self._thread.join(timeout)

    def _run(self) -> None:
        _lowest_priority()
        while not self._stop.is_set():
            self._wake.wait(self.idle_s)
            self._wake.clear()
            try:
                # Short rounds with a breath between: a till's batch waiting for the writer
                # goes in between two of them (SQLite has one writer).
                while projector.step(self.db, budget_s=ROUND_S) and not self._stop.is_set():
                    self._stop.wait(BREATH_S)
            except Exception:  # the next batch or the next idle look tries again
                log.exception("figures: catching up failed")
            self._stop.wait(self.gap_s)


def _lowest_priority() -> None:
    """Batches first: the sums take the CPU the tills' batches leave (Linux: per thread)."""
    if hasattr(os, "setpriority"):
        with contextlib.suppress(OSError):
            os.setpriority(os.PRIO_PROCESS, threading.get_native_id(), 19)
