"""The manager's screen: sales figures for a date range, as charts, tables and files.

The report runs on a worker thread (a year of sales takes a while on a shop
PC) and the last result stays on screen until the next Run finishes, so
changing a date never silently changes what the figures mean. Refusals, such
as a cashier asking for figures, show in Thai above the summary. Status texts
sit under every row of buttons, so a long one never moves a button.
"""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QFileDialog,
    QFrame,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from otop_pos.domain.shifts.day_figures import Breakdown, Figures
from otop_pos.domain.thai.thaidate import bangkok_date, utc_now
from otop_pos.operations import approvals
from otop_pos.operations.approvals import AuditEntry
from otop_pos.operations.reports import exports as report_export
from otop_pos.operations.session import Session
from otop_pos.ui.manager.report_charts import ReportCharts, ReportTables
from otop_pos.ui.texts.i18n import language, tr
from otop_pos.ui.widgets import tables
from otop_pos.ui.widgets.forms import refusal_text
from otop_pos.ui.widgets.tables import be_text, cells, refit
from otop_pos.ui.widgets.thai_date_edit import ThaiDateEdit
from otop_pos.ui.widgets.worker import ReportWorker

SUMMARY = ("sales", "gross", "discounts", "voids", "refunds", "net", "vat")
QUICK = (("today", "reportToday"), ("week", "reportWeek"), ("month", "reportMonth"),
         ("year", "reportYear"))  # fmt: skip
EXPORTS = {"csv": "CSV (*.csv)", "xlsx": "Excel (*.xlsx)"}
STYLE = """
QFrame#summaryStrip QFrame { background: #f6f8fa; border: 1px solid #d0d7de; border-radius: 6px; }
QFrame#summaryStrip QLabel { border: none; background: transparent; }
QLabel[role="value"] { font-size: 20px; font-weight: bold; color: #0b3d91; }
QLabel#summaryNet { color: #1a7f37; }
QPushButton#reportRun { background: #1f6feb; color: white; font-weight: bold; }
QPushButton#reportRun:disabled { background: #9aa5b1; }
QLabel#reportMessage[level="error"] { background: #ffe1e1; color: #a40e26; padding: 4px; }
"""


def quick_range(kind: str, today: date) -> tuple[date, date]:
    """Today, this week (from Monday), this month or this year, up to today."""
    starts = {"today": today, "week": today - timedelta(days=today.weekday()),
              "month": today.replace(day=1), "year": today.replace(month=1, day=1)}  # fmt: skip
    return starts[kind], today


def _button(text: str, name: str) -> QPushButton:
    b = QPushButton(text)
    b.setObjectName(name)
    b.setAccessibleName(text)
    b.setAutoDefault(False)
    return b


class ManagerScreen(QWidget):
    back_requested = Signal()
    back_office_requested = Signal()
    sync_requested = Signal()  # the provincial server's dialog (the main window opens it)
    settings_requested = Signal()  # the settings screen (the main window opens it)
    backup_requested = Signal()  # the backup and restore dialog (the main window opens it)
    staff_requested = Signal()  # the staff screen (the main window shows it)
    report_finished = Signal()  # after the screen shows a new result (tests wait on it)

    def __init__(self, session: Session, today: date | None = None) -> None:
        super().__init__()
        self.setObjectName("managerScreen")
        self.setStyleSheet(STYLE)
        self.session = session
        self.today = today or bangkok_date(utc_now())
        self.worker: ReportWorker | None = None
        self._last_worker: ReportWorker | None = None  # kept until the next run
        self._asked: tuple[date, date] | None = None
        self.result: tuple[Figures, tuple[Breakdown, ...]] | None = None
        self.shown_range: tuple[date, date] | None = None
        self.audit: list[AuditEntry] = []
        self.audit_range: tuple[date, date] | None = None
        self._build()
        self.set_range(self.today, self.today)
        context = Qt.ShortcutContext.WidgetWithChildrenShortcut
        QShortcut(QKeySequence("F5"), self, self.run, context=context)
        QShortcut(QKeySequence("Escape"), self, self.back_requested.emit, context=context)

    # layout ----------------------------------------------------------------
    def _build(self) -> None:
        back = _button(tr("mgr_back"), "managerBack")
        back.clicked.connect(self.back_requested.emit)
        title = QLabel(tr("mgr_title"))
        title.setStyleSheet("font-size: 20px; font-weight: bold;")
        self.day_close_bar = QHBoxLayout()  # X/Z buttons and the books notice (add_day_close_bar)
        top = QHBoxLayout()
        top.addWidget(back)
        top.addWidget(title)
        top.addStretch(1)
        top.addWidget(office := _button(tr("bo_open"), "openBackOffice"))
        office.clicked.connect(self.back_office_requested.emit)
        top.addWidget(staff := _button(tr("sf_open"), "openStaff"))
        staff.clicked.connect(self.staff_requested.emit)
        top.addWidget(sync := _button(tr("sy_open"), "openSync"))
        sync.clicked.connect(self.sync_requested.emit)
        top.addWidget(settings := _button(tr("st_open"), "openSettings"))
        settings.clicked.connect(self.settings_requested.emit)
        top.addWidget(backups := _button(tr("bk_open"), "openBackups"))
        backups.clicked.connect(self.backup_requested.emit)
        top.addWidget(export := _button(tr("export_report"), "exportReport"))
        export.clicked.connect(lambda: self.ask_export("report"))  # CSV or Excel, by file type

        self.date_from = ThaiDateEdit("reportFrom", tr("report_from"))
        self.date_to = ThaiDateEdit("reportTo", tr("report_to"))
        dates = QHBoxLayout()
        for caption, box in ((tr("report_from"), self.date_from), (tr("report_to"), self.date_to)):
            dates.addWidget(QLabel(caption))
            dates.addWidget(box)
        for kind, name in QUICK:
            b = _button(tr(f"report_{kind}"), name)
            b.clicked.connect(lambda _=False, k=kind: self.set_range(*quick_range(k, self.today)))
            dates.addWidget(b)
        self.run_button = _button(tr("report_run"), "reportRun")
        self.run_button.clicked.connect(self.run)
        self.progress = QProgressBar()
        self.progress.setObjectName("reportProgress")
        self.progress.setAccessibleName(tr("report_progress"))
        self.progress.setRange(0, 1)
        self.progress.setValue(0)
        self.stop_button = _button(tr("report_stop"), "reportCancel")
        self.stop_button.setEnabled(False)
        self.stop_button.clicked.connect(self.cancel)
        dates.addWidget(self.run_button)
        dates.addWidget(self.progress, 1)
        dates.addWidget(self.stop_button)

        self.message = QLabel(tr("report_none_yet"))
        self.message.setObjectName("reportMessage")
        self.message.setAccessibleName(tr("report_message"))
        self.message.setWordWrap(True)
        self.range_label = QLabel("")
        self.range_label.setObjectName("reportRange")
        self.range_label.setAccessibleName(tr("mgr_title"))
        info = QHBoxLayout()
        info.addWidget(self.message, 1)
        info.addWidget(self.range_label, 0, Qt.AlignmentFlag.AlignTop)

        self.tabs = QTabWidget()
        self.tabs.setObjectName("reportTabs")
        self.charts = ReportCharts()
        self.tabs.addTab(self.charts, tr("tab_overview"))
        self.tables = ReportTables()
        self.tabs.addTab(self.tables, tr("tab_tables"))
        self.tabs.addTab(self._audit_page(), tr("tab_audit"))
        self.tabs.currentChanged.connect(lambda _i: self._audit_if_shown())

        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addLayout(dates)
        layout.addLayout(self.day_close_bar)  # under every other row of buttons: its text wraps
        layout.addLayout(info)
        layout.addWidget(self._summary_strip())
        layout.addWidget(self.tabs, 1)

    def add_day_close_bar(self, bar: QWidget) -> None:
        """The X/Z buttons' bar in its row; its buttons keep to the top of the row, so a books
        notice wrapping onto more lines beside them never moves them."""
        self.day_close_bar.addWidget(bar)
        row = bar.layout()
        if row is not None:
            for button in bar.findChildren(QPushButton):
                row.setAlignment(button, Qt.AlignmentFlag.AlignTop)

    def _summary_strip(self) -> QFrame:
        strip = QFrame()
        strip.setObjectName("summaryStrip")
        row = QHBoxLayout(strip)
        row.setContentsMargins(0, 0, 0, 0)
        self.summary: dict[str, QLabel] = {}
        for key in SUMMARY:
            card = QFrame()
            box = QVBoxLayout(card)
            box.setContentsMargins(10, 4, 10, 4)
            box.setSpacing(0)
            value = QLabel("–")
            value.setObjectName(f"summary{key.capitalize()}")
            value.setAccessibleName(tr(f"sum_{key}"))
            value.setProperty("role", "value")
            value.setAlignment(Qt.AlignmentFlag.AlignRight)
            box.addWidget(QLabel(tr(f"sum_{key}")))
            box.addWidget(value)
            row.addWidget(card, 1)
            self.summary[key] = value
        return strip

    def _audit_page(self) -> QWidget:
        page = QWidget()
        self.audit_label = QLabel("")
        self.audit_label.setObjectName("auditRange")
        self.audit_label.setAccessibleName(tr("tab_audit"))
        row = QHBoxLayout()
        row.addWidget(self.audit_label, 1)
        for kind in EXPORTS:
            b = _button(tr(f"export_{kind}"), f"exportAudit{kind.capitalize()}")
            b.clicked.connect(lambda _=False, k=kind: self.ask_export(f"audit_{k}"))
            row.addWidget(b)
        keys = ("audit_when", "audit_action", "audit_asked", "audit_approved", "audit_detail")
        headers = [tr(k) for k in keys]
        self.audit_table, self.audit_model = tables.report_table("auditTable", headers, 4)
        self.audit_table.setAccessibleName(tr("tab_audit"))
        layout = QVBoxLayout(page)
        layout.addLayout(row)
        layout.addWidget(self.audit_table, 1)
        return page

    # state -----------------------------------------------------------------
    def set_range(self, start: date, end: date) -> None:
        self.date_from.set_day(start)
        self.date_to.set_day(end)

    def field_range(self) -> tuple[date, date]:
        return self.date_from.day(), self.date_to.day()

    def is_running(self) -> bool:
        return self.worker is not None

    def _say(self, text: str, error: bool = False) -> None:
        level = "error" if error else "info"
        if self.message.property("level") != level:
            self.message.setProperty("level", level)
            self.message.style().unpolish(self.message)
            self.message.style().polish(self.message)
        self.message.setText(text)

    def _running(self, running: bool) -> None:
        self.run_button.setEnabled(not running)
        self.stop_button.setEnabled(running)

    # actions ---------------------------------------------------------------
    def run(self) -> None:
        """Start the report for the dates in the boxes; the old figures stay until it ends."""
        if self.worker is not None:
            return
        start, end = self.field_range()
        worker = ReportWorker.sales(self.session, start, end, language())
        worker.progress.connect(self._progress)
        worker.finished.connect(self._finished)
        worker.failed.connect(self._failed)
        worker.cancelled.connect(self._cancelled)
        self.worker, self._asked = worker, (start, end)
        self.progress.setRange(0, 0)  # busy until the first month is read
        self._running(True)
        self._say(tr("report_running"))
        worker.start()

    def cancel(self) -> None:
        if self.worker is not None:
            self.worker.cancel()

    def _progress(self, done: int, total: int) -> None:
        self.progress.setRange(0, total)
        self.progress.setValue(done)

    def _ended(self) -> None:
        self._last_worker, self.worker = self.worker, None
        self._running(False)
        if self.progress.maximum() == 0:
            self.progress.setRange(0, 1)

    def _failed(self, text: str, error: bool = True) -> None:
        self._ended()
        self.progress.setValue(0)
        self._say(text, error)

    def _cancelled(self) -> None:
        self._failed(tr("report_cancelled"), error=False)

    def _finished(self, result: tuple[Figures, tuple[Breakdown, ...]]) -> None:
        self._ended()
        assert self._asked is not None
        s, e = self._asked
        self.progress.setValue(self.progress.maximum())
        self.result, self.shown_range = result, (s, e)
        figures, days = result
        self._fill_summary(figures)
        self.tables.show_report(figures, days)
        self.charts.show_report(figures, days, s, e)
        span = {"day": be_text(s)} if s == e else {"start": be_text(s), "end": be_text(e)}
        self.range_label.setText(tr("report_shown_day" if s == e else "report_shown", **span))
        self._say("")
        self._audit_if_shown()
        self.report_finished.emit()

    def _fill_summary(self, f: Figures) -> None:
        amounts = {"gross": f.gross, "discounts": f.discounts, "voids": f.voids,
                   "refunds": f.refunds, "net": f.net, "vat": f.vat}  # fmt: skip
        self.summary["sales"].setText(f"{f.sales_count:,}")
        for key, amount in amounts.items():
            self.summary[key].setText(amount.format())
        self.summary["voids"].setToolTip(tr("sum_count_tip", count=f.voids_count))
        self.summary["refunds"].setToolTip(tr("sum_count_tip", count=f.refunds_count))
        self.summary["vat"].setToolTip(tr("sum_vat_tip", base=f.vat_base.format(),
                                          exempt=f.exempt.format()))  # fmt: skip

    def _audit_if_shown(self) -> None:
        if self.tabs.currentIndex() == 2:
            self.load_audit()

    def load_audit(self) -> None:
        """The approvals log for the range on screen (or in the boxes before any run)."""
        start, end = self.shown_range or self.field_range()
        try:
            entries = approvals.audit_entries(self.session, start, end)
        except Exception as exc:
            self._say(refusal_text(exc), error=True)
            return
        self.audit, self.audit_range = entries, (start, end)
        self.audit_model.removeRows(0, self.audit_model.rowCount())
        for e in entries:
            self.audit_model.appendRow(
                cells([e.when, e.action, e.asked_by, e.approved_by, e.detail], 9)
            )
        refit(self.audit_table)
        span = {"start": be_text(start), "end": be_text(end), "count": len(entries)}
        self.audit_label.setText(tr("audit_range", **span))

    def ask_export(self, kind: str) -> None:
        """Ask where to save, then export (``export_to`` does the work); for ``"report"`` the
        file type chosen in the dialog says CSV or Excel (one button keeps the row at 1024 px)."""
        audit = kind.startswith("audit") and self.audit_range
        start, end = audit or self.shown_range or self.field_range()
        ext = "csv" if kind == "report" else kind.rsplit("_", 1)[-1]
        stem = "approvals" if kind.startswith("audit") else "sales"
        folder = Path(self.session.settings.documents_dir or Path.home())
        suggested = folder / f"{stem}-{start:%Y%m%d}-{end:%Y%m%d}.{ext}"
        filters = ";;".join(EXPORTS.values()) if kind == "report" else EXPORTS[ext]
        path, chosen = QFileDialog.getSaveFileName(
            self, tr("export_title"), str(suggested), filters
        )
        if not path:
            return
        if kind == "report":
            suffix = Path(path).suffix.lower()
            kind = (
                "xlsx"
                if suffix == ".xlsx" or (suffix != ".csv" and chosen == EXPORTS["xlsx"])
                else "csv"
            )
            if suffix not in (".csv", ".xlsx"):
                path = f"{path}.{kind}"
        self.export_to(Path(path), kind)

    def export_to(self, path: Path, kind: str) -> Path | None:
        """Write 'csv', 'xlsx', 'audit_csv' or 'audit_xlsx' to ``path``; None if refused."""
        audit = kind in ("audit_csv", "audit_xlsx")
        if audit and self.audit_range is None:
            self.load_audit()  # a refusal shows in the message
        if not audit and self.result is None:
            self._say(tr("report_run_first"), error=True)
        if (self.audit_range if audit else self.result) is None:
            return None
        lang, r = language(), report_export
        try:
            if audit:
                write = r.export_audit_xlsx if kind == "audit_xlsx" else r.export_audit_csv
                saved = write(self.audit, path, lang)
            else:
                export = r.export_xlsx if kind == "xlsx" else r.export_csv
                saved = export(*self.result, path, lang, self.shown_range)  # type: ignore[misc]
        except Exception as exc:
            self._say(tr("export_failed", why=refusal_text(exc)), error=True)
            return None
        self._say(tr("export_saved", path=str(saved)))
        return saved

    def closeEvent(self, event: object) -> None:
        """A report still running is stopped before the window goes."""
        if self.worker is not None:
            self.worker.blockSignals(True)  # this screen may be gone when it ends
            self.worker.cancel()
            self.worker.wait()
        super().closeEvent(event)  # type: ignore[arg-type]
