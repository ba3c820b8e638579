"""Writing stock off and handing goods back to their producer: one dialog each.

Each dialog checks the typed quantities, then calls one operation: a refusal
shows beside its box and nothing is written. A cashier's write-off waits for
a manager's PIN, kept while the dialog is open so a fixed note needs no second.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFormLayout,
    QGridLayout,
    QLabel,
    QLineEdit,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from otop_pos.domain.catalogue.units import is_measured, qty_number, qty_shown, qty_text, unit_text
from otop_pos.domain.staff.permissions import Permission
from otop_pos.domain.stock.quantities import StockInputError, parse_qty
from otop_pos.operations.approvals import Approval
from otop_pos.operations.consignment import producer_returns
from otop_pos.operations.consignment.producer_returns import ReturnResult
from otop_pos.operations.errors import OperationError, user_message
from otop_pos.operations.session import Session
from otop_pos.operations.stock import on_hand, write_offs
from otop_pos.operations.stock.on_hand import ADJUST_REASONS, StockRow
from otop_pos.ui.back_office.stock_fields import (
    check_box,
    hrow,
    line_box,
    named,
    picked_code,
    producer_combo,
    set_picked,
)
from otop_pos.ui.back_office.stock_papers import print_slip
from otop_pos.ui.staff.approval_dialog import request_approval
from otop_pos.ui.texts.i18n import language, tr
from otop_pos.ui.widgets import forms

RETURN_REASONS = ("sk_rt_unsold", "sk_rt_damaged", "sk_rt_expired", "sk_rt_recalled")


# Write-off ----------------------------------------------------------------------
class WriteOffDialog(QDialog):
    """Write off pieces of one product: damaged, expired, sample or lost."""

    adjusted = Signal(str)  # the AJ number

    def __init__(self, session: Session, row: StockRow, parent: QWidget | None = None,
                 reason: str = "", qty: int = 0) -> None:  # fmt: skip
        super().__init__(parent)
        self.setObjectName("adjustDialog")
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.setWindowTitle(tr("sk_adjust_title"))
        self.session, self.row = session, row
        self.approval: Approval | None = None
        self.adjust_no = ""
        self.reason = QComboBox()
        self.reason.setObjectName("adjustReason")
        self.reason.setAccessibleName(tr("sk_reason"))
        self.reason.setMinimumHeight(44)
        for key in ADJUST_REASONS:
            self.reason.addItem(tr(f"sk_reason_{key}"), key)
        self.reason.setCurrentIndex(self.reason.findData(reason))
        self.qty = line_box("adjustQty", "sk_qty")  # a weighed product's in its unit: 1.5 (kg)
        self.qty.setText(qty_number(qty, row.unit, grouping=False) if qty else "")
        self.qty.returnPressed.connect(lambda: forms.focus_box(self.note))
        self.note = line_box("adjustNote", "sk_note", "sk_note_hint")
        self.note.returnPressed.connect(self.confirm)
        self.message = forms.message_label("adjustMessage")
        form = QFormLayout()
        form.addRow(tr("sk_reason"), self.reason)
        unit = unit_text(row.unit, language())
        form.addRow(tr("sk_qty_in", unit=unit) if is_measured(row.unit) else tr("sk_qty"), self.qty)
        form.addRow(tr("sk_note"), self.note)
        actions, self.ok, self.cancel = forms.action_row(self, tr("sk_adjust_ok"), "adjustOk",
                                                      self.confirm)  # fmt: skip
        layout = QVBoxLayout(self)
        layout.addWidget(forms.title_label(tr("sk_adjust_of", sku=row.sku, name=row.name_th,
                                           qty=qty_shown(row.on_hand, row.unit, language()))))  # fmt: skip
        layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addLayout(actions)
        self.setMinimumWidth(560)
        forms.focus_box(self.qty)

    def confirm(self) -> None:
        """Check the quantity, ask a manager if need be, then write off."""
        if self.adjust_no:
            self.accept()
            return
        try:
            parse_qty(self.qty.text(), unit=self.row.unit)
        except StockInputError as exc:
            forms.show_refusal(OperationError(exc.thai, exc.english), self.message, {})
            forms.mark_box(self.qty, True)
            forms.focus_box(self.qty)
            return
        if self.approval is not None:
            self.act(self.approval)
        else:
            request_approval(self, self.session, Permission.ADJUST_STOCK, self.act)

    def act(self, approval: Approval | None) -> None:
        self.approval = approval
        qty = parse_qty(self.qty.text(), unit=self.row.unit)
        try:
            no = write_offs.adjust_stock(self.session, str(self.reason.currentData() or ""),
                                        [(self.row.product_id, qty)], self.note.text(), approval)  # fmt: skip
        except OperationError as exc:
            boxes = {"reason": self.reason, "note": self.note, "items": self.qty,
                     f"item_{self.row.product_id}": self.qty}  # fmt: skip
            forms.show_refusal(exc, self.message, boxes)
            return
        self.adjust_no = no
        for box in (self.qty, self.note):
            box.setReadOnly(True)
        self.reason.setEnabled(False)
        shown = qty_text(qty, self.row.unit, language())
        forms.say(self.message, tr("sk_adjusted", no=no, sku=self.row.sku, qty=shown))
        self.adjusted.emit(no)
        forms.finish_button(self.ok, self.cancel)


# Return to the producer -----------------------------------------------------------
class ProducerReturnDialog(QDialog):
    """The producer's products on hand, a quantity per line, one reason, then the slip."""

    returned = Signal(object)  # ReturnResult

    def __init__(self, session: Session, producer_code: str = "",
                 parent: QWidget | None = None) -> None:  # fmt: skip
        super().__init__(parent)
        self.setObjectName("returnDialog")
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.setWindowTitle(tr("sk_return_title"))
        self.session = session
        self.result: ReturnResult | None = None
        self.boxes: dict[int, QLineEdit] = {}
        self.units: dict[int, str] = {}  # a weighed product's box is in its unit
        self.producer = producer_combo(session, "returnProducer")
        set_picked(self.producer, producer_code)
        self.producer.currentIndexChanged.connect(lambda _i: self.load())
        self.lines = QWidget()
        self.lines.setObjectName("returnLines")
        self.grid = QGridLayout(self.lines)
        self.grid.setHorizontalSpacing(14)
        scroll = QScrollArea()
        scroll.setWidget(self.lines)
        scroll.setWidgetResizable(True)
        scroll.setMinimumHeight(240)
        self.reason = line_box("returnReason", "sk_reason")
        self.reason.returnPressed.connect(self.confirm)
        quick = [forms.big_button(tr(k), f"returnQuick{i}", lambda k=k: self._pick(tr(k)))
                 for i, k in enumerate(RETURN_REASONS)]  # fmt: skip
        for b in quick:
            b.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.print_paper = check_box("sk_print_return", "returnPrintSlip", True)
        self.save_pdf = check_box("sk_save_pdf", "returnSavePdf")
        self.message = forms.message_label("returnMessage")
        actions, self.ok, self.cancel = forms.action_row(self, tr("sk_return_ok"), "returnOk",
                                                      self.confirm)  # fmt: skip
        bottom = QFormLayout()
        bottom.addRow(tr("sk_reason"), self.reason)
        bottom.addRow("", hrow(*quick))
        layout = QVBoxLayout(self)
        layout.addLayout(hrow(QLabel(tr("sk_producer")), (self.producer, 1)))
        layout.addWidget(scroll, 1)
        layout.addLayout(bottom)
        layout.addLayout(hrow(self.print_paper, self.save_pdf, None))
        layout.addWidget(self.message)
        layout.addLayout(actions)
        self.setMinimumSize(760, 560)
        self.load()

    def _pick(self, reason: str) -> None:
        self.reason.setText(reason)
        forms.focus_box(self.reason)

    def load(self) -> None:
        """The chosen producer's products with stock, each with an empty quantity box."""
        while self.grid.count():
            item = self.grid.takeAt(0)
            if item is not None and item.widget() is not None:
                item.widget().deleteLater()  # type: ignore[union-attr]
        self.boxes.clear()
        self.units.clear()
        code = picked_code(self.producer)
        try:
            rows = [r for r in on_hand.stock_on_hand(self.session, code) if r.on_hand > 0]
        except OperationError as exc:
            rows = []
            forms.say(self.message, user_message(exc, language()), error=True)
        for col, key in enumerate(("sk_col_sku", "sk_col_name", "sk_col_ownership",
                                   "sk_col_on_hand", "sk_return_qty")):  # fmt: skip
            head = QLabel(tr(key))
            head.setStyleSheet("font-weight: bold; color: #57606a;")
            self.grid.addWidget(head, 0, col)
        for n, r in enumerate(rows, start=1):
            box = line_box(f"returnQty_{r.product_id}", "sk_return_qty")
            box.setAccessibleName(tr("sk_return_qty_of", name=r.name_th))
            box.setAlignment(Qt.AlignmentFlag.AlignRight)
            box.setFixedWidth(110)
            box.returnPressed.connect(self._next_box)
            name = QLabel(named(r.name_th, r.unit))  # a weighed one is typed in its unit
            name.setWordWrap(True)
            cells = (QLabel(r.sku), name, QLabel(tr(f"sk_{r.ownership}")),
                     QLabel(qty_shown(r.on_hand, r.unit, language())), box)  # fmt: skip
            for col, widget in enumerate(cells):
                self.grid.addWidget(widget, n, col)
                widget.show()
            self.boxes[r.product_id] = box
            self.units[r.product_id] = r.unit
        self.grid.setColumnStretch(1, 1)
        self.grid.setRowStretch(len(rows) + 1, 1)
        if not rows and code:
            forms.say(self.message, tr("sk_return_none"), error=True)
        first = next(iter(self.boxes.values()), None)
        if first is not None:
            forms.focus_box(first)

    def _next_box(self) -> None:
        order = list(self.boxes.values())
        here = self.focusWidget()
        i = order.index(here) + 1 if here in order else len(order)  # type: ignore[arg-type]
        forms.focus_box(order[i] if i < len(order) else self.reason)

    def items(self) -> list[tuple[int, int]] | None:
        """(product id, pieces) typed; None (and the box marked) if one is not a number."""
        out = []
        for pid, box in self.boxes.items():
            if not box.text().strip():
                continue
            try:
                qty = parse_qty(box.text(), allow_zero=True, unit=self.units[pid])
            except StockInputError as exc:
                forms.show_refusal(OperationError(exc.thai, exc.english), self.message, {})
                forms.mark_box(box, True)
                forms.focus_box(box)
                return None
            if qty:
                out.append((pid, qty))
        return out

    def confirm(self) -> None:
        if self.result is not None:
            self.accept()
            return
        items = self.items()
        if items is None:
            return
        try:
            result = producer_returns.return_to_producer(self.session, picked_code(self.producer),
                                                  items, self.reason.text())  # fmt: skip
        except OperationError as exc:
            boxes: dict[str, QWidget] = {"producer": self.producer, "reason": self.reason}
            boxes.update({f"item_{pid}": b for pid, b in self.boxes.items()})
            first = next(iter(self.boxes.values()), None)
            if first is not None:
                boxes["items"] = first
            forms.show_refusal(exc, self.message, boxes)
            return
        self.result = result
        self.lines.setEnabled(False)
        self.producer.setEnabled(False)
        self.reason.setReadOnly(True)
        news = [tr("sk_returned", no=result.return_no, qty=result.total_text(language()),
                   code=result.producer_code)]  # fmt: skip
        news += print_slip(self.session, "return", result.return_no,
                           paper=self.print_paper.isChecked(), pdf=self.save_pdf.isChecked())  # fmt: skip
        forms.say(self.message, "\n".join(news))
        self.returned.emit(result)
        forms.finish_button(self.ok, self.cancel)
