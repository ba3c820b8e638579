"""Cash payment: type what the customer handed over, see the change, Enter."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
)

from otop_pos.domain.money import Money, MoneyError
from otop_pos.domain.tender import (
    CashRounding,
    TenderError,
    pay_cash,
    quick_cash_amounts,
    round_cash,
)
from otop_pos.ui.i18n import tr


class PaymentDialog(QDialog):
    """Collects the cash tendered; the sale screen commits the sale."""

    def __init__(self, due: Money, rounding: CashRounding, parent: object = None) -> None:
        super().__init__(parent)  # type: ignore[arg-type]
        self.setObjectName("paymentDialog")
        self.setWindowTitle(tr("pay_title"))
        self.due = due
        self.rounding = rounding
        self.tendered: Money | None = None

        due_label = QLabel(f"{tr('due')}  {round_cash(due, rounding).format()}")
        due_label.setObjectName("dueLabel")
        due_label.setStyleSheet("font-size: 32px; font-weight: bold;")

        self.input = QLineEdit()
        self.input.setObjectName("tenderedInput")
        self.input.setAccessibleName(tr("tendered"))
        self.input.setPlaceholderText(tr("tendered"))
        self.input.setStyleSheet("font-size: 32px;")
        self.input.textChanged.connect(self._update_change)
        self.input.returnPressed.connect(self._confirm)

        buttons = QGridLayout()
        for i, amount in enumerate(quick_cash_amounts(due, rounding)):
            label = tr("exact") if i == 0 else amount.format().replace(".00", "")
            button = QPushButton(label)
            button.setObjectName(f"quickCash{i}")
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            button.setMinimumHeight(56)
            button.clicked.connect(lambda _=False, a=amount: self._pick(a))
            buttons.addWidget(button, 0, i)

        self.change_label = QLabel(" ")
        self.change_label.setObjectName("changeLabel")
        self.error_label = QLabel("")
        self.error_label.setObjectName("paymentError")
        self.error_label.setStyleSheet("color: #a40e26; font-weight: bold;")
        self.error_label.setWordWrap(True)

        ok = QPushButton(tr("confirm"))
        ok.setObjectName("confirmPayment")
        ok.clicked.connect(self._confirm)
        cancel = QPushButton(tr("cancel"))
        cancel.clicked.connect(self.reject)
        actions = QHBoxLayout()
        actions.addWidget(cancel)
        actions.addWidget(ok)

        layout = QVBoxLayout(self)
        layout.addWidget(due_label)
        layout.addWidget(QLabel(tr("tendered")))
        layout.addWidget(self.input)
        layout.addLayout(buttons)
        layout.addWidget(QLabel(tr("change")))
        layout.addWidget(self.change_label)
        layout.addWidget(self.error_label)
        layout.addLayout(actions)
        self.setMinimumWidth(520)
        self.input.setFocus()

    def _parse(self) -> Money:
        text = self.input.text().strip()
        return self.due if not text else Money.parse(text)

    def _update_change(self) -> None:
        self.error_label.setText("")
        try:
            payment = pay_cash(self.due, self._parse(), self.rounding)
            self.change_label.setText(payment.change.format())
        except (MoneyError, TenderError):
            self.change_label.setText("—")

    def _pick(self, amount: Money) -> None:
        self.input.setText(amount.format(grouping=False))
        self._confirm()

    def _confirm(self) -> None:
        """Enter with an empty field means exact cash, the commonest case."""
        try:
            tendered = self._parse()
            pay_cash(self.due, tendered, self.rounding)
        except (MoneyError, TenderError) as exc:
            self.error_label.setText(str(exc))
            self.input.selectAll()
            self.input.setFocus()
            return
        self.tendered = tendered
        self.accept()
