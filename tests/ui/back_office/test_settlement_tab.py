"""The settlement tab and the payout dialog on a real database: settle, refuse, pay."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest
from helpers import MANAGER_PIN, PRODUCERS, make_centre
from PySide6.QtWidgets import QLabel, QLineEdit, QPushButton, QTableView, QWidget
from pytestqt.qtbot import QtBot
from shift_helpers import SILK, TEA, sell

from otop_pos.db.projections import record
from otop_pos.db.store import Store
from otop_pos.domain.money import Money
from otop_pos.domain.thai.thaidate import to_iso
from otop_pos.operations import auth
from otop_pos.operations.consignment import payouts, statements
from otop_pos.operations.session import Session
from otop_pos.ui.back_office.payout_dialog import PayoutDialog
from otop_pos.ui.back_office.settlement_tab import SettlementTab

pytestmark = pytest.mark.gui
OCT1, OCT31 = date(2026, 10, 1), date(2026, 10, 31)
TODAY = date(2026, 11, 21)


def at(day: date, hour: int = 10) -> datetime:
    """A Bangkok wall-clock time on ``day`` (UTC+7)."""
    return datetime(day.year, day.month, day.day, hour, tzinfo=UTC) - timedelta(hours=7)


@pytest.fixture
def session(store: Store) -> Session:
    """October: P01 sells two silks (3,000.00), P02 three teas (256.50)."""
    s = make_centre(store)
    auth.login(s, 1, MANAGER_PIN)
    sell(s, SILK, SILK, now=at(date(2026, 10, 3)))
    sell(s, TEA, TEA, TEA, now=at(date(2026, 10, 20)))
    return s


def journal_count(store: Store) -> int:
    return int(store.scalar("SELECT count(*) FROM journal"))


def shown(qtbot: QtBot, widget: QWidget) -> QWidget:
    qtbot.addWidget(widget)
    widget.resize(1280, 760)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def rows(view: QTableView) -> list[list[str]]:
    model = view.model()
    return [
        [model.index(r, c).data() for c in range(model.columnCount())]
        for r in range(model.rowCount())
    ]


def text(widget: QWidget, name: str) -> str:
    found = widget.findChild(QLabel, name)
    assert found is not None, name
    return found.text()


def click(widget: QWidget, name: str) -> None:
    found = widget.findChild(QPushButton, name)
    assert found is not None, name
    found.click()


def tab_for_october(qtbot: QtBot, session: Session) -> SettlementTab:
    tab = shown(qtbot, SettlementTab(session, today=TODAY))
    click(tab, "settleLastMonth")
    assert tab.field_range() == (OCT1, OCT31)
    click(tab, "settleShow")
    return tab  # type: ignore[return-value]


def test_preview_then_settle_all_shows_the_figures_and_a_summary(
    qtbot: QtBot, session: Session, store: Store
) -> None:
    tab = tab_for_october(qtbot, session)
    table = rows(tab.findChild(QTableView, "settleTable"))
    p01 = next(r for r in table if r[0] == "P01")
    # code, name, in, sold, returned, earlier, on hand, net, commission, period, b/f, owed, no
    assert p01[3] == "2" and p01[7] == "3,000.00" and p01[8] == "600.00"
    assert p01[9] == "2,400.00" and p01[11] == "2,400.00" and p01[12] == "ยังไม่ปิดยอด"
    assert table[-1][1] == "รวม" and table[-1][9] == "2,618.02"  # 2,400.00 + 218.02 (P02 at 15%)
    tab.select("P01")
    detail = rows(tab.findChild(QTableView, "settleDetail"))
    assert detail[0][0].startswith("สินค้าฝากขาย")
    assert any(r[0] == "SILK01" and r[3] == "2" and r[11] == "3,000.00" for r in detail)
    assert "20% ของ 3,000.00 = 600.00" in text(tab, "settleDetailTitle")

    box = tab.ask_settle(selected=False)
    assert box is not None and "01/10/2569 - 31/10/2569" in box.text() and "2 ราย" in box.text()
    box.findChild(QPushButton, "settleConfirmYes").click()
    result = tab.last_result
    assert result is not None and len(result.settled) == 2
    summary = text(tab, "settleMessage")
    assert "ปิดยอดแล้ว 2 ราย" in summary and "ค่าคอมมิชชั่น 638.48" in summary
    assert "ยอดที่ต้องจ่าย 2,618.02" in summary
    assert tab.summary_box is not None and tab.summary_box.text() == summary
    numbers = [r[12] for r in rows(tab.findChild(QTableView, "settleTable"))[:-1]]
    assert all("-ST" in n for n in numbers), numbers  # the frozen statements, with their numbers


def test_settling_an_overlapping_period_is_refused_inline_and_writes_nothing(
    qtbot: QtBot, session: Session, store: Store
) -> None:
    tab = tab_for_october(qtbot, session)
    tab.select("P01")
    assert tab.settle(["P01"]) is not None
    before = journal_count(store)
    tab.set_range(date(2026, 10, 15), date(2026, 11, 10))
    tab.select("P01")
    assert tab.selected() is not None
    box = tab.ask_settle(selected=True)
    assert box is not None
    box.findChild(QPushButton, "settleConfirmYes").click()
    message = text(tab, "settleMessage")
    assert "ปิดยอดถึงวันที่ 31/10/2569 แล้ว" in message and "P01" in message
    assert "a40e26" in tab.findChild(QWidget, "settleFrom").styleSheet()  # the date is marked
    assert journal_count(store) == before


def test_an_end_date_after_today_is_refused_at_the_date(
    qtbot: QtBot, session: Session, store: Store
) -> None:
    tab = tab_for_october(qtbot, session)
    before = journal_count(store)
    tab.set_range(OCT1, date(2099, 1, 1))
    assert tab.settle(None) is None
    assert "ปิดยอดล่วงหน้าไม่ได้" in text(tab, "settleMessage")
    assert journal_count(store) == before


def test_print_and_save_the_selected_statement(
    qtbot: QtBot, session: Session, tmp_path: Path
) -> None:
    tab = tab_for_october(qtbot, session)
    tab.select("P01")
    click(tab, "settlePrint")  # a draft: October is not settled yet
    assert text(tab, "settleMessage") == "พิมพ์ใบแจ้งยอดของ P01 แล้ว"
    saved = tab.save_pdf_to(tmp_path / "p01.pdf")
    assert saved is not None and saved.exists() and saved.read_bytes().startswith(b"%PDF")
    assert str(saved) in text(tab, "settleMessage")


def test_open_producer_view_emits_the_selected_code(qtbot: QtBot, session: Session) -> None:
    tab = tab_for_october(qtbot, session)
    tab.select("P02")
    with qtbot.waitSignal(tab.producer_view_requested) as signal:
        click(tab, "settleOpenView")
    assert signal.args == ["P02"]


def settled_october(session: Session) -> Money:
    done = statements.settle(session, OCT1, OCT31, ["P01"], now=at(TODAY))
    return done.settled[0].payable


def test_pay_refuses_bad_text_and_too_much_then_records_the_right_amount(
    qtbot: QtBot, session: Session, store: Store
) -> None:
    owed = settled_october(session)
    assert owed == Money(240000)
    tab = tab_for_october(qtbot, session)
    tab.select("P01")
    dialog = tab.ask_pay()
    assert dialog is not None
    qtbot.waitExposed(dialog)
    amount = dialog.findChild(QLineEdit, "payoutAmount")
    assert amount.text() == "2400.00" and text(dialog, "payoutOwed") == "2,400.00"
    before = journal_count(store)

    amount.setText("สองพัน")
    click(dialog, "payoutOk")
    assert "ยอดจ่ายไม่ถูกต้อง" in text(dialog, "payoutAmountError")
    amount.setText("2500")
    click(dialog, "payoutOk")
    refusal = text(dialog, "payoutAmountError")
    assert "ยอดจ่าย 2,500.00 บาท มากกว่ายอดค้างจ่าย 2,400.00 บาท" in refusal
    assert dialog.payout is None and journal_count(store) == before

    amount.setText("1,000")
    click(dialog, "payoutMethodTransfer")
    dialog.findChild(QLineEdit, "payoutReference").setText("KB123456")
    with qtbot.waitSignal(dialog.paid):
        click(dialog, "payoutOk")
    assert dialog.payout is not None and dialog.payout.remaining == Money(140000)
    assert dialog.print_note == ""  # the slip went to the (preview) printer
    assert journal_count(store) == before + 1
    assert payouts.owed(store, 1) == Money(140000)
    message = text(tab, "settleMessage")
    assert "จ่ายเงิน P01 แล้ว 1,000.00 บาท" in message and "คงค้างจ่าย 1,400.00" in message


def test_promptpay_shows_a_qr_with_the_producers_id(
    qtbot: QtBot, session: Session, store: Store
) -> None:
    with store.transaction():
        record.record(store, "T01", "producer_upsert", to_iso(at(OCT1)), 1,
                           {"producers": [PRODUCERS[0] | {"promptpay_id": "0812345678"}]})  # fmt: skip
    settled_october(session)
    dialog = shown(qtbot, PayoutDialog(session, "P01", payouts.owed(store, 1)))
    assert not dialog.findChild(QWidget, "payoutQrPanel").isVisible()
    click(dialog, "payoutMethodPromptpay")
    assert dialog.findChild(QWidget, "payoutQrPanel").isVisible()
    qr = dialog.findChild(QWidget, "payoutQR")
    assert qr.matrix  # drawn
    payload = dialog.qr_payload()
    assert "0066812345678" in payload and "2400.00" in payload
    assert "0812345678" in text(dialog, "payoutQrCaption")
    dialog.findChild(QLineEdit, "payoutAmount").setText("100")
    assert "100.00" in dialog.qr_payload()


def test_promptpay_without_an_id_is_refused_at_the_method(
    qtbot: QtBot, session: Session, store: Store
) -> None:
    settled_october(session)
    before = journal_count(store)
    dialog = shown(qtbot, PayoutDialog(session, "P01", payouts.owed(store, 1)))
    click(dialog, "payoutMethodPromptpay")
    assert "พร้อมเพย์" in text(dialog, "payoutMethodError")
    click(dialog, "payoutOk")
    assert dialog.payout is None and journal_count(store) == before


def test_the_grid_shows_what_is_owed_now_after_a_payout_without_reopening(
    qtbot: QtBot, session: Session, store: Store
) -> None:
    settled_october(session)
    tab = tab_for_october(qtbot, session)
    view = tab.findChild(QTableView, "settleTable")

    def p01_owed_now() -> str:
        return next(r for r in rows(view) if r[0] == "P01")[13]

    assert p01_owed_now() == "2,400.00" and rows(view)[-1][13] == "2,400.00"
    tab.select("P01")
    dialog = tab.ask_pay()
    assert dialog is not None
    qtbot.waitExposed(dialog)
    dialog.findChild(QLineEdit, "payoutAmount").setText("1,000")
    click(dialog, "payoutMethodTransfer")
    dialog.findChild(QLineEdit, "payoutReference").setText("KB123456")
    with qtbot.waitSignal(dialog.paid):
        click(dialog, "payoutOk")
    assert p01_owed_now() == "1,400.00"  # the same tab, read again after the payout
    assert rows(view)[-1][13] == "1,400.00"
    assert tab.selected() is not None and tab.selected().producer_code == "P01"
    assert "จ่ายเงิน P01 แล้ว 1,000.00 บาท" in text(tab, "settleMessage")
