"""Screenshots of the staff screen and its add-user form for docs/ (run under Xvfb).

    xvfb-run -a -s "-screen 0 1366x768x24" .venv/bin/python tools/screenshots_staff.py var/staff.sqlite

A missing database is made into the demo centre and given a few more staff
through the operations: a second cashier, a deputy manager, a cashier who
left (deactivated) and one locked out by wrong PINs. The manager logs in in
the real window, maximised, opens the staff screen from the manager screen,
and the whole X screen is captured with ImageMagick's `import`, as a person
would see it; then the add-user form, refused a trivial PIN.
"""

from __future__ import annotations

import subprocess
import sys
from contextlib import suppress
from pathlib import Path

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QLineEdit, QPushButton

from otop_pos.db.store import open_store
from otop_pos.demo.seed import ensure_demo_centre
from otop_pos.domain.staff.permissions import Role
from otop_pos.operations import auth
from otop_pos.operations.errors import OperationError
from otop_pos.operations.session import Session
from otop_pos.operations.staff import users
from otop_pos.operations.startup import open_session
from otop_pos.printing.engine.qtcompat import protect_none
from otop_pos.ui.app import build_window
from otop_pos.ui.staff.staff_screen import StaffScreen

OUT = Path("docs")
MANAGER_ID, MANAGER_PIN = 2, "9999"


def prepare(db: Path) -> None:
    if db.exists():
        return
    db.parent.mkdir(parents=True, exist_ok=True)
    store = open_store(db)
    try:
        ensure_demo_centre(store)
        session = Session.open(store)
        auth.login(session, MANAGER_ID, MANAGER_PIN)
        users.add_user(session, "วันเพ็ญ ศรีสุข", Role.CASHIER, "5082")
        users.add_user(session, "บุญชัย รักถิ่น", Role.MANAGER, "7391")
        left = users.add_user(session, "ธีรศักดิ์ ไปไกล", Role.CASHIER, "4826")
        users.set_active(session, left, False)
        locked = users.add_user(session, "ปิยะนุช ขยันยิ่ง", Role.CASHIER, "6157")
        for _ in range(5):
            with suppress(OperationError):
                auth.login(session, locked, "0000")
    finally:
        store.close()


def shoot(name: str) -> None:
    QApplication.processEvents()
    subprocess.run(["import", "-window", "root", str(OUT / name)], check=True)
    print(OUT / name)


def main(db: Path, suffix: str = "") -> None:
    protect_none()
    prepare(db)
    app = QApplication(sys.argv)
    session = open_session(db)
    window = build_window(session)
    window.setGeometry(app.primaryScreen().availableGeometry())  # Xvfb has no window manager
    window.show()
    auth.login(session, MANAGER_ID, MANAGER_PIN)
    window.show_sale()

    def staff() -> StaffScreen:
        found = window.findChild(StaffScreen, "staffScreen")
        assert found is not None
        return found

    def add_form() -> None:
        staff().findChild(QPushButton, "staffAdd").click()
        form = staff().dialog
        assert form is not None
        form.findChild(QLineEdit, "addUserName").setText("มานี มีนา")
        form.findChild(QLineEdit, "addUserPin").setText("1234")
        form.findChild(QLineEdit, "addUserPinAgain").setText("1234")
        form.findChild(QPushButton, "addUserOk").click()

    steps = iter(
        [
            window.show_manager,
            window.show_staff,
            lambda: staff().select(6),  # the locked cashier: Unlock applies
            lambda: shoot(f"staff-screen{suffix}.png"),
            add_form,
            lambda: shoot(f"staff-add-user{suffix}.png"),
            app.quit,
        ]
    )

    def step() -> None:
        next(steps)()
        QTimer.singleShot(500, step)

    QTimer.singleShot(1200, step)
    app.exec()


if __name__ == "__main__":
    main(Path(sys.argv[1]), sys.argv[2] if len(sys.argv) > 2 else "")
