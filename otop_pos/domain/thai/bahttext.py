"""An amount in Thai words, as printed on tax invoices and cheques.

Rules (Royal Institute reading, reference section 4): a final 1 in a number
of two or more digits is เอ็ด (101 -> หนึ่งร้อยเอ็ด, 1000001 ->
หนึ่งล้านเอ็ด); 1 in the tens place is สิบ, 2 is ยี่สิบ; groups of six
digits repeat with ล้าน. Computed from integer satang, never from floats.
"""

from __future__ import annotations

from otop_pos.domain.money import Money

_DIGITS = ("", "หนึ่ง", "สอง", "สาม", "สี่", "ห้า", "หก", "เจ็ด", "แปด", "เก้า")
_PLACES = ("", "สิบ", "ร้อย", "พัน", "หมื่น", "แสน")
_MILLION = 1_000_000


def _group_words(n: int, has_higher: bool) -> str:
    """Words for 0 <= n < 1,000,000; ``has_higher`` if millions precede it."""
    out: list[str] = []
    digits = str(n)
    width = len(digits)
    for i, ch in enumerate(digits):
        d = int(ch)
        place = width - 1 - i
        if d == 0:
            continue
        if place == 0:
            if d == 1 and (has_higher or n > 9):
                out.append("เอ็ด")
            else:
                out.append(_DIGITS[d])
        elif place == 1:
            prefix = {1: "", 2: "ยี่"}.get(d, _DIGITS[d])
            out.append(prefix + "สิบ")
        else:
            out.append(_DIGITS[d] + _PLACES[place])
    return "".join(out)


def number_text(n: int) -> str:
    """Thai words for a non-negative integer (0 -> ศูนย์)."""
    if n < 0:
        raise ValueError("number_text needs a non-negative integer")
    if n == 0:
        return "ศูนย์"
    return _words(n, has_higher=False)


def _words(n: int, has_higher: bool) -> str:
    millions, rest = divmod(n, _MILLION)
    if not millions:
        return _group_words(rest, has_higher)
    head = _words(millions, has_higher) + "ล้าน"
    return head + (_group_words(rest, has_higher=True) if rest else "")


def baht_text(amount: Money) -> str:
    """'3211.51' -> สามพันสองร้อยสิบเอ็ดบาทห้าสิบเอ็ดสตางค์.

    Whole amounts end with บาทถ้วน; under one baht only สตางค์ is read;
    zero is ศูนย์บาทถ้วน; a negative amount (credit note) is prefixed ลบ.
    """
    if amount.satang < 0:
        return "ลบ" + baht_text(-amount)
    baht, satang = divmod(amount.satang, 100)
    if baht == 0 and satang == 0:
        return "ศูนย์บาทถ้วน"
    if satang == 0:
        return number_text(baht) + "บาทถ้วน"
    if baht == 0:
        return number_text(satang) + "สตางค์"
    return number_text(baht) + "บาท" + number_text(satang) + "สตางค์"
