"""Lay out a credit note (ใบลดหนี้, Revenue Code s.86/10) as a Document.

When goods sold on a full tax invoice come back, the seller may not touch
that invoice: it issues a credit note that names it and states the value it
carried, the value it should have carried, the difference and the VAT on the
difference, and why. Both parties file it against their VAT. As with the tax
invoice, ``credit_note_fields_present`` checks a Document for every field the
law asks for before anything is printed.
"""

from __future__ import annotations

from dataclasses import dataclass

from otop_pos.domain.money import Money
from otop_pos.domain.thai.taxid import is_valid_tax_id
from otop_pos.domain.vat import EXEMPT_LABEL, EXEMPT_MARK, VAT_RATE_PERCENT
from otop_pos.printing.documents.receipt import ZERO, Lang, ReceiptLine
from otop_pos.printing.documents.tax_invoice import (
    SIGN_DOTS,
    InvoiceParty,
    _address_lines,
    _date,
    _has_run,
    _item,
)
from otop_pos.printing.documents.tax_invoice import _tax_id_line as _tax_id
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

TITLE_TH = "ใบลดหนี้"

# (Thai, English): English prints next to the Thai, never instead of it.
_WORDS: dict[str, tuple[str, str]] = {
    "original": ("ต้นฉบับ", "Original"),
    "copy": ("สำเนา", "Copy"),
    "tax_id": ("เลขประจำตัวผู้เสียภาษี", "Tax ID"),
    "no": ("เลขที่", "No."),
    "date": ("วันที่", "Date"),
    "buyer": ("ผู้ซื้อ", "Buyer"),
    "name": ("ชื่อ", "Name"),
    "address": ("ที่อยู่", "Address"),
    "orig_no": ("ใบกำกับภาษีเดิมเลขที่", "Original tax invoice no."),
    "orig_date": ("ลงวันที่", "Dated"),
    "items": ("รายการที่รับคืน", "Returned goods"),
    "amount": ("จำนวนเงิน", "Amount"),
    "qty_price": ("จำนวน x ราคาต่อหน่วย", "qty x unit price"),
    "discount": ("ส่วนลด", "discount"),
    # Both VAT-inclusive, as the shelf prices were; the split follows below them.
    "original_value": ("มูลค่าตามใบกำกับภาษีเดิม (รวมภาษี)", "Value on the original invoice"),
    "correct_value": ("มูลค่าที่ถูกต้อง (รวมภาษี)", "Correct value"),
    "difference_base": ("ผลต่าง (ก่อนภาษี)", "Difference before VAT"),
    "difference_exempt": (
        f"ผลต่าง{EXEMPT_LABEL[0].removeprefix('มูลค่า')} ({EXEMPT_MARK})",
        f"Difference, {EXEMPT_LABEL[1]} ({EXEMPT_MARK})",
    ),
    "difference_vatable": ("ผลต่างสินค้าที่ต้องเสียภาษี (ก่อนภาษี)", "Difference, VAT-able goods before VAT"),
    "vat": (f"ภาษีมูลค่าเพิ่ม {VAT_RATE_PERCENT}% ของผลต่าง", f"VAT {VAT_RATE_PERCENT}%"),
    "difference": ("รวมลดหนี้ทั้งสิ้น", "Total credit"),
    "reason": ("เหตุผลในการลดหนี้", "Reason"),
    "issued_by": ("ผู้ออกเอกสาร", "Issued by"),
    "sign": ("ผู้ออกใบลดหนี้", "Issuer"),
}


def _labels(lang: Lang) -> dict[str, str]:
    return {k: f"{th} / {en}" if lang == "en" and en else th for k, (th, en) in _WORDS.items()}


@dataclass(frozen=True, slots=True)
class CreditNoteData:
    """Everything on a credit note, already computed and formatted.

    Values are VAT-inclusive; ``difference`` = original - correct, and it
    splits into ``difference_base`` + ``vat_on_difference``.
    """

    seller: InvoiceParty
    buyer: InvoiceParty
    credit_note_no: str  # 'POS01-CN-69110001'
    date_text: str  # '22 พฤศจิกายน 2569'
    original_invoice_no: str
    original_date_text: str
    lines: tuple[ReceiptLine, ...]  # the goods returned
    original_value: Money
    correct_value: Money
    difference: Money
    difference_base: Money
    vat_on_difference: Money
    amount_words: str  # bahttext of the difference
    reason: str
    issued_by: str = ""
    is_copy: bool = False
    lang: Lang = "th"
    difference_exempt: Money = ZERO  # returned VAT-exempt goods, apart from the base

    def __post_init__(self) -> None:
        """Refuse what would make an invalid tax document; messages are for staff (Thai)."""
        if self.lang not in ("th", "en"):
            raise ValueError(f"lang must be 'th' or 'en', not {self.lang!r}")
        if not self.seller.name.strip() or not self.seller.branch.strip():
            raise ValueError("กรุณาระบุชื่อและสำนักงานใหญ่หรือสาขาของผู้ขาย")
        if not is_valid_tax_id(self.seller.tax_id):
            raise ValueError(f"เลขประจำตัวผู้เสียภาษีของผู้ขายไม่ถูกต้อง: {self.seller.tax_id!r}")
        if not self.buyer.name.strip() or not self.buyer.address.strip():
            raise ValueError("กรุณาระบุชื่อและที่อยู่ผู้ซื้อ")
        if self.buyer.tax_id and not is_valid_tax_id(self.buyer.tax_id):
            raise ValueError(f"เลขประจำตัวผู้เสียภาษีของผู้ซื้อไม่ถูกต้อง: {self.buyer.tax_id!r}")
        if not self.credit_note_no.strip() or not self.date_text.strip():
            raise ValueError("ใบลดหนี้ต้องมีเลขที่และวันที่")
        if not self.original_invoice_no.strip():
            raise ValueError("ใบลดหนี้ต้องอ้างอิงเลขที่ใบกำกับภาษีเดิม")
        if not self.lines:
            raise ValueError("ใบลดหนี้ต้องมีรายการสินค้าที่รับคืนอย่างน้อยหนึ่งรายการ")
        if self.difference.satang <= 0:
            raise ValueError("ผลต่างของใบลดหนี้ต้องมากกว่าศูนย์")
        if self.difference != self.original_value - self.correct_value:
            raise ValueError(
                f"ผลต่าง {self.difference} ไม่เท่ากับมูลค่าเดิม {self.original_value}"
                f" ลบมูลค่าที่ถูกต้อง {self.correct_value}"
            )
        if self.difference != (
            self.difference_exempt + self.difference_base + self.vat_on_difference
        ):
            raise ValueError(
                f"ผลต่าง {self.difference} ไม่เท่ากับสินค้ายกเว้นภาษี {self.difference_exempt}"
                f" บวกมูลค่าก่อนภาษี {self.difference_base} บวกภาษีมูลค่าเพิ่ม {self.vat_on_difference}"
            )
        if not self.reason.strip():
            raise ValueError("กรุณาระบุเหตุผลในการลดหนี้")


# Used both to lay the note out and to find its fields again.
def _buyer_address(d: CreditNoteData, lab: dict[str, str]) -> list[str]:
    first, *rest = _address_lines(d.buyer) or [""]
    return [f"{lab['address']} {first}", *rest]


def _reason_lines(d: CreditNoteData) -> list[str]:
    return [s.strip() for s in d.reason.splitlines() if s.strip()]


def _seller(d: CreditNoteData, lab: dict[str, str], width: int) -> list[Block]:
    mark = lab["copy"] if d.is_copy else lab["original"]
    # As on the tax invoice: title and mark share the top line, except where the
    # English would squeeze the title onto two lines (58 mm).
    en = Text("(Credit note)", "center" if width < WIDTH_80MM else "left", "small")
    out: list[Block] = [Row(TITLE_TH, mark, bold=True, size="xlarge")]
    if d.lang == "en" and width < WIDTH_80MM:
        out = [Text(TITLE_TH, "center", "xlarge", bold=True), en]
        out.append(Text(mark, "center", "xlarge" if d.is_copy else "normal", bold=True))
    elif d.lang == "en":
        out.append(en)
    out.append(Text(d.seller.name, "center", "large", bold=True))
    out += [Text(s, "center", "small") for s in _address_lines(d.seller)]
    out.append(Text(_tax_id(d.seller, lab), "center", "small"))
    out.append(Text(d.seller.branch, "center", "small"))
    return [*out, Rule("="), Row(lab["no"], d.credit_note_no), Row(lab["date"], _date(d.date_text))]


def _buyer(d: CreditNoteData, lab: dict[str, str]) -> list[Block]:
    out: list[Block] = [Rule("-"), Text(lab["buyer"], bold=True)]
    out.append(Text(f"{lab['name']} {d.buyer.name}"))
    out += [Text(s) for s in _buyer_address(d, lab)]
    if d.buyer.tax_id:
        out.append(Text(_tax_id(d.buyer, lab)))
        if d.buyer.branch:
            out.append(Text(d.buyer.branch))
    return out


def _body(d: CreditNoteData, lab: dict[str, str]) -> list[Block]:
    out: list[Block] = [
        Rule("-"),
        Row(lab["orig_no"], d.original_invoice_no, bold=True),
        Row(lab["orig_date"], _date(d.original_date_text)),
        Rule("-"),
    ]
    out.append(  # the bilingual labels are too long for one line on a roll
        ItemLine(lab["items"], "", lab["amount"], lab["qty_price"])
        if d.lang == "en"
        else ItemLine(f"{lab['items']} ({lab['qty_price']})", "", lab["amount"])
    )
    marked = bool(d.difference_exempt)
    out += [Rule("-"), *(_item(line, lab, marked) for line in d.lines), Rule("-")]
    out += [
        Row(lab["original_value"], d.original_value.format()),
        Row(lab["correct_value"], d.correct_value.format()),
        *(Row(label, value) for label, value in _difference_parts(d, lab)),
        Row(lab["vat"], d.vat_on_difference.format()),
        Row(lab["difference"], d.difference.format(), bold=True, size="large"),
        Text(f"({d.amount_words})", "right"),
        Rule("="),
        Text(lab["reason"], bold=True),
        *(Text(s) for s in _reason_lines(d)),
    ]
    if d.issued_by:
        out.append(Row(lab["issued_by"], d.issued_by))
    out += [Spacer(48), Text(f"{lab['sign']} {SIGN_DOTS}")]  # room above the line to sign
    # A slightly smaller QR than the invoice's keeps a short bilingual note on one A4 page.
    return [*out, Spacer(8), QRCode(d.credit_note_no, size_mm=20)]


def build_credit_note(data: CreditNoteData, width_dots: int = WIDTH_80MM) -> Document:
    """The credit note; the QR at the end holds its number for look-ups."""
    lab = _labels(data.lang)
    blocks = _seller(data, lab, width_dots) + _buyer(data, lab) + _body(data, lab)
    return Document(tuple(blocks), width_dots)


def _difference_parts(d: CreditNoteData, lab: dict[str, str]) -> list[tuple[str, str]]:
    """The difference before VAT; with exempt goods returned, their part apart."""
    if not d.difference_exempt:
        return [(lab["difference_base"], d.difference_base.format())]
    return [(lab["difference_exempt"], d.difference_exempt.format()),
            (lab["difference_vatable"], d.difference_base.format())]  # fmt: skip


# Field check ---------------------------------------------------------------
# name -> (part, runs): runs of whole lines of plain_text() that must each
# appear unbroken; 'head' is before the buyer heading, 'buyer' from it on.
_Runs = list[tuple[str, ...]]


def _field_runs(d: CreditNoteData, lab: dict[str, str]) -> dict[str, tuple[str, _Runs]]:
    buyer_id: _Runs = [(_tax_id(d.buyer, lab),)] if d.buyer.tax_id else []
    return {
        "คำว่า ใบลดหนี้": ("head", [(TITLE_TH,)]),
        "ชื่อผู้ออกใบลดหนี้": ("head", [(d.seller.name,)]),
        "ที่อยู่ผู้ออกใบลดหนี้": ("head", [tuple(_address_lines(d.seller))]),
        "เลขประจำตัวผู้เสียภาษีผู้ออกใบลดหนี้": ("head", [(_tax_id(d.seller, lab),)]),
        "สำนักงานใหญ่/สาขาผู้ออกใบลดหนี้": ("head", [(d.seller.branch,)]),
        "เลขที่ใบลดหนี้": ("head", [(lab["no"], d.credit_note_no)]),
        "วันที่ออกใบลดหนี้": ("head", [(lab["date"], _date(d.date_text))]),
        "ชื่อผู้ซื้อ": ("buyer", [(f"{lab['name']} {d.buyer.name}",)]),
        "ที่อยู่ผู้ซื้อ": ("buyer", [tuple(_buyer_address(d, lab))]),
        "เลขประจำตัวผู้เสียภาษีผู้ซื้อ": ("buyer", buyer_id),
        "เลขที่ใบกำกับภาษีเดิม": ("buyer", [(lab["orig_no"], d.original_invoice_no)]),
        "มูลค่าสินค้าตามใบกำกับภาษีเดิม": (
            "buyer",
            [(lab["original_value"], d.original_value.format())],
        ),
        "มูลค่าสินค้าที่ถูกต้อง": ("buyer", [(lab["correct_value"], d.correct_value.format())]),
        "ผลต่าง": (
            "buyer",
            [*_difference_parts(d, lab), (lab["difference"], d.difference.format())],
        ),
        "ภาษีมูลค่าเพิ่มของผลต่าง": ("buyer", [(lab["vat"], d.vat_on_difference.format())]),
        "เหตุผลในการลดหนี้": ("buyer", [(lab["reason"], *_reason_lines(d))]),
    }


CREDIT_NOTE_FIELDS: tuple[str, ...] = (
    "คำว่า ใบลดหนี้",
    "ชื่อผู้ออกใบลดหนี้",
    "ที่อยู่ผู้ออกใบลดหนี้",
    "เลขประจำตัวผู้เสียภาษีผู้ออกใบลดหนี้",
    "สำนักงานใหญ่/สาขาผู้ออกใบลดหนี้",
    "เลขที่ใบลดหนี้",
    "วันที่ออกใบลดหนี้",
    "ชื่อผู้ซื้อ",
    "ที่อยู่ผู้ซื้อ",
    "เลขประจำตัวผู้เสียภาษีผู้ซื้อ",
    "เลขที่ใบกำกับภาษีเดิม",
    "มูลค่าสินค้าตามใบกำกับภาษีเดิม",
    "มูลค่าสินค้าที่ถูกต้อง",
    "ผลต่าง",
    "ภาษีมูลค่าเพิ่มของผลต่าง",
    "เหตุผลในการลดหนี้",
)
"""s.86/10 items (reference: 'Credit note'), in the order they are printed."""


def credit_note_fields_present(doc: Document, data: CreditNoteData) -> list[str]:
    """Names of the s.86/10 fields of ``data`` that ``doc`` lacks; [] means complete."""
    lab = _labels(data.lang)
    lines = doc.plain_text().split("\n")
    cut = lines.index(lab["buyer"]) if lab["buyer"] in lines else len(lines)
    parts = {"head": lines[:cut], "buyer": lines[cut:]}
    fields = _field_runs(data, lab)
    return [
        name
        for name in CREDIT_NOTE_FIELDS
        if not all(_has_run(parts[fields[name][0]], run) for run in fields[name][1])
    ]
