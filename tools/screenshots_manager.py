"""Screenshots of the manager's report screen for docs/ (run under Xvfb).

    xvfb-run -a -s "-screen 0 1280x800x24" .venv/bin/python tools/screenshots_manager.py var/mgr.sqlite

A missing database is made into the demo centre and given a few hundred
sales over three weeks (opening hours, lunch rush, busier weekends, cash,
PromptPay, card, transfer and co-payment, two cashiers), all rung up through
the operations with explicit times, so the charts have a realistic shape and
every run draws the same pictures. Then the manager logs in, runs the report
and the whole X screen is captured with ImageMagick's `import`, as a person
would see it.
"""

from __future__ import annotations

import math
import random
import subprocess
import sys
from contextlib import suppress
from dataclasses import replace
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QPushButton

from otop_pos.db.store import open_store
from otop_pos.demo.seed import demo_dir, ensure_demo_centre
from otop_pos.domain.money import Money
from otop_pos.domain.selling.cart import Cart
from otop_pos.domain.selling.tenders import Tender, TenderKind, copay_split
from otop_pos.domain.staff.permissions import Permission, Role
from otop_pos.files.product_file import read_product_file
from otop_pos.operations import approvals, auth
from otop_pos.operations.errors import OperationError
from otop_pos.operations.selling import cart as selling
from otop_pos.operations.selling import checkout
from otop_pos.operations.session import Session
from otop_pos.operations.shifts import drawer
from otop_pos.operations.startup import open_session
from otop_pos.printing.engine.qtcompat import protect_none
from otop_pos.ui.manager.manager_screen import ManagerScreen
from otop_pos.ui.texts.i18n import set_language
from otop_pos.ui.theme import apply_theme

OUT = Path("docs")
FIRST_DAY = date(2026, 11, 1)
TODAY = date(2026, 11, 21)  # the pictures show 1-21 November 2026 (B.E. 2569)
CASHIER_PIN, SECOND_CASHIER_PIN, MANAGER_ID, MANAGER_PIN = "1111", "2222", 2, "9999"
TENDERS = (("cash", 55), ("promptpay", 28), ("card", 8), ("transfer", 5), ("copay", 4))
HOUR_WEIGHTS = {8: 2, 9: 5, 10: 8, 11: 11, 12: 9, 13: 10, 14: 9, 15: 8, 16: 7, 17: 4}
DRAWER_REASONS = ("แลกเหรียญให้ลูกค้า", "ทอนเงินผิด แก้ไขเงินทอน", "เก็บธนบัตรใบใหญ่เข้าตู้เซฟ")
CATEGORY_WEIGHTS = {"food": 6, "drink": 4, "herbal": 3, "household": 2, "textile": 2}


def _tender(kind: str, total: Money, session: Session, rng: random.Random) -> list[Tender]:
    if kind == "cash":
        return [Tender(TenderKind.CASH, Money.baht(math.ceil(total.satang / 10000) * 100))]
    if kind == "promptpay":
        return [Tender(TenderKind.PROMPTPAY, total, reference=f"PP{rng.randint(10**8, 10**9)}")]
    if kind == "card":
        return [Tender(TenderKind.CARD, total, approval_code=f"A{rng.randint(10000, 99999)}",
                       card_last4=f"{rng.randint(0, 9999):04d}")]  # fmt: skip
    if kind == "transfer":
        return [Tender(TenderKind.TRANSFER, total, reference=f"KB{rng.randint(10**8, 10**9)}")]
    split = copay_split(total, session.settings.copay_cap)
    return [Tender(TenderKind.COPAY, total, reference=f"G{rng.randint(10**8, 10**9)}",
                   scheme="คนละครึ่ง", customer_share=split.customer,
                   government_share=split.government)]  # fmt: skip


def _open_drawer(session: Session, reason: str, when: datetime) -> None:
    approval = approvals.approve(session, MANAGER_PIN, Permission.OPEN_DRAWER, when)
    with suppress(OperationError):  # logged, but there is no drawer here to kick
        drawer.open_drawer(session, reason, approval, when)


def ring_up_sales(session: Session, seed: int = 2569) -> int:
    """Three weeks of plausible sales, oldest first, through the selling operations."""
    rng = random.Random(seed)
    # Shifts are not the point of these pictures: sell without one, in this run only.
    session.settings = replace(session.settings, require_shift=False)
    rows = [r for r in read_product_file(demo_dir() / "products.csv") if r.active]
    weights = [CATEGORY_WEIGHTS.get(r.category, 1) for r in rows]
    auth.login(session, MANAGER_ID, MANAGER_PIN)
    auth.create_user(session, "วันดี ขยันขาย", Role.CASHIER, SECOND_CASHIER_PIN, allow_trivial=True)
    cashiers = [auth.login(session, 1, CASHIER_PIN), auth.login(session, 3, SECOND_CASHIER_PIN)]
    hours, hour_w = list(HOUR_WEIGHTS), list(HOUR_WEIGHTS.values())
    count = 0
    day = FIRST_DAY
    while day <= TODAY:
        busy = 22 if day.weekday() >= 5 else 13
        bangkok_hours = rng.choices(hours, hour_w, k=rng.randint(busy - 4, busy + 4))
        times = sorted(
            datetime(day.year, day.month, day.day, h - 7, rng.randint(0, 59), tzinfo=UTC)
            for h in bangkok_hours
        )
        for when in times:
            session.user = cashiers[0 if when.hour + 7 < 13 else 1]  # morning and afternoon shift
            cart = Cart()
            for row in rng.choices(rows, weights, k=rng.choice((1, 1, 2, 2, 3, 4))):
                selling.scan(session, cart, f"{rng.choice((1, 1, 1, 2, 3))}*{row.sku}")
            kind = rng.choices([k for k, _ in TENDERS], [w for _, w in TENDERS])[0]
            checkout.complete_sale(session, cart, _tender(kind, cart.total, session, rng), when)
            count += 1
            if rng.random() < 0.03:  # now and then the drawer opens without a sale
                _open_drawer(session, rng.choice(DRAWER_REASONS), when + timedelta(minutes=2))
        day += timedelta(days=1)
    auth.logout(session)
    return count


def prepare(db: Path) -> None:
    if db.exists():
        return
    store = open_store(db)
    try:
        ensure_demo_centre(store)
        print("sales rung up:", ring_up_sales(Session.open(store)))
    finally:
        store.close()


def shoot(name: str) -> None:
    QApplication.processEvents()
    subprocess.run(["import", "-window", "root", str(OUT / name)], check=True)
    print("saved", OUT / name)


def main(db: Path, lang: str = "th") -> None:
    protect_none()
    prepare(db)
    app = QApplication(sys.argv)
    session = open_session(db, lang=lang)
    set_language(session.settings.lang)
    apply_theme(app)
    auth.login(session, MANAGER_ID, MANAGER_PIN)
    screen = ManagerScreen(session, today=TODAY)
    screen.setWindowTitle("OTOP POS")
    screen.resize(1280, 800)
    screen.move(0, 0)
    screen.show()
    suffix = "" if lang == "th" else "-en"
    steps = iter(
        [
            lambda: screen.findChild(QPushButton, "reportMonth").click(),
            lambda: screen.findChild(QPushButton, "reportRun").click(),
            lambda: shoot(f"manager-screen{suffix}.png"),
            lambda: screen.tabs.setCurrentIndex(1),
            lambda: shoot(f"manager-screen-tables{suffix}.png"),
            lambda: screen.tabs.setCurrentIndex(2),
            lambda: shoot(f"manager-screen-audit{suffix}.png"),
            lambda: (
                screen.tabs.setCurrentIndex(0),
                screen.findChild(QPushButton, "reportToday").click(),
            ),
            lambda: screen.findChild(QPushButton, "reportRun").click(),
            lambda: shoot(f"manager-screen-day{suffix}.png"),
            app.quit,
        ]
    )

    def step() -> None:
        if screen.is_running():  # wait for the report before the next step
            QTimer.singleShot(100, step)
            return
        next(steps)()
        QTimer.singleShot(400, step)

    QTimer.singleShot(800, step)
    app.exec()


if __name__ == "__main__":
    main(Path(sys.argv[1]), sys.argv[2] if len(sys.argv) > 2 else "th")
