"""X and Z reports on a real database: figures that match the sales, and never twice."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from helpers import CASHIER_PIN, MANAGER_PIN, make_centre
from shift_helpers import SILK, TEA, card, cash, promptpay, sell

from otop_pos.db.projections import record
from otop_pos.db.store import Store
from otop_pos.domain.money import Money
from otop_pos.domain.shifts.cash_count import CashCount
from otop_pos.domain.thai.thaidate import to_iso, utc_now
from otop_pos.operations import auth
from otop_pos.operations.errors import OperationError
from otop_pos.operations.selling import refunds
from otop_pos.operations.session import Session
from otop_pos.operations.shifts import day_close, day_documents, shifts

B = Money.baht


def _total(rows: tuple) -> Money:  # type: ignore[type-arg]
    return Money(sum(r.amount.satang for r in rows))


def _day(manager: Session) -> list[str]:
    """Mixed tenders, a void and a refund; returns the receipts."""
    a = sell(manager, SILK, tenders=[cash(B(2000))])
    b = sell(manager, TEA, TEA, tenders=[card(B(100)), cash(B(100))])
    c = sell(manager, TEA, tenders=[promptpay(Money(8550))])
    d = sell(manager, SILK, TEA)
    refunds.void_sale(manager, c.receipt_no, "สแกนผิด")
    refunds.refund(manager, d.receipt_no, [refunds.ReturnItem(2, 1)], "คืน")
    return [a.receipt_no, b.receipt_no, c.receipt_no, d.receipt_no]


def test_z_figures_match_the_sales(manager: Session) -> None:
    receipts = _day(manager)
    z = day_close.close_day(manager)
    f = z.figures
    assert z.z_no == 1 and (f.first_receipt, f.last_receipt) == (receipts[0], receipts[-1])
    assert f.sales_count == 4
    assert f.gross == Money(150_000 + 17_100 + 8_550 + 158_550)
    assert (f.voids, f.voids_count) == (Money(8_550), 1)
    assert (f.refunds, f.refunds_count) == (Money(8_550), 1)
    assert f.net == Money(150_000 + 17_100 + 158_550 - 8_550)
    assert _total(f.tenders) == f.net + f.rounding
    assert {t.key: t.amount for t in f.tenders} == {
        "cash": Money(150_000 + 7_100 + 158_550 - 8_550),
        "card": B(100),
    }
    assert _total(f.categories) == f.net and _total(f.producers) == f.net
    assert [(c.key, c.count, c.amount) for c in f.categories] == [
        ("textile", 2, Money(300_000)),
        ("drink", 2, Money(17_100)),  # the refunded tea is out; the voided sale never counted
    ]
    assert [(p.key, p.amount) for p in f.producers] == [("P01", Money(300_000)), ("P02", B(171))]
    assert _total(f.cashiers) == f.net
    assert z.grand_total_before == Money(0) and z.grand_total_after == f.net


def test_a_sale_stays_with_the_producer_it_was_sold_for(manager: Session) -> None:
    """A product handed to another producer mid-day: earlier sales and their refunds
    stay with the first producer, as in a consignment statement."""
    store = manager.store
    first = sell(manager, SILK)
    sell(manager, SILK)
    silk = dict(store.one("SELECT * FROM products WHERE sku = 'SILK01'"))
    payload = {k: v for k, v in silk.items() if k not in ("id", "producer_id")}
    with store.transaction():
        moved = payload | {"producer_code": "P02", "barcodes": [SILK]}
        record.record(store, "T01", "product_upsert", to_iso(utc_now()), 1,
                           {"products": [moved]})  # fmt: skip
    refunds.refund(manager, first.receipt_no, [refunds.ReturnItem(1, 1)], "คืน")
    sell(manager, SILK)
    f = day_close.x_report(manager).figures
    assert [(p.key, p.count, p.amount) for p in f.producers] == [
        ("P01", 1, Money(150_000)),  # two sold for P01, one of them refunded after the move
        ("P02", 1, Money(150_000)),
    ]
    assert [(c.key, c.amount) for c in f.categories] == [("textile", Money(300_000))]


def test_vat_is_net_of_voids_and_refunds(manager: Session) -> None:
    _day(manager)
    f = day_close.x_report(manager).figures
    vats = manager.store.query("SELECT vat_satang FROM sales WHERE status = 'completed'")
    refund_vat = manager.store.scalar("SELECT sum(vat_satang) FROM refunds")
    assert f.vat == Money(sum(r[0] for r in vats) - refund_vat)


def test_x_changes_nothing_and_matches_the_z(manager: Session) -> None:
    _day(manager)
    before = manager.store.scalar("SELECT count(*) FROM journal")
    x = day_close.x_report(manager)
    assert manager.store.scalar("SELECT count(*) FROM journal") == before
    z = day_close.close_day(manager)
    assert x.figures == z.figures and x.z_no is None


def test_a_z_never_covers_the_same_entries_twice(manager: Session) -> None:
    _day(manager)
    first = day_close.close_day(manager)
    before = manager.store.scalar("SELECT count(*) FROM journal")
    with pytest.raises(OperationError, match="ปิดยอดซ้ำไม่ได้"):
        day_close.close_day(manager)
    assert manager.store.scalar("SELECT count(*) FROM journal") == before
    late = sell(manager, TEA)
    second = day_close.close_day(manager)
    assert second.z_no == 2 and second.figures.sales_count == 1
    assert second.figures.first_receipt == late.receipt_no == second.figures.last_receipt
    assert second.grand_total_before == first.grand_total_after
    assert second.grand_total_after == first.grand_total_after + Money(8_550)  # type: ignore[operator]


def test_no_z_while_a_shift_is_open(store: Store) -> None:
    session = make_centre(store, require_shift=True)
    auth.login(session, 1, MANAGER_PIN)
    shifts.open_shift(session, CashCount.of({100_000: 1}))
    sell(session, TEA)
    with pytest.raises(OperationError, match="ยังมีกะที่เปิดอยู่"):
        day_close.close_day(session)
    shifts.close_shift(
        session, CashCount.of({100_000: 1, 5_000: 1, 2_000: 1, 1_000: 1, 500: 1, 50: 1})
    )
    z = day_close.close_day(session)
    assert len(z.shifts) == 1 and z.shifts[0].difference == Money(0)
    assert z.shifts[0].expected_cash == Money(108_550)


def test_a_cashier_cannot_close_the_day(cashier: Session) -> None:
    sell(cashier, TEA)
    with pytest.raises(OperationError, match="ไม่มีสิทธิ์"):
        day_close.close_day(cashier)


def test_reprint_is_the_stored_z_marked_copy(manager: Session, tmp_path: Path) -> None:
    _day(manager)
    z = day_close.close_day(manager)
    sell(manager, SILK)  # later sales must not change the reprint
    again = day_close.stored_z(manager, 1)
    assert again.figures == z.figures and again.is_copy
    assert again.grand_total_after == z.grand_total_after
    original = day_documents.report_pdf(manager, z, tmp_path)
    copy = day_documents.report_pdf(manager, again, tmp_path)
    assert not original.is_copy and copy.is_copy and copy.path != original.path
    text = day_documents.report_data(manager, again)
    assert text.is_copy and text.z_no == 1


def test_rebuilding_the_projections_gives_the_same_z(manager: Session) -> None:
    _day(manager)
    day_close.close_day(manager)
    tables = ("z_reports", "refunds", "refund_lines", "sale_voids", "audit_log")
    before = {t: [tuple(r) for r in manager.store.query(f"SELECT * FROM {t}")] for t in tables}
    record.rebuild(manager.store)
    after = {t: [tuple(r) for r in manager.store.query(f"SELECT * FROM {t}")] for t in tables}
    assert after == before


def test_report_command_prints_json_and_refuses_a_second_z(store: Store, db_path: Path) -> None:
    session = make_centre(store)
    auth.login(session, 2, CASHIER_PIN)
    sell(session, SILK)
    store.close()

    def run(*args: str) -> subprocess.CompletedProcess[str]:
        cmd = [sys.executable, "-m", "otop_pos.cli.main", "report", *args, "--db", str(db_path)]
        return subprocess.run([*cmd, "--pin", MANAGER_PIN], capture_output=True, text=True)

    x = run("x", "--json")
    assert x.returncode == 0, x.stderr
    assert json.loads(x.stdout)["figures"]["net"] == 150_000
    z = run("z", "--json")
    assert z.returncode == 0 and json.loads(z.stdout)["z_no"] == 1
    again = run("z")
    assert again.returncode == 1 and "ปิดยอดซ้ำไม่ได้" in again.stderr
    text = run("day")
    assert text.returncode == 0 and "รายงานยอดขายประจำวัน" in text.stdout
    assert "1,500.00" in text.stdout
