"""Starting the till: the Qt application, the theme, the main window."""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtWidgets import QApplication

from otop_pos.operations.session import Session
from otop_pos.operations.startup import open_session
from otop_pos.printing.engine.qtcompat import protect_none
from otop_pos.ui.main_window import MainWindow
from otop_pos.ui.texts.i18n import set_language
from otop_pos.ui.theme import apply_theme
from otop_pos.ui.widgets.worker import ReportWorker


def build_window(session: Session) -> MainWindow:
    """Theme and window for an open session (the tests call this too)."""
    app = QApplication.instance()
    assert isinstance(app, QApplication), "create a QApplication first"
    set_language(session.settings.lang)
    apply_theme(app)
    return MainWindow(session)


def run_app(db: Path, *, printer: str | None = None, lang: str | None = None) -> int:
    protect_none()  # before the first Qt call; see printing/qtcompat.py
    app = QApplication.instance() or QApplication(sys.argv)
    app.setApplicationName("OTOP POS")
    session = open_session(db, printer=printer, lang=lang)
    window = build_window(session)
    app.aboutToQuit.connect(ReportWorker.wait_all)
    window.show()
    return int(app.exec())
