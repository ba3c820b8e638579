"""The till backs itself up at least once a day while it is open, off the GUI thread.

Every half hour (and once shortly after start) a worker with its own
connection looks whether this terminal has a backup dated today (Bangkok)
and takes one when it has not; a failure is logged and the next look tries
again. The manager's backup screen shows a day without one in red. The
backup that follows a Z runs here too (`after_z`), so a large centre's Z
does not wait a minute for its copy to be written and checked.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, QTimer

from otop_pos.operations.session import Session
from otop_pos.ui.widgets.worker import ReportWorker

LOOK_EVERY_MS = 30 * 60 * 1000
FIRST_LOOK_MS = 2 * 60 * 1000  # after start-up, once the till is scan-ready


class DailyBackup(QObject):
    def __init__(self, session: Session, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.worker: ReportWorker | None = None
        self.timer = QTimer(self)
        self.timer.setInterval(LOOK_EVERY_MS)
        self.timer.timeout.connect(self.look)
        self.timer.start()
        QTimer.singleShot(FIRST_LOOK_MS, self, self.look)

    def look(self) -> None:
        """Start a look on a worker unless one is still running."""
        self._start(None)

    def after_z(self) -> None:
        """The backup that follows a Z, on the worker (after a running look, if one is)."""
        if self.worker is not None:
            self.worker.finished.connect(lambda _r: self._start("z"))
            self.worker.failed.connect(lambda _t: self._start("z"))
            return
        self._start("z")

    def _start(self, reason: str | None) -> None:
        if self.worker is not None:
            return
        session = self.session

        def job(_progress: object, _cancelled: object) -> object:
            from otop_pos.operations.backups.snapshots import daily_if_due, quietly

            own = session.on_own_connection()  # a Store never crosses threads
            try:
                return daily_if_due(own.store) if reason is None else quietly(own.store, reason)
            finally:
                own.store.close()

        worker = ReportWorker(job)
        worker.finished.connect(self._done)
        worker.failed.connect(self._done)
        self.worker = worker
        worker.start()

    def _done(self, _result: object) -> None:
        self.worker = None

    def stop(self) -> None:
        self.timer.stop()
