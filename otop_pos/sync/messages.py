"""What the till says about sync, in Thai and English, per protocol error code.

The till's own words, not the server's: they say what happens at this till
(selling goes on, it retries by itself, or a manager must act), which the
server cannot know. A code without a line here falls back to the server's
own message inside a sentence saying that sending stopped.
"""

from __future__ import annotations

import string
from collections.abc import Mapping
from typing import Any

_AGAIN_TH = "ขายสินค้าได้ตามปกติ ระบบจะส่งให้เองเมื่อติดต่อได้"
_AGAIN_EN = "Selling goes on; the till sends by itself once the server answers."
_STOP_TH = "หยุดส่งข้อมูลแล้ว กรุณาแจ้งผู้จัดการ"
_STOP_EN = "Sending has stopped; call the manager."
_ENROL_TH = "ต้องลงทะเบียนเครื่องนี้กับเซิร์ฟเวอร์จังหวัดใหม่ (ขอรหัสลงทะเบียนจากจังหวัด)"
_ENROL_EN = "This till must be enrolled again (ask the province for a code)."

TEXTS: dict[str, tuple[str, str]] = {
    # waiting: it retries by itself
    "no_answer": (
        f"ติดต่อเซิร์ฟเวอร์จังหวัดไม่ได้ {_AGAIN_TH}",
        f"The provincial server does not answer. {_AGAIN_EN}",
    ),
    "server_error": (
        f"เซิร์ฟเวอร์จังหวัดขัดข้อง {_AGAIN_TH}",
        f"The provincial server failed. {_AGAIN_EN}",
    ),
    "busy": (
        f"เซิร์ฟเวอร์จังหวัดไม่ว่าง จะลองใหม่ในอีก {{retry_after}} วินาที {_AGAIN_TH}",
        f"The provincial server is busy; retrying in {{retry_after}} s. {_AGAIN_EN}",
    ),
    "stale_request": (
        "นาฬิกาของเครื่องนี้ไม่ตรงกับเซิร์ฟเวอร์จังหวัด (เวลาเซิร์ฟเวอร์ {server_time})"
        " กรุณาตั้งวันและเวลาของเครื่องให้ถูกต้อง แล้วระบบจะส่งข้อมูลต่อเอง",
        "This till's clock is wrong (the server's time is {server_time}); set the date and"
        " time and the till sends again by itself.",
    ),
    # stopped: enrol again
    "bad_auth_header": (f"เซิร์ฟเวอร์ไม่ยอมรับเครื่องนี้ {_ENROL_TH}", f"Refused. {_ENROL_EN}"),
    "unknown_terminal": (f"เซิร์ฟเวอร์ไม่รู้จักเครื่องนี้ {_ENROL_TH}", f"Unknown. {_ENROL_EN}"),
    "bad_signature": (
        f"รหัสลับของเครื่องนี้ใช้ไม่ได้แล้ว {_ENROL_TH}",
        f"This till's secret is no longer valid. {_ENROL_EN}",
    ),
    "bad_checkpoint": (
        f"ใบยืนยันที่ได้รับไม่ได้ลงนามโดยเซิร์ฟเวอร์ที่ลงทะเบียนไว้ {_STOP_TH}",
        f"The checkpoint received is not signed by the enrolled server. {_STOP_EN}",
    ),
    # stopped: the chain
    "fork": (
        f"รายการลำดับที่ {{seq}} ของเครื่องนี้ไม่ตรงกับที่เซิร์ฟเวอร์จังหวัดเก็บไว้ {_STOP_TH}และจังหวัด",
        f"Entry {{seq}} of this till differs from the one the server holds. {_STOP_EN}",
    ),
    "behind": (
        "เซิร์ฟเวอร์จังหวัดมีรายการของเครื่องนี้ถึงลำดับที่ {seq} แต่เครื่องนี้ไม่มีแล้ว"
        f" (อาจกู้คืนจากข้อมูลสำรองเก่า) {_STOP_TH}",
        "The server holds entries this till no longer has, up to seq {seq} (restored from an"
        f" old backup?). {_STOP_EN}",
    ),
    "broken_chain": (
        f"เซิร์ฟเวอร์พบว่ารายการลำดับที่ {{seq}} ไม่ต่อเนื่อง {_STOP_TH}ให้ตรวจบัญชี (otop-pos journal verify)",
        f"The server found entry {{seq}} broken. {_STOP_EN} Check the books (journal verify).",
    ),
    "too_large": (
        f"รายการลำดับที่ {{seq}} ใหญ่เกินกว่าที่เซิร์ฟเวอร์รับได้ {_STOP_TH}",
        f"Entry {{seq}} is larger than the server takes. {_STOP_EN}",
    ),
    "gap": (
        f"เซิร์ฟเวอร์ขอรายการจากลำดับที่ {{expected_seq}} ซึ่งเครื่องนี้ส่งให้ไม่ได้ {_STOP_TH}",
        f"The server asks for entries from seq {{expected_seq}}, which cannot be sent. {_STOP_EN}",
    ),
    "bad_answer": (
        f"เซิร์ฟเวอร์จังหวัดตอบกลับไม่ถูกต้อง {_STOP_TH}",
        f"The server's answer is not what the protocol says. {_STOP_EN}",
    ),
    # enrolment
    "not_enrolled": (
        "เครื่องนี้ยังไม่ได้ลงทะเบียนกับเซิร์ฟเวอร์จังหวัด",
        "This till is not enrolled with the provincial server.",
    ),
    "enrol_no_answer": (
        "ติดต่อเซิร์ฟเวอร์จังหวัดไม่ได้ ลงทะเบียนไม่สำเร็จ ตรวจสอบที่อยู่เซิร์ฟเวอร์และเครือข่าย",
        "The server does not answer; not enrolled. Check its address and the network.",
    ),
    "bad_url": (
        "ที่อยู่เซิร์ฟเวอร์ต้องเป็น https://ชื่อเครื่อง (http ใช้ได้เฉพาะเครื่องนี้เอง)",
        "The server's address must be https://host (plain http only on this machine).",
    ),
    "unknown_code": (
        "ไม่พบรหัสลงทะเบียนนี้ ตรวจสอบรหัสแล้วลองอีกครั้ง",
        "No such enrolment code; check it and try again.",
    ),
    "code_used": (
        "รหัสลงทะเบียนนี้ถูกใช้ไปแล้ว กรุณาขอรหัสใหม่จากจังหวัด",
        "This enrolment code was already used; ask the province for a new one.",
    ),
    "code_expired": (
        "รหัสลงทะเบียนนี้หมดอายุแล้ว กรุณาขอรหัสใหม่จากจังหวัด",
        "This enrolment code has expired; ask the province for a new one.",
    ),
    "pos_id_mismatch": (
        "รหัสลงทะเบียนนี้ออกให้เครื่อง {expected_pos_id} ไม่ใช่เครื่อง {pos_id}",
        "This code was made for {expected_pos_id}, not {pos_id}.",
    ),
    "already_enrolled": (
        "เครื่อง {pos_id} ของศูนย์นี้ลงทะเบียนไว้แล้วด้วยสมุดบัญชีอื่น กรุณาแจ้งจังหวัด",
        "{pos_id} of this centre is enrolled with another journal; call the province.",
    ),
    "too_many_attempts": (
        "ลองรหัสผิดหลายครั้งเกินไป กรุณารอ {retry_after} วินาทีแล้วลองใหม่",
        "Too many wrong codes; wait {retry_after} s and try again.",
    ),
}
REFUSED = (
    f"เซิร์ฟเวอร์จังหวัดปฏิเสธข้อมูลที่ส่ง: {{server_th}} ({{code}}, HTTP {{status}}) {_STOP_TH}",
    f"The server refused what was sent: {{server_en}} ({{code}}, HTTP {{status}}). {_STOP_EN}",
)
"""Any other refusal (400 bad_batch, terminal_mismatch, bad_json, a 404...): a bug, never retried."""


class _Blank(dict[str, Any]):
    def __missing__(self, key: str) -> str:
        return "?"


def text(code: str, fields: Mapping[str, Any] | None = None,
         server: Mapping[str, Any] | None = None) -> tuple[str, str]:  # fmt: skip
    """(Thai, English) for ``code``, filled from ``fields``; others name the server's words."""
    values = _Blank({k: v for k, v in (fields or {}).items() if isinstance(v, (str, int))})
    th, en = TEXTS.get(code, REFUSED)
    if code not in TEXTS:
        server = server or {}
        values.setdefault("code", code)
        values["server_th"] = str(server.get("message_th") or code)
        values["server_en"] = str(server.get("message_en") or code)
    fmt = string.Formatter()
    return fmt.vformat(th, (), values), fmt.vformat(en, (), values)
