"""The producers' kiosk on a real database: PIN login, lockout, and only their own figures."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest
from helpers import MANAGER_PIN, PRODUCTS, make_centre
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractButton, QLabel, QLineEdit, QPushButton, QTableView, QWidget
from pytestqt.qtbot import QtBot
from shift_helpers import SILK, TEA, sell

from otop_pos.db.catalogue import producers as producers_db
from otop_pos.db.store import Store
from otop_pos.domain.money import Money
from otop_pos.domain.staff.pins import hash_pin
from otop_pos.domain.thai.thaidate import utc_now
from otop_pos.operations import auth
from otop_pos.operations.consignment import payouts, producer_view, statements
from otop_pos.operations.consignment.producer_view import ProducerAccess
from otop_pos.operations.session import Session
from otop_pos.ui.kiosk.producer_login import ProducerLogin
from otop_pos.ui.kiosk.producer_view import ProducerView

pytestmark = pytest.mark.gui
P02_TEXTS = ["วิสาหกิจชุมชนชาใบหม่อน", "P02"] + [
    t for p in PRODUCTS if p["producer_code"] == "P02" for t in (p["name_th"], p["sku"])
]


def at(day: date, hour: int = 10) -> datetime:
    return datetime(day.year, day.month, day.day, hour, tzinfo=UTC) - timedelta(hours=7)


@pytest.fixture
def session(store: Store) -> Session:
    """Both producers sold in October (settled, part paid) and in the last days (not settled)."""
    s = make_centre(store)
    auth.login(s, 1, MANAGER_PIN)
    sell(s, SILK, SILK, TEA, now=at(date(2026, 10, 3)))
    statements.settle(s, date(2026, 10, 1), date(2026, 10, 31), now=at(date(2026, 11, 1)))
    payouts.pay(s, "P01", Money.baht(1000), "cash", now=at(date(2026, 11, 2)))
    recent = utc_now() - timedelta(days=1)
    sell(s, SILK, TEA, TEA, now=recent)
    auth.logout(s)
    producers_db.set_pin(store, 1, hash_pin("2468"))
    producers_db.set_pin(store, 2, hash_pin("1357"))
    return s


def shown(qtbot: QtBot, widget: QWidget) -> QWidget:
    qtbot.addWidget(widget)
    widget.resize(1280, 800)
    widget.show()
    widget.activateWindow()
    qtbot.waitActive(widget)
    return widget


def type_on_keypad(login: QWidget, text: str) -> None:
    for ch in text:
        login.findChild(QPushButton, f"keypad_{ch}").click()


def all_texts(widget: QWidget) -> list[str]:
    """Every label, button and table cell the view shows."""
    found = [w.text() for w in widget.findChildren(QLabel)]
    found += [w.text() for w in widget.findChildren(QAbstractButton)]
    for view in widget.findChildren(QTableView):
        model = view.model()
        for r in range(model.rowCount()):
            found += [str(model.index(r, c).data()) for c in range(model.columnCount())]
    tabs = widget.findChild(QWidget, "producerTabs")
    found += [tabs.tabText(i) for i in range(tabs.count())]  # type: ignore[attr-defined]
    return found


def test_wrong_pin_five_times_locks_the_producer(
    qtbot: QtBot, session: Session, store: Store
) -> None:
    login = shown(qtbot, ProducerLogin(session))
    code = login.findChild(QLineEdit, "producerCode")
    pin = login.findChild(QLineEdit, "producerPin")
    assert pin.echoMode() == QLineEdit.EchoMode.Password
    qtbot.keyClicks(code, "P01")
    qtbot.keyClick(code, Qt.Key.Key_Return)
    qtbot.waitUntil(pin.hasFocus)
    message = login.findChild(QLabel, "producerLoginMessage")
    for left in (4, 3, 2, 1):
        type_on_keypad(login, "1111")
        qtbot.keyClick(pin, Qt.Key.Key_Return)
        assert message.text() == f"PIN ไม่ถูกต้อง (เหลืออีก {left} ครั้ง)"
        assert pin.text() == ""
    type_on_keypad(login, "1111")
    login.findChild(QPushButton, "producerLoginOk").click()
    assert "ถูกล็อก" in message.text()
    with qtbot.assertNotEmitted(login.opened):  # the right PIN is refused too while locked
        type_on_keypad(login, "2468")
        qtbot.keyClick(pin, Qt.Key.Key_Return)
    assert "ถูกล็อก" in message.text()


def test_back_cancels_and_clears(qtbot: QtBot, session: Session) -> None:
    login = shown(qtbot, ProducerLogin(session))
    login.findChild(QLineEdit, "producerCode").setText("P01")
    with qtbot.waitSignal(login.cancelled):
        login.findChild(QPushButton, "producerLoginBack").click()
    assert login.findChild(QLineEdit, "producerCode").text() == ""


def test_producer_logs_in_and_sees_only_their_own_figures(
    qtbot: QtBot, session: Session, store: Store
) -> None:
    login = shown(qtbot, ProducerLogin(session))
    login.findChild(QLineEdit, "producerCode").setFocus()
    login.findChild(QPushButton, "keypad_letters").click()
    type_on_keypad(login, "P")
    login.findChild(QPushButton, "keypad_digits").click()
    type_on_keypad(login, "01")
    login.findChild(QPushButton, "producerLoginOk").click()  # on to the PIN
    type_on_keypad(login, "2468")
    with qtbot.waitSignal(login.opened) as signal:
        login.findChild(QPushButton, "producerLoginOk").click()
    access = signal.args[0]
    assert isinstance(access, ProducerAccess) and access.code == "P01"

    view = shown(qtbot, ProducerView(session, access))
    overview = producer_view.overview(store, access)
    # October: 3,000.00 less 20 % = 2,400.00 settled, 1,000.00 paid; yesterday one silk 1,200.00
    assert overview.settled_owed == Money(140000) and overview.pending.payable == Money(120000)
    assert view.findChild(QLabel, "producerOwed").text() == "2,600.00 บาท"
    assert "1,400.00" in view.findChild(QLabel, "producerSettledOwed").text()
    assert "1,200.00" in view.findChild(QLabel, "producerPendingOwed").text()
    assert "1,000.00" in view.findChild(QLabel, "producerLastPayout").text()
    assert "กลุ่มทอผ้าไหมบ้านหนองบัว" in view.findChild(QLabel, "producerName").text()
    stock = view.findChild(QTableView, "producerStock").model()
    silk = [stock.index(r, 3).data() for r in range(stock.rowCount())
            if stock.index(r, 0).data() == "SILK01"]  # fmt: skip
    assert silk == ["47"]  # 50 opening, 3 sold
    sales = view.findChild(QTableView, "producerSales").model()
    assert sales.rowCount() == 1 and sales.index(0, 2).data() == "1,500.00"
    past = view.findChild(QTableView, "producerStatements").model()
    assert past.rowCount() == 1 and past.index(0, 2).data() == "2,400.00"

    texts = all_texts(view)
    for other in P02_TEXTS:
        assert not any(other in t for t in texts), other


def test_exit_and_idle_close_the_view(qtbot: QtBot, session: Session, store: Store) -> None:
    access = producer_view.producer_login(store, "P02", "1357")
    view = shown(qtbot, ProducerView(session, access))
    with qtbot.waitSignal(view.closed):
        view.findChild(QPushButton, "producerViewExit").click()
    view.idle.setInterval(200)
    view.idle.start()
    with qtbot.waitSignal(view.closed, timeout=3000):
        pass


def test_a_producer_prints_their_own_statement_without_staff(
    qtbot: QtBot, session: Session, store: Store
) -> None:
    access = producer_view.producer_login(store, "P01", "2468")
    assert session.user is None  # nobody from the staff is logged in at the kiosk
    view = shown(qtbot, ProducerView(session, access))
    message = view.findChild(QLabel, "producerViewMessage")
    view.findChild(QPushButton, "producerPrintStatement").click()
    assert message.text() == "กรุณาเลือกใบแจ้งยอดก่อน"
    view.findChild(QTableView, "producerStatements").selectRow(0)
    no = view.selected_no()
    assert no.startswith("POS")
    view.findChild(QPushButton, "producerPrintStatement").click()
    assert message.text().startswith("พิมพ์ใบแจ้งยอด "), message.text()
    logged = store.query("SELECT user_id, is_copy, ok FROM print_log WHERE doc_no = ?", (no,))
    assert [tuple(r) for r in logged] == [(None, 1, 1)]  # the producer's printout is a copy
    view.findChild(QPushButton, "producerPrintDraft").click()
    assert message.text() == "พิมพ์ยอดปัจจุบัน (ฉบับร่าง) แล้ว"


def test_printing_from_the_view(
    qtbot: QtBot, session: Session, store: Store, tmp_path: Path
) -> None:
    auth.login(session, 1, MANAGER_PIN)  # a manager opened the view for the producer
    view = shown(qtbot, ProducerView(session, producer_view.manager_picks(session, "P01")))
    message = view.findChild(QLabel, "producerViewMessage")
    view.findChild(QTableView, "producerStatements").selectRow(0)
    view.findChild(QPushButton, "producerPrintStatement").click()
    assert message.text().startswith("พิมพ์ใบแจ้งยอด ")
    view.findChild(QPushButton, "producerPrintDraft").click()
    assert message.text() == "พิมพ์ยอดปัจจุบัน (ฉบับร่าง) แล้ว"
    saved = view.save_pdf_to(tmp_path / "st.pdf")
    assert saved is not None and saved.exists()
