import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from otop_pos.domain.money import Money
from otop_pos.domain.thai.bahttext import baht_text, number_text

REFERENCE_VECTORS = [
    ("21", "ยี่สิบเอ็ดบาทถ้วน"),
    ("101", "หนึ่งร้อยเอ็ดบาทถ้วน"),
    ("3211.51", "สามพันสองร้อยสิบเอ็ดบาทห้าสิบเอ็ดสตางค์"),
    ("21000000", "ยี่สิบเอ็ดล้านบาทถ้วน"),
    ("0.25", "ยี่สิบห้าสตางค์"),
    ("40010.10", "สี่หมื่นสิบบาทสิบสตางค์"),
    ("63147.89", "หกหมื่นสามพันหนึ่งร้อยสี่สิบเจ็ดบาทแปดสิบเก้าสตางค์"),
    ("1000001", "หนึ่งล้านเอ็ดบาทถ้วน"),
]

MORE_VECTORS = [
    ("0", "ศูนย์บาทถ้วน"),
    ("1", "หนึ่งบาทถ้วน"),
    ("10", "สิบบาทถ้วน"),
    ("11", "สิบเอ็ดบาทถ้วน"),
    ("20", "ยี่สิบบาทถ้วน"),
    ("120", "หนึ่งร้อยยี่สิบบาทถ้วน"),
    ("201", "สองร้อยเอ็ดบาทถ้วน"),
    ("0.01", "หนึ่งสตางค์"),
    ("0.11", "สิบเอ็ดสตางค์"),
    ("1.01", "หนึ่งบาทหนึ่งสตางค์"),
    ("1000000", "หนึ่งล้านบาทถ้วน"),
    ("11000000", "สิบเอ็ดล้านบาทถ้วน"),
    ("101000000", "หนึ่งร้อยเอ็ดล้านบาทถ้วน"),
    ("1000010", "หนึ่งล้านสิบบาทถ้วน"),
    ("1234567", "หนึ่งล้านสองแสนสามหมื่นสี่พันห้าร้อยหกสิบเจ็ดบาทถ้วน"),
    ("1000000000000", "หนึ่งล้านล้านบาทถ้วน"),
    ("1000001000000", "หนึ่งล้านเอ็ดล้านบาทถ้วน"),
    ("-21.50", "ลบยี่สิบเอ็ดบาทห้าสิบสตางค์"),
    ("-0.01", "ลบหนึ่งสตางค์"),
]


@pytest.mark.parametrize(("amount", "words"), REFERENCE_VECTORS + MORE_VECTORS)
def test_vectors(amount: str, words: str) -> None:
    assert baht_text(Money.parse(amount)) == words


def test_number_text() -> None:
    assert number_text(0) == "ศูนย์"
    assert number_text(1) == "หนึ่ง"
    assert number_text(91) == "เก้าสิบเอ็ด"
    with pytest.raises(ValueError):
        number_text(-1)


# An independent reader of Thai number words, to check the writer both ways.
_DIGIT = {
    "หนึ่ง": 1,
    "เอ็ด": 1,
    "สอง": 2,
    "ยี่": 2,
    "สาม": 3,
    "สี่": 4,
    "ห้า": 5,
    "หก": 6,
    "เจ็ด": 7,
    "แปด": 8,
    "เก้า": 9,
}
_PLACE = {"สิบ": 10, "ร้อย": 100, "พัน": 1000, "หมื่น": 10_000, "แสน": 100_000}
_TOKEN = re.compile("(" + "|".join(_DIGIT) + ")?(" + "|".join(_PLACE) + ")?")


def _read_group(text: str) -> int:
    total, pos = 0, 0
    while pos < len(text):
        m = _TOKEN.match(text, pos)
        assert m and m.end() > pos, f"unreadable: {text[pos:]!r}"
        digit = _DIGIT[m.group(1)] if m.group(1) else 1
        total += digit * (_PLACE[m.group(2)] if m.group(2) else 1)
        pos = m.end()
    return total


def _read_number(text: str) -> int:
    if "ล้าน" in text:
        high, low = text.rsplit("ล้าน", 1)
        return _read_number(high) * 1_000_000 + _read_group(low)
    return _read_group(text)


def _read_amount(text: str) -> int:
    sign = 1
    if text.startswith("ลบ"):
        sign, text = -1, text[2:]
    if text == "ศูนย์บาทถ้วน":
        return 0
    if text.endswith("บาทถ้วน"):
        return sign * _read_number(text.removesuffix("บาทถ้วน")) * 100
    assert text.endswith("สตางค์")
    baht, _, satang = text.removesuffix("สตางค์").rpartition("บาท")
    return sign * ((_read_number(baht) if baht else 0) * 100 + _read_number(satang))


@given(st.integers(min_value=-(10**16), max_value=10**16))
def test_reads_back(satang: int) -> None:
    words = baht_text(Money(satang))
    assert _read_amount(words) == satang
    assert "ศูนย์" not in words or satang == 0
    assert "หนึ่งสิบ" not in words and "สองสิบ" not in words and "สิบหนึ่ง" not in words
    assert words.endswith("บาทถ้วน") == (satang % 100 == 0)
    assert ("บาท" in words) == (abs(satang) >= 100 or satang == 0)


@given(st.integers(min_value=2, max_value=10**12))
def test_final_one_is_et(n: int) -> None:
    # A trailing 1 after other digits reads เอ็ด; หนึ่ง only for a lone 1.
    words = number_text(n * 10 + 1)
    assert words.endswith("เอ็ด")
    assert not number_text(n).startswith("เอ็ด")
