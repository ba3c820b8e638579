"""Lay out the X, Z and day reports as a Document, for the receipt printer or PDF.

An X report is a look at the day so far and changes nothing; a Z closes the
day, carries its own running number and the never-resetting grand total
before and after; the day report is the same summary for any past day. All
three share one layout so a manager reads them the same way. The figures
arrive already computed: this module only decides what goes where.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from otop_pos.domain.money import Money
from otop_pos.domain.thai.taxid import format_tax_id, is_valid_tax_id
from otop_pos.domain.vat import EXEMPT_LABEL, VAT_RATE_PERCENT, VATABLE_BASE_LABEL
from otop_pos.printing.documents.receipt import ZERO, Lang
from otop_pos.printing.documents.tax_invoice import SIGN_DOTS
from otop_pos.printing.engine.document import WIDTH_80MM, Block, Document, Row, Rule, Spacer, Text

ReportKind = Literal["X", "Z", "DAY"]

TITLES_TH: dict[str, str] = {
    "X": "รายงาน X (ยอดขายระหว่างวัน)",
    "Z": "รายงาน Z ปิดยอดประจำวัน",
    "DAY": "รายงานยอดขายประจำวัน",
}
_TITLES_EN = {
    "X": "X report, sales so far",
    "Z": "Z report, end of day",
    "DAY": "Daily sales report",
}

# (Thai, English). English prints next to the Thai, as on the tax invoice.
_WORDS: dict[str, tuple[str, str]] = {
    "copy": ("สำเนา", "Copy"),
    "tax_id": ("เลขประจำตัวผู้เสียภาษี", "Tax ID"),
    "pos_id": ("POS ID", ""),
    "z_no": ("Z เลขที่", "Z no."),
    "period": ("ช่วงเวลา", "Period"),
    "printed_at": ("พิมพ์เมื่อ", "Printed"),
    "receipts": ("ใบเสร็จ", "Receipts"),
    "to": ("ถึง", "to"),
    "no_receipts": ("ไม่มีใบเสร็จ", "No receipts"),
    "sales_count": ("จำนวนบิลขาย", "Sales"),
    "gross": ("ยอดขายรวม", "Gross sales"),
    "discounts": ("ส่วนลด", "Discounts"),
    "voids": ("ยกเลิกบิล", "Voids"),
    "refunds": ("คืนสินค้า", "Refunds"),
    "net": ("ยอดขายสุทธิ", "Net sales"),
    "vat_base": ("มูลค่าสินค้า", "Value of goods"),
    "vat": (f"ภาษีมูลค่าเพิ่ม {VAT_RATE_PERCENT}%", f"VAT {VAT_RATE_PERCENT}%"),
    "rounding": ("ปัดเศษ", "Rounding"),
    "tenders": ("แยกตามประเภทการชำระเงิน (หักคืนเงินแล้ว)", "By payment type (less refunds)"),
    "cash_note": (
        "เงินสดนี้ไม่รวมเงินทอนตั้งต้น เงินนำเข้าและนำออก",
        "Cash here excludes the float and cash in or out",
    ),
    "categories": ("แยกตามหมวดสินค้า", "By category"),
    "producers": ("แยกตามผู้ผลิต", "By producer"),
    "cashiers": ("แยกตามพนักงานขาย", "By cashier"),
    "none": ("ไม่มีรายการ", "none"),
    "shifts": ("เงินสดแต่ละกะ", "Cash by shift"),
    "expected": ("ยอดที่ควรมี", "Expected"),
    "counted": ("นับได้", "Counted"),
    "over": ("เกิน", "Over"),
    "short": ("ขาด", "Short"),
    "even": ("เกิน/ขาด", "Over/short"),
    "grand": ("ยอดสะสม (ไม่ตั้งศูนย์)", "Grand total (never reset)"),
    "before": ("ก่อนปิดยอด", "Before"),
    "after": ("หลังปิดยอด", "After"),
    "closed_by": ("ผู้ปิดยอด", "Closed by"),
    "sign": ("ลงชื่อ", "Signature"),
    "checkpoint": ("ยืนยันโดยเซิร์ฟเวอร์จังหวัด", "Provincial server checkpoint"),
    "cp_seq": ("รับถึงรายการที่", "Held up to seq"),
    "cp_hash": ("รหัสตรวจสอบ", "Hash"),
    "cp_at": ("เมื่อ", "At"),
}


def _labels(lang: Lang) -> dict[str, str]:
    """'ไทย', or 'ไทย / English' when English is asked for."""
    return {k: f"{th} / {en}" if lang == "en" and en else th for k, (th, en) in _WORDS.items()}


@dataclass(frozen=True, slots=True)
class ReportLine:
    """One row of a breakdown (a tender, a category, a cashier...)."""

    label: str
    amount: Money
    count: int | None = None


@dataclass(frozen=True, slots=True)
class ShiftLine:
    """One closed shift's cash reconciliation, for the Z."""

    label: str  # 'กะ 1 สมศรี 08:00-16:00', already formatted
    expected: Money
    counted: Money
    difference: Money  # counted - expected: over +, short -


@dataclass(frozen=True, slots=True)
class CheckpointLine:
    """The server's latest signed checkpoint: anyone can compare it with the province's copy."""

    seq: int
    hash_prefix: str  # the first 12 characters of the hash
    at_text: str  # '07/12/2569 08:17' (Bangkok), already formatted


@dataclass(frozen=True, slots=True)
class DayReportData:
    """Everything on an X, Z or day report, already computed and formatted.

    ``net`` is gross - discounts - voids - refunds; discounts, voids and
    refunds are positive amounts and print with a minus sign as deductions.
    """

    kind: ReportKind
    centre_name: str
    branch: str
    tax_id: str
    pos_id: str
    printed_at: str  # '22/11/2569 18:05', already B.E.
    period_text: str
    z_no: int | None
    first_receipt: str | None
    last_receipt: str | None
    sales_count: int
    gross: Money
    discounts: Money
    voids: Money
    voids_count: int
    refunds: Money
    refunds_count: int
    net: Money
    vat_base: Money
    vat: Money
    rounding: Money
    tenders: tuple[ReportLine, ...]
    categories: tuple[ReportLine, ...]
    producers: tuple[ReportLine, ...]
    cashiers: tuple[ReportLine, ...]
    shifts: tuple[ShiftLine, ...] = ()
    grand_total_before: Money | None = None
    grand_total_after: Money | None = None
    closed_by: str = ""
    vat_registered: bool = True
    is_copy: bool = False
    lang: Lang = "th"
    exempt: Money = ZERO  # VAT-exempt sales, apart from vat_base
    checkpoint: CheckpointLine | None = None  # on a Z of an enrolled till

    def __post_init__(self) -> None:
        """A Z without its number, or an X with one, would mislead whoever files it."""
        if self.kind not in TITLES_TH:
            raise ValueError(f"kind must be 'X', 'Z' or 'DAY', not {self.kind!r}")
        if self.lang not in ("th", "en"):
            raise ValueError(f"lang must be 'th' or 'en', not {self.lang!r}")
        if self.kind == "Z" and (self.z_no is None or self.z_no < 1):
            raise ValueError("รายงาน Z ต้องมีเลขที่ Z")
        if self.kind != "Z" and self.z_no is not None:
            raise ValueError(f"รายงาน {self.kind} ต้องไม่มีเลขที่ Z")


def deduction(amount: Money) -> str:
    """A positive deduction as printed in a summary: '-120.00' (zero stays '0.00')."""
    return (-amount).format()


def over_short_label(difference: Money, lab: dict[str, str]) -> str:
    """'เกิน' for cash over, 'ขาด' for short, 'เกิน/ขาด' when it is exact."""
    if difference.is_negative:
        return lab["short"]
    return lab["over"] if difference else lab["even"]


def _counted(label: str, count: int | None) -> str:
    return label if count is None else f"{label} ({count:,})"


def _header(d: DayReportData, lab: dict[str, str]) -> list[Block]:
    out: list[Block] = [Text(d.centre_name, "center", "large", bold=True)]
    if d.branch:
        out.append(Text(d.branch, "center", "small"))
    if d.tax_id:
        tax_id = format_tax_id(d.tax_id) if is_valid_tax_id(d.tax_id) else d.tax_id
        out.append(Text(f"{lab['tax_id']} {tax_id}", "center", "small"))
    if d.pos_id:
        out.append(Text(f"{lab['pos_id']} {d.pos_id}", "center", "small"))
    out += [Rule("="), Text(TITLES_TH[d.kind], "center", "large", bold=True)]
    if d.lang == "en":
        out.append(Text(f"({_TITLES_EN[d.kind]})", "center", "small"))
    if d.kind == "Z" and d.z_no is not None:
        out.append(Text(f"{lab['z_no']} {d.z_no:04d}", "center", "large", bold=True))
    if d.is_copy:
        out += [Spacer(6), Text(lab["copy"], "center", "xlarge", bold=True)]
    out += [Rule("-"), Row(lab["period"], d.period_text), Row(lab["printed_at"], d.printed_at)]
    if d.first_receipt and d.last_receipt:
        out.append(Text(f"{lab['receipts']} {d.first_receipt} {lab['to']} {d.last_receipt}"))
    elif d.first_receipt or d.last_receipt:
        out.append(Text(f"{lab['receipts']} {d.first_receipt or d.last_receipt}"))
    else:
        out.append(Text(lab["no_receipts"]))
    return [*out, Row(lab["sales_count"], f"{d.sales_count:,}")]


def _money(d: DayReportData, lab: dict[str, str]) -> list[Block]:
    out: list[Block] = [
        Rule("-"),
        Row(lab["gross"], d.gross.format()),
        Row(lab["discounts"], deduction(d.discounts)),
        Row(_counted(lab["voids"], d.voids_count), deduction(d.voids)),
        Row(_counted(lab["refunds"], d.refunds_count), deduction(d.refunds)),
        Row(lab["net"], d.net.format(), bold=True, size="large"),
    ]
    if d.vat_registered:  # a centre outside VAT prints no VAT wording at all
        i = 1 if d.lang == "en" else 0
        if d.exempt:
            out.append(Row(EXEMPT_LABEL[i], d.exempt.format(), size="small"))
        base_label = VATABLE_BASE_LABEL[i] if d.exempt else lab["vat_base"]
        out += [
            Row(base_label, d.vat_base.format(), size="small"),
            Row(lab["vat"], d.vat.format(), size="small"),
        ]
    return [*out, Row(lab["rounding"], d.rounding.format())]


def _breakdown(title: str, lines: tuple[ReportLine, ...], lab: dict[str, str]) -> list[Block]:
    """Always printed, 'none' when empty: a missing section would look like a fault."""
    out: list[Block] = [Rule("-"), Text(title, bold=True)]
    out += [Row(_counted(ln.label, ln.count), ln.amount.format()) for ln in lines]
    return out if lines else [*out, Text(lab["none"], size="small")]


def _shifts(d: DayReportData, lab: dict[str, str]) -> list[Block]:
    if not d.shifts:
        return []
    out: list[Block] = [Rule("-"), Text(lab["shifts"], bold=True)]
    for s in d.shifts:
        out += [
            Text(s.label),
            Row(lab["expected"], s.expected.format(), size="small"),
            Row(lab["counted"], s.counted.format(), size="small"),
            Row(over_short_label(s.difference, lab), s.difference.format(), bold=True),
        ]
    return out


def _grand_total(d: DayReportData, lab: dict[str, str]) -> list[Block]:
    rows = [(lab["before"], d.grand_total_before), (lab["after"], d.grand_total_after)]
    rows_out: list[Block] = [Row(label, m.format()) for label, m in rows if m is not None]
    return [Rule("-"), Text(lab["grand"], bold=True), *rows_out] if rows_out else []


def _checkpoint(d: DayReportData, lab: dict[str, str]) -> list[Block]:
    cp = d.checkpoint
    if cp is None:
        return []
    return [
        Rule("-"),
        Text(lab["checkpoint"], bold=True),
        Row(lab["cp_seq"], f"{cp.seq:,}"),
        Row(lab["cp_hash"], cp.hash_prefix),
        Row(lab["cp_at"], cp.at_text),
    ]


def _signature(d: DayReportData, lab: dict[str, str]) -> list[Block]:
    out: list[Block] = [Rule("=")]
    if d.closed_by:
        out.append(Row(lab["closed_by"], d.closed_by))
    out += [Spacer(48), Text(f"{lab['sign']} {SIGN_DOTS}", "center")]
    if d.closed_by:
        out.append(Text(f"({d.closed_by})", "center"))
    return out


def build_day_report(data: DayReportData, width_dots: int = WIDTH_80MM) -> Document:
    """The X, Z or day report: header, money summary, breakdowns, shifts, signature."""
    lab = _labels(data.lang)
    blocks = _header(data, lab) + _money(data, lab)
    for key, lines in (
        ("tenders", data.tenders),
        ("categories", data.categories),
        ("producers", data.producers),
        ("cashiers", data.cashiers),
    ):
        blocks += _breakdown(lab[key], lines, lab)
        if (
            key == "tenders" and lines
        ):  # so nobody takes it for the drawer (otop-pos tenders says so too)
            blocks.append(Text(lab["cash_note"], size="small"))
    blocks += _shifts(data, lab) + _grand_total(data, lab) + _checkpoint(data, lab)
    blocks += _signature(data, lab)
    return Document(tuple(blocks), width_dots)
