"""Completing sales with every tender, against a real SQLite file."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from helpers import MANAGER_PIN

from otop_pos.db import journal
from otop_pos.db.projections import record
from otop_pos.db.selling import sales as sales_db
from otop_pos.domain.money import Money
from otop_pos.domain.selling.cart import Cart
from otop_pos.domain.selling.tenders import Tender, TenderKind
from otop_pos.operations import auth
from otop_pos.operations.selling import cart as selling
from otop_pos.operations.selling import checkout
from otop_pos.operations.session import Session
from otop_pos.operations.shifts import tender_totals

B = Money.parse
NOON = datetime(2026, 11, 21, 5, 0, tzinfo=UTC)  # 12:00 in Bangkok


def _cart(session: Session, *codes: str) -> Cart:
    cart = Cart()
    for code in codes:
        selling.scan(session, cart, code)
    return cart


def _copay(customer: str, government: str) -> Tender:
    c, g = B(customer), B(government)
    return Tender(TenderKind.COPAY, c + g, "PT-778899", scheme="คนละครึ่งพลัส",
                  customer_share=c, government_share=g)  # fmt: skip


def test_promptpay_plus_cash_is_one_sale_with_two_payments(cashier: Session) -> None:
    cart = _cart(cashier, "8850000000014", "8850000000021")  # 1500 + 85.50
    tenders = [
        Tender(TenderKind.PROMPTPAY, B("1000"), reference="BBL123456"),
        Tender(TenderKind.CASH, B("600")),
    ]
    result = checkout.complete_sale(cashier, cart, tenders, NOON)
    assert result.change == B("14.50") and cart.is_empty
    sale = sales_db.get_by_receipt(cashier.store, result.receipt_no)
    assert sale is not None
    pays = [(p["tender"], p["amount_satang"], p["reference"], p["confirmed_by"])
            for p in sale["payments"]]  # fmt: skip
    assert pays == [("promptpay", 100000, "BBL123456", 2), ("cash", 58550, "", None)]
    assert (sale["tendered_satang"], sale["change_satang"]) == (60000, 1450)
    assert journal.verify(cashier.store).ok


def test_card_transfer_and_copay_details_are_kept(cashier: Session) -> None:
    cart = _cart(cashier, "8850000000014")  # 1500
    tenders = [
        Tender(TenderKind.CARD, B("500"), approval_code="a1b2c3", card_last4="4242"),
        Tender(TenderKind.TRANSFER, B("600"), reference="KTB-99"),
        _copay("200", "200"),
    ]
    result = checkout.complete_sale(cashier, cart, tenders, NOON)
    sale = sales_db.get_by_receipt(cashier.store, result.receipt_no)
    assert sale is not None
    card, transfer, copay = sale["payments"]
    assert (card["approval_code"], card["card_last4"]) == ("A1B2C3", "4242")
    assert transfer["reference"] == "KTB-99" and transfer["confirmed_by"] == 2
    assert (copay["scheme"], copay["customer_share_satang"], copay["government_share_satang"]) == (
        "คนละครึ่งพลัส",
        20000,
        20000,
    )
    assert copay["over_cap"] == 0 and result.tendered.rounding == Money(0)


def test_copay_over_the_daily_cap_is_flagged(cashier: Session) -> None:
    cart = _cart(cashier, "8850000000014")
    result = checkout.complete_sale(cashier, cart, [_copay("1200", "300")], NOON)
    sale = sales_db.get_by_receipt(cashier.store, result.receipt_no)
    assert sale is not None and sale["payments"][0]["over_cap"] == 1
    auth.login(cashier, 1, MANAGER_PIN)  # a report: the manager reads it
    totals = {t.tender: t for t in tender_totals.tender_totals(cashier, NOON.date())}
    assert totals["copay"].over_cap == 1 and totals["copay"].government_share == B("300")


@pytest.mark.parametrize(
    ("tenders", "field", "words"),
    [
        ([Tender(TenderKind.PROMPTPAY, B("1000"))], "amount", "ขาดอีก 500.00 บาท"),
        ([Tender(TenderKind.PROMPTPAY, B("1600"))], "amount", "มีเพียงเงินสดที่ทอนได้"),
        ([_copay("1000", "1000")], "amount", "ยอดชำระเกิน"),
        ([], "amount", "ยังไม่ได้รับชำระเงิน"),
    ],
)
def test_refused_tenders_commit_nothing(
    cashier: Session, tenders: list[Tender], field: str, words: str
) -> None:
    store = cashier.store
    cart = _cart(cashier, "8850000000014")
    head = journal.head(store, cashier.terminal_id)
    with pytest.raises(checkout.TenderRefused) as info:
        checkout.complete_sale(cashier, cart, tenders, NOON)
    assert words in info.value.thai and info.value.field == field
    assert journal.head(store, cashier.terminal_id) == head and sales_db.count(store) == 0
    assert not cart.is_empty


def test_cash_rounding_applies_to_the_cash_part_only(cashier: Session) -> None:
    from dataclasses import replace

    session = Session(cashier.store, replace(cashier.settings, cash_rounding="baht"),
                      cashier.user)  # fmt: skip
    cart = _cart(session, "8850000000021")  # 85.50
    result = checkout.complete_sale(
        session, cart, [Tender(TenderKind.PROMPTPAY, B("10.25")), Tender(TenderKind.CASH, B("80"))]
    )
    assert result.tendered.cash_due == B("75") and result.tendered.rounding == B("-0.25")
    sale = sales_db.get_by_receipt(session.store, result.receipt_no)
    assert sale is not None and sale["rounding_satang"] == -25
    assert sum(p["amount_satang"] for p in sale["payments"]) == 8525


def test_day_totals_per_tender_and_day_boundary(cashier: Session) -> None:
    late = datetime(2026, 11, 21, 16, 59, tzinfo=UTC)  # 23:59 Bangkok, same day
    next_day = datetime(2026, 11, 21, 17, 0, tzinfo=UTC)  # 00:00 Bangkok, next day
    checkout.complete_sale(cashier, _cart(cashier, "8850000000021"),
                           [Tender(TenderKind.CASH, B("100"))], NOON)  # fmt: skip
    checkout.complete_sale(cashier, _cart(cashier, "8850000000021"),
                           [Tender(TenderKind.PROMPTPAY, B("85.50"))], late)  # fmt: skip
    checkout.complete_sale(cashier, _cart(cashier, "8850000000021"),
                           [Tender(TenderKind.CASH, B("85.50"))], next_day)  # fmt: skip
    auth.login(cashier, 1, MANAGER_PIN)  # a report: the manager reads it
    totals = {
        t.tender: (t.count, t.amount) for t in tender_totals.tender_totals(cashier, NOON.date())
    }
    assert totals == {"cash": (1, B("85.50")), "promptpay": (1, B("85.50"))}
    nxt = tender_totals.tender_totals(cashier, next_day.date().replace(day=22))
    assert [(t.tender, t.amount) for t in nxt] == [("cash", B("85.50"))]


def test_rebuild_reproduces_every_payment_column(cashier: Session) -> None:
    cart = _cart(cashier, "8850000000014")
    tenders = [Tender(TenderKind.CARD, B("500"), approval_code="X9", card_last4="1111"),
               _copay("500", "200"), Tender(TenderKind.CASH, B("300"))]  # fmt: skip
    checkout.complete_sale(cashier, cart, tenders, NOON)
    before = cashier.store.query("SELECT * FROM payments ORDER BY sale_id, line_no")
    record.rebuild(cashier.store)
    after = cashier.store.query("SELECT * FROM payments ORDER BY sale_id, line_no")
    assert [tuple(r) for r in before] == [tuple(r) for r in after] and len(after) == 3


def test_cli_prints_the_day_per_tender(cashier: Session, capsys) -> None:  # type: ignore[no-untyped-def]
    from otop_pos.cli.main import main

    checkout.complete_sale(cashier, _cart(cashier, "8850000000014"),
                           [Tender(TenderKind.PROMPTPAY, B("1000")), _copay("300", "200")],
                           NOON)  # fmt: skip
    db = str(cashier.store.path)
    cashier.store.close()
    login = ["--user", "1", "--pin", MANAGER_PIN]
    assert main(["tenders", "--db", db, "--date", "2026-11-21", *login]) == 0
    out = capsys.readouterr().out
    assert "พร้อมเพย์" in out and "1,000.00" in out and "รัฐ 200.00" in out and "1,500.00" in out
