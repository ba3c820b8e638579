"""Full tax invoices out of the store: printed, as PDF, and as e-Tax files.

Every output counts toward "there is never a second original": whichever
comes first (the printed slip or the A4 PDF) is the original and every
later one says สำเนา. e-Tax files are made from the same stored figures.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from otop_pos.db import print_log
from otop_pos.domain.catalogue.units import UNECE, in_units, unit_of
from otop_pos.domain.staff.permissions import Permission
from otop_pos.domain.thai.thaidate import from_iso, to_iso, utc_now
from otop_pos.operations.errors import OperationError
from otop_pos.operations.printing import (
    PrintJob,
    PrintResult,
    SavedFile,
    documents_dir,
    prepare_print,
    print_job,
)
from otop_pos.operations.selling.receipts import receipt_number, vat_base
from otop_pos.operations.selling.tax_invoices import (
    centre_branch_code,
    invoice_data,
    invoice_record,
)
from otop_pos.operations.session import Session

COPY_TH = "สำเนา"


@dataclass(frozen=True, slots=True)
class EtaxFiles:
    xml: Path
    pdf: Path
    signed: bool


def tax_invoice_job(session: Session, invoice_no: str) -> PrintJob:
    """The full tax invoice rendered for the receipt printer (a copy once an original exists),
    for the till's printing thread to send."""
    from otop_pos.printing.documents.tax_invoice import build_tax_invoice

    def build(is_copy: bool):  # type: ignore[no-untyped-def]
        return build_tax_invoice(invoice_data(session, invoice_no, is_copy),
                                 session.settings.paper_dots)  # fmt: skip

    return prepare_print(session, receipt_number(invoice_no), build, Permission.ISSUE_TAX_INVOICE)


def print_tax_invoice(session: Session, invoice_no: str) -> PrintResult:
    """The full tax invoice on the receipt printer, waiting for it."""
    return print_job(session, tax_invoice_job(session, invoice_no))


def tax_invoice_pdf(
    session: Session, invoice_no: str, folder: Path | None = None, *, as_copy: bool = False
) -> SavedFile:
    """The full tax invoice as an A4 PDF file; ``as_copy`` when the paper original is already
    on its way to the printer (the till's printing thread logs it once it is out)."""
    from otop_pos.printing.documents.tax_invoice import build_tax_invoice
    from otop_pos.printing.engine.pdf import render_pdf_file

    user = session.require(Permission.ISSUE_TAX_INVOICE)
    is_copy = as_copy or print_log.original_printed(session.store, receipt_number(invoice_no))
    data = invoice_data(session, invoice_no, is_copy=is_copy)
    suffix = "-copy" if is_copy else ""
    path = documents_dir(session, folder) / f"{data.invoice_no}{suffix}.pdf"
    render_pdf_file(
        build_tax_invoice(data), path, page="a4", title=f"ใบกำกับภาษี {data.invoice_no}",
        stamp=COPY_TH if is_copy else None,
    )  # fmt: skip
    print_log.log(session.store, data.invoice_no, to_iso(utc_now()), user.id, is_copy, True, "")
    return SavedFile(path, is_copy)


def _party(session: Session):  # type: ignore[no-untyped-def]
    from otop_pos.etax.party import Party

    s = session.settings
    if not (
        s.tax_id and s.province_code and s.district_code and s.sub_district_code and s.postcode
    ):
        raise OperationError(
            "ยังไม่ได้ตั้งค่าที่อยู่ของศูนย์สำหรับ e-Tax (รหัสจังหวัด อำเภอ ตำบล และรหัสไปรษณีย์)",
            "Set up the centre's e-Tax address codes (province, district, sub-district, postcode).",
        )
    return Party(
        s.centre_name, s.tax_id, centre_branch_code(s.branch), (s.address,) if s.address else (),
        s.postcode, building_number=s.building_number or "-", street=s.street,
        sub_district_code=s.sub_district_code, district_code=s.district_code,
        province_code=s.province_code,
    )  # fmt: skip


def etax_document(session: Session, invoice_no: str):  # type: ignore[no-untyped-def]
    """The stored invoice as ETDA's data model (type 388, replacing the receipt)."""
    from otop_pos.etax.model import EtaxDocument, Line
    from otop_pos.etax.party import Party

    row = invoice_record(session, invoice_no)
    sale = row["sale"]
    buyer = Party(
        row["buyer_name"], row["buyer_tax_id"], row["buyer_branch"],
        tuple(x for x in row["buyer_address"].splitlines() if x.strip())[:5],
        row["buyer_postcode"], is_person=bool(row["buyer_is_person"]),
    )  # fmt: skip
    lines = tuple(
        Line(ln["line_no"], ln["name_th"], in_units(ln["qty"], ln.get("unit")),
             ln["unit_price_satang"], ln["amount_satang"],
             unit_code=UNECE[unit_of(ln.get("unit"))],
             vat_applicable=bool(ln["vatable"]))  # 0.450 KGM, not 450 pieces
        for ln in sale["lines"]
    )  # fmt: skip
    return EtaxDocument(
        "388", row["invoice_no"], from_iso(row["issued_at"]), _party(session), buyer, lines,
        sale["total_satang"], vat_base(sale).satang, sale["vat_satang"],
        replaces=(row["receipt_no"], from_iso(row["sold_at"])),
    )  # fmt: skip


def export_etax(
    session: Session, invoice_no: str, folder: Path | None = None, p12_password: str = ""
) -> EtaxFiles:
    """ETDA XML (signed when the centre has a certificate) and a PDF/A-3 carrying it."""
    from otop_pos.etax.pdfa import embed_xml
    from otop_pos.etax.xml import build_xml
    from otop_pos.printing.documents.tax_invoice import build_tax_invoice
    from otop_pos.printing.engine.files import write_atomic
    from otop_pos.printing.engine.pdf import render_pdf

    session.require(Permission.ISSUE_TAX_INVOICE)
    doc = etax_document(session, invoice_no)
    xml = build_xml(doc)
    signed = False
    if session.settings.etax_p12_path:
        from otop_pos.etax.signing import sign_xml

        xml = sign_xml(xml, Path(session.settings.etax_p12_path), p12_password)
        signed = True
    folder = documents_dir(session, folder)  # --out may name a folder not made yet
    xml_path = folder / f"{doc.number}.xml"
    pdf_path = folder / f"{doc.number}-etax.pdf"
    pdf = render_pdf(build_tax_invoice(invoice_data(session, invoice_no)), "a4",
                     title=f"ใบกำกับภาษี {doc.number}")  # fmt: skip
    write_atomic(xml_path, xml)
    write_atomic(pdf_path, embed_xml(pdf, xml, xml_path.name, title=f"ใบกำกับภาษี {doc.number}"))
    return EtaxFiles(xml_path, pdf_path, signed)
