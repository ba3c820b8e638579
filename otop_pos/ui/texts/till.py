"""Screen texts (Thai, English) of the till's counter fit: held bills, quitting; merged into
i18n.TEXTS."""

from __future__ import annotations

TEXTS: dict[str, tuple[str, str]] = {
    "hold_count": ("พักบิล (F8) · {n}", "Hold (F8) · {n}"),
    "held_now": ("พักบิลไว้แล้ว (พักอยู่ {n} บิล)", "Sale held ({n} held)."),
    "held_on_quit": ("พักไว้ตอนปิดโปรแกรม", "held when the till closed"),
    "quit_hold_failed": (
        "พักบิลไม่สำเร็จ ยังไม่ปิดโปรแกรม: {why}",
        "The sale could not be held, so the till stays open: {why}",
    ),
    "quit_shift_title": ("กะยังเปิดอยู่", "The shift is still open"),
    "quit_shift_text": (
        "กะของเครื่องนี้ยังเปิดอยู่ (เปิดโดย {name}) จะปิดกะและนับเงินตอนนี้ หรือปล่อยกะไว้แล้วออก?",
        "This till's shift is still open (opened by {name}). Close it and count the drawer now,"
        " or leave it open and quit?",
    ),
    "quit_shift_login": (
        "กะของเครื่องนี้ยังเปิดอยู่ (เปิดโดย {name}) ต้องเข้าสู่ระบบก่อนจึงจะปิดกะได้ จะปล่อยกะไว้แล้วออกหรือไม่?",
        "This till's shift is still open (opened by {name}); log in to close it."
        " Leave it open and quit?",
    ),
    "quit_close_shift": ("ปิดกะตอนนี้", "Close the shift now"),
    "quit_leave_shift": ("ปล่อยกะไว้ แล้วออก", "Leave it open and quit"),
    "quit_cancel": ("ยกเลิก ไม่ออก", "Cancel"),
}
