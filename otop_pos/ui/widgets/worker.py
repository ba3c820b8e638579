"""The sales report on its own thread, so a year of sales never freezes the window.

``sales_report`` opens its own read-only connection, so it may run on any
thread. The worker lives on the GUI thread and its signals reach the screen
as queued calls; ``finished``, ``failed`` and ``cancelled`` are only sent once
the thread has ended, so the screen may drop the worker in its slot.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from datetime import date
from typing import Any, ClassVar

from PySide6.QtCore import QObject, QThread, Signal

from otop_pos.operations.errors import describe
from otop_pos.operations.session import Session

Job = Callable[[Callable[[int, int], None], Callable[[], bool]], Any]
"""Called on the worker thread with (progress, cancelled); returns the result."""


class _Thread(QThread):
    def __init__(self, job: Job, progress: Callable[[int, int], None], stop: threading.Event):
        super().__init__()
        self.setObjectName("reportThread")
        self._job, self._progress, self._stop = job, progress, stop
        self.result: Any = None
        self.error: BaseException | None = None

    def run(self) -> None:
        try:
            self.result = self._job(self._progress, self._stop.is_set)
        except Exception as exc:  # reported on the GUI thread, never lost
            self.error = exc


class ReportWorker(QObject):
    """One run of a job (by default the sales report); start once, cancel any time."""

    _live: ClassVar[set[ReportWorker]] = set()  # a running thread is never garbage-collected

    progress = Signal(int, int)
    finished = Signal(object)
    failed = Signal(str)
    cancelled = Signal()

    def __init__(self, job: Job, lang: str = "th") -> None:
        super().__init__()
        self._lang = lang
        self._stop = threading.Event()
        self._thread = _Thread(job, self.progress.emit, self._stop)
        self._thread.finished.connect(self._done)

    @classmethod
    def sales(cls, session: Session, start: date, end: date, lang: str = "th") -> ReportWorker:
        """A worker for ``sales_report(session, start, end)``."""
        from otop_pos.operations.reports.sales_report import sales_report  # not at start-up

        return cls(
            lambda progress, cancelled: sales_report(session, start, end, progress, cancelled),
            lang,
        )

    @classmethod
    def wait_all(cls, ms: int = 120_000) -> None:
        """Let running jobs end before the process does (an import then commits whole)."""
        for worker in list(cls._live):
            worker.wait(ms)

    def start(self) -> None:
        ReportWorker._live.add(self)
        self._thread.start()

    def cancel(self) -> None:
        """Stop after the chunk being read; ``cancelled`` follows."""
        self._stop.set()

    def is_running(self) -> bool:
        return self._thread.isRunning()

    def wait(self, ms: int = 10_000) -> bool:
        """Block until the thread ends (closing the screen mid-report)."""
        return bool(self._thread.wait(ms))

    def _done(self) -> None:
        self._thread.wait()  # `finished` is sent just before the thread really ends
        ReportWorker._live.discard(self)
        if self._thread.error is not None:
            self.failed.emit(
                describe(self._thread.error, self._lang, "running a job off the screen")
            )
        elif self._stop.is_set():
            self.cancelled.emit()
        else:
            self.finished.emit(self._thread.result)
