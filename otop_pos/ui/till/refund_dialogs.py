"""Voiding a completed sale, and refunding some of its goods, against the receipt.

The receipt box takes a typed number or a scan of the receipt's QR; Enter
shows the sale so the cashier checks it is the right one before a manager
is asked. An approval is kept while the receipt stays the same, so fixing a
missing reason does not need the manager's PIN twice.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QFormLayout,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QScrollArea,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from otop_pos.domain.catalogue.units import SMALL_EN, SMALL_TH, is_measured, qty_shown, unit_of
from otop_pos.domain.money import Money
from otop_pos.domain.selling.tenders import tender_name
from otop_pos.domain.staff.permissions import Permission
from otop_pos.domain.thai.thaidate import format_numeric, format_numeric_en, from_iso
from otop_pos.operations.approvals import Approval
from otop_pos.operations.errors import OperationError
from otop_pos.operations.selling import refunds
from otop_pos.operations.selling.refunds import RefundResult, ReturnItem
from otop_pos.operations.session import Session
from otop_pos.ui.staff.approval_dialog import request_approval
from otop_pos.ui.texts.i18n import language, tr
from otop_pos.ui.widgets.forms import (
    action_row,
    big_button,
    finish_button,
    focus_box,
    mark_box,
    message_label,
    say,
    show_refusal,
)

VOID_REASONS = ("voidreason_mistake", "voidreason_changed")


def sale_summary(sale: dict[str, Any]) -> str:
    when = from_iso(sale["occurred_at"])
    text = tr("sale_summary", no=sale["receipt_no"], total=Money(sale["total_satang"]).format(),
              when=format_numeric_en(when) if language() == "en" else format_numeric(when),
              cashier=sale.get("cashier_name") or "")  # fmt: skip
    if sale["status"] == "voided":
        text += "\n" + tr("sale_is_void")
    elif sale.get("invoice_no"):
        text += "\n" + tr("refund_invoiced", no=sale["invoice_no"])
    return text


class _ReceiptDialog(QDialog):
    """The receipt box, the sale's summary and the approval kept for that receipt."""

    permission: Permission

    def __init__(self, session: Session, name: str, receipt_no: str, parent: QWidget | None):
        super().__init__(parent)
        self.setObjectName(f"{name}Dialog")
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.session = session
        self.approval: Approval | None = None
        self.loaded = ""  # the receipt number shown; every action is on that sale
        self.done_ = False
        self.receipt = QLineEdit(receipt_no)
        self.receipt.setObjectName(f"{name}Receipt")
        self.receipt.setAccessibleName(tr("invoice_receipt"))
        self.receipt.setPlaceholderText(tr("invoice_receipt"))
        self.receipt.setStyleSheet("font-size: 22px;")
        self.receipt.returnPressed.connect(self.load)
        self.receipt.textChanged.connect(self._forget)
        self.summary = QLabel("")
        self.summary.setObjectName(f"{name}Summary")
        self.summary.setWordWrap(True)
        self.reason = QLineEdit()
        self.reason.setObjectName(f"{name}Reason")
        self.reason.setAccessibleName(tr("return_reason"))
        self.reason.returnPressed.connect(self.confirm)
        self.reason.textChanged.connect(lambda: mark_box(self.reason, False))
        self.message = message_label(f"{name}Message")

    def _forget(self) -> None:
        """Another receipt is another action: shown afresh, approved afresh."""
        self.approval = None
        self.loaded = ""
        self.summary.setText("")
        mark_box(self.receipt, False)

    def _lookup(self) -> dict[str, Any] | None:
        try:
            sale = refunds.refundable(self.session, self.receipt.text())
        except OperationError as exc:
            self.summary.setText("")
            show_refusal(exc, self.message, {"receipt": self.receipt})
            return None
        say(self.message, "")
        self.summary.setText(sale_summary(sale))
        self.loaded = str(sale["receipt_no"])
        return sale

    def load(self) -> None:
        raise NotImplementedError

    def confirm(self) -> None:
        """Show the sale first, then ask a manager when needed, then act."""
        if self.done_:
            self.accept()
        elif not self.loaded:
            self.load()
        elif self.approval is not None:
            self.act(self.approval)
        else:
            request_approval(self, self.session, self.permission, self.act)

    def act(self, approval: Approval | None) -> None:
        raise NotImplementedError


class VoidSaleDialog(_ReceiptDialog):
    """Cancel a whole sale before its Z: receipt, reason, manager, done."""

    permission = Permission.VOID_SALE
    voided = Signal(int)  # the journal seq

    def __init__(self, session: Session, receipt_no: str = "", parent: QWidget | None = None):
        super().__init__(session, "void", receipt_no, parent)
        self.setObjectName("voidSaleDialog")
        self.setWindowTitle(tr("void_sale_title"))
        self.seq: int | None = None
        quick = QHBoxLayout()
        for i, key in enumerate(VOID_REASONS):
            b = big_button(tr(key), f"voidQuick{i}", lambda k=key: self._pick(tr(k)))
            b.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            quick.addWidget(b)
        form = QFormLayout()
        form.addRow(tr("invoice_receipt"), self.receipt)
        form.addRow("", self.summary)
        form.addRow(tr("return_reason"), self.reason)
        form.addRow("", quick)
        actions, self.ok, self.cancel = action_row(self, tr("void_ok"), "voidOk", self.confirm)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addLayout(actions)
        self.setMinimumWidth(640)
        if receipt_no:
            self.load()
        else:
            self.receipt.setFocus()

    def _pick(self, reason: str) -> None:
        self.reason.setText(reason)
        focus_box(self.reason)

    def load(self) -> None:
        if self._lookup() is not None:
            focus_box(self.reason)

    def act(self, approval: Approval | None) -> None:
        self.approval = approval
        try:
            seq = refunds.void_sale(self.session, self.loaded, self.reason.text(), approval)
        except OperationError as exc:
            show_refusal(exc, self.message, {"receipt": self.receipt, "reason": self.reason})
            return
        self.seq, self.done_ = seq, True
        for box in (self.receipt, self.reason):
            box.setReadOnly(True)
        say(self.message, tr("void_done", no=self.loaded))
        self.voided.emit(seq)
        finish_button(self.ok, self.cancel)


class RefundDialog(_ReceiptDialog):
    """Return some of a sale's goods: a quantity and a damaged tick per line."""

    permission = Permission.REFUND
    refunded = Signal(object)  # RefundResult

    def __init__(self, session: Session, receipt_no: str = "", parent: QWidget | None = None):
        super().__init__(session, "refund", receipt_no, parent)
        self.setWindowTitle(tr("refund_title"))
        self.result: RefundResult | None = None
        self.sale: dict[str, Any] | None = None
        self.spins: dict[int, QSpinBox] = {}
        self.damaged: dict[int, QCheckBox] = {}
        self.line_amounts: dict[int, QLabel] = {}
        self.lines = QWidget()
        self.lines.setObjectName("refundLines")
        self.grid = QGridLayout(self.lines)
        self.grid.setHorizontalSpacing(14)
        scroll = QScrollArea()
        scroll.setWidget(self.lines)
        scroll.setWidgetResizable(True)
        scroll.setMinimumHeight(220)
        scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.tender = QComboBox()
        self.tender.setObjectName("refundTender")
        self.tender.setAccessibleName(tr("refund_tender"))
        self.tender.setMinimumHeight(44)
        self.total = QLabel("")
        self.total.setObjectName("refundTotal")
        self.total.setStyleSheet("font-size: 30px; font-weight: bold; color: #0b3d91;")
        self.total.setAlignment(Qt.AlignmentFlag.AlignRight)
        top = QFormLayout()
        top.addRow(tr("invoice_receipt"), self.receipt)
        top.addRow("", self.summary)
        form = QFormLayout()
        form.addRow(tr("refund_tender"), self.tender)
        form.addRow(tr("return_reason"), self.reason)
        actions, self.ok, self.cancel = action_row(self, tr("refund_ok"), "refundOk", self.confirm)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(scroll, 1)
        layout.addLayout(form)
        layout.addWidget(self.total)
        layout.addWidget(self.message)
        layout.addLayout(actions)
        self.setMinimumSize(820, 560)
        self._update_total()
        if receipt_no:
            self.load()
        else:
            self.receipt.setFocus()

    def _forget(self) -> None:
        """Lines shown are another receipt's once its number is edited: drop them."""
        super()._forget()
        if getattr(self, "sale", None) is not None:
            self.sale = None
            self._fill({"lines": []})
            self.tender.clear()

    def load(self) -> None:
        """Show the sale's lines: at most what is still returnable can be chosen."""
        sale = self._lookup()
        if sale is None:
            return
        self.sale = sale
        self._fill(sale)
        self.tender.clear()
        for kind in dict.fromkeys(["cash", *(p["tender"] for p in sale["payments"])]):
            self.tender.addItem(tender_name(kind, language()), kind)
        first = next((s for s in self.spins.values() if s.isEnabled()), None)
        focus_box(first if first is not None else self.receipt)

    def _fill(self, sale: dict[str, Any]) -> None:
        while self.grid.count():
            item = self.grid.takeAt(0)
            if item is not None and item.widget() is not None:
                item.widget().deleteLater()  # type: ignore[union-attr]
        self.spins.clear()
        self.damaged.clear()
        self.line_amounts.clear()
        heads = ("col_name", "refund_col_sold", "refund_col_returned", "refund_col_qty",
                 "refund_damaged", "col_amount")  # fmt: skip
        for col, key in enumerate(heads):
            head = QLabel(tr(key))
            head.setStyleSheet("font-weight: bold; color: #57606a;")
            if col == len(heads) - 1:
                head.setAlignment(Qt.AlignmentFlag.AlignRight)
            self.grid.addWidget(head, 0, col)
        for row, line in enumerate(sale["lines"], start=1):
            n = int(line["line_no"])
            name = QLabel(str(line["name_th"]))
            name.setWordWrap(True)
            spin = QSpinBox()
            spin.setObjectName(f"refundQty_{n}")
            spin.setAccessibleName(tr("refund_qty_of", name=line["name_th"]))
            spin.setRange(0, int(line["returnable"]))
            spin.setEnabled(int(line["returnable"]) > 0)
            spin.setMinimumSize(110, 44)
            spin.setStyleSheet("font-size: 20px;")
            unit = str(line.get("unit") or "piece")
            if is_measured(unit):  # a weighed line is returned in grams (its thousandths)
                small = (SMALL_EN if language() == "en" else SMALL_TH)[unit_of(unit)]
                spin.setSuffix(f" {small}")
            spin.valueChanged.connect(self._update_total)
            spin.installEventFilter(self)
            damaged = QCheckBox()
            damaged.setObjectName(f"refundDamaged_{n}")
            damaged.setAccessibleName(tr("refund_damaged_of", name=line["name_th"]))
            damaged.setStyleSheet("QCheckBox::indicator { width: 30px; height: 30px; }")
            damaged.setEnabled(spin.isEnabled())
            amount = QLabel("0.00")
            amount.setObjectName(f"refundAmount_{n}")
            amount.setMinimumWidth(90)
            amount.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            sold, back = (qty_shown(int(line[k]), unit, language()) for k in ("qty", "returned"))
            for col, widget in enumerate((name, QLabel(sold), QLabel(back), spin, damaged, amount)):
                self.grid.addWidget(widget, row, col)
                widget.show()  # now, not queued: the first box takes the focus at once
            self.spins[n], self.damaged[n], self.line_amounts[n] = spin, damaged, amount
        self.grid.setColumnStretch(0, 1)
        self.grid.setRowStretch(len(sale["lines"]) + 1, 1)
        self._update_total()

    def _update_total(self) -> None:
        """The money back, line by line, as ``returns.line_refund_amount`` reckons it."""
        total = 0
        by_no = {ln["line_no"]: ln for ln in (self.sale or {}).get("lines", [])}
        for n, spin in self.spins.items():
            line = by_no[n]
            amount = refunds.line_refund_amount(line, int(line["returned"]), spin.value())
            self.line_amounts[n].setText(Money(amount).format())
            total += amount
            mark_box(spin, False)
        self.total.setText(tr("refund_total", amount=Money(total).format()))

    def items(self) -> list[ReturnItem]:
        return [
            ReturnItem(n, spin.value(), "damaged" if self.damaged[n].isChecked() else "restock")
            for n, spin in self.spins.items()
            if spin.value() > 0
        ]

    def act(self, approval: Approval | None) -> None:
        self.approval = approval
        kind = self.tender.currentData() or "cash"
        try:
            result = refunds.refund(self.session, self.loaded, self.items(),
                                    self.reason.text(), kind, approval)  # fmt: skip
        except OperationError as exc:
            first = next(iter(self.spins.values()), self.receipt)
            boxes: dict[str, QWidget] = {"receipt": self.receipt, "reason": self.reason,
                                         "tender": self.tender, "items": first}  # fmt: skip
            boxes.update({f"line_{n}": s for n, s in self.spins.items()})
            show_refusal(exc, self.message, boxes)
            return
        self.result, self.done_ = result, True
        self.receipt.setReadOnly(True)
        self.reason.setReadOnly(True)
        self.lines.setEnabled(False)
        self.tender.setEnabled(False)
        text = tr("refund_done", no=result.refund_no, amount=result.total.format(),
                  tender=tender_name(result.tender, language()))  # fmt: skip
        if result.credit_note_no:
            text += "\n" + tr("refund_credit_note", no=result.credit_note_no)
        say(self.message, text)
        self.refunded.emit(result)
        finish_button(self.ok, self.cancel)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Enter in a quantity box moves on to the next line, then to the reason."""
        if (
            event.type() == QEvent.Type.KeyPress
            and isinstance(event, QKeyEvent)
            and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
            and isinstance(watched, QSpinBox)
        ):
            spins = [s for s in self.spins.values() if s.isEnabled()]
            i = spins.index(watched) + 1 if watched in spins else len(spins)
            focus_box(spins[i] if i < len(spins) else self.reason)
            return True
        return super().eventFilter(watched, event)
