"""Paying a producer what the centre owes: cash, a bank transfer or PromptPay.

Only settled money can be paid, and the operation checks it again inside
its transaction; this dialog only helps. For PromptPay it shows the QR for
the manager's phone to scan, with the exact amount in it, before anything is
recorded: the payout is recorded only when "บันทึกการจ่าย" is pressed.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QDialog,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from otop_pos.domain.money import Money, MoneyError
from otop_pos.operations.consignment import documents, payouts, statement_screen, statements
from otop_pos.operations.errors import FieldError, OperationError, user_message
from otop_pos.operations.session import Session
from otop_pos.ui.texts.i18n import language, tr
from otop_pos.ui.widgets.forms import (
    BAD_BOX,
    BOX_HEIGHT,
    action_row,
    focus_box,
    message_label,
    refusal_text,
    say,
    title_label,
)
from otop_pos.ui.widgets.qr_view import QRView

METHOD_NAMES = {"cash": "payoutMethodCash", "transfer": "payoutMethodTransfer",
                "promptpay": "payoutMethodPromptpay"}  # fmt: skip
BIG = "font-size: 28px; font-weight: bold; color: #0b3d91;"
AMOUNT_STYLE = "font-size: 22px;"
CARD = (
    "QFrame#payoutOwedCard { background: #f6f8fa; border: 1px solid #d0d7de; border-radius: 6px; }"
)
CHOSEN = "QPushButton:checked { background: #1f6feb; color: white; font-weight: bold; }"


class PayoutDialog(QDialog):
    paid = Signal(object)  # the recorded settlement.Payout

    def __init__(
        self, session: Session, producer_code: str, owed: Money, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("payoutDialog")
        self.setWindowTitle(tr("po_title_short"))
        self.session = session
        self.code = producer_code
        self.owed = owed
        self.payout: payouts.Payout | None = None
        self.print_note = ""
        self.payload = ""
        self.producer = next(
            (r for r in statements.producer_rows(session) if r["code"] == producer_code), {}
        )
        self._build()
        self.choose("cash")
        focus_box(self.amount)

    def _build(self) -> None:
        name = str(self.producer.get("name", ""))
        owed_value = QLabel(self.owed.format())
        owed_value.setObjectName("payoutOwed")
        owed_value.setAccessibleName(tr("po_owed"))
        owed_value.setStyleSheet(BIG)
        self.amount = QLineEdit(self.owed.format(grouping=False) if self.owed.satang > 0 else "")
        self.amount.setObjectName("payoutAmount")
        self.amount.setAccessibleName(tr("po_amount"))
        self.amount.setAlignment(Qt.AlignmentFlag.AlignRight)
        self.amount.setMinimumHeight(BOX_HEIGHT)
        self.amount.setStyleSheet(AMOUNT_STYLE)
        self.amount.textChanged.connect(lambda _t: self._changed())
        self.amount.returnPressed.connect(self._next)
        self.amount_error = message_label("payoutAmountError")
        self.methods = QButtonGroup(self)
        row = QHBoxLayout()
        self.method_buttons: dict[str, QPushButton] = {}
        for method, object_name in METHOD_NAMES.items():
            b = QPushButton(payouts.METHOD_TH[method] if language() != "en" else method)
            b.setObjectName(object_name)
            b.setAccessibleName(b.text())
            b.setCheckable(True)
            b.setAutoDefault(False)
            b.setMinimumHeight(52)
            b.setStyleSheet(CHOSEN)
            b.clicked.connect(lambda _=False, m=method: self.choose(m))
            self.methods.addButton(b)
            self.method_buttons[method] = b
            row.addWidget(b)
        self.method_error = message_label("payoutMethodError")
        self.reference = QLineEdit()
        self.reference.setObjectName("payoutReference")
        self.reference.setAccessibleName(tr("po_reference"))
        self.reference.setMinimumHeight(BOX_HEIGHT)
        self.reference.returnPressed.connect(self.confirm)
        self.bank = QLabel(tr("po_bank", account=self.producer.get("bank_account") or "-"))
        self.bank.setObjectName("payoutBank")
        self.message = message_label("payoutMessage")
        actions, self.ok, self.cancel = action_row(self, tr("po_ok"), "payoutOk", self.confirm)

        form = QGridLayout()
        form.setColumnStretch(1, 1)
        rows: tuple[tuple[str | None, QWidget | QHBoxLayout], ...] = (
            (tr("po_amount"), self.amount),
            (None, self.amount_error),
            (tr("po_method"), row),
            (None, self.method_error),
            (None, self.bank),
            (tr("po_reference"), self.reference),
        )
        for i, (caption, item) in enumerate(rows):
            if caption:
                label = QLabel(caption)
                label.setWordWrap(True)
                form.addWidget(label, i, 0)
            if isinstance(item, QHBoxLayout):
                form.addLayout(item, i, 1)
            else:
                form.addWidget(item, i, 1)
        owed_card = QFrame()
        owed_card.setObjectName("payoutOwedCard")
        owed_card.setStyleSheet(CARD)
        owed_row = QHBoxLayout(owed_card)
        owed_row.addWidget(QLabel(tr("po_owed")), 1)
        owed_row.addWidget(owed_value)
        left = QVBoxLayout()
        left.setSpacing(10)
        left.addWidget(title_label(tr("po_title", code=self.code, name=name)))
        left.addWidget(owed_card)
        left.addLayout(form)
        left.addStretch(1)
        left.addWidget(self.message)
        left.addLayout(actions)
        self.qr_panel = self._qr_panel()
        layout = QHBoxLayout(self)
        layout.addLayout(left, 3)
        layout.addWidget(self.qr_panel, 2)
        self.setMinimumWidth(640)

    def _qr_panel(self) -> QWidget:
        panel = QWidget()
        panel.setObjectName("payoutQrPanel")
        self.qr = QRView()
        self.qr.setObjectName("payoutQR")
        self.qr.setAccessibleName(tr("po_qr"))
        self.qr_caption = QLabel("")
        self.qr_caption.setObjectName("payoutQrCaption")
        self.qr_caption.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.qr_caption.setWordWrap(True)
        self.qr_caption.setStyleSheet("font-size: 18px; font-weight: bold;")
        hint = QLabel(tr("po_qr_hint"))
        hint.setWordWrap(True)
        hint.setAlignment(Qt.AlignmentFlag.AlignCenter)
        box = QVBoxLayout(panel)
        box.addWidget(self.qr, 1)
        box.addWidget(self.qr_caption)
        box.addWidget(hint)
        return panel

    def _next(self) -> None:
        focus_box(self.reference)

    # state -------------------------------------------------------------------
    def method(self) -> str:
        return next(m for m, b in self.method_buttons.items() if b.isChecked())

    def choose(self, method: str) -> None:
        self.method_buttons[method].setChecked(True)
        self.bank.setVisible(method == "transfer")
        self.qr_panel.setVisible(method == "promptpay")
        self._changed()

    def _field(self, field: str) -> tuple[QWidget, QLabel] | None:
        return {"amount": (self.amount, self.amount_error),
                "method": (self.method_buttons["promptpay"], self.method_error)}.get(field)  # fmt: skip

    def _clear(self) -> None:
        self.amount.setStyleSheet(AMOUNT_STYLE)
        self.method_buttons["promptpay"].setStyleSheet(CHOSEN)
        for label in (self.amount_error, self.method_error):
            label.setText("")
        self.message.setText("")

    def _refuse(self, exc: Exception) -> None:
        """The Thai reason next to the field it is about (or under the form)."""
        text = user_message(exc, language())
        found = self._field(getattr(exc, "field", ""))
        if found is None:
            say(self.message, text, error=True)
            return
        box, label = found
        say(label, text, error=True)
        if box is self.amount:
            box.setStyleSheet(AMOUNT_STYLE + BAD_BOX)
            focus_box(box)
        else:
            box.setStyleSheet(f"QPushButton {{ {BAD_BOX} }} {CHOSEN}")

    def parse_amount(self) -> Money:
        try:
            return Money.parse(self.amount.text())
        except MoneyError as exc:
            raise FieldError(
                f"ยอดจ่ายไม่ถูกต้อง: {self.amount.text().strip() or '-'} (ตัวอย่าง 1250.50)",
                "The amount is not a number (e.g. 1250.50).",
                "amount",
            ) from exc

    def _changed(self) -> None:
        """Refresh the QR for the amount typed: the phone pays exactly that."""
        self._clear()
        payload, caption = "", ""
        if self.method() == "promptpay":
            try:
                amount = self.parse_amount()
                payload = _qr_payload(self.session, self.code, amount)
                caption = tr("po_qr_caption", id=self.producer.get("promptpay_id") or "-",
                             amount=amount.format())  # fmt: skip
            except OperationError as exc:
                self._refuse(exc)
        self.payload = payload
        self.qr.set_data(payload)
        self.qr_caption.setText(caption)

    def qr_payload(self) -> str:
        """What the QR on screen carries ('' when there is none)."""
        return self.payload

    # action ------------------------------------------------------------------
    def confirm(self) -> payouts.Payout | None:
        """Record the payout, print its slip, close; a refusal records nothing."""
        if self.payout is not None:
            return self.payout
        self._clear()
        try:
            amount = self.parse_amount()
            payout = payouts.pay(self.session, self.code, amount, self.method(),
                                    self.reference.text())  # fmt: skip
        except OperationError as exc:
            self._refuse(exc)
            return None
        self.payout = payout
        try:
            statement_screen.print_or_save(documents.print_payout_slip, self.session, payout)
        except Exception as exc:  # recorded all the same: the slip can be printed later
            self.print_note = refusal_text(exc)
        self.paid.emit(payout)
        self.accept()
        return payout


def _qr_payload(session: Session, code: str, amount: Money) -> str:
    """The PromptPay payload for ``amount``; nothing to scan for zero or less."""
    if amount.satang <= 0:
        raise FieldError("ยอดจ่ายต้องมากกว่าศูนย์", "The amount must be above zero.", "amount")
    return payouts.payout_qr(session, code, amount)
