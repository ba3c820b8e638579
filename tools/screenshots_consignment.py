"""Screenshots of the settlement and producer screens for docs/ (no X server needed).

    .venv/bin/python tools/screenshots_consignment.py var/consignment.sqlite

A missing database is made into the demo centre and given seven weeks of
business through the operations, with explicit times: deliveries on
1 October, sales every day from 1 October to 20 November 2026, a refund,
October settled on 1 November, payouts in cash, by transfer and PromptPay.
SSK07 (consigned and owned goods) gets a PromptPay ID and the PIN 2468.
Each screen is then drawn with the bundled font by Qt's offscreen platform
and saved with ``QWidget.grab``, so every run draws the same pictures.
"""

from __future__ import annotations

import os
import random
import sys
from dataclasses import replace
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtWidgets import QApplication, QLineEdit, QPushButton, QTableView, QWidget

from otop_pos.db.catalogue import producers as producers_db
from otop_pos.db.projections import record
from otop_pos.db.store import open_store
from otop_pos.demo.seed import ensure_demo_centre
from otop_pos.domain.money import Money
from otop_pos.domain.selling.cart import Cart
from otop_pos.domain.staff.pins import hash_pin
from otop_pos.domain.thai.thaidate import to_iso
from otop_pos.operations import auth
from otop_pos.operations.consignment import intake, payouts, producer_view, statements
from otop_pos.operations.errors import OperationError
from otop_pos.operations.selling import cart as selling
from otop_pos.operations.selling import checkout, refunds
from otop_pos.operations.session import Session
from otop_pos.operations.startup import open_session
from otop_pos.printing.engine.qtcompat import protect_none
from otop_pos.ui.back_office.payout_dialog import PayoutDialog
from otop_pos.ui.back_office.settlement_tab import SettlementTab
from otop_pos.ui.kiosk.producer_login import ProducerLogin
from otop_pos.ui.kiosk.producer_view import ProducerView
from otop_pos.ui.texts.i18n import set_language
from otop_pos.ui.theme import apply_theme

OUT = Path("docs")
FIRST_DAY, LAST_DAY = date(2026, 9, 1), date(2026, 11, 20)
SEPTEMBER, OCTOBER = (FIRST_DAY, date(2026, 9, 30)), (date(2026, 10, 1), date(2026, 10, 31))
TODAY = date(2026, 11, 21)
NOW = datetime(2026, 11, 21, 3, tzinfo=UTC)  # 10:00 in Bangkok
MANAGER_ID, MANAGER_PIN = 2, "9999"
FEATURED, FEATURED_PIN, PROMPTPAY_ID = "SSK07", "2468", "0812345678"


def at(day: date, hour: int, minute: int = 0) -> datetime:
    """A Bangkok wall-clock time as UTC."""
    return datetime(day.year, day.month, day.day, hour, minute, tzinfo=UTC) - timedelta(hours=7)


def _products(session: Session) -> dict[str, list[intake.IntakeProduct]]:
    by_producer: dict[str, list[intake.IntakeProduct]] = {}
    for p in statements.producer_rows(session):
        with_stock = intake.products_of(session, str(p["code"]))
        if with_stock:
            by_producer[str(p["code"])] = with_stock
    return by_producer


def _deliveries(session: Session, products: dict[str, list[intake.IntakeProduct]]) -> None:
    for code, rows in products.items():
        lines = [
            intake.IntakeLine(p.product_id, 24, unit_cost=Money(p.price.satang * 6 // 10))
            if p.ownership == "owned"
            else intake.IntakeLine(p.product_id, 24)
            for p in rows
        ]
        intake.receive_goods(session, code, lines, f"DN-{code}", now=at(FIRST_DAY, 8, 30))


def _sales(
    session: Session, products: dict[str, list[intake.IntakeProduct]]
) -> list[tuple[str, date]]:
    rng = random.Random(2569)
    popular = [p for rows in products.values() for p in rows]
    weights = [6 if p.price.satang < 30000 else 1 for p in popular]
    receipts: list[tuple[str, date]] = []
    day = FIRST_DAY
    while day <= LAST_DAY:
        for _ in range(rng.randint(6, 14)):
            cart = Cart()
            for p in rng.choices(popular, weights, k=rng.choice((1, 1, 2, 3))):
                try:
                    selling.scan(session, cart, p.sku)
                except OperationError:  # sold out
                    continue
            if cart.lines:
                when = at(day, rng.randint(9, 17), rng.randint(0, 59))
                sale = checkout.complete_cash_sale(session, cart, cart.total, when)
                receipts.append((sale.receipt_no, day))
        day += timedelta(days=1)
    return receipts


def _settle_and_pay(session: Session, period: tuple[date, date], day: date) -> None:
    """Settle the month on ``day``; pay about half the producers in the days after."""
    done = statements.settle(session, *period, now=at(day, 9))
    print("settled", period[0], len(done.settled), "payable", done.payable)
    for i, st in enumerate(sorted(done.settled, key=lambda s: s.producer_code)):
        if st.producer_code == FEATURED:
            payouts.pay(session, st.producer_code, Money(st.payable.satang // 2), "transfer",
                           f"KTB{day:%m%d}", now=at(day + timedelta(days=4), 11))  # fmt: skip
        elif i % 2 == 0 and st.payable.satang > 0:
            owed = payouts.owed(session.store, _producer_id(session, st.producer_code))
            payouts.pay(session, st.producer_code, owed, "cash",
                           now=at(day + timedelta(days=2), 10))  # fmt: skip


def _producer_id(session: Session, code: str) -> int:
    row = producers_db.by_code(session.store, code)
    assert row is not None
    return int(row["id"])


def prepare(db: Path) -> None:
    if db.exists():
        return
    store = open_store(db)
    try:
        ensure_demo_centre(store)
        session = Session.open(store)
        session.settings = replace(session.settings, require_shift=False)
        auth.login(session, MANAGER_ID, MANAGER_PIN)
        row = producers_db.by_code(store, FEATURED)
        assert row is not None
        with store.transaction():
            record.record(store, session.terminal_id, "producer_upsert",
                               to_iso(at(FIRST_DAY, 8)), MANAGER_ID,
                               {"producers": [dict(row) | {"promptpay_id": PROMPTPAY_ID,
                                "bank_name": "ธ.ก.ส.", "bank_account": "020-1-23456-7"}]})  # fmt: skip
        producers_db.set_pin(store, int(row["id"]), hash_pin(FEATURED_PIN))
        products = _products(session)
        _deliveries(session, products)
        receipts = _sales(session, products)
        early_october = next(no for no, day in receipts if day >= date(2026, 10, 5))
        refunds.refund(session, early_october, [refunds.ReturnItem(1, 1)], "ลูกค้าเปลี่ยนใจ",
                       now=at(date(2026, 10, 12), 14))  # fmt: skip
        _settle_and_pay(session, SEPTEMBER, date(2026, 10, 1))
        _settle_and_pay(session, OCTOBER, date(2026, 11, 1))
        auth.logout(session)
    finally:
        store.close()


def save(widget: QWidget, name: str) -> None:
    QApplication.processEvents()
    widget.grab().save(str(OUT / name))
    print("saved", OUT / name)


def show(widget: QWidget, width: int = 1280, height: int = 800) -> QWidget:
    widget.resize(width, height)
    widget.show()
    QApplication.processEvents()
    return widget


def main(db: Path, lang: str = "th") -> None:
    protect_none()
    prepare(db)
    app = QApplication(sys.argv)
    session = open_session(db, lang=lang)
    set_language(session.settings.lang)
    apply_theme(app)
    session.settings = replace(session.settings, printer_uri="preview")
    auth.login(session, MANAGER_ID, MANAGER_PIN)
    suffix = "" if lang == "th" else "-en"

    tab = SettlementTab(session, today=TODAY)
    show(tab)
    tab.findChild(QPushButton, "settleLastMonth").click()
    tab.show_figures()
    tab.select(FEATURED)
    tab.findChild(QTableView, "settleTable").scrollTo(tab.table.currentIndex())
    save(tab, f"settlement-tab{suffix}.png")

    owed = payouts.owed(session.store, _producer_id(session, FEATURED))
    dialog = PayoutDialog(session, FEATURED, owed, tab)
    show(dialog, 900, 560)
    dialog.findChild(QPushButton, "payoutMethodPromptpay").click()
    save(dialog, f"payout-dialog{suffix}.png")
    dialog.reject()

    auth.logout(session)
    login = ProducerLogin(session)
    show(login)
    login.findChild(QLineEdit, "producerCode").setText(FEATURED)
    login.findChild(QLineEdit, "producerPin").setText("1111")
    login.submit()  # a wrong PIN, to show the message
    login.findChild(QLineEdit, "producerPin").setText("24")
    save(login, f"producer-login{suffix}.png")

    access = producer_view.producer_login(session.store, FEATURED, FEATURED_PIN, NOW)
    view = ProducerView(session, access, now=NOW)
    show(view)
    save(view, f"producer-view{suffix}.png")
    view.tabs.setCurrentIndex(1)
    save(view, f"producer-view-sales{suffix}.png")
    view.tabs.setCurrentIndex(2)
    view.past.selectRow(0)
    save(view, f"producer-view-statements{suffix}.png")
    view.close_view()
    for widget in (view, login, tab):
        widget.close()
        widget.deleteLater()
    app.processEvents()


if __name__ == "__main__":
    main(Path(sys.argv[1]), sys.argv[2] if len(sys.argv) > 2 else "th")
