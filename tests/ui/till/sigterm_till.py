"""A till in its own process for the SIGTERM test: the window built as `run_app` builds it,
the cashier logged in, two goods scanned, then the event loop until a signal ends it.

Run as: python sigterm_till.py DB_PATH; prints "ready" once the cart is filled.
"""

from __future__ import annotations

import os
import sys

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", ".."))

from helpers import CASHIER_PIN, make_centre
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

from otop_pos.db.store import open_store
from otop_pos.operations import auth
from otop_pos.ui.app import build_window, install_sigterm


def main(db: str) -> int:
    app = QApplication(sys.argv)
    store = open_store(db)
    session = make_centre(store)
    window = build_window(session)
    install_sigterm(window)
    window.showMaximized()
    auth.login(session, 2, CASHIER_PIN)
    window.show_sale()
    for code in ("8850000000014", "2*8850000000021"):
        window.sale.barcode.setText(code)
        window.sale.scan_entered()
    assert len(window.sale.cart.lines) == 2
    QTimer.singleShot(0, lambda: print("ready", flush=True))
    code = int(app.exec())
    session.store.close()
    return code


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
