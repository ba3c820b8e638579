"""One small form per non-cash tender, each turning its fields into a Tender.

A form raises the domain's PaymentError, whose ``field`` names the input to
mark, so the cashier sees the message next to the box that is wrong.

Enter adds a card, transfer or co-payment tender. PromptPay is the
exception: a QR shown is not a QR paid, and Enter is what a cashier presses
all day, so only its own "money received" button (F11) adds it; Enter there
only says so.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QFormLayout, QLabel, QLineEdit, QPushButton, QVBoxLayout, QWidget

from otop_pos.domain.money import Money, MoneyError
from otop_pos.domain.selling.tenders import CopaySplit, PaymentError, Tender, TenderKind
from otop_pos.operations.errors import record_if_bug
from otop_pos.ui.texts.i18n import tr
from otop_pos.ui.texts.touch import touch_text
from otop_pos.ui.widgets.forms import refusal_text
from otop_pos.ui.widgets.qr_view import QRView


def money_field(name: str) -> QLineEdit:
    box = QLineEdit()
    box.setObjectName(name)
    box.setAlignment(Qt.AlignmentFlag.AlignRight)
    return box


def parse_amount(box: QLineEdit, default: Money) -> Money:
    text = box.text().strip()
    if not text:
        return default
    try:
        return Money.parse(text)
    except MoneyError as exc:
        raise PaymentError(
            "จำนวนเงินไม่ถูกต้อง", "The amount is not a valid number.", "amount"
        ) from exc


class TenderForm(QWidget):
    """Base: an amount box (empty = what is left to pay) plus the tender's own fields."""

    kind: TenderKind
    submitted = Signal()

    def __init__(self, prefix: str) -> None:
        super().__init__()
        self.remaining = Money(0)
        self.amount = money_field(f"{prefix}Amount")
        self.amount.returnPressed.connect(self.enter_pressed)
        self.form = QFormLayout()
        self.form.addRow(tr("tender_amount"), self.amount)
        self.fields: dict[str, QLineEdit] = {"amount": self.amount}
        layout = QVBoxLayout(self)
        layout.addLayout(self.form)

    def add_field(self, key: str, label: str, name: str) -> QLineEdit:
        box = QLineEdit()
        box.setObjectName(name)
        box.returnPressed.connect(self.enter_pressed)
        self.form.addRow(label, box)
        self.fields[key] = box
        return box

    def enter_pressed(self) -> None:
        """Enter in any box of the form (or the dialog's confirm button) adds the tender."""
        self.submitted.emit()

    def start(self, remaining: Money) -> None:
        """Show the form for a fresh tender of at most ``remaining``."""
        self.remaining = remaining
        for box in self.fields.values():
            box.clear()
        self.amount.setPlaceholderText(remaining.format())
        self.first_input().setFocus()

    def first_input(self) -> QLineEdit:
        return self.amount

    def tender(self) -> Tender:
        raise NotImplementedError


class PromptPayForm(TenderForm):
    kind = TenderKind.PROMPTPAY
    qr_changed = Signal(str, object)  # payload ('' = none), amount: for the customer's screen

    def __init__(self, make_qr: Callable[[Money], str], print_qr: Callable[[Money], bool]) -> None:
        super().__init__("promptpay")
        self.make_qr = make_qr
        self.print_button = QPushButton(tr("qr_print"))
        self.print_button.setObjectName("promptpayPrint")
        self.print_button.setAutoDefault(False)
        self.print_button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.print_button.clicked.connect(
            lambda: print_qr(parse_amount(self.amount, self.remaining))
        )
        self.qr = QRView()
        self.qr_caption = QLabel()
        self.qr_caption.setObjectName("promptpayCaption")
        self.qr_caption.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.qr_caption.setWordWrap(True)  # beside the keypad the form is narrow
        self.reference = self.add_field("reference", tr("bank_ref"), "promptpayRef")
        self.layout().addWidget(self.qr, 1)  # type: ignore[union-attr]
        self.layout().addWidget(self.qr_caption)  # type: ignore[union-attr]
        self.layout().addWidget(self.print_button)  # type: ignore[union-attr]
        self.hint = QLabel("")
        self.hint.setObjectName("promptpayHint")
        self.hint.setWordWrap(True)
        self.hint.setStyleSheet("color: #a40e26; font-weight: bold;")
        self.layout().addWidget(self.hint)  # type: ignore[union-attr]
        self.received_button = QPushButton(touch_text("promptpay_received"))
        self.received_button.setObjectName("promptpayReceived")
        self.received_button.setAccessibleName(self.received_button.text())
        self.received_button.setAutoDefault(False)
        self.received_button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.received_button.setMinimumHeight(56)
        self.received_button.setStyleSheet(
            "background: #1a7f37; color: white; font-weight: bold; font-size: 18px;"
        )
        self.received_button.clicked.connect(lambda _=False: self.submitted.emit())
        self.layout().addWidget(self.received_button)  # type: ignore[union-attr]
        QShortcut(QKeySequence("F11"), self, self.submitted.emit,
                  context=Qt.ShortcutContext.WidgetWithChildrenShortcut)  # fmt: skip
        self.amount.textChanged.connect(self.refresh_qr)
        self.payload = ""

    def enter_pressed(self) -> None:
        """Enter never confirms the money: it says which key does."""
        self.hint.setText(touch_text("promptpay_enter_hint"))

    def start(self, remaining: Money) -> None:
        super().start(remaining)
        self.hint.setText("")
        self.refresh_qr()

    def refresh_qr(self) -> None:
        """The QR always carries the amount in the box, so the customer cannot pay another."""
        try:
            amount = parse_amount(self.amount, self.remaining)
            self.payload = self.make_qr(amount) if amount.satang > 0 else ""
            caption = tr("qr_caption", amount=amount.format())
        except Exception as exc:  # a bad amount or no PromptPay ID: say so where the QR goes
            self.payload, caption, amount = "", refusal_text(exc), Money(0)
        self.qr.set_data(self.payload)
        self.qr_caption.setText(caption)
        self.qr_changed.emit(self.payload, amount if self.payload else Money(0))

    def tender(self) -> Tender:
        amount = parse_amount(self.amount, self.remaining)
        return Tender(self.kind, amount, reference=self.reference.text().strip())


class CardForm(TenderForm):
    kind = TenderKind.CARD

    def __init__(self) -> None:
        super().__init__("card")
        self.last4 = self.add_field("card_last4", tr("card_last4"), "cardLast4")
        self.last4.setMaxLength(4)
        self.approval = self.add_field("approval_code", tr("approval_code"), "cardApproval")

    def tender(self) -> Tender:
        return Tender(
            self.kind,
            parse_amount(self.amount, self.remaining),
            approval_code=self.approval.text().strip(),
            card_last4=self.last4.text().strip(),
        )


class TransferForm(TenderForm):
    kind = TenderKind.TRANSFER

    def __init__(self) -> None:
        super().__init__("transfer")
        self.reference = self.add_field("reference", tr("transfer_ref"), "transferRef")

    def tender(self) -> Tender:
        return Tender(
            self.kind,
            parse_amount(self.amount, self.remaining),
            reference=self.reference.text().strip(),
        )


class CopayForm(TenderForm):
    """One tender, two shares: what the customer pays and what the government pays."""

    kind = TenderKind.COPAY

    def __init__(self, scheme: str, split: Callable[[Money], CopaySplit]) -> None:
        super().__init__("copay")
        self.split = split
        self.default_scheme = scheme
        self.scheme = self.add_field("scheme", tr("copay_scheme"), "copayScheme")
        self.customer = self.add_field("customer_share", tr("copay_customer"), "copayCustomer")
        self.government = self.add_field("government_share", tr("copay_government"), "copayGov")
        self.reference = self.add_field("reference", tr("copay_ref"), "copayRef")
        self.cap_note = QLabel()
        self.cap_note.setObjectName("copayCapNote")
        self.layout().addWidget(self.cap_note)  # type: ignore[union-attr]
        self.amount.textChanged.connect(self.suggest_split)

    def start(self, remaining: Money) -> None:
        super().start(remaining)
        self.scheme.setText(self.default_scheme)
        self.suggest_split()

    def suggest_split(self) -> None:
        try:
            split = self.split(parse_amount(self.amount, self.remaining))
        except Exception as exc:  # an amount still being typed (a bug is still recorded)
            record_if_bug(exc, "splitting a co-payment")
            return
        self.customer.setText(split.customer.format(grouping=False))
        self.government.setText(split.government.format(grouping=False))
        self.cap_note.setText(tr("copay_over_cap") if split.over_cap else "")

    def tender(self) -> Tender:
        customer = parse_amount(self.customer, Money(0))
        government = parse_amount(self.government, Money(0))
        return Tender(
            self.kind,
            customer + government,
            reference=self.reference.text().strip(),
            scheme=self.scheme.text().strip(),
            customer_share=customer,
            government_share=government,
        )
