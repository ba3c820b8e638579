from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta, timezone
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given
from hypothesis import strategies as st

from otop_pos.domain.thai import thaidate as td

# 29 Feb 2024 12:00 in Bangkok is 05:00 UTC.
NOON_LEAP_DAY = datetime(2024, 2, 29, 5, 0, tzinfo=UTC)


def test_reference_forms() -> None:
    assert td.format_numeric(NOON_LEAP_DAY) == "29/02/2567 12:00"
    assert td.format_short_date(NOON_LEAP_DAY) == "29 ก.พ. 67"
    assert td.format_long(NOON_LEAP_DAY) == "วันที่ 29 กุมภาพันธ์ พ.ศ. 2567 เวลา 12:00 น."
    assert td.format_long_date(NOON_LEAP_DAY) == "29 กุมภาพันธ์ 2567"
    assert td.format_numeric_en(NOON_LEAP_DAY) == "29/02/2024 12:00"


def test_bangkok_is_utc_plus_7() -> None:
    local = td.to_bangkok(NOON_LEAP_DAY)
    assert (local.hour, local.minute) == (12, 0)
    assert local.utcoffset() == timedelta(hours=7)
    # No daylight saving: July has the same offset.
    assert td.to_bangkok(datetime(2024, 7, 1, tzinfo=UTC)).utcoffset() == timedelta(hours=7)


def test_other_zone_input() -> None:
    tokyo = datetime(2024, 2, 29, 14, 0, tzinfo=ZoneInfo("Asia/Tokyo"))
    assert td.format_numeric(tokyo) == "29/02/2567 12:00"


def test_new_year_boundary_uses_bangkok_date() -> None:
    before = datetime(2023, 12, 31, 16, 59, 59, tzinfo=UTC)
    after = datetime(2023, 12, 31, 17, 0, tzinfo=UTC)
    assert td.be_year(before) == 2566
    assert td.be_year(after) == 2567
    assert td.format_numeric(after) == "01/01/2567 00:00"
    assert td.format_short_date(after) == "1 ม.ค. 67"
    assert td.bangkok_date(after) == date(2024, 1, 1)


@pytest.mark.parametrize("month", range(1, 13))
def test_every_month_name(month: int) -> None:
    dt = datetime(2026, month, 15, 3, 0, tzinfo=UTC)
    assert td.format_short_date(dt) == f"15 {td.MONTHS_SHORT_TH[month - 1]} 69"
    assert td.MONTHS_LONG_TH[month - 1] in td.format_long(dt)


def test_month_tables() -> None:
    assert td.MONTHS_SHORT_TH[10] == "พ.ย."
    assert td.MONTHS_LONG_TH[11] == "ธันวาคม"
    assert len(set(td.MONTHS_SHORT_TH)) == len(set(td.MONTHS_LONG_TH)) == 12


def test_two_digit_year_is_zero_padded() -> None:
    dt = datetime(1957, 6, 1, 5, 0, tzinfo=UTC)  # BE 2500
    assert td.format_short_date(dt) == "1 มิ.ย. 00"


NAIVE = datetime(2024, 2, 29, 12, 0)


@pytest.mark.parametrize(
    "fn",
    [
        td.to_bangkok,
        td.be_year,
        td.bangkok_date,
        td.format_numeric,
        td.format_numeric_en,
        td.format_short_date,
        td.format_long,
        td.to_iso,
    ],
)
def test_naive_refused(fn: Callable[[datetime], object]) -> None:
    with pytest.raises(ValueError):
        fn(NAIVE)


def test_utc_now_is_aware_utc() -> None:
    now = td.utc_now()
    assert now.utcoffset() == timedelta(0)
    assert abs(now - datetime.now(UTC)) < timedelta(seconds=5)


def test_iso_form() -> None:
    assert td.to_iso(NOON_LEAP_DAY) == "2024-02-29T05:00:00.000000+00:00"
    bkk = datetime(2024, 2, 29, 12, 0, tzinfo=td.BANGKOK)
    assert td.to_iso(bkk) == "2024-02-29T05:00:00.000000+00:00"
    assert td.from_iso("2024-02-29T12:00:00+07:00") == NOON_LEAP_DAY
    assert td.from_iso("2024-02-29T05:00:00Z") == NOON_LEAP_DAY
    assert td.from_iso("2024-02-29T12:00:00+07:00").utcoffset() == timedelta(0)


@pytest.mark.parametrize("text", ["2024-02-29T05:00:00", "yesterday", "", "2024-13-01T00:00Z"])
def test_from_iso_rejects(text: str) -> None:
    with pytest.raises(ValueError):
        td.from_iso(text)


AWARE = st.datetimes(
    min_value=datetime(1970, 1, 2),  # Bangkok used local mean time before 1920
    max_value=datetime(9999, 12, 30),
    timezones=st.sampled_from([UTC, td.BANGKOK, timezone(timedelta(hours=-5, minutes=-30))]),
)


@given(AWARE)
def test_iso_round_trip(dt: datetime) -> None:
    back = td.from_iso(td.to_iso(dt))
    assert back == dt
    assert back.tzinfo is UTC


@given(AWARE, AWARE)
def test_iso_text_order_is_time_order(a: datetime, b: datetime) -> None:
    sa, sb = td.to_iso(a), td.to_iso(b)
    assert len(sa) == len(sb)
    assert (sa < sb) == (a < b)


@given(AWARE)
def test_be_year_is_ce_plus_543_of_local_date(dt: datetime) -> None:
    local = dt.astimezone(timezone(timedelta(hours=7)))
    assert td.be_year(dt) == local.year + 543
    assert td.format_numeric_en(dt) == local.strftime("%d/%m/") + f"{local.year:04d} " + (
        local.strftime("%H:%M")
    )
