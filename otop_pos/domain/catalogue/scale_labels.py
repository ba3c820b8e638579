"""Labels printed by shop scales: EAN-13 codes that carry an item code and a weight or price.

A label scale (CAS, DIGI, Mettler Toledo, Ishida...) prints an EAN-13 in
GS1's restricted range 20-29: a flag, the item code programmed into the
scale (its PLU's code), the weight or the price, and the check digit. A
layout is written as the scales' manuals write it, one letter per digit:

    flag digits   2, 20 ... 29 (literal, at the start)
    I             item code
    W             weight in thousandths of the product's unit (grams for kg goods)
    P             price in satang        B   price in whole baht
    V             GS1 price/weight check digit over a 4- or 5-digit W, P or B
    C             the EAN-13 check digit (last)

so "20 IIIII WWWWW C" is a 20 flag, a 5-digit item code and 5 digits of
grams. The centre lists the layouts its scales print (a setting); the
common ones are built in. Which layouts and why: docs/weighed-goods.md.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from otop_pos.domain.catalogue.barcode import is_valid_ean13
from otop_pos.domain.money import Money

CODE_LEN = 13
MAX_SETTING = 200
"""Characters the layout setting may have (a handful of 13-letter layouts and names)."""

BUILT_IN: dict[str, str] = {
    "weight-20": "20 IIIII WWWWW C",  # CAS "DDIIIIIWWWWWC", DIGI F2 C5 W5 CD: 99.999 kg
    "price-21": "21 IIIII PPPPP C",  # the same with the price in satang: 999.99 baht
    "baht-22": "22 IIIII BBBBB C",  # price in whole baht, as some Thai scales are set
    "weight-2": "2 IIIIII WWWWW C",  # CAS "DIIIIIIWWWWWC": one flag digit, 6-digit item
    "price-check-23": "23 IIII V PPPPP C",  # GS1 style with a price check digit (DIGI F2 C4 V P5)
}
DEFAULT_LAYOUTS = "weight-20"

_LAYOUT_RE = re.compile(r"(2[0-9]?)(I+)(V?)(W+|P+|B+)(C)|(2[0-9]?)(I+)(W+|P+|B+)(V)(C)", re.ASCII)
_DIGITS_RE = re.compile(r"[0-9]{13}", re.ASCII)

# GS1 General Specifications 7.9.3-7.9.4: the products of the weighting factors.
_TWO_MINUS = (0, 2, 4, 6, 8, 9, 1, 3, 5, 7)
_THREE = (0, 3, 6, 9, 2, 5, 8, 1, 4, 7)
_FIVE_PLUS = (0, 5, 1, 6, 2, 7, 3, 8, 4, 9)
_FIVE_MINUS = (0, 5, 9, 4, 8, 3, 7, 2, 6, 1)


class ScaleLabelError(ValueError):
    """A scale label or layout that cannot be used; ``thai`` for the cashier or manager."""

    def __init__(self, thai: str, english: str) -> None:
        super().__init__(thai)
        self.thai = thai
        self.english = english


@dataclass(frozen=True, slots=True)
class Layout:
    """Where a scale puts each field in its 13 digits."""

    pattern: str  # 13 letters and flag digits, no spaces
    flag: str
    item: slice
    value: slice
    kind: str  # 'weight' | 'satang' | 'baht'
    check: slice | None  # the V digit

    def __str__(self) -> str:
        return self.pattern


@dataclass(frozen=True, slots=True)
class ScaleLabel:
    """What one label says: the item code and either a weight or a price."""

    code: str
    item: int
    weight: int | None = None  # thousandths of the product's unit
    price: Money | None = None


def price_check_digit(digits: str) -> int:
    """GS1's check digit over a 4- or 5-digit price or weight field."""
    d = [int(c) for c in digits]
    if len(d) == 4:
        total = _TWO_MINUS[d[0]] + _TWO_MINUS[d[1]] + _THREE[d[2]] + _FIVE_MINUS[d[3]]
        return (total * 3) % 10
    if len(d) == 5:
        total = (
            _FIVE_PLUS[d[0]] + _TWO_MINUS[d[1]] + _FIVE_MINUS[d[2]] + _FIVE_PLUS[d[3]]
        ) + _TWO_MINUS[d[4]]
        return _FIVE_MINUS.index((10 - total % 10) % 10)
    raise ValueError("a price check digit covers 4 or 5 digits")


def _span(pattern: str, letters: str) -> slice:
    start = min(pattern.index(c) for c in letters if c in pattern)
    end = max(pattern.rindex(c) for c in letters if c in pattern) + 1
    return slice(start, end)


def parse_layout(text: str) -> Layout:
    """A layout by its built-in name or written out ('20 IIIII WWWWW C')."""
    if not isinstance(text, str) or len(text) > MAX_SETTING:
        raise ScaleLabelError("รูปแบบฉลากตาชั่งไม่ถูกต้อง", "Not a scale label layout.")
    name = text.strip().lower()
    pattern = "".join(BUILT_IN.get(name, text).split()).upper()
    match = _LAYOUT_RE.fullmatch(pattern) if len(pattern) == CODE_LEN else None
    if match is None:
        raise ScaleLabelError(
            f'รูปแบบฉลากตาชั่ง "{text.strip()[:40]}" ใช้ไม่ได้ ต้องยาว 13 หลัก ขึ้นต้นด้วย 2'
            " ตามด้วย I (รหัสสินค้า) W (น้ำหนัก) หรือ P/B (ราคา) และจบด้วย C เช่น 20IIIIIWWWWWC"
            f" หรือชื่อแบบสำเร็จรูป ({', '.join(BUILT_IN)})",
            f"Layout {text.strip()[:40]!r}: 13 positions, a flag starting with 2, I, W or P/B,"
            f" an optional V and C last (e.g. 20IIIIIWWWWWC), or one of {', '.join(BUILT_IN)}.",
        )
    value = _span(pattern, "WPB")
    if "V" in pattern and value.stop - value.start not in (4, 5):
        raise ScaleLabelError(
            "เลขตรวจสอบราคา (V) ใช้กับราคาหรือน้ำหนัก 4 หรือ 5 หลักเท่านั้น",
            "A price check digit (V) needs a 4- or 5-digit value.",
        )
    kind = {"W": "weight", "P": "satang", "B": "baht"}[pattern[value.start]]
    flag = match[1] or match[6]
    check = slice(pattern.index("V"), pattern.index("V") + 1) if "V" in pattern else None
    return Layout(pattern, flag, _span(pattern, "I"), value, kind, check)


def parse_layouts(text: str) -> tuple[Layout, ...]:
    """The layouts of the centre's setting, comma separated; blank turns scale labels off.

    Two layouts whose flags could both start one code are refused: a label
    must never be read two ways.
    """
    if not isinstance(text, str) or len(text) > MAX_SETTING:
        raise ScaleLabelError(
            f"การตั้งค่าฉลากตาชั่งยาวเกิน {MAX_SETTING} ตัวอักษร",
            f"The scale label setting is longer than {MAX_SETTING} characters.",
        )
    layouts = tuple(parse_layout(part) for part in text.split(",") if part.strip())
    for i, a in enumerate(layouts):
        for b in layouts[i + 1 :]:
            if a.flag.startswith(b.flag) or b.flag.startswith(a.flag):
                raise ScaleLabelError(
                    f"รูปแบบฉลาก {a} และ {b} ขึ้นต้นเหมือนกัน อ่านได้สองแบบ ใช้คำนำหน้าต่างกัน",
                    f"Layouts {a} and {b} share a flag; give each its own.",
                )
    return layouts


def decode(code: str, layouts: tuple[Layout, ...]) -> ScaleLabel | None:
    """The label's fields, or None when ``code`` is not a label of these layouts.

    A code of a layout whose check digits are wrong is refused (a misread or
    a mistyped label), never read as another weight.
    """
    if not isinstance(code, str) or len(code) != CODE_LEN or not _DIGITS_RE.fullmatch(code):
        return None
    layout = next((lay for lay in layouts if code.startswith(lay.flag)), None)
    if layout is None:
        return None
    if not is_valid_ean13(code):
        raise ScaleLabelError(
            f"บาร์โค้ด {code} เลขตรวจสอบไม่ถูกต้อง กรุณาสแกนใหม่หรือพิมพ์ให้ครบ",
            f"{code} has a wrong check digit; scan it again.",
        )
    digits = code[layout.value]
    if layout.check is not None and price_check_digit(digits) != int(code[layout.check]):
        raise ScaleLabelError(
            f"ฉลากตาชั่ง {code} เลขตรวจสอบราคาไม่ถูกต้อง กรุณาสแกนใหม่",
            f"{code}: the price check digit is wrong; scan it again.",
        )
    value = int(digits)
    if value == 0:
        raise ScaleLabelError(
            f"ฉลากตาชั่ง {code} ไม่มีน้ำหนักหรือราคา (เป็นศูนย์) กรุณาชั่งใหม่",
            f"{code} carries a zero weight or price; weigh it again.",
        )
    item = int(code[layout.item])
    if layout.kind == "weight":
        return ScaleLabel(code, item, weight=value)
    return ScaleLabel(code, item, price=Money(value * (100 if layout.kind == "baht" else 1)))


def weight_for_price(price: Money, unit_price: Money) -> int | None:
    """The weight (thousandths) whose amount at ``unit_price`` is exactly ``price``.

    A price label tells the price, not the weight; when the scale and the
    till have the same price per unit some weight gives exactly that price
    (the nearest to price / unit price when several do). None when none does:
    the scale's price list differs from the till's, and guessing would charge
    or take from stock something the label does not say.
    """
    p, a = unit_price.satang, price.satang
    if p <= 0 or a <= 0:
        return None
    # amount(w) = floor((w * p + 500) / 1000) == a  <=>  1000a - 500 <= w * p < 1000a + 500
    low = -(-(1000 * a - 500) // p)
    high = -(-(1000 * a + 500) // p) - 1
    if low > high:
        return None
    nearest = (2000 * a + p) // (2 * p)  # 1000a / p rounded half up
    return max(low, min(high, nearest, 10**9))
