"""X, Z and day reports and shift slips on the printer and as PDF.

Layouts live in printing/; this module fills them from the operations'
results and the centre's settings, and records each print in the print log
(a Z printed a second time is a copy).
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from otop_pos.db import print_log
from otop_pos.db.shifts import shifts as shifts_db
from otop_pos.db.sync import state as sync_state
from otop_pos.domain.money import Money
from otop_pos.domain.selling.tenders import tender_name
from otop_pos.domain.shifts.cash_count import CashCount, denomination_label
from otop_pos.domain.shifts.day_figures import Breakdown
from otop_pos.domain.staff.permissions import Permission
from otop_pos.domain.thai.thaidate import (
    file_stamp,
    format_numeric,
    from_iso,
    to_iso,
    utc_now,
)
from otop_pos.operations.printing import (
    PrintJob,
    PrintResult,
    SavedFile,
    documents_dir,
    prepare_print,
    print_built,
    print_job,
)
from otop_pos.operations.selling.tax_documents import COPY_TH
from otop_pos.operations.session import Session
from otop_pos.operations.shifts.day_close import DayReport
from otop_pos.operations.shifts.shifts import ShiftClose

if TYPE_CHECKING:
    from otop_pos.printing.documents.day_report import CheckpointLine, DayReportData
    from otop_pos.printing.documents.shift_slip import ShiftSlipData
    from otop_pos.printing.engine.document import Document


def _lines(rows: tuple[Breakdown, ...]):  # type: ignore[no-untyped-def]
    from otop_pos.printing.documents.day_report import ReportLine

    return tuple(ReportLine(b.label, b.amount, b.count) for b in rows)


def checkpoint_line(session: Session) -> CheckpointLine | None:
    """The provincial server's latest checkpoint of this till, when it is enrolled."""
    from otop_pos.printing.documents.day_report import CheckpointLine

    st = sync_state.load(session.store)
    cp = st.checkpoint if st is not None else None
    if not cp:
        return None
    return CheckpointLine(int(cp["seq"]), str(cp["hash"])[:12], format_numeric(from_iso(cp["at"])))


def report_data(session: Session, report: DayReport, is_copy: bool | None = None) -> DayReportData:
    from otop_pos.printing.documents.day_report import DayReportData, ShiftLine

    s, f = session.settings, report.figures
    end = format_numeric(from_iso(report.period_end))
    start = format_numeric(from_iso(report.period_start)) if report.period_start else ""
    return DayReportData(
        kind=report.kind,  # type: ignore[arg-type]
        centre_name=s.centre_name,
        branch=s.branch,
        tax_id=s.tax_id,
        pos_id=s.pos_id,
        printed_at=format_numeric(from_iso(report.printed_at)),
        period_text=f"{start} - {end}" if start else end,
        z_no=report.z_no,
        first_receipt=f.first_receipt,
        last_receipt=f.last_receipt,
        sales_count=f.sales_count,
        gross=f.gross,
        discounts=f.discounts,
        voids=f.voids,
        voids_count=f.voids_count,
        refunds=f.refunds,
        refunds_count=f.refunds_count,
        net=f.net,
        exempt=f.exempt,
        vat_base=f.vat_base,
        vat=f.vat,
        rounding=f.rounding,
        tenders=_lines(f.tenders),
        categories=_lines(f.categories),
        producers=_lines(f.producers),
        cashiers=_lines(f.cashiers),
        shifts=tuple(
            ShiftLine(x.label, x.expected_cash, x.counted_cash, x.difference) for x in report.shifts
        ),
        grand_total_before=report.grand_total_before if report.kind == "Z" else None,
        grand_total_after=report.grand_total_after if report.kind == "Z" else None,
        closed_by=report.closed_by,
        vat_registered=s.vat_registered,
        is_copy=report.is_copy if is_copy is None else is_copy,
        lang="en" if s.lang == "en" else "th",
        checkpoint=checkpoint_line(session) if report.kind == "Z" else None,
    )


def _report_doc(session: Session, report: DayReport, is_copy: bool, width: int) -> Document:
    from otop_pos.printing.documents.day_report import build_day_report

    return build_day_report(report_data(session, report, is_copy), width)


def print_report(session: Session, report: DayReport) -> PrintResult:
    """On the receipt printer; a Z printed before comes out marked as a copy."""
    session.require(Permission.VIEW_REPORTS)

    def build(is_copy: bool) -> Document:
        copy = is_copy if report.kind == "Z" else False
        return _report_doc(session, report, copy, session.settings.paper_dots)

    return print_built(session, report.doc_no, build, Permission.VIEW_REPORTS)


def report_pdf(session: Session, report: DayReport, folder: Path | None = None) -> SavedFile:
    """The report as an A4 PDF in the centre's documents folder."""
    from otop_pos.printing.engine.pdf import render_pdf_file

    user = session.require(Permission.VIEW_REPORTS)
    is_copy = report.kind == "Z" and print_log.original_printed(session.store, report.doc_no)
    is_copy = is_copy or report.is_copy
    name = (
        report.doc_no
        if report.z_no is not None
        # an X or day report: Bangkok time
        else (f"{report.kind}-{file_stamp(from_iso(report.printed_at))}")
    )
    path = documents_dir(session, folder) / f"{name}{'-copy' if is_copy else ''}.pdf"
    title = f"รายงาน {report.kind}" + (f" เลขที่ {report.z_no:04d}" if report.z_no else "")
    doc = _report_doc(session, report, is_copy, 576)
    render_pdf_file(doc, path, page="a4", title=title, stamp=COPY_TH if is_copy else None)
    if report.kind == "Z":
        print_log.log(session.store, report.doc_no, to_iso(utc_now()), user.id, is_copy, True, "")
    return SavedFile(path, is_copy)


def shift_slip_data(session: Session, closed: ShiftClose) -> ShiftSlipData:
    from otop_pos.printing.documents.day_report import ReportLine
    from otop_pos.printing.documents.shift_slip import ShiftSlipData, TenderCheck

    row = shifts_db.shift_by_id(session.store, closed.shift_id)
    assert row is not None
    moves = shifts_db.cash_moves(session.store, closed.shift_id)
    lang = "en" if session.lang == "en" else "th"
    blind_for_user = closed.blind and (session.user is None or session.user.role.value != "manager")
    return ShiftSlipData(
        kind="close",
        centre_name=session.settings.centre_name,
        pos_id=session.settings.pos_id,
        shift_label=f"กะที่ {closed.shift_id}",
        user_name=str(row["closed_by_name"] or ""),
        opened_at=format_numeric(from_iso(row["opened_at"])),
        closed_at=format_numeric(from_iso(row["closed_at"])),
        float_amount=Money(int(row["float_satang"])),
        count=_count_lines(closed.cash_count, lang),
        cash_in=tuple(
            ReportLine(m["reason"], Money(m["amount_satang"]))
            for m in moves
            if m["direction"] == "in"
        ),
        cash_out=tuple(
            ReportLine(m["reason"], Money(m["amount_satang"]))
            for m in moves
            if m["direction"] == "out"
        ),
        tenders=tuple(
            TenderCheck(
                tender_name(r.tender, lang),
                None if blind_for_user else r.expected,
                r.counted,
                None if blind_for_user else r.difference,
            )
            for r in closed.results
        ),
        over_short=None if blind_for_user else closed.over_short,
        note=str(row["note"] or ""),
        lang=lang,  # type: ignore[arg-type]
    )


def _count_lines(count: CashCount, lang: str):  # type: ignore[no-untyped-def]
    from otop_pos.printing.documents.shift_slip import CountLine

    return tuple(CountLine(denomination_label(d, lang), n, Money(d * n)) for d, n in count.pieces)


def shift_slip_job(session: Session, closed: ShiftClose) -> PrintJob:
    """The shift slip rendered for the printer, for the till's printing thread to send."""
    from otop_pos.printing.documents.shift_slip import build_shift_slip

    data = shift_slip_data(session, closed)
    return prepare_print(
        session,
        f"SHIFT-{closed.shift_id}",
        lambda _copy: build_shift_slip(data, session.settings.paper_dots),
        Permission.SHIFT,
    )


def print_shift_slip(session: Session, closed: ShiftClose) -> PrintResult:
    """The shift slip, waiting for the printer (the command line; the till uses the job)."""
    return print_job(session, shift_slip_job(session, closed))
