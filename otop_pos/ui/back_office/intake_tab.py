"""Receiving a producer's delivery: scan or pick the goods, check the lines, save once.

The scan box is the heart of it: a scanner types the barcode and Enter,
each scan adds one piece (or one more to that line). Quantities, lots and
expiry dates are typed in the table and checked when saved; a refusal
marks the cell or box it is about, keeps the text, and records nothing.
"""

from __future__ import annotations

import contextlib

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QBrush, QColor, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from otop_pos.domain.catalogue.barcode import ScanError, parse_scan
from otop_pos.domain.catalogue.units import (
    is_measured,
    items_in,
    qty_number,
    totals_text,
    unit_text,
)
from otop_pos.domain.money import Money, MoneyError
from otop_pos.domain.stock.quantities import StockInputError, parse_expiry, parse_qty
from otop_pos.operations.consignment import intake
from otop_pos.operations.consignment.intake import IntakeLine, IntakeProduct, IntakeResult
from otop_pos.operations.errors import FieldError, OperationError, user_message
from otop_pos.operations.session import Session
from otop_pos.ui.back_office import stock_fields, stock_papers
from otop_pos.ui.texts.i18n import language, tr
from otop_pos.ui.widgets import forms

COLUMNS = ("sku", "name", "ownership", "qty", "lot", "expiry", "cost")
COL = {k: i for i, k in enumerate(COLUMNS)}
EDITABLE = ("qty", "lot", "expiry", "cost")
LABEL_TARGETS = ("a4-24", "a4-21", "a4-40", "a4-65", "printer")
BAD_CELL = QColor("#ffe1e1")


# Table helpers, shared with the count tab ----------------------------------------
def edit_table(name: str, headers: list[str], stretch: int) -> QTableWidget:
    """A table whose editable cells start editing on any key, as a count sheet should."""
    table = QTableWidget(0, len(headers))
    table.setObjectName(name)
    table.setHorizontalHeaderLabels(headers)
    table.verticalHeader().setDefaultSectionSize(38)
    table.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectItems)
    table.setEditTriggers(QTableWidget.EditTrigger.AllEditTriggers)
    header = table.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    header.setSectionResizeMode(stretch, QHeaderView.ResizeMode.Stretch)
    header.setMinimumSectionSize(80)
    return table


def table_item(text: str, editable: bool, right: bool = False) -> QTableWidgetItem:
    item = QTableWidgetItem(text)
    flags = item.flags() | Qt.ItemFlag.ItemIsEditable
    item.setFlags(flags if editable else flags & ~Qt.ItemFlag.ItemIsEditable)
    if right:
        item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
    return item


def per_scan(product: IntakeProduct) -> int:
    """One scan is one more piece; a weighed product's weight is typed in its cell."""
    return 0 if is_measured(product.unit) else 1


def typed(qty: int, unit: str) -> str:
    """A quantity as its cell holds it: pieces, or a weight in its unit ('12.500')."""
    if not is_measured(unit):
        return str(qty)
    return qty_number(qty, unit, grouping=False) if qty else ""


def mark_cell(item: QTableWidgetItem | None, bad: bool, tip: str = "") -> None:
    """A pink cell, with the reason as its tooltip, for a refused value.

    Not itself an edit: the table's itemChanged stays quiet, or the check would rerun.
    """
    if item is not None:
        table = item.tableWidget()
        blocked = table.blockSignals(True) if table is not None else False
        item.setBackground(QBrush(BAD_CELL) if bad else QBrush())
        item.setToolTip(tip)
        if table is not None:
            table.blockSignals(blocked)


class IntakeTab(QWidget):
    received = Signal(object)  # IntakeResult
    changed = Signal()

    def __init__(self, session: Session) -> None:
        super().__init__()
        self.setObjectName("intakeTab")
        self.session = session
        self.lines: list[IntakeProduct] = []
        self.last_result: IntakeResult | None = None
        self._products: dict[int, IntakeProduct] = {}
        self._filling = False
        self._build()
        context = Qt.ShortcutContext.WidgetWithChildrenShortcut
        QShortcut(QKeySequence("Ctrl+S"), self, self.save, context=context)
        QShortcut(QKeySequence.StandardKey.Delete, self.table, self.remove_selected,
                  context=Qt.ShortcutContext.WidgetShortcut)  # fmt: skip

    # layout ----------------------------------------------------------------
    def _build(self) -> None:
        self.producer = stock_fields.producer_combo(self.session, "intakeProducer")
        self.producer.currentIndexChanged.connect(lambda _i: self._load_products())
        self.producer.lineEdit().returnPressed.connect(lambda: forms.focus_box(self.delivery_note))
        self.delivery_note = stock_fields.line_box("intakeDeliveryNote", "in_delivery_note")
        self.delivery_note.returnPressed.connect(lambda: forms.focus_box(self.scan_box))
        self.note = stock_fields.line_box("intakeNote", "in_note")
        self.scan_box = stock_fields.line_box("intakeScan", "in_scan", "in_scan_hint")
        self.scan_box.setStyleSheet("font-size: 20px;")
        self.scan_box.returnPressed.connect(self.scan_entered)
        self.pick = QComboBox()
        self.pick.setObjectName("intakePick")
        self.pick.setAccessibleName(tr("in_pick"))
        self.pick.setMinimumSize(320, 40)
        self.message = forms.message_label("intakeMessage")
        self.table = edit_table("intakeLines", [tr(f"in_col_{k}") for k in COLUMNS], COL["name"])
        self.table.setAccessibleName(tr("in_lines"))
        self.table.itemChanged.connect(self._edited)
        self.totals = QLabel("")
        self.totals.setObjectName("intakeTotals")
        self.totals.setStyleSheet("font-size: 18px; font-weight: bold; color: #0b3d91;")
        self.opt_print = stock_fields.check_box("in_opt_print", "intakeOptPrint", True)
        self.opt_pdf = stock_fields.check_box("sk_save_pdf", "intakeOptPdf")
        self.opt_labels = stock_fields.check_box("in_opt_labels", "intakeOptLabels")
        self.label_target = QComboBox()
        self.label_target.setObjectName("intakeLabelTarget")
        self.label_target.setAccessibleName(tr("in_label_target"))
        for key in LABEL_TARGETS:
            self.label_target.addItem(tr(f"in_labels_{key.replace('-', '_')}"), key)
        self.save_button = forms.big_button(tr("in_save"), "intakeSave", self.save)
        self.save_button.setStyleSheet(forms.OK_STYLE)
        self.last = QLabel(tr("in_last_none"))
        self.last.setObjectName("intakeLast")
        self.again = [forms.big_button(tr(f"in_again_{k}"), name, lambda k=k: self.outputs(
                          k == "print", k == "pdf", k == "labels"))
                      for k, name in (("print", "intakeReprint"), ("pdf", "intakeRePdf"),
                                      ("labels", "intakeReLabels"))]  # fmt: skip
        for b in self.again:
            b.setEnabled(False)
        layout = QVBoxLayout(self)
        for row in (
            stock_fields.hrow(QLabel(tr("sk_producer")), (self.producer, 3), QLabel(tr("in_delivery_note")),
                    (self.delivery_note, 1), QLabel(tr("in_note")), (self.note, 1)),
            stock_fields.hrow((self.scan_box, 3), QLabel(tr("in_pick")), (self.pick, 2),
                    forms.big_button(tr("in_pick_add"), "intakePickAdd", self.add_picked)),
        ):  # fmt: skip
            layout.addLayout(row)
        layout.addWidget(self.message)
        layout.addWidget(self.table, 1)
        layout.addLayout(stock_fields.hrow((self.totals, 1),
                                 forms.big_button(tr("in_remove"), "intakeRemove", self.remove_selected),
                                 forms.big_button(tr("in_clear"), "intakeClear", self.clear)))  # fmt: skip
        layout.addLayout(stock_fields.hrow(self.opt_print, self.opt_pdf, self.opt_labels, self.label_target,
                                 None, self.save_button))  # fmt: skip
        layout.addLayout(stock_fields.hrow((self.last, 1), *self.again))
        self._update_totals()

    # the producer and their products -------------------------------------------
    def producer_code(self) -> str:
        return stock_fields.picked_code(self.producer)

    def set_producer(self, code: str) -> None:
        stock_fields.set_picked(self.producer, code)
        self._load_products()

    def _load_products(self) -> None:
        self.pick.clear()
        code = self.producer_code()
        try:
            products = intake.products_of(self.session, code) if code else []
        except OperationError:
            products = []  # a half-typed code: the scan or save says what is wrong
        for p in products:
            self.pick.addItem(f"{p.sku} {p.name_th} ({tr(f'sk_{p.ownership}')})", p.product_id)
        self._products = {p.product_id: p for p in products}

    # adding lines ----------------------------------------------------------------
    def _refuse(self, exc: OperationError, box: QWidget) -> None:
        forms.say(self.message, user_message(exc, language()), error=True)
        forms.mark_box(box, True)
        forms.focus_box(box)

    def scan_entered(self) -> bool:
        return self.scan(self.scan_box.text())

    def scan(self, text: str) -> bool:
        """A barcode or SKU ('5*code' for five): one more line, or more on its line."""
        text = text.strip()
        if not text:
            return False
        if not self.producer_code():
            self._refuse(OperationError(tr("in_pick_producer")), self.producer)
            return False
        try:
            scanned = parse_scan(text)  # '5*code', '12.5*code', '5x code': as at the till
            product = intake.find_for_intake(self.session, self.producer_code(), scanned.code)
            measured = is_measured(product.unit)  # a weighed product's weight goes in its cell
            qty = scanned.qty_in(measured, product.name_th)
            qty = per_scan(product) if qty is None else qty
        except ScanError as exc:
            self._refuse(OperationError(str(exc), "The scan cannot be read."), self.scan_box)
            return False
        except OperationError as exc:
            producer = getattr(exc, "field", "") == "producer"
            self._refuse(exc, self.producer if producer else self.scan_box)
            return False
        self.add_product(product, qty)
        self.scan_box.clear()
        forms.focus_box(self.scan_box)
        return True

    def add_picked(self) -> None:
        product = self._products.get(self.pick.currentData())
        if product is None:
            self._refuse(OperationError(tr("in_pick_producer")), self.producer)
            return
        self.add_product(product, per_scan(product))
        self.table.setCurrentCell(self.table.rowCount() - 1, COL["qty"])

    def add_product(self, product: IntakeProduct, qty: int) -> None:
        """``qty`` more of the product (pieces, or thousandths of a weighed one's unit)."""
        rows = [i for i, p in enumerate(self.lines) if p.product_id == product.product_id]
        self._filling = True
        if rows:
            row = rows[-1]
            item = self.table.item(row, COL["qty"])
            try:
                item.setText(typed(parse_qty(item.text(), unit=product.unit) + qty, product.unit))
            except StockInputError:
                item.setText(typed(qty, product.unit))  # the bad number is replaced by the scan
            mark_cell(item, False)
        else:
            row = self.table.rowCount()
            self.lines.append(product)
            self.table.insertRow(row)
            owned = product.ownership == "owned"
            cost = table_item("" if owned else "—", owned, right=True)
            if not owned:
                cost.setForeground(QColor("#8c959f"))
                cost.setToolTip(tr("in_cost_consigned"))
            ownership = table_item(tr(f"sk_{product.ownership}"), False)
            ownership.setForeground(QColor("#0b3d91" if not owned else "#9a6700"))
            name = stock_fields.named(product.name_th, product.unit)
            for col, item in ((COL["sku"], table_item(product.sku, False)),
                              (COL["name"], table_item(name, False)),
                              (COL["ownership"], ownership),
                              (COL["qty"], table_item(typed(qty, product.unit), True, right=True)),
                              (COL["lot"], table_item("", True)),
                              (COL["expiry"], table_item("", True)), (COL["cost"], cost)):  # fmt: skip
                self.table.setItem(row, col, item)
            self.table.item(row, COL["expiry"]).setToolTip(tr("in_expiry_hint"))
        self._filling = False
        self.table.setCurrentCell(row, COL["qty"])  # typing there sets the quantity
        self.table.scrollToItem(self.table.item(row, COL["qty"]))
        qty_now = self.table.item(row, COL["qty"]).text() or "0"
        qty_now = f"{qty_now} {unit_text(product.unit, language())}"
        forms.say(self.message, tr("in_added", sku=product.sku, name=product.name_th, qty=qty_now))
        self._update_totals()

    def remove_selected(self) -> None:
        row = self.table.currentRow()
        if not 0 <= row < len(self.lines):
            forms.say(self.message, tr("select_line"), error=True)
            return
        self.table.removeRow(row)
        del self.lines[row]
        self._update_totals()
        forms.focus_box(self.scan_box)

    # cells -------------------------------------------------------------------------
    def cell(self, row: int, key: str) -> str:
        item = self.table.item(row, COL[key])
        return item.text() if item is not None else ""

    def set_cell(self, row: int, key: str, text: str) -> None:
        """Type into a cell (as a person would), for keyboard users' tools and tests."""
        self.table.item(row, COL[key]).setText(text)

    def _check(self, row: int, key: str) -> object:
        """The value of one cell, or StockInputError/MoneyError with a Thai message."""
        text = self.cell(row, key)
        if key == "qty":
            return parse_qty(text, unit=self.lines[row].unit)
        if key == "expiry":
            return parse_expiry(text)
        if key == "cost" and self.lines[row].ownership == "owned" and text.strip():
            return Money.parse(text)
        return None

    def _cell_error(self, row: int, key: str, message: str) -> None:
        mark_cell(self.table.item(row, COL[key]), True, message)
        forms.say(self.message, message, error=True)
        self.table.setCurrentCell(row, COL[key])
        self.table.setFocus()

    def _why(self, row: int, exc: Exception) -> str:
        why = getattr(exc, "thai", str(exc))
        return tr("in_line_error", n=row + 1, sku=self.lines[row].sku, why=why)

    def _edited(self, item: QTableWidgetItem) -> None:
        """A typed quantity, date or cost is checked at once, so the mistake is seen early."""
        if self._filling or item.column() not in (COL["qty"], COL["expiry"], COL["cost"]):
            return
        key = COLUMNS[item.column()]
        try:
            self._check(item.row(), key)
        except (StockInputError, MoneyError) as exc:
            self._cell_error(item.row(), key, self._why(item.row(), exc))
            return
        mark_cell(item, False)
        if key == "qty":
            self._update_totals()

    def _update_totals(self) -> None:
        found = []  # pieces and kilograms, each added up apart
        for row, p in enumerate(self.lines):
            with contextlib.suppress(StockInputError):
                found.append((parse_qty(self.cell(row, "qty"), unit=p.unit), p.unit))
        pieces = totals_text(found, language())
        self.totals.setText(tr("in_totals", lines=len(self.lines), pieces=pieces))

    # saving ---------------------------------------------------------------------------
    def intake_lines(self) -> list[IntakeLine] | None:
        """Every line read from the table; None (the cell marked) at the first bad one."""
        out = []
        for row, p in enumerate(self.lines):
            values = {}
            for key in ("qty", "expiry", "cost"):
                try:
                    values[key] = self._check(row, key)
                except (StockInputError, MoneyError) as exc:
                    self._cell_error(row, key, self._why(row, exc))
                    return None
            out.append(IntakeLine(p.product_id, values["qty"], self.cell(row, "lot"),  # type: ignore[arg-type]
                                  values["expiry"], values["cost"]))  # type: ignore[arg-type]  # fmt: skip
        return out

    def _refused(self, exc: OperationError) -> None:
        """Put a refusal where it belongs: the producer box, the scan box or a line's cell."""
        field = getattr(exc, "field", "") if isinstance(exc, FieldError) else ""
        if field.startswith("line_") and field[5:].isdigit():
            row = int(field[5:]) - 1
            english = exc.english.lower()  # which cell of the line: the message says
            key = next((k for k in ("expiry", "lot", "cost") if k in english), "qty")
            self._cell_error(row, key, user_message(exc, language()))
            return
        self._refuse(exc, self.producer if field == "producer" else self.scan_box)

    def save(self) -> IntakeResult | None:
        """Record the delivery (Ctrl+S), do the chosen printing, clear for the next one."""
        if not self.producer_code():
            self._refuse(OperationError(tr("in_pick_producer")), self.producer)
            return None
        lines = self.intake_lines()
        if lines is None:
            return None
        try:
            result = intake.receive_goods(self.session, self.producer_code(), lines,
                                          self.delivery_note.text(), self.note.text())  # fmt: skip
        except OperationError as exc:
            self._refused(exc)
            return None
        self.last_result = result
        news = [tr("in_saved", no=result.intake_no, code=result.producer_code,
                   lines=len(result.lines), pieces=result.total_text(language()))]  # fmt: skip
        news += self.outputs(self.opt_print.isChecked(), self.opt_pdf.isChecked(),
                             self.opt_labels.isChecked())  # fmt: skip
        self.clear()
        forms.say(self.message, "\n".join(news))
        self.last.setText(tr("in_last", no=result.intake_no, code=result.producer_code))
        for b in self.again:
            b.setEnabled(True)
        self.received.emit(result)
        self.changed.emit()
        return result

    def outputs(self, paper: bool, pdf: bool, labels: bool) -> list[str]:
        """Print, save or label the last intake (again: a reprint says สำเนา); the news."""
        result = self.last_result
        if result is None:
            return []
        news = stock_papers.print_slip(
            self.session, "intake", result.intake_no, paper=paper, pdf=pdf
        )
        if labels:
            items = [(ln.product_id, items_in(ln.qty, ln.unit)) for ln in result.lines]
            target = self.label_target.currentData()
            news.append(stock_papers.print_labels(self.session, result.intake_no, items, target))
        forms.say(self.message, "\n".join(news))
        return news

    def clear(self) -> None:
        """Ready for the next delivery: no producer, no lines, empty boxes."""
        self.lines.clear()
        self.table.setRowCount(0)
        for box in (self.delivery_note, self.note, self.scan_box):
            box.clear()
        self.producer.setCurrentIndex(-1)
        self.producer.setEditText("")
        self._load_products()
        self._update_totals()
        forms.say(self.message, "")
        self.producer.setFocus()
