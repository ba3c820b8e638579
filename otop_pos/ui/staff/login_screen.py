"""Log in: pick a name (arrow keys or a tap), type the PIN (or tap it on the keypad), Enter.

This is the till's first frame, so building it avoids the ``Qt`` namespace:
creating its ~90 Python enums costs 20-30 ms. The sale screen's loader
(see MainWindow) creates them in the background while this screen paints.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6 import QtCore
from PySide6.QtCore import Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from otop_pos.operations import auth
from otop_pos.operations.errors import OperationError, user_message
from otop_pos.operations.session import Session
from otop_pos.ui.texts.i18n import language, tr
from otop_pos.ui.widgets.keypad import Keypad


class PinInput(QLineEdit):
    """Up/Down in the PIN field move the user selection, so hands stay on the keys."""

    def __init__(self, users: QListWidget) -> None:
        super().__init__()
        self._users = users

    def keyPressEvent(self, event: QKeyEvent) -> None:
        keys = QtCore.Qt.Key
        if event.key() in (keys.Key_Up, keys.Key_Down):
            step = 1 if event.key() == keys.Key_Down else -1
            row = max(0, min(self._users.currentRow() + step, self._users.count() - 1))
            self._users.setCurrentRow(row)
            return
        super().keyPressEvent(event)


class LoginScreen(QWidget):
    logged_in = Signal()
    producer_requested = Signal()  # a producer wants to check their own figures

    @property
    def user_ids(self) -> list[int]:
        """The ids of the listed users, in list order."""
        return list(self._user_ids)

    def __init__(self, session: Session, while_checking: Callable[[], None] | None = None) -> None:
        super().__init__()
        self.setObjectName("loginScreen")
        self.session = session
        self._while_checking = while_checking
        title = QLabel(f"{session.settings.centre_name}\n{tr('login_title')}")
        title.setStyleSheet("font-size: 30px; font-weight: bold; qproperty-alignment: AlignCenter;")
        self.users = QListWidget()
        self.users.setObjectName("userList")
        self.users.setAccessibleName(tr("login_user"))
        self.users.setStyleSheet("qproperty-focusPolicy: NoFocus;")
        self.users.setMaximumHeight(220)
        self.pin = PinInput(self.users)
        self.pin.setObjectName("pinInput")
        self.pin.setAccessibleName(tr("login_pin"))
        self.pin.setEchoMode(QLineEdit.EchoMode.Password)
        self.pin.setPlaceholderText(tr("login_pin"))
        self.pin.setStyleSheet("font-size: 28px;")
        self.pin.returnPressed.connect(self.submit)
        self.message = QLabel(tr("login_hint"))
        self.message.setObjectName("loginMessage")
        self.message.setWordWrap(True)

        box = QWidget()
        box.setMaximumWidth(480)
        inner = QVBoxLayout(box)
        inner.addWidget(title)
        inner.addWidget(self.users)
        inner.addWidget(self.pin)
        inner.addWidget(self.message)
        kiosk = QPushButton(tr("producer_kiosk"))
        kiosk.setObjectName("producerKiosk")
        kiosk.setStyleSheet("font-size: 18px; padding: 10px; qproperty-focusPolicy: NoFocus;")
        kiosk.clicked.connect(self.producer_requested.emit)
        inner.addWidget(kiosk)
        self.keypad = Keypad(self.pin, name="loginKeypad", point=False)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(box)
        row.addSpacing(24)
        row.addWidget(self.keypad)
        row.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addStretch(1)
        layout.addLayout(row)
        layout.addStretch(2)
        self._user_ids: list[int] = []
        self.reload()

    def reload(self) -> None:
        self.users.clear()
        users = auth.list_users(self.session)
        for user in users:
            role = tr("role_manager") if user.role.value == "manager" else tr("role_cashier")
            self.users.addItem(f"{user.name}  ({role})")
        self._user_ids = [user.id for user in users]
        # Cashiers log in far more often than managers: start on the first cashier.
        cashiers = [i for i, u in enumerate(users) if u.role.value != "manager"]
        self.users.setCurrentRow(cashiers[0] if cashiers else 0)
        self.pin.clear()
        self.pin.setFocus()

    def submit(self) -> None:
        row = self.users.currentRow()
        if not 0 <= row < len(self._user_ids):
            return
        try:
            auth.login(
                self.session,
                self._user_ids[row],
                self.pin.text(),
                while_checking=self._while_checking,
            )
        except OperationError as exc:
            self.message.setText(user_message(exc, language()))
            self.message.setStyleSheet("color: #a40e26; font-weight: bold;")
            self.pin.clear()
            return
        self.pin.clear()
        self.message.setText(tr("login_hint"))
        self.message.setStyleSheet("")
        self.logged_in.emit()
