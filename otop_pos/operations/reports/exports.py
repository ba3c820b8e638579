"""The manager's sales report and audit log as CSV or Excel files.

Amounts are numbers in baht (two decimals) so the accountant can add them up;
text that starts like a formula is written as text, because a producer or a
note typed at the till must never run in someone's spreadsheet. Files are
written beside the target and renamed over it, so a failed export leaves no
half file (and keeps an older file of the same name).
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Sequence
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

from otop_pos.domain.money import Money
from otop_pos.domain.shifts.day_figures import Breakdown, Figures
from otop_pos.domain.thai.thaidate import BE_OFFSET
from otop_pos.operations.approvals import AuditEntry
from otop_pos.printing.engine.files import write_atomic

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
BAHT_FORMAT = "#,##0.00"

# section key, Thai title, English title
SECTIONS = (
    ("summary", "สรุป", "Summary"),
    ("days", "รายวัน", "By day"),
    ("hours", "รายชั่วโมง", "By hour"),
    ("tenders", "ตามวิธีชำระเงิน", "By tender"),
    ("categories", "ตามหมวดสินค้า", "By category"),
    ("producers", "ตามผู้ผลิต", "By producer"),
    ("cashiers", "ตามพนักงาน", "By cashier"),
)
HEADERS = {
    "summary": (("รายการ", "ค่า"), ("Item", "Value")),
    "breakdown": (
        ("รายการ", "รหัส", "จำนวน", "ยอดขายสุทธิ (บาท)"),
        ("Item", "Key", "Count", "Net sales (THB)"),
    ),
    "audit": (
        ("วันเวลา", "รายการ", "ผู้ขอ", "ผู้อนุมัติ", "รายละเอียด", "ลำดับบันทึก"),
        ("When", "Action", "Asked by", "Approved by", "Detail", "Journal seq"),
    ),
}
SUMMARY_ROWS = (
    ("period_start", "ตั้งแต่วันที่", "From"),
    ("period_end", "ถึงวันที่", "To"),
    ("sales_count", "จำนวนบิลขาย", "Sales"),
    ("gross", "ยอดขายรวม (บาท)", "Gross sales (THB)"),
    ("discounts", "ส่วนลด (บาท)", "Discounts (THB)"),
    ("voids", "ยกเลิกบิล (บาท)", "Voids (THB)"),
    ("voids_count", "จำนวนบิลที่ยกเลิก", "Voided sales"),
    ("refunds", "คืนเงิน (บาท)", "Refunds (THB)"),
    ("refunds_count", "จำนวนครั้งที่คืนเงิน", "Refunds"),
    ("net", "ยอดขายสุทธิ (บาท)", "Net sales (THB)"),
    ("exempt", "มูลค่าสินค้าที่ได้รับยกเว้นภาษีมูลค่าเพิ่ม (บาท)", "VAT-exempt sales (THB)"),
    ("vat_base", "มูลค่าก่อนภาษี (บาท)", "VAT base (THB)"),
    ("vat", "ภาษีมูลค่าเพิ่ม (บาท)", "VAT (THB)"),
    ("rounding", "ปัดเศษเงินสด (บาท)", "Cash rounding (THB)"),
    ("first_receipt", "ใบเสร็จแรก", "First receipt"),
    ("last_receipt", "ใบเสร็จสุดท้าย", "Last receipt"),
)
AUDIT_TITLE = ("บันทึกการอนุมัติ", "Approvals log")

Table = tuple[str, tuple[str, ...], list[tuple[Any, ...]]]
"""(title, header, rows) of one sheet or CSV section."""


def baht(amount: Money) -> Decimal:
    """An amount as an exact number of baht with two decimals."""
    return Decimal(amount.satang).scaleb(-2).quantize(Decimal("0.01"))


def be_date(day: date | str) -> str:
    """'01/03/2569': a Bangkok date in the Buddhist era, as Thai users write it."""
    d = date.fromisoformat(day) if isinstance(day, str) else day
    return f"{d.day:02d}/{d.month:02d}/{d.year + BE_OFFSET}"


def _i(lang: str) -> int:
    return 1 if lang == "en" else 0


def _summary(figures: Figures, period: tuple[date, date] | None, lang: str) -> Table:
    values: dict[str, Any] = {
        name: getattr(figures, name) for name, _th, _en in SUMMARY_ROWS if hasattr(figures, name)
    }
    if period is not None:
        values["period_start"] = be_date(period[0]) if lang != "en" else period[0].isoformat()
        values["period_end"] = be_date(period[1]) if lang != "en" else period[1].isoformat()
    rows = []
    for name, th, en in SUMMARY_ROWS:
        if name not in values:
            continue
        value = values[name]
        rows.append(
            (en if lang == "en" else th, baht(value) if isinstance(value, Money) else value)
        )
    title = SECTIONS[0][1 + _i(lang)]
    return title, HEADERS["summary"][_i(lang)], rows


def _breakdown(
    title: str,
    rows: Sequence[Breakdown],
    lang: str,
    label: Callable[[Breakdown], str] | None = None,
) -> Table:
    name = label or (lambda b: b.label)
    out = [(name(b), b.key, b.count, baht(b.amount)) for b in rows]
    return title, HEADERS["breakdown"][_i(lang)], out


def report_tables(
    figures: Figures,
    days: Sequence[Breakdown],
    lang: str = "th",
    period: tuple[date, date] | None = None,
) -> list[Table]:
    """Every section of the sales report, in the order of ``SECTIONS``."""
    titles = {key: (en if lang == "en" else th) for key, th, en in SECTIONS}
    day_label: Callable[[Breakdown], str] = (
        (lambda b: b.key) if lang == "en" else (lambda b: be_date(b.key))
    )
    return [
        _summary(figures, period, lang),
        _breakdown(titles["days"], days, lang, day_label),
        _breakdown(titles["hours"], figures.hours, lang),
        _breakdown(titles["tenders"], figures.tenders, lang),
        _breakdown(titles["categories"], figures.categories, lang),
        _breakdown(titles["producers"], figures.producers, lang),
        _breakdown(titles["cashiers"], figures.cashiers, lang),
    ]


def audit_table(entries: Sequence[AuditEntry], lang: str = "th") -> Table:
    rows = [(e.when, e.action, e.asked_by, e.approved_by, e.detail, e.seq) for e in entries]
    return AUDIT_TITLE[_i(lang)], HEADERS["audit"][_i(lang)], rows


# writing ---------------------------------------------------------------------
def _csv_cell(value: Any) -> Any:
    if isinstance(value, str) and value.startswith(FORMULA_START):
        return "'" + value
    if isinstance(value, Decimal):
        return f"{value:.2f}"
    return "" if value is None else value


def _write_csv(tables: Sequence[Table], path: Path) -> Path:
    # utf-8-sig: the BOM tells Excel the file is UTF-8, or Thai turns to mojibake
    text = io.StringIO(newline="")
    out = csv.writer(text)
    for n, (title, header, rows) in enumerate(tables):
        if n:
            out.writerow([])
        out.writerow([_csv_cell(title)])
        out.writerow([_csv_cell(h) for h in header])
        for row in rows:
            out.writerow([_csv_cell(v) for v in row])
    return write_atomic(path, text.getvalue().encode("utf-8-sig"))


def _sheet_title(title: str) -> str:
    for bad in "[]:*?/\\":
        title = title.replace(bad, " ")
    return title[:31]


def _write_xlsx(tables: Sequence[Table], path: Path) -> Path:
    from openpyxl import Workbook
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    wb = Workbook()
    wb.remove(wb.active)
    for title, header, rows in tables:
        ws = wb.create_sheet(_sheet_title(title))
        ws.append(list(header))
        for cell in ws[1]:
            cell.font = Font(bold=True)
        widths = [len(h) for h in header]
        for r, row in enumerate(rows, start=2):
            for c, value in enumerate(row, start=1):
                if isinstance(value, str):
                    value = ILLEGAL_CHARACTERS_RE.sub("", value)
                cell = ws.cell(row=r, column=c, value=value)
                if isinstance(value, str):
                    cell.data_type = "s"  # never a formula, whatever it starts with
                elif isinstance(value, Decimal):
                    cell.number_format = BAHT_FORMAT
                widths[c - 1] = max(widths[c - 1], len(str(value)))
        for c, width in enumerate(widths, start=1):
            ws.column_dimensions[get_column_letter(c)].width = min(60, width + 4)
        ws.freeze_panes = "A2"
    data = io.BytesIO()
    wb.save(data)
    return write_atomic(path, data.getvalue())


def export_csv(
    figures: Figures,
    days: Sequence[Breakdown],
    path: Path,
    lang: str = "th",
    period: tuple[date, date] | None = None,
) -> Path:
    """The sales report as one CSV, a titled section per breakdown."""
    return _write_csv(report_tables(figures, days, lang, period), Path(path))


def export_xlsx(
    figures: Figures,
    days: Sequence[Breakdown],
    path: Path,
    lang: str = "th",
    period: tuple[date, date] | None = None,
) -> Path:
    """The sales report as an Excel workbook, a sheet per breakdown."""
    return _write_xlsx(report_tables(figures, days, lang, period), Path(path))


def export_audit_csv(entries: Sequence[AuditEntry], path: Path, lang: str = "th") -> Path:
    return _write_csv([audit_table(entries, lang)], Path(path))


def export_audit_xlsx(entries: Sequence[AuditEntry], path: Path, lang: str = "th") -> Path:
    return _write_xlsx([audit_table(entries, lang)], Path(path))
