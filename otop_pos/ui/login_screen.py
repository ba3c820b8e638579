"""Log in: pick a name (arrow keys), type the PIN, Enter."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QLabel, QLineEdit, QListWidget, QListWidgetItem, QVBoxLayout, QWidget

from otop_pos.operations import auth
from otop_pos.operations.errors import OperationError, user_message
from otop_pos.operations.session import Session
from otop_pos.ui.i18n import language, tr


class PinInput(QLineEdit):
    """Up/Down in the PIN field move the user selection, so hands stay on the keys."""

    def __init__(self, users: QListWidget) -> None:
        super().__init__()
        self._users = users

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Up, Qt.Key.Key_Down):
            step = 1 if event.key() == Qt.Key.Key_Down else -1
            row = max(0, min(self._users.currentRow() + step, self._users.count() - 1))
            self._users.setCurrentRow(row)
            return
        super().keyPressEvent(event)


class LoginScreen(QWidget):
    logged_in = Signal()

    def __init__(self, session: Session) -> None:
        super().__init__()
        self.setObjectName("loginScreen")
        self.session = session
        title = QLabel(f"{session.settings.centre_name}\n{tr('login_title')}")
        title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        title.setStyleSheet("font-size: 30px; font-weight: bold;")
        self.users = QListWidget()
        self.users.setObjectName("userList")
        self.users.setAccessibleName(tr("login_user"))
        self.users.setFocusPolicy(Qt.FocusPolicy.NoFocus)
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
        layout = QVBoxLayout(self)
        layout.addStretch(1)
        layout.addWidget(box, 0, Qt.AlignmentFlag.AlignHCenter)
        layout.addStretch(2)
        self.reload()

    def reload(self) -> None:
        self.users.clear()
        users = auth.list_users(self.session)
        for user in users:
            role = tr("role_manager") if user.role.value == "manager" else tr("role_cashier")
            item = QListWidgetItem(f"{user.name}  ({role})")
            item.setData(Qt.ItemDataRole.UserRole, user.id)
            self.users.addItem(item)
        # Cashiers log in far more often than managers: start on the first cashier.
        cashiers = [i for i, u in enumerate(users) if u.role.value != "manager"]
        self.users.setCurrentRow(cashiers[0] if cashiers else 0)
        self.pin.clear()
        self.pin.setFocus()

    def submit(self) -> None:
        item = self.users.currentItem()
        if item is None:
            return
        try:
            auth.login(self.session, int(item.data(Qt.ItemDataRole.UserRole)), self.pin.text())
        except OperationError as exc:
            self.message.setText(user_message(exc, language()))
            self.message.setStyleSheet("color: #a40e26; font-weight: bold;")
            self.pin.clear()
            return
        self.pin.clear()
        self.message.setText(tr("login_hint"))
        self.message.setStyleSheet("")
        self.logged_in.emit()
