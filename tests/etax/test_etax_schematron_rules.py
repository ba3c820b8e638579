"""ETDA schematron rules (v2.0, ETDA/XMLValidation) restated as XPath and run on our XML.

The official .sch files are not vendored (no licence to copy them); these are
our own XPath statements of the rules, by rule id, so a change to xml.py that
would make the Revenue Department's validator reject a document fails here.
Each check is an XPath that is true when the rule is *broken*.
"""

from __future__ import annotations

import datetime as dt

import pytest
from etax_helpers import ISSUED, PERSON_ID
from lxml import etree

from otop_pos.etax.model import Reference
from otop_pos.etax.party import Party
from otop_pos.etax.xml import build_xml

AGREE = "rsm:SupplyChainTradeTransaction/ram:ApplicableHeaderTradeAgreement"
SELLER_ADDR = f"{AGREE}/ram:SellerTradeParty/ram:PostalTradeAddress"
SELLER_ID = f"{AGREE}/ram:SellerTradeParty/ram:SpecifiedTaxRegistration/ram:ID"
BUYER = f"{AGREE}/ram:BuyerTradeParty"
BUYER_ADDR = f"{BUYER}/ram:PostalTradeAddress"
REF = f"{AGREE}/ram:AdditionalReferencedDocument"

TAX_INVOICE_RULES = {
    "TIV-Document-001": "not(rsm:ExchangedDocument/ram:TypeCode = '388' or rsm:ExchangedDocument/ram:TypeCode = 'T02'"
    " or rsm:ExchangedDocument/ram:TypeCode = 'T03' or rsm:ExchangedDocument/ram:TypeCode = 'T04')",
    "TIV-Document-004": f"{REF} and not(rsm:ExchangedDocument/ram:PurposeCode = 'TIVC01'"
    " or rsm:ExchangedDocument/ram:PurposeCode = 'TIVC02' or rsm:ExchangedDocument/ram:PurposeCode = 'TIVC99')",
    "TIV-Document-005": "rsm:ExchangedDocument/ram:PurposeCode = 'TIVC99'"
    " and not(normalize-space(rsm:ExchangedDocument/ram:Purpose))",
    "TIV-AdditionalReferencedDocument-001": f"{REF} and not({REF}[ram:ReferenceTypeCode = '388'"
    " or ram:ReferenceTypeCode = 'T02' or ram:ReferenceTypeCode = 'T03' or ram:ReferenceTypeCode = 'T04'])",
    "TIV-SellerTradeParty-001": f"not(normalize-space({AGREE}/ram:SellerTradeParty/ram:Name))",
    "TIV-SellerTradeParty-004": f"not({SELLER_ID}/@schemeID = 'TXID' or {SELLER_ID}/@schemeID = 'NIDN')",
    "TIV-SellerTradeParty-005": f"{SELLER_ID}/@schemeID = 'TXID' and string-length({SELLER_ID}) != 18",
    "TIV-SellerTradeParty-007": f"string-length({SELLER_ADDR}/ram:PostcodeCode) != 5",
    "TIV-SellerTradeParty-008": f"not({SELLER_ADDR}/ram:CountryID = 'TH')",
    "TIV-SellerTradeParty-009": f"not(normalize-space({SELLER_ADDR}/ram:BuildingNumber))",
    "TIV-SellerTradeParty-010": f"not(normalize-space({SELLER_ADDR}/ram:CityName))",
    "TIV-SellerTradeParty-011": f"not(normalize-space({SELLER_ADDR}/ram:CitySubDivisionName))",
    "TIV-SellerTradeParty-012": f"not(normalize-space({SELLER_ADDR}/ram:CountrySubDivisionID))",
    "TIV-BuyerTradeParty-001": f"{BUYER} and not(normalize-space({BUYER}/ram:SpecifiedTaxRegistration/ram:ID))",
    "TIV-BuyerTradeParty-002": f"{BUYER} and not({BUYER}/ram:SpecifiedTaxRegistration/ram:ID/@schemeID = 'TXID'"
    f" or {BUYER}/ram:SpecifiedTaxRegistration/ram:ID/@schemeID = 'NIDN'"
    f" or {BUYER}/ram:SpecifiedTaxRegistration/ram:ID/@schemeID = 'CCPT'"
    f" or {BUYER}/ram:SpecifiedTaxRegistration/ram:ID/@schemeID = 'OTHR')",
    "TIV-BuyerTradeParty-003": f"{BUYER}/ram:SpecifiedTaxRegistration/ram:ID[@schemeID = 'TXID'"
    " and string-length(.) != 18]",
    "TIV-BuyerTradeParty-004": f"{BUYER}/ram:SpecifiedTaxRegistration/ram:ID[@schemeID = 'NIDN'"
    " and string-length(.) != 13]",
    "TIV-BuyerTradeParty-006": f"{BUYER}/ram:SpecifiedTaxRegistration/ram:ID[@schemeID = 'OTHR' and . != 'N/A']",
    "TIV-BuyerTradeParty-007": f"{BUYER_ADDR} and not(normalize-space({BUYER_ADDR}/ram:LineOne))"
    f" and not(normalize-space({BUYER_ADDR}/ram:BuildingNumber) and normalize-space({BUYER_ADDR}/ram:CityName)"
    f" and normalize-space({BUYER_ADDR}/ram:CitySubDivisionName)"
    f" and normalize-space({BUYER_ADDR}/ram:CountrySubDivisionID))",
    "TIV-BuyerTradeParty-008": f"{BUYER_ADDR}[ram:CountryID = 'TH' and string-length(ram:PostcodeCode) != 5]",
    "TIV-BuyerTradeParty-009": f"{BUYER_ADDR} and not(normalize-space({BUYER_ADDR}/ram:CountryID))",
}

ABBREVIATED_RULES = {
    "ABB-Document-001": "not(rsm:ExchangedDocument/ram:TypeCode = 'T05' or rsm:ExchangedDocument/ram:TypeCode = 'T06')",
    "ABB-SellerTradeParty-002": f"not({AGREE}/ram:SellerTradeParty/ram:SpecifiedTaxRegistration)",
    "ABB-SellerTradeParty-003": f"not({SELLER_ADDR})",
    "ABB-SellerTradeParty-008": f"not(normalize-space({SELLER_ADDR}/ram:PostcodeCode))",
    "ABB-SellerTradeParty-009": f"not({SELLER_ADDR}/ram:CountryID)",
    "ABB-SellerTradeParty-010": f"{SELLER_ADDR}/ram:CountryID = 'TH'"
    f" and not(normalize-space({SELLER_ADDR}/ram:BuildingNumber))",
    "ABB-SellerTradeParty-011": f"{SELLER_ADDR}/ram:CountryID = 'TH' and not({SELLER_ADDR}/ram:CityName)",
    "ABB-SellerTradeParty-012": f"{SELLER_ADDR}/ram:CountryID = 'TH' and not({SELLER_ADDR}/ram:CitySubDivisionName)",
    "ABB-SellerTradeParty-013": f"{SELLER_ADDR}/ram:CountryID = 'TH' and not({SELLER_ADDR}/ram:CountrySubDivisionID)",
}


def broken_rules(data: bytes, rules: dict[str, str]) -> list[str]:
    root = etree.fromstring(data)
    ns = dict(root.nsmap)
    return [rule for rule, test in rules.items() if root.xpath(f"boolean({test})", namespaces=ns)]


PERSON = Party(
    "นางสมหญิง ใจดี", PERSON_ID, address_lines=("1 ถนนห้วยแก้ว",), postcode="50200", is_person=True
)
WALK_IN = Party("นายสมชาย", address_lines=("2 ถนนห้วยแก้ว",), postcode="50200", is_person=True)


@pytest.mark.parametrize(
    "overrides",
    [
        {},
        {"buyer": PERSON},
        {"buyer": WALK_IN},
        {"replaces": Reference("ABB-1", ISSUED - dt.timedelta(hours=1), "T05")},
        {
            "replaces": Reference("INV-1", ISSUED - dt.timedelta(hours=1), "388"),
            "purpose_code": "TIVC99",
            "reason": "ชื่อผู้ซื้อเปลี่ยน",
        },
    ],
    ids=["company", "person", "walk-in", "replaces-abb", "reissue"],
)
@pytest.mark.parametrize("type_code", ["388", "T02", "T03"])
def test_tax_invoices_pass_the_tax_invoice_rules(make_doc, type_code, overrides):
    assert broken_rules(build_xml(make_doc(type_code, **overrides)), TAX_INVOICE_RULES) == []


@pytest.mark.parametrize("type_code", ["T05", "T06"])
def test_abbreviated_invoices_pass_the_abbreviated_rules(make_doc, type_code):
    assert broken_rules(build_xml(make_doc(type_code, buyer=None)), ABBREVIATED_RULES) == []


def test_the_rules_do_catch_a_broken_document(make_doc):
    """The XPath statements are live: a hand-broken document trips them."""
    data = build_xml(make_doc("T03"))
    broken = data.replace(b"<ram:CityName>5001</ram:CityName>", b"").replace(
        b'schemeID="TXID">010555502121500001<', b'schemeID="TXID">0105555021215<'
    )
    assert broken_rules(broken, TAX_INVOICE_RULES) == [
        "TIV-SellerTradeParty-010",
        "TIV-BuyerTradeParty-003",
    ]
