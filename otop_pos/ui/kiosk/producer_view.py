"""A producer's own figures at the kiosk: what the centre owes them, stock, sales.

The screen holds only a ProducerAccess (from the producer's PIN or a manager's
pick) and reads through the producer-view operations, which never take a
producer code: nothing of another producer can reach it. Ninety seconds
without a touch or a key closes it, so the next person sees the login.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime, timedelta
from pathlib import Path

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QKeySequence, QShortcut, QStandardItemModel
from PySide6.QtWidgets import (
    QApplication,
    QFileDialog,
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from otop_pos.domain.consignment.statement import CONSIGNED, OWNED, Statement
from otop_pos.domain.money import Money
from otop_pos.domain.staff.permissions import Permission, can
from otop_pos.domain.thai.thaidate import (
    BE_OFFSET,
    MONTHS_SHORT_TH,
    bangkok_date,
    format_numeric,
    from_iso,
    utc_now,
)
from otop_pos.operations.consignment import documents, payouts, producer_view, statement_screen
from otop_pos.operations.consignment.producer_view import Overview, ProducerAccess
from otop_pos.operations.session import Session
from otop_pos.ui.texts.i18n import language, tr
from otop_pos.ui.widgets.charts import BarChart, chart_font, whole_baht
from otop_pos.ui.widgets.forms import refusal_text, say
from otop_pos.ui.widgets.tables import SECTION, be_text, cells, refit, report_table, shaded

IDLE_MS = 90_000
TABLE_STYLE = "QTableView { font-size: 20px; } QHeaderView::section { font-size: 18px; }"
INPUT_EVENTS = (QEvent.Type.KeyPress, QEvent.Type.MouseButtonPress, QEvent.Type.TouchBegin,
                QEvent.Type.Wheel)  # fmt: skip
STYLE = """
QLabel#producerName { font-size: 34px; font-weight: bold; color: #0b3d91; }
QLabel#producerCodeLabel { font-size: 24px; color: #57606a; }
QFrame#producerOwedCard { background: #eaf5ec; border: 2px solid #1a7f37; border-radius: 10px; }
QFrame#producerOwedCard QLabel { font-size: 22px; background: transparent; border: none; }
QLabel#producerOwedCaption { font-size: 26px; font-weight: bold; }
QFrame#producerOwedCard QLabel#producerOwed { font-size: 52px; font-weight: bold; color: #1a7f37; }
QTabBar::tab { font-size: 22px; padding: 10px 24px; min-height: 40px; }
QPushButton { font-size: 20px; min-height: 56px; padding: 6px 18px; }
QPushButton#producerViewExit { min-width: 140px; font-weight: bold; }
"""


def _button(key: str, name: str, slot: object) -> QPushButton:
    b = QPushButton(tr(key))
    b.setObjectName(name)
    b.setAccessibleName(tr(key))
    b.setAutoDefault(False)
    b.clicked.connect(lambda _=False: slot())  # type: ignore[operator]
    return b


def kiosk_table(
    name: str, keys: tuple[str, ...], stretch: int
) -> tuple[QTableView, QStandardItemModel]:
    """A report table in the kiosk's big type."""
    view, model = report_table(name, [tr(k) for k in keys], stretch)
    view.setStyleSheet(TABLE_STYLE)
    view.verticalHeader().setDefaultSectionSize(38)  # room for Thai marks above and below
    return view, model


def day_text(day: date) -> str:
    """'20 พ.ย. 69', as Thai people write a recent day (ISO in English)."""
    if language() == "en":
        return day.isoformat()
    return f"{day.day} {MONTHS_SHORT_TH[day.month - 1]} {(day.year + BE_OFFSET) % 100:02d}"


def _label(name: str, text: str = "") -> QLabel:
    label = QLabel(text)
    label.setObjectName(name)
    label.setAccessibleName(name)
    label.setWordWrap(True)
    return label


class ProducerView(QWidget):
    closed = Signal()

    def __init__(self, session: Session, access: ProducerAccess, now: datetime | None = None):
        super().__init__()
        self.setObjectName("producerView")
        self.setStyleSheet(STYLE)
        self.session = session
        self.access = access
        self.now = now
        self.overview: Overview | None = None
        self.idle = QTimer(self)
        self.idle.setObjectName("producerIdle")
        self.idle.setSingleShot(True)
        self.idle.setInterval(IDLE_MS)
        self.idle.timeout.connect(self.close_view)
        self._build()
        self.refresh()
        context = Qt.ShortcutContext.WidgetWithChildrenShortcut
        QShortcut(QKeySequence("Escape"), self, self.close_view, context=context)

    # layout --------------------------------------------------------------------
    def _build(self) -> None:
        name = _label("producerName", self.access.name)
        code = _label("producerCodeLabel", tr("pv_code_is", code=self.access.code))
        head = QVBoxLayout()
        head.addWidget(name)
        head.addWidget(code)
        top = QHBoxLayout()
        top.addLayout(head, 1)
        top.addWidget(_button("pv_exit", "producerViewExit", self.close_view))
        card = QFrame()
        card.setObjectName("producerOwedCard")
        grid = QHBoxLayout(card)
        big = QVBoxLayout()
        big.addWidget(_label("producerOwedCaption", tr("pv_owed")))
        self.owed = _label("producerOwed")
        big.addWidget(self.owed)
        split = QVBoxLayout()
        self.settled_owed = _label("producerSettledOwed")
        self.pending_owed = _label("producerPendingOwed")
        self.last_payout = _label("producerLastPayout")
        for label in (self.settled_owed, self.pending_owed, self.last_payout):
            split.addWidget(label)
        grid.addLayout(big, 2)
        grid.addLayout(split, 3)
        self.tabs = QTabWidget()
        self.tabs.setObjectName("producerTabs")
        self.tabs.addTab(self._stock_page(), tr("pv_tab_stock"))
        self.tabs.addTab(self._sales_page(), tr("pv_tab_sales"))
        self.tabs.addTab(self._statements_page(), tr("pv_tab_statements"))
        self.message = _label("producerViewMessage")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 16, 24, 16)
        layout.addLayout(top)
        layout.addWidget(card)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(self.message)

    def _stock_page(self) -> QWidget:
        keys = ("pv_col_sku", "pv_col_product", "pv_col_price", "pv_col_on_hand")
        self.stock, self.stock_model = kiosk_table("producerStock", keys, 1)
        return self.stock

    def _sales_page(self) -> QWidget:
        keys = ("pv_col_day", "pv_col_qty", "pv_col_amount")
        self.sales, self.sales_model = kiosk_table("producerSales", keys, 0)
        self.chart = BarChart("producerSalesChart", tr("pv_chart"))
        page = QWidget()
        row = QHBoxLayout(page)
        row.setContentsMargins(0, 0, 0, 0)
        self.chart.labels_axis.setLabelsFont(chart_font(11))  # thirty day numbers side by side
        self.sales.setMinimumWidth(380)
        row.addWidget(self.sales)
        row.addWidget(self.chart, 1)
        return page

    def _statements_page(self) -> QWidget:
        keys = ("pv_col_no", "pv_col_period", "pv_col_payable", "pv_col_settled_at")
        self.past, self.past_model = kiosk_table("producerStatements", keys, 1)
        buttons = QHBoxLayout()
        buttons.addWidget(_button("pv_print", "producerPrintStatement", self.print_selected))
        buttons.addWidget(_button("pv_pdf", "producerSavePdf", self.ask_pdf))
        buttons.addStretch(1)
        buttons.addWidget(_button("pv_print_draft", "producerPrintDraft", self.print_draft))
        page = QWidget()
        box = QVBoxLayout(page)
        box.setContentsMargins(0, 0, 0, 0)
        box.addWidget(self.past, 1)
        box.addLayout(buttons)
        return page

    # figures -------------------------------------------------------------------
    def refresh(self) -> None:
        """Read this producer's figures again (only theirs: the access decides)."""
        try:
            ov = producer_view.overview(self.session.store, self.access, self.now)
        except Exception as exc:
            say(self.message, refusal_text(exc), error=True)
            return
        self.overview = ov
        self.owed.setText(tr("pv_baht", amount=ov.owed.format()))
        self.settled_owed.setText(tr("pv_settled_owed", amount=ov.settled_owed.format()))
        self.pending_owed.setText(tr("pv_pending_owed", amount=ov.pending.payable.format(),
                                     start=be_text(date.fromisoformat(ov.pending.period_from))))  # fmt: skip
        self.last_payout.setText(self._payout_text(ov.last_payout))
        self._fill_stock(ov)
        self._fill_sales(ov)
        self.past_model.removeRows(0, self.past_model.rowCount())
        for s in ov.statements:
            period = f"{be_text(date.fromisoformat(str(s['period_from'])))} - " + be_text(
                date.fromisoformat(str(s["period_to"]))
            )
            settled = format_numeric(from_iso(str(s["settled_at"])))
            payable = Money(int(s["payable_satang"])).format()  # type: ignore[call-overload]
            self.past_model.appendRow(cells([str(s["settlement_no"]), period, payable, settled], 2))
        refit(self.past)

    @staticmethod
    def _payout_text(last: dict[str, object] | None) -> str:
        if last is None:
            return tr("pv_no_payout")
        method = str(last["method"])
        return tr("pv_last_payout", when=format_numeric(from_iso(str(last["paid_at"]))),
                  amount=Money(int(last["amount_satang"])).format(),  # type: ignore[call-overload]
                  method=payouts.METHOD_TH.get(method, method) if language() != "en" else method)  # fmt: skip

    def _fill_stock(self, ov: Overview) -> None:
        self.stock_model.removeRows(0, self.stock_model.rowCount())
        for ownership, key in ((CONSIGNED, "pv_consigned"), (OWNED, "pv_owned")):
            lines = [s for s in ov.stock if s.ownership == ownership]
            if lines:
                self.stock_model.appendRow(shaded(cells([tr(key), "", "", ""], 2), SECTION))
            for s in lines:
                self.stock_model.appendRow(cells([s.sku, s.name, s.price_text, s.on_hand_text], 2))
        refit(self.stock)

    def _fill_sales(self, ov: Overview) -> None:
        self.sales_model.removeRows(0, self.sales_model.rowCount())
        for d in ov.sales:
            self.sales_model.appendRow(cells([day_text(d.day), f"{d.qty:,}", d.amount.format()], 1))
        refit(self.sales)
        today = bangkok_date(self.now or utc_now())
        by_day = {d.day: d.amount.satang for d in ov.sales}
        days = [today - timedelta(days=i) for i in range(producer_view.SALES_DAYS - 1, -1, -1)]
        self.chart.set_data([str(d.day) for d in days],
                            [whole_baht(by_day.get(d, 0)) for d in days], value_labels=False)  # fmt: skip

    # statements ------------------------------------------------------------------
    def selected_no(self) -> str:
        row = self.past.currentIndex().row()
        if self.overview is None or not 0 <= row < len(self.overview.statements):
            return ""
        return str(self.overview.statements[row]["settlement_no"])

    def _statement(self) -> Statement | None:
        no = self.selected_no()
        if not no:
            say(self.message, tr("pv_pick_statement"), error=True)
            return None
        try:
            return producer_view.past_statement(self.session.store, self.access, no)
        except Exception as exc:
            say(self.message, refusal_text(exc), error=True)
            return None

    def _document(
        self, function: Callable[..., object], st: Statement, *args: object, **kw: object
    ) -> object:
        try:
            result = statement_screen.print_or_save(function, self.session, st, *args, **kw)
        except Exception as exc:
            why = refusal_text(exc)
            user = self.session.user
            if user is None or not can(user.role, Permission.SETTLE_PRODUCERS):
                why = tr("pv_ask_staff", why=why)  # printing is the staff's: say whom to ask
            say(self.message, why, error=True)
            return None
        return result if result is not None else True

    def _print(self, settlement_no: str) -> bool:
        """The producer's own printout: allowed with their access, no staff login."""
        try:
            result = producer_view.print_statement(self.session, self.access, settlement_no)
        except Exception as exc:
            say(self.message, refusal_text(exc), error=True)
            return False
        if not result.ok:
            say(self.message, tr("pv_print_failed", why=result.message or "-"), error=True)
        return result.ok

    def print_selected(self) -> None:
        no = self.selected_no()
        if not no:
            say(self.message, tr("pv_pick_statement"), error=True)
        elif self._print(no):
            say(self.message, tr("pv_printed", no=no))

    def print_draft(self) -> None:
        if self._print(""):
            say(self.message, tr("pv_draft_printed"))

    def ask_pdf(self) -> None:
        st = self._statement()
        if st is None:
            return
        folder = Path(self.session.settings.documents_dir or Path.home())
        path, _f = QFileDialog.getSaveFileName(self, tr("pv_pdf"),
                                               str(folder / f"{st.settlement_no}.pdf"), "PDF (*.pdf)")  # fmt: skip
        if path:
            self.save_pdf_to(Path(path))

    def save_pdf_to(self, path: Path) -> Path | None:
        st = self._statement()
        saved = self._document(documents.statement_pdf, st, path) if st is not None else None
        if not saved:
            return None
        where = Path(getattr(saved, "path", path))
        say(self.message, tr("pv_pdf_saved", path=str(where)))
        return where

    # leaving -------------------------------------------------------------------
    def showEvent(self, event: object) -> None:
        super().showEvent(event)  # type: ignore[arg-type]
        app = QApplication.instance()
        if app is not None:
            app.installEventFilter(self)
        self.idle.start()

    def hideEvent(self, event: object) -> None:
        self._stop_watching()
        super().hideEvent(event)  # type: ignore[arg-type]

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Any key or touch while the view is up starts the 90 seconds again."""
        if event.type() in INPUT_EVENTS and self.idle.isActive():
            self.idle.start()
        return False

    def _stop_watching(self) -> None:
        self.idle.stop()
        app = QApplication.instance()
        if app is not None:
            app.removeEventFilter(self)

    def close_view(self) -> None:
        self._stop_watching()
        self.closed.emit()
