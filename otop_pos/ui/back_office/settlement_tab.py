"""Settling producers' periods and paying them, for the manager in the back office.

The table shows the same arithmetic a settlement freezes, so what the manager
checks is what gets locked; a settled period shows its frozen statement and
number. A refusal (an overlapping period, an end date after today) shows
beside the dates in Thai, and nothing is written.
"""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from otop_pos.domain.catalogue.units import qty_shown
from otop_pos.domain.consignment.statement import CONSIGNED, OWNED, ProductLine, Statement
from otop_pos.domain.money import Money
from otop_pos.domain.thai.thaidate import bangkok_date, utc_now
from otop_pos.operations.consignment import documents, payouts, statement_screen, statements
from otop_pos.operations.errors import OperationError
from otop_pos.operations.session import Session
from otop_pos.ui.back_office.payout_dialog import PayoutDialog
from otop_pos.ui.texts.i18n import tr
from otop_pos.ui.widgets.forms import mark_box, message_label, refusal_text, say, show_refusal
from otop_pos.ui.widgets.tables import SECTION, TOTAL, be_text, cells, refit, report_table, shaded
from otop_pos.ui.widgets.thai_date_edit import ThaiDateEdit

COLUMNS = ("code", "name", "received", "sold", "refunded", "earlier", "on_hand", "net",
           "commission", "payable", "opening", "closing", "no", "owed_now")  # fmt: skip
DETAIL = ("sku", "product", "received", "sold", "refunded", "earlier", "returned", "adjusted",
          "on_hand", "sales", "refunds", "line_net")  # fmt: skip


def last_month(today: date) -> tuple[date, date]:
    end = today.replace(day=1) - timedelta(days=1)
    return end.replace(day=1), end


def this_month(today: date) -> tuple[date, date]:
    return today.replace(day=1), today


def summary_row(st: Statement, owed_now: Money | None = None) -> list[str]:
    t = st.total(CONSIGNED)  # quantities in one unit; a weighed-only producer's in kg
    qty = [qty_shown(n, t.unit) for n in (t.received, t.sold, t.refunded, t.earlier, t.on_hand)]
    money = (st.net_sales, st.commission, st.payable, st.opening_balance, st.closing_balance)
    owed = "" if owed_now is None else owed_now.format()  # settled, less every payout so far
    return [st.producer_code, st.producer_name, *qty, *(m.format() for m in money),
            st.settlement_no or tr("st_not_settled"), owed]  # fmt: skip


def detail_row(ln: ProductLine) -> list[str]:
    qty = (ln.received, ln.sold, ln.refunded, ln.earlier, ln.returned, ln.adjusted, ln.on_hand)
    money = (ln.sales, ln.refunds, ln.net)
    return [ln.sku, ln.name, *(qty_shown(n, ln.unit) for n in qty), *(m.format() for m in money)]


def _button(key: str, name: str, slot: object) -> QPushButton:
    b = QPushButton(tr(key))
    b.setObjectName(name)
    b.setAccessibleName(tr(key))
    b.setAutoDefault(False)
    b.setMinimumHeight(44)
    b.clicked.connect(lambda _=False: slot())  # type: ignore[operator]
    return b


class SettlementTab(QWidget):
    producer_view_requested = Signal(str)  # the selected producer's code
    changed = Signal()  # after a settlement or a payout

    def __init__(self, session: Session, today: date | None = None) -> None:
        super().__init__()
        self.setObjectName("settlementTab")
        self.session = session
        self.today = today or bangkok_date(utc_now())
        self.statements: list[Statement] = []
        self.shown_range: tuple[date, date] | None = None
        self.last_result: statements.BatchResult | None = None
        self.confirm_box: QMessageBox | None = None
        self.summary_box: QMessageBox | None = None
        self.payout_dialog: PayoutDialog | None = None
        self._build()
        self.set_range(*last_month(self.today))
        context = Qt.ShortcutContext.WidgetWithChildrenShortcut
        QShortcut(QKeySequence("F5"), self, self.show_figures, context=context)

    # layout ----------------------------------------------------------------
    def _build(self) -> None:
        self.date_from = ThaiDateEdit("settleFrom", tr("st_from"))
        self.date_to = ThaiDateEdit("settleTo", tr("st_to"))
        dates = QHBoxLayout()
        for caption, box in ((tr("st_from"), self.date_from), (tr("st_to"), self.date_to)):
            dates.addWidget(QLabel(caption))
            dates.addWidget(box)
        for key, name, span in (("st_last_month", "settleLastMonth", last_month),
                                ("st_this_month", "settleThisMonth", this_month)):  # fmt: skip
            dates.addWidget(_button(key, name, lambda s=span: self.set_range(*s(self.today))))
        self.show_button = _button("st_show", "settleShow", self.show_figures)
        self.show_button.setStyleSheet("background: #1f6feb; color: white; font-weight: bold;")
        dates.addWidget(self.show_button)
        dates.addStretch(1)
        self.message = message_label("settleMessage")
        self.message.setText(tr("st_hint"))
        self.table, self.model = report_table(
            "settleTable", [tr(f"st_col_{k}") for k in COLUMNS], 1
        )
        self.table.setAccessibleName(tr("st_table"))
        self.table.selectionModel().currentRowChanged.connect(lambda *_: self._show_detail())
        self.detail_title = QLabel(tr("st_pick"))
        self.detail_title.setObjectName("settleDetailTitle")
        self.detail_title.setWordWrap(True)
        self.detail_title.setStyleSheet("font-weight: bold;")
        self.detail, self.detail_model = report_table(
            "settleDetail", [tr(f"st_col_{k}") for k in DETAIL], 1
        )
        self.detail.setAccessibleName(tr("st_detail"))
        lower = QWidget()
        column = QVBoxLayout(lower)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(self.detail_title)
        column.addWidget(self.detail, 1)
        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(self.table)
        split.addWidget(lower)
        split.setStretchFactor(0, 1)
        split.setStretchFactor(1, 1)
        actions = QHBoxLayout()
        for key, name, slot in (
            ("st_settle_one", "settleSelected", lambda: self.ask_settle(selected=True)),
            ("st_settle_all", "settleAll", lambda: self.ask_settle(selected=False)),
            ("st_print", "settlePrint", self.print_statement),
            ("st_pdf", "settlePdf", self.ask_pdf),
            ("st_pay", "settlePay", self.ask_pay),
            ("st_open_view", "settleOpenView", self.open_producer_view),
        ):
            actions.addWidget(_button(key, name, slot))
        layout = QVBoxLayout(self)
        layout.addLayout(dates)
        layout.addWidget(self.message)
        layout.addWidget(split, 1)
        layout.addLayout(actions)

    # state -----------------------------------------------------------------
    def set_range(self, start: date, end: date) -> None:
        self.date_from.set_day(start)
        self.date_to.set_day(end)

    def field_range(self) -> tuple[date, date]:
        return self.date_from.day(), self.date_to.day()

    def _say(self, text: str, error: bool = False) -> None:
        say(self.message, text, error)

    def _refuse(self, exc: Exception) -> None:
        """The Thai refusal under the dates; the date it is about in red."""
        if isinstance(exc, OperationError):
            show_refusal(exc, self.message, {"period_from": self.date_from,
                                             "period_to": self.date_to})  # fmt: skip
        else:
            self._say(refusal_text(exc), error=True)

    def selected(self) -> Statement | None:
        row = self.table.currentIndex().row()
        return self.statements[row] if 0 <= row < len(self.statements) else None

    def select(self, code: str) -> None:
        for row, st in enumerate(self.statements):
            if st.producer_code == code:
                self.table.selectRow(row)
                return

    # figures -----------------------------------------------------------------
    def show_figures(self) -> bool:
        """Fill the table for the dates in the boxes (F5); False if refused."""
        for box in (self.date_from, self.date_to):
            mark_box(box, False)
        start, end = self.field_range()
        current = self.selected()
        code = current.producer_code if current else ""
        try:
            found = statement_screen.preview(self.session, start, end)
        except Exception as exc:
            self._refuse(exc)
            return False
        shown = [s for s in found if s.settlement_no or not s.is_empty or s.opening_balance]
        self.statements, self.shown_range = shown, (start, end)
        owed = self._owed_now()
        self.model.removeRows(0, self.model.rowCount())
        for st in shown:
            self.model.appendRow(cells(summary_row(st, owed.get(st.producer_code)), 2))
        if shown:
            self.model.appendRow(shaded(cells(self._totals(shown, owed), 2), TOTAL))
        refit(self.table)
        self._say(tr("st_shown", start=be_text(start), end=be_text(end), count=len(shown),
                     idle=len(found) - len(shown)))  # fmt: skip
        self.select(code)
        self._show_detail()
        return True

    def _owed_now(self) -> dict[str, Money]:
        """What each producer is owed today (settled, unpaid): a payout changes it at once."""
        try:
            return {str(r["code"]): r["owed"] for r in statements.producer_rows(self.session)}
        except OperationError:  # no right to see it: the column stays empty
            return {}

    def _totals(self, shown: list[Statement], owed: dict[str, Money]) -> list[str]:
        def total(pick: object) -> Money:
            return sum((pick(s) for s in shown), Money(0))  # type: ignore[operator]

        pieces = [t for t in (s.total(CONSIGNED) for s in shown) if t.unit == "piece"]
        qty = [sum(getattr(t, k) for t in pieces)  # pieces only: kilograms never add to them
               for k in ("received", "sold", "refunded", "earlier", "on_hand")]  # fmt: skip
        money = [total(lambda s, k=k: getattr(s, k)) for k in
                 ("net_sales", "commission", "payable", "opening_balance", "closing_balance")]  # fmt: skip
        now = sum((owed.get(s.producer_code, Money(0)) for s in shown), Money(0))
        return ["", tr("st_total"), *(f"{n:,}" for n in qty), *(m.format() for m in money), "",
                now.format() if owed else ""]  # fmt: skip

    def _show_detail(self) -> None:
        self.detail_model.removeRows(0, self.detail_model.rowCount())
        st = self.selected()
        if st is None:
            self.detail_title.setText(tr("st_pick"))
            return
        rates = ", ".join(
            tr("st_rate", rate=r.percent_text, net=r.net.format(), fee=r.commission.format())
            for r in st.rates
        )
        self.detail_title.setText(tr("st_detail_of", code=st.producer_code,
                                     name=st.producer_name, rates=rates or "-",
                                     payable=st.payable.format()))  # fmt: skip
        width = len(DETAIL)
        for ownership, key in ((CONSIGNED, "st_consigned"), (OWNED, "st_owned")):
            lines = st.of(ownership)
            if not lines:
                continue
            self.detail_model.appendRow(shaded(cells([tr(key)] + [""] * (width - 1), 2), SECTION))
            for ln in lines:
                self.detail_model.appendRow(cells(detail_row(ln), 2))
            total = detail_row(st.total(ownership))
            self.detail_model.appendRow(shaded(cells(["", tr("st_total"), *total[2:]], 2), TOTAL))
        refit(self.detail)

    # settling ----------------------------------------------------------------
    def ask_settle(self, selected: bool) -> QMessageBox | None:
        """Confirm, naming the period and how many producers; Yes settles."""
        if selected and self.selected() is None:
            self._say(tr("st_pick_first"), error=True)
            return None
        if not selected and not self.show_figures():
            return None
        start, end = self.field_range()
        if selected:
            codes: list[str] | None = [self.selected().producer_code]  # type: ignore[union-attr]
            count = 1
        else:
            codes, count = None, sum(1 for s in self.statements if not s.is_empty)
        box = QMessageBox(self)
        box.setObjectName("settleConfirm")
        box.setIcon(QMessageBox.Icon.Question)
        box.setWindowTitle(tr("st_confirm_title"))
        box.setText(tr("st_confirm", start=be_text(start), end=be_text(end), count=count))
        box.setInformativeText(tr("st_confirm_lock"))
        yes = box.addButton(tr("st_confirm_yes"), QMessageBox.ButtonRole.AcceptRole)
        yes.setObjectName("settleConfirmYes")
        no = box.addButton(tr("cancel"), QMessageBox.ButtonRole.RejectRole)
        no.setObjectName("settleConfirmNo")
        box.setDefaultButton(no)
        yes.clicked.connect(lambda _=False: self.settle(codes))
        self.confirm_box = box
        box.open()
        return box

    def settle(self, codes: list[str] | None) -> statements.BatchResult | None:
        start, end = self.field_range()
        try:
            result = statements.settle(self.session, start, end, codes)
        except Exception as exc:
            self._refuse(exc)
            return None
        self.last_result = result
        self.show_figures()
        text = tr("st_summary", settled=len(result.settled), skipped=len(result.skipped),
                  gross=result.gross.format(), commission=result.commission.format(),
                  payable=result.payable.format())  # fmt: skip
        self._say(text)
        box = QMessageBox(QMessageBox.Icon.Information, tr("st_summary_title"), text,
                          QMessageBox.StandardButton.Ok, self)  # fmt: skip
        box.setObjectName("settleSummary")
        self.summary_box = box
        box.open()
        self.changed.emit()
        return result

    # documents and payouts -----------------------------------------------------
    def print_statement(self) -> None:
        st = self.selected()
        if st is None:
            self._say(tr("st_pick_first"), error=True)
            return
        try:
            statement_screen.print_or_save(documents.print_statement, self.session, st)
        except Exception as exc:
            self._say(refusal_text(exc), error=True)
            return
        self._say(tr("st_printed", code=st.producer_code))

    def ask_pdf(self) -> None:
        st = self.selected()
        if st is None:
            self._say(tr("st_pick_first"), error=True)
            return
        name = f"{st.settlement_no or 'draft'}-{st.producer_code}.pdf"
        folder = Path(self.session.settings.documents_dir or Path.home())
        path, _filter = QFileDialog.getSaveFileName(self, tr("st_pdf"), str(folder / name),
                                                    "PDF (*.pdf)")  # fmt: skip
        if path:
            self.save_pdf_to(Path(path))

    def save_pdf_to(self, path: Path) -> Path | None:
        """The selected producer's statement as a PDF at ``path``; None if refused."""
        st = self.selected()
        if st is None:
            self._say(tr("st_pick_first"), error=True)
            return None
        try:
            saved = statement_screen.print_or_save(documents.statement_pdf, self.session, st, path)
        except Exception as exc:
            self._say(refusal_text(exc), error=True)
            return None
        where = Path(getattr(saved, "path", saved or path))
        self._say(tr("st_pdf_saved", path=str(where)))
        return where

    def ask_pay(self) -> PayoutDialog | None:
        st = self.selected()
        if st is None:
            self._say(tr("st_pick_first"), error=True)
            return None
        try:
            row = next(r for r in statements.producer_rows(self.session)
                       if r["code"] == st.producer_code)  # fmt: skip
        except Exception as exc:
            self._say(refusal_text(exc), error=True)
            return None
        dialog = PayoutDialog(self.session, st.producer_code, row["owed"], self)
        dialog.paid.connect(self._paid)
        self.payout_dialog = dialog
        dialog.open()
        return dialog

    def _paid(self, payout: payouts.Payout) -> None:
        """The grid is read again (its owed column changes), then the payout is said."""
        if self.shown_range is not None:
            self.set_range(*self.shown_range)
            self.show_figures()
        self._say(tr("st_paid", no=payout.payout_no, code=payout.producer_code,
                     amount=payout.amount.format(), left=payout.remaining.format()))  # fmt: skip
        note = self.payout_dialog.print_note if self.payout_dialog else ""
        if note:
            self._say(f"{self.message.text()} ({tr('st_slip_not_printed', why=note)})", error=True)
        self.changed.emit()

    def open_producer_view(self) -> None:
        st = self.selected()
        if st is None:
            self._say(tr("st_pick_first"), error=True)
            return
        self.producer_view_requested.emit(st.producer_code)
