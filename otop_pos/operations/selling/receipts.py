"""Printing a sale's receipt, after the sale is committed, never before.

A printer that is off or out of paper must not lose the sale: printing
failures come back as a result the cashier sees ("receipt not printed") with
a reprint button. The first successful print is the original; every later
print is marked as a copy, so there is never a second original.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from otop_pos.db.selling import sales as sales_db
from otop_pos.domain.money import Money
from otop_pos.domain.selling.tenders import tender_name
from otop_pos.domain.staff.permissions import Permission
from otop_pos.domain.thai.thaidate import format_numeric, format_numeric_en, from_iso
from otop_pos.operations.errors import OperationError
from otop_pos.operations.printing import PrintJob, PrintResult, prepare_print, print_built
from otop_pos.operations.session import Session

if TYPE_CHECKING:  # printing loads on the first receipt, not at start-up (cold start)
    from otop_pos.printing.documents.receipt import ReceiptData
    from otop_pos.printing.engine.document import Document

_DETAIL = {
    "th": {"ref": "อ้างอิง", "approval": "อนุมัติ", "customer": "ลูกค้าจ่าย", "gov": "รัฐจ่าย"},
    "en": {"ref": "ref", "approval": "appr.", "customer": "customer pays", "gov": "government"},
}


def tender_rows(payment: dict[str, Any], lang: str) -> list[tuple[str, Money]]:
    """How one non-cash payment reads on a receipt: what, its reference, its shares."""
    d = _DETAIL["en" if lang == "en" else "th"]
    kind = payment["tender"]
    label = tender_name(kind, lang)
    if kind == "card":
        label += f" ****{payment['card_last4']} {d['approval']} {payment['approval_code']}"
    elif kind == "copay":
        label = payment["scheme"] or label
    if payment.get("reference"):
        label += f" {d['ref']} {payment['reference']}"
    rows = [(label, Money(payment["amount_satang"]))]
    if kind == "copay":
        rows.append((f"  {d['customer']}", Money(payment["customer_share_satang"])))
        rows.append((f"  {d['gov']}", Money(payment["government_share_satang"])))
    return rows


def receipt_data(session: Session, receipt_no: str, is_copy: bool = False) -> ReceiptData:
    """The receipt of a committed sale, read back from the store."""
    sale = sales_db.get_by_receipt(session.store, receipt_no)
    if sale is None:
        raise OperationError(f"ไม่พบใบเสร็จเลขที่ {receipt_no}", f"Receipt {receipt_no} not found.")
    return _receipt_from_sale(session, sale, is_copy)


def vat_base(sale: dict[str, Any]) -> Money:
    """A stored sale's VAT-able value before VAT (its exempt goods are apart)."""
    return Money(sale["total_satang"] - sale["exempt_satang"] - sale["vat_satang"])


def _receipt_from_sale(session: Session, sale: dict[str, Any], is_copy: bool) -> ReceiptData:
    from otop_pos.printing.documents.receipt import ReceiptData, ReceiptLine

    s = session.settings
    lang = "en" if s.lang == "en" else "th"
    when = from_iso(sale["occurred_at"])
    cash = sum(p["amount_satang"] for p in sale["payments"] if p["tender"] == "cash")
    return ReceiptData(
        centre_name=s.centre_name,
        branch=s.branch,
        address=s.address,
        tax_id=s.tax_id,
        vat_registered=s.vat_registered,
        pos_id=s.pos_id,
        receipt_no=sale["receipt_no"],
        date_text=format_numeric_en(when) if lang == "en" else format_numeric(when),
        cashier_name=sale.get("cashier_name") or "",
        lines=tuple(
            ReceiptLine(
                name=ln["name_th"],
                qty=ln["qty"],
                unit_price=Money(ln["unit_price_satang"]),
                amount=Money(ln["amount_satang"]),
                discount=Money(ln["discount_satang"]),
                unit=ln.get("unit", "piece"),
                vat_exempt=not ln["vatable"],
            )
            for ln in sale["lines"]
        ),
        total=Money(sale["total_satang"] + sale["rounding_satang"]),
        vat_base=vat_base(sale) if s.vat_registered else None,
        vat=Money(sale["vat_satang"]) if s.vat_registered else None,
        exempt=Money(sale["exempt_satang"]),
        tenders=tuple(
            row for p in sale["payments"] if p["tender"] != "cash" for row in tender_rows(p, lang)
        ),
        cash_tendered=Money(sale["tendered_satang"]) if cash else None,
        change=Money(sale["change_satang"]) if cash else None,
        rounding=Money(sale["rounding_satang"]),
        is_copy=is_copy,
        footer=s.receipt_footer,
        header=s.receipt_header,
        lang=lang,
    )


def _receipt_builder(session: Session, receipt_no: str) -> Callable[[bool], Document]:
    from otop_pos.printing.documents.receipt import build_receipt

    def build(is_copy: bool) -> Document:
        data = receipt_data(session, receipt_no, is_copy=is_copy)
        return build_receipt(data, width_dots=session.settings.paper_dots)

    return build


def print_receipt(session: Session, receipt_no: str, *, open_drawer: bool = False) -> PrintResult:
    """Print (or reprint, as a copy) a sale's receipt on the configured printer."""
    build = _receipt_builder(session, receipt_no)
    return print_built(session, receipt_no, build, open_drawer=open_drawer)


def receipt_job(
    session: Session, receipt_no: str, *, open_drawer: bool = False, as_copy: bool = False
) -> PrintJob:
    """A sale's receipt rendered for the printer, for the till's printing thread to send."""
    build = _receipt_builder(session, receipt_no)
    return prepare_print(session, receipt_no, build, open_drawer=open_drawer, as_copy=as_copy)


def receipt_number(text: str) -> str:
    """A document number typed or scanned (the QR on a receipt holds just the number)."""
    return text.strip().upper()


@dataclass(frozen=True)
class PastSale:
    receipt_no: str
    image: Any  # the receipt as printed (PIL image), for the screen
    has_full_invoice: bool


def open_sale(session: Session, text: str) -> PastSale:
    """A manager looks up any past sale by its number, typed or scanned from the receipt's QR."""
    from otop_pos.db.selling import tax_invoices as invoices_db
    from otop_pos.printing.documents.receipt import build_receipt
    from otop_pos.printing.engine.raster import render_pil

    session.require(Permission.VIEW_SALES)
    receipt_no = receipt_number(text)
    data = receipt_data(session, receipt_no, is_copy=True)
    image = render_pil(build_receipt(data, width_dots=session.settings.paper_dots))
    invoice = invoices_db.number_for_receipt(session.store, receipt_no)
    return PastSale(receipt_no, image, invoice is not None)
