"""Screenshots of the settings screen, its printer page and the printer's test page (Xvfb).

    xvfb-run -a -s "-screen 0 1366x768x24" .venv/bin/python tools/screenshots_settings.py \
        var/settings.sqlite 1366
    xvfb-run -a -s "-screen 0 1024x768x24" .venv/bin/python tools/screenshots_settings.py \
        var/settings.sqlite 1024

A missing database becomes the demo centre. The manager logs in, the main
window opens maximised on the manager screen and the settings open over it;
the whole X screen is captured with ImageMagick's `import`, as a person sees
it. At 1366 it also shows a refusal at its box, the printer page after a
test page to the on-screen preview, and the audit log with the change; the
test page itself is rendered to PNG at both paper widths.
"""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QPushButton

from otop_pos.db.store import open_store
from otop_pos.demo.seed import ensure_demo_centre
from otop_pos.operations import auth, centre_settings
from otop_pos.operations.startup import open_session
from otop_pos.printing.engine.qtcompat import protect_none
from otop_pos.ui.app import build_window
from otop_pos.ui.settings.settings_dialog import SettingsDialog, open_settings

OUT = Path("docs")
MANAGER_ID, MANAGER_PIN = 2, "9999"


def shoot(name: str) -> None:
    subprocess.run(["import", "-window", "root", str(OUT / name)], check=True)
    print("wrote", OUT / name)


def test_pages() -> None:
    from otop_pos.printing.documents import printer_test_page

    printer_test_page.main([str(OUT / "printer-test-page.png")])
    printer_test_page.main([str(OUT / "printer-test-page-58mm.png"), "--58mm"])


def main(db: Path, width: int) -> None:
    protect_none()
    if not db.exists():
        store = open_store(db)
        ensure_demo_centre(store)
        store.close()
    app = QApplication(sys.argv)
    session = open_session(db, printer="preview")
    auth.login(session, MANAGER_ID, MANAGER_PIN)
    centre_settings.update(session, {"receipt_header": "เปิดทุกวัน 8:00-17:00 น."})
    window = build_window(session)
    screen = app.primaryScreen()
    window.setGeometry(screen.availableGeometry())  # Xvfb has no window manager to maximise
    window.show()
    window.show_manager()
    holder: dict[str, SettingsDialog] = {}

    def settings() -> SettingsDialog:
        return holder["dialog"]

    def open_dialog() -> None:
        holder["dialog"] = open_settings(session, window)

    def refusal() -> None:
        settings().boxes["pos_id"].setText("POS 01")  # type: ignore[attr-defined]
        settings().save()

    def printer_tab() -> None:
        d = settings()
        d.reject()
        holder["dialog"] = open_settings(session, window)
        holder["dialog"].tabs.setCurrentIndex(4)

    def test_page() -> None:
        settings().printer.findChild(QPushButton, "printerTest").click()

    def audit() -> None:
        settings().reject()
        manager = window._manager
        assert manager is not None
        manager.tabs.setCurrentIndex(2)
        manager.load_audit()

    steps: list[Callable[[], object]] = [open_dialog]
    if width >= 1366:
        steps += [
            lambda: shoot("settings-screen.png"),
            lambda: settings().tabs.setCurrentIndex(2),
            lambda: shoot("settings-screen-receipt.png"),
            lambda: settings().tabs.setCurrentIndex(3),
            lambda: shoot("settings-screen-selling.png"),
            lambda: settings().tabs.setCurrentIndex(0),
            refusal,
            lambda: shoot("settings-refusal.png"),
            printer_tab,
            test_page,
            lambda: shoot("printer-setup.png"),
            audit,
            lambda: shoot("settings-audit.png"),
            test_pages,
        ]
    else:
        steps += [
            lambda: shoot(f"settings-screen-{width}.png"),
            lambda: settings().tabs.setCurrentIndex(4),
            lambda: shoot(f"printer-setup-{width}.png"),
        ]
    steps.append(app.quit)
    queue = iter(steps)

    def step() -> None:
        dialog = holder.get("dialog")
        if dialog is not None and dialog.printer.worker is not None:
            QTimer.singleShot(100, step)  # a look or a test page still running
            return
        next(queue)()
        QTimer.singleShot(700, step)

    QTimer.singleShot(1200, step)
    app.exec()


if __name__ == "__main__":
    main(Path(sys.argv[1]), int(sys.argv[2]) if len(sys.argv) > 2 else 1366)
