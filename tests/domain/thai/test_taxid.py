import pickle

import pytest
from hypothesis import given
from hypothesis import strategies as st

from otop_pos.domain.thai.taxid import (
    TaxIdError,
    branch_code,
    branch_label,
    clean_number,
    format_tax_id,
    is_valid_tax_id,
    normalize_tax_id,
    taxid_check_digit,
)

DEMO_TAX_ID = "0994000165315"  # the demo centre (otop_pos/demo/seed.py)
# 0994000158378: test helpers; 0105557062342: the biller in the reference's
# bill payment vector; 1101700230708: a sample national ID.
VALID = [DEMO_TAX_ID, "0994000158378", "0105557062342", "1101700230708"]

digits12 = st.text(alphabet="0123456789", min_size=12, max_size=12)


def test_demo_centre_tax_id_is_valid() -> None:
    assert taxid_check_digit(DEMO_TAX_ID[:12]) == 5
    assert is_valid_tax_id(DEMO_TAX_ID)
    assert normalize_tax_id(DEMO_TAX_ID) == DEMO_TAX_ID


@pytest.mark.parametrize("tax_id", VALID)
def test_known_ids(tax_id: str) -> None:
    assert taxid_check_digit(tax_id[:12]) == int(tax_id[12])
    assert is_valid_tax_id(tax_id)


def test_check_digit_by_hand() -> None:
    # 0*13 + 9*12 + 9*11 + 4*10 + 0*9 + 0*8 + 0*7 + 1*6 + 5*5 + 8*4 + 3*3 + 7*2 = 333
    # 333 % 11 = 3 -> (11 - 3) % 10 = 8
    assert taxid_check_digit("099400015837") == 8
    assert taxid_check_digit("000000000001") == 9  # sum 2 -> 11 - 2
    assert taxid_check_digit("000000000005") == 1  # sum 10 -> 11 - 10


@pytest.mark.parametrize("first12", ["000000000000", "000000000006"])
def test_check_digit_wraps_eleven_and_ten(first12: str) -> None:
    # sum % 11 == 0 gives (11 - 0) % 10 == 1; sum % 11 == 1 (12 here) gives 10 % 10 == 0
    expected = {"000000000000": 1, "000000000006": 0}[first12]
    assert taxid_check_digit(first12) == expected


@pytest.mark.parametrize(
    "typed",
    [
        "0-9940-00165-31-5",
        "0 9940 00165 31 5",
        " 0994000165315\n",
        "๐๙๙๔๐๐๐๑๖๕๓๑๕",
        "๐-๙๙๔๐-๐๐๑๖๕-๓๑-๕",
        "0–9940–00165–31–5",  # en dashes from a word processor
    ],
)
def test_normalize_accepts_what_people_type(typed: str) -> None:
    assert normalize_tax_id(typed) == DEMO_TAX_ID
    assert is_valid_tax_id(typed)


@pytest.mark.parametrize(
    ("typed", "thai"),
    [
        ("099400016531", "เลขประจำตัวผู้เสียภาษีต้องมี 13 หลัก"),
        ("09940001653155", "เลขประจำตัวผู้เสียภาษีต้องมี 13 หลัก"),
        ("0994000165316", "เลขประจำตัวผู้เสียภาษีไม่ถูกต้อง (หลักตรวจสอบผิด)"),
        ("0-9940-00165-31-4", "เลขประจำตัวผู้เสียภาษีไม่ถูกต้อง (หลักตรวจสอบผิด)"),
        ("099400016531X", "เลขประจำตัวผู้เสียภาษีต้องเป็นตัวเลขเท่านั้น"),
        ("０９９４０００１６５３１５", "เลขประจำตัวผู้เสียภาษีต้องเป็นตัวเลขเท่านั้น"),
        ("", "กรุณากรอกเลขประจำตัวผู้เสียภาษี 13 หลัก"),
        (" - ", "กรุณากรอกเลขประจำตัวผู้เสียภาษี 13 หลัก"),
    ],
)
def test_bad_ids_give_thai_message(typed: str, thai: str) -> None:
    with pytest.raises(TaxIdError) as info:
        normalize_tax_id(typed)
    assert str(info.value).startswith(thai)
    assert "tax ID" in info.value.english
    assert isinstance(info.value, ValueError)
    assert not is_valid_tax_id(typed)


def test_length_message_says_how_many_digits_were_typed() -> None:
    with pytest.raises(TaxIdError, match="กรอกมา 12 หลัก"):
        normalize_tax_id("099400016531")


@pytest.mark.parametrize("bad", ["12345678901", "1234567890123", "12345678901x", "๑๒๓๔๕๖๗๘๙๐๑๒"])
def test_check_digit_needs_12_ascii_digits(bad: str) -> None:
    with pytest.raises(TaxIdError, match="12 หลัก"):
        taxid_check_digit(bad)


def test_is_valid_never_raises_on_non_text() -> None:
    assert not is_valid_tax_id(None)  # type: ignore[arg-type]
    assert not is_valid_tax_id(994000165315)  # type: ignore[arg-type]


def test_format() -> None:
    assert format_tax_id(DEMO_TAX_ID) == "0-9940-00165-31-5"
    assert format_tax_id("๐๙๙๔๐๐๐๑๖๕๓๑๕") == "0-9940-00165-31-5"
    with pytest.raises(TaxIdError, match="หลักตรวจสอบผิด"):
        format_tax_id("0994000165316")


def test_clean_number() -> None:
    assert clean_number("๐๘๐-๑๒๓ ๔๕๖๗") == "0801234567"
    assert clean_number("+66 80") == "+6680"


@pytest.mark.parametrize(
    ("typed", "code"),
    [
        ("สำนักงานใหญ่", "00000"),
        (" สำนักงาน ใหญ่ ", "00000"),
        ("สนญ.", "00000"),
        ("head office", "00000"),
        ("Head Office", "00000"),
        ("", "00000"),
        ("0", "00000"),
        ("00000", "00000"),
        ("1", "00001"),
        ("๑", "00001"),
        ("00001", "00001"),
        ("12345", "12345"),
        ("สาขาที่ 3", "00003"),
        ("สาขา 00042", "00042"),
        ("Branch 7", "00007"),
    ],
)
def test_branch_code(typed: str, code: str) -> None:
    assert branch_code(typed) == code


@pytest.mark.parametrize("bad", ["123456", "สาขา", "A1", "-1", "1.5", "branch office", "สาขาที่ ๑x"])
def test_bad_branch_gives_thai_message(bad: str) -> None:
    with pytest.raises(TaxIdError) as info:
        branch_code(bad)
    assert str(info.value) == "รหัสสาขาต้องเป็นตัวเลขไม่เกิน 5 หลัก หรือ 'สำนักงานใหญ่'"
    assert "5 digits" in info.value.english


def test_branch_label() -> None:
    assert branch_label("00000") == "สำนักงานใหญ่"
    assert branch_label("") == "สำนักงานใหญ่"
    assert branch_label("00001") == "สาขาที่ 00001"
    assert branch_label("12") == "สาขาที่ 00012"
    with pytest.raises(TaxIdError):
        branch_label("123456")


@given(st.integers(0, 99_999))
def test_branch_round_trip(n: int) -> None:
    code = branch_code(str(n))
    assert code == f"{n:05d}"
    assert branch_code(branch_label(code)) == code


def test_error_survives_pickling_with_its_message() -> None:
    err = pickle.loads(pickle.dumps(TaxIdError("ผิด", "wrong")))
    assert str(err) == "ผิด"


@given(digits12)
def test_any_12_digits_plus_check_digit_validates(first12: str) -> None:
    tax_id = first12 + str(taxid_check_digit(first12))
    assert is_valid_tax_id(tax_id)
    assert normalize_tax_id(format_tax_id(tax_id)) == tax_id


def _residue(tax_id: str) -> int:
    return sum(int(d) * (13 - i) for i, d in enumerate(tax_id[:12])) % 11


@given(digits12, st.integers(0, 12), st.integers(1, 9))
def test_single_changed_digit(first12: str, pos: int, delta: int) -> None:
    """What the mod-11 check digit can and cannot catch.

    The third digit has weight 11 = 0 (mod 11), so the check digit never sees
    it; and sums with remainder 0 and 10 share check digit 1. Any other single
    changed digit is caught.
    """
    tax_id = first12 + str(taxid_check_digit(first12))
    wrong = tax_id[:pos] + str((int(tax_id[pos]) + delta) % 10) + tax_id[pos + 1 :]
    if pos == 2 or {_residue(tax_id), _residue(wrong)} == {0, 10}:
        assert is_valid_tax_id(wrong)
        return
    assert not is_valid_tax_id(wrong)
    with pytest.raises(TaxIdError, match="หลักตรวจสอบผิด"):
        normalize_tax_id(wrong)


def test_third_digit_blind_spot_on_the_demo_id() -> None:
    """Every other position of the demo ID catches all nine wrong digits."""
    caught = {
        pos: sum(
            not is_valid_tax_id(DEMO_TAX_ID[:pos] + d + DEMO_TAX_ID[pos + 1 :])
            for d in "0123456789"
            if d != DEMO_TAX_ID[pos]
        )
        for pos in range(13)
    }
    assert caught == {pos: 0 if pos == 2 else 9 for pos in range(13)}
