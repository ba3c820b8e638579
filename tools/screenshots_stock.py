"""Screenshots of the intake, stock and count tabs for docs/.

    QT_QPA_PLATFORM=offscreen .venv/bin/python tools/screenshots_stock.py

A fresh demo centre is made in a temporary folder and given a realistic
fortnight through the operations: deliveries with lots and expiry dates, a
few sales, a write-off and a return to a producer, minimum stock levels on
fast sellers. Each tab is then filled the way a person would (scans, typed
quantities and dates) and grabbed at 1280x800 with the bundled Thai font.
"""

from __future__ import annotations

import os
import sys
import tempfile
from dataclasses import replace
from datetime import timedelta
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtWidgets import QApplication, QWidget

from otop_pos.db.store import open_store
from otop_pos.demo.seed import ensure_demo_centre
from otop_pos.domain.money import Money
from otop_pos.domain.selling.cart import Cart
from otop_pos.domain.staff.permissions import Permission
from otop_pos.domain.stock.quantities import format_expiry
from otop_pos.domain.thai.thaidate import bangkok_date, utc_now
from otop_pos.operations import approvals, auth
from otop_pos.operations.catalogue import products
from otop_pos.operations.consignment import intake, producer_returns
from otop_pos.operations.selling import cart as selling
from otop_pos.operations.selling import checkout
from otop_pos.operations.session import Session
from otop_pos.operations.stock import on_hand as stock_reads
from otop_pos.operations.stock import write_offs
from otop_pos.ui.back_office.count_tab import CountTab
from otop_pos.ui.back_office.intake_tab import IntakeTab
from otop_pos.ui.back_office.stock_tab import StockTab
from otop_pos.ui.texts.i18n import set_language
from otop_pos.ui.theme import apply_theme

OUT = Path("docs")
CASHIER_ID, CASHIER_PIN, MANAGER_ID, MANAGER_PIN = 1, "1111", 2, "9999"


def _id(session: Session, sku: str) -> int:
    return next(r.product_id for r in stock_reads.stock_on_hand(session, text=sku) if r.sku == sku)


def _deliver(session: Session, code: str, lines: list[tuple[str, int, str, int | None]]) -> None:
    today = bangkok_date(utc_now())
    intake.receive_goods(session, code, [
        intake.IntakeLine(_id(session, sku), qty, lot,
                          None if days is None else today + timedelta(days=days))
        for sku, qty, lot, days in lines
    ], delivery_note=f"{code}-2569/{len(lines) * 37}")  # fmt: skip


def _sell(session: Session, codes: list[str]) -> None:
    cart = Cart()
    for code in codes:
        selling.scan(session, cart, code)
    checkout.complete_cash_sale(session, cart, Money.baht(5000))


def fill_centre(session: Session) -> None:
    """A fortnight's stock events, all through the operations."""
    session.settings = replace(session.settings, require_shift=False)
    auth.login(session, MANAGER_ID, MANAGER_PIN)
    _deliver(session, "SSK05", [("FD001", 48, "KL6911-01", 12), ("FD002", 24, "KL6911-01", 75),
                                ("FD003", 12, "DK-118", 5)])  # fmt: skip
    _deliver(session, "SSK07", [("FD010", 30, "G-2569-44", 25), ("FD011", 20, "G-2569-45", 200)])
    for sku, extra in (("FD001", 40), ("FD006", 5), ("TX003", 2), ("HB001", 8)):
        on_hand = next(r.on_hand for r in stock_reads.stock_on_hand(session, text=sku))
        products.save_product(session, {"sku": sku, "min_stock": str(on_hand + extra)})
    auth.login(session, CASHIER_ID, CASHIER_PIN)
    for codes in (["3*FD001", "FD002"], ["2*FD003", "FD010"], ["FD001", "4*FD006"], ["TX003"]):
        _sell(session, codes)
    approval = approvals.approve(session, MANAGER_PIN, Permission.ADJUST_STOCK)
    write_offs.adjust_stock(session, "damaged", [(_id(session, "FD003"), 1)],
                           "ถุงรั่ว พบตอนจัดชั้น", approval)  # fmt: skip
    auth.login(session, MANAGER_ID, MANAGER_PIN)
    producer_returns.return_to_producer(session, "SSK05", [(_id(session, "FD002"), 4)], "ขายไม่ออก")


def grab(widget: QWidget, name: str) -> None:
    widget.resize(1280, 800)
    widget.show()
    for _ in range(5):
        QApplication.processEvents()
    widget.grab().save(str(OUT / name))
    print("saved", OUT / name)


def intake_picture(session: Session) -> None:
    tab = IntakeTab(session)
    tab.set_producer("SSK06")
    tab.delivery_note.setText("ใบส่งของ 0457/2569")
    tab.note.setText("ส่งครบตามใบสั่ง")
    today = bangkok_date(utc_now())
    rows = (("FD006", "40", "HD-6911", 120, ""), ("FD007", "24", "HD-6911-J", 180, ""),
            ("FD008", "36", "NP-2569-12", 90, ""), ("FD030", "60", "", None, "32.50"))  # fmt: skip
    for row, (sku, qty, lot, days, cost) in enumerate(rows):
        tab.scan(sku)
        tab.set_cell(row, "qty", qty)
        tab.set_cell(row, "lot", lot)
        tab.set_cell(row, "expiry", "" if days is None else format_expiry(today + timedelta(days)))
        if cost:
            tab.set_cell(row, "cost", cost)
    tab.scan_box.setText("8859415000011")  # as a scanner types it; not SSK06's: refused
    tab.scan_entered()
    tab.opt_labels.setChecked(True)
    grab(tab, "intake-tab.png")


def stock_picture(session: Session) -> None:
    tab = StockTab(session)
    grab(tab, "stock-tab.png")  # lay out first, so the selection scrolls into view
    tab.select(_id(session, "FD001"))
    grab(tab, "stock-tab.png")


def count_picture(session: Session) -> None:
    tab = CountTab(session)
    tab.producer.setCurrentIndex(tab.producer.findData("SSK05"))
    tab.start()
    on_hand = {r.sku: r.on_hand for r in stock_reads.stock_on_hand(session, "SSK05")}
    for _ in range(on_hand["FD003"] - 1):  # one bag of durian paste is missing
        tab.scan("8859415000035")
    tab.set_count(_id(session, "FD001"), str(on_hand["FD001"]))
    tab.set_count(_id(session, "FD002"), str(on_hand["FD002"] + 2))
    tab.note.setText("นับชั้นทุเรียนหลังปิดร้าน")
    grab(tab, "count-tab.png")


def main() -> None:
    app = QApplication(sys.argv)
    set_language("th")
    apply_theme(app)
    with tempfile.TemporaryDirectory() as folder:
        store = open_store(Path(folder) / "centre.sqlite")
        try:
            ensure_demo_centre(store)
            session = Session.open(store)
            fill_centre(session)
            intake_picture(session)
            stock_picture(session)
            count_picture(session)
        finally:
            store.close()


if __name__ == "__main__":
    main()
