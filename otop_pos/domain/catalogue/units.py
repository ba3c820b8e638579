"""The unit a product is sold in, and its quantities as exact integers.

A piece product counts whole pieces. A measured product (kg, g, litre,
metre) is priced per unit and counts thousandths of it (grams, millilitres,
millimetres), so 0.450 kg is the integer 450: a weight is never a float, and
stock of weighed goods adds up exactly. A line's amount is the unit price
times the quantity, rounded half up to the satang once per line.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from decimal import Decimal
from enum import StrEnum

from otop_pos.domain.money import Money


class Unit(StrEnum):
    PIECE = "piece"
    KG = "kg"
    G = "g"
    L = "l"
    M = "m"


MILLI = 1000
"""Thousandths of a measured unit in one unit (grams in a kilogram)."""
MAX_UNITS = 9999
"""Most of one line of a sale: 9,999 pieces, or 9,999 kg, litres or metres."""
MAX_TYPED = 24
"""Characters a typed quantity may have ("1,234.567 กิโลกรัม" with room to spare)."""

SHORT_TH = {Unit.PIECE: "ชิ้น", Unit.KG: "กก.", Unit.G: "ก.", Unit.L: "ล.", Unit.M: "ม."}
SHORT_EN = {Unit.PIECE: "pcs", Unit.KG: "kg", Unit.G: "g", Unit.L: "L", Unit.M: "m"}
NAME_TH = {Unit.PIECE: "ชิ้น", Unit.KG: "กิโลกรัม", Unit.G: "กรัม", Unit.L: "ลิตร", Unit.M: "เมตร"}
NAME_EN = {
    Unit.PIECE: "piece",
    Unit.KG: "kilogram",
    Unit.G: "gram",
    Unit.L: "litre",
    Unit.M: "metre",
}
# UN/ECE Recommendation 20 codes, as e-Tax documents name a quantity's unit
UNECE = {Unit.PIECE: "C62", Unit.KG: "KGM", Unit.G: "GRM", Unit.L: "LTR", Unit.M: "MTR"}
# the thousandth of each measured unit, as the weight prompt offers it
SMALL_TH = {Unit.KG: "กรัม", Unit.G: "มก.", Unit.L: "มล.", Unit.M: "มม."}
SMALL_EN = {Unit.KG: "g", Unit.G: "mg", Unit.L: "ml", Unit.M: "mm"}

# What may follow a typed number, per product unit, and how many thousandths of
# the product's unit it means (1 for the thousandth itself). Keys are lower case
# without a final full stop.
_SUFFIXES: dict[Unit, dict[str, int]] = {
    Unit.PIECE: dict.fromkeys(("", "ชิ้น", "pc", "pcs", "อัน"), 1),
    Unit.KG: {
        **dict.fromkeys(("", "kg", "kgs", "กก", "กิโล", "กิโลกรัม"), MILLI),
        **dict.fromkeys(("g", "gr", "ก", "กรัม"), 1),
    },
    Unit.G: {**dict.fromkeys(("", "g", "gr", "ก", "กรัม"), MILLI), **dict.fromkeys(("mg", "มก"), 1)},
    Unit.L: {
        **dict.fromkeys(("", "l", "ltr", "ล", "ลิตร"), MILLI),
        **dict.fromkeys(("ml", "มล", "มิลลิลิตร", "cc", "ซีซี"), 1),
    },
    Unit.M: {
        **dict.fromkeys(("", "m", "ม", "เมตร"), MILLI),
        **dict.fromkeys(("cm", "ซม", "เซนติเมตร", "เซน"), 10),
        **dict.fromkeys(("mm", "มม", "มิลลิเมตร"), 1),
    },
}
_THAI_DIGITS = str.maketrans("๐๑๒๓๔๕๖๗๘๙", "0123456789")
# The Thai (Kedmanee) keyboard's number row, and 'ใ' on the full-stop key.
_KEDMANEE = str.maketrans("ๅ/-ภถุึคตจใ", "1234567890.")
_KEDMANEE_KEYS = frozenset("ๅ/-ภถุึคตจใ")
_NUMBER_RE = re.compile(r"([0-9]*)(?:\.([0-9]*))?\s*(.*)", re.ASCII | re.DOTALL)


class QuantityError(ValueError):
    """A typed quantity that cannot be used; ``thai`` for the cashier, ``field`` its box."""

    def __init__(self, thai: str, english: str, field: str) -> None:
        super().__init__(thai)
        self.thai = thai
        self.english = english
        self.field = field

    def message(self, lang: str = "th") -> str:
        return self.english if lang == "en" else self.thai


_UNITS = {u.value: u for u in Unit}


def unit_of(value: object) -> Unit:
    """The unit stored or journalled as ``value`` ('piece', 'kg'...); None is a piece."""
    if value is None:
        return Unit.PIECE
    found = _UNITS.get(value) if isinstance(value, str) else None
    if found is None:
        raise QuantityError(
            f"หน่วยสินค้า {value!r} ใช้ไม่ได้ (ใช้ ชิ้น, กก., ก., ล. หรือ ม.)",
            f"Unknown unit {value!r} (piece, kg, g, l or m).",
            "unit",
        )
    return found


def is_measured(unit: Unit | str) -> bool:
    return unit_of(unit) is not Unit.PIECE


def per_unit(unit: Unit | str) -> int:
    """Stored quantity in one unit: 1 piece is 1, 1 kg is 1,000 (grams)."""
    return MILLI if is_measured(unit) else 1


def qty_number(qty: int, unit: Unit | str, grouping: bool = True) -> str:
    """'3', '1,250' or '0.450': a measured quantity always with three decimals."""
    if not is_measured(unit):
        return f"{qty:,}" if grouping else str(qty)
    whole, part = divmod(abs(qty), MILLI)
    sign = "-" if qty < 0 else ""
    return f"{sign}{whole:,}.{part:03d}" if grouping else f"{sign}{whole}.{part:03d}"


def unit_text(unit: Unit | str, lang: str = "th") -> str:
    """The unit's short sign: 'กก.' ('kg'), 'ชิ้น' ('pcs')."""
    return (SHORT_EN if lang == "en" else SHORT_TH)[unit_of(unit)]


def in_units(qty: int, unit: Unit | str) -> int | Decimal:
    """The quantity in whole units for a document that states it exactly: 450 g is 0.450."""
    return Decimal(qty).scaleb(-3) if is_measured(unit) else qty


def price_suffix(unit: Unit | str, lang: str = "th") -> str:
    """'/กก.' after a measured product's price ('130.00/กก.'); nothing after a piece's."""
    return f"/{unit_text(unit, lang)}" if is_measured(unit) else ""


def qty_text(qty: int, unit: Unit | str, lang: str = "th") -> str:
    """A quantity with its unit, as receipts and stock screens show it: '0.450 กก.', '3 ชิ้น'."""
    return f"{qty_number(qty, unit)} {unit_text(unit, lang)}"


def qty_shown(qty: int, unit: Unit | str, lang: str = "th") -> str:
    """What a quantity column shows: pieces bare ('1,250'), a measured one with its unit."""
    return qty_text(qty, unit, lang) if is_measured(unit) else qty_number(qty, unit)


def totals_text(quantities: Iterable[tuple[int, Unit | str]], lang: str = "th") -> str:
    """Quantities of several products added up per unit: '12 ชิ้น + 20.500 กก.'.

    Pieces and kilograms never add into one number; with nothing it is '0 ชิ้น'.
    """
    sums: dict[Unit, int] = {}
    for qty, unit in quantities:
        u = unit_of(unit)
        sums[u] = sums.get(u, 0) + qty
    parts = [qty_text(sums[u], u, lang) for u in Unit if u in sums]
    return " + ".join(parts) or qty_text(0, Unit.PIECE, lang)


def amount_for(unit_price: Money, qty: int, unit: Unit | str) -> Money:
    """Unit price times quantity; a measured quantity rounds half up to the satang.

    Negative quantities (stock short of the system's figure) round half away
    from zero, so a loss and a gain of the same weight are worth the same.
    """
    if not is_measured(unit):
        return unit_price * qty
    product = unit_price.satang * qty
    sign = -1 if product < 0 else 1
    return Money(sign * ((abs(product) + MILLI // 2) // MILLI))


def items_in(qty: int, unit: Unit | str) -> int:
    """What a line adds to 'n pieces': its pieces, or one for a weighed bag."""
    return qty if not is_measured(unit) else 1


def _bad(text: str, unit: Unit, field: str) -> QuantityError:
    shown = text.strip()[:MAX_TYPED]
    if unit is Unit.PIECE:
        return QuantityError(
            f'จำนวน "{shown}" ใช้ไม่ได้ สินค้านี้ขายเป็นชิ้น ใส่จำนวนเต็ม เช่น 2',
            f"{shown!r} is not a quantity; this product is sold by the piece (e.g. 2).",
            field,
        )
    big, small = SHORT_TH[unit], SMALL_TH[unit]
    return QuantityError(
        f'"{shown}" ใช้ไม่ได้ ใส่เป็น{NAME_TH[unit]}มีจุดทศนิยม เช่น 0.450 หรือเป็น{small} เช่น 450 {small}'
        f" (หน่วย {big})",
        f"{shown!r} is not a quantity; type {NAME_EN[unit]}s with a decimal point (0.450)"
        f" or {SMALL_EN[unit]} (450 {SMALL_EN[unit]}).",
        field,
    )


def _clean(text: str) -> str:
    cleaned = "".join(text.split()).translate(_THAI_DIGITS)
    chars = set(cleaned)
    if chars and chars <= _KEDMANEE_KEYS and not chars <= set("-/"):
        cleaned = cleaned.translate(_KEDMANEE)  # typed with the Thai layout on
    return cleaned


def parse_quantity(
    text: str,
    unit: Unit | str,
    *,
    field: str = "qty",
    small: bool = False,
    allow_zero: bool = False,
    max_units: int = MAX_UNITS,
) -> int:
    """A typed quantity of ``unit`` as stored: pieces, or thousandths of a measured unit.

    '0.45', '0.45 กก.', '450 g' and '450 กรัม' are 450 for a kg product; with
    ``small`` a bare number is already in thousandths (the prompt's gram
    mode). A decimal point is refused for piece goods, saying so. Raises only
    ``QuantityError``, whatever is typed, and reads at most MAX_TYPED characters.
    """
    unit = unit_of(unit)
    if not isinstance(text, str):
        raise QuantityError("จำนวนไม่ถูกต้อง", "Not a quantity.", field)
    if len(text) > MAX_TYPED:
        raise QuantityError(
            f"จำนวนยาวเกิน {MAX_TYPED} ตัวอักษร", f"Longer than {MAX_TYPED} characters.", field
        )
    cleaned = _clean(text)
    if not cleaned:
        raise QuantityError("กรุณาใส่จำนวน", "Enter a quantity.", field)
    match = _NUMBER_RE.fullmatch(cleaned)
    if match is None or not (match[1] or match[2]):
        raise _bad(text, unit, field)
    whole, frac, suffix = match[1], match[2] or "", match[3].lower().removesuffix(".")
    scale = _SUFFIXES[unit].get(suffix)
    if scale is None:
        raise _bad(text, unit, field)
    if unit is not Unit.PIECE and small and not suffix:
        scale = 1
    if unit is Unit.PIECE and match[2] is not None:
        raise _bad(text, unit, field)
    digits = (whole + frac).lstrip("0") or "0"
    value, rest = divmod(int(digits) * scale, 10 ** len(frac))
    value = int(value)
    if rest:
        raise QuantityError(
            f'"{text.strip()}" ละเอียดเกินไป ใส่ได้ถึง 1 {SMALL_TH.get(unit, "ชิ้น")}',
            f"{text.strip()!r} is finer than 1 {SMALL_EN.get(unit, 'piece')}.",
            field,
        )
    top = max_units * per_unit(unit)
    if value == 0 and not allow_zero:
        raise QuantityError("จำนวนต้องมากกว่าศูนย์", "The quantity must be more than zero.", field)
    if value > top:
        raise QuantityError(
            f"จำนวนต้องไม่เกิน {qty_text(top, unit)} ต่อรายการ กรุณาตรวจสอบ",
            f"At most {qty_text(top, unit, 'en')}; please check.",
            field,
        )
    return value
