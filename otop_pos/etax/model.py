"""What an e-Tax document says, checked before any XML is written.

The app fills these in from a committed sale. Every rule that the Revenue
Code or the ETDA guideline makes about the content is checked here, so a
document that cannot be filed is refused at the till with a Thai message,
not rejected weeks later by the Revenue Department.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal

from otop_pos.domain.money import Money
from otop_pos.domain.vat import split_vat_inclusive
from otop_pos.etax.checks import EtaxError, aware, satang, set_field, text
from otop_pos.etax.party import Party

# Type code -> (schema family, the document name the guideline pairs with it).
DOCUMENT_TYPES: dict[str, tuple[str, str]] = {
    "388": ("TaxInvoice", "ใบกำกับภาษี"),
    "T02": ("TaxInvoice", "ใบแจ้งหนี้/ใบกำกับภาษี"),
    "T03": ("TaxInvoice", "ใบเสร็จรับเงิน/ใบกำกับภาษี"),
    "T05": ("AbbreviatedTaxInvoice", "ใบกำกับภาษีอย่างย่อ"),
    "T06": ("AbbreviatedTaxInvoice", "ใบเสร็จรับเงิน/ใบกำกับภาษีอย่างย่อ"),
    "T01": ("Receipt", "ใบเสร็จรับเงิน"),
    "81": ("DebitCreditNote", "ใบลดหนี้"),
}
FULL_TAX_INVOICES = frozenset({"388", "T02", "T03"})
ABBREVIATED = frozenset({"T05", "T06"})
CREDIT_NOTE = "81"
# Purpose (reason) code prefixes of the ETDA/RD code list, per schema family.
PURPOSE_PREFIXES = {
    "TaxInvoice": ("TIVC",),
    "Receipt": ("RCTC",),
    "DebitCreditNote": ("CDNG", "CDNS"),
}
PURPOSE_OTHER_TAX_INVOICE = "TIVC99"
"""'Other reason (state it)'; Purpose must then say why (TIV-Document-005)."""
_PURPOSE = re.compile(r"[A-Z]{4}[0-9]{2}", re.ASCII)
# What each family may point back to. TIV-AdditionalReferencedDocument-001 only
# lets a tax invoice *reference* 388/T02/T03/T04; an abbreviated one it replaces
# is named in a note instead (see xml.py).
_REFERABLE = {
    "TaxInvoice": FULL_TAX_INVOICES | ABBREVIATED,
    "Receipt": frozenset({"T01"}),
    "DebitCreditNote": FULL_TAX_INVOICES | ABBREVIATED,
    "AbbreviatedTaxInvoice": frozenset(),
}


@dataclass(frozen=True, slots=True)
class Line:
    """One line: ``net_satang`` is what the customer pays for it, VAT included."""

    line_id: int | str
    name: str
    qty: int | Decimal
    unit_price_satang: int
    net_satang: int
    vat_applicable: bool = True
    unit_code: str = "C62"
    product_code: str = ""

    def __post_init__(self) -> None:
        set_field(self, "line_id", text(str(self.line_id), "ลำดับรายการ", "line id", 35))
        set_field(self, "name", text(self.name, "ชื่อสินค้า", "product name"))
        qty = self.qty
        if isinstance(qty, bool) or not isinstance(qty, int | Decimal) or not qty > 0:
            raise EtaxError("จำนวนสินค้าต้องมากกว่าศูนย์", f"qty must be a positive int/Decimal: {qty!r}")
        if isinstance(qty, Decimal) and not qty.is_finite():
            raise EtaxError("จำนวนสินค้าไม่ถูกต้อง", "qty must be finite")
        set_field(self, "unit_price_satang", satang(self.unit_price_satang, "unit price"))
        set_field(self, "net_satang", satang(self.net_satang, "line amount"))
        if not isinstance(self.vat_applicable, bool):
            raise EtaxError("สถานะภาษีของสินค้าไม่ถูกต้อง", "vat_applicable must be a bool")
        set_field(self, "unit_code", text(self.unit_code, "หน่วยนับ", "unit code", 35))
        if self.product_code:
            set_field(self, "product_code", text(self.product_code, "รหัสสินค้า", "product code", 35))


@dataclass(frozen=True, slots=True)
class Reference:
    """The earlier document this one replaces or corrects (number, date, type)."""

    number: str
    issued_at: datetime
    type_code: str = "T05"

    def __post_init__(self) -> None:
        set_field(self, "number", text(self.number, "เลขที่เอกสารอ้างอิง", "referenced number", 35))
        set_field(self, "issued_at", aware(self.issued_at, "referenced issued_at"))
        if self.type_code not in DOCUMENT_TYPES:
            raise EtaxError("ประเภทเอกสารอ้างอิงไม่ถูกต้อง", f"unknown type code {self.type_code!r}")


@dataclass(frozen=True, slots=True)
class EtaxDocument:
    """A whole e-Tax document; amounts are integer satang, VAT per document."""

    type_code: str
    number: str
    issued_at: datetime
    seller: Party
    buyer: Party | None
    lines: tuple[Line, ...]
    total_satang: int
    vat_base_satang: int
    vat_satang: int
    replaces: Reference | tuple[str, datetime] | tuple[str, datetime, str] | None = None
    purpose_code: str = ""
    reason: str = ""
    notes: tuple[str, ...] = ()
    created_at: datetime | None = None
    original_base_satang: int | None = None
    rate_percent: int = 7

    @property
    def family(self) -> str:
        return DOCUMENT_TYPES[self.type_code][0]

    @property
    def name(self) -> str:
        return DOCUMENT_TYPES[self.type_code][1]

    def __post_init__(self) -> None:
        if self.type_code not in DOCUMENT_TYPES:
            raise EtaxError("ประเภทเอกสารไม่ถูกต้อง", f"unknown type code {self.type_code!r}")
        set_field(self, "number", text(self.number, "เลขที่เอกสาร", "document number", 35))
        set_field(self, "issued_at", aware(self.issued_at, "issued_at"))
        created = self.issued_at if self.created_at is None else self.created_at
        set_field(self, "created_at", aware(created, "created_at"))
        set_field(self, "notes", tuple(text(n, "หมายเหตุ", "note", 500) for n in self.notes))
        if self.reason:
            set_field(self, "reason", text(self.reason, "เหตุผล", "reason", 256))
        if not isinstance(self.purpose_code, str):
            raise EtaxError("รหัสเหตุผลไม่ถูกต้อง", "purpose_code must be text")
        if isinstance(self.rate_percent, bool) or self.rate_percent not in range(0, 100):
            raise EtaxError("อัตราภาษีไม่ถูกต้อง", "rate_percent must be an int 0..99")
        if self.replaces is not None and not isinstance(self.replaces, Reference):
            if not isinstance(self.replaces, tuple) or len(self.replaces) not in (2, 3):
                raise EtaxError(
                    "เอกสารอ้างอิงต้องมีเลขที่และวันที่", "replaces must be (number, issued_at[, type])"
                )
            set_field(self, "replaces", Reference(*self.replaces))
        self._check_parties()
        self._check_amounts()
        self._check_reference()

    def _check_parties(self) -> None:
        if not isinstance(self.seller, Party) or not self.seller.tax_id:
            raise EtaxError("ต้องมีเลขประจำตัวผู้เสียภาษีของผู้ขาย", "the seller needs a tax ID")
        seller = self.seller
        if seller.country != "TH" or not (seller.structured and seller.postcode):
            raise EtaxError(
                "ที่อยู่ผู้ขายต้องมีบ้านเลขที่ รหัสตำบล/อำเภอ/จังหวัด และรหัสไปรษณีย์",
                "the seller needs a structured Thai address (TIV-SellerTradeParty-007..012)",
            )
        if self.buyer is not None and not isinstance(self.buyer, Party):
            raise EtaxError("ข้อมูลผู้ซื้อไม่ถูกต้อง", "buyer must be a Party or None")
        needs_buyer = self.type_code in FULL_TAX_INVOICES or self.type_code == CREDIT_NOTE
        if needs_buyer and (self.buyer is None or not self.buyer.has_address):
            raise EtaxError(
                f"{self.name} ต้องมีชื่อและที่อยู่ของผู้ซื้อ",
                "this document needs the buyer's name and address",
            )

    def _check_amounts(self) -> None:
        lines = tuple(self.lines)
        if not lines or not all(isinstance(x, Line) for x in lines):
            raise EtaxError("เอกสารต้องมีรายการสินค้าอย่างน้อยหนึ่งรายการ", "lines must be non-empty Lines")
        if len({x.line_id for x in lines}) != len(lines):
            raise EtaxError("ลำดับรายการซ้ำกัน", "line ids must be unique")
        set_field(self, "lines", lines)
        for name in ("total_satang", "vat_base_satang", "vat_satang"):
            set_field(self, name, satang(getattr(self, name), name))
        if sum(x.net_satang for x in lines) != self.total_satang:
            raise EtaxError("ยอดรวมไม่ตรงกับผลรวมรายการ", "total != sum of line amounts")
        vat_gross = sum(x.net_satang for x in lines if x.vat_applicable)
        if self.type_code == "T01" and (vat_gross or self.vat_satang):
            raise EtaxError("ใบเสร็จรับเงินต้องไม่มีภาษีมูลค่าเพิ่ม", "a T01 receipt carries no VAT")
        split = split_vat_inclusive(Money(vat_gross), self.rate_percent)
        if (self.vat_base_satang, self.vat_satang) != (split.base.satang, split.vat.satang):
            raise EtaxError(
                f"ภาษีมูลค่าเพิ่มไม่ถูกต้อง (ควรเป็นฐาน {split.base.satang} ภาษี {split.vat.satang} สตางค์)",
                f"VAT split must be base {split.base.satang}, VAT {split.vat.satang} satang",
            )

    @property
    def reference(self) -> Reference | None:
        """``replaces`` as a Reference (a tuple given to the constructor is converted)."""
        assert not isinstance(self.replaces, tuple)  # converted in __post_init__
        return self.replaces

    @property
    def replaces_abbreviated(self) -> bool:
        """A full tax invoice issued in place of an abbreviated one (s.86/4 practice)."""
        ref = self.reference
        return self.family == "TaxInvoice" and ref is not None and ref.type_code in ABBREVIATED

    def _check_reference(self) -> None:
        ref = self.reference
        if self.type_code in ABBREVIATED and ref is not None:
            raise EtaxError(
                "ใบกำกับภาษีอย่างย่อใช้แทนเอกสารอื่นไม่ได้", "an abbreviated invoice replaces nothing"
            )
        if self.type_code == CREDIT_NOTE:
            if ref is None or not self.reason.strip():
                raise EtaxError(
                    "ใบลดหนี้ต้องอ้างถึงใบกำกับภาษีเดิมและระบุเหตุผล",
                    "a credit note needs the original and a reason",
                )
            original = satang(self.original_base_satang, "original_base_satang")
            if original < self.vat_base_satang:
                raise EtaxError("มูลค่าเดิมต้องไม่น้อยกว่าผลต่าง", "original value < difference")
        if ref is None:
            if self.purpose_code:
                raise EtaxError(
                    "ระบุรหัสเหตุผลได้เฉพาะเอกสารที่ออกแทน", "purpose code without a reference"
                )
            return
        if ref.issued_at > self.issued_at:
            raise EtaxError("เอกสารที่อ้างถึงต้องออกก่อนเอกสารนี้", "the referenced document is later")
        allowed = _REFERABLE[self.family]
        if ref.type_code not in allowed:
            raise EtaxError(
                f"{self.name} อ้างถึงเอกสารประเภท {ref.type_code} ไม่ได้",
                f"a {self.type_code} cannot reference a {ref.type_code} (allowed: {sorted(allowed)})",
            )
        if self.replaces_abbreviated and not self.purpose_code:
            return  # no AdditionalReferencedDocument, so no PurposeCode is required
        prefixes = PURPOSE_PREFIXES[self.family]
        if not (_PURPOSE.fullmatch(self.purpose_code) and self.purpose_code.startswith(prefixes)):
            raise EtaxError(
                f"รหัสเหตุผลต้องขึ้นต้นด้วย {'/'.join(prefixes)} ตามด้วยตัวเลข 2 หลัก",
                f"purpose code must be {'/'.join(prefixes)}NN: {self.purpose_code!r}",
            )
        if self.purpose_code.endswith("99") and not self.reason.strip():
            raise EtaxError("รหัสเหตุผล 99 (เหตุอื่น) ต้องระบุสาเหตุ", "code 99 needs the reason in words")
