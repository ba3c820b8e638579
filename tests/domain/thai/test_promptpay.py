import binascii
import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from otop_pos.domain.money import Money
from otop_pos.domain.thai.promptpay import (
    MAX_AMOUNT,
    PromptPayError,
    PromptPayKind,
    PromptPayTarget,
    bill_payment_payload,
    crc16_ccitt_false,
    parse_emv,
    parse_promptpay_id,
    promptpay_payload,
    verify_crc,
)
from otop_pos.domain.thai.taxid import taxid_check_digit

# Reference, section 3 (public libraries' tests, CRCs re-checked).
MOBILE_DYNAMIC = (
    "00020101021229370016A000000677010111011300668012345675802TH53037645406456.256304483D"
)
MOBILE_STATIC = "00020101021129370016A000000677010111011300668012345675802TH530376463046197"
BILL_PAYMENT = (
    "00020101021230550016A00000067701011201150105557062342020204ref10304ref2"
    "53037645402555802TH5907SMLSOFT62180714LGN400001510016304599C"
)
VECTORS = [MOBILE_DYNAMIC, MOBILE_STATIC, BILL_PAYMENT]
WRONG_ID = "พร้อมเพย์ต้องเป็นเบอร์มือถือ 10 หลัก หรือเลขประจำตัว 13 หลัก"
WRONG_AMOUNT = "ยอดเงินใน QR ต้องมากกว่า 0 และไม่เกิน 9,999,999.99 บาท"

mobiles = st.text(alphabet="0123456789", min_size=9, max_size=9).map(lambda s: "0" + s)
amounts = st.integers(1, MAX_AMOUNT.satang).map(Money)


# CRC ---------------------------------------------------------------------
def test_crc_check_value() -> None:
    assert crc16_ccitt_false(b"123456789") == 0x29B1


def test_crc_of_nothing_is_the_initial_value() -> None:
    assert crc16_ccitt_false(b"") == 0xFFFF


@given(st.binary(max_size=300))
def test_crc_matches_the_standard_library(data: bytes) -> None:
    # binascii.crc_hqx is the same unreflected 0x1021 CRC with a chosen start value.
    assert crc16_ccitt_false(data) == binascii.crc_hqx(data, 0xFFFF)


# reference vectors ------------------------------------------------------------
def test_mobile_dynamic_vector() -> None:
    assert promptpay_payload("0801234567", Money.parse("456.25")) == MOBILE_DYNAMIC


def test_mobile_static_vector() -> None:
    assert promptpay_payload("0801234567") == MOBILE_STATIC
    assert promptpay_payload("0801234567", None) == MOBILE_STATIC


def test_bill_payment_vector() -> None:
    payload = bill_payment_payload(
        "010555706234202", "ref1", "ref2", Money.baht(55), "SMLSOFT", "LGN40000151001"
    )
    assert payload == BILL_PAYMENT


@pytest.mark.parametrize("payload", VECTORS)
def test_vectors_verify(payload: str) -> None:
    assert verify_crc(payload)


def test_parse_dynamic_vector_in_tag_order() -> None:
    fields = parse_emv(MOBILE_DYNAMIC)
    assert list(fields) == ["00", "01", "29", "58", "53", "54", "63"]
    assert fields == {
        "00": "01",
        "01": "12",
        "29": "0016A00000067701011101130066801234567",
        "58": "TH",
        "53": "764",
        "54": "456.25",
        "63": "483D",
    }
    assert parse_emv(fields["29"]) == {"00": "A000000677010111", "01": "0066801234567"}


def test_parse_static_vector_has_no_amount() -> None:
    fields = parse_emv(MOBILE_STATIC)
    assert list(fields) == ["00", "01", "29", "58", "53", "63"]
    assert fields["01"] == "11"


def test_parse_bill_payment_vector() -> None:
    fields = parse_emv(BILL_PAYMENT)
    assert list(fields) == ["00", "01", "30", "53", "54", "58", "59", "62", "63"]
    assert fields["54"] == "55" and fields["59"] == "SMLSOFT"
    assert parse_emv(fields["30"]) == {
        "00": "A000000677010112",
        "01": "010555706234202",
        "02": "ref1",
        "03": "ref2",
    }
    assert parse_emv(fields["62"]) == {"07": "LGN40000151001"}


# PromptPay IDs ---------------------------------------------------------------
@pytest.mark.parametrize(
    "typed",
    [
        "0801234567",
        "080-123-4567",
        "080 123 4567",
        " 0801234567\n",
        "+66801234567",
        "+66 80 123 4567",
        "+66-80-123-4567",
        "๐๘๐๑๒๓๔๕๖๗",
    ],
)
def test_mobile_forms(typed: str) -> None:
    target = parse_promptpay_id(typed)
    assert target == PromptPayTarget(PromptPayKind.MOBILE, "0066801234567")
    assert target.display == "080-123-4567"
    assert promptpay_payload(typed, Money.parse("456.25")) == MOBILE_DYNAMIC


@pytest.mark.parametrize("typed", ["0994000165315", "0-9940-00165-31-5", "๐๙๙๔๐๐๐๑๖๕๓๑๕"])
def test_tax_id_target(typed: str) -> None:
    target = parse_promptpay_id(typed)
    assert target == PromptPayTarget(PromptPayKind.NATIONAL_ID, "0994000165315")
    assert target.display == "0-9940-00165-31-5"
    payload = promptpay_payload(target, Money.baht(100))
    assert parse_emv(parse_emv(payload)["29"]) == {
        "00": "A000000677010111",
        "02": "0994000165315",
    }
    assert parse_emv(payload)["54"] == "100.00"
    assert verify_crc(payload)


def test_ewallet_target() -> None:
    target = parse_promptpay_id("123456789012345")
    assert target.kind is PromptPayKind.EWALLET and target.display == "123456789012345"
    sub = parse_emv(parse_emv(promptpay_payload(target))["29"])
    assert sub["03"] == "123456789012345"


@pytest.mark.parametrize(
    "typed",
    ["", "12345", "080123456", "08012345678", "1801234567", "abc", "+6680123456", "08O1234567"],
)
def test_bad_ids_give_thai_message(typed: str) -> None:
    with pytest.raises(PromptPayError) as info:
        parse_promptpay_id(typed)
    assert str(info.value).startswith(WRONG_ID)
    assert "PromptPay needs" in info.value.english
    with pytest.raises(PromptPayError):
        promptpay_payload(typed, Money.baht(1))


def test_thirteen_digits_with_a_wrong_check_digit() -> None:
    with pytest.raises(PromptPayError) as info:
        parse_promptpay_id("0994000165316")
    assert str(info.value) == "เลขประจำตัวสำหรับพร้อมเพย์ไม่ถูกต้อง (หลักตรวจสอบผิด)"
    assert "check digit" in info.value.english


@pytest.mark.parametrize(
    ("kind", "value"),
    [
        (PromptPayKind.MOBILE, "0801234567"),  # not the 0066 form
        (PromptPayKind.MOBILE, "1166801234567"),
        (PromptPayKind.NATIONAL_ID, "0994000165316"),
        (PromptPayKind.EWALLET, "12345678901234"),
    ],
)
def test_target_refuses_unnormalised_values(kind: PromptPayKind, value: str) -> None:
    with pytest.raises(PromptPayError):
        PromptPayTarget(kind, value)


# amounts -----------------------------------------------------------------------
@pytest.mark.parametrize(
    ("amount", "text"),
    [(Money(1), "0.01"), (Money.baht(1000), "1000.00"), (MAX_AMOUNT, "9999999.99")],
)
def test_amount_text(amount: Money, text: str) -> None:
    assert parse_emv(promptpay_payload("0801234567", amount))["54"] == text


@pytest.mark.parametrize("amount", [Money(0), Money(-100), MAX_AMOUNT + Money(1)])
def test_bad_amounts_give_thai_message(amount: Money) -> None:
    with pytest.raises(PromptPayError) as info:
        promptpay_payload("0801234567", amount)
    assert str(info.value) == WRONG_AMOUNT
    with pytest.raises(PromptPayError, match=re.escape("9,999,999.99")):
        bill_payment_payload("010555706234202", "R1", None, amount, "SHOP")


def test_bill_payment_amount_keeps_satang() -> None:
    payload = bill_payment_payload("010555706234202", "R1", None, Money.parse("55.50"), "SHOP")
    fields = parse_emv(payload)
    assert fields["54"] == "55.50" and fields["01"] == "12"
    assert "03" not in parse_emv(fields["30"]) and "62" not in fields


def test_static_bill_payment() -> None:
    fields = parse_emv(bill_payment_payload("010555706234202", "R1", "", None, "SHOP"))
    assert fields["01"] == "11" and "54" not in fields


@pytest.mark.parametrize(
    ("args", "thai"),
    [
        (("01055570623420", "R1", None, "SHOP"), "Biller ID ต้องเป็นตัวเลข 15 หลัก"),
        (("010555706234202", "", None, "SHOP"), "ต้องมี Ref1 และชื่อร้าน"),
        (("010555706234202", "R1", None, ""), "ต้องมี Ref1 และชื่อร้าน"),
        (("010555706234202", "R" * 21, None, "SHOP"), "Ref1 ต้องเป็นอักษรอังกฤษหรือตัวเลข"),
        (("010555706234202", "R1", "บิล", "SHOP"), "Ref2 ต้องเป็นอักษรอังกฤษหรือตัวเลข"),
        (("010555706234202", "R1", None, "ร้าน OTOP"), "ชื่อร้าน ต้องเป็นอักษรอังกฤษหรือตัวเลข"),
        (("010555706234202", "R1", None, "S" * 26), "ชื่อร้าน ต้องเป็นอักษรอังกฤษหรือตัวเลข"),
    ],
)
def test_bad_bill_payment_gives_thai_message(
    args: tuple[str, str, str | None, str], thai: str
) -> None:
    biller, ref1, ref2, name = args
    with pytest.raises(PromptPayError) as info:
        bill_payment_payload(biller, ref1, ref2, Money.baht(1), name)
    assert str(info.value).startswith(thai)


# parse_emv / verify_crc ------------------------------------------------------
@pytest.mark.parametrize("bad", ["0", "000", "0002", "000201X", "AB0201", "0002010002", "00-1x"])
def test_malformed_emv(bad: str) -> None:
    with pytest.raises(PromptPayError, match="ข้อมูล QR ไม่ถูกต้อง"):
        parse_emv(bad)


def test_parse_empty() -> None:
    assert parse_emv("") == {}


@pytest.mark.parametrize(
    "bad",
    [
        "",
        "6304",
        MOBILE_STATIC[:-4] + "6198",
        MOBILE_DYNAMIC[:-4] + "483d",  # the CRC must be upper case
        MOBILE_STATIC[:-8] + "6404" + MOBILE_STATIC[-4:],  # not tag 63
        MOBILE_STATIC[:-1],
        MOBILE_STATIC.replace("TH", "ไท"),
    ],
)
def test_verify_crc_rejects(bad: str) -> None:
    assert not verify_crc(bad)


# properties --------------------------------------------------------------------
@given(mobiles, st.none() | amounts)
def test_payload_round_trip(mobile: str, amount: Money | None) -> None:
    payload = promptpay_payload(mobile, amount)
    assert verify_crc(payload)
    fields = parse_emv(payload)
    assert fields["01"] == ("11" if amount is None else "12")
    assert parse_emv(fields["29"])["01"] == "0066" + mobile[1:]
    assert (Money.parse(fields["54"]) if "54" in fields else None) == amount
    assert payload.endswith("6304" + fields["63"])


@given(st.text(alphabet="0123456789", min_size=12, max_size=12), amounts)
def test_tax_id_payload_round_trip(first12: str, amount: Money) -> None:
    tax_id = first12 + str(taxid_check_digit(first12))
    payload = promptpay_payload(tax_id, amount)
    assert verify_crc(payload)
    assert parse_emv(parse_emv(payload)["29"])["02"] == tax_id


@given(mobiles, amounts, st.data())
def test_any_changed_character_fails_the_crc(
    mobile: str, amount: Money, data: st.DataObject
) -> None:
    payload = promptpay_payload(mobile, amount)
    pos = data.draw(st.integers(0, len(payload) - 1))
    new = data.draw(st.characters(min_codepoint=0x20, max_codepoint=0x7E))
    if new == payload[pos]:
        new = "0" if payload[pos] != "0" else "1"
    assert not verify_crc(payload[:pos] + new + payload[pos + 1 :])


refs = st.text(alphabet="ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789", min_size=1, max_size=20)


@given(refs, st.none() | refs, st.none() | amounts)
def test_bill_payment_round_trip(ref1: str, ref2: str | None, amount: Money | None) -> None:
    payload = bill_payment_payload("010555706234202", ref1, ref2, amount, "OTOP SISAKET")
    assert verify_crc(payload)
    fields = parse_emv(payload)
    bill = parse_emv(fields["30"])
    assert bill["02"] == ref1 and bill.get("03") == ref2
    assert (Money.parse(fields["54"]) if "54" in fields else None) == amount
