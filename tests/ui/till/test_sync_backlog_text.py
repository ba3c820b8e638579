"""The sale screen's line about the provincial server, at fixed times, in Thai and English.

`backlog_text` is plain Python, so each state's wording and severity is
checked without a window; Bangkok is UTC+7, so 07:05 UTC reads 14:05.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, timedelta

import pytest

from otop_pos.domain.thai.thaidate import to_iso
from otop_pos.operations.sync.status import SyncStatus
from otop_pos.ui.texts.sync import age_text, backlog_text, normal_code

NOW = datetime(2026, 3, 10, 7, 5, tzinfo=UTC)  # 14:05 in Bangkok


NOT_ENROLLED = SyncStatus(
    enrolled=False, server_url="", terminal_id="", unsent=0, oldest_unsent_at=None,
    last_ack_at=None, acked_seq=0, state="not_enrolled", error_code=None, message_th=None,
    message_en=None, checkpoint=None,
)  # fmt: skip
"""Built here from the agreed fields, not taken from the interim status module."""


def _status(**changes: object) -> SyncStatus:
    enrolled = replace(NOT_ENROLLED, enrolled=True, server_url="https://otop.example",
                       terminal_id="SSK01-POS01", state="idle")  # fmt: skip
    return replace(enrolled, **changes)  # type: ignore[arg-type]


def _ago(**delta: float) -> str:
    return to_iso(NOW - timedelta(**delta))


def test_not_enrolled_says_so_quietly() -> None:
    assert backlog_text(NOT_ENROLLED, NOW, "th") == ("ยังไม่ได้ลงทะเบียนกับเซิร์ฟเวอร์จังหวัด", "off")
    assert backlog_text(NOT_ENROLLED, NOW, "en") == (
        "Not enrolled with the provincial server",
        "off",
    )


def test_all_sent_shows_the_last_acknowledgement_in_bangkok_time() -> None:
    status = _status(last_ack_at=to_iso(NOW))
    assert backlog_text(status, NOW, "th") == ("ส่งข้อมูลครบแล้ว · ล่าสุด 14:05", "ok")
    assert backlog_text(status, NOW, "en") == ("All sent · last 14:05", "ok")


def test_an_acknowledgement_on_another_day_carries_its_date() -> None:
    status = _status(last_ack_at=_ago(days=2))
    assert backlog_text(status, NOW, "th") == ("ส่งข้อมูลครบแล้ว · ล่าสุด 8 มี.ค. 69 14:05", "ok")
    assert backlog_text(status, NOW, "en") == ("All sent · last 08/03/2026 14:05", "ok")


def test_enrolled_with_nothing_ever_sent() -> None:
    assert backlog_text(_status(), NOW, "th") == ("ส่งข้อมูลครบแล้ว", "ok")


def test_a_young_backlog_is_information() -> None:
    status = _status(unsent=37, oldest_unsent_at=_ago(minutes=45))
    assert backlog_text(status, NOW, "th") == (
        "รอส่ง 37 รายการ · ค้างตั้งแต่ 13:20 (45 นาที)",
        "info",
    )
    assert backlog_text(status, NOW, "en") == ("37 waiting to send · since 13:20 (45 min)", "info")


def test_while_sending_it_says_sending() -> None:
    status = _status(unsent=1200, oldest_unsent_at=_ago(seconds=20), state="sending")
    assert backlog_text(status, NOW, "th") == (
        "กำลังส่ง 1,200 รายการ · ค้างตั้งแต่ 14:04 (ไม่ถึง 1 นาที)",
        "info",
    )


@pytest.mark.parametrize(
    ("age", "severity"),
    [
        (timedelta(minutes=59, seconds=59), "info"),
        (timedelta(hours=1), "warn"),
        (timedelta(hours=23, minutes=59), "warn"),
        (timedelta(hours=24), "alert"),
    ],
)
def test_severity_grows_with_the_oldest_entry(age: timedelta, severity: str) -> None:
    status = _status(unsent=3, oldest_unsent_at=to_iso(NOW - age), state="waiting")
    assert backlog_text(status, NOW, "th")[1] == severity


def test_an_old_backlog_reads_in_hours_then_days() -> None:
    status = _status(unsent=5, oldest_unsent_at=_ago(hours=2, minutes=5))
    assert backlog_text(status, NOW, "th") == (
        "รอส่ง 5 รายการ · ค้างตั้งแต่ 12:00 (2 ชม. 5 นาที)",
        "warn",
    )
    status = _status(unsent=5, oldest_unsent_at=_ago(days=3, hours=1))
    assert backlog_text(status, NOW, "en") == (
        "5 waiting to send · since 07/03/2026 13:05 (3 days)",
        "alert",
    )


def test_stopped_shows_the_cores_message_in_the_screens_language() -> None:
    status = _status(
        unsent=4, oldest_unsent_at=_ago(minutes=10), state="stopped", error_code="fork",
        message_th="ข้อมูลในเครื่องไม่ตรงกับเซิร์ฟเวอร์", message_en="This till's entries differ from the server's",
    )  # fmt: skip
    assert backlog_text(status, NOW, "th") == (
        "ข้อมูลในเครื่องไม่ตรงกับเซิร์ฟเวอร์ · รอส่ง 4 รายการ · ค้างตั้งแต่ 13:55 (10 นาที)",
        "alert",
    )
    text, severity = backlog_text(status, NOW, "en")
    assert text.startswith("This till's entries differ from the server's · 4 waiting")
    assert severity == "alert"


def test_stopped_without_a_message_names_the_code_and_is_an_alert_even_with_nothing_unsent() -> (
    None
):
    status = _status(state="stopped", error_code="bad_signature", last_ack_at=to_iso(NOW))
    assert backlog_text(status, NOW, "th") == (
        "หยุดส่งข้อมูล (bad_signature) · ล่าสุด 14:05",
        "alert",
    )


def test_an_unreadable_time_is_left_out_rather_than_breaking_the_line() -> None:
    status = _status(unsent=2, oldest_unsent_at="yesterday-ish")
    assert backlog_text(status, NOW, "th") == ("รอส่ง 2 รายการ", "info")


def test_ages() -> None:
    assert age_text(timedelta(seconds=-5), "th") == "ไม่ถึง 1 นาที"  # a clock a little behind
    assert age_text(timedelta(minutes=1), "en") == "1 min"
    assert age_text(timedelta(hours=25), "th") == "1 วัน"
    assert age_text(timedelta(hours=25), "en") == "1 day"  # not "1 days"


@pytest.mark.parametrize(
    ("typed", "code"),
    [
        ("7K3M-Q9PX-2HDW", "7K3M-Q9PX-2HDW"),
        ("7k3m-q9px-2hdw", "7K3M-Q9PX-2HDW"),
        (" 7k3m q9px2hdw ", "7K3M-Q9PX-2HDW"),
        ("7K3MQ9PX2HDW", "7K3M-Q9PX-2HDW"),
        ("7K3M-Q9PX-2HD", None),  # one short
        ("7K3M-Q9PX-2HD0", None),  # 0 is never in a code (nor O, 1, I)
        ("", None),
    ],
)
def test_enrolment_codes_are_read_in_any_case(typed: str, code: str | None) -> None:
    assert normal_code(typed) == code
