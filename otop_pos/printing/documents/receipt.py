"""Lay out a sale receipt (or abbreviated tax invoice) as a Document.

The wording follows Revenue Code s.86/6: a VAT-registered centre prints
'ใบกำกับภาษีอย่างย่อ' prominently and says prices include VAT; a centre that is
not registered prints a plain 'ใบเสร็จรับเงิน' with no VAT wording at all.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from otop_pos.domain.catalogue.units import is_measured, items_in, qty_text, unit_text
from otop_pos.domain.money import Money
from otop_pos.domain.vat import EXEMPT_LABEL, EXEMPT_MARK, VATABLE_BASE_LABEL
from otop_pos.printing.engine.document import (
    WIDTH_80MM,
    Block,
    Document,
    ItemLine,
    QRCode,
    Row,
    Rule,
    Spacer,
    Text,
)

Lang = Literal["th", "en"]

ZERO = Money(0)
TAX_INVOICE_TH = "ใบกำกับภาษีอย่างย่อ"
VAT_INCLUDED = "ราคารวมภาษีมูลค่าเพิ่มแล้ว (VAT included)"

_LABELS: dict[str, dict[str, str]] = {
    "th": {
        "receipt": "ใบเสร็จรับเงิน",
        "copy": "สำเนา",
        "tax_id": "เลขประจำตัวผู้เสียภาษี",
        "pos_id": "POS ID",
        "no": "เลขที่",
        "date": "วันที่",
        "cashier": "พนักงาน",
        "count": "จำนวน",
        "count_value": "{lines} รายการ {pieces} ชิ้น",
        "discount": "ส่วนลด",
        "rounding": "ปัดเศษ",
        "total": "รวมทั้งสิ้น",
        "vat_base": "มูลค่าสินค้าก่อนภาษี",
        "vat": "ภาษีมูลค่าเพิ่ม",
        "cash": "รับเงินสด",
        "change": "เงินทอน",
        "thanks": "ขอบคุณที่อุดหนุนสินค้า OTOP",
    },
    "en": {
        "receipt": "RECEIPT",
        "copy": "COPY / สำเนา",
        "tax_id": "Tax ID",
        "pos_id": "POS ID",
        "no": "Receipt no.",
        "date": "Date",
        "cashier": "Cashier",
        "count": "Items",
        "count_value": "{lines} lines, {pieces} pcs",
        "discount": "discount",
        "rounding": "Rounding",
        "total": "TOTAL",
        "vat_base": "Value before VAT",
        "vat": "VAT",
        "cash": "Cash received",
        "change": "Change",
        "thanks": "Thank you for supporting OTOP products",
    },
}


@dataclass(frozen=True, slots=True)
class ReceiptLine:
    """One sold product; amount is net of the line discount."""

    name: str
    qty: int  # pieces, or thousandths of a measured unit
    unit_price: Money
    amount: Money
    discount: Money = ZERO
    unit: str = "piece"
    vat_exempt: bool = False  # marked on a VAT-registered centre's documents


def amount_text(line: ReceiptLine, marked: bool) -> str:
    """The line amount, with the exempt mark where the document shows VAT."""
    text = line.amount.format()
    return f"{text} {EXEMPT_MARK}" if marked and line.vat_exempt else text


@dataclass(frozen=True, slots=True)
class ReceiptData:
    """Everything printed on a receipt, already computed and formatted.

    ``total`` is what the customer pays, with ``rounding`` already applied.
    ``date_text`` is a preformatted Buddhist-era date, e.g. '29/02/2567 12:00'.
    """

    centre_name: str
    branch: str
    address: str
    tax_id: str
    vat_registered: bool
    pos_id: str
    receipt_no: str
    date_text: str
    cashier_name: str
    lines: tuple[ReceiptLine, ...]
    total: Money
    vat_base: Money | None = None
    vat: Money | None = None
    exempt: Money = ZERO  # VAT-exempt goods, apart from vat_base
    tenders: tuple[tuple[str, Money], ...] = ()
    cash_tendered: Money | None = None
    change: Money | None = None
    rounding: Money = ZERO
    is_copy: bool = False
    footer: str = ""
    header: str = ""  # the centre's own lines under its address (opening hours, a slogan)
    lang: Lang = "th"

    def __post_init__(self) -> None:
        if self.lang not in _LABELS:
            raise ValueError(f"lang must be 'th' or 'en', not {self.lang!r}")


def shown_qty(line: ReceiptLine, lang: str = "th") -> str:
    """The quantity as documents print it: '3', or '0.450 กก.' for a weighed line."""
    return qty_text(line.qty, line.unit, lang) if is_measured(line.unit) else str(line.qty)


def item_line(
    line: ReceiptLine,
    lab: dict[str, str],
    marked: bool = False,
    lang: str = "th",
    measure_column: bool = False,
) -> ItemLine:
    """A unit price only where it differs from the amount; receipts and tax documents alike.

    The receipt's quantity column counts items (a weighing is one); a tax
    invoice's shows the quantity itself (``measure_column``), as s.86/4 asks.
    """
    detail_parts = []
    if is_measured(line.unit):  # one weighing; '0.450 กก. x 130.00/กก.' below the name
        per = unit_text(line.unit, lang)
        detail_parts.append(f"{shown_qty(line, lang)} x {line.unit_price.format()}/{per}")
    elif line.qty != 1 or line.discount:
        detail_parts.append(f"{line.qty} x {line.unit_price.format()}")
    if line.discount:
        detail_parts.append(f"{lab['discount']} -{line.discount.format()}")
    return ItemLine(
        name=line.name,
        qty_text=shown_qty(line, lang) if measure_column else str(items_in(line.qty, line.unit)),
        amount_text=amount_text(line, marked),
        detail="  ".join(detail_parts) or None,
    )


def _header(d: ReceiptData, lab: dict[str, str]) -> list[Block]:
    out: list[Block] = [Text(d.centre_name, "center", "large", bold=True)]
    out += [Text(t, "center", "small") for t in (d.branch, d.address) if t]
    if d.tax_id:
        out.append(Text(f"{lab['tax_id']} {d.tax_id}", "center", "small"))
    if d.pos_id:
        out.append(Text(f"{lab['pos_id']} {d.pos_id}", "center", "small"))
    out += [Text(line, "center", "small") for line in d.header.splitlines() if line.strip()]
    if d.is_copy:
        out += [Spacer(6), Text(lab["copy"], "center", "xlarge", bold=True)]
    out += [Spacer(6), Rule("=")]
    if d.vat_registered:
        out.append(Text(TAX_INVOICE_TH, "center", "large", bold=True))
        if d.lang == "en":
            out.append(Text("(Abbreviated tax invoice)", "center", "small"))
        out.append(Text(VAT_INCLUDED, "center", "small"))
    else:
        out.append(Text(lab["receipt"], "center", "large", bold=True))
    out += [
        Row(lab["no"], d.receipt_no),
        Row(lab["date"], d.date_text),
        Row(lab["cashier"], d.cashier_name),
        Rule("-"),
    ]
    return out


def _totals(d: ReceiptData, lab: dict[str, str]) -> list[Block]:
    pieces = sum(items_in(line.qty, line.unit) for line in d.lines)
    out: list[Block] = [
        Rule("-"),
        Row(
            lab["count"], lab["count_value"].format(lines=len(d.lines), pieces=pieces), size="small"
        ),
    ]
    if d.rounding:
        out.append(Row(lab["rounding"], d.rounding.format()))
    out.append(Row(lab["total"], d.total.format(), bold=True, size="large"))
    if d.vat_registered:
        i = 1 if d.lang == "en" else 0
        if d.exempt:
            label = f"{EXEMPT_LABEL[i]} ({EXEMPT_MARK})"
            out.append(Row(label, d.exempt.format(), size="small"))
        if d.vat_base is not None:
            base_label = VATABLE_BASE_LABEL[i] if d.exempt else lab["vat_base"]
            out.append(Row(base_label, d.vat_base.format(), size="small"))
        if d.vat is not None:
            out.append(Row(lab["vat"], d.vat.format(), size="small"))
    out.append(Rule("-"))
    out += [Row(label, amount.format()) for label, amount in d.tenders]
    if d.cash_tendered is not None:
        out.append(Row(lab["cash"], d.cash_tendered.format()))
    if d.change is not None:
        out.append(Row(lab["change"], d.change.format(), bold=True, size="large"))
    return out


def build_receipt(data: ReceiptData, width_dots: int = WIDTH_80MM) -> Document:
    """The receipt for one sale; the QR at the bottom is the receipt number."""
    lab = _LABELS[data.lang]
    blocks = _header(data, lab)
    marked = data.vat_registered and bool(data.exempt)
    blocks += [item_line(line, lab, marked, data.lang) for line in data.lines]
    blocks += _totals(data, lab)
    blocks += [
        Rule("="),
        Text(data.footer or lab["thanks"], "center"),
        Spacer(10),
        QRCode(data.receipt_no),
        Text(data.receipt_no, "center", "small"),
    ]
    return Document(tuple(blocks), width_dots)
