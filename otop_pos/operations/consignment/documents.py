"""Producer statements, intake and return slips and payout vouchers: printed and as PDF.

Layouts live in printing/; this module fills them from the store and the
centre's settings, prints on the configured receipt printer (a failure is
a result the screen shows, never a lost record), logs every print so a
reprint says สำเนา, and writes PDFs atomically. A statement that is not
settled prints as a draft and never counts as an original.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from otop_pos.db import print_log
from otop_pos.db.consignment import documents
from otop_pos.domain.consignment.statement import Statement
from otop_pos.domain.money import Money
from otop_pos.domain.staff.permissions import Permission
from otop_pos.domain.thai.thaidate import to_iso, utc_now
from otop_pos.operations.consignment.payouts import Payout
from otop_pos.operations.errors import OperationError, record_if_bug
from otop_pos.operations.printing import PrintResult, SavedFile
from otop_pos.operations.selling.receipts import receipt_number
from otop_pos.operations.session import Session

if TYPE_CHECKING:  # printing loads with the first document, not at start-up
    from otop_pos.printing.documents.payout_voucher import PayoutSlipData
    from otop_pos.printing.documents.statement import StatementData
    from otop_pos.printing.documents.stock_slips import StockSlipData
    from otop_pos.printing.engine.document import Document


def _now_text() -> str:
    from otop_pos.printing.documents.statement import be_datetime

    return be_datetime(to_iso(utc_now()))


def _print(
    session: Session,
    doc_no: str,
    build: Callable[[bool], Document],
    permission: Permission,
    *,
    force_copy: bool = False,
    log: bool = True,
) -> PrintResult:
    """As receipts.print_built, but a copy may be asked for and a draft is not logged
    as an original (it never is one)."""
    user = session.require(permission)
    is_copy = force_copy or print_log.original_printed(session.store, doc_no)
    return _send(session, doc_no, build(is_copy), user.id, is_copy, log)


def _send(
    session: Session, doc_no: str, doc: Document, user_id: int | None, is_copy: bool, log: bool
) -> PrintResult:
    from otop_pos.printing.engine.devices import PrinterError, parse_printer_uri, print_document

    ok, message, image = True, "", None
    try:
        spec = parse_printer_uri(session.settings.printer_uri)
        image = getattr(print_document(spec, doc, cut=True), "image", None)
    except (PrinterError, ValueError) as exc:
        ok = False
        message = getattr(exc, "english", str(exc)) if session.lang == "en" else str(exc)
        record_if_bug(exc, f"printing {doc_no}")
    if log:
        print_log.log(session.store, doc_no, to_iso(utc_now()), user_id, is_copy, ok, message)
    return PrintResult(doc_no, ok, is_copy, message, image)


def _pdf_path(path: Path, name: str) -> Path:
    """A folder gets a file named after the document; a file path is used as given."""
    path = Path(path)
    if path.is_dir():
        return path / f"{name}.pdf"
    path.parent.mkdir(parents=True, exist_ok=True)
    return path


def _pdf_copy(session: Session, doc_no: str, user_id: int) -> bool:
    """Whichever comes first, print or PDF, is the original; the PDF is logged too."""
    is_copy = print_log.original_printed(session.store, doc_no)
    print_log.log(session.store, doc_no, to_iso(utc_now()), user_id, is_copy, True, "")
    return is_copy


# Producer statement ----------------------------------------------------------


def statement_doc_no(statement: Statement) -> str:
    """The settlement number, or a name for a draft that says what it covers."""
    if statement.settlement_no:
        return statement.settlement_no
    return f"DRAFT-{statement.producer_code}-{statement.period_from}-{statement.period_to}"


def statement_data(session: Session, statement: Statement, is_copy: bool = False) -> StatementData:
    from otop_pos.printing.documents.statement import StatementData

    manager = ""
    if statement.settlement_no:
        manager = documents.settled_by(session.store, statement.settlement_no)
    return StatementData(
        centre_name=session.settings.centre_name,
        statement=statement,
        printed_at=_now_text(),
        manager_name=manager,
        is_copy=is_copy and bool(statement.settlement_no),
    )


def print_statement(session: Session, statement: Statement, copy: bool = False) -> PrintResult:
    """The statement on the receipt printer; ``copy`` prints the centre's สำเนา."""
    from otop_pos.printing.documents.statement import build_statement

    def build(is_copy: bool) -> Document:
        data = statement_data(session, statement, is_copy)
        return build_statement(data, session.settings.paper_dots)

    settled = bool(statement.settlement_no)
    return _print(session, statement_doc_no(statement), build, Permission.SETTLE_PRODUCERS,
                  force_copy=copy and settled, log=settled)  # fmt: skip


def print_statement_for_producer(session: Session, statement: Statement) -> PrintResult:
    """A producer's own printout at the kiosk: always a copy; the caller checked whose it is."""
    from otop_pos.printing.documents.statement import build_statement

    settled = bool(statement.settlement_no)
    doc = build_statement(statement_data(session, statement, True), session.settings.paper_dots)
    return _send(session, statement_doc_no(statement), doc, None, settled, settled)


def statement_pdf(session: Session, statement: Statement, path: Path) -> SavedFile:
    """The statement as an A4 PDF at ``path`` (a file, or a folder to put it in)."""
    from otop_pos.printing.documents.statement_pdf import render_statement_pdf

    user = session.require(Permission.SETTLE_PRODUCERS)
    doc_no = statement_doc_no(statement)
    is_copy = bool(statement.settlement_no) and _pdf_copy(session, doc_no, user.id)
    out = _pdf_path(path, doc_no + ("-copy" if is_copy else ""))
    render_statement_pdf(statement_data(session, statement, is_copy), out)
    return SavedFile(out, is_copy)


# Intake and return slips ------------------------------------------------------


def _slip_lines(rows: list[dict[str, Any]]):  # type: ignore[no-untyped-def]
    from otop_pos.printing.documents.stock_slips import SlipLine

    return tuple(
        SlipLine(
            r["sku"],
            r["name_th"],
            int(r["qty"]),
            r["ownership"],
            r.get("lot") or "",
            r.get("expiry") or "",
            r.get("unit") or "piece",
        )
        for r in rows
    )


def intake_slip_data(session: Session, intake_no: str, is_copy: bool = False) -> StockSlipData:
    from otop_pos.printing.documents.stock_slips import StockSlipData

    no = receipt_number(intake_no)
    row = documents.intake_by_no(session.store, no)
    if row is None:
        raise OperationError(f"ไม่พบใบรับสินค้าเลขที่ {no}", f"No goods intake numbered {no}.")
    return StockSlipData(
        "intake", session.settings.centre_name, row["intake_no"], row["received_at"],
        row["producer_code"], row["producer_name"], _slip_lines(row["lines"]),
        delivery_note=row["delivery_note"], note=row["note"],
        staff_name=row["staff_name"] or "", is_copy=is_copy,
    )  # fmt: skip


def return_slip_data(session: Session, return_no: str, is_copy: bool = False) -> StockSlipData:
    from otop_pos.printing.documents.stock_slips import StockSlipData

    no = receipt_number(return_no)
    row = documents.return_by_no(session.store, no)
    if row is None:
        raise OperationError(
            f"ไม่พบใบคืนสินค้าให้ผู้ผลิตเลขที่ {no}", f"No return to a producer numbered {no}."
        )
    return StockSlipData(
        "return", session.settings.centre_name, row["return_no"], row["returned_at"],
        row["producer_code"], row["producer_name"], _slip_lines(row["lines"]),
        note=row["reason"], staff_name=row["staff_name"] or "", is_copy=is_copy,
    )  # fmt: skip


def _print_slip(
    session: Session, read: Callable[..., StockSlipData], no: str, permission: Permission
) -> PrintResult:
    from otop_pos.printing.documents.stock_slips import build_stock_slip

    session.require(permission)
    data = read(session, no)  # an unknown number refuses before anything is logged

    def build(is_copy: bool) -> Document:
        return build_stock_slip(replace(data, is_copy=is_copy), session.settings.paper_dots)

    return _print(session, data.doc_no, build, permission)


def _slip_pdf(
    session: Session, read: Callable[..., StockSlipData], no: str, path: Path,
    permission: Permission,
) -> SavedFile:  # fmt: skip
    from otop_pos.printing.documents.stock_slips import render_stock_slip_pdf

    user = session.require(permission)
    data = read(session, no)
    is_copy = _pdf_copy(session, data.doc_no, user.id)
    out = _pdf_path(path, data.doc_no + ("-copy" if is_copy else ""))
    render_stock_slip_pdf(replace(data, is_copy=is_copy), out)
    return SavedFile(out, is_copy)


def print_intake_slip(session: Session, intake_no: str) -> PrintResult:
    """ใบรับสินค้า on the receipt printer (the second print is the สำเนา)."""
    return _print_slip(session, intake_slip_data, intake_no, Permission.RECEIVE_GOODS)


def intake_slip_pdf(session: Session, intake_no: str, path: Path) -> SavedFile:
    return _slip_pdf(session, intake_slip_data, intake_no, path, Permission.RECEIVE_GOODS)


def print_return_slip(session: Session, return_no: str) -> PrintResult:
    """ใบคืนสินค้าให้ผู้ผลิต on the receipt printer."""
    return _print_slip(session, return_slip_data, return_no, Permission.RETURN_TO_PRODUCER)


def return_slip_pdf(session: Session, return_no: str, path: Path) -> SavedFile:
    return _slip_pdf(session, return_slip_data, return_no, path, Permission.RETURN_TO_PRODUCER)


# Payout voucher -----------------------------------------------------------------


def payout_slip_data(session: Session, payout: Payout, is_copy: bool = False) -> PayoutSlipData:
    """The voucher of a recorded payout; the QR comes from the payout itself."""
    from otop_pos.printing.documents.payout_voucher import PayoutSlipData

    row = documents.payout_by_no(session.store, payout.payout_no)
    if row is None:
        raise OperationError(
            f"ไม่พบใบสำคัญจ่ายเลขที่ {payout.payout_no}", f"No payout {payout.payout_no}."
        )
    account = ""
    if payout.method == "transfer":
        account = " ".join(x for x in (row["bank_name"], row["bank_account"],
                                       row["account_name"]) if x)  # fmt: skip
    return PayoutSlipData(
        session.settings.centre_name, payout.payout_no, row["paid_at"], payout.producer_code,
        payout.producer_name, payout.method, Money(int(row["amount_satang"])), payout.remaining,
        reference=payout.reference, qr_payload=payout.qr_payload, account_text=account,
        paid_by=row["paid_by"] or "", is_copy=is_copy,
    )  # fmt: skip


def print_payout_slip(session: Session, payout: Payout) -> PrintResult:
    """ใบสำคัญจ่ายเงินผู้ผลิต on the receipt printer, with the PromptPay QR when paid so."""
    from otop_pos.printing.documents.payout_voucher import build_payout_slip

    session.require(Permission.PAY_PRODUCERS)
    data = payout_slip_data(session, payout)

    def build(is_copy: bool) -> Document:
        return build_payout_slip(replace(data, is_copy=is_copy), session.settings.paper_dots)

    return _print(session, payout.payout_no, build, Permission.PAY_PRODUCERS)


def payout_slip_pdf(session: Session, payout: Payout, path: Path) -> SavedFile:
    from otop_pos.printing.documents.payout_voucher import render_payout_slip_pdf

    user = session.require(Permission.PAY_PRODUCERS)
    data = payout_slip_data(session, payout)
    is_copy = _pdf_copy(session, payout.payout_no, user.id)
    out = _pdf_path(path, payout.payout_no + ("-copy" if is_copy else ""))
    render_payout_slip_pdf(replace(data, is_copy=is_copy), out)
    return SavedFile(out, is_copy)
