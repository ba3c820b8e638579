"""The till's link to the provincial server as the screens see it.

`SyncLink` holds the one `Uploader` of the process (started after a login
once the till is enrolled, stopped when the till quits) so the screens can
wake it or retry it. `SyncStatusLabel` is the sale screen's one line about
the backlog, read every few seconds from `sync_status` through the
session's store (two indexed queries: fine on the GUI thread; the network
is only ever touched by the uploader's own thread). `unsent_question`
warns before a logout or quit leaves entries unsent; it never traps anyone,
since the entries are safe in the journal and go next time.
"""

from __future__ import annotations

import logging
from typing import Any

from PySide6.QtCore import QObject, QSize, Qt, QTimer
from PySide6.QtWidgets import QLabel, QMessageBox, QSizePolicy, QWidget

from otop_pos.domain.thai.thaidate import utc_now
from otop_pos.operations.session import Session
from otop_pos.operations.sync import status as sync_status_module  # looked up at each read
from otop_pos.operations.sync.status import SyncStatus
from otop_pos.ui.texts.i18n import language, tr
from otop_pos.ui.texts.sync import backlog_text, stop_message
from otop_pos.ui.widgets.forms import ask_yes_no

log = logging.getLogger(__name__)

REFRESH_MS = 5_000
MIN_WIDTH = 120  # squeezed further, the line is elided

STYLE = """
QLabel#syncStatus { padding: 2px 8px; border-radius: 4px; }
QLabel#syncStatus[severity="off"] { color: #57606a; }
QLabel#syncStatus[severity="ok"] { color: #1a7f37; }
QLabel#syncStatus[severity="info"] { color: #0b3d91; }
QLabel#syncStatus[severity="warn"] { background: #fff3c4; color: #7a4d00; font-weight: bold; }
QLabel#syncStatus[severity="alert"] { background: #a40e26; color: white; font-weight: bold; }
"""


def read_status(session: Session) -> SyncStatus:
    """The status through the session's store (the module's function, so a test can stand in)."""
    return sync_status_module.sync_status(session.store)


class SyncLink(QObject):
    """The process's uploader: started after a login when enrolled, woken, retried, stopped."""

    def __init__(self, session: Session, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.uploader: Any = None  # operations.sync.running.Uploader once started

    def status(self) -> SyncStatus:
        return read_status(self.session)

    def start(self) -> bool:
        """Start the uploader if the till is enrolled and it is not running; True when running.

        The status is read first, so a till that is not enrolled never loads the sync core.
        """
        if self.uploader is not None:
            return True
        try:
            if not self.status().enrolled:
                return False
        except Exception:  # a busy or gone database: selling goes on, the next login tries
            log.exception("sync status not read; the uploader is not started")
            return False
        from otop_pos.operations.sync import running  # the sync core loads only when enrolled

        self.uploader = running.start_uploader(self.session.store.path)
        return self.uploader is not None

    def wake(self) -> bool:
        """Send now rather than at the next round; False when no uploader runs."""
        if self.uploader is None and not self.start():
            return False
        self.uploader.wake()
        return True

    def retry(self) -> bool:
        """After a stop (a permanent refusal) the manager has fixed the cause: try again."""
        from otop_pos.operations.sync import running

        running.retry_after_stop(self.session.store)
        return self.wake()

    def stop(self) -> None:
        """On quit: let the uploader end its round (it waits at most a few seconds)."""
        uploader, self.uploader = self.uploader, None
        if uploader is not None:
            uploader.stop(timeout=5.0)


class SyncStatusLabel(QLabel):
    """One line, elided to the room it gets, never taller than the row it sits in."""

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("syncStatus")
        self.setStyleSheet(STYLE)
        self.setAccessibleName(tr("sy_title"))
        self.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Preferred)
        self.session = session
        self.full_text = ""
        self.severity = ""
        self.timer = QTimer(self)
        self.timer.setInterval(REFRESH_MS)
        self.timer.timeout.connect(self.refresh)

    def refresh(self) -> None:
        """Read the status and show it; a failed read is logged and the last line stays."""
        try:
            status = read_status(self.session)
        except Exception:  # a busy or gone database must not break the sale screen
            log.exception("sync status not read")
            return
        text, severity = backlog_text(status, utc_now(), language())
        tip = text
        if status.state in ("waiting", "stopped") and (status.message_th or status.message_en):
            tip = f"{text}\n{stop_message(status, language())}"
        self.setToolTip(tip)
        if (text, severity) == (self.full_text, self.severity):
            return
        if severity != self.severity:  # warn and alert are bold: the line's width changes too
            self.severity = severity
            self.setProperty("severity", severity)
            self.style().unpolish(self)
            self.style().polish(self)
        self.full_text = text
        self.updateGeometry()  # the row gives it the room the whole line needs, if it has it
        self._elide()

    def sizeHint(self) -> QSize:
        """As wide as the whole line (Qt's own hint is for the elided text on show)."""
        hint, metrics = super().sizeHint(), self.fontMetrics()
        extra = metrics.horizontalAdvance(self.full_text) - metrics.horizontalAdvance(self.text())
        return QSize(hint.width() + extra, hint.height())

    def minimumSizeHint(self) -> QSize:
        return QSize(MIN_WIDTH, super().minimumSizeHint().height())

    def _elide(self) -> None:
        room = self.contentsRect().width()  # inside STYLE's padding already
        self.setText(
            self.fontMetrics().elidedText(self.full_text, Qt.TextElideMode.ElideRight, room)
        )

    def resizeEvent(self, event: Any) -> None:
        super().resizeEvent(event)
        self._elide()

    def showEvent(self, event: Any) -> None:
        super().showEvent(event)
        self.refresh()
        self.timer.start()

    def hideEvent(self, event: Any) -> None:
        self.timer.stop()  # no reads while another screen is up
        super().hideEvent(event)


def unsent_question(parent: QWidget, session: Session, leaving: str) -> QMessageBox | None:
    """The warning before a logout ("logout") or quit ("quit") with entries unsent; None when
    the till is not enrolled or everything is sent. Yes (leave) is the default: it warns, it
    does not trap. The caller connects ``accepted`` and opens it."""
    try:
        status = read_status(session)
    except Exception:  # never stand between the person and the door
        log.exception("sync status not read before %s", leaving)
        return None
    if not status.enrolled or status.unsent <= 0:
        return None
    box = ask_yes_no(
        parent, "unsentQuestion", tr("sy_unsent_title"),
        tr(f"sy_unsent_{leaving}", n=status.unsent), tr(f"sy_{leaving}_yes"), tr("sy_stay"),
        QMessageBox.Icon.Warning,
    )  # fmt: skip
    box.setDefaultButton(QMessageBox.StandardButton.Yes)
    return box
