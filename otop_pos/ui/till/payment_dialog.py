"""Payment: cash by default (Enter = exact), or any mix of QR, card, transfer, co-payment.

Cash stays the fastest path: the dialog opens on the cash box, and Enter on
an empty box pays the exact amount. F5-F9 switch tenders; a non-cash tender
is added with Enter and, when it covers what is left, completes the sale;
PromptPay only with its own "money received" key (F11), never with Enter.
The keypad beside the form types into its focused box, for a touch screen.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QDialog,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from otop_pos.domain.money import Money
from otop_pos.domain.selling.cash import CashRounding, quick_cash_amounts, round_cash
from otop_pos.domain.selling.tenders import Tender, Tendered, TenderKind, remaining_due
from otop_pos.operations.errors import record_if_bug
from otop_pos.operations.selling import checkout
from otop_pos.operations.selling import tenders as payments
from otop_pos.operations.session import Session
from otop_pos.ui.texts.i18n import tr
from otop_pos.ui.till.customer_display import customer_display
from otop_pos.ui.till.tender_forms import (
    CardForm,
    CopayForm,
    PromptPayForm,
    TenderForm,
    TransferForm,
)
from otop_pos.ui.widgets.forms import refusal_text
from otop_pos.ui.widgets.keypad import Keypad

KINDS = (TenderKind.CASH, TenderKind.PROMPTPAY, TenderKind.CARD, TenderKind.TRANSFER,
         TenderKind.COPAY)  # fmt: skip
KEYS = ("F5", "F6", "F7", "F8", "F9")  # in the order of KINDS


class CashForm(QWidget):
    """The tendered box, quick-cash buttons and the change shown large."""

    def __init__(self, dialog: PaymentDialog) -> None:
        super().__init__()
        self.dialog = dialog
        self.input = QLineEdit()
        self.input.setObjectName("tenderedInput")
        self.input.setAccessibleName(tr("tendered"))
        self.input.setPlaceholderText(tr("tendered"))
        self.input.setStyleSheet("font-size: 32px;")
        self.input.textChanged.connect(dialog.update_change)
        self.input.returnPressed.connect(dialog.confirm_cash)
        self.buttons = QGridLayout()
        self.change_label = QLabel(" ")
        self.change_label.setObjectName("changeLabel")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(QLabel(tr("tendered")))
        layout.addWidget(self.input)
        layout.addLayout(self.buttons)
        layout.addWidget(QLabel(tr("change")))
        layout.addWidget(self.change_label)

    def show_quick_amounts(self, cash_due: Money, rounding: CashRounding) -> None:
        while self.buttons.count():
            item = self.buttons.takeAt(0)
            if item is not None and item.widget() is not None:
                item.widget().deleteLater()  # type: ignore[union-attr]
        for i, amount in enumerate(quick_cash_amounts(cash_due, rounding)):
            label = tr("exact") if i == 0 else amount.format().replace(".00", "")
            button = QPushButton(label)
            button.setObjectName(f"quickCash{i}")
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            button.setMinimumHeight(56)
            button.setAutoDefault(False)
            button.clicked.connect(lambda _=False, a=amount: self.dialog.pick_cash(a))
            self.buttons.addWidget(button, 0, i)


class PaymentDialog(QDialog):
    """Collects tenders; the sale screen commits the sale with ``self.tenders``."""

    def __init__(self, due: Money, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("paymentDialog")
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)  # one dialog per payment
        self.setWindowTitle(tr("pay_title"))
        setup = payments.payment_setup(session)
        self.due, self.rounding = due, setup.rounding
        self.cover: Callable[[list[Tender]], Tendered] = lambda tenders: checkout.cover_sale(
            session, due, tenders
        )
        self.added: list[Tender] = []
        self.tenders: list[Tender] = []
        self.tendered: Tendered | None = None

        self.due_label = QLabel()
        self.due_label.setObjectName("dueLabel")
        self.due_label.setStyleSheet("font-size: 32px; font-weight: bold;")
        self.paid_list = QListWidget()
        self.paid_list.setObjectName("paidList")
        self.paid_list.setMaximumHeight(110)
        self.paid_list.setFocusPolicy(Qt.FocusPolicy.NoFocus)

        self.cash = CashForm(self)
        self.forms: dict[TenderKind, TenderForm] = {
            TenderKind.PROMPTPAY: PromptPayForm(
                lambda amount: payments.promptpay_qr(session, amount),
                lambda amount: payments.print_promptpay_slip(session, amount),
            ),
            TenderKind.CARD: CardForm(),
            TenderKind.TRANSFER: TransferForm(),
            TenderKind.COPAY: CopayForm(
                setup.copay_scheme, lambda amount: payments.split_copay(session, amount)
            ),
        }
        self.customer = customer_display()
        if self.customer is not None:
            promptpay = self.forms[TenderKind.PROMPTPAY]
            promptpay.qr_changed.connect(self.customer.show_qr)  # type: ignore[attr-defined]
            self.finished.connect(lambda _r: self.customer.clear())  # type: ignore[union-attr]
        self.stack = QStackedWidget()
        self.stack.addWidget(self.cash)
        tabs = QHBoxLayout()
        self.tab_buttons: dict[TenderKind, QPushButton] = {}
        for kind, key in zip(KINDS, KEYS, strict=True):
            button = QPushButton(f"{tr('tender_' + kind.value)} ({key})")
            button.setObjectName(f"tender_{kind.value}")
            button.setCheckable(True)
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            button.clicked.connect(lambda _=False, k=kind: self.switch(k))
            tabs.addWidget(button)
            self.tab_buttons[kind] = button
            if kind in self.forms:
                form = self.forms[kind]
                form.submitted.connect(self.add_current)
                self.stack.addWidget(form)

        self.error_label = QLabel("")
        self.error_label.setObjectName("paymentError")
        self.error_label.setStyleSheet("color: #a40e26; font-weight: bold;")
        self.error_label.setWordWrap(True)
        ok = QPushButton(tr("confirm"))
        ok.setObjectName("confirmPayment")
        ok.clicked.connect(self.confirm)
        cancel = QPushButton(tr("cancel"))
        cancel.clicked.connect(self.reject)
        # Enter belongs to the box that has the focus, never to a dialog button.
        for b in (ok, cancel, *self.tab_buttons.values()):
            b.setAutoDefault(False)
        actions = QHBoxLayout()
        actions.addWidget(cancel)
        actions.addWidget(ok)

        layout = QVBoxLayout(self)
        layout.addWidget(self.due_label)
        layout.addLayout(tabs)
        layout.addWidget(self.paid_list)
        self.keypad = Keypad(name="paymentKeypad")  # types into whichever amount box has focus
        body = QHBoxLayout()
        body.addWidget(self.stack, 1)
        body.addWidget(self.keypad, 0, Qt.AlignmentFlag.AlignTop)
        layout.addLayout(body, 1)
        layout.addWidget(self.error_label)
        layout.addLayout(actions)
        self.setMinimumWidth(760)  # the form and the keypad side by side, even at 1024x768
        self.kind = TenderKind.CASH
        self.switch(TenderKind.CASH)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        """F5-F9 pick a tender; Ctrl+Backspace takes back the last one added.

        Handled here rather than with shortcuts: the boxes pass these keys up,
        so they work whichever box has the focus.
        """
        key = event.key()
        if Qt.Key.Key_F5 <= key <= Qt.Key.Key_F9:
            self.switch(KINDS[key - Qt.Key.Key_F5])
        elif (
            key == Qt.Key.Key_Backspace and event.modifiers() & Qt.KeyboardModifier.ControlModifier
        ):
            self.remove_last()
        else:
            super().keyPressEvent(event)

    # amounts ---------------------------------------------------------------
    @property
    def left(self) -> Money:
        """What is still to pay before cash (exact satang)."""
        return remaining_due(self.due, self.added)

    def _refresh(self) -> None:
        left = self.left
        cash_due = round_cash(left, self.rounding)
        text = f"{tr('due')}  {cash_due.format()}"
        if self.added:
            text = f"{tr('remaining')}  {cash_due.format()}\n({tr('due')} {self.due.format()})"
        self.due_label.setText(text)
        self.cash.show_quick_amounts(cash_due, self.rounding)
        self.paid_list.clear()
        for t in self.added:
            self.paid_list.addItem(f"{tr('tender_' + t.kind.value)}  {t.amount.format()}")
        self.update_change()

    # tenders ---------------------------------------------------------------
    def switch(self, kind: TenderKind) -> None:
        self.kind = kind
        for k, button in self.tab_buttons.items():
            button.setChecked(k is kind)
        self.error_label.setText("")
        if kind is TenderKind.CASH:
            self.stack.setCurrentWidget(self.cash)
            self._refresh()
            self.cash.input.setFocus()
        else:
            form = self.forms[kind]
            self.stack.setCurrentWidget(form)
            self._refresh()
            form.start(self.left)

    def _fail(self, exc: Exception, box: QLineEdit | None) -> None:
        self.error_label.setText(refusal_text(exc))
        if box is not None:
            box.setFocus()
            box.selectAll()

    def add_current(self) -> None:
        """Add the shown non-cash tender; finish when nothing is left to pay."""
        form = self.forms[self.kind]
        try:
            tender = form.tender()
            trial = [*self.added, tender]
            left = remaining_due(self.due, trial)
            if left:  # check it fits, with the rest still to come in cash (rounded up to a baht)
                trial.append(Tender(TenderKind.CASH, left + Money.baht(1)))
            self.cover(trial)
        except Exception as exc:  # domain and operation refusals both name their field
            self._fail(exc, form.fields.get(getattr(exc, "field", "amount"), form.amount))
            return
        self.added.append(tender)
        if not self.left:
            self._finish([])
            return
        self.switch(TenderKind.CASH)

    def remove_last(self) -> None:
        if self.added:
            self.added.pop()
            self.switch(self.kind)

    # cash ------------------------------------------------------------------
    def _cash_given(self) -> Money:
        text = self.cash.input.text().strip()
        return round_cash(self.left, self.rounding) if not text else Money.parse(text)

    def update_change(self) -> None:
        self.error_label.setText("")
        try:
            tendered = self.cover([*self.added, *self._cash_tender()])
            self.cash.change_label.setText(tendered.change.format())
        except Exception as exc:  # a half-typed amount: no change to show yet
            record_if_bug(exc, "showing the change")
            self.cash.change_label.setText("—")

    def _cash_tender(self) -> list[Tender]:
        given = self._cash_given()
        return [Tender(TenderKind.CASH, given)] if self.left else []

    def pick_cash(self, amount: Money) -> None:
        self.cash.input.setText(amount.format(grouping=False))
        self.confirm_cash()

    def confirm_cash(self) -> None:
        """Enter with an empty box means exact cash, the commonest case."""
        try:
            self._finish(self._cash_tender())
        except Exception as exc:  # PaymentError, MoneyError, TenderRefused
            self._fail(exc, self.cash.input)

    def confirm(self) -> None:
        """The confirm button: as Enter in the shown form (PromptPay: says F11 adds it)."""
        if self.kind is TenderKind.CASH:
            self.confirm_cash()
        else:
            self.forms[self.kind].enter_pressed()

    def _finish(self, cash: list[Tender]) -> None:
        tenders = [*self.added, *cash]
        self.tendered = self.cover(tenders)
        self.tenders = tenders
        self.accept()
