"""Lay out a full tax invoice (ใบกำกับภาษี, Revenue Code s.86/4) as a Document.

A buyer who claims input VAT or a tax allowance needs an invoice in their own
name; the receipt (abbreviated invoice, s.86/6) cannot be used for that. The
full invoice replaces the receipt and says so. It is one Document, so the
thermal roll, the roll PDF and the A4 PDF carry the same words in the same
order, and ``tax_invoice_fields.tax_invoice_fields_present`` can check a Document for every
field the law asks for before anything is printed.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import partial

from otop_pos.domain.money import Money
from otop_pos.domain.thai.taxid import format_tax_id, is_valid_tax_id
from otop_pos.domain.vat import EXEMPT_LABEL, EXEMPT_MARK, VAT_RATE_PERCENT, VATABLE_BASE_LABEL
from otop_pos.printing.documents.receipt import (
    ZERO,
    Lang,
    ReceiptLine,
    item_line,
)
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

TITLE_TH = "ใบกำกับภาษี"
REPLACES_TH = "ยกเลิกและออกใบกำกับภาษีฉบับใหม่แทนใบกำกับภาษีอย่างย่อ เลขที่ {no} ลงวันที่ {date}"
SIGN_DOTS = "." * 26

# (Thai, English). English prints next to the Thai, never instead of it: the
# Revenue Department expects a tax invoice in Thai.
_WORDS: dict[str, tuple[str, str]] = {
    "original": ("ต้นฉบับ", "Original"),
    "copy": ("สำเนา", "Copy"),
    "tax_id": ("เลขประจำตัวผู้เสียภาษี", "Tax ID"),
    "pos_id": ("POS ID", ""),
    "no": ("เลขที่", "No."),
    "date": ("วันที่", "Date"),
    "buyer": ("ผู้ซื้อ", "Buyer"),
    "name": ("ชื่อ", "Name"),
    "address": ("ที่อยู่", "Address"),
    "items": ("รายการ", "Description"),
    "amount": ("จำนวนเงิน", "Amount"),
    "qty_price": ("จำนวน x ราคาต่อหน่วย", "qty x unit price"),
    "discount": ("ส่วนลด", "discount"),
    "vat_base": ("มูลค่าสินค้า", "Value of goods"),
    "exempt": (f"{EXEMPT_LABEL[0]} ({EXEMPT_MARK})", f"{EXEMPT_LABEL[1]} ({EXEMPT_MARK})"),
    "vatable_base": VATABLE_BASE_LABEL,
    "vat": (f"ภาษีมูลค่าเพิ่ม {VAT_RATE_PERCENT}%", f"VAT {VAT_RATE_PERCENT}%"),
    "total": ("รวมทั้งสิ้น", "Total"),
    "issued_by": ("ผู้ออกเอกสาร", "Issued by"),
    "sign": ("ผู้รับเงิน / ผู้ออกใบกำกับภาษี", "Issuer"),
}


def _labels(lang: Lang) -> dict[str, str]:
    return {k: f"{th} / {en}" if lang == "en" and en else th for k, (th, en) in _WORDS.items()}


@dataclass(frozen=True, slots=True)
class InvoiceParty:
    """Seller or buyer as printed; ``branch`` is already a label ('สาขาที่ 00001')."""

    name: str
    address: str  # may contain newlines
    tax_id: str = ""  # '' for a buyer who is a person without one
    branch: str = ""


@dataclass(frozen=True, slots=True)
class TaxInvoiceData:
    """Everything printed on a full tax invoice, already computed and formatted."""

    seller: InvoiceParty
    buyer: InvoiceParty
    invoice_no: str
    date_text: str  # '21 พฤศจิกายน 2569' (thaidate.format_long_date)
    lines: tuple[ReceiptLine, ...]
    total: Money  # VAT-inclusive value of the goods
    vat_base: Money
    vat: Money
    amount_words: str  # bahttext.baht_text(total)
    replaces_no: str
    replaces_date_text: str
    pos_id: str = ""
    issued_by: str = ""
    is_copy: bool = False
    lang: Lang = "th"
    exempt: Money = ZERO  # VAT-exempt goods, apart from vat_base

    def __post_init__(self) -> None:
        """Refuse what would make an invalid tax document; messages are for staff (Thai)."""
        if self.lang not in ("th", "en"):
            raise ValueError(f"lang must be 'th' or 'en', not {self.lang!r}")
        if not self.seller.name.strip():
            raise ValueError("กรุณาระบุชื่อผู้ขาย")
        if not is_valid_tax_id(self.seller.tax_id):
            raise ValueError(f"เลขประจำตัวผู้เสียภาษีของผู้ขายไม่ถูกต้อง: {self.seller.tax_id!r}")
        if not self.seller.branch.strip():
            raise ValueError("กรุณาระบุสำนักงานใหญ่หรือสาขาของผู้ขาย")
        if not self.buyer.name.strip():
            raise ValueError("กรุณาระบุชื่อผู้ซื้อ")
        if not self.buyer.address.strip():
            raise ValueError("กรุณาระบุที่อยู่ผู้ซื้อ")
        if self.buyer.tax_id and not is_valid_tax_id(self.buyer.tax_id):
            raise ValueError(
                f"เลขประจำตัวผู้เสียภาษีของผู้ซื้อไม่ถูกต้อง (ต้องเป็นเลข 13 หลักและหลักตรวจสอบถูกต้อง):"
                f" {self.buyer.tax_id!r}"
            )
        if not self.lines:
            raise ValueError("ใบกำกับภาษีต้องมีรายการสินค้าอย่างน้อยหนึ่งรายการ")
        if self.total != self.exempt + self.vat_base + self.vat:
            raise ValueError(
                f"ยอดรวม {self.total} ไม่เท่ากับมูลค่าสินค้ายกเว้นภาษี {self.exempt}"
                f" บวกมูลค่าสินค้า {self.vat_base} บวกภาษีมูลค่าเพิ่ม {self.vat}"
            )
        if not self.invoice_no.strip() or not self.date_text.strip():
            raise ValueError("ใบกำกับภาษีต้องมีเลขที่และวันที่")


# Each helper below is used both to lay the invoice out and to find its
# fields again, so the check cannot drift from the wording.
def _address_lines(party: InvoiceParty) -> list[str]:
    return [s.strip() for s in party.address.splitlines() if s.strip()]


def _tax_id_line(party: InvoiceParty, lab: dict[str, str]) -> str:
    return f"{lab['tax_id']} {format_tax_id(party.tax_id)}"


def _buyer_address(d: TaxInvoiceData, lab: dict[str, str]) -> list[str]:
    first, *rest = _address_lines(d.buyer) or [""]
    return [f"{lab['address']} {first}", *rest]


def _date(text: str) -> str:
    """thaidate.format_long() starts with 'วันที่', which the row label already says."""
    return text.removeprefix("วันที่").strip()


_item = partial(item_line, measure_column=True)  # the quantity itself, as s.86/4 asks


def _seller(d: TaxInvoiceData, lab: dict[str, str], width: int) -> list[Block]:
    mark = lab["copy"] if d.is_copy else lab["original"]
    # Title and original/copy share the top line, as in invoice books: one line
    # less keeps a short invoice on one A4 page. On 58 mm the English mark
    # would squeeze the title onto two lines, so it gets its own line there.
    en = Text("(Tax invoice)", "center" if width < WIDTH_80MM else "left", "small")
    out: list[Block] = [Row(TITLE_TH, mark, bold=True, size="xlarge")]
    if d.lang == "en" and width < WIDTH_80MM:
        out = [Text(TITLE_TH, "center", "xlarge", bold=True), en]
        out.append(Text(mark, "center", "xlarge" if d.is_copy else "normal", bold=True))
    elif d.lang == "en":
        out.append(en)
    out.append(Text(d.seller.name, "center", "large", bold=True))
    out += [Text(s, "center", "small") for s in _address_lines(d.seller)]
    out.append(Text(_tax_id_line(d.seller, lab), "center", "small"))
    out.append(Text(d.seller.branch, "center", "small"))
    if d.pos_id:
        out.append(Text(f"{lab['pos_id']} {d.pos_id}", "center", "small"))
    return [*out, Rule("="), Row(lab["no"], d.invoice_no), Row(lab["date"], _date(d.date_text))]


def _buyer(d: TaxInvoiceData, lab: dict[str, str]) -> list[Block]:
    out: list[Block] = [Rule("-"), Text(lab["buyer"], bold=True)]
    out.append(Text(f"{lab['name']} {d.buyer.name}"))
    out += [Text(s) for s in _buyer_address(d, lab)]
    if d.buyer.tax_id:
        out.append(Text(_tax_id_line(d.buyer, lab)))
        if d.buyer.branch:
            out.append(Text(d.buyer.branch))
    return out


def _body(d: TaxInvoiceData, lab: dict[str, str]) -> list[Block]:
    header = (  # the bilingual labels are too long for one line on a roll
        ItemLine(lab["items"], "", lab["amount"], lab["qty_price"])
        if d.lang == "en"
        else ItemLine(f"{lab['items']} ({lab['qty_price']})", "", lab["amount"])
    )
    out: list[Block] = [Rule("-"), header]
    marked = bool(d.exempt)
    out += [Rule("-"), *(_item(line, lab, marked) for line in d.lines), Rule("-")]
    out += [
        *(Row(label, value) for label, value in _vat_apart(d, lab)),
        Row(lab["total"], d.total.format(), bold=True, size="large"),
        Text(f"({d.amount_words})", "right"),
        Rule("="),
    ]
    # Two lines, split before 'เลขที่': wrapped as one, a roll breaks it mid-phrase.
    note = REPLACES_TH.format(no=d.replaces_no, date=_date(d.replaces_date_text))
    head, _sep, tail = note.partition(" เลขที่ ")
    out += [Text(head, size="small"), Text(f"เลขที่ {tail}", size="small")]
    if d.lang == "en":
        en = f"(Replaces abbreviated tax invoice no. {d.replaces_no})"
        out.append(Text(en, size="small"))
    if d.issued_by:
        out.append(Row(lab["issued_by"], d.issued_by))
    out += [Spacer(48), Text(f"{lab['sign']} {SIGN_DOTS}")]  # room above the line to sign
    # No caption under the QR: the number is printed at the top, and one line
    # less keeps a short invoice on one A4 page.
    return [*out, Spacer(8), QRCode(d.invoice_no)]


def build_tax_invoice(data: TaxInvoiceData, width_dots: int = WIDTH_80MM) -> Document:
    """The full tax invoice; the QR at the end holds the invoice number for look-ups."""
    lab = _labels(data.lang)
    return Document(
        tuple(_seller(data, lab, width_dots) + _buyer(data, lab) + _body(data, lab)), width_dots
    )


def _vat_apart(d: TaxInvoiceData, lab: dict[str, str]) -> list[tuple[str, ...]]:
    """Exempt goods (when any), the VAT-able base and the VAT, each on its own line."""
    exempt = [(lab["exempt"], d.exempt.format())] if d.exempt else []
    base = lab["vatable_base"] if d.exempt else lab["vat_base"]
    return [*exempt, (base, d.vat_base.format()), (lab["vat"], d.vat.format())]


def _has_run(lines: list[str], run: tuple[str, ...]) -> bool:
    """An empty run (a seller without an address) or an empty line never counts."""
    n = len(run)
    if not n or not all(run):
        return False
    return any(tuple(lines[i : i + n]) == run for i in range(len(lines) - n + 1))
