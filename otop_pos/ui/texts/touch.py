"""Screen texts (Thai, English) of the touch keypad and the questions added with it.

Kept apart from ``i18n.TEXTS`` (and read with ``touch_text``) so the keypad's
words are edited in one place; the language is the one ``i18n`` was set to.
"""

from __future__ import annotations

from otop_pos.ui.texts.i18n import language

TEXTS: dict[str, tuple[str, str]] = {
    "keypad": ("แป้นตัวเลข", "Number keypad"),
    "back": ("ลบทีละตัว", "Backspace"),
    "clear": ("ล้าง", "Clear"),
    "enter": ("ตกลง", "Enter"),
    "00": ("ศูนย์สองตัว", "Double zero"),
    ".": ("จุดทศนิยม", "Decimal point"),
    # PromptPay: the money is confirmed by its own key, never by Enter
    "promptpay_received": ("ได้รับเงินแล้ว (F11)", "Money received (F11)"),
    "promptpay_enter_hint": (
        "ตรวจว่าเงินเข้าบัญชีแล้ว จึงกด ได้รับเงินแล้ว (F11)",
        "Check the money has arrived, then press Money received (F11).",
    ),
    # opening a shift with nothing in the drawer
    "zero_float_title": ("ยืนยันเงินทอนตั้งต้น", "Confirm the float"),
    "zero_float_question": (
        "เงินทอนตั้งต้นเป็น 0 บาท ลิ้นชักไม่มีเงินทอนเลย\nเปิดกะด้วยเงินทอน 0 บาทใช่หรือไม่",
        "The float is 0 baht: there is no change in the drawer.\nOpen the shift with 0 baht?",
    ),
    "zero_float_yes": ("เปิดกะด้วย 0 บาท", "Open with 0 baht"),
    "zero_float_no": ("กลับไปนับเงิน", "Back to the count"),
}


def touch_text(key: str, **values: object) -> str:
    th, en = TEXTS[key]
    text = en if language() == "en" else th
    return text.format(**values) if values else text
