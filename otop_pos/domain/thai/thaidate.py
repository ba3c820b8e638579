"""Thai dates: stored as UTC, shown in Bangkok time with Buddhist-era years.

Thailand is UTC+7 all year, but the zone comes from tzdata ('Asia/Bangkok')
rather than a fixed offset so history and any future change stay right.
Naive datetimes are refused everywhere: a naive time in a POS journal is a
bug waiting for the day the PC clock's zone is wrong.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

BANGKOK = ZoneInfo("Asia/Bangkok")
BE_OFFSET = 543

MONTHS_SHORT_TH = (
    "ม.ค.",
    "ก.พ.",
    "มี.ค.",
    "เม.ย.",
    "พ.ค.",
    "มิ.ย.",
    "ก.ค.",
    "ส.ค.",
    "ก.ย.",
    "ต.ค.",
    "พ.ย.",
    "ธ.ค.",
)
MONTHS_LONG_TH = (
    "มกราคม",
    "กุมภาพันธ์",
    "มีนาคม",
    "เมษายน",
    "พฤษภาคม",
    "มิถุนายน",
    "กรกฎาคม",
    "สิงหาคม",
    "กันยายน",
    "ตุลาคม",
    "พฤศจิกายน",
    "ธันวาคม",
)


def _require_aware(dt: datetime) -> None:
    if not isinstance(dt, datetime):
        raise TypeError("expected a datetime")
    if dt.tzinfo is None or dt.utcoffset() is None:
        raise ValueError("naive datetime refused: attach a time zone (UTC) first")


def utc_now() -> datetime:
    """The current time as an aware UTC datetime (the only clock read here)."""
    return datetime.now(UTC)


def to_bangkok(dt: datetime) -> datetime:
    """The same instant in Bangkok local time."""
    _require_aware(dt)
    return dt.astimezone(BANGKOK)


def bangkok_date(dt: datetime) -> date:
    """The Bangkok calendar date of an instant (the shop's business date)."""
    return to_bangkok(dt).date()


def file_stamp(dt: datetime) -> str:
    """'2026-12-07-0630': the Bangkok date and time for a file's name (sorts by time).

    A name built from the stored UTC time says yesterday for the first seven
    hours of every Bangkok day.
    """
    return f"{to_bangkok(dt):%Y-%m-%d-%H%M}"


def be_year(dt: datetime) -> int:
    """Buddhist-era year of the instant in Bangkok (CE + 543)."""
    return to_bangkok(dt).year + BE_OFFSET


def format_numeric(dt: datetime) -> str:
    """'29/02/2567 12:00' (Bangkok time, BE year): the receipt header form."""
    local = to_bangkok(dt)
    return f"{local:%d/%m}/{local.year + BE_OFFSET} {local:%H:%M}"


def format_numeric_en(dt: datetime) -> str:
    """'29/02/2024 12:00' (Bangkok time, CE year) for the English UI."""
    local = to_bangkok(dt)
    return f"{local:%d/%m}/{local.year:04d} {local:%H:%M}"


def format_short_date(dt: datetime) -> str:
    """'29 ก.พ. 67': day, abbreviated month, two-digit BE year."""
    local = to_bangkok(dt)
    yy = (local.year + BE_OFFSET) % 100
    return f"{local.day} {MONTHS_SHORT_TH[local.month - 1]} {yy:02d}"


def format_long_date(dt: datetime) -> str:
    """'29 กุมภาพันธ์ 2567': the date line of a tax invoice."""
    local = to_bangkok(dt)
    return f"{local.day} {MONTHS_LONG_TH[local.month - 1]} {local.year + BE_OFFSET}"


def format_long(dt: datetime) -> str:
    """'วันที่ 29 กุมภาพันธ์ พ.ศ. 2567 เวลา 12:00 น.' for tax documents."""
    local = to_bangkok(dt)
    month = MONTHS_LONG_TH[local.month - 1]
    return f"วันที่ {local.day} {month} พ.ศ. {local.year + BE_OFFSET} เวลา {local:%H:%M} น."


def to_iso(dt: datetime) -> str:
    """UTC ISO-8601 with fixed width ('2024-02-29T05:00:00.000000+00:00').

    Fixed width (microseconds always present) keeps text comparison in SQL
    in step with time order.
    """
    _require_aware(dt)
    return dt.astimezone(UTC).isoformat(timespec="microseconds")


def from_iso(text: str) -> datetime:
    """Read a stored ISO-8601 string back as an aware UTC datetime.

    A string without an offset is refused: stored times are always UTC and
    say so.
    """
    if not isinstance(text, str):
        raise TypeError("expected an ISO-8601 string")
    dt = datetime.fromisoformat(text)
    if dt.tzinfo is None or dt.utcoffset() is None:
        raise ValueError(f"timestamp without a UTC offset: {text!r}")
    return dt.astimezone(UTC)


def day_bounds(day: date) -> tuple[str, str]:
    """The UTC ISO range of one Bangkok calendar day (a business day's entries)."""
    start = datetime.combine(day, time(0), BANGKOK)
    return to_iso(start), to_iso(start + timedelta(days=1))
