"""A manager opens any past sale: type its number or scan the QR on the receipt."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from otop_pos.operations.selling import receipts
from otop_pos.operations.session import Session
from otop_pos.ui.texts.i18n import tr
from otop_pos.ui.till.tax_invoice_dialog import TaxInvoiceDialog
from otop_pos.ui.widgets.forms import refusal_text
from otop_pos.ui.widgets.receipt_preview import ReceiptPreview


class PastSaleDialog(QDialog):
    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("pastSaleDialog")
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.setWindowTitle(tr("past_sale_title"))
        self.session = session
        self.receipt_no = ""
        self.input = QLineEdit()
        self.input.setObjectName("pastSaleInput")
        self.input.setPlaceholderText(tr("invoice_receipt"))
        self.input.returnPressed.connect(self.find)
        self.message = QLabel("")
        self.message.setObjectName("pastSaleMessage")
        self.preview = ReceiptPreview()
        self.preview.setMinimumSize(360, 420)
        reprint = QPushButton(tr("reprint"))
        reprint.setObjectName("pastSaleReprint")
        reprint.clicked.connect(self.reprint)
        invoice = QPushButton(tr("tax_invoice_title"))
        invoice.setObjectName("pastSaleInvoice")
        invoice.clicked.connect(self.invoice)
        close = QPushButton(tr("close"))
        close.clicked.connect(self.reject)
        actions = QHBoxLayout()
        for b in (close, reprint, invoice):
            b.setAutoDefault(False)
            actions.addWidget(b)
        layout = QVBoxLayout(self)
        layout.addWidget(self.input)
        layout.addWidget(self.message)
        layout.addWidget(self.preview, 1)
        layout.addLayout(actions)
        self.input.setFocus()

    def find(self) -> None:
        try:
            sale = receipts.open_sale(self.session, self.input.text())
        except Exception as exc:
            self.message.setText(refusal_text(exc))
            self.input.selectAll()
            return
        self.receipt_no = sale.receipt_no
        self.preview.show_image(sale.image)
        self.message.setText(tr("past_sale_found", no=sale.receipt_no)
                             + (" " + tr("past_sale_invoiced") if sale.has_full_invoice else ""))  # fmt: skip
        self.input.selectAll()

    def reprint(self) -> None:
        if self.receipt_no:
            printed = receipts.print_receipt(self.session, self.receipt_no)
            self.message.setText(tr("printed_copy", no=self.receipt_no) if printed.ok
                                 else tr("not_printed", why=printed.message))  # fmt: skip

    def invoice(self) -> None:
        if self.receipt_no:
            TaxInvoiceDialog(self.session, self.receipt_no, self).open()
