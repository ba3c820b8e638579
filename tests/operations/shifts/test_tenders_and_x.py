"""`otop-pos tenders` and the X report agree on each tender, and neither passes for the drawer."""

from __future__ import annotations

from pathlib import Path

from helpers import MANAGER_PIN
from shift_helpers import SILK, TEA, card, cash, sell

from otop_pos.cli.main import main
from otop_pos.domain.money import Money
from otop_pos.domain.shifts.cash_count import CashCount
from otop_pos.domain.thai.thaidate import bangkok_date, utc_now
from otop_pos.operations.selling import refunds
from otop_pos.operations.session import Session
from otop_pos.operations.shifts import day_close, day_documents, shifts
from otop_pos.operations.shifts.tender_totals import tender_totals
from otop_pos.printing.documents.day_report import build_day_report


def _day(manager: Session) -> None:
    """A float of 1,000, a cash sale of 1,585.50 paid 2,000 (change 414.50), a card sale, a cash refund
    of one tea and 100 paid out of the drawer."""
    shifts.open_shift(manager, CashCount.of({100_000: 1}))
    sell(manager, SILK, TEA, tenders=[cash(Money.baht(2000))])
    paid_by_card = sell(manager, TEA, tenders=[card(Money(8550))])
    assert paid_by_card.receipt_no
    teas = sell(manager, TEA, TEA)
    refunds.refund(manager, teas.receipt_no, [refunds.ReturnItem(1, 1)], "ลูกค้าเปลี่ยนใจ")
    shifts.cash_move(manager, "out", Money.baht(100), "ค่าส่งของ")


def test_tenders_net_is_the_x_reports_figure_per_tender(manager: Session) -> None:
    _day(manager)
    totals = {t.tender: t for t in tender_totals(manager, bangkok_date(utc_now()))}
    x = {b.key: b.amount for b in day_close.x_report(manager).figures.tenders}
    assert {k: t.net for k, t in totals.items()} == x
    cash_total = totals["cash"]
    assert cash_total.amount == Money(
        158550 + 17100
    )  # what the sales kept, not the 2,000 handed over
    assert cash_total.refunded == Money(8550)
    assert cash_total.net == Money(158550 + 17100 - 8550)
    state = shifts.current_state(manager)
    assert state is not None and state.expected is not None
    drawer = state.expected["cash"]  # float + net cash - cash out: a different number, named so
    assert drawer == Money(100000) + cash_total.net - Money(10000)


def test_the_command_and_the_x_report_label_what_their_cash_is(
    manager: Session, tmp_path: Path, capsys
) -> None:  # type: ignore[no-untyped-def]
    _day(manager)
    x_doc = build_day_report(day_documents.report_data(manager, day_close.x_report(manager)))
    x_text = x_doc.plain_text()
    assert "แยกตามประเภทการชำระเงิน (หักคืนเงินแล้ว)" in x_text
    assert "ไม่รวมเงินทอนตั้งต้น เงินนำเข้าและนำออก" in x_text
    assert "1,671.00" in x_text  # cash net: 1,585.50 + 171.00 - 85.50
    db = str(manager.store.path)
    manager.store.close()
    assert main(["tenders", "--db", db, "--user", "1", "--pin", MANAGER_PIN]) == 0
    out = capsys.readouterr().out
    cash_line = next(line for line in out.splitlines() if line.startswith("เงินสด "))
    assert cash_line.split()[-3:] == ["1,756.50", "-85.50", "1,671.00"]
    assert "สุทธิ = ยอดตามประเภทการชำระเงินในรายงาน X/Z" in out
    assert "ไม่ใช่เงินในลิ้นชัก" in out and "เงินทอนตั้งต้น" in out
