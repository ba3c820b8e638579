"""The manager's report screen on a real database: Run, figures, tables, charts, files."""

from __future__ import annotations

import csv
import itertools
import threading
import time
from datetime import UTC, date, datetime
from pathlib import Path

import openpyxl
import pytest
from helpers import CASHIER_PIN, MANAGER_PIN, make_centre
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QDateEdit, QLabel, QProgressBar, QPushButton, QTableView, QWidget
from pytestqt.qtbot import QtBot

from otop_pos.db.projections import record
from otop_pos.db.store import Store
from otop_pos.domain.money import Money
from otop_pos.domain.selling.cart import Cart
from otop_pos.domain.selling.tenders import Tender, TenderKind
from otop_pos.domain.thai.thaidate import to_iso
from otop_pos.operations import auth
from otop_pos.operations.reports import sales_report as report_module  # read when a report runs
from otop_pos.operations.selling import cart as selling
from otop_pos.operations.selling import checkout
from otop_pos.operations.session import Session
from otop_pos.ui.manager.manager_screen import ManagerScreen

pytestmark = pytest.mark.gui
DAY = date(2026, 3, 10)


def _utc(day: int, hour: int, minute: int = 0) -> datetime:
    """A Bangkok wall-clock time in March 2026, as UTC (Bangkok is UTC+7)."""
    return datetime(2026, 3, day, hour - 7, minute, tzinfo=UTC)


def _sell(session: Session, codes: list[str], when: datetime, promptpay: bool = False) -> Money:
    cart = Cart()
    for code in codes:
        selling.scan(session, cart, code)
    total = cart.total
    if promptpay:
        checkout.complete_sale(session, cart, [Tender(TenderKind.PROMPTPAY, total)], when)
    else:
        checkout.complete_cash_sale(session, cart, Money.baht(5000), when)
    return total


def _centre_with_sales(store: Store) -> tuple[Session, Money, Money]:
    """Four sales on 10 March (09, 10, 10 and 14 o'clock) and one on 9 March."""
    session = make_centre(store)
    auth.login(session, 2, CASHIER_PIN)
    today = _sell(session, ["8850000000014"], _utc(10, 9, 15))
    today += _sell(session, ["2*8850000000021"], _utc(10, 10, 5))
    today += _sell(session, ["8850000000038"], _utc(10, 10, 40), promptpay=True)
    today += _sell(session, ["8850000000014", "8850000000021"], _utc(10, 14, 30))
    yesterday = _sell(session, ["8850000000021"], _utc(9, 11))
    return session, today, yesterday


def _screen(qtbot: QtBot, session: Session) -> ManagerScreen:
    screen = ManagerScreen(session, today=DAY)
    qtbot.addWidget(screen)
    screen.resize(1280, 800)
    screen.show()
    qtbot.waitExposed(screen)
    return screen


def _run(qtbot: QtBot, screen: ManagerScreen) -> None:
    with qtbot.waitSignal(screen.report_finished, timeout=10_000):
        screen.findChild(QPushButton, "reportRun").click()


def _rows(screen: ManagerScreen, name: str) -> list[list[str]]:
    model = screen.findChild(QTableView, name).model()
    return [
        [model.index(r, c).data() for c in range(model.columnCount())]
        for r in range(model.rowCount())
    ]


def _text(screen: QWidget, name: str) -> str:
    return screen.findChild(QLabel, name).text()


def test_run_shows_the_days_figures_in_summary_tables_and_charts(
    qtbot: QtBot, store: Store
) -> None:
    session, today, yesterday = _centre_with_sales(store)
    auth.login(session, 1, MANAGER_PIN)
    screen = _screen(qtbot, session)
    assert _text(screen, "summaryNet") == "–"
    _run(qtbot, screen)

    assert _text(screen, "summaryNet") == today.format() == "3,342.00"
    assert _text(screen, "summarySales") == "4"
    assert _text(screen, "summaryGross") == today.format()
    vat = screen.findChild(QLabel, "summaryVat").text()
    assert Money.parse(vat).satang > 0
    tip = screen.findChild(QLabel, "summaryVat").toolTip()
    assert tip.endswith("สินค้าที่ได้รับยกเว้นภาษีมูลค่าเพิ่ม 0.00 บาท")
    assert f"ต้องเสียภาษี {(today - Money.parse(vat)).format()} บาท" in tip
    progress = screen.findChild(QProgressBar, "reportProgress")
    assert progress.maximum() > 0 and progress.value() == progress.maximum()
    assert _text(screen, "reportRange") == "ยอดขายวันที่ 10/03/2569"

    assert _rows(screen, "table_tenders") == [
        ["เงินสด", "3", "3,256.50", "97.4%"],
        ["พร้อมเพย์", "1", "85.50", "2.6%"],
    ]
    assert [r[0] for r in _rows(screen, "table_hours")] == ["09:00", "10:00", "14:00"]
    assert [r[2] for r in _rows(screen, "table_hours")] == ["1,500.00", "256.50", "1,585.50"]
    assert _rows(screen, "table_days") == [["10/03/2569", "4", "3,342.00", "100.0%"]]
    assert [r[0] for r in _rows(screen, "table_producers")] == [
        "กลุ่มทอผ้าไหมบ้านหนองบัว",
        "วิสาหกิจชุมชนชาใบหม่อน",
    ]
    assert [r[0] for r in _rows(screen, "table_cashiers")] == ["สมศรี"]
    assert len(_rows(screen, "table_categories")) == 2

    charts = screen.charts
    time_chart = screen.findChild(QWidget, "chart_time")
    assert time_chart is charts.time_chart
    bars = time_chart.chart().series()[0].barSets()[0]
    assert [bars.at(i) for i in range(bars.count())] == [1500, 257, 0, 0, 0, 1586]
    assert charts.time_chart.labels() == ["09:00", "10:00", "11:00", "12:00", "13:00", "14:00"]
    assert charts.producers_chart.values() == [3000, 342]
    assert sum(charts.categories_chart.values()) == pytest.approx(3342.0)
    assert charts.tenders_chart.values() == [3257, 86]  # whole baht
    assert charts.cashiers_chart.labels() == ["สมศรี"]
    font = time_chart.chart().axes()[0].labelsFont()
    assert font.family() == screen.font().family()

    # Picking another range changes nothing until Run; then the days chart takes over.
    screen.findChild(QPushButton, "reportWeek").click()
    assert screen.field_range() == (date(2026, 3, 9), DAY)  # from Monday
    screen.findChild(QPushButton, "reportMonth").click()
    assert screen.field_range() == (date(2026, 3, 1), DAY)
    assert screen.findChild(QDateEdit, "reportFrom").text() == "01/03/2569"  # Buddhist era
    assert _text(screen, "summaryNet") == today.format()
    _run(qtbot, screen)
    assert _text(screen, "summaryNet") == (today + yesterday).format()
    assert [r[0] for r in _rows(screen, "table_days")] == ["09/03/2569", "10/03/2569"]
    assert charts.time_chart.labels() == [str(d) for d in range(1, 11)]
    assert "01/03/2569 - 10/03/2569" in time_chart.chart().title()
    assert charts.time_chart.values()[8:] == [86, 3342]


def test_a_cashier_gets_the_permission_message_not_figures(qtbot: QtBot, store: Store) -> None:
    session, _today, _yesterday = _centre_with_sales(store)  # the cashier is logged in
    screen = _screen(qtbot, session)
    screen.findChild(QPushButton, "reportRun").click()
    qtbot.waitUntil(lambda: "ไม่มีสิทธิ์" in _text(screen, "reportMessage"), timeout=10_000)
    assert "ดูรายงานยอดขาย" in _text(screen, "reportMessage")
    assert _text(screen, "summaryNet") == "–"
    assert screen.findChild(QTableView, "table_tenders").model().rowCount() == 0
    assert screen.findChild(QPushButton, "reportRun").isEnabled()


def test_end_before_start_is_refused_in_thai(qtbot: QtBot, manager: Session) -> None:
    screen = _screen(qtbot, manager)
    screen.set_range(DAY, date(2026, 3, 1))
    screen.findChild(QPushButton, "reportRun").click()
    qtbot.waitUntil(lambda: "วันที่สิ้นสุด" in _text(screen, "reportMessage"), timeout=10_000)
    assert screen.result is None


def test_the_window_keeps_working_while_a_long_report_runs(
    qtbot: QtBot, manager: Session, monkeypatch: pytest.MonkeyPatch
) -> None:
    gui_thread = threading.get_ident()
    worker_threads: set[int] = set()
    real = report_module.sales_report

    def slow(session, start, end, progress=None, cancelled=lambda: False):  # type: ignore[no-untyped-def]
        def each_month(done: int, total: int) -> None:
            worker_threads.add(threading.get_ident())
            time.sleep(0.06)  # a month of a busy centre on a slow PC
            assert progress is not None
            progress(done, total)

        return real(session, start, end, each_month, cancelled)

    monkeypatch.setattr(report_module, "sales_report", slow)
    screen = _screen(qtbot, manager)
    screen.findChild(QPushButton, "reportYear").click()
    assert screen.field_range() == (date(2026, 1, 1), DAY)
    screen.set_range(date(2025, 1, 1), DAY)  # 15 months
    ticks: list[float] = []
    timer = QTimer()
    timer.timeout.connect(lambda: ticks.append(time.monotonic()))
    timer.start(10)
    seen: list[tuple[int, int]] = []
    progress = screen.findChild(QProgressBar, "reportProgress")
    progress.valueChanged.connect(lambda v: seen.append((v, progress.maximum())))
    _run(qtbot, screen)
    timer.stop()

    assert worker_threads and gui_thread not in worker_threads
    assert len(ticks) >= 20  # the GUI thread kept running timers for the ~0.9 s of work
    assert max(b - a for a, b in itertools.pairwise(ticks)) < 0.5
    assert (1, 15) in seen and (15, 15) in seen
    assert progress.value() == progress.maximum() == 15
    months = screen.charts.time_chart.labels()  # 15 months: one bar a month
    assert (months[0], months[-1], len(months)) == ("ม.ค. 68", "มี.ค. 69", 15)


def test_stop_keeps_the_last_result(
    qtbot: QtBot, manager: Session, monkeypatch: pytest.MonkeyPatch
) -> None:
    real = report_module.sales_report
    started = threading.Event()

    def slow(session, start, end, progress=None, cancelled=lambda: False):  # type: ignore[no-untyped-def]
        def each_month(_done: int, _total: int) -> None:
            started.set()
            time.sleep(0.05)

        return real(session, start, end, each_month, cancelled)

    screen = _screen(qtbot, manager)
    _run(qtbot, screen)
    before = screen.result
    monkeypatch.setattr(report_module, "sales_report", slow)
    screen.set_range(date(2024, 1, 1), DAY)
    screen.findChild(QPushButton, "reportRun").click()
    cancel = screen.findChild(QPushButton, "reportCancel")
    qtbot.waitUntil(cancel.isEnabled)
    qtbot.waitUntil(started.is_set)
    cancel.click()
    qtbot.waitUntil(lambda: not screen.is_running(), timeout=10_000)
    assert "หยุด" in _text(screen, "reportMessage")
    assert screen.result is before
    assert screen.findChild(QPushButton, "reportRun").isEnabled()


def test_exports_and_the_audit_log(
    qtbot: QtBot, store: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    session, today, _yesterday = _centre_with_sales(store)
    with store.transaction():
        record.record(store, "T01", "drawer_open", to_iso(_utc(10, 12)), 2,
                           {"approved_by": 1, "reason": "=ทอนเงินผิด"})  # fmt: skip
    auth.login(session, 1, MANAGER_PIN)
    screen = _screen(qtbot, session)
    assert screen.export_to(tmp_path / "early.csv", "csv") is None  # nothing run yet
    assert "แสดงรายงานก่อน" in _text(screen, "reportMessage")
    _run(qtbot, screen)

    saved = screen.export_to(tmp_path / "day.xlsx", "xlsx")
    assert saved is not None and "day.xlsx" in _text(screen, "reportMessage")
    summary = dict(openpyxl.load_workbook(saved)["สรุป"].iter_rows(min_row=2, values_only=True))
    assert summary["ยอดขายสุทธิ (บาท)"] == pytest.approx(today.satang / 100)

    asked: list[str] = []

    def save_as(_parent: object, _title: str, suggested: str, _filter: str) -> tuple[str, str]:
        asked.append(suggested)
        return str(tmp_path / "day.csv"), _filter

    monkeypatch.setattr("otop_pos.ui.manager.manager_screen.QFileDialog.getSaveFileName", save_as)
    screen.findChild(QPushButton, "exportReport").click()
    assert asked[0].endswith("sales-20260310-20260310.csv")
    with open(tmp_path / "day.csv", encoding="utf-8-sig") as f:
        assert next(csv.reader(f)) == ["สรุป"]

    screen.tabs.setCurrentIndex(2)
    rows = _rows(screen, "auditTable")
    assert len(rows) == 1
    assert rows[0][1:4] == ["เปิดลิ้นชักโดยไม่มีการขาย", "สมศรี", "ประเสริฐ"]
    assert "1 รายการ" in _text(screen, "auditRange")
    audit_csv = screen.export_to(tmp_path / "audit.csv", "audit_csv")
    assert audit_csv is not None
    lines = list(csv.reader(audit_csv.open(encoding="utf-8-sig")))
    assert lines[2][4] == "reason==ทอนเงินผิด"
