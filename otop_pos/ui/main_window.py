"""The main window only lays out screens and navigates between them."""

from __future__ import annotations

from PySide6.QtWidgets import QMainWindow, QStackedWidget

from otop_pos.operations import auth
from otop_pos.operations.session import Session
from otop_pos.ui.i18n import tr
from otop_pos.ui.login_screen import LoginScreen
from otop_pos.ui.sale_screen import SaleScreen


class MainWindow(QMainWindow):
    def __init__(self, session: Session) -> None:
        super().__init__()
        self.setObjectName("mainWindow")
        self.session = session
        self.setWindowTitle(f"{tr('app_title')} - {session.settings.centre_name}")
        self.stack = QStackedWidget()
        self.login = LoginScreen(session)
        self.sale = SaleScreen(session)
        self.stack.addWidget(self.login)
        self.stack.addWidget(self.sale)
        self.setCentralWidget(self.stack)
        self.login.logged_in.connect(self.show_sale)
        self.sale.logout_requested.connect(self.show_login)
        self.resize(1280, 800)

    def show_sale(self) -> None:
        self.stack.setCurrentWidget(self.sale)
        self.sale.on_login()

    def show_login(self) -> None:
        auth.logout(self.session)
        self.login.reload()
        self.stack.setCurrentWidget(self.login)
