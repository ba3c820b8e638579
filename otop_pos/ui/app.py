"""Starting the till: the log, the Qt application, the theme, the main window (maximised);
stopping it on SIGTERM as a closed window does, the cart held.

`install_excepthook` is the net under every slot: an exception no handler
caught (in a slot, an event, a thread) becomes a logged traceback and one
plain sentence on screen, instead of a line on a console nobody reads.
"""

from __future__ import annotations

import logging
import signal
import sys
import threading
import traceback
from pathlib import Path
from types import TracebackType

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox

from otop_pos.operations.errors import GENERIC, expected_text
from otop_pos.operations.log_file import start_log
from otop_pos.operations.session import Session
from otop_pos.operations.startup import VERSION, check_books, open_session
from otop_pos.printing.engine.qtcompat import protect_none
from otop_pos.ui.main_window import MainWindow
from otop_pos.ui.texts import qt_standard
from otop_pos.ui.texts.i18n import language, set_language
from otop_pos.ui.theme import apply_theme
from otop_pos.ui.widgets.worker import ReportWorker

log = logging.getLogger(__name__)

_box: QMessageBox | None = None  # one at a time: a failing paint event must not stack boxes


def build_window(session: Session) -> MainWindow:
    """Theme and window for an open session (the tests call this too)."""
    app = QApplication.instance()
    assert isinstance(app, QApplication), "create a QApplication first"
    set_language(session.settings.lang)
    qt_standard.install(app)  # Qt's own buttons and file dialogs in Thai too
    apply_theme(app)
    return MainWindow(session)


def run_app(db: Path, *, printer: str | None = None, lang: str | None = None) -> int:
    """The till on `db`; where no file exists yet, the first-run wizard makes the centre first."""
    start_log(db)
    install_excepthook()
    log.info("OTOP POS %s starting the till on %s", VERSION, Path(db).resolve())
    first_run = not Path(db).exists()
    if not first_run:
        session = open_session(db, printer=printer, lang=lang)  # a file refused opens no window
    protect_none()  # before the first Qt call; see printing/qtcompat.py
    app = QApplication.instance() or QApplication(sys.argv)
    app.setApplicationName("OTOP POS")
    if first_run:
        from otop_pos.ui.setup.wizard import run_wizard

        apply_theme(app)
        if not run_wizard(Path(db), lang=lang, printer=printer):
            log.info("first-run set-up left unfinished: no centre was made")
            return 1
        start_log(db)  # its folder exists now
        session = open_session(db, printer=printer, lang=lang)
    check_books(session)  # only the entries since the last check: start-up stays quick
    window = build_window(session)
    app.aboutToQuit.connect(ReportWorker.wait_all)
    app.aboutToQuit.connect(window.sync.stop)  # also on a quit that skips the window's close
    install_sigterm(window)
    window.showMaximized()  # from 1024x768 up, nothing off-screen
    code = int(app.exec())
    session.store.close()  # last: nothing reads after the loop (and the WAL is checkpointed)
    log.info("OTOP POS closed (exit code %s)", code)
    return code


# SIGTERM (a shutdown, a service manager) -------------------------------------------
def install_sigterm(window: MainWindow, quit_app: bool = True) -> QTimer:
    """SIGTERM closes the window the quiet way (the cart held, no questions), then quits.

    Python runs a signal handler only when the interpreter gets control, which a
    Qt event loop waiting in C++ does not give it: a timer wakes Python every 200 ms.
    Returns the timer (stopped with the window).
    """

    def on_signal(_signum: int, _frame: object) -> None:
        log.info("SIGTERM: holding the cart and closing")
        QTimer.singleShot(0, window, lambda: close_for_signal(window, quit_app))

    signal.signal(signal.SIGTERM, on_signal)
    ticker = QTimer(window)
    ticker.setObjectName("signalTicker")
    ticker.timeout.connect(lambda: None)
    ticker.start(200)
    return ticker


def close_for_signal(window: MainWindow, quit_app: bool = True) -> None:
    window.close_quietly()
    if quit_app:
        QApplication.quit()


# Exceptions no handler caught ---------------------------------------------------
def uncaught(kind: type[BaseException], exc: BaseException, tb: TracebackType | None) -> None:
    """The window app's sys.excepthook: log the traceback, tell the person, carry on."""
    if issubclass(kind, KeyboardInterrupt):
        sys.__excepthook__(kind, exc, tb)
        return
    log.critical("uncaught %s: %s", kind.__name__, exc, exc_info=(kind, exc, tb))
    if sys.stderr is not None:  # a console, when there is one (pythonw has none)
        traceback.print_exception(kind, exc, tb)
    if threading.current_thread() is threading.main_thread():  # widgets live on this one only
        show_unexpected(expected_text(exc, language()) or GENERIC[language()])


def show_unexpected(text: str) -> QMessageBox | None:
    """A non-modal box over the active window; None without a QApplication."""
    global _box
    if QApplication.instance() is None:
        return None
    if _box is not None and _box.isVisible():
        return _box
    box = QMessageBox(QMessageBox.Icon.Warning, "OTOP POS", text, QMessageBox.StandardButton.Ok,
                      QApplication.activeWindow())  # fmt: skip
    box.setObjectName("unexpectedError")
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    box.destroyed.connect(_forget_box)
    box.open()
    _box = box
    return box


def _forget_box() -> None:
    global _box
    _box = None


def _thread_uncaught(args: threading.ExceptHookArgs) -> None:
    if args.exc_value is None or issubclass(args.exc_type, SystemExit):
        return
    name = args.thread.name if args.thread is not None else "?"
    log.critical(
        "uncaught %s in thread %s", args.exc_type.__name__, name,
        exc_info=(args.exc_type, args.exc_value, args.exc_traceback),
    )  # fmt: skip


def install_excepthook() -> None:
    """Route exceptions nobody caught to the log (and, on the GUI thread, to a box)."""
    sys.excepthook = uncaught
    threading.excepthook = _thread_uncaught
