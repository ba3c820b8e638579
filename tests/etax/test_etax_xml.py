"""The XML carries the guideline ID, the parties' tax IDs and exactly the amounts given."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from etax_helpers import (
    BUYER_TAX_ID,
    ISSUED,
    LINES,
    PERSON_ID,
    SELLER_TAX_ID,
    thai_seller,
    vat_figures,
)
from hypothesis import given
from hypothesis import strategies as st
from lxml import etree

from otop_pos.etax.model import EtaxDocument, Line, Reference
from otop_pos.etax.party import Party
from otop_pos.etax.xml import amount, build_xml, line_bases, namespaces_for

FAMILIES = {
    "388": "TaxInvoice",
    "T02": "TaxInvoice",
    "T03": "TaxInvoice",
    "T05": "AbbreviatedTaxInvoice",
    "T06": "AbbreviatedTaxInvoice",
    "T01": "Receipt",
    "81": "DebitCreditNote",
}


class Parsed:
    """The XML read back, with XPath helpers bound to its own namespaces."""

    def __init__(self, data: bytes) -> None:
        self.data = data
        self.root = etree.fromstring(data)
        self.ns = dict(self.root.nsmap)

    def all(self, path: str) -> list:
        return self.root.xpath(path, namespaces=self.ns)

    def one(self, path: str):
        found = self.all(path)
        assert len(found) == 1, f"{path}: {len(found)} matches"
        return found[0]

    def text(self, path: str) -> str:
        return self.one(path).text


def parse(doc) -> Parsed:
    return Parsed(build_xml(doc))


SETTLE = "/*/rsm:SupplyChainTradeTransaction/ram:ApplicableHeaderTradeSettlement"
SUMS = SETTLE + "/ram:SpecifiedTradeSettlementHeaderMonetarySummation"
AGREE = "/*/rsm:SupplyChainTradeTransaction/ram:ApplicableHeaderTradeAgreement"
ITEMS = "/*/rsm:SupplyChainTradeTransaction/ram:IncludedSupplyChainTradeLineItem"


@pytest.mark.parametrize("amount_satang", [0, 5, 100, 12345, 53600])
def test_amount_format(amount_satang):
    text = amount(amount_satang)
    assert Decimal(text) * 100 == amount_satang and len(text.split(".")[1]) == 2
    assert amount(-5) == "-0.05"


@pytest.mark.parametrize("type_code", ["388", "T02", "T03", "T05", "T06", "T01", "81"])
def test_root_and_namespaces_follow_type(make_doc, type_code):
    extra = {}
    if type_code == "81":
        extra = {
            "replaces": Reference("INV-1", ISSUED - dt.timedelta(days=1), "388"),
            "purpose_code": "CDNG01",
            "reason": "ลดราคาสินค้า",
            "original_base_satang": 100000,
        }
    if type_code == "T01":
        extra = {"lines": (Line(1, "ตะกร้า", 1, 25000, 25000, vat_applicable=False),)}
        extra.update(vat_figures(extra["lines"]))
    p = parse(make_doc(type_code, **extra))
    family = FAMILIES[type_code]
    rsm, ram = namespaces_for(type_code)
    assert rsm == f"urn:etda:uncefact:data:standard:{family}_CrossIndustryInvoice:2"
    assert (
        ram
        == f"urn:etda:uncefact:data:standard:{family}_ReusableAggregateBusinessInformationEntity:2"
    )
    assert p.root.tag == f"{{{rsm}}}{family}_CrossIndustryInvoice"
    assert p.ns == {"rsm": rsm, "ram": ram}
    assert p.text("/*/rsm:ExchangedDocument/ram:TypeCode") == type_code


def test_declaration_and_guideline_id(make_doc):
    p = parse(make_doc())
    assert p.data.startswith(
        b'<?xml version="1.0" encoding="UTF-8"?>\n<rsm:TaxInvoice_CrossIndustryInvoice'
    )
    node = p.one(
        "/*/rsm:ExchangedDocumentContext/ram:GuidelineSpecifiedDocumentContextParameter/ram:ID"
    )
    assert node.text == "ER3-2560"
    assert dict(node.attrib) == {"schemeAgencyID": "ETDA", "schemeVersionID": "v2.1"}
    # the context comes first, then the document header, then the transaction
    assert [etree.QName(c).localname for c in p.root] == [
        "ExchangedDocumentContext",
        "ExchangedDocument",
        "SupplyChainTradeTransaction",
    ]


def test_header_fields(make_doc):
    p = parse(make_doc("388", notes=("สินค้า OTOP 5 ดาว",)))
    head = "/*/rsm:ExchangedDocument/"
    assert p.text(head + "ram:ID") == "INV-2568-000123"
    assert p.text(head + "ram:Name") == "ใบกำกับภาษี"
    assert p.text(head + "ram:IssueDateTime") == "2025-03-01T10:30:00"
    assert p.text(head + "ram:IncludedNote/ram:Content") == "สินค้า OTOP 5 ดาว"
    assert not p.all(head + "ram:PurposeCode")


def test_times_are_thai_local(make_doc):
    p = parse(make_doc(issued_at=dt.datetime(2025, 3, 1, 20, 0, tzinfo=dt.UTC)))
    assert p.text("/*/rsm:ExchangedDocument/ram:IssueDateTime") == "2025-03-02T03:00:00"


def test_seller_and_buyer_tax_ids(make_doc):
    p = parse(make_doc())
    seller = p.one(AGREE + "/ram:SellerTradeParty/ram:SpecifiedTaxRegistration/ram:ID")
    buyer = p.one(AGREE + "/ram:BuyerTradeParty/ram:SpecifiedTaxRegistration/ram:ID")
    assert seller.get("schemeID") == buyer.get("schemeID") == "TXID"
    assert seller.text == SELLER_TAX_ID + "00000" and len(seller.text) == 18
    assert buyer.text == BUYER_TAX_ID + "00001" and len(buyer.text) == 18
    assert p.text(AGREE + "/ram:SellerTradeParty/ram:Name") == "วิสาหกิจชุมชนกลุ่มทอผ้าบ้านนา"
    addr = AGREE + "/ram:SellerTradeParty/ram:PostalTradeAddress"
    assert [etree.QName(c).localname for c in p.one(addr)] == [
        "PostcodeCode",
        "LineOne",
        "LineTwo",
        "StreetName",
        "CityName",
        "CitySubDivisionName",
        "CountryID",
        "CountrySubDivisionID",
        "BuildingNumber",
    ]  # the order of ETDA's own samples and XSD
    assert p.text(addr + "/ram:PostcodeCode") == "50200"
    assert p.text(addr + "/ram:CityName") == "5001"
    assert p.text(addr + "/ram:CitySubDivisionName") == "500101"
    assert p.text(addr + "/ram:CountrySubDivisionID") == "50"
    assert p.text(addr + "/ram:BuildingNumber") == "99/1"
    assert p.one(addr + "/ram:CountryID").get("schemeID") == "3166-1 alpha-2"
    assert p.text(addr + "/ram:CountryID") == "TH"
    buyer_addr = [
        etree.QName(c).localname
        for c in p.one(AGREE + "/ram:BuyerTradeParty/ram:PostalTradeAddress")
    ]
    assert buyer_addr == ["PostcodeCode", "LineOne", "CountryID"]


def test_person_buyer_uses_nidn_and_unknown_uses_othr(make_doc):
    person = Party(
        "นางสมหญิง",
        tax_id=PERSON_ID,
        address_lines=("1 ถนนห้วยแก้ว",),
        postcode="50200",
        is_person=True,
    )
    node = parse(make_doc(buyer=person)).one(
        AGREE + "/ram:BuyerTradeParty/ram:SpecifiedTaxRegistration/ram:ID"
    )
    assert (node.get("schemeID"), node.text) == ("NIDN", PERSON_ID)
    anonymous = Party("นายสมชาย", address_lines=("2 ถนนห้วยแก้ว",), postcode="50200", is_person=True)
    node = parse(make_doc(buyer=anonymous)).one(
        AGREE + "/ram:BuyerTradeParty/ram:SpecifiedTaxRegistration/ram:ID"
    )
    assert (node.get("schemeID"), node.text) == ("OTHR", "N/A")


def test_totals_equal_inputs(make_doc):
    doc = make_doc()
    p = parse(doc)
    assert p.text(SETTLE + "/ram:InvoiceCurrencyCode") == "THB"
    vat = p.one(SETTLE + "/ram:ApplicableTradeTax[ram:TypeCode='VAT']")
    assert vat.findtext("ram:CalculatedRate", namespaces=p.ns) == "7"
    assert vat.findtext("ram:BasisAmount", namespaces=p.ns) == amount(doc.vat_base_satang)
    assert vat.findtext("ram:CalculatedAmount", namespaces=p.ns) == amount(doc.vat_satang)
    assert p.text(SUMS + "/ram:GrandTotalAmount") == amount(doc.total_satang) == "761.00"
    assert p.text(SUMS + "/ram:TaxTotalAmount") == amount(doc.vat_satang)
    before_vat = doc.total_satang - doc.vat_satang
    assert p.text(SUMS + "/ram:TaxBasisTotalAmount") == amount(before_vat)
    assert p.text(SUMS + "/ram:LineTotalAmount") == amount(before_vat)
    exempt = p.one(SETTLE + "/ram:ApplicableTradeTax[ram:TypeCode='FRE']")
    assert exempt.findtext("ram:BasisAmount", namespaces=p.ns) == "90.00"


def test_one_line_item_per_line_and_they_add_up(make_doc):
    doc = make_doc()
    p = parse(doc)
    items = p.all(ITEMS)
    assert len(items) == len(LINES)
    f = {"namespaces": p.ns}
    assert [i.findtext("ram:AssociatedDocumentLineDocument/ram:LineID", **f) for i in items] == [
        "1",
        "2",
        "3",
    ]
    assert [i.findtext("ram:SpecifiedTradeProduct/ram:Name", **f) for i in items] == [
        x.name for x in LINES
    ]
    qty = [i.find("ram:SpecifiedLineTradeDelivery/ram:BilledQuantity", **f) for i in items]
    assert [(q.text, q.get("unitCode")) for q in qty] == [("2", "C62"), ("3", "C62"), ("1", "KGM")]
    sums = "ram:SpecifiedLineTradeSettlement/ram:SpecifiedTradeSettlementLineMonetarySummation/"
    net = [Decimal(i.findtext(sums + "ram:NetLineTotalAmount", **f)) for i in items]
    gross = [i.findtext(sums + "ram:NetIncludingTaxesLineTotalAmount", **f) for i in items]
    tax = [Decimal(i.findtext(sums + "ram:TaxTotalAmount", **f)) for i in items]
    assert gross == [amount(x.net_satang) for x in LINES]
    assert sum(net) == Decimal(p.text(SUMS + "/ram:LineTotalAmount"))
    assert sum(tax) == Decimal(p.text(SUMS + "/ram:TaxTotalAmount"))
    price = "ram:SpecifiedLineTradeAgreement/ram:GrossPriceProductTradePrice/ram:ChargeAmount"
    # prices before VAT, as in ETDA's sample (268.00 on the shelf -> 250.47); exempt stays
    assert [i.findtext(price, **f) for i in items] == ["250.47", "42.06", "90.00"]


def test_abbreviated_without_buyer(make_doc):
    p = parse(make_doc("T05", buyer=None))
    assert etree.QName(p.root).localname == "AbbreviatedTaxInvoice_CrossIndustryInvoice"
    assert not p.all(AGREE + "/ram:BuyerTradeParty")
    assert p.text("/*/rsm:ExchangedDocument/ram:Name") == "ใบกำกับภาษีอย่างย่อ"


def test_full_invoice_replacing_abbreviated_carries_reference(make_doc):
    """The abbreviated invoice is named in a note, not AdditionalReferencedDocument.

    ETDA's TaxInvoice schematron (TIV-AdditionalReferencedDocument-001) rejects a
    reference whose type is not 388/T02/T03/T04, so a T05 there would not file.
    """
    p = parse(
        make_doc("T03", replaces=Reference("ABB-000045", ISSUED - dt.timedelta(minutes=90), "T05"))
    )
    assert not p.all(AGREE + "/ram:AdditionalReferencedDocument")
    assert not p.all("/*/rsm:ExchangedDocument/ram:PurposeCode")
    note = p.one("/*/rsm:ExchangedDocument/ram:IncludedNote")
    assert note.findtext("ram:Subject", namespaces=p.ns) == "ยกเลิกใบกำกับภาษีอย่างย่อ"
    content = note.findtext("ram:Content", namespaces=p.ns)
    assert "ABB-000045" in content and "01/03/2568" in content
    assert content.startswith("ยกเลิกและออกใบกำกับภาษีฉบับใหม่แทนใบกำกับภาษีอย่างย่อ")


def test_reissued_tax_invoice_carries_additional_reference(make_doc):
    p = parse(
        make_doc(
            "T03",
            replaces=Reference("INV-000044", ISSUED - dt.timedelta(minutes=90), "T03"),
            purpose_code="TIVC99",
            reason="แก้ไขชื่อผู้ซื้อ",
        )
    )
    ref = AGREE + "/ram:AdditionalReferencedDocument/"
    assert p.text(ref + "ram:IssuerAssignedID") == "INV-000044"
    assert p.text(ref + "ram:IssueDateTime") == "2025-03-01T09:00:00"
    assert p.text(ref + "ram:ReferenceTypeCode") == "T03"
    assert [etree.QName(c).localname for c in p.one(ref.rstrip("/"))] == [
        "IssuerAssignedID",
        "IssueDateTime",
        "ReferenceTypeCode",
    ]
    assert p.text("/*/rsm:ExchangedDocument/ram:PurposeCode") == "TIVC99"
    assert p.text("/*/rsm:ExchangedDocument/ram:Purpose") == "แก้ไขชื่อผู้ซื้อ"
    header = [etree.QName(c).localname for c in p.one("/*/rsm:ExchangedDocument")]
    assert header == [
        "ID",
        "Name",
        "TypeCode",
        "IssueDateTime",
        "Purpose",
        "PurposeCode",
        "CreationDateTime",
    ]
    order = [etree.QName(c).localname for c in p.one(AGREE)]
    assert order == ["SellerTradeParty", "BuyerTradeParty", "AdditionalReferencedDocument"]


def test_credit_note_amounts(make_doc):
    doc = make_doc(
        "81",
        replaces=Reference("INV-1", ISSUED - dt.timedelta(days=2), "388"),
        purpose_code="CDNG02",
        reason="สินค้าชำรุดเสียหาย",
        original_base_satang=150000,
    )
    p = parse(doc)
    before_vat = doc.total_satang - doc.vat_satang
    assert p.text(SUMS + "/ram:OriginalInformationAmount") == "1500.00"
    assert p.text(SUMS + "/ram:LineTotalAmount") == amount(150000 - before_vat)  # corrected value
    assert p.text(SUMS + "/ram:DifferenceInformationAmount") == amount(before_vat)
    assert p.text(SUMS + "/ram:TaxBasisTotalAmount") == amount(before_vat)
    assert p.text(AGREE + "/ram:AdditionalReferencedDocument/ram:ReferenceTypeCode") == "388"


def test_special_characters_round_trip(make_doc):
    lines = (Line(1, 'ผ้า <ลาย> "ไทย" & ลาว', 1, 10700, 10700),)
    p = parse(make_doc(lines=lines, **vat_figures(lines)))
    assert p.text(ITEMS + "/ram:SpecifiedTradeProduct/ram:Name") == 'ผ้า <ลาย> "ไทย" & ลาว'


def test_output_is_deterministic(make_doc):
    assert build_xml(make_doc()) == build_xml(make_doc())


@given(st.lists(st.tuples(st.integers(1, 10**7), st.booleans()), min_size=1, max_size=12))
def test_line_bases_share_out_the_document_base(spec):
    lines = tuple(Line(i + 1, f"สินค้า {i}", 1, net, net, vat) for i, (net, vat) in enumerate(spec))
    doc = EtaxDocument("T05", "X-1", ISSUED, thai_seller(), None, lines, **vat_figures(lines))
    bases = line_bases(doc)
    assert (
        sum(b for b, x in zip(bases, lines, strict=True) if x.vat_applicable) == doc.vat_base_satang
    )
    for base, line in zip(bases, lines, strict=True):
        assert 0 <= base <= line.net_satang
        if not line.vat_applicable:
            assert base == line.net_satang
