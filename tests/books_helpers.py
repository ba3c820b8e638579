"""A day of mixed activity through the real operations, for the replay and book checks.

Every journal kind a manager can cause in a day happens here at least once,
so a test that replays the journal afterwards covers every projection.
"""

from __future__ import annotations

import contextlib
import sqlite3
from pathlib import Path
from typing import Any

from shift_helpers import card, cash, promptpay, sell

from otop_pos.db.catalogue import products as catalog
from otop_pos.domain.money import Money
from otop_pos.domain.selling.cart import Cart
from otop_pos.domain.shifts.cash_count import CashCount
from otop_pos.domain.thai.thaidate import bangkok_date, utc_now
from otop_pos.operations import centre_settings
from otop_pos.operations.catalogue import barcode_labels, products
from otop_pos.operations.consignment import intake, payouts, producer_returns, statements
from otop_pos.operations.errors import OperationError
from otop_pos.operations.selling import cart as selling
from otop_pos.operations.selling import refunds, tax_invoices
from otop_pos.operations.session import Session
from otop_pos.operations.shifts import day_close, drawer, shifts
from otop_pos.operations.stock import counts, write_offs

B = Money.baht
BUYER = tax_invoices.Buyer(
    "บริษัท ศรีสะเกษค้าส่ง จำกัด", "1 ถนนเทพา ศรีสะเกษ", "0994000158378", postcode="33000"
)


def consigned_product(session: Session, producer_code: str) -> dict[str, Any]:
    """One active consigned product of the producer, with a barcode."""
    payloads = catalog.product_payloads(session.store, list(catalog.sku_ids(session.store)))
    for p in sorted(payloads.values(), key=lambda p: p["sku"]):
        mine = p["producer_code"] == producer_code and p["ownership"] == "consigned"
        if mine and p["active"] and p["barcodes"]:
            return p
    raise LookupError(producer_code)


def product_id(session: Session, sku: str) -> int:
    return catalog.sku_ids(session.store)[sku]


def mixed_day(manager: Session, first: str, second: str) -> list[str]:
    """A manager's whole day on the till with producers `first` and `second`; the receipts."""
    a = consigned_product(manager, first)
    b = consigned_product(manager, second)
    code_a, code_b = a["barcodes"][0], b["barcodes"][0]
    shifts.open_shift(manager, CashCount.of({100_000: 2}))
    shifts.cash_move(manager, "in", B(500), "เงินทอนเพิ่ม")
    receipts = []
    receipts.append(sell(manager, code_a, code_b).receipt_no)
    total = Money(a["price_satang"] + 2 * b["price_satang"])
    receipts.append(sell(manager, code_a, code_b, code_b, tenders=[card(total)]).receipt_no)
    receipts.append(sell(manager, code_b, tenders=[promptpay(Money(b["price_satang"]))]).receipt_no)
    tax_invoices.issue(manager, receipts[1], BUYER)
    refunds.void_sale(manager, receipts[2], "สแกนผิด")
    refunds.refund(manager, receipts[0], [refunds.ReturnItem(1, 1)], "ลูกค้าเปลี่ยนใจ")
    refunds.refund(manager, receipts[1], [refunds.ReturnItem(2, 1, "damaged")], "ชำรุด")
    cart = Cart()
    selling.scan(manager, cart, code_a)
    selling.void_cart(manager, cart)
    products.save_product(manager, {"sku": b["sku"], "price": "99.75"})  # a price change
    products.save_product(manager, {"sku": a["sku"], "producer_code": second})  # moved
    receipts.append(sell(manager, code_a, tenders=[cash(B(5000))]).receipt_no)
    barcode_labels.assign_instore_barcode(manager, product_id(manager, a["sku"]))
    intake.receive_goods(manager, second, [intake.IntakeLine(product_id(manager, b["sku"]), 12)])
    producer_returns.return_to_producer(
        manager, second, [(product_id(manager, b["sku"]), 2)], "ใกล้หมดอายุ"
    )
    write_offs.adjust_stock(manager, "damaged", [(product_id(manager, b["sku"]), 1)], "ตกแตก")
    sheet = counts.start_count(manager, producer_code=second)
    for pid in list(sheet.lines)[:3]:
        counts.set_counted(sheet, pid, max(sheet.lines[pid].expected - 1, 0))
    counts.post_count(manager, sheet, "นับปลายวัน")
    with contextlib.suppress(OperationError):  # logged even when no printer kicks it
        drawer.open_drawer(manager, "แลกเหรียญ")
    centre_settings.update(manager, {"receipt_header": "เปิดทุกวัน 8:00-17:00"})
    today = bangkok_date(utc_now())
    statements.settle(manager, today, today, [first])
    owed = payouts.owed(manager.store, int(statements.require_producer(manager.store, first)["id"]))
    if owed.satang > 0:
        payouts.pay(manager, first, owed, "cash", from_drawer=True)
    state = shifts.state_of(manager, shifts.current(manager) or {})
    cash_expected = (state.expected or {}).get("cash", Money(0))
    shifts.close_shift(manager, _count(cash_expected), note="บัตรและพร้อมเพย์ตรวจกับสลิปแล้ว")
    day_close.close_day(manager)
    _staff_changes(manager)
    return receipts


def _staff_changes(manager: Session) -> None:
    """Every staff kind once: a user added, renamed, made manager and back, and so on."""
    from otop_pos.domain.staff.permissions import Permission, Role
    from otop_pos.operations import approvals
    from otop_pos.operations.errors import FieldError
    from otop_pos.operations.staff import pins, users

    clerk = users.add_user(manager, "มานี มีนา", Role.CASHIER, "5082")
    users.rename_user(manager, clerk, "มานี มีนาคม")
    users.set_role(manager, clerk, Role.MANAGER)
    users.set_role(manager, clerk, Role.CASHIER)
    users.set_active(manager, clerk, False)
    users.set_active(manager, clerk, True)
    pins.reset_pin(manager, clerk, "7391")
    pins.unlock_user(manager, clerk)
    with contextlib.suppress(FieldError):
        approvals.approve(manager, "0000", Permission.VOID_SALE)


def _count(amount: Money) -> CashCount:
    """A drawer count near `amount` in 1,000-baht notes and 1-satang-free coins."""
    baht = max(amount.satang // 100, 0)
    return CashCount.of({100_000: baht // 1000, 100: baht % 1000})


def raw_update(db: Path, sql: str, params: tuple[object, ...] = ()) -> int:
    """Edit the file the way someone with the file would: a bare connection, no checks."""
    conn = sqlite3.connect(db, isolation_level=None)
    try:
        conn.execute("PRAGMA foreign_keys = OFF")
        return conn.execute(sql, params).rowcount
    finally:
        conn.close()
