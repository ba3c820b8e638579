"""Issue a full tax invoice for an earlier sale: receipt number, buyer, Enter.

The receipt box takes a typed number or a scan of the QR printed on the
receipt. Typing two letters of a name or the start of a tax ID lists buyers
remembered from earlier invoices; picking one fills the form.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from otop_pos.operations.selling import tax_documents, tax_invoices
from otop_pos.operations.selling.tax_invoices import Buyer
from otop_pos.operations.session import Session
from otop_pos.ui.texts.i18n import tr
from otop_pos.ui.widgets.forms import refusal_text

FIELDS = ("receipt", "name", "tax_id", "branch", "address", "postcode")


class TaxInvoiceDialog(QDialog):
    def __init__(self, session: Session, receipt_no: str = "", parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("taxInvoiceDialog")
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.setWindowTitle(tr("tax_invoice_title"))
        self.session = session
        self.invoice_no: str | None = None
        self.boxes: dict[str, QLineEdit] = {}
        form = QFormLayout()
        for key in FIELDS:
            box = QLineEdit()
            box.setObjectName(f"invoice_{key}")
            box.returnPressed.connect(self.issue)
            form.addRow(tr(f"invoice_{key}"), box)
            self.boxes[key] = box
        self.boxes["receipt"].setText(receipt_no)
        self.boxes["branch"].setPlaceholderText(tr("invoice_branch_hint"))
        self.person = QCheckBox(tr("invoice_person"))
        self.person.setObjectName("invoice_person")
        form.addRow("", self.person)

        self.search = QLineEdit()
        self.search.setObjectName("buyerSearch")
        self.search.setPlaceholderText(tr("buyer_search"))
        self.search.textChanged.connect(self.find_buyers)
        self.results = QListWidget()
        self.results.setObjectName("buyerResults")
        self.results.setMaximumHeight(120)
        self.results.itemActivated.connect(self.pick)
        self.search.returnPressed.connect(self._pick_first)

        self.message = QLabel("")
        self.message.setObjectName("invoiceMessage")
        self.message.setWordWrap(True)
        issue = QPushButton(tr("invoice_issue"))
        issue.setObjectName("issueInvoice")
        issue.clicked.connect(self.issue)
        close = QPushButton(tr("close"))
        close.clicked.connect(self.reject)
        for b in (issue, close):
            b.setAutoDefault(False)
        actions = QHBoxLayout()
        actions.addWidget(close)
        actions.addWidget(issue)

        layout = QVBoxLayout(self)
        layout.addWidget(self.search)
        layout.addWidget(self.results)
        layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addLayout(actions)
        self.setMinimumWidth(620)
        (self.search if receipt_no else self.boxes["receipt"]).setFocus()

    def find_buyers(self, text: str) -> None:
        self.results.clear()
        try:
            found = tax_invoices.find_buyers(self.session, text)
        except Exception as exc:
            self._say(refusal_text(exc), error=True)
            return
        for buyer in found:
            item = QListWidgetItem(f"{buyer.name}  {buyer.tax_id}")
            item.setData(Qt.ItemDataRole.UserRole, buyer)
            self.results.addItem(item)

    def _pick_first(self) -> None:
        if self.results.count():
            self.pick(self.results.item(0))

    def pick(self, item: QListWidgetItem) -> None:
        buyer: Buyer = item.data(Qt.ItemDataRole.UserRole)
        values = {"name": buyer.name, "tax_id": buyer.tax_id, "branch": buyer.branch,
                  "address": buyer.address.replace("\n", " "), "postcode": buyer.postcode}  # fmt: skip
        for key, value in values.items():
            self.boxes[key].setText(value)
        self.person.setChecked(buyer.is_person)
        self.boxes["receipt"].setFocus()

    def buyer(self) -> Buyer:
        b = self.boxes
        return Buyer(b["name"].text(), b["address"].text(), b["tax_id"].text(),
                     b["branch"].text(), b["postcode"].text(), self.person.isChecked())  # fmt: skip

    def issue(self) -> None:
        """Issue, then print it and save the A4 PDF; refusals point at their box."""
        try:
            number = tax_invoices.issue(self.session, self.boxes["receipt"].text(), self.buyer())
        except Exception as exc:
            self._say(refusal_text(exc), error=True)
            box = self.boxes.get(getattr(exc, "field", ""), None)
            if box is not None:
                box.setFocus()
                box.selectAll()
            return
        self.invoice_no = number
        print_later = getattr(self.parentWidget(), "print_later", None)  # the sale screen's queue
        printed = None
        try:  # the paper original first (on the printing thread: a printer that is off never
            if print_later is not None:  # freezes the counter), then the PDF, a copy
                print_later(lambda: tax_documents.tax_invoice_job(self.session, number), number,
                            "printing a tax invoice")  # fmt: skip
            else:
                printed = tax_documents.print_tax_invoice(self.session, number)
            saved = tax_documents.tax_invoice_pdf(self.session, number,
                                                  as_copy=print_later is not None)  # fmt: skip
        except Exception as exc:  # the invoice is issued: a fault here is news, never a refusal
            why = refusal_text(exc, "printing a tax invoice")
            self._say(f"{tr('invoice_issued', no=number)}\n{tr('not_printed_doc', why=why)}", True)
            return
        note = "" if printed is None or printed.ok else tr("not_printed", why=printed.message)
        self._say(
            tr("invoice_done", no=number, path=str(saved.path)) + ("\n" + note if note else "")
        )

    def _say(self, text: str, error: bool = False) -> None:
        self.message.setText(text)
        self.message.setStyleSheet("color: #a40e26; font-weight: bold;" if error else "")
