"""Quantities and expiry dates typed at intake and at a stock count."""

from __future__ import annotations

from datetime import date

import pytest

from otop_pos.domain.stock.quantities import (
    StockInputError,
    format_expiry,
    parse_count,
    parse_expiry,
    parse_qty,
)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("12", 12),
        (" 7 ", 7),
        ("๑๒", 12),
        ("๓,๐๐๐", 3000),
        ("1,200", 1200),
        (5, 5),
        ("100000", 100000),
    ],
)
def test_quantities_people_type(text: str | int, expected: int) -> None:
    assert parse_qty(text, "qty") == expected


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("สิบ", "จำนวนต้องเป็นตัวเลขจำนวนเต็ม"),
        ("1.5", "จำนวนต้องเป็นตัวเลขจำนวนเต็ม"),
        ("12a", "จำนวนต้องเป็นตัวเลขจำนวนเต็ม"),
        ("1,20", "จำนวนต้องเป็นตัวเลขจำนวนเต็ม"),
        ("", "กรุณาใส่จำนวน"),
        ("-3", "ติดลบไม่ได้"),
        ("0", "ต้องมากกว่าศูนย์"),
        ("100001", "มากเกินไป"),
        ("๑๐๐๐๐๐๐", "มากเกินไป"),
    ],
)
def test_bad_quantities_are_refused_in_thai(text: str, message: str) -> None:
    with pytest.raises(StockInputError, match=message) as caught:
        parse_qty(text, "line_3")
    assert caught.value.field == "line_3"
    assert caught.value.english
    assert caught.value.message("en") == caught.value.english


def test_zero_quantity_can_be_allowed() -> None:
    assert parse_qty("0", "qty", allow_zero=True) == 0
    with pytest.raises(StockInputError):
        parse_qty(True, "qty")


def test_a_count_may_be_zero_but_never_negative_or_text() -> None:
    assert parse_count("0") == 0
    assert parse_count("๐") == 0
    assert parse_count("48") == 48
    with pytest.raises(StockInputError, match="ติดลบไม่ได้ ถ้าไม่มีสินค้าบนชั้นให้ใส่ 0"):
        parse_count("-1")
    with pytest.raises(StockInputError, match="จำนวนต้องเป็นตัวเลขจำนวนเต็ม") as caught:
        parse_count("ห้า")
    assert caught.value.field == "counted"
    with pytest.raises(StockInputError, match="มากเกินไป"):
        parse_count("250000")


@pytest.mark.parametrize(
    "text",
    ["31/12/2569", "31/12/2026", "2026-12-31", "๓๑/๑๒/๒๕๖๙", " 31-12-2569 ", "31.12.2026"],
)
def test_expiry_in_buddhist_or_common_era(text: str) -> None:
    assert parse_expiry(text) == date(2026, 12, 31)


def test_single_digit_day_and_month() -> None:
    assert parse_expiry("1/2/2570") == date(2027, 2, 1)


@pytest.mark.parametrize("text", [None, "", "   "])
def test_no_expiry(text: str | None) -> None:
    assert parse_expiry(text) is None


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("31/02/2569", "ไม่มีอยู่จริง"),
        ("2026-13-01", "ไม่มีอยู่จริง"),
        ("พรุ่งนี้", "อ่านวันหมดอายุ"),
        ("31/12/69", "อ่านวันหมดอายุ"),
        ("31/12/1890", "ปีของวันหมดอายุ"),
        ("31/12/2300", "ปีของวันหมดอายุ"),
    ],
)
def test_bad_expiry_dates_say_how_to_type_them(text: str, message: str) -> None:
    with pytest.raises(StockInputError, match=message) as caught:
        parse_expiry(text)
    assert "31/12/2569" in caught.value.thai
    assert caught.value.field == "expiry"


def test_expiry_is_shown_in_buddhist_era() -> None:
    assert format_expiry(date(2026, 3, 5)) == "05/03/2569"
    assert format_expiry(None) == ""
