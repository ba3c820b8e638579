"""Credit notes (ใบลดหนี้) for refunds of tax-invoiced sales: printed and as PDF.

The layout is printing/documents/credit_note.py; this module fills it from the
stored refund and records each print (the first output is the original).
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

from otop_pos.db import print_log
from otop_pos.db.selling import refunds
from otop_pos.db.selling import tax_invoices as tax_invoices_db
from otop_pos.domain.money import Money
from otop_pos.domain.staff.permissions import Permission
from otop_pos.domain.thai.bahttext import baht_text
from otop_pos.domain.thai.thaidate import (
    format_long_date,
    from_iso,
)
from otop_pos.operations.errors import OperationError
from otop_pos.operations.printing import (
    PrintJob,
    PrintResult,
    SavedFile,
    documents_dir,
    prepare_print,
    print_job,
)
from otop_pos.operations.selling.tax_documents import COPY_TH
from otop_pos.operations.session import Session

if TYPE_CHECKING:
    from otop_pos.printing.documents.credit_note import CreditNoteData
    from otop_pos.printing.engine.document import Document


def credit_note_data(session: Session, refund_no: str, is_copy: bool = False) -> CreditNoteData:
    """The credit note of a refund against a sale that had a full tax invoice."""
    from otop_pos.operations.selling.tax_invoices import invoice_data
    from otop_pos.printing.documents.credit_note import CreditNoteData
    from otop_pos.printing.documents.receipt import ReceiptLine

    row = refunds.refund_by_no(session.store, refund_no)
    if row is None or not row["credit_note_no"]:
        raise OperationError(f"ไม่พบใบลดหนี้ของ {refund_no}", f"No credit note for {refund_no}.")
    invoice_no = tax_invoices_db.number_for_sale(session.store, int(row["sale_id"]))
    invoice = invoice_data(session, str(invoice_no))
    earlier = Money(refunds.refunded_before(session.store, int(row["sale_id"]), int(row["seq"])))
    difference = Money(int(row["total_satang"]))
    original = invoice.total - earlier
    vat, exempt = Money(int(row["vat_satang"])), Money(int(row["exempt_satang"]))
    return CreditNoteData(
        seller=invoice.seller,
        buyer=invoice.buyer,
        credit_note_no=str(row["credit_note_no"]),
        date_text=format_long_date(from_iso(row["occurred_at"])),
        original_invoice_no=invoice.invoice_no,
        original_date_text=invoice.date_text,
        lines=tuple(
            ReceiptLine(
                ln["name_th"],
                ln["qty"],
                Money(ln["unit_price_satang"]),
                Money(ln["amount_satang"]),
                unit=ln.get("unit", "piece"),
                vat_exempt=not ln["vatable"],
            )
            for ln in row["lines"]
        ),
        original_value=original,
        correct_value=original - difference,
        difference=difference,
        difference_base=difference - exempt - vat,
        vat_on_difference=vat,
        difference_exempt=exempt,
        amount_words=baht_text(difference),
        reason=str(row["reason"]),
        issued_by=str(row["user_name"] or ""),
        is_copy=is_copy,
        lang=invoice.lang,
    )


def credit_note_job(session: Session, refund_no: str) -> PrintJob:
    """A refund's credit note rendered for the printer, for the till's printing thread."""
    from otop_pos.printing.documents.credit_note import build_credit_note

    data = credit_note_data(session, refund_no)

    def build(is_copy: bool) -> Document:
        return build_credit_note(replace(data, is_copy=is_copy), session.settings.paper_dots)

    return prepare_print(session, data.credit_note_no, build, Permission.REFUND)


def print_credit_note(session: Session, refund_no: str) -> PrintResult:
    """The credit note, waiting for the printer (the command line; the till uses the job)."""
    return print_job(session, credit_note_job(session, refund_no))


def credit_note_pdf(session: Session, refund_no: str, folder: Path | None = None) -> SavedFile:
    from otop_pos.printing.documents.credit_note import build_credit_note
    from otop_pos.printing.engine.pdf import render_pdf_file

    session.require(Permission.REFUND)
    data = credit_note_data(session, refund_no)
    is_copy = print_log.original_printed(session.store, data.credit_note_no)
    data = replace(data, is_copy=is_copy)
    path = documents_dir(session, folder) / f"{data.credit_note_no}{'-copy' if is_copy else ''}.pdf"
    render_pdf_file(
        build_credit_note(data), path, page="a4", title=f"ใบลดหนี้ {data.credit_note_no}",
        stamp=COPY_TH if is_copy else None,
    )  # fmt: skip
    return SavedFile(path, is_copy)
