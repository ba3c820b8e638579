"""EtaxDocument refuses what the Revenue Department would refuse, in Thai."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from etax_helpers import BKK, ISSUED, LINES, PERSON_ID, SELLER_TAX_ID, thai_seller, vat_figures

from otop_pos.domain.money import Money
from otop_pos.etax.checks import EtaxError, tax_id_ok
from otop_pos.etax.model import Line, Reference
from otop_pos.etax.party import Party

THAI = range(0x0E00, 0x0E80)


def _is_thai(text: str) -> bool:
    return any(ord(c) in THAI for c in text)


def test_valid_full_tax_invoice(make_doc):
    doc = make_doc("T03")
    assert doc.family == "TaxInvoice"
    assert doc.name == "ใบเสร็จรับเงิน/ใบกำกับภาษี"
    assert doc.vat_base_satang + doc.vat_satang + 9000 == doc.total_satang
    assert doc.created_at == doc.issued_at


@pytest.mark.parametrize(
    ("tax_id", "ok"),
    [
        ("0994000165315", True),
        ("0994000165314", False),
        ("099400016531", False),
        ("O994000165315", False),
    ],
)
def test_tax_id_check_digit(tax_id, ok):
    assert tax_id_ok(tax_id) is ok


def test_bad_tax_id_is_refused_in_thai():
    with pytest.raises(EtaxError) as err:
        Party("ร้าน", tax_id="0994000165314", address_lines=("x",), postcode="10110")
    assert _is_thai(str(err.value)) and "check" not in str(err.value)
    assert "tax ID" in err.value.english


@pytest.mark.parametrize(
    "kwargs",
    [
        {"branch": "0"},
        {"postcode": "1011"},
        {"country": "th"},
        {"address_lines": ("1", "2", "3", "4", "5", "6")},
    ],
)
def test_party_fields_checked(kwargs):
    with pytest.raises(EtaxError):
        Party("ร้าน", **kwargs)


def test_naive_datetime_refused(make_doc):
    with pytest.raises(EtaxError, match="เขตเวลา"):
        make_doc(issued_at=dt.datetime(2025, 3, 1, 10, 30))


def test_issued_at_is_kept_in_bangkok_time(make_doc):
    doc = make_doc(issued_at=dt.datetime(2025, 3, 1, 3, 30, tzinfo=dt.UTC))
    assert doc.issued_at == ISSUED and doc.issued_at.tzinfo == BKK


def test_total_must_match_lines(make_doc):
    with pytest.raises(EtaxError, match="ยอดรวม"):
        make_doc(total_satang=76099)


def test_vat_must_be_the_document_split(make_doc):
    figures = vat_figures(LINES)
    with pytest.raises(EtaxError) as err:
        make_doc(
            vat_base_satang=figures["vat_base_satang"] + 1, vat_satang=figures["vat_satang"] - 1
        )
    assert str(figures["vat_satang"]) in str(err.value)


def test_amounts_are_integer_satang(make_doc):
    assert make_doc(total_satang=Money(76100)).total_satang == 76100
    with pytest.raises(EtaxError):
        make_doc(total_satang=761.00)
    with pytest.raises(EtaxError):
        Line(1, "x", 1, -1, 0)
    with pytest.raises(EtaxError):
        Line(1, "x", 1.5, 100, 150)
    assert Line(1, "ผ้า", Decimal("1.5"), 100, 150).qty == Decimal("1.5")


def test_lines_needed_and_unique(make_doc):
    with pytest.raises(EtaxError):
        make_doc(lines=())
    dup = (Line(1, "a", 1, 107, 107), Line(1, "b", 1, 107, 107))
    with pytest.raises(EtaxError, match="ซ้ำ"):
        make_doc(lines=dup)


@pytest.mark.parametrize("type_code", ["388", "T02", "T03", "81"])
def test_full_invoice_needs_buyer_name_and_address(make_doc, type_code):
    with pytest.raises(EtaxError, match="ผู้ซื้อ"):
        make_doc(type_code, buyer=None)
    with pytest.raises(EtaxError):
        make_doc(type_code, buyer=Party("ลูกค้า"))


@pytest.mark.parametrize("type_code", ["T05", "T06"])
def test_abbreviated_needs_no_buyer(make_doc, type_code):
    doc = make_doc(type_code, buyer=None)
    assert doc.buyer is None and doc.family == "AbbreviatedTaxInvoice"


def test_buyer_without_tax_id_is_allowed_on_full_invoice(make_doc):
    person = Party("นายสมชาย ใจดี", address_lines=("9 ถนนนิมมาน",), postcode="50200", is_person=True)
    assert make_doc("388", buyer=person).buyer == person
    assert Party("นางสมหญิง", tax_id=PERSON_ID, is_person=True).tax_id == PERSON_ID


def test_seller_needs_tax_id_and_structured_address(make_doc):
    with pytest.raises(EtaxError):
        make_doc(seller=thai_seller(tax_id=""))
    with pytest.raises(EtaxError, match="บ้านเลขที่"):
        make_doc(
            seller=Party("ร้าน", SELLER_TAX_ID, address_lines=("1 ถนนนิมมาน",), postcode="50200")
        )
    with pytest.raises(EtaxError):
        make_doc(seller=thai_seller(postcode=""))
    assert make_doc(seller=thai_seller()).seller.structured


@pytest.mark.parametrize(
    "codes",
    [
        {"province_code": "5", "district_code": "5001", "sub_district_code": "500101"},
        {"province_code": "50", "district_code": "1001", "sub_district_code": "100101"},
        {"province_code": "50", "district_code": "5001", "sub_district_code": "500201"},
        {"province_code": "50", "district_code": "", "sub_district_code": ""},
    ],
)
def test_area_codes_must_nest(codes):
    with pytest.raises(EtaxError):
        thai_seller(**codes)


def test_replacing_an_abbreviated_invoice(make_doc):
    doc = make_doc("T03", replaces=("ABB-000045", ISSUED - dt.timedelta(hours=1)))
    assert doc.replaces == Reference("ABB-000045", ISSUED - dt.timedelta(hours=1), "T05")
    assert doc.replaces_abbreviated
    # a purpose code is optional here, but must be a tax-invoice one if given
    assert make_doc("T03", replaces=doc.replaces, purpose_code="TIVC01").purpose_code == "TIVC01"
    with pytest.raises(EtaxError):
        make_doc("T03", replaces=doc.replaces, purpose_code="RCTC01")


@pytest.mark.parametrize(
    ("overrides", "fragment"),
    [
        ({"purpose_code": ""}, "TIVC"),
        ({"purpose_code": "RCTC01"}, "TIVC"),
        ({"reason": ""}, "99"),
    ],
)
def test_reissued_tax_invoice_needs_code_and_reason(make_doc, overrides, fragment):
    """TIV-Document-004/005: a reference to a tax invoice needs TIVC01/02/99 (+ Purpose for 99)."""
    fields = {
        "replaces": ("INV-1", ISSUED - dt.timedelta(hours=1), "388"),
        "purpose_code": "TIVC99",
        "reason": "ออกแทน",
        **overrides,
    }
    with pytest.raises(EtaxError, match=fragment):
        make_doc("T03", **fields)


def test_reference_type_must_suit_the_document(make_doc):
    with pytest.raises(EtaxError, match="T01"):
        make_doc("388", replaces=("R-1", ISSUED, "T01"), purpose_code="TIVC01")


def test_reference_must_be_earlier(make_doc):
    with pytest.raises(EtaxError, match="ก่อน"):
        make_doc(replaces=("ABB-1", ISSUED + dt.timedelta(minutes=1)), purpose_code="TIVC01")


def test_purpose_code_without_reference_refused(make_doc):
    with pytest.raises(EtaxError):
        make_doc(purpose_code="TIVC01")


def test_abbreviated_cannot_replace(make_doc):
    with pytest.raises(EtaxError):
        make_doc("T05", buyer=None, replaces=("ABB-1", ISSUED), purpose_code="TIVC01")


def test_credit_note_needs_original_reason_and_value(make_doc):
    ref = Reference("INV-1", ISSUED - dt.timedelta(days=3), "388")
    with pytest.raises(EtaxError, match="ใบลดหนี้"):
        make_doc("81", replaces=ref, purpose_code="CDNG01", original_base_satang=100000)
    with pytest.raises(EtaxError):
        make_doc("81", replaces=ref, purpose_code="CDNG01", reason="สินค้าชำรุด")
    doc = make_doc(
        "81", replaces=ref, purpose_code="CDNG02", reason="สินค้าชำรุด", original_base_satang=100000
    )
    assert doc.family == "DebitCreditNote"


def test_plain_receipt_carries_no_vat(make_doc):
    no_vat = (Line(1, "ตะกร้าสาน", 1, 25000, 25000, vat_applicable=False),)
    assert make_doc("T01", lines=no_vat, buyer=None).vat_satang == 0
    with pytest.raises(EtaxError, match="ภาษี"):
        make_doc("T01", buyer=None)


def test_unknown_type_code(make_doc):
    with pytest.raises(EtaxError):
        make_doc("380")
