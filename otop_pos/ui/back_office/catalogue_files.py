"""Import and export of the product and producer files, as the back-office tabs offer them.

A file is read or written on a worker thread with a connection of its own
(`Session.on_own_connection`), so the window never freezes on a large
catalogue: the tab says how far the import has come and its buttons wait
until it ends. A refused import names its bad rows and changes nothing.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any, ClassVar

from PySide6.QtWidgets import QFileDialog, QLabel, QPushButton, QWidget

from otop_pos.operations.catalogue.file_import import (
    ImportRejected,
    ImportReport,
    Progress,
)
from otop_pos.operations.errors import OperationError, user_message
from otop_pos.operations.session import Session
from otop_pos.ui.texts.i18n import language, tr
from otop_pos.ui.widgets.forms import say
from otop_pos.ui.widgets.worker import Job, ReportWorker

Importer = Callable[[Session, Path, Progress | None], ImportReport]
Exporter = Callable[[Session, Path], int]


def ask_open_path(parent: QWidget) -> Path | None:
    path, _f = QFileDialog.getOpenFileName(parent, tr("pr_import_title"), str(Path.home()),
                                           tr("pr_file_filter"))  # fmt: skip
    return Path(path) if path else None


def ask_save_path(parent: QWidget, session: Session, name: str) -> Path | None:
    folder = Path(session.settings.documents_dir or Path.home())
    path, chosen = QFileDialog.getSaveFileName(parent, tr("pr_export_title"), str(folder / name),
                                               tr("pr_save_filter"))  # fmt: skip
    if not path:
        return None
    target = Path(path)
    if target.suffix.lower() not in (".csv", ".xlsx"):
        target = target.with_suffix(".csv" if "csv" in chosen else ".xlsx")
    return target


def _on_own_connection(session: Session, work: Callable[[Session], Any]) -> Any:
    own = session.on_own_connection()
    try:
        return work(own)
    finally:
        own.store.close()


def import_job(session: Session, importer: Importer, path: Path) -> Job:
    """The import for a worker: its report, or the refusal naming the bad rows."""

    def job(progress: Progress, _cancelled: Callable[[], bool]) -> ImportReport | ImportRejected:
        try:
            return _on_own_connection(session, lambda own: importer(own, path, progress))
        except ImportRejected as exc:  # shown row by row, not as a bare message
            return exc

    return job


def export_job(session: Session, exporter: Exporter, path: Path) -> Job:
    return lambda _progress, _cancelled: _on_own_connection(
        session, lambda own: exporter(own, path)
    )


class CatalogueFiles:
    """The file buttons of a register tab (mixed into the tab, before QWidget).

    The tab has `session`, `message`, `refresh()` and a `changed` signal, and
    names its importer, exporter and the file name offered for an export.
    `start_import`/`start_export` run on a worker (the buttons); `import_from`
    and `export_to` do the same on the calling thread (scripts and tests).
    """

    IMPORTER: ClassVar[Importer]
    EXPORTER: ClassVar[Exporter]
    EXPORT_NAME: ClassVar[str]
    session: Session
    message: QLabel
    changed: Any  # the tab's Signal; `refresh()` is the tab's own
    worker: ReportWorker | None = None
    _file = Path()
    _held: list[QPushButton]

    def ask_import(self) -> None:
        path = ask_open_path(self)  # type: ignore[arg-type]
        if path is not None:
            self.start_import(path)

    def ask_export(self) -> None:
        path = ask_save_path(self, self.session, self.EXPORT_NAME)  # type: ignore[arg-type]
        if path is not None:
            self.start_export(path)

    def start_import(self, path: str | Path) -> ReportWorker:
        self._file = Path(path)
        say(self.message, tr("pr_importing", name=self._file.name))
        job = import_job(self.session, type(self).IMPORTER, self._file)
        return self._run(job, self._imported)

    def start_export(self, path: str | Path) -> ReportWorker:
        self._file = Path(path)
        say(self.message, tr("pr_exporting", name=self._file.name))
        return self._run(export_job(self.session, type(self).EXPORTER, self._file), self._exported)

    def import_from(self, path: str | Path) -> ImportReport | None:
        """Import a file (.csv or .xlsx) here and now; None if it was refused (nothing changed)."""
        self._file = Path(path)
        try:
            result: ImportReport | ImportRejected = type(self).IMPORTER(
                self.session, self._file, None
            )
        except ImportRejected as exc:
            result = exc
        except OperationError as exc:
            self._failed(user_message(exc, language()))
            return None
        return self._imported(result)

    def export_to(self, path: str | Path) -> int | None:
        """Every row to ``path`` (.csv or .xlsx) in the importer's own columns, here and now."""
        self._file = Path(path)
        try:
            count = type(self).EXPORTER(self.session, self._file)
        except OperationError as exc:
            self._failed(user_message(exc, language()))
            return None
        return self._exported(count)

    def _run(self, job: Job, done: Callable[[Any], object]) -> ReportWorker:
        worker = ReportWorker(job, language())
        self._hold(True)
        worker.progress.connect(self._progress)
        worker.finished.connect(done)
        worker.failed.connect(self._failed)
        worker.finished.connect(self._release)
        worker.failed.connect(self._release)
        self.worker = worker
        worker.start()
        return worker

    def _progress(self, done: int, total: int) -> None:
        say(self.message, tr("pr_import_progress", name=self._file.name, done=f"{done:,}",
                             total=f"{total:,}"))  # fmt: skip

    def _imported(self, result: ImportReport | ImportRejected) -> ImportReport | None:
        if isinstance(result, ImportRejected):
            lines = ", ".join(str(n) for n in result.lines if n) or "-"
            say(self.message, tr("pr_import_refused", lines=lines) + "\n"
                + user_message(result, language()), error=True)  # fmt: skip
            return None
        say(self.message, tr("pr_imported", name=self._file.name, total=result.total,
                             created=result.created, updated=result.updated))  # fmt: skip
        self.refresh()  # type: ignore[attr-defined]
        self.changed.emit()
        return result

    def _exported(self, count: int) -> int:
        say(self.message, tr("pr_exported", count=f"{count:,}", path=str(self._file)))
        return count

    def _failed(self, text: str) -> None:
        say(self.message, text, error=True)

    def _hold(self, busy: bool) -> None:
        """The tab's buttons wait while a file is read or written."""
        if busy:
            found = self.findChildren(QPushButton)  # type: ignore[attr-defined]
            self._held = [b for b in found if b.isEnabled()]
        for b in self._held:
            b.setEnabled(not busy)

    def _release(self, *_: object) -> None:
        self._hold(False)
