"""The manager enrols the till with the provincial server and watches its upload.

Enrolment talks to the server, so it runs on a worker thread with its own
connection and the window never freezes; a refusal shows under the box it
is about and what was typed stays. The status below (terminal, backlog,
last acknowledgement, state, error) is read again every two seconds while
the dialog is open, with "ส่งตอนนี้" to wake the uploader and, once it has
stopped on a permanent refusal, "ลองอีกครั้ง".
"""

from __future__ import annotations

import logging
from typing import Any

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from otop_pos.domain.staff.permissions import Permission
from otop_pos.domain.thai.thaidate import from_iso, utc_now
from otop_pos.operations.errors import FieldError, OperationError, user_message
from otop_pos.operations.session import Session
from otop_pos.operations.sync.status import SyncStatus
from otop_pos.ui.texts.i18n import language, tr
from otop_pos.ui.texts.sync import clock_text, normal_code, state_text, stop_message
from otop_pos.ui.widgets.forms import (
    BOX_HEIGHT,
    OK_STYLE,
    big_button,
    mark_box,
    message_label,
    refusal_text,
    say,
    title_label,
)
from otop_pos.ui.widgets.sync_status import SyncLink
from otop_pos.ui.widgets.worker import ReportWorker

log = logging.getLogger(__name__)

REFRESH_MS = 2_000


def _box(name: str, hint: str) -> QLineEdit:
    box = QLineEdit()
    box.setObjectName(name)
    box.setAccessibleName(hint)
    box.setPlaceholderText(hint)
    box.setMinimumHeight(BOX_HEIGHT)
    box.textEdited.connect(lambda _t: mark_box(box, False))
    return box


class SyncDialog(QDialog):
    enrolled = Signal(object)  # the SyncStatus after a successful enrolment

    def __init__(self, session: Session, link: SyncLink, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("syncDialog")
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.setWindowTitle(tr("sy_title"))
        self.setMinimumWidth(640)
        self.session, self.link = session, link
        self.worker: ReportWorker | None = None
        self.status: SyncStatus | None = None
        self._build()
        self.timer = QTimer(self)
        self.timer.setInterval(REFRESH_MS)
        self.timer.timeout.connect(self.refresh)
        self.timer.start()
        self.refresh()
        if self.status is not None and self.status.server_url:
            self.url.setText(self.status.server_url)
        (self.code if self.url.text() else self.url).setFocus()

    # layout ----------------------------------------------------------------
    def _build(self) -> None:
        self.url = _box("syncUrl", tr("sy_url_hint"))
        self.code = _box("syncCode", tr("sy_code_hint"))
        self.code.returnPressed.connect(self.enrol)
        self.url_error = message_label("syncUrlError")
        self.code_error = message_label("syncCodeError")
        fields = QFormLayout()
        for caption, box, error in ((tr("sy_url"), self.url, self.url_error),
                                    (tr("sy_code"), self.code, self.code_error)):  # fmt: skip
            column = QVBoxLayout()
            column.setSpacing(2)
            column.addWidget(box)
            column.addWidget(error)
            fields.addRow(caption, column)
        self.enrol_button = big_button(tr("sy_enrol"), "syncEnrol", self.enrol)
        self.enrol_button.setStyleSheet(OK_STYLE)
        self.message = message_label("syncMessage")

        self.values: dict[str, QLabel] = {}
        facts = QFormLayout()
        for key, name in (("sy_terminal", "syncTerminal"), ("sy_server", "syncServer"),
                          ("sy_unsent", "syncUnsent"), ("sy_last_ack", "syncLastAck"),
                          ("sy_state", "syncState"), ("sy_error", "syncError")):  # fmt: skip
            value = QLabel("–")
            value.setObjectName(name)
            value.setAccessibleName(tr(key))
            value.setWordWrap(True)
            value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            facts.addRow(tr(key), value)
            self.values[name] = value

        self.send_button = big_button(tr("sy_send_now"), "syncSendNow", self.send_now)
        self.retry_button = big_button(tr("sy_retry"), "syncRetry", self.retry)
        close = big_button(tr("close"), "syncClose", self.reject)
        actions = QHBoxLayout()
        actions.addWidget(close)
        actions.addStretch(1)
        actions.addWidget(self.retry_button)
        actions.addWidget(self.send_button)

        layout = QVBoxLayout(self)
        layout.addWidget(title_label(tr("sy_title")))
        layout.addLayout(fields)
        layout.addWidget(self.enrol_button)
        layout.addWidget(self.message)
        layout.addSpacing(8)
        layout.addLayout(facts)
        layout.addLayout(actions)

    # the status --------------------------------------------------------------
    def refresh(self) -> None:
        """Read the status again; a failed read says so and keeps the last values."""
        try:
            status = self.link.status()
        except Exception as exc:
            self._say(refusal_text(exc, "reading the sync status"), error=True)
            return
        self.status = status
        lang, now = language(), utc_now()
        acked = status.last_ack_at
        try:
            acked_text = clock_text(from_iso(acked), now, lang) if acked else tr("sy_never")
        except ValueError:
            acked_text = acked or tr("sy_never")
        stopped = status.state == "stopped"
        texts = {
            "syncTerminal": status.terminal_id or "–",
            "syncServer": status.server_url or "–",
            "syncUnsent": f"{status.unsent:,}",
            "syncLastAck": acked_text,
            "syncState": state_text(status.state, lang),
            "syncError": stop_message(status, lang) if (stopped or status.error_code) else "–",
        }
        for name, text in texts.items():
            self.values[name].setText(text)
        self.values["syncError"].setStyleSheet("color: #a40e26; font-weight: bold;" if stopped
                                               else "")  # fmt: skip
        self.send_button.setEnabled(status.enrolled and not stopped)
        self.retry_button.setVisible(stopped)
        self._fit()

    def _say(self, text: str, error: bool = False) -> None:
        say(self.message, text, error)
        self._fit()

    def _fit(self) -> None:
        """Grow to the wrapped lines' height: Qt sizes a window for unwrapped text only."""
        layout = self.layout()
        layout.activate()
        need = layout.totalHeightForWidth(self.width()) if layout.hasHeightForWidth() else 0
        if need > self.height():
            self.resize(self.width(), need)

    # actions -----------------------------------------------------------------
    def _field_error(self, box: QLineEdit, label: QLabel, text: str, mark: bool = True) -> None:
        say(label, text, error=True)
        self._fit()
        if mark:
            mark_box(box, True)
        box.setFocus()
        box.selectAll()

    def _clear(self) -> None:
        for box, label in ((self.url, self.url_error), (self.code, self.code_error)):
            mark_box(box, False)
            label.setText("")
        self.message.setText("")

    def enrol(self) -> None:
        """Check what was typed, then ask the server on a worker thread."""
        if self.worker is not None:
            return
        self._clear()
        url = self.url.text().strip()
        if not url:
            self._field_error(self.url, self.url_error, tr("sy_url_missing"))
            return
        code = normal_code(self.code.text())
        if code is None:
            self._field_error(self.code, self.code_error, tr("sy_code_bad"))
            return
        try:  # asked here too, so a cashier is told before anything is sent
            self.session.require(Permission.MANAGE_SETTINGS)
        except OperationError as exc:
            self._say(user_message(exc, language()), error=True)
            return
        self.code.setText(code)
        session = self.session

        def job(_progress: Any, _cancelled: Any) -> object:
            from otop_pos.operations.sync import enrol

            own = session.on_own_connection()  # a Store never crosses threads
            try:
                return enrol.enrol_till(own, url, code)
            except OperationError as exc:  # a refusal comes back whole, field and all
                return exc
            finally:
                own.store.close()

        worker = ReportWorker(job, language())
        worker.finished.connect(self._enrol_done)
        worker.failed.connect(self._enrol_failed)
        self.worker = worker
        self.enrol_button.setEnabled(False)
        self._say(tr("sy_enrolling"))
        worker.start()

    def _enrol_done(self, result: object) -> None:
        self.worker = None
        self.enrol_button.setEnabled(True)
        self.message.setText("")
        if isinstance(result, OperationError):
            field = result.field if isinstance(result, FieldError) else ""
            box, label = (
                (self.url, self.url_error) if field == "url" else (self.code, self.code_error)
            )
            self._field_error(box, label, user_message(result, language()),
                              mark=isinstance(result, FieldError))  # fmt: skip
            return
        terminal = getattr(result, "terminal_id", "")
        self.code.clear()
        self._say(tr("sy_enrolled", terminal=terminal))
        self.link.start()
        self.refresh()
        self.enrolled.emit(result)

    def _enrol_failed(self, text: str) -> None:
        self.worker = None
        self.enrol_button.setEnabled(True)
        self.message.setText("")
        self._field_error(self.code, self.code_error, text, mark=False)

    def send_now(self) -> None:
        ok = self.link.wake()
        self._say(tr("sy_woken") if ok else tr("sy_no_uploader"), error=not ok)
        self.refresh()

    def retry(self) -> None:
        try:
            self.session.require(Permission.MANAGE_SETTINGS)
            ok = self.link.retry()
        except Exception as exc:
            self._say(refusal_text(exc, "retrying the upload"), error=True)
            return
        self._say(tr("sy_retrying") if ok else tr("sy_no_uploader"), error=not ok)
        self.refresh()

    def done(self, result: int) -> None:
        self.timer.stop()
        super().done(result)
