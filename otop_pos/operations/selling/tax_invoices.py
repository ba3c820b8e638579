"""Full tax invoices (s.86/4) for past sales, issued when a buyer asks.

Buyers claiming tax deductions (Easy E-Receipt gave OTOP goods their own
allowance) need an invoice in their own name. It gets its own number series,
replaces the abbreviated invoice (the receipt) it refers to, and is issued
once: asking again prints a copy. Buyers are remembered for the next visit.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING, Any

from otop_pos.db import counters
from otop_pos.db.projections import record
from otop_pos.db.selling import sales as sales_db
from otop_pos.db.selling import tax_invoices as invoices_db
from otop_pos.domain.money import Money
from otop_pos.domain.numbering import format_doc_number, period_of
from otop_pos.domain.staff.permissions import Permission
from otop_pos.domain.thai.bahttext import baht_text
from otop_pos.domain.thai.taxid import TaxIdError, branch_code, branch_label, normalize_tax_id
from otop_pos.domain.thai.thaidate import format_long_date, from_iso, to_iso, utc_now
from otop_pos.operations.errors import FieldError, OperationError
from otop_pos.operations.selling.receipts import receipt_number, vat_base
from otop_pos.operations.session import Session

if TYPE_CHECKING:  # printing loads when a document is made, not at start-up
    from otop_pos.printing.documents.tax_invoice import TaxInvoiceData

INVOICE_SERIES = "tax_invoice"


@dataclass(frozen=True, slots=True)
class Buyer:
    """Who the invoice is made out to; ``branch`` is a 5-digit code ('00000' head office)."""

    name: str
    address: str
    tax_id: str = ""
    branch: str = "00000"
    postcode: str = ""
    is_person: bool = False

    def payload(self) -> dict[str, object]:
        return {
            "name": self.name,
            "address": self.address,
            "tax_id": self.tax_id,
            "branch": self.branch,
            "postcode": self.postcode,
            "is_person": self.is_person,
        }


def check_buyer(buyer: Buyer) -> Buyer:
    """The buyer as stored, or a FieldError naming the box to fix."""
    name, address = " ".join(buyer.name.split()), buyer.address.strip()
    if not name:
        raise FieldError("กรุณากรอกชื่อผู้ซื้อ", "Enter the buyer's name.", "name")
    if not address:
        raise FieldError("กรุณากรอกที่อยู่ผู้ซื้อ", "Enter the buyer's address.", "address")
    tax_id = buyer.tax_id.strip()
    if not tax_id and not buyer.is_person:
        raise FieldError(
            "กรุณากรอกเลขประจำตัวผู้เสียภาษีของผู้ซื้อ (13 หลัก)",
            "Enter the buyer's 13-digit tax ID.",
            "tax_id",
        )
    try:
        tax_id = normalize_tax_id(tax_id) if tax_id else ""
        branch = branch_code(buyer.branch) if tax_id else "00000"
    except TaxIdError as exc:
        field = "branch" if "สาขา" in str(exc) else "tax_id"
        raise FieldError(str(exc), exc.english, field) from exc
    postcode = buyer.postcode.strip()  # e-Tax (ETDA) requires it with a free-form address
    if not (postcode.isdigit() and len(postcode) == 5):
        raise FieldError("รหัสไปรษณีย์ต้องเป็นตัวเลข 5 หลัก", "The postcode must be 5 digits.", "postcode")
    return Buyer(name, address, tax_id, branch, postcode, buyer.is_person)


def find_buyers(session: Session, text: str) -> list[Buyer]:
    """Remembered buyers by name or tax ID, the most recent first."""
    session.require(Permission.ISSUE_TAX_INVOICE)
    if len(text.strip()) < 2:
        return []
    return [
        Buyer(
            r["name"], r["address"], r["tax_id"], r["branch"], r["postcode"], bool(r["is_person"])
        )
        for r in invoices_db.find_buyers(session.store, text)
    ]


def issue(session: Session, receipt_text: str, buyer: Buyer, now: datetime | None = None) -> str:
    """Issue the full tax invoice for a sale; returns its number."""
    user = session.require(Permission.ISSUE_TAX_INVOICE)
    if not session.settings.vat_registered:
        raise OperationError(
            "ศูนย์ไม่ได้จดทะเบียนภาษีมูลค่าเพิ่ม จึงออกใบกำกับภาษีไม่ได้",
            "This centre is not VAT registered, so it cannot issue tax invoices.",
        )
    receipt_no = receipt_number(receipt_text)
    sale = sales_db.get_by_receipt(session.store, receipt_no)
    if sale is None:
        raise FieldError(
            f"ไม่พบใบเสร็จเลขที่ {receipt_no}", f"Receipt {receipt_no} not found.", "receipt"
        )
    if sale["status"] != "completed":
        raise FieldError("บิลนี้ถูกยกเลิกแล้ว ออกใบกำกับภาษีไม่ได้", "This sale was voided.", "receipt")
    existing = invoices_db.number_for_receipt(session.store, receipt_no)
    if existing is not None:
        raise FieldError(
            f"ใบเสร็จนี้ออกใบกำกับภาษีเต็มรูปแล้ว เลขที่ {existing} (พิมพ์ได้เฉพาะสำเนา)",
            f"A full tax invoice was already issued: {existing} (only copies now).",
            "receipt",
        )
    buyer = check_buyer(buyer)
    now = now or utc_now()
    store = session.store
    with store.transaction():
        period = period_of(now)
        n = counters.next_number(store, session.terminal_id, INVOICE_SERIES, period)
        invoice_no = format_doc_number(session.settings.full_invoice_prefix, period, n)
        record.record(
            store,
            session.terminal_id,
            "tax_invoice",
            to_iso(now),
            user.id,
            {"invoice_no": invoice_no, "receipt_no": receipt_no, "buyer": buyer.payload()},
        )
    return invoice_no


def invoice_record(session: Session, invoice_no: str) -> dict[str, Any]:
    """The stored invoice with its sale's lines; a FieldError if there is none."""
    row = invoices_db.by_number(session.store, receipt_number(invoice_no))
    if row is None:
        raise FieldError(
            f"ไม่พบใบกำกับภาษีเลขที่ {invoice_no}", f"Tax invoice {invoice_no} not found.", "receipt"
        )
    sale = sales_db.get_by_receipt(session.store, row["receipt_no"])
    assert sale is not None  # the foreign key guarantees it
    return row | {"sale": sale}


def with_postcode(address: str, postcode: str) -> str:
    """The address, and the postcode on a line of its own unless the address already ends with it.

    A centre's address is usually typed in full, postcode included ("... จังหวัดศรีสะเกษ
    33000"), while the postcode is also kept alone for e-Tax: printed once, not twice.
    """
    address, postcode = address.strip(), postcode.strip()
    if postcode and address.split()[-1:] == [postcode]:
        return address
    return "\n".join(x for x in (address, postcode) if x)


def invoice_data(session: Session, invoice_no: str, is_copy: bool = False) -> TaxInvoiceData:
    """Everything printed on the invoice, from the store and the centre's settings."""
    from otop_pos.printing.documents.receipt import ReceiptLine
    from otop_pos.printing.documents.tax_invoice import InvoiceParty, TaxInvoiceData

    row = invoice_record(session, invoice_no)
    sale, s = row["sale"], session.settings
    total = Money(sale["total_satang"])
    vat = Money(sale["vat_satang"])
    seller_address = with_postcode(s.address, s.postcode)
    buyer_address = with_postcode(row["buyer_address"], row["buyer_postcode"])
    return TaxInvoiceData(
        seller=InvoiceParty(s.centre_name, seller_address, s.tax_id, _branch_text(s.branch)),
        buyer=InvoiceParty(
            row["buyer_name"],
            buyer_address,
            row["buyer_tax_id"],
            branch_label(row["buyer_branch"]) if row["buyer_tax_id"] else "",
        ),
        invoice_no=row["invoice_no"],
        date_text=format_long_date(from_iso(row["issued_at"])),
        lines=tuple(
            ReceiptLine(
                ln["name_th"],
                ln["qty"],
                Money(ln["unit_price_satang"]),
                Money(ln["amount_satang"]),
                Money(ln["discount_satang"]),
                unit=ln.get("unit", "piece"),
                vat_exempt=not ln["vatable"],
            )
            for ln in sale["lines"]
        ),
        total=total,
        vat_base=vat_base(sale),
        vat=vat,
        exempt=Money(sale["exempt_satang"]),
        amount_words=baht_text(total),
        replaces_no=row["receipt_no"],
        replaces_date_text=format_long_date(from_iso(row["sold_at"])),
        pos_id=s.pos_id,
        issued_by=row.get("issued_by_name") or "",
        is_copy=is_copy,
        lang="en" if s.lang == "en" else "th",
    )


def centre_branch_code(branch: str) -> str:
    """The centre's branch setting may be a code ('00001') or a label ('สำนักงานใหญ่')."""
    try:
        return branch_code(branch)
    except TaxIdError:
        return "00000"


def _branch_text(branch: str) -> str:
    try:
        return branch_label(branch_code(branch))
    except TaxIdError:
        return branch  # a label the centre wrote itself
