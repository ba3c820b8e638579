import pytest
from hypothesis import given
from hypothesis import strategies as st

from otop_pos.domain.catalogue.barcode import (
    ScanError,
    ean13_check_digit,
    is_valid_ean8,
    is_valid_ean13,
    make_ean13,
    normalize_scan,
    parse_scan_input,
)
from otop_pos.domain.selling.cart import MAX_QTY

# Published examples: Wikipedia EAN-13 article, ISBN-13 example, GS1 sample.
VALID_EAN13 = ["4006381333931", "9780306406157", "5901234123457", "8850999220000"]


@pytest.mark.parametrize("code", VALID_EAN13)
def test_known_ean13(code: str) -> None:
    assert is_valid_ean13(code)
    assert ean13_check_digit(code[:12]) == int(code[12])
    assert make_ean13(code[:12]) == code


def test_check_digit_values() -> None:
    assert ean13_check_digit("400638133393") == 1
    assert ean13_check_digit("885000000000") == 3
    assert ean13_check_digit("000000000000") == 0


@pytest.mark.parametrize(
    "code",
    ["4006381333932", "400638133393", "40063813339311", "400638133393a", "", "４006381333931"],
)
def test_invalid_ean13(code: str) -> None:
    assert not is_valid_ean13(code)


@pytest.mark.parametrize("bad", ["12345678901", "1234567890123", "12345678901x", "๑๒๓๔๕๖๗๘๙๐๑๒"])
def test_check_digit_needs_12_ascii_digits(bad: str) -> None:
    with pytest.raises(ValueError):
        ean13_check_digit(bad)


def test_ean8() -> None:
    assert is_valid_ean8("96385074")
    assert is_valid_ean8("73513537")
    assert not is_valid_ean8("96385075")
    assert not is_valid_ean8("9638507")
    assert not is_valid_ean8("4006381333931")


@given(st.text(alphabet="0123456789", min_size=12, max_size=12), st.integers(0, 12))
def test_single_digit_error_detected(first12: str, pos: int) -> None:
    code = make_ean13(first12)
    assert is_valid_ean13(code)
    wrong = str((int(code[pos]) + 1) % 10)
    assert not is_valid_ean13(code[:pos] + wrong + code[pos + 1 :])


KEDMANEE = "ๅ/-ภถุึคตจ"  # keys 1234567890 in the Thai layout


def test_kedmanee_number_row() -> None:
    assert normalize_scan(KEDMANEE) == "1234567890"
    # 8850000000003 scanned with the Thai layout on:
    assert normalize_scan("ค" * 2 + "ถ" + "จ" * 9 + "-") == "8850000000003"


def test_normalize_strips_whitespace_and_controls() -> None:
    assert normalize_scan(" 8850000000003\r\n") == "8850000000003"
    assert normalize_scan("\ufeff885\u200b000\t") == "885000"
    assert normalize_scan("\x02ๅ/-\x03") == "123"


def test_normalize_leaves_real_text_alone() -> None:
    assert normalize_scan("OTOP-001") == "OTOP-001"
    assert normalize_scan("12-34") == "12-34"
    assert normalize_scan("ผ้าไหม") == "ผ้าไหม"


def test_normalize_mixed_numpad_and_thai() -> None:
    assert normalize_scan("3คค") == "388"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("8850000000001", (1, "8850000000001")),
        ("3*8850000000001", (3, "8850000000001")),
        ("3x8850000000001", (3, "8850000000001")),
        ("12X8850000000001", (12, "8850000000001")),
        ("2×ABC", (2, "ABC")),
        (" 3 * 885 \n", (3, "885")),
        ("0003*885", (3, "885")),
        (f"{MAX_QTY}*885", (MAX_QTY, "885")),
        ("BOX1", (1, "BOX1")),
        ("ABXx1", (1, "ABXx1")),
        ("OTOP-001", (1, "OTOP-001")),
        # Thai layout: '3' is '-', Shift+8 ('*') is '๕', 'x' is 'ป'.
        ("-๕คคถจจจจจจจจจ-", (3, "8850000000003")),
        ("-ปคคถจจจจจจจจจ-", (3, "8850000000003")),
        ("คคถจจจจจจจจจ-", (1, "8850000000003")),
    ],
)
def test_parse_scan_input(text: str, expected: tuple[int, str]) -> None:
    assert parse_scan_input(text) == expected


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "ไม่มีรหัส"),
        (" \r\n\t", "ไม่มีรหัส"),
        ("0*885", "1 ถึง 9,999"),
        ("10000*885", "1 ถึง 9,999"),
        ("0x885", "1 ถึง 9,999"),
        ("00000000010000*885", "1 ถึง 9,999"),
        ("9" * 5000 + "*885", "ยาวเกิน 80"),
        ("abc*885", "ตัวเลข"),
        ("*885", "ใส่จำนวน"),
        ("3*", "ไม่มีรหัสสินค้าหลังจำนวน"),
        ("3*4*885", "ครั้งเดียว"),
        ("1" * 65, "ยาวเกิน"),
    ],
)
def test_parse_scan_errors(text: str, message: str) -> None:
    with pytest.raises(ScanError, match=message):
        parse_scan_input(text)


def test_non_string_is_scan_error() -> None:
    with pytest.raises(ScanError):
        parse_scan_input(None)  # type: ignore[arg-type]


SCANNER_TEXT = st.text(alphabet=st.sampled_from(list("0123456789*xXป๕×-/ \r\n" + KEDMANEE)))


@given(st.one_of(st.text(), SCANNER_TEXT))
def test_parse_scan_input_only_raises_scan_error(text: str) -> None:
    try:
        qty, code = parse_scan_input(text)
    except ScanError:
        return
    assert 1 <= qty <= MAX_QTY
    assert code
    assert code == code.strip()
    assert len(code) <= 64


@given(st.text(alphabet="0123456789", min_size=1, max_size=20), st.integers(1, MAX_QTY))
def test_thai_layout_scan_equals_english_scan(digits: str, qty: int) -> None:
    thai = digits.translate(str.maketrans("1234567890", KEDMANEE))
    assert parse_scan_input(thai) == (1, digits)
    assert parse_scan_input(f"{qty}*{thai}") == (qty, digits)
