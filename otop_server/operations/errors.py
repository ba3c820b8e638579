"""Refusals the protocol names (docs/sync-protocol.md, "Errors"), each with Thai and English."""

from __future__ import annotations

from typing import Any

MESSAGES: dict[str, tuple[str, str]] = {
    "bad_json": ("เนื้อหาคำขอไม่ใช่ JSON ที่ถูกต้อง", "the body is not valid JSON"),
    "bad_batch": ("ชุดรายการมีรูปแบบไม่ถูกต้อง", "the batch is malformed"),
    "bad_request": ("คำขอมีรูปแบบไม่ถูกต้อง", "the request is malformed"),
    "terminal_mismatch": ("รหัสเครื่องในคำขอไม่ตรงกัน", "the terminal ids of the request differ"),
    "bad_auth_header": ("ส่วนหัวยืนยันตัวตนไม่ถูกต้อง", "an authentication header is malformed"),
    "unknown_terminal": ("เซิร์ฟเวอร์ไม่รู้จักเครื่องนี้ ต้องลงทะเบียนใหม่", "unknown terminal"),
    "stale_request": ("นาฬิกาของเครื่องไม่ตรงกับเซิร์ฟเวอร์", "the request's time is outside the window"),
    "bad_signature": ("ลายมือชื่อของคำขอไม่ถูกต้อง", "the signature does not match"),
    "nonce_reused": ("คำขอนี้ถูกส่งมาแล้ว", "this nonce was already used"),
    "unknown_code": ("ไม่พบรหัสลงทะเบียนนี้", "no such enrolment code"),
    "code_used": ("รหัสลงทะเบียนนี้ถูกใช้ไปแล้ว", "this enrolment code was already used"),
    "code_expired": ("รหัสลงทะเบียนหมดอายุแล้ว", "this enrolment code has expired"),
    "pos_id_mismatch": ("รหัสลงทะเบียนนี้ออกให้เครื่อง POS อื่น", "the code was made for another POS ID"),
    "already_enrolled": (
        "เครื่อง POS นี้ของศูนย์ลงทะเบียนไว้แล้วด้วยสมุดบัญชีอื่น",
        "this POS ID is enrolled with another chain",
    ),
    "too_many_attempts": ("ลองรหัสผิดหลายครั้งเกินไป โปรดรอสักครู่", "too many wrong codes"),
    "gap": ("รายการขาดช่วง ต้องส่งต่อจากลำดับที่เซิร์ฟเวอร์ระบุ", "the batch does not follow on"),
    "fork": (
        "รายการลำดับนี้ไม่ตรงกับที่เซิร์ฟเวอร์เก็บไว้ (สมุดบัญชีแยกทาง)",
        "an entry differs from the one held at its seq (a fork)",
    ),
    "behind": (
        "สมุดบัญชีของเครื่องนี้ย้อนหลังกว่าที่เซิร์ฟเวอร์เก็บไว้",
        "this till's journal is behind what the server holds",
    ),
    "broken_chain": ("ลายนิ้วมือของรายการไม่ต่อเนื่อง", "an entry's hash or link is wrong"),
    "too_large": ("ชุดรายการใหญ่เกินไป", "the body is larger than 1 MiB"),
    "not_found": ("ไม่พบหน้าที่ขอ", "no such path"),
    "method_not_allowed": ("ไม่รองรับวิธีเรียกนี้", "method not allowed"),
    "unavailable": ("เซิร์ฟเวอร์ไม่ว่าง โปรดลองใหม่", "the server is busy; retry later"),
}


class ApiError(Exception):
    """A refusal: its HTTP status, the protocol's code and the fields the code names."""

    def __init__(self, status: int, code: str, detail: str = "", **fields: Any) -> None:
        th, en = MESSAGES[code]
        super().__init__(f"{code}: {detail or en}")
        self.status = status
        self.code = code
        self.fields = fields
        self.message_th = th
        self.message_en = f"{en}: {detail}" if detail else en
        self.alerts: list[dict[str, Any]] = []  # written even though the request is refused

    def body(self) -> dict[str, Any]:
        return {
            "error": self.code,
            "message_th": self.message_th,
            "message_en": self.message_en,
            **self.fields,
        }
