"""Texts of the till's sync with the provincial server, and the backlog line the sale screen shows.

`backlog_text` is plain Python over a `SyncStatus` and a clock, so every
wording and every severity is tested without Qt and at fixed times. The
severity grows with the age of the oldest entry not yet acknowledged: the
entries are safe in the journal, but a till that has not reached the
province for a day is something the manager must look into.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from otop_pos.domain.thai.thaidate import (
    bangkok_date,
    format_numeric_en,
    format_short_date,
    from_iso,
    to_bangkok,
)
from otop_pos.operations.sync.status import SyncStatus

WARN_AFTER = timedelta(hours=1)
ALERT_AFTER = timedelta(hours=24)

SEVERITIES = ("off", "ok", "info", "warn", "alert")
"""off: not enrolled; ok: all sent; info: a young backlog; warn: over an hour; alert: a day, or stopped."""

TEXTS: dict[str, tuple[str, str]] = {
    # the backlog line ------------------------------------------------------
    "sy_not_enrolled": (
        "ยังไม่ได้ลงทะเบียนกับเซิร์ฟเวอร์จังหวัด",
        "Not enrolled with the provincial server",
    ),
    "sy_all_sent": ("ส่งข้อมูลครบแล้ว", "All sent"),
    "sy_last": ("ล่าสุด {when}", "last {when}"),
    "sy_waiting": ("รอส่ง {n:,} รายการ", "{n:,} waiting to send"),
    "sy_sending": ("กำลังส่ง {n:,} รายการ", "Sending {n:,}"),
    "sy_since": ("ค้างตั้งแต่ {when} ({age})", "since {when} ({age})"),
    "sy_stopped": ("หยุดส่งข้อมูล ({code})", "Sending stopped ({code})"),
    "sy_age_now": ("ไม่ถึง 1 นาที", "under a minute"),
    "sy_age_min": ("{m} นาที", "{m} min"),
    "sy_age_hours": ("{h} ชม. {m} นาที", "{h} h {m} min"),
    "sy_age_day": ("1 วัน", "1 day"),
    "sy_age_days": ("{d} วัน", "{d} days"),
    # logging out or quitting with a backlog -----------------------------------
    "sy_unsent_title": ("ยังส่งข้อมูลไม่ครบ", "Not everything is sent"),
    "sy_unsent_logout": (
        "ยังมี {n:,} รายการที่ยังไม่ได้ส่งไปเซิร์ฟเวอร์จังหวัด\n"
        "ข้อมูลเก็บไว้ในเครื่องอย่างปลอดภัย และจะส่งต่อเมื่อเชื่อมต่อได้\nออกจากระบบเลยหรือไม่?",
        "{n:,} entries have not reached the provincial server yet.\n"
        "They are safe on this till and will be sent next time.\nLog out now?",
    ),
    "sy_unsent_quit": (
        "ยังมี {n:,} รายการที่ยังไม่ได้ส่งไปเซิร์ฟเวอร์จังหวัด\n"
        "ข้อมูลเก็บไว้ในเครื่องอย่างปลอดภัย และจะส่งเมื่อเปิดโปรแกรมครั้งต่อไป\nปิดโปรแกรมเลยหรือไม่?",
        "{n:,} entries have not reached the provincial server yet.\n"
        "They are safe on this till and will be sent when it starts again.\nQuit now?",
    ),
    "sy_logout_yes": ("ออกจากระบบ", "Log out"),
    "sy_quit_yes": ("ปิดโปรแกรม", "Quit"),
    "sy_stay": ("ยังไม่ออก", "Stay"),
    # the manager's sync dialog ---------------------------------------------
    "sy_open": ("ส่งข้อมูลจังหวัด", "Provincial server"),
    "sy_title": ("ส่งข้อมูลไปเซิร์ฟเวอร์จังหวัด", "Sending to the provincial server"),
    "sy_url": ("ที่อยู่เซิร์ฟเวอร์", "Server address"),
    "sy_url_hint": ("เช่น https://otop.example.go.th", "e.g. https://otop.example.go.th"),
    "sy_code": ("รหัสลงทะเบียน (ใช้ครั้งเดียว)", "One-time enrolment code"),
    "sy_code_hint": ("XXXX-XXXX-XXXX", "XXXX-XXXX-XXXX"),
    "sy_enrol": ("ลงทะเบียน", "Enrol"),
    "sy_enrolling": ("กำลังติดต่อเซิร์ฟเวอร์จังหวัด…", "Contacting the provincial server…"),
    "sy_enrolled": ("ลงทะเบียนแล้ว เครื่องนี้คือ {terminal}", "Enrolled: this till is {terminal}"),
    "sy_url_missing": ("กรุณาใส่ที่อยู่เซิร์ฟเวอร์", "Type the server's address"),
    "sy_code_bad": (
        "รหัสลงทะเบียนต้องมี 12 ตัว เช่น 7K3M-Q9PX-2HDW",
        "The code has 12 characters, like 7K3M-Q9PX-2HDW",
    ),
    "sy_send_now": ("ส่งตอนนี้", "Send now"),
    "sy_retry": ("ลองอีกครั้ง", "Try again"),
    "sy_woken": ("สั่งให้ส่งแล้ว", "Asked to send now"),
    "sy_retrying": ("ลองส่งใหม่แล้ว", "Trying again"),
    "sy_no_uploader": (
        "ตัวส่งข้อมูลยังไม่ทำงาน ปิดแล้วเปิดโปรแกรมใหม่",
        "The uploader is not running; restart the till",
    ),
    "sy_terminal": ("เครื่อง", "Terminal"),
    "sy_server": ("เซิร์ฟเวอร์", "Server"),
    "sy_unsent": ("รอส่ง", "Waiting"),
    "sy_last_ack": ("ส่งสำเร็จล่าสุด", "Last acknowledged"),
    "sy_state": ("สถานะ", "State"),
    "sy_error": ("ข้อผิดพลาด", "Error"),
    "sy_never": ("ยังไม่เคย", "never"),
    "sy_state_not_enrolled": ("ยังไม่ได้ลงทะเบียน", "not enrolled"),
    "sy_state_idle": ("พร้อม", "idle"),
    "sy_state_sending": ("กำลังส่ง", "sending"),
    "sy_state_waiting": ("รอเชื่อมต่อ", "waiting to reach the server"),
    "sy_state_stopped": ("หยุดส่ง", "stopped"),
}

CODE_ALPHABET = frozenset("23456789ABCDEFGHJKLMNPQRSTUVWXYZ")


def _t(key: str, lang: str, **values: object) -> str:
    th, en = TEXTS[key]
    return (en if lang == "en" else th).format(**values)


def _parse(text: str | None) -> datetime | None:
    """A stored UTC time, or None when absent or unreadable (the line then leaves it out)."""
    if not text:
        return None
    try:
        return from_iso(text)
    except (TypeError, ValueError):
        return None


def clock_text(when: datetime, now: datetime, lang: str) -> str:
    """14:05 today (Bangkok); with the date on another day, B.E. in Thai."""
    if bangkok_date(when) == bangkok_date(now):
        return f"{to_bangkok(when):%H:%M}"
    if lang == "en":
        return format_numeric_en(when)
    return f"{format_short_date(when)} {to_bangkok(when):%H:%M}"


def age_text(age: timedelta, lang: str) -> str:
    """45 นาที, 2 ชม. 5 นาที, 3 วัน: precise while it is short, coarse once it is old."""
    minutes = max(0, int(age.total_seconds() // 60))
    if minutes < 1:
        return _t("sy_age_now", lang)
    if minutes < 60:
        return _t("sy_age_min", lang, m=minutes)
    if minutes < 24 * 60:
        return _t("sy_age_hours", lang, h=minutes // 60, m=minutes % 60)
    days = minutes // (24 * 60)
    return _t("sy_age_day", lang) if days == 1 else _t("sy_age_days", lang, d=days)


def state_text(state: str, lang: str) -> str:
    key = f"sy_state_{state}"
    return _t(key, lang) if key in TEXTS else state


def stop_message(status: SyncStatus, lang: str) -> str:
    """The core's own words for why it stopped, in the screen's language; its code otherwise."""
    message = status.message_en if lang == "en" else status.message_th
    message = message or status.message_th or status.message_en
    return message or _t("sy_stopped", lang, code=status.error_code or "?")


def backlog_text(status: SyncStatus, now: datetime, lang: str = "th") -> tuple[str, str]:
    """The sale screen's one line about the upload, and its severity (see SEVERITIES)."""
    if not status.enrolled or status.state == "not_enrolled":
        return _t("sy_not_enrolled", lang), "off"
    parts: list[str] = []
    if status.state == "stopped":
        parts.append(stop_message(status, lang))
    if status.unsent <= 0:
        if not parts:
            parts.append(_t("sy_all_sent", lang))
        acked = _parse(status.last_ack_at)
        if acked is not None:
            parts.append(_t("sy_last", lang, when=clock_text(acked, now, lang)))
        return " · ".join(parts), "alert" if status.state == "stopped" else "ok"
    sending = status.state == "sending"
    parts.append(_t("sy_sending" if sending else "sy_waiting", lang, n=status.unsent))
    oldest = _parse(status.oldest_unsent_at)
    severity = "info"
    if oldest is not None:
        age = now - oldest
        parts.append(
            _t("sy_since", lang, when=clock_text(oldest, now, lang), age=age_text(age, lang))
        )
        if age >= ALERT_AFTER:
            severity = "alert"
        elif age >= WARN_AFTER:
            severity = "warn"
    if status.state == "stopped":
        severity = "alert"
    return " · ".join(parts), severity


def normal_code(text: str) -> str | None:
    """An enrolment code as the server prints it (7K3M-Q9PX-2HDW), typed in any case, with or
    without dashes or spaces; None when it cannot be one, so a typo is marked before any network."""
    chars = "".join(text.split()).replace("-", "").upper()
    if len(chars) != 12 or not set(chars) <= CODE_ALPHABET:
        return None
    return f"{chars[:4]}-{chars[4:8]}-{chars[8:]}"
