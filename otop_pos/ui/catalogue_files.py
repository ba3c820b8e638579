"""Import and export of the product and producer files, as the back-office tabs offer them.

Both tabs take the same steps: ask for a path, run the operation with a wait
cursor, and say the outcome (a refused import names its bad rows, nothing
is changed) under the table.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any, ClassVar

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QFileDialog, QLabel, QWidget

from otop_pos.operations.catalogue import ImportRejected, ImportReport
from otop_pos.operations.errors import OperationError, user_message
from otop_pos.operations.session import Session
from otop_pos.ui.count_widget import say
from otop_pos.ui.i18n import language, tr


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


def run_import(
    session: Session, path: Path, reader: Callable[[Session, Path], ImportReport], message: QLabel
) -> ImportReport | None:
    """Import ``path``; a refusal lists the file's bad rows by number, and nothing changes."""
    say(message, tr("pr_importing", name=path.name))
    QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
    try:
        report = reader(session, path)
    except ImportRejected as exc:
        lines = ", ".join(str(n) for n in exc.lines if n) or "-"
        say(message, tr("pr_import_refused", lines=lines) + "\n" + user_message(exc, language()),
            error=True)  # fmt: skip
        return None
    except OperationError as exc:
        say(message, user_message(exc, language()), error=True)
        return None
    finally:
        QApplication.restoreOverrideCursor()
    say(message, tr("pr_imported", name=path.name, total=report.total, created=report.created,
                    updated=report.updated))  # fmt: skip
    return report


def run_export(
    session: Session, path: Path, writer: Callable[[Session, Path], int], message: QLabel
) -> int | None:
    try:
        count = writer(session, path)
    except OperationError as exc:
        say(message, user_message(exc, language()), error=True)
        return None
    say(message, tr("pr_exported", count=f"{count:,}", path=str(path)))
    return count


class CatalogueFiles:
    """The file buttons of a register tab (mixed into the tab, before QWidget).

    The tab has `session`, `message`, `refresh()` and a `changed` signal, and
    names its importer, exporter and the file name offered for an export.
    """

    IMPORTER: ClassVar[Callable[[Session, Path], ImportReport]]
    EXPORTER: ClassVar[Callable[[Session, Path], int]]
    EXPORT_NAME: ClassVar[str]
    session: Session
    message: QLabel
    changed: Any  # the tab's Signal; `refresh()` is the tab's own

    def ask_import(self) -> None:
        path = ask_open_path(self)  # type: ignore[arg-type]
        if path is not None:
            self.import_from(path)

    def import_from(self, path: str | Path) -> ImportReport | None:
        """Import a file (.csv or .xlsx); None if it was refused (nothing changed)."""
        report = run_import(self.session, Path(path), type(self).IMPORTER, self.message)
        if report is not None:
            self.refresh()
            self.changed.emit()
        return report

    def ask_export(self) -> None:
        path = ask_save_path(self, self.session, self.EXPORT_NAME)  # type: ignore[arg-type]
        if path is not None:
            self.export_to(path)

    def export_to(self, path: str | Path) -> int | None:
        """Every row to ``path`` (.csv or .xlsx) in the importer's own columns."""
        return run_export(self.session, Path(path), type(self).EXPORTER, self.message)
