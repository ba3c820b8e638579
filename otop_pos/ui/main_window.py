"""The main window only lays out screens and navigates between them.

The login screen comes first and alone, so it shows as early as possible.
The sale screen's modules load in a background thread while Qt draws the
login screen (Qt releases the GIL while it paints), and the sale screen is
built while the PIN is being checked (see ``auth.login``).

The window also holds the till's link to the provincial server
(`SyncLink`): its uploader starts after a login once the till is enrolled,
and quitting with entries not yet sent asks first (the default quits).
It also runs the daily backup's timer (`DailyBackup`), opens the backup
dialog, and checkpoints the WAL when it closes.

Closing the window holds a cart in progress (it is in the held list after a
restart) after the questions of `BeforeQuitting` (entries unsent, a shift
open); `close_quietly` (SIGTERM) holds the cart without asking.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QTimer
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import QApplication, QMainWindow, QPushButton, QStackedWidget, QWidget

from otop_pos.operations import auth
from otop_pos.operations.session import Session
from otop_pos.operations.store_checkpoint import checkpoint_on_quit
from otop_pos.ui.shifts.before_quitting import BeforeQuitting
from otop_pos.ui.staff.login_screen import LoginScreen
from otop_pos.ui.texts.i18n import tr
from otop_pos.ui.widgets.daily_backup import DailyBackup
from otop_pos.ui.widgets.sync_status import SyncLink
from otop_pos.ui.widgets.worker import ReportWorker

if TYPE_CHECKING:
    from otop_pos.ui.back_office.tabs import BackOffice
    from otop_pos.ui.manager.manager_screen import ManagerScreen
    from otop_pos.ui.staff.staff_screen import StaffScreen
    from otop_pos.ui.till.sale_screen import SaleScreen

DIALOG_LOAD_DELAY_MS = 300
PRINT_WAIT_S = 5.0  # at most, on closing, for a printer that is off (its own timeout is 3 + 3 s)


def _load_sale_screen() -> None:
    from otop_pos.ui.till import sale_screen  # noqa: F401  (imported for its modules' load time)


def _load_in_background(load: Callable[[], None]) -> threading.Thread:
    """Run plain imports on a worker thread; every widget is still made on the main one."""
    thread = threading.Thread(target=load, name="module-loader", daemon=True)
    thread.start()
    return thread


class MainWindow(QMainWindow):
    def __init__(self, session: Session) -> None:
        super().__init__()
        self.setObjectName("mainWindow")
        self.session = session
        self.setWindowTitle(f"{tr('app_title')} - {session.settings.centre_name}")
        self.stack = QStackedWidget()
        self.login = LoginScreen(session, while_checking=self.prepare_sale)
        self.stack.addWidget(self.login)
        self.setCentralWidget(self.stack)
        self.login.logged_in.connect(self.show_sale)
        self.login.producer_requested.connect(self.show_producer_login)
        screen = self.screen().availableGeometry()  # never larger than the screen, WM or not
        self.resize(min(1280, screen.width()), min(800, screen.height()))
        self._sale: SaleScreen | None = None
        self._manager: ManagerScreen | None = None
        self._back_office: BackOffice | None = None
        self._staff: StaffScreen | None = None
        self._producer: QWidget | None = None  # the producer's login or own view
        self._loader = _load_in_background(_load_sale_screen)
        self._dialogs_requested = False
        self.sync = SyncLink(session, self)
        self.daily_backup = DailyBackup(session, self)
        self.before_quitting = BeforeQuitting(
            self, session, lambda: self._sale._print_shift_slip if self._sale else None
        )

    def prepare_sale(self) -> None:
        """Build the sale screen if it is not built yet."""
        if self._sale is not None:
            return
        self._loader.join()
        from otop_pos.ui.till.sale_screen import SaleScreen

        self._sale = SaleScreen(self.session)
        self.stack.addWidget(self._sale)
        self._sale.logout_requested.connect(self.show_login)
        self._sale.manager_requested.connect(self.show_manager)

    @property
    def sale(self) -> SaleScreen:
        self.prepare_sale()
        assert self._sale is not None
        return self._sale

    def show_sale(self) -> None:
        self.stack.setCurrentWidget(self.sale)
        self.sale.on_login()
        if not self._dialogs_requested:
            self._dialogs_requested = True
            QTimer.singleShot(DIALOG_LOAD_DELAY_MS, self._load_dialogs)
        QTimer.singleShot(DIALOG_LOAD_DELAY_MS, self.sync, self.sync.start)  # once scan-ready

    def _load_dialogs(self) -> None:
        """Load the payment and other dialogs once the till is already usable."""
        from otop_pos.ui.till.sale_screen import load_dialogs

        _load_in_background(load_dialogs)

    def show_manager(self) -> None:
        """The reports and day close; built on first use (most tills never open it)."""
        if self._manager is None:
            from otop_pos.ui.manager.manager_screen import ManagerScreen
            from otop_pos.ui.shifts.day_close_bar import DayCloseBar

            self._manager = ManagerScreen(self.session)
            bar = DayCloseBar(self.session, self._manager)
            bar.day_closed.connect(self.daily_backup.after_z)  # on the worker, not this thread
            self._manager.add_day_close_bar(bar)
            self._manager.back_requested.connect(self._back_to_sale)
            self._manager.back_office_requested.connect(self.show_back_office)
            self._manager.sync_requested.connect(self.show_sync)
            self._manager.settings_requested.connect(self.show_settings)
            self._manager.backup_requested.connect(self.show_backups)
            self._manager.staff_requested.connect(self.show_staff)
            self.stack.addWidget(self._manager)
        self.stack.setCurrentWidget(self._manager)
        self._flag_backups()

    def _flag_backups(self) -> None:
        """The manager screen's backup button says when the backups need the manager."""
        from otop_pos.ui.manager.backup_dialog import flag_button

        if self._manager is not None:
            flag_button(self._manager.findChild(QPushButton, "openBackups"), self.session)

    def show_back_office(self) -> None:
        """Producers, products, intake, stock and settlement (managers)."""
        if self._back_office is None:
            from otop_pos.ui.back_office.tabs import BackOffice

            self._back_office = BackOffice(self.session)
            self._back_office.back_requested.connect(self.show_manager)
            self._back_office.producer_view_requested.connect(self.show_producer_for)
            self.stack.addWidget(self._back_office)
        self.stack.setCurrentWidget(self._back_office)

    def show_staff(self) -> None:
        """Users, roles and PINs (managers); built on first use."""
        if self._staff is None:
            from otop_pos.ui.staff.staff_screen import StaffScreen

            self._staff = StaffScreen(self.session)
            self._staff.back_requested.connect(self.show_manager)
            self.stack.addWidget(self._staff)
        self._staff.reload()
        self.stack.setCurrentWidget(self._staff)

    def show_sync(self) -> None:
        """The provincial server: enrolment, the backlog, send now, try again."""
        from otop_pos.ui.manager.sync_dialog import SyncDialog

        dialog = SyncDialog(self.session, self.sync, self)
        dialog.open()

    def show_settings(self) -> None:
        """The centre's settings and the printer page (managers)."""
        from otop_pos.ui.settings.settings_dialog import open_settings

        open_settings(self.session, self)

    def show_backups(self) -> None:
        """Back up now or restore (ui/manager/backup_dialog.py); a restore asks for a restart."""
        from otop_pos.ui.manager.backup_dialog import BackupDialog

        dialog = BackupDialog(self.session, self._let_go_of_the_file, self, self._hold_on_again)
        dialog.restart_needed.connect(self._quit_after_restore)
        dialog.finished.connect(lambda _r: self._flag_backups())
        dialog.open()

    def _let_go_of_the_file(self) -> None:
        self.daily_backup.stop()
        self.sync.stop()
        ReportWorker.wait_all(30_000)

    def _hold_on_again(self) -> None:
        """The swap was refused: the old file stays, and so do the uploader and the timer."""
        self.daily_backup.timer.start()
        self.sync.start()

    def _quit_after_restore(self) -> None:
        self.before_quitting.quiet = True  # the restored file is in place: nothing to ask or hold
        QApplication.exit(0)

    def _show_producer_screen(self, screen: QWidget) -> None:
        if self._producer is not None:
            self.stack.removeWidget(self._producer)
            self._producer.deleteLater()
        self._producer = screen
        self.stack.addWidget(screen)
        self.stack.setCurrentWidget(screen)

    def show_producer_login(self) -> None:
        """The kiosk: a producer types their code and PIN; no staff login needed."""
        from otop_pos.ui.kiosk.producer_login import ProducerLogin

        login = ProducerLogin(self.session)
        login.opened.connect(lambda access: self._show_producer_view(access, self.show_login))
        login.cancelled.connect(self.show_login)
        self._show_producer_screen(login)

    def show_producer_for(self, code: str) -> None:
        """A manager opens a producer's own view for them at the counter."""
        from otop_pos.operations.consignment import producer_view
        from otop_pos.operations.errors import OperationError

        try:
            access = producer_view.manager_picks(self.session, code)
        except OperationError:
            return
        self._show_producer_view(access, self.show_back_office)

    def _show_producer_view(self, access: object, back: Callable[[], None]) -> None:
        from otop_pos.ui.kiosk.producer_view import ProducerView

        view = ProducerView(self.session, access)
        view.closed.connect(back)
        self._show_producer_screen(view)

    def _back_to_sale(self) -> None:
        self.stack.setCurrentWidget(self.sale)
        self.sale.focus_barcode()

    def show_login(self) -> None:
        if self._sale is not None:
            self._sale.clear_messages()  # the next person's screen starts clean
        auth.logout(self.session)
        if self._producer is not None and self.stack.currentWidget() is self._producer:
            self.stack.removeWidget(self._producer)
            self._producer.deleteLater()
            self._producer = None
        self.login.reload()
        self.stack.setCurrentWidget(self.login)

    # closing -----------------------------------------------------------------
    def closeEvent(self, event: QCloseEvent) -> None:
        """Ask what needs asking (`BeforeQuitting`), hold a cart in progress, end the
        uploader's round. The store is closed by `run_app` once the event loop is over."""
        if self.before_quitting.pending():
            event.ignore()  # the answer closes the window again
            return
        if not self.hold_cart() and not self.before_quitting.quiet and self.session.user:
            event.ignore()  # the cart is still there, the refusal on the sale screen beside it
            self.before_quitting.start_over()
            self._back_to_sale()
            return
        self.sync.stop()
        self.daily_backup.stop()
        if self._sale is not None:  # a slip printed just before quitting still goes out
            from otop_pos.ui.widgets.print_queue import finish_printing

            finish_printing(self._sale, PRINT_WAIT_S)
        checkpoint_on_quit(self.session)  # the file whole by itself once the till is closed
        super().closeEvent(event)

    def close_quietly(self) -> None:
        """Close without questions (SIGTERM, a shutdown): the cart is held, the shift left open."""
        self.before_quitting.quiet = True
        self.close()

    def hold_cart(self) -> bool:
        """Hold the sale screen's cart in progress, so it is in the held list after a restart."""
        if self._sale is None or self._sale.cart.is_empty:
            return True
        return self._sale.hold_for_close()
