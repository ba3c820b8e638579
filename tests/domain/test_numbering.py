from datetime import UTC, datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st

from otop_pos.domain.numbering import format_doc_number, parse_doc_number, period_of


@pytest.mark.parametrize(
    ("dt", "period"),
    [
        (datetime(2026, 11, 15, 5, 0, tzinfo=UTC), "6911"),
        (datetime(2024, 2, 29, 5, 0, tzinfo=UTC), "6702"),
        # 31 Oct 2026 17:00 UTC is already 1 Nov in Bangkok.
        (datetime(2026, 10, 31, 17, 0, tzinfo=UTC), "6911"),
        (datetime(2026, 10, 31, 16, 59, tzinfo=UTC), "6910"),
        (datetime(2457, 1, 10, tzinfo=UTC), "0001"),  # BE 3000
    ],
)
def test_period_of(dt: datetime, period: str) -> None:
    assert period_of(dt) == period


def test_period_refuses_naive() -> None:
    with pytest.raises(ValueError):
        period_of(datetime(2026, 11, 1))


@pytest.mark.parametrize(
    ("pos_id", "period", "n", "text"),
    [
        ("POS01", "6911", 1, "POS01-69110001"),
        ("POS01", "6911", 9999, "POS01-69119999"),
        ("POS01", "6911", 10000, "POS01-691110000"),
        ("POS01", "6701", 123456, "POS01-6701123456"),
        ("INV-POS01", "6912", 42, "INV-POS01-69120042"),
    ],
)
def test_format_and_parse(pos_id: str, period: str, n: int, text: str) -> None:
    assert format_doc_number(pos_id, period, n) == text
    assert parse_doc_number(text) == (pos_id, period, n)


@pytest.mark.parametrize(
    ("pos_id", "period", "n"),
    [
        ("", "6911", 1),
        ("POS 01", "6911", 1),
        ("-POS", "6911", 1),
        ("ขาย01", "6911", 1),
        ("POS01", "691", 1),
        ("POS01", "6913", 1),
        ("POS01", "6900", 1),
        ("POS01", "6911", 0),
        ("POS01", "6911", -5),
        ("POS01", "6911", True),
    ],
)
def test_format_rejects(pos_id: str, period: str, n: int) -> None:
    with pytest.raises(ValueError):
        format_doc_number(pos_id, period, n)


@pytest.mark.parametrize(
    "text",
    [
        "",
        "junk",
        "POS01",
        "POS01-",
        "POS01-6911",
        "POS01-6911001",  # too few digits
        "POS01-69110000",  # zero
        "POS01-691300001",  # month 13
        "POS01-691100001",  # non-canonical padding
        "POS01_69110001",
        " POS01-69110001",
        "POS01-6911000１",  # full-width digit
    ],
)
def test_parse_rejects(text: str) -> None:
    with pytest.raises(ValueError):
        parse_doc_number(text)


POS_IDS = st.from_regex(r"\A[A-Za-z0-9][A-Za-z0-9_-]{0,15}\Z")
PERIODS = st.builds(lambda y, m: f"{y:02d}{m:02d}", st.integers(0, 99), st.integers(1, 12))


@given(POS_IDS, PERIODS, st.integers(min_value=1, max_value=10**9))
def test_round_trip(pos_id: str, period: str, n: int) -> None:
    text = format_doc_number(pos_id, period, n)
    assert parse_doc_number(text) == (pos_id, period, n)


@given(PERIODS, st.integers(1, 9998))
def test_numbers_in_a_period_sort_as_text(period: str, n: int) -> None:
    assert format_doc_number("POS01", period, n) < format_doc_number("POS01", period, n + 1)
