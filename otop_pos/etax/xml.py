"""ETDA e-Tax XML (ขมธอ. 3-2560, CrossIndustryInvoice subset) from an EtaxDocument.

Built with lxml so the prefixes are exactly ``rsm``/``ram`` as in the ETDA
samples, and the same document always gives the same bytes (the signature
and the PDF/A attachment are made from these bytes). Element order follows
the ETDA schema; see docs/etax.md for which parts are guesses.
"""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal

from lxml import etree

from otop_pos.domain.money import Money
from otop_pos.domain.vat import split_vat_inclusive
from otop_pos.etax.checks import BANGKOK
from otop_pos.etax.model import CREDIT_NOTE, DOCUMENT_TYPES, EtaxDocument, Line
from otop_pos.etax.party import Party

GUIDELINE_ID = "ER3-2560"
GUIDELINE_AGENCY = "ETDA"
GUIDELINE_VERSION = "v2.1"  # ETDA ขมธอ. 3-2560 release 2.1 (December 2024)
CURRENCY = "THB"
_URN = "urn:etda:uncefact:data:standard:"
_ADDRESS_TAGS = ("LineOne", "LineTwo", "LineThree", "LineFour", "LineFive")  # Party allows 5


def namespaces_for(type_code: str) -> tuple[str, str]:
    """(rsm, ram) namespace URIs of a type code's schema family."""
    family = DOCUMENT_TYPES[type_code][0]
    return (
        f"{_URN}{family}_CrossIndustryInvoice:2",
        f"{_URN}{family}_ReusableAggregateBusinessInformationEntity:2",
    )


def root_tag(type_code: str) -> str:
    """Clark-notation tag of the root element, e.g. ``{urn:...}TaxInvoice_CrossIndustryInvoice``."""
    return f"{{{namespaces_for(type_code)[0]}}}{DOCUMENT_TYPES[type_code][0]}_CrossIndustryInvoice"


def amount(satang: int) -> str:
    """12345 -> '123.45' (two decimals always, as in the ETDA samples)."""
    sign = "-" if satang < 0 else ""
    whole, part = divmod(abs(satang), 100)
    return f"{sign}{whole}.{part:02d}"


def _quantity(qty: int | Decimal) -> str:
    return str(qty) if isinstance(qty, int) else format(qty.normalize(), "f")


def _when(moment: datetime) -> str:
    """Thai local time without an offset, as every ETDA sample writes it."""
    return moment.astimezone(BANGKOK).replace(tzinfo=None).isoformat(timespec="seconds")


def line_bases(doc: EtaxDocument) -> list[int]:
    """Each line's value before VAT, summing exactly to the document's VAT base.

    VAT is computed once per document (see domain/vat.py), so the document
    base is shared out over the VAT lines in proportion to their amounts,
    largest remainder first; lines without VAT keep their full amount.
    """
    gross = [x.net_satang if x.vat_applicable else 0 for x in doc.lines]
    total = sum(gross)
    shares = [doc.vat_base_satang * g // total if total else 0 for g in gross]
    left = doc.vat_base_satang - sum(shares) if total else 0
    order = sorted(
        (i for i, g in enumerate(gross) if g),
        key=lambda i: (-(doc.vat_base_satang * gross[i] % total), i),
    )
    for i in order[:left]:
        shares[i] += 1
    return [s if x.vat_applicable else x.net_satang for s, x in zip(shares, doc.lines, strict=True)]


REPLACED_ABBREVIATED_SUBJECT = "ยกเลิกใบกำกับภาษีอย่างย่อ"


def replaced_abbreviated_text(doc: EtaxDocument) -> str:
    """The s.86/4-practice sentence naming the abbreviated invoice this one replaces."""
    ref = doc.reference
    assert ref is not None
    day = ref.issued_at.astimezone(BANGKOK)
    return (
        f"ยกเลิกและออกใบกำกับภาษีฉบับใหม่แทนใบกำกับภาษีอย่างย่อ เลขที่ {ref.number} "
        f"ลงวันที่ {day.day:02d}/{day.month:02d}/{day.year + 543}"
    )


def unit_price_before_vat(line: Line, rate_percent: int) -> int:
    """ChargeAmount is a price before VAT in ETDA's samples; shelf prices include it."""
    if not line.vat_applicable:
        return line.unit_price_satang
    return split_vat_inclusive(Money(line.unit_price_satang), rate_percent).base.satang


class _Writer:
    def __init__(self, doc: EtaxDocument) -> None:
        self.doc = doc
        self.rsm, self.ram = namespaces_for(doc.type_code)

    def el(
        self, parent: etree._Element, tag: str, text: str | None = None, **attrs: str
    ) -> etree._Element:
        node = etree.SubElement(parent, f"{{{self.ram}}}{tag}", attrs)
        if text is not None:
            node.text = text
        return node

    def build(self) -> etree._Element:
        doc = self.doc
        root = etree.Element(root_tag(doc.type_code), nsmap={"rsm": self.rsm, "ram": self.ram})
        ctx = etree.SubElement(root, f"{{{self.rsm}}}ExchangedDocumentContext")
        param = self.el(ctx, "GuidelineSpecifiedDocumentContextParameter")
        self.el(
            param,
            "ID",
            GUIDELINE_ID,
            schemeAgencyID=GUIDELINE_AGENCY,
            schemeVersionID=GUIDELINE_VERSION,
        )
        self.header(etree.SubElement(root, f"{{{self.rsm}}}ExchangedDocument"))
        tx = etree.SubElement(root, f"{{{self.rsm}}}SupplyChainTradeTransaction")
        self.agreement(self.el(tx, "ApplicableHeaderTradeAgreement"))
        self.el(tx, "ApplicableHeaderTradeDelivery")
        self.settlement(self.el(tx, "ApplicableHeaderTradeSettlement"))
        for line, base in zip(doc.lines, line_bases(doc), strict=True):
            self.line_item(self.el(tx, "IncludedSupplyChainTradeLineItem"), line, base)
        return root

    def header(self, node: etree._Element) -> None:
        doc = self.doc
        self.el(node, "ID", doc.number)
        self.el(node, "Name", doc.name)
        self.el(node, "TypeCode", doc.type_code)
        self.el(node, "IssueDateTime", _when(doc.issued_at))
        if doc.reason.strip():
            self.el(node, "Purpose", doc.reason.strip())
        if doc.purpose_code:
            self.el(node, "PurposeCode", doc.purpose_code)
        assert doc.created_at is not None  # set in EtaxDocument.__post_init__
        self.el(node, "CreationDateTime", _when(doc.created_at))
        if doc.replaces_abbreviated:
            # TIV-AdditionalReferencedDocument-001 rejects a T05/T06 reference in a
            # tax invoice, so the abbreviated invoice being replaced is named here.
            note = self.el(node, "IncludedNote")
            self.el(note, "Subject", REPLACED_ABBREVIATED_SUBJECT)
            self.el(note, "Content", replaced_abbreviated_text(doc))
        for text in doc.notes:
            self.el(self.el(node, "IncludedNote"), "Content", text)

    def party(self, parent: etree._Element, tag: str, party: Party, *, buyer: bool) -> None:
        node = self.el(parent, tag)
        self.el(node, "Name", party.name)
        reg = self.el(node, "SpecifiedTaxRegistration")
        if party.tax_id and buyer and party.is_person:
            self.el(reg, "ID", party.tax_id, schemeID="NIDN")
        elif party.tax_id:
            self.el(reg, "ID", party.tax_id + party.branch, schemeID="TXID")
        else:
            self.el(reg, "ID", "N/A", schemeID="OTHR")
        if party.address_lines or party.postcode or party.structured:
            addr = self.el(node, "PostalTradeAddress")
            if party.postcode:
                self.el(addr, "PostcodeCode", party.postcode)
            for tag_name, text in zip(_ADDRESS_TAGS, party.address_lines, strict=False):
                self.el(addr, tag_name, text)
            if party.street:
                self.el(addr, "StreetName", party.street)
            if party.district_code:
                self.el(addr, "CityName", party.district_code)
                self.el(addr, "CitySubDivisionName", party.sub_district_code)
            self.el(addr, "CountryID", party.country, schemeID="3166-1 alpha-2")
            if party.province_code:
                self.el(addr, "CountrySubDivisionID", party.province_code)
            if party.building_number:
                self.el(addr, "BuildingNumber", party.building_number)

    def agreement(self, node: etree._Element) -> None:
        doc = self.doc
        self.party(node, "SellerTradeParty", doc.seller, buyer=False)
        if doc.buyer is not None:
            self.party(node, "BuyerTradeParty", doc.buyer, buyer=True)
        ref = doc.reference
        if ref is not None and not doc.replaces_abbreviated:
            refdoc = self.el(node, "AdditionalReferencedDocument")
            self.el(refdoc, "IssuerAssignedID", ref.number)
            self.el(refdoc, "IssueDateTime", _when(ref.issued_at))
            self.el(refdoc, "ReferenceTypeCode", ref.type_code)

    def tax(self, parent: etree._Element, vat: bool, basis: int, tax: int) -> None:
        node = self.el(parent, "ApplicableTradeTax")
        self.el(node, "TypeCode", "VAT" if vat else "FRE")
        self.el(node, "CalculatedRate", str(self.doc.rate_percent) if vat else "0")
        self.el(node, "BasisAmount", amount(basis))
        self.el(node, "CalculatedAmount", amount(tax))

    def settlement(self, node: etree._Element) -> None:
        doc = self.doc
        self.el(node, "InvoiceCurrencyCode", CURRENCY, listID="ISO 4217 3A")
        exempt = sum(x.net_satang for x in doc.lines if not x.vat_applicable)
        if doc.type_code != "T01":
            self.tax(node, True, doc.vat_base_satang, doc.vat_satang)
        if exempt or doc.type_code == "T01":
            self.tax(node, False, exempt, 0)
        total = self.el(node, "SpecifiedTradeSettlementHeaderMonetarySummation")
        before_vat = doc.vat_base_satang + exempt
        if doc.type_code == CREDIT_NOTE:
            assert doc.original_base_satang is not None  # checked by the model
            self.el(total, "OriginalInformationAmount", amount(doc.original_base_satang))
            # ETDA's debit-note sample: LineTotalAmount is the corrected value,
            # the tax basis is the difference.
            self.el(total, "LineTotalAmount", amount(doc.original_base_satang - before_vat))
            self.el(total, "DifferenceInformationAmount", amount(before_vat))
        else:
            self.el(total, "LineTotalAmount", amount(before_vat))
        self.el(total, "TaxBasisTotalAmount", amount(before_vat))
        self.el(total, "TaxTotalAmount", amount(doc.vat_satang))
        self.el(total, "GrandTotalAmount", amount(doc.total_satang))

    def line_item(self, node: etree._Element, line: Line, base: int) -> None:
        self.el(self.el(node, "AssociatedDocumentLineDocument"), "LineID", str(line.line_id))
        product = self.el(node, "SpecifiedTradeProduct")
        if line.product_code:
            self.el(product, "ID", line.product_code)
        self.el(product, "Name", line.name)
        price = self.el(self.el(node, "SpecifiedLineTradeAgreement"), "GrossPriceProductTradePrice")
        self.el(price, "ChargeAmount", amount(unit_price_before_vat(line, self.doc.rate_percent)))
        delivery = self.el(node, "SpecifiedLineTradeDelivery")
        self.el(delivery, "BilledQuantity", _quantity(line.qty), unitCode=line.unit_code)
        settle = self.el(node, "SpecifiedLineTradeSettlement")
        line_vat = line.net_satang - base
        self.tax(settle, line.vat_applicable, base, line_vat)
        sums = self.el(settle, "SpecifiedTradeSettlementLineMonetarySummation")
        self.el(sums, "TaxTotalAmount", amount(line_vat))
        self.el(sums, "NetLineTotalAmount", amount(base), currencyID=CURRENCY)
        self.el(
            sums, "NetIncludingTaxesLineTotalAmount", amount(line.net_satang), currencyID=CURRENCY
        )


def build_element(doc: EtaxDocument) -> etree._Element:
    """The document as an lxml element tree (for signing without a reparse)."""
    if not isinstance(doc, EtaxDocument):
        raise TypeError("build_xml needs an EtaxDocument")
    return _Writer(doc).build()


def build_xml(doc: EtaxDocument) -> bytes:
    """UTF-8 XML with a declaration; identical bytes for an identical document."""
    body: bytes = etree.tostring(build_element(doc), encoding="UTF-8", pretty_print=True)
    return b'<?xml version="1.0" encoding="UTF-8"?>\n' + body
