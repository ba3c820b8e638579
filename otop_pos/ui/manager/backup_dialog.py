"""The manager backs the till up, or puts a backup back, with progress and never a frozen window.

A backup runs on a worker thread with its own connection and shows the
backup API's page progress. A restore is checked first (on a worker), then
asked about with what would be lost, then prepared on a worker (the current
file backed up, the backup staged beside it and checked again); only the
swap itself runs here, after the uploader and every worker have stopped,
because the window's own connection must be closed for it. The program
then asks to be started again rather than carrying on with screens that
were built over the old file: that is the safe choice.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from html import escape
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QMessageBox,
    QProgressBar,
    QVBoxLayout,
    QWidget,
)

from otop_pos.domain.staff.permissions import Permission
from otop_pos.domain.thai.thaidate import format_numeric, format_numeric_en
from otop_pos.operations.backups import restore, snapshots
from otop_pos.operations.errors import OperationError, user_message
from otop_pos.operations.session import Session
from otop_pos.ui.texts.i18n import language, tr
from otop_pos.ui.widgets.forms import OK_STYLE, big_button, message_label, say, title_label
from otop_pos.ui.widgets.worker import ReportWorker

log = logging.getLogger(__name__)


def _when(taken: Any) -> str:
    return format_numeric_en(taken) if language() == "en" else format_numeric(taken)


class BackupDialog(QDialog):
    restart_needed = Signal(object)  # the RestoreResult; the window quits and asks for a restart
    backed_up = Signal(object)  # the BackupResult (tests wait on it)

    def __init__(
        self,
        session: Session,
        before_swap: Callable[[], None],
        parent: QWidget | None = None,
        after_refusal: Callable[[], None] | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("backupDialog")
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.setWindowTitle(tr("bk_title"))
        self.setMinimumWidth(640)
        self.session, self.before_swap = session, before_swap
        self.after_refusal = after_refusal  # the swap was refused: start what was stopped again
        self.worker: ReportWorker | None = None
        self._build()
        self.refresh()

    # layout ----------------------------------------------------------------
    def _build(self) -> None:
        self.values: dict[str, QLabel] = {}
        facts = QFormLayout()
        for key, name in (("bk_folder", "backupFolder"), ("bk_second", "backupSecond"),
                          ("bk_newest", "backupNewest")):  # fmt: skip
            value = QLabel("–")
            value.setObjectName(name)
            value.setAccessibleName(tr(key))
            value.setWordWrap(True)
            value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            facts.addRow(tr(key), value)
            self.values[name] = value
        self.files = QListWidget()
        self.files.setObjectName("backupFiles")
        self.files.setAccessibleName(tr("bk_list"))
        self.progress = QProgressBar()
        self.progress.setObjectName("backupProgress")
        self.progress.setRange(0, 100)
        self.progress.setValue(0)
        self.message = message_label("backupMessage")
        self.message.setWordWrap(True)
        self.now_button = big_button(tr("bk_now"), "backupNow", self.back_up)
        self.now_button.setStyleSheet(OK_STYLE)
        self.restore_button = big_button(tr("bk_restore"), "backupRestore", self.pick_file)
        close = big_button(tr("close"), "backupClose", self.reject)
        actions = QHBoxLayout()
        actions.addWidget(close)
        actions.addStretch(1)
        actions.addWidget(self.restore_button)
        actions.addWidget(self.now_button)

        layout = QVBoxLayout(self)
        layout.addWidget(title_label(tr("bk_title")))
        layout.addLayout(facts)
        layout.addWidget(QLabel(tr("bk_list")))
        layout.addWidget(self.files, 1)
        layout.addWidget(self.progress)
        layout.addWidget(self.message)
        layout.addLayout(actions)

    def refresh(self) -> None:
        """The folders' state and this till's backups, newest first."""
        settings = self.session.settings
        folder = snapshots.data_folder(self.session.store.path)
        self.values["backupFolder"].setText(str(folder))
        warning = snapshots.second_folder_warning(settings)
        second = self.values["backupSecond"]
        if not settings.backup_dir2:
            second.setText(tr("bk_second_none"))
            second.setStyleSheet("")
        elif warning is not None:
            second.setText(warning[1] if language() == "en" else warning[0])
            second.setStyleSheet("color: #a40e26; font-weight: bold;")
        else:
            second.setText(tr("bk_second_ok", folder=settings.backup_dir2))
            second.setStyleSheet("")
        mine = snapshots.own_backups(self.session.store.path, settings.terminal_id)
        newest = self.values["backupNewest"]
        if not mine:
            newest.setText(tr("bk_never"))
        elif snapshots.due(self.session.store.path, settings.terminal_id):
            newest.setText(tr("bk_old", when=_when(mine[-1].taken_at)))
        else:
            newest.setText(_when(mine[-1].taken_at))
        newest.setStyleSheet("color: #a40e26; font-weight: bold;" if not mine or
                             snapshots.due(self.session.store.path, settings.terminal_id)
                             else "")  # fmt: skip
        self.files.clear()
        for b in reversed(mine):
            self.files.addItem(f"{_when(b.taken_at)}   {tr('bk_reason_' + b.reason)}   {b.name}")
        failure = snapshots.last_failure(self.session.store.path)
        if failure is not None and self.worker is None:
            self._say(failure[1] if language() == "en" else failure[0], error=True)

    # helpers ---------------------------------------------------------------
    def _say(self, text: str, error: bool = False) -> None:
        say(self.message, text, error)

    def _busy(self, busy: bool) -> None:
        self.now_button.setEnabled(not busy)
        self.restore_button.setEnabled(not busy)

    def _on_progress(self, done: int, total: int) -> None:
        self.progress.setValue(done * 100 // total if total else 0)

    def _run(self, job: Callable[[Session, Any], object], done: Callable[[object], None],
             text: str) -> None:  # fmt: skip
        """`job(own_session, progress)` on a worker with its own connection; `done` here."""
        session = self.session

        def work(progress: Any, _cancelled: Any) -> object:
            own = session.on_own_connection()  # a Store never crosses threads
            try:
                return job(own, progress)
            except OperationError as exc:  # a refusal comes back whole
                return exc
            finally:
                own.store.close()

        worker = ReportWorker(work, language())
        worker.progress.connect(self._on_progress)
        worker.finished.connect(lambda result: self._finished(result, done))
        worker.failed.connect(self._failed)
        self.worker = worker
        self._busy(True)
        self.progress.setValue(0)
        self._say(text)
        worker.start()

    def _finished(self, result: object, done: Callable[[object], None]) -> None:
        self.worker = None
        self._busy(False)
        if isinstance(result, OperationError):
            self._say(user_message(result, language()), error=True)
            return
        done(result)

    def _failed(self, text: str) -> None:
        self.worker = None
        self._busy(False)
        self._say(text, error=True)

    def _allowed(self) -> bool:
        try:  # asked here too, so a cashier is told before anything runs
            self.session.require(Permission.MANAGE_SETTINGS)
        except OperationError as exc:
            self._say(user_message(exc, language()), error=True)
            return False
        return True

    # backing up ------------------------------------------------------------
    def back_up(self) -> None:
        if self.worker is not None or not self._allowed():
            return
        self._run(lambda own, progress: snapshots.backup_now(own, progress=progress),
                  self._backed_up, tr("bk_running"))  # fmt: skip

    def _backed_up(self, result: object) -> None:
        assert isinstance(result, snapshots.BackupResult)
        self.progress.setValue(100)
        self.refresh()
        text = tr("bk_done", name=result.path.name, n=result.facts.entries)
        warning = result.warning_text(language())
        if warning:  # the backup is done (green); the second folder's trouble is the manager's
            self.message.setStyleSheet("")
            self.message.setText(
                f'<span style="color: #1a5d2b; font-weight: bold;">{escape(text)}</span><br>'
                f'<span style="color: #a40e26; font-weight: bold;">'
                f"{escape(warning).replace(chr(10), '<br>')}</span>"
            )
        else:
            self._say(text)
        self.backed_up.emit(result)

    # restoring -------------------------------------------------------------
    def pick_file(self) -> None:
        if self.worker is not None or not self._allowed():
            return
        picker = QFileDialog(self, tr("bk_pick"),
                             str(snapshots.data_folder(self.session.store.path)),
                             tr("bk_files"))  # fmt: skip
        picker.setObjectName("backupPicker")
        picker.setFileMode(QFileDialog.FileMode.ExistingFile)
        picker.fileSelected.connect(lambda name: self.restore_file(Path(name)))
        picker.open()

    def restore_file(self, path: Path) -> None:
        """Check the file (on a worker), then ask with what it holds and what would be lost."""
        if self.worker is not None or not self._allowed():
            return
        self._run(lambda own, _p: restore.check_file(own, path),
                  lambda plan: self._ask(path, plan), tr("bk_checking"))  # fmt: skip

    def _ask(self, path: Path, plan: object) -> None:
        assert isinstance(plan, restore.RestorePlan)
        self._say("")
        box = QMessageBox(QMessageBox.Icon.Warning, tr("bk_confirm_title"),
                          tr("bk_confirm", summary=plan.summary(language())),
                          QMessageBox.StandardButton.NoButton, self)  # fmt: skip
        box.setObjectName("backupConfirm")
        yes = box.addButton(tr("bk_yes"), QMessageBox.ButtonRole.AcceptRole)
        no = box.addButton(tr("bk_no"), QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(no)
        yes.setObjectName("backupConfirmYes")
        yes.clicked.connect(lambda: self._prepare(path))
        self.confirm = box
        box.open()

    def _prepare(self, path: Path) -> None:
        self._run(lambda own, progress: restore.prepare(own, path, progress),
                  self._swap, tr("bk_preparing"))  # fmt: skip

    def _swap(self, prepared: object) -> None:
        assert isinstance(prepared, restore.Prepared)
        self.before_swap()  # the uploader and every worker let go of the file
        try:
            result = restore.swap(self.session, prepared)
        except OperationError as exc:
            self._say(user_message(exc, language()), error=True)
            if self.after_refusal is not None:
                self.after_refusal()
            return
        self.progress.setValue(100)
        self._say(result.plan.summary(language()))
        box = QMessageBox(QMessageBox.Icon.Information, tr("bk_restored_title"),
                          tr("bk_restored", summary=result.plan.summary(language()),
                             before=result.before.path),
                          QMessageBox.StandardButton.NoButton, self)  # fmt: skip
        box.setObjectName("backupRestored")
        ok = box.addButton(tr("bk_close_app"), QMessageBox.ButtonRole.AcceptRole)
        ok.setObjectName("backupRestoredOk")
        box.finished.connect(lambda _r: self.restart_needed.emit(result))
        self.restored_box = box
        box.open()


def flag_button(button: QWidget | None, session: Session) -> None:
    """The manager screen's backup button in red, with the reason as its tooltip, when the
    backups need the manager (a failure, a missing second folder, none today)."""
    if button is None:
        return
    try:
        why = snapshots.needs_attention(session.store.path, session.settings)
    except Exception:  # a look at folders must never stop the manager screen
        log.exception("looking at the backups")
        return
    button.setStyleSheet("color: #a40e26; font-weight: bold;" if why else "")
    button.setToolTip("" if why is None else (why[1] if language() == "en" else why[0]))
