"""Stock on hand, what needs attention, and each product's movements.

Consigned goods are the producer's property and owned goods the centre's
money, so they are never summed together: each producer's line shows both
apart. Alerts sit beside the table with their counts in the titles, so a
glance says whether anything is running out or going off.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import (
    QBrush,
    QColor,
    QFont,
    QKeySequence,
    QShortcut,
    QStandardItem,
    QStandardItemModel,
)
from PySide6.QtWidgets import (
    QComboBox,
    QGroupBox,
    QLabel,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from otop_pos.domain.catalogue.categories import CATEGORIES
from otop_pos.domain.catalogue.units import is_measured, qty_shown, totals_text, unit_text
from otop_pos.domain.money import Money
from otop_pos.domain.stock.quantities import format_expiry
from otop_pos.domain.thai.thaidate import format_numeric, format_numeric_en, from_iso
from otop_pos.operations.errors import OperationError, user_message
from otop_pos.operations.session import Session
from otop_pos.operations.stock import on_hand
from otop_pos.operations.stock.on_hand import ExpiringLot, StockRow
from otop_pos.ui.back_office import stock_dialogs as sd
from otop_pos.ui.back_office import stock_fields
from otop_pos.ui.texts.i18n import TEXTS, language, tr
from otop_pos.ui.widgets import forms
from otop_pos.ui.widgets.tables import cells, refit, report_table

COLUMNS = ("sku", "name", "ownership", "on_hand", "min", "price", "value")
HISTORY = ("when", "reason", "qty", "balance", "doc", "note")
LOW = ("sku", "name", "on_hand", "min")
EXPIRY = ("sku", "name", "lot", "expiry", "days", "qty")
GROUP = QColor("#e8eef7")
RED = QColor("#a40e26")


def ownership_text(ownership: str) -> str:
    return tr(f"sk_{ownership}")


def reason_text(reason: str, thai: str) -> str:
    key = f"sk_reason_{reason}"
    return tr(key) if key in TEXTS else thai


def _bold(items: list[QStandardItem], color: QColor | None = None) -> list[QStandardItem]:
    for item in items:
        font = QFont(item.font())
        font.setBold(True)
        item.setFont(font)
        if color is not None:
            item.setBackground(QBrush(color))
    return items


def group_text(name: str, rows: Sequence[StockRow]) -> str:
    """One producer's summary line: consigned and owned pieces and value, never added."""

    def part(kind: str) -> tuple[str, str]:
        mine = [r for r in rows if r.ownership == kind]
        here = ((max(r.on_hand, 0), r.unit) for r in mine)  # kilograms never add to pieces
        return totals_text(here, language()), sum((r.value for r in mine), Money(0)).format()

    (cq, cv), (oq, ov) = part("consigned"), part("owned")
    return tr("sk_group", name=name or tr("sk_no_producer"), cq=cq, cv=cv, oq=oq, ov=ov)


class StockTab(QWidget):
    changed = Signal()  # after a write-off or a return

    def __init__(self, session: Session) -> None:
        super().__init__()
        self.setObjectName("stockTab")
        self.session = session
        self.rows: list[StockRow | None] = []  # per table row; None for a producer's line
        self.low: list[StockRow] = []
        self.expiring: list[ExpiringLot] = []
        self.adjust_dialog: sd.WriteOffDialog | None = None
        self.return_dialog: sd.ProducerReturnDialog | None = None
        self._build()
        self._timer = QTimer(self, singleShot=True, interval=300)
        self._timer.timeout.connect(self.refresh)
        self.search.textEdited.connect(lambda _t: self._timer.start())
        context = Qt.ShortcutContext.WidgetWithChildrenShortcut
        QShortcut(QKeySequence("F5"), self, self.refresh, context=context)
        self.refresh()

    # layout ----------------------------------------------------------------
    def _build(self) -> None:
        self.producer = stock_fields.producer_combo(
            self.session, "stockProducer", tr("sk_all_producers")
        )
        self.producer.currentIndexChanged.connect(lambda _i: self.refresh())
        self.category = QComboBox()
        self.category.setObjectName("stockCategory")
        self.category.setAccessibleName(tr("sk_category"))
        self.category.setMinimumHeight(40)
        self.category.addItem(tr("sk_all_categories"), "")
        for key in CATEGORIES:
            self.category.addItem(tr(f"sk_cat_{key}"), key)
        self.category.currentIndexChanged.connect(lambda _i: self.refresh())
        self.search = stock_fields.line_box("stockSearch", "sk_search", "sk_search_hint")
        self.search.returnPressed.connect(self.search_entered)
        self.message = forms.message_label("stockMessage")
        self.table, self.model = report_table("stockTable", self._heads("sk_col", COLUMNS), 1)
        self.table.setAccessibleName(tr("sk_table"))
        self.table.selectionModel().currentRowChanged.connect(lambda *_: self.show_history())
        self.totals = QLabel("")
        self.totals.setObjectName("stockTotals")
        self.totals.setWordWrap(True)
        self.totals.setStyleSheet("font-weight: bold; color: #0b3d91;")
        self.history_title = QLabel(tr("sk_history_pick"))
        self.history_title.setObjectName("stockHistoryTitle")
        self.history_title.setStyleSheet("font-weight: bold;")
        self.history, self.history_model = report_table(
            "stockHistory", self._heads("sk_hcol", HISTORY), 5
        )
        self.low_box, self.low_table, self.low_model = self._pane("stockLow", LOW)
        self.expiry_box, self.expiry_table, self.expiry_model = self._pane("stockExpiry", EXPIRY)
        self.low_table.clicked.connect(lambda i: self.select(self.low[i.row()].product_id))
        self.expiry_table.clicked.connect(lambda i: self.select(self.expiring[i.row()].product_id))
        left = QSplitter(Qt.Orientation.Vertical)
        for widget in (self.table, self._stack(self.history_title, self.history, 1)):
            left.addWidget(widget)
        left.setStretchFactor(0, 3)
        left.setStretchFactor(1, 2)
        right = QSplitter(Qt.Orientation.Vertical)
        right.addWidget(self.low_box)
        right.addWidget(self.expiry_box)
        split = QSplitter(Qt.Orientation.Horizontal)
        split.addWidget(self._stack(left, self.totals, 0))
        split.addWidget(right)
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 2)
        split.setSizes([760, 500])
        layout = QVBoxLayout(self)
        layout.addLayout(stock_fields.hrow(QLabel(tr("sk_producer")), (self.producer, 2),
                                 QLabel(tr("sk_category")), self.category, (self.search, 2),
                                 forms.big_button(tr("sk_refresh"), "stockRefresh", self.refresh)))  # fmt: skip
        layout.addWidget(self.message)
        layout.addWidget(split, 1)
        layout.addLayout(stock_fields.hrow(None,
                                 forms.big_button(tr("sk_adjust"), "stockAdjust", self.ask_adjust),
                                 forms.big_button(tr("sk_return"), "stockReturn", self.ask_return)))  # fmt: skip

    @staticmethod
    def _heads(prefix: str, keys: Sequence[str]) -> list[str]:
        return [tr(f"{prefix}_{k}") for k in keys]

    @staticmethod
    def _stack(top: QWidget, bottom: QWidget, grow: int) -> QWidget:
        """Two widgets one above the other; ``grow`` (0 or 1) is the one that takes the room."""
        holder = QWidget()
        box = QVBoxLayout(holder)
        box.setContentsMargins(0, 0, 0, 0)
        box.addWidget(top, 1 - grow)
        box.addWidget(bottom, grow)
        return holder

    def _pane(
        self, name: str, keys: Sequence[str]
    ) -> tuple[QGroupBox, QTableView, QStandardItemModel]:
        box = QGroupBox()
        box.setObjectName(f"{name}Box")
        box.setStyleSheet("QGroupBox { font-weight: bold; }")
        table, model = report_table(f"{name}Table", self._heads("sk_acol", keys), 1)
        QVBoxLayout(box).addWidget(table)
        return box, table, model

    # filling -----------------------------------------------------------------
    def _say(self, text: str, error: bool = False) -> None:
        forms.say(self.message, text, error)

    def showEvent(self, event: object) -> None:
        """Back on this tab after an intake or a sale elsewhere: show today's figures."""
        super().showEvent(event)  # type: ignore[arg-type]
        self.refresh()

    def refresh(self) -> bool:
        """Fill the table, the alerts and the totals for the filters (F5)."""
        selected = self.selected()
        forms.mark_box(self.producer, False)
        try:
            rows = on_hand.stock_on_hand(self.session, stock_fields.picked_code(self.producer),
                                           self.category.currentData() or None, self.search.text())  # fmt: skip
            self.low = on_hand.low_stock(self.session)
            self.expiring = on_hand.near_expiry(self.session)
        except OperationError as exc:
            forms.show_refusal(exc, self.message, {"producer": self.producer})
            return False
        self._fill(rows)
        self._fill_alerts()
        self._say("")
        if selected is not None:
            self.select(selected.product_id)
        return True

    def _fill(self, rows: list[StockRow]) -> None:
        self.model.removeRows(0, self.model.rowCount())
        self.table.clearSpans()  # spans belong to rows, which are gone
        self.rows = []
        width = len(COLUMNS)
        groups: dict[str, list[StockRow]] = {}
        for r in rows:
            groups.setdefault(r.producer_code, []).append(r)
        for code, mine in groups.items():
            text = group_text(mine[0].producer_name, mine)  # the code keeps the SKU column narrow
            line = _bold(cells([code or "-", text] + [""] * (width - 2), width), GROUP)
            line[1].setToolTip(text)  # a long producer name may cut the line on a small screen
            self.model.appendRow(line)
            self.table.setSpan(self.model.rowCount() - 1, 1, 1, width - 1)
            self.rows.append(None)
            for r in mine:
                self.model.appendRow(self._product_cells(r))
                self.rows.append(r)
        refit(self.table)
        self.totals.setText(group_text(tr("sk_shown", n=len(rows)), rows))

    def _product_cells(self, r: StockRow) -> list[QStandardItem]:
        name = r.name_th if r.active else f"{r.name_th} ({tr('sk_inactive')})"
        lang = language()  # a weighed product: '39.100 กก.' at '130.00/กก.'
        price = r.price.format() + (f"/{unit_text(r.unit, lang)}" if is_measured(r.unit) else "")
        items = cells([r.sku, name, ownership_text(r.ownership), qty_shown(r.on_hand, r.unit, lang),
                       qty_shown(r.min_stock, r.unit, lang) if r.min_stock else "", price,
                       r.value.format()], 3)  # fmt: skip
        items[2].setForeground(
            QBrush(QColor("#0b3d91" if r.ownership == "consigned" else "#9a6700"))
        )
        if (r.min_stock and r.on_hand <= r.min_stock) or r.on_hand < 0:
            _bold([items[3]])[0].setForeground(QBrush(RED))
        if not r.active:
            for item in items:
                item.setForeground(QBrush(QColor("#8c959f")))
        return items

    def _fill_alerts(self) -> None:
        self.low_model.removeRows(0, self.low_model.rowCount())
        for r in self.low:
            items = cells([r.sku, r.name_th, qty_shown(r.on_hand, r.unit, language()),
                           qty_shown(r.min_stock, r.unit, language())], 2)  # fmt: skip
            items[1].setToolTip(r.name_th)  # a narrow pane cuts long names
            self.low_model.appendRow(items)
        self.low_box.setTitle(tr("sk_low_title", n=len(self.low)))
        self.expiry_model.removeRows(0, self.expiry_model.rowCount())
        for lot in self.expiring:
            days = tr("sk_expired_ago", n=-lot.days_left) if lot.days_left < 0 else \
                tr("sk_days_left", n=lot.days_left)  # fmt: skip
            expiry = format_expiry(lot.expiry) if language() != "en" else lot.expiry.isoformat()
            items = cells([lot.sku, lot.name_th, lot.lot or "-", expiry, days,
                           qty_shown(lot.qty, lot.unit, language())], 4)  # fmt: skip
            items[1].setToolTip(f"{lot.name_th} ({lot.intake_no})")
            if lot.days_left < 0:
                _bold(items[3:5])
                for item in items:
                    item.setForeground(QBrush(RED))
            self.expiry_model.appendRow(items)
        self.expiry_box.setTitle(tr("sk_expiry_title", n=len(self.expiring)))
        refit(self.low_table)
        refit(self.expiry_table)

    # selection and history ---------------------------------------------------
    def selected(self) -> StockRow | None:
        row = self.table.currentIndex().row()
        return self.rows[row] if 0 <= row < len(self.rows) else None

    def select(self, product_id: int) -> bool:
        for i, r in enumerate(self.rows):
            if r is not None and r.product_id == product_id:
                self.table.selectRow(i)
                self.table.setCurrentIndex(self.model.index(i, 0))
                return True
        return False

    def search_entered(self) -> None:
        """Enter (or a scanner) in the search box: filter now; one product found is selected."""
        self._timer.stop()
        if self.refresh():
            found = [r for r in self.rows if r is not None]
            if len(found) == 1:
                self.select(found[0].product_id)
            self.search.selectAll()

    def show_history(self) -> None:
        self.history_model.removeRows(0, self.history_model.rowCount())
        r = self.selected()
        if r is None:
            self.history_title.setText(tr("sk_history_pick"))
            return
        try:
            moves = on_hand.history(self.session, r.product_id)
        except OperationError as exc:
            self._say(user_message(exc, language()), error=True)
            return
        lang = language()
        self.history_title.setText(tr("sk_history_of", sku=r.sku, name=r.name_th,
                                      qty=qty_shown(r.on_hand, r.unit, lang)))  # fmt: skip
        when = format_numeric_en if lang == "en" else format_numeric
        for m in moves:
            moved = ("+" if m.qty > 0 else "") + qty_shown(m.qty, r.unit, lang)
            items = cells([when(from_iso(m.occurred_at)), reason_text(m.reason, m.reason_th),
                           moved, qty_shown(m.balance, r.unit, lang), m.doc_no, m.note], 2)  # fmt: skip
            for item in items[4:]:  # the document and note are words, not numbers
                item.setTextAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
            self.history_model.appendRow(items)
        refit(self.history)

    # actions ---------------------------------------------------------------------
    def _changed(self, text: str) -> None:
        self.refresh()
        self._say(text)
        self.changed.emit()

    def ask_adjust(self) -> sd.WriteOffDialog | None:
        r = self.selected()
        if r is None:
            self._say(tr("sk_pick_first"), error=True)
            return None
        lots = [x for x in self.expiring if x.product_id == r.product_id and x.days_left < 0]
        reason, qty = ("expired", lots[0].qty) if lots else ("", 0)
        dialog = sd.WriteOffDialog(self.session, r, self, reason, qty)
        dialog.adjusted.connect(lambda no: self._changed(tr("sk_adjust_done", no=no)))
        self.adjust_dialog = dialog
        dialog.open()
        return dialog

    def ask_return(self) -> sd.ProducerReturnDialog | None:
        r = self.selected()
        code = r.producer_code if r is not None else stock_fields.picked_code(self.producer)
        dialog = sd.ProducerReturnDialog(self.session, code, self)
        dialog.returned.connect(lambda res: self._changed(tr("sk_return_done", no=res.return_no)))
        self.return_dialog = dialog
        dialog.open()
        return dialog
