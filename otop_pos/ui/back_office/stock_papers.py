"""Slips and labels printed after stock is recorded: a printer fault is news, never a refusal."""

from __future__ import annotations

from otop_pos.domain.catalogue.instore import MAX_COPIES, preset
from otop_pos.operations.catalogue import barcode_labels
from otop_pos.operations.consignment import documents as docs
from otop_pos.operations.printing import documents_dir
from otop_pos.operations.session import Session
from otop_pos.printing.documents import barcode_labels as label_print
from otop_pos.ui.texts.i18n import tr
from otop_pos.ui.widgets.forms import refusal_text

# kind -> (print on the receipt printer, save as PDF)
SLIPS = {
    "intake": (docs.print_intake_slip, docs.intake_slip_pdf),
    "return": (docs.print_return_slip, docs.return_slip_pdf),
}


def print_slip(session: Session, kind: str, no: str, *, paper: bool, pdf: bool) -> list[str]:
    """Print and/or save the intake or return slip ``no``; one line of news per action.

    The stock is already recorded, so a printer fault is news, never a refusal.
    """
    to_paper, to_pdf = SLIPS[kind]
    news = []
    for wanted, is_pdf in ((paper, False), (pdf, True)):
        if not wanted:
            continue
        try:
            done = to_pdf(session, no, documents_dir(session)) if is_pdf else to_paper(session, no)
        except Exception as exc:  # a printer fault must not hide that the stock was saved
            news.append(tr("sk_not_printed", why=refusal_text(exc)))
        else:
            if hasattr(done, "path"):
                news.append(tr("sk_pdf_saved", path=str(done.path)))
            else:
                ok = tr("sk_printed", no=no)
                news.append(ok if done.ok else tr("sk_not_printed", why=done.message))
    return news


def print_labels(session: Session, no: str, items: list[tuple[int, int]], target: str) -> str:
    """Labels for (product, pieces): an A4 sticker sheet (PDF) or the receipt printer."""
    items = [(pid, min(n, MAX_COPIES)) for pid, n in items]
    try:
        made = barcode_labels.labels_for(session, items)
        if target == "printer":
            label_print.print_labels(session.settings.printer_uri, made,
                                     session.settings.paper_dots)  # fmt: skip
            return tr("sk_labels_printed", count=sum(n for _pid, n in items))
        path = documents_dir(session) / f"{no}-labels.pdf"
        path.write_bytes(label_print.label_sheet_pdf(made, preset(target)))
    except Exception as exc:  # the stock is saved; a label fault is only news
        return tr("sk_not_printed", why=refusal_text(exc))
    return tr("sk_pdf_saved", path=str(path))
